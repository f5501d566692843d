"""Accusations the grammar did not read, found by a model of how French says who blames whom.

``kg/models/accusations.tsv`` weighs the features of ``kg.learn.pairs``; it is learnt from the
pooled gold by ``python -m kg.learn.train_accusations``. A pair of principals whose best sentence
scores at least ``THRESHOLD`` and that the grammar did not read in the document becomes an
accusation, stated in that sentence, carrying the model's confidence.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from ..extract._text import span_text
from ..extract.records import Accusation, Span
from .linear import LinearModel, parse_tsv
from .pairs import CANCELLED, Candidate, sentence_candidates

MODEL = "accusations.tsv"
# Chosen for precision: the model adds what the grammar missed only where it is nearly sure.
THRESHOLD = 0.85
# What the grammar rules out, the model never adds: a negated or refused claim, a hypothesis.
_RULED_OUT = frozenset({CANCELLED, "s_hypothetical"})


@cache
def model() -> LinearModel:
    resource = files("kg") / "models" / MODEL
    return parse_tsv(resource.read_text(encoding="utf-8"), f"kg/models/{MODEL}")


def candidates(reading, skip: frozenset = frozenset()) -> list[Candidate]:
    """Every candidate pair of the document read by ``kg.extract.read_claims`` (but the pairs in ``skip``)."""
    out = []
    for si, sent in enumerate(reading.sents):
        out += sentence_candidates(si, sent, reading.table, reading.ex.principals, reading.speakers[si], skip)
    return out


def _read_pairs(reading) -> set[tuple[str, str]]:
    p = reading.ex.principals
    return {(a, b) for _, acc in reading.located for x in acc.accusers for y in acc.accused
            for a in p(x) for b in p(y)}


def learned_accusations(reading, threshold: float = THRESHOLD) -> list[tuple[int, Accusation]]:
    m = model()
    read = frozenset(_read_pairs(reading))
    best: dict[tuple[str, str], tuple[float, Candidate]] = {}
    # the pairs the grammar read are not described at all: in a long text most pairs recur
    for c in candidates(reading, read):
        if _RULED_OUT.intersection(c.features):
            continue
        score = m.prob(c.features)
        # the first sentence wins a tie: output stays the same whatever the order of equal scores
        if score >= threshold and score > best.get(c.pair, (0.0, None))[0]:
            best[c.pair] = (score, c)
    out = []
    for score, c in sorted(best.values(), key=lambda sc: (sc[1].sentence, sc[1].pair)):
        sent = reading.sents[c.sentence]
        span = Span(sent.start_char, sent.end_char, span_text(sent))
        out.append((c.sentence, Accusation([c.accuser], [c.accused], span, confidence=round(score, 3))))
    return out
