"""Cue words of the genre, loaded from ``kg/patterns/cues.json`` and ``strategies.json``.

Input: sentence text. Output: the cue classes found in it, with character offsets.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


@cache
def _load(name: str) -> dict:
    return json.loads((resources.files("kg") / "patterns" / name).read_text(encoding="utf-8"))


@cache
def cue_regex(kind: str) -> re.Pattern:
    patterns = _load("cues.json")[kind]
    flags = re.IGNORECASE if kind not in ("source",) else 0
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def find(kind: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in cue_regex(kind).finditer(text)]


def has(kind: str, text: str) -> bool:
    return cue_regex(kind).search(text) is not None


@cache
def strategy_patterns() -> list[tuple[str, re.Pattern]]:
    data = _load("strategies.json")["strategies"]
    return [(name, re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)) for name, pats in data.items()]


def strategies_in(text: str) -> list[str]:
    return [name for name, rx in strategy_patterns() if rx.search(text)]
