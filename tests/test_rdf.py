"""kg.rdf: ``Extraction`` records in, RDF out.

The golden tests map records written by hand for ``tests/data/docs/<name>.txt`` (not the extractor's
output, which changes as extraction improves) and compare the document's graph with
``tests/data/golden/<name>.ttl``. Regenerate the goldens on purpose only, then review the diff:

    AKG_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_rdf.py
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.extract.records import Accusation, Actor, Extraction, Incident, Rebuttal, Response, Span, Statistic
from kg.namespaces import AKG, DEFAULT_BASE
from kg.rdf import Minter, add_document, date_literal, new_dataset, trim
from kg.read import SourceDocument
from kg.validate import check_quotes, validate_graph

DATA = Path(__file__).parent / "data"
DOCS = DATA / "docs"
GOLDEN = DATA / "golden"
REGENERATE = os.environ.get("AKG_REGENERATE_GOLDEN") == "1"
# a plain Namespace: rdflib's XSD warns on every unknown attribute, and pytest probes module attributes
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def _span(text: str, quote: str, before: int = 0) -> Span:
    """The span of the first ``quote`` in ``text``, widened by ``before`` characters on the left."""
    start = text.index(quote) - before
    end = start + before + len(quote)
    return Span(start, end, text[start:end])


def _communique(text: str) -> tuple[dict, Extraction]:
    """A government statement: an attribution, its incident, a figure and a summons."""
    def sp(quote: str, before: int = 0) -> Span:
        return _span(text, quote, before)

    actors = [
        Actor("state:NL", "State", "Pays-Bas", code="NL", wikidata="Q55",
              mentions=[sp("néerlandais"), sp("Pays-Bas")]),
        Actor("state:RU", "State", "Russie", code="RU", wikidata="Q159", mentions=[sp("Russie")]),
        Actor("org:nl-ncsc", "Organization", "Centre national de cybersécurité", affiliated=["state:NL"],
              mentions=[sp("Centre national de cybersécurité")]),
        Actor("org:nl-port-de-rotterdam", "Organization", "port de Rotterdam", affiliated=["state:NL"],
              mentions=[sp("port de Rotterdam")]),
        Actor("threat:sandworm", "ThreatActor", "Sandworm", affiliated=["state:RU"], aliases=["Voodoo Bear"],
              mentions=[sp("Sandworm")]),
        # neither named nor pointed to: left out of the graph
        Actor("org:un", "InternationalOrganization", "Organisation des Nations unies", code="UN"),
    ]
    ex = Extraction(
        doc_id="communique.txt", date="2023-03-14", actors={a.key: a for a in actors},
        accusations=[Accusation(
            ["state:NL"], ["state:RU"], date="2023-03-14", incident="rotterdam",
            evidence=sp("Le gouvernement néerlandais attribue à la Russie la cyberattaque menée en "
                        "janvier 2023 contre le réseau du port de Rotterdam."))],
        incidents=[Incident("rotterdam", "cyberattaque contre le réseau du port de Rotterdam",
                            targets=["org:nl-port-de-rotterdam"], date="2023-01",
                            evidence=sp("la cyberattaque menée en janvier 2023 contre le réseau du port"))],
        statistics=[Statistic("1200", "postes de travail", sp("1 200 postes de travail"),
                              source="org:nl-ncsc")],
        # the blank lines before the sentence are trimmed off its evidence
        responses=[Response(
            "AmbassadorSummons", ["state:NL"], ["state:RU"],
            sp("En réponse, les Pays-Bas ont convoqué l'ambassadeur de Russie à La Haye.", before=2))],
    )
    meta = {"title": "Communiqué du ministère des Affaires étrangères", "publisher": "Gouvernement (fictif)",
            "source": "https://example.org/communique"}
    return meta, ex


def _conference(text: str) -> tuple[dict, Extraction]:
    """A press conference: an accusation reported in a question, rebutted with a counter-accusation."""
    def sp(quote: str) -> Span:
        return _span(text, quote)

    actors = [
        Actor("state:NL", "State", "Pays-Bas", code="NL", wikidata="Q55",
              mentions=[sp("Pays-Bas"), sp("La Haye")]),
        Actor("state:RU", "State", "Russie", code="RU", wikidata="Q159", mentions=[sp("Russie")]),
        Actor("org:ru-mid", "Organization", "ministère des Affaires étrangères", affiliated=["state:RU"],
              mentions=[sp("ministère des Affaires étrangères")]),
        Actor("person:anna-petrova", "Person", "Anna Petrova", affiliated=["org:ru-mid"], role="porte-parole",
              mentions=[sp("Anna Petrova")]),
    ]
    ex = Extraction(
        doc_id="conference.txt", date="2023-03-15", actors={a.key: a for a in actors},
        accusations=[
            Accusation(["state:NL"], ["state:RU"], date="2023-03-15", evidence=sp(
                "Les Pays-Bas accusent la Russie d'une cyberattaque contre le port de Rotterdam.")),
            Accusation(["person:anna-petrova"], ["state:NL"], date="2023-03-15", counter_to=0,
                       evidence=sp("Ce sont les Pays-Bas qui espionnent nos ambassades.")),
        ],
        rebuttals=[Rebuttal(
            "person:anna-petrova", 0, date="2023-03-15",
            strategies=["LackOfEvidence", "Denial", "CounterAccusation", "DemandToStop", "Politicization",
                        "CallForCooperation"],
            evidence=[sp("Ces accusations sont dénuées de tout fondement."),
                      sp("La Russie n'a jamais mené de cyberattaques contre d'autres pays."),
                      sp("Ce sont les Pays-Bas qui espionnent nos ambassades."),
                      sp("Nous appelons La Haye à cesser cette campagne de désinformation et à reprendre un "
                         "dialogue professionnel.")])],
    )
    meta = {"title": "Conférence de presse", "date": "2023-03-15"}
    return meta, ex


RECORDS = {"communique": _communique, "conference": _conference}


def _source(name: str, text: str, meta: dict) -> SourceDocument:
    return SourceDocument(id=f"{name}.txt", path=DOCS / f"{name}.txt", text=text, language="fr", **meta)


def _mapped(name: str) -> tuple[str, Graph]:
    """The document's text and the graph its hand-written records map to (its named graph alone)."""
    text = (DOCS / f"{name}.txt").read_text(encoding="utf-8")
    meta, ex = RECORDS[name](text)
    graph = Graph()
    for triple in add_document(new_dataset(), _source(name, text, meta), ex, Minter()):
        graph.add(triple)
    return text, graph


