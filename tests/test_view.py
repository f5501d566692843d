"""kg.view: the offline, escaped, deterministic HTML views, on tests/data/view_fixture.trig."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespaces import AKG
from kg.source import StoreError
from kg.view import VIEWS, ViewError, ViewSummary, read_graph, render_view
from kg.view import layout as view_layout
from kg.view import page as view_page

FIXTURE = Path(__file__).parent / "data" / "view_fixture.trig"
ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/akg/id/"
PREFIX = "PREFIX akg: <https://w3id.org/akg/ontology#>\n"
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script><script>"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    return ds


@pytest.fixture(scope="module")
def merged(dataset: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _render(graph, tmp_path: Path, view: str = "actors", name: str | None = None, **kwargs):
    path = tmp_path / (name or f"{view}.html")
    summary = render_view(graph, path, view, **kwargs)
    return summary, path.read_text(encoding="utf-8")


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "no graph-data block"
    return json.loads(match.group(1))


def _scripts(page: str) -> list[str]:
    """The executable scripts' text, in page order (the JSON data block excluded)."""
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def _pairs(data: dict) -> set[tuple[str, str, str]]:
    """The claim edges (affiliations apart: see _affiliations)."""
    return {
        (e["from"].removeprefix(ID), e["to"].removeprefix(ID), e["kind"])
        for e in data["edges"]
        if e["kind"] != "affiliation"
    }


def _affiliations(data: dict) -> set[tuple[str, str]]:
    return {(e["from"].removeprefix(ID), e["to"].removeprefix(ID)) for e in data["edges"] if e["kind"] == "affiliation"}


def _ids(data: dict) -> set[str]:
    return {n["id"].removeprefix(ID) for n in data["nodes"]}


# --- every view ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_view_writes_each_view(dataset, tmp_path, view):
    summary, page = _render(dataset, tmp_path, view, doc="vw_02.txt" if view == "document" else None)
    data = _data(page)
    assert isinstance(summary, ViewSummary)
    assert summary.path == tmp_path / f"{view}.html"
    assert (summary.view, summary.nodes, summary.edges) == (view, len(data["nodes"]), len(data["edges"]))
    assert summary.nodes > 0 and summary.edges > 0 and not summary.aggregated
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert [p.name for p in tmp_path.iterdir()] == [f"{view}.html"], "a temporary file was left behind"


def test_view_actors_counts_match_graph(dataset, merged, tmp_path):
    actors = {
        str(r.a)
        for r in merged.query(
            PREFIX
            + """SELECT DISTINCT ?a WHERE {
                { ?c akg:accuser ?a } UNION { ?c akg:accused ?a } UNION { ?r akg:rebutter ?a }
                UNION { ?r akg:rebuts/akg:accuser ?a } }"""
        )
    }
    # each actor's affiliation is drawn up to its principals, adding those no claim names
    affiliations = set()
    for actor in sorted(actors):
        for r in merged.query(
            PREFIX + "SELECT ?a ?b WHERE { ?x akg:affiliatedWith* ?a . ?a akg:affiliatedWith ?b }",
            initBindings={"x": URIRef(actor)},
        ):
            affiliations.add((str(r.a), str(r.b), "affiliation"))
    actors |= {a for pair in affiliations for a in pair[:2]}
    accusations = {
        (str(r.s), str(r.t), "counter-accusation" if r.counter else "accusation")
        for r in merged.query(
            PREFIX
            + """SELECT ?s ?t (BOUND(?x) AS ?counter) WHERE {
                ?c a akg:Accusation ; akg:accuser ?s ; akg:accused ?t . OPTIONAL { ?c akg:counterTo ?x } }"""
        )
    }
    rebuttals = {
        (str(r.s), str(r.t), "rebuttal")
        for r in merged.query(
            PREFIX + "SELECT ?s ?t WHERE { ?r a akg:Rebuttal ; akg:rebutter ?s ; akg:rebuts/akg:accuser ?t }"
        )
    }
    summary, page = _render(dataset, tmp_path)
    data = _data(page)
    assert {n["id"] for n in data["nodes"]} == actors
    assert {(e["from"], e["to"], e["kind"]) for e in data["edges"]} == accusations | rebuttals | affiliations
    assert (summary.nodes, summary.edges) == (7, 9)


