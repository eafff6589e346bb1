"""Name columns: a table's column names each row's party, in score_folder, the command line and score_dask."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.errors import TrustlexError

runner = CliRunner()
REVIEWS = [
    {"id": "r1", "company": "HCA Healthcare", "text": "HCA Healthcare doesn't care about anyone."},
    {"id": "r2", "company": "Walmart", "text": "Walmart doesn't care about anyone."},
    {"id": "r3", "company": "", "text": "Walmart doesn't care about anyone."},  # no name given
    {"id": "r4", "company": 66, "text": "Phillips 66 doesn't care. 66 doesn't care."},  # a number, as written
]


def _folder(tmp_path, rows=REVIEWS, name="reviews.jsonl"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    with (folder / name).open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    return folder


def _by_id(frame):
    frame = frame[frame["concept"] == "benevolence"]
    return {i: sorted(set(g["referent"])) for i, g in frame.groupby("doc_id")}


def test_score_folder_names_each_rows_party(tmp_path):
    folder = _folder(tmp_path)
    kw = {"level": "sentence", "lang": "en", "id_column": "id"}
    plain = trustlex.score_folder(folder, **kw).frame
    assert set(plain["referent"]) == {"none"}
    named = trustlex.score_folder(folder, **kw, name_columns={"organisation": "company"}).frame
    assert _by_id(named) == {
        "r1": ["organisation"],
        "r2": ["organisation"],
        "r3": ["none"],
        "r4": ["organisation"],
    }
    assert set(named.loc[named["doc_id"] == "r1", "referent_text"]) == {"HCA Healthcare"}
    assert "company" in named.columns  # the column is still carried along


def test_the_model_path_and_workers_name_parties_too(tmp_path):
    folder = _folder(tmp_path)
    kw = {"level": "sentence", "lang": "en", "id_column": "id", "name_columns": {"organisation": "company"}}
    with_model = trustlex.score_folder(folder, **kw, model="default").frame
    assert _by_id(with_model)["r2"] == ["organisation"]
    assert _by_id(with_model)["r3"] == ["none"]
    one = trustlex.score_folder(folder, tmp_path / "one.csv", **kw).frame
    two = trustlex.score_folder(folder, tmp_path / "two.csv", **kw, workers=2).frame
    pd.testing.assert_frame_equal(one, two)


def test_a_missing_name_column_is_reported_with_the_file_and_the_others_are_scored(tmp_path):
    folder = _folder(tmp_path)
    _folder(tmp_path, [{"text": "Walmart doesn't care.", "firm": "Walmart"}], name="other.jsonl")
    report = trustlex.score_folder(
        folder, level="sentence", lang="en", name_columns={"organisation": "company"}
    )
    errors = report.errors
    assert errors["path"].tolist() == ["other.jsonl"]
    assert errors["kind"].tolist() == ["missing-name"]
    assert "name column 'company' not found; available columns: text, firm" in errors["message"].iloc[0]
    assert set(report.frame["path"]) == {"reviews.jsonl"}


def test_bad_name_columns_are_refused_before_any_work(tmp_path):
    folder = _folder(tmp_path)
    with pytest.raises(TrustlexError, match="'company' is not a referent id"):
        trustlex.score_folder(folder, name_columns={"company": "company"})


def test_command_line(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "out.csv"
    args = ["score", str(folder), "--level", "sentence", "--lang", "en", "--id-column", "id", "--quiet"]
    result = runner.invoke(app, [*args, "--out", str(out), "--name-column", "organisation=company"])
    assert result.exit_code == 0, result.output
    assert _by_id(pd.read_csv(out))["r2"] == ["organisation"]
    result = runner.invoke(app, [*args, "--name-column", "company"])
    assert result.exit_code == 2
    assert "--name-column takes REFERENT=COLUMN" in result.output


def test_score_dask_names_from_a_column():
    import dask
    import dask.dataframe as dd

    frame = pd.DataFrame(REVIEWS).set_index("id")
    lazy = trustlex.score_dask(
        dd.from_pandas(frame, npartitions=2),
        lang="en",
        level="sentence",
        name_columns={"organisation": "company"},
    )
    with dask.config.set(scheduler="synchronous"):
        rows = lazy.compute()
    expected = trustlex.score_texts(
        frame["text"], lang="en", names=[{"organisation": c} for c in frame["company"].astype(str)]
    )
    assert _by_id(rows) == _by_id(expected)
    assert _by_id(rows)["r1"] == ["organisation"]
    with pytest.raises(TrustlexError, match="no column 'firm'"):
        trustlex.score_dask(dd.from_pandas(frame, npartitions=1), name_columns={"organisation": "firm"})
