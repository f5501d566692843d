"""Named SPARQL queries over an akg graph.

Input: a graph (an RDF file, a folder holding an on-disk Oxigraph store, a ``pyoxigraph.Store`` or an
rdflib graph) and a SPARQL query, raw or named (``kg/queries/<name>.rq``). Output: a
:class:`QueryResult` (SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples) and its text forms:
an aligned table, the W3C SPARQL 1.1 JSON, CSV and TSV results formats, Turtle and N-Triples.

Queries see the union of all named graphs (and the default graph) as their default graph. That
union returns a triple once per graph that states it, and canonical actors are stated in every
document graph that mentions them: use DISTINCT, and look actors up in DISTINCT subqueries (as the
library's queries do) rather than joining their repeated triples.
Parameters are bound as ``xsd:string`` literals through pyoxigraph's substitutions (SPARQL SEP-0007),
never spliced into the query text, so a value cannot change the query; a bound variable must
appear in the SELECT clause.

A page (``limit``, ``offset``: integers, checked) is cut by the store: ``LIMIT``/``OFFSET`` end the
query, and a line ``# page: …`` in a listing becomes ``LIMIT offset+limit``, so that the subquery
it ends (ordered as the listing, each of its solutions giving one row) picks the page's rows before
their details are read. A page is exactly that slice of the whole listing (tested).

>>> [q.name for q in list_queries()][:3]
['accusations', 'actor', 'documents']
>>> [p.name for p in load_query("actor").params]
['actor']
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from kg.namespaces import DEFAULT_BASE, PREFIXES
from kg.source import Source, first_line, open_source

__all__ = [
    "FORMATS",
    "PREFIXES",
    "NamedQuery",
    "Param",
    "QueryError",
    "QueryResult",
    "Source",
    "format_result",
    "list_queries",
    "load_query",
    "load_query_file",
    "load_source",
    "page_query",
    "query_text",
    "run_declared",
    "run_named",
    "run_query",
]


#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "tsv", "json", "turtle", "ntriples")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
# SPARQL VARNAME, ASCII subset: parameter names are also CLI option values.
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER = re.compile(r"#\s*(description|param)\s*:\s*(.*)")
# "actor — a label or code" (em dash, en dash or a spaced hyphen separates name and meaning)
_PARAM = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:(?:—|–|\s-)\s*(.*))?")
_TABLE_WIDTH = 60
# the line of a listing's subquery where the page is cut
_PAGE_MARK = re.compile(r"^[ \t]*# page:.*$", re.MULTILINE)

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class QueryError(Exception):
    """A query that cannot run: bad SPARQL, unknown name, missing parameter. (A graph that cannot be
    read raises :class:`kg.source.StoreError`.)"""


#: The loader of every graph source, under the name this module gave it first.
load_source = open_source


@dataclass(frozen=True)
class Param:
    """A parameter a named query takes: bound to ``?name`` as a string literal."""

    name: str
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its name, what it answers, its parameters and its text."""

    name: str
    description: str
    params: tuple[Param, ...]
    sparql: str


@dataclass
class QueryResult:
    """What a query returned, materialised.

    ``kind`` is ``"select"`` (``variables`` and ``rows``, each row a tuple of pyoxigraph terms or
    ``None`` when unbound), ``"ask"`` (``boolean``) or ``"graph"`` (``triples``, for CONSTRUCT and
    DESCRIBE).
    """

    kind: TypingLiteral["select", "ask", "graph"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def records(self) -> Iterator[dict[str, str | None]]:
        """SELECT rows as dicts of plain values (IRI, lexical form or blank node id)."""
        for row in self.rows:
            yield {v: None if t is None else t.value for v, t in zip(self.variables, row, strict=True)}


# --- the library of named queries ------------------------------------------------------------------


def _query_dir():
    return resources.files("kg") / "queries"


@functools.cache
def query_text(path: str) -> str:
    """The text of ``kg/queries/<path>``, read once: the library's own queries, e.g.
    ``"internal/stats/types.rq"`` (``internal/`` holds those that are not named queries: ``kg query
    --list`` lists the top folder only) or ``"disputes/answers.rq"``. Values are bound through
    substitutions, never spliced into the text.

    >>> query_text("internal/stats/types.rq").splitlines()[0]
    '# The number of distinct instances of each class (rdf:type as stated, no inference).'
    """
    return _query_dir().joinpath(*path.split("/")).read_text(encoding="utf-8")


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    entries = [e for e in _query_dir().iterdir() if e.name.endswith(".rq")]
    return sorted((_parse_query(e.name[:-3], e.read_text(encoding="utf-8")) for e in entries),
                  key=lambda q: q.name)


def load_query(name: str) -> NamedQuery:
    """The named query ``name`` (``kg/queries/<name>.rq``)."""
    entry = _query_dir() / f"{name}.rq"
    if not _NAME.fullmatch(name) or not entry.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"unknown query {name!r} (known: {known})")
    return _parse_query(name, entry.read_text(encoding="utf-8"))


