"""Read documents: files and folders in, ``SourceDocument`` records (text + metadata) out.

Formats, chosen by the file's suffix:

- ``.txt`` / ``.md``: UTF-8 with or without BOM, UTF-16 with BOM or without (told by its NUL
  pattern), UTF-32 with BOM, else the encoding charset-normalizer detects (cp1252, latin-1, ...).
- ``.html`` / ``.htm``: the main text as trafilatura extracts it (navigation, footers and other
  boilerplate dropped); the page's own metadata gives title, date, publisher and source URL.
- ``.pdf``: the text layer, page by page, with pypdf. Encrypted, corrupt or image-only PDFs are
  refused.
- ``.jsonl``: one document per line, ``{"id": ..., "text": ..., ...metadata}``; the document's
  identifier is ``<file id>#<record id>``. Only :func:`read_documents` reads these, since one
  file gives several documents; a bad line is reported on its own and the other lines are read.

A corpus folder may hold a ``manifest.json`` (format ``akg-manifest/1``) giving each file's
title, publisher, date, source URL and language; a file ``NAME.meta.json`` beside a document
does the same for one file. Both are optional, and both win over what a page or record says.

Every text is then cleaned the same way: mojibake (« Ã© ») repaired with ftfy, Unicode NFC,
line ends ``\\n``. Offsets in the graph refer to this text, "the text as read".

Refused, each with a one-line reason (``ReadError`` or a ``Skipped`` item): missing, empty,
special or oversized files (the size is checked with ``stat`` before anything is read), binaries
(known signatures, NUL bytes, control characters), undecodable text, documents with no text,
and documents in a language the extractor does not support (see :func:`detect_language`).

Everything here is deterministic: folders are walked in sorted order and no step samples at random.

>>> decode_bytes("Déclaration".encode("cp1252"))
'Déclaration'
>>> decode_bytes("la Chine a dÃ©clarÃ©".encode("utf-8"))
'la Chine a déclaré'
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import functools
import hashlib
import io
import json
import logging
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
JSONL_SUFFIXES = {".jsonl"}
# What a folder yields when no --include glob is given.
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MANIFEST = "manifest.json"
# The extractor's lexicons and patterns are French: other languages are refused, not mis-read.
SUPPORTED_LANGUAGES = ("fr",)
# Below this many letters a language guess is noise (a title, a one-line quote): not judged.
MIN_LANGUAGE_LETTERS = 200
# The language is judged on the opening of the text: enough for a confident guess, and a
# 20 MB file costs no more than a short one.
_LANGUAGE_SAMPLE = 20_000
# A guess below this probability is no evidence against a document.
_LANGUAGE_CONFIDENCE = 0.5

_META_KEYS = ("title", "publisher", "date", "source", "language")
_SOURCE_KEYS = ("source", "source_url", "url")

# Leading bytes of formats people rename by mistake; a clearer reason than "NUL bytes".
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document: rename it .pdf"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx, .odt, .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document, e.g. .doc, .xls"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
)
# "MZ", "BZh" and "ID3" can also begin ordinary text: trusted only with binary bytes after them.
_WEAK_SIGNATURES = {b"MZ", b"BZh", b"ID3"}

# Mojibake is UTF-8 read as cp1252/latin-1: a lead byte 0xC2-0xF4 rendered as « Â »..« ô »,
# then a continuation byte 0x80-0xBF rendered as itself or its cp1252 glyph (« € », « ™ »...).
# ftfy is slow on megabytes of clean text, so it only runs when this pattern is present.
_CONTINUATION = "".join(sorted(set(
    bytes(range(0x80, 0xC0)).decode("latin-1")
    + bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))))
_MOJIBAKE = re.compile("[\u00c2-\u00f4][" + re.escape(_CONTINUATION) + "]")
# What ftfy's remove_control_chars would drop; a reason to run it even without mojibake.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufeff\ufff9-\ufffc]")
# C0 controls other than tab, line feed, form feed and carriage return: rare in text, common
# in binaries.
_BINARY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_URL_BAD = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f]")


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
    def manifest(folder: Path) -> dict:
        try:
            return _manifest(folder)
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
                        manifests[folder] = manifest(folder)
                    yield file, given, manifests[folder].get(name, {})
        else:
            meta = manifest(given.parent).get(given.name, {}) if given.parent.is_dir() else {}
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


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    documents = _load_json(path).get("documents", {})
    if not isinstance(documents, dict):
        raise ReadError(f"bad metadata file {MANIFEST}: \"documents\" is not an object")
    return {name: entry for name, entry in documents.items() if isinstance(entry, dict)}


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        raise ReadError(f"bad metadata file {path.name}: {_one_line(exc)}") from exc
    if not isinstance(data, dict):
        raise ReadError(f"bad metadata file {path.name}: not a JSON object")
    return data


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
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            return _read_jsonl(path, root, meta, max_bytes, languages)
        return [read_document(path, root, meta, max_bytes=max_bytes, languages=languages)]
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
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        raise ReadError("a .jsonl file holds several documents: read it with read_documents")
    data = _read_bytes(path, max_bytes)
    file_meta = _file_meta(path, meta)
    page_meta: dict = {}
    if suffix in PDF_SUFFIXES:
        text, page_meta = _pdf_text(data)
    elif suffix in HTML_SUFFIXES:
        text, page_meta = _html_text(data)
    else:
        text = decode_bytes(data)
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    # The manifest and the sidecar are the user's word: they win over what the page claims.
    return _document(_identifier(path, root), path, text, {**page_meta, **file_meta}, languages)


def _identifier(path: Path, root: Path | None) -> str:
    if root is None:
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _read_bytes(path: Path, max_bytes: int) -> bytes:
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


def _file_meta(path: Path, meta: dict | None) -> dict:
    out = dict(meta or {})
    sidecar = path.with_name(path.name + ".meta.json")
    if sidecar.exists():
        out.update(_load_json(sidecar))
    return out


def _document(ident: str, path: Path, text: str, meta: dict,
              languages: tuple[str, ...] | None) -> SourceDocument:
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


# --- bytes to text --------------------------------------------------------------------------

def decode_bytes(data: bytes) -> str:
    """Decode bytes of unknown encoding and clean the text; raise ReadError for what is not text."""
    _refuse_binary(data)
    return _clean(_decode(data))


def _refuse_binary(data: bytes) -> None:
    head = data[:64]
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            if magic in _WEAK_SIGNATURES and not _has_binary_bytes(data[:512]):
                continue
            raise ReadError(f"binary file ({kind})")


def _has_binary_bytes(data: bytes) -> bool:
    return any(b < 9 or 13 < b < 32 for b in data)


def _decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to str, without cleaning. ``declared``: an encoding the file names for itself."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {codec.upper().replace('-SIG', '')} after its byte-order mark"
                                f" (byte {exc.start})") from exc
    if codec := _utf16_without_bom(data):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ReadError("binary content (NUL bytes), not text")
    if declared:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return data.decode(declared)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes have UTF-16's NUL pattern, else None.

    Text in a Latin script as UTF-16 has a NUL high byte for nearly every character, always on
    the same side; a binary's NULs fall anywhere (and text in other scripts has a BOM or is left
    to charset-normalizer).
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.7 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.02:
        return "utf-16-be"
    return None


# charset-normalizer's names for the legacy encodings French text is written in (DOS and Mac
# code pages are left out: on a few bytes they read as well as cp1252, and are far rarer).
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
# How much more "chaos" (charset-normalizer's measure of implausible text) a Western reading may
# show than the best one and still be taken.
_WESTERN_MARGIN = 0.1
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_HIGH_ALONE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")


def _detect(data: bytes) -> str:
    """Decode bytes that are not UTF-8, with charset-normalizer, leaning to French's code pages.

    Left to itself on a short text, charset-normalizer reads cp1252 French as cp1250
    (« ministčre »), cp866 (« щtщ ») or Big5 (« Tr鋊 bien »): many code pages are equally
    plausible on a few accented letters, and its language check needs more text. Since the
    supported language is French, a Western reading wins whenever it is about as plausible, or
    whenever the non-ASCII bytes mostly stand alone between ASCII ones: that is how accents look
    in a Latin script, while Cyrillic, Greek and CJK text comes in runs of non-ASCII bytes. A
    Central European text may then be misread, but it is refused for its language anyway.
    """
    from charset_normalizer import from_bytes

    # UTF-16 and UTF-32 are told by their BOM or NUL pattern before this; without NUL bytes,
    # charset-normalizer's UTF-16 readings of Latin text are CJK nonsense.
    results = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    best = results[0] if results else None
    if best is not None and best.encoding in _WESTERN:
        return str(best)
    if _mostly_isolated(data) or _short_runs(data):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252")
        return data.decode("latin-1")
    for match in results:
        if match.chaos > best.chaos + _WESTERN_MARGIN:
            break
        for encoding in _WESTERN:
            if encoding in match.could_be_from_charset:
                with contextlib.suppress(UnicodeDecodeError):
                    return data.decode(encoding)
    if best is None:
        raise ReadError("binary or undecodable content, not text in any known encoding")
    return str(best)


def _short_runs(data: bytes) -> bool:
    """Whether no run of non-ASCII bytes is longer than two (« l’État » is two in cp1252): a word of
    Cyrillic, Greek or CJK text makes longer runs."""
    runs = _HIGH_RUN.findall(data)
    return bool(runs) and max(len(r) for r in runs) <= 2


def _mostly_isolated(data: bytes) -> bool:
    """Whether most non-ASCII bytes stand between ASCII ones, as accents do in French."""
    return len(_HIGH_ALONE.findall(data)) * 2 >= len(_HIGH.findall(data))


def _clean(text: str) -> str:
    """The one cleaning every text goes through: refuse binaries, repair mojibake, NFC, ``\\n``."""
    if text and len(_BINARY_CONTROL.findall(text)) > len(text) / 100:
        raise ReadError("binary content (control characters), not text")
    if _MOJIBAKE.search(text) or _CONTROL.search(text):
        import ftfy

        # Only ftfy's encoding repairs: curly quotes, ligatures, HTML entities and widths are
        # the author's text and stay as written.
        text = ftfy.fix_text(text, ftfy.TextFixerConfig(
            unescape_html=False, uncurl_quotes=False, fix_latin_ligatures=False,
            fix_character_width=False, fix_line_breaks=False, normalization="NFC", explain=False))
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- formats --------------------------------------------------------------------------------

def _html_text(data: bytes) -> tuple[str, dict]:
    """Main text and page metadata of an HTML page, with trafilatura."""
    import trafilatura

    _refuse_binary(data)
    declared = _META_CHARSET.search(data[:4096])
    html = _decode(data, _html_codec(declared.group(1).decode("ascii")) if declared else None)
    if not html.strip():
        raise ReadError("no text (only whitespace)")
    try:
        with _quiet("trafilatura", "htmldate", "courlan"):
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
        raise ReadError(f"unreadable HTML ({_one_line(exc)})") from exc
    if not text.strip():
        raise ReadError("no text in the HTML page")
    meta = {}
    if page is not None:
        meta = {"title": page.title, "date": page.date, "publisher": page.sitename, "source": page.url}
    return _clean(text), {k: v for k, v in meta.items() if v}


def _html_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): pages labelled latin-1 or ASCII are read as cp1252.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _pdf_text(data: bytes) -> tuple[str, dict]:
    """Text layer and title of a PDF, with pypdf."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF (no %PDF- header)")
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # many PDFs are "encrypted" with an empty password
                except Exception as exc:
                    raise ReadError(f"encrypted PDF, cannot decrypt ({_one_line(exc)})") from exc
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
        raise ReadError(f"corrupt PDF ({_one_line(exc)})") from exc
    text = "\n\n".join(_unwrap(p) for p in pages if p.strip())
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned images?): OCR it first")
    # The PDF's creation date is when the file was made, not when the text was stated: the
    # extractor finds the date in the text instead.
    return _clean(text), ({"title": title} if isinstance(title, str) and title.strip() else {})


