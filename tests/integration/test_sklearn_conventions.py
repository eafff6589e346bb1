"""TrustVectorizer and TrustClassifier behave as scikit-learn's text estimators do.

scikit-learn's ``check_estimator`` runs its data checks only on estimators
that take a numeric 2-D array: for one that declares text input
(``input_tags.string``, no ``two_d_array``), as ``CountVectorizer`` does, it
runs none of them and warns "Can't test estimator ... which requires input
of type ...". So this file has three parts:

1. ``check_estimator`` itself, with the declared tags: it passes, and does
   what it does for ``CountVectorizer`` (the same checks, the same result).
2. Every check of scikit-learn's that does not build numeric data, or whose
   numeric data a text estimator must refuse (sparse input), run on both
   estimators as scikit-learn wrote it.
3. The data checks ported to text, one test per check, named after it;
   these are the documented exceptions (see docs/classifiers.md, "scikit-learn
   conventions"):

   - check_estimators_dtypes, check_dtype_object, check_complex_data,
     check_fit1d, check_fit2d_1sample, check_fit2d_1feature,
     check_fit2d_predict1d, check_readonly_memmap_input,
     check_f_contiguous_array_estimator, check_positive_only_tag_during_fit,
     check_estimators_nan_inf: all feed numeric arrays, which text
     estimators refuse by design; replaced by the refusal tests below (a
     numeric 2-D array, numbers, None and NaN among the texts).
   - check_n_features_in, check_n_features_in_after_fitting: not set, as by
     scikit-learn's text vectorizers (text has no feature columns to count).
   - check_estimators_empty_data_messages: the classifier refuses no texts;
     the vectorizer learns nothing from its texts (like HashingVectorizer),
     so fitting it on none is allowed and transforming none gives 0 rows.
   - TrustClassifier's classifier checks (check_classifiers_train,
     check_classifiers_classes, check_classifiers_one_label,
     check_classifiers_regression_target, check_supervised_y_2d, ...): they
     fit single-output numeric labels; the model learns gold-format labels
     (twelve concepts, each ``""``/``+``/``-``/``0``), so its ``classes_`` is
     compared with what ``MultiOutputClassifier`` gives for the same labels.
"""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import NotFittedError, SkipTestWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multioutput import MultiOutputClassifier
from sklearn.utils import estimator_checks as checks
from sklearn.utils import get_tags
from sklearn.utils.validation import check_is_fitted

import trustlex
from trustlex.models import TrustClassifier, TrustVectorizer, labels_frame

# Hand-written for these tests (English only, so that one spaCy pipeline is loaded).
CODED = [
    ("Management keeps us in the dark about everything.", {"communication": "-"}),
    ("Nobody tells us what is going on with the reorganisation.", {"communication": "-"}),
    ("Leadership shares updates every week and answers questions.", {"communication": "+"}),
    ("The CEO explains the plans openly in town halls.", {"communication": "+"}),
    ("I trust my team lead completely.", {"trust": "+"}),
    ("There is no trust between staff and the board.", {"trust": "-"}),
    ("People do not trust HR with complaints.", {"trust": "-", "communication": "0"}),
    ("The canteen food is fine.", {}),
    ("Parking is free and close to the office.", {}),
    ("The office has nice plants.", {}),
]
TEXTS = [t for t, _ in CODED]
LABELS = [lab for _, lab in CODED]


def vectorizer() -> TrustVectorizer:
    return TrustVectorizer(lang="en")


def classifier() -> TrustClassifier:
    return TrustClassifier(lang="en")


ESTIMATORS = [vectorizer, classifier]


@pytest.fixture(scope="module")
def fitted_classifier():
    return classifier().fit(TEXTS, LABELS)


def _outputs(est, texts):
    """What a fitted estimator gives for ``texts``: features, or predictions and probabilities."""
    if isinstance(est, TrustVectorizer):
        return [est.transform(texts)]
    pred, proba = est.predict_with_proba(texts)
    return [pred.to_numpy(), proba.to_numpy()]


def _assert_same(a, b):
    for x, y in zip(a, b, strict=True):
        if x.dtype == object:
            assert (x == y).all()
        else:
            np.testing.assert_allclose(x, y)


