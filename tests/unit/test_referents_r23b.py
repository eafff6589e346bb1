"""English referents 0.19.0 (round 23, second wave): subject pairs with employees, managers as own bosses."""

from __future__ import annotations

import pytest

import trustlex
from tests.referent_rows import by_concept, own_file, run
from trustlex.errors import LexiconError
from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.lexicon.referents import load_referent_file, shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_bosses import own_bosses


@pytest.mark.parametrize(
    ("text", "concept", "expected"),
    [
        # the employees that open the hit drop out beside the managers: the first of the pair is the party
        ("Pros: The managers and employees are really nice", "benevolence", "leadership"),
        ("Management and staff are very supportive.", "benevolence", "leadership"),
        # employees alone, or after another word than a conjunction, stay as they were
        ("The employees are really nice", "benevolence", "colleagues"),
    ],
)
def test_the_first_of_a_subject_pair_whose_second_is_employees(text, concept, expected):
    assert by_concept(text)[concept] == {expected}


def test_a_pair_after_the_hit_or_in_a_compound_is_no_subject_pair():
    # "employees friendly": one word after the employees may be a compound's head, the pair is left alone
    assert run("en", "managers and employees friendly", "employees friendly", "benevolence")[0] == "none"


@pytest.mark.parametrize(
    ("text", "concept", "expected"),
    [
        # the writer had them: one's own bosses
        (
            "They wanted us to be nice and respectful to customers, as we should, but the leaders who I had "
            "after training couldn\u2019t do that with their agents.",
            "benevolence",
            "direct_manager",
        ),
        ("Managers I worked with were awesome and very supportive.", "benevolence", "direct_manager"),
        # one's own boss named on the line, in another clause
        (
            "Managers are pretty focused on numbers production, supervisors (b5) are mean and (b4) they "
            "will tell on you.",
            "control",
            "direct_manager",
        ),
        ("Excellent managers,  I have never had a bad manager in over two decades of working there.",
         "ability", "direct_manager"),
        # managers alone, a list of ranks in one clause, or a higher tier, stay leadership
        ("Managers are very supportive.", "benevolence", "leadership"),
        ("Supervisors and managers are very supportive.", "benevolence", "direct_manager"),
        ("Managers are supportive while senior management keep their head in the sand.", "benevolence",
         "leadership"),
    ],
)  # fmt: skip
def test_managers_in_the_plural_as_ones_own_bosses(text, concept, expected):
    assert by_concept(text)[concept] == {expected}


def test_the_boss_on_another_line_or_in_the_same_clause_changes_nothing():
    words = "managers are great \n my supervisor is kind".split(" ")
    rules = shipped_taxonomy("en").rules
    managers = Mention(0, 1, "leadership")
    parties = [managers, Mention(4, 6, "direct_manager")]
    assert own_bosses(managers, parties, words, rules) == managers
    words = "managers and supervisors are great".split()
    parties = [managers, Mention(2, 3, "direct_manager")]
    assert own_bosses(managers, parties, words, rules) == managers
    # in another clause on the same line they are one's own
    words = "managers are great , supervisors are kind".split()
    parties = [managers, Mention(4, 5, "direct_manager")]
    assert own_bosses(managers, parties, words, rules) == Mention(0, 1, "direct_manager")


def test_without_bosses_words_nothing_changes():
    words = "the leaders who i had were great".split()
    m = Mention(1, 2, "leadership")
    assert own_bosses(m, [m], words, ReferentWords()) == m
    assert own_bosses(m, [m], words, shipped_taxonomy("en").rules) == Mention(1, 2, "direct_manager")
    assert shipped_taxonomy("nl").rules.bosses == frozenset()


def test_a_users_file_gives_its_own_bosses_and_phrases(tmp_path):
    body = (
        '[rules]\nbosses = ["leads"]\nhad_bosses = ["i had", "i \'ve had"]\n\n'
        '[[referent]]\nid = "leadership"\ndescription = "bosses"\nterms = ["leads"]\n'
    )
    rules = load_referent_file(own_file(tmp_path, "r.toml", body))[0].rules
    assert rules.bosses == {"leads"}
    assert rules.had_bosses == {("i", "had"), ("i", "'ve", "had")}
    body = (
        '[rules]\nbosses = ["the managers"]\n\n[[referent]]\nid = "hr"\ndescription = "HR"\nterms = ["hr"]\n'
    )
    with pytest.raises(LexiconError, match="bosses"):
        load_referent_file(own_file(tmp_path, "s.toml", body))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "corporate" as a noun, the head office: before a verb or an adverb, or ending its clause
        ("Cons: Corporate is distant and non communicable", {"communication": {"leadership"}}),
        ("No one is was toxic in corporate either.", {"norms": {"leadership"}}),
        # before a noun it is the company's
        ("Great corporate culture and people.", {"norms": {"organisation"}}),
        ("Corporate bureaucracy everywhere.", {"control": {"organisation"}}),
    ],
)
def test_corporate_as_a_noun_is_the_head_office(text, expected):
    assert {c: r for c, r in by_concept(text).items() if c in expected} == expected


def test_the_customers_lose_a_sentence_to_another_party_found_as_directly():
    text = (
        "Cons: Toxic culture with clients, management is not supportive, lack of team playing, slammed with "
        "large amounts of work under FSP, client is rude and there is no support"
    )
    rows = trustlex.score_texts([text], lang="en", level="sentence")
    assert rows.loc[rows.concept == "benevolence", "referent"].tolist() == ["leadership"]
    # the match rows keep each hit's own party; alone, the customers keep theirs
    assert by_concept(text)["benevolence"] == {"leadership", "customers"}
    rows = trustlex.score_texts(["The client is rude."], lang="en", level="sentence")
    assert rows.referent.tolist() == ["customers"]


def test_a_hyphen_or_a_quote_ends_no_clause_for_these_rules():
    rules = shipped_taxonomy("en").rules
    words = "some managers can be micro - manager".split()
    managers = Mention(1, 2, "leadership")
    assert own_bosses(managers, [managers, Mention(6, 7, "direct_manager")], words, rules) == managers
    assert by_concept('The company does have a very " corporate " culture.')["norms"] == {"organisation"}
