"""kg.view in a real browser: Debian's chromium, driven by Playwright, with the network cut off.

One headless chromium serves the whole session; each test opens the page in a fresh page whose every
request but the file itself (and data:/blob: URLs) is aborted and recorded. Expected node and edge
counts are computed here with SPARQL on the seed graph, not with kg.view's code.

The tests skip when Playwright or chromium is missing, unless AKG_REQUIRE_BROWSER=1 (which
``make test`` sets after installing chromium): then they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.namespaces import AKG
from kg.view import VIEWS, read_graph, render_view
from kg.view import layout as view_layout

pytestmark = pytest.mark.slow  # a chromium for the session

CHROMIUM = os.environ.get("AKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURE = Path(__file__).parent / "data" / "view_fixture.trig"
PREFIX = "PREFIX akg: <https://w3id.org/akg/ontology#>\n"
READY = "() => window.akgView !== undefined && window.akgView.ready"
# Anything a hostile string could run calls one of these or sets window.__pwned.
TRAP = """
window.__pwned = undefined;
["alert", "confirm", "prompt", "print", "open"].forEach(function (name) {
  window[name] = function () { window.__pwned = name; };
});
"""


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        return f"no chromium at {CHROMIUM} (make chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("AKG_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A view opened in a fresh page, with what it logged, asked for and tried to open."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False) -> None:
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.add_init_script(TRAP)
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")
        self.page.wait_for_function(READY, timeout=30_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.url or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def counts(self) -> tuple[set[str], int]:
        nodes, edges = self.page.evaluate("() => [akgView.nodes.getIds(), akgView.edges.length]")
        return set(nodes), edges

    def edge_point(self, edge_id: str) -> dict | None:
        """A point of the drawn edge, in page coordinates, where no node and no other edge lies."""
        return self.page.evaluate(
            """(id) => {
              const net = akgView.network;
              const box = document.getElementById("akg-network").getBoundingClientRect();
              for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
                const dom = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(t));
                if (dom.x < 5 || dom.y < 5 || dom.x > box.width - 5 || dom.y > box.height - 5) continue;
                if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === id) {
                  return {x: box.left + dom.x, y: box.top + dom.y};
                }
              }
              return null;
            }""",
            edge_id,
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def open_(path: Path, bypass_csp: bool = False) -> Opened:
        pages.append(Opened(browser, path, bypass_csp))
        return pages[-1]

    yield open_
    for page in pages:
        page.close()


# --- the seed corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_graph) -> Graph:
    """The seed graph read by rdflib alone, its named graphs merged: what the expectations query."""
    ds = Dataset()
    ds.parse(seed_graph, format="trig")
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


@pytest.fixture(scope="module")
def seed_doc(seed) -> str:
    """The seed document that states the most claims."""
    rows = seed.query(
        PREFIX
        + """SELECT ?id (COUNT(DISTINCT ?c) AS ?n) WHERE {
            ?c akg:statedIn ?d . ?d <http://purl.org/dc/terms/identifier> ?id .
            FILTER NOT EXISTS { ?c a akg:TextSpan } }
            GROUP BY ?id ORDER BY DESC(?n) ?id LIMIT 1"""
    )
    return str(next(iter(rows))[0])


@pytest.fixture(scope="module")
def seed_views(seed_graph, seed_doc, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("views")
    graph = read_graph(seed_graph)
    out = {}
    for view in VIEWS:
        out[view] = folder / f"{view}.html"
        summary = render_view(graph, out[view], view, doc=seed_doc if view == "document" else None)
        assert not summary.aggregated and summary.nodes > 0
    return out


def _select(graph: Graph, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(v) for v in row) for row in graph.query(PREFIX + query)}


def expected_actors(graph: Graph) -> tuple[set[str], int]:
    """Actors taking part in an accusation or rebuttal; one edge per (from, to, kind)."""
    accusations = _select(
        graph,
        """SELECT DISTINCT ?s ?t ?kind WHERE {
            ?c a akg:Accusation ; akg:accuser ?s ; akg:accused ?t .
            BIND(IF(EXISTS { ?c akg:counterTo ?x }, "counter", "accusation") AS ?kind) }""",
    )
    rebuttals = _select(
        graph,
        """SELECT DISTINCT ?s ?t WHERE {
            ?r a akg:Rebuttal ; akg:rebutter ?s ; akg:rebuts ?a . ?a a akg:Accusation ; akg:accuser ?t }""",
    )
    nodes = {a for row in accusations | rebuttals for a in row[:2]}
    # each actor's affiliation, drawn up to its principals
    affiliations = {
        (a, b)
        for actor in nodes
        for a, b in _select(
            graph, f"SELECT ?a ?b WHERE {{ <{actor}> akg:affiliatedWith* ?a . ?a akg:affiliatedWith ?b }}"
        )
    }
    nodes |= {a for pair in affiliations for a in pair}
    return nodes, len(accusations) + len(rebuttals) + len(affiliations)


_CLAIM_TYPES = "akg:Accusation akg:Rebuttal akg:Incident akg:Response " + " ".join(
    f"akg:{t}" for t in ("Indictment", "Sanction", "AmbassadorSummons", "DialogueSuspension", "Cooperation")
)
_ACTOR_LINKS = "akg:accuser akg:accused akg:rebutter akg:target akg:by akg:against"
_CLAIM_LINKS = "akg:rebuts akg:counterTo akg:concerns"


def expected_claims(graph: Graph, claims: set[str]) -> tuple[set[str], int]:
    """``claims`` and the actors they name; one edge per link to an actor or to a drawn claim."""
    links = _select(
        graph,
        f"""SELECT DISTINCT ?c ?p ?o WHERE {{
            ?c ?p ?o . VALUES ?p {{ {_ACTOR_LINKS} {_CLAIM_LINKS} }} }}""",
    )
    actor_props = {str(AKG[p.removeprefix("akg:")]) for p in _ACTOR_LINKS.split()}
    edges = {(c, p, o) for c, p, o in links if c in claims and (p in actor_props or o in claims)}
    actors = {o for _, p, o in edges if p in actor_props}
    disputes = {(c, d) for c, d in _select(graph, "SELECT ?c ?d WHERE { ?c akg:inDispute ?d }") if c in claims}
    return claims | actors | {d for _, d in disputes}, len(edges) + len(disputes)


def expected_claims_view(graph: Graph) -> tuple[set[str], int]:
    claims = {c for (c,) in _select(graph, f"SELECT ?c WHERE {{ ?c a ?t VALUES ?t {{ {_CLAIM_TYPES} }} }}")}
    return expected_claims(graph, claims)


def expected_document_view(graph: Graph, doc_id: str) -> tuple[set[str], int]:
    """Claims stated in the document, what its rebuttals and counter-accusations answer, their
    incidents, and the actors all of them name."""
    doc = f'?d <http://purl.org/dc/terms/identifier> "{doc_id}" .'
    stated = {
        c
        for (c,) in _select(
            graph, f"SELECT ?c WHERE {{ {doc} ?c akg:statedIn ?d ; a ?t VALUES ?t {{ {_CLAIM_TYPES} }} }}"
        )
    }
    answered = {
        a
        for (a,) in _select(
            graph,
            f"""SELECT ?a WHERE {{ {doc} ?c akg:statedIn ?d .
                ?c (akg:rebuts|akg:counterTo)/akg:counterTo* ?a . ?a a akg:Accusation }}""",
        )
    }
    accusations = {c for (c,) in _select(graph, "SELECT ?c WHERE { ?c a akg:Accusation }")}
    concerned = {
        (a, i) for a, i in _select(graph, "SELECT ?a ?i WHERE { ?a a akg:Accusation ; akg:concerns ?i }")
    }
    kept_accusations = (stated & accusations) | answered
    incidents = {i for a, i in concerned if a in kept_accusations} | {
        i
        for (i,) in _select(graph, f"SELECT ?i WHERE {{ {doc} ?i a akg:Incident ; akg:statedIn ?d }}")
        if i not in {i for _, i in concerned}
    }
    kept = (stated - {i for (i,) in _select(graph, "SELECT ?i WHERE { ?i a akg:Incident }")}) | answered
    return expected_claims(graph, kept | incidents)


@pytest.mark.parametrize("view", VIEWS)
def test_view_browser_loads_without_errors(opened, seed_views, view):
    page = opened(seed_views[view])
    assert page.errors == [] and page.blocked == [] and page.dialogs == []
    state = page.page.evaluate(
        """() => ({layout: akgView.layout, physics: akgView.network.physics.physicsEnabled,
                  title: document.querySelector("h1").textContent,
                  legend: document.querySelectorAll(".akg-legend li").length,
                  canvas: document.querySelectorAll("#akg-network canvas").length})"""
    )
    assert state["layout"] == "physics" and state["physics"] is False  # settled, then stopped
    assert state["legend"] >= 3 and state["canvas"] == 1
    assert state["title"].startswith(
        {"actors": "Who accuses whom", "claims": "Claims", "document": "Claims stated"}[view]
    )


def test_view_browser_actors_counts_match_graph(opened, seed, seed_views):
    nodes, edges = expected_actors(seed)
    assert (page_counts := opened(seed_views["actors"]).counts()) == (nodes, edges)
    assert len(page_counts[0]) > 5 and edges > 5


def test_view_browser_claims_counts_match_graph(opened, seed, seed_views):
    assert opened(seed_views["claims"]).counts() == expected_claims_view(seed)


def test_view_browser_document_counts_match_graph(opened, seed, seed_views, seed_doc):
    nodes, edges = expected_document_view(seed, seed_doc)
    assert opened(seed_views["document"]).counts() == (nodes, edges)
    assert edges > 0


def test_view_browser_hover_edge_shows_quote(opened, seed_views):
    page = opened(seed_views["actors"])
    tip = page.page.locator("#akg-tip")
    assert tip.is_hidden()
    edges = page.page.evaluate("""() => Object.values(akgView.network.body.edges).map((e) => e.id)""")
    for edge_id in edges:
        point = page.edge_point(edge_id)
        if point is None:
            continue
        quote = page.page.evaluate(
            """(id) => { const d = JSON.parse(document.getElementById("graph-data").textContent);
                         const e = d.edges.find((x) => x.id === id);
                         return (e.tip.claims || []).flatMap((c) => c.quotes)[0] || null; }""",
            edge_id,
        )
        if quote is None:
            continue
        page.page.mouse.move(point["x"], point["y"])
        tip.wait_for(state="visible", timeout=5_000)
        assert quote in tip.locator(".akg-quote").first.text_content()
        head = tip.locator(".akg-claim-head").first.text_content()
        assert head.startswith(("Accusation", "Counter", "Rebuttal"))
        page.page.mouse.move(2, 2)
        tip.wait_for(state="hidden", timeout=5_000)
        break
    else:
        pytest.fail("no edge with a quote could be hovered")
    assert page.errors == []


def test_view_browser_click_edge_lists_claims_and_source(opened, seed_views):
    page = opened(seed_views["actors"])
    claim_edges = page.page.evaluate(
        """() => JSON.parse(document.getElementById("graph-data").textContent).edges
                   .filter((e) => e.kind !== "affiliation").map((e) => e.id)"""
    )
    point = next(p for e in claim_edges if (p := page.edge_point(e)))
    page.page.mouse.click(point["x"], point["y"])
    details = page.page.locator("#akg-details")
    details.locator(".akg-card").wait_for(timeout=5_000)
    assert details.locator(".akg-quote").count() >= 1
    assert "Source: " in details.locator(".akg-doc").first.text_content()
    assert page.errors == [] and page.blocked == []


def test_view_browser_search_finds_and_dims(opened, seed_views):
    page = opened(seed_views["actors"])
    page.page.fill("#akg-search", "chine")
    found = page.page.locator("#akg-found")
    assert found.text_content().endswith(("match", "matches")) and not found.text_content().startswith("0")
    dimmed = page.page.evaluate("() => akgView.nodes.get().filter((n) => n.opacity < 1).length")
    selected = page.page.evaluate("() => akgView.network.getSelectedNodes().length")
    total = page.page.evaluate("() => akgView.nodes.length")
    assert selected >= 1 and dimmed == total - selected
    page.page.fill("#akg-search", "")
    assert page.page.evaluate("() => akgView.nodes.get().filter((n) => n.opacity < 1).length") == 0


def test_view_browser_layout_stays_still_once_ready(opened, seed_views):
    page = opened(seed_views["claims"])
    before = page.page.evaluate("() => akgView.network.getPositions()")
    page.page.wait_for_timeout(400)
    assert page.page.evaluate("() => akgView.network.getPositions()") == before
    spread = {(round(p["x"]), round(p["y"])) for p in before.values()}
    assert len(spread) == len(before)  # not piled up


# --- hostile input ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_views(tmp_path_factory) -> dict[str, Path]:
    """tests/data/view_fixture.trig plus an actor label and an alias that try to set window.__pwned."""
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    zhao = URIRef("https://w3id.org/akg/id/person/zhao-lijian")
    graph.add((zhao, RDFS.label, Literal("<img src=x onerror=\"window.__pwned='label'\">")))
    graph.add(
        (
            zhao,
            URIRef("http://www.w3.org/2004/02/skos/core#altLabel"),
            Literal("<svg onload=\"window.__pwned='alias'\"></svg><script>window.__pwned='s'</script>"),
        )
    )
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for view in VIEWS:
        out[view] = folder / f"{view}.html"
        render_view(graph, out[view], view, doc="vw_02.txt" if view == "document" else None)
    return out


@pytest.mark.parametrize("csp", ["with-csp", "without-csp"])
@pytest.mark.parametrize("view", VIEWS)
def test_view_browser_hostile_fixture_runs_nothing(opened, hostile_views, view, csp):
    # Without its Content Security Policy too: the escaping alone must hold.
    page = opened(hostile_views[view], bypass_csp=csp == "without-csp")
    # Show every tooltip and every details card: each builds the hostile strings into the page.
    shown = page.page.evaluate(
        """() => {
          const net = akgView.network, texts = [];
          const tip = document.getElementById("akg-tip");
          const items = akgView.nodes.getIds().map((id) => ["Node", id])
            .concat(akgView.edges.getIds().map((id) => ["Edge", id]));
          for (const [kind, id] of items) {
            net.emit("hover" + kind, {[kind.toLowerCase()]: id, pointer: {DOM: {x: 10, y: 10}}});
            texts.push(tip.textContent);
            net.emit("click", {nodes: kind === "Node" ? [id] : [], edges: kind === "Edge" ? [id] : []});
            texts.push(document.getElementById("akg-details").textContent);
          }
          return texts.join("\\n");
        }"""
    )
    page.page.fill("#akg-search", "<script>")
    page.page.keyboard.press("Enter")
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("() => window.__pwned") is None
    assert page.dialogs == [] and page.blocked == [] and page.errors == []
    # The hostile strings are there, as text: no element was made from them.
    assert "onerror=alert(1)>" in shown
    if view != "document":
        assert "<script>alert(1)</script>" in shown
    markup = page.page.evaluate(
        """() => document.querySelectorAll("img, svg, iframe, object, embed, body * script").length"""
    )
    assert markup == 0
    assert page.page.evaluate("() => document.scripts.length") == 3
    links = page.page.evaluate("() => Array.from(document.querySelectorAll('a')).map((a) => a.href)")
    assert all(link.startswith("https://") for link in links)


# --- large views -----------------------------------------------------------------------------


def test_view_browser_large_view_is_laid_out_in_advance(opened, seed_graph, tmp_path, monkeypatch):
    monkeypatch.setattr(view_layout, "_PHYSICS_MAX_NODES", 10)
    out = tmp_path / "large.html"
    summary = render_view(read_graph(seed_graph), out, "claims")
    page = opened(out)
    assert page.errors == [] and page.blocked == []
    state = page.page.evaluate(
        """() => ({layout: akgView.layout, physics: akgView.network.physics.physicsEnabled,
                  positions: akgView.network.getPositions(), nodes: akgView.nodes.length,
                  note: document.querySelector(".akg-note").textContent})"""
    )
    assert state["layout"] == "fixed" and state["physics"] is False and state["nodes"] == summary.nodes
    assert "laid out in advance" in state["note"]
    spread = {(round(p["x"]), round(p["y"])) for p in state["positions"].values()}
    assert len(spread) == summary.nodes


def test_view_browser_empty_view_is_ready(opened, seed_graph, tmp_path):
    out = tmp_path / "empty.html"
    assert render_view(read_graph(seed_graph), out, until="1900").nodes == 0
    page = opened(out)
    assert page.errors == [] and "Nothing to show" in page.page.locator(".akg-note").text_content()


# --- the dispute view (kg.view.timeline) ------------------------------------------------------


@pytest.fixture(scope="module")
def dispute_views(seed_graph, coathanger_dataset, tmp_path_factory) -> dict[str, Path]:
    """The seeds' dispute view, and the two Coathanger documents with markup in every quote, an https
    source on one document and a javascript: source on the other."""
    from kg.view.timeline import render_dispute_view

    folder = tmp_path_factory.mktemp("disputes")
    ds = Dataset()
    for s, p, o, g in coathanger_dataset[0].quads((None, None, None, None)):
        if p == AKG.quote:
            o = Literal("<img src=x onerror=\"window.__pwned='quote'\"><script>alert(1)</script>" + str(o))
        ds.add((s, p, o, g))
    source = URIRef("http://purl.org/dc/terms/source")
    for name, url in (("b17_06_coathanger-pays-bas.txt", "https://example.org/coathanger"),
                      ("b17_13_police-neerlandaise-acteur-etatique.txt", "javascript:window.__pwned='href'")):
        ds.add((URIRef(f"https://w3id.org/akg/id/doc/{name}"), source, URIRef(url),
                URIRef(f"https://w3id.org/akg/id/graph/{name}")))
    out = {"seeds": folder / "seeds.html", "hostile": folder / "hostile.html"}
    render_dispute_view(read_graph(seed_graph), out["seeds"])
    render_dispute_view(read_graph(ds), out["hostile"])
    return out


@pytest.mark.parametrize("which", ["seeds", "hostile"])
def test_view_browser_dispute_view_shows_each_thread_in_date_order(opened, dispute_views, which):
    page = opened(dispute_views[which])
    assert page.errors == [] and page.blocked == [] and page.dialogs == []
    assert page.page.evaluate("() => window.__pwned") is None
    state = page.page.evaluate(
        """() => ({disputes: akgView.disputes, steps: akgView.steps,
                  drawn: document.querySelectorAll("li.akg-step").length,
                  months: Array.from(document.querySelectorAll("section.akg-dispute")).map((s) =>
                    Array.from(s.querySelectorAll(".akg-when")).map((w) => w.textContent.slice(0, 7))),
                  quotes: Array.from(document.querySelectorAll(".akg-quote")).map((q) => q.textContent),
                  markup: document.querySelectorAll("img, iframe, object, embed, body * script").length,
                  links: Array.from(document.querySelectorAll("a")).map((a) => a.href)})"""
    )
    assert state["drawn"] == state["steps"] > 0 and len(state["months"]) == state["disputes"] > 0
    for months in state["months"]:
        assert months == sorted(months)
    assert state["markup"] == 0
    assert all(link.startswith("https://") for link in state["links"])
    if which == "hostile":
        # the markup is shown as text; the https source is a link, the javascript: one is not
        assert all(q.startswith("<img src=x") for q in state["quotes"])
        assert "https://example.org/coathanger" in state["links"]
        inferred = page.page.evaluate("() => document.querySelector('.akg-inferred').textContent")
        assert "b17_13_police-neerlandaise-acteur-etatique.txt" in inferred


def test_view_browser_fold_toggle_swaps_and_settles(opened, seed_views):
    page = opened(seed_views["actors"])
    before = page.page.evaluate("() => [akgView.nodes.length, akgView.edges.length, akgView.folded]")
    page.page.check("#akg-fold")
    page.page.wait_for_function(READY, timeout=30_000)
    folded = page.page.evaluate(
        """() => [akgView.nodes.length, akgView.edges.length, akgView.folded,
                  akgView.network.physics.physicsEnabled]"""
    )
    data = page.page.evaluate('() => JSON.parse(document.getElementById("graph-data").textContent).alternative')
    assert folded == [len(data["nodes"]), len(data["edges"]), True, False] and folded[0] < before[0]
    page.page.fill("#akg-search", "chine")
    assert page.page.locator("#akg-found").text_content() == "1 match"
    page.page.uncheck("#akg-fold")
    page.page.wait_for_function(READY, timeout=30_000)
    assert page.page.evaluate("() => [akgView.nodes.length, akgView.edges.length, akgView.folded]") == before
    assert page.errors == [] and page.blocked == []
