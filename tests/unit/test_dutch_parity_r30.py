"""Round 30, Dutch says what English says: wordings of a Dutch engagement-survey comment.

The Dutch lexicons were grown on regulations, news and book reviews, so a Dutch employee's comment
("het management is niet goed", "mijn leidinggevende controleert alles", "er wordt nauwelijks
gecommuniceerd") went untagged where its English twin was caught. Each row is a sentence written for
this test (no corpus text) through the real pipeline, with the concept and valence it must get; the
near cases must stay untagged or keep their valence.
"""

from __future__ import annotations

import pytest

import trustlex


def labels(text: str) -> dict[str, str]:
    frame = trustlex.score_texts([text], lang="nl", level="sentence")
    return dict(zip(frame["concept"], frame["valence"], strict=True))


CAUGHT = [
    # ability: a verdict on management or leadership
    ("Het management is niet goed.", "ability", "-"),
    ("Eerlijk gezegd is de directie gewoon slecht.", "ability", "-"),
    ("Het leiderschap op onze afdeling is erg zwak.", "ability", "-"),
    ("We hebben hier echt goed leiderschap.", "ability", "+"),
    ("Er is geen goed management meer sinds de fusie.", "ability", "-"),
    ("Een chaotische organisatie waar niemand weet wat er gebeurt.", "ability", "-"),
    ("De nieuwe teamleiders kunnen er helemaal niks van.", "ability", "-"),
    ("Ik werk met slimme en gedreven collega's.", "ability", "+"),
    # control: checking everything
    ("Onze teamleider controleert echt alles wat we maken.", "control", "-"),
    ("De afdelingsmanager bemoeit zich met alles tot in de puntjes.", "control", "-"),
    # communication
    ("Het rooster wordt zonder overleg aangepast.", "communication", "-"),
    ("Er is vanuit de directie geen duidelijke visie.", "communication", "-"),
    ("Mijn teamleider staat altijd open voor feedback.", "communication", "+"),
    ("De teams werken volledig langs elkaar heen.", "communication", "-"),
    ("De directie communiceert nauwelijks met de werkvloer.", "communication", "-"),
    ("De feedback van mijn leidinggevende is vaak vaag.", "communication", "-"),
    ("Ik krijg altijd constructieve feedback.", "communication", "+"),
    # vulnerability: pressure, threats to the job
    ("Volgend jaar staat er weer een nieuwe reorganisatie gepland.", "vulnerability", "+"),
    ("De targets zijn onhaalbaar en we krijgen onrealistische deadlines.", "vulnerability", "+"),
    ("Wel een goede werk-privébalans hier.", "vulnerability", "-"),
    ("De balans tussen werk en privé is ver te zoeken.", "vulnerability", "+"),
    ("Het is een veeleisende functie met lange dagen.", "vulnerability", "+"),
    ("Wie niet meekomt krijgt een verbetertraject.", "vulnerability", "+"),
    ("Er is een groot verloop onder de verpleegkundigen.", "vulnerability", "+"),
    ("Het is wel een stabiele werkgever.", "vulnerability", "-"),
    # benevolence
    ("Voor de directie ben je maar een nummer.", "benevolence", "-"),
    ("De manager snauwt tegen iedereen die iets vraagt.", "benevolence", "-"),
    ("De collega's zijn ontzettend behulpzaam.", "benevolence", "+"),
    ("Onze afdelingsmanager staat echt achter haar team.", "benevolence", "+"),
    # norms
    ("Een divers team met veel verschillende achtergronden.", "norms", "+"),
    ("Te veel politieke spelletjes tussen de afdelingen.", "norms", "-"),
    ("Er hangt een fijne sfeer op de afdeling.", "norms", "+"),
    # integrity, trust, responsibility, discipline, risk, courage
    ("De hebzucht van de top is stuitend.", "integrity", "-"),
    ("Fouten worden verdoezeld in plaats van opgelost.", "integrity", "-"),
    ("Op deze afdeling vertrouw je alleen nog jezelf.", "trust", "-"),
    ("Het team neemt echt eigenaarschap voor de planning.", "responsibility", "+"),
    ("Teamleiders worden nooit op hun gedrag aangesproken.", "responsibility", "-"),
    ("Veel mooie beloftes, maar er verandert niets.", "discipline", "-"),
    ("Er was ons een vast contract beloofd.", "discipline", "-"),
    ("De targets worden elke maand weer verlegd.", "discipline", "-"),
    ("Het is op de bouwplaats echt onveilig werken.", "risk", "+"),
    ("Collega's zijn doodsbang voor de directeur.", "courage", "-"),
    ("Wie zijn mond opendoet, wordt meteen weggezet.", "courage", "-"),
]


@pytest.mark.parametrize(("text", "concept", "valence"), CAUGHT)
def test_a_dutch_survey_wording_gets_the_concept_english_gets(text, concept, valence):
    assert labels(text).get(concept) == valence, labels(text)


KEPT = [
    # near cases that stay untagged for the concept, or keep their valence
    ("Mijn leidinggevende is slecht bereikbaar.", "ability", None),
    ("Het management is niet slecht.", "ability", None),
    ("Diverse teams werkten mee aan het project.", "norms", None),
    ("Bel gewoon een nummer van de klantenservice.", "benevolence", None),
    ("Ik controleer het rooster zelf.", "control", "0"),
    ("De reorganisatie is vorig jaar afgerond.", "vulnerability", None),
    ("Je wordt afgerekend op je cijfers.", "responsibility", None),
    ("Ik vertrouw mijn collega's volledig.", "trust", "+"),
    ("Mijn leidinggevende is bang voor spinnen.", "courage", None),
    ("Dat heeft de directeur ons beloofd.", "discipline", None),
    ("Het plan is tot in detail uitgewerkt.", "control", None),
    ("De werkdruk is nauwelijks te doen.", "vulnerability", "+"),
    ("De deur staat open voor iedereen.", "communication", None),
    ("Het bestuur staat achter de keuze van de commissie.", "benevolence", None),
    ("De doelen worden volgend jaar bijgesteld.", "discipline", None),
    ("Mijn leidinggevende is altijd beschikbaar voor vragen.", "vulnerability", None),
]


@pytest.mark.parametrize(("text", "concept", "valence"), KEPT)
def test_a_near_case_stays_as_it_was(text, concept, valence):
    assert labels(text).get(concept) == valence, labels(text)
