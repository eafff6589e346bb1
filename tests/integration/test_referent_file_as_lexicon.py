"""A referent file given where lexicons go is refused with a message saying what it is and where it goes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.batch import EXIT_USAGE
from trustlex.cli import app
from trustlex.errors import LexiconError
from trustlex.lexicon.resources import lexicon_dir

REFERENTS = (
    '[referents]\nlanguage = "en"\nversion = "1"\n\n[[referent]]\nid = "unions"\nterms = ["the union"]\n'
)
HINT = "this is a referent file, which --lexicon and lexicons= do not take"


def test_a_referent_file_as_lexicon_says_it_is_one(tmp_path):
    path = tmp_path / "my-referents.toml"
    path.write_text(REFERENTS, encoding="utf-8")
    (tmp_path / "u.txt").write_text("The union is honest.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path / "u.txt"), "--lexicon", str(path)])
    assert result.exit_code == EXIT_USAGE
    assert HINT in " ".join(result.output.split())
    assert "config={'referents': FILE}" in " ".join(result.output.split())
    assert "give it as --referents FILE" in " ".join(result.output.split())
    with pytest.raises(LexiconError, match=r"my-referents\.toml:1: .*this is a referent file"):
        trustlex.score_texts(["The union is honest."], lang="en", lexicons=[str(path)])


def test_a_context_file_as_lexicon_says_it_is_one():
    context = lexicon_dir() / "en" / "context.toml"
    with pytest.raises(LexiconError, match=r"this is a context file: give it as context="):
        trustlex.score_texts(["The union is honest."], lang="en", lexicons=[str(context)])
