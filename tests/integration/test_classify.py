"""Classifiers: the scikit-learn contract, learning, explaining, suggesting, JSON persistence, CLI."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from typer.testing import CliRunner

import trustlex
from trustlex.batch import score_folder
from trustlex.cli import app
from trustlex.errors import ModelError
from trustlex.models import TrustClassifier, TrustVectorizer, combine, labels_frame, lexicon_labels

# Small hand-coded sets, written for these tests (not from the shared data).
CODED = [
    ("Management keeps us in the dark about everything.", {"communication": "-"}),
    ("We never hear anything from leadership until it is too late.", {"communication": "-"}),
    ("Nobody tells us what is going on with the reorganisation.", {"communication": "-"}),
    ("Leadership shares updates every week and answers questions.", {"communication": "+"}),
    ("The CEO explains the plans openly in town halls.", {"communication": "+"}),
    ("Our manager is always open about decisions.", {"communication": "+"}),
    ("I trust my team lead completely.", {"trust": "+"}),
    ("There is no trust between staff and the board.", {"trust": "-"}),
    ("People do not trust HR with complaints.", {"trust": "-"}),
    ("The canteen food is fine.", {}),
    ("Parking is free and close to the office.", {}),
    ("The office has nice plants.", {}),
    ("Er is geen vertrouwen in de directie.", {"trust": "-"}),
    ("We horen nooit iets van het management.", {"communication": "-"}),
    ("De koffie is lekker.", {}),
    ("Ik vertrouw mijn leidinggevende.", {"trust": "+"}),
] * 2
TEXTS = [t for t, _ in CODED]
LABELS = [lab for _, lab in CODED]


@pytest.fixture(scope="module")
def model():
    return TrustClassifier().fit(TEXTS, LABELS)


def test_vectorizer_follows_the_estimator_contract():
    vec = TrustVectorizer(lang="en")
    assert clone(vec).get_params() == vec.get_params()
    x = vec.fit_transform(["Nobody trusts management.", "Great communication."])
    names = vec.get_feature_names_out()
    assert x.shape == (2, len(names))
    row = dict(zip(names, x[0], strict=True))
    assert row["trust_neg"] == 1
    assert row["trust_present"] == 1
    assert row["trust_negated"] == 1
    assert row["trust_rate"] == pytest.approx(1000 / 3)
    frame = TrustVectorizer(lang="en").set_output(transform="pandas").fit_transform(["We trust them."])
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc[0, "trust_pos"] == 1
    with pytest.raises(TypeError, match="single str"):
        vec.transform("Nobody trusts management.")
    with pytest.raises(ValueError, match="not fitted"):
        TrustVectorizer().transform(["x"])


def test_vectorizer_in_pipeline_featureunion_and_gridsearch():
    y = np.array([1 if "-" in lab.values() else 0 for lab in LABELS])
    union = FeatureUnion(
        [("lex", TrustVectorizer()), ("len", FunctionTransformer(lambda t: np.c_[[len(s) for s in t]]))]
    )
    pipe = Pipeline([("features", union), ("clf", LogisticRegression(max_iter=500))])
    search = GridSearchCV(pipe, {"clf__C": [0.1, 1.0]}, cv=2).fit(TEXTS, y)
    assert search.best_score_ > 0.6
    assert clone(pipe).get_params()["features__lex__lang"] == "auto"


def test_classifier_learns_predicts_and_explains(model):
    pred = model.predict(["Management keeps everyone in the dark.", "The food is fine."])
    assert list(pred.columns) == list(trustlex.CONCEPTS)
    assert pred.loc[0, "communication"] == "-"
    assert (pred.loc[1] == "").all()
    proba = model.predict_proba(["Management keeps everyone in the dark."])
    assert proba.loc[0, "communication"] > 0.5 > proba.loc[0, "risk"]
    explained = model.explain("Management keeps everyone in the dark.")
    assert "communication" in explained["concept"].tolist()
    assert explained["top_features"].str.contains("lex:communication|dark").any()
    row = explained.set_index("concept").loc["communication"]
    assert "in the dark -" in row["lexicon"]  # the lexicon's own evidence next to the model's
    assert clone(model).get_params() == model.get_params()
    assert 0.0 <= model.score(TEXTS, LABELS) <= 1.0


def test_labels_in_both_gold_shapes_and_bad_labels():
    frame = pd.DataFrame({"trust": ["-", None], "risk": ["", "0"]})
    assert labels_frame(frame).loc[0, "trust"] == "-"
    assert labels_frame([{"trust": "-"}, {}]).equals(labels_frame(pd.DataFrame({"trust": ["-", ""]})))
    with pytest.raises(ValueError, match="row 1: unknown concept 'trustt'"):
        labels_frame([{}, {"trustt": "+"}])
    with pytest.raises(ValueError, match="'neg'"):
        labels_frame([{"trust": "neg"}])


def test_suggest_puts_uncertain_texts_first(model):
    uncoded = [
        "The canteen food is fine.",
        "Communication could be clearer, maybe.",
        "I trust my team lead completely.",
    ]
    out = model.suggest(uncoded, n=3)
    assert len(out) == 3
    assert set(out["text"]) == set(uncoded)
    assert out["uncertainty"].is_monotonic_decreasing


def test_save_load_round_trip_and_refusals(model, tmp_path):
    path = model.save(tmp_path / "m")
    again = TrustClassifier.load(tmp_path / "m")
    texts = ["Nobody tells us anything.", "Ik vertrouw de directie niet."]
    # weights are stored to five significant digits
    pd.testing.assert_frame_equal(again.predict_proba(texts), model.predict_proba(texts), atol=1e-4)
    assert b"pickle" not in path.read_bytes()[:200]
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["body"] = doc["body"].replace('"C":4.0', '"C":5.0')  # tampered
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match="checksum mismatch"):
        TrustClassifier.load(tmp_path / "m")
    (tmp_path / "x.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a trustlex model"):
        TrustClassifier.load(tmp_path / "x.json")
    model.save(tmp_path / "v")
    body = _rewrite(tmp_path / "v" / "model.json", trustlex="0.0.1")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        TrustClassifier.load(tmp_path / "v")
    assert any(f"trustlex 0.0.1 -> {trustlex.__version__}" in str(w.message) for w in caught)
    assert body["lexicon_versions"]["en/trust"]  # shipped lexicons and context files by name
    assert "nl/context" in body["lexicon_versions"]


def _rewrite(path, **fields):
    """Change fields of a model body and recompute its checksum, as anyone can; return the body."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = {**json.loads(doc["body"]), **fields}
    doc["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")
    return body