def _fit(make):
    est = make()
    return est.fit(TEXTS, LABELS) if isinstance(est, TrustClassifier) else est.fit(TEXTS)


# -- 1. check_estimator with the declared tags --------------------------------------------------


@pytest.mark.parametrize("make", ESTIMATORS)
def test_tags_declare_text_input_as_countvectorizer_does(make):
    tags = get_tags(make())
    assert tags.input_tags == get_tags(CountVectorizer()).input_tags
    assert tags.input_tags.string
    assert not tags.input_tags.two_d_array
    assert make()._more_tags()["X_types"] == ["string"]  # read by scikit-learn before 1.6


def test_classifier_tags_declare_multi_output_multi_label_targets():
    tags = get_tags(classifier())
    assert tags.target_tags.multi_output
    assert not tags.target_tags.single_output
    assert tags.classifier_tags.multi_label
    assert tags.estimator_type == "classifier"


@pytest.mark.parametrize("make", ESTIMATORS)
def test_check_estimator_passes_with_the_declared_tags_as_for_countvectorizer(make):
    def run(est):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results = checks.check_estimator(est, on_fail=None)
        skipped = [str(w.message) for w in caught if issubclass(w.category, SkipTestWarning)]
        return [(r["check_name"], r["status"]) for r in results], skipped

    ours, ours_skipped = run(make())
    theirs, theirs_skipped = run(CountVectorizer())
    assert ours == theirs
    assert all(status == "passed" for _, status in ours)
    assert any("Can't test estimator" in s for s in ours_skipped)
    assert len(ours_skipped) == len(theirs_skipped)
    with pytest.warns(SkipTestWarning, match="Can't test estimator"):
        checks.check_estimator(make())  # on_fail="raise": raises on any failed check


# -- 2. scikit-learn's own checks that apply to text estimators -----------------------------------

SHARED_CHECKS = [
    checks.check_estimator_cloneable,
    checks.check_estimator_repr,
    checks.check_estimator_tags_renamed,
    checks.check_valid_tag_types,
    checks.check_no_attributes_set_in_init,
    checks.check_do_not_raise_errors_in_init_or_set_params,
    checks.check_mixin_order,
    checks.check_parameters_default_constructible,
    checks.check_get_params_invariance,
    checks.check_set_params,
    # these feed a sparse numeric matrix and want it refused with a message naming sparse input
    checks.check_estimator_sparse_tag,
    checks.check_estimator_sparse_matrix,
    checks.check_estimator_sparse_array,
]


@pytest.mark.parametrize("check", SHARED_CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("make", ESTIMATORS)
def test_scikit_learn_checks_that_apply_to_text_pass(make, check):
    est = make()
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkipTestWarning)  # a check that skips itself would pass vacuously
        check(type(est).__name__, est)


def test_the_vectorizer_passes_get_feature_names_out_error():
    checks.check_get_feature_names_out_error("TrustVectorizer", vectorizer())


def test_the_classifier_passes_estimators_unfitted():
    checks.check_estimators_unfitted("TrustClassifier", classifier())


# -- 3. the data checks, ported to text ------------------------------------------------------------


@pytest.mark.parametrize("make", ESTIMATORS)
def test_fit_returns_self_and_check_is_fitted_follows_fit(make):  # check_estimators_fit_returns_self,
    est = make()  # check_fit_check_is_fitted
    with pytest.raises(NotFittedError):
        check_is_fitted(est)
    fitted = _fit(lambda: est)
    assert fitted is est
    check_is_fitted(est)


def test_every_method_that_needs_fitting_raises_not_fitted_error():
    vec, clf = vectorizer(), classifier()
    calls = [
        lambda: vec.transform(TEXTS),
        vec.get_feature_names_out,
        lambda: clf.predict(TEXTS),
        lambda: clf.predict_proba(TEXTS),
        lambda: clf.predict_with_proba(TEXTS),
        lambda: clf.predict_scanned(clf.scan(TEXTS)),
        lambda: clf.features_of(clf.scan(TEXTS)),
        lambda: clf.predict_features(None),
        lambda: clf.reasons(None, [(0, "trust")]),
        lambda: clf.score(TEXTS, LABELS),
        lambda: clf.explain(TEXTS[0]),
        lambda: clf.suggest(TEXTS),
        clf.feature_names,
        lambda: clf.save("never-written"),
    ]
    for call in calls:
        with pytest.raises(NotFittedError, match="is not fitted yet"):
            call()


