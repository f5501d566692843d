"""What a view can draw, read once from the graph.

Input: an rdflib ``Graph`` in the akg vocabulary (named graphs already merged). Output: a ``_Model``
holding the documents, the claims (accusations, rebuttals, incidents, responses) with their links,
dates and quotes, and the actors on demand, with their principals through ``akg:affiliatedWith*``;
it also resolves what the caller asked for (a document, a principal code, an actor's name, a strategy).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import AKG, RESPONSE_TYPES, STRATEGIES
from kg.view.graph import ViewError
from kg.view.styles import _ACTOR_GROUPS

_QUOTE_CHARS = 400

_CLAIM_LINKS = (
    "accuser",
    "accused",
    "concerns",
    "counterTo",
    "rebutter",
    "rebuts",
    "strategy",
    "target",
    "by",
    "against",
)
_DATE = re.compile(r"(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class _Actor:
    iri: str
    label: str
    group: str
    codes: tuple[str, ...]
    principals: tuple[str, ...]  # nearest first; the actor itself when it has a code
    principal_codes: frozenset[str]
    aliases: tuple[str, ...]
    reaches: frozenset[str]  # itself and every actor it acts for through akg:affiliatedWith*
    affiliations: tuple[str, ...] = ()  # the actors it is akg:affiliatedWith directly


@dataclass(frozen=True)
class _Doc:
    iri: str
    identifier: str
    title: str
    href: str | None


@dataclass(frozen=True)
class _Claim:
    iri: str
    kind: str  # Accusation, CounterAccusation, Rebuttal, Incident, or a Response type
    dates: tuple[str, ...]
    bounds: tuple | None
    docs: tuple[str, ...]
    quotes: tuple[str, ...]
    label: str | None
    links: dict[str, tuple[str, ...]] = field(hash=False)

    def get(self, name: str) -> tuple[str, ...]:
        return self.links.get(name, ())


def _local(iri: str) -> str:
    return re.split(r"[#/]", str(iri).rstrip("/#"))[-1]


def _fold(text: str) -> str:
    """Text compared without case, accents or extra spaces: « Pékin » == « pekin »."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pick_literal(g: Graph, node, props, langs) -> str | None:
    for prop in props:
        found = [o for o in g.objects(node, prop) if isinstance(o, Literal)]
        if found:

            def rank(lit: Literal) -> tuple:
                lang = lit.language or ""
                return (langs.index(lang) if lang in langs else len(langs), lang, str(lit))

            return str(min(found, key=rank))
    return None


def _bounds(text: str) -> tuple | None:
    """The first and last day a date literal (date, gYearMonth or gYear) may mean, as tuples.

    >>> _bounds("2021-07")
    ((2021, 7, 1), (2021, 7, 31))
    """
    m = _DATE.match(text.strip())
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else None
    day = int(m[3]) if m[3] else None
    return (year, month or 1, day or 1), (year, month or 12, day or 31)


