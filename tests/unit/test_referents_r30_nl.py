"""Dutch referents 0.23.0 (round 30): the general rules of issue 17's Dutch errors."""

from __future__ import annotations

from tests.referent_rows import by_concept
from trustlex.lexicon.referents import shipped_taxonomy


def test_an_algemene_maatregel_van_bestuur_is_a_law_and_no_party_of_integrity():
    # the own sentences of the round: the regulation is the law, the organisation keeps its own independence
    text = (
        "Het bureau voldoet aan bij of krachtens algemene maatregel van bestuur te stellen regels "
        "terzake van zijn onafhankelijkheid."
    )
    assert by_concept(text, "nl")["integrity"] == {"none"}
    text = "De stichting voldoet aan bij algemene maatregel van bestuur gestelde regels over haar integriteit"
    assert by_concept(text, "nl")["integrity"] == {"organisation"}


def test_an_algemene_maatregel_van_bestuur_names_nobody_at_risk():
    text = (
        "Bij algemene maatregel van bestuur worden regels gesteld over stoffen die gevaar voor de gezondheid "
        "opleveren."
    )
    assert by_concept(text, "nl")["risk"] == {"none"}


def test_an_algemene_maatregel_van_bestuur_stays_the_party_of_control():
    # the near case: as a law, it is whom control is about
    text = "Bij algemene maatregel van bestuur worden regels gesteld over het toezicht op de naleving."
    assert by_concept(text, "nl")["control"] == {"government"}


def test_maatregel_is_a_law_word_only_inside_a_longer_mention():
    nl = shipped_taxonomy("nl").rules
    assert {"maatregel", "maatregelen"} <= nl.laws
    # "het bestuur" (leadership) ends as the measure does, and stays a party of integrity
    text = "Het bestuur van de vereniging handelt niet integer."
    assert by_concept(text, "nl")["integrity"] == {"leadership"}
