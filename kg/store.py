"""Store: an akg graph (an rdflib Dataset or a graph file) or a stream of corpus documents in, an
on-disk Oxigraph store folder out; and back out of the store to a graph file.

The store keeps the build's named graphs as they are: one per document, whose ``akg:Document``
carries ``akg:contentHash``. :func:`build_store` checks that hash before parsing, so a document that
did not change is never parsed again; :func:`update_store` uses it to replace only the documents of a
dataset that changed, :func:`prune_store` drops the documents that are gone.

A ``pyoxigraph.Store`` has no ``close()``: the store folder is released when the object is dropped.
While one process holds a folder read-write (``kg serve --allow-update``, or :func:`open_store` with
``read_only=False``), others can open it read-only only. Opening a graph file or a store folder, and
the error every failure raises, are :mod:`kg.source`'s (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.namespaces import PREFIXES

from .build import FORMATS, QUAD_FORMATS, BuildError, BuildSummary, atomic_write, extract_graphs, unique_documents
from .disputes import dispute_graph, disputes_graph_name
from .query import query_text
from .rdf import Minter, strategy_scheme
from .read import Skipped, SourceDocument
from .source import Source, StoreError, first_line, is_store, load_into, open_source, open_store, read_dataset

__all__ = [
    "StoreError",
    "UpdateSummary",
    "build_store",
    "document_hashes",
    "export_store",
    "is_store",
    "load_into_store",
    "open_store",
    "prune_store",
    "refresh_disputes",
    "update_store",
]

_AKG = "https://w3id.org/akg/ontology#"
_DCTERMS = "http://purl.org/dc/terms/"
# The queries are kg/queries/internal/store/*.rq.

# RocksDB keeps what a build writes in memory until its buffers are flushed, which it may put off
# for a long time: measured, a store build grew by 175 MB per 1,000 documents without flushes, and
# stayed at 140 MB flushing every 500 (benchmarks/README.md). Flush after this much N-Quads text.
_FLUSH_EVERY = 16_000_000

@dataclass
class UpdateSummary:
    """What :func:`update_store` did, by document identifier."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_into_store(source: Source, store_dir: str | PathLike) -> int:
    """Add the quads of ``source`` (an rdflib Graph/Dataset or a graph file) to the store in
    ``store_dir``, creating it if needed; returns the number of quads the store then holds.

    A quad already in the store is kept once; use :func:`update_store` to replace documents.
    """
    store = open_store(store_dir, read_only=False)
    load_into(store, source)
    store.flush()
    return len(store)


def export_store(source: str | PathLike, output_file: str | PathLike) -> int:
    """Write the store in folder ``source`` (or a graph file) to ``output_file``, atomically.

    The extension picks the format: ``.trig`` and ``.nq`` keep the named graphs; ``.ttl``, ``.nt``
    and ``.jsonld`` merge them, as ``kg build`` does. N-Triples and N-Quads lines are sorted, Turtle
    and TriG statements too, so the same graph gives the same bytes. Returns the number of
    statements written (quads, or distinct triples for the merging formats).
    """
    output = Path(output_file)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise StoreError(f"unknown output format {suffix or '(none)'}: use one of {', '.join(FORMATS)}")
    fmt = ox.RdfFormat.from_extension(suffix.lstrip("."))
    store = open_source(source)
    if suffix in QUAD_FORMATS:
        items = sorted(store, key=lambda q: (str(q.graph_name), *map(str, q.triple)))
    else:
        items = sorted({q.triple for q in store}, key=lambda t: tuple(map(str, t)))
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD) else None
    data = ox.serialize(items, format=fmt, prefixes=prefixes).decode("utf-8")
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        data = "".join(sorted(data.splitlines(keepends=True)))
    try:
        atomic_write(output, data)
    except (BuildError, OSError) as e:
        raise StoreError(f"{output}: {first_line(e)}") from e
    return len(items)


def build_store(docs: Iterable[SourceDocument], store_dir: str | PathLike, base: str | None = None, *,
                prune: bool = False, workers: int = 1, scheduler: str | None = None,
                progress: Callable[[SourceDocument], None] | None = None,
                on_skip: Callable[[Skipped], None] | None = None) -> BuildSummary:
    """Bring the store in ``store_dir`` (created if needed) up to date with ``docs``, a stream of
    documents (see :func:`kg.build.read_corpus`).

    Each document is read, then hashed: when the store holds it with the same content hash in the
    graph this ``base`` names, it is not parsed (``unchanged``); otherwise it is parsed (on
    ``workers`` processes, or on the dask cluster at ``scheduler``) and its graph replaces the
    stored one(s) of the same identifier in one transaction (``added`` or ``replaced``). With
    ``prune``, the stored documents that are not in ``docs`` are dropped (``pruned``). A document
    whose extraction fails is reported through ``on_skip`` and its stored graph, if any, is kept.
    ``progress`` is called once per document, parsed or not.
    """
    mint = Minter(base) if base else Minter()
    store = open_store(store_dir, read_only=False)
    stored: dict[str, list[tuple[str, str]]] = {}
    for graph, doc_id, content_hash in _documents(store):
        stored.setdefault(doc_id, []).append((graph, content_hash))
    summary = BuildSummary(output=Path(store_dir))
    seen: set[str] = set()  # the corpus's documents, for --prune

    def changed():
        for source in unique_documents(docs, on_skip):
            seen.add(source.id)
            if stored.get(source.id) == [(str(mint.graph(source.id)), source.sha256)]:
                summary.unchanged.append(source.id)
                if progress:
                    progress(source)
                continue
            yield source

    scheme = strategy_scheme().serialize(format="nt", encoding="utf-8")
    store.load(input=scheme, format=ox.RdfFormat.N_TRIPLES)
    results = extract_graphs(changed(), base, workers=workers, scheduler=scheduler, on_skip=on_skip)
    unflushed = 0
    for source, result in results:
        summary.parsed += 1
        if result.error is None:
            unflushed += len(result.nquads)
            if unflushed > _FLUSH_EVERY:
                store.flush()
                unflushed = 0
            old = [graph for graph, _hash in stored.get(source.id, [])]
            if old:
                quads = ox.parse(result.nquads, format=ox.RdfFormat.N_QUADS)
                store.update(_replace(result.graph, old, (q.triple for q in quads)))
                summary.replaced.append(source.id)
            else:  # a load is one transaction too
                store.load(input=result.nquads, format=ox.RdfFormat.N_QUADS)
                summary.added.append(source.id)
        if progress:
            progress(source)
    if prune:
        gone = sorted(set(stored) - seen)
        for doc_id in gone:
            store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g, _hash in stored[doc_id]))
        summary.pruned = gone
    refresh_disputes(store, base)
    store.flush()
    (row,) = store.query(query_text("internal/store/counts.rq"))
    summary.documents, summary.accusations, summary.rebuttals = (int(term.value) for term in row)
    summary.triples = len(store)
    return summary


