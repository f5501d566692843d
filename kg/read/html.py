"""Web pages (``.html``, ``.htm``): a page's bytes in; its main text and its own metadata out.

The main text is what trafilatura extracts (navigation, footers and other boilerplate dropped);
the page's markup gives title, date, publisher and source URL.
"""

from __future__ import annotations

import codecs
import re

from .decode import clean, decode, refuse_binary
from .document import ReadError, one_line, quiet

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def read_html(data: bytes) -> tuple[str, dict]:
    """Main text and page metadata of an HTML page, with trafilatura."""
    import trafilatura

    refuse_binary(data)
    declared = _META_CHARSET.search(data[:4096])
    html = decode(data, _html_codec(declared.group(1).decode("ascii")) if declared else None)
    if not html.strip():
        raise ReadError("no text (only whitespace)")
    try:
        with quiet("trafilatura", "htmldate", "courlan"):
            page = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=True,
                deduplicate=False,
                # Dates from the page's markup only, never guessed from its text; a fixed upper
                # bound instead of "today" keeps the result the same on every day.
                date_extraction_params={"extensive_search": False, "original_date": True,
                                        "outputformat": "%Y-%m-%d", "max_date": "2100-12-31"})
            text = page.text if page is not None and page.text else ""
            if not text.strip():
                # No block looked like an article (a very short page): keep all its text rather
                # than lose the document.
                text = trafilatura.html2txt(html) or ""
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile markup
        raise ReadError(f"unreadable HTML ({one_line(exc)})") from exc
    if not text.strip():
        raise ReadError("no text in the HTML page")
    meta = {}
    if page is not None:
        meta = {"title": page.title, "date": page.date, "publisher": page.sitename, "source": page.url}
    return clean(text), {k: v for k, v in meta.items() if v}


def _html_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): pages labelled latin-1 or ASCII are read as cp1252.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
