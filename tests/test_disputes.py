"""kg.disputes: incidents resolved across documents, disputes, rebuttal links inferred across documents."""

import pyoxigraph as ox
import pytest
from conftest import COATHANGER
from rdflib import Literal, URIRef

from kg.build import build_dataset, read_corpus, serialize
from kg.disputes import disputes_graph_name, resolve
from kg.disputes.facts import Claim, Facts, Mention
from kg.disputes.incidents import resolve_incidents
from kg.namespaces import AKG
from kg.store import build_store, open_store

REBUTTAL_DOC, ACCUSATION_DOC = COATHANGER
DISPUTES = URIRef(disputes_graph_name())


@pytest.fixture(scope="module")
def two_documents(coathanger_corpus):
    return coathanger_corpus


@pytest.fixture(scope="module")
def built(coathanger_dataset):
    return coathanger_dataset[0]


def _value(ds, s, p):
    return next(o for _s, _p, o, _g in ds.quads((s, p, None, None)))


def _doc_of(ds, claim) -> str:
    return str(_value(ds, _value(ds, claim, AKG.statedIn), URIRef("http://purl.org/dc/terms/identifier")))


def test_disputes_rebuttal_in_one_document_answers_an_accusation_in_another(built):
    links = list(built.graph(DISPUTES).subjects(predicate=None, object=AKG.InferredLink))
    assert len(links) == 1
    g = built.graph(DISPUTES)
    (link,) = links
    rebuttal, accusation = g.value(link, AKG.linkFrom), g.value(link, AKG.linkTo)
    assert _doc_of(built, rebuttal) == REBUTTAL_DOC
    assert _doc_of(built, accusation) == ACCUSATION_DOC
    assert (rebuttal, AKG.answers, accusation) in g
    assert g.value(link, AKG.inference) == Literal("cross-document")
    assert {str(k) for k in g.objects(link, AKG.matchedKey)} >= {"accuser:NL", "accused:CN", "same-dispute"}
    # the link read in the text stays within the rebuttal's own document
    via = g.value(link, AKG.via)
    assert [g for *_t, g in built.quads((rebuttal, AKG.rebuts, via, None))] != []
    assert _doc_of(built, via) == REBUTTAL_DOC
    # both claims are steps of one dispute
    assert g.value(rebuttal, AKG.inDispute) == g.value(accusation, AKG.inDispute) is not None


def test_disputes_live_in_a_graph_of_their_own(built, two_documents, monkeypatch):
    import kg.build

    with_disputes = {str(g.identifier): set(g) for g in built.graphs() if g.identifier != DISPUTES}
    monkeypatch.setattr(kg.build, "add_disputes", lambda ds, base=None: 0)
    without = build_dataset(read_corpus([two_documents]))[0]
    assert with_disputes == {str(g.identifier): set(g) for g in without.graphs()}
    # nothing the dispute step adds is an accusation, a rebuttal or an akg:rebuts of its own
    g = built.graph(DISPUTES)
    assert not set(g.triples((None, AKG.rebuts, None)))
    assert not set(g.subjects(None, AKG.Accusation)) and not set(g.subjects(None, AKG.Incident))


def test_disputes_are_deterministic(built, two_documents, tmp_path):
    serialize(built, tmp_path / "a.nq")
    docs = list(read_corpus([two_documents]))
    serialize(build_dataset(reversed(docs))[0], tmp_path / "b.nq")
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()


def test_disputes_seed_corpus_validates(seed_dataset):
    from kg.validate import validate_graph

    ds = seed_dataset[0]
    g = ds.graph(DISPUTES)
    disputes = set(g.subjects(None, AKG.Dispute))
    assert len(disputes) == 5
    # every accusation of the seeds is a step of exactly one dispute
    accusations = set(ds.subjects(None, AKG.Accusation))
    assert {a for a in accusations if len(set(g.objects(a, AKG.inDispute))) == 1} == accusations
    assert validate_graph(ds).conforms


def _facts(*mentions: tuple[str, str, str, str]) -> Facts:
    """Facts of one accusation per mention: (mention IRI, label, accused principal, date)."""
    facts = Facts()
    for code in ("RU", "CN", "DE"):
        facts.labels[f"s:{code}"], facts.codes[f"s:{code}"], facts.kinds[f"s:{code}"] = code, code, {"State"}
    for iri, label, accused, date in mentions:
        facts.mentions[iri] = Mention(iri, f"{iri}.txt", label, date)
        facts.claims[f"a-{iri}"] = Claim(f"a-{iri}", "Accusation", f"{iri}.txt", date, 0, "", ("s:DE",),
                                         (f"s:{accused}",), frozenset({"s:DE"}), frozenset({f"s:{accused}"}),
                                         (iri,))
    return facts


def test_disputes_never_merge_incidents_against_different_accused():
    facts = _facts(("m1", "la campagne d'APT28 contre le Bundestag", "RU", "2015-06-01"),
                   ("m2", "les intrusions d'APT28 au Bundestag", "RU", "2015-06-20"),
                   ("m3", "le piratage du Bundestag attribué à APT28", "CN", "2015-06-10"))
    resolved = resolve_incidents(facts)
    assert resolved["m1"] is resolved["m2"] is not resolved["m3"]
    ((a, b, keys),) = resolved["m1"].merges
    assert (a, b) == ("m1", "m2")
    assert {"group:APT28", "name:Bundestag", "accused:RU"} <= set(keys)


def test_disputes_a_group_named_years_apart_is_two_incidents():
    facts = _facts(("m1", "la campagne d'APT28", "RU", "2015-06-01"), ("m2", "la campagne d'APT28", "RU", "2024-05-03"))
    resolved = resolve_incidents(facts)
    assert resolved["m1"] is not resolved["m2"]


def test_disputes_store_keeps_threads_right_when_documents_come_and_go(two_documents, tmp_path):
    store_dir = tmp_path / "store"
    build_store(read_corpus([two_documents]), store_dir)

    def links() -> int:
        store = open_store(store_dir)
        return len(list(store.quads_for_pattern(None, ox.NamedNode(str(AKG.answers)), None,
                                                ox.NamedNode(str(DISPUTES)))))

    assert links() == 1
    # the accusation's document leaves: its link goes with it; it comes back: so does the link
    build_store(read_corpus([two_documents], exclude=[ACCUSATION_DOC]), store_dir, prune=True)
    assert links() == 0
    facts, disputes = resolve(open_store(store_dir))
    assert disputes and {facts.claims[a].doc for d in disputes for a in d.accusations} == {REBUTTAL_DOC}
    build_store(read_corpus([two_documents]), store_dir)
    assert links() == 1
