"""Extraction on French sentences of the genre (written for these tests, not taken from the corpus)."""

import pytest
from conftest import pairs, rebuttal_pairs


def test_extract_report_with_several_accusers(extract_text):
    ex = extract_text("Le Royaume-Uni, le Canada et l'Australie accusent la Russie d'avoir mené une vaste "
                      "campagne de cyberespionnage contre leurs ministères.")
    assert pairs(ex) == {("GB", "RU"), ("CA", "RU"), ("AU", "RU")}


def test_extract_metonymy_capitals(extract_text):
    ex = extract_text("Washington accuse Moscou d'avoir piraté les serveurs du Parti démocrate.")
    assert pairs(ex) == {("US", "RU")}


def test_extract_passive_with_agent(extract_text):
    ex = extract_text("Les intrusions dans le réseau du ministère ont été attribuées à des hackers iraniens "
                      "par le gouvernement albanais.")
    assert ("AL", "IR") in pairs(ex)


def test_extract_demonym_threat_actor_is_affiliated(extract_text):
    ex = extract_text("Selon Berlin, des pirates informatiques russes ont infiltré la messagerie "
                      "du Bundestag.")
    assert pairs(ex) == {("DE", "RU")}
    threats = [a for a in ex.actors.values() if a.kind == "ThreatActor"]
    assert threats and all(ex.principals(a.key) == {"RU"} for a in threats)


def test_extract_named_group_from_reference_data(extract_text):
    ex = extract_text("Le gouvernement néerlandais a imputé au groupe APT28 une attaque informatique contre "
                      "l'Organisation pour l'interdiction des armes chimiques.")
    assert ("NL", "RU") in pairs(ex)


def test_extract_negated_claim_gives_nothing(extract_text):
    ex = extract_text("Le ministre a souligné que la France n'accuse pas la Chine de ces cyberattaques.")
    assert pairs(ex) == set()


def test_extract_non_cyber_sentence_gives_nothing(extract_text):
    ex = extract_text("Les États-Unis accusent la Chine de pratiques commerciales déloyales dans le secteur "
                      "de l'acier.")
    assert pairs(ex) == set()


def test_extract_question_answer_rebuttal(extract_text):
    text = ("Q : Selon la presse japonaise, la police japonaise accuse des pirates chinois d'avoir volé des "
            "données de l'agence spatiale. Quel est votre commentaire ?\n\n"
            "R : Ces accusations sont dénuées de tout fondement. La Chine s'oppose fermement à toute forme "
            "de cyberattaques. Nous exhortons la partie japonaise à cesser de politiser les questions de "
            "cybersécurité.\n")
    ex = extract_text(text, "2024-05-02")
    assert ("JP", "CN") in pairs(ex)
    strategies = rebuttal_pairs(ex)[("CN", "JP")]
    assert {"LackOfEvidence", "OppositionToCyberattacks", "DemandToStop", "Politicization"} <= strategies


def test_extract_news_rebuttal_with_speaker(extract_text):
    text = ("Le Danemark a accusé la Russie d'être derrière les cyberattaques contre ses hôpitaux. "
            "Le Kremlin a démenti toute implication et dénoncé une campagne russophobe, a déclaré son "
            "porte-parole.")
    ex = extract_text(text, "2023-03-02")
    assert ("DK", "RU") in pairs(ex)
    assert {"Denial", "Politicization"} <= rebuttal_pairs(ex)[("RU", "DK")]


def test_extract_counter_accusation(extract_text):
    text = ("Q : Le département américain de la Justice a inculpé deux pirates chinois pour piratage "
            "informatique. Quelle est votre réaction ?\n\n"
            "R : Ces accusations sont infondées. Ce sont les États-Unis qui mènent depuis longtemps des "
            "cyberattaques à grande échelle contre d'autres pays.\n")
    ex = extract_text(text, "2020-07-22")
    assert {("US", "CN"), ("CN", "US")} <= pairs(ex)
    assert "CounterAccusation" in rebuttal_pairs(ex)[("CN", "US")]
    assert any(a.counter_to is not None for a in ex.accusations)


def test_extract_person_role_and_affiliation(extract_text):
    ex = extract_text("Le porte-parole du ministère russe des Affaires étrangères Maria Zakharova a dénoncé "
                      "des accusations infondées. Mme Zakharova a ajouté que Moscou répondrait.")
    persons = [a for a in ex.actors.values() if a.kind == "Person"]
    assert [p.label for p in persons] == ["Maria Zakharova"]
    assert ex.principals(persons[0].key) == {"RU"}
    assert len(persons[0].mentions) == 2


