"""Checks on the hand-made lexicons in kg/lexicons (states.tsv, organizations.tsv)."""

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
import pycountry
import pytest

LEXICONS = Path(__file__).resolve().parent.parent / "kg" / "lexicons"
STATES = LEXICONS / "states.tsv"
ORGS = LEXICONS / "organizations.tsv"

STATE_COLUMNS = ["code", "wikidata", "name", "aliases", "demonyms", "prefixes", "capitals", "metonyms"]
ORG_COLUMNS = ["key", "kind", "code", "state", "label", "aliases", "source", "parent"]
LIST_COLUMNS = {"aliases", "demonyms", "prefixes", "capitals", "metonyms"}
NOT_ISO = {"XK"}  # Kosovo: user-assigned code, not in ISO 3166-1


def _read(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == columns, f"{path.name}: header {header}"
        rows = []
        for lineno, fields in enumerate(reader, start=2):
            assert len(fields) == len(columns), f"{path.name}:{lineno}: {len(fields)} fields: {fields}"
            rows.append(dict(zip(columns, fields, strict=True)))
        return rows


def _items(value: str) -> list[str]:
    return value.split("|") if value else []


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u2019", "'").casefold()


@pytest.fixture(scope="module")
def states() -> list[dict[str, str]]:
    return _read(STATES, STATE_COLUMNS)


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, str]]:
    return _read(ORGS, ORG_COLUMNS)


@pytest.fixture(scope="module")
def by_code(states) -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in states}


def _check_cells(rows: list[dict[str, str]], name: str) -> None:
    for row in rows:
        for column, value in row.items():
            assert value == value.strip(), f"{name} {row}: whitespace around {column!r}"
            assert '"' not in value, f"{name} {row}: double quote in {column!r}"
            if column in LIST_COLUMNS:
                for item in _items(value):
                    assert item and item == item.strip(), f"{name} {row}: bad item in {column!r}"


def test_lexicons_states_parse(states):
    _check_cells(states, "states.tsv")


def test_lexicons_organizations_parse(orgs):
    _check_cells(orgs, "organizations.tsv")


def test_lexicons_state_codes_are_iso_alpha2(states):
    codes = [row["code"] for row in states]
    assert len(codes) == len(set(codes))
    bad = [c for c in codes if c not in NOT_ISO and pycountry.countries.get(alpha_2=c) is None]
    assert not bad, bad


def test_lexicons_state_count_covers_un_members_and_extras(by_code):
    assert len(by_code) >= 193
    assert {"TW", "XK", "PS", "VA"} <= set(by_code)


def test_lexicons_state_qids_well_formed_and_unique(states):
    qids = [row["wikidata"] for row in states]
    assert all(re.fullmatch(r"Q\d+", q) for q in qids), [q for q in qids if not re.fullmatch(r"Q\d+", q)]
    dups = sorted({q for q in qids if qids.count(q) > 1})
    assert not dups, dups


@pytest.mark.parametrize(
    "code,qid",
    [
        ("CN", "Q148"),
        ("RU", "Q159"),
        ("US", "Q30"),
        ("GB", "Q145"),
        ("FR", "Q142"),
        ("DE", "Q183"),
        ("BE", "Q31"),
        ("AU", "Q408"),
        ("CA", "Q16"),
        ("NZ", "Q664"),
        ("NO", "Q20"),
        ("KP", "Q423"),
        ("KR", "Q884"),
        ("IR", "Q794"),
        ("JP", "Q17"),
        ("TW", "Q865"),
        ("UA", "Q212"),
        ("NL", "Q55"),
        ("DK", "Q35"),
        ("EE", "Q191"),
        ("AL", "Q222"),
        ("IL", "Q801"),
        ("IN", "Q668"),
        ("PK", "Q843"),
        ("AF", "Q889"),
    ],
)
def test_lexicons_well_known_qids(by_code, code, qid):
    assert by_code[code]["wikidata"] == qid


def test_lexicons_no_surface_form_shared_across_states(states):
    """A name, alias, demonym, capital or metonym must point to one State only.

    babel's French name for each code is part of the check, since the extractor uses it too.
    """
    territories = babel.Locale("fr").territories
    owners: dict[str, set[str]] = defaultdict(set)
    for row in states:
        forms = [row["name"], territories.get(row["code"], "")]
        for column in ("aliases", "demonyms", "capitals", "metonyms"):
            forms.extend(_items(row[column]))
        for form in forms:
            if form:
                owners[_norm(form)].add(row["code"])
    dups = {form: sorted(codes) for form, codes in owners.items() if len(codes) > 1}
    if dups:
        print("surface forms shared by several States:", dups)
    assert not dups


