"""kg.validate and ``kg validate``: graphs that break the contract are reported one violation a line,
from a graph file or an Oxigraph store folder; unreadable graphs give a one-line error.

The graphs are the goldens of tests/test_rdf.py (they conform), broken on purpose.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kg.cli import cli
from kg.namespaces import AKG
from kg.validate import (
    ValidationError,
    Violation,
    check_quotes,
    load_graph,
    unchecked_documents,
    validate_graph,
)

# a plain Namespace: rdflib's XSD warns on every unknown attribute, and pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden" / "conference.ttl"
TEXT = (DATA / "docs" / "conference.txt").read_text(encoding="utf-8")
ID = "https://w3id.org/akg/id/"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def golden() -> Graph:
    return Graph().parse(GOLDEN, format="turtle")


def _one(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[0]


def broken() -> Graph:
    """The golden with a State without code, an Accusation without accuser, a Rebuttal with a strategy
    outside the scheme and an impossible date."""
    g = golden()
    g.remove((URIRef(ID + "state/NL"), AKG.code, None))
    acc = URIRef(ID + "accusation/e1504d2fc79cd958")
    g.remove((acc, AKG.accuser, None))
    g.add((_one(g, AKG.Rebuttal), AKG.strategy, URIRef("https://w3id.org/akg/ontology#Shrug")))
    g.set((acc, AKG.date, Literal("2023-02-30", datatype=XSD.date)))
    return g


def test_validate_golden_conforms():
    report = validate_graph(golden())
    assert report.conforms and report.violations == []


def test_validate_reports_each_broken_rule():
    report = validate_graph(broken())
    assert not report.conforms
    got = {(v.focus.removeprefix(ID), v.path.rsplit("#", 1)[-1]) for v in report.violations}
    assert got == {("state/NL", "code"), ("accusation/e1504d2fc79cd958", "accuser"),
                   ("rebuttal/7c08a42f11cb066e", "strategy"), ("accusation/e1504d2fc79cd958", "date")}
    assert report.violations == sorted(report.violations, key=lambda v: (v.focus, v.path, v.message))


def test_validate_violation_is_one_readable_line():
    v = Violation(ID + "state/NL", str(AKG.code), "A State has exactly one akg:code,\n  its ISO code.")
    assert str(v) == "Violation: id:state/NL akg:code: A State has exactly one akg:code, its ISO code."


def test_validate_check_quotes():
    g = golden()
    assert check_quotes(g, {"conference.txt": TEXT}) == []
    assert check_quotes(g, {}) == []  # nothing to check against
    span = URIRef(ID + "span/890c766a6aaf/42-121")
    g.set((span, AKG.quote, Literal("Les Pays-Bas accusent la Chine")))
    other = URIRef(ID + "span/890c766a6aaf/217-264")
    g.set((other, AKG.end, Literal(10_000)))
    g.remove((URIRef(ID + "span/890c766a6aaf/265-329"), AKG.start, None))  # left to the shapes
    g.set((URIRef(ID + "span/890c766a6aaf/330-381"), AKG.end, Literal("330")))  # ill-typed: same
    found = {(v.focus, v.path.rsplit("#", 1)[-1]): v.message
             for v in check_quotes(g, {"conference.txt": TEXT})}
    assert found == {
        (str(span), "quote"): "quote differs from conference.txt[42:121]",
        (str(other), "start"): f"offsets 217-10000 outside conference.txt ({len(TEXT)} characters)"}


def test_validate_unchecked_documents():
    assert unchecked_documents(golden(), {"conference.txt": TEXT}) == []
    assert unchecked_documents(golden(), {"other.txt": ""}) == ["conference.txt"]


@pytest.fixture
def store_dir(tmp_path) -> Path:
    folder = tmp_path / "store"
    store = ox.Store(str(folder))
    store.bulk_load(path=str(GOLDEN), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "graph/x"))
    store.flush()
    del store
    gc.collect()
    return folder


def test_validate_reads_a_store_folder(store_dir):
    g = load_graph(store_dir)
    assert len(g) == len(golden())
    assert validate_graph(g).conforms


@pytest.mark.parametrize(("name", "data", "message"), [
    ("g.xyz", "", "unknown RDF extension .xyz"),
    ("g.trig", "<a> <b> .", "cannot parse"),
    ("g.ttl", "@prefix : <x> .\n:a :b", "cannot parse"),
])
def test_validate_unreadable_graph(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    with pytest.raises(ValidationError, match=message) as info:
        load_graph(path)
    assert "\n" not in str(info.value)


def test_validate_not_a_store(tmp_path):
    with pytest.raises(ValidationError, match="not an Oxigraph store"):
        load_graph(tmp_path)


# --- kg validate -------------------------------------------------------------------------------------


def test_cli_validate_prints_one_line_per_violation(tmp_path):
    path = tmp_path / "broken.ttl"
    broken().serialize(path, format="turtle")
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "4 violations"
    assert len(lines) == 5
    assert "Violation: id:state/NL akg:code: A State has exactly one akg:code, its ISO 3166-1 alpha-2 code " \
           "(two capital letters)." in lines
    assert all(line.startswith("Violation: id:") for line in lines[:-1])


def test_cli_validate_store_folder(store_dir):
    result = run("validate", store_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{store_dir}: conforms ({len(golden())} triples)\n"


def test_cli_validate_quotes_against_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = tmp_path / "graph.ttl"
    golden().serialize(path, format="turtle")
    (corpus / "conference.txt").write_text(TEXT.replace("Rotterdam", "Amsterdam"), encoding="utf-8")
    result = run("validate", path, "--corpus", corpus)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "Violation: id:span/890c766a6aaf/42-121 akg:quote: quote differs from conference.txt[42:121]",
        "1 violations"]


def test_cli_validate_warns_when_corpus_lacks_documents(tmp_path):
    path = tmp_path / "graph.ttl"
    golden().serialize(path, format="turtle")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "autre.txt").write_text("La Chine dément toute implication.", encoding="utf-8")
    result = run("validate", path, "--corpus", tmp_path / "corpus")
    assert result.exit_code == 0
    assert result.stderr == (f"warning: 1 documents not read from {tmp_path / 'corpus'}, "
                             "their quotes unchecked: conference.txt\n")


def test_cli_validate_unreadable_graph_is_one_line(tmp_path):
    path = tmp_path / "broken.nq"
    path.write_text("not n-quads at all\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"Error: {path}: cannot parse: ")


def test_validate_doctest():
    import doctest

    import kg.validate

    assert doctest.testmod(kg.validate).failed == 0
