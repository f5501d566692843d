"""kg.build end to end: the seed corpus in, its graph asked through SPARQL (the vocabulary contract of
shared/design.md), its determinism and its atomic write."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from conftest import CORPUS, ROOT
from rdflib import Dataset, Literal, URIRef

import kg.files as files_module
from kg.build import serialize
from kg.read import read_document

PREFIXES = """PREFIX akg: <https://w3id.org/akg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
SEED_IDS = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def store(seed_graph) -> ox.Store:
    st = ox.Store()
    st.bulk_load(path=str(seed_graph), format=ox.RdfFormat.TRIG)
    return st


def select(store: ox.Store, sparql: str) -> list[tuple]:
    """Rows of plain values; the query sees the union of the document graphs."""
    result = store.query(PREFIXES + sparql, use_default_graph_as_union=True)
    return [tuple(None if t is None else t.value for t in row) for row in result]


def test_build_documents_identified_by_file_name(store):
    rows = select(store, "SELECT DISTINCT ?d ?id WHERE { ?d a akg:Document ; dcterms:identifier ?id }")
    assert sorted(ident for _d, ident in rows) == SEED_IDS
    assert len({d for d, _id in rows}) == 5


def test_build_spans_quote_the_document_text(store):
    rows = select(store, """SELECT DISTINCT ?span ?quote ?start ?end ?id WHERE {
        ?span a akg:TextSpan ; akg:quote ?quote ; akg:start ?start ; akg:end ?end ; akg:statedIn ?doc .
        ?doc dcterms:identifier ?id }""")
    spans = {span for span, *_ in rows}
    assert len(spans) == len(select(store, "SELECT DISTINCT ?s WHERE { ?s a akg:TextSpan }"))
    assert spans, "no evidence spans"
    texts = {ident: read_document(CORPUS / ident, CORPUS).text for ident in SEED_IDS}
    wrong = [(span, quote) for span, quote, start, end, ident in rows
             if texts[ident][int(start):int(end)] != quote]
    assert not wrong


@pytest.mark.slow
def test_build_is_deterministic(seed_dataset, tmp_path):
    """Same corpus, same bytes: here, and in another process with another string-hash seed (set
    and dict orders that leak into the output would show)."""
    ds, _summary = seed_dataset
    here, there = tmp_path / "a.nq", tmp_path / "b.nq"
    serialize(ds, here)
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    script = ("import sys; from pathlib import Path; "
              "from kg.build import build_dataset, read_corpus, serialize; "
              "serialize(build_dataset(read_corpus([Path(sys.argv[1])]))[0], Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", script, str(CORPUS), str(there)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONHASHSEED": seed})
    lines = here.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert here.read_bytes() == there.read_bytes()


def test_build_states_link_to_wikidata(store):
    rows = select(store, """SELECT DISTINCT ?s ?same WHERE { ?s a akg:State .
        OPTIONAL { ?s owl:sameAs ?same
                   FILTER(STRSTARTS(STR(?same), "http://www.wikidata.org/entity/Q")) } }""")
    assert rows
    assert not [s for s, same in rows if same is None]


def test_build_belgium_accuses_china_in_000(store):
    rows = select(store, """SELECT DISTINCT ?a WHERE {
        ?a a akg:Accusation ; akg:statedIn ?doc ;
           akg:accuser/akg:affiliatedWith*/akg:code "BE" ; akg:accused/akg:affiliatedWith*/akg:code "CN" .
        ?doc dcterms:identifier "000_c65883a72b3ecb29.txt" }""")
    assert rows


def test_build_china_rebuts_lack_of_evidence(store):
    rows = select(store, """SELECT DISTINCT ?r WHERE {
        ?r a akg:Rebuttal ; akg:strategy akg:LackOfEvidence ;
           akg:rebutter/akg:affiliatedWith*/akg:code "CN" }""")
    assert rows


def test_build_qin_gang_speaks_for_china_in_004(store):
    rows = select(store, """SELECT DISTINCT ?p WHERE {
        ?p a akg:Person ; rdfs:label "Qin Gang" ; akg:mentionedIn ?doc ; akg:affiliatedWith+ ?cn .
        ?cn a akg:State ; akg:code "CN" .
        ?doc dcterms:identifier "004_b53b0dcf9b8d3e54.txt" }""")
    assert rows


# --- atomic write ----------------------------------------------------------------------------------


class _InterruptedFile:
    """A file whose ``write`` writes half of its data, then fails."""

    def __init__(self, fh, exc):
        self._fh, self._exc, self.wrote = fh, exc, False

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._fh.close()
        return False

    def write(self, data):
        self._fh.write(data[: len(data) // 2])
        self._fh.flush()
        self.wrote = True
        raise self._exc


class _InterruptingOs:
    """``os`` as kg.files (the writer of kg.build) sees it, with an ``fdopen`` whose files fail mid-write."""

    def __init__(self, exc):
        self.exc, self.files = exc, []

    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, *args, **kwargs):
        self.files.append(_InterruptedFile(os.fdopen(*args, **kwargs), self.exc))
        return self.files[-1]


def _small_dataset() -> Dataset:
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/akg/id/graph/t.txt"))
    for i in range(200):
        g.add((URIRef(f"https://w3id.org/akg/id/x/{i}"), URIRef("https://w3id.org/akg/ontology#quote"),
               Literal(f"citation {i} « é »")))
    return ds


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "interrupt"])
@pytest.mark.parametrize("suffix", [".trig", ".nt"])
def test_build_interrupted_write_leaves_target_untouched(tmp_path, monkeypatch, exc, suffix):
    target = tmp_path / f"graph{suffix}"
    target.write_bytes(b"previous graph\n")
    fake_os = _InterruptingOs(exc)
    monkeypatch.setattr(files_module, "os", fake_os)
    with pytest.raises(type(exc)):
        serialize(_small_dataset(), target)
    assert fake_os.files and all(f.wrote for f in fake_os.files), "the write was not interrupted"
    assert target.read_bytes() == b"previous graph\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "temporary file left behind"


def test_build_interrupted_write_creates_nothing(tmp_path, monkeypatch):
    target = tmp_path / "graph.nq"
    monkeypatch.setattr(files_module, "os", _InterruptingOs(OSError(5, "Input/output error")))
    with pytest.raises(OSError):
        serialize(_small_dataset(), target)
    assert list(tmp_path.iterdir()) == []