class _Model:
    """The akg resources a view draws, read once from the (merged) graph."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self._actors: dict[str, _Actor] = {}
        doc_nodes = set(g.subjects(RDF.type, AKG.Document)) | set(g.objects(None, AKG.statedIn))
        self.docs = {str(d): self._read_doc(d) for d in doc_nodes if isinstance(d, URIRef)}
        self.accusations = self._read_claims([AKG.Accusation])
        self.rebuttals = self._read_claims([AKG.Rebuttal])
        self.incidents = self._read_claims([AKG.Incident])
        self.responses = self._read_claims([AKG.Response] + [AKG[name] for name in RESPONSE_TYPES])
        self._strategy_labels: dict[str, str] = {}
        # claim → the disputes (kg.disputes) it belongs to, when the graph has the disputes graph
        self.in_dispute: dict[str, tuple[str, ...]] = {}
        for claim, dispute in sorted(g.subject_objects(AKG.inDispute)):
            if isinstance(dispute, URIRef):
                self.in_dispute[str(claim)] = (*self.in_dispute.get(str(claim), ()), str(dispute))

    # documents and claims

    def _read_doc(self, node: URIRef) -> _Doc:
        g = self.g
        identifier = _pick_literal(g, node, [DCTERMS.identifier], ("",)) or _local(node)
        title = _pick_literal(g, node, [DCTERMS.title, RDFS.label], ("fr", "", "en")) or identifier
        hrefs = sorted(str(o) for o in g.objects(node, DCTERMS.source))
        return _Doc(iri=str(node), identifier=identifier, title=title, href=hrefs[0] if hrefs else None)

    def _read_claims(self, classes: list[URIRef]) -> dict[str, _Claim]:
        g = self.g
        nodes = {s for cls in classes for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}
        claims = {}
        for node in sorted(nodes, key=str):
            links = {}
            for name in _CLAIM_LINKS:
                values = sorted(str(o) for o in g.objects(node, AKG[name]) if isinstance(o, URIRef))
                if values:
                    links[name] = tuple(values)
            docs = tuple(sorted(str(o) for o in g.objects(node, AKG.statedIn) if isinstance(o, URIRef)))
            dates = tuple(sorted({str(o) for o in g.objects(node, AKG.date)}))
            claims[str(node)] = _Claim(
                iri=str(node),
                kind=self._kind(node, links),
                dates=dates,
                bounds=self._claim_bounds(dates, docs),
                docs=docs,
                quotes=self._quotes(node),
                label=_pick_literal(g, node, [RDFS.label, SKOS.prefLabel], ("fr", "", "en")),
                links=links,
            )
        return claims

    def _kind(self, node: URIRef, links: dict) -> str:
        types = set(self.g.objects(node, RDF.type))
        if AKG.Accusation in types:
            return "CounterAccusation" if "counterTo" in links else "Accusation"
        if AKG.Rebuttal in types:
            return "Rebuttal"
        if AKG.Incident in types:
            return "Incident"
        return next((name for name in RESPONSE_TYPES if AKG[name] in types), "Response")

    def _claim_bounds(self, dates: tuple[str, ...], docs: tuple[str, ...]) -> tuple | None:
        if not dates:
            dates = tuple(str(o) for d in docs for o in self.g.objects(URIRef(d), DCTERMS.date))
        spans = [b for b in map(_bounds, dates) if b]
        if not spans:
            return None
        return min(b[0] for b in spans), max(b[1] for b in spans)

    def _quotes(self, node: URIRef) -> tuple[str, ...]:
        found = []
        for span in self.g.objects(node, AKG.evidence):
            if isinstance(span, Literal):
                found.append((float("inf"), str(span)))
                continue
            start = next(
                (o.toPython() for o in self.g.objects(span, AKG.start) if isinstance(o, Literal)), None
            )
            for quote in self.g.objects(span, AKG.quote):
                found.append((start if isinstance(start, int) else float("inf"), str(quote)))
        return tuple(dict.fromkeys(_clip(q, _QUOTE_CHARS) for _, q in sorted(found)))

    # actors

    def actor(self, iri: str) -> _Actor:
        if iri not in self._actors:
            self._actors[iri] = self._read_actor(URIRef(iri))
        return self._actors[iri]

    def _read_actor(self, node: URIRef) -> _Actor:
        g = self.g
        types = set(g.objects(node, RDF.type))
        group = next((name for name in _ACTOR_GROUPS if AKG[name] in types), "Actor")
        reaches = self._affiliations(node)
        principals = self._principals(reaches)
        principal_codes = frozenset(c.upper() for p in principals for c in self._codes(URIRef(p)))
        return _Actor(
            iri=str(node),
            label=_pick_literal(g, node, [RDFS.label, SKOS.prefLabel], ("fr", "", "en")) or _local(node),
            group=group,
            codes=self._codes(node),
            principals=principals,
            principal_codes=principal_codes,
            aliases=tuple(sorted({str(o) for o in g.objects(node, SKOS.altLabel)})),
            reaches=frozenset(reaches),
            affiliations=tuple(sorted(str(o) for o in g.objects(node, AKG.affiliatedWith) if isinstance(o, URIRef))),
        )

    def _codes(self, node: URIRef) -> tuple[str, ...]:
        return tuple(sorted({str(o) for o in self.g.objects(node, AKG.code)}))

    def _affiliations(self, node: URIRef) -> dict[str, int]:
        """The actors reachable from ``node`` through akg:affiliatedWith*, with their distance."""
        seen, frontier, depth = {str(node): 0}, [node], 0
        while frontier:
            depth += 1
            following = {o for n in frontier for o in self.g.objects(n, AKG.affiliatedWith)}
            frontier = sorted((o for o in following if isinstance(o, URIRef) and str(o) not in seen), key=str)
            seen.update((str(o), depth) for o in frontier)
        return seen

    def _principals(self, reaches: dict[str, int]) -> tuple[str, ...]:
        """Actors with an akg:code among ``reaches``, nearest first."""
        found = []
        for iri, depth in reaches.items():
            codes = self._codes(URIRef(iri))
            if codes:
                found.append((depth, codes[0], iri))
        return tuple(iri for _, _, iri in sorted(found))

    def node_for(self, iri: str, aggregate: bool) -> str:
        principals = self.actor(iri).principals
        return principals[0] if aggregate and principals else iri

    def describe_actor(self, iri: str) -> str:
        actor = self.actor(iri)
        codes = sorted(actor.principal_codes - set(actor.codes))
        return f"{actor.label} [{', '.join(codes)}]" if codes else actor.label

    def strategy_label(self, iri: str) -> str:
        if iri not in self._strategy_labels:
            self._strategy_labels[iri] = _pick_literal(
                self.g, URIRef(iri), [SKOS.prefLabel, RDFS.label], ("en", "", "fr")
            ) or _local(iri)
        return self._strategy_labels[iri]

    # resolving what the caller asked for

    def resolve_doc(self, doc: str | None) -> str | None:
        if not doc:
            return None
        for iri, info in sorted(self.docs.items()):
            if doc in (iri, info.identifier):
                return iri
        raise ViewError(f"no document with dcterms:identifier or IRI {doc!r} in the graph")

    def resolve_principal(self, code: str | None) -> str | None:
        if not code:
            return None
        known = {str(o).upper() for o in self.g.objects(None, AKG.code)}
        if code.upper() not in known:
            raise ViewError(
                f"no actor has akg:code {code!r}; known codes: {', '.join(sorted(known)) or 'none'}"
            )
        return code.upper()

    def resolve_actor(self, name: str | None) -> frozenset[str] | None:
        """The actors ``name`` designates: an IRI, or every actor with that label or alias."""
        if not name or not name.strip():
            return None
        name = name.strip()
        g = self.g
        actors = {s for s in g.subjects(RDF.type, AKG.Actor) if isinstance(s, URIRef)}
        for prop in ("accuser", "accused", "rebutter", "target", "by", "against", "affiliatedWith"):
            actors.update(o for o in g.objects(None, AKG[prop]) if isinstance(o, URIRef))
        if name in {str(a) for a in actors}:
            return frozenset([name])
        names: dict[str, set[str]] = {}
        shown: dict[str, str] = {}
        for node in sorted(actors):
            for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                for label in sorted(g.objects(node, prop)):
                    names.setdefault(_fold(str(label)), set()).add(str(node))
                    shown.setdefault(_fold(str(label)), str(label))
        found = names.get(_fold(name))
        if not found:
            close = difflib.get_close_matches(_fold(name), sorted(names), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(repr(shown[c]) for c in close)}?" if close else ""
            raise ViewError(f"no actor with IRI, label or alias {name!r}{hint}")
        return frozenset(found)

    def resolve_strategy(self, name: str | None) -> str | None:
        if not name:
            return None
        used = {str(o) for o in self.g.objects(None, AKG.strategy)}
        known = {_local(iri).lower(): iri for iri in used}
        known.update({s.lower(): str(AKG[s]) for s in STRATEGIES})
        key = _local(name).removeprefix("akg:").lower()
        if key not in known:
            names = sorted({_local(v) for v in known.values()})
            raise ViewError(f"unknown strategy {name!r}; known: {', '.join(names)}")
        return known[key]


def _claim_of(model: _Model, iri: str) -> _Claim | None:
    for table in (model.accusations, model.rebuttals, model.incidents, model.responses):
        if iri in table:
            return table[iri]
    return None