@pytest.mark.parametrize("text,value", [
    ("Au total, 52 000 serveurs de contrôle ont été détectés par le CERT.", "52000"),
    ("Ces botnets ont contrôlé 1,18 million d'ordinateurs en Chine.", "1180000"),
    ("Pas moins de 2.077 serveurs de logiciels malveillants étaient basés à l'étranger.", "2077"),
])
def test_extract_statistics_french_numbers(extract_text, text, value):
    ex = extract_text(text)
    assert value in [s.value for s in ex.statistics]


def test_extract_evidence_offsets_slice_to_quote(extract_text):
    text = "Titre\n\nLe Canada accuse l'Iran d'avoir piraté des serveurs gouvernementaux.\n"
    ex = extract_text(text)
    (acc,) = ex.accusations
    assert text[acc.evidence.start:acc.evidence.end] == acc.evidence.text


WIRE = """Cyberattaque : Paris accuse Moscou, le Kremlin dément
PARIS, 12 mars 2024 - La France a officiellement attribué mardi au renseignement militaire russe une série \
de cyberattaques ayant visé des collectivités locales et des hôpitaux. Selon l'ANSSI, le groupe APT28 est à \
l'origine de ces intrusions.
Le ministre des Affaires étrangères a dénoncé un comportement inacceptable et appelé la Russie à cesser ces \
agissements.
Moscou a rejeté ces accusations. « Ces allégations sont sans fondement et relèvent d'une campagne \
russophobe », a déclaré le porte-parole du Kremlin, Dmitri Peskov, ajoutant que la Russie était elle-même \
la cible de milliers d'attaques chaque jour."""

PRESS_CONFERENCE = """Conférence de presse régulière du porte-parole du ministère des Affaires étrangères Mao Ning
Q : Le Canada a affirmé hier que des pirates informatiques soutenus par l'État chinois avaient infiltré les \
réseaux de plusieurs ministères fédéraux. Avez-vous une réaction ?
R : La partie canadienne a formulé ces accusations sans fournir la moindre preuve. La Chine est résolument \
opposée à toutes les formes de cyberattaques et les combat conformément à la loi. Nous exhortons le Canada à \
cesser de salir la Chine et à traiter ces questions par le dialogue.
Q : Le président argentin se rendra-t-il à Pékin le mois prochain ?
R : Je n'ai pas d'informations à ce sujet."""

RANSOMWARE = """Un rançongiciel paralyse un hôpital de Lyon
Le centre hospitalier a été victime d'une attaque par rançongiciel dans la nuit de dimanche. Les enquêteurs \
de la police judiciaire privilégient la piste d'un groupe criminel. Aucun État n'a été mis en cause à ce \
stade, a précisé le parquet de Paris."""


def test_extract_wire_report_and_kremlin_rebuttal(extract_text):
    ex = extract_text(WIRE, "2024-03-12")
    assert pairs(ex) == {("FR", "RU")}
    assert {"Denial", "LackOfEvidence", "Politicization", "Victimhood"} <= rebuttal_pairs(ex)[("RU", "FR")]


def test_extract_press_conference_skips_unrelated_question(extract_text):
    ex = extract_text(PRESS_CONFERENCE, "2024-03-12")
    assert pairs(ex) == {("CA", "CN")}
    reb = rebuttal_pairs(ex)
    assert set(reb) == {("CN", "CA")}
    assert {"LackOfEvidence", "OppositionToCyberattacks", "DemandToStop", "CallForCooperation"} <= reb[("CN", "CA")]


def test_extract_criminal_ransomware_accuses_no_state(extract_text):
    ex = extract_text(RANSOMWARE, "2024-03-12")
    assert pairs(ex) == set()
    assert ex.rebuttals == []