def test_view_actors_styles_and_tooltips(dataset, tmp_path):
    data = _data(_render(dataset, tmp_path)[1])
    groups = {n["id"].removeprefix(ID): n["group"] for n in data["nodes"]}
    assert groups == {
        "state/US": "State",
        "state/CN": "State",
        "state/BE": "State",
        "person/zhao-lijian": "Person",
        "threat/hackers-chinois": "ThreatActor",
        "actor/ambassade-chine-belgique": "Organization",
        "actor/mae-chine": "Organization",  # no claim names it: drawn as Zhao's principal, below China
    }
    assert _affiliations(data) == {
        ("person/zhao-lijian", "actor/mae-chine"),
        ("actor/mae-chine", "state/CN"),
        ("threat/hackers-chinois", "state/CN"),
        ("actor/ambassade-chine-belgique", "state/CN"),
    }
    sizes = {n["id"].removeprefix(ID): n["value"] for n in data["nodes"]}
    assert sizes["state/US"] == 3  # accuses once, accused once
    assert sizes["actor/ambassade-chine-belgique"] == 1  # only rebuts
    kinds = {k: json.dumps([v["color"], v["dashes"]]) for k, v in data["edgeKinds"].items()}
    assert len({kinds["accusation"], kinds["counter-accusation"], kinds["rebuttal"]}) == 3
    assert data["edgeKinds"]["accusation"]["dashes"] is False and data["edgeKinds"]["rebuttal"]["dashes"]

    edges = {(e["from"].removeprefix(ID), e["to"].removeprefix(ID), e["kind"]): e for e in data["edges"]}
    rebuttal = edges[("person/zhao-lijian", "state/US", "rebuttal")]["tip"]["claims"]
    assert len(rebuttal) == 1
    claim = rebuttal[0]
    assert claim["head"] == "Rebuttal · 2021-07-20"
    assert "Strategies: counter-accusation, denial, politicization" in claim["lines"]
    assert claim["quotes"] == [
        "La Chine n'a jamais mené ni encouragé de cyberattaques",
        "C'est une manipulation politique",
    ]
    accusation = edges[("state/US", "state/CN", "accusation")]["tip"]["claims"][0]
    assert accusation["docs"] == [
        {
            "title": "Washington accuse Pékin du piratage de Microsoft Exchange (vw_01.txt)",
            "href": "https://example.org/vw-01",
        }
    ]
    assert any(
        line == "Concerns: incident Piratage (CN · 2021-03)" for line in accusation["lines"]
    )
    assert ("person/zhao-lijian", "state/US", "counter-accusation") in edges


def test_view_merges_edges_of_one_pair_and_kind(merged, tmp_path):
    graph = Graph()
    graph += merged
    extra = URIRef(ID + "accusation/a9")
    graph.add((extra, RDF.type, AKG.Accusation))
    graph.add((extra, AKG.accuser, URIRef(ID + "state/US")))
    graph.add((extra, AKG.accused, URIRef(ID + "state/CN")))
    graph.add((extra, AKG.date, Literal("2023")))
    data = _data(_render(graph, tmp_path)[1])
    edge = next(e for e in data["edges"] if e["from"].endswith("state/US") and e["kind"] == "accusation")
    assert edge["value"] == 2 and edge["label"] == "×2"
    assert [c["head"] for c in edge["tip"]["claims"]] == ["Accusation · 2021-07-19", "Accusation · 2023"]
    assert len(_pairs(data)) == 5


def test_view_claims_counts_match_graph(merged, tmp_path):
    claims = {
        str(s)
        for cls in ("Accusation", "Rebuttal", "Incident", "Response")
        for s in merged.subjects(RDF.type, AKG[cls])
    }
    links = {
        (str(r.c), str(r.p).split("#")[1], str(r.o))
        for r in merged.query(
            PREFIX
            + """SELECT ?c ?p ?o WHERE { ?c ?p ?o .
                VALUES ?p { akg:accuser akg:accused akg:rebutter akg:target akg:by akg:against
                            akg:rebuts akg:counterTo akg:concerns } }"""
        )
    }
    actor_props = {"accuser", "accused", "rebutter", "target", "by", "against"}
    actors = {o for _, p, o in links if p in actor_props}
    data = _data(_render(merged, tmp_path, "claims")[1])
    assert {n["id"] for n in data["nodes"]} == claims | actors
    assert {(e["from"], e["kind"], e["to"]) for e in data["edges"]} == links
    groups = {n["id"].removeprefix(ID): n["group"] for n in data["nodes"]}
    assert groups["accusation/a2"] == "CounterAccusation" and groups["response/r1"] == "Response"
    assert (len(data["nodes"]), len(data["edges"])) == (13, 14)