def document_hashes(store: ox.Store) -> dict[str, str]:
    """``{document identifier: content hash}`` of the documents in ``store`` ("" when it has none),
    so that a build can skip the documents that did not change before parsing them."""
    return {doc_id: content_hash for _graph, doc_id, content_hash in _documents(store)}


def _documents(store: ox.Store) -> list[tuple[str, str, str]]:
    """(graph IRI, document identifier, content hash or "") of each stored document."""
    return [(row["g"].value, row["id"].value, row["hash"].value if row["hash"] else "")
            for row in store.query(query_text("internal/store/documents.rq"))]


def update_store(store_dir: str | PathLike, dataset: Source) -> UpdateSummary:
    """Bring the store up to date with ``dataset``, one document at a time.

    Each document graph of ``dataset`` whose ``akg:contentHash`` differs from the stored one (or is not
    stored yet) replaces the stored graph(s) of that document, in one transaction per document; the
    others are left untouched. Default-graph statements (the strategy scheme) are added.
    Named graphs without an ``akg:Document`` are replaced whole.
    """
    dataset = read_dataset(dataset)
    store = open_store(store_dir, read_only=False)
    stored: dict[str, list[tuple[str, str]]] = {}
    for graph, doc_id, content_hash in _documents(store):
        stored.setdefault(doc_id, []).append((graph, content_hash))
    summary = UpdateSummary()
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            store.load(input=graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
            continue
        name = str(graph.identifier)
        doc = _document_of(graph)
        if doc is None:
            triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
            store.update(_replace(name, [name], triples))
            continue
        doc_id, content_hash = doc
        old = stored.get(doc_id, [])
        if old == [(name, content_hash)] and content_hash:
            summary.unchanged.append(doc_id)
            continue
        triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        store.update(_replace(name, [g for g, _h in old] + [name], triples))
        (summary.replaced if old else summary.added).append(doc_id)
    if summary.added or summary.replaced:
        refresh_disputes(store, _stored_base(store))
    store.flush()
    return summary


def prune_store(store_dir: str | PathLike, keep: Iterable[str]) -> list[str]:
    """Drop the named graph(s) of every stored document whose identifier is not in ``keep``;
    returns the identifiers dropped, sorted."""
    keep = set(keep)
    store = open_store(store_dir, read_only=False)
    gone: dict[str, list[str]] = {}
    for graph, doc_id, _hash in _documents(store):
        if doc_id not in keep:
            gone.setdefault(doc_id, []).append(graph)
    for graphs in gone.values():
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
    if gone:
        refresh_disputes(store, _stored_base(store))
    store.flush()
    return sorted(gone)


def refresh_disputes(store: ox.Store, base: str | None = None) -> int:
    """Compute the disputes graph (:mod:`kg.disputes`) of the documents ``store`` holds and put it in
    place of the stored one, in one transaction; returns its size. The document graphs are not
    touched: only the links across them are computed again, so a document added, replaced or pruned
    leaves the threads right."""
    name = disputes_graph_name(base)
    quads = dispute_graph(store, base)
    store.update(_replace(name, [name], (q.triple for q in quads)) if quads else f"DROP SILENT GRAPH <{name}>")
    return len(quads)


def _stored_base(store: ox.Store) -> str | None:
    """The IRI base of the stored document graphs (``<base>graph/<identifier>``), if any."""
    graphs = sorted(graph for graph, _id, _hash in _documents(store))
    return graphs[0].rsplit("graph/", 1)[0] if graphs and "graph/" in graphs[0] else None


def _document_of(graph: rdflib.Graph) -> tuple[str, str] | None:
    for doc in graph.subjects(rdflib.RDF.type, rdflib.URIRef(_AKG + "Document")):
        doc_id = graph.value(doc, rdflib.URIRef(_DCTERMS + "identifier"))
        if doc_id is not None:
            content_hash = graph.value(doc, rdflib.URIRef(_AKG + "contentHash"))
            return str(doc_id), "" if content_hash is None else str(content_hash)
    return None


def _replace(name: str, drop: list[str], triples: Iterable[ox.Triple]) -> str:
    """One SPARQL update (so one transaction): drop the old graphs, insert the new one."""
    body = "\n".join(f"{t} ." for t in triples)
    drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in dict.fromkeys([*drop, name]))
    return f"{drops}INSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}"