GENRE_CASES = {
    "joint_attribution_and_iranian_rebuttal": (
        "Le Royaume-Uni et les États-Unis ont imputé jeudi au Corps des gardiens de la révolution islamique "
        "une campagne d'hameçonnage visant des parlementaires. Téhéran a qualifié ces accusations de "
        "« mensonges » et de « propagande hostile ». Le porte-parole de la diplomatie iranienne a affirmé que "
        "l'Iran était la première victime du terrorisme informatique, citant le virus Stuxnet.",
        {("GB", "IR"), ("US", "IR")}, {("IR", "GB"), ("IR", "US")}),
    "expulsion_wire_with_dateline": (
        "Les Pays-Bas accusent le GRU d'avoir tenté de pirater l'OIAC\n"
        "LA HAYE, 4 octobre 2018 - Les services de renseignement néerlandais ont expulsé quatre agents russes "
        "soupçonnés d'avoir voulu pirater le réseau informatique de l'Organisation pour l'interdiction des "
        "armes chimiques. La ministre de la Défense a présenté les preuves lors d'une conférence de presse. "
        "La Russie a dénoncé une « campagne d'espionnite » et affirmé que ces accusations étaient infondées.",
        {("NL", "RU")}, {("RU", "NL")}),
    "negated_attribution": (
        "La République tchèque n'a pas attribué l'attaque contre son ministère des Affaires étrangères à la "
        "Chine, a précisé le gouvernement, qui refuse de désigner un responsable avant la fin de l'enquête. "
        "Les autorités tchèques examinent plusieurs pistes.",
        set(), set()),
    "passive_attribution_to_named_group": (
        "Le piratage de la plateforme d'échange de cryptomonnaies a été attribué par le FBI au groupe Lazarus, "
        "lié au régime nord-coréen. Pyongyang n'a pas commenté.",
        {("US", "KP")}, set()),
    "russian_answer_to_eu_sanctions": (
        "Réponse de la porte-parole Maria Zakharova à une question des médias\n"
        "Question : L'Union européenne a imposé des sanctions à plusieurs officiers du GRU qu'elle tient pour "
        "responsables de la cyberattaque contre le Bundestag en 2015. Quel est votre commentaire ?\n"
        "Réponse : Ces sanctions sont illégitimes et reposent sur des allégations gratuites. La Russie n'a "
        "jamais mené d'attaques contre les institutions allemandes. Nous appelons Bruxelles à renoncer à cette "
        "politique de confrontation et à revenir à un dialogue professionnel entre experts. Des mesures de "
        "rétorsion seront prises.",
        {("EU", "RU")}, {("RU", "EU")}),
}


@pytest.mark.parametrize("name", sorted(GENRE_CASES))
def test_extract_genre_cases(extract_text, name):
    text, accusations, rebuttals = GENRE_CASES[name]
    ex = extract_text(text, "2024-01-01")
    assert pairs(ex) == accusations
    assert set(rebuttal_pairs(ex)) == rebuttals


def test_extract_answer_strategies_to_eu_sanctions(extract_text):
    text, _, _ = GENRE_CASES["russian_answer_to_eu_sanctions"]
    strategies = rebuttal_pairs(extract_text(text, "2024-01-01"))[("RU", "EU")]
    assert {"LackOfEvidence", "Denial", "CallForCooperation", "DemandToStop", "Retaliation"} <= strategies


