"""Disputes: claims and resolved incidents in, threads out (accusations, the rebuttals that answer
them in any document, the responses that followed), with the cross-document links inferred.

A dispute gathers the accusations about one resolved incident; an accusation with no named incident
joins the incident dispute of the same accuser-accused principal pair nearest in time (within
``window`` days), else the pair's own dispute of that window. A counter-accusation joins the dispute
of the accusation it answers, and so does an accusation by X against Y stated beside X's rebuttal of Y
(a tu quoque the text did not mark); a rebuttal joins the dispute of the accusation it rebuts. A rebuttal is then
linked to the accusations of *other* documents in its dispute made by the accuser principal of the
accusation it rebuts, against its own principal, and not dated after it: each such link is inferred.
A response joins the dispute of its (by, against) pair nearest in time, preferring its own document.

Every step is a sort or a lookup in a table keyed by principals: linear-ish in the number of claims.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from .facts import Claim, Facts
from .incidents import ResolvedIncident

#: how far apart (days) two accusations of one pair may be to belong to one dispute without an incident
PAIR_WINDOW = 60
#: how near (characters) to a rebuttal of Y by X an accusation of Y by X is read as its tu quoque
TU_QUOQUE = 1200


@dataclass
class Link:
    """A rebuttal answering an accusation of another document, and why it was inferred."""

    rebuttal: str
    accusation: str
    via: str  # the accusation of the rebuttal's own document that it rebuts
    keys: list[str]


@dataclass
class Dispute:
    """One thread: its claims by kind, what it is about, and how it was grouped."""

    accusations: list[str]
    incident: ResolvedIncident | None
    grouped_by: str  # "incident" or "pair"
    rebuttals: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def _pairs(claim: Claim):
    return sorted((a, b) for a in claim.by for b in claim.to if a != b)


def group_disputes(facts: Facts, incidents: dict[str, ResolvedIncident], window: int = PAIR_WINDOW) -> list[Dispute]:
    """The disputes of ``facts``, in a fixed order (by first accusation IRI)."""
    claims = facts.claims
    accusations = sorted((c for c in claims.values() if c.kind == "Accusation" and not c.counter_to),
                         key=lambda c: c.iri)
    group: dict[str, tuple] = {}  # accusation IRI → its group key
    named = [c for c in accusations if any(m in incidents for m in c.incidents)]
    for c in named:
        inc = min((incidents[m] for m in c.incidents if m in incidents), key=lambda i: i.mentions[0])
        group[c.iri] = ("incident", inc.mentions[0])
    # the named accusations of each pair, in date order, to attach the unnamed ones to
    by_pair: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    same_doc: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for c in named:
        for pair in _pairs(c):
            if c.day is not None:
                by_pair[pair].append((c.day, c.iri))
        for accused in c.to:
            same_doc[(c.doc, accused)].append((c.start, c.iri))
    for lst in (*by_pair.values(), *same_doc.values()):
        lst.sort()
    unnamed: dict[tuple, list[Claim]] = defaultdict(list)
    for c in accusations:
        if c.iri in group:
            continue
        best = None
        for accused in sorted(c.to):  # in its own document, the nearest incident against the same accused
            for pos, iri in _nearest(same_doc.get((c.doc, accused), []), c.start):
                best = min(best or (0, pos, iri), (0, pos, iri))
        for pair in _pairs(c):
            if c.day is not None:
                for dist, iri in _nearest(by_pair.get(pair, []), c.day):
                    if dist <= window:
                        best = min(best or (1, dist, iri), (1, dist, iri))
        if best is not None:
            group[c.iri] = group[best[2]]
        else:
            pair = _pairs(c)[0] if _pairs(c) else (min(c.by, default=""), min(c.to, default=""))
            unnamed[pair].append(c)
    for pair, members in sorted(unnamed.items()):
        dated = sorted((c for c in members if c.day is not None), key=lambda c: (c.day, c.iri))
        start = None
        for c in dated:
            if start is None or c.day - start > window:
                start, first = c.day, c.iri
            group[c.iri] = ("pair", *pair, first)
        for c in members:
            if c.day is None:  # undated: one dispute per pair and document
                group[c.iri] = ("pair", *pair, c.doc)

    _tu_quoque(claims, accusations, group)

    # counter-accusations and rebuttals follow the accusation they answer
    def root(iri: str, seen=()) -> tuple | None:
        if iri in group:
            return group[iri]
        c = claims.get(iri)
        if c is None or iri in seen:
            return None
        targets = c.counter_to if c.kind == "Accusation" else c.rebuts
        return next((g for t in targets if (g := root(t, (*seen, iri))) is not None), None)

    members: dict[tuple, list[Claim]] = defaultdict(list)
    for c in sorted(claims.values(), key=lambda c: c.iri):
        if c.kind in ("Accusation", "Rebuttal") and (g := root(c.iri)) is not None:
            members[g].append(c)
    disputes = {}
    for key, cs in members.items():
        incident = incidents[key[1]] if key[0] == "incident" else None
        disputes[key] = Dispute(sorted(c.iri for c in cs if c.kind == "Accusation"), incident, key[0],
                                sorted(c.iri for c in cs if c.kind == "Rebuttal"))
    for d in disputes.values():
        d.links = _links(d, claims)
    _attach_responses(disputes, facts, window)
    return sorted(disputes.values(), key=lambda d: d.accusations[0])


def _tu_quoque(claims: dict[str, Claim], accusations: list[Claim], group: dict[str, tuple]) -> None:
    """An accusation by X against Y stated beside X's rebuttal of Y (within ``TU_QUOQUE`` characters
    of it, in the same document) answers Y: it joins the rebutted accusation's dispute, as a
    counter-accusation the text did not mark does (« ce sont eux qui … »)."""
    rebuttals: dict[tuple[str, str, str], list[tuple[int, str]]] = defaultdict(list)
    for r in claims.values():
        if r.kind != "Rebuttal":
            continue
        for a in r.rebuts:
            if a in claims and a in group:
                for x in r.by:
                    for y in claims[a].by:
                        rebuttals[(r.doc, x, y)].append((r.start, a))
    for lst in rebuttals.values():
        lst.sort()
    for c in accusations:
        near = [(dist, a) for pair in _pairs(c) for dist, a in _nearest(rebuttals.get((c.doc, *pair), []), c.start)
                if dist <= TU_QUOQUE and a != c.iri]
        if near:
            group[c.iri] = group[min(near)[1]]


def _nearest(items: list[tuple[int, str]], x: int) -> list[tuple[int, str]]:
    """The items of a sorted list whose first value is nearest to ``x`` (one on each side), as
    (distance, IRI)."""
    i = bisect.bisect_left(items, (x, ""))
    return [(abs(items[j][0] - x), items[j][1]) for j in (i - 1, i) if 0 <= j < len(items)]


def _links(dispute: Dispute, claims: dict[str, Claim]) -> list[Link]:
    by_doc_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for iri in dispute.accusations:
        c = claims[iri]
        if not c.counter_to:
            for a, b in _pairs(c):
                by_doc_pair[(a, b)].append(c)
    for lst in by_doc_pair.values():  # each document's earliest accusation of the pair first
        lst.sort(key=lambda c: (c.doc, c.day is None, c.day or 0, c.start, c.iri))
    # the documents where a principal rebuts: what it is accused of there is reported by its own side
    rebutting: dict[str, set[str]] = defaultdict(set)
    for r_iri in dispute.rebuttals:
        for p in claims[r_iri].by:
            rebutting[p].add(claims[r_iri].doc)
    links: dict[tuple[str, str], Link] = {}
    answered: set[tuple[str, str]] = set()  # (document, rebuttal): one link per document answered
    for r_iri in dispute.rebuttals:
        r = claims[r_iri]
        for via_iri in r.rebuts:
            via = claims.get(via_iri)
            if via is None:
                continue
            for accuser in sorted(via.by):
                for rebutter in sorted(r.by & via.to or r.by):
                    for acc in by_doc_pair.get((accuser, rebutter), []):
                        if acc.doc in rebutting[rebutter] or (acc.doc, r_iri) in answered:
                            continue
                        if acc.day is not None and r.day is not None and acc.day > r.day:
                            continue
                        answered.add((acc.doc, r_iri))
                        links[(acc.iri, r_iri)] = Link(r_iri, acc.iri, via_iri, [
                            "same-dispute", f"accuser:{_code(accuser)}", f"accused:{_code(rebutter)}",
                            "date-order" if acc.day is not None and r.day is not None else "undated"])
    return [links[k] for k in sorted(links)]


def _code(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _attach_responses(disputes: dict[tuple, Dispute], facts: Facts, window: int) -> None:
    claims = facts.claims
    spans: dict[tuple[str, str], list[tuple[tuple, int | None, int | None, set[str]]]] = defaultdict(list)
    for key, d in disputes.items():
        days = [claims[i].day for i in (*d.accusations, *d.rebuttals) if claims[i].day is not None]
        docs = {claims[i].doc for i in (*d.accusations, *d.rebuttals)}
        for iri in d.accusations:
            for pair in _pairs(claims[iri]):
                spans[pair].append((key, min(days, default=None), max(days, default=None), docs))
    for c in sorted(claims.values(), key=lambda c: c.iri):
        if c.kind in ("Accusation", "Rebuttal"):
            continue
        best = None
        for pair in _pairs(c):
            for key, first, last, docs in spans.get(pair, ()):
                if c.doc in docs:
                    score = (0, 0)
                elif c.day is None or first is None:
                    continue
                elif first - window <= c.day <= last + window:
                    score = (1, min(abs(c.day - first), abs(c.day - last)))
                else:
                    continue
                best = min(best or (score, key), (score, key))
        if best is not None:
            disputes[best[1]].responses.append(c.iri)
