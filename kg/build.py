"""Build: corpus paths in, a graph file out (read → parse → extract → map → write).

One bad document is reported and skipped; the others are built. The output is written to a
temporary file and renamed, so an interrupted build never leaves a truncated graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .disputes import add_disputes
from .files import OutputError
from .files import atomic_write as _atomic_write
from .parallel import DocumentGraph, graph_documents
from .rdf import new_dataset, strategy_scheme
from .read import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    SUPPORTED_LANGUAGES,
    Skipped,
    SourceDocument,
    iter_sources,
    read_sources,
)

FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}
QUAD_FORMATS = {".nq", ".trig"}


class BuildError(Exception):
    """The build cannot run at all (bad output path, unknown format)."""


@dataclass
class BuildSummary:
    """What a build did. Into a store (:func:`kg.store.build_store`), ``documents``, ``triples``
    (quads), ``accusations`` and ``rebuttals`` count what the store holds afterwards."""

    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    triples: int = 0
    accusations: int = 0
    rebuttals: int = 0
    output: Path | None = None
    #: documents parsed in this run (the others were skipped, or unchanged in the store)
    parsed: int = 0
    #: documents of a store whose stored graph had the same content hash: not parsed again
    unchanged: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    #: documents dropped from a store because they are no longer in the corpus (``prune``)
    pruned: list[str] = field(default_factory=list)


def format_for(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise BuildError(f"unknown output format {Path(path).suffix or '(none)'}: "
                         f"use one of {', '.join(FORMATS)}")
    return fmt


def read_corpus(paths: Iterable[Path], include=(), exclude=(), max_bytes: int = DEFAULT_MAX_BYTES,
                on_skip: Callable[[Skipped], None] | None = None, languages=SUPPORTED_LANGUAGES):
    """Yield readable SourceDocuments; report each unreadable file or record through ``on_skip``."""
    for item in read_sources(list(paths), tuple(include), tuple(exclude), max_bytes, languages):
        if isinstance(item, Skipped):
            if on_skip:
                on_skip(item)
        else:
            yield item


def count_documents(paths: Iterable[Path], include=(), exclude=()) -> int:
    """How many documents :func:`read_corpus` will yield at most, without reading them (a ``.jsonl``
    file counts its non-blank lines): the length of a progress bar over a streamed corpus."""
    total = 0
    for file, _root, _meta in iter_sources(list(paths), tuple(include), tuple(exclude), lambda _s: None):
        if file.suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with open(file, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


def build_dataset(docs: Iterable[SourceDocument], base: str | None = None,
                  progress: Callable[[SourceDocument], None] | None = None,
                  on_skip: Callable[[Skipped], None] | None = None, *, workers: int = 1,
                  scheduler: str | None = None) -> tuple[Dataset, BuildSummary]:
    """Extract every document into one Dataset (a named graph per document), then add the disputes
    across them (:mod:`kg.disputes`, one more named graph).

    ``docs`` may be a stream: documents are read, parsed and mapped a batch at a time (see
    :mod:`kg.parallel` for ``workers`` and ``scheduler``); only the graph is kept.
    """
    ds = new_dataset()
    summary = BuildSummary()
    for source, result in extract_graphs(docs, base, workers=workers, scheduler=scheduler, on_skip=on_skip):
        summary.parsed += 1
        if result.error is None:
            ds.parse(data=result.nquads, format="nquads")
            summary.documents += 1
            summary.accusations += result.accusations
            summary.rebuttals += result.rebuttals
        if progress:
            progress(source)
    # the disputes across documents, in a graph of their own, read from the documents' graphs
    add_disputes(ds, base)
    # after the documents: rdflib's Dataset.parse empties the default graph
    for t in strategy_scheme():
        ds.default_graph.add(t)
    summary.triples = len(ds)
    return ds, summary


def unique_documents(docs: Iterable[SourceDocument], on_skip: Callable[[Skipped], None] | None = None):
    """The documents of ``docs`` whose identifier has not been seen before; a repeat is reported."""
    seen: set[str] = set()
    for source in docs:
        if source.id in seen:
            if on_skip:
                on_skip(Skipped(source.path, f"duplicate document identifier {source.id}"))
            continue
        seen.add(source.id)
        yield source


def extract_graphs(docs: Iterable[SourceDocument], base: str | None = None, *, workers: int = 1,
                   scheduler: str | None = None, on_skip: Callable[[Skipped], None] | None = None,
                   ) -> Iterator[tuple[SourceDocument, DocumentGraph]]:
    """Yield ``(document, its DocumentGraph)`` for each document of ``docs``, in order.

    A second document with an identifier already seen is reported through ``on_skip`` and dropped;
    so is a document whose extraction failed (its DocumentGraph, with ``error`` set, is still
    yielded, so that the caller can count it).
    """
    # the documents sent to the workers and not back yet: a few batches (see kg.parallel)
    waiting: deque[SourceDocument] = deque()

    def unique():
        for source in unique_documents(docs, on_skip):
            waiting.append(source)
            yield source

    for result in graph_documents(unique(), base, workers=workers, scheduler=scheduler):
        source = waiting.popleft()
        if result.error is not None and on_skip:
            on_skip(Skipped(source.path, result.error))
        yield source, result


def serialize(ds: Dataset, path: Path) -> None:
    """Write ``ds`` to ``path`` atomically, in the format its extension names.

    N-Triples and N-Quads lines are sorted so that the same graph gives the same bytes.
    """
    path = Path(path)
    fmt = format_for(path)
    if fmt == "trig":
        data = _sorted_trig(ds)
    elif path.suffix.lower() in QUAD_FORMATS:
        data = ds.serialize(format=fmt)
    else:
        merged = Graph()
        for prefix, ns in ds.namespaces():
            merged.bind(prefix, ns)
        for s, p, o, _g in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        data = merged.serialize(format=fmt)
    if fmt in ("nt", "nquads"):
        data = "".join(sorted(set(data.splitlines(keepends=True))))
    elif fmt == "json-ld":
        data = _sorted_jsonld(data)
    atomic_write(path, data)


def _sorted_trig(ds: Dataset) -> str:
    """TriG with the named graphs in IRI order: rdflib lists them in set order, which changes
    with Python's hash seed, so two builds would differ."""
    from io import BytesIO

    from rdflib.plugins.serializers.trig import TrigSerializer

    serializer = TrigSerializer(ds)
    serializer.contexts.sort(key=lambda g: (g.identifier != ds.default_graph.identifier, str(g.identifier)))
    out = BytesIO()
    serializer.serialize(out, encoding="utf-8")
    return out.getvalue().decode("utf-8")


def _sorted_jsonld(data: str) -> str:
    """JSON-LD with its arrays in a fixed order, for the same reason."""
    import json

    doc = json.loads(data)

    def order(value, key=None):
        if isinstance(value, list):
            items = [order(v) for v in value]
            # JSON-LD arrays are unordered sets, except an RDF collection's @list
            return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        if isinstance(value, dict):
            return {k: order(v, k) for k, v in value.items()}
        return value

    return json.dumps(order(doc), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def atomic_write(path: Path, data: str) -> None:
    """Replace ``path`` with ``data`` atomically (``kg.files.atomic_write``); a missing folder is a
    ``BuildError``."""
    try:
        _atomic_write(path, data)
    except OutputError as exc:
        raise BuildError(str(exc)) from exc
