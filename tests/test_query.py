import csv
import gc
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.query import (
    FORMATS,
    PREFIXES,
    QueryError,
    QueryResult,
    format_result,
    list_queries,
    load_query,
    load_query_file,
    load_source,
    page_query,
    run_named,
    run_query,
)
from kg.source import StoreError

GRAPH = Path(__file__).parent / "data" / "eval_fixture.trig"
LIBRARY = {"accusations", "rebuttals", "actor", "timeline", "strategies", "matrix", "documents",
           "responses", "statistics"}
# read the disputes graph that kg build computes (kg.disputes): tested on built graphs below
DISPUTE_QUERIES = {"disputes", "dispute"}
INJECTIONS = [
    'Chine" } ; DROP ALL ; {',
    'x" ) } UNION { ?match ?p ?o } #',
    "Chine' } }",
    '"""}}"""',
    "\\\" } ;",
]
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def store():
    return load_source(GRAPH)


def test_query_library_lists_every_query_with_its_header():
    queries = {q.name: q for q in list_queries()}
    assert LIBRARY | DISPUTE_QUERIES <= set(queries)
    for q in queries.values():
        assert q.description, q.name
        assert q.sparql.lstrip().startswith("# description:")
    assert [p.name for p in queries["actor"].params] == ["actor"]
    assert "case-insensitively" in queries["actor"].params[0].description
    assert [p.name for p in queries["dispute"].params] == ["dispute"]
    assert all(not queries[n].params for n in LIBRARY - {"actor"})


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_named_query_runs_on_fixture(store, name):
    params = {p.name: "Chine" for p in load_query(name).params}
    result = run_named(store, name, params)
    assert result.kind == "select"
    assert len(result) > 0
    for fmt in ("table", "json", "csv", "tsv"):
        assert format_result(result, fmt)


def test_query_accusations_gives_principals(store):
    rows = list(run_named(store, "accusations").records())
    pairs = {(r["accuserPrincipal"], r["accusedPrincipal"]) for r in rows}
    assert pairs == {("BE", "CN"), ("EU", "CN"), ("CN", "BE"), ("US", "RU"), ("US", "CN"), ("RU", "RU")}
    wilmes = next(r for r in rows if r["accuser"] == "Sophie Wilmès")
    assert wilmes["document"] == "fx_01.txt"
    assert wilmes["date"] == "2022-07-18"
    assert wilmes["quote"] == "La Belgique dénonce les activités malveillantes d'APT31."


def test_query_rebuttals_group_strategies(store):
    rows = {r["rebutter"]: r for r in run_named(store, "rebuttals").records()}
    assert set(rows["Wang Wenbin"]["strategies"].split()) == {
        "Denial", "LackOfEvidence", "Politicization", "CounterAccusation"}
    assert rows["Wang Wenbin"]["rebuttedPrincipal"] == "BE"
    assert rows["Dmitri Peskov"]["rebutterPrincipal"] == "RU"


def test_query_matrix_and_strategies_count(store):
    matrix = {(r["accuser"], r["accused"]): int(r["accusations"])
              for r in run_named(store, "matrix").records()}
    assert matrix[("US", "CN")] == 1 and matrix[("BE", "CN")] == 1
    strategies = {(r["principal"], r["strategy"]): int(r["rebuttals"])
                  for r in run_named(store, "strategies").records()}
    assert strategies[("CN", "https://w3id.org/akg/ontology#Denial")] == 2


def test_query_timeline_is_in_date_order(store):
    dates = [r["date"] for r in run_named(store, "timeline").records()]
    assert dates == sorted(dates)
    assert len(dates) == 12


def test_query_actor_matches_label_alias_or_code(store):
    def claims(value):
        return {(r["relation"], r["claim"]) for r in run_named(store, "actor", {"actor": value}).records()}

    assert claims("chine") == claims("CN") == claims("cn")
    assert ("accused by", "https://w3id.org/akg/id/accusation/fx01-a1") in claims("Chine")
    # the spokesman's rebuttal is China's
    assert ("rebutted", "https://w3id.org/akg/id/rebuttal/fx01-r1") in claims("CN")
    assert ("accused", "https://w3id.org/akg/id/accusation/fx01-a1") in claims("zirconium") | claims("Wilm")
    assert ("mentioned in", None) in claims("FR")


@pytest.mark.parametrize("value", INJECTIONS)
def test_query_param_is_a_plain_value(store, value):
    before = len(store)
    result = run_named(store, "actor", {"actor": value})
    assert result.rows == []
    assert len(store) == before


