"""lexicon show takes an entry id as rows give it, generated ones too, and prints its file and line."""

from __future__ import annotations

import re

from typer.testing import CliRunner

import trustlex
from trustlex.cli import app

runner = CliRunner()


def test_lexicon_show_finds_a_generated_pattern_id_with_its_file_and_line():
    rows = trustlex.score_texts(["No feedback at all."], lang="en", level="match")
    (entry_id,) = rows["entry_id"].tolist()
    result = runner.invoke(app, ["lexicon", "show", entry_id])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert re.search(r"en[/\\]communication\.toml:\d+: " + re.escape(entry_id) + "$", first), first
    assert "'feedback'" in result.stdout


def test_lexicon_show_of_an_unknown_id_says_so():
    missing = runner.invoke(app, ["lexicon", "show", "en:trust:lemma:no-such-entry"])
    assert missing.exit_code == 1
    assert "no entry with id 'en:trust:lemma:no-such-entry'" in missing.output


def test_lexicon_show_finds_an_id_a_users_file_sets(tmp_path):
    # an explicit id need not start with the language (the schema allows any string)
    ours = tmp_path / "voice.toml"
    ours.write_text(
        '[lexicon]\nname = "psysafe-en-voice"\nlanguage = "en"\nversion = "0.1.0"\n\n'
        '[[entry]]\nid = "psysafe:voice:silenced"\nconcept = "courage"\nvalence = "-"\n'
        'term = "silenced"\n',
        encoding="utf-8",
    )
    rows = trustlex.score_texts(["We are silenced."], lang="en", level="match", lexicons=[str(ours)])
    assert rows["entry_id"].tolist() == ["psysafe:voice:silenced"]
    result = runner.invoke(app, ["lexicon", "show", "psysafe:voice:silenced", str(ours)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{ours}:6: psysafe:voice:silenced"  # its [[entry]] line
    alone = runner.invoke(app, ["lexicon", "show", "psysafe:voice:silenced"])
    assert alone.exit_code == 1
    assert "give the file that sets it" in alone.output
