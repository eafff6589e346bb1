"""lexicon check takes what score --lexicon takes: shipped names and globs beside files and folders."""

from __future__ import annotations

from typer.testing import CliRunner

from trustlex.cli import app
from trustlex.workbench import check_lexicons

runner = CliRunner()

OURS = """[lexicon]
name = "my-en-fairness"
language = "en"
version = "0.1.0"

[[entry]]
concept = "integrity"
valence = "-"
wildcard = "unfair*"
example = "Promotions here are unfair."
"""


def test_check_with_the_shipped_glob_sees_the_clash_that_score_refuses(tmp_path):
    ours = tmp_path / "ours.toml"
    ours.write_text(OURS, encoding="utf-8")
    alone = runner.invoke(app, ["lexicon", "check", str(ours)])
    assert alone.exit_code == 0
    together = runner.invoke(app, ["lexicon", "check", str(ours), "en/*"])
    assert together.exit_code == 1, together.output
    assert "en:integrity:wildcard:unfair*" in together.stdout
    assert "ours.toml:9: duplicate" in together.stdout  # at the own entry's wildcard, not the shipped one
    problems = check_lexicons([ours, "en/integrity"])
    assert [p.kind for p in problems] == ["duplicate"]


def test_check_of_an_unknown_name_is_bad_usage_naming_it():
    result = runner.invoke(app, ["lexicon", "check", "xx/nothing"])
    assert result.exit_code == 2
    assert "xx/nothing: no such file or folder, nor a shipped lexicon name" in result.output
