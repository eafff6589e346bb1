"""A table without a known text column is scored by a guessed one: said once per header, never silently."""

from __future__ import annotations

import importlib
import warnings
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from trustlex.batch import score_folder
from trustlex.batch.corpus import read_corpus
from trustlex.cli import app
from trustlex.errors import GuessedColumnWarning
from trustlex.readers import read_rows

# Q13_open is free text too, shorter than Q12_open: the note offers it; 'n' holds numbers only
SURVEY = (
    "Q12_open,Q13_open,n\n"
    "We trust the board.,Fewer meetings please.,3\n"
    "The managers keep their promises.,More time to do it.,4\n"
)


def _notes(output: str) -> list[str]:
    lines = output.splitlines()
    return [line for line in lines if line.startswith("note:") and "text column guessed" in line]


def _guessed(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, GuessedColumnWarning)]


def test_score_says_which_column_it_guessed_and_which_others_hold_text(tmp_path):
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path / "survey.csv"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    (note,) = _notes(result.output)
    assert note.startswith("note: survey.csv: text column guessed: 'Q12_open' (the longest values")
    assert "other columns with text: 'Q13_open';" in note  # 'n' holds numbers only
    assert "--text-column" in note


def test_no_note_when_the_column_is_named_or_has_a_known_name(tmp_path):
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    named = CliRunner().invoke(app, ["score", str(tmp_path / "survey.csv"), "--text-column", "Q13_open"])
    assert named.exit_code == 0, named.output
    assert "guessed" not in named.output
    (tmp_path / "bare.csv").write_text("Q12_open,Q13_open\n", encoding="utf-8")  # no rows: nothing scored
    bare = CliRunner().invoke(app, ["score", str(tmp_path / "bare.csv")])
    assert "guessed" not in bare.output
    (tmp_path / "known.csv").write_text(SURVEY.replace("Q12_open", "Comment"), encoding="utf-8")
    known = CliRunner().invoke(app, ["score", str(tmp_path / "known.csv")])
    assert known.exit_code == 0, known.output
    assert "guessed" not in known.output


def _exports(tmp_path: Path) -> Path:
    """A folder of 25 survey waves with one header, one table with another text column, one with 'text'."""
    folder = tmp_path / "exports"
    folder.mkdir()
    for i in range(25):
        (folder / f"wave{i:02}.csv").write_text(SURVEY, encoding="utf-8")
    (folder / "other.csv").write_text("code,remark\n1,We rely on them.\n", encoding="utf-8")
    (folder / "known.csv").write_text("text,n\nWe trust them.,1\n", encoding="utf-8")
    return folder