# --- offline and safe ------------------------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_view_references_no_external_url(dataset, tmp_path, view):
    page = _render(dataset, tmp_path, view, doc="vw_01.txt" if view == "document" else None)[1]
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page.lower()
    assert not re.search(r"@import|url\(\s*[\"']?\s*(?:https?:)?//", page, re.I)
    tags = page
    for script in _scripts(page):
        tags = tags.replace(script, "")
    assert tags.count("<script") == 3  # the JSON data, vis-network, the page's own
    assert "data:image" in page and "vis-network" in page  # the library is inlined, not linked


@pytest.mark.parametrize("view", VIEWS)
def test_view_escapes_hostile_strings(dataset, tmp_path, view):
    page = _render(dataset, tmp_path, view, doc="vw_02.txt" if view == "document" else None)[1]
    for hostile in HOSTILE:
        assert hostile not in page
    assert "<img" not in page.lower()
    assert page.lower().count("</script") == 3
    data = _data(page)  # the hostile text survives as data, intact
    text = json.dumps(data, ensure_ascii=False)
    assert "<img src=x onerror=alert(1)>" in text
    if view != "document":
        assert "<script>alert(1)</script>" in text
    block = page.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block


def test_view_document_title_is_escaped_in_heading(dataset, tmp_path):
    page = _render(dataset, tmp_path, "document", doc="vw_02.txt")[1]
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in heading
    assert "(vw_02.txt)" in heading


def test_view_page_script_builds_no_markup(dataset, tmp_path):
    page = _render(dataset, tmp_path, "claims")[1]
    library, own = _scripts(page)
    for risky in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in own
    assert "innerHTML" not in page.replace(library, "")
    assert "textContent" in own and "createElement" in own
    assert "JSON.parse" in own and "setOptions({ physics: false })" in own
    assert "stabilizationIterationsDone" in own


def test_view_csp_allows_exactly_the_page_scripts(dataset, tmp_path):
    page = _render(dataset, tmp_path)[1]
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _scripts(page)
    ]
    assert script_src == hashes


def test_view_page_is_built_from_the_shipped_assets(dataset, tmp_path):
    assets = resources.files("kg.view") / "assets"
    page = _render(dataset, tmp_path)[1]
    assert _scripts(page)[1] == (assets / "view.js").read_text(encoding="utf-8")
    assert (assets / "view.css").read_text(encoding="utf-8") in page
    assert page.startswith((assets / "page.html").read_text(encoding="utf-8").split("$", 1)[0])
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["kg"]
    for name in view_page._ASSETS:
        assert (assets / name).is_file()
        assert any(Path("view", "assets", name).match(glob) for glob in globs), f"{name} is not package data"


def test_view_csp_hashes_the_script_read_at_run_time(dataset, tmp_path, monkeypatch):
    js, css, template = view_page._own_assets()
    edited = js + "// edited\n"
    monkeypatch.setattr(view_page, "_own_assets", lambda: (edited, css, template))
    page = _render(dataset, tmp_path)[1]
    assert _scripts(page)[1] == edited
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(edited.encode()).digest()).decode() + "'"
    assert f" {digest};" in page


