"""``kwic`` and ``read_corpus`` take a table's language column as ``score`` and ``report`` do."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.batch.corpus import read_corpus
from trustlex.cli import app
from trustlex.errors import LanguageError

runner = CliRunner()
# row 2 is English text said to be Dutch: the column, not detection, must decide its language
CSV = (
    "id,Taal,opmerking\n"
    "1,NL,Er is geen vertrouwen in de directie.\n"
    "2,nl,Management keeps us in the dark.\n"
    "3,de,Kein Vertrauen.\n"
    "4, En ,Management keeps us in the dark.\n"
    "5,,I do not trust HR.\n"
)
JSONL = '{"text": "Geen vertrouwen.", "taal": "nl"}\n{"text": "No trust at all.", "taal": "fr"}\n'


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "survey.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "answers.jsonl").write_text(JSONL, encoding="utf-8")
    (tmp_path / "note.txt").write_text("We trust our manager.", encoding="utf-8")
    return tmp_path


def test_read_corpus_gives_each_rows_language_and_reports_a_bad_value_as_score_does(folder):
    said: list[str] = []
    got = read_corpus(
        [folder / "survey.csv", folder / "note.txt"], "opmerking", lang_column="Taal", on_error=said.append
    )
    assert list(got.columns) == ["text", "lang"]
    assert got["lang"].to_dict() == {
        "survey.csv:1": "nl",
        "survey.csv:2": "nl",
        "survey.csv:4": "en",
        "survey.csv:5": None,
        "note.txt": None,
    }
    assert said == [
        "survey.csv: row 3: bad-lang: language column 'Taal' holds 'de'; expected nl or en (any case)"
    ]
    # score's own line for the same row is the same
    result = runner.invoke(
        app,
        [
            "score",
            str(folder / "survey.csv"),
            "--lang-column",
            "Taal",
            "--text-column",
            "opmerking",
            "--out",
            str(folder / "s.csv"),
        ],
    )
    assert said[0] in result.stderr
    assert isinstance(read_corpus([folder / "note.txt"]), pd.Series)  # without the column: texts, as before


def test_read_corpus_names_a_missing_language_column_once_per_table(folder):
    said: list[str] = []
    got = read_corpus([folder / "answers.jsonl"], lang_column="Taal", on_error=said.append)
    assert got.empty
    assert said == [
        "answers.jsonl: missing-lang: language column 'Taal' not found (did you mean 'taal'?); "
        "available columns: text, taal"
    ]


def test_kwic_scores_each_row_in_its_columns_language(folder):
    corpus = read_corpus([folder / "survey.csv"], "opmerking", lang_column="Taal")
    rows = trustlex.kwic(corpus["text"], lang=corpus["lang"])
    # row 2 read as Dutch has no English idiom; row 4, the same text in English, has it
    assert sorted(set(rows["doc_id"])) == ["survey.csv:1", "survey.csv:4", "survey.csv:5"]
    assert rows.set_index("doc_id").loc["survey.csv:4", "keyword"] == "keeps us in the dark"
    detected = trustlex.kwic(corpus["text"])
    assert "survey.csv:2" in set(detected["doc_id"])  # detection alone takes it for English


def test_kwic_refuses_a_per_text_language_it_does_not_know_or_a_count_that_differs():
    with pytest.raises(LanguageError, match=r"lang of text 1 must be nl, en or auto .*got 'de'"):
        trustlex.kwic(["Geen vertrouwen.", "Kein Vertrauen."], lang=["nl", "de"])
    with pytest.raises(LanguageError, match="lang gives 1 languages for 2 texts"):
        trustlex.kwic(["Geen vertrouwen.", "No trust."], lang=["nl"])
    rows = trustlex.kwic(["Geen vertrouwen.", "No trust."], lang=pd.Series(["NL", None]))
    assert rows["keyword"].tolist() == ["vertrouwen", "No trust"]  # None: detected as English


def test_the_kwic_command_takes_lang_column_with_score_s_errors_and_lang_for_empty_cells(folder):
    args = ["kwic", str(folder / "survey.csv"), str(folder / "answers.jsonl"), "--lang-column", "Taal"]
    result = runner.invoke(app, [*args, "--text-column", "opmerking"])
    assert result.exit_code == 1  # bad rows reported, the rest shown
    assert "error: survey.csv: row 3: bad-lang: language column 'Taal' holds 'de'" in result.stderr
    assert "error: answers.jsonl: missing-text: text column 'opmerking' not found" in result.stderr
    hits = [line.split()[0] for line in result.stdout.splitlines()]
    assert hits == ["survey.csv:1", "survey.csv:4", "survey.csv:5"]
    # an empty cell is --lang's: row 5 read as Dutch has no hit
    dutch = runner.invoke(app, [*args, "--text-column", "opmerking", "--lang", "nl"])
    assert [line.split()[0] for line in dutch.stdout.splitlines()] == ["survey.csv:1", "survey.csv:4"]
    jsonl = runner.invoke(app, ["kwic", str(folder / "answers.jsonl"), "--lang-column", "taal"])
    assert "error: answers.jsonl: row 2: bad-lang: language column 'taal' holds 'fr'" in jsonl.stderr
    assert [line.split()[0] for line in jsonl.stdout.splitlines()] == ["answers.jsonl:1"]
