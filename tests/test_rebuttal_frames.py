"""Who answers which claim (kg/extract/rebuttal_frames.py), who speaks in reported speech (kg/extract/discourse.py)
and who accuses in a relative whose subject follows its verb (kg/extract/frames.py), on sentences written for these
tests, in the forms French gives them."""

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


CZ = "Prague accuse le groupe APT31, lié à Pékin, d'avoir piraté le ministère tchèque des Affaires étrangères. "
GB = "Londres accuse le GRU d'avoir mené des cyberattaques contre l'OIAC. "


@pytest.mark.parametrize("text,rebuttals", [
    # the subject of a verb of stance speaks, whatever follows the verb
    (CZ + "L'ambassade chinoise à Prague a aussitôt parlé d'« accusations sans fondement ».",
     {("CN", "CZ"): {"LackOfEvidence"}}),
    (CZ + "L'ambassade de Chine à Prague a dénoncé une « diplomatie du microphone ».", {("CN", "CZ"): {"Politicization"}}),
    (CZ + "L'ambassade de Chine « s'oppose fermement aux accusations sans fondement ».",
     {("CN", "CZ"): {"LackOfEvidence", "Protest"}}),
    # an object after « , a dénoncé »: the subject before it speaks, not the adjective after it
    (GB + "La porte-parole de la diplomatie russe, Maria Zakharova, a dénoncé une nouvelle « campagne de "
     "désinformation » britannique.", {("RU", "GB"): {"Politicization"}}),
    # a speaker after its verb still speaks
    (GB + "« Ces accusations sont sans fondement », a répondu jeudi Dmitri Peskov, porte-parole du Kremlin.",
     {("RU", "GB"): {"LackOfEvidence"}}),
    # « ce que X qualifie de … »
    ("Berne accuse Moscou d'avoir tenté de pirater le laboratoire de Spiez, ce que l'ambassade de Russie qualifie "
     "d'« inventions absurdes ».", {("RU", "CH"): {"LackOfEvidence"}}),
    # the accuser denouncing a campaign answers nothing
    (GB + "Le ministre britannique a dénoncé une campagne de désinformation russe.", {}),
])
def test_rebuttals_in_reported_speech(extract_text, text, rebuttals):
    assert rebuttal_pairs(extract_text(text)) == rebuttals


@pytest.mark.parametrize("text,accusations", [
    # to denounce or condemn what attributes an attack is to answer a claim, not to make one
    ("Le porte-parole du MAE de la RPDC dénonce la manœuvre américaine liant la RPDC à une cyberattaque.", set()),
    ("Pékin condamne les rapports imputant à la Chine des cyberattaques contre Taïwan.", set()),
    # to denounce or condemn the attack itself blames its author
    ("Paris dénonce les cyberattaques menées par le GRU russe contre des médias français.", {("FR", "RU")}),
    ("Washington condamne la Russie pour ses cyberattaques contre l'Ukraine.", {("US", "RU")}),
])
def test_blaming_a_claim_is_no_accusation(extract_text, text, accusations):
    assert pairs(extract_text(text)) == accusations
