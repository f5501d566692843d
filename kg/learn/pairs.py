"""Candidate (accuser, accused) pairs of a sentence and the features a model weighs them by.

Every two actors named in a sentence, and the sentence's speaker with every actor it names, make a
candidate: « Oslo accuse Moscou » gives (NO, RU) and (RU, NO). Its features say how the two
mentions stand in the dependency parse — the word that governs both (« accuser », « imputer »,
« derrière »), the relation and preposition on each side (« nsubj », « obl:arg/à », « obl:agent/par »),
the words just before each mention (« imputé à », « selon »), negation, mood, voice — and what the
sentence holds (an attack, a claim word of the lexicon). No feature names a document, an actor or a
State: what is learnt is how French says who blames whom.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..extract import cues
from ..extract._text import span_text, text_of
from ..extract.phrases import cancelled
from ..extract.predicates import find_predicates

# Mentions further apart than this (in tokens) are not read as a pair: it keeps a sentence's
# candidates linear in its length, and a claim's two parties are never that far apart.
_MAX_DISTANCE = 60
# A negated or refused predicate between the two parties: the pair is never a claim
CANCELLED = "cancelled"
_NEGATION = {"pas", "jamais", "aucun", "aucune", "nullement", "guère", "ni"}


@dataclass(frozen=True)
class Candidate:
    sentence: int
    accuser: str  # actor key (a mention's or the speaker's)
    accused: str
    pair: tuple[str, str]  # principal codes
    features: tuple[str, ...]


def _lemma(tok) -> str:
    # a feature is one field of a TSV line: a newline token's lemma must not end it
    return "_".join(tok.lemma_.lower().split()) or "_"


def _case(tok) -> str:
    marks = [_lemma(c) for c in tok.children if c.dep_ in ("case", "mark")]
    return "+".join(marks[:2]) or "-"


def _role(tok) -> str:
    return f"{tok.dep_}/{_case(tok)}"


def _first_conjunct(tok):
    # « X et Y ont accusé … », « accuse X et Y »: a conjunct stands where the first of its list stands
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _ancestors(tok) -> list:
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 64:
        out.append(out[-1].head)
    return out


def _predicate_kind(tok) -> str | None:
    hits = find_predicates(tok.text)
    return hits[0][0].kind if hits else None


class _Sentence:
    """What every candidate of one sentence shares: its cue positions and its own features."""

    def __init__(self, sent):
        self.sent = sent
        text = span_text(sent)
        self.attack_chars = sorted(sent.start_char + s for kind in ("attack", "cyber") for s, _ in cues.find(kind, text))
        kinds = sorted({p.kind for p, _, _ in find_predicates(text)})
        self.features = [f"s_pred={k}" for k in kinds] or ["s_nopred"]
        for kind in ("attack", "cyber", "negation", "hypothetical"):
            if cues.has(kind, text):
                self.features.append(f"s_{kind}")
        if text.rstrip().endswith("?"):
            self.features.append("s_question")

    def cancelled(self, tok) -> bool:
        """« n'a pas accusé », « refuse de mettre en cause », « dément avoir accusé »: the grammar's
        own test of a negated or refused predicate, on the words around ``tok``."""
        text = text_of(self.sent.doc)
        end = tok.idx + len(tok)
        return cancelled(text[max(self.sent.start_char, tok.idx - 45):tok.idx], text[end:end + 20])

    def attack_within(self, tok) -> bool:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        k = bisect_left(self.attack_chars, lo)
        return k < len(self.attack_chars) and self.attack_chars[k] < hi

    def is_attack(self, tok) -> bool:
        k = bisect_left(self.attack_chars, tok.idx)
        return k < len(self.attack_chars) and self.attack_chars[k] < tok.idx + len(tok)


def _window(doc, sent, start: int, end: int, name: str) -> list[str]:
    left1 = _lemma(doc[start - 1]) if start - 1 >= sent.start else "<s>"
    left2 = _lemma(doc[start - 2]) if start - 2 >= sent.start else "<s>"
    right1 = _lemma(doc[end]) if end < sent.end else "</s>"
    return [f"{name}_l1={left1}", f"{name}_l2={left2}_{left1}", f"{name}_r1={right1}"]


def _accused_side(s: _Sentence, b) -> list[str]:
    f = [f"b_role={_role(b)}", f"b_pos={b.pos_}", f"b_head={_lemma(b.head)}",
         f"b_head_role={_role(b)}|{_lemma(b.head)}"]
    if kind := _predicate_kind(b.head):
        f.append(f"b_headpred={kind}|{_role(b)}")
    if s.is_attack(b.head):
        f.append(f"b_head_attack={_role(b)}")
    if s.is_attack(b.head.head):
        f.append("b_head2_attack")
    f += [f"b_sib_attack={b.dep_}/{c.dep_}" for c in b.head.children
          if c.i != b.i and c.dep_ in ("obj", "nsubj", "nsubj:pass", "obl") and s.is_attack(c)]
    return f


def _path(s: _Sentence, a, b) -> list[str]:
    up, down = _ancestors(a), _ancestors(b)
    on_b = {t.i: k for k, t in enumerate(down)}
    ka = next((k for k, t in enumerate(up) if t.i in on_b), None)
    if ka is None:
        return ["no_lca"]
    lca = up[ka]
    kb = on_b[lca.i]
    a_top = _role(up[ka - 1]) if ka else "self"
    b_top = _role(down[kb - 1]) if kb else "self"
    lemma = _lemma(lca)
    f = [f"len={min(ka, 3)}/{min(kb, 3)}", f"lca={lemma}", f"lca_pos={lca.pos_}", f"a_top={a_top}",
         f"b_top={b_top}", f"tops={a_top}|{b_top}", f"lca_tops={lemma}|{a_top}|{b_top}"]
    if kind := _predicate_kind(lca):
        f += [f"lca_kind={kind}", f"tops_kind={kind}|{b_top}"]
    if any(s.cancelled(t) for t in up[1:ka + 1] + down[1:kb] if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")):
        f.append(CANCELLED)
    for t in up[1:ka] + down[1:kb]:
        f.append(f"path_lem={_lemma(t)}")
        if kind := _predicate_kind(t):
            f.append(f"path_pred={kind}")
    if s.attack_within(lca):
        f.append("lca_sub_attack")
    if s.is_attack(lca):
        f.append("lca_attack")
    if any(_lemma(c) in _NEGATION for c in lca.children):
        f.append("lca_neg")
    if "Cnd" in lca.morph.get("Mood"):
        f.append("lca_cnd")
    if "Pass" in lca.morph.get("Voice") or any(c.dep_ == "aux:pass" for c in lca.children):
        f.append("lca_pass")
    f.append("order=" + ("ab" if a.i < b.i else "ba"))
    return f


def pair_features(s: _Sentence, a_mention, b_mention, a_kind: str, b_kind: str, a_location: bool,
                  b_location: bool) -> list[str]:
    """Features of « a_mention blames b_mention » (``a_mention`` None: the sentence's speaker)."""
    doc, sent = s.sent.doc, s.sent
    b0 = doc[b_mention.start:b_mention.end].root
    b = _first_conjunct(b0)
    f = list(s.features) + [f"a_kind={a_kind}", f"b_kind={b_kind}"]
    f += _window(doc, sent, b_mention.start, b_mention.end, "bw") + _accused_side(s, b)
    if b_location:
        f.append("b_loc")
    if b0.dep_ == "conj":
        f.append("b_conj")
    if a_mention is None:
        top = _ancestors(b)[-1]
        f += ["a_speaker", f"sp_root={_lemma(top)}",
              "sp_path=" + ">".join(t.dep_ for t in _ancestors(b)[:-1][:4])]
        if kind := _predicate_kind(top):
            f.append(f"sp_rootpred={kind}")
        if any(s.cancelled(t) for t in _ancestors(b)[1:] if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")):
            f.append(CANCELLED)
        return f
    a0 = doc[a_mention.start:a_mention.end].root
    a = _first_conjunct(a0)
    f += _window(doc, sent, a_mention.start, a_mention.end, "aw")
    f += [f"a_role={_role(a)}", f"a_pos={a.pos_}", f"a_head={_lemma(a.head)}"]
    if a_location:
        f.append("a_loc")
    if a0.dep_ == "conj":
        f.append("a_conj")
    if a.i == b.i:
        f.append("same_head")
    else:
        f += _path(s, a, b)
    return f


def sentence_candidates(si: int, sent, table, principal_of, speaker: str | None,
                        skip: frozenset = frozenset()) -> list[Candidate]:
    """The candidates of sentence ``si``: every ordered pair of actors it names, and its speaker
    with every actor it names, one per pair of principals (but the pairs in ``skip``, never described)."""
    mentions = [m for m in table.in_span(sent.start, sent.end, agents_only=False) if principal_of(m.key)]
    if not mentions:
        return []
    s = _Sentence(sent)
    out = []
    for a in mentions:
        for b in mentions:
            if a is b or a.start == b.start or abs(a.start - b.start) > _MAX_DISTANCE:
                continue
            pairs = [(pa, pb) for pa in sorted(principal_of(a.key)) for pb in sorted(principal_of(b.key))
                     if pa != pb and (pa, pb) not in skip]
            if not pairs:
                continue
            feats = tuple(sorted(set(pair_features(s, a, b, table.actors[a.key].kind, table.actors[b.key].kind,
                                                   a.location, b.location))))
            out += [Candidate(si, a.key, b.key, p, feats) for p in pairs]
    if speaker and principal_of(speaker):
        for b in mentions:
            pairs = [(pa, pb) for pa in sorted(principal_of(speaker)) for pb in sorted(principal_of(b.key))
                     if pa != pb and (pa, pb) not in skip]
            if not pairs:
                continue
            feats = tuple(sorted(set(pair_features(s, None, b, "speaker", table.actors[b.key].kind, False,
                                                   b.location))))
            out += [Candidate(si, speaker, b.key, p, feats) for p in pairs]
    return out