def test_query_raw_query_binds_params(store):
    # the union of the named graphs repeats a triple stated in several graphs: DISTINCT
    sparql = "SELECT DISTINCT ?code ?s WHERE { ?s akg:code ?code }"
    rows = run_query(store, sparql, params={"code": "CN"}).rows
    assert [r[1].value for r in rows] == ["https://w3id.org/akg/id/state/CN"]
    assert run_query(store, sparql, params={"code": 'CN" } ; DROP ALL ; {'}).rows == []


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: run_named(s, "actor"), "needs parameter"),
    (lambda s: run_named(s, "actor", {"actor": "x", "other": "y"}), "takes no parameter 'other'"),
    (lambda s: run_named(s, "nope"), "unknown query 'nope'"),
    (lambda s: run_named(s, "../evaluate"), "unknown query"),
    (lambda s: run_query(s, "SELECT ?x WHERE { ?x ?y }"), "SPARQL syntax error"),
    (lambda s: run_query(s, "DROP ALL"), "SPARQL syntax error"),
    (lambda s: run_query(s, "ASK { ?s akg:code ?c FILTER(?c = ?v) }", params={"v": "CN"}), "SELECT clause"),
    (lambda s: run_query(s, "SELECT ?v WHERE {}", params={"v w": "x"}), "bad parameter name"),
])
def test_query_errors_are_one_line(store, call, message):
    with pytest.raises(QueryError, match=message) as info:
        call(store)
    assert "\n" not in str(info.value)


def test_query_unreadable_sources(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        run_named(tmp_path / "absent.trig", "documents")
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="broken.trig"):
        run_named(broken, "documents")
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(StoreError, match="unknown RDF extension"):
        run_named(odd, "documents")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        run_named(tmp_path, "documents")


def test_query_sources_agree(tmp_path):
    expected = run_named(GRAPH, "matrix").rows
    on_disk = tmp_path / "store"
    writer = ox.Store(str(on_disk))
    writer.bulk_load(path=str(GRAPH), format=ox.RdfFormat.TRIG)
    writer.flush()
    del writer
    gc.collect()
    assert run_named(on_disk, "matrix").rows == expected
    dataset = rdflib.Dataset()
    dataset.parse(GRAPH, format="trig")
    assert run_named(dataset, "matrix").rows == expected
    jsonld = tmp_path / "graph.jsonld"
    dataset.serialize(jsonld, format="json-ld")
    assert run_named(jsonld, "matrix").rows == expected


def _reference_serialization(store, sparql, fmt):
    answer = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
    return answer.serialize(format=fmt).decode("utf-8")


SAMPLE = """SELECT ?s ?label ?date ?missing ?b WHERE {
  ?s rdfs:label ?label . OPTIONAL { ?s akg:date ?date } OPTIONAL { ?s akg:nothing ?missing }
  BIND(BNODE() AS ?b) }"""


def test_query_json_is_w3c_results(store):
    result = run_query(store, SAMPLE)
    data = json.loads(format_result(result, "json"))
    reference = json.loads(_reference_serialization(store, SAMPLE, ox.QueryResultsFormat.JSON))
    assert data["head"] == reference["head"] == {"vars": ["s", "label", "date", "missing", "b"]}

    def comparable(bindings):
        # blank node ids are the only part free to differ
        return sorted(json.dumps({k: v for k, v in b.items() if k != "b"}, sort_keys=True) for b in bindings)

    assert comparable(data["results"]["bindings"]) == comparable(reference["results"]["bindings"])
    first = data["results"]["bindings"][0]
    assert first["b"]["type"] == "bnode" and "missing" not in first
    chine = next(b for b in data["results"]["bindings"] if b["label"]["value"] == "Chine")
    assert chine["label"] == {"type": "literal", "value": "Chine", "xml:lang": "fr"}
    dated = next(b for b in data["results"]["bindings"] if "date" in b)
    assert dated["date"]["datatype"].startswith(XSD)


def test_query_csv_and_tsv_are_w3c_results(store):
    result = run_query(store, SAMPLE)
    text = format_result(result, "csv")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["s", "label", "date", "missing", "b"]
    assert len(rows) == len(result.rows) + 1
    assert all(r[3] == "" and r[4].startswith("_:") for r in rows[1:])
    assert {tuple(r[:3]) for r in rows[1:]} == {tuple("" if t is None else t.value for t in row[:3])
                                                for row in result.rows}
    tsv = format_result(result, "tsv")
    parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    assert [v.value for v in parsed.variables] == result.variables
    assert [tuple(sol[i] for i in range(3)) for sol in parsed] == [row[:3] for row in result.rows]


