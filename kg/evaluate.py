"""Score a graph against gold annotations (format akg-gold/1).

Input: a graph (an RDF file, an on-disk Oxigraph store folder or a ``pyoxigraph.Store``) and a gold
JSON file, or a folder of them. Output: an :class:`EvalReport` with the figures of the reference
scorer ``shared/eval/score.py``: the same questions in SPARQL over the union of the named graphs
(the same answers, asked faster: see ``kg/queries/internal/evaluate/``), the same per-document
matching, micro precision, recall and F1 summed over the gold documents, and the headline, the mean
of the accusation, rebuttal and strategy F1.

>>> _prf(0, 0, 0)
(1.0, 1.0, 1.0)
>>> sorted(_tokens("M. Jean-Noël Barrot"))
['barrot', 'jean', 'noel']
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pyoxigraph as ox

from kg.query import query_text
from kg.source import open_source

__all__ = [
    "GOLD_FORMAT",
    "HEADLINE_MEASURES",
    "MEASURES",
    "DocumentScore",
    "EvalError",
    "EvalReport",
    "Errors",
    "Measure",
    "evaluate",
    "format_report",
    "load_gold",
]

GOLD_FORMAT = "akg-gold/1"
MEASURES = ("accusations", "rebuttals", "strategies", "states", "persons")
HEADLINE_MEASURES = ("accusations", "rebuttals", "strategies")

# The reference scorer's questions are kg/queries/internal/evaluate/*.rq, with its prefixes. Its
# documents, strategies and persons queries are verbatim (the order of the persons rows shows in the
# breakdown). Its accusations, rebuttals and states queries are asked here in a form that returns the
# same set of rows, each lookup a DISTINCT subquery: the union of the named graphs repeats a canonical
# actor's triples once per document graph that mentions it, and joining the repeats multiplies the
# rows (score.py's literal queries take a minute on a graph of a few hundred documents; these, a
# tenth of a second). tests/test_evaluate.py checks the figures against score.py itself.


class EvalError(Exception):
    """The graph or the gold cannot be read or is not in the expected form."""


@dataclass(frozen=True)
class Measure:
    """Counts for one measure; precision, recall and F1 follow the reference scorer's edge cases."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return _prf(self.tp, self.fp, self.fn)[2]

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True)
class Errors:
    """What one measure got wrong in one document: pairs ``(a, b)``, strategy names or person names."""

    missed: tuple = ()
    spurious: tuple = ()

    def __bool__(self) -> bool:
        return bool(self.missed or self.spurious)


@dataclass(frozen=True)
class DocumentScore:
    """One gold document: its counts per measure and its errors (strategies keyed ``"CN->BE"``)."""

    name: str
    in_graph: bool
    counts: dict[str, Measure]
    accusations: Errors
    rebuttals: Errors
    strategies: dict[str, Errors]
    states: Errors
    persons: Errors

    @property
    def has_errors(self) -> bool:
        return not self.in_graph or any(
            (self.accusations, self.rebuttals, self.states, self.persons, *self.strategies.values()))


@dataclass(frozen=True)
class EvalReport:
    """Scores summed over the gold documents, with each document's breakdown (in gold order)."""

    measures: dict[str, Measure]
    missing_documents: list[str]
    documents: dict[str, DocumentScore] = field(default_factory=dict)

    @property
    def headline(self) -> float:
        """The mean of the accusation, rebuttal and strategy F1 (``MACRO_F1`` of score.py)."""
        return sum(self.measures[k].f1 for k in HEADLINE_MEASURES) / len(HEADLINE_MEASURES)

    def to_json(self) -> dict:
        """The reference scorer's ``--json`` document, plus ``macro_f1``."""
        measures = {k: {"tp": m.tp, "fp": m.fp, "fn": m.fn, "precision": round(m.precision, 3),
                        "recall": round(m.recall, 3), "f1": round(m.f1, 3)}
                    for k, m in self.measures.items()}
        detail = {}
        for name, d in self.documents.items():
            detail[name] = {
                "accusations": _errors_json(d.accusations),
                "rebuttals": _errors_json(d.rebuttals),
                "strategies": {k: _errors_json(e) for k, e in d.strategies.items()},
                "states": _errors_json(d.states),
                "persons": {"spurious": list(d.persons.spurious), "missed": list(d.persons.missed)},
            }
        return {"missing_documents": list(self.missing_documents), "measures": measures,
                "detail": detail, "macro_f1": round(self.headline, 3)}


def _errors_json(e: Errors) -> dict:
    return {"missed": [_plain(x) for x in e.missed], "spurious": [_plain(x) for x in e.spurious]}


def _plain(x):
    return list(x) if isinstance(x, tuple) else x


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9 ]+", " ", s)


def _tokens(s: str) -> set[str]:
    """Name tokens of 3+ letters: a gold person matches a graph Person sharing one."""
    return {t for t in _norm(s).split() if len(t) >= 3}


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


# --- gold ------------------------------------------------------------------------------------------