@pytest.mark.parametrize("text,expected", [
    ("Washington a une nouvelle fois mis en cause Pékin dans le piratage des serveurs de messagerie du Pentagone.",
     {("US", "CN")}),
    ("L'attribution de l'attaque contre Sony à la Corée du Nord par les États-Unis a été contestée par plusieurs "
     "experts en cybersécurité.", {("US", "KP")}),
    ("Les accusations portées par le Canada contre la Chine concernent le piratage du Conseil national de "
     "recherches.", {("CA", "CN")}),
    ("Selon le FBI, des pirates nord-coréens sont derrière le vol de 600 millions de dollars en cryptomonnaies.",
     {("US", "KP")}),
    ("Si la Russie était derrière cette cyberattaque, ce serait une grave escalade, a estimé un diplomate.", set()),
    ("La Chine n'a jamais piraté les réseaux du Parlement européen, a répété le porte-parole.", set()),
    ("L'Estonie, la Lettonie et la Lituanie ont dénoncé jeudi des cyberattaques menées selon elles par des groupes "
     "liés au renseignement russe.", {("EE", "RU"), ("LV", "RU"), ("LT", "RU")}),
    # a speaker label makes the parser's root « Question »: the minister still speaks
    ("Question : Lundi, la ministre canadienne de la Défense, Anita Anand, a déclaré devant le Parlement qu'un "
     "groupe lié à l'État iranien avait compromis les serveurs d'un ministère.", {("CA", "IR")}),
    # co-signing an attribution accuses; the list after « par » keeps its role
    ("L'agence japonaise de cybersécurité a attribué la campagne au groupe APT41. L'avis est cosigné par les "
     "agences des États-Unis, du Canada et de l'Australie.", {("JP", "CN"), ("US", "CN"), ("CA", "CN"), ("AU", "CN")}),
    ("Selon Washington, des pirates chinois ont inséré des commentaires en russe dans le code pour faire accuser "
     "d'autres pays.", {("US", "CN")}),
    # the holder of « sanctions » is named by « par », not by who answers them
    ("Moscou a riposté aux sanctions prises par les Vingt-Sept contre des officiers du renseignement militaire russe "
     "accusés d'avoir piraté le Parlement allemand.", {("EU", "RU")}),
    ("Le parquet fédéral belge a annoncé l'inculpation de deux membres du renseignement militaire russe, accusés "
     "d'avoir piraté les serveurs du ministère.", {("BE", "RU")}),
    # « menées par » after the attack names its author; « solidarité avec » names nobody blamed
    ("L'Union européenne condamne fermement les activités informatiques malveillantes menées par la Fédération de "
     "Russie contre des opérateurs de satellites, et exprime sa solidarité avec la Pologne.", {("EU", "RU")}),
    ("La Chine a rejeté vendredi les accusations de cyberespionnage lancées la veille par le Japon.", {("JP", "CN")}),
    # « accuser X de » something other than an attack; a relative clause whose verb is not the cue
    ("Après les cyberattaques contre le SPD, l'ambassade de Russie accuse Berlin de bâtir ses affirmations sur des "
     "formules vagues.", set()),
    ("Le dossier est sensible pour Téhéran, qui garde en mémoire le ver Stuxnet, découvert en 2010 et attribué aux "
     "États-Unis et à Israël.", set()),
    # allies taking up an attribution accuse too; « la position américaine » names an ally
    ("Washington a attribué l'attaque au groupe Lazarus, lié à Pyongyang, et le Japon ainsi que l'Australie ont "
     "exprimé leur soutien à la position américaine.", {("US", "KP"), ("JP", "KP"), ("AU", "KP")}),
    ("Londres a accusé le GRU d'une série de cyberattaques, et le Canada a publié un communiqué dans le même sens.",
     {("GB", "RU"), ("CA", "RU")}),
    # « se serait introduit » is an intrusion; « l'an dernier » is no denial (« nier »)
    ("Selon les services néerlandais, un acteur soutenu par l'État chinois se serait introduit l'an dernier dans un "
     "réseau informatique des forces armées.", {("NL", "CN")}),
    # where an attack came from is who is blamed; who discovers an operation does not conduct it
    ("Selon le gouvernement polonais, tout indique qu'il s'agit d'une cyberattaque dirigée depuis la Russie.",
     {("PL", "RU")}),
    ("Le FSB russe a annoncé avoir découvert une action de renseignement des services spéciaux américains menée au "
     "moyen de téléphones piratés.", {("RU", "US")}),
    # words of the genre that are not attacks or claims in ordinary news
    ("Selon Varsovie, une nouvelle clause est introduite par la Russie dans le traité.", set()),
    ("Selon Varsovie, la Russie a mené des activités de reconnaissance aérienne près de ses frontières.", set()),
    ("Le porte-parole chinois a dénoncé les accusations de la Maison Blanche sur les cyberattaques.", {("US", "CN")}),
    ("Selon Londres, la Corée du Nord a diffusé un rançongiciel dans les hôpitaux britanniques.", {("GB", "KP")}),
    ("Le FBI affirme que la Corée du Nord a neutralisé les serveurs de Sony par une cyberattaque.", {("US", "KP")}),
    # an office in an apposition after the name; « ordonnée par » names who ordered the attack
    ("Le 19 décembre, Thomas Bossert, conseiller du président américain pour la sécurité intérieure, a déclaré que la "
     "cyberattaque avait été « ordonnée par le gouvernement nord-coréen ».", {("US", "KP")}),
    # Iranian sources name Israel « le régime sioniste »; « selon lequel » governs the pronoun
    ("Selon Téhéran, le régime sioniste a mené une cyberattaque contre le port de Bandar Abbas.", {("IR", "IL")}),
    ("Le NCSC a publié un avis selon lequel le groupe APT29 a piraté des laboratoires travaillant sur les vaccins.",
     {("GB", "RU")}),
    # « par » after a comma and another participle is that participle's agent
    ("La Maison Blanche tient l'Iran pour responsable de la cyberattaque, ainsi que l'accueil réservé à cette décision "
     "par les médias israéliens l'a montré.", {("US", "IR")}),
    # « sont à l'origine de », « les a associées à l'État russe » attribute; « désignées sous le nom de » names
    ("Selon le Japon, des services russes coordonnés sont à l'origine de la cyberattaque contre le ministère.",
     {("JP", "RU")}),
    ("Plusieurs États membres de l'UE ont observé des activités informatiques malveillantes, désignées sous le nom "
     "de « Ghostwriter », et les ont associées à l'État russe.", {("EU", "RU")}),
    # aligning on sanctions names allies, not « l'Ukraine » of the invasion that followed
    ("Après la cyberattaque, le Monténégro s'est aligné sur les sanctions européennes après l'invasion de l'Ukraine.",
     set()),
    # a closed relative clause before the cue: the antecedent is the subject
    ("Le Royaume-Uni, qui a quitté l'Union en janvier, a imputé au GRU l'intrusion dans les serveurs du Bundestag.",
     {("GB", "RU")}),
    # an adverb inside « mis en cause »; the sponsor of the attacker is blamed, not an accuser
    ("Le gouvernement canadien a mis nommément en cause la Chine, en affirmant que les réseaux du Conseil national de "
     "recherches avaient été infiltrés par un « acteur parrainé par l'État chinois ».", {("CA", "CN")}),
    # « conjointement avec » adds accusers; « condamne » with an attacker as object is a report
    ("La Tchéquie, conjointement avec l'Allemagne et l'OTAN, condamne les activités de cet « acteur contrôlé par "
     "l'État russe ».", {("CZ", "RU"), ("DE", "RU"), ("NATO", "RU")}),
    # a false flag names who was imitated, not who is blamed
    ("Selon Londres, le GRU a mené la cyberattaque en se faisant passer pour des pirates nord-coréens et chinois.",
     {("GB", "RU")}),
    # « de » after an attack verb names the victims, not the attacker
    ("Des pirates liés à Pékin ont dérobé les données de millions de Britanniques, a affirmé le NCSC.",
     {("GB", "CN")}),
])
def test_extract_sentence_forms(extract_text, text, expected):
    assert pairs(extract_text(text, "2024-01-01")) == expected


