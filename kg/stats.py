"""Summary counts of an akg graph.

Input: a graph (an RDF file, an on-disk Oxigraph store folder, a ``pyoxigraph.Store`` or an rdflib
graph). Output: a plain dict of counts (:func:`graph_stats`), JSON-ready, and its readable text
(:func:`format_stats`).
"""

from __future__ import annotations

from kg.namespaces import RESPONSE_TYPES, STRATEGIES
from kg.query import PREFIXES, query_text, run_query
from kg.source import Source, open_source

__all__ = ["ACTOR_TYPES", "graph_stats", "format_stats"]

ACTOR_TYPES = ("State", "InternationalOrganization", "Organization", "Person", "ThreatActor")
_AKG = PREFIXES["akg"]
# The queries are kg/queries/internal/stats/*.rq.
_Q = "internal/stats/"


def graph_stats(source: Source) -> dict:
    """Counts of what the graph holds.

    Keys: ``documents``, ``named_graphs``, ``quads`` (as stored), ``triples`` (distinct, all graphs
    merged), ``actors`` (by type: ``State``, ``InternationalOrganization``, ``Organization``,
    ``Person``, ``ThreatActor``), ``actors_total``, ``accusations``, ``counter_accusations``,
    ``rebuttals``, ``strategies`` (rebuttals using each strategy, every strategy listed),
    ``incidents``, ``responses`` (by type), ``responses_total``, ``statistics``, ``top_accused`` and
    ``top_accusers`` (up to ten ``{"code", "label", "accusations"}``, most accusations first).
    """
    store = open_source(source)

    def number(name: str) -> int:
        rows = run_query(store, query_text(_Q + name)).rows
        return int(rows[0][0].value) if rows and rows[0][0] is not None else 0

    # distinct instances of every class, as stated (no inference)
    instances = {t.value[len(_AKG):]: int(n.value) for t, n in run_query(store, query_text(_Q + "types.rq")).rows
                 if t.value.startswith(_AKG)}

    def by_type(names: tuple[str, ...]) -> dict[str, int]:
        return {n: instances.get(n, 0) for n in names}

    strategies = dict.fromkeys(STRATEGIES, 0)
    for s, n in run_query(store, query_text(_Q + "strategy_use.rq")).rows:
        name = s.value[len(_AKG):] if s.value.startswith(_AKG) else s.value
        strategies[name] = int(n.value)

    def top(role: str) -> list[dict]:
        rows = run_query(store, query_text(f"{_Q}top_{role}.rq")).rows
        return [{"code": c.value, "label": None if name is None else name.value, "accusations": int(n.value)}
                for c, name, n in rows]

    return {
        "documents": instances.get("Document", 0),
        "named_graphs": sum(1 for _ in store.named_graphs()),
        "quads": len(store),
        "triples": number("triples.rq"),
        "actors": by_type(ACTOR_TYPES),
        "actors_total": instances.get("Actor", 0),
        "accusations": instances.get("Accusation", 0),
        "counter_accusations": number("counter_accusations.rq"),
        "rebuttals": instances.get("Rebuttal", 0),
        "strategies": strategies,
        "incidents": instances.get("Incident", 0),
        "responses": by_type(RESPONSE_TYPES),
        "responses_total": instances.get("Response", 0),
        "statistics": instances.get("Statistic", 0),
        "top_accused": top("accused"),
        "top_accusers": top("accusers"),
    }


def format_stats(stats: dict) -> str:
    """``stats`` as aligned lines of text.

    >>> print(format_stats({"documents": 2, "accusations": 0}), end="")
    documents    2
    accusations  0
    """
    pairs: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        pairs.append((label, value))

    if "documents" in stats:
        add("documents", str(stats["documents"]))
    if "triples" in stats:
        add("triples", f"{stats['triples']} ({stats.get('quads', '?')} quads, "
                       f"{stats.get('named_graphs', '?')} named graphs)")
    if "actors" in stats:
        total = stats.get("actors_total", sum(stats["actors"].values()))
        add("actors", f"{total}: {_counts(stats['actors'])}")
    if "accusations" in stats:
        counter = stats.get("counter_accusations") or 0
        note = f" ({counter} counter-accusation{'s' if counter > 1 else ''})" if counter else ""
        add("accusations", f"{stats['accusations']}{note}")
    for key in ("rebuttals", "incidents"):
        if key in stats:
            add(key, str(stats[key]))
    if "strategies" in stats:
        used = {k: n for k, n in sorted(stats["strategies"].items(), key=lambda kv: -kv[1]) if n}
        add("strategies used", _counts(used) or "none")
    if "responses" in stats:
        add("responses", f"{stats.get('responses_total', sum(stats['responses'].values()))}"
                         + (f": {_counts(stats['responses'])}" if any(stats["responses"].values()) else ""))
    if "statistics" in stats:
        add("statistics", str(stats["statistics"]))
    for key, label in (("top_accused", "top accused"), ("top_accusers", "top accusers")):
        if key in stats:
            add(label, ", ".join(_principal(p) for p in stats[key]) or "none")
    width = max((len(label) for label, _ in pairs), default=0)
    return "".join(f"{label:<{width}s}  {value}\n" for label, value in pairs)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {n}" for k, n in counts.items() if n)


def _principal(p: dict) -> str:
    label = f" ({p['label']})" if p.get("label") else ""
    return f"{p['code']}{label} {p['accusations']}"
