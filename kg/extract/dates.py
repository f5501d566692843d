"""Dates: text in, ISO dates out (``2022-07-18``, ``2022-07`` or ``2022``, as precise as the text).

French day-month expressions without a year (« le 18 juillet »), weekdays (« lundi ») and
relative months (« en mars dernier ») are resolved against the document's date, never against
today.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
     "novembre", "décembre"], start=1)}
MONTHS.update({"fevrier": 2, "aout": 8, "decembre": 12})
WEEKDAYS = {d: i for i, d in enumerate(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"\b((?:19|20)\d\d)[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b")
_DMY_NUM = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)\b")
_DAY_MONTH = re.compile(rf"\b(1er|\d{{1,2}})\s+({_M})(?:\s+((?:19|20)\d\d))?\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?:en|de|d['’]|mois de|fin|début|mi-|courant)?\s*({_M})\s+((?:19|20)\d\d)\b",
                         re.IGNORECASE)
_MONTH_REL = re.compile(rf"\b(?:en|fin|début|mi-|depuis|courant)\s*({_M})(\s+dernier)?\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:en|depuis|de|année)\s+((?:19|20)\d\d)\b")
_RELATIVE = {"hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "ce matin": 0, "avant-hier": -2}


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return None


def _ok(y: int, m: int, d: int | None = None) -> str | None:
    try:
        if d:
            return date(y, m, d).isoformat()
        if 1 <= m <= 12:
            return f"{y:04d}-{m:02d}"
    except ValueError:
        return None
    return None


def document_date(text: str) -> str | None:
    """The publication date found near the top of a document, if any.

    >>> document_date("Conférence de presse\\n2015/12/02\\n\\nQ : …")
    '2015-12-02'
    """
    head = text[:600]
    m = _ISO.search(head)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        return _ok(y, mo, int(d)) if d else _ok(y, mo)
    m = _DMY_NUM.search(head)
    if m:
        return _ok(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _DAY_MONTH.search(head)
    if m and m.group(3):
        return _ok(int(m.group(3)), MONTHS[m.group(2).lower()], 1 if m.group(1) == "1er" else int(m.group(1)))
    return None


def sentence_date(text: str, doc_date: str | None) -> str | None:
    """The date a sentence gives for what it reports, resolved against ``doc_date``.

    >>> sentence_date("Le 18 juillet, le ministre a publié une déclaration", "2022-07-20")
    '2022-07-18'
    >>> sentence_date("La Chine a annoncé lundi la suspension", "2014-05-21")
    '2014-05-19'
    >>> sentence_date("les attaques menées en mars dernier", "2021-07-19")
    '2021-03'
    """
    base = _parse_iso(doc_date)
    year = int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None
    m = _DAY_MONTH.search(text)
    if m:
        d = 1 if m.group(1) == "1er" else int(m.group(1))
        mo = MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else year
        if y is not None:
            if not m.group(3) and base and (mo, d) > (base.month, base.day):
                y -= 1  # « le 18 juillet » in a January text is last July
            return _ok(y, mo, d)
    m = _MONTH_YEAR.search(text)
    if m:
        return _ok(int(m.group(2)), MONTHS[m.group(1).lower()])
    for word, delta in _RELATIVE.items():
        if base and re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return (base + timedelta(days=delta)).isoformat()
    m = _WEEKDAY.search(text)
    if m and base:
        back = (base.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
        return (base - timedelta(days=back)).isoformat()
    m = _MONTH_REL.search(text)
    if m and year is not None:
        mo = MONTHS[m.group(1).lower()]
        y = year
        if base and (mo > base.month or (m.group(2) and mo >= base.month)):
            y -= 1
        elif not base and m.group(2) and doc_date and len(doc_date) >= 7 and mo >= int(doc_date[5:7]):
            y -= 1
        return _ok(y, mo)
    m = _YEAR.search(text)
    if m:
        return m.group(1)
    return None