def test_view_assets_that_cannot_be_inlined_or_are_missing_raise(tmp_path, monkeypatch):
    shipped = resources.files("kg.view") / "assets"
    (tmp_path / "assets").mkdir()
    for name in view_page._ASSETS:
        (tmp_path / "assets" / name).write_text((shipped / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(view_page.resources, "files", lambda package: tmp_path)
    read = view_page._own_assets.__wrapped__  # the cached copy stays the shipped one
    assert read()[0] == (shipped / "view.js").read_text(encoding="utf-8")
    (tmp_path / "assets" / "view.js").write_text("var s = '</SCRIPT>';\n", encoding="utf-8")
    with pytest.raises(ViewError, match="view.js cannot be inlined"):
        read()
    (tmp_path / "assets" / "view.js").unlink()
    with pytest.raises(FileNotFoundError, match="kg/view/assets/view.js is missing"):
        read()


def test_view_doctest():
    import doctest

    from kg.view import model

    result = doctest.testmod(model)
    assert result.attempted and not result.failed


# --- filters ---------------------------------------------------------------------------------


def test_view_filters_by_principal(dataset, tmp_path):
    summary, page = _render(dataset, tmp_path, principal="us")
    data = _data(page)
    assert _ids(data) == {"state/US", "state/CN", "person/zhao-lijian", "actor/mae-chine"}
    assert _pairs(data) == {
        ("state/US", "state/CN", "accusation"),
        ("person/zhao-lijian", "state/US", "counter-accusation"),
        ("person/zhao-lijian", "state/US", "rebuttal"),
    }
    assert "principal US" in page
    be = _data(_render(dataset, tmp_path, name="be.html", principal="BE")[1])
    assert _pairs(be) == {
        ("state/BE", "threat/hackers-chinois", "accusation"),
        ("actor/ambassade-chine-belgique", "state/BE", "rebuttal"),
    }
    # China is a principal on every claim: through the ministry, the embassy and the hackers.
    assert len(_pairs(_data(_render(dataset, tmp_path, name="cn.html", principal="CN")[1]))) == 5


def test_view_filters_by_period(dataset, tmp_path):
    # 2021-07 (gYearMonth) overlaps 2021-07-20..; 2021-07-19 does not, but the rebuttal brings it as context.
    data = _data(_render(dataset, tmp_path, since="2021-07-20", until="2021-12-31")[1])
    assert _pairs(data) == {
        ("state/US", "state/CN", "accusation"),
        ("person/zhao-lijian", "state/US", "counter-accusation"),
        ("person/zhao-lijian", "state/US", "rebuttal"),
    }
    context = next(e for e in data["edges"] if e["kind"] == "accusation")["tip"]["claims"][0]
    assert "Shown as context: outside the filters." in context["lines"]
    later = _data(_render(dataset, tmp_path, name="2022.html", since="2022")[1])
    assert _pairs(later) == {
        ("state/BE", "threat/hackers-chinois", "accusation"),
        ("actor/ambassade-chine-belgique", "state/BE", "rebuttal"),
    }
    assert _render(dataset, tmp_path, name="none.html", until="2020")[0].nodes == 0
    claims = _data(_render(dataset, tmp_path, "claims", until="2021-07-19")[1])
    assert _ids(claims) >= {"accusation/a1", "response/r1", "incident/exchange", "accusation/a2"}
    assert not _ids(claims) & {"rebuttal/b1", "rebuttal/b2", "accusation/a3"}


def test_view_filters_by_strategy(dataset, tmp_path):
    summary, page = _render(dataset, tmp_path, "claims", strategy="LackOfEvidence")
    data = _data(page)
    assert _ids(data) == {
        "rebuttal/b2",
        "accusation/a3",
        "actor/ambassade-chine-belgique",
        "state/BE",
        "threat/hackers-chinois",
    }
    assert "strategy LackOfEvidence" in page
    denial = _data(_render(dataset, tmp_path, name="denial.html", strategy="akg:Denial")[1])
    assert _pairs(denial) == {
        ("state/US", "state/CN", "accusation"),
        ("person/zhao-lijian", "state/US", "rebuttal"),
    }
    counter = _data(_render(dataset, tmp_path, name="counter.html", strategy="CounterAccusation")[1])
    assert ("person/zhao-lijian", "state/US", "counter-accusation") in _pairs(counter)


def test_view_filters_by_document(dataset, tmp_path):
    full = _render(dataset, tmp_path, "claims")[0]
    by_id = _render(dataset, tmp_path, "document", name="d1.html", doc="vw_03.txt")
    by_iri = _render(dataset, tmp_path, "document", name="d2.html", doc=ID + "doc/vw-03")
    assert _ids(_data(by_id[1])) == {
        "accusation/a3",
        "rebuttal/b2",
        "state/BE",
        "threat/hackers-chinois",
        "actor/ambassade-chine-belgique",
    }
    assert by_id[0].nodes == by_iri[0].nodes == 5 < full.nodes
    assert by_id[1].replace("d1.html", "") == by_iri[1].replace("d2.html", "")
    page = _render(dataset, tmp_path, "actors", name="a.html", doc="vw_01.txt")[1]
    assert _pairs(_data(page)) == {("state/US", "state/CN", "accusation")}
    assert "Filters: document vw_01.txt." in page


def test_view_filters_by_actor(dataset, tmp_path):
    summary, page = _render(dataset, tmp_path, actor="Zhao Lijian")
    assert _pairs(_data(page)) == {
        ("state/US", "state/CN", "accusation"),  # context: what Zhao's rebuttal rebuts
        ("person/zhao-lijian", "state/US", "counter-accusation"),
        ("person/zhao-lijian", "state/US", "rebuttal"),
    }
    assert "Filters: actor Zhao Lijian." in page
    # Whoever acts for the ministry counts as the ministry; labels match without case or accents.
    ministry = _render(dataset, tmp_path, name="m.html", actor="MINISTERE chinois des affaires etrangeres")
    assert _pairs(_data(ministry[1])) == _pairs(_data(page))
    by_iri = _data(_render(dataset, tmp_path, name="be.html", actor=ID + "state/BE")[1])
    assert _pairs(by_iri) == {
        ("state/BE", "threat/hackers-chinois", "accusation"),
        ("actor/ambassade-chine-belgique", "state/BE", "rebuttal"),
    }
    claims = _data(_render(dataset, tmp_path, "claims", name="c.html", actor="Belgique")[1])
    assert _ids(claims) >= {"accusation/a3", "rebuttal/b2"} and "accusation/a1" not in _ids(claims)
    with pytest.raises(ViewError, match=r"no actor .* 'Belgiqe'; did you mean 'Belgique'\?"):
        render_view(dataset, tmp_path / "x.html", actor="Belgiqe")


def test_view_read_graph_from_file_and_store(dataset, tmp_path):
    from kg.store import load_into_store

    load_into_store(FIXTURE, tmp_path / "store")
    for source in (FIXTURE, tmp_path / "store"):
        graph = read_graph(source)
        assert isinstance(graph, Graph) and not graph.context_aware
        render_view(graph, tmp_path / "read.html", "claims")
        render_view(dataset, tmp_path / "parsed.html", "claims")
        assert (tmp_path / "read.html").read_bytes() == (tmp_path / "parsed.html").read_bytes()
    assert read_graph(dataset) is dataset
    with pytest.raises(StoreError, match="no such file"):
        read_graph(tmp_path / "missing.trig")


# --- large graphs, determinism, errors -------------------------------------------------------


def test_view_small_graph_settles_with_physics(dataset, tmp_path):
    layout = _data(_render(dataset, tmp_path, "claims")[1])["layout"]
    assert layout == {"mode": "physics", "solver": "forceAtlas2Based", "iterations": 600, "improved": True}


def test_view_large_graph_is_laid_out_in_advance(dataset, tmp_path, monkeypatch):
    monkeypatch.setattr(view_layout, "_PHYSICS_MAX_EDGES", 5)
    summary, page = _render(dataset, tmp_path, "claims")
    data = _data(page)
    assert data["layout"] == {"mode": "fixed"}
    xy = {n["id"].removeprefix(ID): (n["x"], n["y"]) for n in data["nodes"]}
    assert len(set(xy.values())) == summary.nodes == 13
    assert "laid out in advance" in page and "physics is off" in page

    def dist(a, b):
        return ((xy[a][0] - xy[b][0]) ** 2 + (xy[a][1] - xy[b][1]) ** 2) ** 0.5

    # Actors sit near their principal; claims near the actors they name.
    assert dist("threat/hackers-chinois", "state/CN") < dist("threat/hackers-chinois", "state/BE")
    assert dist("person/zhao-lijian", "state/CN") < dist("person/zhao-lijian", "state/US")
    assert dist("accusation/a3", "state/BE") < dist("accusation/a3", "state/US")
    again = tmp_path / "again.html"
    render_view(dataset, again, "claims")
    assert again.read_text(encoding="utf-8") == page


def test_view_aggregates_actors_to_principals(dataset, tmp_path):
    summary, page = _render(dataset, tmp_path, max_nodes=4)
    data = _data(page)
    assert summary.aggregated and summary.nodes == 3
    assert _ids(data) == {"state/US", "state/CN", "state/BE"}
    assert _pairs(data) == {
        ("state/US", "state/CN", "accusation"),
        ("state/CN", "state/US", "counter-accusation"),
        ("state/CN", "state/US", "rebuttal"),
        ("state/BE", "state/CN", "accusation"),
        ("state/CN", "state/BE", "rebuttal"),
    }
    assert 'class="akg-note" role="note"' in page and "merged into their principal" in page
    china = next(n for n in data["nodes"] if n["id"].endswith("state/CN"))
    assert "Stands for: ambassade de Chine en Belgique, hackers chinois, Zhao Lijian" in china["tip"]["lines"]
    small = _render(dataset, tmp_path, name="small.html", max_nodes=7)
    assert not small[0].aggregated and "akg-note" not in small[1].split("<body>")[1].split("<main>")[0]
    claims = _render(dataset, tmp_path, "claims", name="claims.html", max_nodes=10)[0]
    assert claims.aggregated and claims.nodes == 7 + 3


def test_view_is_byte_identical_across_renders(dataset, merged, tmp_path):
    first = (tmp_path / "a" / "v.html", tmp_path / "b" / "v.html", tmp_path / "c" / "v.html")
    render_view(dataset, first[0], "claims")
    render_view(dataset, first[1], "claims")
    render_view(merged, first[2], "claims")
    assert first[0].read_bytes() == first[1].read_bytes() == first[2].read_bytes()
    again = Dataset()
    again.parse(FIXTURE, format="trig")
    render_view(again, tmp_path / "d.html", max_nodes=2, principal="CN")
    render_view(dataset, tmp_path / "e.html", max_nodes=2, principal="CN")
    assert (tmp_path / "d.html").read_bytes() == (tmp_path / "e.html").read_bytes()


def test_view_title_and_build_time(dataset, tmp_path):
    page = _render(dataset, tmp_path, title="Chine <b>", built="2024-05-01T12:00:00Z", principal="CN")[1]
    assert "<h1>Chine &lt;b&gt;</h1>" in page and "<title>Chine &lt;b&gt;</title>" in page
    assert "Built 2024-05-01T12:00:00Z." in page and "Filters: principal CN." in page
    assert "Built" not in _render(dataset, tmp_path, name="plain.html")[1]


def test_view_replaces_atomically(dataset, tmp_path, monkeypatch):
    target = tmp_path / "v.html"
    target.write_text("old", encoding="utf-8")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        render_view(dataset, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["v.html"]
    monkeypatch.undo()
    render_view(dataset, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"view": "timeline"}, "unknown view"),
        ({"view": "document"}, "needs a document"),
        ({"view": "document", "doc": "missing.txt"}, "no document"),
        ({"principal": "ZZ"}, "no actor has akg:code 'ZZ'"),
        ({"strategy": "Flattery"}, "unknown strategy"),
        ({"since": "19/07/2021"}, "ISO date"),
        ({"max_nodes": 0}, "max_nodes"),
        ({"actor": "Atlantide"}, "no actor with IRI, label or alias 'Atlantide'"),
    ],
)
def test_view_rejects_bad_requests(dataset, tmp_path, kwargs, message):
    with pytest.raises(ViewError, match=message):
        render_view(dataset, tmp_path / "v.html", **kwargs)
    assert not (tmp_path / "v.html").exists()


