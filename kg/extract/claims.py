"""Accusations: a parsed ``Doc`` with its actors and speakers in, ``Accusation`` records out.

Two shapes carry an accusation in the genre. A *report*: an accuser attributes an attack
(« Washington accuse Pékin… », « imputé à l'armée russe », « attribuées au GRU par le
Royaume-Uni », « l'inculpation de quatre Chinois »). An *assertion*: a speaker says that an
agent attacks (« des hackers liés à la Chine ont piraté… », « Des institutions américaines
mènent des piratages… », « selon les Américains, les pirates chinois… »); the accuser is then
the speaker. Negated, hypothetical and rhetorical sentences give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from ._text import sentences, span_text, text_of
from .actors import ActorTable, Mention
from .discourse import verb_lemma
from .records import Accusation, Span

_BOUNDARY = {";", ":", "après", "que", "qu'", "qu’", "qui", "lorsque", "car", "mais", "puis", "avant", "tandis",
             "alors", "dont", "où"}
_NEG_BEFORE = re.compile(r"\b(?:ne|n['’]|jamais|aucune?|non|pas)\W*(?:\w+\W+){0,2}$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:été|est|sont|était|étaient|serait|seraient|soit|soient|fut|furent)\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_PATIENT_NOUN = re.compile(r"^(?:inculpations?|condamnations?|dénonciations?)$", re.I)
# The cues that are nouns: their holder is named by « de »/« par » or a verb of making them (« lancer
# des accusations »), never by the subject of the sentence (« Moscou riposte aux sanctions »).
_NOUN_ACCUSATION = re.compile(r"^(?:accusations?|allégations?|affirmations?|attributions?|imputations?|sanctions?|"
                              r"inculpations?|condamnations?|dénonciations?|poursuites?)$", re.I)
# The greedy « .* » makes the nearest preposition win (« à la Corée du Nord par les États-Unis »).
_PREP_BEFORE = re.compile(r"^.*\b(?P<p>par|selon|d['’]après|contre|visant|ciblant|à l['’]encontre de|de la part de|avec|"
                          r"en provenance de|pour|à|au|aux|de|du|des|d['’]|sur)\s+(?:(?:l['’]|la|le|les|ses|leurs?|"
                          r"son|sa|ces|cette|ce|cet|des|d['’]|un|une|[\w\-]+)\s+){0,3}$", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"[;]|,\s+(?:et|mais|tandis que|alors que|puis|tandis)\s+(?:l['’]|le|la|les|[A-ZÉ])")
_INCIDENT_WORD = re.compile(r"\b(?:attaques?|incidents?|intrusions?|opérations?|campagnes?)\b", re.IGNORECASE)
_PREDICATE = re.compile(r"derrière|responsables?|auteurs?|instigat", re.IGNORECASE)
_MAKE_ACCUSATION = {"porter", "lancer", "formuler", "proférer", "réitérer", "reprendre", "émettre", "multiplier",
                    "publier", "relayer", "associer", "répéter", "renouveler", "diffuser", "lancé", "porté"}
_DISCOVER = {"découvrir", "détecter", "déjouer", "repérer", "identifier", "constater", "observer", "signaler",
             "révéler", "dévoiler", "enquêter"}
_REJECT_ACCUSATION = {"rejeter", "démentir", "réfuter", "balayer", "nier", "contester", "récuser", "dénoncer"}
_MEMBERS = re.compile(r"\b(?:parmi lesquel(?:le)?s|notamment|tels? que|telles? que|dont|comme)\b[^.;]*$", re.I)
_RELATIVE_ACCUSERS = re.compile(r"\b(?:pays|États|Etats|gouvernements|alliés|capitales|partenaires)\s+qui\s+"
                                r"(?:\w+\s+){0,3}$", re.IGNORECASE)
_VICTIM_LIST = re.compile(r"\b(?:pays|États|Etats|entreprises|organisations|victimes)\s*,?\s+(?:dont|notamment|"
                          r"y compris|parmi lesquels|comme)\b[^;:.]*$", re.IGNORECASE)
_TARGET_BETWEEN = re.compile(r"\b(?:contre|visant|ciblant|touchant|à l['’]encontre)\b[^,;:]*$", re.IGNORECASE)
# « en se faisant passer pour des pirates nord-coréens »: a false flag names who was imitated
_IMPERSONATED = re.compile(r"\b(?:passer|passant|passé)\s+pour\s+(?:des|les|un|une|l['’]|la|le)?\s*(?:[\w\-]+,?\s+){0,4}$",
                           re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:soi-disant|prétendue?s?|présumée?s?)\s*[«»\"“”]?\s*$", re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:ces|cette|ses|leurs) (?:accusations?|attributions?|affirmations?|allégations?|conclusions?)|"
                        r"à (?:son|leur) compte|\bs['’]associ\w* à (?:cette|ces|l['’])\s*(?:attribution|accusation|déclaration)|"
                        r"se (?:sont )?joint|à (?:son|leur) tour|lui aussi|elle aussi|"
                        r"eux aussi|également mis en cause|mis en cause|\bco-?sign\w+|contresign\w+|align\w* sur|"
                        r"soutien à (?:la position|l['’]attribution|cette attribution|ces accusations|ces conclusions|"
                        r"la décision)|"
                        r"dans le même sens", re.IGNORECASE)
# « ont exprimé leur soutien à la position américaine »: a cue that takes up another's accusation
_SUPPORT_CUE = re.compile(r"soutien|même sens", re.IGNORECASE)
# « par les agences des États-Unis, du Royaume-Uni et du Canada »: a list goes on in the role of its head
_LIST_GOES_ON = re.compile(r"^\s*(?:,|et|ainsi que|,\s*et)\s*(?:(?:de|du|des|d['’])\s*)?(?:la |l['’]|le |les )?$",
                           re.IGNORECASE)


@dataclass
class SentenceClaims:
    sentence: int
    accusers: list[str]
    accused: list[str]
    targets: list[str]
    evidence: Span
    kind: str  # "report" or "assertion"
    # « les allégations de Séoul » with nobody named as accused: whoever answers them in this
    # sentence is the one they accuse
    answered: bool = False


def _prep(text_before: str) -> str | None:
    m = _PREP_BEFORE.search(text_before.replace("\n", " "))
    return m.group("p").lower().replace("’", "'") if m else None


def _clause_start(sent, cue_tok: int) -> int:
    for i in range(cue_tok - 1, sent.start - 1, -1):
        if sent.doc[i].lower_ in _BOUNDARY and not (i > 0 and sent.doc[i - 1].lower_ in ("ainsi", "de même", "tandis")):
            return i + 1  # (« le Japon ainsi que l'Australie » is one subject)
    return sent.start


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
    from .discourse import find_blocks

    blocks = blocks or find_blocks(text_of(doc))
    context = _context_is_cyber(doc, sents, blocks)
    # In a text about a cyber incident (not a multi-topic press conference), « l'attaque »,
    # « l'incident » refer to it.
    topical = not any(b.kind == "R" for b in blocks) and sum(context) >= max(2, len(context) // 3)
    for si, sent in enumerate(sents):
        text = span_text(sent)
        if not text.strip():
            continue
        agents = table.in_span(sent.start, sent.end)
        if not agents:
            continue
        if not _is_cyber(sent, agents, table) and not (context[si] or (si and context[si - 1] and
                                                                       cues.has("report", text))):
            if not (topical and cues.has("report", text) and _INCIDENT_WORD.search(text)):
                continue
        if text.rstrip().endswith("?") and not rhetorical_ok:
            continue
        if cues.has("hypothetical", text):
            continue
        found = _report(sent, agents, table) or [_assertion(sent, agents, table, speakers[si])]
        for claim in found:
            _add_claim(out, claim, sent, si, agents, table, speakers)
    return out


def _add_claim(out, claim, sent, si, agents, table, speakers) -> None:
    """Complete a claim's accuser from the sentence, then keep it."""
    if claim is None:
        return
    if not claim.accusers:
        # « X a convoqué…, après que le gouvernement fédéral a imputé à des acteurs chinois… »: an
        # unnamed accuser is the subject the sentence is about, or else its speaker.
        subject = _subject_agent_key(sent, agents)
        # « Le Danemark, dont l'armateur…, a mis en cause Moscou »: the parser may miss the subject,
        # but a sentence that opens on an agent is about it.
        opener = next((m.key for m in agents if m.start <= sent.start + 2), None)
        if not subject and opener and table.actors[opener].kind != "ThreatActor":
            subject = opener
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