def test_a_model_on_a_users_lexicon_records_its_name_and_version_and_needs_it_passed(tmp_path):
    lexicon = tmp_path / "mine.toml"
    header = '[lexicon]\nname = "mine"\nlanguage = "en"\nversion = "{}"\n\n'
    entry = '[[entry]]\nconcept = "communication"\nvalence = "-"\nterm = "in the dark"\n'
    lexicon.write_text(header.format("1.0") + entry, encoding="utf-8")
    model = TrustClassifier(lang="en", lexicons=[str(lexicon)]).fit(TEXTS[:12], LABELS[:12])
    path = model.save(tmp_path / "m")
    body = json.loads(json.loads(path.read_text(encoding="utf-8"))["body"])
    assert body["own_lexicons"] == [{"name": "mine", "version": "1.0"}]
    assert body["params"]["lexicons"] == []  # no path in the file
    assert str(tmp_path) not in path.read_text(encoding="utf-8")
    assert set(body["lexicon_versions"]) == {"en/context"}
    with pytest.raises(ModelError, match=r"own_lexicons: .*\(mine 1\.0\).*lexicons=\[\.\.\.\]"):
        TrustClassifier.load(tmp_path / "m")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # same versions: no warning
        again = TrustClassifier.load(tmp_path / "m", lexicons=[str(lexicon)])
    assert again.lexicons == [str(lexicon)]
    texts = ["We are kept in the dark."]
    pd.testing.assert_frame_equal(again.predict_proba(texts), model.predict_proba(texts), atol=1e-4)
    with pytest.raises(ModelError, match=r"made with own mine 1\.0, but lexicons= gives shipped en/trust"):
        TrustClassifier.load(tmp_path / "m", lexicons=["en/trust"])
    lexicon.write_text(header.format("2.0") + entry, encoding="utf-8")
    with pytest.raises(ModelError, match=r"made with own mine 1\.0, but lexicons= gives own mine 2\.0"):
        TrustClassifier.load(tmp_path / "m", lexicons=[str(lexicon)])
    lexicon.unlink()
    with pytest.raises(
        ModelError, match=re.escape(f"needs a lexicon that is not here: lexicon file '{lexicon}'")
    ):
        TrustClassifier.load(tmp_path / "m", lexicons=[str(lexicon)])


