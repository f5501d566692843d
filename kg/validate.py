"""Validation: a graph in, SHACL violations and evidence-offset errors out.

``ontology/shapes.ttl`` states the contract (pyshacl checks it); one rule cannot be said in SHACL,
that each evidence quote equals the document text between its offsets, and is checked here when
the corpus is at hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

SHAPES = Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl"
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "akg.ttl"


class ValidationError(Exception):
    """The graph or shapes cannot be read."""


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str = "Violation"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def load_graph(path: str | Path) -> Graph:
    """Read a graph file (any format of the build) merged into one rdflib Graph."""
    from .build import FORMATS

    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationError(f"unknown graph format {path.suffix or '(none)'}")
    if not path.is_file():
        raise ValidationError(f"no such file: {path}")
    try:
        if path.suffix.lower() in (".trig", ".nq"):
            ds = Dataset()
            ds.parse(path, format=fmt)
            g = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        return Graph().parse(path, format=fmt)
    except Exception as exc:
        raise ValidationError(f"cannot parse {path}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                              ) from exc


def validate_graph(graph: Graph) -> ValidationReport:
    import pyshacl
    from rdflib import RDF, SH

    shapes = Graph().parse(SHAPES)
    conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=Graph().parse(ONTOLOGY),
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
    """Each evidence quote must equal its document's text between its offsets."""
    from rdflib.namespace import DCTERMS

    from .namespaces import AKG

    out = []
    for span in graph.subjects(predicate=AKG.quote):
        doc = graph.value(span, AKG.statedIn)
        ident = str(graph.value(doc, DCTERMS.identifier)) if doc is not None else None
        text = corpus_texts.get(ident)
        if text is None:
            continue
        start, end = int(graph.value(span, AKG.start)), int(graph.value(span, AKG.end))
        if text[start:end] != str(graph.value(span, AKG.quote)):
            out.append(Violation(str(span), str(AKG.quote), f"quote differs from {ident}[{start}:{end}]"))
    return out