def test_query_formats_escape_awkward_values():
    store = ox.Store()
    awkward = 'a "quoted", tabbed\tand\nmultiline value'
    store.add(ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal(awkward)))
    result = run_query(store, "SELECT ?o WHERE { ?s ?p ?o }")
    assert json.loads(format_result(result, "json"))["results"]["bindings"][0]["o"]["value"] == awkward
    assert list(csv.reader(io.StringIO(format_result(result, "csv"), newline="")))[1] == [awkward]
    parsed = ox.parse_query_results(format_result(result, "tsv"), ox.QueryResultsFormat.TSV)
    assert next(iter(parsed))["o"].value == awkward
    assert "\t" not in format_result(result, "table").splitlines()[2]


def test_query_table_compacts_iris(store):
    table = format_result(run_named(store, "strategies"), "table")
    lines = table.splitlines()
    assert lines[0].split() == ["principal", "principalLabel", "strategy", "rebuttals"]
    assert "akg:Denial" in table and "https://" not in table
    assert lines[-1] == "(7 rows)"
    accusations = format_result(run_named(store, "accusations"), "table")
    assert "id:accusation/fx01-a1" in accusations
    assert "…" in accusations  # long quotes are shortened


def test_query_ask_and_construct(store):
    ask = run_query(store, "ASK { ?s akg:code 'CN' }")
    assert ask.kind == "ask" and ask.boolean is True
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    construct = run_query(store, "CONSTRUCT { ?s akg:code ?c } WHERE { ?s akg:code ?c }")
    assert construct.kind == "graph" and len(construct) == 6
    turtle = format_result(construct, "turtle")
    assert "@prefix akg:" in turtle
    assert len(rdflib.Graph().parse(data=turtle, format="turtle")) == 6
    assert len(rdflib.Graph().parse(data=format_result(construct, "ntriples"), format="nt")) == 6
    assert "id:state/CN" in format_result(construct, "table")
    with pytest.raises(QueryError, match="CONSTRUCT"):
        format_result(run_named(store, "matrix"), "turtle")
    with pytest.raises(QueryError, match="SELECT"):
        format_result(construct, "csv")
    with pytest.raises(QueryError, match="unknown format"):
        format_result(construct, "yaml")


def test_query_file_declares_params(tmp_path, store):
    path = tmp_path / "by_code.rq"
    path.write_text("# description: an actor by code\n# param: code - an ISO code\n"
                    "SELECT DISTINCT ?code ?s WHERE { ?s akg:code ?code }\n", encoding="utf-8")
    query = load_query_file(path)
    assert query.name == "by_code" and query.description == "an actor by code"
    assert [(p.name, p.description) for p in query.params] == [("code", "an ISO code")]
    assert len(run_query(store, query.sparql, params={"code": "RU"})) == 1
    with pytest.raises(QueryError, match="cannot read"):
        load_query_file(tmp_path / "absent.rq")


def test_query_result_records_and_formats_constant():
    result = QueryResult("select", variables=["a"], rows=[(None,)])
    assert list(result.records()) == [{"a": None}]
    assert set(FORMATS) == {"table", "csv", "tsv", "json", "turtle", "ntriples"}


def test_query_jsonld_with_a_local_context(tmp_path):
    # pyoxigraph does not load a context given by IRI; the rdflib fallback reads the local file
    (tmp_path / "context.jsonld").write_text(
        '{"@context": {"akg": "https://w3id.org/akg/ontology#", "code": "akg:code"}}', encoding="utf-8")
    graph = tmp_path / "graph.jsonld"
    graph.write_text(
        '{"@context": "context.jsonld", "@id": "https://w3id.org/akg/id/state/CN", "code": "CN"}',
        encoding="utf-8")
    rows = run_query(graph, "SELECT ?s ?c WHERE { ?s akg:code ?c }").rows
    assert [(s.value, c.value) for s, c in rows] == [("https://w3id.org/akg/id/state/CN", "CN")]


