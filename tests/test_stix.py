"""kg.stix: the STIX 2.1 export (``kg export --format stix``), on the seed corpus built once per session,
on the hand-written fixtures, and on a graph of hostile text; every bundle is parsed by the ``stix2``
library with custom content refused."""

from __future__ import annotations

import doctest
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import stix2
from click.testing import CliRunner
from conftest import ROOT
from rdflib import RDF, XSD, Graph, Literal, URIRef

import kg.stix
from kg.cli import cli
from kg.namespaces import AKG
from kg.query import run_query
from kg.stix import EPOCH, StixError, stix_bundle, write_stix
from kg.store import load_into_store

FIXTURES = ROOT / "tests" / "data"
# (source type, relationship type, target type) that the STIX 2.1 specification defines and the export
# uses; OpenCTI accepts each of them, and `related-to` between any two objects.
SPEC_RELATIONSHIPS = {
    ("campaign", "attributed-to", "intrusion-set"),
    ("campaign", "attributed-to", "threat-actor"),
    ("threat-actor", "attributed-to", "identity"),
    ("campaign", "targets", "identity"),
    ("intrusion-set", "originates-from", "location"),
    ("identity", "located-at", "location"),
}
ID = re.compile(r"[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def count(graph, sparql: str) -> int:
    return int(run_query(graph, "SELECT (COUNT(*) AS ?n) WHERE { " + sparql + " }").rows[0][0].value)


def parse_strictly(path: Path) -> tuple[dict, stix2.Bundle]:
    text = path.read_text(encoding="utf-8")
    return json.loads(text), stix2.parse(text, allow_custom=False)


def claims(bundle: dict) -> list[dict]:
    """The attributed-to relationships that carry an accusation (their source is a campaign)."""
    return [o for o in bundle["objects"] if o["type"] == "relationship" and o["relationship_type"] == "attributed-to"
            and o["source_ref"].startswith("campaign--")]


def akg_ref(obj: dict) -> str:
    (iri,) = [r["external_id"] for r in obj["external_references"] if r["source_name"] == "akg"]
    return iri


@pytest.fixture(scope="module")
def seed_stix(seed_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stix") / "seeds.stix.json"
    write_stix(seed_graph, out)
    return out


@pytest.fixture(scope="module")
def seed(seed_stix) -> dict:
    return parse_strictly(seed_stix)[0]


def test_stix_doctest():
    assert doctest.testmod(kg.stix).failed == 0


def test_stix_seed_bundle_parses_with_stix2(seed_stix):
    data, bundle = parse_strictly(seed_stix)
    assert bundle.type == "bundle" and len(bundle.objects) == len(data["objects"])
    assert all(o["spec_version"] == "2.1" and ID.fullmatch(o["id"]) for o in data["objects"])
    assert len({o["id"] for o in data["objects"]}) == len(data["objects"])


def test_stix_seed_round_trips_the_accusation_count(seed_graph, seed):
    """One attributed-to relationship per (accusation, incident, accuser, accused); each names its
    accusation, so the accusations are counted back from the bundle."""
    accusations = count(seed_graph, "SELECT DISTINCT ?a WHERE { ?a a akg:Accusation }")
    combinations = count(seed_graph, """SELECT DISTINCT ?a ?i ?x ?y WHERE { ?a a akg:Accusation ;
        akg:accuser ?x ; akg:accused ?y . OPTIONAL { ?a akg:concerns ?i } }""")
    assert accusations == 16
    assert len({akg_ref(r) for r in claims(seed)}) == accusations
    assert len(claims(seed)) == combinations > accusations  # the joint statement of 003 has six accusers


def test_stix_every_reference_resolves_and_every_relationship_is_defined(seed):
    objects = {o["id"]: o for o in seed["objects"]}
    for o in seed["objects"]:
        refs = [o.get(k) for k in ("source_ref", "target_ref", "created_by_ref")] + o.get("object_refs", [])
        assert all(ref in objects for ref in refs if ref), o["id"]
        if o["type"] == "relationship" and o["relationship_type"] != "related-to":
            kinds = (objects[o["source_ref"]]["type"], o["relationship_type"], objects[o["target_ref"]]["type"])
            assert kinds in SPEC_RELATIONSHIPS, kinds


def test_stix_accusations_are_attributions_created_by_the_accuser(seed):
    objects = {o["id"]: o for o in seed["objects"]}
    belgium = next(r for r in claims(seed) if r["description"].startswith("Belgique attributes"))
    assert objects[belgium["created_by_ref"]]["name"] == "Belgique"
    assert objects[belgium["target_ref"]]["type"] == "intrusion-set"
    assert objects[belgium["target_ref"]]["name"] == "hackers chinois"
    assert "confidence" not in belgium
    (doc_ref,) = [r for r in belgium["external_references"] if r["source_name"] != "akg"]
    assert doc_ref == {"source_name": "Ambassade de la République populaire de Chine en Belgique",
                       "description": "000_c65883a72b3ecb29.txt, characters 145-470",
                       "url": "https://w3id.org/akg/id/doc/000_c65883a72b3ecb29.txt",
                       "external_id": "000_c65883a72b3ecb29.txt"}
    # an accused State is a threat-actor whose real identity is the State
    to_china = [r for r in claims(seed) if objects[r["target_ref"]]["name"] == "Chine"]
    assert to_china and {objects[r["target_ref"]]["type"] for r in to_china} == {"threat-actor"}
    real = [o for o in seed["objects"] if o["type"] == "relationship" and o["source_ref"] == to_china[0]["target_ref"]]
    assert [(r["relationship_type"], objects[r["target_ref"]]["type"]) for r in real] == [("attributed-to", "identity")]


def test_stix_states_are_organisations_with_a_country(seed):
    objects = {o["id"]: o for o in seed["objects"]}
    (china,) = [o for o in seed["objects"] if o["type"] == "identity" and o["name"] == "Chine"]
    assert china["identity_class"] == "organization" and china["sectors"] == ["government-national"]
    assert {"source_name": "wikidata", "external_id": "Q148", "url": "http://www.wikidata.org/entity/Q148"} \
        in china["external_references"]
    (place,) = [objects[r["target_ref"]] for r in seed["objects"]
                if r["type"] == "relationship" and r["source_ref"] == china["id"]]
    assert (place["type"], place["country"], place["name"]) == ("location", "CN", "Chine")
    groups = [objects[r["source_ref"]]["name"] for r in seed["objects"] if r["type"] == "relationship"
              and r["relationship_type"] == "originates-from" and r["target_ref"] == place["id"]]
    assert "hackers chinois" in groups


def test_stix_notes_quote_the_graph_exactly(seed_graph, seed):
    rows = list(run_query(seed_graph, """
        SELECT DISTINCT ?a ?doc ?start ?end ?quote WHERE { ?a a akg:Accusation ; akg:evidence ?s .
          ?s akg:quote ?quote ; akg:start ?start ; akg:end ?end ; akg:statedIn/dcterms:identifier ?doc }""").records())
    spans = {(row["doc"], int(row["start"]), int(row["end"])): row["quote"] for row in rows}
    notes = [o for o in seed["objects"] if o["type"] == "note"]
    assert len(notes) == len(rows) == 16  # one note per quote of each accusation (two share a sentence)
    for note in notes:
        (ref,) = note["external_references"]
        start, end = map(int, ref["description"].rsplit(" ", 1)[1].split("-"))
        assert note["content"] == spans[(ref["external_id"], start, end)]
        assert note["lang"] == "fr" and all(r.startswith("relationship--") for r in note["object_refs"])


def test_stix_rebuttals_are_opinions_by_the_rebutter(seed_graph, seed):
    objects = {o["id"]: o for o in seed["objects"]}
    opinions = [o for o in seed["objects"] if o["type"] == "opinion"]
    assert len(opinions) == count(seed_graph, "SELECT DISTINCT ?r WHERE { ?r a akg:Rebuttal }") == 5
    rows = run_query(seed_graph, """SELECT ?r (MIN(STR(?l)) AS ?who) (GROUP_CONCAT(?q; separator="\\n") AS ?quote)
        WHERE { ?r a akg:Rebuttal ; akg:evidence/akg:quote ?q ; akg:rebutter/rdfs:label ?l } GROUP BY ?r""").records()
    rebuttals = {row["r"]: row for row in rows}
    for opinion in opinions:
        rebuttal = rebuttals[akg_ref(opinion)]
        assert objects[opinion["created_by_ref"]]["name"] == rebuttal["who"] == opinion["authors"][0]
        assert {objects[r]["relationship_type"] for r in opinion["object_refs"]} == {"attributed-to"}
        assert all(q in opinion["explanation"] for q in rebuttal["quote"].split("\n"))
        denial = "Denial" in opinion["explanation"].split("\n")[0]
        assert opinion["opinion"] == ("strongly-disagree" if denial else "disagree")


def test_stix_documents_are_reports(seed):
    objects = {o["id"]: o for o in seed["objects"]}
    reports = [o for o in seed["objects"] if o["type"] == "report"]
    assert len(reports) == 5
    for report in reports:
        kinds = Counter(objects[r]["type"] for r in report["object_refs"])
        assert kinds["relationship"] and kinds["identity"] and kinds["campaign"]
        assert report["published"] == report["created"] != EPOCH


def test_stix_is_the_same_from_a_store_folder_byte_for_byte(seed_graph, seed_stix, tmp_path):
    store = tmp_path / "store"
    load_into_store(seed_graph, store)
    again = write_stix(store, tmp_path / "again.stix.json")
    assert again.output.read_bytes() == seed_stix.read_bytes()
    assert again.accusations == 16 and again.attributions == 22


def test_stix_timestamps_come_from_the_graph(seed_graph, seed):
    dates = {row["d"] for row in run_query(seed_graph, """SELECT DISTINCT (STR(?x) AS ?d) WHERE {
        { ?s akg:date ?x } UNION { ?s dcterms:date ?x } }""").records()}
    allowed = {EPOCH} | {kg.stix._timestamp(d) for d in dates}
    stamps = {o[k] for o in seed["objects"] for k in ("created", "modified", "published") if k in o}
    assert stamps <= allowed


def test_stix_fixture_counter_accusation_is_labelled():
    bundle = stix_bundle(FIXTURES / "eval_fixture.trig")
    stix2.parse(bundle, allow_custom=False)
    labelled = [r for r in claims(bundle) if r.get("labels") == ["counter-accusation"]]
    assert len(labelled) == count(FIXTURES / "eval_fixture.trig", "?a a akg:Accusation ; akg:counterTo ?b") >= 1


HOSTILE = 'Il a dit : "ce sont eux" \\o/\n</script><script>alert(1)</script>\u2028fin\ttab'


def hostile_graph() -> Graph:
    g, base = Graph(), "https://w3id.org/akg/id/"
    doc, cn, be, group = (URIRef(base + p) for p in ("doc/x.txt", "state/CN", "state/BE", "threat/apt"))
    acc, reb, span, span2 = (URIRef(base + p) for p in ("accusation/1", "rebuttal/1", "span/1", "span/2"))
    g.add((doc, RDF.type, AKG.Document))
    for p, o in [("identifier", "x.txt"), ("title", HOSTILE), ("source", URIRef("javascript:alert(1)")),
                 ("date", Literal("2021", datatype=XSD.gYear)), ("publisher", '"Le Monde" </script>')]:
        g.add((doc, URIRef("http://purl.org/dc/terms/" + p), o if isinstance(o, URIRef | Literal) else Literal(o)))
    for state, code, label in [(cn, "CN", "Chine\n</script>"), (be, "BE", 'Belgique "fédérale"')]:
        g += [(state, RDF.type, AKG.Actor), (state, RDF.type, AKG.State), (state, AKG.code, Literal(code)),
              (state, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label, lang="fr"))]
    g += [(group, RDF.type, AKG.ThreatActor), (group, AKG.affiliatedWith, cn),
          (acc, RDF.type, AKG.Accusation), (acc, AKG.accuser, be), (acc, AKG.accused, group), (acc, AKG.statedIn, doc),
          (acc, AKG.evidence, span), (span, RDF.type, AKG.TextSpan), (span, AKG.quote, Literal(HOSTILE)),
          (span, AKG.start, Literal(3)), (span, AKG.end, Literal(3 + len(HOSTILE))),
          (reb, RDF.type, AKG.Rebuttal), (reb, AKG.rebutter, cn), (reb, AKG.rebuts, acc), (reb, AKG.strategy, AKG.Denial),
          (reb, AKG.evidence, span2), (span2, RDF.type, AKG.TextSpan), (span2, AKG.quote, Literal("« faux »\r\n\\")),
          (span2, AKG.start, Literal(90)), (span2, AKG.end, Literal(97))]
    return g


def test_stix_hostile_text_stays_data(tmp_path):
    out = tmp_path / "hostile.stix.json"
    summary = write_stix(hostile_graph(), out)
    data, _bundle = parse_strictly(out)
    (note,) = [o for o in data["objects"] if o["type"] == "note"]
    assert note["content"] == HOSTILE
    (opinion,) = [o for o in data["objects"] if o["type"] == "opinion"]
    assert opinion["opinion"] == "strongly-disagree" and "« faux »\r\n\\" in opinion["explanation"]
    (report,) = [o for o in data["objects"] if o["type"] == "report"]
    assert report["name"] == HOSTILE and report["published"] == "2021-01-01T00:00:00.000Z"
    urls = [r.get("url", "") for o in data["objects"] for r in o.get("external_references", [])]
    assert not any(u.startswith("javascript:") for u in urls)
    assert summary.accusations == 1 and summary.attributions == 1
    view = stix_bundle(FIXTURES / "view_fixture.trig")  # markup in a quote, a label, a title; a javascript: source
    stix2.parse(json.dumps(view), allow_custom=False)


def test_stix_refuses_a_non_json_output(tmp_path):
    with pytest.raises(StixError, match="a STIX bundle is JSON"):
        write_stix(FIXTURES / "eval_fixture.trig", tmp_path / "x.ttl")
    assert not (tmp_path / "x.ttl").exists()


def test_stix_cli_export(seed_graph, tmp_path):
    out = tmp_path / "seeds.stix.json"
    result = CliRunner().invoke(cli, ["export", str(seed_graph), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"{out}: 117 STIX objects; 22 attributed-to relationships for 16 accusations, "
                             "5 opinions, 16 notes, 5 reports\n")
    forced = tmp_path / "seeds.json"
    result = CliRunner().invoke(cli, ["export", str(seed_graph), "-o", str(forced), "--format", "stix"])
    assert result.exit_code == 0 and forced.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(("name", "fmt", "message"), [
    ("x.ttl", "stix", "a STIX bundle is JSON"),
    ("x.json", None, ".json is ambiguous"),
    ("missing/x.stix.json", None, "output folder does not exist"),
])
def test_stix_cli_errors_on_one_line(tmp_path, name, fmt, message):
    args = ["export", str(FIXTURES / "eval_fixture.trig"), "-o", str(tmp_path / name)] + (["--format", fmt] if fmt else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
