"""A problem of an own entry against a shipped one is placed at the own file's line, in either order."""

from __future__ import annotations

import pytest

import trustlex
from trustlex.errors import LexiconError
from trustlex.lexicon.resources import lexicon_dir
from trustlex.workbench import check_lexicons

HEADER = '[lexicon]\nname = "my-trust"\nlanguage = "en"\nversion = "1.0"\n\n'
# repeats the shipped "trust" lemma (same default id) with another valence
REPEAT = HEADER + '# mine\n[[entry]]\nconcept = "trust"\nvalence = "-"\nlemma = "trust"\n'
# takes the words of the shipped term "credibility": a lemma, heavier
HEAVIER = HEADER + '[[entry]]\nconcept = "trust"\nvalence = "+"\nlemma = "credibility"\nweight = 3.0\n'


def _own(tmp_path, text):
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("own_first", [True, False])
def test_an_id_clash_with_a_shipped_entry_names_the_own_file_and_line(tmp_path, own_first):
    own = _own(tmp_path, REPEAT)
    specs = [str(own), "en/trust"] if own_first else ["en/trust", str(own)]
    with pytest.raises(LexiconError) as info:
        trustlex.load("en", lexicons=specs)
    assert (info.value.path, info.value.line, info.value.field) == (str(own), 7, "id")
    assert "trust.toml:" in info.value.detail  # the shipped entry it clashes with


@pytest.mark.parametrize("own_first", [True, False])
def test_check_places_a_repeat_of_a_shipped_entry_at_the_own_file(tmp_path, own_first):
    own = _own(tmp_path, REPEAT)
    specs = [own, "en/trust"] if own_first else ["en/trust", own]
    problems = check_lexicons(specs)
    assert [(p.kind, p.path, p.line) for p in problems] == [("duplicate", str(own), 10)]
    shipped = str(lexicon_dir() / "en" / "trust.toml")
    assert f"at {shipped}:" in problems[0].message


def test_check_places_a_shipped_entry_shadowed_by_an_own_one_at_the_own_entry(tmp_path):
    own = _own(tmp_path, HEAVIER)
    problems = check_lexicons([own, "en/trust"])
    assert [(p.kind, p.path, p.line, p.entry) for p in problems] == [
        ("shadowed", str(own), 9, "en:trust:lemma:credibility")
    ]
    assert "the shipped entry en:trust:term:credibility at" in problems[0].message
