"""Disputes across documents: an akg graph (its per-document named graphs) in, one more named graph
out (``<base>disputes``) holding the incidents resolved across documents, the disputes, and the
rebuttal links inferred across documents. The per-document graphs are never touched, so a document
added, replaced or pruned only calls for this graph to be computed again (:func:`dispute_graph`).

What the graph says (terms of ``ontology/akg.ttl``):

- ``akg:ResolvedIncident``: one incident across documents; ``akg:mergedFrom`` each document's
  ``akg:Incident``, ``akg:identityKey`` the keys it was resolved on, ``akg:merge`` an
  ``akg:IncidentMerge`` per union of two mentions with the ``akg:matchedKey`` s that matched;
- ``akg:Dispute``: ``akg:about`` its resolved incident (if any), ``akg:groupedBy`` ("incident" or
  "pair"), ``akg:accuserPrincipal`` / ``akg:accusedPrincipal``, ``akg:firstDate`` / ``akg:lastDate``;
  each accusation, rebuttal and response ``akg:inDispute`` it;
- ``akg:answers``: rebuttal → an accusation of another document, inferred (``akg:rebuts`` stays the
  link read in the text), explained by an ``akg:InferredLink`` (``akg:linkFrom``, ``akg:linkTo``,
  ``akg:via`` the accusation rebutted in the text, ``akg:matchedKey`` s, ``akg:inference``).

IRIs are digests of the IRIs they group, so the same graph always gives the same disputes.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import rdflib

from ..namespaces import DEFAULT_BASE
from .facts import Facts, day, read_facts
from .incidents import ResolvedIncident, resolve_incidents, short_label
from .threads import Dispute, Link, group_disputes

__all__ = ["Dispute", "Link", "ResolvedIncident", "add_disputes", "dispute_graph", "disputes_graph_name",
           "resolve"]

_AKG = "https://w3id.org/akg/ontology#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def disputes_graph_name(base: str | None = None) -> str:
    """The IRI of the disputes graph of a build with ``base`` (outside ``graph/``, which names the
    document graphs, so that no document identifier can name it)."""
    base = base or DEFAULT_BASE
    return (base if base.endswith(("/", "#")) else base + "/") + "disputes"


def resolve(store: ox.Store, base: str | None = None) -> tuple[Facts, list[Dispute]]:
    """Read ``store`` and group its claims into disputes (see :mod:`kg.disputes.threads`)."""
    facts = read_facts(store, disputes_graph_name(base))
    return facts, group_disputes(facts, resolve_incidents(facts))


def dispute_graph(store: ox.Store, base: str | None = None) -> list[ox.Quad]:
    """The quads of the disputes graph for the documents of ``store``, sorted."""
    facts, disputes = resolve(store, base)
    return _Writer(facts, base, disputes_graph_name(base)).write(disputes)


def add_disputes(ds: rdflib.Dataset, base: str | None = None) -> int:
    """Add the disputes graph of the document graphs of ``ds`` to ``ds``; returns its size."""
    store = ox.Store()
    store.bulk_load(input=ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    quads = dispute_graph(store, base)
    if quads:
        graph = ds.graph(rdflib.URIRef(disputes_graph_name(base)))
        graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                    format="nt")
    return len(quads)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


class _Writer:
    def __init__(self, facts: Facts, base: str | None, graph: str):
        self.facts, self.graph, self.quads = facts, ox.NamedNode(graph), set()
        self.base = disputes_graph_name(base)[: -len("disputes")]

    def iri(self, path: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + path)

    def add(self, s, p: str, o) -> None:
        s = s if isinstance(s, ox.NamedNode) else ox.NamedNode(s)
        self.quads.add(ox.Quad(s, ox.NamedNode(_AKG + p) if ":" not in p else ox.NamedNode(p), o, self.graph))

    def date(self, value: str) -> ox.Literal:
        kind = {10: "date", 7: "gYearMonth"}.get(len(value), "gYear")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + kind))

    def write(self, disputes: list[Dispute]) -> list[ox.Quad]:
        written: dict[int, ox.NamedNode] = {}
        for d in disputes:
            node = self.iri(f"dispute/{_digest(*d.accusations)}")
            self.add(node, _RDF_TYPE.value, ox.NamedNode(_AKG + "Dispute"))
            self.add(node, "groupedBy", ox.Literal(d.grouped_by))
            if d.incident is not None:
                if id(d.incident) not in written:
                    written[id(d.incident)] = self.incident(d.incident)
                self.add(node, "about", written[id(d.incident)])
            claims = [self.facts.claims[i] for i in (*d.accusations, *d.rebuttals, *d.responses)]
            primary = [self.facts.claims[i] for i in d.accusations if not self.facts.claims[i].counter_to]
            accusers = sorted(set().union(*(c.by for c in primary)))
            accused = sorted(set().union(*(c.to for c in primary)))
            for p in accusers:
                self.add(node, "accuserPrincipal", ox.NamedNode(p))
            for p in accused:
                self.add(node, "accusedPrincipal", ox.NamedNode(p))
            dates = sorted((c.date for c in claims if c.day is not None), key=lambda v: (day(v), v))
            if dates:
                self.add(node, "firstDate", self.date(dates[0]))
                self.add(node, "lastDate", self.date(dates[-1]))
            self.add(node, _LABEL.value, ox.Literal(self.label(d, accusers, accused, dates)))
            for c in claims:
                self.add(c.iri, "inDispute", node)
            for link in d.links:
                self.link(link)
        return sorted(self.quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))

    def label(self, d: Dispute, accusers: list[str], accused: list[str], dates: list[str]) -> str:
        names = ", ".join(self.facts.principal_label(p) for p in accusers)
        against = ", ".join(self.facts.principal_label(p) for p in accused)
        about = short_label(d.incident, self.facts) if d.incident else f"{names} → {against}"
        when = f", {dates[0][:7]}" if dates and not d.incident else ""
        return f"{about}{when}: {len(d.accusations)} accusations, {len(d.rebuttals)} rebuttals"

    def incident(self, inc: ResolvedIncident) -> ox.NamedNode:
        node = self.iri(f"incident/resolved/{_digest(*inc.mentions)}")
        self.add(node, _RDF_TYPE.value, ox.NamedNode(_AKG + "ResolvedIncident"))
        self.add(node, _LABEL.value, ox.Literal(short_label(inc, self.facts)))
        for m in inc.mentions:
            self.add(node, "mergedFrom", ox.NamedNode(m))
        for key in inc.names:
            self.add(node, "identityKey", ox.Literal(key))
        for p in sorted(inc.accused):
            self.add(node, "accusedPrincipal", ox.NamedNode(p))
        if inc.date:
            self.add(node, "date", self.date(inc.date))
        for a, b, keys in inc.merges:
            merge = self.iri(f"merge/{_digest(a, b)}")
            self.add(node, "merge", merge)
            self.add(merge, _RDF_TYPE.value, ox.NamedNode(_AKG + "IncidentMerge"))
            self.add(merge, "mergedIncident", ox.NamedNode(a))
            self.add(merge, "mergedIncident", ox.NamedNode(b))
            for key in keys:
                self.add(merge, "matchedKey", ox.Literal(key))
        return node

    def link(self, link: Link) -> None:
        node = self.iri(f"link/{_digest(link.rebuttal, link.accusation)}")
        self.add(link.rebuttal, "answers", ox.NamedNode(link.accusation))
        self.add(node, _RDF_TYPE.value, ox.NamedNode(_AKG + "InferredLink"))
        self.add(node, "linkFrom", ox.NamedNode(link.rebuttal))
        self.add(node, "linkTo", ox.NamedNode(link.accusation))
        self.add(node, "via", ox.NamedNode(link.via))
        self.add(node, "inference", ox.Literal("cross-document"))
        for key in link.keys:
            self.add(node, "matchedKey", ox.Literal(key))
