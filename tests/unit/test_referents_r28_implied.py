"""Referents en 0.24.0 / nl 0.21.0 (round 28): parties the coders name where trustlex named nobody.

Words for a party the taxonomies lacked: a micromanager (one's own, in the plural leadership), the head of a
unit, the higher level staff, the trainers (co-workers), the City of Austin as "CoA", and the Dutch sports
federations by their initials. The near misses stay: a micromanager said of another party is that party's, a
pronoun alone names nobody, the head of a family is no manager, a higher level of work is nobody.
"""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, mentions


@pytest.mark.parametrize(
    ("text", "concept", "party"),
    [
        # sentences of the Glassdoor reviews and the Austin survey
        (
            "Cons: Horrible manager. Mean girl tactics, passive/ aggressive micromanager.",
            "control",
            "direct_manager",
        ),
        ("Management is full of micromanagers too.", "control", "leadership"),
        ("Cons: Customer long wait times micromanagers", "control", "leadership"),
        (
            "The new head of TA(3rd one in 3 years) is clueless, Has zero empathy and 0 idea which employees "
            "actually work.",
            "ability",
            "leadership",
        ),
        ("Higher level staff except Executives rarely listen to employees.", "communication", "leadership"),
        ("Cons: Frat bro culture from the top down", "norms", "leadership"),
        (
            "Cons: -incredibly bureaucratic - decision-making power is centralized at the top",
            "control",
            "leadership",
        ),
        (
            "Trainers during onboarding were kind, supportive, and made the training experience smooth",
            "benevolence",
            "colleagues",
        ),
        (
            "Everyone loved Ali, she was the best trainer; kind, effective,  efficient, knowledgeable, "
            "hard worker.",
            "ability",
            "colleagues",
        ),
        (
            "This is just one example of the way CoA is out-of-touch with the working tax-paying citizen.",
            "communication",
            "government",
        ),
    ],
)
def test_a_party_the_taxonomy_now_knows(text, concept, party):
    assert by_concept(text)[concept] == {party}


@pytest.mark.parametrize(
    ("text", "concept", "party"),
    [
        # a micromanager said of a party is that party's; of a pronoun, nobody's
        ("The CEO is a micromanager and only cares about the stock price.", "control", "leadership"),
        ("Supervisors are either micromanagers or rude.", "control", "direct_manager"),
        ("Cons: They are micromanagers they track everything with a metric.", "control", "none"),
    ],
)
def test_a_micromanager_said_of_another_is_theirs(text, concept, party):
    assert by_concept(text)[concept] == {party}


def test_heads_and_levels_that_are_no_managers():
    assert mentions("as the head of a small family looking to buy our first home") == []
    assert mentions("the head of household pays") == []
    assert mentions("can do higher level work with less experience") == []
    assert mentions("the link at the top of this page") == []
    assert mentions("PG&E is at the top of my list") == []
    assert ("head of", "leadership") in mentions("the head of one of the large teams got the job")
    assert ("coa", "government") in mentions("COA utilities gouges prices")


def test_dutch_sports_federations_by_their_initials():
    found = by_concept("Bij de KNSB houdt men zich vooralsnog op de vlakte.", "nl")
    assert found["communication"] == {"organisation"}
    assert ("knvb", "organisation") in mentions(
        "De KNVB kan daarnaast ook een civiele geldboete opleggen.", "nl", cased=True
    )
    # only in capitals: the initials are no word of their own
    assert mentions("de knsb houdt zich op de vlakte", "nl") == []
