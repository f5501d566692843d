"""Build: corpus paths in, a graph file out (read → parse → extract → map → write).

One bad document is reported and skipped; the others are built. The output is written to a
temporary file and renamed, so an interrupted build never leaves a truncated graph.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .extract import extract
from .parse import load_nlp
from .rdf import Minter, add_document, new_dataset, strategy_scheme
from .read import DEFAULT_MAX_BYTES, SUPPORTED_LANGUAGES, SourceDocument, Skipped, read_sources

FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}
QUAD_FORMATS = {".nq", ".trig"}


class BuildError(Exception):
    """The build cannot run at all (bad output path, unknown format)."""


@dataclass
class BuildSummary:
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    triples: int = 0
    accusations: int = 0
    rebuttals: int = 0
    output: Path | None = None


def format_for(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise BuildError(f"unknown output format {Path(path).suffix or '(none)'}: use one of {', '.join(FORMATS)}")
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


def build_dataset(docs: Iterable[SourceDocument], base: str | None = None,
                  progress: Callable[[SourceDocument], None] | None = None,
                  on_skip: Callable[[Skipped], None] | None = None) -> tuple[Dataset, BuildSummary]:
    """Extract every document into one Dataset (a named graph per document)."""
    mint = Minter(base) if base else Minter()
    ds = new_dataset()
    for t in strategy_scheme():
        ds.add(t)
    summary = BuildSummary()
    nlp = load_nlp()
    seen: set[str] = set()
    for source in docs:
        if source.id in seen:
            if on_skip:
                on_skip(Skipped(source.path, f"duplicate document identifier {source.id}"))
            continue
        seen.add(source.id)
        try:
            ex = extract(source.id, nlp(source.text), source.date)
            add_document(ds, source, ex, mint)
        except Exception as exc:  # one bad document must not sink the build
            if on_skip:
                on_skip(Skipped(source.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        summary.documents += 1
        summary.accusations += len(ex.accusations)
        summary.rebuttals += len(ex.rebuttals)
        if progress:
            progress(source)
    summary.triples = len(ds)
    return ds, summary


def serialize(ds: Dataset, path: Path) -> None:
    """Write ``ds`` to ``path`` atomically, in the format its extension names.

    N-Triples and N-Quads lines are sorted so that the same graph gives the same bytes.
    """
    path = Path(path)
    fmt = format_for(path)
    if path.suffix.lower() in QUAD_FORMATS:
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
    atomic_write(path, data)


def atomic_write(path: Path, data: str) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BuildError(f"output folder does not exist: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
