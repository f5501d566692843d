"""Reports: an accuser attributes an attack (« Washington accuse Pékin… », « imputé à l'armée
russe », « attribuées au GRU par le Royaume-Uni », « l'inculpation de quatre Chinois »). One claim
per report cue, with the accusers, the accused and the targets that its clause names."""

from __future__ import annotations

import dataclasses
import re

from . import cues, frames
from ._text import span_text, text_of
from .actors import Mention
from .clauses import (
    IMPERSONATED,
    INCIDENT_WORD,
    NEG_BEFORE,
    adjacent,
    clause_start,
    dateline_end,
    main_subject,
    mention_prep,
    preposition_before,
    speaker_cut,
    subject_tokens,
)
from .discourse import verb_lemma
from .phrases import blames_claims
from .predicates import find_predicates
from .rebuttal_frames import read_rebuttal
from .records import SentenceClaims, Span

_CLAIM_KINDS = ("verb", "copula", "noun", "condemn", "join")
_PASSIVE = re.compile(r"\b(?:été|est|sont|était|étaient|serait|seraient|soit|soient|fut|furent)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_PATIENT_NOUN = re.compile(r"^(?:inculpations?|condamnations?|dénonciations?)$", re.I)
# The cues that are nouns: their holder is named by « de »/« par » or a verb of making them (« lancer
# des accusations »), never by the subject of the sentence (« Moscou riposte aux sanctions »).
_NOUN_ACCUSATION = re.compile(r"^(?:accusations?|allégations?|affirmations?|attributions?|imputations?|sanctions?|"
                              r"inculpations?|condamnations?|dénonciations?|poursuites?)$", re.I)
_NEW_CLAUSE = re.compile(r"[;]|,\s+(?:et|mais|tandis que|alors que|puis|tandis)\s+(?:l['’]|le|la|les|[A-ZÉ])")
_PREDICATE = re.compile(r"derrière|responsables?|auteurs?|instigat|à l['’]origine", re.IGNORECASE)
_MAKE_ACCUSATION = {"porter", "lancer", "formuler", "proférer", "réitérer", "reprendre", "émettre", "multiplier",
                    "publier", "relayer", "associer", "répéter", "renouveler", "diffuser", "lancé", "porté"}
_REJECT_ACCUSATION = {"rejeter", "démentir", "réfuter", "balayer", "nier", "contester", "récuser", "dénoncer"}
_MEMBERS = re.compile(r"\b(?:parmi lesquel(?:le)?s|notamment|tels? que|telles? que|dont|comme)\b[^.;]*$", re.I)
_RELATIVE_ACCUSERS = re.compile(r"\b(?:pays|États|Etats|gouvernements|alliés|capitales|partenaires)\s+qui\s+"
                                r"(?:\w+\s+){0,3}$", re.IGNORECASE)
_VICTIM_LIST = re.compile(r"\b(?:pays|États|Etats|entreprises|organisations|victimes)\s*,?\s+(?:dont|notamment|"
                          r"y compris|parmi lesquels|comme)\b[^;:.]*$", re.IGNORECASE)
_TARGET_BETWEEN = re.compile(r"\b(?:contre|visant|ciblant|touchant|à l['’]encontre)\b[^,;:]*$", re.IGNORECASE)
# « ont exprimé leur soutien à la position américaine »: a cue that takes up another's accusation
_SPONSOR = re.compile(r"\b(?:parrainée?s?|soutenue?s?|commanditée?s?|financée?s?|contrôlée?s?|employée?s?|liée?s?|"
                      r"affiliée?s?|rattachée?s?)\s+(?:par|à|au|aux)\s+(?:l['’]|la |le |les )?$", re.IGNORECASE)
# « par les agences des États-Unis, du Royaume-Uni et du Canada »: a list goes on in the role of its head
# « une déclaration au sujet des allégations de Séoul »: the claim a statement answers (read below)
_ANSWERED_NOUN = re.compile(r"\b(?:au sujet|à propos|concernant|en réponse|face|répondant|réagissant|réponse|réaction|"
                            r"rejette|rejet|démenti)\s*(?:de|d['’]|des|du|aux?|à)?\s*(?:(?:ces|les|des|de telles|l['’]|la|"
                            r"cette|toutes? (?:ces|les))\s*)?(?:\w+\s+)?$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"^\s*(?:,|et|ainsi que|,\s*et)\s*(?:(?:de|du|des|d['’])\s*)?(?:la |l['’]|le |les )?$",
                           re.IGNORECASE)


def report_claims(sent, agents, table) -> list[SentenceClaims]:
    """One claim per report cue; a later cue's clause starts where the previous one ended
    (« L'UE pointe du doigt…, la Norvège reprend à son compte ces accusations… »)."""
    doc = sent.doc
    base = sent.start_char
    cut = speaker_cut(sent)
    found: list[SentenceClaims] = []
    floor = base
    text = span_text(sent)
    readings = [frames.read(sent, agents, table, p, s, e) for p, s, e in find_predicates(text, _CLAIM_KINDS)]
    read_cues = []
    rebuttal = [read_rebuttal(sent, agents, table, p, s, e) for p, s, e in find_predicates(text, ("rebut",))]
    rebutters = [k for ok, keys in rebuttal if ok for k in keys]
    for r in readings:
        if r.predicate.kind == "noun" and any(ok for ok, _ in rebuttal):
            # « Les accusations canadiennes ont été contestées par Moscou »: the claim answered accuses
            # the one who answers it; « ces allégations » names no new claim
            r.accused = r.accused or (rebutters if r.accusers else [])
            read_cues.append((r.start - base, r.end - base))
            if r.accusers and not r.accused and not r.blocked:
                # « lorsque les autorités britanniques avaient avancé des allégations du même ordre, nous les
                # avions dénoncées »: the claim accuses whoever answers it
                found.append(SentenceClaims(0, r.accusers, [], [], Span(sent.start_char, sent.end_char, text),
                                            "report", answered=True))
                continue
        if r.predicate.kind == "noun" and not r.accusers and not r.accused and found and re.search(
                r",\s*(?:une?|cette|ces|des|la|les)\s+(?:[\w\-]+\s+)?$", text[:r.start - base]):
            # « La Norvège a accusé la Russie …, une mise en cause rarissime de la part de ce pays »: the
            # noun names the claim just read
            read_cues.append((r.start - base, r.end - base))
            continue
        if r.predicate.kind == "noun" and r.accusers and not r.accused and found:
            # « …, une accusation aussitôt reprise par Washington »: a claim noun taken up by others
            # right after a claim accuses the same
            r.accused = list(found[-1].accused)
        if r.predicate.kind == "noun" and r.accusers and not r.accused and not r.blocked and not rebuttal and not (
                set(cues.strategies_in(text[:r.start - base] + " " + text[r.end - base:]))
                & {"Denial", "LackOfEvidence", "Politicization"}) and not _ANSWERED_NOUN.search(text[:r.start - base]):
            # « le Royaume-Uni avait avancé des allégations du même ordre », « les accusations de Londres se
            # sont multipliées »: a claim whose holder is named and whose target is the one already blamed
            r = dataclasses.replace(r, predicate=dataclasses.replace(r.predicate, kind="join"))
        if r.predicate.kind == "join" and r.accusers and not r.blocked:
            found.append(SentenceClaims(0, r.accusers, [], [], Span(sent.start_char, sent.end_char, text), "join"))
            read_cues.append((r.start - base, r.end - base))
            continue
        if r.blocked or not r.accused or r.start < floor:
            continue
        found.append(SentenceClaims(0, r.accusers, r.accused, r.targets, Span(sent.start_char, sent.end_char, text),
                                    "report"))
        read_cues.append((r.start - base, r.end - base))
    blocked = [(r.start - base, r.end - base) for r in readings if r.blocked]
    for cs, ce in cues.find("report", text):
        if base + cs < floor:
            continue
        if any(s < ce and cs < e for s, e in read_cues + blocked):
            continue  # the predicate's frame has read it
        span = doc.char_span(base + cs, base + ce, alignment_mode="expand")
        if span is None:
            continue
        before = text[:cs]
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and set(cues.strategies_in(text[ce:ce + 60])) & {
                "Politicization", "LackOfEvidence", "Denial"}:
            continue  # « Pyongyang dénonce une campagne de diffamation »: a rebuttal, not a report
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and re.match(
                r"\s*(?:\w+\s+)?(?:les|ces|des|de telles|leurs|ses|la|cette|une|de nouvelles)\s+(?:nouvelles?\s+)?"
                r"(?:accusations|allégations|affirmations|imputations|sanctions?|mesures|inculpations?|poursuites|"
                r"désignations?|décisions?|expulsions?|actes? d['’]accusation)", text[ce:], re.I):
            # « a dénoncé les accusations de la Maison Blanche »: the noun cue says who accuses; « dénonce les
            # sanctions américaines liées à la cybercriminalité »: a protest against a response, no claim
            continue
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and _ATTRIBUTING_OBJECT.match(text[ce:]):
            # « dénonce la manœuvre américaine liant la RPDC à une cyberattaque »: what is denounced is a claim
            continue
        if re.match(r"dénon", text[cs:ce], re.I) and not _blames_an_attack(text, ce, base, agents, table):
            continue  # « Moscou dénonce un « pas inamical » après le rappel de l'ambassadeur »: a protest
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and not (
                cues.has("cyber", text) or cues.has("attack", text) or any(
                    table.actors[m.key].kind == "ThreatActor" for m in agents if m.char_start >= base + ce)):
            # « reprocher », « dénoncer » blame for anything: only with cyber words of their own, or an
            # attacker as their object (« condamne les activités de cet acteur contrôlé par l'État russe »)
            continue
        if NEG_BEFORE.search(before[-30:]) and not before.rstrip().endswith(("sans", "sans aucune")):
            continue
        if re.match(r"(?:preuves?|indices?|éléments?)\b", text[cs:ce], re.I) and re.search(
                r"\b(?:exig\w*|demand\w*|réclam\w*|aucune?|sans|pas de|faute de)\s+(?:\w+\s+)?$", before, re.I):
            continue  # « Pékin exige des preuves de son implication »: a demand, not evidence
        if re.search(r"\bfaire\s+$", before):
            continue  # « pour faire accuser d'autres pays »: a purpose, not a claim
        if _blames_for_something_else(sent, span, ce):
            continue
        passive = bool(_PASSIVE.search(before[-25:])) and not re.search(r"\b(?:se|s['’])\s+\w+\s*$", before[-25:])
        # « quatre militaires, accusés d'avoir piraté… »: a participle after its noun is passive
        participle = bool(re.fullmatch(r"(?:accusée?s?|soupçonnée?s?|suspectée?s?|incriminée?s?|mise?s? en cause)",
                                          sent.text[cs:ce], re.I) and re.match(r"\s*(?:de\b|d['’])", sent.text[ce:]))
        passive = passive or participle
        noun_cue = bool(_NOUN_ACCUSATION.match(span[0].text))
        take_up = bool(cues.cue_regex("take_up").fullmatch(text[cs:ce]))
        # « être derrière », « être responsable »: the subject is blamed; « tenir X pour responsable »: X is
        predicate = bool(_PREDICATE.search(span.text)) and not re.match(r"t(?:ien|en)", span.text, re.IGNORECASE)
        clause = clause_start(sent, span.start)
        subject = subject_tokens(span)
        accusers, accused, targets = [], [], []
        stop = _NEW_CLAUSE.search(text, ce)
        clause_end = base + stop.start() if stop else sent.end_char
        clause_end = min(clause_end, _next_subject(sent, span, agents) or clause_end)
        previous = None
        dateline = dateline_end(sent)
        for m in agents:
            if m.char_start >= cut or m.char_start >= clause_end:
                continue
            if previous is not None and _LIST_GOES_ON.match(text_of(doc)[previous.char_end:m.char_start]):
                role = next((r for r in (accusers, accused, targets) if previous.key in r), None)
                previous = m
                if role is not None:
                    role.append(m.key)
                    continue
            previous = m
            if IMPERSONATED.search(text_of(doc)[max(base, m.char_start - 50):m.char_start]) or m.char_end <= dateline:
                continue
            if not m.char_end <= base + cs and _SPONSOR.search(text_of(doc)[max(base, m.char_start - 50):m.char_start]):
                accused.append(m.key)  # « infiltrés par un acteur parrainé par l'État chinois »: the sponsor
                continue
            if m.char_start < floor and preposition_before(text_of(doc)[max(base, m.char_start - 40):m.char_start]) not in (
                    "selon", "d'après"):
                continue
            if m.char_end <= base + cs and table.actors[m.key].kind == "ThreatActor":
                accused.append(m.key)  # an attacker is never the one who accuses
                continue
            prep = mention_prep(doc, base, m)
            left = m.char_end <= base + cs
            if not left and take_up and prep != "par":
                # « leur soutien à la position américaine », « s'est aligné sur les sanctions après
                # l'invasion de l'Ukraine »: taking up an attribution names allies, its accused is the
                # one already reported
                continue
            if participle and left and any(t.pos_ in ("VERB", "AUX") for t in doc[m.end:span.start]):
                continue  # only the noun the participle follows is blamed
            if m.start in subject and not noun_cue:
                # « la Russie était derrière l'attaque »: the subject of an attributive predicate is
                # the one blamed.
                (accused if passive or predicate else accusers).append(m.key)
                continue
            if left and m.start < clause and prep not in ("selon", "d'après"):
                # « la Maison Blanche, qui tient elle aussi l'Iran pour responsable »: the antecedent
                # of « qui » is the subject of the cue.
                # (« Téhéran, qui garde en mémoire le ver Stuxnet, attribué aux États-Unis »: the cue is
                # not the relative's verb)
                antecedent = doc[clause - 1].lower_ == "qui" and clause - 3 <= m.end - 1 < clause - 1 and not any(
                    t.pos_ == "VERB" for t in doc[clause:span.start])
                if antecedent and not (passive or predicate):
                    accusers.append(m.key)
                    continue
                if not (_RELATIVE_ACCUSERS.search(before[-40:]) and m.start in main_subject(sent)):
                    continue
            if noun_cue and left and prep not in ("selon", "d'après", "pour"):
                # « X lance des accusations » accuses; « X a réagi aux accusations » does not.
                if span.root.head.lemma_.lower() in _MAKE_ACCUSATION:
                    accusers.append(m.key)
                elif verb_lemma(span.root.head) in _REJECT_ACCUSATION and any(
                        c.dep_ == "nsubj" and c.left_edge.i <= m.start <= c.right_edge.i for c in span.root.head.children):
                    accused.append(m.key)  # « La Chine a rejeté les accusations lancées par le Japon »
                continue
            if noun_cue and not left and adjacent(doc, span, m) and (
                    prep in (None, "de", "du", "des", "d'") or m.start == span.end):
                # « les accusations britanniques », « les affirmations de Londres »; but « l'inculpation
                # de deux Chinois » names who is charged
                (accused if _PATIENT_NOUN.match(span[0].text) else accusers).append(m.key)
                continue
            if noun_cue and not left and _PATIENT_NOUN.match(span[0].text) and prep in ("de", "du", "des", "d'") and not any(
                    t.pos_ in ("VERB", "AUX") or t.text in (",", ";") for t in doc[span.end:m.start]):
                accused.append(m.key)  # « l'inculpation de quatre membres de l'APL »
                continue
            if noun_cue and not left and prep in ("à", "au", "aux") and any(
                    t.pos_ in ("VERB", "AUX") for t in doc[span.end:m.start]):
                continue  # « l'attribution de l'attaque à X » names X; « …, a adressé… à X » does not
            if noun_cue and not left and prep not in ("contre", "visant", "ciblant", "à l'encontre de", "selon", "par",
                                                      "à", "au", "aux"):
                continue  # « rejeter les accusations … à la partie allemande »: not a party to the claim
            if m.char_start > base + ce and _MEMBERS.search(text_of(doc)[base + ce:m.char_start]) and \
                    _RELATIVE_ACCUSERS.search(before[-40:]):
                accusers.append(m.key)  # « des pays qui ont accusé la Chine, parmi lesquels les États-Unis »
                continue
            if prep in ("selon", "d'après", "pour") and m.start < span.start:
                accusers.append(m.key)
            elif prep in ("contre", "visant", "ciblant", "à l'encontre de") or (
                    not left and not noun_cue and _TARGET_BETWEEN.search(text_of(doc)[base + ce:m.char_start])) or (
                    not left and _VICTIM_LIST.search(text_of(doc)[base + ce:m.char_start])):
                (accused if noun_cue else targets).append(m.key)
            elif prep == "par" and not left and not _after_attack(sent, m, cs) and any(
                    t.pos_ == "VERB" and t.i != span.root.i and t.head.i != span.root.i for t in doc[span.end:m.start]) \
                    and re.search(r",|\bainsi que\b", text_of(doc)[base + ce:m.char_start]):
                continue  # « …, ainsi que l'accueil réservé à cette décision par les médias »: another verb's agent
            elif prep == "par":
                (accusers if (passive or noun_cue or not left) and not _after_attack(sent, m, cs) else accused
                 ).append(m.key)
            elif left:
                (accused if passive or (predicate and m.start >= clause) else accusers).append(m.key)
            elif noun_cue and prep in ("de", "du", "des", "d'") and adjacent(doc, span, m) and \
                    not _PATIENT_NOUN.match(span[0].text):
                accusers.append(m.key)
            elif prep == "avec" and not re.search(r"\b(?:conjointement|coordination|concert|de pair)\s+avec\s+(?:\S+\s+){0,2}$",
                                                 text_of(doc)[max(base, m.char_start - 40):m.char_start], re.I):
                continue  # « leur solidarité avec l'Ukraine »; but « conjointement avec l'Allemagne » accuses too
            elif prep in ("de", "du", "des", "d'") and re.search(r",\s+(?:qui|que|qu['’]|dont)\b",
                                                                text_of(doc)[base + ce:m.char_start]):
                continue  # « condamnent cette cyberattaque, qui viole les normes des Nations unies »
            else:
                accused.append(m.key)
        accusers = list(dict.fromkeys(accusers))
        accused = [a for a in dict.fromkeys(accused) if a not in accusers]
        if accusers or accused:
            found.append(SentenceClaims(0, accusers, accused, targets,
                                        Span(sent.start_char, sent.end_char, text), "report",
                                        answered=noun_cue and not _PATIENT_NOUN.match(span[0].text)))
            floor = clause_end
    return found


# An object that attributes an attack to someone (« la manœuvre américaine liant la RPDC à … », « les rapports
# imputant à Pékin … »): blaming it answers a claim
_ATTRIBUTING_OBJECT = re.compile(r"\s*(?:[\w'’«»\"-]+\s+){1,5}(?:liant|reliant|attribuant|imputant|accusant|désignant|"
                                 r"mettant en cause|associant)\b", re.IGNORECASE)


def _blames_for_something_else(sent, span, ce: int) -> bool:
    """« accuse Berlin de construire ses affirmations sur des formules vagues »: what « accuser
    X de » names is not an attack."""
    if not span.text.lower().startswith(("accus", "reproch")):
        return False
    rest = span_text(sent)[ce:]
    m = re.search(r"\b(?:de\b|d['’])\s*(?=[\w«])", rest, re.IGNORECASE)
    if m is None or re.search(r"[,;:]", rest[:m.start()]):
        return False
    if blames_claims(rest[m.end():]):
        return True
    if not span.text.lower().startswith("accus"):
        return False
    doc = sent.doc
    start = sent.start_char + ce + m.end()
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None or tok.root.pos_ not in ("VERB", "AUX"):
        return False  # « accusé de cyberespionnage »: a noun names the act
    clause = re.split(r"[;:]|,\s+(?:et|mais|tandis|alors)\b", rest[m.end():])[0]
    return not (cues.has("attack", clause) or cues.has("cyber", clause) or INCIDENT_WORD.search(clause))


def _blames_an_attack(text: str, ce: int, base: int, agents, table) -> bool:
    """Whether the object of a verb of denouncing (up to the next punctuation) names an attack, cyber
    or an attacker: « dénonce les cyberattaques du GRU », not « dénonce un pas inamical »."""
    obj = re.split(r"[,;:.]", text[ce:ce + 90])[0]
    return cues.has("attack", obj) or cues.has("cyber", obj) or any(
        table.actors[m.key].kind == "ThreatActor" for m in agents if base + ce <= m.char_start < base + ce + len(obj))


def _next_subject(sent, span, agents) -> int | None:
    """Where a new clause with its own subject agent starts after the cue (« …, la Norvège reprend… »)."""
    doc = sent.doc
    for m in agents:
        if m.start < span.end:
            continue
        head = doc[m.start]
        while head.dep_ in ("amod", "nmod", "flat:name", "appos", "conj", "det") and head.head != head:
            head = head.head
        # « …, la Norvège reprend… »: a subject right after a comma opens a clause of its own
        opener = text_of(doc)[max(sent.start_char, head.left_edge.idx - 3):head.left_edge.idx]
        if head.dep_ == "nsubj" and head.head.i > span.end and head.head != span.root and (
                "," in opener or ";" in opener):
            return head.left_edge.idx
    return None


def _after_attack(sent, m: Mention, report_start: int) -> bool:
    """« piraté par des hackers » after the report cue: the « par » names the attacker."""
    base = sent.start_char
    for s, e in cues.find("attack", span_text(sent)):
        between = text_of(sent.doc)[base + e:m.char_start]
        # « les activités malveillantes menées par la Russie »: a participle after the attack noun
        # (but in « les accusations de cyberespionnage lancées par Londres » it follows the claim)
        about_claim = re.search(r"(?:accusations?|allégations?|attributions?|imputations?)\s+(?:de|d['’])\s*$",
                                span_text(sent)[:s], re.I)
        if report_start < s and not about_claim and base + e <= m.char_start <= base + e + 60 and re.match(
                r"^\s*(?:[\w'’]+\s+){0,2}?(?:menée?s?|conduite?s?|perpétrée?s?|orchestrée?s?|lancée?s?|commise?s?|"
                r"réalisée?s?|effectuée?s?|pilotée?s?|dirigée?s?)\s+(?:[\w'’]+\s+){0,2}?par\b", between, re.I):
            return True
        cue = sent.doc.char_span(base + s, base + e, alignment_mode="expand")
        if cue is None or cue.root.pos_ not in ("VERB", "AUX") and not cue.text.endswith(("é", "ée", "és", "ées")):
            continue  # « des hackers iraniens par le gouvernement »: only a participle takes an agent
        if report_start < s and base + e <= m.char_start <= base + e + 40 and re.match(
                r"^\s*(?:[\w'’]+\s+){0,2}?par\b", between):
            return True
    return False
