"""Whom a hit is for ("regels voor de banken") is no party the nearest rule reaches (round 18)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, own_file
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import benefiting


def test_the_shipped_beneficiary_words_are_split_per_language():
    en, nl = shipped_taxonomy("en").rules, shipped_taxonomy("nl").rules
    assert en.beneficiaries == {"for"}
    assert nl.beneficiaries == {"voor"}


WORDS = "clear expectations matter for all the team members".split()


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        (Mention(6, 8, "colleagues"), True),  # "for all the": one word besides a determiner between
        (Mention(6, 8, "employees"), False),  # employees stay the object of care
        (Mention(0, 1, "colleagues"), False),  # a party before the hit is no beneficiary of it
    ],
)
def test_a_party_after_for_is_whom_the_hit_is_for(mention, expected):
    assert benefiting(mention, 2, WORDS, shipped_taxonomy("en").rules) is expected


def test_two_words_besides_determiners_between_for_and_the_party_make_no_beneficiary():
    words = "clear expectations matter for nearly all team members".split()
    assert not benefiting(Mention(6, 8, "colleagues"), 2, words, shipped_taxonomy("en").rules)


def test_the_nearest_rule_skips_the_beneficiary_but_a_pattern_and_a_party_before_stay():
    assert by_concept("Er is strenge controle, met zo min mogelijk lasten voor de banken.", "nl") == {
        "control": {"none"}
    }
    # the subject before the hit is still whose it is; employees after "for" stay the object of care
    assert by_concept("Our manager is supportive, and the schedule works well for the team.") == {
        "benevolence": {"direct_manager"}
    }
    got = by_concept("They really care, with lots of events for employees.")
    assert got == {"benevolence": {"employees"}}


def test_a_file_without_beneficiaries_lets_the_nearest_rule_reach_them(tmp_path):
    path = own_file(
        tmp_path,
        "bare.toml",
        '[[referent]]\nid = "colleagues"\nterms = ["team members"]\n',
    )
    text = "Nobody sets clear expectations, which is hard for all team members."
    assert by_concept(text)["communication"] == {"none"}
    assert by_concept(text, referents=path)["communication"] == {"colleagues"}