def test_lexicons_prefixes_shared_by_no_two_states(states):
    owners: dict[str, set[str]] = defaultdict(set)
    for row in states:
        for prefix in _items(row["prefixes"]):
            owners[prefix].add(row["code"])
    dups = {p: sorted(c) for p, c in owners.items() if len(c) > 1}
    if dups:
        print("prefixes shared by several States:", dups)
    assert not dups


def test_lexicons_demonyms_and_prefixes_are_lowercase(states):
    for row in states:
        for form in _items(row["demonyms"]) + _items(row["prefixes"]):
            assert form == form.lower(), (row["code"], form)
        for prefix in _items(row["prefixes"]):
            assert not prefix.startswith("-") and not prefix.endswith("-"), (row["code"], prefix)


def test_lexicons_ambiguous_capitals_are_left_out(states):
    excluded = {
        "Victoria",
        "Kingston",
        "Santiago",
        "Sucre",
        "Roseau",
        "San José",
        "Georgetown",
        "Castries",
        "Saint-Georges",
        "Sofia",
    }
    present = {cap for row in states for cap in _items(row["capitals"])}
    assert not excluded & present, excluded & present


def test_lexicons_china_capital_includes_pekin(by_code):
    assert "Pékin" in _items(by_code["CN"]["capitals"])
    assert by_code["CN"]["name"] == "Chine"


def test_lexicons_russia_metonym_kremlin(by_code):
    assert "Kremlin" in _items(by_code["RU"]["metonyms"])


def test_lexicons_north_korea_demonym(by_code):
    demonyms = _items(by_code["KP"]["demonyms"])
    assert "nord-coréen" in demonyms and "nord-coréenne" in demonyms


def test_lexicons_organization_keys_and_codes_unique(orgs):
    keys = [row["key"] for row in orgs]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k) for k in keys)
    codes = [row["code"] for row in orgs if row["code"]]
    assert len(codes) == len(set(codes))


def test_lexicons_organization_count(orgs):
    assert 60 <= len(orgs) <= 120


def test_lexicons_organization_kinds(orgs, by_code):
    for row in orgs:
        assert row["kind"] in {"InternationalOrganization", "Organization"}, row
        assert row["label"] and row["aliases"] and row["source"], row
        if row["kind"] == "InternationalOrganization":
            assert row["code"] and not row["state"], row
            # an international organisation's code must not read as a State's ISO code
            assert row["code"] not in by_code, row
        else:
            assert not row["code"], row


def test_lexicons_organization_states_exist(orgs, by_code):
    missing = [(row["key"], row["state"]) for row in orgs if row["state"] and row["state"] not in by_code]
    assert not missing, missing


def test_lexicons_organization_parents_exist(orgs):
    keys = {row["key"] for row in orgs}
    missing = [(row["key"], row["parent"]) for row in orgs if row["parent"] and row["parent"] not in keys]
    assert not missing, missing


def test_lexicons_organization_aliases_are_distinctive(orgs, states):
    """No alias shared by two organisations, none that is a State's form, none a bare common word."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in orgs:
        for alias in _items(row["aliases"]):
            owners[_norm(alias)].add(row["key"])
    dups = {a: sorted(k) for a, k in owners.items() if len(k) > 1}
    if dups:
        print("aliases shared by several organisations:", dups)
    assert not dups

    state_forms = set()
    for row in states:
        for column in ("name", "aliases", "capitals", "metonyms"):
            state_forms.update(_norm(f) for f in _items(row[column]))
    clash = sorted(set(owners) & state_forms)
    assert not clash, clash

    common = {
        "trésor",
        "défense",
        "justice",
        "sûreté",
        "alliance",
        "l'alliance",
        "l'union",
        "union",
        "bruxelles",
        "commission",
        "conseil",
        "parlement",
        "police",
        "armée",
        "mois",
        "agence",
    }
    assert not set(owners) & common, set(owners) & common


def test_lexicons_spot_check_organizations(orgs):
    by_key = {row["key"]: row for row in orgs}
    assert by_key["nato"]["code"] == "NATO" and "OTAN" in _items(by_key["nato"]["aliases"])
    assert by_key["eu"]["code"] == "EU" and "UE" in _items(by_key["eu"]["aliases"])
    assert by_key["un"]["code"] == "UN" and "ONU" in _items(by_key["un"]["aliases"])
    assert by_key["ru-gru"]["state"] == "RU" and "GRU" in _items(by_key["ru-gru"]["aliases"])
    assert by_key["cn-mss"]["state"] == "CN"
    assert by_key["african-union"]["code"] == "AFRICAN_UNION"
