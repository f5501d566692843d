"""kg.serve: the command line it builds (runner patched) and the real Oxigraph server on loopback."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

import kg.serve
from kg.cli import cli
from kg.serve import ServeError, server_command, start_server
from kg.store import is_store, load_into_store, open_store

FIXTURE = Path(__file__).parent / "data" / "eval_fixture.trig"
JSON = "application/sparql-results+json"
COUNT_DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/akg/ontology#Document> }"
HTTP_WAIT = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, headers=None, method=None):
    """(status, headers, body) of one HTTP request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=HTTP_WAIT) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def count(body: bytes) -> int:
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server():
    srv = start_server(FIXTURE, port=free_port(), timeout=10)
    try:
        yield srv
    finally:
        srv.stop()


# --- the command line, runner patched ---------------------------------------------------------------


def test_serve_command_is_read_only_on_localhost_by_default():
    assert server_command("st", binary="oxigraph") == [
        "oxigraph", "serve-read-only", "--location", "st", "--bind", "127.0.0.1:7878",
        "--cors", "--union-default-graph"]


def test_serve_command_allow_update_and_timeout():
    command = server_command("st", "::1", 9000, allow_update=True, timeout=5, binary="oxigraph")
    assert command == ["oxigraph", "serve", "--location", "st", "--bind", "[::1]:9000", "--cors",
                       "--union-default-graph", "--timeout-s", "5"]


def test_serve_command_finds_the_installed_binary():
    assert Path(server_command("st")[0]).name == "oxigraph"
    assert Path(server_command("st")[0]).is_file()


