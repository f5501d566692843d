"""A compiled pattern in, the same pattern guarded by the characters its matches can start with out.

The cue and strategy patterns are case-insensitive alternations of a few dozen phrasings; Python's
``re`` then enters every alternative at every position of a sentence, which made them half of
extraction time. A leading lookahead ``(?=[dnprs…])`` listing the characters a match can start
with turns most positions down after one test. It never turns down a position where the pattern
matches, so matches (spans, groups) are the same; a pattern whose first characters cannot be
worked out (it may match the empty string, starts with ``.`` or ``[^…]``, changes flags inside)
is left as it is.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

_CATEGORIES = {
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_UNI_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_UNI_NOT_WORD: r"\W", sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_UNI_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_UNI_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_UNI_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_UNI_NOT_SPACE: r"\S",
}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}


class _Unknown(Exception):
    """A construct whose first characters are not worked out here."""


def guarded(rx: re.Pattern) -> re.Pattern:
    """``rx`` behind a lookahead on the characters a match of it can start with (or ``rx`` itself).

    >>> guarded(re.compile("dém(?:ent|enti)|(?:ne|n')\\\\s+pas", re.I)).pattern
    "(?=[dn])(?:dém(?:ent|enti)|(?:ne|n')\\\\s+pas)"
    """
    if not rx.flags & re.IGNORECASE:
        return rx  # re already skips ahead to a case-sensitive pattern's first characters
    try:
        first, nullable = _first(sre_parse.parse(rx.pattern, rx.flags).data)
        if nullable:
            return rx
        return re.compile("(?=[" + "".join(sorted(first)) + "])(?:" + rx.pattern + ")", rx.flags)
    except (_Unknown, re.error):
        return rx


def _first(items) -> tuple[set[str], bool]:
    """Class items (escaped characters, ``\\w``…) a match of the sequence ``items`` can start
    with, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_of(op, av)
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        return {_class_item(o, a) for o, a in av}, False
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown("flags changed inside the pattern")
        return _first(sub.data)
    if op is sre.BRANCH:
        first, nullable = set(), False
        for sub in av[1]:
            f, n = _first(sub.data)
            first |= f
            nullable |= n
        return first, nullable
    if op in _REPEATS:
        low, _high, sub = av
        first, nullable = _first(sub.data)
        return first, nullable or low == 0
    if op in _ZERO_WIDTH:
        return set(), True
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first(av.data)
    raise _Unknown(op)


def _class_item(op, av) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if op is sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown(op)  # a negated class, or a class of another kind