def _repeated_actors_graph(n: int, claims: int = 1) -> str:
    """n document graphs, each repeating China and Belgium and stating ``claims`` of each claim (the same
    words each time) and a statistic."""
    def iri(path):
        return f"<https://w3id.org/akg/id/{path}>"

    cn, be = iri("state/CN"), iri("state/BE")
    parts = ["".join(f"@prefix {k}: <{v}> .\n" for k, v in PREFIXES.items())]
    for i in range(n):
        doc = iri(f"doc/{i}")
        lines = [f"{iri(f'graph/{i}')} {{",
                 f'{doc} a akg:Document ; dcterms:identifier "d{i}.txt" .',
                 f'{cn} a akg:State, akg:Actor ; rdfs:label "Chine"@fr ; akg:code "CN" ; akg:mentionedIn {doc} .',
                 f'{be} a akg:State, akg:Actor ; rdfs:label "Belgique"@fr ; akg:code "BE" ;',
                 f'    akg:mentionedIn {doc} .',
                 f"{iri(f'statistic/{i}')} a akg:Statistic ; akg:value {i % 3}.5 ; akg:source {cn} ; akg:statedIn {doc} ."]
        for k in range(claims):
            key = f"{i}-{k}" if k else f"{i}"
            acc = iri(f"accusation/{key}")
            lines += [f"{acc} a akg:Accusation ; akg:accuser {be} ; akg:accused {cn} ; akg:statedIn {doc} .",
                      f"{iri(f'rebuttal/{key}')} a akg:Rebuttal ; akg:rebutter {cn} ; akg:rebuts {acc} ;",
                      f"    akg:strategy akg:Denial ; akg:statedIn {doc} .",
                      f"{iri(f'response/{key}')} a akg:Response, akg:Sanction ; akg:by {be} ; akg:against {cn} ;",
                      f"    akg:statedIn {doc} ."]
        parts.append("\n".join([*lines, "}\n"]))
    return "".join(parts)


def test_query_repeated_canonical_actors_do_not_multiply_rows():
    # Canonical actors are repeated in every document graph that mentions them (docs/graph.md):
    # the union of the graphs returns each repeat, so the queries must not join them naively.
    n = 40
    store = ox.Store()
    store.bulk_load(input=_repeated_actors_graph(n).encode(), format=ox.RdfFormat.TRIG)
    accusations = list(run_named(store, "accusations").records())
    assert len(accusations) == n
    assert {(r["accuser"], r["accuserPrincipal"], r["accused"], r["accusedPrincipal"])
            for r in accusations} == {("Belgique", "BE", "Chine", "CN")}
    assert [r["rebuttedPrincipal"] for r in run_named(store, "rebuttals").records()] == ["BE"] * n
    responses = run_named(store, "responses").records()
    assert [(r["byPrincipal"], r["againstPrincipal"]) for r in responses] == [("BE", "CN")] * n
    assert list(run_named(store, "matrix").records()) == [
        {"accuser": "BE", "accused": "CN", "accusations": str(n)}]
    assert len(run_named(store, "timeline")) == 3 * n
    # accused by, rebutted, response against, mentioned in: n of each
    assert len(run_named(store, "actor", {"actor": "CN"})) == 4 * n


@pytest.mark.parametrize("label", [*INJECTIONS, "Groupe {x}", "a;b", "DROP GRAPH <urn:g>",
                                   "ligne\nsuivante \\ fin"])
def test_query_param_matches_its_value_literally(label):
    """A value holding quotes, braces, ``;`` or ``DROP`` finds the actor whose name holds exactly it."""
    store = ox.Store()
    actor, doc = ox.NamedNode("https://w3id.org/akg/id/actor/x"), ox.NamedNode("https://w3id.org/akg/id/doc/d")
    akg = PREFIXES["akg"]
    for p, o in ((ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(akg + "Actor")),
                 (ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal(label)),
                 (ox.NamedNode(akg + "mentionedIn"), doc)):
        store.add(ox.Quad(actor, p, o))
    store.add(ox.Quad(doc, ox.NamedNode(PREFIXES["dcterms"] + "identifier"), ox.Literal("d.txt")))
    before = len(store)
    rows = list(run_named(store, "actor", {"actor": label}).records())
    assert rows and {r["actor"] for r in rows} == {label}
    assert {r["match"] for r in rows} == {actor.value}
    assert len(store) == before


# --- pages -----------------------------------------------------------------------------------------

PAGES = [(0, None), (1, None), (2, 1), (5, 3), (100, None), (3, 10_000), (None, 2), (1, 0)]


