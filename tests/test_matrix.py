"""The construction matrix (tests/data/matrix/, written without sight of the extractor): every
predicate in every form, and what must give nothing. Its pass rate may only go up."""

from pathlib import Path

import pytest

from kg.matrix import MatrixError, read_cases, run_matrix

CASES = Path(__file__).parent / "data" / "matrix" / "cases.jsonl"
# the pass rate when this floor was set (0.84 on 667 cases); raise it as the grammar grows
FLOOR = 0.83


@pytest.fixture(scope="module")
def report(nlp):
    return run_matrix(read_cases(CASES))


def test_matrix_pass_rate(report):
    print("\n" + report.format())
    assert len(report.results) >= 600
    assert report.rate >= FLOOR, report.format()


def test_matrix_negatives_give_nothing(report):
    negatives = {"negation", "refusal", "denies-accusing", "non-cyber", "victim-only", "question", "criminal"}
    rows = report.by_construction()
    for name in negatives:
        ok, n = rows[name]
        assert ok / n >= 0.7, (name, ok, n)


def test_matrix_bad_file(tmp_path):
    bad = tmp_path / "cases.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(MatrixError):
        read_cases(bad)
