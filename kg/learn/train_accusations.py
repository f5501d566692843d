"""Learn ``kg/models/accusations.tsv`` from the pooled gold of a clone.

    python -m kg.learn.train_accusations [--exclude set23,set24] [--out FILE] [--root .]

A candidate pair (``kg.learn.pairs``) is a positive example when the gold names its two principals
as accuser and accused and its sentence holds the gold's evidence; a pair the gold names but in
another sentence, and an optional pair, teach nothing and are left out. Features only the grammar
knows (whether it read the pair) are not features: the model learns French, not the rules' habits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..files import atomic_write
from .accusations import MODEL, candidates
from .linear import fit
from .pool import evidence_sentences, gold_sets, readings

C = 1.0
MIN_COUNT = 2


def examples(root: Path, exclude: tuple[str, ...] = ()) -> tuple[list[list[str]], list[int]]:
    xs, ys = [], []
    for gd, reading in readings(gold_sets(root, exclude)):
        gold: dict[tuple[str, str], set[int]] = {}
        for a in gd.gold.get("accusations", []):
            sents = evidence_sentences(gd.text, reading.sents, a.get("evidence", ""))
            gold.setdefault((a["accuser"], a["accused"]), set()).update(sents)
        optional = {(a["accuser"], a["accused"]) for a in gd.gold.get("optional_accusations", [])}
        for c in candidates(reading):
            if c.pair in optional or (c.pair in gold and c.sentence not in gold[c.pair]):
                continue
            xs.append(list(c.features))
            ys.append(int(c.pair in gold))
    return xs, ys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.learn.train_accusations", description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=Path("."), help="the clone whose tests/data gold is learnt from")
    ap.add_argument("--exclude", default="", help="sets left out, comma-separated (set23,set24): to measure on them")
    ap.add_argument("--out", type=Path, default=None, help=f"model file (default: kg/models/{MODEL} under --root)")
    args = ap.parse_args(argv)
    exclude = tuple(s for s in args.exclude.split(",") if s)
    xs, ys = examples(args.root, exclude)
    model = fit(xs, ys, c=C, min_count=MIN_COUNT)
    header = (f"Accusation pairs: a logistic model learnt by python -m kg.learn.train_accusations (C={C}, "
              f"min_count={MIN_COUNT})\nfrom {len(xs)} candidates, {sum(ys)} of them in the gold"
              + (f"; sets left out: {', '.join(exclude)}" if exclude else "") + ".")
    out = args.out or args.root / "kg" / "models" / MODEL
    atomic_write(out, model.to_tsv(header), create_folder=True)
    print(f"{out}: {len(model.weights)} features from {len(xs)} examples ({sum(ys)} positive)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
