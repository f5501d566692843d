"""kg.push: graphs sent with the SPARQL 1.1 Graph Store HTTP Protocol to a real Oxigraph server, started on
loopback by the test; pushing twice leaves the server holding exactly the source's quads."""

from __future__ import annotations

import doctest
import email.message
import gc
import socket
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.push
from kg.cli import cli
from kg.push import PushError, graph_store_url, push
from kg.serve import start_server
from kg.store import load_into_store, open_store

FIXTURE = Path(__file__).parent / "data" / "eval_fixture.trig"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """An empty Oxigraph server on loopback that accepts writes."""
    folder = tmp_path / "remote"
    store = open_store(folder, read_only=False)
    del store
    gc.collect()
    srv = start_server(folder, port=free_port(), allow_update=True)
    try:
        yield srv
    finally:
        srv.stop()


def stored(**load) -> set[ox.Quad]:
    """Quads as a store holds them (a store writes ``"5"^^xsd:decimal`` as ``"5.0"``, as the server)."""
    store = ox.Store()
    store.load(**load)
    return set(store)


def served_quads(srv) -> set[ox.Quad]:
    request = urllib.request.Request(f"{srv.url}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return stored(input=r.read(), format=ox.RdfFormat.N_QUADS)


def file_quads(path: Path) -> set[ox.Quad]:
    return stored(path=str(path))


def test_push_doctest():
    assert doctest.testmod(kg.push).failed == 0


@pytest.mark.slow
def test_push_twice_server_holds_the_source(server, seed_graph):
    source = file_quads(seed_graph)
    first = push(seed_graph, server.endpoint)
    assert first.graph_store == f"{server.url}/store"
    assert len(first.sent) == 5 + 1 and first.quads == len(source)  # the documents and the disputes graph
    assert served_quads(server) == source
    second = push(seed_graph, server.endpoint)
    assert (second.sent, second.quads) == (first.sent, first.quads)
    assert served_quads(server) == source


@pytest.mark.slow
def test_push_replaces_a_changed_graph_and_keeps_others(server, tmp_path):
    """PUT replaces a graph whole; a graph the server has and the source lacks stays."""
    other = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                    ox.Literal("theirs"), ox.NamedNode("http://example.org/their-graph"))
    request = urllib.request.Request(f"{server.url}/store?graph=http%3A%2F%2Fexample.org%2Ftheir-graph",
                                     data=b'<http://example.org/s> <http://example.org/p> "theirs" .',
                                     headers={"Content-Type": "application/n-triples"}, method="PUT")
    urllib.request.urlopen(request, timeout=30).close()
    push(FIXTURE, server.endpoint)
    changed = {q for q in file_quads(FIXTURE)
               if not (str(q.graph_name).endswith("fx-01>") and q.predicate.value.endswith("#quote"))}
    assert len(changed) < len(file_quads(FIXTURE))
    (tmp_path / "changed.nq").write_bytes(ox.serialize(changed, format=ox.RdfFormat.N_QUADS))
    push(tmp_path / "changed.nq", server.endpoint)
    assert served_quads(server) == changed | {other}


