"""The akg vocabulary, defined once.

Input: nothing. Output: ``AKG`` (a closed ``DefinedNamespace``: a typo raises) and the
resource base used to mint IRIs. ``ontology/akg.ttl`` is the reference; a test checks that
every term here is declared there.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

DEFAULT_BASE = "https://w3id.org/akg/id/"
WD = Namespace("http://www.wikidata.org/entity/")


class AKG(DefinedNamespace):
    """akg ontology terms (the vocabulary contract of shared/design.md)."""

    _NS = Namespace("https://w3id.org/akg/ontology#")
    _fail = True

    # Classes
    Document: URIRef  # one source document
    Actor: URIRef  # anything that acts or is accused
    State: URIRef  # a sovereign State (or a disputed one such as Taiwan)
    InternationalOrganization: URIRef  # EU, NATO, UN...
    Organization: URIRef  # ministries, agencies, CERTs, media, companies
    Person: URIRef  # a named person
    ThreatActor: URIRef  # a named or unnamed group of attackers
    Accusation: URIRef  # a claim that an actor is responsible for cyber activity
    Rebuttal: URIRef  # a response rejecting an accusation
    Incident: URIRef  # a cyber incident or campaign
    Response: URIRef  # an action taken in a dispute
    Indictment: URIRef
    Sanction: URIRef
    AmbassadorSummons: URIRef
    DialogueSuspension: URIRef
    Cooperation: URIRef
    Statistic: URIRef  # a quantitative claim
    TextSpan: URIRef  # a quoted span of a document
    Dispute: URIRef  # a thread across documents: accusations, rebuttals, responses (kg.disputes)
    ResolvedIncident: URIRef  # one incident across documents, gathering their akg:Incident
    IncidentMerge: URIRef  # why two incident mentions were merged
    InferredLink: URIRef  # a rebuttal → accusation link inferred across documents

    # Object properties
    affiliatedWith: URIRef  # actor -> organisation or State it acts for
    memberOf: URIRef  # State -> international organisation
    mentionedIn: URIRef  # actor -> Document
    accuser: URIRef
    accused: URIRef
    concerns: URIRef  # Accusation -> Incident
    statedIn: URIRef  # claim or span -> Document
    evidence: URIRef  # claim -> TextSpan
    rebutter: URIRef
    rebuts: URIRef  # Rebuttal -> Accusation
    strategy: URIRef  # Rebuttal -> skos:Concept
    target: URIRef  # Incident -> Actor
    by: URIRef  # Response -> Actor
    against: URIRef  # Response -> Actor
    source: URIRef  # Statistic -> Actor
    counterTo: URIRef  # counter-accusation -> the Accusation it answers
    inDispute: URIRef  # claim or response -> Dispute
    about: URIRef  # Dispute -> ResolvedIncident
    accuserPrincipal: URIRef  # Dispute -> principal of an accuser
    accusedPrincipal: URIRef  # Dispute or ResolvedIncident -> principal of an accused
    mergedFrom: URIRef  # ResolvedIncident -> a document's Incident
    merge: URIRef  # ResolvedIncident -> IncidentMerge
    mergedIncident: URIRef  # IncidentMerge -> Incident
    answers: URIRef  # Rebuttal -> Accusation of another document (inferred)
    linkFrom: URIRef  # InferredLink -> Rebuttal
    linkTo: URIRef  # InferredLink -> Accusation
    via: URIRef  # InferredLink -> the Accusation rebutted in the text

    # Datatype properties
    code: URIRef  # ISO 3166-1 alpha-2 or organisation short code
    date: URIRef
    value: URIRef
    period: URIRef
    quote: URIRef
    start: URIRef
    end: URIRef
    role: URIRef  # a person's role as written (« porte-parole »)
    contentHash: URIRef  # sha256 of the document text as read
    confidence: URIRef  # the learnt model's probability for an accusation the grammar did not read
    groupedBy: URIRef  # Dispute: "incident" or "pair"
    firstDate: URIRef
    lastDate: URIRef
    identityKey: URIRef  # ResolvedIncident: a key it was identified on
    matchedKey: URIRef  # IncidentMerge or InferredLink: a key that matched
    inference: URIRef  # InferredLink: how ("cross-document")

    # Rebuttal strategies (skos:ConceptScheme akg:RebuttalStrategies)
    RebuttalStrategies: URIRef
    Denial: URIRef
    LackOfEvidence: URIRef
    Politicization: URIRef
    Protest: URIRef
    Victimhood: URIRef
    CounterAccusation: URIRef
    OppositionToCyberattacks: URIRef
    AttributionDifficulty: URIRef
    CallForCooperation: URIRef
    DemandToStop: URIRef
    Retaliation: URIRef


STRATEGIES = (
    "Denial",
    "LackOfEvidence",
    "Politicization",
    "Protest",
    "Victimhood",
    "CounterAccusation",
    "OppositionToCyberattacks",
    "AttributionDifficulty",
    "CallForCooperation",
    "DemandToStop",
    "Retaliation",
)

RESPONSE_TYPES = ("Indictment", "Sanction", "AmbassadorSummons", "DialogueSuspension", "Cooperation")


#: Prefixes every SPARQL query may use without declaring them, and that Turtle, TriG and JSON-LD
#: exports write; also used to shorten IRIs in tables.
PREFIXES: dict[str, str] = {
    "akg": "https://w3id.org/akg/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}
