"""Persons: spaCy's PER entities in, ``Actor`` records of kind Person (with role and affiliation) out.

« la porte-parole du Ministère des Affaires étrangères Hua Chunying » gives Hua Chunying, role
« porte-parole du Ministère des Affaires étrangères », affiliated with the ministry, itself
affiliated with China; « M. Qin » later in the text is the same person.
"""

from __future__ import annotations

import re

from .actors import ActorTable, Mention, head_classes, slug
from .records import Actor, Span

_TITLES = {"m.", "mme", "mlle", "m", "dr", "me", "mgr", "monsieur", "madame"}
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w’'\-\.]*$")
# Capitalised words of titles and institutions, never a person's name on their own.
_NOT_NAMES = {"premier", "première", "ministre", "président", "présidente", "secrétaire", "procureur", "général",
              "générale", "conseiller", "conseillère", "état", "etat", "affaires", "étrangères", "etrangeres",
              "sécurité", "justice", "défense", "intérieur", "commission", "département", "ministère", "conseil",
              "bureau", "centre", "agence", "parlement", "gouvernement", "république", "union", "vice", "porte-parole",
              "ambassadeur", "ambassade", "chef", "directeur", "haut", "haute", "représentant", "garde", "sceaux",
              "chancelier", "chancelière", "sénat", "assemblée", "nationale", "national", "maison", "blanche",
              "q", "r", "page", "accueil", "selon", "le", "la", "les", "un", "une", "des", "du", "de", "à", "en"}
_PARTICLES = {"de", "du", "van", "von", "der", "al", "el", "ben", "bin", "da", "di", "le", "la"}


def _clean_name(tokens) -> list:
    toks = [t for t in tokens if t.text.strip()]
    while toks and (toks[0].lower_ in _TITLES or not _NAME_TOKEN.match(toks[0].text)):
        toks = toks[1:]
    while toks and not _NAME_TOKEN.match(toks[-1].text):
        toks = toks[:-1]
    if any(not (_NAME_TOKEN.match(t.text) or t.lower_ in _PARTICLES) for t in toks):
        return []
    if all(t.lower_ in _NOT_NAMES or t.lower_ in _PARTICLES for t in toks):
        return []
    while toks and toks[0].lower_ in _NOT_NAMES:
        toks = toks[1:]
    return toks


_ARTICLES = {"der", "die", "das", "the", "el", "los", "las", "il", "lo", "de", "del"}


def _after_article(doc, start: int) -> bool:
    """« de l'Auswärtiges Amt », « Der Spiegel »: an institution or a title, not a person."""
    if doc[start].lower_ in _ARTICLES:
        return True
    before = doc[max(0, start - 2):start].text.lower().replace("’", "'")
    return before.endswith(("de l'", "du", "de la", "des", "l'", "au", "aux"))


def _listed_with(doc, ents, taken: set[int]) -> list:
    """« Wu Zhiyong, Wang Qian, Xu Ke et Liu Lei »: names listed beside a person's name are persons."""
    out = []
    known = {i for e in ents for i in range(e.start, e.end)}
    for e in ents:
        for direction in (-1, 1):
            pos = e.start - 1 if direction < 0 else e.end
            while 0 <= pos < len(doc) and doc[pos].text in (",", "et"):
                if direction < 0:
                    end = pos
                    start = end
                    while start - 1 >= 0 and _NAME_TOKEN.match(doc[start - 1].text) and end - start < 3:
                        start -= 1
                else:
                    start = pos + 1
                    end = start
                    while end < len(doc) and _NAME_TOKEN.match(doc[end].text) and end - start < 3:
                        end += 1
                if end - start < 2 or any(i in known or i in taken for i in range(start, end)):
                    break
                span = doc[start:end]
                if any(t.lower_ in _NOT_NAMES for t in span):
                    break
                out.append(span)
                known |= set(range(start, end))
                pos = start - 1 if direction < 0 else end
    return out


def _titled_runs(doc, taken: set[int]):
    """Names after a role that spaCy's NER missed (« …des Affaires étrangères Qin Gang »)."""
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if i in taken or not _NAME_TOKEN.match(t.text) or t.lower_ in _NOT_NAMES or t.is_sent_start:
            i += 1
            continue
        j = i
        while j < n and j - i < 3 and _NAME_TOKEN.match(doc[j].text) and doc[j].lower_ not in _NOT_NAMES \
                and j not in taken and not doc[j].is_punct:
            j += 1
        # « …de Chine à Marseille Tous droits réservés »: a name never follows « à » or « en »
        after_place = i > 0 and doc[i - 1].lower_ in ("à", "en", "au", "aux", "dans", "de", "du", "d'", "d’")
        if j - i >= 2 and not after_place and _role_before(doc, i, doc[i].sent.start) is not None:
            yield doc[i:j]
        i = max(j, i + 1)


