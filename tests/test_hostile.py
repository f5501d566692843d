"""Issue 6's Bar, end to end through the command line: a folder mixing the seed corpus with an empty
file, a PNG named .txt, cp1252, UTF-16, HTML and PDF copies of a seed, a 50 MB file and an English
text is built once for the module; ``kg build`` reports each problem on one line, builds every
readable French document, exits as documented, the copies state what the original states, the
graph validates, and a second build in another process gives the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import CORPUS, ROOT
from hostile_files import ENGLISH, html_page, pdf_bytes, png_bytes, sparse_file

import kg.build as build_module
from kg.build import serialize
from kg.cli import cli
from kg.namespaces import DEFAULT_BASE

SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))
SEED = "000_c65883a72b3ecb29.txt"  # every character of it exists in cp1252
COPIES = ("copie-cp1252.txt", "copie-utf16.txt", "copie.html", "copie.pdf")
HUGE = 50 * 1024 * 1024
FORMATS = (".trig", ".ttl", ".nq", ".jsonld")
# file -> what its one line must say
REFUSED = {
    "empty.txt": "empty file",
    "image.txt": "binary file (PNG image)",
    "huge.txt": f"file too large ({HUGE} bytes > limit {20 * 1024 * 1024})",
    "english.txt": "language en, not supported",
}
PREFIXES = """PREFIX akg: <https://w3id.org/akg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def run(*args) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@dataclass
class Built:
    folder: Path
    output: Path
    result: Result
    dataset: object  # the rdflib Dataset the command serialised
    summary: object


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The hostile folder, and ``kg build -q FOLDER -o OUT.trig`` run on it once."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    folder.mkdir()
    for name in [*SEEDS, "manifest.json"]:
        shutil.copy(CORPUS / name, folder / name)
    seed = (CORPUS / SEED).read_text(encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(png_bytes())
    (folder / "copie-cp1252.txt").write_bytes(seed.encode("cp1252"))
    (folder / "copie-utf16.txt").write_bytes(seed.encode("utf-16"))
    (folder / "copie.html").write_text(html_page(seed), encoding="utf-8")
    (folder / "copie.pdf").write_bytes(pdf_bytes(seed, title="Déclaration du porte-parole"))
    sparse_file(folder / "huge.txt", HUGE)
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")

    captured = {}
    real = build_module.build_dataset

    def spy(*args, **kwargs):
        captured["ds"], captured["summary"] = real(*args, **kwargs)
        return captured["ds"], captured["summary"]

    output = root / "hostile.trig"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_module, "build_dataset", spy)
        result = run("build", "-q", folder, "-o", output)
    return Built(folder, output, result, captured.get("ds"), captured.get("summary"))


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def test_hostile_build_exits_0_and_builds_every_french_document(built):
    r = built.result
    assert r.exit_code == 0, r.output
    assert "Traceback" not in r.output
    m = re.fullmatch(r"(.+): (\d+) documents, \d+ triples, \d+ accusations, \d+ rebuttals; (\d+) skipped\n",
                     r.stdout)
    assert m, r.stdout
    assert (m[1], int(m[2]), int(m[3])) == (str(built.output), len(SEEDS) + len(COPIES), len(REFUSED))
    rows = _store(built.output).query(
        PREFIXES + "SELECT DISTINCT ?g ?id WHERE { GRAPH ?g { ?d a akg:Document ; dcterms:identifier ?id } }")
    graphs = {row["id"].value: row["g"].value for row in rows}
    assert sorted(graphs) == sorted([*SEEDS, *COPIES])
    assert all(g == f"{DEFAULT_BASE}graph/{ident}" for ident, g in graphs.items())


def test_hostile_build_reports_each_problem_on_one_line(built):
    lines = built.result.stderr.splitlines()
    assert len(lines) == len(REFUSED), built.result.stderr
    for name, reason in REFUSED.items():
        (line,) = [x for x in lines if x.startswith(f"skipped {built.folder / name}: ")]
        assert line.removeprefix(f"skipped {built.folder / name}: ").startswith(reason), line


def test_hostile_build_strict_exits_1(built, monkeypatch):
    """--strict changes the exit status only; the extraction is the module's (not run again)."""
    def build_dataset(docs, *args, **kwargs):
        for _doc in docs:  # reading them is what reports the refused files
            pass
        return built.dataset, built.summary

    monkeypatch.setattr(build_module, "build_dataset", build_dataset)
    result = run("build", "-q", "--strict", built.folder, "-o", built.output.with_name("strict.trig"))
    assert result.exit_code == 1
    assert result.stderr == built.result.stderr
    assert "Traceback" not in result.output


def test_hostile_copies_state_the_same_accusations(built):
    """The (accuser principal, accused principal) pairs of each named graph, read in that graph alone."""
    rows = _store(built.output).query(PREFIXES + """SELECT DISTINCT ?id ?x ?y WHERE { GRAPH ?g {
        ?a a akg:Accusation ; akg:statedIn ?d ;
           akg:accuser/akg:affiliatedWith*/akg:code ?x ; akg:accused/akg:affiliatedWith*/akg:code ?y .
        ?d dcterms:identifier ?id } FILTER(?x != ?y) }""")
    pairs: dict[str, set] = {}
    for row in rows:
        pairs.setdefault(row["id"].value, set()).add((row["x"].value, row["y"].value))
    assert pairs.get(SEED), "the original states no accusation"
    for name in COPIES:
        assert pairs.get(name) == pairs[SEED], name


def test_hostile_graph_validates(built):
    result = run("validate", built.output, "--corpus", built.folder)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"{re.escape(str(built.output))}: conforms \(\d+ triples\)\n", result.stdout)


def test_hostile_graph_has_no_blank_nodes(built):
    """Facts are named by IRIs from stable keys: no blank node anywhere, so none for a claim or span."""
    (row,) = _store(built.output).query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }",
        use_default_graph_as_union=True)
    assert int(row["n"].value) == 0


@pytest.fixture(scope="module")
def rebuilt(built, tmp_path_factory) -> Path:
    """The folder built again through the library in another process, with another string-hash seed
    (set and dict orders that leak into the output would show), to each format."""
    script = ("import sys; from pathlib import Path; "
              "from kg.build import build_dataset, read_corpus, serialize; "
              "ds = build_dataset(read_corpus([Path(sys.argv[1])]))[0]; "
              "[serialize(ds, Path(sys.argv[2]) / ('graph' + s)) for s in sys.argv[3:]]")
    there = tmp_path_factory.mktemp("rebuilt")
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    subprocess.run([sys.executable, "-c", script, str(built.folder), str(there), *FORMATS], check=True,
                   cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
    return there


# rdflib's TriG and JSON-LD serializers write the named graphs in the order of a set, which the
# string-hash seed changes: kg.build.serialize must sort them
@pytest.mark.slow
@pytest.mark.parametrize("suffix", FORMATS)
def test_hostile_build_is_byte_identical_in_another_process(built, rebuilt, tmp_path, suffix):
    here = built.output if suffix == ".trig" else tmp_path / f"graph{suffix}"
    if suffix != ".trig":
        serialize(built.dataset, here)
    assert (rebuilt / f"graph{suffix}").read_bytes() == here.read_bytes()
