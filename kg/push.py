"""Push: a graph file or an Oxigraph store folder in, a remote triple store brought up to date out,
through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph (one per document) is sent with ``PUT <graph store>?graph=<IRI>``, which replaces
that graph on the server: pushing twice leaves the server as pushing once. The default graph (the
strategy scheme) is sent with ``POST ?default``, which adds to the server's default graph without
removing what others put there; or, for a server without a default graph of its own (Virtuoso, whose
``?default`` is whichever named graph its administrator tied to the request's host), with ``PUT`` to
a named graph of the caller's choosing. Graphs go as N-Triples labelled ``text/turtle`` (N-Triples is
Turtle), the one type every Graph Store implementation reads: Oxigraph server, Apache Jena Fuseki,
GraphDB / RDF4J, Virtuoso, QLever.

Every graph of the source is sent, whether or not the server has it already: a document's
``akg:contentHash`` says its text did not change, not that its graph (which a newer akg may extract
differently) did not. Graphs the server holds and the source does not are left alone.

Credentials in a URL answer whichever scheme the server asks for: HTTP basic (Fuseki,
GraphDB, a proxy in front of Oxigraph) or digest (Virtuoso's ``/sparql-graph-crud-auth`` accepts
nothing else, and refuses a basic header unasked without even saying what it wants). So the first
request to such a server is a bodiless ``HEAD`` without credentials, whose ``401`` names the scheme;
each request after that carries the answer, the digest one reusing the server's nonce with a counter
(one round trip a graph, as with basic), until the server calls the nonce stale.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from os import PathLike

import pyoxigraph as ox

from .source import open_source

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
    ``/sparql-graph-crud-auth``, QLever) need the URL given.

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
         default_graph: str | None = None, timeout: float = 60,
         progress: Callable[[str], None] | None = None) -> PushSummary:
    """Send the graphs of ``source`` to the server whose SPARQL endpoint is ``endpoint``.

    ``graph_store`` is its Graph Store Protocol URL (derived from ``endpoint`` when not given, see
    :func:`graph_store_url`). ``default_graph``, an IRI, sends the source's default graph to that
    named graph (replacing it) instead of adding it to the server's default graph.
    ``progress`` is called with each named graph's IRI once sent.
    Credentials in the URLs (``https://user:password@host/...``) are sent with HTTP basic or digest
    authentication, whichever the server asks for.
    """
    store = open_source(source)
    target = graph_store or graph_store_url(endpoint)
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    if default_graph is not None:
        try:
            ox.NamedNode(default_graph)
        except ValueError as e:
            raise PushError(f"default graph {default_graph!r}: not an IRI ({e})") from None
        if ox.NamedNode(default_graph) in graphs:
            raise PushError(f"default graph <{default_graph}>: the source has a named graph of that name")
    summary = PushSummary(_safe(target))
    with _Client(timeout) as client:
        default = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        if default:
            if default_graph is None:
                client.send("POST", _with_query(target, "default"), _ntriples(default))
            else:
                client.send("PUT", _graph_url(target, default_graph), _ntriples(default))
            summary.quads += len(default)
        for graph in graphs:
            name = graph.value
            triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
            client.send("PUT", _graph_url(target, name), _ntriples(triples))
            summary.sent.append(name)
            summary.quads += len(triples)
            if progress:
                progress(name)
    return summary


def _ntriples(triples) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _graph_url(graph_store: str, name: str) -> str:
    return _with_query(graph_store, "graph=" + urllib.parse.quote(name, safe=""))


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{query}"


class _Client:
    """HTTP requests over one kept-alive connection per server (thousands of graphs, one handshake),
    authenticated as each server asks."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.connections: dict[tuple[str, str], http.client.HTTPConnection] = {}
        self.auth: dict[tuple[str, str], _Basic | _Digest] = {}

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
        key = (parts.scheme, parts.netloc)
        if parts.username and key not in self.auth:
            user = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
            response, _ = self._request(parts, "HEAD", path, None, {})
            # A server that does not ask (no 401) gets basic credentials unasked, as before.
            self.auth[key] = _scheme_for(response, *user) if response.status == 401 else _Basic(*user)
        auth = self.auth.get(key)
        headers = {"Content-Type": _TURTLE}
        if auth:
            headers["Authorization"] = auth.authorization(method, path)
        response, data = self._request(parts, method, path, body, headers)
        if response.status == 401 and isinstance(auth, _Digest) and auth.renew(response):
            headers["Authorization"] = auth.authorization(method, path)  # the nonce had grown stale
            response, data = self._request(parts, method, path, body, headers)
        if not 200 <= response.status < 300:
            text = _reason(response, data)
            raise PushError(f"{method} {_safe(url)}: HTTP {response.status} {response.reason}"
                            + (f": {text}" if text else ""))
        return data

    def _request(self, parts: urllib.parse.SplitResult, method: str, path: str, body: bytes | None,
                 headers: dict[str, str]) -> tuple[http.client.HTTPResponse, bytes]:
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
                    url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
                    raise PushError(f"{method} {_safe(url)}: {e or type(e).__name__}") from e
        return response, data

    def _connection(self, parts: urllib.parse.SplitResult) -> http.client.HTTPConnection:
        key = (parts.scheme, parts.netloc)
        if key not in self.connections:
            cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            self.connections[key] = cls(parts.hostname, parts.port, timeout=self.timeout)
        return self.connections[key]


def _reason(response: http.client.HTTPResponse, data: bytes) -> str:
    """The server's explanation of a refusal, on one line: the first line of a text body, or the text
    of an HTML page (Virtuoso's says what failed only below its title and headings)."""
    text = data.decode("utf-8", "replace").strip()
    if "html" in (response.headers.get("Content-Type") or ""):
        text = re.sub(r"(?is)<head\b.*?</head>|<[^>]*>", " ", text)
        return " ".join(text.split())[:300]
    return text.splitlines()[0][:200] if text else ""


_PARAM = re.compile(r'\s*,?\s*([!#$%&\'*+.^_`|~\w-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*))?')


def _challenges(response: http.client.HTTPResponse) -> dict[str, dict[str, str]]:
    """The ``WWW-Authenticate`` challenges of a response: scheme (lower case) → parameters.

    Several challenges may share one header (``Basic realm="a", Digest realm="b", nonce="n"``): a
    token without ``=`` starts the next.
    """
    found: dict[str, dict[str, str]] = {}
    for header in response.headers.get_all("WWW-Authenticate") or []:
        params: dict[str, str] | None = None
        pos = 0
        while (m := _PARAM.match(header, pos)) and m.end() > pos:
            pos = m.end()
            name, value = m.group(1), m.group(2)
            if value is None:
                params = found.setdefault(name.lower(), {})
            elif params is not None:
                params[name.lower()] = re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith('"') else value
    return found


def _scheme_for(response: http.client.HTTPResponse, user: str, password: str) -> _Basic | _Digest:
    """How to answer a ``401``: digest when offered (the stronger), else basic."""
    challenges = _challenges(response)
    if "digest" in challenges:
        return _Digest(user, password, challenges["digest"])
    if "basic" in challenges or not challenges:
        return _Basic(user, password)
    raise PushError(f"the server asks for {', '.join(challenges)} authentication; "
                    "credentials in the URL answer basic or digest only")


class _Basic:
    """HTTP basic authentication (RFC 7617)."""

    def __init__(self, user: str, password: str):
        self.header = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")

    def authorization(self, method: str, path: str) -> str:
        return self.header


class _Digest:
    """HTTP digest authentication (RFC 7616), ``qop=auth`` or none, MD5 or SHA-256 (``-sess`` too).

    The server's nonce is reused with a counter until the server calls it stale.
    """

    _HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}

    def __init__(self, user: str, password: str, challenge: dict[str, str]):
        self.user, self.password = user, password
        self._take(challenge)

    def _take(self, challenge: dict[str, str]) -> None:
        algorithm = challenge.get("algorithm", "MD5").upper()
        self.sess = algorithm.endswith("-SESS")
        if self.sess:
            algorithm = algorithm[:-5]
        if algorithm not in self._HASHES or "nonce" not in challenge:
            raise PushError(f"digest authentication with algorithm {algorithm} is not supported")
        qops = {q.strip() for q in challenge.get("qop", "").split(",") if q.strip()}
        if qops and "auth" not in qops:
            raise PushError(f"digest authentication with qop {', '.join(sorted(qops))} is not supported")
        self.algorithm, self.qop = challenge.get("algorithm", "MD5"), "auth" if qops else None
        self.hash = self._HASHES[algorithm]
        self.realm, self.nonce, self.opaque = challenge.get("realm", ""), challenge["nonce"], challenge.get("opaque")
        self.count, self.cnonce = 0, secrets.token_hex(8)

    def renew(self, response: http.client.HTTPResponse) -> bool:
        """Take the fresh nonce of a ``401`` that calls ours stale; False when the credentials were refused."""
        challenge = _challenges(response).get("digest")
        if not challenge or challenge.get("stale", "").lower() != "true":
            return False
        self._take(challenge)
        return True

    def _h(self, text: str) -> str:
        return self.hash(text.encode("utf-8")).hexdigest()

    def authorization(self, method: str, path: str) -> str:
        self.count += 1
        nc = f"{self.count:08x}"
        ha1 = self._h(f"{self.user}:{self.realm}:{self.password}")
        if self.sess:
            ha1 = self._h(f"{ha1}:{self.nonce}:{self.cnonce}")
        ha2 = self._h(f"{method}:{path}")
        if self.qop:
            response = self._h(f"{ha1}:{self.nonce}:{nc}:{self.cnonce}:{self.qop}:{ha2}")
        else:
            response = self._h(f"{ha1}:{self.nonce}:{ha2}")
        fields = [("username", self.user), ("realm", self.realm), ("nonce", self.nonce), ("uri", path),
                  ("algorithm", self.algorithm), ("response", response)]
        if self.opaque is not None:
            fields.append(("opaque", self.opaque))
        header = "Digest " + ", ".join(f'{k}="{_quoted(v)}"' if k != "algorithm" else f"{k}={v}"
                                       for k, v in fields)
        if self.qop:
            header += f', qop={self.qop}, nc={nc}, cnonce="{self.cnonce}"'
        return header


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _safe(url: str) -> str:
    """``url`` without its credentials, for messages."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ""))
