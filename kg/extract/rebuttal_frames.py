"""Rebuttal frames: a sentence, a rebuttal verb found in it (« nier », « démentir », « rejeter » …) and
its actor mentions in; whether the verb answers a claim, and who answers, out.

A rebuttal answers a claim only when what it rejects is one: a claim noun (« ces accusations »), an
anaphor (« les a rejetées »), « toute implication », « avoir … », « que … ». Negation and refusal
cancel it (« n'a pas démenti », « refuse de démentir »), as for claims.
"""

from __future__ import annotations

import re

from . import cues
from ._text import span_text, text_of
from .actors import Mention
from .clauses import NEG_BEFORE, clause_start, dateline_end
from .phrases import (
    CLITIC,
    PARTICIPLE,
    PASSIVE_AUX,
    REFUSAL,
    RELATIVE,
    WHEN_BETWEEN,
    end_of_clause,
    find_antecedent,
    governing_prep,
    in_closed_relative,
)
from .predicates import Predicate

# What a rebuttal verb answers: a claim noun, an anaphor, « toute implication », « avoir … », « que … ».
_CLAIM_OBJECT = re.compile(
    r"^\s*(?:(?:\w+ment|fermement|formellement|catégoriquement|aussitôt|alors|encore|une nouvelle fois|à nouveau|"
    r"en bloc|d['’]un revers de (?:la )?main|avec (?:force|fermeté|vigueur)|vivement)\s+)*"
    r"(?:(?:(?:ces|les|des|de telles|toutes? (?:ces|les)|l['’]ensemble (?:de ces|des)|cette|ses|leurs?|une?|la|l['’]|"
    r"ce|cet|pareilles?|tous? (?:ces|les))\s*(?:[\w'’«»\"-]+\s+){0,3}?(?:accusations?|allégations?|affirmations?|"
    r"imputations?|attributions?|informations|rapports?|propos|insinuations?|spéculations?|assertions?|soupçons|"
    r"mises? en cause|déclarations?|conclusions?|critiques?|version|thèse|reproches?|charges?|griefs?|"
    r"accusateurs?|rumeurs?|récits?|inculpations?|sanctions?))|"
    r"(?:toute?s?|la moindre|une quelconque|quelque)\s+(?:\w+\s+)?(?:implication|responsabilité|participation|rôle|"
    r"lien|ingérence|accusation|allégation|intervention|attaque)|"
    r"(?:avoir|d['’]avoir|être|d['’]être)\b|(?:que|qu['’])|[.;:]|$)", re.IGNORECASE)
_CLAIM_NOUN = re.compile(r"\b(?:accusations?|allégations?|affirmations?|imputations?|attributions?|informations|rapports?|"
                         r"insinuations?|assertions?|soupçons|mises? en cause|déclarations?|conclusions?)\b\W*"
                         r"(?:[\w'’]+\s+){0,4}$", re.IGNORECASE)
# The nouns that name a claim being answered (« ces accusations », « ces insinuations »)
_CLAIM_WORDS = r"accusations?|allégations?|affirmations?|imputations?|attributions?|insinuations?"
_AFTER_CLAIM_NOUN = re.compile(rf"\b(?:{_CLAIM_WORDS}|mises? en cause)\s+(?:(?:toutes?|tous|aussitôt|déjà|immédiatement|"
                               r"\w+ment)\s+)*$", re.IGNORECASE)
_CLAIM_NOUN_ANY = re.compile(rf"\b(?:{_CLAIM_WORDS})\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?:^|[\s,;:«])(?:nous|je|j['’])\s*(?:\w+\s+)?(?:(?:les|la|le|l['’]|leur|lui|y|en|avons|"
                           r"avions|ai|avais|aurions|déjà|toujours|aussi|également|\w+ment)\s*){0,3}$", re.IGNORECASE)


