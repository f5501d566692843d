"""Read documents: files and folders in, ``SourceDocument`` records (text + metadata) out.

Each input kind has its module, and :data:`READERS` says which one reads a file, by its suffix:

- ``.txt`` / ``.md`` (:mod:`~kg.read.text`): the bytes decoded as :mod:`~kg.read.decode` does
  (BOMs, UTF-16 without BOM, charset-normalizer for legacy code pages).
- ``.html`` / ``.htm`` (:mod:`~kg.read.html`): the main text as trafilatura extracts it; the page's
  own metadata gives title, date, publisher and source URL.
- ``.pdf`` (:mod:`~kg.read.pdf`): the text layer, page by page, with pypdf. Encrypted, corrupt or
  image-only PDFs are refused.
- ``.jsonl`` (:mod:`~kg.read.jsonl`): one document per line, ``{"id": ..., "text": ..., ...metadata}``;
  the document's identifier is ``<file id>#<record id>``. Only :func:`read_documents` reads these,
  since one file gives several documents; a bad line is reported on its own and the other lines
  are read.

A folder's ``manifest.json`` and a file's ``NAME.meta.json`` give metadata that wins over what a
page or record says (:mod:`~kg.read.metadata`). Every text is cleaned the same way (mojibake
repaired, NFC, ``\\n`` line ends): offsets in the graph refer to this text, "the text as read".

Refused, each with a one-line reason (``ReadError`` or a ``Skipped`` item): missing, empty,
special or oversized files (the size is checked with ``stat`` before anything is read), binaries
(known signatures, NUL bytes, control characters), undecodable text, documents with no text,
and documents in a language the extractor does not support (see :func:`detect_language`).

Everything here is deterministic: folders are walked in sorted order and no step samples at random.

>>> sorted(DOCUMENT_SUFFIXES)
['.htm', '.html', '.jsonl', '.md', '.pdf', '.txt']
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from .decode import decode_bytes
from .document import DEFAULT_MAX_BYTES, ReadError, Skipped, SourceDocument, identifier, read_bytes
from .html import read_html
from .jsonl import read_jsonl
from .language import MIN_LANGUAGE_LETTERS, SUPPORTED_LANGUAGES, detect_language
from .metadata import MANIFEST, file_meta, make_document, manifest
from .pdf import read_pdf
from .text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES", "DOCUMENT_SUFFIXES", "JSONL_SUFFIXES", "MANIFEST", "MIN_LANGUAGE_LETTERS",
    "READERS", "ReadError", "Reader", "SUPPORTED_LANGUAGES", "Skipped", "SourceDocument",
    "decode_bytes", "detect_language", "iter_sources", "read_document", "read_documents", "read_sources",
    "reader_for",
]


class Reader(NamedTuple):
    """How one kind of input is read.

    A reader of one document is called with the file's bytes and returns its text and the
    metadata the file gives of itself (a page's title...). A reader of ``several`` documents is
    called with the bytes, the path, the file's identifier, its manifest and sidecar metadata and
    the accepted languages, and returns a ``SourceDocument`` or a ``Skipped`` per document.
    Either raises ``ReadError`` for a problem with the whole file.
    """

    kind: str
    read: Callable
    several: bool = False


# The one table of readers: suffix (lower case) -> reader.
READERS: dict[str, Reader] = {
    ".txt": Reader("text", read_text),
    ".md": Reader("text", read_text),
    ".html": Reader("html", read_html),
    ".htm": Reader("html", read_html),
    ".pdf": Reader("pdf", read_pdf),
    ".jsonl": Reader("jsonl", read_jsonl, several=True),
}
# What a folder yields when no --include glob is given.
DOCUMENT_SUFFIXES = set(READERS)
JSONL_SUFFIXES = {suffix for suffix, reader in READERS.items() if reader.kind == "jsonl"}


def reader_for(path: Path) -> Reader:
    """The reader of ``path``, by its suffix; plain text for a suffix of no known kind (a file
    named explicitly, or picked by an --include glob, is read rather than refused)."""
    return READERS.get(Path(path).suffix.lower(), READERS[".txt"])


# --- corpus level ---------------------------------------------------------------------------

def read_sources(paths: list[Path], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 languages: tuple[str, ...] | None = SUPPORTED_LANGUAGES,
                 ) -> Iterator[SourceDocument | Skipped]:
    """Yield every document under ``paths``, and a ``Skipped`` for each problem, in a stable order.

    Never raises ``ReadError``: a bad file, record, manifest or unlistable folder is a ``Skipped``.
    """
    problems: list[Skipped] = []
    for file, root, meta in iter_sources(list(paths), tuple(include), tuple(exclude), problems.append):
        yield from problems
        problems.clear()
        yield from read_documents(file, root, meta, max_bytes=max_bytes, languages=languages)
    yield from problems


def iter_sources(paths: list[Path], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                 on_error: Callable[[Skipped], None] | None = None,
                 ) -> Iterator[tuple[Path, Path, dict]]:
    """Yield (file, corpus root, manifest metadata) for every document file under ``paths``.

    Folders recurse in sorted order, so builds are deterministic. Without ``include`` globs a
    folder yields the suffixes of ``DOCUMENT_SUFFIXES``; a file named explicitly is always
    yielded. A broken manifest or an unlistable folder goes to ``on_error`` (and its files are
    read without manifest metadata); without ``on_error`` a broken manifest raises ReadError.
    """
    def folder_manifest(folder: Path) -> dict:
        try:
            return manifest(folder)
        except ReadError as exc:
            if on_error is None:
                raise
            on_error(Skipped(folder / MANIFEST, f"{exc}; its metadata is ignored"))
            return {}

    def unlistable(exc: OSError) -> None:
        if on_error is not None:
            on_error(Skipped(Path(exc.filename or "?"), f"cannot list folder: {exc.strerror or exc}"))

    for given in paths:
        given = Path(given)
        if given.is_dir():
            manifests: dict[Path, dict] = {}
            for dirpath, dirnames, filenames in os.walk(given, onerror=unlistable):
                dirnames.sort()
                folder = Path(dirpath)
                for name in sorted(filenames):
                    file = folder / name
                    rel = file.relative_to(given).as_posix()
                    if not _wanted(name, rel, include, exclude):
                        continue
                    if folder not in manifests:
                        manifests[folder] = folder_manifest(folder)
                    yield file, given, manifests[folder].get(name, {})
        else:
            meta = folder_manifest(given.parent).get(given.name, {}) if given.parent.is_dir() else {}
            yield given, given.parent, meta


def _wanted(name: str, rel: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if name == MANIFEST or name.endswith(".meta.json") or name.startswith("."):
        return False
    if include:
        if not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
            return False
    elif Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
        return False
    return not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude)


# --- file level -----------------------------------------------------------------------------

def read_documents(path: Path, root: Path | None = None, meta: dict | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES,
                   languages: tuple[str, ...] | None = SUPPORTED_LANGUAGES,
                   ) -> list[SourceDocument | Skipped]:
    """Read one file into its documents, in file order; never raises ``ReadError``.

    A ``.jsonl`` file gives one item per non-blank line: a ``SourceDocument`` (id
    ``<file id>#<record id>``) or a ``Skipped`` whose reason names the line. Any other file gives
    one item. A problem with the whole file (too large, binary, ...) is a single ``Skipped``.
    """
    path = Path(path)
    reader = reader_for(path)
    try:
        if not reader.several:
            return [read_document(path, root, meta, max_bytes=max_bytes, languages=languages)]
        data = read_bytes(path, max_bytes)
        return reader.read(data, path, identifier(path, root), file_meta(path, meta), languages)
    except ReadError as exc:
        return [Skipped(path, str(exc))]


def read_document(path: Path, root: Path | None = None, meta: dict | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES,
                  languages: tuple[str, ...] | None = SUPPORTED_LANGUAGES) -> SourceDocument:
    """Read one single-document file into a SourceDocument; raise ReadError when it cannot be read.

    ``languages`` lists the ISO 639-1 codes accepted (``None``: any). A ``.jsonl`` file holds
    several documents: it raises ReadError here; read it with :func:`read_documents`.
    """
    path = Path(path)
    reader = reader_for(path)
    if reader.several:
        raise ReadError(f"a {path.suffix.lower()} file holds several documents: read it with read_documents")
    data = read_bytes(path, max_bytes)
    meta = file_meta(path, meta)
    text, page_meta = reader.read(data)
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    # The manifest and the sidecar are the user's word: they win over what the page claims.
    return make_document(identifier(path, root), path, text, {**page_meta, **meta}, languages)
