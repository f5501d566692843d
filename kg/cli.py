"""The ``kg`` command: a thin layer over the library (each command parses options, calls one
library function and prints)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .namespaces import DEFAULT_BASE


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
    from .build import BuildError, build_dataset, count_documents, format_for, read_corpus, serialize
    from .parallel import ParallelError
    from .store import StoreError, build_store, export_store

    if output is None and store_dir is None:
        raise click.UsageError("give -o FILE, --store DIR or both")
    if prune and store_dir is None:
        raise click.UsageError("--prune needs --store")
    if output is not None:
        folder = output.parent if str(output.parent) else Path(".")
        try:
            format_for(output)
            if not folder.is_dir():
                raise BuildError(f"output folder does not exist: {folder}")
        except BuildError as exc:
            raise _fail(exc) from exc
    skipped = []

    def on_skip(s):
        skipped.append(s)
        click.echo(f"skipped {getattr(s, 'id', None) or s.path}: {s.reason}", err=True)

    docs = read_corpus(corpus, include, exclude, max_bytes, on_skip)
    total = 0 if quiet else count_documents(corpus, include, exclude)
    # one worker keeps the call of earlier versions
    parallel = {"workers": workers, "scheduler": scheduler} if workers > 1 or scheduler else {}
    try:
        with click.progressbar(length=total, label="Extracting", file=sys.stderr,
                               hidden=quiet or not total) as bar:
            if store_dir is not None:
                summary = build_store(docs, store_dir, base, prune=prune, progress=lambda _d: bar.update(1),
                                      on_skip=on_skip, **parallel)
            else:
                ds, summary = build_dataset(docs, base, progress=lambda _d: bar.update(1), on_skip=on_skip,
                                            **parallel)
        if store_dir is not None:
            click.echo(f"{store_dir}: {summary.documents} documents ({summary.parsed} parsed, "
                       f"{len(summary.unchanged)} unchanged"
                       + (f", {len(summary.pruned)} pruned" if prune else "")
                       + f"), {summary.triples} quads, {summary.accusations} accusations, "
                       f"{summary.rebuttals} rebuttals" + (f"; {len(skipped)} skipped" if skipped else ""))
            if output is not None:
                click.echo(f"{output}: {export_store(store_dir, output)} statements")
        else:
            serialize(ds, output)
            click.echo(f"{output}: {summary.documents} documents, {summary.triples} triples, "
                       f"{summary.accusations} accusations, {summary.rebuttals} rebuttals"
                       + (f"; {len(skipped)} skipped" if skipped else ""))
    except (BuildError, StoreError, ParallelError, OSError) as exc:
        raise _fail(exc) from exc
    if skipped and strict:
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
    from .query import (
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


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--view", type=click.Choice(["actors", "claims", "document"]), default="actors", show_default=True,
              help="actors: who accuses and rebuts whom; claims: accusation → rebuttal → response; "
                   "document: everything one document says (with --doc).")
@click.option("--doc", help="Document identifier (path relative to the corpus) or IRI.")
@click.option("--since", help="Keep claims dated on or after YYYY[-MM[-DD]].")
@click.option("--until", help="Keep claims dated on or before YYYY[-MM[-DD]].")
@click.option("--actor", help="Keep claims involving this actor (label, alias or IRI) or its agents.")
@click.option("--principal", help="Keep claims involving this principal code (CN, US, EU…).")
@click.option("--strategy", help="Keep rebuttals using this strategy (Denial, LackOfEvidence…).")
@click.option("--max-nodes", default=300, show_default=True, help="Above this, actors are merged into principals.")
@click.option("--title", help="Page title.")
@click.option("--built", metavar="WHEN", help="Build time to print in the page, e.g. $(date -Iseconds).")
@click.option("--timestamp", is_flag=True, help="Print the current time (UTC) in the page as its build time.")
def viz(graph, output, view, doc, since, until, actor, principal, strategy, max_nodes, title, built,
        timestamp):
    """Draw GRAPH as an interactive HTML view that works offline.

    GRAPH is a graph file or an Oxigraph store folder. The page shows no build time unless
    --built or --timestamp is given, so the same graph gives the same file.

    Example:

    \b
        kg viz graph.trig -o view.html
        kg viz store/ --actor Chine --since 2021 --timestamp -o chine.html
        kg viz graph.trig --view document --doc 004_b53b0dcf9b8d3e54.txt -o doc.html
    """
    from datetime import UTC, datetime

    from .view import ViewError, read_graph, render_view

    if built and timestamp:
        raise click.UsageError("give --built or --timestamp, not both")
    if timestamp:
        built = datetime.now(UTC).replace(microsecond=0).isoformat()
    try:
        g = read_graph(graph)
        s = render_view(g, output, view, title=title, doc=doc, since=since, until=until, actor=actor,
                        principal=principal, strategy=strategy, max_nodes=max_nodes, built=built)
    except (ViewError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(f"{s.path}: {s.nodes} nodes, {s.edges} edges" + (" (actors merged into principals)" if s.aggregated
                                                                 else ""))


@cli.command("eval")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--gold", required=True, type=click.Path(exists=True, path_type=Path),
              help="Gold file (format akg-gold/1) or a folder of them.")
@click.option("-v", "--verbose", is_flag=True, help="List missed and spurious pairs per document.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Also write the report as JSON.")
def eval_(graph, gold, verbose, json_out):
    """Score GRAPH against gold annotations (precision, recall, F1).

    Accusations and rebuttals are scored as (principal, principal) pairs per document, as in
    tests/data/eval/README.md; the last line is the mean of the accusation, rebuttal and strategy F1.

    Example:

    \b
        kg eval graph.trig --gold tests/data/eval/seeds.gold.json --verbose
    """
    import json

    from .evaluate import EvalError, evaluate, format_report

    try:
        report = evaluate(graph, gold)
    except EvalError as exc:
        raise _fail(exc) from exc
    click.echo(format_report(report, verbose=verbose).rstrip("\n"))
    if json_out:
        json_out.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False), encoding="utf-8")


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
    from .matrix import MatrixError, read_cases, run_matrix

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
    from .query import QueryError
    from .stats import format_stats, graph_stats

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
    from .build import read_corpus
    from .validate import ValidationError, check_quotes, load_graph, unchecked_documents, validate_graph

    try:
        g = load_graph(graph)
        report = validate_graph(g)
    except ValidationError as exc:
        raise _fail(exc) from exc
    violations = list(report.violations)
    if corpus:
        texts = {d.id: d.text for d in read_corpus([corpus])}
        violations += check_quotes(g, texts)
        if missing := unchecked_documents(g, texts):
            click.echo(f"warning: {len(missing)} documents not read from {corpus}, their quotes unchecked: "
                       + ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""), err=True)
    for v in violations:
        click.echo(str(v))
    if violations:
        click.echo(f"{len(violations)} violations")
        sys.exit(1)
    click.echo(f"{graph}: conforms ({len(g)} triples)")


@cli.command()
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(exists=True, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default accepts connections from this machine only.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes (on a graph file they change a temporary "
                   "copy, discarded at exit).")
@click.option("--timeout", type=click.IntRange(min=1), metavar="S",
              help="Cancel a query after S seconds (best effort: Oxigraph does not stop an ORDER BY).")
def serve(source, host, port, allow_update, timeout):
    """Serve GRAPH_OR_STORE (a graph file or an Oxigraph store folder) as a SPARQL endpoint.

    Runs Oxigraph's server until Ctrl-C. Paths:

    \b
      /sparql   SPARQL 1.1 Protocol: GET ?query=, POST form query= or
                application/sparql-query; updates (POST update= or
                application/sparql-update) only with --allow-update
      /query    queries only      /update   updates only
      /store    SPARQL 1.1 Graph Store Protocol (?graph=IRI or ?default)
      /         a query page (YASGUI, served locally)

    Results in SPARQL JSON, XML, CSV or TSV and graphs in Turtle, N-Triples… by the Accept
    header; CORS headers are sent. Queries see the union of the named graphs as default graph.

    Example:

    \b
        kg serve graph.trig --port 7878
        curl -H 'Accept: text/csv' http://127.0.0.1:7878/sparql \\
             --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3'
    """
    from .serve import ServeError
    from .serve import serve as run

    def started(url):
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"Serving {source} at {url} ({mode}; query page at {url.removesuffix('/sparql')}/). "
                   "Ctrl-C to stop.", err=True)

    try:
        run(source, host, port, allow_update=allow_update, timeout=timeout, on_start=started)
    except ServeError as exc:
        raise _fail(exc) from exc


@cli.command()
@click.argument("source", metavar="STORE", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File to write; the extension picks the format: .ttl .nt .nq .trig .jsonld, or .stix.json "
                   "for a STIX 2.1 bundle.")
@click.option("--format", "fmt", type=click.Choice(["rdf", "stix"]),
              help="rdf: the graph, in the format of OUTPUT's extension; stix: a STIX 2.1 bundle (JSON) for "
                   "OpenCTI or MISP. Default: stix when OUTPUT ends in .stix.json, rdf otherwise.")
def export(source, output, fmt):
    """Write STORE (an Oxigraph store folder, or a graph file) to OUTPUT.

    .trig and .nq keep one named graph per document; .ttl, .nt and .jsonld merge them. Statements
    are sorted, so the same graph gives the same file; the file is replaced only when complete.

    With --format stix (or an OUTPUT ending in .stix.json), OUTPUT is a STIX 2.1 bundle that
    OpenCTI and MISP import: States and organisations as identities, threat groups as intrusion
    sets, incidents as campaigns, each accusation as attributed-to relationships created by the
    accuser with its quotes in notes, each rebuttal as an opinion by the rebutter, each document
    as a report. Its ids and dates come from the graph, so the same graph gives the same file.

    Example:

    \b
        kg export store/ -o graph.nq
        kg export graph.trig -o disputes.stix.json
    """
    from .query import QueryError
    from .stix import StixError, is_stix_path, write_stix
    from .store import StoreError, export_store

    if fmt is None and output.suffix.lower() == ".json" and not is_stix_path(output):
        raise click.ClickException(f"{output}: .json is ambiguous: name a STIX bundle .stix.json (or give --format "
                                   "stix), a JSON-LD graph .jsonld")
    try:
        if fmt == "stix" or (fmt is None and is_stix_path(output)):
            s = write_stix(source, output)
            click.echo(f"{output}: {s.objects} STIX objects; {s.attributions} attributed-to relationships for "
                       f"{s.accusations} accusations, {s.types.get('opinion', 0)} opinions, "
                       f"{s.types.get('note', 0)} notes, {s.types.get('report', 0)} reports"
                       + (f"; {len(s.skipped)} claims skipped" if s.skipped else ""))
            return
        n = export_store(source, output)
    except (StoreError, StixError, QueryError) as exc:
        raise _fail(exc) from exc
    click.echo(f"{output}: {n} statements")


@cli.command()
@click.argument("source", metavar="GRAPH_OR_STORE", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's SPARQL endpoint (http://127.0.0.1:7878/sparql); credentials may be given "
                   "in the URL (https://user:password@host/...).")
@click.option("--graph-store", metavar="URL",
              help="Its SPARQL 1.1 Graph Store Protocol URL, when it cannot be derived from --endpoint "
                   "(derived for Oxigraph, Fuseki, GraphDB and RDF4J).")
@click.option("--default-graph", metavar="IRI",
              help="Send the default graph (the strategy scheme) to this named graph, replacing it, for a "
                   "server without a default graph of its own (Virtuoso).")
@click.option("--timeout", default=60, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="S", help="Give up on a request after S seconds.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def push(source, endpoint, graph_store, default_graph, timeout, quiet):
    """Send GRAPH_OR_STORE (a graph file or an Oxigraph store folder) to a triple store.

    Each named graph (one per document) is sent with the SPARQL 1.1 Graph Store HTTP Protocol
    (PUT ?graph=IRI), which replaces it on the server: pushing again is harmless. The default
    graph (the strategy scheme) is added with POST ?default, or put in the named graph
    --default-graph. Graphs the server holds and the source does not are left alone.
    Credentials in a URL answer HTTP basic or digest authentication.

    Example:

    \b
        kg push store/ --endpoint http://127.0.0.1:7878/sparql
        kg push graph.trig --endpoint http://fuseki:3030/akg/sparql
        kg push graph.trig --endpoint http://virtuoso:8890/sparql \\
                --graph-store http://dba:secret@virtuoso:8890/sparql-graph-crud-auth \\
                --default-graph urn:x-akg:scheme
    """
    from .push import PushError
    from .push import push as send
    from .query import QueryError, load_source

    try:
        store = load_source(source)
        with click.progressbar(length=sum(1 for _ in store.named_graphs()), label="Pushing", file=sys.stderr,
                               hidden=quiet) as bar:
            summary = send(store, endpoint, graph_store, default_graph=default_graph, timeout=timeout,
                           progress=lambda _g: bar.update(1))
    except (PushError, QueryError) as exc:
        raise _fail(exc) from exc
    click.echo(f"{summary.graph_store}: {len(summary.sent)} graphs, {summary.quads} quads sent")


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
    from .analyze import AnalyzeError, format_analysis, write_gexf, write_graphml
    from .analyze import analyze as run

    try:
        result = run(source)
        if gexf:
            write_gexf(result, gexf)
        if graphml:
            write_graphml(result, graphml)
    except AnalyzeError as exc:
        raise _fail(exc) from exc
    click.echo(format_analysis(result, fmt).rstrip("\n"))