def test_combination_says_which_source_fired(model):
    texts = ["We are kept in the dark.", "Leadership shares weekly updates with all of us."]
    lexicon = lexicon_labels(texts, "en")
    combined, source = combine(lexicon, model.predict(texts), model.predict_proba(texts), add_above=0.5)
    assert source.loc[0, "communication"] in ("lexicon", "both")
    assert (combined.to_numpy() != "").sum() >= (lexicon.to_numpy() != "").sum()
    rows = trustlex.score_texts(texts, lang="en", model=model)
    assert set(rows["source"]) <= {"lexicon", "model", "both"}
    assert rows.loc[rows["concept"] == "communication", "doc_id"].tolist()[0] == 0


def test_weak_supervision_learns_beyond_the_lexicon_features():
    corpus = [t for t in TEXTS if t] * 2
    weak = trustlex.train_from_lexicon(corpus, lang="auto")
    assert not weak.use_lexicon
    assert weak.predict(["People do not trust HR with complaints."]).loc[0, "trust"] != ""


def test_cli_train_score_and_evaluate(tmp_path):
    runner = CliRunner()
    gold = tmp_path / "coded.jsonl"
    gold.write_text(
        "\n".join(json.dumps({"text": t, "labels": lab}) for t, lab in CODED) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["train", str(gold), "--out", str(tmp_path / "model")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "model" / "model.json").is_file()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Management keeps us in the dark. The food is fine.", encoding="utf-8")
    scored = runner.invoke(app, ["score", str(docs), "--model", str(tmp_path / "model")])
    assert scored.exit_code == 0, scored.output
    assert "communication" in scored.output
    assert "source" in scored.output
    evaluated = runner.invoke(app, ["evaluate", str(gold), "--model", str(tmp_path / "model")])
    assert evaluated.exit_code == 0, evaluated.output
    assert "micro_f1" in evaluated.output
    (docs / "b.txt").write_text("The parking is free.", encoding="utf-8")  # a text without the concept
    weak = runner.invoke(app, ["train", str(docs), "--from-lexicon", "--out", str(tmp_path / "weak")])
    assert weak.exit_code == 0, weak.output


def test_score_texts_with_a_model_scans_once_and_sees_what_training_saw(model):
    doc = (
        "Management keeps us in the dark. My manager has my back.\n\n"
        "Nobody takes responsibility for mistakes. The cafeteria food is fine."
    )
    rows = trustlex.score_texts([doc], lang="en", model=model)
    plain = trustlex.score_texts([doc], lang="en")
    lexicon_part = rows[rows["source"] != "model"].drop(columns=["source", "probability"])
    pd.testing.assert_frame_equal(lexicon_part.reset_index(drop=True), plain, check_dtype=False)
    # each sentence's probabilities in the fused scan are those of the sentence coded on its own
    sentences = rows.drop_duplicates("sent_id").set_index("sent_id")["sentence"]
    alone = model.predict_proba(sentences.tolist())
    for k, (sent_id, _text) in enumerate(sentences.items()):
        for row in rows[rows["sent_id"] == sent_id].itertuples():
            assert row.probability == pytest.approx(alone.iloc[k][row.concept], abs=1e-9)


def test_score_texts_with_a_model_on_a_text_beyond_one_block(model):
    doc = "Management keeps us in the dark. " * 4_000  # 132,000 characters: scored in blocks
    rows = trustlex.score_texts([doc], lang="en", model=model)
    communication = rows[rows["concept"] == "communication"]
    assert len(communication) == 4_000
    starts = communication["start_char"].to_numpy()
    assert all(doc[s : s + 10] == "Management" for s in starts[::397])


def test_the_shipped_default_model_matches_the_shipped_lexicons_and_scores_offline():
    import warnings

    from trustlex.models.classifier import default_model

    default_model.cache_clear()
    with warnings.catch_warnings():
        # a model whose lexicon versions differ from the installed lexicons warns: retrain it with
        # coded/train_model.py whenever a lexicon changes
        warnings.simplefilter("error")
        model = default_model()
    assert model.lang == "auto"
    assert model.use_lexicon
    texts = ["Management keeps us in the dark.", "Er is geen vertrouwen in de directie."]
    rows = trustlex.score_texts(texts, lang="auto", model="default")
    assert {"communication", "trust"} <= set(rows["concept"])
    assert set(rows["source"]) <= {"lexicon", "model", "both"}


def test_cli_scores_with_the_default_model(tmp_path):
    (tmp_path / "a.txt").write_text("Management keeps us in the dark.", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path / "a.txt"), "--model", "default"])
    assert result.exit_code == 0, result.output
    assert "communication" in result.output


