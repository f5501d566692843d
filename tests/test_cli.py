"""kg.cli: every command through click's CliRunner, on the seed corpus built once per session.

Only ``test_cli_build_trig_end_to_end`` and the skipped-files tests run a real extraction through
the command; the other build tests hand the command the session's dataset (``cached_build``), as
what they check (formats, summary line, errors) lies after extraction.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import CORPUS, EVAL
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg.build as build_module
from kg.cli import cli
from kg.namespaces import DEFAULT_BASE
from kg.query import list_queries

SEED_IDS = sorted(p.name for p in CORPUS.glob("*.txt"))
GOLD = EVAL / "seeds.gold.json"
SCORE_PY = EVAL / "score.py"
RDFLIB_FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}
SUMMARY = re.compile(r"(?P<out>.+): (?P<docs>\d+) documents, (?P<triples>\d+) triples, "
                     r"(?P<acc>\d+) accusations, (?P<reb>\d+) rebuttals(?:; (?P<skipped>\d+) skipped)?")


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def assert_one_line_error(result) -> None:
    """A failed command says why on one line of stderr, with no traceback."""
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")


def distinct_triples(path: Path) -> set:
    ds = Dataset()
    ds.parse(path, format=RDFLIB_FORMATS[path.suffix])
    return {(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))}


def named_graphs(path: Path) -> set[str]:
    ds = Dataset()
    ds.parse(path, format=RDFLIB_FORMATS[path.suffix])
    return {str(g.identifier) for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}


def count(graph: Path, sparql: str) -> int:
    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.from_extension(graph.suffix[1:]))
    (row,) = store.query("PREFIX akg: <https://w3id.org/akg/ontology#>\n" + sparql,
                         use_default_graph_as_union=True)
    return int(row[0].value)


@pytest.fixture
def cached_build(monkeypatch, seed_dataset):
    """Make ``kg build`` reuse the session's seed dataset instead of extracting again."""
    ds, summary = seed_dataset

    def build_dataset(docs, base=None, progress=None, on_skip=None):
        for doc in docs:
            if progress:
                progress(doc)
        return ds, summary

    monkeypatch.setattr(build_module, "build_dataset", build_dataset)
    return summary


# --- help ------------------------------------------------------------------------------------------


def test_cli_group_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for name in cli.commands:
        assert re.search(rf"^  {re.escape(name)}\s", result.output, re.M), name


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_help_has_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"kg {command}" in result.output


# click rewraps a paragraph unless a line holding only "\b" precedes it.
@pytest.mark.parametrize("command", sorted(cli.commands))
def test_cli_help_example_lines_kept(command):
    doc = cli.commands[command].help or ""
    example = doc.split("Example:", 1)[-1]
    wanted = [line.strip() for line in example.splitlines() if line.strip() not in ("", "\b")]
    shown = {line.strip() for line in run(command, "--help").output.splitlines()}
    assert wanted and not [line for line in wanted if line not in shown]


# --- build -----------------------------------------------------------------------------------------


