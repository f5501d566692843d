"""kg.view.names and what the views make of it (#13): incidents named short, affiliations drawn,
actors folded into their principals on a toggle, the claims view grouped by dispute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.namespaces import AKG
from kg.view import read_graph, render_view
from kg.view.model import _Model
from kg.view.names import _is_name, names_of

FIXTURE = Path(__file__).parent / "data" / "view_fixture.trig"
ID = "https://w3id.org/akg/id/"


def _data(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)[1])


@pytest.fixture(scope="module")
def fixture_graph() -> Graph:
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


@pytest.fixture(scope="module")
def seeds(seed_graph) -> Graph:
    return read_graph(seed_graph)


def test_names_incident_from_resolved_incident_target_group_or_act(fixture_graph):
    graph = Graph()
    graph += fixture_graph
    exchange = URIRef(ID + "incident/exchange")
    names = names_of(_Model(graph))
    plain = names.incident(names.model.incidents[str(exchange)])
    # No disputes graph: the kind of act its wording names, the accused principal, its date.
    assert (plain.name, plain.detail, plain.label) == ("Piratage", "CN · 2021-03", "Piratage\nCN · 2021-03")
    resolved = URIRef(ID + "incident/resolved/x")
    graph.add((resolved, RDF.type, AKG.ResolvedIncident))
    graph.add((resolved, RDFS.label, Literal("Microsoft (CN, 2021-07)")))
    graph.add((resolved, AKG.mergedFrom, exchange))
    named = names_of(_Model(graph)).incident(_Model(graph).incidents[str(exchange)])
    assert named.line == "Microsoft (CN · 2021-03)" and "resolved across documents" in named.how
    graph.add((exchange, AKG.target, URIRef(ID + "org/microsoft")))
    graph.add((URIRef(ID + "org/microsoft"), RDFS.label, Literal("Microsoft Exchange")))
    graph.remove((resolved, AKG.mergedFrom, exchange))
    model = _Model(graph)
    assert names_of(model).incident(model.incidents[str(exchange)]).name == "Microsoft Exchange"


def test_names_group_names_are_names_and_descriptions_are_not():
    assert _is_name("APT31") and _is_name("Volt Typhoon") and _is_name("GhostEmperor")
    assert not _is_name("hackers chinois") and not _is_name("Hackers liés à la Chine")


def test_names_seed_incidents_are_short_and_dated(seeds, tmp_path):
    render_view(seeds, tmp_path / "claims.html", "claims")
    data = _data(tmp_path / "claims.html")
    incidents = [n for n in data["nodes"] if n["group"] == "Incident"]
    assert len(incidents) == 15
    for node in incidents:
        name, detail = node["label"].split("\n")
        assert len(name) <= 26 and re.fullmatch(r"[A-Z]{2}(, [A-Z]{2})* · \d{4}(-\d{2}){0,2}", detail), node["label"]
    assert not any("undated" in n["label"] for n in data["nodes"])
    assert "Microsoft\nCN · 2021-07-19" in {n["label"] for n in incidents}  # resolved by kg.disputes
    # the sentence fragment the incident was read from stays, whole, in its tooltip
    tips = [line for n in incidents for line in n["tip"]["claims"][0]["lines"]]
    assert any(line.startswith("Named « Microsoft » after resolved across documents") for line in tips)


def test_names_claims_view_groups_by_dispute(seeds, tmp_path):
    render_view(seeds, tmp_path / "claims.html", "claims")
    data = _data(tmp_path / "claims.html")
    disputes = {n["id"]: n for n in data["nodes"] if n["group"] == "Dispute"}
    assert len(disputes) == 5
    assert {n["label"].split("\n")[1] for n in disputes.values()} == {
        "US → CN, 2014-05", "AU → CN, 2015-12", "Microsoft (CN, 2021-07)", "BE → CN, 2022-07", "BE → CN, 2025-02",
    }
    members = {e["from"] for e in data["edges"] if e["kind"] == "inDispute"}
    in_graph = {str(s) for s in seeds.subjects(AKG.inDispute, None)}
    assert members == in_graph and all(e["to"] in disputes for e in data["edges"] if e["kind"] == "inDispute")
    assert not any(e["label"] for e in data["edges"])  # the edge kind is in the legend and the tooltip
    kinds = data["edgeKinds"]
    assert kinds["inDispute"]["length"] < kinds["rebuts"]["length"] < kinds["accused"]["length"]


def test_names_actors_view_draws_affiliation_and_folds(seeds, tmp_path):
    summary = render_view(seeds, tmp_path / "actors.html")
    data = _data(tmp_path / "actors.html")
    affiliated = {(e["from"], e["to"]) for e in data["edges"] if e["kind"] == "affiliation"}
    # every drawn actor with a principal reaches it along drawn affiliation edges
    model = _Model(seeds)
    for node in data["nodes"]:
        principals = model.actor(node["id"]).principals
        if principals and principals[0] != node["id"]:
            reached, frontier = set(), {node["id"]}
            while frontier:
                reached |= frontier
                frontier = {b for a, b in affiliated if a in frontier} - reached
            assert principals[0] in reached, node["label"]
    assert (summary.nodes, summary.edges, summary.folded) == (19, 32, False)
    folded = data["alternative"]
    assert data["folded"] is False and folded["layout"]["mode"] == "physics"
    assert len(folded["nodes"]) == 9 and all(model.actor(n["id"]).codes for n in folded["nodes"])
    assert not any(e["kind"] == "affiliation" for e in folded["edges"])
    page = (tmp_path / "actors.html").read_text(encoding="utf-8")
    assert '<input id="akg-fold" type="checkbox">' in page


def test_names_fold_opens_folded_and_is_deterministic(seeds, tmp_path):
    first = render_view(seeds, tmp_path / "a.html", fold=True)
    render_view(seeds, tmp_path / "b.html", fold=True)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    data = _data(tmp_path / "a.html")
    assert first.folded and (first.nodes, first.edges) == (9, 12) and data["folded"] is True
    assert len(data["alternative"]["nodes"]) == 19
    assert '<input id="akg-fold" type="checkbox" checked>' in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_names_no_toggle_when_nothing_folds(fixture_graph, tmp_path):
    # above max_nodes the view is folded already: no alternative, no toggle
    summary = render_view(fixture_graph, tmp_path / "v.html", max_nodes=3)
    data = _data(tmp_path / "v.html")
    assert summary.aggregated and summary.folded and "alternative" not in data
    assert 'id="akg-fold"' not in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_names_cli_fold(seed_graph, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "v.html"
    result = CliRunner().invoke(cli, ["viz", str(seed_graph), "-o", str(out), "--fold"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout == f"{out}: 9 nodes, 12 edges (actors folded)\n"
