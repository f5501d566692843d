import json
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

import kg.evaluate as evaluate_module
from kg.evaluate import EvalError, Measure, evaluate, format_report, load_gold
from kg.query import query_text
from kg.source import StoreError

DATA = Path(__file__).parent / "data"
GRAPH = DATA / "eval_fixture.trig"
GOLD = DATA / "eval_fixture.gold.json"
SCORE_PY = DATA / "eval" / "score.py"  # the reference scorer, copied from shared/eval/


def _reference(graph: Path, gold: Path, tmp_path: Path) -> tuple[str, dict]:
    """Run the reference scorer (tests/data/eval/score.py): its stdout and its --json document."""
    out = tmp_path / "score.json"
    proc = subprocess.run([sys.executable, str(SCORE_PY), str(graph), str(gold), "--json", str(out)],
                          capture_output=True, text=True, check=True)
    return proc.stdout, json.loads(out.read_text(encoding="utf-8"))


def _without_headline(report) -> dict:
    data = report.to_json()
    del data["macro_f1"]
    return data


def test_evaluate_matches_reference_scorer(tmp_path):
    stdout, reference = _reference(GRAPH, GOLD, tmp_path)
    report = evaluate(GRAPH, GOLD)
    assert format_report(report) == stdout
    assert _without_headline(report) == reference


def test_evaluate_figures_on_fixture():
    report = evaluate(GRAPH, GOLD)
    counts = {k: (m.tp, m.fp, m.fn) for k, m in report.measures.items()}
    assert counts == {
        "accusations": (2, 2, 2),
        "rebuttals": (2, 1, 1),
        "strategies": (4, 2, 3),
        "states": (5, 1, 3),
        "persons": (3, 2, 1),
    }
    assert report.missing_documents == ["fx_04.txt"]
    assert round(report.headline, 3) == 0.594
    assert format_report(report).splitlines()[0] == "accusations  P=0.50 R=0.50 F1=0.50 (tp=2 fp=2 fn=2)"
    assert format_report(report).splitlines()[-1] == "MACRO_F1=0.594"


def test_evaluate_per_document_breakdown():
    report = evaluate(GRAPH, GOLD)
    fx02 = report.documents["fx_02.txt"]
    assert fx02.accusations.missed == (("GB", "RU"),)
    assert fx02.accusations.spurious == (("US", "CN"),)
    assert fx02.strategies["RU->US"].spurious == ("Protest", "Retaliation")
    assert fx02.persons.missed == ("Antony Blinken",)
    # an optional pair (EU->CN) and an optional strategy (Denial) cost nothing
    fx01 = report.documents["fx_01.txt"]
    assert fx01.accusations.spurious == (("CN", "BE"),)
    assert fx01.strategies["CN->BE"].spurious == ()
    assert not report.documents["fx_04.txt"].in_graph


def test_evaluate_verbose_lists_only_documents_with_errors():
    text = format_report(evaluate(GRAPH, GOLD), verbose=True)
    lines = text.splitlines()
    assert "  fx_02.txt: accusations missed GB->RU; spurious US->CN" in lines
    assert ("  fx_02.txt: strategies RU->US missed AttributionDifficulty; spurious Protest, Retaliation"
            in lines)
    assert "  fx_04.txt: not in the graph" in lines
    assert not any(line.startswith("  fx_01.txt: rebuttals") for line in lines)
    assert lines[-1] == "MACRO_F1=0.594"


def test_evaluate_accepts_a_store_and_other_formats(tmp_path):
    expected = evaluate(GRAPH, GOLD).to_json()
    store = ox.Store()
    store.bulk_load(path=str(GRAPH), format=ox.RdfFormat.TRIG)
    assert evaluate(store, GOLD).to_json() == expected
    dataset = rdflib.Dataset()
    dataset.parse(GRAPH, format="trig")
    for ext, fmt in (("nq", "nquads"), ("jsonld", "json-ld")):
        path = tmp_path / f"graph.{ext}"
        dataset.serialize(path, format=fmt)
        assert evaluate(path, GOLD).to_json() == expected


