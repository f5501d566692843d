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
- ``dispute`` (``timeline.render_dispute_view``, a page of its own, not a network): each dispute
  across documents (:mod:`kg.disputes`) as a timeline of its steps with their quotes.

One module per step, in the order ``render_view`` runs them: ``graph`` (reading the graph),
``model`` (what the graph holds), ``selection`` (what the filters keep), ``network`` (nodes, edges
and tooltips), ``layout``, ``page`` (the HTML, from the files in ``assets/``); ``styles`` is the
look of each node group and edge kind.
"""

from kg.view.graph import ViewError, read_graph
from kg.view.render import VIEWS, ViewSummary, render_view

__all__ = ["VIEWS", "ViewError", "ViewSummary", "read_graph", "render_view"]
