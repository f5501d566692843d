"""The threat-actor reference table (ontology/threat_actors/threat_actors.tsv) and its generator."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "ontology" / "threat_actors"
TABLE = FOLDER / "threat_actors.tsv"
COLUMNS = ["key", "name", "state", "state_basis", "agency", "aliases", "uuid", "source", "note"]


def load_generator():
    spec = importlib.util.spec_from_file_location("threat_actors_generate", FOLDER / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def states_by_term(rows) -> dict[str, set[str]]:
    """Every name and alias, case-folded -> the States of the rows that carry it."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for term in [row["name"], *filter(None, row["aliases"].split("|"))]:
            index[term.casefold()].add(row["state"])
    return index


def aliases(row: dict[str, str]) -> list[str]:
    return [alias for alias in row["aliases"].split("|") if alias]


def test_threat_actors_tsv_parses(rows):
    keys = [row["key"] for row in rows]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    for row in rows:
        assert None not in row and all(value is not None for value in row.values()), row
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["key"]), row["key"]
        assert row["name"].strip() == row["name"] != ""
        assert pycountry.countries.get(alpha_2=row["state"]) is not None, row
        assert row["state_basis"] in {"sponsor", "origin"}, row
        assert row["agency"] in {"", "ru-gru", "ru-svr", "ru-fsb", "cn-mss", "cn-pla", "kp-rgb", "ir-irgc",
                                 "ir-mois"}, row
        assert row["source"], row
        assert aliases(row) == sorted(aliases(row), key=lambda a: (a.casefold(), a)), row["key"]
        assert len({a.casefold() for a in aliases(row)}) == len(aliases(row)), row["key"]


def test_threat_actors_sources_are_misp_version_or_urls(rows):
    for row in rows:
        first, *others = row["source"].split("|")
        if row["uuid"]:
            assert re.fullmatch(r"misp-galaxy threat-actor v\d+", first), row
        else:
            others.insert(0, first)
        assert all(url.startswith("https://") for url in others), row


@pytest.mark.parametrize(
    ("term", "state"),
    [
        ("APT28", "RU"),
        ("apt31", "CN"),
        ("Lazarus Group", "KP"),
        ("Charming Kitten", "IR"),
        ("salt typhoon", "CN"),
        ("Volt Typhoon", "CN"),
        ("Sandworm", "RU"),
        ("Fancy Bear", "RU"),
        ("Sofacy", "RU"),
        ("Zirconium", "CN"),
        ("Judgment Panda", "CN"),
        ("APT29", "RU"),
        ("Midnight Blizzard", "RU"),
        ("APT10", "CN"),
        ("Kimsuky", "KP"),
        ("APT 28", "RU"),
        ("Anonymous 64", "TW"),
    ],
)
def test_threat_actors_resolve_name_or_alias(states_by_term, term, state):
    assert states_by_term[term.casefold()] == {state}


def test_threat_actors_salt_typhoon_is_ghostemperor(rows):
    (row,) = [row for row in rows if "salt typhoon" in {a.casefold() for a in aliases(row)}]
    assert row["name"] == "GhostEmperor"


def test_threat_actors_no_alias_maps_to_two_states(states_by_term):
    clashes = {term: states for term, states in states_by_term.items() if len(states) > 1}
    assert clashes == {}


def test_threat_actors_no_alias_shorter_than_4(rows):
    short = [(row["key"], alias) for row in rows for alias in aliases(row) if len(alias) < 4]
    assert short == []


def test_threat_actors_stoplisted_words_are_not_aliases(rows):
    everything = {alias.casefold() for row in rows for alias in aliases(row)}
    for word in ("equation", "snake", "zinc", "plutonium", "mirage", "group 3", "pla navy"):
        assert word not in everything


def test_threat_actors_at_least_60_rows(rows):
    assert len(rows) >= 60


def test_threat_actors_agencies(rows):
    by_name = {row["name"]: row for row in rows}
    assert by_name["APT28"]["agency"] == "ru-gru"
    assert by_name["APT29"]["agency"] == "ru-svr"
    assert by_name["Turla"]["agency"] == "ru-fsb"
    assert by_name["APT31"]["agency"] == "cn-mss"
    assert by_name["APT1"]["agency"] == "cn-pla"
    assert by_name["Lazarus Group"]["agency"] == "kp-rgb"
    assert by_name["MuddyWater"]["agency"] == "ir-mois"
    assert "disputed" in by_name["Anonymous64"]["note"]


def test_threat_actors_regenerating_is_byte_identical(tmp_path):
    generator = load_generator()
    out = tmp_path / "threat_actors.tsv"
    assert generator.main(["--out", str(out), "--quiet"]) == 0
    assert out.read_bytes() == TABLE.read_bytes()


def test_threat_actors_extra_state_override_needs_a_note(tmp_path):
    generator = load_generator()
    extra = tmp_path / "extra.tsv"
    override = ["apt28", "", "CN", "", "", "", "", "https://example.org/", ""]
    extra.write_text("\t".join(COLUMNS) + "\n" + "\t".join(override) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="note"):
        generator.build(extra)
