"""A saved model read for scoring: what ``score_texts(model=...)`` reads of a model, without scikit-learn.

Scoring with a model (``score_texts``, ``score_folder``, ``trustlex score
--model``) needs the model's parameters, its TF-IDF vocabulary and its
weights: numbers, multiplied with numpy. :class:`SavedModel` holds them as
:class:`~trustlex.models.TrustClassifier` holds them after ``load``, with
the methods scoring calls, so that a scoring run does not import
scikit-learn (and with it ``scipy.stats``), one to three seconds of a
process's first model call. Fitting, ``predict`` and ``explain`` stay
with ``TrustClassifier``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

import numpy as np

from trustlex.collector import paused
from trustlex.concepts import CONCEPTS
from trustlex.errors import ModelError
from trustlex.models.features import LEXICON_FEATURES, WordFeatures
from trustlex.models.modelfile import read_model, save_model

T = TypeVar("T")

DEFAULT_MODEL = "default"
FITTED = ("word_", "detectors_")  # set by fit and load; check_is_fitted looks for them (also elsewhere)


def feature_names(word: WordFeatures, use_lexicon: bool) -> np.ndarray:
    """Return the names of all feature columns of a model (word: and lex: prefixes)."""
    words = sorted(word.vocabulary, key=word.vocabulary.__getitem__)
    names = [f"word:{w}" for w in words]
    if use_lexicon:
        names += [f"lex:{w}" for w in LEXICON_FEATURES]
    return np.array(names, dtype=object)


def reasons(model: Any, features: Any, pairs: Iterable[tuple[int, str]], top: int = 3) -> list[str]:
    """Return, per (row, concept) pair, the features that pushed the concept's detector up most, as text.

    See :meth:`trustlex.models.TrustClassifier.reasons`; ``model`` is a
    fitted TrustClassifier or a :class:`SavedModel`.
    """
    names: np.ndarray | None = None
    out = []
    for row, concept in pairs:
        coef = model.detectors_[concept]["coef"]
        if coef is None:
            out.append("")
            continue
        if names is None:  # built once per call: the vocabulary is sorted by column
            names = np.array([n.removeprefix("word:") for n in model.feature_names()], dtype=object)
        lo, hi = features.indptr[row], features.indptr[row + 1]  # the row's cells, without a copy
        indices = features.indices[lo:hi]
        weight = features.data[lo:hi] * np.asarray(coef)[indices]
        order = [k for k in np.argsort(-weight)[:top] if weight[k] > 0]
        out.append("; ".join(f"{names[indices[k]]} ({weight[k]:+.2f})" for k in order))
    return out


def read_as(
    build: Callable[[dict], T],
    folder: str | Path,
    key: str | bytes | Literal[False] | None,
    lexicons: list[str] | None,
) -> T:
    """Read and check a model file (:func:`~trustlex.models.modelfile.read_model`); ``build`` its body.

    The one reading path of ``TrustClassifier.load`` and ``SavedModel.load``:
    the same checks, errors and warnings, and a body that still fails to
    build is a :class:`ModelError` naming the file.
    """
    path, body = read_model(folder, key=key, lexicons=lexicons)
    try:
        return build(body)
    except ValueError as exc:  # checked above; a safety net, so that a bad file never escapes unnamed
        msg = f"{path}: malformed model body ({exc})"
        raise ModelError(msg) from exc


def set_fitted(model: Any, body: dict) -> None:
    """Set the fitted parts of a checked body on ``model``: word_, concepts_, detectors_, valence_."""
    model.word_ = WordFeatures(*body["word"])
    model.concepts_ = list(CONCEPTS)
    model.detectors_ = body["detectors"]
    model.valence_ = body["valence"]


class SavedModel:
    """A model file's checked body, with the attributes and methods scoring reads of a TrustClassifier.

    Its parameters (``lang``, ``use_lexicon``, ``threshold``, ``add_above``,
    ``lexicons``, ...) and fitted parts (``word_``, ``concepts_``,
    ``detectors_``, ``valence_``) are those ``TrustClassifier.load`` gives
    the same file; :meth:`save` writes the same file (so a ``score_folder``
    run has the same fingerprint with either); :meth:`estimator` returns
    that TrustClassifier (importing scikit-learn).
    """

    # set from the body by __init__ (setattr, set_fitted): declared for type checkers
    lang: str
    use_lexicon: bool
    C: float
    word_ngrams: tuple[int, int]
    lexicon_weight: float
    threshold: float
    lexicons: list[str] | None
    add_above: float
    word_: WordFeatures
    concepts_: list[str]
    detectors_: dict[str, Any]
    valence_: dict[str, Any]

    def __init__(self, body: dict) -> None:
        self._body = body
        self._params = dict(body["params"])
        for name, value in self._params.items():
            setattr(self, name, value)
        set_fitted(self, body)

    @classmethod
    def load(
        cls,
        folder: str | Path,
        *,
        key: str | bytes | Literal[False] | None = None,
        lexicons: list[str] | None = None,
    ) -> SavedModel:
        """Read a model file as :meth:`TrustClassifier.load` reads it (same checks, errors and warnings)."""
        return read_as(cls, folder, key, lexicons)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Return the constructor parameters, as ``TrustClassifier.get_params`` does (``deep`` as there)."""
        return dict(self._params)

    def feature_names(self) -> np.ndarray:
        """Return the names of all feature columns (word: and lex: prefixes)."""
        return feature_names(self.word_, self.use_lexicon)

    def reasons(self, features: Any, pairs: Iterable[tuple[int, str]], top: int = 3) -> list[str]:
        """Return why the model found each (row, concept) pair, as :meth:`TrustClassifier.reasons`."""
        return reasons(self, features, pairs, top)

    def save(self, folder: str | Path, *, key: str | bytes | None = None) -> Path:
        """Write the model to ``folder/model.json``, as :meth:`TrustClassifier.save` writes it."""
        return save_model(self, folder, key=key)

    def estimator(self) -> Any:
        """Return the TrustClassifier of this model (imports scikit-learn)."""
        from trustlex.models.classifier import TrustClassifier

        return TrustClassifier._from_body(self._body)


@functools.lru_cache(maxsize=1)
def default_saved() -> SavedModel:
    """Return the shipped model (``model="default"``) for scoring, read once per process."""
    path = resources.files("trustlex") / "data" / "model.json"
    with resources.as_file(path) as file, paused():  # its million weights all stay
        return SavedModel.load(file, key=False)


def scoring_model(model: Any, lexicons: list[str] | None = None) -> Any:
    """Return a model to score with: ``"default"`` is the shipped one, a path a saved one, a model itself.

    As :func:`trustlex.models.resolve_model`, but a model file is read as a
    :class:`SavedModel`, without scikit-learn. A saved model is loaded with
    ``lexicons``: a model made with your own lexicon files needs them.
    """
    if isinstance(model, str) and model == DEFAULT_MODEL:
        return default_saved()
    if isinstance(model, str | Path):
        return SavedModel.load(model, lexicons=list(lexicons) if lexicons else None)
    return model
