"""Claim nouns and the ways a claim is taken up or answered (kg/extract/noun_frames.py, reports.py), on
sentences written for these tests: each construction in the forms French gives it (noun phrase with its
complements in either order, verb of support, verb of making a claim, joining verbs, post-nominal
participles), and what must give nothing."""

import pytest
from conftest import pairs, rebuttal_pairs

CLAIM = "Washington accuse Pyongyang d'avoir mené la cyberattaque WannaCry contre des hôpitaux britanniques. "


@pytest.mark.parametrize("text,expected", [
    # the noun's complements in either order: « par X de Y », « de Y par X »
    ("L'inculpation par la justice australienne de membres du groupe APT31 pour l'attaque informatique contre le "
     "réseau électrique australien a été annoncée jeudi.", {("AU", "CN")}),
    ("La mise en cause de la Russie par le ministre néerlandais de la Défense dans l'intrusion dans le réseau "
     "informatique du Parlement néerlandais intervient après des mois d'enquête.", {("NL", "RU")}),
    ("Les mises en cause de la Chine par Canberra dans le piratage du Parlement australien se multiplient.",
     {("AU", "CN")}),
    # « à X » far after the noun: a dative, not a place
    ("L'imputation par le gouvernement britannique de l'attaque informatique contre le réseau électrique "
     "britannique au Kremlin intervient après des mois d'enquête.", {("GB", "RU")}),
    ("L'attribution par Paris d'une campagne de cyberespionnage visant des entreprises françaises de défense à "
     "Pékin marque un tournant.", {("FR", "CN")}),
    # the noun's holder after a participle, the accused after « contre », « à l'encontre de »
    ("L'accusation lancée par le ministère japonais des Affaires étrangères contre la Corée du Nord au sujet de la "
     "cyberattaque contre la commission électorale japonaise a provoqué de vives tensions.", {("JP", "KP")}),
    ("Les accusations formulées par la ministre canadienne des Affaires étrangères à l'encontre de la Chine portent "
     "sur l'attaque informatique contre des hôpitaux canadiens.", {("CA", "CN")}),
    # a verb that only says whom the claim is about
    ("Les soupçons de l'administration américaine se portent sur le gouvernement chinois après une campagne de "
     "cyberespionnage visant des universités américaines.", {("US", "CN")}),
    ("Après le piratage du ministère britannique des Finances, les soupçons du NCSC pèsent sur la Corée du Nord.",
     {("GB", "KP")}),
    ("Les soupçons de Londres portent désormais sur Téhéran après l'intrusion dans le réseau de la commission "
     "électorale.", {("GB", "IR")}),
    # an indictment: who is indicted is accused
    ("Le département de la Justice des États-Unis a rendu publique la mise en accusation de six officiers de "
     "l'unité 74455 du renseignement militaire russe pour des cyberattaques.", {("US", "RU")}),
    # the noun sums up the clause before it: it adds no claim
    ("La Norvège a accusé mardi la Russie d'être à l'origine de la cyberattaque contre le Storting, une mise en "
     "cause rarissime de la part de ce pays membre de l'OTAN.", {("NO", "RU")}),
])
def test_claim_nouns(extract_text, text, expected):
    assert pairs(extract_text(text, "2024-01-01")) == expected


@pytest.mark.parametrize("taking_up,expected", [
    # verbs of making a claim: their subject holds it, its target is the one already blamed
    ("En octobre, les autorités britanniques avaient avancé des allégations du même ordre.", {("GB", "KP")}),
    ("Tokyo a ensuite formulé de graves accusations.", {("JP", "KP")}),
    # a claim noun with its holder and no target
    ("Les accusations de Londres se sont multipliées depuis.", {("GB", "KP")}),
    # joining verbs, with the claim as their object
    ("Le Royaume-Uni, l'Australie et le Canada ont publiquement soutenu cette attribution.",
     {("GB", "KP"), ("AU", "KP"), ("CA", "KP")}),
    ("Le Canada partage pleinement les conclusions américaines.", {("CA", "KP")}),
    ("L'Australie a fait écho à ces déclarations.", {("AU", "KP")}),
    ("Le Japon souscrit pleinement à cette évaluation.", {("JP", "KP")}),
    # not a claim: a protest against a response, a claim whose holder is its answerer's subject
    ("Pyongyang dénonce les sanctions américaines liées à la cybercriminalité.", {("US", "KP")}),
])
def test_taking_up_a_claim(extract_text, taking_up, expected):
    assert pairs(extract_text(CLAIM + taking_up, "2017-12-20")) - {("US", "KP")} == expected - {("US", "KP")}