def _speaker_cut(sent) -> int:
    """Character offset (absolute) after which mentions name the speaker (« …, a affirmé M. Qin »).

    « …, a-t-il affirmé, avant d'exhorter les États-Unis… » names nobody: what follows is content."""
    from .discourse import _SPEECH_AFTER

    m = _SPEECH_AFTER.search(span_text(sent))
    if m is None or re.search(r"\b(?:il|elle|ils|elles)\b", m.group(0), re.IGNORECASE):
        return sent.end_char
    return sent.start_char + m.start()


def _report(sent, agents, table) -> list[SentenceClaims]:
    """One claim per report cue; a later cue's clause starts where the previous one ended
    (« L'UE pointe du doigt…, la Norvège reprend à son compte ces accusations… »)."""
    doc = sent.doc
    base = sent.start_char
    cut = _speaker_cut(sent)
    found: list[SentenceClaims] = []
    floor = base
    text = span_text(sent)
    for cs, ce in cues.find("report", text):
        if base + cs < floor:
            continue
        span = doc.char_span(base + cs, base + ce, alignment_mode="expand")
        if span is None:
            continue
        before = text[:cs]
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and set(cues.strategies_in(text[ce:ce + 60])) & {
                "Politicization", "LackOfEvidence", "Denial"}:
            continue  # « Pyongyang dénonce une campagne de diffamation »: a rebuttal, not a report
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and re.match(
                r"\s*(?:\w+\s+)?(?:les|ces|des|de telles|leurs|ses)\s+(?:accusations|allégations|affirmations|imputations)",
                text[ce:], re.I):
            continue  # « a dénoncé les accusations de la Maison Blanche »: the noun cue says who accuses
        if cues.cue_regex("weak_report").fullmatch(text[cs:ce]) and not (
                cues.has("cyber", text) or cues.has("attack", text)):
            continue  # « reprocher », « dénoncer » blame for anything: only with cyber words of their own
        if _NEG_BEFORE.search(before[-30:]) and not before.rstrip().endswith(("sans", "sans aucune")):
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
        # « être derrière », « être responsable »: the subject is blamed; « tenir X pour responsable »: X is
        predicate = bool(_PREDICATE.search(span.text)) and not re.match(r"t(?:ien|en)", span.text, re.IGNORECASE)
        clause = _clause_start(sent, span.start)
        subject = _subject_tokens(span)
        accusers, accused, targets = [], [], []
        stop = _NEW_CLAUSE.search(text, ce)
        clause_end = base + stop.start() if stop else sent.end_char
        clause_end = min(clause_end, _next_subject(sent, span, agents) or clause_end)
        previous = None
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
            if _IMPERSONATED.search(text_of(doc)[max(base, m.char_start - 50):m.char_start]):
                continue
            if m.char_start < floor and _prep(text_of(doc)[max(base, m.char_start - 40):m.char_start]) not in (
                    "selon", "d'après"):
                continue
            if m.char_end <= base + cs and table.actors[m.key].kind == "ThreatActor":
                accused.append(m.key)  # an attacker is never the one who accuses
                continue
            prep = _mention_prep(doc, base, m)
            left = m.char_end <= base + cs
            if not left and _SUPPORT_CUE.search(span.text) and m.start - span.end <= 3:
                continue  # « leur soutien à la position américaine » names the ally, not the accused
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
                if not (_RELATIVE_ACCUSERS.search(before[-40:]) and m.start in _main_subject(sent)):
                    continue
            if noun_cue and left and prep not in ("selon", "d'après", "pour"):
                # « X lance des accusations » accuses; « X a réagi aux accusations » does not.
                if span.root.head.lemma_.lower() in _MAKE_ACCUSATION:
                    accusers.append(m.key)
                elif verb_lemma(span.root.head) in _REJECT_ACCUSATION and any(
                        c.dep_ == "nsubj" and c.left_edge.i <= m.start <= c.right_edge.i for c in span.root.head.children):
                    accused.append(m.key)  # « La Chine a rejeté les accusations lancées par le Japon »
                continue
            if noun_cue and not left and _adjacent(doc, span, m) and (
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
            elif prep == "par":
                (accusers if (passive or noun_cue or not left) and not _after_attack(sent, m, cs) else accused
                 ).append(m.key)
            elif left:
                (accused if passive or (predicate and m.start >= clause) else accusers).append(m.key)
            elif noun_cue and prep in ("de", "du", "des", "d'") and _adjacent(doc, span, m) and \
                    not _PATIENT_NOUN.match(span[0].text):
                accusers.append(m.key)
            elif prep == "avec":
                continue  # « leur solidarité avec l'Ukraine », « en coopération avec Washington »
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


def _blames_for_something_else(sent, span, ce: int) -> bool:
    """« accuse Berlin de construire ses affirmations sur des formules vagues »: what « accuser
    X de » names is not an attack."""
    if not span.text.lower().startswith("accus"):
        return False
    rest = span_text(sent)[ce:]
    m = re.search(r"\b(?:de\b|d['’])\s*(?=\w)", rest, re.IGNORECASE)
    if m is None or re.search(r"[,;:]", rest[:m.start()]):
        return False
    doc = sent.doc
    start = sent.start_char + ce + m.end()
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None or tok.root.pos_ not in ("VERB", "AUX"):
        return False  # « accusé de cyberespionnage »: a noun names the act
    clause = re.split(r"[;:]|,\s+(?:et|mais|tandis|alors)\b", rest[m.end():])[0]
    return not (cues.has("attack", clause) or cues.has("cyber", clause) or _INCIDENT_WORD.search(clause))


def _mention_prep(doc, base: int, m: Mention) -> str | None:
    """The preposition governing a mention; for a body named after its State (« par les agences
    des États-Unis »), the one before the body's noun, not the « des » before the State."""
    from .actors import head_classes

    tok = doc[m.start]
    head = tok.head
    if tok.dep_ == "nmod" and head.i < m.start and m.start - head.i <= 3 and (
            head_classes().get(head.lower_) or head_classes().get(head.lemma_.lower())):
        i = head.i
        while i > 0 and doc[i - 1].pos_ in ("DET", "NUM"):
            i -= 1
        edge = doc[i].idx
        return _prep(text_of(doc)[max(base, edge - 40):edge])
    return _prep(text_of(doc)[max(base, m.char_start - 40):m.char_start])


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


def _subject_agent_key(sent, agents) -> str | None:
    """The first grammatical subject of the sentence that names an agent (a dateline such as
    « BERLIN, 1er août - » can take the parser's root, so the root alone is not enough)."""
    subject = _main_subject(sent)
    candidates = [t for t in sent if t.dep_ == "nsubj" and t.head.pos_ in ("VERB", "AUX")]
    for tok in candidates:
        subject |= {t.i for t in tok.subtree}
        for m in agents:
            if m.start in subject:
                return m.key
    return None


def _main_subject(sent) -> set[int]:
    """Tokens of the subject of the sentence's main verb (« L'Allemagne rejoint la liste des pays qui… »)."""
    from .discourse import main_verb

    out: set[int] = set()
    for c in main_verb(sent).children:
        if c.dep_ in ("nsubj",):
            out |= {t.i for t in c.subtree}
    return out


def _subject_tokens(span) -> set[int]:
    """Tokens of the grammatical subject of the cue verb (« Le Danemark, dont…, a mis en cause »)."""
    verb = span.root
    for _ in range(3):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subj:
            out = set()
            for c in subj:
                # « Canberra, sur la foi de…, après consultation de Washington, tenait… »: the subject
                # ends at the first comma after its head.
                for t in c.subtree:
                    if t.dep_ in ("acl:relcl",) or (t.i > c.i and t.text == ","):
                        break
                    out.add(t.i)
            return out
        if verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head != verb:
            verb = verb.head
        else:
            break
    return set()


def _adjacent(doc, span, m: Mention) -> bool:
    """« les accusations britanniques », « les allégations de la clique fantoche sud-coréenne »: the
    holder's name ends the cue's noun phrase (no verb or punctuation between)."""
    if m.start < span.end:
        return False
    gap = doc[span.end:m.start]
    finite = [t for t in gap if t.pos_ == "AUX" or t.pos_ == "VERB" and not re.search(r"ée?s?$", t.lower_)]
    return len(gap) <= 3 or len(gap) <= 5 and not finite and not any(t.is_punct for t in gap)


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


def _assertion(sent, agents, table, speaker: str | None) -> SentenceClaims | None:
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    attacks = cues.find("attack", text)
    threats = [m for m in agents if table.actors[m.key].kind == "ThreatActor"]
    if not attacks and not threats:
        return None
    if set(cues.strategies_in(text)) & {"Denial", "LackOfEvidence"}:
        return None  # a rebuttal sentence names the attack only to deny it
    cut = _speaker_cut(sent)
    accusers, accused, targets = [], [], []
    for m in agents:
        if m.char_start >= cut:
            accusers.append(m.key)
            continue
        if _IMPERSONATED.search(text_of(doc)[max(base, m.char_start - 50):m.char_start]):
            continue
        before = text_of(doc)[max(base, m.char_start - 40):m.char_start]
        prep = _prep(before)
        if _HEDGE.search(before):
            return None  # « les soi-disant cyberattaques des hackers chinois »: the speaker disputes it
        if prep in ("selon", "d'après"):
            accusers.append(m.key)
        elif prep in ("contre", "visant", "ciblant", "à l'encontre de", "sur"):
            targets.append(m.key)
        elif table.actors[m.key].kind == "ThreatActor":
            accused.append(m.key)
        elif _agent_of_attack(sent, m, attacks, prep):
            accused.append(m.key)
    for s, _e in attacks:
        if _NEG_BEFORE.search(text[max(0, s - 40):s]) or _HEDGE.search(text[max(0, s - 20):s]):
            return None
    if not accused:
        return None
    if not accusers:
        # Speech verb with its subject before it: « des sources du gouvernement australien indiquent que… »
        for s, _e in cues.find("speech", text):
            subj = [m.key for m in agents if m.char_end <= base + s and m.key not in accused
                    and _prep(text_of(doc)[max(base, m.char_start - 40):m.char_start]) not in ("contre", "visant")]
            if subj:
                accusers = subj[:3]
                break
    if not accusers and speaker:
        accusers = [speaker]
    accused = [a for a in dict.fromkeys(accused) if a not in accusers]
    if not accusers or not accused:
        return None
    return SentenceClaims(0, list(dict.fromkeys(accusers)), accused, targets,
                          Span(sent.start_char, sent.end_char, text), "assertion")


_CLEFT = re.compile(r"\b(?:ce sont|c['’]est|ce seraient|c['’]était)\s+(?:les|la|le|l['’]|des|eux|elles)?\s*$", re.I)


def _agent_of_attack(sent, m: Mention, attacks, prep) -> bool:
    doc = sent.doc
    base = sent.start_char
    if _CLEFT.search(text_of(doc)[max(base, m.char_start - 20):m.char_start]) and any(
            base + s > m.char_end for s, _e in attacks):
        return True  # « ce sont les États-Unis qui mènent des cyberattaques »
    tok = doc[m.start]
    # The subject of a verb that carries (or governs) the attack words.
    head = tok
    while head.dep_ in ("amod", "nmod", "flat:name", "appos", "conj") and head.head != head:
        head = head.head
    # « des services américains mènent… »: « des » before the noun is an article, not a preposition
    head_prep = _prep(text_of(doc)[max(base, head.left_edge.idx - 40):head.left_edge.idx]) if head.i < m.start else prep
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


def to_accusations(claims: list[SentenceClaims], table: ActorTable, principal_of) -> list[tuple[int, Accusation]]:
    """Turn sentence claims into accusations; fill a missing accused from the previous accusation
    (« la Norvège reprend à son compte ces accusations »), drop self-accusations."""
    out: list[tuple[int, Accusation]] = []
    last_accused: list[str] = []
    for c in claims:
        accused = c.accused
        if not accused and c.kind == "report" and last_accused and _ANAPHORIC.search(c.evidence.text):
            accused = last_accused
        accusers = [a for a in c.accusers if principal_of(a)]
        accused_p = {p for a in accused for p in principal_of(a)}
        accusers = [a for a in accusers if not principal_of(a) <= accused_p] or []
        accused = [a for a in accused if not principal_of(a) <= {p for x in accusers for p in principal_of(x)}]
        if not accusers or not accused:
            continue
        last_accused = accused
        out.append((c.sentence, Accusation(accusers=accusers, accused=accused, evidence=c.evidence)))
    return out
