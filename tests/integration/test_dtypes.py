"""The dtypes of every level and output: codebook-ordered Categoricals, string, boolean, Int64, typed empties.

Frames from score_texts, to_frame and score_folder, the Parquet output read
with pandas, and CSV and Parquet read back with trustlex.read_results must all
carry the same dtypes, also when there are no rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import trustlex
from trustlex.batch import score_folder
from trustlex.concepts import CONCEPTS, LANGUAGES
from trustlex.errors import TrustlexError
from trustlex.frame import LEVEL_DTYPES, set_dtypes
from trustlex.lexicon.model import MATCH_KINDS

LEVELS = ("doc", "sentence", "match")
EN = [
    "We trust our manager, but nobody takes responsibility for the risks.",
    "Communication is not open and honest.",
]
NL = "Er is geen vertrouwen in de directie. Niemand neemt verantwoordelijkheid."
TEXT_COLUMNS = {
    "match": ["text", "cue", "cue_kind", "hedge", "entry_id", "lexicon"],
    "sentence": ["sentence", "terms", "cues", "entry_ids"],
    "doc": [],
}
INT_COLUMNS = {
    "match": ["sent_id", "start_char", "end_char"],
    "sentence": ["sent_id", "n_matches", "start_char", "end_char"],
    "doc": ["n_words", "n_sents", "n_matches", "trust_pos", "trust_neg", "trust_neu", "trust_n"],
}


def check_dtypes(frame: pd.DataFrame, level: str) -> None:
    """Assert the declared dtypes, spelled out rather than compared with the table they come from."""
    assert frame["lang"].dtype == pd.CategoricalDtype(list(LANGUAGES))
    assert list(frame["lang"].cat.categories) == ["nl", "en"]
    for column in TEXT_COLUMNS[level]:
        assert frame[column].dtype == pd.StringDtype(), column
    for column in INT_COLUMNS[level]:
        assert frame[column].dtype == "int64", column
    if level == "doc":
        assert frame["trust_rate"].dtype == frame["trust_net"].dtype == "float64"
        return
    assert list(frame["concept"].cat.categories) == list(CONCEPTS)
    assert not frame["concept"].cat.ordered
    assert list(frame["valence"].cat.categories) == ["-", "0", "+"]
    assert frame["valence"].cat.ordered
    assert frame["hedged"].dtype == "boolean"
    assert frame["weight"].dtype == "float64"
    if level == "match":
        assert frame["base_valence"].dtype == frame["valence"].dtype
        assert list(frame["kind"].cat.categories) == list(MATCH_KINDS)


@pytest.mark.parametrize("level", LEVELS)
def test_score_texts_frames_have_the_declared_dtypes(level):
    frame = trustlex.score_texts(EN, lang="en", level=level)
    assert len(frame) > 0
    check_dtypes(frame, level)
    assert frame["doc_id"].dtype == "int64"
    assert set(frame["lang"]) == {"en"}
    if level == "match":
        assert frame["cue"].isna().any()  # <NA>, not None in an object column
        assert frame["cue"].dtype == pd.StringDtype()


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("texts", [[], ["Nothing to see."], pd.Series([], dtype="string")])
def test_empty_results_have_the_same_columns_and_dtypes(level, texts):
    full = trustlex.score_texts(EN, lang="en", level=level)
    empty = trustlex.score_texts(texts, lang="en", level=level)
    if level != "doc" or len(texts) == 0:
        assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()


@pytest.mark.parametrize("level", LEVELS)
def test_to_frame_and_auto_language_frames_match_score_texts(level, nlp_en):
    nlp = nlp_en
    tagged = trustlex.to_frame([nlp(t) for t in EN], level=level)
    assert tagged.dtypes.to_dict() == trustlex.score_texts(EN, lang="en", level=level).dtypes.to_dict()
    mixed = trustlex.score_texts([*EN, NL], lang="auto", level=level)
    check_dtypes(mixed, level)
    assert set(mixed["lang"]) == {"en", "nl"}
    untagged = trustlex.to_frame([nlp("Nothing to see.")], level=level)
    assert untagged.dtypes.to_dict() == tagged.dtypes.to_dict()


def test_model_frames_have_categorical_source_and_typed_empties():
    frame = trustlex.score_texts(EN, lang="en", model="default")
    check_dtypes(frame, "sentence")
    assert list(frame["source"].cat.categories) == ["lexicon", "model", "both"]
    assert frame["probability"].dtype == "float64"
    empty = trustlex.score_texts([], lang="en", model="default")
    assert empty.dtypes.to_dict() == frame.dtypes.to_dict()


def test_groupby_and_sorting_follow_the_codebook():
    frame = trustlex.score_texts([*EN, "I trust them and the control is fine."], lang="en")
    per_concept = frame.groupby("concept", observed=False).size()
    assert list(per_concept.index) == list(CONCEPTS)
    assert per_concept.sum() == len(frame)
    present = frame.groupby("concept", observed=True).size()
    assert list(present.index) == [c for c in CONCEPTS if c in set(frame["concept"])]
    assert list(frame.sort_values("valence")["valence"].drop_duplicates()) == [
        v for v in ("-", "0", "+") if v in set(frame["valence"])
    ]
    assert (frame["valence"] > "0").sum() == (frame["valence"] == "+").sum()


def test_a_code_outside_the_categories_is_kept_not_lost():
    rows = pd.DataFrame({"lang": ["en", "de", None], "concept": ["trust", "trust", "risk"]})
    typed = set_dtypes(rows, LEVEL_DTYPES["sentence"])
    assert typed["lang"].tolist()[:2] == ["en", "de"]
    assert pd.isna(typed["lang"].iloc[2])
    assert list(typed["lang"].cat.categories) == ["nl", "en", "de"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    (root / "policy.txt").write_text(NL + "\n", encoding="utf-8")
    (root / "plain.txt").write_text("Nothing here at all.\n", encoding="utf-8")
    (root / "survey.csv").write_text(
        "id,text,team\n1," + EN[0] + ",A\n2,Fine.,B\n3,=" + EN[1] + ",007\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("level", LEVELS)
def test_folder_outputs_read_back_with_the_same_dtypes(folder, tmp_path, level):
    pytest.importorskip("pyarrow")  # the parquet extra, installed with the test extra
    memory = score_folder(folder, level=level, progress=False).frame
    check_dtypes(memory, level)
    assert memory["path"].dtype == pd.StringDtype()
    assert memory["row"].dtype == "Int64"
    assert memory["row"].isna().any()  # whole files
    assert memory["row"].notna().any()  # table rows
    assert memory["team"].dtype == pd.StringDtype()
    score_folder(folder, tmp_path / "out.csv", level=level, progress=False)
    score_folder(folder, tmp_path / "out.parquet", level=level, progress=False)
    from_csv = trustlex.read_results(tmp_path / "out.csv")
    pd.testing.assert_frame_equal(from_csv, memory)
    assert "007" in set(from_csv["team"])  # text stays text
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out.parquet"), memory)
    pd.testing.assert_frame_equal(trustlex.read_results(tmp_path / "out.parquet"), memory)
    first = pd.read_csv(tmp_path / "out.csv")["row"]
    assert first.dtype == "float64"  # what plain read_csv makes of the row column: why read_results exists


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_an_output_without_matches_keeps_its_types(tmp_path, suffix):
    pytest.importorskip("pyarrow")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Nothing here.", encoding="utf-8")
    out = tmp_path / ("out" + suffix)
    report = score_folder(tmp_path / "docs", out, level="match", progress=False)
    assert report.rows == 0
    back = trustlex.read_results(out)
    assert len(back) == 0
    memory = score_folder(tmp_path / "docs", level="match", progress=False).frame
    assert back.dtypes.to_dict() == memory.dtypes.to_dict()
    check_dtypes(back, "match")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_table_without_hits_keeps_its_columns_and_concatenates_typed(tmp_path, suffix):
    pytest.importorskip("pyarrow")
    for name, body in [("hits", "1,a,I do not trust management."), ("nohits", "2,b,The canteen is fine.")]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "survey.csv").write_text(f"respondent,team,comment\n{body}\n", encoding="utf-8")
    outs = {}
    for name in ("hits", "nohits"):
        outs[name] = tmp_path / (name + suffix)
        score_folder(tmp_path / name, outs[name], level="sentence", progress=False)
    memory = score_folder(tmp_path / "nohits", level="sentence", progress=False).frame
    full, empty = trustlex.read_results(outs["hits"]), trustlex.read_results(outs["nohits"])
    assert len(full) == 1
    assert len(empty) == len(memory) == 0
    assert list(empty.columns) == list(memory.columns) == list(full.columns)  # respondent, team too
    assert {"respondent", "team"} <= set(empty.columns)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict() == memory.dtypes.to_dict()
    both = pd.concat([full, empty], ignore_index=True)
    assert both.dtypes.to_dict() == full.dtypes.to_dict()
    assert both["concept"].cat.categories.tolist() == list(CONCEPTS)
    assert (both["valence"] < "0").tolist() == [True]
    if suffix == ".parquet":  # plain pandas: the columns; no row holds a category to store
        assert list(pd.read_parquet(outs["nohits"]).columns) == list(full.columns)


@pytest.mark.parametrize("level", LEVELS)
def test_saved_frames_and_folders_of_parts_read_back(tmp_path, level):
    pytest.importorskip("pyarrow")
    frame = trustlex.score_texts([*EN, NL, "Geen vertrouwen."], lang="auto", level=level)
    frame.to_csv(tmp_path / "frame.csv", index=False)
    back = trustlex.read_results(tmp_path / "frame.csv")
    pd.testing.assert_frame_equal(back, frame)  # doc_id, not a folder output's, stays a number
    parts = tmp_path / "parts"
    parts.mkdir()
    half = len(frame) // 2
    for n, piece in enumerate([frame.iloc[:half], frame.iloc[half:]]):
        piece.to_parquet(parts / f"part.{n * 10}.parquet", index=False)  # part.0, part.10: name order
    pd.testing.assert_frame_equal(trustlex.read_results(parts), frame)


def test_read_results_refuses_what_is_not_results(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TrustlexError, match=r"other\.csv: not trustlex results"):
        trustlex.read_results(other)
    with pytest.raises(TrustlexError, match="no such file"):
        trustlex.read_results(tmp_path / "missing.csv")


@pytest.mark.parametrize("level", ["sentence", "match"])
def test_an_empty_text_field_is_missing_in_every_frame_and_both_outputs(folder, tmp_path, level):
    """One rule: nothing in a text field is <NA>, never "" (cues was "" where cue was <NA>)."""
    pytest.importorskip("pyarrow")
    rows = trustlex.score_texts([*EN, "We trust our manager."], lang="en", level=level)
    for column in TEXT_COLUMNS[level]:
        assert not rows[column].eq("").any(), column
    without_cue = rows["cues" if level == "sentence" else "cue"].isna()
    assert without_cue.any()
    assert not without_cue.all()
    score_folder(folder, tmp_path / "out.csv", level=level, progress=False)
    score_folder(folder, tmp_path / "out.parquet", level=level, progress=False)
    plain_csv, plain_parquet = pd.read_csv(tmp_path / "out.csv"), pd.read_parquet(tmp_path / "out.parquet")
    for column in TEXT_COLUMNS[level]:
        assert plain_csv[column].isna().tolist() == plain_parquet[column].isna().tolist(), column
    assert plain_parquet["cues" if level == "sentence" else "cue"].isna().any()
