"""Rebuttals: sentences, their speakers and the document's accusations in, ``Rebuttal`` records out.

In a question/answer text the answer rebuts the accusation the question reports, and its speaker
is the accused. Elsewhere a rebuttal is what an accused principal says (as tracked by
``discourse.sentence_speakers``) in sentences that show a strategy; it answers the accusation
whose accuser the sentence names, or else the nearest accusation against it.
"""

from __future__ import annotations

import re
from collections import Counter

from . import cues
from ._text import span_text, text_of
from .discourse import Block, block_of
from .predicates import find_predicates
from .rebuttal_frames import read_rebuttal
from .records import Accusation, Rebuttal, Span


def _speaks_of_cyber(text: str, blocks: list[Block], answer: Block) -> bool:
    q = _question_of(blocks, answer)
    scope = text[answer.start:answer.end] + (text[q.start:q.end] if q is not None else "")
    return cues.has("cyber", scope) or cues.has("attack", scope)


def _principal_counts(keys, principal_of) -> Counter:
    c: Counter = Counter()
    for k in keys:
        for p in principal_of(k):
            c[p] += 1
    return c


def find_rebuttals(sents, blocks: list[Block], speakers, accusations: list[tuple[int, Accusation]],
                   table, principal_of, state_key) -> list[Rebuttal]:
    """``accusations`` are (sentence index, accusation) in text order; ``state_key(code)`` gives
    the actor key of a principal."""
    sent_block = [block_of(blocks, s.start_char) for s in sents]
    by_key: dict[tuple[str, int], Rebuttal] = {}

    active: dict[str, int] = {}  # the accusation each rebutter is answering now

    def add(rebutter_p: str, target: int, rebutter_key: str, strategies, span: Span):
        active[rebutter_p] = target
        key = (rebutter_p, target)
        r = by_key.get(key)
        if r is None:
            r = by_key[key] = Rebuttal(rebutter=rebutter_key, rebuts=target, strategies=[], evidence=[])
        for s in strategies:
            if s not in r.strategies:
                r.strategies.append(s)
        if span not in r.evidence:
            r.evidence.append(span)

    acc_p = [(si, _principal_counts(a.accusers, principal_of), _principal_counts(a.accused, principal_of))
             for si, a in accusations]

    def answer_all(p: str, target: int, si: int, rebutter: str, strategies, span: Span) -> None:
        """« Le Kremlin a rejeté l'ensemble de ces accusations »: every accuser of ``p`` just reported."""
        for i, (asi, accs, accd) in enumerate(acc_p):
            if i != target and p in accd and p not in accs and si - 12 <= asi <= si:
                add(p, i, rebutter, strategies, span)
        active[p] = target

    def against(p: str, si: int, named: set[str]) -> int | None:
        """Index of the accusation against ``p`` that sentence ``si`` answers."""
        cands = [i for i, (asi, accs, accd) in enumerate(acc_p) if p in accd and p not in accs]
        if not cands:
            return None
        named_c = [i for i in cands if set(acc_p[i][1]) & named]
        if named_c:
            before = [i for i in named_c if acc_p[i][0] <= si]
            return (before or named_c)[-1 if before else 0]
        # One answers what has been said: an accusation reported later in the text is not the target.
        before = [i for i in cands if acc_p[i][0] <= si]
        return before[-1] if before else None

    for si, sent in enumerate(sents):
        block = sent_block[si]
        if block.kind == "Q":
            continue
        text = span_text(sent)
        span = Span(sent.start_char, sent.end_char, text)
        q_accs: list[int] = []
        if block.kind == "R":
            q = _question_of(blocks, block)
            q_accs = [i for i, (asi, _, _) in enumerate(acc_p) if q and sent_block[asi].index == q.index]
            if not q_accs and q is not None and _FOLLOW_UP.search(text_of(sents[0].doc)[q.start:q.end]):
                # « Cette affaire aura-t-elle des conséquences ? »: a follow-up question keeps the
                # accusation of the questions before it.
                q_accs = [i for i, (asi, _, _) in enumerate(acc_p)
                          if sent_block[asi].kind == "Q" and sent_block[asi].index < q.index][-1:]
        # An answer rebuts what its question reports; one whose question reports nothing is read like
        # any other text (« Réponse. — … La Russie a démenti toute implication »), unless neither speaks of
        # cyber: a transcript's other questions (« La décision de la Chine viole notre souveraineté »)
        if block.kind == "R" and not q_accs and not _speaks_of_cyber(text_of(sents[0].doc), blocks, block):
            continue
        if q_accs:
            accused = Counter()
            for i in q_accs:
                accused.update(acc_p[i][2])
            p = accused.most_common(1)[0][0]
            target = next((i for i in q_accs if p in acc_p[i][2]), q_accs[0])
            named = _named_principals(table, sent, principal_of) - {p}
            retarget = [i for i in q_accs if set(acc_p[i][1]) & named and p in acc_p[i][2]]
            if retarget:
                target = retarget[0]
            strategies = cues.strategies_in(text) or (["Denial"] if _framed_rebutters(sent, table) is not None else [])
            if strategies:
                add(p, target, state_key(p), strategies, span)
            continue
        speaker = speakers[si]
        framed = _framed_rebutters(sent, table)
        if framed is not None:
            # « Moscou a nié ces affirmations », « ces allégations ont été démenties par Pékin »: the
            # verb names who answers; a bare rejection denies
            strategies = cues.strategies_in(text) or ["Denial"]
            for key in framed or ([speaker] if speaker else []):
                for p in sorted(principal_of(key)):
                    named = _named_principals(table, sent, principal_of) - {p}
                    target = against(p, si, named)
                    if target is None:
                        continue
                    rebutter = key if principal_of(key) == {p} else state_key(p)
                    add(p, target, rebutter, strategies, span)
                    if not named and _ALL_OF_THEM.search(text):
                        answer_all(p, target, si, rebutter, strategies, span)
            continue
        if not speaker or not (strategies := cues.strategies_in(text)):
            continue
        for p in sorted(principal_of(speaker)):
            if _addressed(table, sent, p, principal_of):
                continue  # « Les États-Unis doivent cesser … »: the sentence speaks to them, not for them
            named = _named_principals(table, sent, principal_of) - {p}
            target = active[p] if p in active and not named else against(p, si, named)
            if target is None:
                continue
            rebutter = speaker if principal_of(speaker) == {p} else state_key(p)
            add(p, target, rebutter, strategies, span)
            if not named and _ALL_OF_THEM.search(text):
                answer_all(p, target, si, rebutter, strategies, span)
    # A counter-accusation answers the accusation it turns around.
    for i, (si, accs, accd) in enumerate(acc_p):
        acc = accusations[i][1]
        if sent_block[si].kind == "Q":
            continue  # a question reports claims; it does not answer one
        for j, (_sj, accs2, accd2) in enumerate(acc_p[:i]):
            if set(accs) & set(accd2) and set(accd) & set(accs2) and not set(accs) & set(accs2):
                acc.counter_to = j
                for p in sorted(set(accs) & set(accd2)):
                    add(p, j, state_key(p), ["CounterAccusation"], acc.evidence)
                break
    out = [r for r in by_key.values() if r.strategies]
    out.sort(key=lambda r: (r.rebuts, r.rebutter))
    return out


