"""Rebuttal strategies: each concept of akg:RebuttalStrategies is found by meaning, in several
phrasings of the genre, and not in near-misses that share its words. Sentences written for this test."""

import pytest

from kg.extract.cues import strategies_in

GIVES = {
    "Denial": [
        "Le porte-parole a souligné que son pays n'avait absolument rien à voir avec ces intrusions.",
        "Pékin a fermement démenti toute participation à l'opération.",
        "Le gouvernement ne s'est jamais livré et ne se livrera jamais à des cyberattaques contre quiconque.",
        "Moscou récuse en bloc toute insinuation d'une implication de l'État russe.",
        "Téhéran n'y est pour rien, a assuré le diplomate.",
        "L'État n'est nullement derrière ces piratages.",
    ],
    "LackOfEvidence": [
        "Ces affirmations sont dénuées de tout fondement.",
        "Washington n'a jamais transmis le moindre élément vérifiable à la partie chinoise.",
        "Ce n'est qu'un tissu de mensonges et d'affabulations.",
        "Ces accusations reposent sur de simples suppositions.",
        "Aucune preuve tangible n'a été présentée à ce jour.",
        "Il s'agit d'allégations gratuites, lancées à la légère.",
    ],
    "Politicization": [
        "Les États-Unis se servent des questions de cybersécurité comme d'une arme politique.",
        "Cette affaire n'est qu'une nouvelle campagne de dénigrement orchestrée contre notre pays.",
        "Ces propos trahissent une mentalité de guerre froide et une russophobie obsessionnelle.",
        "Ils cherchent à ternir l'image de la RPDC sur la scène internationale.",
        "Ces accusations sont motivées par des considérations politiques.",
        "Londres attise délibérément l'hostilité envers la Chine.",
    ],
    "Protest": [
        "Nous exprimons notre vif mécontentement et notre ferme opposition.",
        "La partie chinoise a présenté des représentations solennelles à l'ambassade.",
        "Le ministère dénonce fermement cette démarche.",
        "Nous nous opposons résolument à cette décision.",
        "La Russie rejette avec indignation ces sanctions.",
    ],
    "Victimhood": [
        "La Chine est elle-même l'une des principales victimes du piratage.",
        "Nos réseaux subissent chaque jour des milliers d'intrusions venues de l'étranger.",
        "Notre pays compte parmi les plus durement touchés par les cyberattaques.",
        "Des serveurs situés à l'étranger ont pris le contrôle de plusieurs millions d'ordinateurs chez nous.",
    ],
    "CounterAccusation": [
        "Ce sont les États-Unis qui espionnent leurs propres alliés depuis des années.",
        "Washington est le plus grand empire de piratage de la planète.",
        "Ils sont le véritable roi du piratage.",
        "C'est l'histoire du voleur qui crie au voleur.",
        "Les agences américaines pratiquent une surveillance massive à l'échelle mondiale.",
    ],
    "OppositionToCyberattacks": [
        "La Chine s'oppose à toutes les formes de cyberattaques.",
        "Nous nous opposons fermement au piratage sous toutes ses formes.",
        "Notre pays est un ferme défenseur de la sécurité du cyberespace.",
        "Le gouvernement combat résolument toute activité de piratage.",
        "L'Iran rejette toute forme d'attaque informatique et la réprime.",
    ],
    "AttributionDifficulty": [
        "Le traçage des cyberattaques est une question technique très complexe.",
        "Les adresses IP peuvent facilement être usurpées.",
        "Il est difficile d'identifier la source d'une intrusion.",
        "N'importe quel groupe peut emprunter des outils déjà diffusés.",
        "Les attaques informatiques sont anonymes, transnationales et difficiles à retracer.",
    ],
    "CallForCooperation": [
        "Nous appelons toutes les parties à renforcer le dialogue et la coopération.",
        "La Russie est prête à travailler avec ses partenaires sur ces questions.",
        "Les différends doivent être réglés par le dialogue et la concertation.",
        "Nous proposons de mener une enquête conjointe sur cet incident.",
        "Nous souhaitons que les deux pays œuvrent ensemble à un cyberespace pacifique.",
    ],
    "DemandToStop": [
        "Nous exhortons la partie américaine à corriger ses erreurs.",
        "Londres doit cesser immédiatement de répandre ces accusations.",
        "Nous appelons Washington à retirer ce prétendu acte d'accusation.",
        "La Corée du Sud doit renoncer à cette campagne.",
        "Il faut mettre fin à ces manœuvres.",
    ],
    "Retaliation": [
        "Nous prendrons les contre-mesures qui s'imposent.",
        "La Chine prendra toutes les mesures nécessaires pour protéger ses intérêts.",
        "Moscou se réserve le droit de riposter.",
        "Toute tentative de ce genre sera sanctionnée conformément à la loi.",
        "Cette provocation ne restera pas sans réponse.",
    ],
}

NOT = {
    "Denial": [
        "Nous espérons que les médias ne se livreront pas à des spéculations.",
        "Le ministre a été interrogé sur les cyberattaques de la semaine dernière.",
        "Le FBI a mené l'enquête avec ses partenaires.",
    ],
    "LackOfEvidence": [
        "Le rapport présente des preuves à l'appui de ses conclusions.",
        "Les enquêteurs ont rassemblé de nombreux éléments techniques.",
    ],
    "Politicization": [
        "Le Parlement a adopté une loi sur la sécurité des réseaux.",
        "Les deux ministres se sont entretenus de la situation politique régionale.",
    ],
    "Protest": [
        "La délégation a été reçue par le ministre.",
        "Le porte-parole a répondu aux questions des journalistes.",
    ],
    "Victimhood": [
        "Le ministère a publié un rapport sur la sécurité informatique.",
        "Les pirates ont été arrêtés la semaine dernière.",
    ],
    "CounterAccusation": [
        "C'est le ministère qui a publié le communiqué.",
        "Le porte-parole dénonce sans cesse de prétendues menaces.",
    ],
    "OppositionToCyberattacks": [
        "Washington sanctionne une société chinoise de cybersécurité.",
        "Le ministre s'est opposé à la réforme des retraites.",
    ],
    "AttributionDifficulty": [
        "Ils ont blanchi des gains tirés de monnaies virtuelles.",
        "Un responsable s'exprimant sous couvert d'anonymat a confirmé l'information.",
    ],
    "CallForCooperation": [
        "Cette décision porte atteinte à la coopération entre les deux pays.",
        "Le Dialogue stratégique et économique se tiendra en juillet.",
        "Le ministre a fait état de la coopération militaire entre les deux alliés.",
    ],
    "DemandToStop": [
        "Les autorités n'ont cessé de parler d'une menace inexistante.",
        "Il dénonce sans cesse de prétendues menaces informatiques.",
        "Deux hommes d'affaires ont été arrêtés à la demande des États-Unis.",
    ],
    "Retaliation": [
        "Je ne peux laisser sans réponse la précipitation de Tallinn.",
        "Ces actes criminels devaient être punis selon les traités internationaux.",
    ],
}


@pytest.mark.parametrize("concept,sentence", [(c, s) for c, ss in GIVES.items() for s in ss])
def test_gives(concept, sentence):
    assert concept in strategies_in(sentence)


@pytest.mark.parametrize("concept,sentence", [(c, s) for c, ss in NOT.items() for s in ss])
def test_near_miss(concept, sentence):
    assert concept not in strategies_in(sentence)