def test_a_statement_about_allegations_answers_them(extract_text):
    ex = extract_text("Le porte-parole de l'Institut central de recherche sur l'Internet de la RPDC a publié jeudi une "
                      "déclaration au sujet des allégations de la clique fantoche sud-coréenne concernant le piratage de "
                      "l'opérateur nucléaire. Ces accusations sont sans fondement.", "2015-03-26")
    assert ("KR", "KP") in pairs(ex)


@pytest.mark.parametrize("text,expected", [
    # a list goes on after an apposition when its preposition is coordinated again
    ("L'avis technique a été cosigné par des services de l'Australie, du Canada et du Royaume-Uni, les partenaires "
     "habituels de Washington au sein des Five Eyes, ainsi que par l'Allemagne, l'Italie et le Japon.",
     {("AU", "CN"), ("CA", "CN"), ("GB", "CN"), ("DE", "CN"), ("IT", "CN"), ("JP", "CN")}),
    # a subject that lists its members after « des » and « du »
    ("Les gouvernements des États-Unis et du Royaume-Uni ont accusé le groupe APT31, lié au ministère chinois de la "
     "Sécurité d'État, de cyberattaques.", {("US", "CN"), ("GB", "CN")}),
])
def test_lists_of_accusers(extract_text, text, expected):
    ex = extract_text("Les États-Unis accusent la Chine de cyberespionnage. " + text, "2025-08-28")
    assert pairs(ex) - {("US", "CN")} == expected - {("US", "CN")}


@pytest.mark.parametrize("text,expected", [
    # the purpose of an act: its agent makes the claim
    ("Pyongyang, 21 décembre (KCNA) -- Le porte-parole a répondu à une question au sujet de la campagne menée par "
     "les Etats-Unis pour imputer à la RPDC l'attaque informatique WannaCry.", {("US", "KP")}),
    # blamed for making claims: no attack is blamed
    ("L'ambassade de Chine a reproché à Berlin d'avoir « publiquement porté des accusations sans fondement » au sujet "
     "de prétendues cyberintrusions.", set()),
    ("Pékin accuse Washington de répandre des rumeurs sur de prétendues cyberattaques chinoises.", set()),
    ("Moscou reproche à Londres de calomnier la Russie avec ces histoires de piratage.", set()),
    ("La Chine accuse les États-Unis d'avoir piraté les serveurs de l'université.", {("CN", "US")}),
    # a refusal with an adverb in the reflexive verb
    ("Quant à Riyad, il s'était bien gardé de désigner qui que ce soit après la cyberattaque.", set()),
    # a dateline with a double dash and two cities is no party
    ("BERLIN/PÉKIN, 1er août 2024 -- L'Allemagne accuse la Chine d'une cyberattaque contre l'Office de "
     "cartographie.", {("DE", "CN")}),
])
def test_other_forms(extract_text, text, expected):
    assert pairs(extract_text(text, "2024-01-01")) == expected


