"""ontology/akg.ttl (OWL + SKOS) and ontology/shapes.ttl (SHACL): the vocabulary contract on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.namespaces import AKG, STRATEGIES

ROOT = Path(__file__).parents[1]
ONTOLOGY = ROOT / "ontology" / "akg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"

# plain Namespaces: pytest probes module attributes, and rdflib's XSD/SH DefinedNamespaces warn on that
SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = Namespace("https://w3id.org/akg/id/")
AKG_NS = "https://w3id.org/akg/ontology#"
TERMS = sorted(AKG.__annotations__)

# A small graph in the shape kg writes (docs/graph.md): every kind of resource, all valid.
VALID_TTL = """
@prefix akg: <https://w3id.org/akg/ontology#> .
@prefix id: <https://w3id.org/akg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wd: <http://www.wikidata.org/entity/> .

<https://w3id.org/akg/id/doc/d1> a akg:Document ;
    dcterms:identifier "000_declaration.txt" ;
    dcterms:title "Déclaration du porte-parole"@fr ;
    dcterms:date "2021-07-19"^^xsd:date ;
    dcterms:publisher "Ambassade de Chine en Belgique" ;
    dcterms:source <https://example.org/declaration> ;
    dcterms:language "fr" ;
    akg:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" .

<https://w3id.org/akg/id/state/CN> a akg:State , akg:Actor ;
    rdfs:label "Chine"@fr ; akg:code "CN" ; owl:sameAs wd:Q148 ;
    akg:mentionedIn <https://w3id.org/akg/id/doc/d1> .
<https://w3id.org/akg/id/state/BE> a akg:State , akg:Actor ;
    rdfs:label "Belgique"@fr ; akg:code "BE" ; owl:sameAs wd:Q31 ;
    akg:memberOf <https://w3id.org/akg/id/org/EU> ;
    akg:mentionedIn <https://w3id.org/akg/id/doc/d1> .
<https://w3id.org/akg/id/org/EU> a akg:InternationalOrganization , akg:Actor ;
    rdfs:label "Union européenne"@fr ; akg:code "EU" ;
    akg:mentionedIn <https://w3id.org/akg/id/doc/d1> .
<https://w3id.org/akg/id/actor/mfa-cn> a akg:Organization , akg:Actor ;
    rdfs:label "ministère des Affaires étrangères"@fr ;
    akg:affiliatedWith <https://w3id.org/akg/id/state/CN> .
<https://w3id.org/akg/id/person/porte-parole> a akg:Person , akg:Actor ;
    rdfs:label "Wang Wenbin" ; akg:role "porte-parole" ;
    akg:affiliatedWith <https://w3id.org/akg/id/actor/mfa-cn> .
<https://w3id.org/akg/id/threat/apt31> a akg:ThreatActor , akg:Actor ;
    rdfs:label "APT31" ; skos:altLabel "Zirconium" ;
    akg:affiliatedWith <https://w3id.org/akg/id/state/CN> .

<https://w3id.org/akg/id/incident/i1> a akg:Incident ;
    rdfs:label "intrusion au SPF Intérieur"@fr ;
    akg:target <https://w3id.org/akg/id/state/BE> ;
    akg:date "2021"^^xsd:gYear ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> .

<https://w3id.org/akg/id/accusation/a1> a akg:Accusation ;
    akg:accuser <https://w3id.org/akg/id/state/BE> , <https://w3id.org/akg/id/org/EU> ;
    akg:accused <https://w3id.org/akg/id/threat/apt31> ;
    akg:concerns <https://w3id.org/akg/id/incident/i1> ;
    akg:date "2021-07"^^xsd:gYearMonth ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> ;
    akg:evidence <https://w3id.org/akg/id/span/h/0-55> .

<https://w3id.org/akg/id/rebuttal/r1> a akg:Rebuttal ;
    akg:rebutter <https://w3id.org/akg/id/person/porte-parole> ;
    akg:rebuts <https://w3id.org/akg/id/accusation/a1> ;
    akg:strategy akg:LackOfEvidence , akg:CounterAccusation ;
    akg:date "2021-07-19"^^xsd:date ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> ;
    akg:evidence <https://w3id.org/akg/id/span/h/56-90> .