# « l'ensemble de ces accusations », « ces accusations »: a plural anaphor answers every claim just reported
_ALL_OF_THEM = re.compile(r"\b(?:l['’]ensemble (?:de (?:ces|ses|leurs|les)|des) |toutes (?:ces|les|leurs) |ces |de telles |"
                          r"(?:les|ces) (?:dernières |récentes |nouvelles )?)"
                          r"(?:accusations|allégations|attributions|affirmations|imputations)\b"
                          r"(?! (?:de|d['’]|du|des|portées par)\b)",
                          re.IGNORECASE)
_FOLLOW_UP = re.compile(r"\b(?:cette|cet|ce|ces) (?:affaire|dossier|incident|attaque|cyberattaque|intrusion|piratage|"
                        r"accusations?|attribution|enquête|question)\b|\bcyber|\bpiratage|\bhackers?\b", re.IGNORECASE)


_ADDRESSEE_BEFORE = re.compile(r"\b(?:exhort\w*|appel\w*|invit\w*|demand\w*|somm\w*|enjoi\w*)\s+(?:\w+\s+){0,2}$|"
                               r"\b(?:faut|important|temps|exige\w*)\b[^.;:]{0,25}\b(?:que|qu['’])\s*$", re.IGNORECASE)
_ADDRESSEE_AFTER = re.compile(r"^\s*(?:doi(?:t|vent)|devr\w+|feraient mieux|ferait mieux|cessent|cesse)\b", re.IGNORECASE)


def _addressed(table, sent, p: str, principal_of) -> bool:
    """Whether the sentence tells ``p`` what to do (« exhortons les États-Unis à », « les États-Unis
    doivent », « que les États-Unis expliquent »): then it is not ``p`` speaking."""
    text = text_of(sent.doc)
    for m in table.in_span(sent.start, sent.end):
        if p not in principal_of(m.key):
            continue
        det = re.search(r"(?:(?:l['’]|la |le |les )\s*)?$", text[max(sent.start_char, m.char_start - 6):m.char_start])
        start = m.char_start - (len(det.group(0)) if det else 0)
        if _ADDRESSEE_BEFORE.search(text[max(sent.start_char, start - 30):start]) or _ADDRESSEE_AFTER.match(
                text[m.char_end:m.char_end + 30]):
            return True
    return False


def _framed_rebutters(sent, table) -> list[str] | None:
    """Who a rebuttal verb of the sentence names as answering (an empty list: its speaker); None when
    no rebuttal verb answers a claim there."""
    text = span_text(sent)
    agents = table.in_span(sent.start, sent.end)
    found = None
    for pred, s, e in find_predicates(text, ("rebut",)):
        ok, keys = read_rebuttal(sent, agents, table, pred, s, e)
        if ok:
            found = (found or []) + [k for k in keys if k not in (found or [])]
    return found


def _question_of(blocks: list[Block], block: Block) -> Block | None:
    for b in reversed(blocks[: block.index]):
        if b.kind == "Q":
            return b
        if b.kind == "text":
            return None
    return None


def _named_principals(table, sent, principal_of) -> set[str]:
    out: set[str] = set()
    for m in table.in_span(sent.start, sent.end):
        out |= principal_of(m.key)
    return out
