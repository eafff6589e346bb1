"""Dutch referents 0.17.0 (round 24): a geschilleninstantie is no public body; "authorities" names one."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    "text",
    [
        # sentences of the Dutch regulations (Wkkgz), as the tokenizer splits them
        "De zorgaanbieder is aangesloten bij een geschilleninstantie , die voldoet aan het bepaalde in deze "
        "paragraaf .",
        "De geschilleninstantie is ingesteld door een of meer representatief te achten organisaties van "
        "zorgaanbieders .",
        "De zorgaanbieder brengt de mogelijkheid om geschillen aan de geschilleninstantie voor te leggen",
    ],
)
def test_a_geschilleninstantie_is_an_organisation(text):
    assert [ref for words, ref in mentions(text, "nl") if words == "geschilleninstantie"] == ["organisation"]


def test_other_instanties_stay_public_bodies():
    text = "heeft de fabrikant bij een door hem gekozen aangemelde instantie de procedure gevolgd"
    assert [ref for words, ref in mentions(text, "nl") if words == "instantie"] == ["government"]
    assert [ref for _, ref in mentions("de bevoegde instantie beslist", "nl")] == ["government"]


def test_the_dispute_body_a_law_regulates_is_not_the_government():
    # the coders: the geschilleninstantie whose expertise is ensured, not the minister who sets the rules
    text = (
        "Bij regeling van Onze Minister van Defensie, in overeenstemming met Onze Minister, worden nadere "
        "regels gesteld aan de geschilleninstantie waarbij hij is aangesloten teneinde de deskundigheid "
        "inzake de militaire gezondheidszorg te waarborgen."
    )
    assert by_concept(text, "nl")["ability"] == {"organisation"}


@pytest.mark.parametrize(
    "text",
    [
        "procedures uit JAR-21 zoals gepubliceerd door de Joint Aviation Authorities .",
        "For the application of this Memorandum the competent authorities are :",
        "any agreement or decision of their tax authorities",
    ],
)
def test_authorities_in_dutch_regulations_are_public_bodies(text):
    assert [ref for words, ref in mentions(text, "nl") if words == "authorities"] == ["government"]


def test_a_certificate_authority_is_no_public_body():
    text = "DigiNotar is als CA ( Certificate Authority ) een betrouwbare partij"
    assert [ref for words, ref in mentions(text, "nl") if words == "authority"] == []


def test_a_body_named_in_english_takes_a_regulations_control():
    text = (
        "Voor het ontwerpen, het produceren, het beoordelen van de luchtwaardigheid, het afgeven en "
        "accepteren van type-certificaten en bewijzen van luchtwaardigheid van luchtvaartuigen, aanverwante "
        "produkten en onderdelen worden op verzoek van de aanvrager de procedures toegepast uit JAR-21 "
        "zoals gepubliceerd door de Joint Aviation Authorities."
    )
    assert by_concept(text, "nl")["control"] == {"government"}
