"""Shared fixtures: the French model is loaded once per session; the seed corpus is built once."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples: a red build must be reproducible.
# Locally they explore new examples on every run (HYPOTHESIS_PROFILE=ci to reproduce CI).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") or os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
# The gold sets and the reference scorer, copied from the project's shared/eval/ (tests/data/README.md),
# so that a clone alone runs every test and every README example.
EVAL = ROOT / "tests" / "data" / "eval"


@pytest.fixture(scope="session")
def nlp():
    from kg.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Extract from a French text; returns the Extraction."""
    from kg.extract import extract

    def run(text, date=None, doc_id="t.txt"):
        return extract(doc_id, nlp(text), date)

    return run


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory, seed_dataset):
    """The seed corpus built once (``seed_dataset``), written to TriG through the library."""
    from kg.build import serialize

    out = tmp_path_factory.mktemp("seeds") / "corpus.trig"
    serialize(seed_dataset[0], out)
    return out


def pairs(ex):
    """(accuser principal, accused principal) pairs of an Extraction."""
    out = set()
    for a in ex.accusations:
        for x in a.accusers:
            for y in a.accused:
                for px in ex.principals(x):
                    for py in ex.principals(y):
                        if px != py:
                            out.add((px, py))
    return out


def rebuttal_pairs(ex):
    out = {}
    for r in ex.rebuttals:
        acc = ex.accusations[r.rebuts]
        for px in ex.principals(r.rebutter):
            for y in acc.accusers:
                for py in ex.principals(y):
                    out.setdefault((px, py), set()).update(r.strategies)
    return out


@pytest.fixture(scope="session")
def seed_dataset():
    """The seed corpus built once through the library, in memory: ``(Dataset, BuildSummary)``.

    Don't modify the dataset: every test of the session shares it.
    """
    from kg.build import build_dataset, read_corpus

    return build_dataset(read_corpus([CORPUS]))