def _assert_pages_are_slices(store, name, params=None):
    whole = run_named(store, name, params).rows
    assert whole, name
    for limit, offset in PAGES:
        page = run_named(store, name, params, limit=limit, offset=offset).rows
        start = offset or 0
        assert page == whole[start:start + limit if limit is not None else None], (name, limit, offset)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_page_is_the_slice_of_the_whole_listing(seed_graph, name):
    # the listings cut their rows in a subquery (# page:): the page must still be exactly the slice
    store = load_source(seed_graph)
    _assert_pages_are_slices(store, name, {p.name: "Chine" for p in load_query(name).params})


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_query_page_with_tied_sort_keys(name):
    # 40 documents saying the same thing three times: rows tie on every sort key but the last
    store = ox.Store()
    store.bulk_load(input=_repeated_actors_graph(40, claims=3).encode(), format=ox.RdfFormat.TRIG)
    _assert_pages_are_slices(store, name, {p.name: "CN" for p in load_query(name).params})


def test_query_page_cuts_the_marked_subquery_and_the_query():
    text = "SELECT * WHERE {\n  { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n    # page: here\n  }\n} ORDER BY ?s"
    assert page_query(text) == text
    assert page_query(text, limit=10, offset=5) == text.replace("    # page: here", "LIMIT 15") + "\nLIMIT 10 OFFSET 5"
    assert page_query(text, offset=5) == text + "\nOFFSET 5"


@pytest.mark.parametrize("bad", [-1, True, 1.5, "10", "1; DROP ALL"])
def test_query_page_bounds_must_be_integers(store, bad):
    for page in ({"limit": bad}, {"offset": bad}):
        with pytest.raises(QueryError, match="must be an integer >= 0"):
            run_named(store, "documents", **page)


def test_query_page_of_a_query_with_its_own_limit(store):
    with pytest.raises(QueryError, match="LIMIT of its own"):
        run_query(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", limit=2)
    # a query ending in a comment is still cut
    assert len(run_query(store, "SELECT ?s WHERE { ?s ?p ?o } # the end", limit=2)) == 2


# --- disputes (kg.disputes, #13) ---------------------------------------------------------------------


def test_query_disputes_one_row_per_dispute(seed_graph):
    store = load_source(seed_graph)
    rows = list(run_named(store, "disputes").records())
    assert len(rows) == len(list(store.quads_for_pattern(
        None, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["akg"] + "Dispute"))))
    # the July 2021 joint attribution: eight accusations of one document, the allies together
    (joint,) = [r for r in rows if r["about"].startswith("Microsoft")]
    assert (joint["accusations"], joint["rebuttals"], joint["documents"]) == ("8", "0", "1")
    assert set(joint["accusers"].split()) == {"US", "GB", "EU", "AU", "CA", "NZ", "NO"}
    assert joint["accused"] == "CN" and joint["firstDate"] == "2021-03"
    # first dates in order
    dates = [r["firstDate"] for r in rows]
    assert dates == sorted(dates)
    _assert_pages_are_slices(store, "disputes")
    # the README tour shows this very listing
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert format_result(run_named(store, "disputes")) in readme


def test_query_dispute_thread_across_documents(coathanger_dataset):
    store = load_source(coathanger_dataset[0])
    (listing,) = [r for r in run_named(store, "disputes").records() if r["accusers"] == "NL" and r["accused"] == "CN"]
    assert listing["documents"] == "2"
    short = listing["dispute"].rsplit("/", 2)[-2] + "/" + listing["dispute"].rsplit("/", 1)[-1]
    for given in (listing["dispute"], short, "id:" + short):
        thread = list(run_named(store, "dispute", {"dispute": given}).records())
        assert [r["claim"] for r in thread] == [r["claim"] for r in run_named(
            store, "dispute", {"dispute": listing["dispute"]}).records()]
    dates = [r["date"] for r in thread]
    assert dates == sorted(dates)
    assert all(r["quote"] for r in thread)
    (rebuttal,) = [r for r in thread if r["step"] == "Rebuttal"]
    assert rebuttal["link"] == "read in its text"
    assert rebuttal["inferredFrom"] == "b17_13_police-neerlandaise-acteur-etatique.txt"
    assert rebuttal["document"] == "b17_06_coathanger-pays-bas.txt"


@pytest.mark.parametrize("value", [*INJECTIONS, "", "dispute/"])
def test_query_dispute_param_is_bound_not_spliced(coathanger_dataset, value):
    store = load_source(coathanger_dataset[0])
    assert len(run_named(store, "dispute", {"dispute": value})) == 0
