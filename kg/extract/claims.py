"""Accusations: a parsed ``Doc`` with its actors and speakers in, ``Accusation`` records out.

Two shapes carry an accusation in the genre. A *report*: an accuser attributes an attack
(« Washington accuse Pékin… », « imputé à l'armée russe », « attribuées au GRU par le
Royaume-Uni », « l'inculpation de quatre Chinois »). An *assertion*: a speaker says that an
agent attacks (« des hackers liés à la Chine ont piraté… », « Des institutions américaines
mènent des piratages… », « selon les Américains, les pirates chinois… »); the accuser is then
the speaker. Negated, hypothetical and rhetorical sentences give nothing.

This module picks the sentences that can carry a claim and completes and assembles what
``reports`` and ``assertions`` read in them; ``clauses`` holds what both need to know about the
words around a mention.
"""

from __future__ import annotations

import re

from . import cues
from ._text import sentences, span_text, text_of
from .actors import ActorTable, Mention
from .assertions import assertion_claim
from .clauses import (
    INCIDENT_WORD,
    subject_agent_key,
)
from .predicates import find_predicates
from .records import Accusation, SentenceClaims
from .reports import report_claims

_ANAPHORIC = re.compile(r"\b(?:ces|cette|ses|leurs) (?:accusations?|attributions?|affirmations?|allégations?|conclusions?)|"
                        r"à (?:son|leur) compte|\bs['’]associ\w* à (?:cette|ces|l['’])\s*(?:attribution|accusation|déclaration)|"
                        r"se (?:sont )?joint|à (?:son|leur) tour|lui aussi|elle aussi|"
                        r"eux aussi|également mis en cause|mis en cause|align\w* sur", re.IGNORECASE)


# « La Russie est-elle derrière … ? », « Est-ce que Pékin accuse … ? »: a question asks whether
_ASKS_WHETHER = re.compile(r"\b[\w'’]+-(?:t-)?(?:il|elle|ils|elles|on)\b[^,;:]{0,40}\b(?:derrière|responsables?|accus\w*|"
                           r"attribu\w*|impliqu\w*|soupçonn\w*|origine)|\best-ce que\b", re.IGNORECASE)


def _is_cyber(sent, agents: list[Mention], table: ActorTable) -> bool:
    text = span_text(sent)
    if cues.has("cyber", text) or cues.has("attack", text):
        return True
    return any(table.actors[m.key].kind == "ThreatActor" and m.key.startswith("threat:") and "-" not in m.key[7:9]
               for m in agents)


def _context_is_cyber(doc, sents, blocks) -> list[bool]:
    """Whether each sentence stands in a cyber context: its paragraph (or, in a question/answer
    text, its block) speaks of cyber. « La Maison Blanche a pointé du doigt l'armée russe » is an
    attribution because the paragraph is about a cyberattack."""
    from .discourse import block_of

    text = text_of(doc)
    qa = any(b.kind == "R" for b in blocks)
    out = []
    for sent in sents:
        if qa:
            b = block_of(blocks, sent.start_char)
            if b.kind == "R":
                # An answer is about what its question asks.
                prev = [x for x in blocks[: b.index] if x.kind == "Q"]
                b = prev[-1] if prev else b
            scope = text[b.start:b.end]
        else:
            start = text.rfind("\n", 0, sent.start_char) + 1
            end = text.find("\n", sent.end_char)
            scope = text[start:end if end >= 0 else len(text)]
        out.append(cues.has("cyber", scope) or cues.has("attack", scope))
    return out


