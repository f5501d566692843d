"""The ``kg`` command: a thin layer over the library (each command parses options, calls one
library function and prints). Building and querying here; reading a graph in ``reading``, exchanging
it with servers and files in ``exchange``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import (
    base_option,
    format_option,
    graph_argument,
    library_errors,
    output_option,
    quiet_option,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="akg")
def cli():
    """akg: knowledge graphs of cyber-attribution discourse.

    Build an RDF graph of actors, accusations, rebuttals, incidents and responses from French
    documents, then query it with SPARQL, draw it, score it and validate it.
    """


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_option("Graph file to write; the extension picks the format: .ttl .nt .nq .trig .jsonld. "
               "With --store, the whole store is written.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Oxigraph store folder to bring up to date (created if missing): a document whose content "
                   "hash is stored already is not parsed again; a changed one replaces its graph.")
@click.option("--prune", is_flag=True, help="With --store: drop the stored documents that are not in CORPUS.")
@click.option("-w", "--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Parse on N processes (each loads the model once); the output is the same for any N.")
@click.option("--scheduler", metavar="URL",
              help="Parse on the dask.distributed cluster at URL (tcp://host:8786), whose workers have akg "
                   "installed, instead of local processes.")
@base_option
@click.option("--include", multiple=True,
              help="Glob of files to read (repeatable); default .txt .md .html .htm .pdf .jsonl.")
@click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable).")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, help="Skip files larger than this.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any document was skipped.")
@quiet_option
def build(corpus, output, store_dir, prune, workers, scheduler, base, include, exclude, max_bytes, strict,
          quiet):
    """Build the graph of CORPUS (files or folders) into OUTPUT and/or a STORE folder.

    .trig and .nq keep one named graph per document; .ttl, .nt and .jsonld merge them.
    A document that cannot be read is reported on one line and skipped. Documents stream
    through: the corpus is never held in memory.

    Example:

    \b
        kg build corpus/ -o graph.trig
        kg build corpus/ --store store/ --prune --workers 2
    """
    from .. import commands
    from ..build import count_documents

    if output is None and store_dir is None:
        raise click.UsageError("give -o FILE, --store DIR or both")
    if prune and store_dir is None:
        raise click.UsageError("--prune needs --store")
    with library_errors():
        if output is not None:
            commands.check_output(output)
        total = 0 if quiet else count_documents(corpus, include, exclude)
        with click.progressbar(length=total, label="Extracting", file=sys.stderr, hidden=quiet or not total) as bar:
            result = commands.build(
                corpus, output, store_dir, prune=prune, workers=workers, scheduler=scheduler, base=base,
                include=include, exclude=exclude, max_bytes=max_bytes, progress=lambda _d: bar.update(1),
                on_skip=lambda s: click.echo(f"skipped {getattr(s, 'id', None) or s.path}: {s.reason}", err=True))
    for line in result.lines:
        click.echo(line)
    if result.skipped and strict:
        sys.exit(1)


@cli.command()
@graph_argument(required=False)
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, path_type=Path),
              help="Read the SPARQL query from a .rq file.")
@click.option("-n", "--name", help="Run a named query from the library (see --list).")
@click.option("-p", "--param", multiple=True, metavar="KEY=VALUE",
              help="Value for a query parameter; bound as a literal, never spliced into the query.")
@format_option(["table", "csv", "tsv", "json", "turtle", "ntriples"], "Output format (W3C SPARQL results formats).",
               default="table")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help="Return at most N rows (a page: the store stops early, see --offset).")
@click.option("--offset", type=click.IntRange(min=0), metavar="M", help="Skip the first M rows.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
def query(graph, sparql, query_file, name, param, fmt, limit, offset, list_):
    """Run a SPARQL query on GRAPH (a graph file or an Oxigraph store folder).

    Example:

    \b
        kg query graph.trig --name accusations
        kg query store/ --name accusations --limit 100 --offset 200
        kg query graph.trig --name actor --param actor=Chine --format csv
        kg query graph.trig 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    from .. import commands

    if list_:
        for line in commands.query_listing():
            click.echo(line)
        return
    if graph is None:
        raise click.UsageError("GRAPH is required (or use --list)")
    if len([x for x in (sparql, query_file, name) if x]) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param takes KEY=VALUE, got {item!r}")
        params[key] = value
    with library_errors():
        result = commands.query(graph, sparql, query_file=query_file, name=name, params=params, fmt=fmt,
                                limit=limit, offset=offset)
    click.echo("\n".join(result.lines))


# the other commands register themselves on ``cli``
from . import exchange, reading  # noqa: E402,F401
