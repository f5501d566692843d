"""kg.view.timeline: the dispute view, a timeline of each dispute's steps with quotes and documents."""

import base64
import hashlib
import json
import re

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from kg.cli import cli
from kg.namespaces import AKG
from kg.query import load_source, run_named
from kg.view import ViewError, read_graph
from kg.view.timeline import render_dispute_view

HOSTILE = '</script><img src=x onerror="alert(1)">&amp;'
DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="dispute-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_view_timeline_every_dispute_in_date_order(seed_graph, tmp_path):
    summary = render_dispute_view(read_graph(seed_graph), tmp_path / "d.html")
    data = _data((tmp_path / "d.html").read_text(encoding="utf-8"))
    listing = list(run_named(load_source(seed_graph), "disputes").records())
    assert [d["dispute"] for d in data["disputes"]] == [d["dispute"] for d in listing]
    assert (summary.disputes, summary.steps) == (5, sum(len(d["steps"]) for d in data["disputes"]))
    for d in data["disputes"]:
        months = [s["date"][:7] for s in d["steps"] if s["date"]]
        assert months == sorted(months)
        assert all(s["quote"] and s["document"] for s in d["steps"])
    # the seeds' manifest gives titles, no source URL: the page names each document (and links it when it
    # has a source, see test_view_browser.py)
    assert all(s["title"] and s["source"] == "" for d in data["disputes"] for s in d["steps"])


def test_view_timeline_one_dispute_across_documents(coathanger_dataset, tmp_path):
    graph = read_graph(coathanger_dataset[0])
    (listing,) = [d for d in run_named(load_source(graph), "disputes").records() if (d["accusers"], d["accused"]) == ("NL", "CN")]
    short = "dispute/" + listing["dispute"].rsplit("/", 1)[-1]
    summary = render_dispute_view(graph, tmp_path / "one.html", dispute=short)
    (d,) = _data((tmp_path / "one.html").read_text(encoding="utf-8"))["disputes"]
    assert summary.steps == len(d["steps"]) == 5
    (rebuttal,) = [s for s in d["steps"] if s["step"] == "Rebuttal"]
    assert rebuttal["inferredFrom"] == "b17_13_police-neerlandaise-acteur-etatique.txt"
    with pytest.raises(ViewError, match="no dispute 'dispute/nothing'"):
        render_dispute_view(graph, tmp_path / "none.html", dispute="dispute/nothing")


@pytest.fixture(scope="module")
def hostile_graph(coathanger_dataset):
    """The two documents with markup in every quote and a javascript: source."""
    ds = Dataset()
    for s, p, o, g in coathanger_dataset[0].quads((None, None, None, None)):
        if p == AKG.quote:
            o = Literal(HOSTILE + str(o))
        ds.add((s, p, o, g))
    for doc in set(ds.subjects(None, AKG.Document)) or {
            s for s, _p, _o, _g in ds.quads((None, None, AKG.Document, None))}:
        ds.add((doc, DCT_SOURCE, URIRef("javascript:alert(1)"), URIRef(str(doc).replace("/doc/", "/graph/"))))
    return ds


def test_view_timeline_escapes_the_graph(hostile_graph, tmp_path):
    render_dispute_view(read_graph(hostile_graph), tmp_path / "h.html")
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "<img" not in page and "</script><" not in page.replace("</script>\n<script>", "")
    data = _data(page)
    assert all(s["quote"].startswith(HOSTILE) for d in data["disputes"] for s in d["steps"])
    # one script, allowed by its hash; no network
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}';" in page and "default-src 'none'" in page
    assert not re.search(r"(src|href)=\"https?:", page)


def test_view_timeline_cli(seed_graph, tmp_path):
    out = tmp_path / "d.html"
    result = CliRunner().invoke(cli, ["viz", str(seed_graph), "--view", "dispute", "-o", str(out)],
                                catch_exceptions=False)
    assert (result.exit_code, result.output) == (0, f"{out}: 5 disputes, 26 steps\n")
    again = tmp_path / "e.html"
    CliRunner().invoke(cli, ["viz", str(seed_graph), "--view", "dispute", "-o", str(again)], catch_exceptions=False)
    assert out.read_bytes() == again.read_bytes()
    result = CliRunner().invoke(cli, ["viz", str(seed_graph), "--dispute", "x", "-o", str(out)])
    assert result.exit_code == 2 and "--dispute goes with --view dispute" in result.output


@pytest.mark.slow
def test_view_timeline_is_the_same_page_in_another_process(seed_graph, tmp_path):
    """Lists of several actors (« Australie, Canada, … ») come in one order whatever the string-hash seed."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"d{seed}.html"
        subprocess.run([sys.executable, "-m", "kg", "viz", str(seed_graph), "--view", "dispute", "-o", str(out)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    assert "Australie, Canada, Nouvelle-Zélande, Royaume-Uni" in pages[0].decode("utf-8")
