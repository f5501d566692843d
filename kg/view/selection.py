"""Which claims a view keeps.

Input: a ``_Model`` and the caller's filters (period, principal, actor, strategy, document). Output: a
``_Selection``: the accusations, rebuttals, incidents and responses to draw, and those shown only as
context (what a kept rebuttal rebuts, what a kept counter-accusation answers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kg.view.graph import ViewError
from kg.view.model import _bounds, _Claim, _local, _Model

_FILTER_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class _Filters:
    since: tuple | None = None
    until: tuple | None = None
    principal: str | None = None
    strategy: str | None = None
    doc: str | None = None
    doc_name: str | None = None
    actors: frozenset[str] | None = None
    actor_name: str | None = None

    def describe(self) -> list[str]:
        parts = []
        if self.since:
            parts.append(f"since {self.since[2]}")
        if self.until:
            parts.append(f"until {self.until[2]}")
        if self.principal:
            parts.append(f"principal {self.principal}")
        if self.strategy:
            parts.append(f"strategy {_local(self.strategy)}")
        if self.actor_name:
            parts.append(f"actor {self.actor_name}")
        if self.doc_name:
            parts.append(f"document {self.doc_name}")
        return parts


def _filter_date(value, name: str) -> tuple | None:
    if value is None or value == "":
        return None
    text = value.isoformat()[:10] if isinstance(value, date) else str(value).strip()
    if not _FILTER_DATE.fullmatch(text):
        raise ViewError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {text!r}")
    start, end = _bounds(text)
    return start, end, text


@dataclass
class _Selection:
    accusations: list[str]
    rebuttals: list[str]
    incidents: list[str]
    responses: list[str]
    context: set[str]


def _select(model: _Model, f: _Filters) -> _Selection:
    def period_ok(claim: _Claim) -> bool:
        if f.since is None and f.until is None:
            return True
        if claim.bounds is None:
            return False
        start, end = claim.bounds
        return not ((f.since and end < f.since[0]) or (f.until and start > f.until[1]))

    def parties_ok(actors: Iterable[str]) -> bool:
        actors = tuple(actors)
        if f.principal is not None and not any(f.principal in model.actor(a).principal_codes for a in actors):
            return False
        return f.actors is None or any(f.actors & model.actor(a).reaches for a in actors)

    def common_ok(claim: _Claim) -> bool:
        return period_ok(claim) and (f.doc is None or f.doc in claim.docs)

    def accusation_parties(iri: str) -> tuple[str, ...]:
        claim = model.accusations.get(iri)
        return claim.get("accuser") + claim.get("accused") if claim else ()

    rebuttals = [
        r.iri
        for r in model.rebuttals.values()
        if common_ok(r)
        and parties_ok(r.get("rebutter") + tuple(a for x in r.get("rebuts") for a in accusation_parties(x)))
        and (f.strategy is None or f.strategy in r.get("strategy"))
    ]
    accusations = {
        a.iri
        for a in model.accusations.values()
        if common_ok(a)
        and parties_ok(accusation_parties(a.iri))
        and (f.strategy is None or (_local(f.strategy) == "CounterAccusation" and a.get("counterTo")))
    }
    # A rebuttal is read against what it rebuts, a counter-accusation against what it answers.
    context: set[str] = set()
    pending = [x for r in rebuttals for x in model.rebuttals[r].get("rebuts")]
    pending += [x for a in sorted(accusations) for x in model.accusations[a].get("counterTo")]
    while pending:
        iri = pending.pop()
        if iri in model.accusations and iri not in accusations:
            accusations.add(iri)
            context.add(iri)
            pending.extend(model.accusations[iri].get("counterTo"))

    concerned = {i for a in model.accusations.values() for i in a.get("concerns")}
    incidents = {i for a in accusations for i in model.accusations[a].get("concerns") if i in model.incidents}
    if f.strategy is None:
        incidents |= {
            i.iri
            for i in model.incidents.values()
            if i.iri not in concerned and common_ok(i) and parties_ok(i.get("target"))
        }
    responses = []
    if f.strategy is None:
        responses = [
            r.iri
            for r in model.responses.values()
            if common_ok(r) and parties_ok(r.get("by") + r.get("against"))
        ]
    return _Selection(
        accusations=sorted(accusations),
        rebuttals=sorted(rebuttals),
        incidents=sorted(incidents),
        responses=sorted(responses),
        context=context,
    )
