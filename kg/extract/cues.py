"""Cue words of the genre, loaded from ``kg/patterns/cues.json`` and ``strategies.json``.

Input: sentence text. Output: the cue classes found in it, with character offsets.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

from ._first_chars import guarded


@cache
def _load(name: str) -> dict:
    return json.loads((resources.files("kg") / "patterns" / name).read_text(encoding="utf-8"))


@cache
def cue_regex(kind: str) -> re.Pattern:
    patterns = _load("cues.json")[kind]
    if kind == "report":
        # taking up an attribution is reporting one (its accused is the one already reported)
        patterns = patterns + _load("cues.json")["take_up"]
    flags = re.IGNORECASE if kind not in ("source",) else 0
    return guarded(re.compile("|".join(f"(?:{p})" for p in patterns), flags))


def load_cues(kind: str) -> list[str]:
    """The patterns of one list of ``cues.json``, for code that builds a larger pattern around them."""
    return list(_load("cues.json")[kind])


def find(kind: str, text: str) -> list[tuple[int, int]]:
    return list(_find(kind, text))


def has(kind: str, text: str) -> bool:
    return _has(kind, text)


# Extraction asks about the same sentence or paragraph from several steps (claims, speakers,
# rebuttals, statistics): about half the calls repeat one already made for the document. The memo
# is emptied for each document (``forget``), so that it never holds more than one document's texts.
@lru_cache(maxsize=4096)
def _find(kind: str, text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in cue_regex(kind).finditer(text))


@lru_cache(maxsize=4096)
def _has(kind: str, text: str) -> bool:
    return cue_regex(kind).search(text) is not None


def forget() -> None:
    """Empty the memo of texts looked at (called for each document)."""
    _find.cache_clear()
    _has.cache_clear()
    _strategies.cache_clear()


@cache
def strategy_patterns() -> list[tuple[str, re.Pattern]]:
    data = _load("strategies.json")["strategies"]
    # A formula starts at the start of a word (« irréfutables » is no « réfuter », « décidément » no
    # « démentir »), or inside « cyber… », a hyphenated word or « re… » (« la cybermenace chinoise »,
    # « elle-même victime », « retracer l'origine »). Tried at word starts only, the eleven concepts
    # cost a third of what they cost at every position.
    start = r"(?:(?<!\w)|(?<=cyber)|(?<=-)|(?<=\bre))"
    return [(name, guarded(re.compile(start + "(?:" + "|".join(f"(?:{p})" for p in pats) + ")", re.IGNORECASE)))
            for name, pats in data.items()]


def strategies_in(text: str) -> list[str]:
    return list(_strategies(text))


# Quoted words keep their meaning: « une réponse « symétrique » » is a symmetric response.
_QUOTES = re.compile(r"\s*[«»“”\"]\s*")


@lru_cache(maxsize=4096)
def _strategies(text: str) -> tuple[str, ...]:
    text = _QUOTES.sub(" ", text)
    return tuple(name for name, rx in strategy_patterns() if rx.search(text))
