"""Reference data for actors: lexicon files in, one ``Lexicon`` (surface forms → actors) out.

States: French names from babel (CLDR), with the project's table ``kg/lexicons/states.tsv`` for
what CLDR lacks (aliases, demonyms, capitals and seats of power used by metonymy, Wikidata IDs).
Organisations and agencies: ``kg/lexicons/organizations.tsv``. Threat groups:
``kg/data/threat_actors.tsv`` (a copy of ``ontology/threat_actors/``, generated from the MISP galaxy).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..data import data_file as _data_file  # kg/data/threat_actors.tsv; missing: FileNotFoundError


@dataclass(frozen=True)
class StateInfo:
    code: str
    name: str
    wikidata: str


@dataclass(frozen=True)
class OrgInfo:
    key: str
    kind: str  # "InternationalOrganization" | "Organization"
    label: str
    code: str | None
    state: str | None
    parent: str | None = None  # key of the body it belongs to (unit → GRU → ministry)


@dataclass(frozen=True)
class ThreatInfo:
    key: str
    name: str
    state: str | None
    aliases: tuple[str, ...]
    agency: str | None = None


@dataclass(frozen=True)
class Entry:
    """One surface form. ``form`` is how the text names the actor: name, capital, metonym,
    demonym, prefix (« sino- »), org or threat."""

    surface: str
    form: str
    ref: str  # state code, org key or threat key


@dataclass
class Lexicon:
    states: dict[str, StateInfo] = field(default_factory=dict)
    orgs: dict[str, OrgInfo] = field(default_factory=dict)
    threats: dict[str, ThreatInfo] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def state_by_code(self, code: str) -> StateInfo | None:
        return self.states.get(code)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def plural_forms(adjective: str) -> list[str]:
    """French adjective forms: ``chinois`` stays, ``russe`` → ``russes``, ``nord-coréen`` → ``nord-coréens``.

    >>> plural_forms("russe")
    ['russe', 'russes']
    >>> plural_forms("chinois")
    ['chinois']
    """
    if adjective.endswith(("s", "x")):
        return [adjective]
    if adjective.endswith("al"):
        return [adjective, adjective[:-2] + "aux"]
    return [adjective, adjective + "s"]


def lexicon_dir() -> Path:
    return Path(str(resources.files("kg") / "lexicons"))


@cache
def load_lexicon() -> Lexicon:
    from babel import Locale

    lex = Lexicon()
    territories = Locale("fr").territories
    entries: list[Entry] = []
    for row in _rows(lexicon_dir() / "states.tsv"):
        code = row["code"].strip()
        name = (row.get("name") or "").strip() or territories.get(code, code)
        lex.states[code] = StateInfo(code, name, (row.get("wikidata") or "").strip())
        names = {name, *_split(row.get("aliases"))}
        if code in territories:
            names.add(territories[code])
        for n in names:
            entries.append(Entry(n, "name", code))
        for d in _split(row.get("demonyms")):
            for form in plural_forms(d.lower()):
                entries.append(Entry(form, "demonym", code))
        for p in _split(row.get("prefixes")):
            entries.append(Entry(p.lower().rstrip("-"), "prefix", code))
        for c in _split(row.get("capitals")):
            entries.append(Entry(c, "capital", code))
        for m in _split(row.get("metonyms")):
            entries.append(Entry(m, "metonym", code))
    for row in _rows(lexicon_dir() / "organizations.tsv"):
        key = row["key"].strip()
        info = OrgInfo(key, row["kind"].strip(), row["label"].strip(),
                       (row.get("code") or "").strip() or None, (row.get("state") or "").strip() or None,
                       (row.get("parent") or "").strip() or None)
        lex.orgs[key] = info
        for a in {*_split(row.get("aliases")), info.label}:
            entries.append(Entry(a, "org", key))
    for row in _rows(Path(str(_data_file("threat_actors.tsv")))):
        key = row["key"].strip()
        aliases = tuple(_split(row.get("aliases")))
        # A group's country of origin is not a sponsor (FIN7 is criminal): only a sponsoring
        # State, as the reference data states it, makes the group act for that State.
        sponsored = (row.get("state_basis") or "sponsor").strip() == "sponsor"
        info = ThreatInfo(key, row["name"].strip(), (row.get("state") or "").strip() if sponsored else None,
                          aliases, (row.get("agency") or "").strip() or None)
        lex.threats[key] = info
        for a in {info.name, *aliases}:
            if len(a) >= 4:
                entries.append(Entry(a, "threat", key))
    # Accentless variants: « Etats-Unis », « Elysee » are common in wires.
    seen = {(e.surface, e.form, e.ref) for e in entries}
    for e in list(entries):
        bare = strip_accents(e.surface)
        if (bare, e.form, e.ref) not in seen:
            seen.add((bare, e.form, e.ref))
            entries.append(Entry(bare, e.form, e.ref))
    lex.entries = sorted(set(entries), key=lambda e: (-len(e.surface), e.surface, e.form, e.ref))
    return lex


_ACRONYM = re.compile(r"^[A-Z0-9/&.\-]{2,8}$")


def is_case_sensitive(entry: Entry) -> bool:
    """Names, capitals and acronyms must be written with their capitals (« Chine », « GRU »);
    demonyms and long group names are matched in any case."""
    if entry.form in ("demonym", "prefix"):
        return False
    if entry.form == "threat":
        return bool(_ACRONYM.match(entry.surface)) or len(entry.surface) < 6
    return True
