"""Short names for the incidents and disputes a view draws, from what the graph holds.

Input: a ``_Model`` (its incidents, accusations and actors) and the disputes graph's resources when
the graph has them (``akg:ResolvedIncident`` with ``akg:mergedFrom``, ``akg:Dispute`` with
``akg:about``, ``akg:accuserPrincipal``, ``akg:accusedPrincipal``, ``akg:firstDate``). Output: for an
incident, a name (the operation, group or target it was resolved on across documents, else a target
that is not a State, else a named group accused of it, else the kind of act) and a line with the
principals accused of it and its date; for a dispute, a one-line label.

An incident's own label is a fragment of its sentence (« piratages informatiques organisés et de
grande… »): it stays in the tooltip, where it is read whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import AKG
from kg.view.model import _Claim, _clip, _fold, _Model

_NAME_CHARS = 26
# The kind of act an incident's wording names, for an incident with no name, group or target: the
# first pattern found in the folded label wins (more specific first).
_ACTS = (
    (r"cyberespionnage|espionn", "Espionnage"),
    (r"rancon", "Rançongiciel"),
    (r"logiciels? (?:espion|malveillant)|virus|malware|cyberarme", "Logiciel malveillant"),
    (r"intrusion|infiltr|introdui|compromission", "Intrusion"),
    (r"vol(?:e|s)? (?:de|des) donnees|donnees", "Vol de données"),
    (r"pirat|hack", "Piratage"),
    (r"attaque", "Cyberattaque"),
    (r"activites? malveillantes?|cyberactivit", "Activités malveillantes"),
)
_RESOLVED_LABEL = re.compile(r"^(?P<name>.+) \((?P<rest>[^()]*)\)$")


@dataclass(frozen=True)
class IncidentName:
    name: str  # « Microsoft », « APT31 », « Bundestag », « Espionnage »
    detail: str  # « CN · 2021-07-19 », « CN », « 2021-07 » or ""
    how: str  # what the name was taken from, for the tooltip

    @property
    def label(self) -> str:
        return f"{self.name}\n{self.detail}" if self.detail else self.name

    @property
    def line(self) -> str:
        return f"{self.name} ({self.detail})" if self.detail else self.name


class _Names:
    """Incident and dispute names of one model, computed once each."""

    def __init__(self, model: _Model) -> None:
        self.model = model
        g = model.g
        self.resolved: dict[str, str] = {}  # a document's incident → its resolved incident's name
        for node in sorted(g.subjects(RDF.type, AKG.ResolvedIncident), key=str):
            label = next((str(o) for o in sorted(g.objects(node, RDFS.label))), "")
            match = _RESOLVED_LABEL.match(label)
            name = match["name"] if match else label
            for mention in g.objects(node, AKG.mergedFrom):
                if name:
                    self.resolved.setdefault(str(mention), name)
        self.concerning: dict[str, list[_Claim]] = {}
        for claim in model.accusations.values():
            for incident in claim.get("concerns"):
                self.concerning.setdefault(incident, []).append(claim)
        self._incidents: dict[str, IncidentName] = {}
        self._disputes: dict[str, str] = {}

    def incident(self, claim: _Claim) -> IncidentName:
        if claim.iri not in self._incidents:
            self._incidents[claim.iri] = self._incident(claim)
        return self._incidents[claim.iri]

    def _incident(self, claim: _Claim) -> IncidentName:
        model = self.model
        about = self.concerning.get(claim.iri, [])
        accused = sorted({a for c in about for a in c.get("accused")})
        codes = sorted({code for a in accused for code in model.actor(a).principal_codes})
        targets = [model.actor(t) for t in claim.get("target")]
        groups = [model.actor(a) for a in accused if model.actor(a).group == "ThreatActor"]
        if claim.iri in self.resolved:
            name, how = self.resolved[claim.iri], "resolved across documents (kg.disputes)"
        elif named := [t.label for t in targets if t.group != "State"]:
            name, how = sorted(named)[0], "its target"
        elif named := [a.label for a in groups if _is_name(a.label)]:
            name, how = sorted(named)[0], "the group accused of it"
        else:
            folded = _fold(claim.label or "")
            name = next((kind for pattern, kind in _ACTS if re.search(pattern, folded)), "Incident")
            how = "the kind of act its wording names"
        return IncidentName(_clip(name, _NAME_CHARS), " · ".join(filter(None, [", ".join(codes), self._date(claim, about)])), how)

    def _date(self, claim: _Claim, about: list[_Claim]) -> str | None:
        """The incident's date, else the earliest of the accusations about it, else its document's."""
        if claim.dates:
            return claim.dates[0]
        dated = sorted((c.bounds[0], c.dates[0]) for c in about if c.dates and c.bounds)
        if dated:
            return dated[0][1]
        docs = sorted(str(o) for d in claim.docs for o in self.model.g.objects(URIRef(d), DCTERMS.date))
        return docs[0] if docs else None

    def dispute(self, iri: str) -> str:
        if iri not in self._disputes:
            self._disputes[iri] = self._dispute(URIRef(iri))
        return self._disputes[iri]

    def _dispute(self, node: URIRef) -> str:
        g, model = self.model.g, self.model
        about = next(iter(sorted(g.objects(node, AKG.about), key=str)), None)
        if about is not None:
            label = next((str(o) for o in sorted(g.objects(about, RDFS.label))), None)
            if label:
                return label
        names = []
        for prop in (AKG.accuserPrincipal, AKG.accusedPrincipal):
            actors = sorted(str(o) for o in g.objects(node, prop) if isinstance(o, URIRef))
            names.append(", ".join(model.actor(a).codes[0] if model.actor(a).codes else model.actor(a).label
                                   for a in actors) or "?")
        first = sorted(str(o) for o in g.objects(node, AKG.firstDate))
        return f"{names[0]} → {names[1]}" + (f", {first[0][:7]}" if first else "")


def _is_name(label: str) -> bool:
    """« APT31 », « Volt Typhoon »: a group's name, not a description (« hackers chinois »)."""
    words = [w for w in re.findall(r"[^\W_]+", label) if len(w) > 2]
    return bool(words) and all(w[0].isupper() or any(c.isdigit() for c in w) for w in words)


def names_of(model: _Model) -> _Names:
    """The names of ``model``'s incidents and disputes, made once per model."""
    names = getattr(model, "_names", None)
    if names is None:
        names = model._names = _Names(model)
    return names
