"""What the words around a mention or a cue say: the preposition that governs it, where its clause
starts, the grammatical subject, negation, hedging and impersonation, the speaker named after a quote.
Shared by the report and assertion readers (``reports``, ``assertions``)."""

from __future__ import annotations

import re

from ._text import span_text, text_of
from .actors import Mention

_BOUNDARY = {";", ":", "après", "que", "qu'", "qu’", "qui", "lorsque", "car", "mais", "puis", "avant", "tandis",
             "alors", "dont", "où"}
NEG_BEFORE = re.compile(r"\b(?:ne|n['’]|jamais|aucune?|non|pas)\W*(?:\w+\W+){0,2}$", re.IGNORECASE)
# The greedy « .* » makes the nearest preposition win (« à la Corée du Nord par les États-Unis »).
# An elided article or preposition ends without a space (« contre l'Ukraine », « le piratage d'Equifax »).
_PREP_BEFORE = re.compile(r"^.*\b(?P<p>par|selon|d['’]après|contre|visant|ciblant|à l['’]encontre de|de la part de|avec|"
                          r"en provenance de|pour|à|au|aux|de|du|des|d['’]|sur)(?:\s+|(?<=['’]))(?:l['’]\s*|d['’]\s*|"
                          r"(?:la|le|les|ses|leurs?|son|sa|ces|cette|ce|cet|des|un|une|"
                          r"(?!(?:et|ou|ni)\b)[\w\-]+)\s+){0,3}$", re.IGNORECASE)
INCIDENT_WORD = re.compile(r"\b(?:attaques?|incidents?|intrusions?|opérations?|campagnes?)\b", re.IGNORECASE)
# « en se faisant passer pour des pirates nord-coréens »: a false flag names who was imitated
IMPERSONATED = re.compile(r"\b(?:passer|passant|passé)\s+pour\s+(?:des|les|un|une|l['’]|la|le)?\s*(?:[\w\-]+,?\s+){0,4}$",
                           re.IGNORECASE)
HEDGE = re.compile(r"\b(?:soi-disant|prétendue?s?|présumée?s?)\s*[«»\"“”]?\s*$", re.IGNORECASE)


_RELATIVE_SOURCE = re.compile(r"\b(?:selon|d['’]après)\s+(?:lequel|laquelle|lesquels|lesquelles)\b", re.IGNORECASE)


def preposition_before(text_before: str) -> str | None:
    # « un avis selon lequel le groupe APT29… »: « selon » governs the relative pronoun, not the group
    text_before = _RELATIVE_SOURCE.sub(" ", text_before.replace("\n", " "))
    m = _PREP_BEFORE.search(text_before)
    return m.group("p").lower().replace("’", "'") if m else None


def clause_start(sent, cue_tok: int) -> int:
    doc = sent.doc
    for i in range(cue_tok - 1, sent.start - 1, -1):
        word = doc[i].lower_
        if word not in _BOUNDARY or i > 0 and doc[i - 1].lower_ in ("ainsi", "de même", "tandis"):
            continue  # « le Japon ainsi que l'Australie » is one subject
        if word in ("qui", "dont", "où") and any(t.text == "," for t in doc[i + 1:cue_tok]):
            continue  # « Le Royaume-Uni, qui a quitté l'Union, s'était aligné… »: a closed relative
        if word in ("que", "qu'", "qu’") and i > 0 and doc[i - 1].text == "," and any(
                t.text == "," for t in doc[i + 1:cue_tok]):
            continue  # « Moscou, que Canberra met en cause …, a nié »
        return i + 1
    return sent.start


def speaker_cut(sent) -> int:
    """Character offset (absolute) after which mentions name the speaker (« …, a affirmé M. Qin »).

    « …, a-t-il affirmé, avant d'exhorter les États-Unis… » names nobody: what follows is content."""
    from .discourse import _SPEECH_AFTER

    m = _SPEECH_AFTER.search(span_text(sent))
    if m is None or re.search(r"\b(?:il|elle|ils|elles)\b", m.group(0), re.IGNORECASE):
        return sent.end_char
    return sent.start_char + m.start()


def mention_prep(doc, base: int, m: Mention) -> str | None:
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
        return preposition_before(text_of(doc)[max(base, edge - 40):edge])
    return preposition_before(text_of(doc)[max(base, m.char_start - 40):m.char_start])


def subject_agent_key(sent, agents) -> str | None:
    """The first grammatical subject of the sentence that names an agent (a dateline such as
    « BERLIN, 1er août - » can take the parser's root, so the root alone is not enough)."""
    subject = main_subject(sent)
    candidates = [t for t in sent if t.dep_ == "nsubj" and t.head.pos_ in ("VERB", "AUX")]
    for tok in candidates:
        subject |= {t.i for t in tok.subtree}
        for m in agents:
            if m.start in subject:
                return m.key
    return None


def main_subject(sent) -> set[int]:
    """Tokens of the subject of the sentence's main verb (« L'Allemagne rejoint la liste des pays qui… »)."""
    from .discourse import main_verb

    out: set[int] = set()
    for c in main_verb(sent).children:
        if c.dep_ in ("nsubj",):
            out |= {t.i for t in c.subtree}
    return out


def subject_tokens(span) -> set[int]:
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


def adjacent(doc, span, m: Mention) -> bool:
    """« les accusations britanniques », « les allégations de la clique fantoche sud-coréenne »: the
    holder's name ends the cue's noun phrase (no verb or punctuation between)."""
    if m.start < span.end:
        return False
    gap = doc[span.end:m.start]
    finite = [t for t in gap if t.pos_ == "AUX" or t.pos_ == "VERB" and not re.search(r"ée?s?$", t.lower_)]
    return len(gap) <= 3 or len(gap) <= 5 and not finite and not any(t.is_punct for t in gap)


_DATELINE = re.compile(r"^\s*[A-ZÀ-Ý][\w'’\-/ ]{1,40},\s+(?:le\s+)?\d{1,2}(?:er)?\s+\w+(?:\s+\d{4})?"
                       r"(?:\s*\([^)]{1,30}\))?\s*(?:[-–—]{1,2}|:)\s")


def dateline_end(sent) -> int:
    """Where the text starts after a wire's dateline (« TÉHÉRAN, 29 mai (IRNA) - »): the city and
    the agency there are where the news came from, not parties to the claim."""
    m = _DATELINE.match(span_text(sent))
    return sent.start_char + m.end() if m else sent.start_char