@pytest.mark.parametrize("make", ESTIMATORS)
def test_fitting_twice_gives_the_same_outputs_and_params(make):  # check_fit_idempotent,
    est = _fit(make)  # check_estimators_overwrite_params
    params = est.get_params()
    first = _outputs(est, TEXTS[:4])
    _assert_same(first, _outputs(_fit(lambda: est), TEXTS[:4]))
    assert est.get_params() == params


@pytest.mark.parametrize("make", ESTIMATORS)
def test_outputs_follow_order_and_subsets_of_the_texts(make):  # check_methods_sample_order_invariance,
    est = _fit(make)  # check_methods_subset_invariance
    whole = _outputs(est, TEXTS)
    order = np.random.default_rng(0).permutation(len(TEXTS))
    _assert_same([x[order] for x in whole], _outputs(est, [TEXTS[i] for i in order]))
    _assert_same([x[2:5] for x in whole], _outputs(est, TEXTS[2:5]))


@pytest.mark.parametrize("make", ESTIMATORS)
def test_predicting_changes_nothing_and_pickling_keeps_the_outputs(make):  # check_dict_unchanged,
    est = _fit(make)  # check_estimators_pickle
    before = pickle.dumps(est.__dict__)
    outputs = _outputs(est, TEXTS)
    assert pickle.dumps(est.__dict__) == before
    _assert_same(outputs, _outputs(pickle.loads(pickle.dumps(est)), TEXTS))


@pytest.mark.parametrize("make", ESTIMATORS)
def test_any_iterable_of_texts_gives_the_same_outputs(make):  # check_transformer_data_not_an_array,
    est = _fit(make)  # check_classifier_data_not_an_array
    expected = _outputs(est, TEXTS)
    for texts in (
        tuple(TEXTS),
        np.array(TEXTS),
        np.array(TEXTS, dtype=object),
        pd.Series(TEXTS, index=range(100, 100 + len(TEXTS))),
        pd.Series(TEXTS, dtype="string"),
        pd.DataFrame({"text": TEXTS}),
    ):
        _assert_same(expected, _outputs(est, texts))


def test_vectorizer_fit_transform_reads_a_generator_once_and_equals_fit_then_transform():
    # check_transformer_general
    expected = vectorizer().fit(TEXTS).transform(TEXTS)
    np.testing.assert_array_equal(vectorizer().fit_transform(t for t in TEXTS), expected)
    frame = vectorizer().set_output(transform="pandas").fit_transform(pd.Series(TEXTS))
    assert list(frame.columns) == list(vectorizer().fit(TEXTS).get_feature_names_out())


@pytest.mark.parametrize("make", ESTIMATORS)
def test_n_features_in_is_not_set_as_by_countvectorizer(make):
    # check_n_features_in: scikit-learn's text vectorizers leave it unset
    assert not hasattr(CountVectorizer().fit(TEXTS), "n_features_in_")
    assert not hasattr(_fit(make), "n_features_in_")


NUMERIC_2D = [np.ones((2, 3)), np.array([[0.5], [1.5]]), pd.DataFrame({"a": [1.0], "b": [2.0]})]


@pytest.mark.parametrize("make", ESTIMATORS)
@pytest.mark.parametrize("data", NUMERIC_2D, ids=["2x3", "2x1", "frame"])
def test_a_numeric_2d_input_is_refused_naming_its_shape(make, data):
    # the issue: TrustVectorizer().fit_transform(np.ones((2, 3))) returned a 2 x 72 array
    est = _fit(make)
    method = est.transform if isinstance(est, TrustVectorizer) else est.predict
    shape = r"expected .*texts.*, got (a 2-D array of shape \(2, \d\)|2 columns)"
    with pytest.raises(ValueError, match=shape):
        method(data)
    with pytest.raises(ValueError, match=shape):
        make().fit(data, LABELS[: len(data)])


