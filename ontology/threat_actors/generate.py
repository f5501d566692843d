"""Generate the project's threat-actor reference table, ``threat_actors.tsv``.

Run from the repository root::

    .venv/bin/python ontology/threat_actors/generate.py            # writes threat_actors.tsv and kg/data's copy
    .venv/bin/python ontology/threat_actors/generate.py --out x.tsv --quiet

Inputs (both offline):

1. the MISP galaxy ``threat-actor`` cluster bundled by ``pymispgalaxies`` (its version is written
   into every ``source`` cell; the galaxy JSON is dual-licensed CC0 1.0 / BSD-2-Clause);
2. ``extra.tsv`` next to this file: hand-written rows, one public source URL per row.

Only entries with a State attribution are kept: MISP ``meta.country`` (ISO alpha-2) or
``meta['cfr-suspected-state-sponsor']`` (a country name, mapped to ISO alpha-2 with pycountry).

Output columns (tab-separated, UTF-8, ``\\n`` line ends, one header line, rows sorted by key):

``key``          stable lowercase ASCII slug of the canonical name (``apt28``, ``lazarus-group``)
``name``         canonical name (MISP ``value``, or the extra row's ``name``)
``state``        ISO 3166-1 alpha-2 code of the State the group is attributed to
``state_basis``  ``sponsor`` when a source says the State sponsors/directs the group (CFR sponsor
                 field, a named agency, or an extra row saying so); ``origin`` when the only basis
                 is MISP's ``country`` (country of origin: it also holds criminal and hacktivist
                 groups, some of them hostile to that State's government)
``agency``       sponsoring agency where a public source names it: one of ``AGENCIES``, else empty
``aliases``      ``|``-separated synonyms after the hygiene rules below, deduplicated, sorted
``uuid``         MISP cluster-value uuid (empty for a group MISP does not have)
``source``       ``misp-galaxy threat-actor vN``, then ``|``-separated URLs of the extra rows used
``note``         free text (``; ``-separated), e.g. why a State was overridden, or a matching caveat

Alias hygiene (aliases are matched in running French text, so an alias must name the group and
nothing else). An alias is dropped when it

* is shorter than 4 characters after trimming (``GOP``, ``SEA``, ``UPS``);
* has no letter at all (pure numbers / punctuation);
* is a generic ``Group N`` / ``Team N`` label with N of one or two digits (``Group 3``, ``Group 77``);
* is in ``STOPLIST``: ordinary English/French words, first names and surnames, place names, brands
  and companies, films/games/characters, institutions, and chemical elements that occur in news in
  their own sense (rare earths and metals of trade news, ``Plutonium`` in DPRK news, ``Polonium``);
  distinctive element names used almost only as Microsoft's old actor names are kept
  (``Nobelium``, ``Strontium``, ``Hafnium``, ``Zirconium``, ``Phosphorus``, ``Thallium`` ...);
* equals (case-insensitively) the row's own name, or another kept spelling (``ZINC``/``Zinc``: one
  spelling is kept, preferring one that is not all capitals);
* is the canonical name of another row (the name wins: ``Andariel`` stays only on the row named
  Andariel if there is one);
* maps to rows of two different States (dropped from all of them, printed).

An alias shared by several rows *of the same State* is kept on each (MISP splits and merges groups
differently from vendors); it identifies the State with certainty and the group ambiguously.

Rules also add spelling variants for ``APTnn`` names/aliases: ``APT 28`` and ``APT-28``.

Canonical names are never dropped; a name that fails the hygiene rules gets a note
("name is also an ordinary word ...") so that matchers can require context for it.

Agencies from MISP: the ``GRU`` meta field (``Military unit 26165`` ...) gives ``ru-gru``; a MISP
synonym ``PLA Unit NNNNN`` gives ``cn-pla``. Every other agency comes from ``extra.tsv``.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from pymispgalaxies import Clusters

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "threat_actors.tsv"
DEFAULT_EXTRA = HERE / "extra.tsv"
# The copy the package ships and reads (kg/data/, through importlib.resources); written with the default
# output so that the two never differ (tests/test_package_data.py checks it).
PACKAGE_COPY = HERE.parents[1] / "kg" / "data" / "threat_actors.tsv"

COLUMNS = ["key", "name", "state", "state_basis", "agency", "aliases", "uuid", "source", "note"]
EXTRA_COLUMNS = COLUMNS

AGENCIES = {
    "ru-gru": "Russia, GRU (military intelligence)",
    "ru-svr": "Russia, SVR (foreign intelligence)",
    "ru-fsb": "Russia, FSB (security service)",
    "cn-mss": "China, Ministry of State Security",
    "cn-pla": "China, People's Liberation Army",
    "kp-rgb": "North Korea, Reconnaissance General Bureau",
    "ir-irgc": "Iran, Islamic Revolutionary Guard Corps",
    "ir-mois": "Iran, Ministry of Intelligence and Security",
}

BASES = ("sponsor", "origin")

# Country names used by MISP's cfr-suspected-state-sponsor that pycountry.lookup() does not know.
# Names of the form "Korea (Republic of)" are also tried inverted ("Republic of Korea").
COUNTRY_NAMES = {
    "korea (republic of)": "KR",
    "palestine": "PS",
}
UNKNOWN_COUNTRY = {"unknown", ""}

# Case-insensitive stoplist of aliases (and names, which only get a note). Grouped by reason.
STOPLIST_GROUPS: dict[str, tuple[str, ...]] = {
    "ordinary English/French word": (
        "amoeba", "axiom", "basin", "bitter", "boss", "buckeye", "calanque", "castle", "cicada",
        "cleaver", "dogfish", "dragon", "dune", "elfin", "equation", "foudre", "ghost", "grayling",
        "guardian", "hacker", "hoodoo", "iron", "lead", "leviathan", "longhorn", "lurid", "luder",
        "mask", "mirage", "monsoon", "moonlight", "nitro", "ocean", "patchwork", "pioneer",
        "polaris", "pupa", "reaper", "scarab", "snake", "snowglobe", "storm", "strider", "summit",
        "tick", "trident", "vermin", "voyeur", "wraith", "nian", "storm cloud", "sea turtle",
        "white bear", "cyber alliance", "unnamed actor", "beijing group", "rattlesnake",
        "crescent and star", "red eyes", "ugly face", "brown fox",
    ),
    "first name, surname or place name": (
        "sofia", "sarit", "sima", "madi", "parastoo", "sayad", "lamberts", "blackwood", "elbrus",
        "chimborazo", "callisto", "zarya", "sands casino", "pukchong",
    ),
    "company, brand, weapon, work of fiction or character": (
        "alibaba", "ups", "popeye", "superman", "sauron", "hellsing", "krypton", "blackjack",
        "handala", "the mask", "prince of persia", "animal farm", "sidewinder",
    ),
    "institution, not a group": ("pla navy",),
    "chemical element common in news": (
        "aluminum", "aluminium", "boron", "bromine", "calcium", "chromium", "copper", "gallium",
        "helium", "iridium", "magnesium", "manganese", "mercury", "nickel", "oxygen", "plutonium",
        "polonium", "potassium", "radium", "silicon", "sodium", "sulphur", "tantalum", "zinc",
        # rare earths (Chinese export controls are news)
        "cerium", "europium", "gadolinium", "holmium", "promethium", "scandium", "yttrium",
    ),
}
STOPLIST = {word: reason for reason, words in STOPLIST_GROUPS.items() for word in words}

GENERIC_NUMBERED = re.compile(r"^(group|team)\s*\d{1,2}$", re.IGNORECASE)
APT_NUMBER = re.compile(r"^APT[\s-]?(\d+)$", re.IGNORECASE)
PLA_UNIT = re.compile(r"^PLA Unit \d+$")
SUBGROUP_PREFIX = re.compile(r"^subgroup:\s*", re.IGNORECASE)
URL = re.compile(r"^https://\S+$")
ALPHA2 = re.compile(r"^[A-Z]{2}$")


@dataclass
class Row:
    key: str
    name: str
    state: str
    basis: str
    agency: str = ""
    uuid: str = ""
    aliases: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Summary:
    misp_version: int = 0
    misp_entries: int = 0
    rows: int = 0
    misp_rows: int = 0
    extra_rows_read: int = 0
    new_rows: int = 0
    dropped: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    conflicts: dict[str, set[str]] = field(default_factory=dict)
    name_wins: set[str] = field(default_factory=set)
    shared_same_state: int = 0
    name_notes: set[str] = field(default_factory=set)
    unmapped_countries: set[str] = field(default_factory=set)


def slugify(name: str) -> str:
    """Stable lowercase ASCII slug: ``APT28`` -> ``apt28``, ``Lazarus Group`` -> ``lazarus-group``."""
    text = name.strip().replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 for a MISP country code or CFR country name; None when unknown."""
    if not value or value.strip().lower() in UNKNOWN_COUNTRY:
        return None
    value = value.strip()
    if ALPHA2.match(value):
        country = pycountry.countries.get(alpha_2=value)
        return country.alpha_2 if country else None
    if value.lower() in COUNTRY_NAMES:
        return COUNTRY_NAMES[value.lower()]
    candidates = [value]
    inverted = re.match(r"^(.+?)\s*\((.+)\)$", value)
    if inverted:  # "Korea (Democratic People's Republic of)" -> "Democratic People's Republic of Korea"
        candidates.append(f"{inverted.group(2)} {inverted.group(1)}")
    for candidate in candidates:
        try:
            return pycountry.countries.lookup(candidate).alpha_2
        except LookupError:
            continue
    return None


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def hygiene(alias: str) -> tuple[str | None, str]:
    """Clean one alias; return (alias, "") or (None, reason it was dropped)."""
    alias = normalise(SUBGROUP_PREFIX.sub("", normalise(alias)))
    if len(alias) < 4:
        return None, "shorter than 4 characters"
    if not any(ch.isalpha() for ch in alias):
        return None, "no letter (number)"
    if GENERIC_NUMBERED.match(alias):
        return None, "generic 'Group N' label"
    reason = STOPLIST.get(alias.casefold())
    if reason:
        return None, reason
    return alias, ""


