"""JSON Lines (``.jsonl``): a file's bytes in; one document per line out.

Each line is ``{"id": ..., "text": ..., ...metadata}``; the document's identifier is
``<file id>#<record id>``. A bad line is reported on its own (a ``Skipped`` naming the line) and
the other lines are read.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from .decode import clean, decode, refuse_binary
from .document import ReadError, Skipped, SourceDocument
from .metadata import make_document


def read_jsonl(data: bytes, path: Path, file_id: str, file_meta: dict,
               languages: tuple[str, ...] | None) -> list[SourceDocument | Skipped]:
    """A document or a ``Skipped`` per non-blank line, in file order; ReadError for the whole file."""
    refuse_binary(data)
    # Decoded whole but cleaned per record: ftfy must see text, not JSON escapes.
    content = decode(data).replace("\r\n", "\n")
    out: list[SourceDocument | Skipped] = []
    seen: set[str] = set()
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and friends raw.
    for number, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        out.append(_record(line, number, path, file_id, file_meta, seen, languages))
    if not out:
        raise ReadError("no records (only blank lines)")
    return out


def _record(line: str, number: int, path: Path, file_id: str, file_meta: dict, seen: set[str],
            languages: tuple[str, ...] | None) -> SourceDocument | Skipped:
    """One line of a .jsonl file: its document, or why it is skipped (the other lines go on)."""
    doc_id = None
    try:
        try:
            record = json.loads(line)
        except RecursionError as exc:
            raise ReadError("not valid JSON (nested too deep)") from exc
        except ValueError as exc:
            raise ReadError(f"not valid JSON ({getattr(exc, 'msg', exc)})") from exc
        if not isinstance(record, dict):
            raise ReadError("not a JSON object")
        raw_id = record.get("id")
        if raw_id is None:
            raw_id = f"line{number}"  # a record without an id is still a document
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            raise ReadError('"id" is not a string or an integer')
        rid = str(raw_id).strip()
        if not rid or any(unicodedata.category(c)[0] in "CZ" and c != " " for c in rid):
            raise ReadError('"id" is empty or holds control characters or line breaks')
        doc_id = f"{file_id}#{rid}"
        if doc_id in seen:
            raise ReadError(f"duplicate id {rid!r}")
        seen.add(doc_id)
        text = record.get("text")
        if not isinstance(text, str):
            raise ReadError('no "text" string')
        text = clean(text)
        if not text.strip():
            raise ReadError("no text (only whitespace)")
        fields = {k: v for k, v in record.items() if k not in ("id", "text")}
        return make_document(doc_id, path, text, {**file_meta, **fields}, languages)
    except ReadError as exc:
        return Skipped(path, f"line {number}: {exc}", doc_id)
