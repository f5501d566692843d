"""Predicate frames: a sentence, a predicate found in it and its actor mentions in; who holds which
role out.

The lexicon ``kg/lexicons/predicates.tsv`` (read by ``kg.extract.predicates``) says, for each
predicate, which argument holds the accuser and which the accused (« X accuse Y de … », « X impute …
à Y », « Y est derrière … », « les accusations de X contre Y »). This module reads the arguments the
way French writes them, once for all predicates:

- active: the subject before the verb, the object after it, « à Y », « par Y »;
- passive (« Y a été accusé par X »), and participles: an adjunct (« Accusé par X de …, Y a … »)
  or after its noun (« Y, soupçonné par X de … ») gives the object's role to the noun it describes;
- relative: « X, qui accuse Y » (« qui » is its antecedent), « Y, que X accuse »;
- « selon X » names who speaks; lists (« X et Z accusent … ») share their role;
- what is blamed (« de + infinitif », « l'attaque contre … ») names victims and places, not parties;
- negation and refusal (« n'a pas accusé », « refuse de désigner », « dément avoir accusé ») cancel.

The small French parser misreads just these sentences often (« Paris accuse Moscou » as a noun
phrase, an agent hung on a date): arguments are read from the order of words and the prepositions
that govern the mentions (``kg.extract.phrases``), within the predicate's clause, so a misparse does
not lose the claim. Claim nouns are read by ``kg.extract.noun_frames``, rebuttal verbs by
``kg.extract.rebuttal_frames``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import cues
from ._text import span_text, text_of
from .actors import Mention
from .clauses import IMPERSONATED, clause_start, dateline_end
from .noun_frames import read_noun
from .phrases import (
    CLITIC,
    PARTICIPLE,
    PASSIVE_AUX,
    RELATIVE,
    after_attack_word,
    author_of_attack,
    blames_for_something_else,
    cancelled,
    described,
    end_of_clause,
    find_antecedent,
    governing_prep,
    in_closed_relative,
    noun_chain,
    sponsored,
)
from .predicates import Predicate


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


# A relative whose verb comes right after its pronoun: its subject follows the verb
_INVERTED = re.compile(r"(?:^|[\s,])(?:que|qu['’]|dont|où)\s*(?:(?:ne|n['’])\s*)?(?P<clitic>(?:l['’]|le|la|les|lui|leur)\s*)?$",
                       re.IGNORECASE)
_ACTIVE_AUX = re.compile(r"\b(?:a|ont|avait|avaient|aurait|auraient|avoir|ayant|aura|auront|eu)\s+(?:[\w'’]+\s+){0,3}$",
                         re.IGNORECASE)
_LIST = re.compile(r"^\s*(?:,|et|ou|ainsi que|,\s*et|,\s*ainsi que|de même que)\s*(?:(?:de|du|des|d['’]|par|à|au|aux)\s*)?"
                   r"(?:la |l['’]|le |les |ses |leurs? )?$", re.IGNORECASE)
_COPULA_BEFORE = re.compile(r"\b(?:est|sont|était|étaient|serait|seraient|soit|soient|fut|furent|sera|seront|être|"
                            r"étant|a été|ont été|avait été|avaient été|aurait été|auraient été)\s+(?:[\w'’]+\s+){0,3}$",
                            re.IGNORECASE)
_GROUP_NOUN = re.compile(r"\b(?:pays|États|Etats|gouvernements|alliés|capitales|partenaires|nations|démocraties)\s+qui\s+"
                         r"(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_MEMBERS = re.compile(r"\b(?:parmi lesquel(?:le)?s|notamment|tels? que|telles? que|dont|comme|à savoir)\b[^.;]*$",
                      re.IGNORECASE)
# « la Russie, que Londres accuse de … »: the object of the relative is its antecedent
_RELATIVE_QUE = re.compile(r",\s*(?P<w>que|qu['’])\s*[^,;:.]{1,60}$", re.IGNORECASE)
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
_RELATIVE_AT = re.compile(r"(?P<w>qui)")
_PURPOSE = re.compile(r"\b(?:pour|afin\s+de|afin\s+d['’]|visant\s+à|destinée?s?\s+à)\s*(?:(?:le|la|les|l['’]|lui|leur)\s*)?$",
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
    r.clause_end = base + end_of_clause(text, pe)
    if cancelled(before, text[pe:]):
        r.blocked = True
        return r

    usable = [m for m in agents if not IMPERSONATED.search(full[max(base, m.char_start - 50):m.char_start])
              and m.char_end > dateline_end(sent)]
    left = [m for m in usable if cstart <= m.char_start and m.char_end <= base + ps
            and not in_closed_relative(full, cstart, base + ps, m)]
    right = [m for m in usable if m.char_start >= base + pe and m.char_start < r.clause_end]
    sources = [m for m in usable if m.char_end <= base + ps and _SOURCE.search(full[max(base, m.char_start - 40):m.char_start])]
    relative_source = list(_RELATIVE_SOURCE.finditer(full[base:base + ps]))
    if relative_source:
        # « la déclaration du Foreign Office, selon laquelle le GRU serait responsable »: who made it
        at = base + relative_source[-1].start()
        sources += [m for m in usable if m.char_end <= at and at - m.char_end <= 60
                    and not re.search(r"[;:.]", full[m.char_end:at])][-1:]
    prep = {id(m): governing_prep(doc, base, m) for m in usable}

    word_before = before[-45:]
    gerund = bool(re.search(r"\ben\s+(?:(?:l['’]|les|la|le|lui|leur|y)\s*)?$", word_before)) and full[
        base + ps:base + pe].lower().endswith("ant")
    participle = bool(PARTICIPLE.search(full[base + ps:base + pe].split()[0]))
    passive = pred.kind in ("verb", "rebut") and participle and (
        bool(PASSIVE_AUX.search(word_before)) or not _ACTIVE_AUX.search(word_before))
    r.passive = passive
    rel = RELATIVE.search(full[max(base, base + ps - 80):base + ps]) or _RELATIVE_QUE.search(
        full[max(base, base + ps - 80):base + ps])
    antecedent = find_antecedent(full, usable, cstart, rel, base + ps) if rel else None

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
                    and not in_closed_relative(full, start, base + ps, m) and (prep[id(m)] is None or _JOINED.search(
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
                ante = find_antecedent(full, usable, base, _RELATIVE_AT.match("qui"), base + qui[-1].end() - 1)
                if ante is not None:
                    members = [ante]  # « l'Allemagne et la Tchéquie, qui »: the whole list
                    for m in reversed([m for m in usable if m.char_end <= ante.char_start]):
                        if not _LIST.match(full[m.char_end:members[0].char_start]):
                            break
                        members.insert(0, m)
                    return members
            # « la déclaration diffusée le 29 avril par le Quai d'Orsay, …, imputant au GRU une série de
            # cyberattaques »: what the agent of the noun it follows published says
            made_by = [m for m in usable if m.char_end <= base + ps and prep[id(m)] == "par" and re.search(
                r"\w(?:é|ée|és|ées|is|ise|ises|u|ue|us|ues)\s+(?:[\w'’]+\s+){0,4}par\s+(?:(?:l['’]|la|le|les)\s*)?$",
                full[max(base, m.char_start - 60):m.char_start])]
            if made_by:
                return group(usable, made_by[0])
        return found

    def act_start() -> int:
        """Where what is blamed starts after the predicate (« de/d' + … », « pour … »)."""
        m = re.search(r"(?:^|\s)(?:de|d['’]|du|des|pour|dans|comme)\b", text[pe:])
        return base + pe + m.start() if m else r.clause_end

    if pred.kind in ("verb",):
        act_at = act_start()
        if blames_for_something_else(doc, full, act_at, r.clause_end):
            r.blocked = True  # « accuse Berlin de construire ses affirmations sur des formules vagues »
            return r
        before_act = [m for m in right if m.char_start < act_at]
        objs = bare(before_act)
        obj = group(right, objs[0]) if objs else []
        if not obj and (first := noun_chain(doc, full, base + pe, right, prep)):
            obj = group(right, first)  # « accuse l'unité 29155 du GRU de … »
        clitic = CLITIC.search(word_before)
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
        agents_par = [m for m in right if prep[id(m)] == "par" and not after_attack_word(text, base, ps, m)]
        dative = with_prep(right, ("à", "au", "aux"))
        if not dative:
            # « attribue les cyberattaques à l'unité 29155 de … la Fédération de Russie »: the names in
            # the complements of the noun after « à »
            at = re.search(r"(?:^|\s)(?:à|au|aux)\s", full[base + pe:r.clause_end])
            first = noun_chain(doc, full, base + pe + at.end(), right, prep) if at else None
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
        window = max(base, base + ps - 45)
        inverted = _INVERTED.search(full[window:base + ps])
        after = bare(before_act)
        if inverted and not passive and after and re.fullmatch(r"\s*(?:(?:l['’]|la|le|les)\s*)?",
                                                                full[base + pe:after[0].char_start]):
            # « la cyberattaque dont l'accusent Londres et La Haye », « les attaques que lui imputent les États-Unis »,
            # « la Russie, qu'accusent Londres et Ottawa »: in a relative the subject may follow its verb; the
            # pronoun before the verb stands for the main clause's subject, « que » for its antecedent
            r.accusers = [m.key for m in group(right, after[0])]
            start = dateline_end(sent)
            before_rel = [m for m in usable if start <= m.char_start and prep[id(m)] is None
                          and m.char_end <= window + inverted.start()]
            if "a" in pred.accused and dative:
                r.accused = [m.key for m in group(right, dative[0])]  # « qu'attribuent X à la Chine »
            elif inverted.group("clitic"):
                r.accused = [m.key for m in before_rel[:1]]
            elif "a" not in pred.accused:
                r.accused = [antecedent.key] if antecedent else [m.key for m in before_rel[-1:]]
            r.accused = [k for k in r.accused if k not in r.accusers]
            return r
        if passive:
            head = described(full, usable, sent, cstart, base + ps, antecedent, left, prep)
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
        r.accused += [m.key for m in right if m.char_start >= act_at and after_attack_word(text, base, ps, m)]
    elif pred.kind == "join":
        # « cosigné par les agences de l'Australie, du Canada … », « Des agences du Royaume-Uni et
        # d'Australie s'étaient associées à l'avis »: who joins; whom it accuses is the claim taken up
        # « cosigné par X », not « … conjointement avec leurs partenaires, menée par APT28, contrôlé par la
        # Russie »: the agent of another participle
        par = [m for m in right if prep[id(m)] == "par" and "par" in pred.accuser and not re.search(
            r"\w(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues)\s+(?:\w+ment\s+)?par\b", full[base + pe:m.char_start])]
        if not par and "par" in pred.accuser and (at := re.match(r"\s*par\s", text[pe:])):
            first = noun_chain(doc, full, base + pe + at.end(), right, prep)
            par = [first] if first else []
        joiners = group(right, par[0]) if par else subject()
        if "after" in pred.accuser and right and re.fullmatch(r"\s*(?:(?:l['’]|la|le|les|ses|leurs?)\s*)?",
                                                             full[base + pe:right[0].char_start]):
            joiners = subject() + group(right, right[0])
        if not joiners and (first := noun_chain(doc, full, cstart, left, prep)):
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
        authors = [m for m in right if after_attack_word(text, base, ps, m) or author_of_attack(full, base, attack_words, m)]
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
        read_noun(r, pred, full, base, ps, pe, right, left, prep, sources, group, tok, subject)
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

