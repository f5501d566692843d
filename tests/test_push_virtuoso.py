"""kg.push against a second real server: Debian's Virtuoso (``virtuoso-t``, package
virtuoso-opensource-7-bin), started by the test on free loopback ports with a database of its own in a
temporary folder, and stopped at the end.

What it takes, as the README says: the Graph Store URL ``/sparql-graph-crud-auth`` with the
credentials of a user allowed to update (here ``dba``, password ``dba`` in a fresh database) in the
URL, answered with HTTP digest authentication; and ``--default-graph IRI``, since Virtuoso has no
default graph to ``POST ?default`` to. What arrived is read back through Virtuoso's own ``/sparql``
endpoint, not through akg.

The tests skip when virtuoso-t is missing, unless AKG_REQUIRE_VIRTUOSO=1 (which ``make test`` sets
after installing it): then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli

# starts a Virtuoso server: not in `make test-fast`
pytestmark = pytest.mark.slow

VIRTUOSO = os.environ.get("AKG_VIRTUOSO") or shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
SCHEME = "urn:x-akg:scheme"
# A fresh database's administrator; the test server listens on loopback only and lives for the module.
USER, PASSWORD = "dba", "dba"
INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{isql}
DirsAllowed = {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}

[SPARQL]
ResultSetMaxRows = 100000
"""


@dataclass
class Virtuoso:
    url: str

    @property
    def endpoint(self) -> str:
        return f"{self.url}/sparql"

    def graph_store(self, password: str = PASSWORD) -> str:
        return f"http://{USER}:{password}@{self.url.removeprefix('http://')}/sparql-graph-crud-auth"

    def query(self, sparql: str, accept: str) -> bytes:
        request = urllib.request.Request(f"{self.endpoint}?{urllib.parse.urlencode({'query': sparql})}",
                                         headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.read()

    def counts(self) -> dict[str, int]:
        """Triples per graph, akg's and the scheme's (Virtuoso's own system graphs left out)."""
        rows = json.loads(self.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER (STRSTARTS(STR(?g), "https://w3id.org/akg/") || ?g = <{SCHEME}>) }} GROUP BY ?g',
            "application/sparql-results+json"))["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def triples(self, graph: str) -> set[ox.Triple]:
        data = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                          "application/n-triples")
        return stored(input=data, format=ox.RdfFormat.N_TRIPLES)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A throwaway Virtuoso server: free ports, its own database and virtuoso.ini, stopped at the end."""
    if not (shutil.which(VIRTUOSO) or Path(VIRTUOSO).is_file()):
        reason = f"no virtuoso-t at {VIRTUOSO} (apt-get install virtuoso-opensource-7-bin, or make virtuoso)"
        if os.environ.get("AKG_REQUIRE_VIRTUOSO") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, isql_port = free_port(), free_port()
    while isql_port == http_port:
        isql_port = free_port()
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, isql=isql_port, http=http_port))
    url = f"http://127.0.0.1:{http_port}"
    with open(folder / "stdout.log", "wb") as log:
        process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60  # a fresh database is made in about 4 s
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Virtuoso did not answer on {url}:\n"
                            + (folder / "stdout.log").read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        yield Virtuoso(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stored(**load) -> set[ox.Triple]:
    """Triples with their literals in canonical form: Virtuoso gives back the file's ``5310000.0``
    (an ``xsd:decimal``) as ``"5310000"``, as an Oxigraph store holds it."""
    store = ox.Store()
    store.load(**load)
    return {q.triple for q in store}


def local(seed_graph: Path) -> dict[str, set[ox.Triple]]:
    """The source's triples per graph, its default graph under the name it is pushed to."""
    store = ox.Store()
    store.load(path=str(seed_graph))
    graphs: dict[str, set[ox.Triple]] = {}
    for q in store:
        name = SCHEME if q.graph_name == ox.DefaultGraph() else q.graph_name.value
        graphs.setdefault(name, set()).add(q.triple)
    return graphs


def test_push_virtuoso_twice_holds_the_source(virtuoso, seed_graph):
    expected = local(seed_graph)
    documents = [g for g in expected if g != SCHEME]
    assert len(documents) == 5 + 1  # the documents and the disputes graph
    args = ["push", "-q", str(seed_graph), "--endpoint", virtuoso.endpoint,
            "--graph-store", virtuoso.graph_store(), "--default-graph", SCHEME]
    quads = sum(map(len, expected.values()))
    for _ in range(2):  # pushing again replaces each graph: the same counts, the same triples
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{virtuoso.url}/sparql-graph-crud-auth: 6 graphs, {quads} quads sent\n"
        assert virtuoso.counts() == {g: len(t) for g, t in expected.items()}
        for graph, triples in expected.items():
            assert virtuoso.triples(graph) == triples, graph


def test_push_virtuoso_needs_a_default_graph_name(virtuoso, seed_graph):
    """Without --default-graph the first request, POST ?default, is refused, and the error says why."""
    result = CliRunner().invoke(cli, ["push", "-q", str(seed_graph), "--endpoint", virtuoso.endpoint,
                                      "--graph-store", virtuoso.graph_store()])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: POST {virtuoso.url}/sparql-graph-crud-auth?default: HTTP 500")
    assert "not configured to have default graph" in result.stderr
    assert result.stderr.count("\n") == 1


def test_push_virtuoso_wrong_password(virtuoso, seed_graph):
    result = CliRunner().invoke(cli, ["push", "-q", str(seed_graph), "--endpoint", virtuoso.endpoint,
                                      "--graph-store", virtuoso.graph_store("wrong"), "--default-graph", SCHEME])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: PUT {virtuoso.url}/sparql-graph-crud-auth?graph=urn%3Ax-akg%3Ascheme: "
                             "HTTP 401 Unauthorized\n")
