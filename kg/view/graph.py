"""The graph a view draws, and the error every step of drawing raises.

Input: a graph file, an Oxigraph store folder, a ``pyoxigraph.Store`` or an rdflib graph. Output: an
rdflib ``Graph`` (``read_graph``), a ``Dataset``'s named graphs merged into one (``_union``).
"""

from __future__ import annotations

import os

import pyoxigraph as ox
from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph

from kg.query import QueryError, load_source


class ViewError(ValueError):
    """A view that cannot be drawn as asked: unknown view, document, principal, strategy or date."""


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
