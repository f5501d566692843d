"""Push: a graph file or an Oxigraph store folder in, a remote triple store brought up to date out,
through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (one per document) is sent with ``PUT <graph store>?graph=<IRI>``, which replaces
that graph on the server: pushing twice leaves the server as pushing once. The default graph (the
strategy scheme) is sent with ``POST ?default``, which adds to the server's default graph without
removing what others put there. Graphs go as N-Triples labelled ``text/turtle`` (N-Triples is
Turtle), the one type every Graph Store implementation reads: Oxigraph server, Apache Jena Fuseki,
GraphDB / RDF4J, Virtuoso, QLever.

Every graph of the source is sent, whether or not the server has it already: a document's
``akg:contentHash`` says its text did not change, not that its graph (which a newer akg may extract
differently) did not. Graphs the server holds and the source does not are left alone.
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike

import pyoxigraph as ox

from .query import QueryError, load_source

__all__ = ["PushError", "PushSummary", "graph_store_url", "push"]

_TURTLE = "text/turtle; charset=utf-8"


class PushError(Exception):
    """The push cannot go on: unreadable source, unreachable server, a request refused."""


@dataclass
class PushSummary:
    """What :func:`push` did: the Graph Store URL, the named graphs sent (IRIs), the quads sent
    (the default graph's included)."""

    graph_store: str
    sent: list[str] = field(default_factory=list)
    quads: int = 0


def graph_store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL of a server, from its SPARQL endpoint URL.

    Oxigraph server answers at ``/store`` beside ``/sparql``; Fuseki at ``/<dataset>/data`` beside
    ``/<dataset>/sparql``; GraphDB and RDF4J at ``<repository>/rdf-graphs/service``. Others (Virtuoso's
    ``/sparql-graph-crud``, QLever) need the URL given.

    >>> graph_store_url("http://127.0.0.1:7878/sparql")
    'http://127.0.0.1:7878/store'
    >>> graph_store_url("http://fuseki:3030/akg/query")
    'http://fuseki:3030/akg/data'
    >>> graph_store_url("http://graphdb:7200/repositories/akg")
    'http://graphdb:7200/repositories/akg/rdf-graphs/service'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{_safe(endpoint)}: not an http(s) URL")
    path = parts.path.rstrip("/")
    if re.fullmatch(r"/(?:sparql|query|update)", path):
        path = "/store"
    elif m := re.fullmatch(r"(/[^/]+)/(?:sparql|query|update)", path):
        path = f"{m.group(1)}/data"
    elif re.fullmatch(r".*/repositories/[^/]+", path):
        path = f"{path}/rdf-graphs/service"
    else:
        raise PushError(f"cannot tell the Graph Store URL of {_safe(endpoint)}: give it with --graph-store")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def push(source: str | PathLike | ox.Store, endpoint: str, graph_store: str | None = None, *,
         timeout: float = 60, progress: Callable[[str], None] | None = None) -> PushSummary:
    """Send the graphs of ``source`` to the server whose SPARQL endpoint is ``endpoint``.

    ``graph_store`` is its Graph Store Protocol URL (derived from ``endpoint`` when not given, see
    :func:`graph_store_url`). ``progress`` is called with each named graph's IRI once sent.
    Credentials in the URLs (``https://user:password@host/...``) are sent as HTTP basic
    authentication.
    """
    try:
        store = load_source(source)
    except QueryError as e:
        raise PushError(str(e)) from e
    target = graph_store or graph_store_url(endpoint)
    summary = PushSummary(_safe(target))
    with _Client(timeout) as client:
        default = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        if default:
            client.send("POST", _with_query(target, "default"), _ntriples(default))
            summary.quads += len(default)
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            name = graph.value
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
            client.send("PUT", _with_query(target, "graph=" + urllib.parse.quote(name, safe="")),
                        _ntriples(triples))
            summary.sent.append(name)
            summary.quads += len(triples)
            if progress:
                progress(name)
    return summary


def _ntriples(triples) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{query}"


class _Client:
    """HTTP requests over one kept-alive connection per server (thousands of graphs, one handshake)."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.connections: dict[tuple[str, str], http.client.HTTPConnection] = {}

    def __enter__(self) -> _Client:
        return self

    def __exit__(self, *exc) -> None:
        for connection in self.connections.values():
            connection.close()

    def send(self, method: str, url: str, body: bytes) -> bytes:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PushError(f"{url}: not an http(s) URL")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": _TURTLE}
        if parts.username:  # credentials in the URL: HTTP basic authentication
            user = urllib.parse.unquote(parts.username) + ":" + urllib.parse.unquote(parts.password or "")
            headers["Authorization"] = "Basic " + base64.b64encode(user.encode("utf-8")).decode("ascii")
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again, once
            connection = self._connection(parts)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError) as e:
                connection.close()
                self.connections.pop((parts.scheme, parts.netloc), None)
                if attempt == 2 or isinstance(e, TimeoutError):
                    raise PushError(f"{method} {_safe(url)}: {e or type(e).__name__}") from e
        if not 200 <= response.status < 300:
            text = data.decode("utf-8", "replace").strip()
            raise PushError(f"{method} {_safe(url)}: HTTP {response.status} {response.reason}"
                            + (f": {text.splitlines()[0][:200]}" if text else ""))
        return data

    def _connection(self, parts: urllib.parse.SplitResult) -> http.client.HTTPConnection:
        key = (parts.scheme, parts.netloc)
        if key not in self.connections:
            cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            self.connections[key] = cls(parts.hostname, parts.port, timeout=self.timeout)
        return self.connections[key]


def _safe(url: str) -> str:
    """``url`` without its credentials, for messages."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
