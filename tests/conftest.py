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


# The Netherlands attribute the Coathanger intrusion to China and Beijing rejects it in one dispatch
# (b17_06); the Dutch police's account of the intrusion is another document (b17_13): a rebuttal in
# one document that answers an accusation in another (kg.disputes).
COATHANGER = ("b17_06_coathanger-pays-bas.txt", "b17_13_police-neerlandaise-acteur-etatique.txt")


@pytest.fixture(scope="session")
def coathanger_corpus(tmp_path_factory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("coathanger")
    for name in COATHANGER:
        shutil.copy(ROOT / "tests" / "data" / "heldout" / "set17" / "corpus" / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def coathanger_dataset(coathanger_corpus):
    """The two documents built once: ``(Dataset, BuildSummary)``. Don't modify it."""
    from kg.build import build_dataset, read_corpus

    return build_dataset(read_corpus([coathanger_corpus]))
