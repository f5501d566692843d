"""Incidents and responses: sentences with their actors and accusations in, ``Incident`` and
``Response`` records out.

Responses are the acts of a dispute: indictments (« l'inculpation de », « poursuivre en
justice »), sanctions, summoned ambassadors, suspended dialogues, joint work. Negated ones
(« aucune sanction n'a été annoncée ») are not responses.
"""

from __future__ import annotations

import hashlib
import re

from . import cues
from ._text import sentences, span_text, text_of
from .records import Incident, Response, Span

RESPONSE_CUES = {
    "Indictment": r"inculp\w+|mise? en accusation|acte d['’]accusation|poursuiv\w+ en justice|mandats? d['’]arrêt|"
                  r"poursuites? (?:judiciaires?|pénales?)|chefs? d['’]accusation",
    "Sanction": r"sanction(?:s|né|née|nés|nées|ner|ne|nent)?\b|gel (?:des|de leurs) avoirs|mesures? restrictives",
    "AmbassadorSummons": r"convoqu\w+ (?:[\w'’]+ ){0,4}?(?:l['’]|le |la )?(?:ambassadeur|ambassadrice|chargée? d['’]affaires|"
                         r"diplomate)",
    "DialogueSuspension": r"suspen\w+ (?:\w+ ){0,4}(?:groupe de travail|dialogue|coopération|consultations|mécanisme)",
    "Cooperation": r"enquête conjointe|dialogue conjoint|accord de coopération|coopération (?:bilatérale|judiciaire)",
}
_RX = {k: re.compile(v, re.IGNORECASE) for k, v in RESPONSE_CUES.items()}
_NEG = re.compile(r"\b(?:aucune?|pas|ni|jamais|non)\b|\bn['’]", re.IGNORECASE)
_HYPO = re.compile(r"\b(?:exclues?|envisag\w+|pourrai\w+|menac\w+ de|si)\b", re.IGNORECASE)


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def find_responses(doc, table, ex) -> list[Response]:
    out: list[Response] = []
    for sent in sentences(doc):
        text = span_text(sent)
        agents = table.in_span(sent.start, sent.end, agents_only=False)
        if not agents:
            continue
        for kind, rx in _RX.items():
            m = rx.search(text)
            if not m:
                continue
            if _NEG.search(text[max(0, m.start() - 40):m.start()]) or _HYPO.search(text):
                continue
            pos = sent.start_char + m.start()
            principals = [(a, ex.principals(a.key)) for a in agents]
            before = [a.key for a, p in principals if p and a.char_end <= pos and not a.location]
            after = [a.key for a, p in principals if p and a.char_start >= pos]
            if kind == "AmbassadorSummons" and re.search(r"\b(?:été|est|sont|fut)\s+$", text[:m.start()]):
                # « le chargé d'affaires russe avait été convoqué (par X) »: the summoned comes first,
                # the one who summons follows « par » if the text says it at all.
                par = text.find(" par ", m.end())
                by = [a.key for a, p in principals if p and par >= 0 and a.char_start > sent.start_char + par][:1]
                against = before[-1:]
            elif kind == "AmbassadorSummons":
                # « convoquer l'ambassadeur de Chine »: against is the ambassador's State
                by, against = before[-1:], after[:1]
            else:
                # the actor nearest before the act does it (« …des États-Unis…, la Chine a décidé de suspendre »)
                by = before[-1:]
                against = [k for k in after if not (ex.principals(k) & _codes(ex, by))][:2]
                if not against:
                    against = [k for k in before[:-1] if not (ex.principals(k) & _codes(ex, by))][-1:]
            if not by or not against:
                continue
            if _codes(ex, by) & _codes(ex, against):
                continue
            out.append(Response(kind, by, against, Span(sent.start_char, sent.end_char, text)))
    return out


def _codes(ex, keys) -> set[str]:
    return {p for k in keys for p in ex.principals(k)}


def find_incidents(doc, located, table, ex) -> list[Incident]:
    """One incident per accusation sentence: the attack words and what they hit."""
    out: list[Incident] = []
    sents = sentences(doc)
    for si, acc in located:
        sent = sents[si]
        text = span_text(sent)
        attacks = cues.find("attack", text)
        if attacks:
            s, e = attacks[0]
            tail = re.split(r"[,;.«»()]", text[e:], maxsplit=1)[0]
            label = (text[s:e] + tail)[:120].strip()
        else:
            label = text[:120].strip()
        targets = []
        for m in table.in_span(sent.start, sent.end, agents_only=False):
            before = text_of(doc)[max(sent.start_char, m.char_start - 30):m.char_start].lower()
            if re.search(r"\b(?:contre|visant|ciblant|touché\w*|frapp\w+|à l['’]encontre d\w*)\s+(?:\w+\s+){0,3}$",
                         before) and m.key not in acc.accusers and m.key not in acc.accused:
                targets.append(m.key)
        key = f"incident:{_digest(ex.doc_id, sent.start_char, label)}"
        out.append(Incident(key, label, sorted(set(targets)), acc.date, acc.evidence))
        acc.incident = key
    return out
