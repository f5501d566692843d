"""Plain records that extraction produces and the RDF mapping consumes (no spaCy, no RDF here).

Every claim keeps its evidence: ``Span`` offsets index the document text as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Actor:
    key: str  # canonical key, stable across documents: "state:CN", "org:cn-mfa", "person:qin-gang"
    kind: str  # State | InternationalOrganization | Organization | Person | ThreatActor
    label: str
    code: str | None = None  # ISO code of a State, short code of an international organisation
    affiliated: list[str] = field(default_factory=list)  # keys of actors this one acts for
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    role: str | None = None  # a person's role as written
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Accusation:
    accusers: list[str]
    accused: list[str]
    evidence: Span
    date: str | None = None
    incident: str | None = None  # Incident.key
    counter_to: int | None = None  # index of the accusation it answers (counter-accusation)
    confidence: float | None = None  # the model's, for a pair the grammar did not read; None: read by the grammar


@dataclass
class Rebuttal:
    rebutter: str
    rebuts: int  # index into Extraction.accusations
    strategies: list[str]
    evidence: list[Span]
    date: str | None = None


@dataclass
class Incident:
    key: str
    label: str
    targets: list[str] = field(default_factory=list)
    date: str | None = None
    evidence: Span | None = None


@dataclass
class Response:
    kind: str  # Indictment | Sanction | AmbassadorSummons | DialogueSuspension | Cooperation
    by: list[str]
    against: list[str]
    evidence: Span
    date: str | None = None


@dataclass
class Statistic:
    value: str  # decimal as text, e.g. "5310000"
    label: str
    evidence: Span
    period: str | None = None
    source: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document."""

    doc_id: str
    date: str | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    accusations: list[Accusation] = field(default_factory=list)
    rebuttals: list[Rebuttal] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)

    def principals(self, key: str) -> set[str]:
        """Codes reached from an actor through its affiliations (the scorer's akg:affiliatedWith*)."""
        seen, todo, out = set(), [key], set()
        while todo:
            k = todo.pop()
            if k in seen or k not in self.actors:
                continue
            seen.add(k)
            actor = self.actors[k]
            if actor.code:
                out.add(actor.code)
            todo.extend(actor.affiliated)
        return out


@dataclass
class SentenceClaims:
    sentence: int
    accusers: list[str]
    accused: list[str]
    targets: list[str]
    evidence: Span
    kind: str  # "report", "assertion" or "join" (taking up the claim just reported)
    # « les allégations de Séoul » with nobody named as accused: whoever answers them in this
    # sentence is the one they accuse
    answered: bool = False
