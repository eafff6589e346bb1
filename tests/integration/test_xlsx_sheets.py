"""Every sheet of an XLSX workbook that holds data is read: folder runs, resumes, back ends, kwic, report.

A workbook with one such sheet keeps its file name as ``path``; with two or
more, each sheet is a table of its own, ``path`` = ``file#sheet``. The
workbooks are real files written with openpyxl (or by hand, for what
openpyxl refuses to write).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import Font
from runs import interrupt_after_first_part, score_cmd
from typer.testing import CliRunner

from trustlex import readers
from trustlex.batch import EXIT_ERRORS, EXIT_OK, errors_path, score_folder
from trustlex.batch.corpus import read_corpus
from trustlex.cli import app
from trustlex.errors import ReadError
from trustlex.readers import count_rows, read_rows, scan_table, table_info
from trustlex.readers.backends import use_readers
from trustlex.readers.fast_xlsx import PLAIN_HEAD, _calamine_records

runner = CliRunner()

TEAM_A = [["id", "comment"], ["a1", "I trust my manager."]]
TEAM_B = [["id", "comment"], ["b1", "HR keeps us in the dark."], ["b2", "Management lies to us."]]


def write_book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> Path:
    """Write a workbook with one sheet per entry (in order); an empty list is a sheet without cells."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def rename_sheet(path: Path, old: str, new: str) -> None:
    """Give a sheet a name Excel and openpyxl refuse (``/``), by rewriting the workbook's list of sheets."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    listing = parts["xl/workbook.xml"].decode("utf-8")
    assert f'name="{old}"' in listing
    parts["xl/workbook.xml"] = listing.replace(f'name="{old}"', f'name="{new}"').encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_every_sheet_holding_data_is_scored_under_its_own_path(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "Team A"
    for row in TEAM_A:
        book.active.append(row)
    book.create_sheet("Leeg")  # no cells: left out
    styled = book.create_sheet("Opmaak")  # formatting only, no value: left out
    styled["A1"].font = Font(bold=True)
    team_b = book.create_sheet("Team B")
    for row in TEAM_B:
        team_b.append(row)
    team_b.sheet_state = "hidden"  # hidden sheets are read like the others
    q = book.create_sheet("Q#1 (nl)")
    q.append(["id", "comment"])
    q.append(["q1", "We trust the board."])
    book.save(folder / "survey.xlsx")

    report = score_folder(folder, level="doc", progress=False)
    frame = report.frame
    assert frame[["path", "row", "id"]].values.tolist() == [
        ["survey.xlsx#Team A", 1, "a1"],  # in the order of the workbook's tabs
        ["survey.xlsx#Team B", 1, "b1"],
        ["survey.xlsx#Team B", 2, "b2"],
        ["survey.xlsx#Q#1 (nl)", 1, "q1"],
    ]
    assert frame.set_index(["path", "row"]).loc[("survey.xlsx#Team A", 1), "trust_pos"] == 1
    assert report.errors.empty
    assert report.exit_code == EXIT_OK
    assert (report.files, report.unread) == (1, 0)  # one workbook is one file
    assert report.summary().startswith("scored 1 file (4 documents)")

    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--level", "doc", "-q"])
    assert result.exit_code == EXIT_OK, result.output
    written = pd.read_csv(out)
    assert written[["path", "row", "id"]].values.tolist() == frame[["path", "row", "id"]].values.tolist()


def test_a_workbook_with_one_sheet_of_data_keeps_its_file_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_book(folder / "one.xlsx", {"Blad1": TEAM_B})
    write_book(folder / "tail.xlsx", {"Data": TEAM_A, "Leeg": []})  # the empty second sheet changes nothing
    write_book(folder / "head.xlsx", {"Leeg": [], "Data": TEAM_B})  # read the sheet with data, not the first
    report = score_folder(folder, level="doc", progress=False)
    assert report.errors.empty, report.errors
    assert report.frame[["path", "row", "id"]].values.tolist() == [
        ["head.xlsx", 1, "b1"],
        ["head.xlsx", 2, "b2"],
        ["one.xlsx", 1, "b1"],
        ["one.xlsx", 2, "b2"],
        ["tail.xlsx", 1, "a1"],
    ]
    assert readers.table_sheets(folder / "one.xlsx", "one.xlsx") == [("Blad1", "one.xlsx")]
    assert readers.table_sheets(folder / "head.xlsx", "head.xlsx") == [("Data", "head.xlsx")]


def test_a_sheet_without_the_text_column_is_one_error_naming_file_and_sheet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_book(
        folder / "survey.xlsx",
        {
            "Team A": TEAM_A,
            "Team B": [["id", "opmerking"], ["b1", "Er is geen vertrouwen in de directie."]],
            "Team C": [["id", "comment"], ["c1", "Nobody trusts management."]],
        },
    )
    out = tmp_path / "scores.csv"
    cmd = ["score", str(folder), "--out", str(out), "--level", "doc", "--text-column", "comment", "-q"]
    result = runner.invoke(app, cmd)
    assert result.exit_code == EXIT_ERRORS, result.output
    assert (
        "error: survey.xlsx#Team B: missing-text: text column 'comment' not found; "
        "available columns: id, opmerking" in result.output
    )
    assert "scored 1 file (2 documents)" in result.output
    errors = pd.read_csv(errors_path(out))
    assert errors[["path", "kind"]].values.tolist() == [["survey.xlsx#Team B", "missing-text"]]
    assert pd.read_csv(out)[["path", "id"]].values.tolist() == [
        ["survey.xlsx#Team A", "a1"],
        ["survey.xlsx#Team C", "c1"],
    ]
    # without --text-column each sheet's own text column is found
    frame = score_folder(folder, level="doc", progress=False).frame
    team_b = frame[frame["path"] == "survey.xlsx#Team B"]
    assert team_b[["row", "id", "lang", "trust_neg"]].values.tolist() == [[1, "b1", "nl", 1]]


def test_reading_a_workbook_of_several_sheets_names_the_sheet(tmp_path):
    path = write_book(tmp_path / "survey.xlsx", {"Team A": TEAM_A, "Team B": TEAM_B})
    assert readers.table_sheets(path, "survey.xlsx") == [
        ("Team A", "survey.xlsx#Team A"),
        ("Team B", "survey.xlsx#Team B"),
    ]
    # no sheet named: reading one sheet of several would lose the others without a word
    for read in (table_info, count_rows, lambda p, d: list(read_rows(p, d))):
        with pytest.raises(ReadError) as info:
            read(path, "survey.xlsx")
        assert info.value.kind == "several-sheets"
        assert str(info.value).startswith("survey.xlsx: 2 sheets hold data ('Team A', 'Team B')")
    rows = list(read_rows(path, "survey.xlsx#Team B", sheet="Team B", id_column="id"))
    assert [(r.row, r.doc_id, r.text) for r in rows] == [(1, "b1", TEAM_B[1][1]), (2, "b2", TEAM_B[2][1])]
    assert count_rows(path, "x", sheet="Team B") == 2
    n, marks = scan_table(path, "x", 1, sheet="Team B")
    assert (n, [m.start for m in marks]) == (2, [1])
    with pytest.raises(ReadError) as info:
        table_info(path, "survey.xlsx#Team C", sheet="Team C")
    assert info.value.kind == "missing-sheet"
    assert "no sheet named 'Team C'" in str(info.value)
    csv = tmp_path / "a.csv"
    csv.write_text("text\nGood.\n", encoding="utf-8")
    assert readers.table_sheets(csv, "a.csv") == [(None, "a.csv")]
    with pytest.raises(ValueError, match="has no sheets"):
        table_info(csv, "a.csv", sheet="Team A")


def long_book(path: Path, odd: str) -> Path:
    """Two sheets past the plain reader's head (calamine reads their tails), the second named ``odd``."""
    size = PLAIN_HEAD + 500
    first = [["id", "comment"]] + [[f"a{i}", f"Team A trusts the board ({i})."] for i in range(size)]
    second = [["nr", "tekst", "cijfer"]] + [
        [i, f"Geen vertrouwen in de directie ({i})." if i % 7 else None, i / 4] for i in range(size + 300)
    ]
    write_book(path, {"Team A": first, "Blad_2": second, "Leeg": []})
    rename_sheet(path, "Blad_2", odd)
    return path


