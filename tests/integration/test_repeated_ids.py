"""A table's id column that repeats a value: said once, as score_texts says it of a repeated index."""

from __future__ import annotations

from typer.testing import CliRunner

from trustlex.batch import score_folder
from trustlex.cli import app

TABLE = (
    "respondent,opmerking\n"
    'R1,"Ik vertrouw de directie niet."\n'
    'R2,"Goede sfeer."\n'
    'R1,"I trust my manager."\n'
    'R3,"Geen inspraak."\n'
)


def test_cli_says_which_ids_repeat_in_which_file(tmp_path):
    (tmp_path / "s.csv").write_text(TABLE, encoding="utf-8")
    (tmp_path / "unique.csv").write_text(TABLE.replace('R1,"I trust', 'R4,"I trust'), encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--id-column", "respondent", "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "repeats" in line]
    assert said == [
        "note: s.csv: id column 'respondent' repeats 1 value(s) ('R1'): those rows share a doc_id, "
        "so their rows cannot be told apart by document"
    ]


def test_score_folder_in_memory_notes_repeated_ids_and_not_unique_ones(tmp_path):
    table = tmp_path / "s.csv"
    table.write_text(TABLE, encoding="utf-8")
    report = score_folder(table, id_column="respondent", progress=False)
    assert [n for n in report.notes if "repeats" in n] == [
        "s.csv: id column 'respondent' repeats 1 value(s) ('R1'): those rows share a doc_id, "
        "so their rows cannot be told apart by document"
    ]
    assert report.frame["doc_id"].tolist() == ["R1", "R2", "R1", "R3"]
    report = score_folder(table, progress=False)  # no id column: nothing to say
    assert not [n for n in report.notes if "repeats" in n]


def test_ids_repeated_across_the_row_ranges_of_one_long_table_are_joined():
    from trustlex.batch.folder import repeated_id_notes
    from trustlex.batch.units import Unit

    # a long table is read in ranges of rows, each a unit of its own (perhaps in another process)
    units = [
        Unit("in/big.csv", "big.csv", "table", 0, 2000),
        Unit("in/big.csv", "big.csv", "table", 2000, 4000),
        Unit("in/other.csv", "other.csv", "table", 0, 2),
    ]
    notes = repeated_id_notes(units, [["R1", "R2"], ["R3", "R1"], ["R1", "R2"]], "respondent")
    assert notes == [
        "big.csv: id column 'respondent' repeats 1 value(s) ('R1'): those rows share a doc_id, "
        "so their rows cannot be told apart by document"
    ]


def test_empty_id_cells_are_counted_as_missing_not_as_a_repeated_value(tmp_path):
    # an empty id cell is a missing doc_id (<NA>), not the id "" that two rows would share
    table = tmp_path / "s.csv"
    table.write_text(TABLE + ',"Niemand luistert."\n,"Top."\n', encoding="utf-8")
    out = tmp_path / "out.parquet"
    report = score_folder(table, out, id_column="respondent", progress=False)
    assert report.notes == [
        "s.csv: id column 'respondent' repeats 1 value(s) ('R1'): those rows share a doc_id, "
        "so their rows cannot be told apart by document",
        "s.csv: id column 'respondent' is empty in 2 rows: their doc_id is missing (<NA>), "
        "so their rows cannot be told apart by document",
    ]
    assert report.frame["doc_id"].isna().tolist() == [False] * 4 + [True] * 2
    one = tmp_path / "one.csv"
    one.write_text(TABLE.replace("R3", ""), encoding="utf-8")
    assert not [n for n in score_folder(one, id_column="respondent", progress=False).notes if "empty" in n]
