"""Interactive HTML views of an akg graph.

Input: an rdflib ``Graph``, or a ``Dataset``/``ConjunctiveGraph`` whose named graphs are read as
their union, in the akg vocabulary (docs/graph.md); ``read_graph`` makes one from a graph file or an
Oxigraph store folder. Output: one self-contained HTML file, written atomically, and a
``ViewSummary``.

The page works offline and treats the graph as untrusted text: vis-network's JS and CSS are inlined
from the copy pyvis ships (pyvis's own template links a CDN and assigns tooltip markup), the graph
travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, and the page's script builds every tooltip, when it is shown, with DOM calls and
``textContent``. A Content Security Policy allows only the page's two scripts (by hash) and no
network access. Small views settle with vis-network's physics, which then stops; large ones get
positions computed here and no physics. The page exposes ``window.akgView`` (the network, its
DataSets, and ``ready`` once the layout is final) for scripts and tests.

Views:

- ``actors``: who accuses whom. Accusation, counter-accusation and rebuttal edges (rebutter → the
  accuser of the rebutted accusation) between actors, merged per pair and kind.
- ``claims``: accusations, rebuttals, incidents and responses, linked to the actors they name.
- ``document``: ``claims`` for one document.
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import hashlib
import html
import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS

from kg.namespaces import AKG, RESPONSE_TYPES, STRATEGIES
from kg.query import QueryError, load_source

__all__ = ["VIEWS", "ViewError", "ViewSummary", "read_graph", "render_view"]

VIEWS = ("actors", "claims", "document")

_VIS_ASSETS = ("templates", "lib", "vis-9.1.2")
_QUOTE_CHARS = 400
_LABEL_CHARS = 48
_CLAIMS_PER_TIP = 30
# Above either, vis-network's physics is too slow in the browser: positions are computed here.
_PHYSICS_MAX_NODES = 1000
_PHYSICS_MAX_EDGES = 4000
_LAYOUT_MAX_CLUSTERS = 400  # networkx's dense spring layout (no SciPy) below 500 nodes
_SPACING = 80.0  # canvas pixels between neighbouring nodes of a cluster
_GOLDEN = math.pi * (3 - math.sqrt(5))

# Node groups: vis shape, background, border, legend text. Order = legend order.
_NODE_STYLES = {
    "State": ("dot", "#4e79a7", "#2b4a6f", "State"),
    "InternationalOrganization": ("hexagon", "#59a14f", "#356b2f", "International organisation"),
    "Organization": ("square", "#f28e2b", "#a35a10", "Organisation (ministry, agency, media…)"),
    "Person": ("triangle", "#b07aa1", "#6f4a66", "Person"),
    "ThreatActor": ("diamond", "#e15759", "#9c2b2d", "Threat actor"),
    "Actor": ("dot", "#bab0ac", "#7a7370", "Other actor"),
    "Accusation": ("box", "#f8d7d7", "#c0392b", "Accusation"),
    "CounterAccusation": ("box", "#fde3c8", "#d9822b", "Counter-accusation"),
    "Rebuttal": ("box", "#d5ecd4", "#2e7d32", "Rebuttal"),
    "Incident": ("ellipse", "#fff2c6", "#b8860b", "Incident"),
    "Response": ("box", "#d6e4f0", "#2c5f8a", "Response (indictment, sanction…)"),
}
_ACTOR_GROUPS = ("State", "InternationalOrganization", "ThreatActor", "Person", "Organization")

# Edge kinds: colour, vis dashes, CSS border style for the legend, curve roundness, legend text.
_EDGE_STYLES = {
    "accusation": ("#c0392b", False, "solid", 0.08, "accuses"),
    "counter-accusation": (
        "#d9822b",
        [10, 4, 2, 4],
        "dashed",
        0.22,
        "counter-accuses (answers an accusation)",
    ),
    "rebuttal": ("#2e7d32", [6, 6], "dashed", 0.36, "rebuts (rebutter → accuser)"),
    "accuser": ("#c0392b", False, "solid", 0.1, "accusation → accuser"),
    "accused": ("#7f1d1d", [6, 4], "dashed", 0.1, "accusation → accused"),
    "counterTo": ("#d9822b", [10, 4, 2, 4], "dashed", 0.1, "counter-accusation → what it answers"),
    "concerns": ("#b8860b", [2, 4], "dotted", 0.1, "accusation → incident"),
    "rebutter": ("#2e7d32", False, "solid", 0.1, "rebuttal → rebutter"),
    "rebuts": ("#2e7d32", [6, 6], "dashed", 0.1, "rebuttal → accusation"),
    "target": ("#b8860b", False, "solid", 0.1, "incident → target"),
    "by": ("#2c5f8a", False, "solid", 0.1, "response → by"),
    "against": ("#2c5f8a", [6, 6], "dashed", 0.1, "response → against"),
}

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
_FILTER_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class ViewError(ValueError):
    """A view that cannot be drawn as asked: unknown view, document, principal, strategy or date."""


@dataclass(frozen=True)
class ViewSummary:
    """What ``render_view`` wrote."""

    path: Path
    view: str
    nodes: int
    edges: int
    aggregated: bool


@dataclass(frozen=True)
class _Filters:
    since: tuple | None = None
    until: tuple | None = None
    principal: str | None = None
    strategy: str | None = None
    doc: str | None = None
    doc_name: str | None = None
    actors: frozenset[str] | None = None
    actor_name: str | None = None

    def describe(self) -> list[str]:
        parts = []
        if self.since:
            parts.append(f"since {self.since[2]}")
        if self.until:
            parts.append(f"until {self.until[2]}")
        if self.principal:
            parts.append(f"principal {self.principal}")
        if self.strategy:
            parts.append(f"strategy {_local(self.strategy)}")
        if self.actor_name:
            parts.append(f"actor {self.actor_name}")
        if self.doc_name:
            parts.append(f"document {self.doc_name}")
        return parts


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


def render_view(
    graph: Graph,
    path: str | os.PathLike,
    view: str = "actors",
    *,
    title: str | None = None,
    doc: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    principal: str | None = None,
    strategy: str | None = None,
    actor: str | None = None,
    max_nodes: int | None = 300,
    built: str | datetime | None = None,
) -> ViewSummary:
    """Write the HTML ``view`` of ``graph`` to ``path`` and say what it holds.

    ``doc`` (a ``dcterms:identifier`` or a document IRI) restricts any view to claims stated in
    that document and is required by the ``document`` view. ``since``/``until`` (ISO dates,
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive) keep claims whose ``akg:date`` period
    overlaps them (a claim without one falls back to its document's ``dcterms:date``; undated
    claims are dropped). ``principal`` (an ``akg:code`` such as ``"CN"``) keeps claims one of whose
    parties has that principal through ``akg:affiliatedWith*``. ``strategy`` (a local name such as
    ``"Denial"``) keeps rebuttals using it. ``actor`` (an actor's IRI, or its label or alias,
    compared without case or accents) keeps claims one of whose parties is that actor or acts
    for it through ``akg:affiliatedWith*``. What a kept rebuttal rebuts and what a kept
    counter-accusation answers are always shown with it, marked as context. When the view has
    more than ``max_nodes`` nodes, actors are merged into their principal and the page says so.
    Above a thousand nodes or four thousand edges, the page is drawn with a layout computed here
    (actors grouped around their principal) and physics off, and says so.
    ``built`` (a time stamp) is printed in the page if given; nothing else varies between runs.
    """
    if view not in VIEWS:
        raise ViewError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    if view == "document" and not doc:
        raise ViewError("the document view needs a document (its dcterms:identifier or IRI)")
    if max_nodes is not None and max_nodes < 1:
        raise ViewError("max_nodes must be at least 1")
    model = _Model(_union(graph))
    filters = _Filters(
        since=_filter_date(since, "since"),
        until=_filter_date(until, "until"),
        principal=model.resolve_principal(principal),
        strategy=model.resolve_strategy(strategy),
        doc=model.resolve_doc(doc),
        actors=model.resolve_actor(actor),
        actor_name=actor.strip() if actor else None,
    )
    if filters.doc and view != "document":
        filters = replace(filters, doc_name=model.docs[filters.doc].identifier)
    selection = _select(model, filters)
    build = _actors_view if view == "actors" else _claims_view
    nodes, edges = build(model, selection, aggregate=False)
    aggregated = max_nodes is not None and len(nodes) > max_nodes
    note = None
    if aggregated:
        before = len(nodes)
        nodes, edges = build(model, selection, aggregate=True)
        note = (
            f"This view has more than {max_nodes} nodes ({before}): actors are merged into their principal "
            "(the State or organisation they act for, through akg:affiliatedWith), "
            f"leaving {len(nodes)} nodes. "
            "Each merged node's details list the actors it stands for."
        )
    elif not nodes:
        note = "Nothing to show: no claim in the graph matches these filters."
    layout = _layout(model, nodes, edges)
    if layout["mode"] == "fixed":
        note = (note + " " if note else "") + (
            f"A large view ({len(nodes)} nodes, {len(edges)} edges): it is laid out in advance, each actor "
            "near its principal, and physics is off so that it opens quickly. "
            "Edges are hidden while you drag or zoom; drag a node to move it."
        )
    page = _page(
        model=model,
        view=view,
        filters=filters,
        selection=selection,
        nodes=nodes,
        edges=edges,
        title=title,
        note=note,
        layout=layout,
        built=built.isoformat() if isinstance(built, datetime) else built,
    )
    target = Path(path)
    _write_atomic(target, page)
    return ViewSummary(path=target, view=view, nodes=len(nodes), edges=len(edges), aggregated=aggregated)


# --- reading the graph ------------------------------------------------------------------------


def read_graph(source: str | os.PathLike | Graph | ox.Store) -> Graph:
    """The graph to draw from ``source``, its named graphs merged.

    ``source`` is a graph file (any format ``kg build`` writes), an Oxigraph store folder (opened
    read-only, so a running ``kg serve`` may hold it), a ``pyoxigraph.Store``, or an rdflib graph,
    returned as is. Files and stores are read with pyoxigraph, which parses much faster than rdflib.
    """
    if isinstance(source, Graph):
        return source
    try:
        store = load_source(source)
    except QueryError as exc:
        raise ViewError(str(exc)) from exc
    graph = Graph()
    terms: dict = {}

    def term(t):
        if t not in terms:
            if isinstance(t, ox.NamedNode):
                terms[t] = URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                terms[t] = BNode(t.value)
            elif isinstance(t, ox.Literal):
                datatype = t.datatype.value
                if t.language:
                    terms[t] = Literal(t.value, lang=t.language)
                elif datatype == str(XSD.string):
                    terms[t] = Literal(t.value)
                else:
                    terms[t] = Literal(t.value, datatype=URIRef(datatype))
            else:  # an RDF-star quoted triple: nothing a view draws
                terms[t] = None
        return terms[t]

    for quad in store.quads_for_pattern(None, None, None, None):
        s, p, o = term(quad.subject), term(quad.predicate), term(quad.object)
        if s is not None and o is not None:
            graph.add((s, p, o))
    return graph


def _union(graph: Graph) -> Graph:
    if isinstance(graph, ConjunctiveGraph):
        merged = Graph()
        merged.addN((s, p, o, merged) for s, p, o, _ in graph.quads((None, None, None, None)))
        return merged
    return graph


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


def _filter_date(value, name: str) -> tuple | None:
    if value is None or value == "":
        return None
    text = value.isoformat()[:10] if isinstance(value, date) else str(value).strip()
    if not _FILTER_DATE.fullmatch(text):
        raise ViewError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {text!r}")
    start, end = _bounds(text)
    return start, end, text


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


# --- choosing what to draw --------------------------------------------------------------------


@dataclass
class _Selection:
    accusations: list[str]
    rebuttals: list[str]
    incidents: list[str]
    responses: list[str]
    context: set[str]


def _select(model: _Model, f: _Filters) -> _Selection:
    def period_ok(claim: _Claim) -> bool:
        if f.since is None and f.until is None:
            return True
        if claim.bounds is None:
            return False
        start, end = claim.bounds
        return not ((f.since and end < f.since[0]) or (f.until and start > f.until[1]))

    def parties_ok(actors: Iterable[str]) -> bool:
        actors = tuple(actors)
        if f.principal is not None and not any(f.principal in model.actor(a).principal_codes for a in actors):
            return False
        return f.actors is None or any(f.actors & model.actor(a).reaches for a in actors)

    def common_ok(claim: _Claim) -> bool:
        return period_ok(claim) and (f.doc is None or f.doc in claim.docs)

    def accusation_parties(iri: str) -> tuple[str, ...]:
        claim = model.accusations.get(iri)
        return claim.get("accuser") + claim.get("accused") if claim else ()

    rebuttals = [
        r.iri
        for r in model.rebuttals.values()
        if common_ok(r)
        and parties_ok(r.get("rebutter") + tuple(a for x in r.get("rebuts") for a in accusation_parties(x)))
        and (f.strategy is None or f.strategy in r.get("strategy"))
    ]
    accusations = {
        a.iri
        for a in model.accusations.values()
        if common_ok(a)
        and parties_ok(accusation_parties(a.iri))
        and (f.strategy is None or (_local(f.strategy) == "CounterAccusation" and a.get("counterTo")))
    }
    # A rebuttal is read against what it rebuts, a counter-accusation against what it answers.
    context: set[str] = set()
    pending = [x for r in rebuttals for x in model.rebuttals[r].get("rebuts")]
    pending += [x for a in sorted(accusations) for x in model.accusations[a].get("counterTo")]
    while pending:
        iri = pending.pop()
        if iri in model.accusations and iri not in accusations:
            accusations.add(iri)
            context.add(iri)
            pending.extend(model.accusations[iri].get("counterTo"))

    concerned = {i for a in model.accusations.values() for i in a.get("concerns")}
    incidents = {i for a in accusations for i in model.accusations[a].get("concerns") if i in model.incidents}
    if f.strategy is None:
        incidents |= {
            i.iri
            for i in model.incidents.values()
            if i.iri not in concerned and common_ok(i) and parties_ok(i.get("target"))
        }
    responses = []
    if f.strategy is None:
        responses = [
            r.iri
            for r in model.responses.values()
            if common_ok(r) and parties_ok(r.get("by") + r.get("against"))
        ]
    return _Selection(
        accusations=sorted(accusations),
        rebuttals=sorted(rebuttals),
        incidents=sorted(incidents),
        responses=sorted(responses),
        context=context,
    )


# --- building nodes and edges ---------------------------------------------------------------


def _date_text(claim: _Claim) -> str:
    return " / ".join(claim.dates) if claim.dates else "undated"


_KIND_NAMES = {
    "Accusation": "Accusation",
    "CounterAccusation": "Counter-accusation",
    "Rebuttal": "Rebuttal",
    "Incident": "Incident",
}


def _claim_of(model: _Model, iri: str) -> _Claim | None:
    for table in (model.accusations, model.rebuttals, model.incidents, model.responses):
        if iri in table:
            return table[iri]
    return None


def _short(model: _Model, iri: str) -> str:
    """One line naming a claim: « accusation by X against Y (date) »."""
    claim = _claim_of(model, iri)
    if claim is None:
        return _local(iri)
    name = _KIND_NAMES.get(claim.kind, claim.kind).lower()
    if claim.kind == "Incident":
        return f"incident « {claim.label or _local(iri)} » ({_date_text(claim)})"
    by = claim.get("accuser") + claim.get("rebutter") + claim.get("by")
    against = claim.get("accused") + claim.get("against")
    text = name
    if by:
        text += " by " + ", ".join(model.describe_actor(a) for a in by)
    if against:
        text += " against " + ", ".join(model.describe_actor(a) for a in against)
    return f"{text} ({_date_text(claim)})"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _claim_block(model: _Model, claim: _Claim, context: set[str]) -> dict:
    def names(prop: str) -> str:
        return ", ".join(model.describe_actor(a) for a in claim.get(prop))

    lines = []
    for prop, caption in (
        ("accuser", "By"),
        ("rebutter", "By"),
        ("by", "By"),
        ("accused", "Against"),
        ("against", "Against"),
        ("target", "Targets"),
    ):
        if claim.get(prop):
            lines.append(f"{caption}: {names(prop)}")
    if claim.kind == "Incident" and claim.label:
        lines.insert(0, claim.label)
    for prop, caption in (("rebuts", "Rebuts"), ("counterTo", "Answers"), ("concerns", "Concerns")):
        lines += [f"{caption}: {_short(model, x)}" for x in claim.get(prop)]
    if claim.get("strategy"):
        labels = sorted(model.strategy_label(s) for s in claim.get("strategy"))
        lines.append(f"Strategies: {', '.join(labels)}")
    if claim.iri in context:
        lines.append("Shown as context: outside the filters.")
    docs = [model.docs[d] for d in claim.docs if d in model.docs]
    return {
        "head": f"{_KIND_NAMES.get(claim.kind, claim.kind)} · {_date_text(claim)}",
        "lines": lines,
        "quotes": list(claim.quotes),
        "docs": [
            {"title": f"{d.title} ({d.identifier})" if d.identifier != d.title else d.title, "href": d.href}
            for d in docs
        ],
    }


def _claims_tip(model: _Model, title: str, claims: list[_Claim], context: set[str]) -> dict:
    ordered = sorted(claims, key=lambda c: (c.bounds or ((9999,), (9999,)), c.iri))
    tip = {"title": title, "claims": [_claim_block(model, c, context) for c in ordered[:_CLAIMS_PER_TIP]]}
    if len(ordered) > _CLAIMS_PER_TIP:
        tip["more"] = f"… and {len(ordered) - _CLAIMS_PER_TIP} more"
    return tip


def _actor_node(model: _Model, node: str, members: set[str], value: int | None, stats: str | None) -> dict:
    actor = model.actor(node)
    lines = [_NODE_STYLES[actor.group][3]]
    if actor.codes:
        lines.append(f"Code: {', '.join(actor.codes)}")
    others = [model.actor(p) for p in actor.principals if p != node]
    if others:
        lines.append("Acts for: " + ", ".join(f"{p.label} ({', '.join(p.codes)})" for p in others))
    if actor.aliases:
        lines.append("Also called: " + ", ".join(actor.aliases))
    if stats:
        lines.append(stats)
    merged = sorted((model.actor(m).label for m in members if m != node), key=lambda t: (t.casefold(), t))
    if merged:
        lines.append("Stands for: " + ", ".join(merged))
    lines.append(node)
    search = " ".join([actor.label, *actor.codes, *actor.aliases, *merged])
    out = {
        "id": node,
        "label": _clip(actor.label, _LABEL_CHARS),
        "group": actor.group,
        "search": search,
        "tip": {"title": actor.label, "lines": lines},
    }
    if value is not None:
        out["value"] = value
    return out


def _finish_edges(edges: dict[tuple[str, str, str], dict]) -> list[dict]:
    out = []
    for n, key in enumerate(sorted(edges), start=1):
        edge = edges[key]
        edge["id"] = f"e{n}"
        out.append(edge)
    return out


def _actors_view(model: _Model, sel: _Selection, aggregate: bool) -> tuple[list[dict], list[dict]]:
    node = lambda iri: model.node_for(iri, aggregate)  # noqa: E731
    pairs: dict[tuple[str, str, str], dict[str, _Claim]] = {}
    members: dict[str, set[str]] = {}
    stats: dict[str, dict[str, set[str]]] = {}

    def touch(actor: str, role: str, claim: str) -> str:
        shown = node(actor)
        members.setdefault(shown, set()).add(actor)
        stats.setdefault(shown, {"accuses": set(), "accused": set(), "rebuts": set()})[role].add(claim)
        return shown

    for iri in sel.accusations:
        claim = model.accusations[iri]
        kind = "counter-accusation" if claim.kind == "CounterAccusation" else "accusation"
        for source in claim.get("accuser"):
            for target in claim.get("accused"):
                key = (touch(source, "accuses", iri), touch(target, "accused", iri), kind)
                pairs.setdefault(key, {})[iri] = claim
    for iri in sel.rebuttals:
        claim = model.rebuttals[iri]
        for rebutted in claim.get("rebuts"):
            accusers = model.accusations[rebutted].get("accuser") if rebutted in model.accusations else ()
            for source in claim.get("rebutter"):
                for target in accusers:
                    shown_target = node(target)
                    members.setdefault(shown_target, set()).add(target)
                    stats.setdefault(shown_target, {"accuses": set(), "accused": set(), "rebuts": set()})
                    pairs.setdefault((touch(source, "rebuts", iri), shown_target, "rebuttal"), {})[iri] = (
                        claim
                    )

    nodes = []
    for shown in sorted(members):
        s = stats[shown]
        text = f"Accuses: {len(s['accuses'])} · accused: {len(s['accused'])} · rebuts: {len(s['rebuts'])}"
        nodes.append(_actor_node(model, shown, members[shown], 1 + len(s["accuses"] | s["accused"]), text))
    nouns = {"accusation": "accusation", "counter-accusation": "counter-accusation", "rebuttal": "rebuttal"}
    edges = {}
    for (source, target, kind), claims in pairs.items():
        count = len(claims)
        plural = nouns[kind] + ("s" if count > 1 else "")
        title = f"{model.actor(source).label} → {model.actor(target).label}: {count} {plural}"
        edges[(source, target, kind)] = {
            "from": source,
            "to": target,
            "kind": kind,
            "value": count,
            "label": f"×{count}" if count > 1 else "",
            "tip": _claims_tip(model, title, list(claims.values()), sel.context),
        }
    return nodes, _finish_edges(edges)


def _claim_label(claim: _Claim) -> str:
    if claim.kind == "Incident":
        head = _clip(claim.label or "Incident", _LABEL_CHARS)
    else:
        head = _KIND_NAMES.get(claim.kind, claim.kind)
    return f"{head}\n{_date_text(claim)}"


def _claims_view(model: _Model, sel: _Selection, aggregate: bool) -> tuple[list[dict], list[dict]]:
    kept = {
        iri: table[iri]
        for table, iris in (
            (model.accusations, sel.accusations),
            (model.rebuttals, sel.rebuttals),
            (model.incidents, sel.incidents),
            (model.responses, sel.responses),
        )
        for iri in iris
    }
    members: dict[str, set[str]] = {}
    edges: dict[tuple[str, str, str], dict] = {}

    def link(source: str, target: str, kind: str, actor: bool) -> None:
        if actor:
            shown = model.node_for(target, aggregate)
            members.setdefault(shown, set()).add(target)
            target = shown
        elif target not in kept:
            return
        key = (source, target, kind)
        if key in edges:
            edges[key]["value"] += 1
        else:
            edges[key] = {"from": source, "to": target, "kind": kind, "value": 1, "label": kind}

    for iri, claim in kept.items():
        for prop in ("accuser", "accused", "rebutter", "target", "by", "against"):
            for target in claim.get(prop):
                link(iri, target, prop, actor=True)
        for prop in ("rebuts", "counterTo", "concerns"):
            for target in claim.get(prop):
                link(iri, target, prop, actor=False)

    nodes = []
    for iri in sorted(kept):
        claim = kept[iri]
        group = claim.kind if claim.kind in _NODE_STYLES else "Response"
        block = _claim_block(model, claim, sel.context)
        search = " ".join([_claim_label(claim), claim.label or "", *claim.quotes])
        nodes.append(
            {
                "id": iri,
                "label": _claim_label(claim),
                "group": group,
                "search": search,
                "tip": {"title": _capitalised(_short(model, iri)), "claims": [block], "lines": [iri]},
            }
        )
    nodes += [_actor_node(model, shown, members[shown], None, None) for shown in sorted(members)]
    nodes.sort(key=lambda n: n["id"])

    labels = {n["id"]: n["label"].replace("\n", " ") for n in nodes}
    for edge in edges.values():
        edge["tip"] = {
            "title": f"{labels[edge['from']]} —{edge['kind']}→ {labels[edge['to']]}",
            "lines": [_EDGE_STYLES[edge["kind"]][4]],
        }
    return nodes, _finish_edges(edges)


# --- the page ---------------------------------------------------------------------------------


@cache
def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis").joinpath(*_VIS_ASSETS)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    # Neither may end its element early; the shipped files contain neither sequence.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if re.search(r"</style", css, flags=re.IGNORECASE):
        raise ViewError("vis-network.css cannot be inlined: it contains </style")
    return js, css


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(script: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


def _view_heading(model: _Model, view: str, filters: _Filters) -> str:
    if view == "actors":
        return "Who accuses whom: accusations and rebuttals between actors"
    if view == "claims":
        return "Claims: accusations, rebuttals, incidents and responses"
    doc = model.docs[filters.doc]
    return f"Claims stated in « {doc.title} » ({doc.identifier})"


def _layout(model: _Model, nodes: list[dict], edges: list[dict]) -> dict:
    """How the page lays the graph out: vis-network's physics, then stopped, or positions given here.

    Physics settles a few hundred nodes in a second or two, but takes about a minute for thousands
    (and the page is sluggish while it runs), so larger graphs get positions computed here: in
    ``fixed`` mode each node dict gains ``x`` and ``y``.
    """
    if len(nodes) <= _PHYSICS_MAX_NODES and len(edges) <= _PHYSICS_MAX_EDGES:
        return {
            "mode": "physics",
            "solver": "forceAtlas2Based",
            "iterations": 600 if len(nodes) <= 300 else 250,
            "improved": len(nodes) <= 150,
        }
    positions = _fixed_positions(model, nodes, edges)
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]
    return {"mode": "fixed"}


def _fixed_positions(model: _Model, nodes: list[dict], edges: list[dict]) -> dict[str, tuple[float, float]]:
    """Positions for a large view: clusters laid out by force, members on a disc around each centre.

    An actor's cluster is its nearest principal; a claim, or an actor without a principal, joins the
    cluster of the nearest node that has one (breadth first); what remains forms one cluster per
    connected part. Cluster centres come from networkx's spring layout of the graph between
    clusters (edges counted as weights), pushed apart until their discs do not overlap.
    """
    import networkx as nx
    import numpy as np  # networkx's spring layout needs it; only large views come here

    ids = sorted(n["id"] for n in nodes)
    neighbours: dict[str, set[str]] = {i: set() for i in ids}
    for edge in edges:
        neighbours[edge["from"]].add(edge["to"])
        neighbours[edge["to"]].add(edge["from"])
    cluster: dict[str, str] = {}
    for iri in ids:
        if _claim_of(model, iri) is None and model.actor(iri).principals:
            cluster[iri] = model.actor(iri).principals[0]

    def spread(frontier: list[str]) -> None:
        while frontier:
            following = []
            for iri in frontier:
                for other in sorted(neighbours[iri]):
                    if other not in cluster:
                        cluster[other] = cluster[iri]
                        following.append(other)
            frontier = following

    spread([i for i in ids if i in cluster])
    for iri in ids:
        if iri not in cluster:
            cluster[iri] = iri
            spread([iri])
    members: dict[str, list[str]] = {}
    for iri in ids:
        members.setdefault(cluster[iri], []).append(iri)
    step = _SPACING / 1.7  # phyllotaxis: k-th point at step·√k, about _SPACING from its neighbours
    radius = {key: step * math.sqrt(len(m)) + _SPACING / 2 for key, m in members.items()}
    order = sorted(members, key=lambda key: (-len(members[key]), key))
    core = order[:_LAYOUT_MAX_CLUSTERS]
    index = {key: n for n, key in enumerate(core)}
    weights: dict[tuple[int, int], int] = {}
    for edge in edges:
        a, b = index.get(cluster[edge["from"]]), index.get(cluster[edge["to"]])
        if a is not None and b is not None and a != b:
            pair = (min(a, b), max(a, b))
            weights[pair] = weights.get(pair, 0) + 1
    graph = nx.Graph()
    graph.add_nodes_from(range(len(core)))
    graph.add_weighted_edges_from((a, b, math.log1p(w)) for (a, b), w in sorted(weights.items()))
    spring = nx.spring_layout(graph, weight="weight", seed=7, iterations=100, method="force")
    pos = np.array([spring[n] for n in range(len(core))], dtype=float).reshape(len(core), 2)
    rad = np.array([radius[key] for key in core])
    if len(core) > 1:
        # Scale so that clusters of typical size sit about one diameter apart, then push overlapping
        # pairs apart (a few passes: exact packing is not needed to read the picture).
        gaps = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1)) + np.eye(len(core)) * 1e9
        pos *= 2.2 * float(np.median(rad)) / max(float(np.median(gaps.min(1))), 1e-9)
        for _ in range(60):
            delta = pos[:, None, :] - pos[None, :, :]
            dist = np.sqrt((delta**2).sum(-1)) + np.eye(len(core)) * 1e9
            overlap = rad[:, None] + rad[None, :] + _SPACING - dist
            np.fill_diagonal(overlap, 0)
            overlap = np.clip(overlap, 0, None)
            if not overlap.any():
                break
            push = (delta / np.maximum(dist, 1e-6)[..., None]) * (overlap / 2)[..., None]
            pos += push.sum(1)
    centres = {key: (float(x), float(y)) for key, (x, y) in zip(core, pos, strict=True)}
    # Clusters beyond the first few hundred (the smallest) go round the outside on a spiral.
    outer = float(np.sqrt((pos**2).sum(1)).max() + rad.max()) if len(core) else 0.0
    for k, key in enumerate(order[len(core) :]):
        cell = 2 * radius[key] + _SPACING
        r = math.sqrt(outer**2 + (k + 1) * cell**2 / math.pi) + cell
        centres[key] = (r * math.cos(k * _GOLDEN), r * math.sin(k * _GOLDEN))
    positions = {}
    for key, group in members.items():
        cx, cy = centres[key]
        # The principal itself at the centre, then the best connected nearest to it.
        ranked = sorted(group, key=lambda iri: (iri != key, -len(neighbours[iri]), iri))
        for k, iri in enumerate(ranked):
            r = step * math.sqrt(k)
            x, y = cx + r * math.cos(k * _GOLDEN), cy + r * math.sin(k * _GOLDEN)
            positions[iri] = (round(x, 1), round(y, 1))
    return positions


def _legend_html(nodes: list[dict], edges: list[dict]) -> str:
    groups = {n["group"] for n in nodes}
    kinds = {e["kind"] for e in edges}
    items = []
    for group, (shape, _bg, _border, text) in _NODE_STYLES.items():
        if group in groups:
            items.append(
                f'<li><span class="akg-sw akg-shape-{shape} akg-g-{group}"></span>{html.escape(text)}</li>'
            )
    for kind, style in _EDGE_STYLES.items():
        if kind in kinds:
            items.append(f'<li><span class="akg-ln akg-k-{kind}"></span>{html.escape(style[4])}</li>')
    if not items:
        return '<p class="akg-hint">Nothing drawn.</p>'
    return "<ul>" + "".join(items) + "</ul>"


def _style_css() -> str:
    rules = [
        f".akg-g-{g}{{background:{bg};border-color:{border}}}"
        for g, (_s, bg, border, _t) in _NODE_STYLES.items()
    ]
    rules += [
        f".akg-k-{k}{{border-top:3px {css} {colour}}}"
        for k, (colour, _d, css, _r, _t) in _EDGE_STYLES.items()
    ]
    return _PAGE_CSS + "\n".join(rules) + "\n"


def _page(*, model, view, filters, selection, nodes, edges, title, note, layout, built) -> str:
    js, css = _vis_assets()
    heading = _view_heading(model, view, filters)
    filter_text = "Filters: " + " · ".join(filters.describe()) if filters.describe() else "No filters"
    counts = (
        f"{len(nodes)} nodes, {len(edges)} edges, from {len(selection.accusations)} accusations "
        f"and {len(selection.rebuttals)} rebuttals"
    )
    sub = [heading] if title else []
    sub += [f"{filter_text}. {counts}."]
    if built:
        sub.append(f"Built {built}.")
    groups = {
        g: {
            "shape": shape,
            "color": {
                "background": bg,
                "border": border,
                "highlight": {"background": bg, "border": "#111111"},
                "hover": {"background": bg, "border": "#111111"},
            },
        }
        for g, (shape, bg, border, _t) in _NODE_STYLES.items()
    }
    kinds = {
        k: {"color": colour, "dashes": dashes, "roundness": roundness}
        for k, (colour, dashes, _css, roundness, _t) in _EDGE_STYLES.items()
    }
    data = {
        "view": view,
        "groups": groups,
        "edgeKinds": kinds,
        "layout": layout,
        "nodes": nodes,
        "edges": edges,
    }
    # Built from constants and base64 digests only: safe in a double-quoted attribute.
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)} {_csp_hash(_PAGE_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    note_html = f'<p class="akg-note" role="note">{html.escape(note)}</p>\n' if note else ""
    sub_html = "".join(f'<p class="akg-sub">{html.escape(s)}</p>\n' for s in sub)
    h1 = html.escape(title or heading)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="akg">\n'
        f"<title>{h1}</title>\n"
        f"<style>\n{css}\n</style>\n<style>\n{_style_css()}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{h1}</h1>\n{sub_html}{note_html}"
        '<div class="akg-tools"><label for="akg-search">Find</label> '
        '<input id="akg-search" type="search" autocomplete="off" '
        'placeholder="actor, quote, code… (Enter to zoom)"> '
        '<span id="akg-found" aria-live="polite"></span> <span id="akg-status"></span></div>\n'
        "</header>\n<main>\n"
        '<div id="akg-network" role="img" aria-label="graph"></div>\n'
        '<div id="akg-tip" class="akg-tip" role="tooltip" hidden></div>\n'
        '<aside>\n<section class="akg-legend"><h2>Legend</h2>\n'
        f"{_legend_html(nodes, edges)}\n"
        '<p class="akg-hint">Size: how often an actor accuses or is accused. '
        "Width: how many claims an edge merges."
        "</p></section>\n"
        '<section><h2>Details</h2><div id="akg-details">'
        '<p class="akg-hint">Click a node or an edge to see its '
        "claims.</p></div></section>\n</aside>\n</main>\n"
        "<noscript><p>This view needs JavaScript.</p></noscript>\n"
        f'<script type="application/json" id="graph-data">{_json_for_script(data)}</script>\n'
        f"<script>{js}</script>\n"
        f"<script>{_PAGE_JS}</script>\n"
        "</body>\n</html>\n"
    )


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_PAGE_CSS = """\
html,body{margin:0;height:100%;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
body{display:flex;flex-direction:column;background:#fafafa}
header{padding:10px 16px;border-bottom:1px solid #ddd;background:#fff}
h1{font-size:1.2rem;margin:0 0 4px}
h2{font-size:.95rem;margin:10px 0 4px}
.akg-sub{margin:2px 0;color:#555;font-size:.88rem}
.akg-note{margin:6px 0;padding:6px 10px;background:#fff4ce;border:1px solid #e0c36a;border-radius:4px;
  font-size:.88rem}
.akg-tools{margin-top:6px;display:flex;gap:8px;align-items:center;font-size:.9rem}
#akg-search{width:24em;padding:4px 6px}
#akg-found,#akg-status{color:#555}
main{flex:1;display:flex;min-height:0}
#akg-network{flex:1;min-width:0;background:#fff}
aside{width:340px;overflow:auto;border-left:1px solid #ddd;padding:4px 12px 12px;background:#fff;
  font-size:.84rem}
.akg-legend ul{list-style:none;padding:0;margin:0}
.akg-legend li{display:flex;align-items:center;gap:8px;margin:3px 0}
.akg-hint{color:#666}
.akg-sw{display:inline-block;width:13px;height:13px;border:1px solid;flex:none;box-sizing:border-box}
.akg-shape-dot,.akg-shape-ellipse{border-radius:50%}
.akg-shape-ellipse,.akg-shape-box{width:20px;height:12px}
.akg-shape-box{border-radius:3px}
.akg-shape-diamond{transform:rotate(45deg) scale(.8)}
.akg-shape-triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
.akg-shape-hexagon{clip-path:polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)}
.akg-ln{display:inline-block;width:28px;height:0;flex:none}
.akg-tip{position:fixed;z-index:10;pointer-events:none;max-width:460px;max-height:70vh;overflow:hidden;
  padding:6px 8px;background:#fffff4;border:1px solid #999;border-radius:4px;
  box-shadow:0 2px 6px rgba(0,0,0,.2);font-size:12px;line-height:1.35}
.akg-card-title{font-weight:600;margin-bottom:3px;overflow-wrap:anywhere}
.akg-line{overflow-wrap:anywhere}
.akg-claim{border-top:1px solid #ddd;padding-top:4px;margin-top:4px}
.akg-claim-head{font-weight:600}
.akg-quote{margin:3px 0 3px 6px;padding-left:6px;border-left:3px solid #ccc;font-style:italic}
.akg-doc{color:#444;overflow-wrap:anywhere}
.akg-more{color:#666;margin-top:4px}
"""

# The page's own script. It reads the graph from the JSON block and builds every piece of text
# with textContent; links get an href only when it starts with http(s)://.
_PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var WEB = /^https?:\/\//i;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function link(parent, href) {
    if (typeof href === "string" && WEB.test(href)) {
      var a = el("a", null, href);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer nofollow";
      parent.appendChild(a);
    } else {
      parent.appendChild(document.createTextNode(String(href)));
    }
  }

  function card(tip) {
    var root = el("div", "akg-card");
    root.appendChild(el("div", "akg-card-title", tip.title));
    (tip.claims || []).forEach(function (c) {
      var box = el("div", "akg-claim");
      box.appendChild(el("div", "akg-claim-head", c.head));
      (c.lines || []).forEach(function (line) { box.appendChild(el("div", "akg-line", line)); });
      (c.quotes || []).forEach(function (q) {
        box.appendChild(el("blockquote", "akg-quote", "« " + q + " »"));
      });
      (c.docs || []).forEach(function (d) {
        var line = el("div", "akg-doc", "Source: " + d.title);
        if (d.href) { line.appendChild(document.createTextNode(" — ")); link(line, d.href); }
        box.appendChild(line);
      });
      root.appendChild(box);
    });
    (tip.lines || []).forEach(function (line) { root.appendChild(el("div", "akg-line", line)); });
    if (tip.more) { root.appendChild(el("div", "akg-more", tip.more)); }
    return root;
  }

  var byNode = {};
  var byEdge = {};
  var layout = data.layout;
  var fixed = layout.mode === "fixed";
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    byNode[n.id] = n;
    var item = { id: n.id, label: n.label, group: n.group };
    if (n.value !== undefined) { item.value = n.value; }
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    byEdge[e.id] = e;
    var k = data.edgeKinds[e.kind];
    var item = {
      id: e.id, from: e.from, to: e.to, value: e.value,
      color: { color: k.color, highlight: k.color, hover: k.color, inherit: false },
      dashes: k.dashes,
      smooth: fixed ? false : { enabled: true, type: "curvedCW", roundness: k.roundness }
    };
    if (e.label) { item.label = e.label; }
    return item;
  }));

  var options = {
    groups: data.groups,
    nodes: { font: { size: 14, face: "sans-serif" }, scaling: { min: 10, max: 42 }, borderWidth: 1.5 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      scaling: { min: 1, max: 8 },
      font: { size: 10, align: "horizontal", strokeWidth: 3 },
      selectionWidth: 2
    },
    layout: { randomSeed: 7, improvedLayout: layout.improved === true },
    physics: fixed ? false : {
      solver: layout.solver,
      forceAtlas2Based: { gravitationalConstant: -80, springLength: 130, avoidOverlap: 0.4 },
      barnesHut: { gravitationalConstant: -6000, springLength: 160, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: layout.iterations, updateInterval: 25, fit: true }
    },
    interaction: { hover: true, multiselect: true, hideEdgesOnDrag: fixed, hideEdgesOnZoom: fixed }
  };
  var container = document.getElementById("akg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // For scripts and tests driving the page: ready once the layout has settled and physics stopped.
  var view = {
    network: network, nodes: nodes, edges: edges, layout: layout.mode, ready: false, readyAt: null
  };
  window.akgView = view;
  var status = document.getElementById("akg-status");
  function ready() {
    if (view.ready) { return; }
    view.ready = true;
    view.readyAt = performance.now();
    status.textContent = "";
  }
  if (fixed || !data.nodes.length) {
    network.once("afterDrawing", ready);
  } else {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      ready();
    });
  }

  // Tooltips are built when shown, as DOM nodes, never from markup.
  var tipBox = document.getElementById("akg-tip");
  function hideTip() { tipBox.hidden = true; }
  function showTip(tip, pointer) {
    while (tipBox.firstChild) { tipBox.removeChild(tipBox.firstChild); }
    tipBox.appendChild(card(tip));
    tipBox.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14;
    var y = box.top + pointer.y + 14;
    x = Math.max(4, Math.min(x, window.innerWidth - tipBox.offsetWidth - 8));
    y = Math.max(4, Math.min(y, window.innerHeight - tipBox.offsetHeight - 8));
    tipBox.style.left = x + "px";
    tipBox.style.top = y + "px";
  }
  network.on("hoverNode", function (p) { showTip(byNode[p.node].tip, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(byEdge[p.edge].tip, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
  container.addEventListener("mouseleave", hideTip);

  var details = document.getElementById("akg-details");
  function show(tip) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(tip ? card(tip) : el("p", "akg-hint", "Click a node or an edge to see its claims."));
  }
  network.on("click", function (p) {
    if (p.nodes.length) { show(byNode[p.nodes[0]].tip); }
    else if (p.edges.length) { show(byEdge[p.edges[0]].tip); }
    else { show(null); }
  });

  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var keys = data.nodes.map(function (n) { return [n.id, fold(n.search || n.label)]; });
  var input = document.getElementById("akg-search");
  var found = document.getElementById("akg-found");
  function highlight() {
    var q = fold(input.value.trim());
    var ids = null;
    if (q) {
      ids = keys.filter(function (k) { return k[1].indexOf(q) !== -1; }).map(function (k) { return k[0]; });
    }
    var hit = {};
    (ids || []).forEach(function (id) { hit[id] = true; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: ids === null || hit[n.id] ? 1 : 0.2 };
    }));
    network.selectNodes(ids || [], false);
    found.textContent = ids === null ? "" : ids.length + (ids.length === 1 ? " match" : " matches");
    return ids;
  }
  input.addEventListener("input", highlight);
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    ev.preventDefault();
    var ids = highlight();
    if (ids && ids.length) {
      network.fit({ nodes: ids, animation: { duration: 400 } });
      if (ids.length === 1) { show(byNode[ids[0]].tip); }
    }
  });
})();
"""