@pytest.mark.parametrize("odd", ["B/2 & 'x' #3", " Blad 2 "])
def test_plain_and_fast_readers_give_every_sheet_the_same_rows(tmp_path, odd):
    path = long_book(tmp_path / "lang.xlsx", odd.replace("&", "&amp;").replace("'", "&apos;"))
    found = {}
    for setting in ("plain", "fast"):
        with use_readers(setting):
            tables = readers.table_sheets(path, "lang.xlsx")
            found[setting] = [
                (sheet, name, table_info(path, name, sheet=sheet), list(read_rows(path, name, sheet=sheet)))
                for sheet, name in tables
            ]
    assert found["fast"] == found["plain"]
    (first, _, _, rows_a), (second, name, info, rows_b) = found["plain"]
    assert (first, second, name) == ("Team A", odd, f"lang.xlsx#{odd}")
    assert info.text_column == "tekst"
    assert len(rows_a) == PLAIN_HEAD + 500
    assert rows_b[-1].row == PLAIN_HEAD + 800
    assert rows_b[-1].text.startswith("Geen vertrouwen")
    # the fast back end did read the second sheet (by its name), not the first
    with use_readers("fast"):
        rest = _calamine_records(path, name, info.columns, odd)
    assert rest is not None
    assert next(r for n, r in rest if n == PLAIN_HEAD + 800)["tekst"] == rows_b[-1].text