_SENTENCE_END = (".", "!", "?", "…")
_BLOCK_END = _SENTENCE_END + (":", ";", "»", '"', "”")


def _unwrap(page: str) -> str:
    """Join the lines a PDF's layout broke inside sentences; keep headings and paragraph ends.

    A PDF has lines, not paragraphs. Left as they are, a sentence split over lines parses
    worse (and a heading run into the next paragraph is worse still), so a line break becomes a
    space when the next line starts in lower case after no sentence end, or when the line fills
    most of the page's width and ends without punctuation that closes a block.
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


@contextlib.contextmanager
def _quiet(*loggers: str):
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


def _one_line(exc: BaseException) -> str:
    msg = " ".join(str(exc).split())
    msg = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    return msg if len(msg) <= 160 else msg[:157] + "..."


def _read_jsonl(path: Path, root: Path | None, meta: dict | None, max_bytes: int,
                languages: tuple[str, ...] | None) -> list[SourceDocument | Skipped]:
    data = _read_bytes(path, max_bytes)
    file_meta = _file_meta(path, meta)
    _refuse_binary(data)
    # Decoded whole but cleaned per record: ftfy must see text, not JSON escapes.
    content = _decode(data).replace("\r\n", "\n")
    file_id = _identifier(path, root)
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
        text = _clean(text)
        if not text.strip():
            raise ReadError("no text (only whitespace)")
        fields = {k: v for k, v in record.items() if k not in ("id", "text")}
        return _document(doc_id, path, text, {**file_meta, **fields}, languages)
    except ReadError as exc:
        return Skipped(path, f"line {number}: {exc}", doc_id)


# --- language -------------------------------------------------------------------------------

# py3langid, chosen over the alternatives on the index: it ships its model inside the package
# (4.5 MB, numpy only), is deterministic (naive Bayes, no sampling: langdetect is random unless
# seeded and unmaintained since 2021), small (lingua-language-detector's models are tens of MB),
# kept (by trafilatura's author; 2026 release), and needs no download at run time
# (fasttext-langdetect does, which is not allowed here).
@functools.cache
def _identifier_model():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_URLS = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell.

    >>> detect_language("Trop court.") is None
    True
    """
    sample = _URLS.sub(" ", text[:_LANGUAGE_SAMPLE])
    if sum(c.isalpha() for c in sample) < MIN_LANGUAGE_LETTERS:
        return None
    lang, confidence = _identifier_model().classify(sample)
    return lang if confidence >= _LANGUAGE_CONFIDENCE else None


_LANGUAGE_ALIASES = {"fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
                     "eng": "en", "english": "en"}


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return _LANGUAGE_ALIASES.get(code, code) or None


def _check_language(text: str, declared: str | None, languages: tuple[str, ...] | None) -> str | None:
    """The document's language code; ReadError when it is not one of ``languages``.

    A language declared in the metadata is the user's word and is not second-guessed.
    """
    code = _language_code(declared)
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
