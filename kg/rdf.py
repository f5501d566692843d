"""RDF mapping: ``Extraction`` records and document metadata in, an rdflib ``Dataset`` out
(one named graph per document). Knows nothing of spaCy.

IRIs derive from stable keys (actor keys, document identifiers, character offsets), never from
blank nodes or clocks, so the same corpus always gives the same graph.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from functools import cache
from importlib import resources
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from .data import data_file
from .extract.records import Extraction, Span
from .namespaces import AKG, DEFAULT_BASE, WD
from .read import SourceDocument

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_KINDS = {"State": AKG.State, "InternationalOrganization": AKG.InternationalOrganization,
          "Organization": AKG.Organization, "Person": AKG.Person, "ThreatActor": AKG.ThreatActor}


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def date_literal(value: str | None) -> Literal | None:
    """An ISO date string as the most precise XSD literal.

    >>> date_literal("2021-07").datatype == XSD.gYearMonth
    True

    A value that is no real date (« 2022-02-30 », « 2022-13 », a year 0000) gives ``None``: an
    ill-typed literal would break the SHACL contract.

    >>> date_literal("2022-02-30") is None
    True
    """
    if not value or not (m := _ISO_DATE.fullmatch(value)):
        return None
    year, month, day = (int(x) if x else None for x in m.groups())
    if year == 0 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
        return Literal(value, datatype=XSD.date)
    return Literal(value, datatype=XSD.gYearMonth if month else XSD.gYear)


class Minter:
    """Makes the IRIs of one build from its base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def __call__(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def doc(self, doc_id: str) -> URIRef:
        return self(f"doc/{quote(doc_id, safe='')}")

    def graph(self, doc_id: str) -> URIRef:
        return self(f"graph/{quote(doc_id, safe='')}")

    def actor(self, key: str, actor) -> URIRef:
        kind, _, rest = key.partition(":")
        if actor.kind == "State":
            return self(f"state/{actor.code}")
        if actor.kind == "InternationalOrganization":
            return self(f"org/{actor.code}")
        return self(f"{ {'org': 'actor', 'actor': 'actor'}.get(kind, kind)}/{quote(rest, safe='')}")


def trim(span: Span, text: str) -> Span:
    """The span without surrounding blanks or list markers; its quote is exactly ``text[start:end]``.

    Offsets are first clamped to the text. A span holding nothing but blanks and markers is kept
    as it is (clamped), so that its quote is never empty.

    >>> trim(Span(0, 12, ""), "  - La Chine  ")
    Span(start=4, end=12, text='La Chine')
    >>> trim(Span(0, 3, ""), " - x")
    Span(start=0, end=3, text=' - ')
    """
    start, end = max(0, min(span.start, len(text))), max(0, min(span.end, len(text)))
    lo, hi = start, end
    while lo < hi and (text[lo].isspace() or text[lo] in "*#>-"):
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo < hi:
        start, end = lo, hi
    return Span(start, end, text[start:end])


@cache
def strategy_scheme() -> Graph:
    """The SKOS scheme of rebuttal strategies, copied from the ontology into each build."""
    with resources.as_file(data_file("akg.ttl")) as path:
        onto = Graph().parse(path)
    g = Graph()
    for s in set(onto.subjects(SKOS.inScheme, AKG.RebuttalStrategies)) | {AKG.RebuttalStrategies}:
        for p, o in onto.predicate_objects(s):
            g.add((s, p, o))
    return g


def add_document(ds: Dataset, source: SourceDocument, ex: Extraction, mint: Minter) -> Graph:
    """Map one document's extraction into its named graph of ``ds``."""
    g = ds.graph(mint.graph(source.id))
    text = source.text
    doc = mint.doc(source.id)
    g.add((doc, RDF.type, AKG.Document))
    g.add((doc, DCTERMS.identifier, Literal(source.id)))
    g.add((doc, AKG.contentHash, Literal(source.sha256)))
    for prop, value in ((DCTERMS.title, source.title), (DCTERMS.publisher, source.publisher)):
        if value:
            g.add((doc, prop, Literal(value)))
    lang = source.language or "fr"
    g.add((doc, DCTERMS.language, Literal(lang)))
    if source.source:
        g.add((doc, DCTERMS.source, URIRef(source.source)))
    if d := date_literal(source.date or ex.date):
        g.add((doc, DCTERMS.date, d))

    iris = {key: mint.actor(key, a) for key, a in ex.actors.items()}
    mentioned = _mentioned(ex)
    for key, actor in sorted(ex.actors.items()):
        iri = iris[key]
        if key not in mentioned and not _used(ex, key):
            continue
        g.add((iri, RDF.type, _KINDS[actor.kind]))
        g.add((iri, RDF.type, AKG.Actor))
        canonical = actor.kind in ("State", "InternationalOrganization")
        g.add((iri, RDFS.label, Literal(actor.label, lang="fr") if canonical else Literal(actor.label)))
        if actor.code:
            g.add((iri, AKG.code, Literal(actor.code)))
        if actor.wikidata:
            g.add((iri, OWL.sameAs, WD[actor.wikidata]))
        if actor.role:
            g.add((iri, AKG.role, Literal(actor.role)))
        for alias in actor.aliases:
            g.add((iri, SKOS.altLabel, Literal(alias)))
        for other in actor.affiliated:
            if other in iris:
                g.add((iri, AKG.affiliatedWith, iris[other]))
        if key in mentioned:
            g.add((iri, AKG.mentionedIn, doc))

    # Two documents may hold the same text (a copy in another encoding or format): the span key
    # names the document too, or their spans would merge into one node stated in both.
    span_key = _digest(source.id, source.sha256)[:12]

    def span_node(span: Span) -> URIRef:
        span = trim(span, text)
        node = mint(f"span/{span_key}/{span.start}-{span.end}")
        g.add((node, RDF.type, AKG.TextSpan))
        g.add((node, AKG.quote, Literal(span.text)))
        g.add((node, AKG.start, Literal(span.start)))
        g.add((node, AKG.end, Literal(span.end)))
        g.add((node, AKG.statedIn, doc))
        return node

    incidents = {}
    for inc in ex.incidents:
        node = mint(f"incident/{_digest(source.id, inc.key)}")
        incidents[inc.key] = node
        g.add((node, RDF.type, AKG.Incident))
        g.add((node, RDFS.label, Literal(inc.label)))
        g.add((node, AKG.statedIn, doc))
        for t in inc.targets:
            if t in iris:
                g.add((node, AKG.target, iris[t]))
        if d := date_literal(inc.date):
            g.add((node, AKG.date, d))
        if inc.evidence:
            g.add((node, AKG.evidence, span_node(inc.evidence)))

    acc_nodes = []
    for acc in ex.accusations:
        parties = (sorted(acc.accusers), sorted(acc.accused))
        node = mint(f"accusation/{_digest(source.id, acc.evidence.start, acc.evidence.end, *parties)}")
        acc_nodes.append(node)
        g.add((node, RDF.type, AKG.Accusation))
        for k in acc.accusers:
            g.add((node, AKG.accuser, iris[k]))
        for k in acc.accused:
            g.add((node, AKG.accused, iris[k]))
        g.add((node, AKG.statedIn, doc))
        g.add((node, AKG.evidence, span_node(acc.evidence)))
        if d := date_literal(acc.date):
            g.add((node, AKG.date, d))
        if acc.incident in incidents:
            g.add((node, AKG.concerns, incidents[acc.incident]))
        if acc.confidence is not None:
            g.add((node, AKG.confidence, Literal(f"{acc.confidence:.3f}", datatype=XSD.decimal)))
    for acc, node in zip(ex.accusations, acc_nodes, strict=True):
        if acc.counter_to is not None:
            g.add((node, AKG.counterTo, acc_nodes[acc.counter_to]))

    for reb in ex.rebuttals:
        node = mint(f"rebuttal/{_digest(source.id, reb.rebutter, acc_nodes[reb.rebuts])}")
        g.add((node, RDF.type, AKG.Rebuttal))
        g.add((node, AKG.rebutter, iris[reb.rebutter]))
        g.add((node, AKG.rebuts, acc_nodes[reb.rebuts]))
        for s in reb.strategies:
            g.add((node, AKG.strategy, AKG[s]))
        g.add((node, AKG.statedIn, doc))
        for span in reb.evidence:
            g.add((node, AKG.evidence, span_node(span)))
        if d := date_literal(reb.date):
            g.add((node, AKG.date, d))

    for resp in ex.responses:
        parties = (sorted(resp.by), sorted(resp.against))
        node = mint(f"response/{_digest(source.id, resp.kind, resp.evidence.start, *parties)}")
        g.add((node, RDF.type, AKG.Response))
        g.add((node, RDF.type, AKG[resp.kind]))
        for k in resp.by:
            g.add((node, AKG.by, iris[k]))
        for k in resp.against:
            g.add((node, AKG.against, iris[k]))
        g.add((node, AKG.statedIn, doc))
        g.add((node, AKG.evidence, span_node(resp.evidence)))
        if d := date_literal(resp.date or ex.date):
            g.add((node, AKG.date, d))

    for st in ex.statistics:
        node = mint(f"statistic/{_digest(source.id, st.evidence.start, st.evidence.end)}")
        g.add((node, RDF.type, AKG.Statistic))
        g.add((node, AKG.value, Literal(st.value, datatype=XSD.decimal)))
        g.add((node, RDFS.label, Literal(st.label)))
        if st.period:
            g.add((node, AKG.period, Literal(st.period)))
        if st.source in iris:
            g.add((node, AKG.source, iris[st.source]))
        g.add((node, AKG.statedIn, doc))
        g.add((node, AKG.evidence, span_node(st.evidence)))
    return g


def _used(ex: Extraction, key: str, _seen: frozenset[str] = frozenset()) -> bool:
    """Actors that claims point to, or that mentioned actors are affiliated with.

    ``_seen`` stops a cycle of affiliations (A acts for B, B for A) from recursing forever.
    """
    for a in ex.accusations:
        if key in a.accusers or key in a.accused:
            return True
    for r in ex.rebuttals:
        if r.rebutter == key:
            return True
    seen = _seen | {key}
    for a in ex.actors.values():
        if key in a.affiliated and a.key not in seen and (a.mentions or _used(ex, a.key, seen)):
            return True
    return any(key in r.by or key in r.against for r in ex.responses)


def _mentioned(ex: Extraction) -> set[str]:
    """Actors the text names, and the principals of those it names (« hackers chinois » names China)."""
    out: set[str] = set()
    for key, actor in ex.actors.items():
        if actor.mentions:
            out.add(key)
            todo = list(actor.affiliated)
            while todo:
                k = todo.pop()
                if k in out or k not in ex.actors:
                    continue
                if ex.actors[k].kind in ("State", "InternationalOrganization") or actor.kind != "Person":
                    out.add(k)
                    todo.extend(ex.actors[k].affiliated)
    return out


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in (("akg", str(AKG)), ("dcterms", str(DCTERMS)), ("skos", str(SKOS)), ("owl", str(OWL)),
                       ("wd", str(WD))):
        ds.bind(prefix, ns)
    return ds
