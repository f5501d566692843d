"""Phrases around a predicate: a sentence's text, a predicate's place in it and the actor mentions in;
the words that bind a mention to the predicate out (the preposition that governs it, the noun « qui »
stands for, the noun a participle describes, where the clause ends, whether the predicate is passive,
refused, or names the author or sponsor of an attack).

The small French parser misreads just these sentences often (« Paris accuse Moscou » as a noun
phrase, an agent hung on a date): these helpers read the order of words and the prepositions that
govern the mentions, so a misparse does not lose the claim. Shared by ``kg.extract.frames``,
``kg.extract.noun_frames`` and ``kg.extract.rebuttal_frames``.
"""

from __future__ import annotations

import re
from functools import cache

from . import cues
from ._text import text_of
from .actors import Mention
from .clauses import INCIDENT_WORD, NEG_BEFORE, mention_prep

# Words of time that stand between an auxiliary and its participle (« ont été aussitôt démenties », « ont été
# jeudi rejetées »)
WHEN_BETWEEN = r"aussitôt|vite|encore|toujours|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# Auxiliaries of the passive (with their adverbs): « a été accusé », « sont soupçonnés », « serait imputée ».
PASSIVE_AUX = re.compile(r"\b(?:été|est|sont|était|étaient|serait|seraient|soit|soient|fut|furent|sera|seront|"
                         r"être|étant)\s+(?:(?:\w+ment|déjà|aussi|également|ainsi|publiquement|notamment|"
                         rf"formellement|officiellement|directement|souvent|à nouveau|de nouveau|une nouvelle fois|"
                         rf"{WHEN_BETWEEN})\s+)*$", re.IGNORECASE)
CLITIC = re.compile(r"(?:^|\s)(?:les|la|le|l['’])\s*(?:(?:ont|a|avait|avaient|aurait|auraient|avoir|ayant|avons|avions|"
                    r"ai|avais|avez|aviez)\s+(?:(?:\w+ment|déjà|toujours|aussi|également|aussitôt|immédiatement)\s+)*)?$",
                    re.IGNORECASE)
PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$|^(?:mise?s?|tenue?s?|démentie?s?|inscrite?s?)$", re.IGNORECASE)
# What cancels a predicate before it: refusing or avoiding it, denying having done it.
REFUSAL = re.compile(r"(?:\b(?:refus\w*|(?:se\s+|s['’])(?:(?:est|était|sont|étaient|serait|seraient)\s+)?"
                     r"(?:(?:bien|soigneusement|toujours|prudemment|jusqu['’]ici)\s+)*gard\w*|évit\w+|renonc\w+|s['’]abst\w+|abstenu\w*|"
                     r"sans|ni))\s+(?:(?:de|d['’]|à)\s*)?(?:(?:\w+ment|publiquement|formellement)\s+)?"
                     r"(?:(?:l['’]|les|le|la)\s*)?$|"
                     r"\b(?:dém\w+|ni(?:e|ent|ait|é)|récus\w+|conteste\w*)\s+(?:avoir\s+|d['’]avoir\s+)(?:\w+\s+)?$|"
                     r"\b(?:qui|que)\s+(?:ne|n['’])\s", re.IGNORECASE)
_NOT_AFTER = re.compile(r"\s*(?:pas|jamais|aucun\w*|nullement|aucunement)\b")
_RESTRICTIVE = re.compile(r"\bne\s+(?:\w+\s+)?que\b|\bnon seulement\b")


def cancelled(before: str, after: str) -> bool:
    """Whether a predicate is negated or refused, given its clause's text ``before`` it and the
    text ``after`` it: « n'a pas accusé », « refuse de désigner », « dément avoir accusé »
    (« ne … que », « non seulement » restrict, they do not negate)."""
    return bool(NEG_BEFORE.search(before[-30:]) and not _RESTRICTIVE.search(before[-30:])
                or REFUSAL.search(before[-45:]) or _NOT_AFTER.match(after))


RELATIVE = re.compile(r"(?:^|[\s,])(?P<w>qui|que|qu['’])\s+(?:(?:ne|n['’]|se|s['’]|l['’]|les|la|le|lui|leur|y|en|"
                      r"a|ont|avait|avaient|aurait|auraient|est|sont|avaient|déjà|aussi|également|elle-même|"
                      r"lui-même|eux-mêmes|désormais|ouvertement|publiquement|formellement|officiellement|"
                      r"directement|notamment)\s*)*$", re.IGNORECASE)
# « Moscou, que Canberra met en cause pour …, a nié »: a relative closed by a comma
_CLOSED_RELATIVE = re.compile(r",\s*(?:qui|que|qu['’]|dont|où)\b[^,;:]*,", re.IGNORECASE)

