"""An empty cell of a table's own column is a missing value in every output: CSV, Parquet and the frame agree.

A user trial scored a survey export with blank metadata cells to Parquet and
to CSV: Parquet held ``""``, CSV an empty field that pandas reads as NA, so
``groupby("department")`` gave the two files different groups. Every file
here is written to disk and read back with plain pandas and with
:func:`trustlex.read_results`.
"""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pandas as pd
import pytest

import trustlex
from trustlex.batch import score_folder

pytest.importorskip("pyarrow")  # the parquet extra, installed with the test extra

COMMENTS = [
    "I do not trust the board.",
    "Management keeps us in the dark.",
    "My manager keeps her promises.",
    "Nobody takes responsibility.",
]


def _csv(tmp_path):
    table = tmp_path / "survey.csv"
    table.write_text(
        "respondent,department,tenure band,comment\n"
        f"R1,Finance,1-3 years,{COMMENTS[0]}\n"
        f',,"",{COMMENTS[1]}\n'  # no id, a blank department, a quoted empty tenure band
        f"R3,,5+ years,{COMMENTS[2]}\n"
        f"R4,HR,,{COMMENTS[3]}\n",
        encoding="utf-8",
    )
    return table


def _jsonl(tmp_path):
    table = tmp_path / "survey.jsonl"
    records = [
        {"respondent": "R1", "department": "Finance", "tenure band": "1-3 years", "comment": COMMENTS[0]},
        {"respondent": "", "department": None, "tenure band": "", "comment": COMMENTS[1]},
        {"respondent": "R3", "tenure band": "5+ years", "comment": COMMENTS[2]},  # no department at all
        {"respondent": "R4", "department": "HR", "tenure band": None, "comment": COMMENTS[3]},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return table


def _xlsx(tmp_path):
    table = tmp_path / "survey.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["respondent", "department", "tenure band", "comment"])
    sheet.append(["R1", "Finance", "1-3 years", COMMENTS[0]])
    sheet.append([None, None, "", COMMENTS[1]])  # "" to the plain reader, None to calamine: both missing
    sheet.append(["R3", None, "5+ years", COMMENTS[2]])
    sheet.append(["R4", "HR", None, COMMENTS[3]])
    book.save(table)
    return table


TABLES = {"csv": _csv, "jsonl": _jsonl, "xlsx": _xlsx}
EXPECTED = {  # per respondent row: department, tenure band (None: missing)
    "department": ["Finance", None, None, "HR"],
    "tenure band": ["1-3 years", None, "5+ years", None],
}


def _by_row(frame: pd.DataFrame, column: str) -> list:
    """The column's value of each table row (the first output row of each), missing as None."""
    first = frame.drop_duplicates("row").sort_values("row")
    return [None if pd.isna(v) else v for v in first[column]]


def _groups(frame: pd.DataFrame, column: str) -> dict:
    """The sizes of ``groupby(column, dropna=False)``, the missing group under None (NaN or <NA>)."""
    sizes = frame.groupby(column, dropna=False).size()
    return {None if pd.isna(k) else k: n for k, n in sizes.items()}


@pytest.mark.parametrize("kind", sorted(TABLES))
@pytest.mark.parametrize("level", ["doc", "sentence"])
def test_csv_parquet_and_the_frame_agree_on_empty_cells(tmp_path, kind, level):
    table = TABLES[kind](tmp_path)
    memory = score_folder(table, level=level, lang="en", id_column="respondent", progress=False).frame
    outs = {}
    for suffix in ("csv", "parquet"):
        outs[suffix] = tmp_path / f"out.{suffix}"
        score_folder(table, outs[suffix], level=level, lang="en", id_column="respondent", progress=False)
    plain_csv = pd.read_csv(outs["csv"])
    plain_parquet = pd.read_parquet(outs["parquet"])
    for column, expected in EXPECTED.items():
        for frame in (memory, plain_csv, plain_parquet):
            assert _by_row(frame, column) == expected, (column, frame[column].tolist())
            assert not (frame[column] == "").any()  # never an empty text beside the missing values
        # the same groups, missing ones included, from either file
        groups = [_groups(frame, column) for frame in (plain_csv, plain_parquet, memory)]
        assert groups[0] == groups[1] == groups[2]
        assert None in groups[0]
        assert plain_csv[column].isna().tolist() == plain_parquet[column].isna().tolist()
    # an empty id cell is a missing id too
    assert _by_row(memory, "doc_id") == ["R1", None, "R3", "R4"]
    assert _by_row(plain_parquet, "doc_id") == ["R1", None, "R3", "R4"]
    # trustlex.read_results gives the frame of the run back from either file
    pd.testing.assert_frame_equal(trustlex.read_results(outs["csv"]), memory)
    pd.testing.assert_frame_equal(trustlex.read_results(outs["parquet"]), memory)


def test_a_column_of_empty_cells_only_is_missing_throughout(tmp_path):
    table = tmp_path / "s.csv"
    table.write_text(f"comment,notes\n{COMMENTS[0]},\n{COMMENTS[1]},\n", encoding="utf-8")
    score_folder(table, tmp_path / "out.parquet", lang="en", progress=False)
    back = pd.read_parquet(tmp_path / "out.parquet")
    assert back["notes"].dtype == pd.StringDtype()
    assert back["notes"].isna().all()


def test_score_texts_scores_missing_and_empty_texts_alike():
    texts = pd.Series(
        ["I do not trust the board.", "", np.nan, None, pd.NA], index=list("abcde"), dtype=object
    )
    docs = trustlex.score_texts(texts, lang="en", level="doc")
    blank = docs.set_index("doc_id").loc[["b", "c", "d", "e"]]
    assert blank["n_words"].tolist() == [0, 0, 0, 0]
    assert (blank.drop(columns="lang").nunique() <= 1).all()  # the four rows are alike
    assert len(trustlex.score_texts(texts, lang="en", level="sentence")) == 1


def test_score_texts_refuses_a_dataframe_and_names_the_text_column():
    survey = pd.DataFrame({"department": ["HR", None], "comment": ["I do not trust the board.", np.nan]})
    with pytest.raises(TypeError, match=r"not a DataFrame .*pass the text column: frame\['comment'\]"):
        trustlex.score_texts(survey)  # it scored the column names "department" and "comment" as texts
    assert len(trustlex.score_texts(survey["comment"], lang="en", level="doc")) == 2