def _role_before(doc, start: int, sent_start: int):
    """The role phrase right before a name: « le porte-parole du ministère chinois des Affaires étrangères »."""
    roles = {w for w, c in head_classes().items() if c == "role"}
    i = start - 1
    while i >= sent_start and doc[i].lower_ in _TITLES | {"."}:
        i -= 1  # « le ministre, M. Gawkowski »
    if i >= sent_start and doc[i].text == ",":
        i -= 1  # « le porte-parole du ministère, Geng Shuang »: an apposition
    first_role = None
    while i >= sent_start and i >= start - 12:
        t = doc[i]
        if t.is_punct and t.text not in ("-", "'", "’"):
            break
        if t.pos_ in ("VERB", "AUX") or t.lower_ in ("et", "ou", "que", "qui"):
            break
        if t.lower_ in roles or t.lemma_.lower() in roles:
            first_role = i
        i -= 1
    return first_role


def _role_after(doc, end: int, sent_end: int):
    """The office in an apposition after a name: « Thomas Bossert, conseiller du président américain
    pour la sécurité intérieure, a déclaré… »."""
    roles = {w for w, c in head_classes().items() if c == "role"}
    i = end
    if i >= sent_end or doc[i].text != ",":
        return None
    i += 1
    while i < sent_end and doc[i].pos_ == "DET":
        i += 1
    if i >= sent_end or not (doc[i].lower_ in roles or doc[i].lemma_.lower() in roles):
        return None
    j = i
    while j < sent_end and j - i < 12 and not (doc[j].is_punct and doc[j].text not in ("-", "'", "’")):
        j += 1
    return doc[end + 1:j]


def find_persons(doc, table: ActorTable) -> None:
    """Add Person actors (and their mentions) to ``table``."""
    taken = {i for m in table.mentions for i in range(m.start, m.end)}
    by_surname: dict[str, str] = {}
    ents = [e for e in doc.ents if e.label_ == "PER" and not _after_article(doc, e.start)]
    ents += _listed_with(doc, ents, taken)
    in_ents = {i for e in ents for i in range(e.start, e.end)}
    ents += [r for r in _titled_runs(doc, taken) if not any(i in in_ents for i in range(r.start, r.end))]
    ents.sort(key=lambda e: e.start)
    for ent in ents:
        toks = _clean_name(list(ent))
        if not toks or any(t.i in taken for t in toks):
            continue
        titled = ent.start > 0 and doc[ent.start - 1].lower_ in _TITLES or ent[0].lower_ in _TITLES
        name = doc[toks[0].i: toks[-1].i + 1]
        if len(toks) == 1:
            key = by_surname.get(toks[0].text)
            if key is None and not titled:
                continue
            if key is None:
                key = f"person:{slug(name.text)}"
                table.actors.setdefault(key, Actor(key, "Person", name.text))
        else:
            key = f"person:{slug(name.text)}"
            if key not in table.actors:
                table.actors[key] = Actor(key, "Person", name.text)
            # « M. Qin » for Qin Gang, « M. Blinken » for Antony Blinken: either end may be the surname.
            by_surname[toks[-1].text] = key
            by_surname[toks[0].text] = key
        actor = table.actors[key]
        actor.mentions.append(Span(name.start_char, name.end_char, name.text))
        table.mentions.append(Mention(name.start, name.end, name.start_char, name.end_char, key))
        role_start = _role_before(doc, name.start, ent.sent.start)
        role_span = doc[role_start: name.start] if role_start is not None else _role_after(doc, name.end, ent.sent.end)
        if role_span is not None and not actor.role:
            role = role_span
            actor.role = role.text.strip(" ,")
            inside = [m for m in table.mentions if m.start >= role.start and m.end <= role.end
                      and not m.key.startswith("person:")]
            # The most specific body named in the role: an organisation before its State.
            orgs = [m.key for m in inside if table.actors[m.key].kind in ("Organization", "InternationalOrganization")]
            states = [m.key for m in inside if table.actors[m.key].kind == "State"]
            for k in (orgs[:1] or states[:1]):
                if k not in actor.affiliated:
                    actor.affiliated.append(k)
    table.mentions.sort(key=lambda m: (m.start, m.end))
