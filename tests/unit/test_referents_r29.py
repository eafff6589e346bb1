"""Round 29, the wrong party: the reader's own managers; a public body's own leaders in the hit.

"your managers" are the reader's own bosses, as "my managers" ("managers" alone stay leadership); a hit that
names leaders of a public body ("management of the police department", "de leiding van de gemeente") is the
body's, as a head before the hit already was ("the director of the planning department").
"""

from __future__ import annotations

from tests.referent_rows import by_concept, mentions, run


def test_your_managers_are_ones_own():
    assert ("your managers", "direct_manager") in mentions("your managers are pretty lenient")
    assert by_concept("Pros: You work your own hours and your managers are pretty lenient.")["control"] == {
        "direct_manager"
    }


def test_managers_alone_stay_leadership():
    assert ("managers", "leadership") in mentions("the managers are pretty lenient")
    assert by_concept("Pros: You work your own hours and the managers are pretty lenient.")["control"] == {
        "leadership"
    }


def test_leaders_of_a_public_body_in_the_hit_are_the_body():
    assert by_concept("Better management of police department.")["ability"] == {"government"}
    assert run("en", "poor management of the city", "poor management", "ability")[:2] == (
        "government",
        "the city",
    )
    assert run("nl", "slecht beheer door de leiding van de gemeente", "leiding", "control")[0] == "government"


def test_leaders_of_a_company_in_the_hit_stay_the_leaders():
    # a company is no public body: its management stays leadership
    assert run("en", "poor management of the company", "poor management", "ability")[:2] == (
        "leadership",
        "management",
    )
    # nor does a public body named after the hit by another word than "of" take it
    assert run("en", "poor management at the city", "poor management", "ability")[0] == "leadership"


def test_a_law_in_the_pattern_rule_is_no_party_but_for_control_communication_and_norms():
    # a hit inside a law's title, or a law as what is trusted: the coders name nobody (the nearest rule
    # already looked past a law for these concepts)
    assert by_concept("Deze regeling berust op de Wet op de expertisecentra.", "nl")["ability"] == {"none"}
    assert by_concept("Ik vertrouw de wet niet.", "nl")["trust"] == {"none"}
    # another party in the sentence is still found
    assert by_concept("Ik vertrouw de minister niet.", "nl")["trust"] == {"government"}
    # control near a law stays the government's (coders: 16 of 21 in train half a)
    assert by_concept("Wijzigt de Wet toezicht kredietwezen 1992.", "nl").get("control") == {"government"}