def sentence_claims(doc, table: ActorTable, speakers: list[str | None], blocks=None, rhetorical_ok: bool = False
                    ) -> list[SentenceClaims]:
    out: list[SentenceClaims] = []
    sents = sentences(doc)
    from .discourse import block_of, find_blocks

    blocks = blocks or find_blocks(text_of(doc))
    context = _context_is_cyber(doc, sents, blocks)
    we = _declared_we(doc, table)
    # In a text about a cyber incident (not a multi-topic press conference), « l'attaque »,
    # « l'incident » refer to it.
    topical = not any(b.kind == "R" for b in blocks) and sum(context) >= max(2, len(context) // 3)
    last_subject: str | None = None
    for si, sent in enumerate(sents):
        text = span_text(sent)
        if not text.strip():
            continue
        agents = table.in_span(sent.start, sent.end)
        previous_subject = last_subject
        if agents:
            last_subject = subject_agent_key(sent, agents) or last_subject
        if not agents:
            continue
        if not _is_cyber(sent, agents, table) and not (context[si] or (si and context[si - 1] and
                                                                       cues.has("report", text))):
            if not (topical and cues.has("report", text) and INCIDENT_WORD.search(text)) and not (
                    out and (cues.has("take_up", text) or find_predicates(text, ("join",)))):
                # (taking up an attribution is about the claims made before it, whatever its words)
                continue
        question = text.rstrip().endswith("?") and not rhetorical_ok
        if question and (not cues.has("report", text) or _ASKS_WHETHER.search(text)):
            continue
        if cues.has("hypothetical", text):
            continue
        found = report_claims(sent, agents, table) or [assertion_claim(sent, agents, table, speakers[si])]
        joins = [c for c in found if c and c.kind == "join" and not c.accused]
        if joins and (said := assertion_claim(sent, agents, table, None, need_accuser=False)):
            # « X a publié un avis, cosigné par les agences de Y et de Z, selon lequel le groupe APT40 agit
            # pour le compte du MSS »: those who sign the claim make it, with its author
            for c in joins:
                c.accused = [k for k in said.accused if k not in c.accusers]
                subject = subject_agent_key(sent, agents)
                c.accusers = list(dict.fromkeys(said.accusers + ([subject] if subject else []) + c.accusers))
                c.kind = "report"
        if question:
            # « Comment commentez-vous la déclaration de Londres, selon laquelle le GRU serait
            # responsable ? »: a question reports a claim only with its author named
            found = [c for c in found if c and c.kind in ("report", "join") and c.accusers]
        for claim in found:
            _add_claim(out, claim, sent, si, agents, table, speakers, previous_subject)
            if claim is not None and we and sent.start_char >= we[0] and block_of(blocks, sent.start_char).kind == "text" \
                    and claim.accusers and set(claim.accusers) <= set(we[1]) | {speakers[si]}:
                # « Nous, États participants - l'Allemagne, l'Australie, … -, avons publié … »: the statement
                # speaks for all who sign it
                claim.accusers = list(dict.fromkeys(we[1] + claim.accusers))
    return out


_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;:]\s+)(?:il|elle|ils|elles)\s+(?:(?:ne|n['’]|les?|la|l['’]|leur|lui|y|en)\s*)*"
                              r"(?:a|ont|avait|avaient|aurait|auraient|vient|viennent|\w+(?:e|ent|ait|aient))\b")
_WE = re.compile(r"(?:^|\n)\W{0,3}Nous,\s+(?P<who>[^\n]{10,600}?)[\s,\-–—]+(?:avons|sommes|condamnons|déclarons|appelons|"
                 r"exprimons|réaffirmons|souhaitons|dénonçons|attribuons|estimons|publions|saluons|partageons|soutenons|"
                 r"exhortons|affirmons|constatons|notons|dénonçons|tenons)\b")


def _declared_we(doc, table: ActorTable) -> tuple[int, list[str]] | None:
    """The States a joint statement's « Nous, … » lists, and where it starts."""
    m = _WE.search(text_of(doc))
    if m is None:
        return None
    keys = [x.key for x in table.mentions if m.start("who") <= x.char_start < m.end("who")
            and table.actors[x.key].kind in ("State", "InternationalOrganization") and not x.location]
    keys = list(dict.fromkeys(keys))
    return (m.start("who"), keys) if len(keys) >= 2 else None


