"""Latency of akg's named queries on a synthetic 1,000,000-quad graph in the akg vocabulary: through
akg's store (an on-disk Oxigraph store, :func:`kg.query.run_named`) against rdflib's in-memory store
(a ``Dataset`` with the union of its graphs as default graph, as akg queries see it), in one run.

Each query runs ``--runs`` times on Oxigraph and up to that many times on rdflib (once only when a
run takes over 20 s; a run is stopped after ``--timeout`` seconds, its figure then a lower bound).
Prints the medians, the speed-up per query, and rows returned (the same on both sides).
Targets: each query under 200 ms through akg's store, at least 20x faster than rdflib.

Usage: ``python benchmarks/bench_sparql.py [--triples 1000000] [--runs 5] [--timeout 300]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARAMS = {"actor": "CN"}


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise _Timeout


def _median_runs(run, runs: int, timeout: float, slow: float = 20.0) -> tuple[float, int, str]:
    """(median seconds, rows, "" or why it stopped: "timeout" or the error) of up to ``runs`` runs."""
    times, rows = [], 0
    for _ in range(runs):
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        start = time.perf_counter()
        try:
            rows = run()
        except _Timeout:
            return timeout, -1, "timeout"
        except Exception as e:  # rdflib's SPARQL engine fails on some queries
            return time.perf_counter() - start, -1, f"{type(e).__name__}: {str(e)[:60]}"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
        if times[-1] > slow:
            break
    return statistics.median(times), rows, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", nargs="*", help="Run only these named queries.")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import rdflib
    from synth import akg_quads

    from kg.query import list_queries, load_source, run_named
    from kg.store import load_into_store

    with tempfile.TemporaryDirectory(prefix="akg-sparql-") as tmp:
        nq = Path(tmp) / "graph.nq"
        with open(nq, "w", encoding="utf-8") as fh:
            fh.writelines(akg_quads(args.triples))
        start = time.perf_counter()
        load_into_store(nq, Path(tmp) / "store")
        gc.collect()
        store = load_source(Path(tmp) / "store")
        print(f"{len(store)} quads in {len({g for g in store.named_graphs()})} graphs; nproc {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        print(f"load: Oxigraph store {time.perf_counter() - start:.1f} s", end="", flush=True)
        start = time.perf_counter()
        ds = rdflib.Dataset(default_union=True)
        ds.parse(nq, format="nquads")
        print(f", rdflib Dataset {time.perf_counter() - start:.1f} s", flush=True)

        print(f"\n{'query':12s} {'akg (ms)':>10s} {'rdflib (ms)':>12s} {'speed-up':>9s} {'rows':>7s}")
        fast = []
        for q in list_queries():
            if args.only and q.name not in args.only:
                continue
            params = {p.name: PARAMS[p.name] for p in q.params}
            akg, rows, _ = _median_runs(lambda q=q, params=params: len(run_named(store, q.name, params).rows),
                                        args.runs, args.timeout)
            bindings = {rdflib.Variable(k): rdflib.Literal(v) for k, v in params.items()}
            slow, rdf_rows, stopped = _median_runs(
                lambda q=q, b=bindings: len(list(ds.query(q.sparql, initBindings=b))), args.runs, args.timeout)
            if stopped and stopped != "timeout":
                print(f"{q.name:12s} {akg * 1000:10.1f} {'failed':>12s} {'':>9s} {rows:7d}  (rdflib: {stopped})",
                      flush=True)
                continue
            ratio = slow / akg
            fast.append((q.name, akg, ratio))
            mark = ">" if stopped else " "
            print(f"{q.name:12s} {akg * 1000:10.1f} {mark}{slow * 1000:11.0f} {mark}{ratio:7.0f}x {rows:7d}"
                  + ("" if stopped or rdf_rows == rows else f"  (rdflib: {rdf_rows} rows)"), flush=True)
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
        print(f"slowest through akg (compared queries): {max(a for _n, a, _r in fast) * 1000:.1f} ms "
              "(target < 200 ms); "
              f"smallest speed-up: {min(r for _n, _a, r in fast):.0f}x (target >= 20x)")


if __name__ == "__main__":
    main()
