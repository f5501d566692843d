"""How fast ``kg viz`` is on a large graph: write the view, then open it in headless Chromium.

Input: nothing (a synthetic graph in the akg vocabulary is generated with a fixed seed: States,
threat actors, organisations and persons affiliated with them, accusations, counter-accusations and
rebuttals with dates, documents and quotes, so that the actors view has exactly ``--nodes`` nodes
and ``--edges`` edges). Output: timings printed on stdout; no assertion (issue #5's targets are
printed beside them).

    .venv/bin/python benchmarks/bench_view.py                    # 5,000 nodes, 20,000 edges
    .venv/bin/python benchmarks/bench_view.py --nodes 500 --edges 2000 --keep /tmp/bench

The browser part needs Playwright (test extra) and Debian's chromium (``make chromium``). Every
request except the file itself is aborted, as in tests/test_view_browser.py. "Interactive" is the
moment the page's script sets ``window.akgView.ready``: physics stabilised and stopped, or, for a
graph drawn with a precomputed layout, the first frame drawn.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import AKG, DEFAULT_BASE, STRATEGIES
from kg.view import render_view

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WORDS = (
    "cyberattaques serveurs piratage espionnage infrastructures ministère réseaux données campagne "
    "hackers accusations preuves responsabilité gouvernement agence sécurité"
).split()


def synthetic_graph(nodes: int, edges: int, seed: int = 5) -> Graph:
    """A graph whose actors view has ``nodes`` actors and ``edges`` distinct edges."""
    rng = random.Random(seed)
    g = Graph()
    g.bind("akg", str(AKG._NS))
    base = DEFAULT_BASE
    states = max(2, nodes // 50)
    codes = ["".join(p) for p in product(string.ascii_uppercase, repeat=3)][:states]
    actors = []
    for i in range(nodes):
        iri = URIRef(f"{base}actor/a{i:05d}")
        if i < states:
            g.add((iri, RDF.type, AKG.State))
            g.add((iri, AKG.code, Literal(codes[i])))
            g.add((iri, RDFS.label, Literal(f"État {codes[i]}", lang="fr")))
        else:
            kind = (AKG.ThreatActor, AKG.Organization, AKG.Person)[i % 3]
            g.add((iri, RDF.type, kind))
            g.add((iri, RDFS.label, Literal(f"acteur {i}", lang="fr")))
            g.add((iri, AKG.affiliatedWith, actors[rng.randrange(states)]))
        g.add((iri, RDF.type, AKG.Actor))
        actors.append(iri)
    docs = []
    for d in range(max(1, edges // 20)):
        doc = URIRef(f"{base}doc/d{d:05d}")
        g.add((doc, RDF.type, AKG.Document))
        g.add((doc, DCTERMS.identifier, Literal(f"d{d:05d}.txt")))
        g.add((doc, DCTERMS.title, Literal(f"Document {d}", lang="fr")))
        g.add((doc, DCTERMS.source, URIRef(f"https://example.org/d{d}")))
        day = f"20{10 + d % 15}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        g.add((doc, DCTERMS.date, Literal(day, datatype=XSD.date)))
        docs.append(doc)

    def claim(kind: str, n: int, cls: URIRef) -> URIRef:
        iri = URIRef(f"{base}{kind}/c{n:06d}")
        doc = rng.choice(docs)
        span = URIRef(f"{base}span/{kind}{n:06d}")
        g.add((iri, RDF.type, cls))
        g.add((iri, AKG.statedIn, doc))
        g.add((iri, AKG.date, Literal(f"20{10 + n % 15}-{1 + n % 12:02d}", datatype=XSD.gYearMonth)))
        g.add((iri, AKG.evidence, span))
        g.add((span, RDF.type, AKG.TextSpan))
        g.add((span, AKG.quote, Literal(" ".join(rng.choices(WORDS, k=14)))))
        g.add((span, AKG.start, Literal(n % 5000)))
        g.add((span, AKG.end, Literal(n % 5000 + 90)))
        g.add((span, AKG.statedIn, doc))
        return iri

    # Every actor takes part in at least one accusation, so each one is a node of the view.
    n_accusations = edges - edges // 5
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for i in range(nodes):
        pair = (i, (i + 1 + rng.randrange(nodes - 1)) % nodes)
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    while len(pairs) < n_accusations:
        pair = (rng.randrange(nodes), rng.randrange(nodes))
        if pair[0] != pair[1] and pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    accusations = []
    for n, (a, b) in enumerate(pairs[:n_accusations]):
        iri = claim("accusation", n, AKG.Accusation)
        g.add((iri, AKG.accuser, actors[a]))
        g.add((iri, AKG.accused, actors[b]))
        accusations.append((iri, a, b))
    rebutted: set[tuple[int, int]] = set()
    n = 0
    while len(rebutted) < edges - n_accusations:
        iri_acc, accuser, accused = rng.choice(accusations)
        if (accused, accuser) in rebutted:
            continue
        rebutted.add((accused, accuser))
        iri = claim("rebuttal", n, AKG.Rebuttal)
        g.add((iri, AKG.rebutter, actors[accused]))
        g.add((iri, AKG.rebuts, iri_acc))
        for name in rng.sample(STRATEGIES, 2):
            g.add((iri, AKG.strategy, AKG[name]))
        n += 1
    return g


def _only(url: str):
    """A route handler letting ``url`` (and data:/blob: URLs) through and aborting anything else."""

    def handle(route) -> None:
        if route.request.url == url or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    return handle


def open_in_chromium(pages: list[Path]) -> list[dict]:
    """Open each page in one headless Chromium; time until ``window.akgView.ready``."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            url = path.resolve().as_uri()
            page.route("**/*", _only(url))
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))  # noqa: B023
            start = time.perf_counter()
            page.goto(url, wait_until="load", timeout=300_000)
            loaded = time.perf_counter() - start
            page.wait_for_function(
                "() => window.akgView && window.akgView.ready", timeout=300_000, polling=50
            )
            wall = time.perf_counter() - start
            info = page.evaluate(
                """() => {
                  const v = window.akgView;
                  const t0 = performance.now(); v.network.redraw(); const frame = performance.now() - t0;
                  return {readyAt: v.readyAt / 1000, frame: frame, layout: v.layout,
                          nodes: v.nodes.length, edges: v.edges.length};
                }"""
            )
            results.append({"path": path, "loaded": loaded, "wall": wall, "errors": errors, **info})
            page.close()
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="Folder to keep the HTML files in.")
    parser.add_argument("--no-browser", action="store_true", help="Only time writing the views.")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_view."))
    folder.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(f"synthetic graph: {len(graph)} triples in {time.perf_counter() - start:.1f} s (not counted)")

    full = folder / "actors-full.html"
    start = time.perf_counter()
    summary = render_view(graph, full, "actors", max_nodes=None)
    took = time.perf_counter() - start
    size = full.stat().st_size / 1e6
    print(
        f"write actors view, every actor: {summary.nodes} nodes, {summary.edges} edges, {size:.1f} MB "
        f"in {took:.2f} s (target < 10 s)"
    )
    merged = folder / "actors-default.html"
    start = time.perf_counter()
    summary = render_view(graph, merged, "actors")
    print(
        f"write actors view, default --max-nodes: {summary.nodes} nodes, {summary.edges} edges "
        f"(aggregated: {summary.aggregated}) in {time.perf_counter() - start:.2f} s"
    )
    if args.no_browser:
        return 0
    for r in open_in_chromium([full, merged]):
        print(
            f"open {r['path'].name}: {r['nodes']} nodes, {r['edges']} edges; load event {r['loaded']:.2f} s, "
            f"interactive at {r['readyAt']:.2f} s after navigation ({r['wall']:.2f} s wall; target < 15 s); "
            f"layout {r['layout']}; one redraw {r['frame']:.0f} ms"
            + (f"; ERRORS: {r['errors']}" if r["errors"] else "")
        )
    if not args.keep:
        for path in (full, merged):
            path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
