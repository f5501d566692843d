"""Incidents across documents: the documents' incident mentions (and the accusations about them) in,
resolved incidents out, each merge with the keys that matched.

Identity is decided from what the texts say: a **name** (a threat group of the shipped table, a
named operation or target: a proper noun of the incident's wording, « NotPetya », « Equifax », « Storting »),
a **target** actor, the **accused principal** and the **period**. Two mentions merge when they share
a name or a target, accuse the same principals and fall within ``window`` days of each other; mentions
against different accused principals never merge (the principals are part of the blocking key, so
the work is linear in the number of mentions, not quadratic in the documents).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources

from ..data import data_file
from .facts import Facts, day

#: how far from the first mention of a run (days) another mention of one named operation or target
#: may be dated, and of one threat group (a group is named over years, for several campaigns)
INCIDENT_WINDOW = 400
GROUP_WINDOW = 90

_CUT = 120  # the length at which kg.rdf cuts an incident's label
_WORD = re.compile(r"[^\W\d_][\w’'-]*|[.!?:;«»\"()]")
_SENTENCE_END = set(".!?:;«»\"(")
# capitalised words that name nothing: function words, question-and-answer markers, months, days
_STOP = set("""Le La Les L Un Une Des De Du Dans Pour Par Sur Selon Mais Et Ou Or Donc Car Ce Cette Ces Cet Il Elle
Ils Elles On Nous Vous Je Q R Question Réponse Dès Depuis Après Avant Lors Quelques Vendredi Lundi Mardi Mercredi
Jeudi Samedi Dimanche M Mme MM Rép Alliés Deux Trois Quatre Cinq Six Sept Huit Neuf Dix
Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre État
États Etat Etats Gouvernement Ministre Ministère Président Premier Secrétaire Porte Parole Centre National
Nationale Office Fédéral Agence Service Services Conseil Parti Maison Blanche Département Sécurité Défense
Affaires Étrangères Justice Bureau Internet Occident Ouest Est Nord Sud Monde""".split())
_DEMONYM = re.compile(r".+(?:ais|aise|ois|oise|ain|aine|ien|ienne|éen|éenne|ique|ole|and|ande)s?$")


@dataclass
class ResolvedIncident:
    """One incident across documents: the mentions merged, the keys they share, its accused."""

    mentions: list[str]
    names: list[str]  # identity keys (``group:…``, ``name:…``, ``target:…``), most attested first
    accused: frozenset[str]
    date: str | None
    merges: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (mention, mention, keys)


def threat_group_names() -> dict[str, str]:
    """Lower-cased name or alias → the group's name, from the shipped threat-actor table."""
    out: dict[str, str] = {}
    with data_file("threat_actors.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                out.setdefault(alias.strip().lower(), row["name"])
    return out


def _fold(word: str) -> str:
    """Lower case without accents: « Etats » and « États » are one word."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def place_words() -> set[str]:
    """Folded words of the names, aliases, capitals and metonyms of States and organisations, from
    akg's lexicons (read, never written, here): « Moscou », « Kremlin », « Maison Blanche » name a
    party, not an incident."""
    out: set[str] = set()
    folder = resources.files("kg") / "lexicons"
    for name, columns in (("states.tsv", ("name", "aliases", "capitals", "metonyms")),
                          ("organizations.tsv", ("label", "aliases"))):
        with (folder / name).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                for col in columns:
                    out.update(_fold(w) for w in re.findall(r"[^\W\d_]+", row.get(col) or ""))
    return out


def _proper_nouns(text: str, excluded: set[str]) -> set[str]:
    """Capitalised words of ``text`` that do not open a sentence and name no party to the claims.

    >>> sorted(_proper_nouns("Piratage d'Equifax : la justice inculpe", set()))
    ['Equifax']
    """
    words, out = _WORD.findall(text), set()
    if len(text) >= _CUT and words and words[-1] not in _SENTENCE_END:
        words.pop()  # a label cut at its length limit ends in half a word
    for i, w in enumerate(words):
        if (i == 0 or words[i - 1] in _SENTENCE_END or len(w) < 3 or not w[0].isupper() or w in _STOP
                or all(_fold(part) in excluded for part in re.split(r"[-’']", w) if part)
                or _DEMONYM.match(w) and not w.isupper()):
            continue
        out.add(w.split("'")[-1].split("’")[-1])
    return out


def _groups_in(text: str, groups: dict[str, str]) -> set[str]:
    words = re.findall(r"[\w-]+", text.lower())
    found = set()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            if (name := groups.get(" ".join(words[i:i + n]))) is not None:
                found.add(name)
    return found


def resolve_incidents(facts: Facts, window: int = INCIDENT_WINDOW,
                      group_window: int = GROUP_WINDOW) -> dict[str, ResolvedIncident]:
    """Resolve the incident mentions that accusations are about; ``{mention IRI: its incident}``
    (mentions that share one resolved incident share the object). Mentions with no name or target
    stay unresolved (absent)."""
    groups = threat_group_names()
    accused: dict[str, set[str]] = defaultdict(set)
    accused_actors: dict[str, set[str]] = defaultdict(set)
    quotes: dict[str, set[str]] = defaultdict(set)
    parties: set[str] = set()
    for claim in facts.claims.values():
        parties.update(claim.actors, claim.targets)
        if claim.kind == "Accusation":
            for m in claim.incidents:
                accused[m].update(claim.to)
                accused_actors[m].update(claim.targets)
                quotes[m].add(claim.quote)
    persons = [a for a, kinds in facts.kinds.items() if "Person" in kinds]
    excluded = place_words() | {_fold(w) for a in (*facts.codes, *parties, *persons)
                                for label in (facts.labels.get(a, ""), *facts.alt_labels.get(a, ()))
                                for w in re.findall(r"[^\W\d_]+", label)}

    keys: dict[str, set[str]] = {}
    for iri, mention in sorted(facts.mentions.items()):
        if not accused.get(iri):
            continue
        # the incident's wording, and the sentences of the accusations about it (a long label is cut)
        texts = [mention.label, *sorted(quotes[iri])]
        found = {f"group:{g}" for text in texts for g in _groups_in(text, groups)}
        found |= {f"group:{groups[facts.labels[a].lower()]}" for a in accused_actors[iri]
                  if "ThreatActor" in facts.kinds.get(a, ()) and facts.labels.get(a, "").lower() in groups}
        # names from the incident's own wording only: the accusation's sentence names much else
        found |= {f"name:{n}" for n in _proper_nouns(mention.label, excluded)
                  if f"group:{groups.get(n.lower())}" not in found}
        # a State or organisation as target is too broad a key (« la France » was the target of many)
        found |= {f"target:{facts.labels.get(t) or t}" for t in mention.targets if t not in facts.codes}
        if found:
            keys[iri] = found

    parent = {iri: iri for iri in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[tuple[frozenset[str], str], list[str]] = defaultdict(list)
    for iri, found in keys.items():
        for key in found:
            blocks[(frozenset(accused[iri]), key)].append(iri)
    merges: list[tuple[str, str, list[str]]] = []
    for block_key in sorted(blocks, key=lambda k: (sorted(k[0]), k[1])):
        # runs anchored at their first mention: a long-lived group named over years is several incidents
        limit = group_window if block_key[1].startswith("group:") else window
        members = sorted(blocks[block_key], key=lambda m: (_day(facts, m) is None, _day(facts, m) or 0, m))
        first = members[0]
        for b in members[1:]:
            da, db = _day(facts, first), _day(facts, b)
            if da is not None and db is not None and db - da > limit:
                first = b
                continue
            a = first
            if find(a) != find(b):
                parent[find(b)] = find(a)
                shared = sorted(keys[a] & keys[b])
                codes = sorted(facts.principal_label(p) for p in accused[a])
                period = "period:undated" if da is None or db is None else f"period:within-{limit}-days"
                merges.append((a, b, [*shared, *(f"accused:{c}" for c in codes), period]))

    components: dict[str, list[str]] = defaultdict(list)
    for iri in keys:
        components[find(iri)].append(iri)
    merged_in: dict[str, list] = defaultdict(list)  # component root → its merges (one pass, not one per component)
    for merge in merges:
        merged_in[find(merge[0])].append(merge)
    out: dict[str, ResolvedIncident] = {}
    for root, members in components.items():
        members.sort()
        counts = Counter(k for m in members for k in keys[m])
        names = sorted(counts, key=lambda k: (not k.startswith("group:"), -counts[k], k))
        dates = sorted((facts.mentions[m].date for m in members if facts.mentions[m].date), key=day)
        incident = ResolvedIncident(members, names, frozenset(accused[members[0]]), dates[0] if dates else None,
                                    merged_in[root])
        for m in members:
            out[m] = incident
    return out


def _day(facts: Facts, mention: str) -> int | None:
    return day(facts.mentions[mention].date)


def short_label(incident: ResolvedIncident, facts: Facts) -> str:
    """« Equifax (CN, 2020-02) »: the most attested name, the accused principals, the period."""
    name = incident.names[0].split(":", 1)[1]
    codes = ", ".join(sorted(facts.principal_label(p) for p in incident.accused))
    return f"{name} ({codes}, {incident.date[:7]})" if incident.date else f"{name} ({codes})"
