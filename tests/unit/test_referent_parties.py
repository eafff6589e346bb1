"""Whom a hit is addressed to ("listen to the residents") and whose source it names ("support from HR")."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, own_file
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import addressed


def test_the_shipped_recipient_and_source_words_are_split_per_language():
    en, nl = shipped_taxonomy("en").rules, shipped_taxonomy("nl").rules
    assert {"to", "with"} <= en.recipients
    assert "naar" in nl.recipients
    assert "naar" not in en.recipients
    assert en.sources == {"from"}
    assert nl.sources == {"vanuit"}


WORDS = "nobody listens to all the residents".split()


@pytest.mark.parametrize(
    ("mention", "start", "end", "expected"),
    [
        (Mention(5, 6, "customers"), 1, 2, True),  # "to" right after the hit, two words between
        (Mention(5, 6, "employees"), 1, 2, False),  # employees are the object of care by definition
        (Mention(0, 1, "customers"), 1, 2, False),  # a party before the hit is addressed by nothing
    ],
)
def test_a_customer_after_to_is_whom_the_hit_is_addressed_to(mention, start, end, expected):
    assert addressed(mention, start, end, WORDS, shipped_taxonomy("en").rules) is expected


def test_three_words_between_the_preposition_and_the_party_address_nobody():
    words = "nobody listens to all the many residents".split()
    assert not addressed(Mention(6, 7, "customers"), 1, 2, words, shipped_taxonomy("en").rules)


def test_trust_and_the_acting_party_keep_their_referents():
    # trust in or with X is about X; the one who talks down to the clients is management
    assert by_concept("We need to build trust with residents.")["trust"] == {"customers"}
    assert by_concept("Fiserv management talks down to the prospective clients.")["communication"] == {
        "leadership"
    }


def test_a_file_without_recipients_leaves_the_addressee_its_referent(tmp_path):
    path = own_file(
        tmp_path,
        "bare.toml",
        '[[referent]]\nid = "customers"\nterms = ["residents"]\n',
    )
    text = "Nobody listens to the residents."
    assert by_concept(text)["communication"] == {"none"}
    assert by_concept(text, referents=path)["communication"] == {"customers"}


def test_an_exclude_phrase_drops_only_the_mentions_inside_it(tmp_path):
    # "members of" is no party of its own, but "council members" starts before the phrase and stays
    path = own_file(
        tmp_path,
        "members.toml",
        '[[referent]]\nid = "government"\nterms = ["council members"]\n\n'
        '[[referent]]\nid = "customers"\nterms = ["members"]\nexclude = ["members of"]\n',
    )
    own = path
    council = by_concept("Council members of Austin are dishonest.", referents=own)
    assert council["integrity"] == {"government"}
    assert by_concept("Members of Austin are dishonest.", referents=own)["integrity"] == {"none"}


def test_a_customer_named_apart_from_a_hit_is_no_nearest_party_but_a_pressure_felt_stays_theirs():
    # round 16: the nearest rule no longer reaches customers, residents or users (whom a hit is for,
    # to or about); a pattern still does, and their own pressure (vulnerability) stays theirs
    assert by_concept("Build trust, and talk with the residents more often.")["trust"] == {"none"}
    assert by_concept("As a resident I do not feel safe.") == {
        "risk": {"customers"},
        "vulnerability": {"customers"},
    }
    got = by_concept("The citizens that make Austin weird and creative are being priced out of the city.")
    assert got == {"vulnerability": {"customers"}}
