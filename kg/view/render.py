"""``render_view``: a graph and what to show of it → one HTML file, written atomically.

Input: an rdflib ``Graph`` or ``Dataset`` in the akg vocabulary, a view name and filters. Output:
the page at the path given, and a ``ViewSummary``. The steps are the modules of this package, in
order: model, selection, network (nodes and edges), layout, page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from rdflib import Graph

from kg.files import atomic_write
from kg.view.graph import ViewError, _union
from kg.view.layout import _layout
from kg.view.model import _Model
from kg.view.network import _actors_view, _claims_view
from kg.view.page import _page
from kg.view.selection import _filter_date, _Filters, _select

VIEWS = ("actors", "claims", "document")


@dataclass(frozen=True)
class ViewSummary:
    """What ``render_view`` wrote."""

    path: Path
    view: str
    nodes: int
    edges: int
    aggregated: bool
    folded: bool = False  # the page opens with actors folded into their principals


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
    fold: bool = False,
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
    The page carries the view both ways, actors apart and folded into their principals, with a toggle
    between them when they differ; ``fold`` opens it folded (the counts returned are those shown first).
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
    folded_nodes, folded_edges = build(model, selection, aggregate=True)
    aggregated = max_nodes is not None and len(nodes) > max_nodes
    note = None
    alternative = None
    if not aggregated and _differ(nodes, folded_nodes):
        alternative = {"nodes": folded_nodes, "edges": folded_edges}
        if fold:
            alternative = {"nodes": nodes, "edges": edges}
            nodes, edges = folded_nodes, folded_edges
        alternative["layout"] = _layout(model, alternative["nodes"], alternative["edges"])
    if aggregated:
        before = len(nodes)
        nodes, edges = folded_nodes, folded_edges
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
        alternative=alternative,
        folded=fold and alternative is not None,
    )
    target = Path(path)
    _write_atomic(target, page)
    return ViewSummary(path=target, view=view, nodes=len(nodes), edges=len(edges), aggregated=aggregated,
                       folded=aggregated or (fold and alternative is not None))


def _differ(nodes: list[dict], folded: list[dict]) -> bool:
    return [n["id"] for n in nodes] != [n["id"] for n in folded]


def _write_atomic(path: Path, text: str) -> None:
    atomic_write(path, text, create_folder=True)