@pytest.mark.parametrize("text,expected", [
    # a participle right after the claim noun: a passive rebuttal by its agent
    ("Les États-Unis, le Royaume-Uni et les Pays-Bas ont accusé des pirates liés à l'État chinois de s'être introduits "
     "dans des réseaux gouvernementaux, des accusations toutes rejetées par Pékin.",
     {("CN", "US"), ("CN", "GB"), ("CN", "NL")}),
    ("La justice américaine a inculpé six officiers du GRU soupçonnés d'avoir mené des cyberattaques, une accusation "
     "aussitôt rejetée par Moscou.", {("RU", "US")}),
    # the first person with a clitic: the speaker answers the claim of the subordinate clause
    ("Pyongyang, 21 décembre (KCNA) -- Au mois d'octobre, lorsque les autorités britanniques avaient avancé des "
     "allégations au sujet d'une cyberattaque, nous les avions déjà dénoncées comme une tentative perfide.",
     {("KP", "GB")}),
])
def test_rebuttals_of_claim_nouns(extract_text, text, expected):
    assert set(rebuttal_pairs(extract_text(text, "2024-01-01"))) == expected


def test_a_transcript_without_a_state_in_its_header_speaks_for_the_state_of_its_answers(extract_text):
    text = ("Conférence de presse régulière tenue par la porte-parole du ministère des Affaires étrangères Mao Ning\n\n"
            "Reuters : Liz Truss deviendra Première ministre. Quelles sont les attentes de la Chine ?\n\n"
            "Mao Ning : La Chine espère que la partie britannique considérera nos relations de manière objective.\n\n"
            "Xinhua : Des rapports d'enquête sur les cyberattaques contre une université chinoise ont été publiés. "
            "Quel est votre commentaire ?\n\n"
            "Mao Ning : Les rapports montrent que la NSA américaine a mené plus d'un millier de cyberattaques contre "
            "l'Université polytechnique du Nord-Ouest. La Chine les condamne fermement.\n")
    assert pairs(extract_text(text, "2022-09-05")) == {("CN", "US")}


def test_an_answer_about_something_else_rebuts_nothing(extract_text):
    text = ("Point de presse du porte-parole du ministère des Affaires étrangères du Vietnam\n\n"
            "Journaliste (Reuters) : Selon un rapport publié hier, le gouvernement américain accuse le groupe APT32, lié "
            "au Vietnam, d'avoir piraté des ministères. Quelle est votre réaction ?\n\n"
            "Porte-parole : Il s'agit d'informations dénuées de fondement.\n\n"
            "Journaliste (Thanh Niên) : La Chine a annoncé la création de deux districts dans l'archipel. "
            "Quelle est la position du Vietnam ?\n\n"
            "Porte-parole : La décision de la Chine viole gravement la souveraineté du Vietnam. Nous exigeons que la "
            "Chine annule cette décision erronée.\n")
    ex = extract_text(text, "2020-04-23")
    assert set(rebuttal_pairs(ex)) == {("VN", "US")}


def test_a_joint_statement_speaks_for_every_signatory(extract_text):
    text = ("Déclaration conjointe\n\n"
            "Nous, États participants de l'équipe de surveillance - l'Allemagne, le Japon et les Pays-Bas -, avons "
            "publié ce jour un rapport sur les activités cyber de la RPDC.\n\n"
            "Les pirates informatiques de la RPDC ont dérobé au moins 2,8 milliards de dollars de cryptoactifs.\n")
    assert {("DE", "KP"), ("JP", "KP"), ("NL", "KP")} <= pairs(extract_text(text, "2025-10-22"))


