"""The small linear models of :class:`~trustlex.models.TrustClassifier`, stored as plain numbers.

Each concept has a detector (does a text carry it: a binary logistic
regression, or a constant where training held one class) and a valence model
(which of ``+``, ``-``, ``0``: a logistic regression, or the one valence
seen). Both are dicts of numbers and names, so a model file holds them as
JSON (:mod:`trustlex.models.modelfile`) and nothing is pickled.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def fit_binary(features: Any, y: np.ndarray, C: float) -> dict:
    """Return a detector fitted to ``y`` (True where the text carries the concept).

    With one class only it is a constant: 0.0 for a concept in no text (it
    is never predicted). A concept in every text is refused before this, by
    :func:`trustlex.models.labels.check_classes`.
    """
    if y.all() or not y.any():  # one class only: a constant
        return {"coef": None, "intercept": 0.0, "constant": float(y.mean()) if len(y) else 0.0}
    from sklearn.linear_model import LogisticRegression  # fitting only: predicting is plain numpy

    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")
    lr.fit(features, y)
    return {"coef": lr.coef_[0], "intercept": float(lr.intercept_[0]), "constant": None}


def binary_proba(model: dict, features: Any) -> np.ndarray:
    """Return the detector's probability that each row of ``features`` carries the concept."""
    if model["coef"] is None:
        return np.full(features.shape[0], model["constant"])
    z = features @ model["coef"] + model["intercept"]
    return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))


def fit_valence(features: Any, y: np.ndarray, C: float) -> dict:
    """Return a valence model fitted to ``y`` (the valences of the texts that carry the concept)."""
    classes = sorted(set(y))
    if len(classes) <= 1:
        return {"classes": classes or ["0"], "coef": None, "intercept": None}
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    lr.fit(features, y)
    coef = lr.coef_ if len(classes) > 2 else np.vstack([-lr.coef_[0], lr.coef_[0]])
    intercept = lr.intercept_ if len(classes) > 2 else np.array([-lr.intercept_[0], lr.intercept_[0]])
    return {"classes": list(lr.classes_), "coef": coef, "intercept": intercept}


def predict_valence(model: dict, features: Any) -> np.ndarray:
    """Return the valence model's valence of each row of ``features``."""
    if model["coef"] is None:
        return np.full(features.shape[0], model["classes"][0], dtype=object)
    scores = features @ np.asarray(model["coef"]).T + model["intercept"]
    return np.array(model["classes"], dtype=object)[np.asarray(scores).argmax(axis=1)]
