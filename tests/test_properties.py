"""Properties of extraction and its RDF mapping on arbitrary text (issue 6): nothing crashes, and every
evidence span of the graph quotes the text between its offsets, through a serialisation round trip.

spaCy is slow: the examples are few and the deadline is off. The texts mix French sentences of the
genre with what scraped pages hold: quotes of every kind, guillemets, line breaks, emojis, control
characters, stray Markdown and arbitrary Unicode. (The seed corpus graph is validated, SHACL and
quotes, by ``test_cli_validate_seed_graph_conforms`` in tests/test_cli.py.)
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.extract import extract
from kg.rdf import Minter, add_document, new_dataset
from kg.read import SourceDocument
from kg.validate import check_quotes, validate_graph

SENTENCES = (
    "Le 18 juillet 2022, la Belgique a accusé la Chine de cyberattaques contre le SPF Intérieur.",
    "Le porte-parole du ministère chinois des Affaires étrangères, Wang Wenbin, a rejeté ces accusations "
    "infondées : « La Chine est elle-même victime de cyberattaques. »",
    "Les États-Unis, l'Union européenne et l'OTAN ont attribué à APT31 une campagne d'espionnage.",
    "Pékin exprime son vif mécontentement et sa ferme opposition, et exhorte Washington à cesser.",
    "Selon le CERT, 2.077 serveurs ont contrôlé 1,18 million d'ordinateurs en Chine en 2021.",
    "Q : Que pensez-vous des accusations du Royaume-Uni ?",
    "R : Nous nous opposons à toute forme de cyberattaque et appelons au dialogue.",
    "La Russie dément toute implication ; le Kremlin dénonce une manipulation politique.",
    "Le ministère de la Justice a inculpé quatre ressortissants chinois le 19 juillet 2021.",
)
NOISE = ("«", "»", "« ", " »", '"', "'", "’", "“", "”", "\n", "\n\n", "\t", "\u00a0", "\u202f", "🙂", "🇨🇳",
         "\x00", "\x07", "\x1b", "\u200b", "\ufeff", "**", "## ", "> ", "- ", "…", "—", "Q :", "R :",
         "Chine", "APT31", "accuse", "dément", "2022-13-45", "31 février 2022", "\r\n", "\u2028")


@st.composite
def messy_french(draw) -> str:
    """French sentences of the genre, with noise inserted at random places."""
    text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5)))
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.sampled_from(NOISE), st.text(max_size=4)))
        text = text[:at] + piece + text[at:]
    return text


DOC_ID = "prop/doc #1.txt"


def _map(text: str, nlp):
    """Extract ``text`` and map it to RDF: ``(Extraction, Dataset)``."""
    ex = extract(DOC_ID, nlp(text))
    source = SourceDocument(id=DOC_ID, path=Path(DOC_ID), text=text, language="fr")
    ds = new_dataset()
    add_document(ds, source, ex, Minter())
    return ex, ds


def _graph_spans(text: str, nlp) -> tuple[list[tuple[int, int, str]], int]:
    """Extract ``text``, map it to RDF, write TriG and read it back with pyoxigraph: the spans
    (start, end, quote) and the number of claims."""
    ex, ds = _map(text, nlp)
    store = ox.Store()
    store.load(ds.serialize(format="trig").encode("utf-8"), ox.RdfFormat.TRIG)
    rows = store.query("""PREFIX akg: <https://w3id.org/akg/ontology#>
        SELECT ?start ?end ?quote WHERE { ?s a akg:TextSpan ; akg:start ?start ; akg:end ?end ;
                                              akg:quote ?quote }""", use_default_graph_as_union=True)
    spans = [(int(r["start"].value), int(r["end"].value), r["quote"].value) for r in rows]
    claims = len(ex.accusations) + len(ex.rebuttals) + len(ex.responses) + len(ex.statistics)
    return spans, claims


def _assert_spans_quote_text(text: str, nlp) -> None:
    spans, _ = _graph_spans(text, nlp)
    for start, end, quote in spans:
        assert 0 <= start < end <= len(text)
        assert quote == text[start:end]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_properties_arbitrary_text_never_crashes_extraction(nlp, text):
    _assert_spans_quote_text(text, nlp)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=messy_french())
def test_properties_messy_french_spans_slice_to_their_quote(nlp, text):
    _assert_spans_quote_text(text, nlp)


def test_properties_clean_french_gives_spans(nlp):
    """The generator's sentences are of the genre: unchanged, they do give claims and spans."""
    spans, claims = _graph_spans(" ".join(SENTENCES), nlp)
    assert claims and spans


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=messy_french())
def test_properties_messy_french_graph_validates(nlp, text):
    """Whatever the text, the graph keeps the contract: SHACL shapes and quotes."""
    _ex, ds = _map(text, nlp)
    graph = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    report = validate_graph(graph)
    assert report.conforms, report.violations[:3]
    assert check_quotes(graph, {DOC_ID: text}) == []
