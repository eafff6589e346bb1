"""The referent rules' language words are data: the ``[rules]`` table of a referent file."""

from __future__ import annotations

import pytest

import trustlex
from trustlex.errors import LexiconError
from trustlex.lexicon.referents import load_referent_file, load_taxonomy, shipped_taxonomy

HEADER = """[referents]
language = "en"
version = "1.0.0"
{replace}
[rules]
{rules}

[[referent]]
id = "organisation"
terms = ["the company"]

[[referent]]
id = "customers"
terms = ["customers"]
"""


def _file(tmp_path, rules: str, replace: str = "") -> str:
    path = tmp_path / "own-referents.toml"
    path.write_text(HEADER.format(rules=rules, replace=replace), encoding="utf-8")
    return str(path)


def _line(path: str, start: str) -> int:
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


@pytest.mark.parametrize(
    ("rules", "key", "said"),
    [
        ('agent_words = ["via"]', "agent_words", "unknown field 'agent_words'"),
        ('agents = "via"', "agents", "'agents' must be a list of words"),
        ("contrasts = [1]", "contrasts", "'contrasts' must be a list of words"),
        ('determiners = ["the", ""]', "determiners", "'determiners' must be a list of words"),
        ('genitives = ["out of"]', "genitives", "'genitives' holds single words"),
    ],
)
def test_a_bad_rules_key_is_an_error_naming_file_line_and_key(tmp_path, rules, key, said):
    path = _file(tmp_path, rules)
    with pytest.raises(LexiconError) as caught:
        load_referent_file(path)
    err = caught.value
    assert err.path == path
    assert err.field == key
    assert err.line == _line(path, key)
    assert said in str(err)
    assert "[rules]" in str(err)


def test_the_shipped_words_are_split_per_language():
    en, nl = shipped_taxonomy("en").rules, shipped_taxonomy("nl").rules
    assert en.agents == {"by"}
    assert nl.agents == {"door"}
    assert ("in", "contrast", "to") in en.contrasts
    assert ("in", "contrast", "to") not in nl.contrasts
    assert ("in", "tegenstelling", "tot") in nl.contrasts
    assert (",", "niet") in nl.contrasts
    assert "maar" in nl.boundaries
    assert "maar" not in en.boundaries
    assert en.contrast_last >= {"unlike", "to", "not"}
    assert max(en.contrast_lengths) == 4


def _referents(texts: list[str], referents: str | None) -> list[str]:
    rows = trustlex.score_texts(texts, lang="en", level="match", referents=referents)
    return [rows.loc[rows.doc_id == i, "referent"].tolist() for i in range(len(texts))]


VIA = "Customers are treated unfairly via the company."
BY = "Customers are treated unfairly by the company."


def test_an_own_agent_word_changes_attribution_and_the_shipped_ones_are_inherited(tmp_path):
    assert _referents([VIA, BY], None) == [["customers"], ["organisation"]]
    own = _file(tmp_path, 'agents = ["via"]')
    # "via" now marks the actor of the passive; "by", from the shipped file this one extends, still does
    assert _referents([VIA, BY], own) == [["organisation"], ["organisation"]]
    tax = load_taxonomy(own, "en")
    assert tax.rules.agents == {"by", "via"}
    assert tax.rules.determiners == shipped_taxonomy("en").rules.determiners


def test_a_replacing_file_has_only_its_own_words(tmp_path):
    own = _file(tmp_path, 'agents = ["via"]', replace="replace = true")
    tax = load_taxonomy(own, "en")
    assert tax.rules.agents == {"via"}
    assert not tax.rules.determiners
    assert _referents([VIA, BY], own) == [["organisation"], ["customers"]]


def test_a_file_without_rules_loads_and_its_language_gets_none_of_the_words(tmp_path):
    path = tmp_path / "bare.toml"
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\nreplace = true\n\n'
        '[[referent]]\nid = "organisation"\nterms = ["the company"]\n\n'
        '[[referent]]\nid = "customers"\nterms = ["customers"]\n',
        encoding="utf-8",
    )
    tax, replace = load_referent_file(path)
    assert replace
    assert not tax.rules.agents
    assert not tax.rules.contrasts
    assert _referents([BY], str(path)) == [["customers"]]
