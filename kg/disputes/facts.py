"""Facts: an akg graph (a ``pyoxigraph.Store``) in, plain records of its claims out.

Reads the statements of ``kg/queries/disputes/facts.rq`` once (a linear scan), then shapes them
into :class:`Claim` and :class:`Mention` records carrying what identity and threads are decided
from: who (as principals: the States and organisations reached along ``akg:affiliatedWith*``),
when (the claim's date, else its document's), where (the document) and about what.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.query import query_text

_AKG = "https://w3id.org/akg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
_DCT = "http://purl.org/dc/terms/"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
RESPONSE_TYPES = ("Indictment", "Sanction", "AmbassadorSummons", "DialogueSuspension", "Cooperation")


def day(value: str | None) -> int | None:
    """An ISO date, year-month or year as the ordinal of its first day (``None`` if it is none).

    >>> day("2021-07") == datetime.date(2021, 7, 1).toordinal()
    True
    """
    if not value or not (m := _DATE.fullmatch(value)):
        return None
    try:
        return datetime.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).toordinal()
    except ValueError:
        return None


@dataclass
class Claim:
    """An accusation, rebuttal or response, as dispute resolution sees it."""

    iri: str
    kind: str  # "Accusation", "Rebuttal" or a response type
    doc: str  # the document's identifier
    date: str | None  # as written in the graph: the claim's date, else its document's
    start: int  # where its first evidence span starts (document order)
    quote: str = ""  # the text of that span
    actors: tuple[str, ...] = ()  # accusers, rebutter, or who acted
    targets: tuple[str, ...] = ()  # accused, or against whom
    by: frozenset[str] = frozenset()  # principals of ``actors``
    to: frozenset[str] = frozenset()  # principals of ``targets``
    incidents: tuple[str, ...] = ()  # akg:concerns
    rebuts: tuple[str, ...] = ()  # akg:rebuts (in the same document)
    counter_to: tuple[str, ...] = ()

    @property
    def day(self) -> int | None:
        return day(self.date)


@dataclass
class Mention:
    """One document's incident (``akg:Incident``), with what its identity keys come from."""

    iri: str
    doc: str
    label: str
    date: str | None
    targets: tuple[str, ...] = ()


@dataclass
class Facts:
    """Everything read: claims by IRI, incident mentions, actors' labels, kinds and principals."""

    claims: dict[str, Claim] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, set[str]] = field(default_factory=dict)

    def principal_label(self, iri: str) -> str:
        return self.codes.get(iri) or self.labels.get(iri) or iri.rsplit("/", 1)[-1]


def read_facts(store: ox.Store, disputes_graph: str) -> Facts:
    """The claims, incident mentions and actors of ``store``, except what ``disputes_graph`` holds."""
    sparql = query_text("disputes/facts.rq")
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql, substitutions={ox.Variable("disputes"): ox.NamedNode(disputes_graph)}):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        if p == _RDF_TYPE:
            types[s].add(o.removeprefix(_AKG))
        else:
            props[s][p.removeprefix(_AKG).removeprefix(_DCT)].append(o)

    def one(s: str, p: str) -> str | None:
        values = props[s].get(p)
        return min(values) if values else None

    facts = Facts()
    docs = {s: (one(s, "identifier"), one(s, "date")) for s, t in types.items() if "Document" in t}
    affiliated = {s: sorted(props[s].get("affiliatedWith", ())) for s, t in types.items() if "Actor" in t}
    for s, t in types.items():
        if "Actor" in t:
            facts.labels[s] = one(s, _RDFS_LABEL) or ""
            facts.alt_labels[s] = sorted(props[s].get(_ALT_LABEL, ()))
            facts.kinds[s] = t
            if code := one(s, "code"):
                facts.codes[s] = code
    principals = _Principals(affiliated, facts.codes)
    spans = {s: (int(one(s, "start") or 0), one(s, "quote") or "") for s, t in types.items() if "TextSpan" in t}

    for s, t in sorted(types.items()):
        doc_iri = one(s, "statedIn")
        if doc_iri not in docs:
            continue
        doc_id, doc_date = docs[doc_iri]
        if "Incident" in t:
            facts.mentions[s] = Mention(s, doc_id, one(s, _RDFS_LABEL) or "", one(s, "date") or doc_date,
                                        tuple(sorted(props[s].get("target", ()))))
            continue
        if "Accusation" in t:
            kind, actors, targets = "Accusation", props[s].get("accuser", ()), props[s].get("accused", ())
        elif "Rebuttal" in t:
            kind, actors, targets = "Rebuttal", props[s].get("rebutter", ()), ()
        elif "Response" in t:
            kind = next((r for r in RESPONSE_TYPES if r in t), "Response")
            actors, targets = props[s].get("by", ()), props[s].get("against", ())
        else:
            continue
        start, quote = min((spans[e] for e in props[s].get("evidence", ()) if e in spans), default=(0, ""))
        facts.claims[s] = Claim(
            s, kind, doc_id, one(s, "date") or doc_date, start, quote,
            tuple(sorted(set(actors))), tuple(sorted(set(targets))),
            principals.of(actors), principals.of(targets),
            tuple(sorted(props[s].get("concerns", ()))), tuple(sorted(props[s].get("rebuts", ()))),
            tuple(sorted(props[s].get("counterTo", ()))))
    return facts


class _Principals:
    """The principals of an actor: the coded actors (States, international organisations) reached
    along ``akg:affiliatedWith*``; an actor that reaches none is its own principal."""

    def __init__(self, affiliated: dict[str, list[str]], codes: dict[str, str]):
        self._affiliated, self._codes, self._cache = affiliated, codes, {}

    def one(self, actor: str) -> frozenset[str]:
        if actor not in self._cache:
            seen, todo, found = {actor}, [actor], set()
            while todo:
                a = todo.pop()
                if a in self._codes:
                    found.add(a)
                    continue  # a State's own affiliations are not its principal's
                for b in self._affiliated.get(a, ()):
                    if b not in seen:
                        seen.add(b)
                        todo.append(b)
            self._cache[actor] = frozenset(found or {actor})
        return self._cache[actor]

    def of(self, actors) -> frozenset[str]:
        return frozenset().union(*(self.one(a) for a in actors)) if actors else frozenset()
