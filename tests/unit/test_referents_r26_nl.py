"""Dutch referents 0.19.0 (round 26, uncoded regulations): the top official, central banks, the ABP."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    "text",
    [
        # sentences of the Dutch regulations (a whistleblowing decree)
        "Degene bij wie een melding is gedaan stelt de hoogste ambtelijke leidinggevende onverwijld "
        "schriftelijk in kennis van de melding en de datum waarop deze is ontvangen.",
        "b. de hoogste ambtelijke leidinggevende te informeren over een melding; en",
    ],
)
def test_the_highest_official_is_leadership_not_ones_own_boss(text):
    assert by_concept(text, "nl")["communication"] == {"leadership"}


def test_the_highest_leaders_of_an_organisation_are_leadership():
    text = "de groep van hoogste leidinggevenden binnen een rechtspersoon"
    assert [ref for _, ref in mentions(text, "nl")] == ["leadership"]


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        # the near misses: one's own leidinggevende stays one's direct manager
        ("ik heb het aan mijn leidinggevende gemeld", "direct_manager"),
        ("de leidinggevende van de melder", "direct_manager"),
    ],
)
def test_a_leidinggevende_alone_stays_the_direct_manager(text, referent):
    assert [ref for _, ref in mentions(text, "nl")] == [referent]


def test_the_european_central_bank_is_a_public_authority():
    text = (
        "3° de kosten verband houdend met de betrokkenheid van de toezichthouder bij de beoordeling, "
        "bedoeld in artikel 33, vierde lid, van verordening (EU) nr. 1024/2013 van de Raad van 15 oktober "
        "2013 waarbij aan de Europese Centrale Bank specifieke taken worden opgedragen betreffende het "
        "beleid inzake het prudentieel toezicht op kredietinstellingen (PbEU 2013, L 287);"
    )
    assert "organisation" not in by_concept(text, "nl")["control"]
    assert mentions("de centrale bank van Curaçao en van Sint Maarten", "nl")[0][1] == "government"


def test_a_bank_stays_an_organisation():
    # the near miss: a bank that is no central bank is a company
    assert [ref for _, ref in mentions("de bank van de klant", "nl")] == ["organisation", "customers"]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Na 18 maanden telt de diensttijd niet meer mee, maar blijft de werknemer deelnemer en kan hij "
            "desgewenst via ABP ExtraPensioen of individuele afspraken met het ABP in een verdere opbouw "
            "van het ouderdomspensioen voorzien.",
            "control",
        ),
        (
            "Het verdient aanbeveling om in geval van (voorgenomen) doorwerken na de leeftijd van 65 jaar "
            "ruim van te voren contact op te nemen met het ABP voor nadere informatie over de gevolgen "
            "voor de pensioenopbouw.",
            "communication",
        ),
    ],
)
def test_the_abp_pension_fund_is_an_organisation(text, concept):
    assert by_concept(text, "nl")[concept] == {"organisation"}


def test_a_financial_service_provider_is_no_party():
    # tried and dropped: in the OM's instructions the provider is who receives a demand or a ban
    text = (
        "Indien een vordering verstrekking identificerende gegevens wordt gericht tot een financiële "
        "dienstverlener toetst de hulpofficier van justitie de voorgenomen vordering op proportionaliteit en "
        "subsidiariteit."
    )
    assert mentions("een financiële dienstverlener", "nl") == []
    assert "organisation" not in by_concept(text, "nl").get("control", set())


@pytest.mark.parametrize(
    "text",
    [
        # sentences of an OM instruction on maritime offences
        "De Kustwacht voert dienstverlenende, toezichthoudende en opsporingstaken uit.",
        "De Kustwacht beschikt over een Kustwachtcentrum, op welke plaats de handhavingcoördinatie "
        "plaatsvindt.",
    ],
)
def test_the_coastguard_is_a_public_body(text):
    assert by_concept(text, "nl")["control"] == {"government"}


def test_running_a_business_names_no_organisation():
    text = (
        "De toetsing of sprake is van het drijven van een onderneming moet, als er meer \u2013 naar hun aard "
        "verschillende \u2013 activiteiten worden uitgeoefend, op elke afzonderlijke activiteit plaatsvinden."
    )
    assert by_concept(text, "nl")["control"] == {"none"}
    assert mentions("de echtgenoot die de onderneming drijft", "nl") == []


def test_an_onderneming_that_acts_stays_an_organisation():
    # the near miss: an onderneming that is the party keeps it
    assert [ref for _, ref in mentions("de onderneming informeert de klant", "nl")] == [
        "organisation",
        "customers",
    ]