# --- the page's script, run against a stand-in DOM and vis ------------------------------------

HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const script = fs.readFileSync(process.argv[2], "utf8");
const dataText = fs.readFileSync(process.argv[3], "utf8");

class Text { constructor(t) { this.text = String(t); } get textContent() { return this.text; } }
class Elem {
  constructor(tag) {
    this.tagName = tag; this.childNodes = []; this.className = ""; this.listeners = {}; this.value = "";
    this.style = {}; this.hidden = false; this.offsetWidth = 100; this.offsetHeight = 50;
  }
  getBoundingClientRect() { return { left: 10, top: 20 }; }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(v) { this.childNodes = [new Text(v)]; }
  set innerHTML(v) { throw new Error("innerHTML used"); }
  get firstChild() { return this.childNodes[0] || null; }
  appendChild(c) { this.childNodes.push(c); return c; }
  removeChild(c) { this.childNodes.splice(this.childNodes.indexOf(c), 1); return c; }
  addEventListener(name, fn) { (this.listeners[name] = this.listeners[name] || []).push(fn); }
  fire(name, ev) { (this.listeners[name] || []).forEach((fn) => fn(ev || { preventDefault() {} })); }
}
const byId = {};
for (const id of ["akg-network", "akg-status", "akg-details", "akg-search", "akg-found", "akg-tip"]) {
  byId[id] = new Elem("div");
}
byId["akg-tip"].hidden = true;
byId["graph-data"] = { textContent: dataText };
const document = {
  getElementById: (id) => byId[id] || null,
  createElement: (tag) => new Elem(tag),
  createTextNode: (t) => new Text(t),
};
class DataSet {
  constructor(items) { this.items = new Map(items.map((i) => [i.id, i])); }
  update(items) { items.forEach((i) => this.items.set(i.id, Object.assign({}, this.items.get(i.id), i))); }
}
let network = null;
class Network {
  constructor(container, data, options) {
    this.data = data; this.options = options; this.handlers = {};
    this.set = []; this.selected = []; this.fitted = null;
    network = this;
  }
  on(name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); }
  once(name, fn) { this.on(name, fn); }
  emit(name, arg) { (this.handlers[name] || []).forEach((fn) => fn(arg)); }
  setOptions(o) { this.set.push(o); }
  selectNodes(ids) { this.selected = ids; }
  fit(o) { this.fitted = o; }
}
const window = { innerWidth: 1000, innerHeight: 800 };
vm.runInNewContext(script, { document, window, performance: { now: () => 1 }, vis: { DataSet, Network } });

