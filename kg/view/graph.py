"""The graph a view draws, and the error every step of drawing raises.

Input: a graph file, an Oxigraph store folder, a ``pyoxigraph.Store`` or an rdflib graph. Output: an
rdflib ``Graph`` (``read_graph``), a ``Dataset``'s named graphs merged into one (``_union``).
"""

from __future__ import annotations

import os

import pyoxigraph as ox
from rdflib import Graph

from kg import source as _source


class ViewError(ValueError):
    """A view that cannot be drawn as asked: unknown view, document, principal, strategy or date."""


def read_graph(source: str | os.PathLike | Graph | ox.Store) -> Graph:
    """The graph to draw from ``source``, its named graphs merged.

    ``source`` is a graph file (any format ``kg build`` writes), an Oxigraph store folder (opened
    read-only, so a running ``kg serve`` may hold it), a ``pyoxigraph.Store``, or an rdflib graph,
    returned as is. Files and stores are read by :func:`kg.source.read_graph` (with pyoxigraph, which
    parses much faster than rdflib); what cannot be read raises :class:`kg.source.StoreError`.
    """
    return _source.read_graph(source)


def _union(graph: Graph) -> Graph:
    # a Dataset (or any graph with named graphs) is context aware: merge its graphs into one
    if graph.context_aware:
        merged = Graph()
        merged.addN((s, p, o, merged) for s, p, o, _ in graph.quads((None, None, None, None)))
        return merged
    return graph
