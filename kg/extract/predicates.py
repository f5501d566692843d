"""The predicate table: ``kg/lexicons/predicates.tsv`` in; the predicates written in a text out.

The lexicon says, for each predicate, which argument holds the accuser and which the accused
(« X accuse Y de … », « X impute … à Y », « Y est derrière … », « les accusations de X contre Y »);
``kg.extract.frames`` and ``kg.extract.rebuttal_frames`` read those arguments.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import lexicon_dir


@dataclass(frozen=True)
class Predicate:
    lemma: str
    kind: str  # verb | copula | noun | rebut
    forms: str
    accuser: tuple[str, ...]
    accused: tuple[str, ...]
    act: str


@cache
def predicates() -> list[Predicate]:
    path = lexicon_dir() / "predicates.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        out = [Predicate(r["lemma"], r["kind"], r["forms"], _slots(r["accuser"]), _slots(r["accused"]), r["act"])
               for r in rows]
    if not out:
        raise ValueError(f"{path}: no predicate")
    return out


def _slots(cell: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (cell or "").split(",") if s.strip())


@cache
def _predicate_regex() -> re.Pattern:
    alts = [f"(?P<p{i}>{p.forms})" for i, p in enumerate(predicates())]
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


def find_predicates(text: str, kinds: tuple[str, ...] | None = None) -> list[tuple[Predicate, int, int]]:
    """The predicates written in ``text``: (predicate, start, end) in text order."""
    return [(p, s, e) for p, s, e in _all_predicates(text) if kinds is None or p.kind in kinds]


# Claims, rebuttals and the second pass over answers read the same sentences: the matches are
# remembered for the document being read (``forget`` empties the memo, called with ``cues.forget``).
@lru_cache(maxsize=4096)
def _all_predicates(text: str) -> tuple[tuple[Predicate, int, int], ...]:
    out = []
    for m in _predicate_regex().finditer(text):
        i = int(m.lastgroup[1:])
        pred, end = predicates()[i], m.end()
        if pred.kind == "verb" and _DETERMINER_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            # « la mise en cause de la Russie »: after a determiner the participle's form is the noun
            noun = _noun_regex().match(text, m.start())
            if noun is not None:
                pred, end = predicates()[int(noun.lastgroup[1:])], noun.end()
        out.append((pred, m.start(), end))
    return tuple(out)


_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:la|une|sa|cette|leur|les|des|ces|ses|leurs|nouvelles?)\s+$", re.IGNORECASE)


@cache
def _noun_regex() -> re.Pattern:
    alts = [f"(?P<p{i}>{p.forms})" for i, p in enumerate(predicates()) if p.kind == "noun"]
    return re.compile(r"(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


def forget() -> None:
    _all_predicates.cache_clear()


def predicate_at(text: str, start: int, end: int, kinds: tuple[str, ...]) -> tuple[Predicate, int, int] | None:
    """The lexicon predicate overlapping ``text[start:end]`` (a cue found by other means)."""
    for p, s, e in find_predicates(text, kinds):
        if s < end and start < e:
            return p, s, e
    return None
