"""Assertions: a speaker says that an agent attacks (« des hackers liés à la Chine ont piraté… »,
« Des institutions américaines mènent des piratages… », « selon les Américains, les pirates
chinois… »); the accuser is then the speaker."""

from __future__ import annotations

import re
from functools import cache

from . import cues
from ._text import span_text, text_of
from .actors import Mention
from .clauses import (
    HEDGE,
    IMPERSONATED,
    NEG_BEFORE,
    dateline_end,
    preposition_before,
    speaker_cut,
)
from .phrases import sponsored
from .records import SentenceClaims, Span

_DISCOVER = {"découvrir", "détecter", "déjouer", "repérer", "identifier", "constater", "observer", "signaler",
             "révéler", "dévoiler", "enquêter"}


def assertion_claim(sent, agents, table, speaker: str | None, need_accuser: bool = True) -> SentenceClaims | None:
    """A speaker's claim that an agent attacks; with ``need_accuser`` False, also the claim whose
    speaker is not found (another reading of the sentence names who makes it)."""
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    attacks = cues.find("attack", text)
    threats = [m for m in agents if table.actors[m.key].kind == "ThreatActor"]
    if not attacks and not threats:
        return None
    if set(cues.strategies_in(text)) & {"Denial", "LackOfEvidence"} and not _REPORTED.search(text):
        # a rebuttal sentence names the attack only to deny it; but « le NIS a prétendu que des pirates
        # nord-coréens auraient infiltré … » reports the claim it disparages
        return None
    cut = speaker_cut(sent)
    dateline = dateline_end(sent)
    accusers, accused, targets = [], [], []
    for i, m in enumerate(agents):
        if m.char_start >= cut:
            accusers.append(m.key)
            continue
        if IMPERSONATED.search(text_of(doc)[max(base, m.char_start - 50):m.char_start]) or m.char_end <= dateline:
            continue
        before = text_of(doc)[max(base, m.char_start - 40):m.char_start]
        prep = preposition_before(before)
        if HEDGE.search(before):
            return None  # « les soi-disant cyberattaques des hackers chinois »: the speaker disputes it
        if prep in ("selon", "d'après"):
            accusers.append(m.key)
        elif prep in ("contre", "visant", "ciblant", "à l'encontre de", "sur"):
            targets.append(m.key)
        elif table.actors[m.key].kind == "ThreatActor":
            accused.append(m.key)
        elif any(base + e <= m.char_start for _s, e in attacks) and sponsored(text_of(doc), base, m):
            accused.append(m.key)  # « ces attaques ont été menées sur instruction de l'unité 61419 de l'APL »
        elif _agent_of_attack(sent, m, attacks, prep) or i and agents[i - 1].key in accused and _AND.fullmatch(
                text_of(doc)[agents[i - 1].char_end:m.char_start]):
            accused.append(m.key)  # « conçu par les États-Unis et le régime sioniste »: both
    for s, _e in attacks:
        if NEG_BEFORE.search(text[max(0, s - 40):s]) or HEDGE.search(text[max(0, s - 20):s]):
            return None
    if not accused:
        return None
    if not accusers:
        # Speech verb with its subject before it: « des sources du gouvernement australien indiquent que… »
        for s, _e in cues.find("speech", text):
            subj = [m.key for m in agents if m.char_end <= base + s and m.key not in accused
                    and preposition_before(text_of(doc)[max(base, m.char_start - 40):m.char_start]) not in ("contre", "visant")]
            if subj:
                accusers = subj[:16]
                break
    if not accusers and speaker:
        accusers = [speaker]
    accused = [a for a in dict.fromkeys(accused) if a not in accusers]
    if not accused or need_accuser and not accusers:
        return None
    return SentenceClaims(0, list(dict.fromkeys(accusers)), accused, targets,
                          Span(sent.start_char, sent.end_char, text), "assertion")


@cache
def _done_by() -> re.Pattern:
    """« … aurait été commis par la », ending where the author's name starts (cues.json "carried_out")."""
    done = "|".join(cues.load_cues("carried_out"))
    return re.compile(r"^[^.;:]{0,80}?\b(?:a|ont|aurait|auraient|avait|avaient|serait|seraient|est|sont|était|étaient)\s+"
                      rf"(?:\w+ment\s+)?(?:été\s+)?(?:\w+ment\s+)?(?:{done})\s+par\s+(?:(?:l['’]|la|le|les|des)\s*)?$",
                      re.IGNORECASE)


