"""The analyses' errors say what is wrong and what to call instead (an HR analyst's first day, round 25).

Real sentence and document frames of three comments, scored by the real
pipeline, with a department column as an analyst would add it.
"""

from __future__ import annotations

import pandas as pd
import pytest

import trustlex
from trustlex.analysis import sentence_trust_index
from trustlex.analysis.frames import missing_by

TEXTS = pd.Series(
    ["I do not trust management.", "Management lies. I trust my colleagues.", "HR never listens."]
)


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = trustlex.score_texts(TEXTS, lang="en")
    docs = trustlex.score_texts(TEXTS, lang="en", level="doc").assign(department=["sales", "sales", "it"])
    return rows, docs


def _error(call) -> str:
    with pytest.raises(trustlex.TrustlexError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate])
def test_sentence_rows_by_a_document_column_say_which_call_to_make(frames, function):
    rows, docs = frames
    name = function.__name__
    message = _error(lambda: function(rows, by="department", docs=docs))
    assert message.startswith(f"{name} groups sentence rows only with 'referent' in by")
    assert f"{name}(docs, by='department')" in message
    assert f"{name}(rows, by=['department', 'referent'], docs=docs)" in message
    # both calls it names work
    assert not function(docs, by="department", n_boot=40).empty
    assert not function(rows, by=["department", "referent"], docs=docs, n_boot=40).empty
    # the department merged into the rows: the same advice, not thirteen missing document columns
    merged = rows.merge(docs[["doc_id", "department"]], on="doc_id")
    message = _error(lambda: function(merged, by="department"))
    assert message.startswith(f"{name} groups sentence rows only with 'referent' in by")
    assert "_n" not in message
    assert "'referent' only" not in message  # the old, untrue ending
    # no by at all
    message = _error(lambda: function(rows))
    assert f"{name}(docs)" in message
    assert f"{name}(rows, by='referent')" in message


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate, trustlex.control_share])
def test_a_typo_in_by_is_named_with_the_nearest_column(frames, function):
    rows, docs = frames
    message = _error(lambda: function(docs, by="dept"))
    assert message.startswith("no column 'dept' to group by; columns are doc_id, lang, n_words")
    assert message.endswith("(did you mean 'department'?)")
    message = _error(lambda: function(docs, by=["Department", "lnag"]))
    assert "(did you mean 'department' for 'Department', 'lang' for 'lnag'?)" in message
    message = _error(lambda: function(docs, by="region"))  # nothing close: no guess
    assert "did you mean" not in message
    if function is not trustlex.control_share:
        # a typo on sentence rows with docs: the typo first, not the advice about docs=
        message = _error(lambda: function(rows, by="dept", docs=docs))
        assert message.startswith("no column 'dept' to group by")
        assert "(did you mean 'department'?)" in message
        message = _error(lambda: function(rows, by="referant", docs=docs))
        assert "(did you mean 'referent'?)" in message
        message = _error(lambda: function(rows, by=["dept", "referent"], docs=docs))
        assert message.startswith("no column 'dept' in docs to group by")
        assert message.endswith("(did you mean 'department'?)")


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate])
def test_docs_where_docs_do_not_belong(frames, function):
    rows, docs = frames
    name = function.__name__
    message = _error(lambda: function(docs, by="department", docs=docs))
    assert f"leave docs= out: {name}(docs, by='department')" in message
    message = _error(lambda: function(rows, by="referent", docs=rows))
    assert message.startswith(f"{name}: docs= takes the document-level frame")
    # a document column on the rows but not in docs: take it from the rows
    merged = rows.merge(docs[["doc_id", "department"]], on="doc_id")
    message = _error(
        lambda: function(merged, by=["department", "referent"], docs=docs.drop(columns="department"))
    )
    assert "the sentence rows have it: leave out docs=" in message
    assert not function(merged, by=["department", "referent"], n_boot=40).empty
    # a document column nowhere: where document columns come from
    message = _error(lambda: function(rows, by=["department", "referent"]))
    assert "document columns come from docs=" in message


def test_document_only_functions_say_what_takes_sentence_rows(frames):
    rows, docs = frames
    message = _error(lambda: trustlex.trust_index(rows))
    assert "sentence_trust_index(rows)" in message
    assert len(sentence_trust_index(rows)) == 3  # the call it names works
    message = _error(lambda: trustlex.control_share(rows))
    assert message.startswith("control_share takes a document-level frame")
    message = _error(lambda: trustlex.control_share(rows, by="referent"))
    assert message.startswith("control_share has no breakdown by referent")
    assert "compare(rows, by='referent')" in message
    message = _error(lambda: trustlex.plot.profile(rows))  # was a KeyError: 'n_words'
    assert message.startswith("plot.profile takes a document-level frame")
    message = _error(lambda: trustlex.compare(docs, by="referent"))
    assert "compare(rows, by='referent', docs=docs)" in message


def test_a_table_that_was_not_scored_says_so_in_one_line():
    survey = pd.read_csv("samples/employee-survey.csv")
    message = _error(lambda: trustlex.compare(survey, by="department"))
    assert message == (
        "compare expects a document-level frame (score_texts or score_folder with level='doc'); this one "
        "has no n_words and 12 per-concept counts (trust_n, control_n, ...): score the texts with "
        "level='doc' first"
    )


def test_the_nearest_name_is_a_close_spelling_or_an_abbreviation():
    frame = pd.DataFrame(columns=["respondent", "department", "team", "trust_n"])
    assert missing_by(["teams"], frame, None, "").endswith("(did you mean 'team'?)")
    assert missing_by(["dept"], frame, None, "").endswith("(did you mean 'department'?)")
    assert "did you mean" not in missing_by(["de"], frame, None, "")  # too short to guess
    assert "did you mean" not in missing_by(["trust"], frame, None, "")  # counts are not groups


@pytest.mark.parametrize("function", [trustlex.compare, trustlex.climate])
def test_docs_without_a_document_key_or_with_documents_missing_name_the_key(tmp_path, function):
    # a survey table scored as a folder: its documents are known by path and row
    table = pd.DataFrame({"department": ["sales", "sales", "it"], "comment": TEXTS})
    table.to_csv(tmp_path / "survey.csv", index=False)
    rows = trustlex.score_folder(tmp_path, level="sentence", progress=False).frame
    docs = trustlex.score_folder(tmp_path, level="doc", progress=False).frame
    by = ["department", "referent"]
    message = _error(lambda: function(rows, by=by, docs=docs.drop(columns="row")))
    assert message.startswith("docs has no column 'row', which joins the sentence rows to their documents")
    assert "to group by" not in message
    assert "did you mean" not in message
    # documents missing from docs: the first one named by plain values, not numpy reprs
    message = _error(lambda: function(rows, by=by, docs=docs[docs["row"] != 3]))
    assert message == "1 sentence rows belong to documents not in docs (first: path='survey.csv', row=3)"
