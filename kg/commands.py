"""What the commands of ``kg`` do, as library calls that return result objects.

The CLI (``kg/cli.py``) parses options, calls one function here and prints what it returns; scripts
and notebooks call the same functions. Each result knows how to say itself in the one-line summaries
the CLI prints (``lines``), so what a user reads is the same whichever way the work was started.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import build as _build
from .build import BuildError, format_for
from .read import Skipped


@dataclass
class BuildResult:
    """What ``build`` wrote: one summary line per output, and the documents skipped."""

    lines: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def check_output(output: Path) -> None:
    """Refuse an output whose format or folder is wrong before any document is parsed."""
    folder = output.parent if str(output.parent) else Path(".")
    format_for(output)
    if not folder.is_dir():
        raise BuildError(f"output folder does not exist: {folder}")


def build(corpus: Iterable[Path], output: Path | None = None, store_dir: Path | None = None, *, prune: bool = False,
          workers: int = 1, scheduler: str | None = None, base: str | None = None, include=(), exclude=(),
          max_bytes: int | None = None, on_skip: Callable[[Skipped], None] | None = None,
          progress: Callable[[object], None] | None = None) -> BuildResult:
    """Build CORPUS into a graph file (``output``), a store folder (``store_dir``) or both.

    Raises ``BuildError``, ``StoreError`` or ``ParallelError`` (one line each) on what cannot be done.
    """
    from .store import build_store, export_store

    if output is not None:
        check_output(output)
    result = BuildResult()

    def skip(s: Skipped) -> None:
        result.skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    read = {"max_bytes": max_bytes} if max_bytes is not None else {}
    # (through the module, so that what patches kg.build sees these calls too)
    docs = _build.read_corpus(list(corpus), include, exclude, on_skip=skip, **read)
    # one worker keeps the call of earlier versions
    parallel = {"workers": workers, "scheduler": scheduler} if workers > 1 or scheduler else {}

    def skipped() -> str:
        return f"; {len(result.skipped)} skipped" if result.skipped else ""

    if store_dir is not None:
        summary = build_store(docs, store_dir, base, prune=prune, progress=progress, on_skip=skip, **parallel)
        result.lines.append(f"{store_dir}: {summary.documents} documents ({summary.parsed} parsed, "
                            f"{len(summary.unchanged)} unchanged" + (f", {len(summary.pruned)} pruned" if prune else "")
                            + f"), {summary.triples} quads, {summary.accusations} accusations, "
                            f"{summary.rebuttals} rebuttals" + skipped())
        if output is not None:
            result.lines.append(f"{output}: {export_store(store_dir, output)} statements")
    else:
        ds, summary = _build.build_dataset(docs, base, progress=progress, on_skip=skip, **parallel)
        _build.serialize(ds, output)
        result.lines.append(f"{output}: {summary.documents} documents, {summary.triples} triples, "
                            f"{summary.accusations} accusations, {summary.rebuttals} rebuttals" + skipped())
    return result


@dataclass
class ValidateResult:
    """The violations found (SHACL, then quotes), warnings, and the line of a graph that conforms."""

    violations: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    triples: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations


def validate(graph: Path, corpus: Path | None = None) -> ValidateResult:
    """Check GRAPH against the shapes and, with ``corpus``, each quote against its document's text."""
    from .validate import check_quotes, load_graph, unchecked_documents, validate_graph

    g = load_graph(graph)
    result = ValidateResult(violations=list(validate_graph(g).violations), triples=len(g))
    if corpus:
        texts = {d.id: d.text for d in _build.read_corpus([corpus])}
        result.violations += check_quotes(g, texts)
        if missing := unchecked_documents(g, texts):
            result.warnings.append(f"warning: {len(missing)} documents not read from {corpus}, their quotes "
                                   "unchecked: " + ", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""))
    return result


def export(source: Path, output: Path, fmt: str | None = None) -> str:
    """Write SOURCE (store folder or graph file) to OUTPUT as RDF or, for ``fmt="stix"`` or a
    ``.stix.json`` name, as a STIX 2.1 bundle; returns the summary line."""
    from .stix import StixError, is_stix_path, write_stix
    from .store import export_store

    if fmt is None and output.suffix.lower() == ".json" and not is_stix_path(output):
        raise StixError(f"{output}: .json is ambiguous: name a STIX bundle .stix.json (or give --format stix), a "
                        "JSON-LD graph .jsonld")
    if fmt == "stix" or (fmt is None and is_stix_path(output)):
        s = write_stix(source, output)
        return (f"{output}: {s.objects} STIX objects; {s.attributions} attributed-to relationships for "
                f"{s.accusations} accusations, {s.types.get('opinion', 0)} opinions, {s.types.get('note', 0)} notes, "
                f"{s.types.get('report', 0)} reports" + (f"; {len(s.skipped)} claims skipped" if s.skipped else ""))
    return f"{output}: {export_store(source, output)} statements"