@pytest.mark.parametrize("make", ESTIMATORS)
def test_what_is_not_a_text_is_refused_naming_the_item(make):  # check_estimators_nan_inf,
    est = _fit(make)  # check_dtype_object, check_fit2d_predict1d
    method = est.transform if isinstance(est, TrustVectorizer) else est.predict
    name = f"{type(est).__name__}.{method.__name__}"
    cases = [
        ("Nobody trusts management.", TypeError, f"{name}: expected an iterable of texts, got a single str"),
        (["fine", None], TypeError, rf"{name}: X item 1 is None \(a missing text\).*fillna"),
        (pd.Series(["fine", "ok", np.nan]), TypeError, "X item 2 is NaN"),
        (pd.Series(["fine", None], dtype="string"), TypeError, "X item 1 is pd.NA"),
        (np.array([1.5, 2.5]), TypeError, "X item 0 is a float64, not a str; X looks like numeric features"),
        ([b"bytes"], TypeError, r"X item 0 is bytes.*decode"),
        ([[0.1, 0.2], [0.3, 0.4]], TypeError, "X item 0 is a list, not a str; X looks like numeric features"),
        (sparse.csr_matrix(np.ones((2, 2))), TypeError, r"got a sparse matrix of shape \(2, 2\)"),
        (7, TypeError, "expected an iterable of texts"),
    ]
    for data, error, message in cases:
        with pytest.raises(error, match=message):
            method(data)


def test_classifier_fit_refuses_no_texts_and_no_labels():  # check_estimators_empty_data_messages,
    with pytest.raises(ValueError, match="X holds no texts"):  # check_requires_y_none
        classifier().fit([], [])
    with pytest.raises(ValueError, match="requires y to be passed, but the target y is None"):
        classifier().fit(TEXTS, None)


def test_vectorizer_needs_no_texts_to_fit_and_gives_no_rows_for_none():
    # HashingVectorizer's behaviour: nothing is learnt from the texts
    assert vectorizer().fit([]).transform([]).shape == (0, 72)


# -- classes_ ------------------------------------------------------------------------------------


def test_classes_follow_multioutputclassifier_and_concepts_name_the_columns(fitted_classifier):
    gold = labels_frame(LABELS)
    reference = MultiOutputClassifier(DummyClassifier()).fit(np.zeros((len(TEXTS), 1)), gold.to_numpy())
    ours = fitted_classifier.classes_
    assert isinstance(ours, list)
    assert len(ours) == len(reference.classes_) == len(trustlex.CONCEPTS)
    for got, want in zip(ours, reference.classes_, strict=True):
        assert got.dtype == object
        assert got.tolist() == want.tolist()
    assert fitted_classifier.concepts_ == list(trustlex.CONCEPTS)
    comm = fitted_classifier.concepts_.index("communication")
    assert ours[comm].tolist() == ["", "+", "-", "0"]
    assert ours[fitted_classifier.concepts_.index("risk")].tolist() == [""]
    pred = fitted_classifier.predict(TEXTS)
    assert list(pred.columns) == fitted_classifier.concepts_
    for k, c in enumerate(fitted_classifier.concepts_):
        assert set(pred[c]) <= set(ours[k])  # every prediction is one of the classes seen


def test_classes_survive_saving_and_loading(fitted_classifier, tmp_path):
    fitted_classifier.save(tmp_path)
    loaded = TrustClassifier.load(tmp_path)
    assert [c.tolist() for c in loaded.classes_] == [c.tolist() for c in fitted_classifier.classes_]
    assert loaded.concepts_ == fitted_classifier.concepts_


def test_a_concept_coded_in_every_text_is_one_class_and_refused_as_logistic_regression_refuses_it():
    # its detector would have no text without it: it would find it everywhere, with probability 1
    texts = ["I trust them.", "We trust the board.", "Trust is high here."]
    with pytest.raises(ValueError, match=r"trust is coded in all 3 texts \(one class only\)"):
        classifier().fit(texts, [{"trust": "+"}, {"trust": "+"}, {"trust": "-"}])
    with pytest.raises(ValueError, match="only one class"):  # scikit-learn's own, for comparison
        LogisticRegression().fit(np.eye(3), [1, 1, 1])
