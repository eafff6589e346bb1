"""Classifiers that learn a user's own coding, with the lexicon's evidence as features.

- :mod:`~trustlex.models.labels`: gold-format labels, the lexicon's own labels, combining;
- :mod:`~trustlex.models.features`: word and lexicon features from trustlex's scan;
- :mod:`~trustlex.models.vectorizer`: ``TrustVectorizer``, lexicon features for scikit-learn;
- :mod:`~trustlex.models.classifier`: ``TrustClassifier`` and the shipped default model;
- :mod:`~trustlex.models.inputs`: the texts both accept as ``X``, and what they refuse;
- :mod:`~trustlex.models.modelfile` and :mod:`~trustlex.models.checks`: JSON model files;
- :mod:`~trustlex.models.weak`: ``train_from_lexicon`` (weak supervision).

The modules that build on scikit-learn load on first use of one of their
names, so that ``import trustlex`` stays as fast as before (scikit-learn
takes longer to import than the rest of trustlex together).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from trustlex.models.classifier import DEFAULT_MODEL, TrustClassifier, default_model, resolve_model
    from trustlex.models.vectorizer import TrustVectorizer
    from trustlex.models.weak import train_from_lexicon

# name -> the module (scikit-learn based) that defines it, imported when the name is first used
_LAZY = {
    "DEFAULT_MODEL": "classifier",
    "TrustClassifier": "classifier",
    "default_model": "classifier",
    "resolve_model": "classifier",
    "TrustVectorizer": "vectorizer",
    "train_from_lexicon": "weak",
}


def __getattr__(name: str) -> Any:
    """Return a scikit-learn based name, importing its module on first use."""
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'trustlex.models' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(f"trustlex.models.{module}"), name)


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
