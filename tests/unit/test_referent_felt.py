"""Pressure is the employees' where they are named, beside the party that causes it (round 18)."""

from __future__ import annotations

import pytest

from tests.referent_rows import by_concept, own_file
from trustlex.errors import LexiconError
from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import Mention
from trustlex.matching.referent_parties import felt
from trustlex.matching.referents import attribute

EN = shipped_taxonomy("en").rules


def test_the_shipped_felt_concepts():
    assert EN.felt == {"vulnerability"}
    assert shipped_taxonomy("nl").rules.felt == frozenset()  # Dutch regulations: no gain on the train halves


WORDS = "management announced longer hours for all employees | staff are fine".split()


def test_the_nearest_employees_on_the_hit_line_feel_it():
    # "management announced longer hours for all employees | staff are fine"
    mentions = [Mention(0, 1, "leadership"), Mention(5, 6, "employees"), Mention(8, 9, "employees")]
    assert felt("vulnerability", mentions, 2, 4, [7], WORDS, EN) == mentions[1]
    assert (
        felt("benevolence", mentions, 2, 4, [7], WORDS, EN) is None
    )  # other concepts keep the codebook's rule
    assert felt("vulnerability", mentions[:1], 2, 4, [7], WORDS, EN) is None
    assert felt("vulnerability", mentions[2:], 2, 4, [7], WORDS, EN) is None  # another line: its own point


def test_attribute_gives_the_pressure_to_the_employees_and_care_to_who_cares():
    words = "management announced longer hours for all employees".split()
    mentions = [Mention(0, 1, "leadership"), Mention(6, 7, "employees")]
    m, how = attribute(2, 4, "vulnerability", mentions, words, rules=EN)
    assert (m.referent, how) == ("employees", "pattern")
    m, how = attribute(2, 4, "benevolence", mentions, words, rules=EN)
    assert m.referent == "leadership"


def test_the_pipeline_and_a_file_without_felt(tmp_path):
    text = "Management announced a 50 hour work week for all employees."
    assert by_concept(text) == {"vulnerability": {"employees"}}
    path = own_file(
        tmp_path,
        "bare.toml",
        '[[referent]]\nid = "leadership"\nterms = ["management"]\n\n'
        '[[referent]]\nid = "employees"\nterms = ["employees"]\n',
    )
    assert by_concept(text, referents=path) == {"vulnerability": {"leadership"}}


def test_employees_limited_to_other_concepts_feel_nothing(tmp_path):
    path = own_file(
        tmp_path,
        "limited.toml",
        '[rules]\nfelt = ["vulnerability"]\n\n'
        '[[referent]]\nid = "leadership"\nterms = ["management"]\n\n'
        '[[referent]]\nid = "employees"\nconcepts = ["benevolence"]\nterms = ["employees"]\n',
    )
    text = "Management announced a 50 hour work week for all employees."
    assert by_concept(text, referents=path) == {"vulnerability": {"leadership"}}


def test_a_felt_entry_that_is_no_concept_names_file_line_and_key(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\n\n[rules]\nfelt = ["vulnerabilty"]\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError) as info:
        by_concept("Management announced a 50 hour work week.", referents=path)
    assert info.value.line == 6
    assert "vulnerabilty" in str(info.value)
    assert "felt" in str(info.value)


def test_employees_joined_to_the_hit_by_a_conjunction_feel_nothing():
    words = "solid job security and employee perks".split()
    assert felt("vulnerability", [Mention(4, 5, "employees")], 1, 3, [], words, EN) is None
