"""Analyse: a graph file or an Oxigraph store folder in, who accuses whom at the level of principals
(States and international organisations, the actors with an ``akg:code``) out, as tables and as a
networkx graph for Gephi.

Every actor counts for the principal(s) it reaches through ``akg:affiliatedWith*`` (a spokesperson
for the ministry's State, a threat group for its sponsor). An accusation counts once per (accuser
principal, accused principal) pair; a pair whose two sides share a principal (the Kremlin on
APT28) is left out, as in the evaluation. From there:

- the **accusation matrix**: distinct accusations, accuser principal × accused principal;
- **mutual accusations**: the pairs that accuse each other, with both counts;
- the **rebuttal rate** per accused principal: of the accusations against it, the share that it
  rebutted (an ``akg:Rebuttal`` of that accusation by an actor of that principal);
- the **strategy mix** per rebutter principal: rebuttals using each strategy, and their share of
  its rebuttals (a rebuttal may use several);
- **answers** per accused principal, over the disputes across documents (:mod:`kg.disputes`): of
  the accusations against it, those it never answered (no rebuttal of its own in their dispute, in
  any document), and, per dispute, the days from the first accusation against it to its first
  rebuttal dated on or after it (median, and how many disputes could be timed: dates are as precise
  as the texts give them, a month counts from its first day);
- **centrality** on the principal accusation network (an edge accuser → accused weighted by its
  accusations): accusations made and received, distinct accused and accusers, PageRank (weighted)
  and betweenness (unweighted, normalised).

>>> a = analyze_graph([("US", "CN", "a1"), ("CN", "US", "a2"), ("BE", "CN", "a3")],
...                   [("r1", "a1", "CN")], [("r1", "Denial")])
>>> a.matrix[("US", "CN")], a.mutual
(1, [('CN', 'US', 1, 1)])
>>> a.rebuttal_rate["CN"]
(2, 1)
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .query import QueryError, query_text
from .source import open_source

__all__ = ["FORMATS", "Analysis", "AnalyzeError", "Answers", "analyze", "analyze_graph", "answer_times",
           "format_analysis", "write_gexf", "write_graphml"]

FORMATS = ("table", "csv", "json")
# The queries are kg/queries/internal/analyze/*.rq (and disputes/answers.rq): actors count for the
# principals they reach, each lookup a DISTINCT subquery, as in kg.evaluate.


class AnalyzeError(Exception):
    """The graph cannot be read, or an export cannot be written."""


@dataclass
class Answers:
    """How an accused principal answered the accusations against it, over the disputes."""

    accusations: int = 0
    unanswered: int = 0
    #: per dispute, days from the first accusation against it to its first rebuttal on or after it
    days: list[int] = field(default_factory=list)

    @property
    def unanswered_share(self) -> float:
        return _rate(self.unanswered, self.accusations)

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass
class Analysis:
    """What :func:`analyze` found; every mapping is keyed by principal code(s)."""

    labels: dict[str, str] = field(default_factory=dict)
    #: (accuser, accused) → distinct accusations
    matrix: dict[tuple[str, str], int] = field(default_factory=dict)
    #: (a, b, accusations a → b, accusations b → a), a < b
    mutual: list[tuple[str, str, int, int]] = field(default_factory=list)
    #: accused → (accusations against it, of which it rebutted)
    rebuttal_rate: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: rebutter → (its rebuttals, {strategy: rebuttals using it})
    strategies: dict[str, tuple[int, dict[str, int]]] = field(default_factory=dict)
    #: accused → its :class:`Answers` (accusations in disputes, never answered, days to first rebuttal)
    answers: dict[str, Answers] = field(default_factory=dict)
    #: principal → {measure: value}, the measures of :data:`CENTRALITY`
    centrality: dict[str, dict[str, float]] = field(default_factory=dict)
    graph: nx.DiGraph = field(default_factory=nx.DiGraph)


#: The centrality measures, in the order tables show them.
CENTRALITY = ("made", "received", "accused", "accusers", "pagerank", "betweenness")


def analyze(source: str | PathLike | ox.Store) -> Analysis:
    """Analyse ``source``: a graph file, an Oxigraph store folder or a ``pyoxigraph.Store``."""
    try:
        store = open_source(source)
        accusations = [(r["cx"].value, r["cy"].value, r["a"].value) for r in _select(store, "accusations")]
        rebuttals = [(r["r"].value, r["a"].value, r["cx"].value) for r in _select(store, "rebuttals")]
        strategies = [(r["r"].value, _local(r["s"].value)) for r in _select(store, "strategies")]
        labels = {r["code"].value: r["label"].value if r["label"] else r["code"].value
                  for r in _select(store, "labels")}
        steps = [{k: r[k].value if r[k] else None for k in ("kind", "claim", "dispute", "date", "cx", "cy", "answers")}
                 for r in store.query(query_text("disputes/answers.rq"), use_default_graph_as_union=True)]
    except QueryError as e:
        raise AnalyzeError(str(e)) from e
    a = analyze_graph(accusations, rebuttals, strategies, labels)
    a.answers = answer_times(steps)
    a.labels.update({p: labels.get(p, p) for p in a.answers if p not in a.labels})
    return a


def answer_times(steps: Iterable[dict]) -> dict[str, Answers]:
    """Per accused principal, its :class:`Answers`, from the steps of the disputes: dicts with ``kind``
    ("accusation" or "rebuttal"), ``claim``, ``dispute``, ``date`` (ISO, or None), ``cx`` (accuser or
    rebutter principal), ``cy`` (accused principal) and ``answers`` (the accusation a rebuttal rebuts
    or answers, or None).

    >>> steps = [dict(kind="accusation", claim="a1", dispute="d", date="2021-07-19", cx="US", cy="CN"),
    ...          dict(kind="accusation", claim="a2", dispute="e", date="2021-07", cx="GB", cy="CN"),
    ...          dict(kind="rebuttal", claim="r1", dispute="d", date="2021-07-20", cx="CN", answers="a1")]
    >>> answers = answer_times(steps)["CN"]
    >>> answers.accusations, answers.unanswered, answers.days
    (2, 1, [1])

    A rebuttal dated before the first accusation of its dispute (a report of an older accusation) is
    not a first answer to it; a dispute whose accusations or rebuttals are all undated is not timed.
    """
    accused: dict[tuple[str, str], set[str]] = defaultdict(set)  # (accusation, accused) → its disputes
    dates: dict[str, int | None] = {}
    rebuttals: dict[tuple[str, str], set[str]] = defaultdict(set)  # (dispute, rebutter) → rebuttals
    direct: dict[tuple[str, str], set[str]] = defaultdict(set)  # (accusation, rebutter) → rebuttals
    for step in steps:
        dates[step["claim"]] = _day(step.get("date"))
        if step["kind"] == "accusation":
            if step["cx"] != step["cy"]:
                accused[(step["claim"], step["cy"])].add(step["dispute"])
        else:
            rebuttals[(step["dispute"], step["cx"])].add(step["claim"])
            if step.get("answers"):
                direct[(step["answers"], step["cx"])].add(step["claim"])
    out: dict[str, Answers] = {}
    first: dict[tuple[str, str], int] = {}  # (dispute, accused) → date of its first accusation
    for (acc, p), disputes in sorted(accused.items()):
        answers = out.setdefault(p, Answers())
        answers.accusations += 1
        if not direct[(acc, p)] and not any(rebuttals[(d, p)] for d in disputes):
            answers.unanswered += 1
        for d in disputes:
            if dates[acc] is not None:
                first[(d, p)] = min(first.get((d, p), dates[acc]), dates[acc])
    for (d, p), start in sorted(first.items()):
        after = [dates[r] - start for r in rebuttals[(d, p)] if dates[r] is not None and dates[r] >= start]
        if after:
            out[p].days.append(min(after))
    return dict(sorted(out.items()))


def _day(value: str | None) -> int | None:
    """An ISO date, year-month or year as the ordinal of its first day."""
    parts = (value or "").split("-")
    try:
        return datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                             int(parts[2]) if len(parts) > 2 else 1).toordinal()
    except ValueError:
        return None


def analyze_graph(accusations: Iterable[tuple[str, str, str]], rebuttals: Iterable[tuple[str, str, str]] = (),
                  strategies: Iterable[tuple[str, str]] = (), labels: dict[str, str] | None = None) -> Analysis:
    """The analysis of plain records: ``(accuser principal, accused principal, accusation id)``,
    ``(rebuttal id, accusation id, rebutter principal)`` and ``(rebuttal id, strategy name)``."""
    a = Analysis()
    pairs = {(cx, cy, acc) for cx, cy, acc in accusations if cx != cy}
    a.matrix = dict(sorted(Counter((cx, cy) for cx, cy, _acc in pairs).items()))
    a.mutual = [(x, y, n, a.matrix[(y, x)]) for (x, y), n in a.matrix.items() if x < y and (y, x) in a.matrix]

    rebutted_by = defaultdict(set)  # accusation → principals that rebutted it
    rebutters = defaultdict(set)  # rebuttal → its rebutter principals
    for reb, acc, cx in rebuttals:
        rebutted_by[acc].add(cx)
        rebutters[reb].add(cx)
    against = defaultdict(set)
    for _cx, cy, acc in pairs:
        against[cy].add(acc)
    a.rebuttal_rate = {cy: (len(accs), sum(1 for acc in accs if cy in rebutted_by[acc]))
                       for cy, accs in sorted(against.items())}

    by_rebuttal = defaultdict(set)
    for reb, strategy in strategies:
        by_rebuttal[reb].add(strategy)
    mix: dict[str, tuple[int, Counter]] = {}
    for reb, principals in rebutters.items():
        for p in principals:
            total, counts = mix.get(p, (0, Counter()))
            counts.update(by_rebuttal[reb])
            mix[p] = (total + 1, counts)
    a.strategies = {p: (total, dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
                    for p, (total, counts) in sorted(mix.items())}

    principals = sorted({p for pair in a.matrix for p in pair})
    labels = labels or {}
    a.labels = {p: labels.get(p, p) for p in sorted({*principals, *a.rebuttal_rate, *a.strategies})}
    g = a.graph
    for p in principals:
        g.add_node(p, label=a.labels[p])
    rebutted = Counter((cx, cy) for cx, cy, acc in pairs if cy in rebutted_by[acc])
    for (x, y), n in a.matrix.items():
        g.add_edge(x, y, weight=n, rebutted=rebutted[(x, y)], mutual=(y, x) in a.matrix)
    pagerank = nx.pagerank(g, weight="weight") if len(g) else {}
    betweenness = nx.betweenness_centrality(g, normalized=True)
    for p in principals:
        measures = {"made": g.out_degree(p, weight="weight"), "received": g.in_degree(p, weight="weight"),
                    "accused": g.out_degree(p), "accusers": g.in_degree(p),
                    "pagerank": round(pagerank[p], 6), "betweenness": round(betweenness[p], 6)}
        a.centrality[p] = measures
        g.nodes[p].update(measures)
    return a


def format_analysis(a: Analysis, fmt: str = "table") -> str:
    """``a`` as text: ``table`` (aligned sections), ``csv`` (one row per figure:
    ``section,principal,other,value``) or ``json``."""
    if fmt == "json":
        return json.dumps(_records(a), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["section", "principal", "other", "value"])
        for (x, y), n in a.matrix.items():
            w.writerow(["matrix", x, y, n])
        for x, y, n, m in a.mutual:
            w.writerow(["mutual", x, y, n])
            w.writerow(["mutual", y, x, m])
        for p, (n, r) in a.rebuttal_rate.items():
            w.writerow(["rebuttal_rate", p, "accusations", n])
            w.writerow(["rebuttal_rate", p, "rebutted", r])
            w.writerow(["rebuttal_rate", p, "rate", _rate(r, n)])
        for p, (total, counts) in a.strategies.items():
            w.writerow(["strategies", p, "rebuttals", total])
            for s, n in counts.items():
                w.writerow(["strategies", p, s, n])
        for p, ans in a.answers.items():
            w.writerow(["answers", p, "accusations", ans.accusations])
            w.writerow(["answers", p, "unanswered", ans.unanswered])
            w.writerow(["answers", p, "unanswered_share", ans.unanswered_share])
            w.writerow(["answers", p, "disputes_timed", len(ans.days)])
            w.writerow(["answers", p, "median_days_to_first_rebuttal", "" if ans.median_days is None else ans.median_days])
        for p, measures in a.centrality.items():
            for k in CENTRALITY:
                w.writerow(["centrality", p, k, measures[k]])
        return out.getvalue()
    if fmt != "table":
        raise AnalyzeError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return _tables(a)


def write_gexf(a: Analysis, path: str | PathLike) -> None:
    """The principal accusation network as GEXF, for Gephi."""
    _write(nx.write_gexf, a.graph, path)


def write_graphml(a: Analysis, path: str | PathLike) -> None:
    """The principal accusation network as GraphML (Gephi, Cytoscape, yEd, igraph)."""
    _write(nx.write_graphml, a.graph, path)


def _write(writer, graph: nx.DiGraph, path: str | PathLike) -> None:
    from .build import BuildError, atomic_write

    buffer = io.BytesIO()
    writer(graph, buffer)
    try:
        atomic_write(Path(path), buffer.getvalue().decode("utf-8"))
    except (BuildError, OSError) as e:
        raise AnalyzeError(f"{path}: {e}") from e


def _select(store: ox.Store, name: str):
    """The solutions of ``kg/queries/internal/analyze/<name>.rq``."""
    return store.query(query_text(f"internal/analyze/{name}.rq"), use_default_graph_as_union=True)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _records(a: Analysis) -> dict:
    return {
        "principals": a.labels,
        "matrix": [{"accuser": x, "accused": y, "accusations": n} for (x, y), n in a.matrix.items()],
        "mutual": [{"a": x, "b": y, "a_accuses_b": n, "b_accuses_a": m} for x, y, n, m in a.mutual],
        "rebuttal_rate": [{"accused": p, "accusations": n, "rebutted": r, "rate": _rate(r, n)}
                          for p, (n, r) in a.rebuttal_rate.items()],
        "strategies": [{"rebutter": p, "rebuttals": total, "strategies": counts}
                       for p, (total, counts) in a.strategies.items()],
        "answers": [{"accused": p, "accusations": ans.accusations, "unanswered": ans.unanswered,
                     "unanswered_share": ans.unanswered_share, "disputes_timed": len(ans.days),
                     "median_days_to_first_rebuttal": ans.median_days} for p, ans in a.answers.items()],
        "centrality": [{"principal": p, **m} for p, m in a.centrality.items()],
    }


def _tables(a: Analysis) -> str:
    parts = []
    cols = sorted({y for _x, y in a.matrix})
    rows = sorted({x for x, _y in a.matrix})
    parts.append(_section("Accusation matrix (row accuses column; distinct accusations)",
                          ["", *cols], [[x, *(a.matrix.get((x, y), "") for y in cols)] for x in rows]))
    parts.append(_section("Mutual accusations", ["a", "b", "a → b", "b → a"],
                          [list(m) for m in a.mutual]))
    parts.append(_section("Rebuttal rate (accusations against each principal that it rebutted)",
                          ["accused", "label", "accusations", "rebutted", "rate"],
                          [[p, a.labels[p], n, r, f"{100 * _rate(r, n):.0f}%"]
                           for p, (n, r) in a.rebuttal_rate.items()]))
    parts.append(_section("Strategy mix (rebuttals of each rebutter principal using each strategy)",
                          ["rebutter", "strategy", "rebuttals", "share"],
                          [[p, s, n, f"{100 * _rate(n, total):.0f}%"]
                           for p, (total, counts) in a.strategies.items() for s, n in counts.items()]))
    parts.append(_section("Answers across documents (accusations never answered in their dispute; days from a "
                          "dispute's first accusation to the first rebuttal)",
                          ["accused", "label", "accusations", "unanswered", "share", "disputes timed", "median days"],
                          [[p, a.labels.get(p, p), ans.accusations, ans.unanswered,
                            f"{100 * ans.unanswered_share:.0f}%", len(ans.days),
                            "" if ans.median_days is None else f"{ans.median_days:g}"]
                           for p, ans in a.answers.items()]))
    parts.append(_section("Centrality on the principal accusation network",
                          ["principal", "label", *CENTRALITY],
                          [[p, a.labels[p], *(_number(m[k]) for k in CENTRALITY)]
                           for p, m in sorted(a.centrality.items(), key=lambda kv: (-kv[1]["pagerank"], kv[0]))]))
    return "\n".join(parts)


def _number(value) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _section(title: str, header: list, rows: list[list]) -> str:
    if not rows:
        return f"{title}\n  (none)\n"
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        return "  " + "  ".join(c.ljust(w) if i == 0 or not c[:1].isdigit() else c.rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()

    return "\n".join([title, line(cells[0]), *map(line, cells[1:])]) + "\n"
