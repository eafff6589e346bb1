"""A CSV quote that never closes: reported as its row with its line, the rows after it kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats import UNCLOSED

from trustlex.errors import ReadError
from trustlex.readers import Row, count_rows, read_rows, scan_table


def rows_of(path: Path, **kwargs) -> list[Row | ReadError]:
    return list(read_rows(path, "survey.csv", **kwargs))


def test_a_runaway_quote_is_one_malformed_row_naming_its_line(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(UNCLOSED, encoding="utf-8")
    got = rows_of(path)
    assert len(got) == 9
    bad = got[5]
    assert isinstance(bad, ReadError)
    assert (bad.kind, bad.row) == ("malformed-row", 6)
    assert str(bad).startswith("survey.csv: row 6: line 7: a quote opened on this line is never closed")
    rows = [r for r in got if isinstance(r, Row)]
    assert [r.meta["respondent"] for r in rows] == ["r1", "r2", "r3", "r4", "r5", "r7", "r8", "r9"]
    assert rows[5] == Row(row=7, text="Wij vertrouwen elkaar.", doc_id=None, meta={"respondent": "r7"})
    assert count_rows(path, "survey.csv") == 9


def test_a_quote_open_to_the_end_of_the_file(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text('id,text\n1,"Goed.\n2,Slecht.\n3,Matig.\n', encoding="utf-8")
    got = rows_of(path)
    assert isinstance(got[0], ReadError)
    assert "line 2: a quote opened on this line is never closed (it runs on to the end of the file)" in str(
        got[0]
    )
    assert [(r.row, r.text) for r in got[1:]] == [(2, "Slecht."), (3, "Matig.")]


@pytest.mark.parametrize("end", ["\n", ""], ids=["line-end", "no-line-end"])
def test_a_quote_opened_on_the_last_row_is_left_open_too(tmp_path, end):
    path = tmp_path / "survey.csv"
    path.write_text('id,text\n1,Slecht.\n2,"Goed.' + end, encoding="utf-8")
    got = rows_of(path)
    assert [(r.row, r.text) for r in got[:1]] == [(1, "Slecht.")]
    bad = got[1]
    assert isinstance(bad, ReadError)
    assert (bad.kind, bad.row) == ("malformed-row", 2)
    assert str(bad) == (
        "survey.csv: row 2: line 3: a quote opened on this line is never closed "
        "(it runs on to the end of the file)"
    )
    assert len(got) == 2


def test_legitimate_multi_line_comments_stay_one_row(tmp_path):
    path = tmp_path / "survey.csv"
    comment = 'Goed werk, "echt",\nmaar niet altijd, soms wel\nr9,"zo is het"\n\nEinde.'
    path.write_text(
        'id,text\nr1,"' + comment.replace('"', '""') + '"\nr2,Kort.\nr3,"Hij zei ""ja"" en ging."\n',
        encoding="utf-8",
    )
    got = rows_of(path)
    assert all(isinstance(r, Row) for r in got), got
    assert [r.text for r in got] == [comment, "Kort.", 'Hij zei "ja" en ging.']
    # a stray quote on a single line is read as csv always read it, not reported
    path.write_text('id,text\nr1,"Quote" said he\nr2,Ok\n', encoding="utf-8")
    assert [r.text for r in rows_of(path)] == ["Quote said he", "Ok"]


@pytest.mark.parametrize("every", [1, 2, 3])
def test_marks_after_a_runaway_quote_start_where_reading_from_the_top_would(tmp_path, every):
    path = tmp_path / "survey.csv"
    path.write_text(UNCLOSED + 'r10,"open\nr11,Ok.\nr12,"Goed,\nzeer goed"\nr13,Slot.\n', encoding="utf-8")
    n, marks = scan_table(path, "survey.csv", every)
    assert n == 13
    whole = [str(r) if isinstance(r, ReadError) else r for r in rows_of(path)]
    at = {m.start: m for m in marks}
    pieces = []
    for start in range(0, n, every):
        part = rows_of(path, start=start, stop=start + every, mark=at.get(start))
        pieces += [str(r) if isinstance(r, ReadError) else r for r in part]
    assert pieces == whole
    assert [r.text for r in rows_of(path)[-4:] if isinstance(r, Row)] == ["Ok.", "Goed,\nzeer goed", "Slot."]