@pytest.mark.parametrize("text,expected", [
    # « ce groupe », « le même groupe »: the attacker named last
    ("Berlin accuse le groupe APT28 d'avoir piraté le SPD. La justice américaine accuse le même groupe d'avoir piraté "
     "le Parti démocrate en 2016.", {("DE", "RU"), ("US", "RU")}),
    ("Le groupe APT40 a infiltré des réseaux australiens. Canberra attribue les activités de ce groupe au ministère "
     "chinois de la Sécurité d'État.", {("AU", "CN")}),
    # with no attacker named before, a demonstrative stands for nobody
    ("Ce groupe de pirates a infiltré le réseau de la commission électorale.", set()),
    # a present participle says what the subject of its clause does (and who stands by the accusers
    # endorses their attribution)
    ("L'Union européenne exprime sa solidarité avec l'Allemagne et la Tchéquie, qui ont rendu publiques les "
     "conclusions de leurs enquêtes imputant cette campagne de cyberespionnage à APT28.",
     {("DE", "RU"), ("CZ", "RU"), ("EU", "RU")}),
    # « conjointement avec leurs partenaires »: who joins is the subject, not the agent of another participle
    ("L'Union européenne, conjointement avec ses partenaires, condamne la campagne de cyberactivités malveillantes "
     "menée par APT28, contrôlé par la Russie, contre l'Allemagne.", {("EU", "RU")}),
    # « dénoncer » a step that is no attack is a protest, not a claim
    ("Cyberattaque contre le SPD : Moscou dénonce un « pas inamical » après le rappel de l'ambassadeur allemand.",
     set()),
    ("Paris dénonce les cyberattaques menées par le GRU russe contre des médias français.", {("FR", "RU")}),
])
def test_anaphors_participles_and_protests(extract_text, text, expected):
    assert pairs(extract_text(text, "2024-05-03")) == expected


def test_a_pronoun_subject_continues_the_subject_before_it(extract_text):
    ex = extract_text("PÉKIN, 21 juillet (Xinhua) -- Une fois de plus, Washington a choisi de jouer au justicier du "
                      "cyberespace. Entouré de quelques alliés, il a lancé cette semaine une nouvelle salve d'accusations "
                      "de cyberattaques contre la Chine.", "2021-07-21")
    assert pairs(ex) == {("US", "CN")}


@pytest.mark.parametrize("joining", [
    "Dans la nuit, l'Australie a annoncé partager cette analyse, de même que le Canada et la Nouvelle-Zélande.",
    "L'Australie a soutenu cette attribution, tout comme le Canada et la Nouvelle-Zélande.",
    "L'Australie, le Canada et la Nouvelle-Zélande ont fait écho à ces accusations.",
])
def test_those_who_join_with_the_subject(extract_text, joining):
    ex = extract_text("Washington accuse Moscou de la cyberattaque NotPetya. " + joining, "2018-02-15")
    assert pairs(ex) == {("US", "RU"), ("AU", "RU"), ("CA", "RU"), ("NZ", "RU")}


def test_an_announced_statement_speaks_for_who_announced_it(extract_text):
    text = ("Le porte-parole de l'Institut dénonce la « thèse du piratage »\n\n"
            "Pyongyang, 26 mars (KCNA) -- Le porte-parole de l'Institut central de recherche sur Internet de la RPDC a "
            "publié jeudi la déclaration suivante :\n\n"
            "Le 17 mars, une équipe d'enquête de Corée du Sud a publié de prétendus « résultats d'enquête » selon "
            "lesquels le piratage de l'opérateur nucléaire aurait été commis par la RPDC.\n\n"
            "Nous n'avons jamais mené la moindre cyberattaque contre le Sud. Il s'agit d'une pure fabrication.\n")
    ex = extract_text(text, "2015-03-26")
    assert pairs(ex) == {("KR", "KP")}
    assert set(rebuttal_pairs(ex)) == {("KP", "KR")}
    assert "Denial" in rebuttal_pairs(ex)[("KP", "KR")]


@pytest.mark.parametrize("text,expected", [
    ("Nous avons pris connaissance de la déclaration diffusée le 29 avril par le Quai d'Orsay, imputant au service "
     "de renseignement militaire russe une série de cyberattaques contre des entités françaises.", {("FR", "RU")}),
    ("Le rapport publié par le NCSC britannique, attribuant la campagne de piratage au GRU, a été repris par la "
     "presse.", {("GB", "RU")}),
])
def test_a_present_participle_after_a_published_text(extract_text, text, expected):
    assert pairs(extract_text(text, "2025-04-30")) == expected
