"""Latency of akg's named queries on a synthetic 1,000,000-quad graph in the akg vocabulary: through
akg's store (an on-disk Oxigraph store, :func:`kg.query.run_named`), the whole listing and its first
page (``limit=100``), against rdflib's in-memory store (a ``Dataset`` with the union of its graphs as
default graph, as akg queries see it), in one run.

Each query runs ``--runs`` times on Oxigraph and up to that many times on rdflib (once only when a
run takes over 20 s; a run is stopped after ``--timeout`` seconds, its figure then a lower bound).
Prints the medians (wall time, and the CPU time of this process for akg's: the machines here are
shared, and a busy neighbour lengthens the wall time more than the CPU time), the speed-up per query,
and rows returned (the same on both sides). Each page is checked to be the first rows of the whole
listing. Targets: each query under 200 ms through akg's store, at least 20x faster than rdflib
(issue #4); the first page of every listing under 200 ms (issue #12).

``--principals`` also times each query on a copy of the store where each actor's principal is written
as a triple (``<urn:akg-bench:principal>``, in each document graph that states the actor, as a build
would write it) and the path ``akg:affiliatedWith*`` read as that one property: what the path costs,
and what writing the principal at build time would save. The answers must be the same.

Usage: ``python benchmarks/bench_sparql.py [--triples 1000000] [--runs 5] [--timeout 300] [--page 100]
[--no-rdflib] [--principals] [--only NAME …]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARAMS = {"actor": "CN"}
PRINCIPAL = "<urn:akg-bench:principal>"
# the path to a principal, the holder of a code read just before (actor.rq follows it to any actor)
PATH = re.compile(r"(\{ SELECT DISTINCT (\?\w+) \?\w+ WHERE \{ \2 akg:code \?\w+ \} \}\s*\?\w+) akg:affiliatedWith\* \2")
# the principal table the listings read, once for each side
PRINCIPALS = "SELECT DISTINCT ?x ?cx WHERE { { SELECT DISTINCT ?px ?cx WHERE { ?px akg:code ?cx } } ?x akg:affiliatedWith* ?px }"
# every actor that reaches a principal (a code holder) through akg:affiliatedWith*, in each graph stating it
MATERIALISE = f"""INSERT {{ GRAPH ?g {{ ?x {PRINCIPAL} ?p }} }}
WHERE {{ GRAPH ?g {{ ?x a akg:Actor . ?x akg:affiliatedWith* ?p . ?p akg:code ?c }} }}"""


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


def _timed(run, runs: int):
    """(median wall seconds, median CPU seconds, last result) of ``runs`` runs of ``run``."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--page", type=int, default=100, help="Rows of the first page (0: no page).")
    parser.add_argument("--no-rdflib", action="store_true", help="Time akg's store only.")
    parser.add_argument("--principals", action="store_true",
                        help="Also time the queries with each actor's principal written as a triple.")
    parser.add_argument("--only", nargs="*", help="Run only these named queries.")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import rdflib
    from synth import akg_quads

    from kg.query import list_queries, load_source, run_query
    from kg.store import load_into_store

    queries = [q for q in list_queries() if not args.only or q.name in args.only]
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
        ds = None
        if not args.no_rdflib:
            start = time.perf_counter()
            ds = rdflib.Dataset(default_union=True)
            ds.parse(nq, format="nquads")
            print(f", rdflib Dataset {time.perf_counter() - start:.1f} s", end="")
        print(flush=True)

        print(f"\n{'query':12s} {'whole (ms)':>10s} {'cpu':>6s} {'rows':>6s} {f'page {args.page}':>9s} {'cpu':>6s}"
              + ("" if ds is None else f" {'rdflib (ms)':>12s} {'speed-up':>9s}"))
        whole, pages, ratios = {}, {}, []
        for q in queries:
            params = {p.name: PARAMS[p.name] for p in q.params}
            wall, cpu, result = _timed(lambda q=q, params=params: run_query(store, q.sparql, params=params), args.runs)
            whole[q.name] = (wall, cpu)
            line = f"{q.name:12s} {wall * 1000:10.1f} {cpu * 1000:6.0f} {len(result.rows):6d}"
            if args.page:
                pwall, pcpu, page = _timed(lambda q=q, params=params: run_query(store, q.sparql, params=params,
                                                                                limit=args.page), args.runs)
                pages[q.name] = (pwall, pcpu)
                same = page.rows == result.rows[:args.page]
                line += f" {pwall * 1000:9.1f} {pcpu * 1000:6.0f}" + ("" if same else "  (NOT the first rows!)")
            if ds is not None:
                bindings = {rdflib.Variable(k): rdflib.Literal(v) for k, v in params.items()}
                slow, rdf_rows, stopped = _median_runs(
                    lambda q=q, b=bindings: len(list(ds.query(q.sparql, initBindings=b))), args.runs, args.timeout)
                if stopped and stopped != "timeout":
                    line += f" {'failed':>12s}  (rdflib: {stopped})"
                else:
                    ratios.append(slow / wall)
                    mark = ">" if stopped else " "
                    line += (f" {mark}{slow * 1000:11.0f} {mark}{slow / wall:7.0f}x"
                             + ("" if stopped or rdf_rows == len(result.rows) else f"  (rdflib: {rdf_rows} rows)"))
            print(line, flush=True)
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
        print(f"slowest whole query through akg: {max(w for w, _c in whole.values()) * 1000:.1f} ms", end="")
        if pages:
            print(f"; slowest first page: {max(w for w, _c in pages.values()) * 1000:.1f} ms (target < 200 ms)", end="")
        if ratios:
            print(f"; smallest speed-up: {min(ratios):.0f}x (target >= 20x)", end="")
        print()
        if args.principals:
            _principals(store, queries, whole, pages, args, Path(tmp), nq, load_into_store, run_query)


