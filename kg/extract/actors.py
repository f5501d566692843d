"""Actors: a parsed ``Doc`` in, canonical ``Actor`` records and their ``Mention``s out.

A State is named many ways (« la Chine », « Pékin », « le Kremlin », « la partie chinoise »,
« sino- »); the noun a State word qualifies decides which actor the words denote: the State
(« les autorités chinoises »), a threat actor acting for it (« des hackers chinois »,
« des pirates liés à la Russie »), one of its bodies (« le ministère chinois des Affaires
étrangères ») or a person's office (« le Premier ministre pakistanais »).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from ._alternation import alternation
from ._text import text_of
from .lexicon import Entry, Lexicon, is_case_sensitive, lexicon_dir, load_lexicon, strip_accents
from .records import Actor, Span


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    char_start: int
    char_end: int
    key: str  # actor key
    location: bool = False  # « en Chine », « à Washington »: a place, not an agent


@dataclass
class ActorTable:
    actors: dict[str, Actor]
    mentions: list[Mention]  # sorted by position
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def in_span(self, start: int, end: int, agents_only: bool = True) -> list[Mention]:
        # Mentions are sorted by start (find_persons re-sorts after adding): a bisection finds the
        # first one, so that reading every sentence stays linear in the document's length.
        if self._starts is None or len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        out = []
        for m in self.mentions[bisect_left(self._starts, start):]:
            if m.start >= end:
                break
            if m.end <= end and not (agents_only and m.location):
                out.append(m)
        return out


@cache
def head_classes() -> dict[str, str]:
    path = lexicon_dir() / "heads.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t")
        return {r["word"]: r["class"] for r in rows}


_BOUND_L = r"(?<![\w\-])"
_BOUND_R = r"(?![\w\-])"


@cache
def _matchers() -> tuple[re.Pattern, re.Pattern, dict[str, list[Entry]]]:
    lex = load_lexicon()
    by_surface: dict[str, list[Entry]] = {}
    sensitive, insensitive = set(), set()
    for e in lex.entries:
        if e.form == "prefix":
            continue
        if is_case_sensitive(e):
            sensitive.add(e.surface)
            by_surface.setdefault(e.surface, []).append(e)
        else:
            insensitive.add(e.surface.lower())
            by_surface.setdefault(e.surface.lower(), []).append(e)

    def alt(forms, flags=0):
        # Longest first: where forms overlap, the longest that ends on a word boundary wins.
        return alternation(sorted(forms, key=lambda s: (-len(s), s)), flags)

    return (re.compile(_BOUND_L + "(?:" + alt(sensitive) + ")" + _BOUND_R),
            re.compile(_BOUND_L + "(?:" + alt(insensitive, re.IGNORECASE) + ")" + _BOUND_R, re.IGNORECASE),
            by_surface)


@cache
def _prefix_re() -> tuple[re.Pattern, dict[str, str]]:
    lex = load_lexicon()
    prefixes = {e.surface: e.ref for e in lex.entries if e.form == "prefix"}
    pattern = _BOUND_L + "(" + "|".join(sorted(map(re.escape, prefixes), key=len, reverse=True)) + r")-(?=\w)"
    return re.compile(pattern, re.IGNORECASE), prefixes


def slug(text: str) -> str:
    """A stable ASCII key for a name.

    >>> slug("Ministère des Affaires étrangères")
    'ministere-des-affaires-etrangeres'
    """
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower().replace("’", "'")).strip("-")


_LOCATIVE = {"à", "au", "aux", "en", "dans", "depuis", "vers", "hors", "sur", "via", "basés", "basé",
             "situés", "situé", "située", "situées", "implantés", "entre"}
_LINKS = re.compile(r"^(liée?s?|soutenue?s?|parrainée?s?|affiliée?s?|rattachée?s?|proches?|commanditée?s?"
                    r"|financée?s?|dirigée?s?|employée?s?|contrôlée?s?|associée?s?|travaillant|agissant|opérant)$",
                    re.IGNORECASE)
_NAME_FORMS = {"name", "capital", "metonym"}
# Nouns that name attackers only when linked to a State (« un groupe lié à l'État iranien », « une
# entité affiliée à l'État chinois »); « le groupe français Saint-Gobain » is a company.
_LINKED_ONLY = {"groupe", "groupes", "entité", "entités", "cellule", "cellules", "équipe", "équipes", "collectif",
                "collectifs"}


class _Builder:
    def __init__(self, doc, lex: Lexicon):
        self.doc = doc
        self.lex = lex
        self.actors: dict[str, Actor] = {}
        self.mentions: list[Mention] = []

    def state(self, code: str) -> str:
        key = f"state:{code}"
        if key not in self.actors:
            info = self.lex.states[code]
            self.actors[key] = Actor(key, "State", info.name, code=code, wikidata=info.wikidata or None)
        return key

    def org(self, key: str) -> str:
        info = self.lex.orgs[key]
        akey = f"org:{key}"
        if akey not in self.actors:
            if info.kind == "InternationalOrganization":
                self.actors[akey] = Actor(akey, "InternationalOrganization", info.label, code=info.code)
            else:
                if info.parent in self.lex.orgs:
                    aff = [self.org(info.parent)]
                else:
                    aff = [self.state(info.state)] if info.state in self.lex.states else []
                self.actors[akey] = Actor(akey, "Organization", info.label, affiliated=aff)
        return akey

    def threat(self, key: str) -> str:
        info = self.lex.threats[key]
        akey = f"threat:{key}"
        if akey not in self.actors:
            aff = []
            if info.agency and info.agency in self.lex.orgs:
                aff = [self.org(info.agency)]
            elif info.state in self.lex.states:
                aff = [self.state(info.state)]
            self.actors[akey] = Actor(akey, "ThreatActor", info.name, affiliated=aff,
                                      aliases=sorted(info.aliases))
        return akey

    def derived(self, kind: str, code: str, label: str) -> str:
        prefix = {"ThreatActor": "threat", "Organization": "actor"}[kind]
        key = f"{prefix}:{code.lower()}-{slug(label)}"
        if key not in self.actors:
            self.actors[key] = Actor(key, kind, label, affiliated=[self.state(code)])
        return key

    def add(self, span, key: str, location: bool = False, names_actor: bool = True):
        self.mentions.append(Mention(span.start, span.end, span.start_char, span.end_char, key, location))
        if names_actor:
            self.actors[key].mentions.append(Span(span.start_char, span.end_char, span.text))


def _head_noun(doc, span, form: str):
    """The noun the State word qualifies, and the token range of the phrase they make."""
    tok = span[0]
    if form in ("demonym", "prefix"):
        if tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "amod":
            return None
        # « acteurs étatiques chinois »: walk back over adjectives to the noun.
        i = span.start - 1
        while i >= 0 and i >= span.start - 4:
            t = doc[i]
            if t.pos_ in ("NOUN", "PROPN") or t.lower_ in head_classes():
                return t
            if t.pos_ not in ("ADJ", "ADV") and t.text not in ("-",):
                break
            i -= 1
        return tok.head if tok.dep_ == "amod" and tok.head.pos_ == "NOUN" else None
    # « l'ambassade de Chine », « hackers liés à la Chine »: look left past article and preposition.
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("la", "le", "les", "l'", "l’"):
        i -= 1
    if i >= 0 and doc[i].lower_ in ("de", "du", "des", "d'", "d’"):
        j = i - 1
        while j >= 0 and doc[j].pos_ == "ADJ":
            j -= 1
        if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN"):
            return doc[j]
    if i >= 1 and doc[i].lower_ in ("à", "au", "aux", "par") and _LINKS.match(doc[i - 1].text):
        j = i - 2
        while j >= 0 and doc[j].pos_ in ("ADJ", "ADV"):
            j -= 1
        if j >= 0 and doc[j].pos_ == "NOUN":
            return doc[j]
    return None


def _linked_attacker(doc, start: int):
    """« un acteur APT soutenu par l'État chinois », « des pirates liés au gouvernement russe »:
    the attacker noun a State is linked to by « soutenu par », « lié à »…"""
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("la", "le", "les", "l'", "l’", "«", '"'):
        i -= 1
    if i < 1 or doc[i].lower_ not in ("par", "à", "au", "aux"):
        return None
    i -= 1
    while i >= 0 and doc[i].pos_ == "ADV":
        i -= 1
    if i < 0 or not _LINKS.match(doc[i].text):
        return None
    heads = head_classes()
    for j in range(i - 1, max(-1, i - 9), -1):
        t = doc[j]
        if t.is_punct and t.text not in ("«", "»", "(", ")", '"'):
            break
        if heads.get(t.lower_) == "threat" or heads.get(t.lemma_.lower()) == "threat" or t.text.startswith("APT") \
                or t.lower_ in _LINKED_ONLY:
            return t
    return None


def _looks_like_surname(tok) -> bool:
    return bool(re.match(r"^[A-ZÀ-Ý][a-zà-ÿ\-]+$", tok.text)) and not tok.is_sent_start and tok.pos_ in ("PROPN", "NOUN")


def _is_location(doc, span) -> bool:
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("la", "le", "les", "l'", "l’"):
        i -= 1
    if i < 0:
        return False
    prev = doc[i].lower_
    if prev == "à" and (i == doc[i].sent.start or doc[i - 1].is_space) and span.end < len(doc) \
            and doc[span.end].text == ",":
        return False  # « À Londres, le chef de la diplomatie a … »: the capital introduces who speaks there
    if prev in ("à", "au", "aux"):
        # « imputer à la Corée du Nord », « attribuées aux États-Unis »: a dative, not a place.
        # A country takes « en »/« au » as a place; « à la » + country is nearly always a dative.
        # The noun of a claim may stand far before its « à » (« l'attribution par Paris d'une campagne
        # de cyberespionnage visant des entreprises françaises à Pékin »): back to the last stop.
        window = re.split(r"[;:.!?]", doc[max(0, i - 20, doc[i].sent.start):i].text.lower())[-1]
        if re.search(r"imput|attribu|reproch|demand|exhort|appel|accus", window):
            return False
        if prev == "à" and i < span.start - 1:
            return False
    if prev == "sur" and re.search(r"soupçons|accusations|regards|responsabilité", " ".join(
            t.lower_ for t in doc[max(doc[i].sent.start, i - 8):i])):
        return False  # « les soupçons pèsent sur la Corée du Nord »: whom the claim is about
    if prev == "depuis" and i > 0 and re.fullmatch(r"(?:dirigée?s?|menée?s?|lancée?s?|orchestrée?s?|pilotée?s?|"
                                                   r"opérée?s?|conduite?s?)", doc[i - 1].lower_):
        return False  # « une cyberattaque dirigée depuis la Russie »: where it came from, who is blamed
    if prev in _LOCATIVE:
        return True
    return prev in ("de", "d'", "d’") and i > 0 and doc[i - 1].lower_ in ("hors", "près", "loin", "provenance", "autour",
                                                                          "proximité", "environs", "large")


def _phrase(doc, head, span) -> str:
    """Label for a body or group: the head noun and its complements (« ministère chinois des
    Affaires étrangères », « Ambassade de Chine en Belgique »)."""
    subtree = {t.i for t in head.subtree}
    end = span.end
    k = end
    while k < len(doc) and k - end < 6 and k in subtree and not doc[k].is_punct and doc[k].pos_ not in (
            "VERB", "AUX", "PRON", "SCONJ", "CCONJ") and doc[k].lower_ not in ("qui", "que", "dont"):
        k += 1
    while k > end and doc[k - 1].dep_ in ("case", "det") or (k > end and doc[k - 1].pos_ in ("ADP", "DET")):
        k -= 1
    text = doc[head.i:max(k, end)].text
    return text[0].upper() + text[1:] if text else text


def find_actors(doc, lex: Lexicon | None = None) -> ActorTable:
    """Find every actor mention in ``doc`` and build the document's actor table."""
    lex = lex or load_lexicon()
    b = _Builder(doc, lex)
    text = text_of(doc)
    sensitive, insensitive, by_surface = _matchers()
    found: list[tuple[int, int, Entry]] = []
    for rx, fold in ((sensitive, False), (insensitive, True)):
        for m in rx.finditer(text):
            surf = re.sub(r"\s+", " ", m.group(0)).replace("’", "'")
            entries = by_surface.get(surf.lower() if fold else surf) or by_surface.get(surf)
            if entries:
                found.append((m.start(), m.end(), entries[0]))
    prefix_rx, prefixes = _prefix_re()
    for m in prefix_rx.finditer(text):
        found.append((m.start(1), m.end(1), Entry(m.group(1).lower(), "prefix", prefixes[m.group(1).lower()])))
    # Longest match wins where matches overlap.
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Entry]] = []
    last_end = -1
    for s, e, entry in found:
        if s >= last_end:
            kept.append((s, e, entry))
            last_end = e
    heads = head_classes()
    for s, e, entry in kept:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        if entry.form == "org":
            b.add(span, b.org(entry.ref))
            continue
        if entry.form == "threat":
            b.add(span, b.threat(entry.ref))
            continue
        code = entry.ref
        if code not in lex.states:
            continue
        if entry.form == "capital" and span.end < len(doc) and _looks_like_surname(doc[span.end]):
            continue  # « Wellington Koo » is a person, not New Zealand
        if entry.form == "demonym" and span.start > 0 and doc[span.start - 1].lower_ == "en" and span.text.islower():
            continue  # « des chaînes de caractères en chinois »: a language
        head = _head_noun(doc, span, entry.form)
        cls = heads.get(head.lower_, heads.get(head.lemma_.lower())) if head is not None else None
        if cls in (None, "state"):
            attacker = _linked_attacker(doc, head.i if head is not None and head.i < span.start else span.start)
            if attacker is not None:
                head, cls = attacker, "threat"
        location = entry.form in _NAME_FORMS and _is_location(doc, span)
        if cls == "threat":
            label = f"{head.text} {span.text}" if entry.form == "demonym" else _phrase(doc, head, span)
            b.add(span, b.derived("ThreatActor", code, label.lower() if entry.form == "demonym" else label))
        elif cls == "org" and not location:
            b.add(span, b.derived("Organization", code, _phrase(doc, head, span)))
        else:
            # « conclue à Buenos Aires » names a city where something happened, not the State
            b.add(span, b.state(code), location=location, names_actor=not (location and entry.form == "capital"))
    _anaphors(doc, text, b)
    b.mentions.sort(key=lambda m: (m.start, m.end))
    return ActorTable(b.actors, b.mentions)


# « La justice américaine accuse le même groupe d'avoir piraté … », « ce groupe, lié au GRU »: a
# demonstrative stands for the attacker named last (within a few paragraphs).
_ANAPHOR = re.compile(r"\b(?:ce|cet|ce même|le même|ledit|ces|les mêmes)\s+(?:groupes?|acteurs?|collectifs?|pirates|hackers|"
                      r"cybercriminels|attaquants)(?:\s+(?:de\s+)?(?:pirates|hackers|cyberespionnage|menace))?\b", re.IGNORECASE)


def _anaphors(doc, text: str, b) -> None:
    taken = [(m.char_start, m.char_end) for m in b.mentions]
    for m in _ANAPHOR.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        before = [x for x in b.mentions if x.char_end <= m.start() and m.start() - x.char_end <= 1500
                  and x.key.startswith("threat:")]
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if before and span is not None:
            b.add(span, max(before, key=lambda x: x.char_end).key, names_actor=False)