def _canonical(graph: Graph) -> Graph:
    """``graph`` with each xsd:decimal in one lexical form: Turtle writes « 1200 » as ``1200.0``, the
    same value, which rdflib's term equality (lexical) would call different."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        out.add((s, p, o))
    return out


def _nt(graph: Graph) -> str:
    return "".join(sorted(line + "\n" for line in graph.serialize(format="nt").splitlines() if line))


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    expected, actual = _canonical(expected), _canonical(actual)
    if isomorphic(expected, actual):
        return
    _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    pytest.fail(f"graphs differ\nonly in expected:\n{_nt(only_expected)}only in actual:\n{_nt(only_actual)}"
                "(regenerate on purpose with AKG_REGENERATE_GOLDEN=1, then review the diff)")


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_rdf_golden(name):
    _text, actual = _mapped(name)
    golden = GOLDEN / f"{name}.ttl"
    if REGENERATE:
        actual.namespace_manager = new_dataset().namespace_manager
        golden.write_text(actual.serialize(format="turtle"), encoding="utf-8")
    assert_isomorphic(Graph().parse(golden, format="turtle"), actual)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_rdf_golden_validates(name):
    text = (DOCS / f"{name}.txt").read_text(encoding="utf-8")
    golden = Graph().parse(GOLDEN / f"{name}.ttl", format="turtle")
    report = validate_graph(golden)
    assert report.conforms, report.violations
    assert check_quotes(golden, {f"{name}.txt": text}) == []
    assert len(list(golden.subjects(AKG.quote, None))) >= 3


def test_rdf_golden_diff_is_readable():
    _text, actual = _mapped("conference")
    expected = Graph()
    for triple in actual:
        expected.add(triple)
    expected.remove((None, AKG.role, None))
    with pytest.raises(pytest.fail.Exception) as info:
        assert_isomorphic(expected, actual)
    message = str(info.value)
    only_actual = message.split("only in actual:\n", 1)[1]
    assert '<https://w3id.org/akg/ontology#role> "porte-parole" .' in only_actual
    assert message.split("only in expected:\n", 1)[1].startswith("only in actual:")


def test_issue6_copies_of_a_text_keep_their_own_spans():
    """Two documents with the same text (a seed and its cp1252 copy) must not share span nodes: a
    span stated in both would break the shape « statedIn exactly one Document »."""
    text = (DOCS / "communique.txt").read_text(encoding="utf-8")
    meta, ex = _communique(text)
    ds = new_dataset()
    for doc_id in ("communique.txt", "copie/communique-cp1252.txt"):
        add_document(ds, SourceDocument(id=doc_id, path=Path(doc_id), text=text, **meta), ex, Minter())
    merged = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    single = set(_mapped("communique")[1].subjects(AKG.quote, None))
    assert len(set(merged.subjects(AKG.quote, None))) == 2 * len(single)
    assert validate_graph(merged).conforms
    assert check_quotes(merged, {"communique.txt": text, "copie/communique-cp1252.txt": text}) == []


@pytest.mark.parametrize(("value", "datatype"), [
    ("2023-03-14", XSD.date), ("2024-02-29", XSD.date), ("2023-01", XSD.gYearMonth), ("2023", XSD.gYear),
    ("2023-02-29", None), ("2023-13", None), ("2023-00-10", None), ("0000", None), ("23-01-2023", None),
    ("2023-1-5", None), ("２０２３", None), ("", None), (None, None), ("2023-03-14T10:00", None),
])
def test_rdf_date_literal(value, datatype):
    lit = date_literal(value)
    if datatype is None:
        assert lit is None
    else:
        assert lit == Literal(value, datatype=datatype) and not lit.ill_typed


@pytest.mark.parametrize(("span", "text", "expected"), [
    (Span(0, 14, ""), "  - La Chine  ", Span(4, 12, "La Chine")),
    (Span(0, 9, ""), "**Chine**", Span(2, 9, "Chine**")),
    (Span(0, 3, ""), " \n ", Span(0, 3, " \n ")),  # nothing but blanks: kept, never empty
    (Span(8, 40, ""), "La Chine dément.", Span(9, 16, "dément.")),  # clamped to the text
])
def test_rdf_trim(span, text, expected):
    assert trim(span, text) == expected


def test_rdf_minter_base():
    mint = Minter("https://example.org/kg")
    assert mint.doc("a b/c#1.txt") == URIRef("https://example.org/kg/doc/a%20b%2Fc%231.txt")
    assert Minter().graph("x.txt") == URIRef(f"{DEFAULT_BASE}graph/x.txt")


def test_rdf_affiliation_cycle_terminates():
    """Two actors acting for each other, neither named: mapped without endless recursion, left out."""
    ex = Extraction("c.txt", actors={
        "org:a": Actor("org:a", "Organization", "A", affiliated=["org:b"]),
        "org:b": Actor("org:b", "Organization", "B", affiliated=["org:a"]),
    })
    graph = add_document(new_dataset(), SourceDocument("c.txt", Path("c.txt"), "Texte."), ex, Minter())
    assert set(graph.subjects(AKG.affiliatedWith, None)) == set()


def test_rdf_doctest():
    import doctest

    import kg.rdf

    assert doctest.testmod(kg.rdf).failed == 0
