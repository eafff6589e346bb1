"""Weak supervision: a classifier trained on the lexicon's own labels of an unlabelled corpus."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trustlex.frame import text_list
from trustlex.models.classifier import TrustClassifier
from trustlex.models.labels import lexicon_labels


def train_from_lexicon(texts: Sequence[str], lang: str = "auto", **params: Any) -> TrustClassifier:
    """Fit a classifier on the lexicon's labels of an unlabelled corpus (weak supervision).

    The lexicon features are left out, so that the model must learn the
    words and contexts around the lexicon's cues, which carry over to
    wordings the lexicon lacks.
    """
    texts = text_list(texts)
    return TrustClassifier(lang=lang, use_lexicon=False, **params).fit(texts, lexicon_labels(texts, lang))
