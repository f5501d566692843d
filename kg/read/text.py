"""Plain text (``.txt``, ``.md``, and any file an ``--include`` glob picks whose kind is not known):
a file's bytes in, its text out, as :mod:`kg.read.decode` decodes and cleans it. The file itself
gives no metadata.
"""

from __future__ import annotations

from .decode import decode_bytes


def read_text(data: bytes) -> tuple[str, dict]:
    """The text of a plain-text file, and no page metadata.

    >>> read_text("Pékin dément.\\r\\n".encode("cp1252"))
    ('Pékin dément.\\n', {})
    """
    return decode_bytes(data), {}
