"""The learnt reader of accusations (kg/learn/pairs.py, accusations.py, train_accusations.py), on sentences
written for these tests: what the grammar misses and the model adds (with its confidence), what neither may
add (negated, refused, hypothetical claims, victims), and the model file rebuilt from the gold."""

from pathlib import Path

import pytest
from conftest import pairs

from kg.learn.accusations import THRESHOLD, model
from kg.learn.pairs import CANCELLED

ROOT = Path(__file__).resolve().parents[1]


def learnt(ex):
    return [a for a in ex.accusations if a.confidence is not None]


@pytest.mark.parametrize("text,expected", [
    # a compound tense whose auxiliary stands apart from its participle
    ("En avril 2021, la police métropolitaine de Tokyo avait pour la première fois mis en cause l'Armée "
     "populaire de libération chinoise dans une série de cyberattaques contre des entreprises japonaises.",
     {("JP", "CN")}),
    ("Le parquet fédéral allemand a pour la première fois mis en cause le renseignement militaire russe dans le "
     "piratage du Bundestag.", {("DE", "RU")}),
    # the claim in a relative « selon lequel » after the document its author published
    ("Le FBI a rendu public le résultat de son enquête, selon lequel la Corée du Nord serait derrière le "
     "piratage de Sony Pictures.", {("US", "KP")}),
    ("L'ANSSI a publié un rapport selon lequel le GRU serait derrière la cyberattaque contre TV5Monde.",
     {("FR", "RU")}),
])
def test_the_model_reads_what_the_grammar_misses(extract_text, text, expected):
    ex = extract_text(text)
    assert pairs(ex) == expected
    added = learnt(ex)
    assert added and all(THRESHOLD <= a.confidence <= 1 for a in added)
    # provenance: the sentence it was read in, offsets into the text
    assert all(text[a.evidence.start:a.evidence.end] == a.evidence.text for a in added)


@pytest.mark.parametrize("text", [
    "Tokyo s'est refusé à mettre en cause la Chine dans la cyberattaque contre le port de Nagoya.",
    "Berlin dément avoir accusé Moscou d'être derrière le piratage du Bundestag.",
    "Le Japon n'a jamais accusé la Chine d'avoir piraté ses entreprises.",
    "La police de Tokyo n'a mis en cause aucun État dans l'attaque au rançongiciel contre le port de Nagoya.",
    "Si la Russie était derrière cette cyberattaque, l'OTAN pourrait réagir, a prévenu Paris.",
    "L'attaque au rançongiciel qui a visé des hôpitaux allemands a été revendiquée par le groupe criminel LockBit.",
    "Des pirates ont paralysé le port de Nagoya ; les enquêteurs japonais n'ont désigné aucun responsable.",
])
def test_neither_reader_adds_a_negated_refused_or_hypothetical_claim(extract_text, text):
    assert pairs(extract_text(text)) == set()


def test_what_the_grammar_reads_keeps_no_confidence(extract_text):
    ex = extract_text("Londres a accusé Moscou d'avoir piraté les serveurs de l'OIAC à La Haye.")
    assert pairs(ex) == {("GB", "RU")}
    assert [a.confidence for a in ex.accusations] == [None]


def test_the_graph_says_which_accusations_the_model_read(extract_text):
    from rdflib import XSD

    from kg.namespaces import AKG
    from kg.rdf import Minter, add_document, new_dataset
    from kg.read.document import SourceDocument

    text = ("L'ANSSI a publié un rapport selon lequel le GRU serait derrière la cyberattaque contre TV5Monde. "
            "Londres a accusé Moscou d'avoir piraté les serveurs de l'OIAC.")
    ex = extract_text(text)
    g = add_document(new_dataset(), SourceDocument(id="t.txt", path=Path("t.txt"), text=text), ex, Minter())
    confidences = list(g.objects(None, AKG.confidence))
    assert len(confidences) == 1 == len(learnt(ex))
    assert confidences[0].datatype == XSD.decimal and THRESHOLD <= float(confidences[0]) <= 1


def test_the_shipped_model_weighs_language_not_names():
    weights = model().weights
    assert len(weights) > 1000
    # no feature names a State, a capital or a document: principals are never features
    assert not [f for f in weights if f.split("=", 1)[-1] in {"Pékin", "Moscou", "Washington", "CN", "RU", "US"}]
    assert CANCELLED not in weights or weights[CANCELLED] < 0


@pytest.mark.slow
def test_retraining_from_the_gold_gives_the_shipped_model_byte_for_byte(tmp_path):
    from kg.learn.train_accusations import main

    out = tmp_path / "accusations.tsv"
    assert main(["--root", str(ROOT), "--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "kg" / "models" / "accusations.tsv").read_bytes()
