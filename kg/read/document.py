"""What reading yields, and how every reader gets a file's bytes.

A path in; its bytes out (or a ``ReadError`` saying in a few words why not). The records the
reading stage yields are defined here: ``SourceDocument`` (a text and its metadata) and
``Skipped`` (a file, record or manifest not read, and why).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
    """A file, record or manifest that was not read, and why (one line)."""

    path: Path
    reason: str
    id: str | None = None  # the document identifier, when known (a .jsonl record's)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    # stat first: an oversized file is refused without reading a byte of it, and a FIFO or a
    # device (which could block or never end) is never opened.
    try:
        st = path.stat()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file")
    if st.st_size == 0:
        raise ReadError("empty file")
    if st.st_size > max_bytes:
        raise ReadError(f"file too large ({st.st_size} bytes > limit {max_bytes})")
    try:
        with open(path, "rb") as fh:
            # A file growing between stat and read is still held to the limit.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise ReadError(f"file too large (over limit {max_bytes} bytes)")
    if not data:
        raise ReadError("empty file")
    return data


def identifier(path: Path, root: Path | None) -> str:
    """The document's identifier: its path relative to ``root``, else its name."""
    if root is None:
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


@contextlib.contextmanager
def quiet(*loggers: str):
    """Silence libraries' warnings about hostile files: the reason reaches the user as a ReadError."""
    saved = [(logging.getLogger(n), logging.getLogger(n).level) for n in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg if len(msg) <= 160 else msg[:157] + "..."
