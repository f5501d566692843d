"""Bytes to text: a file's bytes in, its text out, decoded and cleaned; ``ReadError`` for what is not text.

Decoding: UTF-8 with or without BOM, UTF-16 with BOM or without (told by its NUL pattern), UTF-32
with BOM, else the encoding charset-normalizer detects (cp1252, latin-1, ...). Binaries are refused
by their signature, NUL bytes or control characters.

Every text any reader gives is then cleaned the same way (:func:`clean`): mojibake (« Ã© »)
repaired with ftfy, Unicode NFC, line ends ``\\n``. Offsets in the graph refer to this text, "the
text as read".

>>> decode_bytes("Déclaration".encode("cp1252"))
'Déclaration'
>>> decode_bytes("la Chine a dÃ©clarÃ©".encode("utf-8"))
'la Chine a déclaré'
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from .document import ReadError

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


def decode_bytes(data: bytes) -> str:
    """Decode bytes of unknown encoding and clean the text; raise ReadError for what is not text."""
    refuse_binary(data)
    return clean(decode(data))


def refuse_binary(data: bytes) -> None:
    """ReadError when the bytes begin with the signature of a binary format (an image, an archive...)."""
    head = data[:64]
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            if magic in _WEAK_SIGNATURES and not _has_binary_bytes(data[:512]):
                continue
            raise ReadError(f"binary file ({kind})")


def _has_binary_bytes(data: bytes) -> bool:
    return any(b < 9 or 13 < b < 32 for b in data)


def decode(data: bytes, declared: str | None = None) -> str:
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


def clean(text: str) -> str:
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

