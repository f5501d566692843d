"""Hostile test files, generated rather than committed (issue 6): a real PNG, a seed document as a
web page and as a PDF with a text layer, a sparse oversized file and an English text.

Shared by tests/test_read.py (reading each one) and tests/test_hostile.py (building a folder of them).
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from pathlib import Path

ENGLISH = (
    "The Ministry of Foreign Affairs today condemned the malicious cyber activity carried out by "
    "actors linked to the state. Our investigation found that the group targeted members of "
    "parliament and government agencies over several years, and we call on the authorities to "
    "act responsibly in cyberspace and to respect the norms they have endorsed at the United Nations."
)


def png_bytes() -> bytes:
    """A real 1x1 PNG: signature, IHDR, IDAT, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def html_page(text: str) -> str:
    """The seed as a web page: Markdown headings and bold as HTML, with nav and footer boilerplate."""
    blocks = []
    for para in (p.strip() for p in text.split("\n\n")):
        if not para:
            continue
        if para.startswith("## "):
            blocks.append(f"<h1>{html.escape(para[3:])}</h1>")
        else:
            inner = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(para), flags=re.S)
            blocks.append(f"<p>{inner}</p>")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Déclaration du porte-parole</title>
<meta name="date" content="2022-07-19">
<meta property="og:site_name" content="Ambassade de Chine en Belgique">
<link rel="canonical" href="https://be.china-embassy.example/fra/declaration.html">
</head><body>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/actu">Actualités</a></li>
<li><a href="/contact">Nous contacter</a></li></ul></nav>
<main><article>{"".join(blocks)}</article></main>
<footer><p>Copyright © Ambassade. Tous droits réservés. Plan du site | Mentions légales</p></footer>
</body></html>"""


def pdf_bytes(text: str, title: str | None = None) -> bytes:
    """A PDF with a real text layer: Helvetica in WinAnsiEncoding (cp1252), 60 lines a page."""
    lines: list[str] = []
    for para in text.split("\n"):
        words, line = para.split(), ""
        for word in words:
            if line and len(line) + 1 + len(word) > 90:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)

    def literal(s: str) -> str:
        out = []
        for b in s.encode("cp1252"):
            ch = chr(b)
            out.append("\\" + ch if ch in "()\\" else ch if 32 <= b < 127 else f"\\{b:03o}")
        return "(" + "".join(out) + ")"

    pages = [lines[i:i + 60] for i in range(0, len(lines), 60)] or [[]]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        ops = " T* ".join(f"{literal(line)} Tj" for line in page)
        stream = f"BT /F1 10 Tf 12 TL 50 790 Td {ops} ET".encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n" + stream.decode("latin-1") + "\nendstream")
        content = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    info = None
    if title:
        objects.append(f"<< /Title {literal(title)} >>")
        info = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {info} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def sparse_file(path: Path, size: int, head: bytes = "Texte très long.\n".encode()) -> Path:
    """A file of ``size`` bytes that takes no room on disk: ``head``, then a hole of NULs."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path
