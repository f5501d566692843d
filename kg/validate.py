"""Validation: a graph (file or Oxigraph store folder) in, SHACL violations and evidence-offset
errors out.

``ontology/shapes.ttl`` states the contract (pyshacl checks it); one rule cannot be said in SHACL,
that each evidence quote equals the document text between its offsets, and is checked here when
the corpus is at hand.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal

from .data import data_file
from .source import StoreError, read_graph

# IRI prefixes shortened in printed violations, longest first
_SHORT = (("https://w3id.org/akg/ontology#", "akg:"), ("https://w3id.org/akg/id/", "id:"),
          ("http://purl.org/dc/terms/", "dcterms:"), ("http://www.w3.org/2004/02/skos/core#", "skos:"),
          ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
          ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"))


#: A graph that cannot be read: :class:`kg.source.StoreError`, under the name earlier versions gave it here.
ValidationError = StoreError


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        """One line: severity, focus node and path (prefixed names), message.

        >>> str(Violation("https://w3id.org/akg/id/span/x/1-2", "https://w3id.org/akg/ontology#quote", "bad"))
        'Violation: id:span/x/1-2 akg:quote: bad'
        """
        where = " ".join(x for x in (_short(self.focus), _short(self.path)) if x)
        return f"{self.severity}: {where}: {' '.join(self.message.split())}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def _short(iri: str) -> str:
    for long, short in _SHORT:
        if iri.startswith(long):
            return short + iri[len(long):]
    return iri


def load_graph(path: str | Path) -> Graph:
    """Read a graph file (any format of the build) or an Oxigraph store folder, merged into one
    rdflib Graph (the union of its named graphs); :func:`kg.source.read_graph` does the reading and
    raises :class:`kg.source.StoreError` on what it cannot read."""
    return read_graph(path)


def _data_graph(name: str) -> Graph:
    with resources.as_file(data_file(name)) as path:
        return Graph().parse(path)


def validate_graph(graph: Graph) -> ValidationReport:
    """Check ``graph`` against ``ontology/shapes.ttl`` (shipped as ``kg/data/shapes.ttl``); violations
    sorted by focus node and path."""
    import pyshacl
    from rdflib import RDF, SH

    shapes, ontology = _data_graph("shapes.ttl"), _data_graph("akg.ttl")
    conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                                inference="none", allow_warnings=True)
    report = ValidationReport(bool(conforms))
    for r in sorted(results.subjects(RDF.type, SH.ValidationResult)):
        report.violations.append(Violation(
            focus=str(results.value(r, SH.focusNode)),
            path=str(results.value(r, SH.resultPath) or ""),
            message=str(results.value(r, SH.resultMessage) or ""),
            severity=str(results.value(r, SH.resultSeverity) or "").rsplit("#", 1)[-1]))
    report.violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return report


def check_quotes(graph: Graph, corpus_texts: dict[str, str]) -> list[Violation]:
    """Each evidence quote must equal its document's text between its offsets.

    Spans of documents missing from ``corpus_texts`` are not checked (see :func:`unchecked_documents`);
    spans without integer offsets are left to the SHACL shapes, which report them.
    """
    from rdflib.namespace import DCTERMS

    from .namespaces import AKG

    out = []
    for span in sorted(set(graph.subjects(predicate=AKG.quote))):
        doc = graph.value(span, AKG.statedIn)
        ident = str(graph.value(doc, DCTERMS.identifier)) if doc is not None else None
        text = corpus_texts.get(ident)
        start, end = (_offset(graph.value(span, p)) for p in (AKG.start, AKG.end))
        if text is None or start is None or end is None:
            continue
        if not 0 <= start <= end <= len(text):
            out.append(Violation(str(span), str(AKG.start), f"offsets {start}-{end} outside {ident} "
                                                            f"({len(text)} characters)"))
        elif text[start:end] != str(graph.value(span, AKG.quote)):
            out.append(Violation(str(span), str(AKG.quote), f"quote differs from {ident}[{start}:{end}]"))
    return out


def _offset(value) -> int | None:
    """An offset literal as an int; ``None`` when absent or ill-typed (the shapes report it)."""
    number = value.toPython() if isinstance(value, Literal) else None
    return number if type(number) is int else None


def unchecked_documents(graph: Graph, corpus_texts: dict[str, str]) -> list[str]:
    """Identifiers of the graph's documents that ``corpus_texts`` lacks: their quotes cannot be checked."""
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    from .namespaces import AKG

    idents = {str(graph.value(d, DCTERMS.identifier)) for d in graph.subjects(RDF.type, AKG.Document)}
    return sorted(idents - set(corpus_texts))
