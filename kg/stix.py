"""STIX 2.1 export, for CTI platforms (OpenCTI, MISP).

Input: an akg graph (a graph file, an Oxigraph store folder, a ``pyoxigraph.Store`` or an rdflib
graph), read with ``kg/queries/stix/statements.rq``. Output: a STIX 2.1 bundle, as a dict
(:func:`stix_bundle`) or a JSON file written atomically (:func:`write_stix`).

- States, international organisations, organisations → ``identity`` (``identity_class``
  ``organization``: "a formal organization of people, with governance, such as a company or country");
  persons → ``identity`` ``individual``; each State also → a ``location`` (its ISO country code),
  ``located-at``; threat groups (``akg:ThreatActor``) → ``intrusion-set``, ``originates-from`` their
  State's location; other affiliations → ``related-to``.
- Incidents → ``campaign``. An accusation → one ``relationship`` ``attributed-to`` per (incident,
  accuser, accused): from the campaign to the accused's intrusion set or, for an accused State,
  organisation or person, to the ``threat-actor`` standing for it (itself ``attributed-to`` its
  identity, STIX's "real identity"), ``created_by_ref`` the accuser; each evidence quote → a ``note``
  on those relationships; the document → an external reference giving the quote's offsets.
- A rebuttal → an ``opinion`` (``strongly-disagree`` with a denial, ``disagree`` otherwise) on the
  relationships of the accusation it answers, created by the rebutter; a document → a ``report``.

Ids are UUIDv5 of the akg IRIs under :data:`NAMESPACE`; timestamps come from the graph's dates
(a claim's own date, else its document's), or :data:`EPOCH` for actors and the links between them,
never from the clock: the same graph gives the same bytes.

>>> str(NAMESPACE)
'f47be178-4404-5b90-bf94-81f38d6882b0'
>>> _timestamp("2022-07"), _timestamp("2022-07-18"), _timestamp("juillet")
('2022-07-01T00:00:00.000Z', '2022-07-18T00:00:00.000Z', None)
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path

from .build import BuildError, atomic_write
from .query import query_text, run_query
from .source import Source, open_source

__all__ = ["EPOCH", "NAMESPACE", "StixError", "StixSummary", "is_stix_path", "stix_bundle", "write_stix"]

#: The namespace of every id: uuid5(NAMESPACE, "<type> <akg IRI>…").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/akg/ontology#")
#: created/modified of what has no date of its own (actors, the links between them).
EPOCH = "1970-01-01T00:00:00.000Z"
#: Bundle objects are listed in this order of type, then by id.
TYPES = ("identity", "location", "intrusion-set", "threat-actor", "campaign", "relationship", "note", "opinion",
         "report")
_KINDS = ("document", "actor", "accusation", "rebuttal", "incident", "span")
_ACTOR_CLASSES = ("ThreatActor", "State", "InternationalOrganization", "Organization", "Person")
_DESCRIBE = {"State": "State", "InternationalOrganization": "International organisation",
             "Organization": "Organisation (ministry, agency, CERT, media or company)", "Person": "Person",
             "Actor": "Actor"}
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T+\-Z].*)?")
_WEB = re.compile(r"https?://[^\s]+", re.I)


class StixError(Exception):
    """A STIX bundle that cannot be written (bad output name, unwritable file)."""


@dataclass
class StixSummary:
    """What :func:`write_stix` wrote: object counts by STIX type, and the claims it could not map."""

    output: Path | None = None
    types: dict[str, int] = field(default_factory=dict)
    accusations: int = 0  # akg:Accusation exported, each as one or more attributed-to relationships
    attributions: int = 0  # the attributed-to relationships that carry an accusation
    skipped: list[str] = field(default_factory=list)  # claims without an accuser, accused or answered claim

    @property
    def objects(self) -> int:
        return sum(self.types.values())


def is_stix_path(path: str | PathLike) -> bool:
    """Whether ``path`` names a STIX bundle by its suffix (``.stix.json``)."""
    return Path(path).name.lower().endswith(".stix.json")


def write_stix(source: Source, output: str | PathLike) -> StixSummary:
    """Write the STIX 2.1 bundle of ``source`` to ``output`` (a ``.json`` file), atomically."""
    output = Path(output)
    if output.suffix.lower() != ".json":
        raise StixError(f"{output}: a STIX bundle is JSON: name it .stix.json or .json")
    summary = StixSummary(output=output)
    bundle = stix_bundle(source, summary)
    try:
        atomic_write(output, json.dumps(bundle, ensure_ascii=False, indent=1) + "\n")
    except (BuildError, OSError) as e:
        raise StixError(f"{output}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e
    return summary


def stix_bundle(source: Source, summary: StixSummary | None = None) -> dict:
    """The STIX 2.1 bundle (a JSON-ready dict) of the akg graph ``source``; ``summary`` is filled in."""
    summary = summary if summary is not None else StixSummary()
    mapper = _Mapper(_read(source), summary)
    objects = mapper.run()
    body = json.dumps(objects, ensure_ascii=False, sort_keys=True).encode("utf-8")
    bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, hashlib.sha256(body).hexdigest())}"
    for obj in objects:
        summary.types[obj["type"]] = summary.types.get(obj["type"], 0) + 1
    return {"type": "bundle", "id": bundle_id, "objects": objects}


def _read(source: Source) -> dict[str, dict[str, dict[str, list]]]:
    """``{kind: {subject IRI: {property local name: [terms]}}}`` from statements.rq."""
    sparql = query_text("stix/statements.rq")
    graph: dict[str, dict[str, dict[str, list]]] = {kind: {} for kind in _KINDS}
    for s, kind, p, o in run_query(open_source(source), sparql).rows:
        graph[kind.value].setdefault(s.value, defaultdict(list))[_local(p.value)].append(o)
    return graph


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _timestamp(value: str | None) -> str | None:
    """A STIX timestamp for an xsd:date, gYearMonth or gYear (the first day of the period)."""
    m = _DATE.fullmatch(value or "")
    if not m:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None
    return f"{day.isoformat()}T00:00:00.000Z"


def _values(props: dict, key: str) -> list[str]:
    return sorted({term.value for term in props.get(key, ())})


def _text(props: dict, key: str) -> str | None:
    """One value of ``key``: a French one first, then an untagged one, then the smallest."""
    terms = props.get(key, ())
    ranked = sorted(terms, key=lambda t: (getattr(t, "language", None) != "fr", bool(getattr(t, "language", None)),
                                          t.value))
    return ranked[0].value if ranked else None


class _Mapper:
    """Builds the STIX objects of one graph; each object once, keyed by its deterministic id."""

    def __init__(self, graph: dict, summary: StixSummary):
        self.g, self.summary = graph, summary
        self.objects: dict[str, dict] = {}
        self.docs: dict[str, set[str]] = defaultdict(set)  # object id -> IRIs of the documents that state it
        self.links: dict[str, list[str]] = defaultdict(list)  # object id -> its structural relationships
        self.claims: dict[str, list[str]] = {}  # accusation IRI -> its attributed-to relationships
        self.producer = self._add(self._sdo("identity", ["akg"], EPOCH, name="akg", identity_class="system",
                                            description="akg: knowledge graphs of cyber-attribution discourse; "
                                                        "it read the claims from the documents."))

    def run(self) -> list[dict]:
        for iri, props in sorted(self.g["accusation"].items()):
            self._accusation(iri, props)
        for iri, props in sorted(self.g["rebuttal"].items()):
            self._rebuttal(iri, props)
        for iri, props in sorted(self.g["document"].items()):
            self._report(iri, props)
        return sorted(self.objects.values(), key=lambda o: (TYPES.index(o["type"]), o["id"]))

    # --- building blocks ------------------------------------------------------------------------

    def _sdo(self, kind: str, key: list[str], created: str, modified: str | None = None, **props) -> dict:
        obj = {"type": kind, "spec_version": "2.1", "id": f"{kind}--{uuid.uuid5(NAMESPACE, ' '.join([kind, *key]))}",
               "created": created, "modified": max(created, modified or created)}
        obj.update((k, v) for k, v in props.items() if v not in (None, "", [], ()))
        return obj

    def _add(self, obj: dict, docs=()) -> str:
        self.objects.setdefault(obj["id"], obj)
        self.docs[obj["id"]].update(docs)
        return obj["id"]

    def _link(self, rtype: str, source: str, target: str, description: str) -> str:
        """A structural relationship (an actor's principal, location or identity), dated EPOCH."""
        rel = self._sdo("relationship", [rtype, source, target], EPOCH, relationship_type=rtype,
                        description=description, source_ref=source, target_ref=target, created_by_ref=self.producer)
        if rel["id"] not in self.objects:
            self.links[source].append(rel["id"])
        return self._add(rel)

    def _doc_ref(self, doc: str | None, spans: list[str]) -> list[dict]:
        """The document as an external reference: its URL (else its akg IRI) and the quotes' offsets."""
        if doc is None:
            return []
        props = self.g["document"].get(doc, {})
        ident = _text(props, "identifier") or doc
        source = _text(props, "source")
        offsets = ", ".join(f"{self._span(s)[1]}-{self._span(s)[2]}" for s in spans)
        ref = {"source_name": _text(props, "publisher") or "akg document",
               "description": f"{ident}, characters {offsets}" if offsets else ident,
               "url": source if source and _WEB.fullmatch(source) else doc, "external_id": ident}
        return [ref]

    def _span(self, iri: str) -> tuple[str, int, int]:
        props = self.g["span"].get(iri, {})
        start, end = (int(_text(props, k) or -1) for k in ("start", "end"))
        return _text(props, "quote") or "", start, end

    def _when(self, props: dict, doc: str | None) -> str:
        """A claim's date, else its document's, else EPOCH."""
        doc_props = self.g["document"].get(doc, {}) if doc else {}
        dates = [t for t in map(_timestamp, _values(props, "date")) if t]
        dates = dates or [t for t in map(_timestamp, _values(doc_props, "date")) if t]
        return min(dates, default=EPOCH)

    # --- actors ---------------------------------------------------------------------------------

    def _actor(self, iri: str) -> tuple[str, dict, str, str]:
        """(kind, properties, name, modified) of an actor; an untyped IRI is an Actor."""
        props = self.g["actor"].get(iri, {})
        types = {_local(v) for v in _values(props, "type")}
        kind = next((c for c in _ACTOR_CLASSES if c in types), "Actor")
        mentions = [self._when({}, doc) for doc in _values(props, "mentionedIn")]
        return kind, props, _text(props, "label") or _local(iri) or iri, max(mentions, default=EPOCH)

    def _refs(self, iri: str, props: dict) -> list[dict]:
        refs = [{"source_name": "akg", "external_id": iri}]
        refs += [{"source_name": "wikidata", "external_id": _local(v), "url": v}
                 for v in _values(props, "sameAs") if "wikidata.org/" in v]
        return refs

    def _identity(self, iri: str) -> str | None:
        """The identity of a State, organisation or person (None for a threat group)."""
        kind, props, name, modified = self._actor(iri)
        if kind == "ThreatActor":
            return None
        obj = self._sdo("identity", [iri], EPOCH, modified, name=name,
                        identity_class={"Person": "individual", "Actor": "unknown"}.get(kind, "organization"))
        if obj["id"] in self.objects:
            return obj["id"]
        codes, roles, aliases = _values(props, "code"), _values(props, "role"), _values(props, "altLabel")
        obj["description"] = "; ".join(filter(None, [
            _DESCRIBE[kind] + (f" ({', '.join(codes)})" if codes else ""),
            f"also named {', '.join(aliases)}" if aliases else ""])) + "."
        if kind == "State":
            obj["sectors"] = ["government-national"]
        if roles:
            obj["roles"] = roles
        obj["external_references"] = self._refs(iri, props)
        ident = self._add(obj)
        if kind == "State" and codes:
            place = self._add(self._sdo("location", [iri], EPOCH, modified, name=name, country=codes[0],
                                        external_references=self._refs(iri, props)))
            self._link("located-at", ident, place, f"{name} is the State of this country.")
        self._affiliations(iri, ident, name)
        return ident

    def _intrusion_set(self, iri: str) -> str:
        kind, props, name, modified = self._actor(iri)
        obj = self._sdo("intrusion-set", [iri], EPOCH, modified, name=name, aliases=_values(props, "altLabel"),
                        description="Threat group as the documents name it (akg:ThreatActor).",
                        external_references=self._refs(iri, props))
        if obj["id"] not in self.objects:
            self._affiliations(iri, self._add(obj), name)
        return obj["id"]

    def _attacker(self, iri: str) -> str:
        """What an accusation attributes an incident to: a threat group's intrusion set, or the
        threat-actor standing for an accused State, organisation or person."""
        kind, _props, name, modified = self._actor(iri)
        if kind == "ThreatActor":
            return self._intrusion_set(iri)
        obj = self._sdo("threat-actor", [iri], EPOCH, modified, name=name,
                        description=f"{name} as the perpetrator accusations name; its real identity "
                                    f"(attributed-to) is the identity {name}.",
                        threat_actor_types=["nation-state"] if kind == "State" else None,
                        external_references=[{"source_name": "akg", "external_id": iri}])
        if obj["id"] not in self.objects:
            self._link("attributed-to", self._add(obj), self._identity(iri), f"The real identity of {name}.")
        return obj["id"]

    def _affiliations(self, iri: str, source: str, name: str) -> None:
        """akg:affiliatedWith: a threat group originates from its State's country; other links are related-to."""
        is_group = source.startswith("intrusion-set--")
        for principal in _values(self.g["actor"].get(iri, {}), "affiliatedWith"):
            kind, props, pname, modified = self._actor(principal)
            target = self._intrusion_set(principal) if kind == "ThreatActor" else self._identity(principal)
            place = self._sdo("location", [principal], EPOCH, modified)["id"]
            if is_group and kind == "State" and place in self.objects:
                self._link("originates-from", source, place, f"{name} acts for or belongs to {pname}.")
            else:
                self._link("related-to", source, target, f"{name} acts for or belongs to {pname} (akg:affiliatedWith).")

    # --- claims ---------------------------------------------------------------------------------

    def _campaign(self, incident: str | None, accusation: str, doc: str | None, created: str, accused: str) -> str:
        props = self.g["incident"].get(incident, {}) if incident else {}
        docs = set(_values(props, "statedIn")) | ({doc} if doc else set())
        name = _text(props, "label") or f"Cyber activity attributed to {self._actor(accused)[2]}"
        # an incident is dated by itself or its own document, whichever accusation meets it first
        when = self._when(props, (_values(props, "statedIn") or [doc])[0]) if props else created
        obj = self._sdo("campaign", [incident or accusation], when,
                        name=name, description="Cyber incident or campaign as the documents describe it "
                                               "(akg:Incident).", external_references=[
                            {"source_name": "akg", "external_id": incident or accusation}])
        camp = self._add(obj, docs)
        for target in _values(props, "target"):
            ident = self._identity(target)
            if ident:
                rel = self._sdo("relationship", ["targets", camp, ident], obj["created"], relationship_type="targets",
                                source_ref=camp, target_ref=ident, created_by_ref=self.producer)
                self._add(rel, docs)
        return camp

    def _accusation(self, iri: str, props: dict) -> None:
        accusers, accused = _values(props, "accuser"), _values(props, "accused")
        if not accusers or not accused:
            self.summary.skipped.append(iri)
            return
        doc = (_values(props, "statedIn") or [None])[0]
        created = self._when(props, doc)
        spans = sorted(_values(props, "evidence"), key=lambda s: self._span(s)[1:])
        refs = [{"source_name": "akg", "external_id": iri}, *self._doc_ref(doc, spans)]
        doc_id = _text(self.g["document"].get(doc, {}), "identifier") if doc else None
        rels = []
        for incident in _values(props, "concerns") or [None]:
            for y in accused:
                camp = self._campaign(incident, iri, doc, created, y)
                for x in accusers:
                    rel = self._sdo(
                        "relationship", [iri, incident or "", x, y], created, relationship_type="attributed-to",
                        description=f"{self._actor(x)[2]} attributes « {self.objects[camp]['name']} » to "
                                    f"{self._actor(y)[2]}" + (f" ({doc_id})." if doc_id else "."),
                        source_ref=camp, target_ref=self._attacker(y), created_by_ref=self._identity(x),
                        labels=["counter-accusation"] if props.get("counterTo") else None, external_references=refs)
                    rels.append(self._add(rel, [doc] if doc else []))
        self.claims[iri] = sorted(set(rels))
        self.summary.accusations += 1
        self.summary.attributions += len(self.claims[iri])
        lang = _text(self.g["document"].get(doc, {}), "language") if doc else None
        for span in spans:
            quote, start, end = self._span(span)
            if not quote:
                continue
            note = self._sdo("note", [iri, span], created, abstract=f"Quote (characters {start}-{end})",
                             content=quote, object_refs=self.claims[iri], created_by_ref=self.producer,
                             external_references=self._doc_ref(doc, [span]), lang=lang)
            self._add(note, [doc] if doc else [])

    def _rebuttal(self, iri: str, props: dict) -> None:
        answered = sorted({rel for a in _values(props, "rebuts") for rel in self.claims.get(a, [])})
        rebutters = _values(props, "rebutter")
        if not answered or not rebutters:
            self.summary.skipped.append(iri)
            return
        doc = (_values(props, "statedIn") or [None])[0]
        strategies = [_local(s) for s in _values(props, "strategy")]
        spans = sorted(_values(props, "evidence"), key=lambda s: self._span(s)[1:])
        quotes = "\n".join(f"- characters {start}-{end}: {quote}" for quote, start, end in map(self._span, spans))
        lang = _text(self.g["document"].get(doc, {}), "language") if doc else None
        for who in rebutters:
            opinion = self._sdo(
                "opinion", [iri, who], self._when(props, doc), created_by_ref=self._identity(who),
                opinion="strongly-disagree" if "Denial" in strategies else "disagree",
                explanation=f"Rebuttal strategies (akg): {', '.join(strategies) or 'none recognised'}."
                            + (f"\nQuotes:\n{quotes}" if quotes else ""),
                authors=[self._actor(who)[2]], object_refs=answered, lang=lang,
                external_references=[{"source_name": "akg", "external_id": iri}, *self._doc_ref(doc, spans)])
            self._add(opinion, [doc] if doc else [])

    def _report(self, doc: str, props: dict) -> None:
        """A document as a report of what it states, with the actors, places and links those involve."""
        stated = sorted(oid for oid, docs in self.docs.items() if doc in docs)
        if not stated:
            return
        refs, todo = set(stated), list(stated)
        while todo:
            obj = self.objects[todo.pop()]
            near = [obj.get(k) for k in ("source_ref", "target_ref", "created_by_ref")]
            for ref in [*near, *obj.get("object_refs", []), *self.links.get(obj["id"], [])]:
                if ref and ref not in refs:
                    refs.add(ref)
                    todo.append(ref)
        ident = _text(props, "identifier") or doc
        published = self._when({}, doc)
        self._add(self._sdo(
            "report", [doc], published, name=_text(props, "title") or ident, published=published,
            description=" · ".join(filter(None, [_text(props, "publisher"), _text(props, "date"), ident])),
            report_types=["threat-report"], object_refs=sorted(refs), created_by_ref=self.producer,
            lang=_text(props, "language"), external_references=self._doc_ref(doc, [])))
