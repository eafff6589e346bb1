"""A one-language model and the user's language: the user's wins, and nothing is lost without a word."""

from __future__ import annotations

import warnings

import pytest

import trustlex
from trustlex.batch import score_folder
from trustlex.models import TrustClassifier

NL = ["Ik heb vertrouwen in mijn manager.", "Er is geen vertrouwen in de directie.", "De kantine is prima."]
EN = ["I trust my manager.", "Nobody trusts upper management."]


@pytest.fixture(scope="module")
def dutch_model() -> TrustClassifier:
    labels = [{"trust": "+"}, {"trust": "-"}, {}] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few examples: scikit-learn's small-data warnings
        return TrustClassifier(lang="nl").fit(NL * 3, labels)


def test_lang_en_with_a_dutch_model_scores_english_with_the_lexicon_and_says_so(dutch_model):
    with pytest.warns(UserWarning, match=r"trained on 'nl' texts and cannot code texts in 'en'"):
        rows = trustlex.score_texts(EN, lang="en", model=dutch_model)
    plain = trustlex.score_texts(EN, lang="en", level="sentence")
    assert rows["lang"].tolist() == ["en", "en"]
    assert rows[["concept", "valence"]].values.tolist() == plain[["concept", "valence"]].values.tolist()
    assert set(rows["source"]) == {"lexicon"}
    assert rows["probability"].isna().all()


def test_lang_auto_with_a_dutch_model_reads_each_text_in_its_own_language(dutch_model):
    with pytest.warns(UserWarning, match="cannot code texts in 'en'"):
        rows = trustlex.score_texts([NL[1], EN[1]], lang="auto", model=dutch_model)
    assert dict(zip(rows["doc_id"], rows["lang"], strict=True)) == {0: "nl", 1: "en"}
    assert rows.loc[rows["doc_id"] == 1, "valence"].tolist() == ["-"]


def test_score_folder_with_a_dutch_model_and_lang_en_notes_it_once(dutch_model, tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    for name in ("a.txt", "b.txt"):
        (data / name).write_text(" ".join(EN), encoding="utf-8")
    report = score_folder(data, None, "sentence", "en", model=dutch_model, progress=False)
    assert set(report.frame["lang"]) == {"en"}
    assert len(report.frame) == 4
    notes = [n for n in report.notes if "cannot code texts in 'en'" in n]
    assert len(notes) == 1


def test_evaluate_with_a_dutch_model_lets_it_add_nothing_to_english_units(dutch_model):
    gold = [{"text": "I trust my manager.", "lang": "en", "labels": {"trust": "+"}}]
    with pytest.warns(UserWarning, match=r"evaluate\(model=...\): the model was trained on 'nl'"):
        report = trustlex.evaluate(gold, model=dutch_model)
    assert report.summary["micro_f1"].tolist()[0] == 1.0
