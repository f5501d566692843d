"""The data files the package ships (kg/data/) and reads with importlib.resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.data import FILES, data_file

ROOT = Path(__file__).resolve().parents[1]
ORIGINALS = {
    "akg.ttl": ROOT / "ontology" / "akg.ttl",
    "shapes.ttl": ROOT / "ontology" / "shapes.ttl",
    "threat_actors.tsv": ROOT / "ontology" / "threat_actors" / "threat_actors.tsv",
}


@pytest.mark.parametrize("name", FILES)
def test_package_copy_equals_the_published_file(name):
    """ontology/ is the published vocabulary; kg/data/ holds the copies the code reads. After editing
    an ontology file, copy it (`cp ontology/akg.ttl kg/data/`); the threat-actor generator writes both."""
    assert data_file(name).read_bytes() == ORIGINALS[name].read_bytes(), f"kg/data/{name} differs from {ORIGINALS[name]}"


def test_every_data_file_is_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["kg"]
    for name in FILES:
        assert any(Path("data", name).match(glob) for glob in globs), name


def test_a_missing_data_file_raises():
    with pytest.raises(FileNotFoundError, match="kg/data/nothing.tsv"):
        data_file("nothing.tsv")


def test_the_threat_actor_table_is_read_from_the_package():
    from kg.extract.lexicon import load_lexicon

    threats = load_lexicon().threats
    assert len(threats) > 100
    assert threats["apt28"].state == "RU"


def test_the_strategy_scheme_comes_from_the_package_ontology():
    from rdflib.namespace import SKOS

    from kg.namespaces import AKG
    from kg.rdf import strategy_scheme

    assert (AKG.Denial, SKOS.inScheme, AKG.RebuttalStrategies) in strategy_scheme()
