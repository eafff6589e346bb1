"""Dutch referents 0.16.0 (round 23): case-law citations of the HR are the Hoge Raad; employees by concept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.referent_rows import by_concept, mentions
from trustlex.lexicon.referents import load_referent_file
from trustlex.matching.mentions import find_mentions


@pytest.mark.parametrize(
    "text",
    [
        # footnotes of the Dutch regulations, as the tokenizer splits them
        "Zie onder meer : HR 13 oktober 2009 , LJN BJ6793 .",
        "Zie HR 08-03-1994 , LJN : ZC9660",
        "Conclusie AG Fokkens onder 8 , HR 3.7.2001 , LJN : ZD2847",
        "HR , 25-1-2005 , strafkamer nr. 01579/04",
        "ontleend aan het arrest van de HR van 8 maart 2013 , nr. 12/0206",
    ],
)
def test_the_hr_with_a_date_is_the_hoge_raad(text):
    assert [ref for words, ref in mentions(text, "nl", cased=True) if words == "hr"] == ["government"]


@pytest.mark.parametrize(
    "text",
    [
        # no date after it: the letters name the HR department, as before
        "A7 | Personeelszaken , HR , personeelsadministratie",
        "Het vertrouwen in HR is 2 jaar na de reorganisatie laag",  # a number, but no date
    ],
)
def test_the_hr_without_a_date_stays_the_hr_department(text):
    assert [ref for words, ref in mentions(text, "nl", cased=True) if words == "hr"] == ["hr"]


def test_a_citation_in_a_real_sentence_names_the_court_not_the_hr_department():
    # a sentence of the regulations: "regels" is control, whose nearest party is the cited court
    text = (
        "Boedelschulden worden onderling voldaan volgens de gewone regels van voorrang "
        "(HR 28 september 1990, NJ 1991 305)."
    )
    assert by_concept(text, "nl") == {"control": {"government"}}


def test_english_has_no_courts_a_date_after_hr_changes_nothing():
    assert mentions("HR 12 march 2019 said no", "en") == [("hr", "hr")]


def test_a_users_file_can_name_courts(tmp_path: Path):
    path = tmp_path / "courts.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\n\n[rules]\ncourts = ["scotus"]\n\n'
        '[[referent]]\nid = "customers"\nterms = ["scotus"]\n',
        encoding="utf-8",
    )
    tax = load_referent_file(path)[0]
    words = "as scotus 12 march 2019 held".split()
    assert [m.referent for m in find_mentions(words, None, tax)] == ["government"]
    assert [m.referent for m in find_mentions("scotus held".split(), None, tax)] == ["customers"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an employee who checks, or staff who are to be told, are no party of control or communication
        ("De medewerker maakt hiertoe een uitdraai van de registratiekaart en controleert de checklist.",
         {"control": {"none"}}),
        ("Gelet op het vorenstaande verzoek ik u met ingang van heden met bovenstaande gedragslijn "
         "rekening te houden en uw personeel hierover te informeren.",
         {"norms": {"none"}, "communication": {"none"}}),
        # the object of risk still is: the officials whose safety is at stake
        ("In verband met de veiligheid van de betrokken functionarissen is het belangrijk een potentiële "
         "bedreiging zo vroeg mogelijk te onderkennen.", {"risk": {"employees"}}),
    ],
)  # fmt: skip
def test_employees_name_the_party_of_care_pressure_risk_duty_ability_and_courage_only(text, expected):
    assert by_concept(text, "nl") == expected


def test_a_date_with_a_no_break_space_is_a_date():
    # the regulations write "HR 25\u00a0november 2008": the tokenizer makes the no-break space a token
    text = "Zie HR 25\u00a0november 2008, LJN BG1234, over de strafbare gedraging."
    assert set().union(*by_concept(text, "nl").values()) == {"government"}
