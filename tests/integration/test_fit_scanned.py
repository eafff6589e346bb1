"""Training on scans made beforehand: the same model as ``fit``, and scans by other lexicons joined."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from trustlex.concepts import CONCEPTS
from trustlex.models import Scanned, TrustClassifier

# Sentences written for these tests (not from the shared data).
CODED = [
    ("I trust my manager completely.", {"trust": "+"}),
    ("We do not trust the new director.", {"trust": "-"}),
    ("Nobody here trusts management anymore.", {"trust": "-"}),
    ("The team trusts each other.", {"trust": "+"}),
    ("Communication from leadership is open and frequent.", {"communication": "+"}),
    ("There is no communication about the plans.", {"communication": "-"}),
    ("The canteen serves soup on Fridays.", {}),
    ("Parking is easy near the office.", {}),
    ("The building has four floors.", {}),
    ("Our desks face the window.", {}),
] * 3
TEXTS = [t for t, _ in CODED]
LABELS = [labels for _, labels in CODED]
# the shipped English lexicons without the trust file: a lexicon that is silent on trust
WITHOUT_TRUST = [f"en/{c}" for c in CONCEPTS if c != "trust"]


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # few texts: one-valence notes
        yield


def test_fit_scanned_on_the_models_own_scan_is_fit():
    fitted = TrustClassifier(lang="en").fit(TEXTS, LABELS)
    model = TrustClassifier(lang="en")
    scanned = model.scan(TEXTS)
    model.fit_scanned(scanned, LABELS)
    new = ["They trust us.", "The plans were never communicated.", "A quiet street."]
    assert model.word_.vocabulary == fitted.word_.vocabulary
    np.testing.assert_allclose(model.predict_proba(new).to_numpy(), fitted.predict_proba(new).to_numpy())


def test_extend_joins_scans_in_order_with_their_word_names():
    full = TrustClassifier(lang="en").scan(TEXTS[:4])
    silent = TrustClassifier(lang="en", lexicons=WITHOUT_TRUST).scan(TEXTS[:4])
    assert all(any(c == "trust" for c, _ in unit) for unit in full.units)
    assert not any(c == "trust" for unit in silent.units for c, _ in unit)
    joined = Scanned().extend(full).extend(silent)
    assert len(joined) == 8
    assert joined.units[:4] == full.units
    assert joined.units[4:] == silent.units
    assert joined.words[4:] == silent.words
    assert set(joined.names) == set(full.names) | set(silent.names)


def test_a_model_of_scans_where_the_lexicon_was_silent_leans_less_on_it():
    # The same coded texts, their lexicon features once by the full lexicon (which finds every
    # trust: the model follows it) and, for half the rows, by a lexicon that misses trust: the
    # model must learn the words too and trusts the lexicon's trust feature less.
    in_sample = TrustClassifier(lang="en").fit(TEXTS, LABELS)
    half = len(TEXTS) // 2
    joined = (
        TrustClassifier(lang="en")
        .scan(TEXTS[:half])
        .extend(TrustClassifier(lang="en", lexicons=WITHOUT_TRUST).scan(TEXTS[half:]))
    )
    honest = TrustClassifier(lang="en").fit_scanned(joined, LABELS)

    def weight(model: TrustClassifier, feature: str) -> float:
        return float(model.detectors_["trust"]["coef"][list(model.feature_names()).index(feature)])

    assert weight(honest, "lex:trust_present") < weight(in_sample, "lex:trust_present")
    assert weight(honest, "word:trust") > weight(in_sample, "word:trust")
    # predicting, it reads the text with its own (full) lexicons
    assert honest.predict(["I trust my colleagues."])["trust"].tolist() == ["+"]


def test_fit_scanned_refuses_no_units_and_labels_of_another_length():
    with pytest.raises(ValueError, match="no units"):
        TrustClassifier(lang="en").fit_scanned(Scanned(), [])
    scanned = TrustClassifier(lang="en").scan(TEXTS[:4])
    with pytest.raises(ValueError, match="3 label rows for 4 texts"):
        TrustClassifier(lang="en").fit_scanned(scanned, LABELS[:3])
