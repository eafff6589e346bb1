"""Classifiers that learn a user's own coding, with the lexicon's evidence as features.

- :mod:`~trustlex.models.labels`: gold-format labels, the lexicon's own labels, combining;
- :mod:`~trustlex.models.features`: word and lexicon features from trustlex's scan;
- :mod:`~trustlex.models.vectorizer`: ``TrustVectorizer``, lexicon features for scikit-learn;
- :mod:`~trustlex.models.classifier`: ``TrustClassifier`` and the shipped default model;
- :mod:`~trustlex.models.inputs`: the texts both accept as ``X``, and what they refuse;
- :mod:`~trustlex.models.modelfile` and :mod:`~trustlex.models.checks`: JSON model files;
- :mod:`~trustlex.models.weak`: ``train_from_lexicon`` (weak supervision).
"""

from __future__ import annotations

from trustlex.errors import ModelError
from trustlex.models.classifier import DEFAULT_MODEL, TrustClassifier, default_model, resolve_model
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
from trustlex.models.vectorizer import TrustVectorizer
from trustlex.models.weak import train_from_lexicon

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