def load_query_file(path: str | PathLike) -> NamedQuery:
    """A query read from a file; its header comments may declare a description and parameters."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read the query ({first_line(e)})") from e
    return _parse_query(path.stem, text)


def _parse_query(name: str, text: str) -> NamedQuery:
    """Read the header: the leading ``#`` lines ``# description: …`` and ``# param: name — …``."""
    description, params = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _HEADER.fullmatch(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "description":
            description = value.strip()
        else:
            p = _PARAM.fullmatch(value.strip())
            if not p:
                raise QueryError(f"query {name!r}: bad parameter declaration {value!r}")
            params.append(Param(p.group(1), (p.group(2) or "").strip()))
    return NamedQuery(name, description, tuple(params), text)


# --- running ---------------------------------------------------------------------------------------


def run_named(source: Source, name: str, params: Mapping[str, str] | None = None, *,
              limit: int | None = None, offset: int | None = None) -> QueryResult:
    """Run the named query ``name``; ``params`` must give exactly the parameters it declares,
    ``limit`` and ``offset`` a page of the rows (see the module docstring)."""
    return run_declared(source, load_query(name), params, limit=limit, offset=offset)


def run_declared(source: Source, query: NamedQuery, params: Mapping[str, str] | None = None, *,
                 limit: int | None = None, offset: int | None = None) -> QueryResult:
    """Run a :class:`NamedQuery` after checking ``params`` against the ones it declares."""
    params = dict(params or {})
    declared = [p.name for p in query.params]
    missing = [p for p in declared if p not in params]
    if missing:
        raise QueryError(f"query {query.name!r} needs parameter(s): {', '.join(missing)}")
    unknown = [p for p in params if p not in declared]
    if unknown:
        takes = ", ".join(declared) if declared else "none"
        raise QueryError(f"query {query.name!r} takes no parameter {unknown[0]!r} (takes: {takes})")
    return run_query(source, query.sparql, params=params, limit=limit, offset=offset)


def page_query(sparql: str, limit: int | None = None, offset: int | None = None) -> str:
    """``sparql`` cut to ``limit`` rows after the first ``offset`` (both ``None``: unchanged).

    >>> print(page_query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", limit=10, offset=20))
    SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s
    LIMIT 10 OFFSET 20
    """
    for name, value in (("limit", limit), ("offset", offset)):
        # bool is an int subclass; only plain integers reach the query text
        if value is not None and (type(value) is not int or value < 0):
            raise QueryError(f"{name} must be an integer >= 0, got {value!r}")
    if limit is None and offset is None:
        return sparql
    if limit is not None:
        sparql = _PAGE_MARK.sub(f"LIMIT {(offset or 0) + limit}", sparql)
    # on a line of its own: the query may end with a comment
    return sparql + "\n" + " ".join(f"{k} {v}" for k, v in (("LIMIT", limit), ("OFFSET", offset))
                                   if v is not None)


def run_query(source: Source, sparql: str, *, params: Mapping[str, str] | None = None,
              limit: int | None = None, offset: int | None = None) -> QueryResult:
    """Run a SPARQL query on ``source``; each ``params`` item binds ``?name`` to a string literal;
    ``limit`` and ``offset`` end it with ``LIMIT``/``OFFSET`` (:func:`page_query`).

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("x")))
    >>> run_query(store, "SELECT ?v ?s WHERE { ?s ?p ?v }", params={"v": "x"}).rows
    [(<Literal value=x datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>, \
<NamedNode value=http://ex/a>)]
    """
    substitutions = {}
    for name, value in (params or {}).items():
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
        if not isinstance(value, str):
            raise QueryError(f"parameter {name!r}: the value must be a string")
        substitutions[ox.Variable(name)] = ox.Literal(value)
    sparql = page_query(sparql, limit, offset)
    store = open_source(source)
    try:
        answer = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                             substitutions=substitutions or None)
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [tuple(sol[i] for i in range(len(variables))) for sol in answer]
            return QueryResult("select", variables=variables, rows=rows)
        if isinstance(answer, ox.QueryTriples):
            return QueryResult("graph", triples=list(answer))
        return QueryResult("ask", boolean=bool(answer))
    except SyntaxError as e:
        paged = "" if limit is None and offset is None else " (paged: has the query a LIMIT of its own?)"
        raise QueryError(f"SPARQL syntax error: {first_line(e)}{paged}") from e
    except RuntimeError as e:
        message = first_line(e)
        if "projection" in message:
            # SEP-0007 substitutes projected variables only; ASK has no projection.
            raise QueryError(f"{message}: a parameter must be a variable of the SELECT clause") from e
        raise QueryError(f"query failed: {message}") from e
    except (OSError, ValueError) as e:
        raise QueryError(f"query failed: {first_line(e)}") from e


