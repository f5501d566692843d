"""akg: knowledge graphs of cyber-attribution discourse, from French documents.

The public API, one stage per module (read → parse → extract → map to RDF → build → query, score,
view, validate). Names are loaded on first use, so ``import kg`` stays fast: spaCy, rdflib and
pyoxigraph are imported only by the stage that needs them.

>>> import kg
>>> str(kg.AKG.Accusation)
'https://w3id.org/akg/ontology#Accusation'
>>> [q.name for q in kg.list_queries()][:2]
['accusations', 'actor']

A build in a notebook::

    ds, summary = kg.build_dataset(kg.read_corpus(["corpus"]))
    kg.serialize(ds, "graph.trig")
    kg.run_named("graph.trig", "actor", {"actor": "Chine"}).records()

Two stages share their name with their main function, and the name is the module (as Python's
import system sets it): call ``kg.extract.extract(doc_id, doc)`` and ``kg.evaluate.evaluate(graph, gold)``.
"""

from __future__ import annotations

import importlib

# public name -> the module (of this package) that defines it
_API = {
    # read: files -> SourceDocument
    "read_document": "read", "read_documents": "read", "read_sources": "read",
    "SourceDocument": "read", "Skipped": "read", "ReadError": "read",
    # parse: text -> spaCy Doc
    "load_nlp": "parse",
    # map: Extraction records -> RDF
    "add_document": "rdf", "new_dataset": "rdf", "Minter": "rdf",
    # build: corpus -> Dataset -> file
    "read_corpus": "build", "build_dataset": "build", "serialize": "build",
    "BuildError": "build", "BuildSummary": "build",
    # store: Oxigraph store folders
    "open_store": "store", "export_store": "store", "StoreError": "store",
    # export for CTI platforms: STIX 2.1
    "write_stix": "stix", "stix_bundle": "stix", "StixError": "stix",
    # query, score, count, draw, check
    "run_query": "query", "run_named": "query", "list_queries": "query", "format_result": "query",
    "QueryError": "query",
    "format_report": "evaluate", "EvalError": "evaluate",
    "graph_stats": "stats", "format_stats": "stats",
    "render_view": "view", "ViewError": "view",
    "validate_graph": "validate", "check_quotes": "validate", "load_graph": "validate",
    "ValidationError": "validate",
    # the vocabulary
    "AKG": "namespaces", "DEFAULT_BASE": "namespaces",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("akg")
        except PackageNotFoundError:  # running from a checkout that was never installed
            value = "0+unknown"
    elif name in _API:
        value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
