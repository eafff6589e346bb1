"""What the HR analyst's trial (round 30) left open: report's scoring options, wording of the commands."""

from __future__ import annotations

import re

import pandas as pd
import typer
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app

runner = CliRunner()
OURS = (
    '[lexicon]\nname = "ours-en"\nlanguage = "en"\nversion = "0.1.0"\n\n'
    '[[entry]]\nconcept = "trust"\nvalence = "-"\nterm = "gaslighting"\n'
)
CONTEXT = (
    '[context]\nlanguage = "en"\nversion = "1"\n\n'
    '[[cue]]\nkind = "negation"\ndirection = "preceding"\nmax_scope = 3\nterms = ["never"]\n'
)
TEXT = "They keep gaslighting us. I do not trust management."


def _units(html: str) -> list[tuple[str, str]]:
    """The (concept, valence) of the page's sentence rows."""
    return sorted(re.findall(r'data-concept="([a-z]+)"[^>]*data-valence="([^"]*)"', html))


def test_report_scores_with_the_lexicon_and_context_given_as_score_does(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "ours.toml").write_text(OURS, encoding="utf-8")
    (tmp_path / "ctx.toml").write_text(CONTEXT, encoding="utf-8")
    pages = {}
    for name, extra in {
        "shipped": [],
        "lexicon": ["--lexicon", str(tmp_path / "ours.toml")],
        "context": ["--context", str(tmp_path / "ctx.toml")],
    }.items():
        out = tmp_path / f"{name}.html"
        result = runner.invoke(
            app, ["report", str(tmp_path / "docs"), "--lang", "en", "-o", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
        pages[name] = _units(out.read_text(encoding="utf-8"))
    assert pages["shipped"] == [("integrity", "-"), ("trust", "-")]
    assert pages["lexicon"] == [("trust", "-")]  # only the own lexicon: gaslighting
    assert ("trust", "+") in pages["context"]  # "not" is no negation cue of the own context file
    # the same meaning as score's options: the rows score writes with them are those of the page
    rows = tmp_path / "rows.csv"
    context = ["--context", str(tmp_path / "ctx.toml")]
    args = ["score", str(tmp_path / "docs"), "--lang", "en", "--level", "sentence", "-q", "-o", str(rows)]
    scored = runner.invoke(app, [*args, *context])
    assert scored.exit_code == 0, scored.output
    frame = trustlex.read_results(rows)
    assert (
        sorted(zip(frame["concept"].astype(str), frame["valence"].astype(str), strict=True))
        == pages["context"]
    )


def test_report_refuses_scoring_options_for_a_results_file(tmp_path):
    rows = tmp_path / "rows.csv"
    trustlex.score_texts([TEXT], lang="en").to_csv(rows, index=False)
    (tmp_path / "ours.toml").write_text(OURS, encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(rows), "-o", str(out), "--lexicon", str(tmp_path / "ours.toml")]
    )
    assert result.exit_code == 2, result.output
    assert "scored already; --lexicon would change nothing" in result.stderr
    assert not out.exists()


def test_report_with_a_model_codes_the_sentences(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["report", str(tmp_path / "a.txt"), "--lang", "en", "--model", "default", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert ("trust", "-") in _units(out.read_text(encoding="utf-8"))
    assert "UserWarning" not in result.stderr  # a version warning is a "warning:" line
    missing = runner.invoke(
        app, ["report", str(tmp_path / "a.txt"), "--model", str(tmp_path / "none"), "-o", str(out)]
    )
    assert missing.exit_code == 2, missing.output


def _commands(command: object, prefix: list[str]) -> list[list[str]]:
    subs = getattr(command, "commands", None)
    if subs is None:
        return [prefix]
    return [path for name, sub in subs.items() for path in _commands(sub, [*prefix, name])]


def test_help_of_every_command_shows_no_raw_double_backticks():
    commands = _commands(typer.main.get_command(app), [])
    assert ["train"] in commands
    assert ["lexicon", "show"] in commands
    for command in commands:
        shown = runner.invoke(app, [*command, "--help"]).output
        assert "``" not in shown, command


def test_lexicon_check_counts_in_the_singular(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[lexicon]\nname = "x"\nlanguage = "en"\nversion = "1"\n\n[[entry]]\nconcept = "nope"\n')
    result = runner.invoke(app, ["lexicon", "check", str(bad)])
    assert result.exit_code == 1, result.output
    assert re.search(r"^1 path checked, 1 problem \(", result.stderr, flags=re.MULTILINE), result.stderr


def test_report_of_a_frame_has_no_leading_separator(tmp_path):
    rows = trustlex.score_texts([TEXT], lang="en")
    html = trustlex.html_report(rows, tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="muted">\d+ sentence-concept units', html), html[:2000]
    assert isinstance(rows, pd.DataFrame)