def apt_variants(term: str) -> set[str]:
    match = APT_NUMBER.match(term)
    if not match:
        return set()
    number = match.group(1)
    return {f"APT{number}", f"APT {number}", f"APT-{number}"}


def load_misp() -> tuple[int, list[dict]]:
    cluster = Clusters().get("threat-actor")
    entries = []
    for value in cluster.values():
        meta = value.meta
        extra = meta.additional_properties if meta else {}
        entries.append(
            {
                "name": normalise(value.value),
                "uuid": value.uuid,
                "synonyms": sorted(meta.synonyms) if meta else [],
                "country": meta.country if meta else None,
                "sponsor": extra.get("cfr-suspected-state-sponsor"),
                "gru": extra.get("GRU"),
            }
        )
    entries.sort(key=lambda e: e["uuid"])
    return int(cluster.version), entries


def read_extra(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    header = body[0].split("\t")
    if header != EXTRA_COLUMNS:
        raise ValueError(f"{path}: header must be {EXTRA_COLUMNS}, got {header}")
    rows = []
    for number, line in enumerate(body[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{path}: data line {number} has {len(cells)} cells, expected {len(header)}")
        row = {column: cell.strip() for column, cell in zip(header, cells, strict=True)}
        if not row["key"] or row["key"] != slugify(row["key"]):
            raise ValueError(f"{path}: bad key {row['key']!r}")
        if not URL.match(row["source"]):
            raise ValueError(f"{path}: row {row['key']}: source must be one https URL")
        if row["agency"] and row["agency"] not in AGENCIES:
            raise ValueError(f"{path}: row {row['key']}: unknown agency {row['agency']!r}")
        if row["state"] and not pycountry.countries.get(alpha_2=row["state"]):
            raise ValueError(f"{path}: row {row['key']}: bad state {row['state']!r}")
        if row["state_basis"] and row["state_basis"] not in BASES:
            raise ValueError(f"{path}: row {row['key']}: state_basis must be one of {BASES}")
        rows.append(row)
    return rows


def build(extra_path: Path = DEFAULT_EXTRA) -> tuple[list[Row], Summary]:
    summary = Summary()
    version, entries = load_misp()
    summary.misp_version, summary.misp_entries = version, len(entries)
    misp_source = f"misp-galaxy threat-actor v{version}"

    rows: dict[str, Row] = {}
    stateless: dict[str, dict] = {}
    raw_aliases: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        sponsor = country_code(entry["sponsor"])
        origin = country_code(entry["country"])
        for raw in (entry["sponsor"], entry["country"]):
            if raw and raw.strip().lower() not in UNKNOWN_COUNTRY and not country_code(raw):
                summary.unmapped_countries.add(raw)
        key = slugify(entry["name"])
        state = sponsor or origin
        if not state:
            stateless.setdefault(key, entry)
            continue
        if key in rows:
            key = f"{key}-{entry['uuid'][:8]}"
        row = Row(key=key, name=entry["name"], state=state, basis="sponsor" if sponsor else "origin",
                  uuid=entry["uuid"], sources=[misp_source])
        if sponsor and origin and sponsor != origin:
            row.notes.append(f"MISP country {origin} differs from CFR sponsor {sponsor}; sponsor kept")
        if entry["gru"]:
            row.agency = "ru-gru"
            row.notes.append(f"GRU {entry['gru']} (MISP)")
        if any(PLA_UNIT.match(s) for s in entry["synonyms"]):
            row.agency = row.agency or "cn-pla"
        raw_aliases[key].update(entry["synonyms"])
        rows[key] = row
    summary.misp_rows = len(rows)

    extras = read_extra(extra_path) if extra_path.exists() else []
    summary.extra_rows_read = len(extras)
    for extra in extras:
        key = extra["key"]
        row = rows.get(key)
        if row is None:
            base = stateless.get(key)
            name = extra["name"] or (base["name"] if base else "")
            if not name or not extra["state"]:
                raise ValueError(f"extra.tsv: new row {key!r} needs a name and a state")
            row = Row(key=key, name=name, state=extra["state"], basis=extra["state_basis"] or "sponsor",
                      uuid=extra["uuid"] or (base["uuid"] if base else ""))
            if base:
                row.sources.append(misp_source)
                raw_aliases[key].update(base["synonyms"])
                row.notes.append("State not given by MISP; taken from the source")
            rows[key] = row
            summary.new_rows += 1
        else:
            if extra["state"] and extra["state"] != row.state:
                if not extra["note"]:
                    raise ValueError(f"extra.tsv: row {key!r} overrides the state without a note")
                row.state = extra["state"]
            if extra["name"] and extra["name"] != row.name:
                raw_aliases[key].add(extra["name"])
            if extra["state_basis"]:
                row.basis = extra["state_basis"]
        if extra["agency"]:
            if row.agency and row.agency != extra["agency"] and not extra["note"]:
                raise ValueError(f"extra.tsv: row {key!r} changes the agency without a note")
            row.agency = extra["agency"]
            row.basis = "sponsor"
        if extra["aliases"]:
            raw_aliases[key].update(a for a in extra["aliases"].split("|") if a.strip())
        if extra["source"] not in row.sources:
            row.sources.append(extra["source"])
        if extra["note"] and extra["note"] not in row.notes:
            row.notes.append(extra["note"])

    # Hygiene per row.
    # Each name, with its APT spelling variants, belongs to its own row.
    names: dict[str, str] = {}
    for row in rows.values():
        for form in {row.name} | apt_variants(row.name):
            if names.setdefault(form.casefold(), row.key) != row.key:
                raise ValueError(f"name {form!r} is used by rows {names[form.casefold()]} and {row.key}")
    for key, row in rows.items():
        candidates = set(raw_aliases[key])
        for term in [row.name, *raw_aliases[key]]:
            candidates |= apt_variants(normalise(term))
        kept: dict[str, str] = {}
        for raw in sorted(candidates):
            text = normalise(SUBGROUP_PREFIX.sub("", normalise(raw)))
            folded = text.casefold()
            if folded == row.name.casefold():
                continue
            if folded in names and names[folded] != key:
                owner = rows[names[folded]]
                if owner.state != row.state:
                    summary.conflicts[folded] = {owner.state, row.state}
                    note = f"name also an alias of a group of another State ({row.state}); removed there"
                    if note not in owner.notes:
                        owner.notes.append(note)
                else:
                    summary.name_wins.add(text)
                continue
            alias, reason = hygiene(text)
            if alias is None:
                summary.dropped[reason].add(text)
                continue
            previous = kept.get(folded)
            if previous is None or _spelling_rank(alias) < _spelling_rank(previous):
                kept[folded] = alias
        row.aliases = set(kept.values())
        name_reason = STOPLIST.get(row.name.casefold())
        if name_reason:
            row.notes.append(f"name is also an ordinary word ({name_reason}): match only with context")
            summary.name_notes.add(row.name)

    # An alias pointing at rows of two different States is dropped from all of them.
    states_of: dict[str, set[str]] = defaultdict(set)
    rows_of: dict[str, set[str]] = defaultdict(set)
    for row in rows.values():
        for alias in row.aliases:
            states_of[alias.casefold()].add(row.state)
            rows_of[alias.casefold()].add(row.key)
    for folded, states in states_of.items():
        if len(states) > 1:
            summary.conflicts[folded] = states
            for key in rows_of[folded]:
                rows[key].aliases = {a for a in rows[key].aliases if a.casefold() != folded}
    summary.shared_same_state = sum(
        1 for folded, keys in rows_of.items() if len(keys) > 1 and folded not in summary.conflicts)

    ordered = [rows[key] for key in sorted(rows)]
    summary.rows = len(ordered)
    return ordered, summary


def _spelling_rank(alias: str) -> tuple[int, str]:
    """Prefer a spelling that is not all capitals, then the lexicographically smallest."""
    return (1 if alias.isupper() else 0, alias)


def render(rows: list[Row]) -> str:
    lines = ["\t".join(COLUMNS)]
    for row in rows:
        cells = [
            row.key,
            row.name,
            row.state,
            row.basis,
            row.agency,
            "|".join(sorted(row.aliases, key=lambda a: (a.casefold(), a))),
            row.uuid,
            "|".join(row.sources),
            "; ".join(row.notes),
        ]
        for cell in cells:
            if "\t" in cell or "\n" in cell:
                raise ValueError(f"row {row.key}: a cell contains a tab or newline")
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def report(summary: Summary, out: Path) -> str:
    parts = [
        f"MISP galaxy threat-actor v{summary.misp_version}: {summary.misp_entries} entries, "
        f"{summary.misp_rows} with a State",
        f"extra.tsv: {summary.extra_rows_read} rows read, {summary.new_rows} new groups",
        f"wrote {summary.rows} rows to {out}" + (f" and {PACKAGE_COPY}" if out.resolve() == DEFAULT_OUT else ""),
    ]
    if summary.unmapped_countries:
        parts.append(f"UNMAPPED country values: {sorted(summary.unmapped_countries)}")
    for reason in sorted(summary.dropped):
        words = sorted(summary.dropped[reason], key=str.casefold)
        parts.append(f"dropped ({reason}), {len(words)}: {', '.join(words)}")
    if summary.conflicts:
        shown = ", ".join(f"{alias} {sorted(states)}" for alias, states in sorted(summary.conflicts.items()))
        parts.append(f"dropped (maps to two States): {shown}")
    parts.append(f"removed as alias, another row has it as name: {', '.join(sorted(summary.name_wins))}")
    parts.append(f"aliases shared by several rows of one State (kept): {summary.shared_same_state}")
    parts.append(f"names noted as ordinary words: {', '.join(sorted(summary.name_notes, key=str.casefold))}")
    return "\n".join(parts)


def generate(out: Path = DEFAULT_OUT, extra: Path = DEFAULT_EXTRA) -> Summary:
    """Write the table to ``out``; with the default ``out``, to the package's copy as well."""
    rows, summary = build(extra)
    text = render(rows)
    targets = [out, PACKAGE_COPY] if out.resolve() == DEFAULT_OUT else [out]
    for target in targets:
        target.write_text(text, encoding="utf-8", newline="\n")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output TSV (default: %(default)s)")
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA, help="hand-written rows")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.extra)
    if not args.quiet:
        print(report(summary, args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