def read_rebuttal(sent, agents: list[Mention], table, pred: Predicate, ps: int, pe: int) -> tuple[bool, list[str]]:
    """Whether the rebuttal verb at ``[ps, pe)`` answers a claim, and who answers (empty when the
    speaker does: « Nous rejetons ces accusations », or nobody is named)."""
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    full = text_of(doc)
    tok = doc.char_span(base + ps, base + pe, alignment_mode="expand")
    if tok is None:
        return False, []
    cstart = doc[clause_start(sent, tok.start)].idx if tok.start > sent.start else base
    cstart = max(cstart, dateline_end(sent))
    before = full[cstart:base + ps]
    if NEG_BEFORE.search(before[-30:]) or REFUSAL.search(before[-45:]):
        return False, []  # « n'a pas démenti », « refuse de démentir »
    after = text[pe:]
    participle = bool(PARTICIPLE.search(full[base + ps:base + pe].split()[0]))
    # « des accusations toutes rejetées par Pékin »: a participle right after the claim noun is passive too
    passive = participle and bool(PASSIVE_AUX.search(before[-45:]) or _AFTER_CLAIM_NOUN.search(before[-60:]))
    if passive:
        # « ces allégations ont été démenties par Pékin »: the claim is the subject, the agent answers
        if not _CLAIM_NOUN.search(_last_noun_phrase(before)[-60:]) and not _claim_subject(tok.root):
            return False, []
        clause_end = base + end_of_clause(text, pe)
        agents_par = [m for m in agents if base + pe <= m.char_start < clause_end
                      and governing_prep(doc, base, m) == "par"]
        return True, [m.key for m in agents_par[:1]]
    clitic = CLITIC.search(before[-20:]) and _CLAIM_NOUN_ANY.search(full[max(base - 300, 0):base + ps])
    if clitic:
        pass  # « Interrogé sur ces accusations, Peskov les a rejetées »: the pronoun is the claim
    elif pred.lemma in ("dénoncer", "qualifier") or pred.lemma == "rejeter":
        if not _CLAIM_OBJECT.match(after) or re.match(r"^\s*(?:[.;:]|$|que|qu['’])", after):
            return False, []
    elif not _CLAIM_OBJECT.match(after) and not re.match(r"^\s*(?:\w+ment\s+)?(?:[,.;:]|$)", after) and not (
            pred.lemma in ("nier", "démentir") and _denied_attack(after)):
        return False, []
    if _FIRST_PERSON.search(before[-45:]):
        return True, []
    rel = RELATIVE.search(full[max(base, base + ps - 80):base + ps])
    if rel and rel.group("w").lower() == "qui":
        ante = find_antecedent(full, agents, cstart, rel, base + ps)
        if ante is not None:
            return True, [ante.key]
    left = [m for m in agents if cstart <= m.char_start and m.char_end <= base + ps
            and governing_prep(doc, base, m) is None and table.actors[m.key].kind != "ThreatActor"
            and not in_closed_relative(full, cstart, base + ps, m)]
    if left:
        return True, [left[0].key]
    if ps <= 3 or before.strip() == "":
        # « Démentant ces accusations, Pékin a … » / « Accusé …, Moscou a démenti »: the main subject
        comma = full.find(",", base + pe, sent.end_char)
        subj = [m for m in agents if comma >= 0 and m.char_start > comma and governing_prep(doc, base, m) is None]
        if subj:
            return True, [subj[0].key]
    return True, []


def _denied_attack(after: str) -> bool:
    """« Pékin nie les cyberattaques que lui imputent … », « dément toute cyberattaque »: to deny an attack is
    to deny the claim that one made it."""
    m = re.match(r"\s*(?:(?:\w+ment|en bloc)\s+)?(?:toute?s?\s+(?:les\s+|ces\s+)?|(?:les|ces|la|le|l['’]|cette|cet|ce|des|une?|"
                 r"ses|leurs?)\s*)", after, re.IGNORECASE)
    if m is None:
        return False  # « nie mener des cyberattaques »: an infinitive, read as any denial of having acted
    if re.match(r"faits\b", after[m.end():]):
        return True  # « Pékin nie les faits »
    return any(s <= m.end() + 12 for s, _ in cues.find("attack", after[:m.end() + 60]))


def _claim_subject(verb) -> bool:
    """« Les accusations de piratage formulées par Londres ont été rejetées »: the passive subject, however
    long its complements, is a claim noun."""
    return any(c.dep_ in ("nsubj:pass", "nsubj") and _CLAIM_NOUN_ANY.fullmatch(c.text) for c in verb.children)


def _last_noun_phrase(before: str) -> str:
    """The words before a passive auxiliary chain (« Ces allégations ont été »)."""
    return re.sub(r"\b(?:ont|a|avaient|avait|auraient|aurait)?\s*(?:été|est|sont|étaient|était|seraient|serait)\s+"
                  rf"(?:(?:\w+ment|{WHEN_BETWEEN})\s+)*$",
                  "", before)[-80:]