def _principals(store, queries, whole, pages, args, tmp, nq, load_into_store, run_query) -> None:
    """The same queries with the principals written as triples, on a copy of the store."""
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES

    load_into_store(nq, tmp / "store-principals")
    gc.collect()
    copy = ox.Store(str(tmp / "store-principals"))  # read-write: the principals are added to it

    start = time.perf_counter()
    copy.update(MATERIALISE, prefixes=PREFIXES)
    copy.flush()
    added = len(copy) - len(store)
    print(f"\nprincipals written: {added} quads in {time.perf_counter() - start:.1f} s; the path "
          f"`akg:affiliatedWith*` then read as {PRINCIPAL}")
    print(f"{'query':12s} {'whole (ms)':>10s} {'cpu':>6s} {'path':>6s} {f'page {args.page}':>9s} {'cpu':>6s} {'path':>6s}")
    for q in queries:
        sparql = PATH.sub(lambda m: f"{m[1]} {PRINCIPAL} {m[2]}", q.sparql)
        if sparql == q.sparql:
            continue
        params = {p.name: PARAMS[p.name] for p in q.params}
        wall, cpu, result = _timed(lambda s=sparql, p=params: run_query(copy, s, params=p), args.runs)
        expected = run_query(store, q.sparql, params=params)
        line = f"{q.name:12s} {wall * 1000:10.1f} {cpu * 1000:6.0f} {(whole[q.name][1] - cpu) * 1000:6.0f}"
        if args.page:
            pwall, pcpu, _page = _timed(lambda s=sparql, p=params: run_query(copy, s, params=p, limit=args.page),
                                        args.runs)
            line += f" {pwall * 1000:9.1f} {pcpu * 1000:6.0f} {(pages[q.name][1] - pcpu) * 1000:6.0f}"
        print(line + ("" if result.rows == expected.rows else "  (NOT the same answer!)"), flush=True)
    print("path: CPU ms the path costs (with the path, less with the principal triple)")
    for label, target, text in (("path", store, PRINCIPALS), ("triple", copy, PATH.sub(
            lambda m: f"{m[1]} {PRINCIPAL} {m[2]}", PRINCIPALS))):
        wall, cpu, result = _timed(lambda t=target, x=text: run_query(t, x), args.runs)
        print(f"the principal table alone ({label}): {wall * 1000:.1f} ms, cpu {cpu * 1000:.0f} ms, "
              f"{len(result.rows)} actors")


if __name__ == "__main__":
    main()
