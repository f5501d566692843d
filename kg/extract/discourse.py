"""Discourse structure: a parsed ``Doc`` in, blocks (question / answer / text) and the speaker
of each sentence out.

Press conferences and embassy statements alternate « Q : » and « R : »: the question reports an
accusation, the answer is the rebuttal. News reports attribute each statement to a speaker
(« a affirmé M. Qin », « selon Moscou », « La Chine est victime… »); a sentence with no speaker
of its own continues the previous one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from ._text import sentences, span_text, text_of
from .actors import ActorTable
from .clauses import dateline_end

_Q = re.compile(r"^\W{0,4}(?:Q|Question|Journaliste)\s*(?:\([^)\n]{1,40}\))?\s*\d*\s*[:：.\-–—]", re.MULTILINE)
_R = re.compile(r"^\W{0,4}(?:R|Réponse|Reponse|Porte-parole)\s*[:：.\-–—]", re.MULTILINE)


@dataclass
class Block:
    kind: str  # "Q", "R" or "text"
    start: int  # character offsets
    end: int
    index: int  # position among blocks


_LABEL = re.compile(r"^([A-ZÀ-Ý][\w'’.\-]*(?: [A-ZÀ-Ýa-z][\w'’.\-]*){0,3}) ?[:：] ", re.MULTILINE)


def _speaker_labels(text: str) -> list[tuple[int, str]]:
    """Transcripts that name who speaks (« Reuters : … », « Wang Wenbin : … »): the label that
    speaks most is the spokesperson answering; the others ask."""
    found = [(m.start(), m.group(1)) for m in _LABEL.finditer(text)]
    if len(found) < 3:
        return []
    if any(_Q.match(label + " :") for _, label in found):
        # « Question : … » then « Lin Jian : … »: whoever is not asking answers
        out = [(pos, "Q" if _Q.match(label + " :") else "R") for pos, label in found]
        return out if any(k == "R" for _, k in out) else []
    counts: dict[str, int] = {}
    for _, label in found:
        counts[label] = counts.get(label, 0) + 1
    answerer = max(counts, key=lambda k: (counts[k], k))
    if counts[answerer] < 2 or len(counts) < 2:
        return []
    return [(pos, "R" if label == answerer else "Q") for pos, label in found]


def find_blocks(text: str) -> list[Block]:
    marks = sorted([(m.start(), "Q") for m in _Q.finditer(text)] + [(m.start(), "R") for m in _R.finditer(text)])
    if not any(k == "R" for _, k in marks):
        marks = _speaker_labels(text)
    if not any(k == "R" for _, k in marks):
        return [Block("text", 0, len(text), 0)]
    blocks: list[Block] = []
    if marks[0][0] > 0:
        blocks.append(Block("text", 0, marks[0][0], 0))
    for i, (pos, kind) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        blocks.append(Block(kind, pos, end, len(blocks)))
    return blocks


def block_of(blocks: list[Block], char: int) -> Block:
    for b in blocks:
        if b.start <= char < b.end:
            return b
    return blocks[-1]


# Participles that report speech (« a déclaré »), shared by the two ways a speaker is named.
_SAID = "|".join(cues.load_cues("said"))
# Of those, the ones that also take an object: « …, a dénoncé une « campagne de désinformation » » names no
# speaker after the verb, the subject before it speaks
_SAID_OBJECT = "|".join(cues.load_cues("said_object"))
_SPEECH_AFTER = re.compile(
    r"[,»\"]\s*(?:a|ont|avait|avaient)[- ]?(?:t[- ])?(?:il|elle|ils|elles)?\s*"
    rf"(?:(?!(?:{_SAID_OBJECT})\b)(?:{_SAID})|(?:{_SAID_OBJECT})"
    r"(?!\s*(?:une?|des|du|de la|de l['’]|d['’]|ces|cette|cet|ce|à|aux?|contre|sur)\s))"
    # « …, a déclaré que… » introduces what follows (also « a déclaré à la Chambre qu'… »); only a
    # trailing « …, a déclaré X. » names the speaker
    r"(?!\s*(?:que\b|qu['’]|:|,\s*selon))(?![^,.;:«»\"]{0,60}\b(?:que\b|qu['’]))",
    re.IGNORECASE)
_PRONOUN_SPEECH = re.compile(r"\b(?:a|ont)-t-(?:il|elle|ils|elles)\b|\b(?:selon|d['’]après) (?:lui|elle|eux)\b",
                             re.IGNORECASE)
_FIRST_PERSON_SUBJECT = re.compile(r"(?:^|[.,;:!?]\s+|\s)(?:je|j['’]|nous)\s", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:nous|notre|nos)\b", re.IGNORECASE)


_STANCE = re.compile("^(?:" + "|".join(cues.load_cues("stance")) + ")$", re.IGNORECASE)


def verb_lemma(tok) -> str:
    """The infinitive of a verb token. The small model tags some participles as adjectives and
    keeps them as their own lemma (« a réagi » → « réagi »): those are mapped back here."""
    lemma = tok.lemma_.lower()
    if _STANCE.match(lemma) or tok.pos_ not in ("ADJ", "NOUN", "VERB"):
        return lemma
    word = tok.lower_
    for ending, infinitives in (("é", ("er",)), ("ée", ("er",)), ("i", ("ir",)), ("u", ("re", "ir")), ("it", ("ire",))):
        if word.endswith(ending):
            for inf in infinitives:
                guess = word[: -len(ending)] + inf
                if _STANCE.match(guess):
                    return guess
    return lemma


_INSTITUTION = re.compile(r"^(?:ministère|ministre|gouvernement|ambassade|consulat|porte-parole|présidence|"
                          r"autorités|nous|service|services|armée|commandement|office)$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:Par|De|Tribune de)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3}\s*,\s*\w", re.M)
# (« Le porte-parole du ministère des Affaires étrangères de la RPDC répond à une question » heads a
# state-media dispatch in lower case)
_HEADER_INSTITUTION = re.compile(r"\b(?:Minist[èe]re|Ambassade|Gouvernement|Consulat|Présidence|Communiqué|"
                                 r"Déclaration|Porte-parole)\b|"
                                 r"^\W*(?:Le|La) porte-parole d(?:u|e l['’])\s*(?:ministère|ambassade|gouvernement)",
                                 re.MULTILINE)


_COMMENTARY = re.compile(r"\b[Cc]ommentaire (?:de la |de l['’]|du |de )(?=[A-ZÀ-Ý])")


def home_principal(doc, table: ActorTable, principal_of) -> str | None:
    """The actor a government document speaks for, from its header (« Ministère de la Défense
    nationale – Taïwan », « Ambassade de Chine en Belgique »): unnamed institutions (« le
    ministère », « nous ») in the text are it."""
    header_end = 0
    lines = 0
    start = 0
    for line in text_of(doc).splitlines(keepends=True):
        byline = _BYLINE.match(line)
        header_end += len(line)
        if byline:
            # « Par Vladimir Tchijov, représentant permanent de la Fédération de Russie »: an op-ed
            # speaks for its author's State.
            start = header_end - len(line)
            break
        if line.strip():
            lines += 1
        if lines >= 3:
            commentary = _COMMENTARY.search(text_of(doc)[:header_end])
            if commentary:
                # « … - Commentaire de la KCNA »: a state agency's commentary speaks for its State
                start = commentary.end()
            elif not _HEADER_INSTITUTION.search(text_of(doc)[:header_end]):
                return _answering_state(doc, table)
            break
    for m in table.mentions:
        if m.char_end <= start:
            continue
        if m.char_start >= header_end:
            break
        if principal_of(m.key) and not m.key.startswith(("threat:", "person:")) and not m.location:
            return m.key
    return _answering_state(doc, table)


def _answering_state(doc, table: ActorTable) -> str | None:
    """A ministry's transcript whose header names no State (« Conférence de presse régulière de la
    porte-parole du ministère des Affaires étrangères Mao Ning »): the State its answers speak of far more
    than any other (« la Chine », « chinois »), others being « la partie britannique »."""
    text = text_of(doc)
    answers = [b for b in find_blocks(text) if b.kind == "R"]
    if not answers:
        return None
    counts: dict[str, int] = {}
    for m in table.mentions:
        if not m.key.startswith("state:") or not any(b.start <= m.char_start < b.end for b in answers):
            continue
        if re.search(r"\b(?:partie|côté)\s+$", text[max(0, m.char_start - 12):m.char_start]):
            continue  # « la partie britannique »: the other side
        counts[m.key] = counts.get(m.key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def sentence_speakers(doc, table: ActorTable, principal_of) -> list[str | None]:
    """The actor key of the speaker of each sentence of ``doc`` (None where unknown).

    ``principal_of(key)`` gives an actor's principal codes; it lets « il » continue a speaker.
    """
    speakers: list[str | None] = []
    home = home_principal(doc, table, principal_of)
    current: str | None = home
    last_named: str | None = home  # the latest speaker a sentence named
    introduced = False  # the previous sentence announced what follows (« La déclaration souligne : »)
    introducer: str | None = None  # who announced it (« Le porte-parole … a publié la déclaration suivante : »)
    for sent in sentences(doc):
        text = span_text(sent)
        gap = text_of(doc)[max(0, sent.start_char - 4):sent.start_char]
        new_paragraph = "\n" in gap if home else gap.count("\n") >= 2
        previous = current
        if sent.start_char > 0 and new_paragraph and not (
                introduced or text.lstrip().startswith(("«", '"', "“")) or _PRONOUN_SPEECH.search(text)):
            # A new paragraph starts afresh: a government text speaks for itself again, a news
            # report's narrator is nobody's spokesperson — unless it goes on with « Le porte-parole… ».
            current = home if home or not _unnamed_speaker_subject(sent) else previous
        agents = [m for m in table.in_span(sent.start, sent.end) if not m.key.startswith("threat:")]
        speaker = None
        m = _SPEECH_AFTER.search(text)
        if m:
            # « …, a affirmé M. Qin »: the speaker follows the verb; « …, a-t-il ajouté » continues.
            after = [a for a in agents if a.char_start >= sent.start_char + m.end()]
            if re.search(r"\b(?:il|elle|ils|elles)\b", m.group(0), re.IGNORECASE):
                speaker = current  # « …, a-t-il affirmé, avant d'exhorter les États-Unis… »
            else:
                # « Le Kremlin a démenti…, a déclaré son porte-parole »: the body of the subject speaks.
                speaker = after[0].key if after else (_subject_agent(sent, agents) or current)
            if speaker is not None and home and not principal_of(speaker):
                speaker = home  # « …, a déclaré le ministre des Affaires numériques, M. Gawkowski »
            speakers.append(speaker)
            current = speaker
            last_named = speaker or last_named
            introduced = introduced or text.rstrip().endswith(":")
            continue
        if speaker is None:
            for s, e in cues.find("source", text):
                if re.match(r"\s*(?:lui|elle|eux|elles|moi|nous|vous)\b", text[e:], re.IGNORECASE):
                    continue  # « conçu selon lui par les États-Unis »: the speaker goes on
                after = [a for a in agents if a.char_start >= sent.start_char + s]
                if after and after[0].char_start - (sent.start_char + s) < 40:
                    speaker = after[0].key
                    break
        if speaker is None:
            subj = _subject_agent(sent, agents)
            verb = main_verb(sent)
            lemma = verb_lemma(verb)
            # « Washington n'a toujours pas répondu à nos questions »: not a speaker
            negated = any(c.lower_ in ("ne", "n'", "n’", "pas", "jamais") for c in verb.children)
            if subj is not None and _STANCE.match(lemma) and not negated and not (
                    lemma in ("être", "avoir") and cues.has("attack", text)):
                speaker = subj
            elif subj is None and home and _unnamed_institution_subject(sent):
                speaker = home
        if speaker is None:
            speaker = _speech_subject(sent, agents)
        if speaker is None and _DOCUMENT_SUBJECT.match(text):
            speaker = last_named  # « La déclaration souligne : » — the one that made it
        if speaker is None and _PRONOUN_SPEECH.search(text):
            speaker = current
        if speaker is None and text.rstrip().endswith(":") and not introduced:
            # « Pyongyang, 26 mars (KCNA) -- Le porte-parole de l'Institut … de la RPDC a publié la déclaration
            # suivante : »: the body the announcement names
            start = dateline_end(sent)
            named = [a for a in agents if a.char_start >= start and not a.location and principal_of(a.key)]
            speaker = named[0].key if named else None
        if speaker is None and (introducer or home) and _FIRST_PERSON_SUBJECT.search(text):
            speaker = introducer or home
        if speaker is not None and home and not principal_of(speaker):
            speaker = home  # « le ministre de la Défense nationale, Wellington Koo »: an official of the author
        if speaker is None:
            # inside an announced statement, what no one else is said to say is the statement's
            speaker = introducer or current
        speakers.append(speaker)
        current = speaker
        if speaker is not None:
            last_named = speaker
        # a statement announced by « … souligne : » runs on over its paragraphs
        if text.rstrip().endswith(":") and not introduced:
            introducer = speaker
        introduced = introduced or text.rstrip().endswith(":")
    return speakers


_DOCUMENT_SUBJECT = re.compile(r"^\s*(?:la|le|cette|ce|sa|son|leur)\s+(?:déclaration|communiqué|texte|note|lettre|"
                               r"mise au point)\b", re.IGNORECASE)


def main_verb(sent):
    """The sentence's main verb. After a speaker label (« Question : Hier, le ministre a
    déclaré… ») the parser makes the label the root and hangs the verb under it."""
    root = sent.root
    if root.text in "«»\"“”" and root.pos_ not in ("VERB", "AUX"):
        # « L'ambassade « s'oppose fermement aux accusations » »: the parser may make the quote mark the root
        verbs = [c for c in root.children if c.pos_ in ("VERB", "AUX")]
        return verbs[0] if verbs else root
    if root.pos_ in ("VERB", "AUX") or root.i + 1 >= sent.end or sent.doc[root.i + 1].text != ":":
        return root
    verbs = [c for c in root.children if c.i > root.i + 1 and c.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else root


_SPEECH_VERB = re.compile(
    rf"\b(?:a|ont|avait|avaient)\s+(?:{_SAID}|annoncé|confirmé|révélé|démenti|rejeté|qualifié)\b|"
    r"\b(?:affirme|déclare|estime|juge|qualifie|dénonce|rejette|dément|assure|souligne|indique|réfute|"
    r"écrit|martèle)(?:nt)?\b", re.IGNORECASE)


def _speech_subject(sent, agents):
    """« La conseillère adjointe …, Anne Neuberger, a indiqué que… »: the agent right before a
    speech verb speaks, whatever the parser made of a long subject."""
    m = _SPEECH_VERB.search(span_text(sent))
    if m is None or re.search(r"\b(?:ne|n['’])\s*$", span_text(sent)[:m.start()]):
        return None  # « Washington n'affirme pas que… » names no speaker
    at = sent.start_char + m.start()
    before = [a for a in agents if a.char_end <= at and at - a.char_end <= 4]
    if not before:
        return None
    # The subject runs back to the last comma: « la mission de l'Iran auprès des Nations unies a
    # jugé… » is Iran's mission speaking, the first body named in it.
    text = text_of(sent.doc)
    start = max(max(text.rfind(c, sent.start_char, before[-1].char_start) for c in ",:;") + 1, sent.start_char)
    phrase = [a for a in agents if start <= a.char_start and a.char_end <= at]
    return phrase[0].key


def _unnamed_speaker_subject(sent) -> bool:
    root = main_verb(sent)
    for tok in sent:
        if tok.dep_ == "nsubj" and tok.head == root:
            return tok.lower_ in ("il", "elle", "porte-parole", "ministre", "diplomate", "ambassadeur", "ambassade",
                                  "responsable", "ministère")
    return False


def _unnamed_institution_subject(sent) -> bool:
    root = main_verb(sent)
    for tok in sent:
        if tok.dep_ in ("nsubj",) and tok.head == root and _INSTITUTION.match(tok.lower_):
            return True
    return False


def _subject_agent(sent, agents):
    """The agent that is the subject of the sentence's main verb (or of a reporting verb)."""
    by_token = {}
    for a in agents:
        for i in range(a.start, a.end):
            by_token[i] = a.key
    root = main_verb(sent)
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubj:pass") and (tok.head.dep_ == "ROOT" or tok.head == root):
            for t in tok.subtree:
                if t.i in by_token:
                    # « le porte-parole du ministère chinois » : the person or body speaking.
                    return by_token[t.i]
    return None