def test_a_folder_run_of_long_sheets_resumes_to_the_same_output(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    size = 4_500  # three ranges of rows per sheet, the later ones starting at their marks
    write_book(
        folder / "survey.xlsx",
        {
            "Team A": [["id", "comment"]]
            + [[i, f"Management keeps us in the dark ({i})."] for i in range(size)],
            "Team B": [["id", "comment"]] + [[i, f"We trust our manager ({i})."] for i in range(size)],
        },
    )
    reference = tmp_path / "reference.csv"
    subprocess.run(score_cmd(folder, reference, "--workers", "2"), check=True, timeout=600)
    frame = pd.read_csv(reference)
    for sheet in ("Team A", "Team B"):
        rows = frame[frame["path"] == f"survey.xlsx#{sheet}"]
        assert rows["row"].tolist() == list(range(1, size + 1))
        assert rows["id"].tolist() == list(range(size))

    out = tmp_path / "out.csv"
    assert interrupt_after_first_part(folder, out).returncode == 130
    assert not out.exists()
    resumed = subprocess.run(score_cmd(folder, out), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == EXIT_OK, resumed.stderr
    assert re.search(r"[1-5] parts? resumed", resumed.stderr), resumed.stderr
    assert out.read_bytes() == reference.read_bytes()


def test_dask_reads_every_sheet(tmp_path, dask_local):
    folder = tmp_path / "in"
    folder.mkdir()
    write_book(folder / "survey.xlsx", {"Team A": TEAM_A, "Team B": TEAM_B})
    here = score_folder(folder, level="doc", progress=False).frame
    there = score_folder(folder, level="doc", progress=False, dask=dask_local, workers=2).frame
    assert there["path"].tolist() == ["survey.xlsx#Team A", "survey.xlsx#Team B", "survey.xlsx#Team B"]
    pd.testing.assert_frame_equal(there, here)


def test_kwic_and_report_see_every_sheet(tmp_path):
    path = write_book(tmp_path / "survey.xlsx", {"Team A": TEAM_A, "Team B": TEAM_B}, hidden=("Team B",))
    texts = read_corpus([path])
    assert texts.to_dict() == {
        "survey.xlsx#Team A:1": TEAM_A[1][1],
        "survey.xlsx#Team B:1": TEAM_B[1][1],
        "survey.xlsx#Team B:2": TEAM_B[2][1],
    }
    result = runner.invoke(app, ["kwic", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "survey.xlsx#Team A:1" in result.output
    assert "survey.xlsx#Team B:1" in result.output
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(path), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "survey.xlsx#Team A row 1 · about direct_manager" in page
    assert "survey.xlsx#Team B row 1 · about hr" in page


def sheet_xml(rows: list[str]) -> str:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = "".join(
        f'<row r="{r}"><c t="inlineStr"><is><t>{text}</t></is></c></row>' for r, text in enumerate(rows, 1)
    )
    return f'<worksheet xmlns="{ns}"><sheetData>{cells}</sheetData></worksheet>'


def test_a_broken_sheet_is_reported_by_name_and_the_other_sheets_are_scored(tmp_path):
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["Goed", "Bom", "Kapot"]
    path = folder / "mix.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Target="worksheets/s{i}.xml" Type="x"/>' for i in range(1, 4)
            )
            + "</Relationships>",
        )
        archive.writestr("xl/worksheets/s1.xml", sheet_xml(["text", "We trust our manager."]))
        with archive.open("xl/worksheets/s2.xml", "w") as bomb:  # blank that unpacks past the limit
            bomb.write(f'<worksheet xmlns="{ns}"><sheetData>'.encode())
            for _ in range(40):
                bomb.write(b" " * (1 << 20))
            bomb.write(b"</sheetData></worksheet>")
        archive.writestr("xl/worksheets/s3.xml", sheet_xml(["text", "Fine."])[:-30])  # cut short
    assert path.stat().st_size < 1_000_000
    for setting in ("plain", "fast"):
        with use_readers(setting):
            report = score_folder(folder, level="doc", progress=False)
        assert report.frame[["path", "row"]].values.tolist() == [["mix.xlsx#Goed", 1]]
        assert report.errors[["path", "kind"]].values.tolist() == [
            ["mix.xlsx#Bom", "too-large"],
            ["mix.xlsx#Kapot", "corrupt"],
        ]
        assert (report.files, report.unread, report.exit_code) == (1, 0, EXIT_ERRORS)
