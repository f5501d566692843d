"""Predicate frames (kg/extract/frames.py, predicates.py, rebuttal_frames.py): each construction on
sentences written for these tests, in the forms French gives it, with the actor named in several ways."""

from pathlib import Path

import pytest
from conftest import pairs, rebuttal_pairs

from kg.extract.predicates import find_predicates, predicates

DATA = Path(__file__).parent / "data"


def test_frames_lexicon_reads_every_row():
    lemmas = {p.lemma for p in predicates()}
    assert {"accuser", "imputer", "être derrière", "accusation", "nier", "rejeter"} <= lemmas
    assert all(p.kind in ("verb", "copula", "noun", "rebut", "condemn", "join") for p in predicates())


def test_frames_find_inflected_forms():
    found = [p.lemma for p, _s, _e in find_predicates("Oslo accuse Moscou ; Moscou avait été accusée ; ils imputèrent")]
    assert found == ["accuser", "accuser", "imputer"]


@pytest.mark.parametrize("text,expected", [
    # active, the actor as a government, a capital, a ministry
    ("Le gouvernement norvégien a accusé la Russie d'avoir piraté les courriels du Parlement norvégien.", {("NO", "RU")}),
    ("Oslo accuse Moscou d'avoir piraté les courriels du Parlement norvégien.", {("NO", "RU")}),
    ("Le ministère tchèque des Affaires étrangères soupçonne la Chine d'avoir infiltré ses serveurs.", {("CZ", "CN")}),
    # passive, with its agent after a date
    ("La Russie a été accusée mercredi par la Norvège de cyberattaques contre le Parlement.", {("NO", "RU")}),
    ("Les intrusions ont été imputées à la Corée du Nord par Séoul.", {("KR", "KP")}),
    # participle: an adjunct before the subject, and after its noun
    ("Accusé par Berlin d'avoir infiltré le réseau du Bundestag, Moscou a rejeté ces allégations.", {("DE", "RU")}),
    ("Pékin, soupçonné par Canberra d'avoir piraté le Parlement australien, n'a pas réagi.", {("AU", "CN")}),
    # relatives: « qui » is the accuser, « que » the accused
    ("Tallinn, qui accuse Moscou d'avoir piraté les sites de ses banques, a convoqué l'ambassadeur.", {("EE", "RU")}),
    ("Moscou, que Canberra met en cause pour avoir espionné des universités, a nié ces accusations.", {("AU", "RU")}),
    # « selon X, Y est derrière »; a copula and a threat group standing for its State
    ("Selon Londres, le GRU est derrière la cyberattaque contre l'OIAC.", {("GB", "RU")}),
    ("D'après le FBI, le groupe Lazarus serait à l'origine du vol de cryptomonnaies.", {("US", "KP")}),
    # coordination of accusers; the object inside the words of the predicate
    ("Londres et Washington accusent Pékin d'avoir mené des cyberattaques contre leurs ministères.",
     {("GB", "CN"), ("US", "CN")}),
    ("La Maison Blanche tient l'Iran pour responsable de la cyberattaque contre les banques.", {("US", "IR")}),
    # the name in the complements of the object or of « à » (« l'unité 29155 du GRU »); present tense
    ("L'Estonie attribue les cyberattaques contre ses ministères à l'unité 29155 de la Fédération de Russie.",
     {("EE", "RU")}),
    ("Washington accuse l'unité 61398 de l'Armée populaire de libération d'avoir piraté des entreprises américaines.",
     {("US", "CN")}),
    # a list of datives goes on after « et aux »; the passive subject of an attack is its victim
    ("Téhéran impute la plupart de ces cyberattaques à Israël et aux États-Unis.", {("IR", "IL"), ("IR", "US")}),
    ("Le gouvernement canadien a annoncé que les réseaux du Conseil national de recherches du Canada avaient été "
     "infiltrés par des pirates informatiques chinois.", {("CA", "CN")}),
    # those who join a claim make it (« rejoints par »); adverbs between the auxiliary and the verb
    ("Washington et Londres avaient déjà officiellement imputé la cyberattaque WannaCry à la Corée du Nord, "
     "rejoints par l'Australie et le Japon.", {("US", "KP"), ("GB", "KP"), ("AU", "KP"), ("JP", "KP")}),
    # condemning an attack blames its author, never its victim; condemning something else blames nobody
    ("Les États-Unis condamnent fermement la cyberattaque iranienne contre l'Albanie.", {("US", "IR")}),
    ("L'UE condamne les cyberactivités malveillantes menées par la Russie contre l'Ukraine.", {("EU", "RU")}),
    ("Le Canada condamne l'invasion de l'Ukraine par la Russie, a déclaré le ministre après la cyberattaque.", set()),
    # a question reports a claim when it names its author; it does not when it asks whether
    ("Question : Comment commentez-vous la déclaration de Londres, selon laquelle le GRU serait responsable de la "
     "cyberattaque contre Viasat ?", {("GB", "RU")}),
    ("La Russie est-elle derrière la cyberattaque contre Viasat ?", set()),
    # « être derrière » under « accuser … de »: the verb says who is blamed
    ("L'Australie a accusé le ministère chinois de la Sécurité d'État d'être derrière un groupe de pirates qui a "
     "piraté des réseaux australiens.", {("AU", "CN")}),
    # the victim of the attack is never accused
    ("Le gouvernement japonais a accusé la Chine d'avoir piraté l'agence spatiale japonaise.", {("JP", "CN")}),
    # what cancels a claim: negation, refusal, a denial of having accused
    ("La Norvège n'a pas accusé la Russie d'avoir piraté le Parlement.", set()),
    ("Berlin refuse d'accuser Moscou d'avoir infiltré le Bundestag.", set()),
    ("Le gouvernement suédois dément avoir accusé la Russie de cyberattaques.", set()),
    # blamed for something that is no attack; a list that ends where a new clause starts (those who « font
    # bloc » with the accusers join them, they are not accused)
    ("Après le piratage, Moscou accuse Berlin de fonder ses affirmations sur des formules vagues.", set()),
    ("Piratage du SPD : Berlin et Prague désignent le renseignement militaire russe, l'UE et l'OTAN font bloc.",
     {("DE", "RU"), ("CZ", "RU"), ("EU", "RU"), ("NATO", "RU")}),
])
def test_frames_accusation_forms(extract_text, text, expected):
    assert pairs(extract_text(text, "2024-01-01")) == expected


