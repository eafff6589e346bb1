"""The same party in Dutch and English (round 29, issue 17): a term and its translation name one referent.

Each pair is scored through the real pipeline in both languages, with a trust sentence ("Ik vertrouw X niet" /
"I don't trust X") and an honesty or care sentence; a near case keeps its old party.
"""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept

# (Dutch party, English party, referent both give)
PAIRS = [
    ("mijn teamgenoten", "my teammates", "colleagues"),
    ("de teamleiding", "team management", "leadership"),
    ("het middenmanagement", "middle management", "leadership"),
    ("de regiomanager", "the regional manager", "leadership"),
    ("onze manager", "our manager", "direct_manager"),
    ("de filiaalmanager", "the store manager", "direct_manager"),
    ("de ploegleider", "the shift supervisor", "direct_manager"),
    ("de recruiter", "the recruiter", "hr"),
    ("de wethouder", "the alderman", "government"),
    ("de wethouders", "the aldermen", "government"),
    ("de gemeentesecretaris", "the city manager", "government"),
    ("de reclassering", "the probation service", "government"),
    ("de wetgever", "the legislator", "government"),
    ("de gouverneur", "the governor", "government"),
    ("de brandweer", "the fire department", "government"),
    ("de officier van justitie", "the prosecutor", "government"),
    ("de gemeenteraadsleden", "the council members", "government"),
    ("de ondernemingsraad", "the works council", "none"),
    ("de huiseigenaren", "the homeowners", "customers"),
    ("de bestuursleden", "the board members", "leadership"),
    ("de raad van commissarissen", "the board", "leadership"),
    ("de commissaris van de Koning", "the governor", "government"),
    ("onze supervisors", "our supervisors", "direct_manager"),
    ("mijn teamleden", "my team members", "colleagues"),
    ("onze teamleden", "our team members", "colleagues"),
    ("de belastingbetalers", "the taxpayers", "customers"),
]


def _cap(party: str) -> str:
    return party[0].upper() + party[1:]


@pytest.mark.parametrize(("nl", "en", "referent"), PAIRS)
def test_a_party_and_its_translation_name_the_same_referent(nl, en, referent):
    assert by_concept(f"Ik vertrouw {nl} niet.", "nl")["trust"] == {referent}
    assert by_concept(f"I don't trust {en}.", "en")["trust"] == {referent}
    assert by_concept(f"{_cap(nl)} is eerlijk.", "nl")["integrity"] == {referent}
    assert by_concept(f"{_cap(en)} is honest.", "en")["integrity"] == {referent}


@pytest.mark.parametrize(
    ("nl", "en"), [("De uitzendkrachten", "The contractors"), ("De arbeiders", "The workers")]
)
def test_temporary_workers_and_workers_feel_the_pressure_in_both_languages(nl, en):
    assert by_concept(f"{nl} staan onder grote druk.", "nl")["vulnerability"] == {"employees"}
    assert by_concept(f"{en} are under a lot of pressure.", "en")["vulnerability"] == {"employees"}
    # the near case: employees are the party only of the concepts they can be the object of
    assert by_concept(f"{nl} zijn eerlijk.", "nl")["integrity"] == {"none"}


def test_the_ones_named_by_a_council_of_their_own_are_no_government():
    # the works council is the employees' elected body; the city's council stays the city's government
    assert by_concept("The works council is honest.", "en")["integrity"] == {"none"}
    assert by_concept("The city council is honest.", "en")["integrity"] == {"government"}
    assert by_concept("Councils are honest.", "en")["integrity"] == {"government"}
    assert by_concept("The works council cares about us.", "en")["benevolence"] == {"none"}
    # under pressure the employees' body is the employees'
    assert by_concept("The works council is under a lot of pressure.", "en")["vulnerability"] == {"employees"}


def test_a_users_own_term_for_the_works_council_still_names_it(tmp_path):
    # the shipped file names the works council by a term, not an exclude, so a user's file still can
    own = tmp_path / "own-en.toml"
    own.write_text(
        '[referents]\nlanguage = "en"\nversion = "1"\n\n'
        '[[referent]]\nid = "union"\nterms = ["works council"]\n',
        encoding="utf-8",
    )
    assert by_concept("The works council is honest.", "en", str(own))["integrity"] == {"union"}


def test_near_cases_keep_their_old_party():
    # a team's leader is one's own boss, its leadership is leadership
    assert by_concept("Ik vertrouw de teamleider niet.", "nl")["trust"] == {"direct_manager"}
    # "manager" alone stays the leadership in Dutch (regulations and news: a fund's or a club's manager)
    assert by_concept("Ik vertrouw de manager niet.", "nl")["trust"] == {"leadership"}
    # a regulation's signatory is nobody's own boss: no "teammanager" or "afdelingsmanager"
    assert by_concept("De teammanager is eerlijk.", "nl")["integrity"] == {"none"}
    # probation supervision is what is done, not the probation service
    assert by_concept("Het reclasseringstoezicht is streng.", "nl").get("control", {"none"}) == {"none"}
    # the members alone are still the customers
    assert by_concept("I don't trust the members.", "en")["trust"] == {"customers"}
    # the commissarissen alone are mostly the King's: no term; nor a commissaris alone
    assert by_concept("De commissaris is eerlijk.", "nl")["integrity"] == {"none"}
    # an official as an adjective names nobody
    assert by_concept("The official policy is honest.", "en")["integrity"] == {"none"}


def test_the_staff_members_are_one_party():
    # "the staff" (colleagues) no longer leaves "members" (customers) to name the party
    assert by_concept("I don't trust the staff members.", "en")["trust"] == {"colleagues"}
    assert by_concept("The staff members are honest.", "en")["integrity"] == {"colleagues"}


def test_the_lawmaker_is_the_government_and_a_law_keeps_its_control():
    # the coders give a law's control to the government that made it ("Wijzigt de Wet toezicht kredietwezen
    # 1992", government); the lawmaker, a party of any concept, is the government too
    text = "Wijzigt de Wet toezicht kredietwezen 1992."
    assert by_concept(text, "nl")["control"] == {"government"}
    text = "De wetgever heeft de integriteit van bestuurders willen waarborgen."
    assert by_concept(text, "nl")["integrity"] == {"government"}
