"""Predicate frames: a sentence, a predicate found in it and its actor mentions in; who holds which
role out.

The lexicon ``kg/lexicons/predicates.tsv`` says, for each predicate, which argument holds the
accuser and which the accused (« X accuse Y de … », « X impute … à Y », « Y est derrière … »,
« les accusations de X contre Y »). This module reads the arguments the way French writes them, once
for all predicates:

- active: the subject before the verb, the object after it, « à Y », « par Y »;
- passive (« Y a été accusé par X »), and participles: an adjunct (« Accusé par X de …, Y a … »)
  or after its noun (« Y, soupçonné par X de … ») gives the object's role to the noun it describes;
- relative: « X, qui accuse Y » (« qui » is its antecedent), « Y, que X accuse »;
- « selon X » names who speaks; lists (« X et Z accusent … ») share their role;
- what is blamed (« de + infinitif », « l'attaque contre … ») names victims and places, not parties;
- negation and refusal (« n'a pas accusé », « refuse de désigner », « dément avoir accusé ») cancel.

The small French parser misreads just these sentences often (« Paris accuse Moscou » as a noun
phrase, an agent hung on a date): arguments are read from the order of words and the prepositions
that govern the mentions, within the predicate's clause, so a misparse does not lose the claim.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from . import cues
from ._text import span_text, text_of
from .actors import Mention
from .clauses import IMPERSONATED, INCIDENT_WORD, NEG_BEFORE, clause_start, dateline_end, mention_prep
from .lexicon import lexicon_dir


@dataclass(frozen=True)
class Predicate:
    lemma: str
    kind: str  # verb | copula | noun | rebut
    forms: str
    accuser: tuple[str, ...]
    accused: tuple[str, ...]
    act: str


@dataclass
class Reading:
    """The roles a predicate gives the mentions of its clause; ``blocked`` when the words cancel it."""

    predicate: Predicate
    start: int  # character offsets of the predicate (absolute)
    end: int
    accusers: list[str] = field(default_factory=list)
    accused: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    blocked: bool = False
    passive: bool = False
    clause_end: int = 0


@cache
def predicates() -> list[Predicate]:
    path = lexicon_dir() / "predicates.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        out = [Predicate(r["lemma"], r["kind"], r["forms"], _slots(r["accuser"]), _slots(r["accused"]), r["act"])
               for r in rows]
    if not out:
        raise ValueError(f"{path}: no predicate")
    return out


def _slots(cell: str | None) -> tuple[str, ...]:
    return tuple(s.strip() for s in (cell or "").split(",") if s.strip())


@cache
def _predicate_regex() -> re.Pattern:
    alts = [f"(?P<p{i}>{p.forms})" for i, p in enumerate(predicates())]
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


def find_predicates(text: str, kinds: tuple[str, ...] | None = None) -> list[tuple[Predicate, int, int]]:
    """The predicates written in ``text``: (predicate, start, end) in text order."""
    return [(p, s, e) for p, s, e in _all_predicates(text) if kinds is None or p.kind in kinds]


# Claims, rebuttals and the second pass over answers read the same sentences: the matches are
# remembered for the document being read (``forget`` empties the memo, called with ``cues.forget``).
@lru_cache(maxsize=4096)
def _all_predicates(text: str) -> tuple[tuple[Predicate, int, int], ...]:
    out = []
    for m in _predicate_regex().finditer(text):
        i = int(m.lastgroup[1:])
        pred, end = predicates()[i], m.end()
        if pred.kind == "verb" and _DETERMINER_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            # « la mise en cause de la Russie »: after a determiner the participle's form is the noun
            noun = _noun_regex().match(text, m.start())
            if noun is not None:
                pred, end = predicates()[int(noun.lastgroup[1:])], noun.end()
        out.append((pred, m.start(), end))
    return tuple(out)


_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:la|une|sa|cette|leur|les|des|ces|ses|leurs|nouvelles?)\s+$", re.IGNORECASE)


@cache
def _noun_regex() -> re.Pattern:
    alts = [f"(?P<p{i}>{p.forms})" for i, p in enumerate(predicates()) if p.kind == "noun"]
    return re.compile(r"(?:" + "|".join(alts) + r")(?![\w\-])", re.IGNORECASE)


def forget() -> None:
    _all_predicates.cache_clear()


def predicate_at(text: str, start: int, end: int, kinds: tuple[str, ...]) -> tuple[Predicate, int, int] | None:
    """The lexicon predicate overlapping ``text[start:end]`` (a cue found by other means)."""
    for p, s, e in find_predicates(text, kinds):
        if s < end and start < e:
            return p, s, e
    return None


# Auxiliaries of the passive (with their adverbs): « a été accusé », « sont soupçonnés », « serait imputée ».
_PASSIVE_AUX = re.compile(r"\b(?:été|est|sont|était|étaient|serait|seraient|soit|soient|fut|furent|sera|seront|"
                          r"être|étant)\s+(?:(?:\w+ment|déjà|aussi|également|ainsi|publiquement|notamment|"
                          r"formellement|officiellement|directement)\s+)*$", re.IGNORECASE)
_ACTIVE_AUX = re.compile(r"\b(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant|aura|auront|eu)\s+(?:[\w'’]+\s+){0,3}$",
                         re.IGNORECASE)
_CLITIC = re.compile(r"(?:^|\s)(?:les|la|le|l['’])\s*(?:(?:ont|a|avait|avaient|aurait|auraient|avoir|ayant|avons|avions|"
                     r"ai|avais|avez|aviez)\s+(?:(?:\w+ment|déjà|toujours|aussi|également|aussitôt|immédiatement)\s+)*)?$",
                     re.IGNORECASE)
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$|^(?:mise?s?|tenue?s?|démentie?s?|inscrite?s?)$", re.IGNORECASE)
# What cancels a predicate before it: refusing or avoiding it, denying having done it.
_REFUSAL = re.compile(r"(?:\b(?:refus\w*|(?:se\s+|s['’])(?:(?:est|était|sont|étaient|serait|seraient)\s+)?"
                      r"(?:(?:bien|soigneusement|toujours|prudemment|jusqu['’]ici)\s+)*gard\w*|évit\w+|renonc\w+|s['’]abst\w+|abstenu\w*|"
                      r"sans|ni))\s+(?:(?:de|d['’]|à)\s*)?(?:(?:\w+ment|publiquement|formellement)\s+)?"
                      r"(?:(?:l['’]|les|le|la)\s*)?$|"
                      r"\b(?:dém\w+|ni(?:e|ent|ait|é)|récus\w+|conteste\w*)\s+(?:avoir\s+|d['’]avoir\s+)(?:\w+\s+)?$|"
                      r"\b(?:qui|que)\s+(?:ne|n['’])\s", re.IGNORECASE)
_LIST = re.compile(r"^\s*(?:,|et|ou|ainsi que|,\s*et|,\s*ainsi que|de même que)\s*(?:(?:de|du|des|d['’]|par|à|au|aux)\s*)?"
                   r"(?:la |l['’]|le |les |ses |leurs? )?$", re.IGNORECASE)
_COPULA_BEFORE = re.compile(r"\b(?:est|sont|était|étaient|serait|seraient|soit|soient|fut|furent|sera|seront|être|"
                            r"étant|a été|ont été|avait été|avaient été|aurait été|auraient été)\s+(?:[\w'’]+\s+){0,3}$",
                            re.IGNORECASE)
_RELATIVE = re.compile(r"(?:^|[\s,])(?P<w>qui|que|qu['’])\s+(?:(?:ne|n['’]|se|s['’]|l['’]|les|la|le|lui|leur|y|en|"
                       r"a|ont|avait|avaient|aurait|auraient|est|sont|avaient|déjà|aussi|également|elle-même|"
                       r"lui-même|eux-mêmes|désormais|ouvertement|publiquement|formellement|officiellement|"
                       r"directement|notamment)\s*)*$", re.IGNORECASE)
_GROUP_NOUN = re.compile(r"\b(?:pays|États|Etats|gouvernements|alliés|capitales|partenaires|nations|démocraties)\s+qui\s+"
                         r"(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_MEMBERS = re.compile(r"\b(?:parmi lesquel(?:le)?s|notamment|tels? que|telles? que|dont|comme|à savoir)\b[^.;]*$",
                      re.IGNORECASE)
# « la Russie, que Londres accuse de … »: the object of the relative is its antecedent
_RELATIVE_QUE = re.compile(r",\s*(?P<w>que|qu['’])\s*[^,;:.]{1,60}$", re.IGNORECASE)
# « Moscou, que Canberra met en cause pour …, a nié »: a relative closed by a comma
_CLOSED_RELATIVE = re.compile(r",\s*(?:qui|que|qu['’]|dont|où)\b[^,;:]*,", re.IGNORECASE)
_JOINER = re.compile(r",\s*(?:(?:\w+ment|aussitôt|ensuite|bientôt|rapidement)\s+)*(?:rejointe?s?|suivie?s?|imitée?s?|"
                     r"appuyée?s?)\s+(?:(?:\w+ment|aussitôt|ensuite|bientôt|rapidement)\s+)*par\s+(?:(?:l['’]|la|le|les)\s*)?$|"
                     # « l'Australie a annoncé partager cette analyse, de même que le Canada et la Nouvelle-Zélande »
                     r",\s*(?:de même que|tout comme|à l['’]instar d[eu]s?|comme l['’]ont fait)\s+(?:(?:l['’]|la|le|les)\s*)?$",
                     re.IGNORECASE)
_JOINED = re.compile(r"\b(?:joint\w*|joints?|associée?s?|ralliée?s?|aux côtés|conjointement avec|en coordination avec|"
                     r"de concert avec|ainsi que)\s+(?:(?:à|aux?|des|de|du|d['’])\s*)?(?:(?:l['’]|la|le|les)\s*)?$|"
                     r"\bavec\s+(?:leurs?|ses|les|des)\s+(?:homologues|partenaires|alliés)\s+(?:[\w\-]+\s*,?\s+(?:et\s+)?){0,3}$",
                     re.IGNORECASE)
_RELATIVE_SOURCE = re.compile(r"\b(?:selon|d['’]après)\s+(?:laquelle|lequel|lesquel(?:le)?s)\b", re.IGNORECASE)
_SOURCE = re.compile(r"\b(?:selon|d['’]après|de l['’]avis de|pour)\s+(?:(?:l['’]|la|le|les)\s*)?(?:[\w\-]+\s+){0,3}$",
                     re.IGNORECASE)


def read(sent, agents: list[Mention], table, pred: Predicate, ps: int, pe: int) -> Reading:
    """Read the roles of the predicate at sentence-relative characters ``[ps, pe)``."""
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    full = text_of(doc)
    r = Reading(pred, base + ps, base + pe)
    tok = doc.char_span(base + ps, base + pe, alignment_mode="expand")
    if tok is None:
        r.blocked = True
        return r
    cstart = doc[clause_start(sent, tok.start)].idx if tok.start > sent.start else base
    cstart = max(cstart, dateline_end(sent))
    before = full[cstart:base + ps]
    r.clause_end = base + _clause_end(text, pe)
    if NEG_BEFORE.search(before[-30:]) and not re.search(r"\bne\s+(?:\w+\s+)?que\b|\bnon seulement\b", before[-30:]) \
            or _REFUSAL.search(before[-45:]) or re.match(r"\s*(?:pas|jamais|aucun\w*|nullement|aucunement)\b",
                                                            text[pe:]):
        r.blocked = True
        return r

    usable = [m for m in agents if not IMPERSONATED.search(full[max(base, m.char_start - 50):m.char_start])
              and m.char_end > dateline_end(sent)]
    left = [m for m in usable if cstart <= m.char_start and m.char_end <= base + ps
            and not _in_closed_relative(full, cstart, base + ps, m)]
    right = [m for m in usable if m.char_start >= base + pe and m.char_start < r.clause_end]
    sources = [m for m in usable if m.char_end <= base + ps and _SOURCE.search(full[max(base, m.char_start - 40):m.char_start])]
    relative_source = list(_RELATIVE_SOURCE.finditer(full[base:base + ps]))
    if relative_source:
        # « la déclaration du Foreign Office, selon laquelle le GRU serait responsable »: who made it
        at = base + relative_source[-1].start()
        sources += [m for m in usable if m.char_end <= at and at - m.char_end <= 60
                    and not re.search(r"[;:.]", full[m.char_end:at])][-1:]
    prep = {id(m): _prep(doc, base, m) for m in usable}

    word_before = before[-45:]
    gerund = bool(re.search(r"\ben\s+(?:(?:l['’]|les|la|le|lui|leur|y)\s*)?$", word_before)) and full[
        base + ps:base + pe].lower().endswith("ant")
    participle = bool(_PARTICIPLE.search(full[base + ps:base + pe].split()[0]))
    passive = pred.kind in ("verb", "rebut") and participle and (
        bool(_PASSIVE_AUX.search(word_before)) or not _ACTIVE_AUX.search(word_before))
    r.passive = passive
    rel = _RELATIVE.search(full[max(base, base + ps - 80):base + ps]) or _RELATIVE_QUE.search(
        full[max(base, base + ps - 80):base + ps])
    antecedent = _antecedent(full, usable, cstart, rel, base + ps) if rel else None

    def group(ms, first):
        """``first`` and the mentions listed with it (« Londres, Washington et Ottawa »)."""
        out = [first]
        i = ms.index(first)
        p = prep[id(first)]

        def coordinated(m):
            # « cosigné par les services de l'Australie, …, les partenaires de Washington, ainsi que par
            # l'Allemagne et le Japon »: the same preposition, coordinated again, goes on with the list
            return p is not None and prep[id(m)] == p and re.search(
                r"(?:,\s*|\s)(?:ainsi que|et|de même que|mais aussi|puis)\s+(?:(?:aussi|également|enfin)\s+)?"
                + re.escape(p) + r"\s+(?:(?:l['’]|la|le|les|des)\s*)?$", full[max(0, m.char_start - 50):m.char_start],
                re.IGNORECASE)

        def reach(m):
            return m.char_start - out[-1].char_end <= 200 and not re.search(r"[;:.]", full[out[-1].char_end:m.char_start])

        skipping = False
        for k, m in enumerate(ms[i + 1:], start=i + 1):
            head = doc[m.start]
            while head.dep_ in ("amod", "flat:name", "nmod") and head.head != head and head.head.i < m.end + 3:
                head = head.head
            if head.dep_.startswith("nsubj") and head.head.i > m.start and not tok.start <= head.head.i < tok.end:
                break  # « …, l'UE et l'OTAN font bloc »: the subject of a clause of its own
            if coordinated(m) and reach(m):
                out.append(m)
                skipping = False
            elif not skipping and _LIST.match(full[out[-1].char_end:m.char_start]):
                out.append(m)
            elif any(coordinated(x) and reach(x) for x in ms[k + 1:]):
                skipping = True  # an apposition between the two halves of the list
            else:
                break
        return out

    def bare(ms):
        return [m for m in ms if prep[id(m)] is None]

    def with_prep(ms, preps):
        return [m for m in ms if prep[id(m)] in preps]

    def subject():
        if gerund:
            # « La CISA et le FBI ont publié, avec leurs homologues australien et canadien, un guide, en
            # attribuant l'opération à … »: the subject of the main verb, from the start of the sentence
            start = dateline_end(sent)
            return [m for m in usable if start <= m.char_start and m.char_end <= base + ps
                    and not _in_closed_relative(full, start, base + ps, m) and (prep[id(m)] is None or _JOINED.search(
                        full[max(base, m.char_start - 60):m.char_start]))][:16]
        if rel and rel.group("w").lower() == "qui" and antecedent:
            return [m for m in left if m is antecedent or m.char_start > base + pe] or [antecedent]
        if _PURPOSE.search(word_before):
            # « la campagne menée par les États-Unis pour imputer à la RPDC … »: the agent of the act the
            # infinitive is the purpose of
            agents_par = [m for m in left if prep[id(m)] == "par" and base + ps - m.char_end <= 60]
            if agents_par:
                return group(left, agents_par[-1])
        # every bare name before the verb: a long subject lists its members in apposition
        # (« Les États-Unis et leurs alliés - l'Union européenne, le Canada … - accusent »), and
        # those it joins (« le Japon s'était joint aux États-Unis pour imputer … »)
        named = [m for m in left if m is not antecedent and (prep[id(m)] is None or _JOINED.search(
            full[max(base, m.char_start - 40):m.char_start]))]
        # « les gouvernements des États-Unis et du Royaume-Uni ont accusé »: the names listed with a subject
        listed = [x for m in named for x in group(left, m)[1:] if x not in named and x is not antecedent]
        found = [m for m in left if m in named or m in listed]
        if not found and full[base + ps:base + pe].lower().endswith("ant"):
            # « l'Allemagne et la Tchéquie, qui ont rendu publiques les conclusions de leurs enquêtes imputant
            # cette campagne à APT28 »: a present participle says what the subject of its clause does
            qui = [x for x in re.finditer(r"(?:^|[\s,])qui\s", full[base:base + ps])
                   if not re.search(r"[;:.]", full[base + x.end():base + ps])]
            if qui:
                ante = _antecedent(full, usable, base, _RELATIVE_AT.match("qui"), base + qui[-1].end() - 1)
                if ante is not None:
                    members = [ante]  # « l'Allemagne et la Tchéquie, qui »: the whole list
                    for m in reversed([m for m in usable if m.char_end <= ante.char_start]):
                        if not _LIST.match(full[m.char_end:members[0].char_start]):
                            break
                        members.insert(0, m)
                    return members
        return found

    def act_start() -> int:
        """Where what is blamed starts after the predicate (« de/d' + … », « pour … »)."""
        m = re.search(r"(?:^|\s)(?:de|d['’]|du|des|pour|dans|comme)\b", text[pe:])
        return base + pe + m.start() if m else r.clause_end

    if pred.kind in ("verb",):
        act_at = act_start()
        if _blames_for_something_else(doc, full, act_at, r.clause_end):
            r.blocked = True  # « accuse Berlin de construire ses affirmations sur des formules vagues »
            return r
        before_act = [m for m in right if m.char_start < act_at]
        objs = bare(before_act)
        obj = group(right, objs[0]) if objs else []
        if not obj and (first := _noun_chain(doc, full, base + pe, right, prep)):
            obj = group(right, first)  # « accuse l'unité 29155 du GRU de … »
        clitic = _CLITIC.search(word_before)
        if not obj and clitic and not passive:
            # « des poursuites contre des citoyens de la RPDC, les soupçonnant de … »: the pronoun stands
            # for the last name before it that is not the subject
            at = base + ps - len(word_before) + clitic.start()
            subj_keys = {m.key for m in subject()}
            before_clitic = [m for m in usable if m.char_end <= at and m.key not in subj_keys
                             and table.actors[m.key].kind != "Person"]
            obj = before_clitic[-1:]
        # « tient l'Iran pour responsable », « pointe Moscou du doigt »: the object inside the words
        inside = [m for m in usable if base + ps < m.char_start and m.char_end <= base + pe]
        obj = inside or obj
        agents_par = [m for m in right if prep[id(m)] == "par" and not _after_attack_word(text, base, ps, m)]
        dative = with_prep(right, ("à", "au", "aux"))
        if not dative:
            # « attribue les cyberattaques à l'unité 29155 de … la Fédération de Russie »: the names in
            # the complements of the noun after « à »
            at = re.search(r"(?:^|\s)(?:à|au|aux)\s", full[base + pe:r.clause_end])
            first = _noun_chain(doc, full, base + pe + at.end(), right, prep) if at else None
            dative = [first] if first else []
        if rel and rel.group("w").lower() != "qui" and antecedent:
            obj = [antecedent]  # « la Russie, que Londres accuse de … »
        if rel and rel.group("w").lower() == "qui" and not antecedent and _GROUP_NOUN.search(
                full[max(base, base + ps - 80):base + ps]):
            # « des pays qui ont accusé la Chine …, parmi lesquels les États-Unis et le Royaume-Uni »
            members = [m for m in usable if m.char_start > base + pe and _MEMBERS.search(full[base + pe:m.char_start])]
            if members:
                antecedent = members[0]
                left = left + members
        if passive:
            head = _described(full, usable, sent, cstart, base + ps, antecedent, left, prep)
            r.accusers = [m.key for m in agents_par] + [m.key for m in sources]
            if "a" in pred.accused:
                r.accused = [m.key for m in (group(right, dative[0]) if dative else [])]
            else:
                r.accused = [m.key for m in head]
        else:
            r.accusers = [m.key for m in subject()]
            if "a" in pred.accused:
                r.accused = [m.key for m in (group(right, dative[0]) if dative else [])]
            else:
                r.accused = [m.key for m in obj]
        # the attacker named inside what is blamed (« de cyberattaques menées par le GRU »)
        r.accused += [m.key for m in right if m.char_start >= act_at and _after_attack_word(text, base, ps, m)]
    elif pred.kind == "join":
        # « cosigné par les agences de l'Australie, du Canada … », « Des agences du Royaume-Uni et
        # d'Australie s'étaient associées à l'avis »: who joins; whom it accuses is the claim taken up
        # « cosigné par X », not « … conjointement avec leurs partenaires, menée par APT28, contrôlé par la
        # Russie »: the agent of another participle
        par = [m for m in right if prep[id(m)] == "par" and "par" in pred.accuser and not re.search(
            r"\w(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)\s+(?:\w+ment\s+)?par\b", full[base + pe:m.char_start])]
        if not par and "par" in pred.accuser and (at := re.match(r"\s*par\s", text[pe:])):
            first = _noun_chain(doc, full, base + pe + at.end(), right, prep)
            par = [first] if first else []
        joiners = group(right, par[0]) if par else subject()
        if "after" in pred.accuser and right and re.fullmatch(r"\s*(?:(?:l['’]|la|le|les|ses|leurs?)\s*)?",
                                                             full[base + pe:right[0].char_start]):
            joiners = subject() + group(right, right[0])
        if not joiners and (first := _noun_chain(doc, full, cstart, left, prep)):
            joiners = group(left, first)
        r.accusers = [m.key for m in joiners]
    elif pred.kind == "condemn":
        # « a condamné une cyberattaque « délibérée » menée par la Russie », « condamne les activités
        # malveillantes d'APT28 », « condamne la Russie pour ses cyberattaques »: the author of an attack
        attack_words = [(s, e) for s, e in cues.find("attack", text) if s >= pe and base + s < r.clause_end]
        # « condamne les activités de cet « acteur contrôlé par l'État russe » »: an attacker named as such
        attackers = [m for m in right if sponsored(full, base, m) or table.actors[m.key].kind == "ThreatActor"]
        if not attack_words and not attackers:
            r.blocked = True
            return r
        r.accusers = [m.key for m in subject()]
        authors = [m for m in right if _after_attack_word(text, base, ps, m) or _author_of_attack(full, base, attack_words, m)]
        objs = [m for m in bare(right) if attack_words and m.char_start < base + attack_words[0][0]]
        r.accused = [m.key for m in attackers + authors + objs[:1]]
        if not r.accused:
            r.blocked = True
            return r
    elif pred.kind == "copula":
        if re.search(r"\b(?:d['’]|de\s+)(?:être|avoir\s+été)\s+(?:\w+\s+){0,2}$", word_before):
            # « accuse le MSS d'être derrière … »: the verb that governs it says who is blamed
            r.blocked = True
            return r
        copula = _COPULA_BEFORE.search(word_before)
        if copula or rel:
            subj = subject()
        else:
            # « les pirates russes derrière l'attaque »: the noun phrase right before it
            near = [m for m in left if base + ps - m.char_end <= 25 and "," not in full[m.char_end:base + ps]]
            subj = near[-1:]
        r.accused = [m.key for m in subj]
        r.accusers = [m.key for m in sources if m not in subj]
    elif pred.kind == "noun":
        _read_noun(r, pred, full, base, ps, pe, right, left, prep, sources, group, tok, subject)
    if pred.kind in ("verb", "copula") and not r.blocked:
        # « un groupe …, qui agissait avec le soutien de l'État russe »: the State behind the attacker
        r.accused += [m.key for m in usable if m.char_start > base + pe and sponsored(full, base, m)]
    if r.accusers and (r.accused or pred.kind == "join"):
        # « …, rejoints par l'Australie, le Canada et le Japon »: those who join the claim make it too
        after = [m for m in usable if m.char_start > base + pe]
        for m in after:
            if _JOINER.search(full[max(base, m.char_start - 40):m.char_start]):
                r.accusers += [x.key for x in group(after, m)]
                break
    r.accusers = [k for k in dict.fromkeys(r.accusers) if table.actors[k].kind != "ThreatActor"]
    r.accused = [k for k in dict.fromkeys(r.accused) if k not in r.accusers]
    return r


def _read_noun(r, pred, full, base, ps, pe, right, left, prep, sources, group, tok, subject):
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


# « à l'encontre de pirates russes »: a preposition of several words, ending in « de »
_COMPOUND_DE = re.compile(r"(?P<p>à\s+l['’]encontre|de\s+la\s+part|en\s+provenance|à\s+l['’]égard)\s+(?:de|des|du|d['’])\s*"
                          r"(?:(?:l['’]|la|le|les)\s*)?(?:[\w\-]+\s+){0,3}$", re.IGNORECASE)
_PREPOSITIONS = {"à", "par", "contre", "selon", "avec", "pour", "sur", "dans", "vers", "chez", "envers", "entre", "de", "d'"}


def _prep(doc, base: int, m: Mention) -> str | None:
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


def _noun_chain(doc, full: str, start: int, mentions: list[Mention], prep) -> Mention | None:
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


def _blames_for_something_else(doc, full: str, act_at: int, end: int) -> bool:
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


def blames_claims(act: str) -> bool:
    """« reproche à Berlin d'avoir porté des accusations sans fondement », « accuse Washington de
    calomnier la Chine »: what is blamed is a claim, not an attack (cues.json "claim_act")."""
    return bool(cues.cue_regex("claim_act").match(re.sub(r"\s*[«»\"“”]\s*|\s+", " ", act).lstrip()))


def _clause_end(text: str, pe: int) -> int:
    m = re.search(r"[;:]|\.\s|,\s+(?:et|mais|tandis que|alors que|puis|tandis|avant|après)\s+(?:l['’]|le|la|les|[A-ZÉ])|"
                  r",\s+(?:a|ont)\s+(?:\w+\s+)?(?:déclaré|affirmé|indiqué|ajouté|souligné|précisé|expliqué)|"
                  # « …, une accusation aussitôt rejetée par Moscou »: a noun in apposition sums the clause up
                  r",\s+(?:une?|cette|ces|des)\s+(?:[\w\-]+\s+)?(?:accusations?|allégations?|mises? en cause|attributions?|"
                  r"imputations?|inculpations?|décisions?|démarches?|mesures?|premières?)\b",
                  text[pe:])
    return pe + m.start() if m else len(text)


def _antecedent(full, mentions, cstart, rel, at) -> Mention | None:
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


def _described(full, mentions, sent, cstart, at, antecedent, left, prep) -> list[Mention]:
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


def _author_of_attack(full: str, base: int, attacks, m: Mention) -> bool:
    """« les activités malveillantes d'APT28 », « les cyberattaques de la Russie »: « de » right after an
    attack noun names its author."""
    return any(0 <= m.char_start - (base + e) <= 25 and re.fullmatch(
        r"\s*[«»\"]?\s*(?:(?:de|du|des|d['’])\s*(?:(?:l['’]|la|le|les)\s*)?(?:[\w\-]+\s+){0,2})?", full[base + e:m.char_start])
        for _s, e in attacks)


def _after_attack_word(text: str, base: int, ps: int, m: Mention) -> bool:
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


# What a rebuttal verb answers: a claim noun, an anaphor, « toute implication », « avoir … », « que … ».
_CLAIM_OBJECT = re.compile(
    r"^\s*(?:(?:\w+ment|fermement|formellement|catégoriquement|aussitôt|alors|encore|une nouvelle fois|à nouveau|"
    r"en bloc|d['’]un revers de (?:la )?main|avec (?:force|fermeté|vigueur)|vivement)\s+)*"
    r"(?:(?:(?:ces|les|des|de telles|toutes? (?:ces|les)|l['’]ensemble (?:de ces|des)|cette|ses|leurs?|une?|la|l['’]|"
    r"ce|cet|pareilles?|tous? (?:ces|les))\s*(?:[\w'’«»\"-]+\s+){0,3}?(?:accusations?|allégations?|affirmations?|"
    r"imputations?|attributions?|informations|rapports?|propos|insinuations?|spéculations?|assertions?|soupçons|"
    r"mises? en cause|déclarations?|conclusions?|critiques?|version|thèse|reproches?|charges?|griefs?|"
    r"accusateurs?|rumeurs?|récits?|inculpations?|sanctions?))|"
    r"(?:toute?s?|la moindre|une quelconque|quelque)\s+(?:\w+\s+)?(?:implication|responsabilité|participation|rôle|"
    r"lien|ingérence|accusation|allégation|intervention|attaque)|"
    r"(?:avoir|d['’]avoir|être|d['’]être)\b|(?:que|qu['’])|[.;:]|$)", re.IGNORECASE)
_CLAIM_NOUN = re.compile(r"\b(?:accusations?|allégations?|affirmations?|imputations?|attributions?|informations|rapports?|"
                         r"insinuations?|assertions?|soupçons|mises? en cause|déclarations?|conclusions?)\b\W*"
                         r"(?:[\w'’]+\s+){0,4}$", re.IGNORECASE)
_RELATIVE_AT = re.compile(r"(?P<w>qui)")
_PURPOSE = re.compile(r"\b(?:pour|afin\s+de|afin\s+d['’]|visant\s+à|destinée?s?\s+à)\s*(?:(?:le|la|les|l['’]|lui|leur)\s*)?$",
                      re.IGNORECASE)
_AFTER_CLAIM_NOUN = re.compile(r"\b(?:accusations?|allégations?|affirmations?|imputations?|attributions?|insinuations?|"
                               r"mises? en cause)\s+(?:(?:toutes?|tous|aussitôt|déjà|immédiatement|\w+ment)\s+)*$",
                               re.IGNORECASE)
_CLAIM_NOUN_ANY = re.compile(r"\b(?:accusations?|allégations?|affirmations?|imputations?|attributions?|insinuations?)\b",
                             re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?:^|[\s,;:«])(?:nous|je|j['’])\s*(?:\w+\s+)?(?:(?:les|la|le|l['’]|leur|lui|y|en|avons|"
                           r"avions|ai|avais|aurions|déjà|toujours|aussi|également|\w+ment)\s*){0,3}$", re.IGNORECASE)


def read_rebuttal(sent, agents: list[Mention], table, pred: Predicate, ps: int, pe: int) -> tuple[bool, list[str]]:
    """Whether the rebuttal verb at ``[ps, pe)`` answers a claim, and who answers (empty when the
    speaker does: « Nous rejetons ces accusations », or nobody is named)."""
    doc = sent.doc
    base = sent.start_char
    text = span_text(sent)
    full = text_of(doc)
    tok = doc.char_span(base + ps, base + pe, alignment_mode="expand")
    if tok is None:
        return False, []
    cstart = doc[clause_start(sent, tok.start)].idx if tok.start > sent.start else base
    cstart = max(cstart, dateline_end(sent))
    before = full[cstart:base + ps]
    if NEG_BEFORE.search(before[-30:]) or _REFUSAL.search(before[-45:]):
        return False, []  # « n'a pas démenti », « refuse de démentir »
    after = text[pe:]
    participle = bool(_PARTICIPLE.search(full[base + ps:base + pe].split()[0]))
    # « des accusations toutes rejetées par Pékin »: a participle right after the claim noun is passive too
    passive = participle and bool(_PASSIVE_AUX.search(before[-45:]) or _AFTER_CLAIM_NOUN.search(before[-60:]))
    if passive:
        # « ces allégations ont été démenties par Pékin »: the claim is the subject, the agent answers
        if not _CLAIM_NOUN.search(_last_noun_phrase(before)[-60:]):
            return False, []
        clause_end = base + _clause_end(text, pe)
        agents_par = [m for m in agents if base + pe <= m.char_start < clause_end
                      and _prep(doc, base, m) == "par"]
        return True, [m.key for m in agents_par[:1]]
    clitic = _CLITIC.search(before[-20:]) and _CLAIM_NOUN_ANY.search(full[max(base - 300, 0):base + ps])
    if clitic:
        pass  # « Interrogé sur ces accusations, Peskov les a rejetées »: the pronoun is the claim
    elif pred.lemma in ("dénoncer", "qualifier") or pred.lemma == "rejeter":
        if not _CLAIM_OBJECT.match(after) or re.match(r"^\s*(?:[.;:]|$|que|qu['’])", after):
            return False, []
    elif not _CLAIM_OBJECT.match(after) and not re.match(r"^\s*(?:\w+ment\s+)?(?:[,.;:]|$)", after):
        return False, []
    if _FIRST_PERSON.search(before[-45:]):
        return True, []
    rel = _RELATIVE.search(full[max(base, base + ps - 80):base + ps])
    if rel and rel.group("w").lower() == "qui":
        ante = _antecedent(full, agents, cstart, rel, base + ps)
        if ante is not None:
            return True, [ante.key]
    left = [m for m in agents if cstart <= m.char_start and m.char_end <= base + ps
            and _prep(doc, base, m) is None and table.actors[m.key].kind != "ThreatActor"
            and not _in_closed_relative(full, cstart, base + ps, m)]
    if left:
        return True, [left[0].key]
    if ps <= 3 or before.strip() == "":
        # « Démentant ces accusations, Pékin a … » / « Accusé …, Moscou a démenti »: the main subject
        comma = full.find(",", base + pe, sent.end_char)
        subj = [m for m in agents if comma >= 0 and m.char_start > comma and _prep(doc, base, m) is None]
        if subj:
            return True, [subj[0].key]
    return True, []


def _last_noun_phrase(before: str) -> str:
    """The words before a passive auxiliary chain (« Ces allégations ont été »)."""
    return re.sub(r"\b(?:ont|a|avaient|avait|auraient|aurait)?\s*(?:été|est|sont|étaient|était|seraient|serait)\s+"
                  r"(?:\w+ment\s+)*$", "", before)[-80:]


def _in_closed_relative(full: str, start: int, end: int, m: Mention) -> bool:
    return any(x.start() + start < m.char_start < x.end() + start for x in _CLOSED_RELATIVE.finditer(full[start:end]))
