"""Time against document length: ``kg build`` on one long document against spaCy's own pipeline.

For each size (default 50 kB, 500 kB, 2 MB, 10 MB), writes one French document of the genre made by
repeating the paragraphs of the seed documents (``corpus/``) in order until the size is reached, then,
each in a fresh process and after a warm-up that loads the model (and, for akg, the lexicons):

1. spaCy: ``spacy.load("fr_core_news_sm")`` and ``list(nlp.pipe([text]))``, the model's own pipeline;
2. akg: ``build_dataset(read_corpus([folder]))`` then ``serialize(…, "graph.nq")``, the library calls
   ``kg build FOLDER -o graph.nq`` makes (read, parse, extract, map to RDF, write).

Prints each wall time (warm-up excluded), the peak RSS of each process and the ratio akg / spaCy per
size: the ratio stays flat when akg's time is linear in the length, as spaCy's is. With ``--stages``
the akg process also times its stages one by one (read, parse, extract, RDF) after the build.

Usage: ``python benchmarks/bench_length.py [--sizes 50k 500k 2M 10M] [--stages] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "fr_core_news_sm"

_SPACY = """
import json, resource, sys, time
import spacy
nlp = spacy.load(sys.argv[2])
nlp.max_length = 50_000_000
text = open(sys.argv[1], encoding="utf-8").read()
list(nlp.pipe(["Le ministère a publié une déclaration."]))
start = time.perf_counter()
docs = list(nlp.pipe([text]))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "tokens": len(docs[0]), "sentences": sum(1 for _ in docs[0].sents),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_AKG = """
import json, resource, sys, tempfile, time
from pathlib import Path
from kg.build import build_dataset, read_corpus, serialize
folder, warm, stages = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
with tempfile.TemporaryDirectory() as tmp:
    ds, _ = build_dataset(read_corpus([warm]))
    start = time.perf_counter()
    ds, summary = build_dataset(read_corpus([folder]))
    serialize(ds, Path(tmp) / "graph.nq")
    seconds = time.perf_counter() - start
result = {"seconds": seconds, "triples": summary.triples, "accusations": summary.accusations,
          "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
if stages:
    from kg.extract import extract
    from kg.parse import load_nlp
    from kg.rdf import Minter, add_document, new_dataset
    times = {}
    t = time.perf_counter(); source = next(iter(read_corpus([folder]))); times["read"] = time.perf_counter() - t
    t = time.perf_counter(); doc = load_nlp()(source.text); times["parse"] = time.perf_counter() - t
    t = time.perf_counter(); ex = extract(source.id, doc, source.date); times["extract"] = time.perf_counter() - t
    t = time.perf_counter(); out = new_dataset(); add_document(out, source, ex, Minter())
    out.serialize(format="nquads"); times["rdf"] = time.perf_counter() - t
    result["stages"] = times
print(json.dumps(result))
"""


def parse_size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    text = text.strip().lower().removesuffix("b")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def long_text(size: int) -> str:
    """Paragraphs of the seed documents, in order, repeated until ``size`` bytes of UTF-8 (cut at a
    paragraph's end, so the text is ``size`` bytes or a paragraph more)."""
    paragraphs = [p.strip() for f in sorted((ROOT / "corpus").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out, length, i = [], 0, 0
    while length < size:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out) + "\n"


def run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"benchmark process failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["50k", "500k", "2M", "10M"])
    parser.add_argument("--stages", action="store_true", help="also time akg's stages one by one")
    parser.add_argument("--keep", type=Path, help="Write the texts in this folder and keep them.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="akg-length-") as tmp:
        work = args.keep or Path(tmp)
        warm = work / "warm"
        warm.mkdir(parents=True, exist_ok=True)
        (warm / "warm.txt").write_text(long_text(2_000), encoding="utf-8")
        print(f"nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}, {MODEL}", flush=True)
        print(f"{'size':>8} {'tokens':>9} {'spaCy s':>9} {'akg s':>9} {'akg/spaCy':>9} {'spaCy MB':>9} {'akg MB':>8}"
              f"  graph", flush=True)
        for label in args.sizes:
            size = parse_size(label)
            folder = work / f"doc-{label}"
            folder.mkdir(exist_ok=True)
            path = folder / "long.txt"
            path.write_text(long_text(size), encoding="utf-8")
            spacy_run = run(_SPACY, str(path), MODEL)
            akg_run = run(_AKG, str(folder), str(warm), "1" if args.stages else "0")
            ratio = akg_run["seconds"] / spacy_run["seconds"]
            print(f"{label:>8} {spacy_run['tokens']:>9,} {spacy_run['seconds']:>9.1f} {akg_run['seconds']:>9.1f} "
                  f"{ratio:>9.2f} {spacy_run['rss_mb']:>9,.0f} {akg_run['rss_mb']:>8,.0f}  "
                  f"{akg_run['triples']:,} triples, {akg_run['accusations']} accusations", flush=True)
            if args.stages:
                print("         akg stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in akg_run["stages"].items()),
                      flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