def load_gold(path: str | PathLike) -> dict[str, dict]:
    """The gold documents of a file, or of every ``*.json`` of a folder, keyed by file name."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise EvalError(f"{path}: no *.json gold file in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise EvalError(f"{path}: no such gold file or folder")
    documents: dict[str, dict] = {}
    origin: dict[str, Path] = {}
    for file in files:
        for name, doc in _read_gold_file(file).items():
            if name in documents:
                raise EvalError(f"document {name!r} is annotated twice: in {origin[name]} and in {file}")
            documents[name], origin[name] = doc, file
    return documents


def _read_gold_file(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise EvalError(f"{path}: cannot read the gold file ({e})") from e
    except json.JSONDecodeError as e:
        raise EvalError(f"{path}: not JSON ({e})") from e
    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise EvalError(f"{path}: not an {GOLD_FORMAT} gold file (format: {found!r})")
    documents = data.get("documents")
    if not isinstance(documents, dict):
        raise EvalError(f"{path}: 'documents' must be an object keyed by file name")
    for name, doc in documents.items():
        _check_gold_document(path, name, doc)
    return documents


def _check_gold_document(path: Path, name: str, doc) -> None:
    where = f"{path}: document {name!r}"
    if not isinstance(doc, dict):
        raise EvalError(f"{where}: must be an object")
    pair_keys = {"accusations": ("accuser", "accused"), "optional_accusations": ("accuser", "accused"),
                 "rebuttals": ("rebutter", "rebuts_accuser", "strategies"),
                 "optional_rebuttals": ("rebutter", "rebuts_accuser")}
    for key, required in pair_keys.items():
        items = doc.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise EvalError(f"{where}: {key!r} must be a list of objects")
        for item in items:
            absent = [k for k in required if k not in item]
            if absent:
                raise EvalError(f"{where}: an item of {key!r} lacks {', '.join(absent)}")
    for item in doc.get("rebuttals", []):
        for key in ("strategies", "optional_strategies"):
            if not _is_str_list(item.get(key, [])):
                raise EvalError(f"{where}: a rebuttal's {key!r} must be a list of strings")
    for key in ("states", "optional_states", "persons", "optional_persons"):
        if not _is_str_list(doc.get(key, [])):
            raise EvalError(f"{where}: {key!r} must be a list of strings")


def _is_str_list(x) -> bool:
    return isinstance(x, list) and all(isinstance(s, str) for s in x)


# --- scoring ---------------------------------------------------------------------------------------


def evaluate(graph: str | PathLike | ox.Store, gold: str | PathLike) -> EvalReport:
    """Score ``graph`` against the gold file or folder ``gold``; the same figures as score.py."""
    gold_docs = load_gold(gold)
    store = open_source(graph)
    found = _GraphFacts.read(store)

    totals = {k: Measure() for k in MEASURES}
    documents = {}
    for name, g in gold_docs.items():
        score = _score_document(name, g, found)
        documents[name] = score
        totals = {k: totals[k] + score.counts[k] for k in MEASURES}
    missing = [name for name in gold_docs if name not in found.docs]
    return EvalReport(measures=totals, missing_documents=missing, documents=documents)


@dataclass
class _GraphFacts:
    """What the graph says, per document file name, as the reference scorer reads it."""

    docs: dict[str, set[str]]
    accusations: dict[str, list[tuple]]
    rebuttals: dict[str, dict[tuple, set[str]]]
    strategies_of: dict[str, set[str]]
    states: dict[str, list[tuple]]
    persons: dict[str, list[tuple]]

    @classmethod
    def read(cls, store: ox.Store) -> _GraphFacts:
        docs: dict[str, set[str]] = {}
        for doc, ident in _select(store, "documents"):
            docs.setdefault(Path(ident).name, set()).add(doc)
        # A document IRI may carry several identifiers: each of its file names gets its rows.
        names_of: dict[str, list[str]] = {}
        for name, iris in docs.items():
            for iri in iris:
                names_of.setdefault(iri, []).append(name)

        def by_doc(rows):
            out: dict[str, list[tuple]] = {}
            for row in rows:
                for name in names_of.get(row[0], ()):
                    out.setdefault(name, []).append(row[1:])
            return out

        rebuttals: dict[str, dict[tuple, set[str]]] = {}
        for r, doc, cx, cy in _select(store, "rebuttals"):
            for name in names_of.get(doc, ()):
                rebuttals.setdefault(name, {}).setdefault((cx, cy), set()).add(r)
        strategies_of: dict[str, set[str]] = {}
        for r, s in _select(store, "strategies"):
            strategies_of.setdefault(r, set()).add(_local(s))
        return cls(docs=docs, accusations=by_doc(_select(store, "accusations")), rebuttals=rebuttals,
                   strategies_of=strategies_of, states=by_doc(_select(store, "states")),
                   persons=by_doc(_select(store, "persons")))


def _select(store: ox.Store, name: str) -> list[tuple]:
    """The rows of ``kg/queries/internal/evaluate/<name>.rq``, as plain values."""
    try:
        result = store.query(query_text(f"internal/evaluate/{name}.rq"), use_default_graph_as_union=True)
        return [tuple(None if sol[i] is None else sol[i].value for i in range(len(result.variables)))
                for sol in result]
    except (OSError, RuntimeError) as e:
        raise EvalError(f"cannot query the graph: {e}") from e


def _score_document(name: str, g: Mapping, found: _GraphFacts) -> DocumentScore:
    counts: dict[str, Measure] = {}

    want = {(x["accuser"], x["accused"]) for x in g.get("accusations", [])}
    opt = {(x["accuser"], x["accused"]) for x in g.get("optional_accusations", [])}
    got = {(cx, cy) for cx, cy in found.accusations.get(name, []) if cx != cy}
    counts["accusations"] = Measure(len(got & want), len(got - want - opt), len(want - got))
    accusations = Errors(tuple(sorted(want - got)), tuple(sorted(got - want - opt)))

    want_r = {(x["rebutter"], x["rebuts_accuser"]): x for x in g.get("rebuttals", [])}
    opt_r = {(x["rebutter"], x["rebuts_accuser"]) for x in g.get("optional_rebuttals", [])}
    got_r = found.rebuttals.get(name, {})
    got_keys = {k for k in got_r if k[0] != k[1]}
    counts["rebuttals"] = Measure(len(got_keys & set(want_r)), len(got_keys - set(want_r) - opt_r),
                                  len(set(want_r) - got_keys))
    rebuttals = Errors(tuple(sorted(set(want_r) - got_keys)), tuple(sorted(got_keys - set(want_r) - opt_r)))

    # strategies: for each gold rebuttal pair, the union over the graph's rebuttals with that pair
    strategy_count, strategies = Measure(), {}
    for key, x in want_r.items():
        ws, os_ = set(x["strategies"]), set(x.get("optional_strategies", []))
        gs = set().union(*(found.strategies_of.get(r, set()) for r in got_r.get(key, set())))
        strategy_count += Measure(len(gs & ws), len(gs - ws - os_), len(ws - gs))
        strategies[f"{key[0]}->{key[1]}"] = Errors(tuple(sorted(ws - gs)), tuple(sorted(gs - ws - os_)))
    counts["strategies"] = strategy_count

    ws, os_ = set(g.get("states", [])), set(g.get("optional_states", []))
    gs = {row[0] for row in found.states.get(name, [])}
    counts["states"] = Measure(len(gs & ws), len(gs - ws - os_), len(ws - gs))
    states = Errors(tuple(sorted(ws - gs)), tuple(sorted(gs - ws - os_)))

    wanted = g.get("persons", [])
    wp = [_tokens(p) for p in wanted]
    op = [_tokens(p) for p in g.get("optional_persons", [])]
    labels = [row[0] for row in found.persons.get(name, [])]
    hit = sum(1 for w in wp if any(w & _tokens(label) for label in labels))
    spurious = [label for label in labels if not any(w & _tokens(label) for w in wp + op)]
    missed = [p for p, w in zip(wanted, wp, strict=True) if not any(w & _tokens(label) for label in labels)]
    counts["persons"] = Measure(hit, len(spurious), len(wp) - hit)
    persons = Errors(tuple(missed), tuple(spurious))

    return DocumentScore(name=name, in_graph=name in found.docs, counts=counts, accusations=accusations,
                         rebuttals=rebuttals, strategies=strategies, states=states, persons=persons)


# --- report ----------------------------------------------------------------------------------------


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """The reference scorer's lines (one per measure, the missing-document count, ``MACRO_F1=``);
    with ``verbose``, each document's errors before the last line."""
    lines = []
    for k, m in report.measures.items():
        lines.append(f"{k:12s} P={m.precision:.2f} R={m.recall:.2f} F1={m.f1:.2f} "
                     f"(tp={m.tp} fp={m.fp} fn={m.fn})")
    if report.missing_documents:
        lines.append(f"documents missing from the graph: {len(report.missing_documents)}")
    if verbose:
        lines += _breakdown(report)
    lines.append(f"MACRO_F1={report.headline:.3f}")
    return "\n".join(lines) + "\n"


def _breakdown(report: EvalReport) -> list[str]:
    wrong = [d for d in report.documents.values() if d.has_errors]
    if not wrong:
        return ["no errors in any document"]
    lines = ["errors by document:"]
    for d in wrong:
        if not d.in_graph:
            lines.append(f"  {d.name}: not in the graph")
        for label, errors in (("accusations", d.accusations), ("rebuttals", d.rebuttals)):
            if errors:
                lines.append(f"  {d.name}: {label} {_describe(errors, _pair)}")
        for key, errors in d.strategies.items():
            if errors:
                lines.append(f"  {d.name}: strategies {key} {_describe(errors, str)}")
        if d.states:
            lines.append(f"  {d.name}: states {_describe(d.states, str)}")
        if d.persons:
            lines.append(f"  {d.name}: persons {_describe(d.persons, repr)}")
    return lines


def _pair(pair: tuple) -> str:
    return f"{pair[0]}->{pair[1]}"


def _describe(errors: Errors, show) -> str:
    parts = []
    if errors.missed:
        parts.append("missed " + ", ".join(show(x) for x in errors.missed))
    if errors.spurious:
        parts.append("spurious " + ", ".join(show(x) for x in errors.spurious))
    return "; ".join(parts)
