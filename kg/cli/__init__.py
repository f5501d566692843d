"""The ``kg`` command: a thin layer over the library (each command parses options, calls one
library function and prints). Building and querying here; reading a graph in ``reading``, exchanging
it with servers and files in ``exchange``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..namespaces import DEFAULT_BASE


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="akg")
def cli():
    """akg: knowledge graphs of cyber-attribution discourse.

    Build an RDF graph of actors, accusations, rebuttals, incidents and responses from French
    documents, then query it with SPARQL, draw it, score it and validate it.
    """


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Graph file to write; the extension picks the format: .ttl .nt .nq .trig .jsonld. "
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
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the resources.")
@click.option("--include", multiple=True,
              help="Glob of files to read (repeatable); default .txt .md .html .htm .pdf .jsonl.")
@click.option("--exclude", multiple=True, help="Glob of files to skip (repeatable).")
@click.option("--max-bytes", default=20 * 1024 * 1024, show_default=True, help="Skip files larger than this.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any document was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
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
    from ..build import BuildError, count_documents
    from ..parallel import ParallelError
    from ..store import StoreError

    if output is None and store_dir is None:
        raise click.UsageError("give -o FILE, --store DIR or both")
    if prune and store_dir is None:
        raise click.UsageError("--prune needs --store")
    try:
        if output is not None:
            commands.check_output(output)
        total = 0 if quiet else count_documents(corpus, include, exclude)
        with click.progressbar(length=total, label="Extracting", file=sys.stderr, hidden=quiet or not total) as bar:
            result = commands.build(
                corpus, output, store_dir, prune=prune, workers=workers, scheduler=scheduler, base=base,
                include=include, exclude=exclude, max_bytes=max_bytes, progress=lambda _d: bar.update(1),
                on_skip=lambda s: click.echo(f"skipped {getattr(s, 'id', None) or s.path}: {s.reason}", err=True))
    except (BuildError, StoreError, ParallelError, OSError) as exc:
        raise _fail(exc) from exc
    for line in result.lines:
        click.echo(line)
    if result.skipped and strict:
        sys.exit(1)


@cli.command()
@click.argument("graph", required=False, type=click.Path(exists=True, path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, path_type=Path),
              help="Read the SPARQL query from a .rq file.")
@click.option("-n", "--name", help="Run a named query from the library (see --list).")
@click.option("-p", "--param", multiple=True, metavar="KEY=VALUE",
              help="Value for a query parameter; bound as a literal, never spliced into the query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle", "ntriples"]),
              default="table", show_default=True, help="Output format (W3C SPARQL results formats).")
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
    from ..query import (
        QueryError,
        format_result,
        list_queries,
        load_query_file,
        run_declared,
        run_named,
        run_query,
    )

    if list_:
        for q in list_queries():
            params = ", ".join(p.name for p in q.params)
            click.echo(f"{q.name:14s} {q.description}" + (f"  [params: {params}]" if params else ""))
        return
    if graph is None:
        raise click.UsageError("GRAPH is required (or use --list)")
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    params = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"--param takes KEY=VALUE, got {item!r}")
        params[key] = value
    try:
        page = {"limit": limit, "offset": offset}
        if name:
            result = run_named(graph, name, params, **page)
        elif query_file:
            result = run_declared(graph, load_query_file(query_file), params, **page)
        else:
            result = run_query(graph, sparql, params=params, **page)
        click.echo(format_result(result, fmt).rstrip("\n"))
    except QueryError as exc:
        raise _fail(exc) from exc


# the other commands register themselves on ``cli``
from . import exchange, reading  # noqa: E402,F401
