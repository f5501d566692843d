"""Claim nouns: a reading of a noun predicate and the mentions after it in; the roles its complements
give them out (« les accusations de X contre Y », « l'imputation par X de l'attaque … à Y », « les
soupçons de X selon lesquels Y aurait … »). Called by ``kg.extract.frames.read``.
"""

from __future__ import annotations

import re
from functools import cache

from . import cues


def read_noun(r, pred, full, base, ps, pe, right, left, prep, sources, group, tok, subject):
    """« les accusations de X contre Y », « l'imputation par X de l'attaque … à Y », « les soupçons de X
    selon lesquels Y aurait … »: the noun's complements run to the clause's verb."""
    doc = tok.doc
    end = r.clause_end
    content = re.search(r"\b(?:selon lesquel(?:le)?s|selon lequel|selon laquelle|que|qu['’])\s", full[base + pe:end])
    support = None
    for t in doc[tok.end:]:
        if t.idx >= end:
            break
        if any(m.char_start <= t.idx < m.char_end for m in right):
            continue  # « la ministre canadienne » read as a verb: a name is no clause's verb
        if "Fin" in t.morph.get("VerbForm") and not (content and t.idx > base + pe + content.start()):
            # the noun phrase ends where the sentence's verb starts, unless that verb only says whom
            # the claim is about (« les soupçons se portent sur Moscou », « les accusations visent Pékin »)
            support = cues.cue_regex("claim_support").match(full, _reflexive_start(full, t.idx), end)
            if support is not None:
                said = [m for m in right if m.char_start >= support.end() and _ARTICLE_AND_HEAD.fullmatch(
                    full[support.end():m.char_start]) and not _attack_right_before(full, support.end(), m.char_start)]
                if said:
                    r.accused += [x.key for x in group(right, said[0])]
            end = t.idx
            break
    if content and "que" in pred.accused:
        at = base + pe + content.end()
        said = [m for m in right if m.char_start >= at and re.fullmatch(
            r"\s*(?:(?:l['’]|la|le|les|des|un|une)\s*)?(?:[\w\-]+\s+){0,2}", full[at:m.char_start])
            and not re.match(r"\s*(?:à|au|aux|de|du|par|contre|pour|dans|sur)\s", full[at:m.char_start])]
        if said:
            r.accused += [x.key for x in group(right, said[0])]
            end = min(end, at)
    after_par = base + pe
    for m in right:
        if m.char_start >= end:
            break
        p = prep[id(m)]
        gap = full[base + pe:m.char_start]
        if not gap.strip() or m.char_start == base + pe + 1 and p is None:
            slot = "adj"  # « les accusations américaines »
        elif p in ("de", "du", "des", "d'"):
            # « l'inculpation par la justice australienne de membres du groupe APT31 »: the noun's own
            # complement in « de » may follow its agent in « par »
            near = full[after_par:m.char_start]
            close = len(near) <= 40 and (after_par == base + pe or re.match(r"\s*(?:de|d['’]|du|des)\b", near))
            slot = "de" if not re.search(r"[,;:]", gap) and close else ""
        elif p == "par":
            after_par = group(right, m)[-1].char_end
            slot = "par"
        elif p in ("contre", "visant", "ciblant", "à l'encontre de"):
            # « de cyberattaques contre le Parlement »: the attack's target, not the claim's
            slot = "" if _attack_right_before(full, base + pe, m.char_start) else "contre"
        elif p in ("à", "au", "aux"):
            slot = "a"
        elif p == "sur":
            slot = "sur"
        else:
            continue
        keys = [x.key for x in group(right, m)]
        if slot in pred.accuser:
            r.accusers += keys
        elif slot in pred.accused:
            r.accused += keys
    r.accusers += [m.key for m in sources]
    if not r.accusers and _made_claim().search(full[max(base, base + ps - 80):base + ps]):
        # « les autorités britanniques avaient avancé des allégations du même ordre »: who makes the
        # claim holds it
        r.accusers = [m.key for m in subject()]


@cache
def _made_claim() -> re.Pattern:
    return re.compile(r"(?<![\w\-])(?:" + cues.cue_regex("make_claim").pattern + r")\s+(?:(?:\w+ment|à nouveau|de nouveau|"
                      r"aussi|également|déjà|ainsi|cette semaine|à son tour)\s+)*(?:des|les|ces|ses|leurs|de|d['’]|une|l['’]|"
                      r"cette|son|leur)\s*(?:nouvelles?\s+|graves\s+|sérieuses\s+|premières\s+)?"
                      # « une nouvelle salve d'accusations »
                      r"(?:(?:salve|série|vague|flot|avalanche|cascade|volée|kyrielle)\s+(?:de\s+|d['’])\s*)?$",
                      re.IGNORECASE)


def _attack_right_before(full: str, start: int, at: int) -> bool:
    """An attack word right before the preposition of a mention at ``at`` (« la cyberattaque contre la
    commission électorale japonaise »: the target, however long the name after the preposition)."""
    gap = full[start:at]
    preps = list(_TARGET_PREP.finditer(gap))
    stop = preps[-1].start() if preps else len(gap)
    return any(0 <= stop - e <= 25 for _s, e in cues.find("attack", gap))


_TARGET_PREP = re.compile(r"\b(?:contre|visant|ciblant|touchant|à\s+l['’]encontre|sur|dans)\b", re.IGNORECASE)
_ARTICLE_AND_HEAD = re.compile(r"\s*(?:(?:l['’]|la|le|les|des|un|une)\s*)?(?:[\w\-]+\s+){0,2}", re.IGNORECASE)


def _reflexive_start(full: str, at: int) -> int:
    """Where a verb with its reflexive pronoun starts (« se portent », « s'orientent »)."""
    m = re.search(r"(?:\bse\s+|\bs['’])$", full[max(0, at - 4):at], re.IGNORECASE)
    return at - (len(m.group(0)) if m else 0)
