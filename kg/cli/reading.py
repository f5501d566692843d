"""``kg`` commands that read a graph: viz, eval, matrix, stats, validate, analyze."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import cli
from .options import format_option, graph_argument, library_errors, output_option, verbose_option


@cli.command()
@graph_argument()
@output_option("HTML file to write.", required=True)
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

    from .. import commands

    if built and timestamp:
        raise click.UsageError("give --built or --timestamp, not both")
    if dispute and view != "dispute":
        raise click.UsageError("--dispute goes with --view dispute")
    if view == "dispute" and any((doc, since, until, actor, principal, strategy)):
        raise click.UsageError("the dispute view takes --dispute, --title and --built only")
    if timestamp:
        built = datetime.now(UTC).replace(microsecond=0).isoformat()
    filters = {} if view == "dispute" else {"doc": doc, "since": since, "until": until, "actor": actor,
                                            "principal": principal, "strategy": strategy, "max_nodes": max_nodes,
                                            "fold": fold}
    with library_errors():
        result = commands.viz(graph, output, view, dispute=dispute, title=title, built=built, **filters)
    click.echo("\n".join(result.lines))


@cli.command("eval")
@graph_argument()
@click.option("--gold", type=click.Path(exists=True, path_type=Path),
              help="Gold file (format akg-gold/1) or a folder of them.")
@click.option("--threads", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Thread gold (format akg-threads/1): score how the disputes group the claims.")
@verbose_option("List missed and spurious pairs per document.")
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
    from .. import commands

    if gold is None and threads is None:
        raise click.UsageError("give --gold, --threads or both")
    with library_errors():
        result = commands.evaluate(graph, gold, threads, verbose=verbose, json_out=json_out)
    click.echo("\n".join(result.lines))


@cli.command()
@click.argument("cases", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@verbose_option("Also list each failing case, with what was expected and found.")
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
    from .. import commands

    with library_errors():
        result = commands.matrix(cases, verbose=verbose)
    click.echo("\n".join(result.lines))


@cli.command()
@graph_argument()
def stats(graph):
    """Count what GRAPH holds: documents, actors by type, claims, strategies, top principals.

    Example:

    \b
        kg stats graph.trig
    """
    from .. import commands

    with library_errors():
        result = commands.stats(graph)
    click.echo("\n".join(result.lines))


@cli.command()
@graph_argument(metavar="GRAPH_OR_STORE")
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

    with library_errors():
        result = commands.validate(graph, corpus)
    for w in result.warnings:
        click.echo(w, err=True)
    for v in result.violations:
        click.echo(str(v))
    if not result.conforms:
        click.echo(f"{len(result.violations)} violations")
        sys.exit(1)
    click.echo(f"{graph}: conforms ({result.triples} triples)")


@cli.command()
@graph_argument("source", metavar="GRAPH_OR_STORE")
@format_option(["table", "csv", "json"],
               "table: aligned sections; csv: one row per figure (section,principal,other,value); json.",
               default="table")
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
    from .. import commands

    with library_errors():
        result = commands.analyze(source, fmt, gexf=gexf, graphml=graphml)
    click.echo("\n".join(result.lines))
