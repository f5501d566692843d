"""What the commands of ``kg`` do, as library calls that return result objects.

The CLI (``kg/cli/``) parses options, calls one function here and prints what it returns; scripts
and notebooks call the same functions. Each result knows how to say itself in the lines the CLI
prints (``lines``), so what a user reads is the same whichever way the work was started.

Every graph file or store folder is opened by :func:`kg.source.open_source`, and what cannot be read
raises :class:`kg.source.StoreError`; each command's other failures raise its module's error
(``QueryError``, ``ViewError``, ``EvalError``…), one line each.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import build as _build
from .build import BuildError, format_for
from .read import Skipped


@dataclass
class BuildResult:
    """What ``build`` wrote: one summary line per output, and the documents skipped."""

    lines: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def check_output(output: Path) -> None:
    """Refuse an output whose format or folder is wrong before any document is parsed."""
    folder = output.parent if str(output.parent) else Path(".")
    format_for(output)
    if not folder.is_dir():
        raise BuildError(f"output folder does not exist: {folder}")


def build(corpus: Iterable[Path], output: Path | None = None, store_dir: Path | None = None, *, prune: bool = False,
          workers: int = 1, scheduler: str | None = None, base: str | None = None, include=(), exclude=(),
          max_bytes: int | None = None, on_skip: Callable[[Skipped], None] | None = None,
          progress: Callable[[object], None] | None = None) -> BuildResult:
    """Build CORPUS into a graph file (``output``), a store folder (``store_dir``) or both.

    Raises ``BuildError``, ``StoreError`` or ``ParallelError`` (one line each) on what cannot be done.
    """
    from .store import build_store, export_store

    if output is not None:
        check_output(output)
    result = BuildResult()

    def skip(s: Skipped) -> None:
        result.skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    read = {"max_bytes": max_bytes} if max_bytes is not None else {}
    # (through the module, so that what patches kg.build sees these calls too)
    docs = _build.read_corpus(list(corpus), include, exclude, on_skip=skip, **read)
    # one worker keeps the call of earlier versions
    parallel = {"workers": workers, "scheduler": scheduler} if workers > 1 or scheduler else {}

    def skipped() -> str:
        return f"; {len(result.skipped)} skipped" if result.skipped else ""

    if store_dir is not None:
        summary = build_store(docs, store_dir, base, prune=prune, progress=progress, on_skip=skip, **parallel)
        result.lines.append(f"{store_dir}: {summary.documents} documents ({summary.parsed} parsed, "
                            f"{len(summary.unchanged)} unchanged" + (f", {len(summary.pruned)} pruned" if prune else "")
                            + f"), {summary.triples} quads, {summary.accusations} accusations, "
                            f"{summary.rebuttals} rebuttals" + skipped())
        if output is not None:
            result.lines.append(f"{output}: {export_store(store_dir, output)} statements")
    else:
        ds, summary = _build.build_dataset(docs, base, progress=progress, on_skip=skip, **parallel)
        _build.serialize(ds, output)
        result.lines.append(f"{output}: {summary.documents} documents, {summary.triples} triples, "
                            f"{summary.accusations} accusations, {summary.rebuttals} rebuttals" + skipped())
    return result


@dataclass
class ValidateResult:
    """The violations found (SHACL, then quotes), warnings, and the line of a graph that conforms."""

    violations: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations


def validate(graph: Path, corpus: Path | None = None) -> ValidateResult:
    """Check GRAPH against the shapes and, with ``corpus``, each quote against its document's text."""
    from .validate import check_quotes, load_graph, unchecked_documents, validate_graph

    g = load_graph(graph)
    result = ValidateResult(violations=list(validate_graph(g).violations), triples=len(g))
    if corpus:
        texts = {d.id: d.text for d in _build.read_corpus([corpus])}
        result.violations += check_quotes(g, texts)
        if missing := unchecked_documents(g, texts):
            result.warnings.append(f"warning: {len(missing)} documents not read from {corpus}, their quotes "
                                   "unchecked: " + ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""))
    return result


def export(source: Path, output: Path, fmt: str | None = None) -> str:
    """Write SOURCE (store folder or graph file) to OUTPUT as RDF or, for ``fmt="stix"`` or a
    ``.stix.json`` name, as a STIX 2.1 bundle; returns the summary line."""
    from .stix import StixError, is_stix_path, write_stix
    from .store import export_store

    if fmt is None and output.suffix.lower() == ".json" and not is_stix_path(output):
        raise StixError(f"{output}: .json is ambiguous: name a STIX bundle .stix.json (or give --format stix), a "
                        "JSON-LD graph .jsonld")
    if fmt == "stix" or (fmt is None and is_stix_path(output)):
        s = write_stix(source, output)
        return (f"{output}: {s.objects} STIX objects; {s.attributions} attributed-to relationships for "
                f"{s.accusations} accusations, {s.types.get('opinion', 0)} opinions, {s.types.get('note', 0)} notes, "
                f"{s.types.get('report', 0)} reports" + (f"; {len(s.skipped)} claims skipped" if s.skipped else ""))
    return f"{output}: {export_store(source, output)} statements"


@dataclass
class Output:
    """What a reading command found: ``value``, the library's own object (a query result, an
    evaluation report, an analysis…), and ``lines``, what the CLI prints of it."""

    value: Any
    lines: list[str] = field(default_factory=list)


