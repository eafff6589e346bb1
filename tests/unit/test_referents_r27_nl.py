"""Dutch referents 0.20.0 (round 27, uncoded regulations): laws past by the nearest rule, new parties."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions
from trustlex.errors import LexiconError
from trustlex.lexicon.referents import load_referent_file, shipped_taxonomy

# sentences of the Dutch regulations
FIT_AND_PROPER = (
    "De toetsing van de betrouwbaarheid van een persoon als bedoeld in artikel 4:10 van de Wet op het "
    "financieel toezicht"
)
FRAUD = (
    "Indien tevens valsheid in geschrift is gepleegd (zoals vaak bij verzekeringsfraude) dient het zwaardere "
    "misdrijf van artikel 225 ev. Wetboek van strafrecht als uitgangspunt te worden genomen en niet de "
    "oplichting."
)
TRUST_OFFICES = (
    "De regels met het oog op een integere bedrijfsvoering, bedoeld in artikel 10, eerste lid, van de Wet "
    "toezicht trustkantoren, worden gesteld bij regeling van Onze Minister."
)


def test_a_law_the_nearest_rule_reaches_is_no_party_of_trust_or_integrity():
    found = by_concept(FIT_AND_PROPER, "nl")
    assert found["trust"] == {"none"}
    # the near miss: the law still controls ("toetsing ... als bedoeld in ... de Wet")
    assert found["control"] == {"government"}
    assert by_concept(FRAUD, "nl")["integrity"] == {"none"}


def test_the_nearest_rule_looks_past_the_law_to_the_next_party():
    found = by_concept(TRUST_OFFICES, "nl")
    assert found["integrity"] == {"organisation"}
    assert found["control"] == {"government"}


def test_a_law_stays_the_party_of_control_and_of_a_pattern():
    text = (
        "Met het toezicht op de naleving van het bij of krachtens de Wet op de dierproeven bepaalde zijn "
        "belast de ambtenaren van de Nederlandse Voedsel- en Warenautoriteit."
    )
    assert by_concept(text, "nl")["control"] == {"government"}


def test_the_laws_are_data_of_the_rules_table(tmp_path):
    nl = shipped_taxonomy("nl").rules
    assert {"wet", "wetboek", "verordening"} <= nl.laws
    assert "wet" in nl.law_suffixes
    assert not shipped_taxonomy("en").rules.laws
    # a Dutch file of its own without `laws` gives the law to every concept, as before
    own = tmp_path / "own-nl.toml"
    own.write_text(
        '[referents]\nlanguage = "nl"\nversion = "1.0.0"\nreplace = true\n\n'
        '[[referent]]\nid = "government"\nterms = ["wet"]\n',
        encoding="utf-8",
    )
    assert by_concept(FIT_AND_PROPER, "nl", referents=str(own))["trust"] == {"government"}


def test_a_law_phrase_is_an_error(tmp_path):
    path = tmp_path / "bad-nl.toml"
    path.write_text(
        '[referents]\nlanguage = "nl"\nversion = "1.0.0"\n\n[rules]\nlaws = ["wet op"]\n\n'
        '[[referent]]\nid = "government"\nterms = ["wet"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as caught:
        load_referent_file(path)
    assert caught.value.field == "laws"


@pytest.mark.parametrize(
    ("text", "concept", "referent"),
    [
        (
            "Deze verplichting geldt voor vervoerders die opereren op zogenoemde risicodragende lijnen.",
            "control",
            "organisation",
        ),
        (
            "Daarmee komt de bestaande mogelijkheid om per arbeidsorganisatie afwijkende afspraken te maken "
            "te vervallen.",
            "control",
            "organisation",
        ),
        (
            "Het zorgkantoor voert een objectief, transparant en non-discriminatoir inkoopbeleid.",
            "communication",
            "organisation",
        ),
        (
            "Op de betrouwbaarheid van deze gegevens hoeft het zorgkantoor zelf geen controle uit te voeren.",
            "control",
            "organisation",
        ),
        (
            "Het Zorginstituut is verantwoordelijk voor de volledige, juiste en tijdige opgave van het "
            "budget beheerskosten.",
            "responsibility",
            "government",
        ),
        (
            "Het secretariaat is voor de inhoudelijke uitvoering van zijn taak uitsluitend verantwoording "
            "schuldig aan de voorzitter van de commissie.",
            "responsibility",
            "government",
        ),
    ],
)
def test_new_parties_of_the_regulations(text, concept, referent):
    assert by_concept(text, "nl")[concept] == {referent}


def test_management_information_is_no_management():
    text = (
        "De wijze waarop de betrouwbaarheid en de continuïteit van de managementinformatie voor de algehele "
        "besluitvorming en de interne en externe financiële verantwoording is gewaarborgd."
    )
    assert "leadership" not in by_concept(text, "nl")["control"]
    # the near misses: management and the chair of a board stay leadership
    assert mentions("het management", "nl") == [("management", "leadership")]
    assert mentions("de voorzitter van het bestuur", "nl")[0] == ("voorzitter", "leadership")
