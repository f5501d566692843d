"""Throughput of ``kg build`` against spaCy's own ``nlp.pipe`` on the same synthetic corpus.

Writes ``--docs`` synthetic documents of the genre (benchmarks/synth.py) to a temporary folder, then,
each in a fresh process, in one session:

1. ``nlp.pipe`` over the same texts (read from the files first), with akg's pipeline (the same model);
2. ``kg build CORPUS --store DIR`` on one worker;
3. the same on ``--workers N`` (a new store);
4. ``kg build`` again on the store of 2: nothing changed, so nothing is parsed.

Prints wall times and the ratios the issue sets targets for: build(1) / nlp.pipe ≤ 1.25 and
build(N) / build(1) ≤ 0.65. No assertion: the figures are reported as measured.

Usage: ``python benchmarks/bench_build.py [--docs 1000] [--workers 2] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = Path(sys.executable).with_name("kg")

_PIPE = """
import sys
from pathlib import Path
from kg.parse import load_nlp
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
nlp = load_nlp()
print(sum(1 for _ in nlp.pipe(texts)))
"""


def timed(label: str, command: list[str]) -> float:
    """Run ``command``; print its wall time and the CPU time of its process tree."""
    from proctree import run_measured

    run = run_measured(command)
    if run.returncode:
        raise SystemExit(f"{command} failed: {run.err.strip()}")
    last = (run.out.strip().splitlines() or [""])[-1]
    print(f"{label:34s} {run.seconds:8.1f} s  cpu {run.cpu:7.1f} s ({run.cpu / run.seconds:.2f} cores)   {last}",
          flush=True)
    return run.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (default: a temporary one).")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synth import write_corpus

    with tempfile.TemporaryDirectory(prefix="akg-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus = write_corpus(work / "corpus", args.docs)
        size = sum(f.stat().st_size for f in corpus.rglob("*.txt"))
        print(f"{args.docs} synthetic documents ({size / 1e6:.1f} MB), nproc {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        pipe = timed("nlp.pipe (parse only)", [sys.executable, "-c", _PIPE, str(corpus)])
        one = timed("kg build --store, 1 worker", [str(KG), "build", "-q", str(corpus), "--store", str(work / "s1")])
        many = timed(f"kg build --store, {args.workers} workers",
                     [str(KG), "build", "-q", str(corpus), "--store", str(work / "s2"), "--workers",
                      str(args.workers)])
        again = timed("kg build --store again (unchanged)",
                      [str(KG), "build", "-q", str(corpus), "--store", str(work / "s2")])
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        print(f"build(1 worker) / nlp.pipe          = {one / pipe:.2f}   (target <= 1.25)")
        print(f"build({args.workers} workers) / build(1 worker) = {many / one:.2f}   (target <= 0.65)")
        print(f"unchanged re-run / first build      = {again / one:.3f}")


if __name__ == "__main__":
    main()