@pytest.mark.parametrize("level", ["match", "doc"])
def test_cli_model_refuses_a_level_it_cannot_score(tmp_path, level):
    # --model used to write sentence rows for --level match or doc, exit 0; the API refuses it
    text = tmp_path / "a.csv"
    text.write_text("id,text\n1,I trust my manager. HR keeps us in the dark.\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    runner = CliRunner()
    refused = runner.invoke(
        app, ["score", str(text), "--model", "default", "--level", level, "--out", str(out)]
    )
    assert refused.exit_code == 2, refused.output
    assert "--model" in refused.output
    assert f"--level {level}" in refused.output
    assert not out.exists()
    with pytest.raises(trustlex.TrustlexError, match="level must be 'sentence'"):
        score_folder(text, level=level, model="default", progress=False)
    with pytest.raises(trustlex.TrustlexError, match="works at level='sentence'"):
        trustlex.score_texts(["I trust my manager."], lang="en", level=level, model="default")
    # sentence, named or implied, is the model's level
    for extra in (["--level", "sentence"], []):
        done = runner.invoke(
            app, ["score", str(text), "--model", "default", *extra, "--out", str(out), "--force"]
        )
        assert done.exit_code == 0, done.output
        assert {"sent_id", "source", "probability"} <= set(pd.read_csv(out).columns)


def test_cli_score_with_a_model_goes_through_the_folder_path(tmp_path):
    # --model used to score in memory: --workers ignored, --out overwritten; now it is score_folder's path
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(["Management keeps us in the dark.", "Niemand neemt verantwoordelijkheid."]):
        (docs / f"d{i}.txt").write_text(text, encoding="utf-8")
    (docs / "broken.docx").write_bytes(b"not a zip archive")
    runner = CliRunner()
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    first = runner.invoke(app, ["score", str(docs), "--model", "default", "--out", str(one), "--quiet"])
    assert first.exit_code == 1, first.output  # the broken file is reported, the others scored
    both = runner.invoke(
        app, ["score", str(docs), "--model", "default", "--out", str(two), "--workers", "2", "--quiet"]
    )
    assert both.exit_code == 1, both.output
    assert one.read_bytes() == two.read_bytes()
    frame = pd.read_csv(one)
    assert {"path", "source", "probability"} <= set(frame.columns)
    assert {"communication", "responsibility"} <= set(frame["concept"])
    before = one.stat().st_mtime_ns
    again = runner.invoke(app, ["score", str(docs), "--model", "default", "--out", str(one), "--quiet"])
    assert one.stat().st_mtime_ns == before  # a finished output is never overwritten silently
    assert again.exit_code == 2
    assert "--force" in again.output
    forced = runner.invoke(
        app, ["score", str(docs), "--model", "default", "--out", str(one), "--quiet", "--force"]
    )
    assert forced.exit_code == 1, forced.output
    assert one.read_bytes() == two.read_bytes()


def test_a_row_the_model_adds_says_in_terms_which_features_made_it():
    from trustlex.models.classifier import default_model

    # a copy: default_model() is cached per process, and a changed threshold would leak into later tests
    shipped = copy.deepcopy(default_model())
    shipped.set_params(add_above=0.5)  # written for this test: sentences the lexicon finds nothing in
    texts = ["Support varies a lot by manager.", "Managers lose their top performers all the time."]
    rows = trustlex.score_texts(texts, lang="en", model=shipped)
    added = rows[rows["source"] == "model"]
    assert len(added) >= 1
    for row in added.itertuples():
        parts = row.terms.split("; ")
        assert 1 <= len(parts) <= 3
        weights = [float(p.rsplit("(", 1)[1].rstrip(")")) for p in parts]
        assert all(w > 0 for w in weights)
        assert weights == sorted(weights, reverse=True)
        assert parts[0].split(" (")[0] in row.sentence.lower()  # the heaviest is a word of the sentence
        # the same reasons as explain() gives for the sentence coded on its own
        explained = shipped.explain(row.sentence, top=3).set_index("concept")
        assert explained.loc[row.concept, "top_features"] == row.terms
    assert (rows.loc[rows["source"] != "model", "terms"] != "").all()  # the lexicon's rows keep their terms
