"""Who answers which claim (kg/extract/rebuttal_frames.py) and who accuses in a relative whose subject follows
its verb (kg/extract/frames.py), on sentences written for these tests, in the forms French gives them."""

import pytest
from conftest import pairs, rebuttal_pairs


@pytest.mark.parametrize("text,accusations,rebuttals", [
    # a passive answer whose subject, the claim, carries long complements
    ("Les accusations de piratage formulées par Londres ont été rejetées par Moscou.",
     {("GB", "RU")}, {("RU", "GB")}),
    ("Ces accusations de piratage, formulées par Londres, ont été aussitôt démenties par le Kremlin.",
     {("GB", "RU")}, {("RU", "GB")}),
    ("Les accusations américaines de cyberespionnage ont été jeudi rejetées par Pékin.",
     {("US", "CN")}, {("CN", "US")}),
    # denying the attack itself, or the facts, denies the claim
    ("Pékin a nié les cyberattaques que lui imputent les États-Unis et le Royaume-Uni.",
     {("US", "CN"), ("GB", "CN")}, {("CN", "US"), ("CN", "GB")}),
    ("Washington accuse Pékin de piratage. Pékin a démenti toute cyberattaque contre des entreprises américaines.",
     {("US", "CN")}, {("CN", "US")}),
    ("Washington accuse Pékin de piratage. Pékin nie les faits.", {("US", "CN")}, {("CN", "US")}),
    # a subject after its verb in a relative: « dont l'accusent X », « qu'accusent X », « que lui imputent X »
    ("Moscou a nié toute implication dans la cyberattaque contre l'OIAC dont l'accusent Londres et La Haye.",
     {("GB", "RU"), ("NL", "RU")}, {("RU", "GB"), ("RU", "NL")}),
    ("La Russie, qu'accusent Londres et Ottawa d'avoir piraté des laboratoires, a démenti.",
     {("GB", "RU"), ("CA", "RU")}, {("RU", "GB"), ("RU", "CA")}),
    ("Les cyberattaques qu'attribuent Washington et Londres à la Chine inquiètent l'Europe.",
     {("US", "CN"), ("GB", "CN")}, {}),
    # the subject before its verb, as usual
    ("La Russie, que Londres accuse d'avoir piraté des laboratoires, a démenti.", {("GB", "RU")}, {("RU", "GB")}),
    ("La campagne de piratage dont Washington accuse Pékin vise des opérateurs.", {("US", "CN")}, {}),
    # what answers nothing
    ("Londres accuse Moscou de piratage. Moscou n'a pas rejeté ces accusations.", {("GB", "RU")}, {}),
])
def test_rebuttal_and_relative_forms(extract_text, text, accusations, rebuttals):
    ex = extract_text(text)
    assert pairs(ex) == accusations
    assert set(rebuttal_pairs(ex)) == set(rebuttals)