def test_a_folder_of_tables_with_one_header_gets_one_note_that_counts_them(tmp_path):
    folder = _exports(tmp_path)
    out = tmp_path / "scores.csv"  # through the part files of a resumable run
    result = CliRunner().invoke(app, ["score", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    notes = _notes(result.output)
    assert len(notes) == 2, notes  # one per distinct header; known.csv has none
    assert any(n.startswith("note: wave00.csv and 24 other tables with the same columns: ") for n in notes)
    assert any(n.startswith("note: other.csv: text column guessed: 'remark'") for n in notes)
    assert "GuessedColumnWarning" not in result.output  # a note, not Python's display of a warning


def test_kwic_and_report_say_it_too(tmp_path):
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    kwic = CliRunner().invoke(app, ["kwic", str(tmp_path / "survey.csv"), "--lang", "en"])
    assert kwic.exit_code == 0, kwic.output
    assert [n[:50] for n in _notes(kwic.output)] == ["note: survey.csv: text column guessed: 'Q12_open' "]
    html = tmp_path / "r.html"
    report = CliRunner().invoke(app, ["report", str(tmp_path / "survey.csv"), "--out", str(html)])
    assert report.exit_code == 0, report.output
    assert len(_notes(report.output)) == 1
    assert "warning:" not in report.output


def test_python_warns_once_per_header(tmp_path):
    for i in range(3):
        (tmp_path / f"s{i}.csv").write_text(SURVEY, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        done = score_folder(tmp_path, progress=False)
    (said,) = _guessed(caught)
    assert said.startswith("s0.csv and 2 other tables with the same columns: text column guessed: 'Q12_open'")
    assert said in done.notes
    with pytest.warns(GuessedColumnWarning, match="s0.csv and 2 other tables"):
        texts = read_corpus([tmp_path])
    assert len(texts) == 6
    with pytest.warns(GuessedColumnWarning, match="s1.csv: text column guessed: 'Q12_open'"):
        rows = list(read_rows(tmp_path / "s1.csv", "s1.csv"))
    assert rows[0].text == "We trust the board."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        score_folder(tmp_path, text_column="Q12_open", progress=False)
        read_corpus([tmp_path], "Q13_open")
        list(read_rows(tmp_path / "s1.csv", "s1.csv", "Q12_open"))
    assert _guessed(caught) == []


def test_a_long_table_read_in_ranges_is_said_once(tmp_path, monkeypatch):
    monkeypatch.setattr(importlib.import_module("trustlex.batch.plan"), "ROWS_PER_UNIT", 2)
    lines = ["remark,code"] + [f"We trust team {i}.,{i}" for i in range(7)]
    (tmp_path / "long.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        done = score_folder(tmp_path / "long.csv", progress=False)
    assert len(done.frame) == 7
    (said,) = _guessed(caught)
    assert said.startswith("long.csv: text column guessed: 'remark'")


def test_a_workbook_note_names_the_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Answers"
    book.active.append(["Q12_open", "Q13_open"])
    book.active.append(["We trust the board.", "OK"])
    book.save(tmp_path / "one.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["text"])  # a known name: no note for this sheet
    book.active.append(["We trust them."])
    book.create_sheet("Team B").append(["Q1", "Q2"])
    book["Team B"].append(["fine", "We rely on our colleagues."])
    book.save(tmp_path / "two.xlsx")
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    notes = _notes(result.output)
    one = "note: one.xlsx (sheet 'Answers'): text column guessed: 'Q12_open'"
    assert any(n.startswith(one) for n in notes), notes
    assert any(n.startswith("note: two.xlsx#Team B: text column guessed: 'Q2'") for n in notes), notes
    assert len(notes) == 2


def test_the_id_and_name_columns_are_not_offered_as_other_text(tmp_path):
    # an HR export: the respondent id and the company hold letters, but they were named as id and name
    # columns, so the note must not offer them as text to score instead (an exploratory user test)
    # (the company names are long and differ, so that without --name-column they would be offered)
    survey = (
        "respondent,company,Q12_open,Q13_open\n"
        "R0001,Acme Facility Services of the North,We trust the board and the managers who lead us.,"
        "Fewer meetings please.\n"
        "R0002,Brightwater Cleaning and Care Group,Fine but the managers never listen to any of us.,"
        "More time to do it.\n"
    )
    (tmp_path / "survey.csv").write_text(survey, encoding="utf-8")
    args = ["score", str(tmp_path / "survey.csv"), "--lang", "en", "--id-column", "respondent"]
    result = CliRunner().invoke(app, [*args, "--name-column", "organisation=company"])
    assert result.exit_code == 0, result.output
    (note,) = _notes(result.output)
    assert "other columns with text: 'Q13_open';" in note, note
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list(read_rows(tmp_path / "survey.csv", "survey.csv", id_column="respondent"))
    (warned,) = _guessed(caught)
    assert "other columns with text: 'company', 'Q13_open';" in warned, warned


def test_the_report_page_says_which_column_it_guessed(tmp_path):
    # the page is what gets shared: a reader of it must see which column was scored, not only the terminal
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    html = tmp_path / "r.html"
    report = CliRunner().invoke(app, ["report", str(tmp_path / "survey.csv"), "--out", str(html)])
    assert report.exit_code == 0, report.output
    page = html.read_text(encoding="utf-8")
    assert "survey.csv: text column guessed: &#39;Q12_open&#39;" in page


def test_the_note_offers_only_columns_of_free_text_not_categories(tmp_path):
    # an HR export (a user trial): the note offered 'department' and 'tenure band' as text to score
    header = "respondent,department,tenure band,site,agreement,Q1_open,Q2_open,score"
    answers = [
        "Management keeps us in the dark about the reorganisation and the budget.",
        "I trust my manager, but nobody takes responsibility for the mistakes we make.",
        "There is too much control: every expense needs three signatures and an audit.",
    ]
    ideas = ["More meetings with director {}.", "Let team {} decide.", "Fewer emails for {}, please."]
    scale = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree"]
    lines = [header]
    for i in range(60):
        department = ["Finance", "HR", "IT", ""][i % 4]
        tenure = ["<1 year", "1-3 years", "3-5 years", "5+ years"][i % 4]
        site = "Utrecht" if i % 2 else "Amsterdam"
        lines.append(
            f"R{i:04d},{department},{tenure},{site},{scale[i % 4]},"
            f'"{answers[i % 3]}","{ideas[i % 3].format(i)}",{i}'
        )
    (tmp_path / "hr.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path / "hr.csv"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    (note,) = _notes(result.output)
    assert "text column guessed: 'Q1_open'" in note
    assert "other columns with text: 'Q2_open';" in note, note  # 3 to 5 words a value, all different
    with pytest.warns(GuessedColumnWarning) as caught:
        rows = list(read_rows(tmp_path / "hr.csv", "hr.csv"))
    assert "other columns with text: 'Q2_open';" in str(caught[0].message)
    assert rows[0].text == answers[0]


def test_short_repeated_answers_are_no_free_text_but_sentences_are(tmp_path):
    # one word or two per value is a code or a category; five or more is text even when values repeat
    lines = ["remark,status,reason"] + [
        f"We do not trust the new director at all ({i}).,{'open' if i % 2 else 'closed'},"
        f"{'The form was sent back without a reason.' if i % 2 else 'Nobody answered my questions.'}"
        for i in range(20)
    ]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(GuessedColumnWarning, match="other columns with text: 'reason';"):
        list(read_rows(tmp_path / "t.csv", "t.csv"))


def _column_line(output: str) -> str:
    (line,) = [line for line in output.splitlines() if line.startswith("text column")]
    return line


def test_the_summary_says_which_column_was_scored_guessed_named_or_known(tmp_path):
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    guessed = CliRunner().invoke(app, ["score", str(tmp_path / "survey.csv"), "--lang", "en"])
    assert _column_line(guessed.output) == "text column: 'Q12_open' in survey.csv"
    out = str(tmp_path / "o.csv")
    named = CliRunner().invoke(
        app, ["score", str(tmp_path / "survey.csv"), "--text-column", "Q13_open", "-o", out]
    )
    assert named.exit_code == 0, named.output
    assert _column_line(named.output) == "text column: 'Q13_open' in survey.csv"
    lines = named.output.splitlines()
    assert lines.index("text column: 'Q13_open' in survey.csv") == len(lines) - 1  # under "scored ..."
    assert lines[-2].startswith("scored 1 file")
    (tmp_path / "memo.txt").write_text("We trust the board.", encoding="utf-8")
    text_only = CliRunner().invoke(app, ["score", str(tmp_path / "memo.txt")])
    assert "text column" not in text_only.output  # no table: nothing to say


def test_a_folder_of_tables_names_each_column_once(tmp_path):
    folder = _exports(tmp_path)
    expected = (
        "text columns: 'text' in known.csv; 'remark' in other.csv; "
        "'Q12_open' in wave00.csv and 24 other tables"
    )
    out = tmp_path / "scores.csv"  # through the part files: each part's head keeps its table's column
    result = CliRunner().invoke(app, ["score", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _column_line(result.output) == expected
    with pytest.warns(GuessedColumnWarning):
        done = score_folder(folder, progress=False)
    assert done.text_columns == {"known.csv": "text", "other.csv": "remark"} | {
        f"wave{i:02}.csv": "Q12_open" for i in range(25)
    }


def test_each_sheet_and_the_report_page_say_their_column(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["text"])
    book.active.append(["We trust them."])
    book.create_sheet("Team B").append(["Q1", "Q2"])
    book["Team B"].append(["fine", "We rely on our colleagues."])
    book.save(tmp_path / "two.xlsx")
    with pytest.warns(GuessedColumnWarning, match="two.xlsx#Team B"):
        done = score_folder(tmp_path / "two.xlsx", progress=False)
    assert done.text_columns == {"two.xlsx#Sheet": "text", "two.xlsx#Team B": "Q2"}
    html = tmp_path / "r.html"
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    args = ["report", str(tmp_path / "survey.csv"), "--text-column", "Q13_open", "--out", str(html)]
    report = CliRunner().invoke(app, args)
    assert report.exit_code == 0, report.output
    assert "text column: &#39;Q13_open&#39; in survey.csv" in html.read_text(encoding="utf-8")


def test_a_column_named_in_another_case_is_offered(tmp_path):
    (tmp_path / "survey.csv").write_text(
        "Respondent,Q12_open,Q13_open\nR1,We trust the board.,Fewer meetings please.\n", encoding="utf-8"
    )
    args = ["score", str(tmp_path / "survey.csv"), "--text-column", "q12_open", "--id-column", "respondent"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "text column 'q12_open' not found (did you mean 'Q12_open'?); available columns: " in result.output
    result = CliRunner().invoke(app, [*args[:3], "Q12_open", *args[4:]])
    assert "id column 'respondent' not found (did you mean 'Respondent'?)" in result.output
    result = CliRunner().invoke(app, [*args[:2], "--text-column", "Q14_open"])
    said = "text column 'Q14_open' not found; available columns: Respondent, Q12_open, Q13_open"
    assert said in result.output