def test_extract_labelled_transcript_keeps_only_cyber_answers(extract_text):
    text = ("Journaliste : Le Japon accuse des hackers chinois d'avoir infiltré les réseaux de l'agence spatiale. "
            "Quelle est votre réaction ?\n"
            "Porte-parole : Ces accusations sont infondées. Nous nous opposons fermement à toute forme de "
            "cyberattaque.\n"
            "Journaliste : Quelle est la position de la Chine sur la situation au Moyen-Orient ?\n"
            "Porte-parole : Nous appelons toutes les parties au calme et au dialogue.\n")
    ex = extract_text(text, "2024-01-01")
    assert pairs(ex) == {("JP", "CN")}
    assert rebuttal_pairs(ex) == {("CN", "JP"): {"LackOfEvidence", "OppositionToCyberattacks"}}


def test_extract_wire_rebuttal_by_embassy_spokesperson(extract_text):
    # « a réagi »: the small model tags the participle as an adjective; the embassy still speaks,
    # and « a-t-il estimé » goes on with it.
    text = ("OTTAWA, 3 mars 2025 - Le gouvernement canadien a accusé mardi des pirates liés à la Chine d'avoir "
            "infiltré les réseaux du Conseil national de recherches.\n\n"
            "L'ambassade de Chine au Canada a réagi par la voix de son porte-parole.\n\n"
            "Ces accusations, a-t-il estimé, sont dénuées de tout fondement. La Chine n'a ni l'intérêt ni "
            "l'intention de mener de telles opérations et elle est elle-même durement touchée par les "
            "cyberattaques.\n")
    ex = extract_text(text, "2025-03-03")
    assert pairs(ex) == {("CA", "CN")}
    strategies = rebuttal_pairs(ex)[("CN", "CA")]
    assert {"LackOfEvidence", "Denial", "Victimhood"} <= strategies


