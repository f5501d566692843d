"""The pooled gold a model learns from: the seeds, the dev set and the held-out sets of a clone."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldSet:
    name: str  # "seeds", "dev", "set12"
    corpus: Path
    gold: Path


def gold_sets(root: Path, exclude: tuple[str, ...] = ()) -> list[GoldSet]:
    """Every gold set of the clone at ``root`` except those named in ``exclude``, in a fixed order."""
    root = Path(root)
    out = [GoldSet("seeds", root / "corpus", root / "tests/data/eval/seeds.gold.json"),
           GoldSet("dev", root / "tests/data/eval/dev/corpus", root / "tests/data/eval/dev/dev.gold.json")]
    held = root / "tests/data/heldout"
    numbered = sorted((int(m.group(1)), p) for p in held.glob("set*") if (m := re.fullmatch(r"set(\d+)", p.name)))
    out += [GoldSet(p.name, p / "corpus", p / "gold.json") for _, p in numbered]
    return [s for s in out if s.name not in exclude and s.gold.is_file()]


@dataclass(frozen=True)
class GoldDocument:
    set: str
    file: str
    text: str
    date: str | None
    gold: dict


def documents(sets: list[GoldSet]) -> Iterator[GoldDocument]:
    """The documents of ``sets`` that have a gold entry, read as ``kg build`` reads them."""
    from ..read import read_document

    for s in sets:
        gold = json.loads(s.gold.read_text(encoding="utf-8"))["documents"]
        for name in sorted(gold):
            path = s.corpus / name
            if path.is_file():
                src = read_document(path)
                yield GoldDocument(s.name, name, src.text, src.date, gold[name])


def readings(sets: list[GoldSet]) -> Iterator[tuple[GoldDocument, object]]:
    """Each gold document with its ``kg.extract.ClaimReading`` (parsed in batches, as ``kg build`` does)."""
    from ..extract import read_claims
    from ..parse import parse_many

    docs = list(documents(sets))
    for gd, doc in zip(docs, parse_many(d.text for d in docs), strict=True):
        yield gd, read_claims(gd.file, doc)


def evidence_sentences(text: str, sents, evidence) -> set[int]:
    """The sentences holding the gold's evidence (a quote, or a list of quotes)."""
    out: set[int] = set()
    for quote in [evidence] if isinstance(evidence, str) else evidence or []:
        at = text.find(quote) if quote else -1
        if at >= 0:
            out |= {i for i, s in enumerate(sents) if s.start_char < at + len(quote) and at < s.end_char}
    return out
