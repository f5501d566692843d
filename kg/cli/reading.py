"""``kg`` commands that read a graph: viz, eval, matrix, stats, validate, analyze."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import _fail, cli


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--view", type=click.Choice(["actors", "claims", "document", "dispute"]), default="actors",
              show_default=True,
              help="actors: who accuses and rebuts whom; claims: accusation → rebuttal → response; "
                   "document: everything one document says (with --doc); dispute: each dispute across "
                   "documents as a timeline of quotes (one with --dispute).")
@click.option("--doc", help="Document identifier (path relative to the corpus) or IRI.")
@click.option("--dispute", help="With --view dispute: one dispute, its IRI or dispute/… as kg query --name disputes "
                                "shows it.")
@click.option("--since", help="Keep claims dated on or after YYYY[-MM[-DD]].")
@click.option("--until", help="Keep claims dated on or before YYYY[-MM[-DD]].")
@click.option("--actor", help="Keep claims involving this actor (label, alias or IRI) or its agents.")
@click.option("--principal", help="Keep claims involving this principal code (CN, US, EU…).")
@click.option("--strategy", help="Keep rebuttals using this strategy (Denial, LackOfEvidence…).")
@click.option("--max-nodes", default=300, show_default=True, help="Above this, actors are merged into principals.")
@click.option("--fold", is_flag=True, help="Open with actors folded into their principals (the page toggles).")
@click.option("--title", help="Page title.")
@click.option("--built", metavar="WHEN", help="Build time to print in the page, e.g. $(date -Iseconds).")
@click.option("--timestamp", is_flag=True, help="Print the current time (UTC) in the page as its build time.")
def viz(graph, output, view, doc, dispute, since, until, actor, principal, strategy, max_nodes, fold, title,
        built, timestamp):
    """Draw GRAPH as an interactive HTML view that works offline.

    GRAPH is a graph file or an Oxigraph store folder. The page shows no build time unless
    --built or --timestamp is given, so the same graph gives the same file.

    Example:

    \b
        kg viz graph.trig -o view.html
        kg viz store/ --actor Chine --since 2021 --timestamp -o chine.html
        kg viz graph.trig --view document --doc 004_b53b0dcf9b8d3e54.txt -o doc.html
        kg viz graph.trig --view dispute -o disputes.html
    """
    from datetime import UTC, datetime

    from ..view import ViewError, read_graph, render_view
    from ..view.timeline import render_dispute_view

    if built and timestamp:
        raise click.UsageError("give --built or --timestamp, not both")
    if dispute and view != "dispute":
        raise click.UsageError("--dispute goes with --view dispute")
    if timestamp:
        built = datetime.now(UTC).replace(microsecond=0).isoformat()
    if view == "dispute":
        if any((doc, since, until, actor, principal, strategy)):
            raise click.UsageError("the dispute view takes --dispute, --title and --built only")
        try:
            t = render_dispute_view(read_graph(graph), output, dispute=dispute, title=title, built=built)
        except (ViewError, OSError) as exc:
            raise _fail(exc) from exc
        click.echo(f"{t.path}: {t.disputes} dispute{'' if t.disputes == 1 else 's'}, {t.steps} steps")
        return
    try:
        g = read_graph(graph)
        s = render_view(g, output, view, title=title, doc=doc, since=since, until=until, actor=actor,
                        principal=principal, strategy=strategy, max_nodes=max_nodes, built=built,
                        fold=fold)
    except (ViewError, OSError) as exc:
        raise _fail(exc) from exc
    merged = " (actors merged into principals)" if s.aggregated else " (actors folded)" if s.folded else ""
    click.echo(f"{s.path}: {s.nodes} nodes, {s.edges} edges{merged}")


@cli.command("eval")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--gold", type=click.Path(exists=True, path_type=Path),
              help="Gold file (format akg-gold/1) or a folder of them.")
@click.option("--threads", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Thread gold (format akg-threads/1): score how the disputes group the claims.")
@click.option("-v", "--verbose", is_flag=True, help="List missed and spurious pairs per document.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the report as JSON.")
def eval_(graph, gold, threads, verbose, json_out):
    """Score GRAPH against gold annotations (precision, recall, F1).

    Accusations and rebuttals are scored as (principal, principal) pairs per document, as in
    tests/data/eval/README.md; the last line is the mean of the accusation, rebuttal and strategy F1.
    With --threads, the disputes across documents are scored too: pairwise precision, recall and F1
    over the gold claims, and B-cubed.

    Example:

    \b
        kg eval graph.trig --gold tests/data/eval/seeds.gold.json --verbose
        kg eval set17.trig --threads tests/data/heldout/set17/threads.json
    """
    import json

    from ..evaluate import EvalError, evaluate, format_report
    from ..evaluate_threads import evaluate_threads

    if gold is None and threads is None:
        raise click.UsageError("give --gold, --threads or both")
    report, thread_score = None, None
    try:
        if gold is not None:
            report = evaluate(graph, gold)
        if threads is not None:
            thread_score = evaluate_threads(graph, threads)
    except EvalError as exc:
        raise _fail(exc) from exc
    if report is not None:
        click.echo(format_report(report, verbose=verbose).rstrip("\n"))
    if thread_score is not None:
        click.echo("\n".join(thread_score.lines()))
    if json_out:
        out = report.to_json() if report is not None else {}
        if thread_score is not None:
            out["threads"] = thread_score.to_json()
        json_out.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")


@cli.command()
@click.argument("cases", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Also list each failing case, with what was expected and found.")
def matrix(cases, verbose):
    """Run the construction matrix in CASES (JSON lines) and print the pass rate per construction.

    Each case is a short French text with the (accuser, accused) and (rebutter, accuser) principal
    pairs it states; a case passes when the extractor reads exactly those pairs. The matrix of the
    repository covers every predicate in every form (active, passive, participle, relative, noun
    phrase, « selon », coordination) and what must give nothing (negation, refusal, victims,
    hypotheticals, questions).

    Example:

    \b
        kg matrix tests/data/matrix/cases.jsonl
    """
    from ..matrix import MatrixError, read_cases, run_matrix

    try:
        report = run_matrix(read_cases(cases))
    except MatrixError as exc:
        raise _fail(exc) from exc
    if verbose:
        click.echo(report.failures().rstrip("\n"))
    click.echo(report.format())


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
def stats(graph):
    """Count what GRAPH holds: documents, actors by type, claims, strategies, top principals.

    Example:

    \b
        kg stats graph.trig
    """
    from ..query import QueryError
    from ..stats import format_stats, graph_stats

    try:
        click.echo(format_stats(graph_stats(graph)).rstrip("\n"))
    except QueryError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("graph", metavar="GRAPH_OR_STORE", type=click.Path(exists=True, path_type=Path))
@click.option("--corpus", type=click.Path(exists=True, path_type=Path),
              help="Corpus folder: also check each evidence quote against the document text.")
def validate(graph, corpus):
    """Check GRAPH against the SHACL shapes of ontology/shapes.ttl.

    GRAPH_OR_STORE is a graph file or an Oxigraph store folder. Prints one line per violation
    and exits with status 1 when the graph does not conform.

    Example:

    \b
        kg validate graph.trig --corpus corpus/
    """
    from .. import commands
    from ..validate import ValidationError

    try:
        result = commands.validate(graph, corpus)
    except ValidationError as exc:
        raise _fail(exc) from exc
    for w in result.warnings:
        click.echo(w, err=True)
    for v in result.violations:
        click.echo(str(v))
    if not result.conforms:
        click.echo(f"{len(result.violations)} violations")
        sys.exit(1)
    click.echo(f"{graph}: conforms ({result.triples} triples)")


@cli.command()
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table: aligned sections; csv: one row per figure (section,principal,other,value); json.")
@click.option("--gexf", type=click.Path(path_type=Path), help="Also write the principal network as GEXF (Gephi).")
@click.option("--graphml", type=click.Path(path_type=Path), help="Also write the principal network as GraphML.")
def analyze(source, fmt, gexf, graphml):
    """Analyse who accuses whom in GRAPH_OR_STORE, between principals (States, organisations).

    Prints the accusation matrix, mutual accusations, the rebuttal rate of each accused,
    the strategy mix of each rebutter and centrality (accusations made and received,
    PageRank, betweenness) on the principal accusation network.

    Example:

    \b
        kg analyze graph.trig
        kg analyze store/ --format csv --gexf principals.gexf
    """
    from ..analyze import AnalyzeError, format_analysis, write_gexf, write_graphml
    from ..analyze import analyze as run

    try:
        result = run(source)
        if gexf:
            write_gexf(result, gexf)
        if graphml:
            write_graphml(result, graphml)
    except AnalyzeError as exc:
        raise _fail(exc) from exc
    click.echo(format_analysis(result, fmt).rstrip("\n"))
