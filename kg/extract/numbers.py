"""Statistics: sentences in, ``Statistic`` records out.

French number formats: « 52 000 », « 2.077 », « 5,31 millions », « 1,18 million »,
« trente mille ». Only sentences about cyber give statistics; years and dates are not figures.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from . import cues
from ._text import sentences, span_text, text_of
from .dates import sentence_date
from .records import Span, Statistic

_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
          "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100}
_SCALE = {"mille": Decimal(1000), "million": Decimal(10**6), "millions": Decimal(10**6),
          "milliard": Decimal(10**9), "milliards": Decimal(10**9)}
_SPELLED = "|".join(_WORDS)
_NUM = re.compile(
    r"(?<![\w,.])(?P<num>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|(?:" + _SPELLED + "))"
    r"(?:\s+(?P<scale>mille|millions?|milliards?))?(?:\s+(?:de|d['’]))?\s+(?P<what>[^\W\d][\w\-’']*(?:\s+[\w\-’']+){0,6})",
    re.IGNORECASE)
_NOT_FIGURES = re.compile(r"^(?:h|heures?|ans?|années?|jours?|mois|semaines?|minutes?|%|fois|janvier|février|mars|"
                          r"avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|er)\b", re.IGNORECASE)


def parse_number(text: str, scale: str | None = None) -> Decimal | None:
    """A French-formatted number as a Decimal.

    >>> parse_number("52 000"), parse_number("2.077"), parse_number("5,31", "millions")
    (Decimal('52000'), Decimal('2077'), Decimal('5310000.00'))
    """
    t = text.lower()
    if t in _WORDS:
        value = Decimal(_WORDS[t])
    else:
        t = re.sub(r"[ \u00a0\u202f.](?=\d{3}\b)", "", t).replace(",", ".")
        try:
            value = Decimal(t)
        except InvalidOperation:
            return None
    if scale:
        value *= _SCALE[scale.lower()]
    return value


def find_statistics(doc, table, ex) -> list[Statistic]:
    out: list[Statistic] = []
    for sent in sentences(doc):
        text = span_text(sent)
        if not (cues.has("cyber", text) or cues.has("attack", text)):
            continue
        for m in _NUM.finditer(text):
            num, scale, what = m.group("num"), m.group("scale"), m.group("what")
            if _NOT_FIGURES.match(what) or re.fullmatch(r"(?:19|20)\d\d", num):
                continue
            if num.lower() in _WORDS and not scale and not what[:1].islower():
                continue
            value = parse_number(num, scale)
            if value is None or value < 2:
                continue
            what = re.split(r"\s+(?:qui|que|dont|ont|a|sont|est|en|pour|depuis|au|aux)\s+", what)[0]
            source = None
            for a in table.in_span(sent.start, sent.end):
                if a.char_end <= sent.start_char + m.start() and ex.actors[a.key].kind != "ThreatActor":
                    source = a.key
            start = sent.start_char + m.start()
            end = sent.start_char + m.end()
            out.append(Statistic(value=format(value.normalize(), "f"), label=what.strip(),
                                 evidence=Span(start, end, text_of(doc)[start:end]),
                                 period=sentence_date(text, None), source=source))
    return out