def answer_speakers(sents, blocks: list[Block], speakers: list, located, principal_of) -> bool:
    """Set the speaker of every answer sentence to the principal its question accuses.

    Returns whether anything changed. ``located`` are (sentence index, Accusation)."""
    if not any(b.kind == "R" for b in blocks):
        return False
    sent_block = [block_of(blocks, s.start_char) for s in sents]
    changed = False
    for bi, block in enumerate(blocks):
        if block.kind != "R":
            continue
        q = next((b for b in reversed(blocks[:bi]) if b.kind in ("Q", "text")), None)
        if q is None or q.kind != "Q":
            continue
        accused: dict[str, int] = {}
        for si, acc in located:
            if sent_block[si].index == q.index:
                for key in acc.accused:
                    for p in principal_of(key):
                        accused[p] = accused.get(p, 0) + 1
                        accused.setdefault("key:" + p, key)
        if not accused:
            continue
        p = max((k for k in accused if not k.startswith("key:")), key=lambda k: (accused[k], k))
        state = f"state:{p}" if principal_of(f"state:{p}") == {p} else next(
            (k for k in _state_keys(located, principal_of) if principal_of(k) == {p}), None)
        for si, b in enumerate(sent_block):
            if b.index == bi and state and speakers[si] != state:
                speakers[si] = state
                changed = True
    return changed


def _state_keys(located, principal_of):
    seen = []
    for _si, acc in located:
        for k in acc.accused:
            if k.startswith("state:") and k not in seen:
                seen.append(k)
    for _si, acc in located:
        for k in acc.accused:
            if k not in seen:
                seen.append(k)
    return seen