function dump(n) {
  if (n instanceof Text) return { text: n.text };
  const out = { tag: n.tagName, cls: n.className, children: n.childNodes.map(dump) };
  if (n.href !== undefined) out.href = n.href;
  return out;
}
const report = {};
const items = (set) => [...set.items.values()];
const tip = byId["akg-tip"];
function hover(kind, id) {
  network.emit(kind === "node" ? "hoverNode" : "hoverEdge", { [kind]: id, pointer: { DOM: { x: 5, y: 5 } } });
  const shown = { hidden: tip.hidden, left: tip.style.left, top: tip.style.top };
  shown.cards = tip.childNodes.length;
  shown.title = dump(tip.childNodes[0]);
  network.emit(kind === "node" ? "blurNode" : "blurEdge", {});
  shown.hiddenAfter = tip.hidden;
  return shown;
}
report.nodes = items(network.data.nodes).map(
  (n) => Object.assign({ id: n.id, label: n.label }, hover("node", n.id)));
report.edges = items(network.data.edges).map((e) => Object.assign({ id: e.id }, hover("edge", e.id)));
report.itemTitles = items(network.data.nodes).concat(items(network.data.edges))
  .filter((i) => "title" in i).length;
report.stabilization = network.options.physics.stabilization;
report.readyBefore = window.akgView.ready;
network.emit("stabilizationIterationsDone");
report.setOptions = network.set;
report.readyAfter = window.akgView.ready;
const search = byId["akg-search"];
search.value = "zhao";
search.fire("input");
report.selected = network.selected;
report.found = byId["akg-found"].textContent;
report.dimmed = items(network.data.nodes).filter((n) => n.opacity < 1).length;
search.fire("keydown", { key: "Enter", preventDefault() {} });
report.fitted = network.fitted;
network.emit("click", { nodes: [], edges: [report.edges[0].id] });
report.details = dump(byId["akg-details"]);
process.stdout.write(JSON.stringify(report));
"""


def _texts(tree: dict) -> list[str]:
    if "text" in tree:
        return [tree["text"]]
    return [t for child in tree["children"] for t in _texts(child)]


def _anchors(tree: dict) -> list[dict]:
    if "text" in tree:
        return []
    found = [tree] if tree["tag"] == "a" else []
    return found + [a for child in tree["children"] for a in _anchors(child)]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the page's script")
def test_view_page_script_builds_tooltips_with_dom_calls(dataset, tmp_path):
    page = _render(dataset, tmp_path, "claims")[1]
    (tmp_path / "page.js").write_text(_scripts(page)[1], encoding="utf-8")
    block = page.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    (tmp_path / "data.json").write_text(block, encoding="utf-8")
    (tmp_path / "harness.js").write_text(HARNESS, encoding="utf-8")
    run = subprocess.run(
        ["node", str(tmp_path / "harness.js"), str(tmp_path / "page.js"), str(tmp_path / "data.json")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    data = _data(page)
    assert len(report["nodes"]) == len(data["nodes"]) and len(report["edges"]) == len(data["edges"])
    assert report["stabilization"]["iterations"] > 0
    assert report["setOptions"] == [{"physics": False}]
    assert (report["readyBefore"], report["readyAfter"]) == (False, True)
    # Tooltips are built on hover (none handed to vis up front), shown by the pointer, then hidden.
    assert report["itemTitles"] == 0
    for item in report["nodes"] + report["edges"]:
        assert (item["hidden"], item["hiddenAfter"], item["cards"]) == (False, True, 1)
        assert (item["left"], item["top"]) == ("29px", "39px")

    counter = next(n for n in report["nodes"] if n["id"].endswith("accusation/a2"))
    texts = _texts(counter["title"])
    assert (
        "« Les États-Unis sont le plus grand pirate du monde <script>alert(1)</script> "
        "<img src=x onerror=alert(1)> </script> »" in texts
    )
    # The javascript: source of vw_02 stays text; the https: source of vw_01 becomes a link.
    assert "javascript:alert(1)" in texts and _anchors(counter["title"]) == []
    accusation = next(n for n in report["nodes"] if n["id"].endswith("accusation/a1"))
    links = _anchors(accusation["title"])
    assert [(a["href"], _texts(a)) for a in links] == [
        ("https://example.org/vw-01", ["https://example.org/vw-01"])
    ]

    assert report["selected"] == [ID + "person/zhao-lijian"] and report["found"] == "1 match"
    assert report["dimmed"] == len(data["nodes"]) - 1
    assert report["fitted"]["nodes"] == [ID + "person/zhao-lijian"]
    assert report["details"]["children"][0]["cls"] == "akg-card"


# --- the kg viz command (its view options; tests/test_cli.py covers the seed corpus) ----------


def _viz(*args):
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, ["viz", *map(str, args)], catch_exceptions=False)


def test_view_cli_draws_a_store_with_actor_filter_and_build_time(tmp_path):
    from kg.store import load_into_store

    load_into_store(FIXTURE, tmp_path / "store")
    out = tmp_path / "v.html"
    built = "2026-01-02T03:04:05Z"
    result = _viz(tmp_path / "store", "-o", out, "--actor", "hackers chinois", "--built", built)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: 4 nodes, 4 edges\n"  # and China, which the hackers and the embassy act for
    page = out.read_text(encoding="utf-8")
    assert "Filters: actor hackers chinois." in page and "Built 2026-01-02T03:04:05Z." in page


def test_view_cli_timestamp(tmp_path):
    out = tmp_path / "v.html"
    assert _viz(FIXTURE, "-o", out, "--timestamp").exit_code == 0
    assert re.search(r"Built \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\.", out.read_text(encoding="utf-8"))
    both = _viz(FIXTURE, "-o", out, "--timestamp", "--built", "2026")
    assert both.exit_code == 2 and "give --built or --timestamp, not both" in both.stderr


def test_view_cli_unknown_actor_is_one_line(tmp_path):
    result = _viz(FIXTURE, "-o", tmp_path / "v.html", "--actor", "Atlantide")
    assert result.exit_code == 1
    assert result.stderr == "Error: no actor with IRI, label or alias 'Atlantide'\n"
    assert not (tmp_path / "v.html").exists()