_REPORTED = re.compile(r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:prétendu|affirmé|assuré|allégué|soutenu|déclaré)\s+"
                       r"(?:[\w'’]+\s+){0,4}?(?:que|qu['’])|"
                       # « a publié de prétendus « résultats d'enquête » selon lesquels le piratage aurait été commis
                       # par la RPDC »: the claim reported, then disparaged
                       r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:publié|rendu publics?|diffusé|présenté)\b[^.;:]{0,80}?"
                       r"\bselon (?:lesquel(?:le)?s|lequel|laquelle)\b", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,|et|ainsi que|,\s*et)\s*(?:la |l['’]|le |les )?", re.IGNORECASE)
_CLEFT = re.compile(r"\b(?:ce sont|c['’]est|ce seraient|c['’]était)\s+(?:les|la|le|l['’]|des|eux|elles)?\s*"
                    r"(?:(?!qui\b)[\w\-]+\s+){0,2}$", re.I)
# « quatre officiers du GRU qui auraient tenté de pirater … »: the antecedent of « qui » attacks
_RELATIVE_AGENT = re.compile(r"^\s*[»\"]?\s*,?\s*qui\s+(?:(?:ne|n['’]|se|s['’]|y|en)\s*)?(?:[\w'’]+\s+){0,3}$", re.I)


_PASSIVE_BEFORE = re.compile(r"\b(?:été|est|sont|était|étaient|serait|seraient|fut|furent)\s+(?:\w+ment\s+)?$", re.IGNORECASE)


def _agent_of_attack(sent, m: Mention, attacks, prep) -> bool:
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    if attacks and all(m.char_end <= base + s and _PASSIVE_BEFORE.search(text[:s]) for s, _e in attacks):
        return False  # « les réseaux du Conseil … du Canada avaient été infiltrés »: the victim
    if any(base + s > m.char_end and _RELATIVE_AGENT.match(text_of(doc)[m.char_end:base + s])
           and not _PASSIVE_BEFORE.search(text_of(doc)[base:base + s]) for s, _e in attacks):
        return True
    if prep == "par" and any(base + e <= m.char_start and _done_by().search(text_of(doc)[base + e:m.char_start])
                             for _s, e in attacks):
        return True  # « le piratage de la KHNP aurait été commis par la RPDC »
    if _CLEFT.search(text_of(doc)[max(base, m.char_start - 40):m.char_start]) and any(
            base + s > m.char_end for s, _e in attacks):
        return True  # « ce sont les États-Unis qui mènent des cyberattaques »
    tok = doc[m.start]
    # The subject of a verb that carries (or governs) the attack words.
    head = tok
    while head.dep_ in ("amod", "nmod", "flat:name", "appos", "conj") and head.head != head:
        head = head.head
    # « des services américains mènent… »: « des » before the noun is an article, not a preposition
    edge = head.left_edge.idx
    head_prep = preposition_before(text_of(doc)[max(base, edge - 40):edge]) if head.i < m.start else prep
    if head.dep_ in ("nsubj", "nsubj:pass") and head_prep not in ("de", "du", "des", "d'", "à", "au", "aux"):
        verb = head.head
        from .discourse import _STANCE, verb_lemma

        for s, e in attacks:
            # « les services britanniques et américains mettaient sur écoute… »: the attack verb
            # follows its subject closely, whatever the parser made of the sentence.
            cue_span = doc.char_span(base + s, base + e, alignment_mode="expand")
            if cue_span is not None and 0 <= cue_span.start - m.end <= 4 and cue_span.root.pos_ in ("VERB", "AUX") \
                    and not any(t.dep_.startswith("nsubj") or t.is_punct for t in doc[m.end:cue_span.start]):
                return True

        if verb.lemma_.lower() in ("victime", "cible", "objet", "proie"):
            return False  # « la Chine est victime de… »: the subject suffers the attack
        if verb_lemma(verb) in _DISCOVER:
            return False  # « le FSB a découvert une action de renseignement »: it found the attack
        if _STANCE.match(verb_lemma(verb)) and verb_lemma(verb) not in ("être", "avoir", "prendre", "publier", "diffuser") \
                or cues.has(
                "speech", text_of(doc)[min(verb.idx, m.char_end):verb.idx + len(verb.text)]):
            return False  # the subject of « a souligné que… » speaks; it does not attack
        span_toks = {t.i for t in verb.subtree}
        for s, e in attacks:
            cue_span = doc.char_span(base + s, base + e, alignment_mode="expand")
            if cue_span is None or cue_span.start <= m.start:
                continue
            if cue_span.start in span_toks:
                return True
            # The parser may hang the object elsewhere: the clause still runs from this subject
            # to the attack words when no other subject stands between them.
            between = doc[m.end:cue_span.start]
            if cue_span.start - m.end < 25 and not any(t.dep_.startswith("nsubj") for t in between):
                return True
    for s, e in attacks:
        # « piraté par X », « de la part des États-Unis »
        if base + e <= m.char_start <= base + e + 45 and re.fullmatch(
                r"\s*(?:[\w'’]+\s+){0,2}?(?:dirigée?s?|menée?s?|lancée?s?|orchestrée?s?|conduite?s?|pilotée?s?|"
                r"opérée?s?|venue?s?|provenant)\s+(?:depuis|de)\s+(?:la |le |l['’]|les )?",
                text_of(doc)[base + e:m.char_start], re.I):
            return True  # « une cyberattaque dirigée depuis la Russie »
        if base + e <= m.char_start <= base + e + 45 and (prep in ("par", "de la part de", "en provenance de") or re.search(
                r"(?:de la part|en provenance)\s+(?:de|des|du|d['’])\s*(?:la |l['’]|les |le )?$",
                text_of(doc)[base + e:m.char_start], re.I)):
            return True
        # « les cyberattaques de Pékin »: « de » right after an attack noun names its author;
        # « dérober des données de nombreux Américains » names the victims.
        if prep in ("de", "du", "des", "d'") and base + e <= m.char_start and re.fullmatch(
                r"\s*(?:de|du|des|d['’])\s*(?:la |l['’]|les |le )?(?:[\w\-]+\s+){0,2}", text_of(doc)[base + e:m.char_start],
                re.I):
            cue = doc.char_span(base + s, base + e, alignment_mode="expand")
            # « le piratage du Bundestag » names the victim; « les cyberattaques de Pékin » the author
            if cue is not None and cue.root.pos_ in ("NOUN", "PROPN") and re.match(
                    r"(?:cyber[- ]?)?attaques?|actions?|opérations?|activités?|campagnes?", cue.text, re.I):
                return True
    return False
