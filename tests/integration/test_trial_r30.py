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


def test_rows_of_a_workbook_carry_their_sheet_in_frames_and_outputs(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "2024"
    book.active.append(["comment", "sheet"])  # a column of the table's own named sheet: meta_sheet
    book.active.append(["We trust our manager.", "own"])
    book.create_sheet("2025").append(["comment"])
    book["2025"].append(["Management lies."])
    book.save(tmp_path / "engagement.xlsx")
    one = openpyxl.Workbook()
    one.active.title = "Only"
    one.active.append(["comment"])
    one.active.append(["We trust our manager."])
    one.save(tmp_path / "one.xlsx")
    pd.DataFrame({"comment": ["I trust HR."]}).to_csv(tmp_path / "plain.csv", index=False)
    frame = trustlex.score_folder(tmp_path, lang="en", progress=False).frame.set_index("path")
    assert frame["sheet"].dropna().to_dict() == {
        "engagement.xlsx#2024": "2024",
        "engagement.xlsx#2025": "2025",
        "one.xlsx": "Only",  # one sheet: the path does not name it, the column does
    }
    assert pd.isna(frame.loc["plain.csv", "sheet"])  # a table without sheets
    assert frame.loc["engagement.xlsx#2024", "meta_sheet"] == "own"
    for name in ("rows.csv", "rows.parquet"):
        out = tmp_path / "out" / name
        out.parent.mkdir(exist_ok=True)
        trustlex.score_folder(tmp_path / "engagement.xlsx", out, lang="en", level="sentence", progress=False)
        rows = trustlex.read_results(out)
        assert rows["sheet"].astype(str).tolist() == ["2024", "2025"], name  # text, not the number 2024


def test_a_language_column_sets_each_rows_language(tmp_path):
    table = tmp_path / "langs.csv"
    pd.DataFrame(
        {
            "comment": [
                "Ik vertrouw mijn manager niet.",
                "I do not trust my manager.",
                "Wij vertrouwen elkaar.",
            ],
            "Taal": ["NL", " en ", "de"],
        }
    ).to_csv(table, index=False)
    report = trustlex.score_folder(table, lang="en", lang_column="Taal", progress=False)
    assert report.frame["lang"].astype(str).tolist() == ["nl", "en"]  # the column wins over lang="en"
    assert report.frame["trust_n"].tolist() == [1, 1]
    assert report.error_lines() == [
        "langs.csv: row 3: bad-lang: language column 'Taal' holds 'de'; expected nl or en (any case)"
    ]
    result = runner.invoke(app, ["score", str(table), "--lang-column", "taal", "--text-column", "comment"])
    assert result.exit_code == 1, result.output
    assert "missing-lang: language column 'taal' not found (did you mean 'Taal'?)" in result.stderr
    out = tmp_path / "r.html"
    page = runner.invoke(
        app, ["report", str(table), "--lang-column", "Taal", "--text-column", "comment", "-o", str(out)]
    )
    assert page.exit_code == 1, page.output  # the report is written, without the bad row
    assert "row 3: bad-lang" in page.stderr
    assert out.exists()
