"""Extraction: a parsed document in, an ``Extraction`` of plain records out (no RDF here).

Order: actors and persons → speakers → accusations → rebuttals (with counter-accusations) →
responses, incidents, statistics and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues, predicates
from ._text import sentences, span_text, text_of
from .actors import ActorTable, find_actors
from .claims import sentence_claims, to_accusations
from .dates import document_date, sentence_date
from .discourse import answer_speakers, find_blocks, sentence_speakers
from .events import find_incidents, find_responses
from .lexicon import load_lexicon
from .numbers import find_statistics
from .persons import find_persons
from .rebuttals import find_rebuttals
from .records import Extraction

__all__ = ["ClaimReading", "extract", "read_claims"]


def state_key_of(ex: Extraction):
    def state_key(code: str) -> str:
        key = f"state:{code}"
        if key not in ex.actors:
            # Principals are States or organisations already in the table.
            key = next(k for k, a in ex.actors.items() if a.code == code)
        return key

    return state_key


def unaffiliated_speakers(sents, speakers, located, ex: Extraction, state_key) -> bool:
    """A spokesperson whose text names no State (« la porte-parole du ministère des Affaires
    étrangères, Hua Chunying ») answers for the side just accused: their sentences speak for the
    principal of the latest accusation before them."""
    changed = False
    for i, sp in enumerate(speakers):
        if not sp or not sp.startswith("person:") or ex.principals(sp):
            continue
        # Only an official whose office says he speaks (a spokesperson, a diplomat, a ministry)
        # answers for the accused; « le secrétaire d'État », or a name with no office in the text,
        # may as well be on the accusing side.
        role = (ex.actors[sp].role or "").lower() if sp in ex.actors else ""
        if not re.search(r"porte-parole|ambassad|diplomat|ministère|ministre", role):
            continue
        before = [acc for si, acc in located if si < i]
        text = span_text(sents[i])
        if not before or not (cues.strategies_in(text) or cues.has("attack", text)):
            continue
        accused = sorted({p for k in before[-1].accused for p in ex.principals(k)})
        if len(accused) == 1:
            speakers[i] = state_key(accused[0])
            changed = True
    return changed


@dataclass
class ClaimReading:
    """What reading a document's claims leaves: its actors, sentences, speakers and accusations."""

    table: ActorTable
    ex: Extraction
    sents: list
    blocks: list
    speakers: list
    located: list  # (sentence index, Accusation)


def read_claims(doc_id: str, doc) -> ClaimReading:
    """Actors, speakers and the accusations the grammar reads (the first half of ``extract``)."""
    cues.forget()
    predicates.forget()
    lex = load_lexicon()
    table: ActorTable = find_actors(doc, lex)
    find_persons(doc, table)
    ex = Extraction(doc_id=doc_id, actors=table.actors)

    sents = sentences(doc)
    speakers = sentence_speakers(doc, table, ex.principals)
    blocks = find_blocks(text_of(doc))
    claims = sentence_claims(doc, table, speakers, blocks)
    located = to_accusations(claims, table, ex.principals)
    changed = answer_speakers(sents, blocks, speakers, located, ex.principals)
    changed |= unaffiliated_speakers(sents, speakers, located, ex, state_key_of(ex))
    if changed:
        # In an answer the speaker is the accused of the question: a second pass lets its
        # counter-accusations (« ce sont les États-Unis qui… ») have an accuser.
        claims = sentence_claims(doc, table, speakers, blocks)
        located = to_accusations(claims, table, ex.principals)
    return ClaimReading(table, ex, sents, blocks, speakers, located)


def extract(doc_id: str, doc, date: str | None = None) -> Extraction:
    """Extract actors and claims from a spaCy ``doc`` of the document ``doc_id``.

    ``date`` is the document's date from its metadata (ISO, possibly partial); when absent it is
    looked for at the top of the text.
    """
    from ..learn.accusations import learned_accusations

    r = read_claims(doc_id, doc)
    table, ex, sents, blocks, speakers = r.table, r.ex, r.sents, r.blocks, r.speakers
    ex.date = date or document_date(text_of(doc))
    # What the grammar did not read, the model of how French says who blames whom may: its pairs
    # join the grammar's, each with its sentence and the model's confidence.
    located = sorted(r.located + learned_accusations(r), key=lambda sa: sa[0])
    for si, acc in located:
        acc.date = sentence_date(span_text(sents[si]), ex.date)
    ex.accusations = [a for _, a in located]

    state_key = state_key_of(ex)
    ex.rebuttals = find_rebuttals(sents, blocks, speakers, located, table, ex.principals, state_key)
    for reb in ex.rebuttals:
        first = reb.evidence[0]
        reb.date = sentence_date(first.text, ex.date) or ex.date
    ex.incidents = find_incidents(doc, located, table, ex)
    ex.responses = find_responses(doc, table, ex)
    ex.statistics = find_statistics(doc, table, ex)
    # An actor is mentioned in the document when the text names it; principals reached only
    # through affiliation are not "mentioned" unless named too.
    return ex