def test_extract_factored_alternation_matches_as_plain_one():
    """The prefix-factored actor pattern finds the same spans as the plain alternation it replaces,
    where forms share prefixes, overlap, differ only by case or whitespace, or are cut short."""
    import re

    from kg.extract._alternation import alternation, word_tokens
    from kg.extract.lexicon import load_lexicon

    lexicon = {e.surface for e in load_lexicon().entries}
    tricky = {"ab", "abc", "a b", "a  b", "l'a", "l’a"}
    bounds = r"(?<![\w\-])(?:{})(?![\w\-])"
    for flags, forms in ((0, lexicon | tricky | {"Ab"}), (re.IGNORECASE, {f.lower() for f in lexicon} | tricky),
                         (re.IGNORECASE, tricky | {"k z z", "Ka b", "ka", "sa", "ſa"})):
        forms = sorted(forms, key=lambda s: (-len(s), s))
        texts = [" ".join(forms), "".join(forms), " ".join(f.upper() for f in forms), " ".join(f[:-1] for f in forms),
                 "-".join(f.replace(" ", "\u00a0 ").replace("'", "’") for f in forms), "a\tb a\u202fb l'ab K k sa ab"]
        plain = re.compile(bounds.format("|".join("".join(word_tokens(f)) for f in forms)), flags)
        factored = re.compile(bounds.format(alternation(forms, flags)), flags)
        for text in texts:
            assert [m.span() for m in factored.finditer(text)] == [m.span() for m in plain.finditer(text)]
        # factored, except where two first letters are one case-insensitively (k and K, s and ſ)
        assert (len(factored.pattern) < len(plain.pattern)) == (len(forms) > 20)


def test_extract_first_char_guard_keeps_matches():
    """Each cue and strategy pattern, behind its first-character guard, matches exactly as without
    it; a pattern whose first characters are unknown is left as it is."""
    import re
    from pathlib import Path

    from kg.extract import cues
    from kg.extract._first_chars import guarded

    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "data" / "docs").glob("*.txt"))]
    texts += ["Ne démentent PAS", "DÉMENTI", "ſans preuve", "Le dialogue; la coopération", ""]
    plain = {name: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
             for name, pats in cues._load("strategies.json")["strategies"].items()}
    for kind, pats in cues._load("cues.json").items():
        if isinstance(pats, list):
            plain[kind] = re.compile("|".join(f"(?:{p})" for p in pats), 0 if kind == "source" else re.IGNORECASE)
    assert sum(guarded(rx) is not rx for rx in plain.values()) >= len(plain) - 3
    for rx in plain.values():
        for text in texts:
            assert [(m.span(), m.groups()) for m in guarded(rx).finditer(text)] == \
                [(m.span(), m.groups()) for m in rx.finditer(text)]
    for pattern in ("a?", "[^a]b", ".b", "(?i:a)b", "(?i)ab"):
        assert guarded(re.compile(pattern, re.IGNORECASE)).pattern == pattern


def test_extract_rebuttal_of_all_accusations_and_alignment(extract_text):
    text = ("Le Royaume-Uni a accusé jeudi le GRU d'avoir piraté les systèmes du comité olympique. Le Canada s'est "
            "aligné sur ces conclusions. Le même jour, la justice américaine a inculpé six officiers du GRU pour ces "
            "cyberattaques.\n\n"
            "Le Kremlin a rejeté l'ensemble de ces accusations, y voyant une manifestation de russophobie.\n")
    ex = extract_text(text, "2020-10-20")
    assert pairs(ex) == {("GB", "RU"), ("CA", "RU"), ("US", "RU")}
    assert set(rebuttal_pairs(ex)) == {("RU", "GB"), ("RU", "CA"), ("RU", "US")}


def test_extract_mission_speaks_for_its_state(extract_text):
    text = ("Washington a accusé l'Iran d'avoir piraté la campagne d'un candidat. En août, la mission permanente de "
            "l'Iran auprès des Nations unies avait jugé ces allégations dénuées de fondement.\n")
    ex = extract_text(text, "2024-09-28")
    assert pairs(ex) == {("US", "IR")}
    assert "LackOfEvidence" in rebuttal_pairs(ex)[("IR", "US")]


def test_extract_statement_about_allegations_answers_them(extract_text):
    text = ("Le porte-parole du ministère nord-coréen des Affaires étrangères a publié jeudi une déclaration au sujet "
            "des allégations infondées de la clique sud-coréenne concernant le piratage d'une centrale nucléaire.\n")
    ex = extract_text(text, "2015-03-26")
    assert pairs(ex) == {("KR", "KP")}
    assert "LackOfEvidence" in rebuttal_pairs(ex)[("KP", "KR")]