<https://w3id.org/akg/id/accusation/a2> a akg:Accusation ;
    akg:accuser <https://w3id.org/akg/id/state/CN> ;
    akg:accused <https://w3id.org/akg/id/state/BE> ;
    akg:counterTo <https://w3id.org/akg/id/accusation/a1> ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> ;
    akg:evidence <https://w3id.org/akg/id/span/h/56-90> .

<https://w3id.org/akg/id/response/s1> a akg:Response , akg:Sanction ;
    akg:by <https://w3id.org/akg/id/org/EU> ;
    akg:against <https://w3id.org/akg/id/threat/apt31> ;
    akg:date "2021-07-19"^^xsd:date ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> .

<https://w3id.org/akg/id/statistic/st1> a akg:Statistic ;
    akg:value "2077"^^xsd:decimal ;
    rdfs:label "serveurs de contrôle"@fr ;
    akg:period "en 2020" ;
    akg:source <https://w3id.org/akg/id/actor/mfa-cn> ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> ;
    akg:evidence <https://w3id.org/akg/id/span/h/91-117> .

<https://w3id.org/akg/id/span/h/0-55> a akg:TextSpan ;
    akg:quote "La Belgique accuse des hackers chinois de cyberattaques" ;
    akg:start 0 ; akg:end 55 ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> .
<https://w3id.org/akg/id/span/h/56-90> a akg:TextSpan ;
    akg:quote "des accusations sans aucune preuve" ;
    akg:start 56 ; akg:end 90 ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> .
<https://w3id.org/akg/id/span/h/91-117> a akg:TextSpan ;
    akg:quote "2.077 serveurs de contrôle" ;
    akg:start 91 ; akg:end 117 ;
    akg:statedIn <https://w3id.org/akg/id/doc/d1> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _valid() -> Graph:
    return Graph().parse(data=VALID_TTL, format="turtle")