def _add_claim(out, claim, sent, si, agents, table, speakers, previous_subject: str | None = None) -> None:
    """Complete a claim's accuser from the sentence, then keep it."""
    if claim is None:
        return
    if not claim.accusers:
        # « X a convoqué…, après que le gouvernement fédéral a imputé à des acteurs chinois… »: an
        # unnamed accuser is the subject the sentence is about, or else its speaker.
        subject = subject_agent_key(sent, agents)
        # « Le Danemark, dont l'armateur…, a mis en cause Moscou »: the parser may miss the subject,
        # but a sentence that opens on an agent is about it.
        opener = next((m.key for m in agents if m.start <= sent.start + 2), None)
        if not subject and opener and table.actors[opener].kind != "ThreatActor":
            subject = opener
        if not subject and previous_subject and _PRONOUN_SUBJECT.search(span_text(sent)[:120]):
            # « Washington a choisi de jouer au justicier. Entouré de quelques alliés, il a lancé une salve
            # d'accusations contre la Chine »: the pronoun continues the subject before it
            subject = previous_subject
        if subject and subject not in claim.accused and table.actors[subject].kind != "ThreatActor":
            claim.accusers = [subject]
        elif speakers[si] and speakers[si] not in claim.accused:
            claim.accusers = [speakers[si]]
    elif claim.answered and not claim.accused and speakers[si] and speakers[si] not in claim.accusers and \
            cues.strategies_in(span_text(sent)):
        # « une déclaration au sujet des allégations infondées de Séoul »: who answers the
        # allegations is the one they accuse
        claim.accused = [speakers[si]]
    speaker = speakers[si]
    if speaker and (table.actors[speaker].affiliated or table.actors[speaker].kind != "Person"):
        # « …, a déclaré le ministre des Affaires numériques, M. Gawkowski »: an official named
        # without his State speaks for the one the text speaks for
        claim.accusers = [speaker if table.actors[a].kind == "Person" and not table.actors[a].affiliated
                          and table.actors[a].role else a for a in claim.accusers]
        claim.accusers = list(dict.fromkeys(a for a in claim.accusers if a not in claim.accused))
    claim.sentence = si
    out.append(claim)


def to_accusations(claims: list[SentenceClaims], table: ActorTable, principal_of) -> list[tuple[int, Accusation]]:
    """Turn sentence claims into accusations; fill a missing accused from the previous accusation
    (« la Norvège reprend à son compte ces accusations »), drop self-accusations."""
    out: list[tuple[int, Accusation]] = []
    # Taking up a claim (« des déclarations allant dans le même sens », « faire chorus ») joins the
    # claim the text reports, not the accused's answer to it: the accused most often blamed so far,
    # the first blamed on a tie, in the latest accusation against it.
    times: dict[str, int] = {}
    first: dict[str, int] = {}
    for c in claims:
        accused = c.accused
        if not accused and out and (c.kind == "join" or c.kind == "report" and (
                _ANAPHORIC.search(c.evidence.text) or cues.has("take_up", c.evidence.text))):
            top = min(times, key=lambda p: (-times[p], first[p]))
            accused = next(a.accused for _si, a in reversed(out) if top in {p for k in a.accused for p in principal_of(k)})
        named = {p for a in accused if table.actors[a].kind in ("State", "InternationalOrganization")
                 for p in principal_of(a)}
        if named:
            # « des activités nommées « Ghostwriter », associées à l'État russe »: the State the claim
            # names wins over the sponsor that reference data gives the group
            accused = [a for a in accused if table.actors[a].kind != "ThreatActor" or principal_of(a) & named
                       or not principal_of(a)]
        accusers = [a for a in c.accusers if principal_of(a)]
        accused_p = {p for a in accused for p in principal_of(a)}
        accusers = [a for a in accusers if not principal_of(a) <= accused_p] or []
        accused = [a for a in accused if not principal_of(a) <= {p for x in accusers for p in principal_of(x)}]
        if not accusers or not accused:
            continue
        for p in sorted({p for a in accused for p in principal_of(a)}):
            times[p] = times.get(p, 0) + 1
            first.setdefault(p, len(out))
        out.append((c.sentence, Accusation(accusers=accusers, accused=accused, evidence=c.evidence)))
    return out
