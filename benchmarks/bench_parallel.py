"""Which engine should ``kg build --workers N`` use on one machine? Same synthetic documents, same
model, each engine run in a fresh Python process (as the command runs), in one session:

- ``nlp.pipe``: spaCy alone, one process (the parse cost every engine pays);
- ``serial``: akg's extraction, one process (:func:`kg.parallel.graph_documents`, ``workers=1``);
- ``spacy``: ``nlp.pipe(n_process=N)`` parses in N processes, then extraction and RDF mapping run in
  the main process on the ``Doc`` objects sent back;
- ``pool``: akg's process pool, each worker parses, extracts and maps (``workers=N``);
- ``dask``: the same worker function on a dask.distributed ``LocalCluster`` of N processes.

Wall times include loading the model (once per process) and starting the workers; CPU is the
user+system time of the run's whole process tree. Prints seconds and ratios to ``serial``.

Usage: ``python benchmarks/bench_parallel.py [--docs 200] [--workers 2] [--only pool dask]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ENGINES = ("nlp.pipe", "serial", "spacy", "pool", "dask")


def _docs(n: int):
    from synth import texts

    from kg.read import SourceDocument

    return [SourceDocument(f"doc{i:06d}.txt", Path(f"doc{i:06d}.txt"), t) for i, t in enumerate(texts(n))]


def run_engine(engine: str, n_docs: int, workers: int) -> int:
    """Run one engine over the synthetic documents in this process; returns the documents done."""
    from kg.parallel import graph_documents
    from kg.parse import load_nlp

    docs = _docs(n_docs)
    if engine == "nlp.pipe":
        return sum(1 for _ in load_nlp().pipe(d.text for d in docs))
    if engine == "serial":
        return sum(1 for _ in graph_documents(docs))
    if engine == "pool":
        return sum(1 for _ in graph_documents(docs, workers=workers))
    if engine == "spacy":
        from kg.extract import extract
        from kg.rdf import Minter, add_document, new_dataset

        mint, count = Minter(), 0
        pairs = ((d.text, d) for d in docs)
        for parsed, source in load_nlp().pipe(pairs, as_tuples=True, n_process=workers, batch_size=8):
            ds = new_dataset()
            add_document(ds, source, extract(source.id, parsed, source.date), mint)
            ds.serialize(format="nquads")
            count += 1
        return count
    if engine == "dask":
        from distributed import LocalCluster

        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            return sum(1 for _ in graph_documents(docs, scheduler=cluster.scheduler_address))
    raise ValueError(engine)


def measure(engine: str, n_docs: int, workers: int) -> dict:
    """Run ``engine`` in a fresh process: wall seconds, and CPU seconds of its whole process tree."""
    from proctree import run_measured

    run = run_measured([sys.executable, __file__, "--child", engine, "--docs", str(n_docs), "--workers", str(workers)],
                       cwd=Path(__file__).parent)
    if run.returncode:
        raise SystemExit(f"{engine} failed: {run.err.strip()[-500:]}")
    return {"engine": engine, "wall": run.seconds, "cpu": run.cpu, "docs": int(run.out.split()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", choices=ENGINES, help="Run only these engines (and serial).")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(run_engine(args.child, args.docs, args.workers))
        return
    print(f"{args.docs} synthetic documents, {args.workers} workers, nproc {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    results = {}
    for engine in ENGINES:
        if args.only and engine not in args.only and engine != "serial":
            continue
        r = results[engine] = measure(engine, args.docs, args.workers)
        print(f"{engine:10s} wall {r['wall']:7.1f} s   cpu {r['cpu']:7.1f} s   ({r['docs']} documents)", flush=True)
    base = results["serial"]["wall"]
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print("wall-time ratio to serial (lower is faster): "
          + ", ".join(f"{k} {r['wall'] / base:.2f}" for k, r in results.items()))
    print(json.dumps({k: round(r["wall"], 1) for k, r in results.items()}))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