def test_strategies_need_whole_words():
    from kg.extract.cues import strategies_in

    assert "Denial" not in strategies_in("Le rapport publié l'an dernier détaille une intrusion.")
    assert "Denial" in strategies_in("Moscou a toujours nié que ses services aient été impliqués.")


def test_extract_title_topic_and_rebuttal_verb(extract_text):
    # the topic before « : » accuses nobody; « dénonce une campagne de diffamation » rebuts
    ex = extract_text("Piratage de la banque centrale du Bangladesh : Pyongyang dénonce une « campagne de diffamation » "
                      "après les poursuites américaines\n", "2018-09-14")
    assert pairs(ex) == {("US", "KP")}
    assert "Politicization" in rebuttal_pairs(ex)[("KP", "US")]


def test_extract_accuser_official_is_not_accused_spokesperson(extract_text):
    text = ("Washington accuse Pékin d'avoir piraté les serveurs de messagerie de Microsoft. Antony Blinken dénonce un "
            "comportement irresponsable et déstabilisant.\n")
    ex = extract_text(text, "2021-07-19")
    assert pairs(ex) == {("US", "CN")}
    assert rebuttal_pairs(ex) == {}


def test_extract_announced_statement_runs_over_paragraphs(extract_text):
    text = ("Pyongyang, 26 mars 2015 (KCNA)\n\n"
            "Séoul a accusé mardi des pirates nord-coréens d'avoir piraté l'opérateur des centrales nucléaires.\n\n"
            "Le porte-parole du ministère nord-coréen des Affaires étrangères a publié jeudi une déclaration. "
            "La déclaration souligne :\n\n"
            "Ces allégations sont une pure fabrication.\n\n"
            "Les adresses IP peuvent être usurpées par n'importe qui, depuis n'importe quel point du globe.\n\n"
            "Les autorités sud-coréennes doivent renoncer immédiatement à cette campagne de dénigrement.\n")
    ex = extract_text(text, "2015-03-26")
    assert pairs(ex) == {("KR", "KP")}
    assert {"LackOfEvidence", "AttributionDifficulty", "DemandToStop", "Politicization"} <= rebuttal_pairs(ex)[("KP", "KR")]


def test_extract_answer_whose_question_reports_nothing(extract_text):
    # a parliamentary answer: the accusation and its denial are both reported in the answer
    text = ("Question. — Un député interroge le ministre sur les cyberattaques contre le réseau électrique.\n\n"
            "Réponse. — Les autorités ukrainiennes imputent ces attaques à la Russie. La Fédération de Russie a, de "
            "son côté, démenti toute implication et qualifié ces accusations d'infondées.\n")
    ex = extract_text(text, "2017-03-14")
    assert pairs(ex) == {("UA", "RU")}
    assert {"Denial", "LackOfEvidence"} <= rebuttal_pairs(ex)[("RU", "UA")]


def test_extract_official_titled_after_comma_speaks_for_government_text(extract_text):
    text = ("Communiqué du ministère des Affaires numériques\nVarsovie, le 31 mai 2024\n\n"
            "« Tout indique que nous avons affaire à une cyberattaque dirigée depuis la Russie », a déclaré le "
            "vice-Premier ministre et ministre des Affaires numériques, M. Krzysztof Gawkowski.\n")
    ex = extract_text(text, "2024-05-31")
    assert ex.actors["person:krzysztof-gawkowski"].role
    assert pairs(ex) == {("PL", "RU")}


def test_extract_counter_accusation_after_selon_lui(extract_text):
    # « selon lui » continues the speaker; both States after « conçu par » are blamed
    text = ("Téhéran, 29 mai (IRNA) - Un responsable israélien a accusé l'Iran d'avoir piraté des stations de pompage.\n\n"
            "Le porte-parole du ministère iranien des Affaires étrangères a rejeté ces accusations sans fondement. "
            "Il a rappelé que l'Iran avait été la première victime d'une cyberarme, le virus Stuxnet, conçu selon lui "
            "par les États-Unis et le régime sioniste pour saboter ses installations nucléaires.\n")
    ex = extract_text(text, "2020-05-29")
    assert pairs(ex) == {("IL", "IR"), ("IR", "US"), ("IR", "IL")}
    assert {"LackOfEvidence", "Victimhood", "CounterAccusation"} <= rebuttal_pairs(ex)[("IR", "IL")]
