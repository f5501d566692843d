from pathlib import Path

import pytest

from kg.query import load_source
from kg.source import StoreError
from kg.stats import format_stats, graph_stats

GRAPH = Path(__file__).parent / "data" / "eval_fixture.trig"


@pytest.fixture(scope="module")
def stats():
    return graph_stats(GRAPH)


def test_stats_counts_on_fixture(stats):
    assert stats["documents"] == 3
    assert stats["named_graphs"] == 3
    # China and its properties are stated in two document graphs: quads > distinct triples
    assert stats["quads"] > stats["triples"] > 200
    assert stats["actors"] == {"State": 5, "InternationalOrganization": 1, "Organization": 5,
                               "Person": 6, "ThreatActor": 2}
    assert stats["actors_total"] == 19
    assert (stats["accusations"], stats["counter_accusations"], stats["rebuttals"]) == (6, 1, 4)
    assert stats["strategies"]["Denial"] == 3
    assert stats["strategies"]["Victimhood"] == 0
    assert stats["incidents"] == 1
    assert stats["responses"]["Sanction"] == 1 and stats["responses"]["AmbassadorSummons"] == 1
    assert stats["responses_total"] == 2
    assert stats["statistics"] == 1


def test_stats_top_principals(stats):
    assert stats["top_accused"][:2] == [{"code": "CN", "label": "Chine", "accusations": 3},
                                        {"code": "RU", "label": "Russie", "accusations": 2}]
    assert stats["top_accusers"][0] == {"code": "US", "label": "États-Unis", "accusations": 2}


def test_stats_format_is_readable(stats):
    text = format_stats(stats)
    lines = text.splitlines()
    assert lines[0].split() == ["documents", "3"]
    assert "accusations      6 (1 counter-accusation)" in lines
    assert any(line.startswith("top accused") and "CN (Chine) 3, RU (Russie) 2" in line for line in lines)
    assert any(line.startswith("strategies used") and "Denial 3" in line and "Victimhood" not in line
               for line in lines)
    # values start in one column, after the longest label
    width = len("strategies used")
    assert all(line[width:width + 2] == "  " and line[width + 2] != " " for line in lines)


def test_stats_accepts_a_store_and_rejects_a_missing_file(stats, tmp_path):
    assert graph_stats(load_source(GRAPH)) == stats
    with pytest.raises(StoreError, match="no such file"):
        graph_stats(tmp_path / "absent.ttl")


def test_stats_empty_graph(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    stats = graph_stats(empty)
    assert stats["documents"] == 0 and stats["top_accused"] == []
    assert "top accused" in format_stats(stats)