# « à l'encontre de pirates russes »: a preposition of several words, ending in « de »
_COMPOUND_DE = re.compile(r"(?P<p>à\s+l['’]encontre|de\s+la\s+part|en\s+provenance|à\s+l['’]égard)\s+(?:de|des|du|d['’])\s*"
                          r"(?:(?:l['’]|la|le|les)\s*)?(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)
_PREPOSITIONS = {"à", "par", "contre", "selon", "avec", "pour", "sur", "dans", "vers", "chez", "envers", "entre", "de", "d'"}


def governing_prep(doc, base: int, m: Mention) -> str | None:
    """The preposition governing a mention, where « des » is read as what it is: an article after a
    verb (« accuse des hackers russes »), « de » after a noun (« les accusations des États-Unis »), or
    the article after another preposition (« attribuées à des hackers »)."""
    p = mention_prep(doc, base, m)
    if p is not None:
        seg = text_of(doc)[max(base, m.char_start - 45):m.char_start].lower().replace("’", "'")
        last_p = max((x.end() for x in re.finditer(rf"(?<![\w-]){re.escape(p)}(?![\w-])", seg)), default=-1)
        if any(x.start() >= last_p for x in re.finditer(r"(?<![\w-])(?:que|qu'|qui)(?![\w-])", seg)):
            return None  # « au sujet du fait que les autorités des États-Unis »: a new clause begins
    if p in ("de", "des", "du", "d'"):
        before = text_of(doc)[max(base, m.char_start - 60):m.char_start]
        compound = _COMPOUND_DE.search(before)
        if compound:
            return re.sub(r"\s+", " ", compound.group("p").lower().replace("’", "'")) + " de"
    if p != "des":
        return p
    for i in range(m.start - 1, max(m.start - 5, -1), -1):
        if doc[i].lower_ == "des":
            prev = doc[i - 1] if i > 0 else None
            if prev is None:
                return None
            if prev.lower_ in _PREPOSITIONS or prev.lower_ in ("au", "aux", "d’"):
                return {"d’": "d'"}.get(prev.lower_, prev.lower_)
            return "de" if prev.pos_ in ("NOUN", "PROPN") else None
    return p


def noun_chain(doc, full: str, start: int, mentions: list[Mention], prep) -> Mention | None:
    """The first name in the complements of the noun phrase that starts at ``start`` (« l'unité 29155
    du GRU », « les services de renseignement de la Fédération de Russie »): only « de » and names stand
    between, no verb, no punctuation but parentheses."""
    for m in mentions:
        if m.char_start < start:
            continue
        gap = full[start:m.char_start]
        if len(gap) > 140 or re.search(r"[,;:«»]", gap) or prep[id(m)] not in ("de", "du", "des", "d'", None):
            return None
        span = doc.char_span(start, m.char_start, alignment_mode="contract") if gap.strip() else None
        if span is not None and any(t.pos_ in ("VERB", "AUX") or t.lower_ in ("avoir", "être") for t in span):
            return None
        if re.search(r"\b(?:à|au|aux|par|contre|pour|dans|sur|avec|en|visant|selon)\s", gap):
            return None
        return m
    return None


def end_of_clause(text: str, pe: int) -> int:
    """Where the clause of the predicate ending at ``pe`` ends (characters in the sentence ``text``)."""
    m = re.search(r"[;:]|\.\s|,\s+(?:et|mais|tandis que|alors que|puis|tandis|avant|après)\s+(?:l['’]|le|la|les|[A-ZÉ])|"
                  r",\s+(?:a|ont)\s+(?:\w+\s+)?(?:déclaré|affirmé|indiqué|ajouté|souligné|précisé|expliqué)|"
                  # « …, une accusation aussitôt rejetée par Moscou »: a noun in apposition sums the clause up
                  r",\s+(?:une?|cette|ces|des)\s+(?:[\w\-]+\s+)?(?:accusations?|allégations?|mises? en cause|attributions?|"
                  r"imputations?|inculpations?|décisions?|démarches?|mesures?|premières?)\b",
                  text[pe:])
    return pe + m.start() if m else len(text)


def find_antecedent(full, mentions, cstart, rel, at) -> Mention | None:
    """The mention that « qui / que » stands for: the one that ends right before it."""
    # ``rel`` matched the text just before the predicate
    rel_at = at - (len(rel.string) - rel.start("w"))
    cands = [m for m in mentions if m.char_end <= rel_at and rel_at - m.char_end <= 40
             and not re.search(r"[;:.]", full[m.char_end:rel_at])]
    if not cands:
        return None
    last = cands[-1]
    # « l'agence de renseignement militaire russe, qui » — the nearest name before the pronoun
    gap = full[last.char_end:rel_at]
    if len(re.findall(r"\w+", gap)) > 4:
        return None
    return last


def described(full, mentions, sent, cstart, at, antecedent, left, prep) -> list[Mention]:
    """The mentions a passive predicate or participle says something of: its subject (« la Russie a été
    accusée »), the noun it follows (« quatre officiers du GRU, accusés de »), or, for an adjunct at
    the head of the sentence (« Accusé par Berlin de …, Moscou a … »), the subject of the main clause."""
    if antecedent:
        return [antecedent]
    near = [m for m in left if at - m.char_end <= 60 and not re.search(r"[;:]", full[m.char_end:at])]
    if near and re.search(r",\s*(?:(?:\w+ment|aussi|également|déjà|notamment)\s+)*$", full[max(cstart, at - 30):at]):
        # « un ingénieur chinois, membre du Parti, soupçonné de … »: the noun the participle follows
        return [near[-1]]
    subj = [m for m in left if prep[id(m)] is None]
    if subj:
        return [subj[0]]
    if near:
        return [near[-1]]
    if at - cstart <= 3 or at - sent.start_char <= 3:
        # An adjunct: the subject follows the comma that closes it.
        comma = full.find(",", at, sent.end_char)
        if comma < 0:
            return []
        after = [m for m in mentions if m.char_start > comma and m.char_start - comma <= 40
                 and prep.get(id(m)) is None]
        return after[:1]
    return []


def in_closed_relative(full: str, start: int, end: int, m: Mention) -> bool:
    """Whether the mention stands inside a relative closed by commas in ``full[start:end]``."""
    return any(x.start() + start < m.char_start < x.end() + start for x in _CLOSED_RELATIVE.finditer(full[start:end]))


def author_of_attack(full: str, base: int, attacks, m: Mention) -> bool:
    """« les activités malveillantes d'APT28 », « les cyberattaques de la Russie »: « de » right after an
    attack noun names its author."""
    return any(0 <= m.char_start - (base + e) <= 25 and re.fullmatch(
        r"\s*[«»\"]?\s*(?:(?:de|du|des|d['’])\s*(?:(?:l['’]|la|le|les)\s*)?(?:[\w\-]+\s+){0,2})?", full[base + e:m.char_start])
        for _s, e in attacks)


def after_attack_word(text: str, base: int, ps: int, m: Mention) -> bool:
    """« … de cyberattaques menées par le GRU », « piratés par APT28 »: the agent of an attack."""
    rel_start = m.char_start - base
    for s, e in cues.find("attack", text):
        if re.fullmatch(r"(?:hackers?|pirates?)", text[s:e], re.IGNORECASE):
            continue  # who attacks, not an attack
        if ps < s and e <= rel_start <= e + 60 and re.fullmatch(
                r"\s*[«»\"]?\s*(?:[\w'’]+\s+){0,2}?(?:(?:menée?s?|conduite?s?|perpétrée?s?|orchestrée?s?|lancée?s?|"
                r"commise?s?|réalisée?s?|effectuée?s?|pilotée?s?|dirigée?s?)\s+(?:[\w'’]+\s+){0,2}?)?"
                r"(?:par|de la part (?:de|du|des|d['’]))\b(?:(?!\b(?:contre|visant|ciblant|pour|dans|sur|afin|en)\b)[^,;:])*",
                text[e:rel_start], re.IGNORECASE):
            return True
    return False



@cache
def _sponsor_regex() -> re.Pattern:
    alts = "|".join(cues._load("cues.json")["sponsor"])
    return re.compile(rf"(?:{alts})\s*(?:(?:l['’]|la|le|les)\s*)?(?:(?:État|Etat|gouvernement|régime)\s+)?$", re.IGNORECASE)


def sponsored(full: str, base: int, m: Mention) -> bool:
    """Whether the mention is named as the one an attacker acts for (« pour le compte de X »)."""
    return bool(_sponsor_regex().search(full[max(base, m.char_start - 45):m.char_start]))


def blames_claims(act: str) -> bool:
    """« reproche à Berlin d'avoir porté des accusations sans fondement », « accuse Washington de
    calomnier la Chine »: what is blamed is a claim, not an attack (cues.json "claim_act")."""
    return bool(cues.cue_regex("claim_act").match(re.sub(r"\s*[«»\"“”]\s*|\s+", " ", act).lstrip()))


def blames_for_something_else(doc, full: str, act_at: int, end: int) -> bool:
    """What « de + infinitive » blames is no attack: no attack or cyber word, and no incident noun."""
    m = re.match(r"\s*(?:de|d['’])\s*", full[act_at:end])
    if m is None:
        return False
    span = doc.char_span(act_at + m.end(), act_at + m.end() + 1, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("VERB", "AUX"):
        return False
    act = full[act_at:end]
    return blames_claims(act[m.end():]) or not (cues.has("attack", act) or cues.has("cyber", act)
                                                 or INCIDENT_WORD.search(act))
