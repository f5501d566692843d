"""Read documents: files and folders in, ``SourceDocument`` records (text + metadata) out.

A corpus folder may hold a ``manifest.json`` (format ``akg-manifest/1``) giving each file's
title, publisher, date, source URL and language; a file ``NAME.meta.json`` beside a document
does the same for one file. Both are optional. Text is decoded (UTF-8 with or without BOM,
UTF-16, legacy encodings detected by charset-normalizer), mojibake is repaired with ftfy and
line ends are normalised: offsets in the graph refer to this text, "the text as read".
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.json"


class ReadError(Exception):
    """A document that cannot be read; the message says why in a few words."""


@dataclass
class SourceDocument:
    id: str  # path relative to the corpus folder given to the build, with "/" separators
    path: Path
    text: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    source: str | None = None
    language: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Skipped:
    path: Path
    reason: str


def decode_bytes(data: bytes) -> str:
    """Decode bytes of unknown encoding; raise ReadError for what is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data)
    if "\x00" in text:
        raise ReadError("binary content (NUL bytes)")
    return _clean(text)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("binary or undecodable content")
    return str(best)


def _clean(text: str) -> str:
    import ftfy

    # ftfy only where mojibake is likely: it is slow and must not touch clean text.
    if "Ã" in text or "â€" in text:
        text = ftfy.fix_text(text, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f")
    if text and control / len(text) > 0.01:
        raise ReadError("binary content (control characters)")
    return text


def read_document(path: Path, root: Path | None = None, meta: dict | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read one file into a SourceDocument; raise ReadError when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot stat: {exc.strerror or exc}") from exc
    if size == 0:
        raise ReadError("empty file")
    if size > max_bytes:
        raise ReadError(f"file too large ({size} bytes > {max_bytes})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    text = decode_bytes(data)
    if not text.strip():
        raise ReadError("no text")
    ident = path.name if root is None else path.relative_to(root).as_posix()
    meta = dict(meta or {})
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        meta.update(_load_json(sidecar))
    return SourceDocument(
        id=ident,
        path=path,
        text=text,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        date=meta.get("date"),
        source=meta.get("source") or meta.get("source_url"),
        language=meta.get("language"),
        extra={k: v for k, v in meta.items() if k not in {"title", "publisher", "date", "source", "language"}},
    )


def _load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(f"bad metadata file {path.name}: {exc}") from exc


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    return _load_json(path).get("documents", {})


def iter_sources(paths: list[Path], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
                 ) -> Iterator[tuple[Path, Path, dict]]:
    """Yield (file, corpus root, manifest metadata) for every document file under ``paths``.

    Folders recurse in sorted order, so builds are deterministic.
    """
    for given in paths:
        given = Path(given)
        if given.is_dir():
            manifests: dict[Path, dict] = {}
            for dirpath, dirnames, filenames in os.walk(given):
                dirnames.sort()
                folder = Path(dirpath)
                for name in sorted(filenames):
                    file = folder / name
                    rel = file.relative_to(given).as_posix()
                    if not _wanted(name, rel, include, exclude):
                        continue
                    if folder not in manifests:
                        manifests[folder] = _manifest(folder)
                    yield file, given, manifests[folder].get(name, {})
        else:
            meta = _manifest(given.parent).get(given.name, {}) if given.parent.exists() else {}
            yield given, given.parent, meta


def _wanted(name: str, rel: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if name == MANIFEST or name.endswith(".meta.json") or name.startswith("."):
        return False
    if include:
        if not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
            return False
    elif Path(name).suffix.lower() not in TEXT_SUFFIXES:
        return False
    return not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude)
