"""Word lists in, one regular expression out: an alternation factored by common prefixes.

Python's ``re`` tries the alternatives of ``a|b|c…`` one by one at every position of the text; with
the ~3,700 surface forms of the actor lexicon that took a third of extraction time. Factored into a
tree (``C(?:hine|orée\\s+du\\s+Nord)|R(?:ussie)…``), a position is given up after one test per
distinct first character.

The factored pattern matches exactly what the plain alternation matches: alternatives are only
pulled together behind a shared first character when no text character can match the first tokens
of two different groups, so the alternatives that can match at one position are still tried in
their original order (the order decides which one wins).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACE = r"\s+"
_APOSTROPHE = "['’]"


def word_tokens(form: str) -> list[str]:
    """The regex tokens of ``form``: a space matches any run of whitespace, an apostrophe either
    apostrophe; any other character matches itself.

    >>> word_tokens("l'Inde du Sud")
    ['l', "['’]", 'I', 'n', 'd', 'e', '\\\\s+', 'd', 'u', '\\\\s+', 'S', 'u', 'd']
    """
    return [_SPACE if c == " " else _APOSTROPHE if c == "'" else re.escape(c) for c in form]


def alternation(forms: Sequence[str], flags: int = 0) -> str:
    """A pattern that matches what ``"|".join(forms)`` matches (each form as its ``word_tokens``),
    with the same alternative winning wherever several could.

    >>> alternation(["abc", "abd", "ab", "x"])
    'a(?:b(?:c|d|))|x'
    """
    return _factor([word_tokens(f) for f in forms], flags)


def _factor(alts: list[list[str]], flags: int) -> str:
    flat = "|".join("".join(a) for a in alts)
    # An empty alternative matches anywhere: it may only come last, where the plain pattern tries it.
    if len(alts) == 1 or any(not a for a in alts[:-1]):
        return flat
    groups: dict[str, list[list[str]]] = {}
    for alt in alts:
        if alt:
            # Only a one-character token is shared: a shared « \s+ » could give back whitespace to
            # one alternative after another had been tried, which changes the order of tries.
            key = alt[0] if alt[0] not in (_SPACE, _APOSTROPHE) else f"{len(groups)}\0"
            groups.setdefault(key, []).append(alt)
    if all(len(g) == 1 for g in groups.values()) or _overlapping([g[0][0] for g in groups.values()], flags):
        return flat
    parts = ["".join(g[0]) if len(g) == 1 else g[0][0] + "(?:" + _factor([a[1:] for a in g], flags) + ")"
             for g in groups.values()]
    return "|".join(parts + ([""] if not alts[-1] else []))


def _overlapping(firsts: list[str], flags: int) -> bool:
    """Whether one text character could match two of these tokens. Case-insensitive matching
    sorts characters into disjoint classes (k, K and the Kelvin sign K), so two tokens share a
    character exactly when one matches a character of the other."""
    for i, a in enumerate(firsts):
        for b in firsts[i + 1:]:
            if a == b or any(re.fullmatch(a, c, flags) for c in _chars(b)) or \
                    any(re.fullmatch(b, c, flags) for c in _chars(a)):
                return True
    return False


def _chars(token: str) -> list[str]:
    """Characters ``token`` matches: all of them but for « \\s+ », which the other token's
    characters are tested against."""
    if token == _SPACE:
        return []
    if token == _APOSTROPHE:
        return ["'", "’"]
    return [token[1:] if token.startswith("\\") else token]
