"""A JSON Lines field keeps its JSON type in every output: numbers stay numbers, nulls stay missing.

A user scored comments exported as ``{"id": 17, "score": 4.5, "text": ...}`` and got ``id`` and
``score`` back as text, in the frame, in Parquet and through ``read_results`` of the CSV. The files
are written to disk and scored with the real pipeline; docs/batch.md gives the rule.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import trustlex
from trustlex.batch import score_folder

pytest.importorskip("pyarrow")  # the parquet extra, installed with the test extra

RECORDS = [
    {"id": 17, "score": 4.5, "flag": True, "note": None, "text": "I do not trust the board."},
    {"id": 18, "score": 3, "flag": False, "text": "My manager keeps her promises."},  # no note at all
    {"id": 19, "score": None, "flag": True, "note": "late", "text": "Nobody takes responsibility."},
]


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_json_numbers_flags_and_nulls_keep_their_types_in_csv_parquet_and_the_frame(tmp_path):
    table = _write(tmp_path / "comments.jsonl", RECORDS)
    memory = score_folder(table, lang="en", progress=False).frame.sort_values("row", ignore_index=True)
    assert str(memory["id"].dtype) == "Int64"
    assert memory["id"].tolist() == [17, 18, 19]
    assert memory["score"].dtype == "float64"  # 4.5 and 3: numbers, one with a fraction
    assert memory["score"].tolist()[:2] == [4.5, 3.0]
    assert pd.isna(memory["score"][2])
    assert str(memory["flag"].dtype) == "boolean"
    assert memory["flag"].tolist() == [True, False, True]
    assert memory["note"].isna().tolist() == [True, True, False]  # null and an absent key: missing
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"out.{suffix}"
        score_folder(table, out, lang="en", progress=False)
        back = trustlex.read_results(out).sort_values("row", ignore_index=True)
        pd.testing.assert_frame_equal(back, memory)
    plain = pd.read_parquet(tmp_path / "out.parquet")
    assert str(plain["id"].dtype) == "Int64"
    assert plain["score"].dtype == "float64"
    assert pd.read_csv(tmp_path / "out.csv")["score"].dtype == "float64"


def test_a_field_whose_type_varies_is_text_with_a_note_naming_file_line_and_field(tmp_path):
    table = _write(
        tmp_path / "comments.jsonl", [*RECORDS, {"id": 20, "score": "n/a", "text": "We trust them."}]
    )
    report = score_folder(table, tmp_path / "out.csv", lang="en", progress=False)
    assert report.errors.empty
    frame = report.frame.sort_values("row", ignore_index=True)
    assert str(frame["id"].dtype) == "Int64"  # the other fields keep their types
    assert pd.api.types.is_string_dtype(frame["score"])
    assert frame["score"].tolist()[:2] == ["4.5", "3"]
    assert frame["score"][3] == "n/a"
    said = [n for n in report.notes if "'score'" in n]
    assert said == [
        "comments.jsonl: field 'score' holds values of different types: numbers (comments.jsonl line 1); "
        "text (comments.jsonl line 4); the column is written as text (convert it after reading, or "
        "correct the file)"
    ]


def test_the_type_rule_over_files_whole_numbers_and_fractions_are_numbers_a_flag_among_numbers_is_text():
    from trustlex.batch.carried import carried_dtypes, carried_kinds, join_kinds

    lead = ["path", "row"]
    first = carried_kinds([{"path": "a.jsonl", "row": 1, "n": 3, "f": True, "x": None}], lead)
    second = carried_kinds([{"path": "b.xlsx", "row": 2, "n": 2.5, "f": 1, "x": None}], lead)
    dtypes, notes = carried_dtypes(join_kinds([first, second]))
    assert dtypes == {"n": "float64"}  # x holds no value at all: text, as before
    assert notes == [
        "a.jsonl: field 'f' holds values of different types: true/false (a.jsonl line 1); numbers "
        "(b.xlsx row 2); the column is written as text (convert it after reading, or correct the file)"
    ]
