"""Metadata: a folder's ``manifest.json`` and a file's ``NAME.meta.json`` in; the document's fields
out, merged with its text into a ``SourceDocument`` whose language is checked.

A corpus folder may hold a ``manifest.json`` (format ``akg-manifest/1``) giving each file's
title, publisher, date, source URL and language; a file ``NAME.meta.json`` beside a document
does the same for one file. Both are optional, and both win over what a page or record says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from .document import ReadError, SourceDocument, one_line
from .language import detect_language, language_code

MANIFEST = "manifest.json"

_META_KEYS = ("title", "publisher", "date", "source", "language")
_SOURCE_KEYS = ("source", "source_url", "url")
_URL_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")


def manifest(folder: Path) -> dict:
    """The manifest's entry for each file of ``folder`` (by file name); {} when there is none."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    documents = _load_json(path).get("documents", {})
    if not isinstance(documents, dict):
        raise ReadError(f"bad metadata file {MANIFEST}: \"documents\" is not an object")
    return {name: entry for name, entry in documents.items() if isinstance(entry, dict)}


def file_meta(path: Path, meta: dict | None) -> dict:
    """The manifest's metadata for ``path``, updated with its sidecar's."""
    out = dict(meta or {})
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        out.update(_load_json(sidecar))
    return out


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        raise ReadError(f"bad metadata file {path.name}: {one_line(exc)}") from exc
    if not isinstance(data, dict):
        raise ReadError(f"bad metadata file {path.name}: not a JSON object")
    return data


def make_document(ident: str, path: Path, text: str, meta: dict,
                  languages: tuple[str, ...] | None) -> SourceDocument:
    """The document of ``text``, its fields taken from ``meta``; ReadError for a refused language."""
    values = {key: _meta_value(meta.get(key)) for key in ("title", "publisher", "date")}
    extra = {k: v for k, v in meta.items() if k not in _META_KEYS and k not in _SOURCE_KEYS}
    source = next((v for v in (_meta_value(meta.get(k)) for k in _SOURCE_KEYS) if v), None)
    if source and not _is_url(source):
        # Not an IRI the graph can hold; kept, so that nothing the user gave is lost.
        extra["source_text"] = source
        source = None
    language = _check_language(text, _meta_value(meta.get("language")), languages)
    return SourceDocument(id=ident, path=path, text=text, source=source, language=language,
                          extra=extra, **values)


def _meta_value(value) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    value = " ".join(str(value).split())
    return value or None


def _is_url(value: str) -> bool:
    if _URL_BAD.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https", "ftp") and bool(parts.netloc)


def _check_language(text: str, declared: str | None, languages: tuple[str, ...] | None) -> str | None:
    """The document's language code; ReadError when it is not one of ``languages``.

    A language declared in the metadata is the user's word and is not second-guessed.
    """
    code = language_code(declared)
    if not languages:
        return code
    supported = ", ".join(languages)
    if code:
        if code not in languages:
            raise ReadError(f"language {code} (declared), not supported (supported: {supported})")
        return code
    detected = detect_language(text)
    if detected and detected not in languages:
        raise ReadError(f"language {detected}, not supported (supported: {supported})")
    return detected
