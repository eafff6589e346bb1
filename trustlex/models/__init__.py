"""Classifiers that learn a user's own coding, with the lexicon's evidence as features.

- :mod:`~trustlex.models.labels`: gold-format labels, the lexicon's own labels, combining;
- :mod:`~trustlex.models.combined`: the sentence rows of ``score_texts(model=...)``;
- :mod:`~trustlex.models.sentences`: the sentences it codes, as flat arrays of the lexicon's scan;
- :mod:`~trustlex.models.features`: word and lexicon features from trustlex's scan;
- :mod:`~trustlex.models.vectorizer`: ``TrustVectorizer``, lexicon features for scikit-learn;
- :mod:`~trustlex.models.classifier`: ``TrustClassifier`` and the shipped default model;
- :mod:`~trustlex.models.linear`: its per-concept linear models, stored as plain numbers;
- :mod:`~trustlex.models.inputs`: the texts both accept as ``X``, and what they refuse;
- :mod:`~trustlex.models.modelfile` and :mod:`~trustlex.models.checks`: JSON model files;
- :mod:`~trustlex.models.saved`: a model file read for scoring, without scikit-learn;
- :mod:`~trustlex.models.weak`: ``train_from_lexicon`` (weak supervision).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustlex.errors import ModelError
from trustlex.models.features import LEXICON_FEATURES, Scanned, WordFeatures, lexicon_block, word_hashes
from trustlex.models.labels import (
    combine,
    labels_dicts,
    labels_frame,
    lexicon_labels,
    lexicon_units,
    predict_by_language,
    predict_units,
    unit_labels,
)
from trustlex.models.modelfile import KEY_ENV, read_model, save_model

if TYPE_CHECKING:  # what __getattr__ loads on first use, for type checkers (else `object`)
    from trustlex.models.classifier import DEFAULT_MODEL, TrustClassifier, default_model, resolve_model
    from trustlex.models.vectorizer import TrustVectorizer
    from trustlex.models.weak import train_from_lexicon

# scikit-learn takes most of a second to import: the parts that need it load on first use, so
# that ``import trustlex`` and every command line call that scores without a model start faster
_LAZY = {
    "DEFAULT_MODEL": "classifier",
    "TrustClassifier": "classifier",
    "default_model": "classifier",
    "resolve_model": "classifier",
    "TrustVectorizer": "vectorizer",
    "train_from_lexicon": "weak",
}


def __getattr__(name: str) -> object:
    """Import the parts that need scikit-learn on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"trustlex.models.{_LAZY[name]}"), name)
    msg = f"module 'trustlex.models' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """The public names, including those imported on first use."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "DEFAULT_MODEL",
    "KEY_ENV",
    "LEXICON_FEATURES",
    "ModelError",
    "Scanned",
    "TrustClassifier",
    "TrustVectorizer",
    "WordFeatures",
    "combine",
    "default_model",
    "labels_dicts",
    "labels_frame",
    "lexicon_block",
    "lexicon_labels",
    "lexicon_units",
    "predict_by_language",
    "predict_units",
    "read_model",
    "resolve_model",
    "save_model",
    "train_from_lexicon",
    "unit_labels",
    "word_hashes",
]