def _results(data: Graph, shapes: Graph, **kwargs) -> tuple[bool, Graph, list[tuple]]:
    conforms, report, _text = validate(data, shacl_graph=shapes, **kwargs)
    rows = [
        (
            report.value(r, SH.focusNode),
            report.value(r, SH.resultPath),
            report.value(r, SH.sourceConstraintComponent),
            report.value(r, SH.value),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, report, rows


# --- akg.ttl ------------------------------------------------------------------------------------


def test_ontology_parses_with_rdflib(ontology: Graph) -> None:
    assert len(ontology) > 300
    assert (URIRef("https://w3id.org/akg/ontology"), RDF.type, OWL.Ontology) in ontology


@pytest.mark.parametrize("loader", ["load", "bulk_load"])
def test_ontology_parses_with_pyoxigraph(loader: str) -> None:
    store = pyoxigraph.Store()
    getattr(store, loader)(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(ONTOLOGY, format="turtle"))
    denial = pyoxigraph.NamedNode(AKG_NS + "Denial")
    scheme = pyoxigraph.NamedNode(AKG_NS + "RebuttalStrategies")
    in_scheme = pyoxigraph.NamedNode(str(SKOS.inScheme))
    assert list(store.quads_for_pattern(denial, in_scheme, scheme))


def test_ontology_header_has_version_title_description_license_created(ontology: Graph) -> None:
    onto = URIRef("https://w3id.org/akg/ontology")
    dcterms = Namespace("http://purl.org/dc/terms/")
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert ontology.value(onto, OWL.versionIRI) is not None
    for prop in (dcterms.title, dcterms.description):
        assert {o.language for o in ontology.objects(onto, prop)} >= {"fr", "en"}
    assert isinstance(ontology.value(onto, dcterms.license), URIRef)
    assert ontology.value(onto, dcterms.created).datatype == XSD.date


@pytest.mark.parametrize("name", TERMS)
def test_ontology_declares_every_namespace_term(ontology: Graph, name: str) -> None:
    term = AKG[name]
    assert set(ontology.objects(term, RDF.type)), f"akg:{name} has no rdf:type in akg.ttl"


@pytest.mark.parametrize("name", TERMS)
def test_ontology_terms_have_french_and_english_label_and_definition(ontology: Graph, name: str) -> None:
    term = AKG[name]
    labels = {o.language for o in ontology.objects(term, RDFS.label)}
    assert labels >= {"fr", "en"}, f"akg:{name} lacks an rdfs:label in fr or en"
    definitions = {o.language for p in (RDFS.comment, SKOS.definition) for o in ontology.objects(term, p)}
    assert definitions >= {"fr", "en"}, f"akg:{name} lacks an rdfs:comment/skos:definition in fr or en"


def test_ontology_kinds_of_terms(ontology: Graph) -> None:
    def kinds(name: str) -> set:
        return set(ontology.objects(AKG[name], RDF.type))

    for name in (
        "Document",
        "Actor",
        "Accusation",
        "Rebuttal",
        "Incident",
        "Response",
        "Statistic",
        "TextSpan",
    ):
        assert OWL.Class in kinds(name), name
    for name in ("affiliatedWith", "accuser", "accused", "rebuts", "strategy", "statedIn", "evidence", "by"):
        assert OWL.ObjectProperty in kinds(name), name
    for name in ("code", "date", "value", "quote", "start", "end", "role", "contentHash", "period", "confidence"):
        assert OWL.DatatypeProperty in kinds(name), name
    assert (AKG.value, RDFS.range, XSD.decimal) in ontology
    assert (AKG.confidence, RDFS.range, XSD.decimal) in ontology
    assert (AKG.start, RDFS.range, XSD.integer) in ontology
    assert (AKG.rebuts, RDFS.range, AKG.Accusation) in ontology
    assert (AKG.strategy, RDFS.range, SKOS.Concept) in ontology


def test_ontology_actor_and_response_subclasses(ontology: Graph) -> None:
    for name in ("State", "InternationalOrganization", "Organization", "Person", "ThreatActor"):
        assert (AKG[name], RDFS.subClassOf, AKG.Actor) in ontology, name
    for name in ("Indictment", "Sanction", "AmbassadorSummons", "DialogueSuspension", "Cooperation"):
        assert (AKG[name], RDFS.subClassOf, AKG.Response) in ontology, name


def test_ontology_strategy_scheme_has_the_eleven_concepts(ontology: Graph) -> None:
    scheme = AKG.RebuttalStrategies
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    in_scheme = set(ontology.subjects(SKOS.inScheme, scheme))
    assert in_scheme == {AKG[name] for name in STRATEGIES}
    assert len(in_scheme) == 11
    for concept in in_scheme:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert (concept, SKOS.topConceptOf, scheme) in ontology
        assert (scheme, SKOS.hasTopConcept, concept) in ontology
        pref = {o.language: o for o in ontology.objects(concept, SKOS.prefLabel)}
        assert set(pref) == {"fr", "en"}, concept
        assert {o.language for o in ontology.objects(concept, SKOS.definition)} == {"fr", "en"}
        examples = list(ontology.objects(concept, SKOS.example))
        assert examples and all(e.language == "fr" for e in examples), concept


def test_ontology_alignments_are_annotations_only(ontology: Graph) -> None:
    annotation_props = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    assert {AKG_NS + "cameoCode", AKG_NS + "stixType"} <= {str(p) for p in annotation_props}
    for p in (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch):
        assert p in annotation_props
    # no logical axiom ties an akg term to a foreign vocabulary
    for axiom in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty):
        for s, o in ontology.subject_objects(axiom):
            assert str(s).startswith(AKG_NS) and str(o).startswith(AKG_NS), (s, axiom, o)
    prov = Namespace("http://www.w3.org/ns/prov#")
    stix = Namespace("http://docs.oasis-open.org/cti/ns/stix#")
    assert (AKG.Actor, SKOS.closeMatch, prov.Agent) in ontology
    assert (AKG.ThreatActor, SKOS.closeMatch, stix.ThreatActor) in ontology
    assert (AKG.Incident, SKOS.closeMatch, stix.Incident) in ontology
    assert (AKG.Accusation, URIRef(AKG_NS + "cameoCode"), Literal("112")) in ontology
    assert (AKG.Rebuttal, URIRef(AKG_NS + "cameoCode"), Literal("12")) in ontology


# --- shapes.ttl ---------------------------------------------------------------------------------


def test_ontology_shapes_parse(shapes: Graph) -> None:
    assert set(shapes.subjects(RDF.type, SH.NodeShape))
    store = pyoxigraph.Store()
    store.load(path=str(SHAPES), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(shapes)


def test_ontology_shapes_are_valid_shacl(shapes: Graph) -> None:
    conforms, _report, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_ontology_shapes_strategy_list_is_the_scheme(shapes: Graph, ontology: Graph) -> None:
    lists = [Collection(shapes, node) for node in shapes.objects(None, SH["in"])]
    strategy_lists = [set(c) for c in lists if any(str(x).startswith(AKG_NS) for x in c)]
    assert strategy_lists == [set(ontology.subjects(SKOS.inScheme, AKG.RebuttalStrategies))]


def test_ontology_valid_graph_conforms(shapes: Graph) -> None:
    conforms, _report, rows = _results(_valid(), shapes)
    assert conforms, rows


def test_ontology_valid_graph_conforms_with_the_ontology_loaded(shapes: Graph, ontology: Graph) -> None:
    # a build loads akg.ttl into the default graph; the ontology itself must not trip any shape
    data = _valid() + ontology
    conforms, _report, rows = _results(data, shapes)
    assert conforms, rows
    conforms, _report, rows = _results(_valid(), shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, rows


def _drop(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.remove((s, p, None))

    return mutate


def _set(s: URIRef, p: URIRef, o) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.set((s, p, o))

    return mutate


def _add(s: URIRef, p: URIRef, o) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.add((s, p, o))

    return mutate


def _set_ill_formed_date(s: URIRef) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.set((s, AKG.date, Literal("2021-13-45", datatype=XSD.date)))  # rdflib logs a conversion error

    return mutate


A1 = ID["accusation/a1"]
R1 = ID["rebuttal/r1"]
CN = ID["state/CN"]
DOC = ID["doc/d1"]
SPAN = ID["span/h/0-55"]
DCT_ID = URIRef("http://purl.org/dc/terms/identifier")

BROKEN = {
    "accusation_without_accuser": (_drop(A1, AKG.accuser), A1, AKG.accuser, SH.MinCountConstraintComponent),
    "accusation_without_accused": (_drop(A1, AKG.accused), A1, AKG.accused, SH.MinCountConstraintComponent),
    "accused_not_an_actor": (
        _set(A1, AKG.accused, ID["incident/i1"]),
        A1,
        AKG.accused,
        SH.ClassConstraintComponent,
    ),
    "accusation_without_evidence": (
        _drop(A1, AKG.evidence),
        A1,
        AKG.evidence,
        SH.MinCountConstraintComponent,
    ),
    "accusation_without_document": (
        _drop(A1, AKG.statedIn),
        A1,
        AKG.statedIn,
        SH.MinCountConstraintComponent,
    ),
    "state_code_of_three_letters": (
        _set(CN, AKG.code, Literal("CHN")),
        CN,
        AKG.code,
        SH.PatternConstraintComponent,
    ),
    "state_code_lower_case": (_set(CN, AKG.code, Literal("cn")), CN, AKG.code, SH.PatternConstraintComponent),
    "state_without_explicit_actor_type": (
        lambda g: g.remove((CN, RDF.type, AKG.Actor)),
        CN,
        None,
        SH.ClassConstraintComponent,
    ),
    "state_without_code": (_drop(CN, AKG.code), CN, AKG.code, SH.MinCountConstraintComponent),
    "strategy_not_in_scheme": (
        _add(R1, AKG.strategy, AKG.Accusation),
        R1,
        AKG.strategy,
        SH.InConstraintComponent,
    ),
    "rebuttal_without_strategy": (_drop(R1, AKG.strategy), R1, AKG.strategy, SH.MinCountConstraintComponent),
    "rebuttal_without_rebuts": (_drop(R1, AKG.rebuts), R1, AKG.rebuts, SH.MinCountConstraintComponent),
    "ill_formed_date": (
        _set_ill_formed_date(A1),
        A1,
        AKG.date,
        SH.OrConstraintComponent,
    ),
    "date_of_wrong_datatype": (
        _set(R1, AKG.date, Literal("2021", datatype=XSD.integer)),
        R1,
        AKG.date,
        SH.OrConstraintComponent,
    ),
    "date_as_plain_string": (
        _set(R1, AKG.date, Literal("19 juillet 2021")),
        R1,
        AKG.date,
        SH.OrConstraintComponent,
    ),
    "document_without_identifier": (_drop(DOC, DCT_ID), DOC, DCT_ID, SH.MinCountConstraintComponent),
    "document_with_two_identifiers": (
        _add(DOC, DCT_ID, Literal("autre.txt")),
        DOC,
        DCT_ID,
        SH.MaxCountConstraintComponent,
    ),
    "statistic_value_not_decimal": (
        _set(ID["statistic/st1"], AKG.value, Literal("2.077")),
        ID["statistic/st1"],
        AKG.value,
        SH.DatatypeConstraintComponent,
    ),
    "response_without_by": (
        _drop(ID["response/s1"], AKG.by),
        ID["response/s1"],
        AKG.by,
        SH.MinCountConstraintComponent,
    ),
    "span_negative_start": (
        _set(SPAN, AKG.start, Literal(-1)),
        SPAN,
        AKG.start,
        SH.MinInclusiveConstraintComponent,
    ),
    "span_start_after_end": (
        _set(SPAN, AKG.start, Literal(60)),
        SPAN,
        AKG.start,
        SH.LessThanConstraintComponent,
    ),
    "span_offset_as_string": (
        _set(SPAN, AKG.end, Literal("55")),
        SPAN,
        AKG.end,
        SH.DatatypeConstraintComponent,
    ),
    "span_without_quote": (_drop(SPAN, AKG.quote), SPAN, AKG.quote, SH.MinCountConstraintComponent),
    "span_with_two_quotes": (
        _add(SPAN, AKG.quote, Literal("autre")),
        SPAN,
        AKG.quote,
        SH.MaxCountConstraintComponent,
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_ontology_broken_graph_reports_the_violation(shapes: Graph, case: str) -> None:
    mutate, focus, path, component = BROKEN[case]
    data = _valid()
    mutate(data)
    conforms, _report, rows = _results(data, shapes)
    assert not conforms
    assert any(r[0] == focus and r[1] == path and r[2] == component for r in rows), rows


def test_ontology_broken_graph_reports_every_violation_at_once(shapes: Graph) -> None:
    data = _valid()
    for case in (
        "accusation_without_accuser",
        "state_code_of_three_letters",
        "strategy_not_in_scheme",
        "ill_formed_date",
    ):
        BROKEN[case][0](data)
    conforms, _report, rows = _results(data, shapes)
    assert not conforms
    found = {(r[0], r[1], r[2]) for r in rows}
    assert found == {
        (A1, AKG.accuser, SH.MinCountConstraintComponent),
        (CN, AKG.code, SH.PatternConstraintComponent),
        (R1, AKG.strategy, SH.InConstraintComponent),
        (A1, AKG.date, SH.OrConstraintComponent),
    }
    values = {r[1]: r[3] for r in rows}
    assert values[AKG.code] == Literal("CHN")
    assert values[AKG.strategy] == AKG.Accusation
