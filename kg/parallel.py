"""Extraction as a map over documents: ``SourceDocument`` stream in, :class:`DocumentGraph` stream out.

Each document is parsed, extracted and mapped to its named graph, which leaves as a sorted N-Quads
string: workers never send spaCy objects back. Documents stream through in fixed batches (a batch is
parsed with ``nlp.pipe``), at most a few batches per worker in flight, so memory stays bounded
whatever the corpus size; results come back in input order, so the output is the same for any
number of workers.

Three engines, one worker function (:func:`graph_batch`):

- in process (``workers=1``);
- a local process pool (``workers=N``), each process loading the spaCy model once: measured faster
  on one machine than spaCy's own ``nlp.pipe(n_process=N)``, which parses in N processes but ships
  the ``Doc`` objects back to one process for extraction and mapping (see benchmarks/README.md);
- a dask.distributed cluster (``scheduler="tcp://host:8786"``) for more than one machine; its
  workers need akg installed, and each loads the model once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from .extract import extract
from .parse import load_nlp
from .rdf import Minter, add_document, new_dataset
from .read import SourceDocument

__all__ = ["BATCH_SIZE", "DocumentGraph", "ParallelError", "graph_batch", "graph_documents"]

#: Documents per batch: one ``nlp.pipe`` call, one task sent to a worker. Fixed (never derived
#: from the number of workers), so batches, hence parses, are the same for any number of workers.
BATCH_SIZE = 8
# Batches in flight per worker: enough to keep every worker busy while results are consumed.
_WINDOW = 2


class ParallelError(Exception):
    """The workers cannot be started or reached (a bad scheduler address, a dead pool)."""


@dataclass(frozen=True)
class DocumentGraph:
    """One document's named graph, as a worker returns it.

    ``nquads`` holds the graph's quads, sorted, one per line; ``error`` says why extraction failed
    (``nquads`` is then empty).
    """

    id: str
    path: str
    sha256: str
    graph: str
    nquads: str
    accusations: int = 0
    rebuttals: int = 0
    error: str | None = None


def graph_batch(batch: list[SourceDocument], base: str | None = None) -> list[DocumentGraph]:
    """Parse, extract and map each document of ``batch``; the task every engine runs.

    The batch is parsed with one ``nlp.pipe`` call; when that fails, its documents are parsed one by
    one, so one bad document does not sink the others.
    """
    nlp = load_nlp()
    mint = Minter(base) if base else Minter()
    try:
        parsed = list(nlp.pipe([d.text for d in batch]))
    except Exception:  # find the culprit below, document by document
        parsed = [None] * len(batch)
    out = []
    for source, doc in zip(batch, parsed, strict=True):
        try:
            if doc is None:
                doc = nlp(source.text)
            ex = extract(source.id, doc, source.date)
            ds = new_dataset()
            add_document(ds, source, ex, mint)
            lines = {line for line in ds.serialize(format="nquads").splitlines(keepends=True) if line.strip()}
            out.append(DocumentGraph(source.id, str(source.path), source.sha256, str(mint.graph(source.id)),
                                     "".join(sorted(lines)), len(ex.accusations), len(ex.rebuttals)))
        except Exception as exc:  # one bad document must not sink the build
            out.append(DocumentGraph(source.id, str(source.path), source.sha256, str(mint.graph(source.id)),
                                     "", error=f"extraction failed: {type(exc).__name__}: {exc}"))
    return out


def graph_documents(docs: Iterable[SourceDocument], base: str | None = None, workers: int = 1,
                    scheduler: str | None = None, batch_size: int = BATCH_SIZE,
                    connect_timeout: float = 30) -> Iterator[DocumentGraph]:
    """Yield the :class:`DocumentGraph` of each document of ``docs``, in input order.

    ``workers`` > 1 runs a local process pool of that size; ``scheduler`` (a dask.distributed address
    such as ``tcp://host:8786``, reached within ``connect_timeout`` seconds) sends the batches to
    that cluster instead.
    """
    batches = _batches(docs, batch_size)
    if scheduler:
        yield from _on_dask(batches, base, scheduler, connect_timeout)
    elif workers > 1:
        yield from _on_pool(batches, base, workers)
    else:
        for batch in batches:
            yield from graph_batch(batch, base)


def _batches(docs: Iterable[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def _on_pool(batches: Iterator[list[SourceDocument]], base: str | None,
             workers: int) -> Iterator[DocumentGraph]:
    # forkserver: workers start from a clean process, not from a copy of this one, whose threads
    # (an open RocksDB store, a progress bar) a fork would copy in an unknown state.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["kg.parallel"])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from _windowed(batches, lambda batch: pool.submit(graph_batch, batch, base), workers,
                             lambda future: future.result())


def _on_dask(batches: Iterator[list[SourceDocument]], base: str | None, scheduler: str,
             timeout: float) -> Iterator[DocumentGraph]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise ParallelError("--scheduler needs dask.distributed: pip install distributed") from exc
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except OSError as exc:
        raise ParallelError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from exc
    with client:
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        # pure=False: two batches with equal content are still two tasks (dask would merge them)
        yield from _windowed(batches, lambda batch: client.submit(graph_batch, batch, base, pure=False),
                             workers, lambda future: future.result())


def _windowed(batches, submit, workers: int, result) -> Iterator[DocumentGraph]:
    """Keep ``_WINDOW`` batches per worker in flight; yield results in submission order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= _WINDOW * workers:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