@pytest.mark.parametrize("text,expected", [
    ("L'Estonie accuse la Russie d'avoir paralysé les sites de ses banques par des cyberattaques. "
     "Moscou a nié ces affirmations.", {("RU", "EE")}),
    ("Le Japon accuse la Chine d'avoir piraté ses agences. Ces allégations ont été démenties par Pékin.", {("CN", "JP")}),
    ("Le Canada accuse la Russie d'avoir piraté ses serveurs. Nous rejetons catégoriquement ces accusations, "
     "a déclaré l'ambassade de Russie.", {("RU", "CA")}),
    ("Le Canada accuse la Russie d'avoir piraté ses serveurs. Moscou n'a pas démenti.", set()),
])
def test_frames_rebuttal_forms(extract_text, text, expected):
    ex = extract_text(text, "2024-01-01")
    assert set(rebuttal_pairs(ex)) == expected


def test_frames_pronoun_object_stands_for_the_last_name(extract_text):
    ex = extract_text("Washington a engagé des poursuites contre des citoyens de la RPDC, les soupçonnant d'avoir piraté "
                      "des entreprises américaines.", "2024-01-01")
    assert pairs(ex) == {("US", "KP")}


def test_frames_plural_anaphor_answers_every_accuser(extract_text):
    ex = extract_text("Londres, Washington et l'UE accusent Moscou d'avoir piraté le réseau Viasat. Le Canada et "
                      "l'Australie se sont joints à ces accusations. Interrogé sur ces accusations, le porte-parole du "
                      "Kremlin les a rejetées.", "2022-05-11")
    assert pairs(ex) == {("GB", "RU"), ("US", "RU"), ("EU", "RU"), ("CA", "RU"), ("AU", "RU")}
    assert set(rebuttal_pairs(ex)) == {("RU", "GB"), ("RU", "US"), ("RU", "EU"), ("RU", "CA"), ("RU", "AU")}


def test_frames_bare_rejection_is_a_denial(extract_text):
    ex = extract_text("La Lituanie accuse la Russie d'avoir mené des cyberattaques. Moscou a rejeté ces accusations.",
                      "2024-01-01")
    assert [r.strategies for r in ex.rebuttals] == [["Denial"]]


def test_frames_taking_up_a_declaration_joins_it(extract_text):
    ex = extract_text("L'UE accuse la Russie de cyberattaques contre la Moldavie.\n\nL'Islande et la Norvège se rallient "
                      "à la présente déclaration.", "2024-01-01")
    assert pairs(ex) == {("EU", "RU"), ("IS", "RU"), ("NO", "RU")}


