"""Peak memory of ``kg build --store`` as the corpus grows: it should stay flat (documents stream
through; only the store on disk grows).

For each size, writes that many synthetic documents (benchmarks/synth.py), runs
``kg build CORPUS --store DIR -q`` on one worker in a fresh process (reading, parsing, extraction and
the store all in that one process) and reads its peak resident set size from ``wait4``. Prints the
peak RSS, the time and the store size on disk per size, and the ratio largest / smallest.
Target: under 1.5 GB, not growing with the corpus.

Usage: ``python benchmarks/bench_memory.py [--sizes 2000 10000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = Path(sys.executable).with_name("kg")


def peak_rss_mb(command: list[str]) -> tuple[float, float, str]:
    """(peak RSS in MB, wall seconds, last output line) of ``command`` run to the end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{command} failed: {err.strip()}")
    # reaped by communicate(): its peak is RUSAGE_CHILDREN's, the only child of this interpreter
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return rss_kb / 1024, seconds, (out.strip().splitlines() or [""])[-1]


def _folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synth import write_corpus

    print(f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}", flush=True)
    peaks = {}
    for n in sorted(args.sizes):
        with tempfile.TemporaryDirectory(prefix="akg-mem-") as tmp:
            corpus = write_corpus(Path(tmp) / "corpus", n)
            # each size in its own child of a fresh interpreter, so RUSAGE_CHILDREN holds that build alone
            probe = ("import sys, json; sys.path.insert(0, sys.argv[1]); from bench_memory import peak_rss_mb; "
                     "print(json.dumps(peak_rss_mb(sys.argv[2:])))")
            out = subprocess.run([sys.executable, "-c", probe, str(HERE), str(KG), "build", "-q", str(corpus),
                                  "--store", str(Path(tmp) / "store")], check=True, capture_output=True, text=True)
            rss, seconds, line = json.loads(out.stdout)
            peaks[n] = rss
            print(f"{n:6d} documents: peak RSS {rss:7.0f} MB, {seconds:7.1f} s, store "
                  f"{_folder_mb(Path(tmp) / 'store'):6.0f} MB   {line}", flush=True)
    small, large = min(peaks), max(peaks)
    print(f"peak RSS at {large} / at {small} documents = {peaks[large] / peaks[small]:.2f}  "
          f"(target: under 1536 MB, flat)")


if __name__ == "__main__":
    main()
