"""``kg`` commands that exchange a graph with servers and files: serve, export, push."""

from __future__ import annotations

import sys

import click

from . import cli
from .options import format_option, graph_argument, library_errors, output_option, quiet_option


@cli.command()
@graph_argument("source", metavar="GRAPH_OR_STORE")
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
    from ..serve import serve as run

    def started(url):
        mode = "read-write" if allow_update else "read-only"
        click.echo(f"Serving {source} at {url} ({mode}; query page at {url.removesuffix('/sparql')}/). "
                   "Ctrl-C to stop.", err=True)

    with library_errors():
        run(source, host, port, allow_update=allow_update, timeout=timeout, on_start=started)


@cli.command()
@graph_argument("source", metavar="STORE")
@output_option("File to write; the extension picks the format: .ttl .nt .nq .trig .jsonld, or .stix.json "
               "for a STIX 2.1 bundle.", required=True)
@format_option(["rdf", "stix"], "rdf: the graph, in the format of OUTPUT's extension; stix: a STIX 2.1 bundle (JSON) "
               "for OpenCTI or MISP. Default: stix when OUTPUT ends in .stix.json, rdf otherwise.")
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
    from .. import commands

    with library_errors():
        click.echo(commands.export(source, output, fmt))


@cli.command()
@graph_argument("source", metavar="GRAPH_OR_STORE")
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
@quiet_option
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
    from .. import commands
    from ..source import open_source

    with library_errors():
        store = open_source(source)
        with click.progressbar(length=sum(1 for _ in store.named_graphs()), label="Pushing", file=sys.stderr,
                               hidden=quiet) as bar:
            result = commands.push(store, endpoint, graph_store, default_graph=default_graph, timeout=timeout,
                                   progress=lambda _g: bar.update(1))
    click.echo("\n".join(result.lines))