def test_frames_transcript_with_named_answerer(extract_text):
    text = ("Conférence de presse du porte-parole du ministère des Affaires étrangères\n\n"
            "Question : Quel est votre programme pour la semaine ?\n\n"
            "Wang Wu : Je n'ai pas d'information à communiquer.\n\n"
            "Question : Le gouvernement britannique a accusé hier des pirates liés à l'État chinois d'avoir mené des "
            "cyberattaques contre la commission électorale. Quelle est votre réaction ?\n\n"
            "Wang Wu : Ces affirmations sont dénuées de tout fondement. Nous exhortons la partie britannique à cesser "
            "de politiser les questions de cybersécurité.\n")
    ex = extract_text(text, "2024-03-26")
    assert pairs(ex) == {("GB", "CN")}
    assert set(rebuttal_pairs(ex)) == {("CN", "GB")}
    assert {"LackOfEvidence", "DemandToStop"} <= set(rebuttal_pairs(ex)[("CN", "GB")])


def test_frames_gerund_takes_the_main_subject_and_its_partners(extract_text):
    ex = extract_text("La CISA et le FBI ont publié, avec leurs homologues australien et canadien, un guide, en attribuant "
                      "la campagne de piratage à des acteurs affiliés à la Chine.", "2024-12-04")
    assert pairs(ex) == {("US", "CN"), ("AU", "CN"), ("CA", "CN")}


def test_frames_taking_up_joins_the_main_claim(extract_text):
    ex = extract_text("Selon Pékin, ce sont les États-Unis qui mènent les plus vastes cyberattaques au monde. Washington "
                      "accuse le ministère chinois de la Sécurité d'État d'avoir piraté des serveurs Microsoft Exchange. "
                      "Le ministère américain de la Justice a inculpé quatre ressortissants chinois pour ces intrusions. "
                      "Le Japon et le Canada ont publié des déclarations allant dans le même sens.", "2021-07-20")
    assert ("JP", "CN") in pairs(ex) and ("CA", "CN") in pairs(ex)
    assert ("JP", "US") not in pairs(ex)


@pytest.mark.parametrize("joining", [
    "L'avis technique publié par Londres a été cosigné par les agences de cybersécurité de l'Australie et du Canada.",
    "Des agences de renseignement de l'Australie et du Canada s'étaient associées à l'avis technique.",
    "L'Australie et le Canada se sont joints à ces accusations.",
])
def test_frames_joining_a_claim_accuses_its_accused(extract_text, joining):
    ex = extract_text("Le Royaume-Uni accuse le FSB russe d'avoir piraté les courriels de députés britanniques. " + joining,
                      "2023-12-07")
    assert pairs(ex) == {("GB", "RU"), ("AU", "RU"), ("CA", "RU")}


def test_frames_signers_of_an_advisory_make_its_claim(extract_text):
    ex = extract_text("L'Australian Signals Directorate a publié un avis conjoint, cosigné par les agences de cybersécurité "
                      "des États-Unis et du Japon, selon lequel le groupe APT40 agit pour le compte du ministère chinois de "
                      "la Sécurité d'État.", "2024-07-09")
    assert pairs(ex) == {("AU", "CN"), ("US", "CN"), ("JP", "CN")}


def test_frames_in_concert_with(extract_text):
    ex = extract_text("Le Canada accuse le groupe APT29, lié au renseignement russe, d'avoir piraté des laboratoires. "
                      "Le Canada fait cette déclaration de concert avec le Royaume-Uni et les États-Unis.", "2020-07-16")
    assert pairs(ex) == {("CA", "RU"), ("GB", "RU"), ("US", "RU")}


def test_frames_state_agency_commentary_speaks_for_its_state(extract_text):
    text = ("La farce du « piratage nord-coréen » - Commentaire de la KCNA\n\n"
            "Pyongyang, 9 mars (KCNA) -- Le « Service national du renseignement » fantoche a prétendu le 4 mars que des "
            "pirates nord-coréens auraient infiltré les serveurs d'entreprises sud-coréennes.\n\n"
            "Il s'agit d'une pure invention, sans le moindre élément de preuve.\n")
    ex = extract_text(text, "2024-03-09")
    assert pairs(ex) == {("KR", "KP")}
    assert set(rebuttal_pairs(ex)) == {("KP", "KR")}
