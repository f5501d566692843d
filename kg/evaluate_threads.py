"""Thread scoring: a graph with its disputes (:mod:`kg.disputes`) and a thread gold file
(``akg-threads/1``) in, how well the disputes group the claims out: pairwise precision, recall and F1,
and B-cubed.

The gold names each claim as the claim gold of ``akg-gold/1`` does: its document and its pair of
principal codes (an accusation by ``accuser``/``accused``, a rebuttal by ``rebutter``/
``rebuts_accuser``), and says which claims belong to one thread. The items scored are the gold's
claims: each goes to the graph's dispute of the claims with that document and pair (the most common
one if they are split, then the first IRI); a claim the graph lacks is a thread of its own, so that
missing it costs recall, not precision. Claims the graph has and the gold lacks are extraction errors,
scored by ``kg eval --gold``, not here.

>>> gold = {("d1", "accusation", "US", "CN"): "t", ("d2", "rebuttal", "CN", "US"): "t",
...         ("d2", "accusation", "CN", "US"): "u"}
>>> found = {("d1", "accusation", "US", "CN"): "x", ("d2", "rebuttal", "CN", "US"): "x",
...          ("d2", "accusation", "CN", "US"): "x"}
>>> s = score_threads(gold, found)
>>> (s.pairwise.tp, s.pairwise.fp, s.pairwise.fn), round(s.bcubed_precision, 3), s.bcubed_recall
((1, 2, 0), 0.556, 1.0)
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import pyoxigraph as ox

from .evaluate import EvalError, Measure
from .query import query_text
from .source import open_source

THREADS_FORMAT = "akg-threads/1"
_KINDS = {"accusations": ("accusation", "accuser", "accused"), "rebuttals": ("rebuttal", "rebutter", "rebuts_accuser")}

Item = tuple[str, str, str, str]  # (document, "accusation" or "rebuttal", principal, principal)


@dataclass
class ThreadScore:
    """Pairwise counts over the pairs of gold claims, B-cubed averages over the gold claims."""

    pairwise: Measure
    bcubed_precision: float
    bcubed_recall: float
    items: int
    found: int  # gold claims the graph has

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self) -> list[str]:
        m = self.pairwise
        return [f"threads      P={m.precision:.2f} R={m.recall:.2f} F1={m.f1:.2f} "
                f"(pairwise: tp={m.tp} fp={m.fp} fn={m.fn}; {self.found}/{self.items} gold claims in the graph)",
                f"threads B3   P={self.bcubed_precision:.2f} R={self.bcubed_recall:.2f} F1={self.bcubed_f1:.2f}"]

    def to_json(self) -> dict:
        m = self.pairwise
        return {"pairwise": {"tp": m.tp, "fp": m.fp, "fn": m.fn, "precision": round(m.precision, 3),
                             "recall": round(m.recall, 3), "f1": round(m.f1, 3)},
                "bcubed": {"precision": round(self.bcubed_precision, 3), "recall": round(self.bcubed_recall, 3),
                           "f1": round(self.bcubed_f1, 3)},
                "items": self.items, "found": self.found}


def load_threads(path: str | PathLike) -> dict[Item, str]:
    """``{claim: thread id}`` of an ``akg-threads/1`` file; a claim in two threads is an error."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise EvalError(f"{path}: cannot read the thread gold ({e})") from e
    if not isinstance(data, dict) or data.get("format") != THREADS_FORMAT or not isinstance(data.get("threads"), list):
        raise EvalError(f"{path}: not an {THREADS_FORMAT} file (an object with format and a list of threads)")
    out: dict[Item, str] = {}
    for n, thread in enumerate(data["threads"]):
        tid = str(thread.get("id", n)) if isinstance(thread, dict) else ""
        if not tid or not isinstance(thread.get("claims"), list):
            raise EvalError(f"{path}: thread {n} needs an id and a list of claims")
        for claim in thread["claims"]:
            kind = _KINDS.get(claim.get("kind", "") + "s") if isinstance(claim, dict) else None
            if kind is None or not all(isinstance(claim.get(k), str) for k in ("document", *kind[1:])):
                raise EvalError(f"{path}: thread {tid!r}: a claim needs document, kind (accusation or rebuttal) "
                                "and its two principals")
            item = (claim["document"], kind[0], claim[kind[1]], claim[kind[2]])
            if out.setdefault(item, tid) != tid:
                raise EvalError(f"{path}: {item} is in threads {out[item]!r} and {tid!r}")
    return out


def graph_threads(graph: str | PathLike | ox.Store) -> dict[Item, str]:
    """``{claim: dispute IRI}`` of the graph, claims named as the thread gold names them."""
    store = open_source(graph)
    sparql = query_text("disputes/thread_items.rq")
    votes: dict[Item, Counter] = defaultdict(Counter)
    for row in store.query(sparql, use_default_graph_as_union=True):
        item = (row["document"].value, row["kind"].value, row["cx"].value, row["cy"].value)
        votes[item][row["dispute"].value] += 1
    return {item: min(c, key=lambda d: (-c[d], d)) for item, c in votes.items()}


def score_threads(gold: dict[Item, str], found: dict[Item, str]) -> ThreadScore:
    """Score the clustering ``found`` of the gold claims against ``gold``."""
    items = sorted(gold)
    system = {item: found.get(item, f"missing:{item}") for item in items}
    gold_sets, sys_sets = defaultdict(set), defaultdict(set)
    for item in items:
        gold_sets[gold[item]].add(item)
        sys_sets[system[item]].add(item)
    tp = fp = fn = 0
    precision = recall = 0.0
    for item in items:
        g, s = gold_sets[gold[item]], sys_sets[system[item]]
        both = len(g & s)
        precision += both / len(s)
        recall += both / len(g)
        tp += both - 1
        fp += len(s) - both
        fn += len(g) - both
    n = len(items) or 1
    # each unordered pair was counted from both of its ends
    return ThreadScore(Measure(tp // 2, fp // 2, fn // 2), precision / n, recall / n, len(items),
                       sum(1 for item in items if item in found))


def evaluate_threads(graph: str | PathLike | ox.Store, threads: str | PathLike) -> ThreadScore:
    """Score the disputes of ``graph`` against the thread gold file ``threads``."""
    return score_threads(load_threads(threads), graph_threads(graph))