def test_cli_build_trig_end_to_end(tmp_path):
    out = tmp_path / "corpus.trig"
    result = run("build", "-q", CORPUS, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    m = SUMMARY.fullmatch(result.stdout.rstrip("\n"))
    assert m and m["out"] == str(out) and m["docs"] == "5" and m["skipped"] is None, result.stdout
    assert int(m["acc"]) > 0 and int(m["reb"]) > 0
    assert len(distinct_triples(out)) == int(m["triples"])
    assert named_graphs(out) == {f"{DEFAULT_BASE}graph/{name}" for name in SEED_IDS} | {f"{DEFAULT_BASE}disputes"}
    assert not [p for p in tmp_path.iterdir() if p != out], "temporary files left behind"


@pytest.mark.parametrize("suffix", sorted(RDFLIB_FORMATS))
def test_cli_build_writes_each_format(tmp_path, cached_build, suffix):
    out = tmp_path / f"corpus{suffix}"
    result = run("build", "-q", CORPUS, "-o", out)
    assert result.exit_code == 0, result.output
    s = cached_build
    assert result.stdout == (f"{out}: 5 documents, {s.triples} triples, {s.accusations} accusations, "
                             f"{s.rebuttals} rebuttals\n")
    assert len(distinct_triples(out)) == s.triples
    if suffix in (".trig", ".nq"):
        assert named_graphs(out) == ({f"{DEFAULT_BASE}graph/{name}" for name in SEED_IDS}
                                     | {f"{DEFAULT_BASE}disputes"})
    else:
        assert len(Graph().parse(out, format=RDFLIB_FORMATS[suffix])) == s.triples


def test_cli_build_progress_stays_off_stdout(tmp_path, cached_build):
    """Without -q the progress goes to stderr: stdout is the summary line alone, fit for a pipe."""
    out = tmp_path / "corpus.nq"
    result = run("build", CORPUS, "-o", out)
    assert result.exit_code == 0
    assert SUMMARY.fullmatch(result.stdout.rstrip("\n"))
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("name", ["graph.xyz", "graph", "graph.TRIGX"])
def test_cli_build_bad_output_extension(tmp_path, name):
    out = tmp_path / name
    result = run("build", CORPUS, "-o", out)
    assert_one_line_error(result)
    assert "unknown output format" in result.stderr
    assert not out.exists()


def test_cli_build_missing_output_folder(tmp_path, cached_build):
    result = run("build", "-q", CORPUS, "-o", tmp_path / "nowhere" / "graph.trig")
    assert_one_line_error(result)
    assert "does not exist" in result.stderr


def test_cli_build_nonexistent_input_is_usage_error(tmp_path):
    result = run("build", tmp_path / "no-such-corpus", "-o", tmp_path / "g.trig")
    assert result.exit_code == 2
    assert "Usage:" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def mixed_corpus(tmp_path):
    """One good seed document, an empty file and a binary file named .txt."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = SEED_IDS[1]
    shutil.copy(CORPUS / good, folder / good)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def test_cli_build_skips_unreadable_documents(tmp_path, mixed_corpus):
    out = tmp_path / "mixed.trig"
    result = run("build", "-q", mixed_corpus, "-o", out)
    assert result.exit_code == 0, result.output
    skipped = result.stderr.splitlines()
    assert len(skipped) == 2, result.stderr
    for name in ("binary.txt", "empty.txt"):
        (line,) = [x for x in skipped if name in x]
        assert line.startswith(f"skipped {mixed_corpus / name}: ")
    m = SUMMARY.fullmatch(result.stdout.rstrip("\n"))
    assert m and m["docs"] == "1" and m["skipped"] == "2", result.stdout
    # one document, one dispute (the disputes graph is computed across the documents built)
    assert named_graphs(out) == {f"{DEFAULT_BASE}graph/{SEED_IDS[1]}", f"{DEFAULT_BASE}disputes"}


def test_cli_build_strict_fails_on_skipped(tmp_path, mixed_corpus):
    result = run("build", "-q", "--strict", mixed_corpus, "-o", tmp_path / "mixed.trig")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 2
    assert "Traceback" not in result.output


# --- query -----------------------------------------------------------------------------------------


def test_cli_query_list_names_every_query():
    result = run("query", "--list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == [q.name for q in list_queries()]
    shipped = {p.stem for p in (Path(build_module.__file__).parent / "queries").glob("*.rq")}
    assert set(names) == shipped
    assert re.search(r"^actor\s.*\[params: actor\]$", result.stdout, re.M)


def test_cli_query_named_with_param(seed_graph):
    result = run("query", seed_graph, "--name", "actor", "--param", "actor=Chine", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("actor,")
    assert len(lines) > 1
    assert all(line.startswith("Chine,") for line in lines[1:])


def test_cli_query_param_is_not_injected(seed_graph):
    before = seed_graph.read_bytes()
    result = run("query", seed_graph, "--name", "actor", "--param", 'actor=Chine" } ; DROP ALL ; {')
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").endswith("(0 rows)")
    assert seed_graph.read_bytes() == before
    # the graph is still whole, and a plain value still matches
    assert run("query", seed_graph, "--name", "actor", "--param", "actor=CN",
               "--format", "csv").stdout.count("\n") > 1


def test_cli_query_raw_sparql(seed_graph):
    result = run("query", seed_graph, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a akg:Document }",
                 "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["n", "5"]


def test_cli_query_limit_and_offset(seed_graph):
    whole = run("query", seed_graph, "--name", "accusations", "--format", "csv").stdout.splitlines()
    result = run("query", seed_graph, "--name", "accusations", "--format", "csv", "--limit", "3", "--offset", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [whole[0], *whole[3:6]]
    raw = run("query", seed_graph, "SELECT ?d WHERE { ?d a akg:Document } ORDER BY ?d", "--limit", "2",
              "--format", "csv")
    assert raw.stdout.splitlines()[1:] == run("query", seed_graph, "SELECT ?d WHERE { ?d a akg:Document } ORDER BY ?d",
                                              "--format", "csv").stdout.splitlines()[1:3]
    for bad in ("-1", "x"):
        result = run("query", seed_graph, "--name", "accusations", "--limit", bad)
        assert result.exit_code == 2
        assert "Traceback" not in result.output


def test_cli_query_syntax_error(seed_graph):
    result = run("query", seed_graph, "SELECT * WHERE { ?s ?p }")
    assert_one_line_error(result)


def test_cli_query_needs_graph():
    result = run("query", "--name", "accusations")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- eval, stats, validate, viz -----------------------------------------------------------------------


def test_cli_eval_matches_reference_scorer(seed_graph):
    reference = subprocess.run([sys.executable, str(SCORE_PY), str(seed_graph), str(GOLD)],
                               capture_output=True, text=True, check=True).stdout
    result = run("eval", seed_graph, "--gold", GOLD)
    assert result.exit_code == 0
    assert result.stdout == reference
    assert result.stdout.splitlines()[-1].startswith("MACRO_F1=")


def test_cli_stats(seed_graph):
    result = run("stats", seed_graph)
    assert result.exit_code == 0
    out = result.stdout
    assert re.search(r"^documents\s+5$", out, re.M)
    for label in ("triples", "actors", "accusations", "rebuttals", "incidents", "strategies used",
                  "responses", "statistics", "top accused", "top accusers"):
        assert re.search(rf"^{label}\s+\S", out, re.M), label
    accusations = count(seed_graph, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a akg:Accusation }")
    assert re.search(rf"^accusations\s+{accusations}\b", out, re.M)


def test_cli_validate_seed_graph_conforms(seed_graph):
    result = run("validate", seed_graph, "--corpus", CORPUS)
    assert result.exit_code == 0, result.stdout
    assert re.fullmatch(rf"{re.escape(str(seed_graph))}: conforms \(\d+ triples\)\n", result.stdout)


@pytest.mark.parametrize("args", [[], ["--view", "claims"], ["--view", "document", "--doc", SEED_IDS[4]]],
                         ids=["actors", "claims", "document"])
def test_cli_viz_writes_offline_html(seed_graph, tmp_path, args):
    out = tmp_path / "view.html"
    result = run("viz", seed_graph, "-o", out, *args)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"{re.escape(str(out))}: [1-9]\d* nodes, \d+ edges.*\n", result.stdout)
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    # nothing is fetched: no remote src/href/import, and the CSP forbids network access
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert "default-src 'none'" in page


def test_cli_viz_unknown_document(seed_graph, tmp_path):
    result = run("viz", seed_graph, "--view", "document", "--doc", "nope.txt", "-o", tmp_path / "v.html")
    assert_one_line_error(result)


# --- one loader: every command that reads a graph says the same thing about bad input ---------------

# each command that reads a graph, with what it needs besides the graph (no server is reached: the
# graph is opened before anything else)
READERS = {
    "query": ["--name", "documents"],
    "stats": [],
    "validate": [],
    "analyze": [],
    "eval": ["--gold", GOLD],
    "viz": ["-o", "{tmp}/view.html"],
    "export": ["-o", "{tmp}/out.nq"],
    "push": ["--endpoint", "http://127.0.0.1:9/sparql", "-q"],
    "serve": ["--port", "1"],
}


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Bad graph inputs and the exact message each gives (after ``Error: ``)."""
    (tmp / "graph.xyz").write_text("", encoding="utf-8")
    (tmp / "broken.ttl").write_text("@prefix : <http://ex/> .\n:a :b\n", encoding="utf-8")
    (tmp / "empty").mkdir()
    (tmp / "folder").mkdir()
    (tmp / "folder" / "notes.txt").write_text("x", encoding="utf-8")
    return {
        "missing": (tmp / "absent.trig", f"{tmp / 'absent.trig'}: no such file or store folder"),
        "extension": (tmp / "graph.xyz",
                      f"{tmp / 'graph.xyz'}: unknown RDF extension .xyz (use .ttl .nt .nq .trig .jsonld)"),
        "turtle": (tmp / "broken.ttl", f"{tmp / 'broken.ttl'}: cannot parse: "),
        "empty store": (tmp / "empty", f"{tmp / 'empty'}: not an Oxigraph store (an empty folder)"),
        "not a store": (tmp / "folder", f"{tmp / 'folder'}: not an Oxigraph store"),
    }


@pytest.mark.parametrize("kind", ["missing", "extension", "turtle", "empty store", "not a store"])
@pytest.mark.parametrize("command", sorted(READERS))
def test_cli_bad_graph_input_is_one_line(tmp_path, command, kind):
    path, message = bad_inputs(tmp_path)[kind]
    extra = [str(a).format(tmp=tmp_path) for a in READERS[command]]
    result = run(command, path, *extra)
    assert result.exit_code == 1
    assert_one_line_error(result)
    if kind == "turtle":
        assert result.stderr.startswith(f"Error: {message}")
    else:
        assert result.stderr == f"Error: {message}\n"


def test_cli_every_graph_command_is_checked_for_bad_input():
    takes_graph = {name for name, command in cli.commands.items()
                   if command.params and isinstance(command.params[0], click.Argument)
                   and command.params[0].name in ("graph", "source")}
    assert takes_graph == set(READERS)
