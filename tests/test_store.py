"""kg.store: load into an on-disk Oxigraph store, close and reopen it, export it, update it per document."""

import gc
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from conftest import CORPUS
from rdflib import RDF, RDFS, Literal, URIRef

from kg.build import read_corpus
from kg.cli import cli
from kg.disputes import disputes_graph_name
from kg.namespaces import AKG
from kg.query import run_query
from kg.store import (
    StoreError,
    build_store,
    document_hashes,
    export_store,
    is_store,
    load_into_store,
    open_store,
    prune_store,
    update_store,
)

FIXTURE = Path(__file__).parent / "data" / "eval_fixture.trig"
EX = "http://example.org/"


def fixture_quads() -> set[tuple]:
    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


def canonical(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def docs_dataset(docs: dict[str, tuple[str, str]]) -> rdflib.Dataset:
    """A dataset in the shape of a build: one named graph per document, with its content hash."""
    ds = rdflib.Dataset()
    ds.add((AKG.Denial, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))
    for doc_id, (content_hash, label) in docs.items():
        g = ds.graph(URIRef(f"{EX}graph/{doc_id}"))
        doc = URIRef(f"{EX}doc/{doc_id}")
        g.add((doc, RDF.type, AKG.Document))
        g.add((doc, URIRef("http://purl.org/dc/terms/identifier"), Literal(doc_id)))
        g.add((doc, AKG.contentHash, Literal(content_hash)))
        g.add((doc, RDFS.label, Literal(label)))
    return ds


@pytest.fixture
def store_dir(tmp_path):
    folder = tmp_path / "store"
    load_into_store(FIXTURE, folder)
    return folder


def test_store_load_close_reopen_roundtrip(tmp_path):
    folder = tmp_path / "store"
    assert load_into_store(FIXTURE, folder) == len(fixture_quads())
    assert is_store(folder)
    store = open_store(folder)
    before = canonical(store)
    del store
    gc.collect()
    store = open_store(folder, read_only=False)
    assert canonical(store) == before
    store.add(ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal("added")))
    store.flush()
    del store
    gc.collect()
    reopened = open_store(folder)
    assert canonical(reopened) == before | {f'<{EX}s> <{EX}p> "added"'}


def test_store_load_rdflib_dataset_keeps_named_graphs(tmp_path):
    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    load_into_store(ds, tmp_path / "store")
    store = open_store(tmp_path / "store")
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {"https://w3id.org/akg/id/graph/fx-01", "https://w3id.org/akg/id/graph/fx-02",
                      "https://w3id.org/akg/id/graph/fx-03"}
    assert len(store) == len(fixture_quads())