def _text_lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def query_listing() -> list[str]:
    """One line per named query: its name, what it answers and its parameters."""
    from .query import list_queries

    lines = []
    for q in list_queries():
        params = ", ".join(p.name for p in q.params)
        lines.append(f"{q.name:14s} {q.description}" + (f"  [params: {params}]" if params else ""))
    return lines


def query(source, sparql: str | None = None, *, query_file: Path | None = None, name: str | None = None,
          params: Mapping[str, str] | None = None, fmt: str = "table", limit: int | None = None,
          offset: int | None = None) -> Output:
    """Run one query on SOURCE: raw ``sparql``, the query in ``query_file`` or the named query ``name``
    (exactly one of them); ``lines`` hold the result in ``fmt`` (see :func:`kg.query.format_result`)."""
    from .query import QueryError, format_result, load_query_file, run_declared, run_named, run_query

    if len([x for x in (sparql, query_file, name) if x]) != 1:
        raise QueryError("give exactly one of SPARQL, --file or --name")
    page = {"limit": limit, "offset": offset}
    if name:
        result = run_named(source, name, params, **page)
    elif query_file:
        result = run_declared(source, load_query_file(query_file), params, **page)
    else:
        result = run_query(source, sparql, params=params, **page)
    return Output(result, _text_lines(format_result(result, fmt)))


def viz(source, output: Path, view: str = "actors", *, dispute: str | None = None, title: str | None = None,
        built: str | None = None, **filters) -> Output:
    """Draw SOURCE as the HTML view ``view`` into OUTPUT; ``filters`` are :func:`kg.view.render_view`'s
    (``doc``, ``since``, ``until``, ``actor``, ``principal``, ``strategy``, ``max_nodes``, ``fold``); the dispute
    view takes ``dispute`` instead. ``value`` is the view's summary."""
    from .source import read_graph

    graph = read_graph(source)
    if view == "dispute":
        from .view.timeline import render_dispute_view

        t = render_dispute_view(graph, output, dispute=dispute, title=title, built=built)
        return Output(t, [f"{t.path}: {t.disputes} dispute{'' if t.disputes == 1 else 's'}, {t.steps} steps"])
    from .view import render_view

    s = render_view(graph, output, view, title=title, built=built, **filters)
    merged = " (actors merged into principals)" if s.aggregated else " (actors folded)" if s.folded else ""
    return Output(s, [f"{s.path}: {s.nodes} nodes, {s.edges} edges{merged}"])


def evaluate(source, gold: Path | None = None, threads: Path | None = None, *, verbose: bool = False,
             json_out: Path | None = None) -> Output:
    """Score SOURCE against ``gold`` (akg-gold/1) and/or the thread gold ``threads`` (akg-threads/1);
    with ``json_out``, also write the report there as JSON. ``value`` is ``(report, thread score)``."""
    from .evaluate import evaluate as score
    from .evaluate import format_report
    from .evaluate_threads import evaluate_threads
    from .files import atomic_write

    report = score(source, gold) if gold is not None else None
    thread_score = evaluate_threads(source, threads) if threads is not None else None
    lines = []
    if report is not None:
        lines += _text_lines(format_report(report, verbose=verbose))
    if thread_score is not None:
        lines += thread_score.lines()
    if json_out:
        out = report.to_json() if report is not None else {}
        if thread_score is not None:
            out["threads"] = thread_score.to_json()
        atomic_write(json_out, json.dumps(out, indent=1, ensure_ascii=False))
    return Output((report, thread_score), lines)


def matrix(cases: Path, *, verbose: bool = False) -> Output:
    """Run the construction matrix in CASES; ``lines`` give the pass rates, after each failing case
    when ``verbose``."""
    from .matrix import read_cases, run_matrix

    report = run_matrix(read_cases(cases))
    return Output(report, (_text_lines(report.failures()) if verbose else []) + [report.format()])


def stats(source) -> Output:
    """Count what SOURCE holds (:func:`kg.stats.graph_stats`)."""
    from .stats import format_stats, graph_stats

    figures = graph_stats(source)
    return Output(figures, _text_lines(format_stats(figures)))


def analyze(source, fmt: str = "table", *, gexf: Path | None = None, graphml: Path | None = None) -> Output:
    """Analyse who accuses whom in SOURCE (:func:`kg.analyze.analyze`), in ``fmt``; also write the
    principal network as GEXF and/or GraphML."""
    from .analyze import analyze as run
    from .analyze import format_analysis, write_gexf, write_graphml

    result = run(source)
    if gexf:
        write_gexf(result, gexf)
    if graphml:
        write_graphml(result, graphml)
    return Output(result, _text_lines(format_analysis(result, fmt)))


def push(source, endpoint: str, graph_store: str | None = None, *, default_graph: str | None = None,
         timeout: float = 60, progress: Callable[[str], None] | None = None) -> Output:
    """Send SOURCE's graphs to the triple store at ``endpoint`` (:func:`kg.push.push`)."""
    from .push import push as send

    summary = send(source, endpoint, graph_store, default_graph=default_graph, timeout=timeout, progress=progress)
    return Output(summary, [f"{summary.graph_store}: {len(summary.sent)} graphs, {summary.quads} quads sent"])
