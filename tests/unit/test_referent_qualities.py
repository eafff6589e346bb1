"""Employees described as kind or unkind are the colleagues; the employees cared for stay (round 21)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, own_file
from trustlex.errors import LexiconError
from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import load_referent_file, shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_qualities import described
from trustlex.matching.referents import attribute


def test_the_shipped_qualities_are_english_only():
    assert {"kind", "helpful", "rude"} <= shipped_taxonomy("en").rules.qualities
    assert shipped_taxonomy("nl").rules.qualities == frozenset()


RULES = ReferentWords(qualities=frozenset({"nice", "helpful", "kind", "friendly"}))


@pytest.mark.parametrize(
    ("text", "mention", "hit", "expected"),
    [
        ("staff is nice", (0, 1), (0, 3), "colleagues"),  # the subject, a word between
        ("the employees here are very kind", (1, 2), (4, 6), "colleagues"),  # a subject before the hit
        ("helpful employees", (1, 2), (0, 2), "colleagues"),  # the adjective right before them
        ("friendly staff", (1, 2), (0, 1), "colleagues"),  # the hit ends right before them
        ("employee friendly", (0, 1), (0, 2), "employees"),  # a compound: friendly to employees
        ("nice to employees", (2, 3), (0, 3), "employees"),  # the object of the quality
        ("employees are not valued", (0, 1), (1, 4), "employees"),  # no quality: cared for, or not
    ],
)
def test_a_quality_of_the_employees_makes_them_the_colleagues(text, mention, hit, expected):
    words = text.split()
    m = Mention(*mention, "employees")
    got = described(m, *hit, "benevolence", words, RULES)
    assert got.referent == expected
    assert (got.start, got.end) == mention


def test_other_concepts_other_parties_and_rules_without_qualities_change_nothing():
    words = "staff is nice".split()
    m = Mention(0, 1, "employees")
    assert described(m, 0, 3, "vulnerability", words, RULES) is m
    assert described(m, 0, 3, "benevolence", words, ReferentWords()) is m
    boss = Mention(0, 1, "direct_manager")
    assert described(boss, 0, 3, "benevolence", words, RULES) is boss


def test_the_tagger_gives_kind_employees_to_the_colleagues_and_care_for_them_to_the_employees():
    assert by_concept("Pros: Employees are generally kind and supportive.") == {"benevolence": {"colleagues"}}
    assert by_concept("They care about their employees.") == {"benevolence": {"employees"}}
    assert by_concept("Hard working employees are not valued.") == {"benevolence": {"employees"}}


def test_a_users_file_gives_its_own_qualities(tmp_path):
    body = (
        '[rules]\nqualities = ["lovely"]\n\n[[referent]]\nid = "employees"\ndescription = "staff"\n'
        'terms = ["staff"]\n\n[[referent]]\nid = "colleagues"\ndescription = "peers"\nterms = ["peers"]\n'
    )
    path = own_file(tmp_path, "own.toml", body)
    assert load_referent_file(path)[0].rules.qualities == {"lovely"}


def test_a_quality_that_is_no_word_is_an_error(tmp_path):
    body = (
        '[rules]\nqualities = ["very kind"]\n\n[[referent]]\nid = "hr"\ndescription = "HR"\nterms = ["hr"]\n'
    )
    path = own_file(tmp_path, "bad.toml", body)
    with pytest.raises(LexiconError, match="qualities"):
        load_referent_file(path)


def test_the_parse_rule_describes_as_the_other_rules_do():
    # "the employees you talk to every day are quite kind": kind <- employees (nsubj), beyond the pattern
    words = "the employees you talk to every day are quite kind".split()
    heads = [1, 9, 3, 1, 3, 6, 3, 9, 9, 9]
    mentions = [Mention(1, 2, "employees")]
    rules = shipped_taxonomy("en").rules
    m, how = attribute(9, 10, "benevolence", mentions, words, heads, rules)
    assert (m.referent, how) == ("colleagues", "parse")
    m, _ = attribute(9, 10, "vulnerability", mentions, words, heads, rules)
    assert m.referent == "employees"  # only the concepts of goodwill change