@pytest.mark.slow
def test_push_from_a_store_folder_through_the_cli(server, tmp_path):
    folder = tmp_path / "store"
    load_into_store(FIXTURE, folder)
    gc.collect()
    run = CliRunner().invoke
    for _ in range(2):
        result = run(cli, ["push", "-q", str(folder), "--endpoint", server.endpoint], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{server.url}/store: 3 graphs, {len(file_quads(FIXTURE))} quads sent\n"
    assert served_quads(server) == file_quads(FIXTURE)


@pytest.mark.slow
def test_push_read_only_server_is_a_one_line_error(seed_graph):
    with start_server(FIXTURE, port=free_port()) as srv:
        result = CliRunner().invoke(cli, ["push", "-q", str(seed_graph), "--endpoint", srv.endpoint])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: POST {srv.url}/store?default: HTTP 403")
    assert result.stderr.count("\n") == 1


def test_push_unreachable_server(seed_graph):
    with pytest.raises(PushError, match="Connection refused"):
        push(seed_graph, f"http://127.0.0.1:{free_port()}/sparql", timeout=5)


def test_push_graph_store_url_needs_a_known_layout():
    with pytest.raises(PushError, match="give it with --graph-store"):
        graph_store_url("http://host/somewhere/else/sparql")
    with pytest.raises(PushError, match="not an http"):
        graph_store_url("ftp://host/sparql")


@pytest.mark.slow
def test_push_explicit_graph_store_and_credentials_stay_out_of_messages(server, seed_graph):
    summary = push(seed_graph, "http://unused.invalid/", f"http://akg:secret@{server.url[7:]}/store")
    assert summary.graph_store == f"{server.url}/store"
    assert served_quads(server) == file_quads(seed_graph)


class _Refusal:
    """A response's headers only, as the authentication helpers read them."""

    def __init__(self, *challenges: str):
        self.headers = email.message.Message()
        for challenge in challenges:
            self.headers["WWW-Authenticate"] = challenge


RFC7616 = ('Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={}, '
           'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')


@pytest.mark.parametrize("algorithm, expected", [
    ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
    ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
])
def test_push_digest_answers_the_rfc7616_example(algorithm, expected):
    """RFC 7616 section 3.9.1: the same request and challenge, the same response."""
    auth = kg.push._scheme_for(_Refusal(RFC7616.format(algorithm)), "Mufasa", "Circle of Life")
    auth.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    header = auth.authorization("GET", "/dir/index.html")
    assert f'response="{expected}"' in header
    assert header.endswith(f'qop=auth, nc=00000001, cnonce="{auth.cnonce}"')
    assert ', nc=00000002,' in auth.authorization("PUT", "/dir/index.html")  # the nonce is reused, counted


def test_push_challenges_several_in_one_header():
    refusal = _Refusal('Basic realm="a, b", Digest realm="SPARQL", nonce="n\\"1", qop="auth"', "Bearer")
    assert kg.push._challenges(refusal) == {
        "basic": {"realm": "a, b"}, "digest": {"realm": "SPARQL", "nonce": 'n"1', "qop": "auth"}, "bearer": {}}
    assert isinstance(kg.push._scheme_for(_Refusal('Basic realm="x"'), "u", "p"), kg.push._Basic)
    assert isinstance(kg.push._scheme_for(refusal, "u", "p"), kg.push._Digest)  # digest preferred
    with pytest.raises(PushError, match="asks for bearer authentication"):
        kg.push._scheme_for(_Refusal("Bearer"), "u", "p")


def test_push_digest_renews_a_stale_nonce_only():
    auth = kg.push._scheme_for(_Refusal('Digest realm="r", nonce="old", qop="auth"'), "u", "p")
    auth.authorization("PUT", "/g")
    assert not auth.renew(_Refusal('Digest realm="r", nonce="new", qop="auth"'))  # credentials refused
    assert auth.renew(_Refusal('Digest realm="r", nonce="new", qop="auth", stale=true'))
    assert 'nonce="new"' in (header := auth.authorization("PUT", "/g")) and "nc=00000001" in header


def test_push_default_graph_to_a_named_graph(server, seed_graph):
    """--default-graph: the default graph goes to a named graph of that name, replaced on each push."""
    scheme = "urn:x-akg:scheme"
    for _ in range(2):
        push(seed_graph, server.endpoint, default_graph=scheme)
    expected = {ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(scheme))
                if q.graph_name == ox.DefaultGraph() else q for q in file_quads(seed_graph)}
    assert served_quads(server) == expected
    with pytest.raises(PushError, match="not an IRI"):
        push(seed_graph, server.endpoint, default_graph="scheme")
    with pytest.raises(PushError, match="has a named graph of that name"):
        push(seed_graph, server.endpoint, default_graph=min(q.graph_name.value for q in expected
                                                            if q.graph_name.value != scheme))