def test_store_folder_is_queried_by_kg_query(store_dir):
    result = run_query(store_dir, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a akg:Document }")
    assert int(result.rows[0][0].value) == 3


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_store_export_parses_back_with_the_same_count(store_dir, tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    written = export_store(store_dir, out)
    ds = rdflib.Dataset()
    ds.parse(out, format={".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig",
                          ".jsonld": "json-ld"}[suffix])
    quads = fixture_quads()
    if suffix in (".nq", ".trig"):
        expected = len(quads)
        assert {str(g.identifier) for g in ds.graphs()} >= {"https://w3id.org/akg/id/graph/fx-01"}
    else:
        expected = len({(s, p, o) for s, p, o, _g in quads})
    assert written == expected
    assert len(list(ds.quads((None, None, None, None)))) == expected
    assert not list(tmp_path.glob(".graph*.tmp"))


def test_store_export_is_sorted_and_deterministic(tmp_path):
    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    load_into_store(FIXTURE, tmp_path / "a")
    # the same quads loaded in another order, through rdflib
    load_into_store(ds, tmp_path / "b")
    for suffix in (".nq", ".trig", ".ttl"):
        export_store(tmp_path / "a", tmp_path / f"a{suffix}")
        export_store(tmp_path / "b", tmp_path / f"b{suffix}")
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()
    lines = (tmp_path / "a.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_store_export_from_a_graph_file(tmp_path):
    assert export_store(FIXTURE, tmp_path / "g.nq") == len(fixture_quads())


def test_store_export_refuses_unknown_format_and_keeps_old_file(store_dir, tmp_path):
    out = tmp_path / "graph.rdf"
    with pytest.raises(StoreError, match="unknown output format .rdf"):
        export_store(store_dir, out)
    assert not out.exists()


def test_store_open_errors(tmp_path):
    with pytest.raises(StoreError, match="no such store folder"):
        open_store(tmp_path / "missing")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("not a store")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        open_store(tmp_path / "notes", read_only=False)
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["a.txt"]


def test_store_load_reports_bad_input(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl"):
        load_into_store(bad, tmp_path / "store")


def test_store_update_replaces_only_changed_documents(tmp_path):
    folder = tmp_path / "store"
    first = update_store(folder, docs_dataset({"a.txt": ("h1", "A"), "b.txt": ("h1", "B")}))
    assert (first.added, first.replaced, first.unchanged) == (["a.txt", "b.txt"], [], [])
    # a mark in b's graph shows whether b is rewritten
    store = open_store(folder, read_only=False)
    mark = ox.Quad(ox.NamedNode(f"{EX}doc/b.txt"), ox.NamedNode(f"{EX}mark"), ox.Literal("kept"),
                   ox.NamedNode(f"{EX}graph/b.txt"))
    store.add(mark)
    del store
    gc.collect()

    second = update_store(folder, docs_dataset({"a.txt": ("h2", "A2"), "b.txt": ("h1", "B")}))
    assert (second.added, second.replaced, second.unchanged) == ([], ["a.txt"], ["b.txt"])
    store = open_store(folder)
    assert document_hashes(store) == {"a.txt": "h2", "b.txt": "h1"}
    labels = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)}
    assert labels == {"A2", "B"}
    assert mark in store


def test_store_prune_drops_documents_that_are_gone(tmp_path):
    folder = tmp_path / "store"
    update_store(folder, docs_dataset({"a.txt": ("h1", "A"), "b.txt": ("h1", "B")}))
    assert prune_store(folder, ["a.txt"]) == ["b.txt"]
    store = open_store(folder)
    assert document_hashes(store) == {"a.txt": "h1"}
    assert {g.value for g in store.named_graphs()} == {f"{EX}graph/a.txt"}
    assert ox.Quad(ox.NamedNode(str(AKG.Denial)), ox.NamedNode(str(RDF.type)),
                   ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")) in store


def test_store_cli_export(store_dir, tmp_path):
    out = tmp_path / "graph.nq"
    result = CliRunner().invoke(cli, ["export", str(store_dir), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == f"{out}: {len(fixture_quads())} statements\n"


def test_store_cli_export_error_is_one_line(store_dir, tmp_path):
    out = tmp_path / "no" / "g.nq"
    result = CliRunner().invoke(cli, ["export", str(store_dir), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: output folder does not exist: {out.parent}\n"


# --- kg build --store: incremental builds by content hash --------------------------------------------


SEED_ID = "001_7c810f947427aed1.txt"


def corpus_copy(folder: Path) -> Path:
    shutil.copytree(CORPUS, folder)
    return folder


def reopened(folder: Path) -> ox.Store:
    """The store in ``folder``, after every handle on it is released (pyoxigraph has no close())."""
    gc.collect()
    return open_store(folder)


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    """The seed corpus (a copy) built once into a store; tests copy both before changing them."""
    root = tmp_path_factory.mktemp("built")
    corpus = corpus_copy(root / "corpus")
    summary = build_store(read_corpus([corpus]), root / "store")
    gc.collect()
    return root, summary


@pytest.fixture
def built(built_store, tmp_path):
    root, _summary = built_store
    shutil.copytree(root / "corpus", tmp_path / "corpus")
    shutil.copytree(root / "store", tmp_path / "store")
    return tmp_path / "corpus", tmp_path / "store"


def test_store_build_first_run_adds_every_document(built_store, seed_dataset):
    root, summary = built_store
    ids = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert (summary.parsed, summary.added, summary.replaced, summary.unchanged) == (5, ids, [], [])
    store = reopened(root / "store")
    assert sorted(document_hashes(store)) == ids
    ds, built = seed_dataset
    # the same quads as an in-memory build, scheme in the default graph included
    expected = ox.Store()
    expected.load(input=ds.serialize(format="nquads"), format=ox.RdfFormat.N_QUADS)
    assert canonical(store) == canonical(expected)
    assert (summary.documents, summary.accusations, summary.rebuttals) == (5, built.accusations,
                                                                            built.rebuttals)
    assert summary.triples == len(store)


def test_store_build_second_run_parses_nothing(built):
    corpus, folder = built
    before = canonical(reopened(folder))
    gc.collect()
    summary = build_store(read_corpus([corpus]), folder)
    assert summary.parsed == 0
    assert len(summary.unchanged) == 5 and not summary.added and not summary.replaced
    assert canonical(reopened(folder)) == before


def test_store_build_skips_by_hash_before_parsing(built, monkeypatch):
    """An unchanged document never reaches the parser (the batches sent to it are counted)."""
    import kg.parallel

    corpus, folder = built
    sent = []
    real = kg.parallel.graph_batch
    monkeypatch.setattr(kg.parallel, "graph_batch",
                        lambda batch, base=None: sent.extend(batch) or real(batch, base))
    path = corpus / SEED_ID
    path.write_text(path.read_text(encoding="utf-8") + "\nFin.\n", encoding="utf-8")
    build_store(read_corpus([corpus]), folder)
    assert [d.id for d in sent] == [SEED_ID]


def test_store_build_modified_document_replaces_only_its_graph(built):
    corpus, folder = built
    store = open_store(folder, read_only=False)
    graphs = {doc_id: graph for graph, doc_id, _h in _stored(store)}
    # a mark in another document's graph shows whether that graph is rewritten
    other = "000_c65883a72b3ecb29.txt"
    mark = ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}mark"), ox.Literal("kept"),
                   ox.NamedNode(graphs[other]))
    store.add(mark)
    old_hash = document_hashes(store)[SEED_ID]
    del store
    text = (corpus / SEED_ID).read_text(encoding="utf-8")
    (corpus / SEED_ID).write_text(text.replace("Chine", "Russie"), encoding="utf-8")

    summary = build_store(read_corpus([corpus]), folder)
    assert (summary.parsed, summary.replaced, summary.added) == (1, [SEED_ID], [])
    assert len(summary.unchanged) == 4
    store = reopened(folder)
    assert mark in store
    assert document_hashes(store)[SEED_ID] not in ("", old_hash)
    # the document graphs, and the disputes graph computed again across them
    assert {g.value for g in store.named_graphs()} == set(graphs.values()) | {disputes_graph_name()}
    # nothing of the old text is left in the document's graph
    quotes = [q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(AKG.quote)), None,
                                                              ox.NamedNode(graphs[SEED_ID]))]
    assert quotes and not [q for q in quotes if "Chine" in q]


def test_store_build_prune_drops_a_deleted_document(built):
    corpus, folder = built
    (corpus / SEED_ID).unlink()
    kept = build_store(read_corpus([corpus]), folder)
    assert (kept.parsed, kept.pruned, kept.documents) == (0, [], 5)
    assert SEED_ID in document_hashes(reopened(folder))
    gc.collect()
    pruned = build_store(read_corpus([corpus]), folder, prune=True)
    assert (pruned.parsed, pruned.pruned, pruned.documents) == (0, [SEED_ID], 4)
    store = reopened(folder)
    assert SEED_ID not in document_hashes(store)
    assert len(list(store.named_graphs())) == 4 + 1  # and the disputes graph
    assert not list(store.quads_for_pattern(None, None, ox.NamedNode(f"https://w3id.org/akg/id/doc/{SEED_ID}")))


def test_store_build_cli_twice_then_prune(built, tmp_path):
    corpus, folder = built
    run = CliRunner().invoke
    first = run(cli, ["build", "-q", str(corpus), "--store", str(folder), "-o", str(tmp_path / "g.nq")],
                catch_exceptions=False)
    assert first.exit_code == 0, first.output
    line, written = first.stdout.splitlines()
    assert line.startswith(f"{folder}: 5 documents (0 parsed, 5 unchanged), ")
    assert written == f"{tmp_path / 'g.nq'}: {len(canonical(reopened(folder)))} statements"
    gc.collect()
    (corpus / SEED_ID).unlink()
    second = run(cli, ["build", "-q", str(corpus), "--store", str(folder), "--prune"], catch_exceptions=False)
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith(f"{folder}: 4 documents (0 parsed, 4 unchanged, 1 pruned), ")


def test_store_build_cli_needs_an_output():
    result = CliRunner().invoke(cli, ["build", str(CORPUS)])
    assert result.exit_code == 2 and "give -o FILE, --store DIR or both" in result.stderr
    result = CliRunner().invoke(cli, ["build", str(CORPUS), "-o", "g.trig", "--prune"])
    assert result.exit_code == 2 and "--prune needs --store" in result.stderr


def _stored(store: ox.Store):
    from kg.store import _documents

    return _documents(store)