def test_serve_cli_loads_a_graph_file_into_a_temporary_store(monkeypatch):
    seen = []

    def fake_run(command):
        location = Path(command[command.index("--location") + 1])
        seen.append((command, is_store(location)))
        return 0

    monkeypatch.setattr(kg.serve, "run_serve", fake_run)
    port = free_port()
    result = CliRunner().invoke(cli, ["serve", str(FIXTURE), "--port", str(port), "--timeout", "3"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (command, was_store), = seen
    assert was_store
    assert command[1] == "serve-read-only"
    assert command[command.index("--bind") + 1] == f"127.0.0.1:{port}"
    assert command[-2:] == ["--timeout-s", "3"]
    assert not Path(command[command.index("--location") + 1]).exists()  # removed once stopped
    assert result.stderr == (f"Serving {FIXTURE} at http://127.0.0.1:{port}/sparql (read-only; query page at "
                             f"http://127.0.0.1:{port}/). Ctrl-C to stop.\n")


def test_serve_cli_serves_a_store_folder_in_place(monkeypatch, tmp_path):
    load_into_store(FIXTURE, tmp_path / "store")
    seen = []
    monkeypatch.setattr(kg.serve, "run_serve", lambda command: seen.append(command) or 0)
    args = ["serve", str(tmp_path / "store"), "--allow-update", "--port", str(free_port())]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert seen[0][1:4] == ["serve", "--location", str(tmp_path / "store")]
    assert "(read-write;" in result.stderr


def test_serve_cli_reports_a_failed_server_on_one_line(monkeypatch):
    monkeypatch.setattr(kg.serve, "run_serve", lambda command: 1)
    args = ["serve", str(FIXTURE), "--port", str(free_port())]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Error: the oxigraph server stopped with status 1"


def test_serve_cli_refuses_a_folder_that_is_not_a_store(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: not an Oxigraph store (an empty folder)\n"


# --- the real server on loopback -------------------------------------------------------------------


@pytest.mark.slow
def test_serve_select_by_get_in_json(server):
    status, headers, body = request(f"{server.endpoint}?{urllib.parse.urlencode({'query': COUNT_DOCS})}",
                                    headers={"Accept": JSON})
    assert status == 200
    assert headers["Content-Type"].startswith(JSON)
    assert count(body) == 3  # the union of the named graphs is the default graph


@pytest.mark.slow
def test_serve_select_by_post(server):
    form = urllib.parse.urlencode({"query": COUNT_DOCS}).encode()
    status, _h, body = request(server.endpoint, form, {"Accept": JSON,
                                                       "Content-Type": "application/x-www-form-urlencoded"})
    assert (status, count(body)) == (200, 3)
    status, _h, body = request(server.endpoint, COUNT_DOCS.encode(),
                               {"Accept": JSON, "Content-Type": "application/sparql-query"})
    assert (status, count(body)) == (200, 3)


@pytest.mark.slow
def test_serve_result_formats_by_content_negotiation(server):
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': COUNT_DOCS})}"
    for accept, expected in [("text/csv", b"n\r\n3\r\n"), ("text/tab-separated-values", None),
                             ("application/sparql-results+xml", None)]:
        status, headers, body = request(url, headers={"Accept": accept})
        assert status == 200
        assert headers["Content-Type"].startswith(accept)
        if expected:
            assert body == expected
    construct = "CONSTRUCT { ?d a ?t } WHERE { ?d a ?t } LIMIT 5"
    status, headers, body = request(f"{server.endpoint}?{urllib.parse.urlencode({'query': construct})}",
                                    headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body.decode(), format="turtle")) == 5


@pytest.mark.slow
def test_serve_refuses_updates_when_read_only(server):
    update = "INSERT DATA { <http://example.org/s> <http://example.org/p> 'x' }"
    form = urllib.parse.urlencode({"update": update}).encode()
    for data, kind in [(form, "application/x-www-form-urlencoded"),
                       (update.encode(), "application/sparql-update")]:
        status, _h, _b = request(server.endpoint, data, {"Content-Type": kind})
        assert status == 403
    ask = urllib.parse.urlencode({"query": "ASK { <http://example.org/s> ?p ?o }"})
    _s, _h, body = request(f"{server.endpoint}?{ask}", headers={"Accept": JSON})
    assert json.loads(body)["boolean"] is False


@pytest.mark.slow
def test_serve_sends_cors_headers(server):
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': COUNT_DOCS})}"
    _s, headers, _b = request(url, headers={"Accept": JSON, "Origin": "http://yasgui.example"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _b = request(server.endpoint, method="OPTIONS", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status in (200, 204)
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.slow
def test_serve_query_page_works_offline(server):
    status, headers, body = request(f"{server.url}/", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "Yasgui" in page and "/sparql" in page
    assert "http://" not in page and "https://" not in page  # every script comes from the server itself


@pytest.mark.slow
def test_serve_with_sparqlwrapper(server):
    from SPARQLWrapper import JSON as WRAPPER_JSON
    from SPARQLWrapper import POST, SPARQLWrapper

    for method in (None, POST):
        client = SPARQLWrapper(server.endpoint)
        if method:
            client.setMethod(method)
        client.setQuery(COUNT_DOCS)
        client.setReturnFormat(WRAPPER_JSON)
        assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) == 3


@pytest.mark.slow
def test_serve_allows_updates_with_allow_update(tmp_path):
    load_into_store(FIXTURE, tmp_path / "store")
    with start_server(tmp_path / "store", port=free_port(), allow_update=True) as srv:
        update = ("INSERT DATA { "
                  "GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 'x' } }")
        status, _h, _b = request(srv.endpoint, update.encode(), {"Content-Type": "application/sparql-update"})
        assert status in (200, 204)
        status, _h, body = request(f"{srv.url}/store?{urllib.parse.urlencode({'graph': 'http://example.org/g'})}",
                                   headers={"Accept": "application/n-triples"})
        assert (status, body.decode().strip()) == (200, '<http://example.org/s> <http://example.org/p> "x" .')
    assert srv.process.poll() is not None
    store = open_store(tmp_path / "store")  # the update persisted in the folder
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode("http://example.org/g")))) == 1


@pytest.mark.slow
def test_serve_stops_a_count_past_the_timeout(tmp_path):
    # A 4-way cross product of ~260 triples (4.7e9 rows) would count for minutes.
    slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with start_server(FIXTURE, port=free_port(), timeout=1) as srv:
        started = time.monotonic()
        status, _h, body = request(f"{srv.endpoint}?{urllib.parse.urlencode({'query': slow})}",
                                   headers={"Accept": JSON})
        assert time.monotonic() - started < HTTP_WAIT
    # Oxigraph has already sent 200 and the head of the results when it cancels
    assert b"cancelled" in body


@pytest.mark.slow
def test_serve_start_reports_a_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(ServeError, match="already in use"):
            start_server(FIXTURE, port=taken.getsockname()[1])


@pytest.mark.slow
def test_serve_cli_sigterm_stops_the_server_too():
    # A service manager stops `kg serve` with SIGTERM to kg alone: the oxigraph child must not outlive it.
    port = free_port()
    command = [sys.executable, "-m", "kg", "serve", str(FIXTURE), "--port", str(port)]
    kg_process = subprocess.Popen(command, start_new_session=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + HTTP_WAIT
        while request_ok(f"http://127.0.0.1:{port}/") is False:
            assert kg_process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        kg_process.send_signal(signal.SIGTERM)
        assert kg_process.wait(HTTP_WAIT) == 0
        deadline = time.monotonic() + 10
        while request_ok(f"http://127.0.0.1:{port}/"):
            assert time.monotonic() < deadline, "the oxigraph server outlived kg serve"
            time.sleep(0.1)
    finally:
        # the new session's group holds kg and its server, even one that outlived kg
        with contextlib.suppress(ProcessLookupError):
            os.killpg(kg_process.pid, signal.SIGKILL)
        kg_process.wait(HTTP_WAIT)


def request_ok(url) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def test_serve_cli_reports_a_port_in_use(monkeypatch):
    monkeypatch.setattr(kg.serve, "run_serve", lambda command: pytest.fail("the server must not start"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(FIXTURE), "--port", str(port)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == f"Error: 127.0.0.1:{port} is already in use\n"