def test_evaluate_gold_folder_merges_files(tmp_path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = list(gold["documents"])
    for i, part in enumerate((names[:2], names[2:])):
        doc = {"format": "akg-gold/1", "documents": {n: gold["documents"][n] for n in part}}
        (tmp_path / f"part{i}.json").write_text(json.dumps(doc), encoding="utf-8")
    assert evaluate(GRAPH, tmp_path).to_json() == evaluate(GRAPH, GOLD).to_json()
    assert list(load_gold(tmp_path)) == names


def test_evaluate_gold_folder_rejects_a_document_twice(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text(GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(EvalError, match="annotated twice"):
        load_gold(tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    ('{"format": "akg-gold/2", "documents": {}}', "not an akg-gold/1 gold file"),
    ("[1, 2]", "not an akg-gold/1 gold file"),
    ("{not json", "not JSON"),
    ('{"format": "akg-gold/1", "documents": []}', "'documents' must be an object"),
    ('{"format": "akg-gold/1", "documents": {"x.txt": {"accusations": [{"accuser": "CN"}]}}}',
     "lacks accused"),
    ('{"format": "akg-gold/1", "documents": {"x.txt": {"states": "CN"}}}', "'states' must be a list"),
])
def test_evaluate_rejects_bad_gold(tmp_path, content, message):
    path = tmp_path / "gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        evaluate(GRAPH, path)


def test_evaluate_rejects_unreadable_graph(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        evaluate(tmp_path / "absent.trig", GOLD)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="broken.ttl"):
        evaluate(broken, GOLD)
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="unknown RDF extension"):
        evaluate(odd, GOLD)
    with pytest.raises(EvalError, match="no such gold"):
        evaluate(GRAPH, tmp_path / "absent.json")


def test_evaluate_prf_edge_cases():
    assert (Measure(0, 0, 0).precision, Measure(0, 0, 0).recall, Measure(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert (Measure(0, 0, 2).precision, Measure(0, 0, 2).f1) == (0.0, 0.0)
    assert Measure(0, 3, 0).recall == 1.0 and Measure(0, 3, 0).precision == 0.0


# --- randomised comparison with the reference scorer ---------------------------------------------

_B = "https://w3id.org/akg/id/"
_PREFIX = ("@prefix akg: <https://w3id.org/akg/ontology#> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n"
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
_CODES = ["CN", "RU", "US", "BE", "EU", "KP"]
_NAMES = ["Wang Wenbin", "Mao Ning", "John Smith", "Li Wei", "Jean-Noël Barrot", "Al", "Maria Zakharova"]
_STRATS = ["Denial", "LackOfEvidence", "Politicization", "Protest", "CounterAccusation", "Retaliation"]


def _random_case(seed: int) -> tuple[str, dict]:
    """A graph and a gold file that exercise the scorer's corner cases, drawn from ``seed``.

    The gold mixes what the graph says (hits) with pairs, strategies and names it does not say.
    """
    rng = random.Random(seed)
    names = [f"r{i}.txt" for i in range(5)]
    text, accuser_code, truth = [_PREFIX], {}, {}
    for i, name in enumerate(names[:4]):  # the last gold document is missing from the graph
        doc = f"<{_B}doc/{i}>"
        quads = [f'{doc} a akg:Document ; dcterms:identifier "corpus/{name}" .']
        if rng.random() < 0.2:  # a second document node with the same file name
            quads.append(f'<{_B}doc/{i}bis> a akg:Document ; dcterms:identifier "{name}" .')
        said = truth[name] = {"accusations": [], "rebuttals": [], "states": [], "persons": []}
        actors = {}
        for code in rng.sample(_CODES, rng.randint(2, 5)):
            cls = "akg:InternationalOrganization" if code == "EU" else "akg:State"
            state, org, person = f"<{_B}state/{code}>", f"<{_B}org/{code}{i}>", f"<{_B}person/{code}{i}>"
            label = rng.choice(_NAMES)
            quads.append(f'{state} a {cls}, akg:Actor ; akg:code "{code}" ; akg:mentionedIn {doc} .')
            quads.append(f"{org} a akg:Organization ; akg:affiliatedWith {state} .")
            quads.append(f'{person} a akg:Person ; rdfs:label "{label}" ; '
                         f"akg:affiliatedWith {org} ; akg:mentionedIn {doc} .")
            actors.update(dict.fromkeys((state, org, person), code))
            said["states"].append(code)
            said["persons"].append(label)
        for j in range(rng.randint(0, 5)):
            acc, x, y = f"<{_B}accusation/{i}-{j}>", rng.choice(list(actors)), rng.choice(list(actors))
            quads.append(f"{acc} a akg:Accusation ; akg:statedIn {doc} ; akg:accuser {x} ; akg:accused {y} .")
            accuser_code[acc] = actors[x]
            said["accusations"].append((actors[x], actors[y]))
        for j in range(rng.randint(0, 3) if accuser_code else 0):
            chosen = rng.sample(_STRATS, rng.randint(1, 3))
            strategies = ", ".join(f"akg:{s}" for s in chosen)
            x, acc = rng.choice(list(actors)), rng.choice(list(accuser_code))
            quads.append(f"<{_B}rebuttal/{i}-{j}> a akg:Rebuttal ; akg:statedIn {doc} ; "
                         f"akg:rebutter {x} ; akg:rebuts {acc} ; akg:strategy {strategies} .")
            said["rebuttals"].append((actors[x], accuser_code[acc], chosen))
        text.append(f"<{_B}graph/{i}> {{\n" + "\n".join(quads) + "\n}\n")

    def some(items, extra):
        """A few of ``items`` (what the graph says) and a few of ``extra``."""
        items = list(items)
        return rng.sample(items, rng.randint(0, len(items))) + rng.sample(extra, rng.randint(0, 2))

    random_pairs = [tuple(rng.sample(_CODES, 2)) for _ in range(4)]
    gold = {}
    for name in names:
        said = truth.get(name, {"accusations": [], "rebuttals": [], "states": [], "persons": []})
        rebuttals = some(said["rebuttals"], [(a, b, []) for a, b in random_pairs])
        gold[name] = {
            "accusations": [{"accuser": a, "accused": b}
                            for a, b in some(set(said["accusations"]), random_pairs)],
            "optional_accusations": [{"accuser": a, "accused": b} for a, b in some([], random_pairs)],
            "rebuttals": [{"rebutter": a, "rebuts_accuser": b,
                           "strategies": some(strategies, _STRATS),
                           "optional_strategies": rng.sample(_STRATS, rng.randint(0, 1))}
                          for a, b, strategies in rebuttals],
            "optional_rebuttals": [{"rebutter": a, "rebuts_accuser": b} for a, b in some([], random_pairs)],
            "states": some(set(said["states"]), _CODES),
            "optional_states": rng.sample(_CODES, rng.randint(0, 1)),
            "persons": some(set(said["persons"]), _NAMES) + ["Antony Blinken"],
            "optional_persons": rng.sample(_NAMES, rng.randint(0, 1)),
        }
    return "".join(text), {"format": "akg-gold/1", "documents": gold}


@pytest.mark.parametrize("seed", range(6))
def test_evaluate_matches_reference_scorer_on_random_graphs(tmp_path, seed):
    trig, gold = _random_case(seed)
    graph, gold_path = tmp_path / "graph.trig", tmp_path / "gold.json"
    graph.write_text(trig, encoding="utf-8")
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    stdout, reference = _reference(graph, gold_path, tmp_path)
    report = evaluate(graph, gold_path)
    assert format_report(report) == stdout
    assert _without_headline(report) == reference


# score.py's own accusations, rebuttals and states queries, verbatim
_REFERENCE_QUERIES = {
    "accusations": """SELECT DISTINCT ?doc ?cx ?cy WHERE {
      ?a a akg:Accusation ; akg:statedIn ?doc ; akg:accuser ?x ; akg:accused ?y .
      ?x akg:affiliatedWith* ?px . ?px akg:code ?cx .
      ?y akg:affiliatedWith* ?py . ?py akg:code ?cy . }""",
    "rebuttals": """SELECT DISTINCT ?r ?doc ?cx ?cy WHERE {
      ?r a akg:Rebuttal ; akg:statedIn ?doc ; akg:rebutter ?x ; akg:rebuts ?a .
      ?a akg:accuser ?y .
      ?x akg:affiliatedWith* ?px . ?px akg:code ?cx .
      ?y akg:affiliatedWith* ?py . ?py akg:code ?cy . }""",
    "states": """SELECT DISTINCT ?doc ?c WHERE { ?s akg:code ?c ; akg:mentionedIn ?doc .
      { ?s a akg:State } UNION { ?s a akg:InternationalOrganization } }""",
}


def _reference_rows(store, text):
    """The rows of a reference query, with the prefixes of kg/queries/internal/evaluate/."""
    prefixes = [line for line in query_text("internal/evaluate/documents.rq").splitlines()
                if line.startswith("PREFIX ")]
    result = store.query("\n".join([*prefixes, text]), use_default_graph_as_union=True)
    return [tuple(None if sol[i] is None else sol[i].value for i in range(len(result.variables)))
            for sol in result]


@pytest.mark.parametrize("seed", [None, *range(6)])
def test_evaluate_queries_answer_like_the_reference(seed):
    store = ox.Store()
    if seed is None:
        store.bulk_load(path=str(GRAPH), format=ox.RdfFormat.TRIG)
    else:
        store.bulk_load(input=_random_case(seed)[0].encode(), format=ox.RdfFormat.TRIG)
    for name, reference in _REFERENCE_QUERIES.items():
        ours = evaluate_module._select(store, name)
        theirs = _reference_rows(store, reference)
        assert set(ours) == set(theirs) and len(ours) == len(theirs), name
        assert ours or seed is not None, name


@pytest.mark.parametrize(("gold", "corpus"), [
    (DATA / "eval" / "seeds.gold.json", Path(__file__).parents[1] / "corpus"),
    (DATA / "eval" / "dev" / "dev.gold.json", DATA / "eval" / "dev" / "corpus"),
])
def test_evaluate_gold_sets_in_the_repository_cover_their_corpus(gold, corpus):
    """The seed and development gold sets (copied from shared/eval/) ship with the repository, each with
    a gold entry for every document of its corpus and no other."""
    documents = load_gold(gold)
    names = {path.name for path in corpus.glob("*.txt")}
    assert names and set(documents) == names
