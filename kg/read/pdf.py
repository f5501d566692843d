"""PDF documents: a file's bytes in; its text layer, page by page, and its title out (pypdf).

Encrypted (unless with an empty password), corrupt or image-only PDFs are refused.
"""

from __future__ import annotations

import io

from .decode import clean
from .document import ReadError, one_line, quiet

_SENTENCE_END = (".", "!", "?", "…")
_BLOCK_END = _SENTENCE_END + (":", ";", "»", '"', "”")


def read_pdf(data: bytes) -> tuple[str, dict]:
    """Text layer and title of a PDF, with pypdf."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF (no %PDF- header)")
    try:
        with quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # many PDFs are "encrypted" with an empty password
                except Exception as exc:
                    raise ReadError(f"encrypted PDF, cannot decrypt ({one_line(exc)})") from exc
                if not opened:
                    raise ReadError("encrypted PDF (password needed)")
            pages = [page.extract_text() or "" for page in reader.pages]
            try:
                title = reader.metadata.title if reader.metadata else None
            except Exception:  # a corrupt info dictionary costs the title, not the text
                title = None
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds (and RecursionError) on corrupt files
        raise ReadError(f"corrupt PDF ({one_line(exc)})") from exc
    text = "\n\n".join(_unwrap(p) for p in pages if p.strip())
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned images?): OCR it first")
    # The PDF's creation date is when the file was made, not when the text was stated: the
    # extractor finds the date in the text instead.
    return clean(text), ({"title": title} if isinstance(title, str) and title.strip() else {})


def _unwrap(page: str) -> str:
    """Join the lines a PDF's layout broke inside sentences; keep headings and paragraph ends.

    A PDF has lines, not paragraphs. Left as they are, a sentence split over lines parses
    worse (and a heading run into the next paragraph is worse still), so a line break becomes a
    space when the next line starts in lower case after no sentence end, or when the line fills
    most of the page's width and ends without punctuation that closes a block.

    >>> print(_unwrap("Le porte-\\nparole a déclaré\\nque la Chine s'oppose.\\nFin."))
    Le porte-parole a déclaré que la Chine s'oppose.
    Fin.
    """
    lines = [line.rstrip() for line in page.strip("\n").split("\n")]
    width = max((len(line) for line in lines), default=0)
    out = lines[:1]
    for before, line in zip(lines, lines[1:], strict=False):
        prev, head = out[-1], line.lstrip()
        lower = head[:1].islower()
        # The width test is on the line as laid out, not on what earlier joins made of it.
        join = prev and head and (
            (lower and not prev.endswith(_SENTENCE_END))
            or (len(before) >= 0.75 * width and not prev.endswith(_BLOCK_END)))
        if join:
            # "porte-" + "parole": a line-end hyphen is kept, with no space after it.
            out[-1] = prev + head if prev.endswith("-") and lower else f"{prev} {head}"
        else:
            out.append(line)
    return "\n".join(out)
