"""kg.parallel: the same graphs on any number of workers (a process pool, a dask LocalCluster), in input
order, with a bounded number of documents in flight; and ``kg build --workers``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

import kg.parallel as parallel
from kg.build import read_corpus, serialize
from kg.cli import cli
from kg.parallel import DocumentGraph, graph_documents
from kg.read import SourceDocument


@pytest.fixture(scope="module")
def seed_docs() -> list[SourceDocument]:
    return list(read_corpus([CORPUS]))


@pytest.fixture(scope="module")
def serial_graphs(seed_docs) -> list[DocumentGraph]:
    return list(graph_documents(seed_docs))


def fake_docs(n: int, pulled: list | None = None):
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        yield SourceDocument(f"d{i:04d}.txt", Path(f"d{i:04d}.txt"), f"texte {i}")


def test_parallel_serial_graphs_are_sorted_nquads(serial_graphs, seed_docs):
    assert [g.id for g in serial_graphs] == [d.id for d in seed_docs]
    for g in serial_graphs:
        lines = g.nquads.splitlines()
        assert g.error is None and lines == sorted(set(lines))
        assert all(line.endswith(f"<{g.graph}> .") for line in lines)


@pytest.mark.slow
def test_parallel_cli_two_workers_same_nquads_as_one(seed_dataset, tmp_path):
    ds, _summary = seed_dataset
    serialize(ds, tmp_path / "one.nq")
    result = CliRunner().invoke(cli, ["build", "-q", "--workers", "2", str(CORPUS), "-o", str(tmp_path / "two.nq")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "two.nq").read_bytes() == (tmp_path / "one.nq").read_bytes()


@pytest.mark.slow
def test_parallel_dask_local_cluster_same_graphs(seed_docs, serial_graphs):
    distributed = pytest.importorskip("distributed")
    # the scheduler's HTTP server on a free loopback port: 8787 may be taken on a shared machine
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        graphs = list(graph_documents(seed_docs, scheduler=cluster.scheduler_address, batch_size=2))
    assert graphs == serial_graphs


@pytest.mark.slow
def test_parallel_unreachable_scheduler_is_an_error(seed_docs):
    with pytest.raises(parallel.ParallelError, match="cannot reach the dask scheduler"):
        list(graph_documents(seed_docs, scheduler="tcp://127.0.0.1:9", connect_timeout=1))


def test_parallel_streams_with_bounded_documents_in_flight(monkeypatch):
    """In process, one batch is read ahead of the results; documents are never all read first."""
    monkeypatch.setattr(parallel, "graph_batch", lambda batch, base=None: [
        DocumentGraph(d.id, str(d.path), d.sha256, d.id, "") for d in batch])
    pulled: list[int] = []
    results = graph_documents(fake_docs(10_000, pulled), batch_size=8)
    assert next(results).id == "d0000.txt"
    assert len(pulled) <= 9
    assert sum(1 for _ in results) == 9_999


def test_parallel_window_keeps_order_and_bounds_submissions():
    """The pool and dask engines: at most ``_WINDOW * workers`` batches submitted ahead, results in
    submission order even when later batches finish first."""
    submitted: list[int] = []

    class Done:
        def __init__(self, value):
            self.value = value

    def submit(batch):
        submitted.append(batch[0])
        return Done([f"r{batch[0]}"])

    workers = 3
    batches = ([i] for i in range(100))
    out = parallel._windowed(batches, submit, workers, lambda f: f.value)
    assert next(out) == "r0"
    assert len(submitted) == parallel._WINDOW * workers
    assert list(out) == [f"r{i}" for i in range(1, 100)]


def test_parallel_one_bad_document_does_not_sink_its_batch(monkeypatch, seed_docs):
    real = parallel.extract

    def extract(doc_id, doc, date=None):
        if doc_id == seed_docs[1].id:
            raise ValueError("boom")
        return real(doc_id, doc, date)

    monkeypatch.setattr(parallel, "extract", extract)
    graphs = list(graph_documents(seed_docs[:3]))
    assert [g.error for g in graphs] == [None, "extraction failed: ValueError: boom", None]
    assert graphs[1].nquads == "" and graphs[0].nquads and graphs[2].nquads


def test_parallel_cli_reports_a_failed_document(monkeypatch, tmp_path):
    """A document whose extraction fails is one ``skipped`` line; the build goes on."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text("La Belgique accuse la Chine de cyberattaques.", encoding="utf-8")
    real = parallel.extract

    def extract(doc_id, doc, date=None):
        if doc_id == "a.txt":
            raise ValueError("boom")
        return real(doc_id, doc, date)

    monkeypatch.setattr(parallel, "extract", extract)
    result = CliRunner().invoke(cli, ["build", "-q", str(corpus), "-o", str(tmp_path / "g.nq")],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == f"skipped {corpus / 'a.txt'}: extraction failed: ValueError: boom\n"
    assert result.stdout.startswith(f"{tmp_path / 'g.nq'}: 1 documents, ")
