"""The construction matrix: generated French cases (``tests/data/matrix/cases.jsonl``) in, the
pass rate of the extractor per construction out.

A case passes when the (accuser, accused) and (rebutter, accuser) principal pairs read from its
text are exactly the expected ones (pairs with the same principal on both sides are ignored, as
the scorer does); strategies are counted apart, over the rebuttals found.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CaseResult:
    id: str
    construction: str
    passed: bool
    expected: dict
    found: dict


@dataclass
class MatrixReport:
    results: list[CaseResult] = field(default_factory=list)

    def by_construction(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            out[r.construction][0] += r.passed
            out[r.construction][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}

    @property
    def rate(self) -> float:
        return sum(r.passed for r in self.results) / len(self.results) if self.results else 0.0

    def failures(self) -> str:
        return "".join(f"{r.id}\n  expected {r.expected}\n  found    {r.found}\n" for r in self.results if not r.passed)

    def format(self) -> str:
        lines = [f"{'construction':24} {'pass':>5} {'cases':>5}  rate"]
        for k, (ok, n) in self.by_construction().items():
            lines.append(f"{k:24} {ok:5} {n:5}  {ok / n:.2f}")
        total = len(self.results)
        lines.append(f"{'all':24} {sum(r.passed for r in self.results):5} {total:5}  {self.rate:.2f}")
        return "\n".join(lines)


class MatrixError(Exception):
    """The cases file cannot be read."""


def read_cases(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as fh:
            cases = [json.loads(line) for line in fh if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MatrixError(f"{path}: {exc}") from exc
    for i, c in enumerate(cases, 1):
        if not isinstance(c, dict) or not {"id", "construction", "text", "accusations", "rebuttals"} <= set(c):
            raise MatrixError(f"{path}: line {i} is not a case (id, construction, text, accusations, rebuttals)")
    return cases


def pairs_of(ex) -> dict:
    """The principal pairs an ``Extraction`` states."""
    def principals(keys):
        return sorted({p for k in keys for p in ex.principals(k)})

    accusations = {(a, b) for acc in ex.accusations for a in principals(acc.accusers)
                   for b in principals(acc.accused) if a != b}
    rebuttals = {(a, b) for r in ex.rebuttals for a in principals([r.rebutter])
                 for b in principals(ex.accusations[r.rebuts].accusers) if a != b}
    return {"accusations": sorted(accusations), "rebuttals": sorted(rebuttals)}


def run_matrix(cases: list[dict]) -> MatrixReport:
    from .extract import extract
    from .parse import parse_many

    report = MatrixReport()
    for case, doc in zip(cases, parse_many(c["text"] for c in cases), strict=True):
        found = pairs_of(extract(case["id"], doc))
        expected = {"accusations": sorted({tuple(p) for p in case["accusations"] if p[0] != p[1]}),
                    "rebuttals": sorted({tuple(p) for p in case["rebuttals"] if p[0] != p[1]})}
        report.results.append(CaseResult(case["id"], case["construction"], found == expected, expected, found))
    return report
