"""Where the nodes of a view go: left to vis-network's physics, or computed here for large views.

Input: a ``_Model`` and a view's nodes and edges. Output: the page's layout settings (a dict); for a
large view each node dict also gains ``x`` and ``y``.
"""

from __future__ import annotations

import math

from kg.view.model import _claim_of, _Model

# Above either, vis-network's physics is too slow in the browser: positions are computed here.
_PHYSICS_MAX_NODES = 1000
_PHYSICS_MAX_EDGES = 4000
_LAYOUT_MAX_CLUSTERS = 400  # networkx's dense spring layout (no SciPy) below 500 nodes
_SPACING = 80.0  # canvas pixels between neighbouring nodes of a cluster
_GOLDEN = math.pi * (3 - math.sqrt(5))


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