# --- formatting ------------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table", *, base: str = DEFAULT_BASE) -> str:
    """``result`` as text in ``fmt`` (one of :data:`FORMATS`).

    SELECT results: ``table``, ``json``, ``csv``, ``tsv`` (the last three are the W3C SPARQL 1.1
    results formats). ASK: any of these (``json`` gives ``{"head": {}, "boolean": …}``). CONSTRUCT
    and DESCRIBE: ``table``, ``turtle``, ``ntriples``. ``base`` is shortened to ``id:`` in tables
    and declared as that prefix in Turtle.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    prefixes = {**PREFIXES, "id": base}
    if result.kind == "graph":
        if fmt == "table":
            rows = [(t.subject, t.predicate, t.object) for t in result.triples]
            return _table(["subject", "predicate", "object"], rows, prefixes)
        if fmt in ("turtle", "ntriples"):
            rdf = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
            used = prefixes if fmt == "turtle" else None
            return ox.serialize(result.triples, format=rdf, prefixes=used).decode("utf-8")
        raise QueryError(f"format {fmt!r} is for SELECT and ASK results; use table, turtle or ntriples")
    if fmt in ("turtle", "ntriples"):
        raise QueryError(f"format {fmt!r} is for CONSTRUCT and DESCRIBE results; use table, json, csv or tsv")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return _json(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    return _table(result.variables, result.rows, prefixes)


def _json_term(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _json(result: QueryResult) -> str:
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _csv(result: QueryResult) -> str:
    # W3C CSV results: header of bare names, values without type, RFC 4180 quoting, CRLF.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    # W3C TSV results: ?-prefixed header, terms in N-Triples form (tabs and newlines escaped), LF.
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _short(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = term.value
        # the longest namespace wins, so id: (a base under w3id.org/akg/) beats a shorter one
        for prefix, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and len(text) > len(ns):
                text = f"{prefix}:{text[len(ns):]}"
                break
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.Triple):
        parts = (_short(t, prefixes) for t in (term.subject, term.predicate, term.object))
        text = "<< " + " ".join(parts) + " >>"
    else:
        text = term.value
    text = " ".join(text.split())
    return text if len(text) <= _TABLE_WIDTH else text[: _TABLE_WIDTH - 1] + "…"


def _table(variables: list[str], rows: list[tuple], prefixes: Mapping[str, str]) -> str:
    cells = [[_short(t, prefixes) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
