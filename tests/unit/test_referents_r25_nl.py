"""Dutch referents 0.18.0 (round 25, read on uncoded documents): officers, firms, "in eerste instantie"."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    "text",
    [
        # sentences of the Dutch regulations, as the tokenizer splits them
        "De bedreigde hoofdofficier heeft zelf geen zeggenschap over de maatregelen .",
        "In beide situaties is het wenselijk dat de zaaksofficier en de beleidsmedewerker met elkaar "
        "overleggen",
        "Voorts heeft de landelijk corruptieofficier een initiërende rol bij het ontwikkelen van nieuwe "
        "wetgeving",
    ],
)
def test_officers_of_the_om_are_public_bodies(text):
    assert [ref for words, ref in mentions(text, "nl") if words.endswith("officier")] == ["government"]


def test_a_hoofdofficier_takes_the_responsibility_he_bears():
    text = (
        "De lokale hoofdofficier geeft vervolgens opdracht aan zijn eigen regiokorps tot uitvoering van de "
        "maatregelen en is daar ook eindverantwoordelijk voor."
    )
    assert by_concept(text, "nl")["responsibility"] == {"government"}


@pytest.mark.parametrize(
    ("text", "concept", "referent"),
    [
        # "in eerste instantie" is "at first": the party is the one before it, not an instantie
        (
            "De werkgever is in eerste instantie verantwoordelijk voor maatregelen als de dreiging tegen de "
            "burger werkgerelateerd is.",
            "responsibility",
            "organisation",
        ),
        (
            "Het algemene uitgangspunt van het stelsel Bewaken en beveiligen is dat de burger zelf in eerste "
            "instantie verantwoordelijk is voor zijn eigen veiligheid.",
            "responsibility",
            "customers",
        ),
    ],
)
def test_in_eerste_instantie_names_no_public_body(text, concept, referent):
    assert by_concept(text, "nl")[concept] == {referent}


def test_a_named_instantie_stays_a_public_body():
    # the near miss: an instantie that is one keeps its party
    assert [ref for _, ref in mentions("de bevoegde instantie beslist in eerste instantie", "nl")] == [
        "government"
    ]


def test_a_vennootschap_is_no_party_of_tax_rules():
    # tried as an organisation term and dropped: in tax rules the vennootschap is what is classified or taxed
    text = (
        "Indien na toetsing van de in onderdeel 3.3 opgenomen criteria de conclusie luidt dat geen sprake is "
        "van een kapitaalvennootschap is in beginsel sprake van een personenvennootschap."
    )
    assert by_concept(text, "nl")["control"] == {"none"}
    assert mentions("een besloten vennootschap met beperkte aansprakelijkheid", "nl") == []


def test_a_newspaper_and_a_hogeschool_are_organisations():
    # our own sentence for the news corpus's wording; the hogeschool is from the regulations
    assert by_concept("De onafhankelijkheid van de krant mag nooit worden aangetast.", "nl")["integrity"] == {
        "organisation"
    }
    assert [ref for words, ref in mentions("dat een hogeschool aan zijn verplichtingen voldoet", "nl")] == [
        "organisation"
    ]


def test_the_redactie_of_a_provision_is_no_party():
    # in regulations "redactie" is the wording of a provision
    assert mentions("de redactie van het artikel is aangepast", "nl") == []


def test_leiding_aan_is_giving_leadership():
    text = (
        "In voorkomende gevallen geeft hij ook zelf leiding aan opsporingsonderzoeken naar gevallen van "
        "corruptie."
    )
    assert by_concept(text, "nl")["integrity"] == {"none"}
    # the near miss: the leiding as a party keeps its referent
    assert [ref for _, ref in mentions("de leiding luistert niet", "nl")] == ["leadership"]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # sentences of the regulations on accountancy firms (Bta), not coded
        (
            "Een accountantsorganisatie heeft een standaard voor de inrichting van een controledossier.",
            "control",
        ),
        (
            "De accountantsorganisatie waarborgt dat haar medewerkers haar de informatie verstrekken die van "
            "belang is voor de in het eerste lid bedoelde beoordeling.",
            "communication",
        ),
    ],
)
def test_an_accountancy_firm_is_an_organisation(text, concept):
    assert by_concept(text, "nl")[concept] == {"organisation"}


def test_the_title_of_the_accountancy_law_stays_the_laws():
    # the near miss: in the law's title the coders give the law (government), not the firms
    assert by_concept("Wijzigt de Wet toezicht accountantsorganisaties.", "nl")["control"] == {"government"}


def test_by_laws_in_the_plural_are_public_rules():
    text = (
        "Tot die tijd blijft het in veel algemene plaatselijke verordeningen (APV) voorkomende verbod van "
        "kracht."
    )
    assert by_concept(text, "nl")["control"] == {"government"}
