"""Lexicon features of texts as a scikit-learn transformer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LanguageError
from trustlex.frame import text_list
from trustlex.models.labels import lexicon_units

_SUFFIXES = tuple(VALENCE_SUFFIX[v] for v in VALENCES)


class TrustVectorizer(TransformerMixin, BaseEstimator):
    """Lexicon features of texts, for scikit-learn: per concept counts by valence, presence, negations, rate.

    Per concept ``c``: ``c_pos``, ``c_neg``, ``c_neu`` (sentences carrying
    it with that valence), ``c_present`` (0/1), ``c_negated`` (hits whose
    valence a negation changed) and ``c_rate`` (sentences per 1,000 words).
    ``lang`` is ``"nl"``, ``"en"`` or ``"auto"`` (per text).
    """

    def __init__(
        self, lang: str = "auto", lexicons: list[str] | None = None, context: str | None = None
    ) -> None:
        self.lang = lang
        self.lexicons = lexicons
        self.context = context

    def fit(self, X: Iterable[str], y: Any = None) -> TrustVectorizer:
        """Check the parameters and the input; the lexicon itself needs no fitting."""
        text_list(X)
        if self.lang not in (*LANGUAGES, "auto"):
            msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {self.lang!r}"
            raise LanguageError(msg)
        self.feature_names_ = np.array(
            [f"{c}_{s}" for c in CONCEPTS for s in (*_SUFFIXES, "present", "negated", "rate")], dtype=object
        )
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return an array (texts by features) of lexicon features."""
        if not hasattr(self, "feature_names_"):
            msg = "this TrustVectorizer is not fitted yet; call fit first"
            raise ValueError(msg)
        texts = text_list(X)
        index = {name: i for i, name in enumerate(self.feature_names_)}
        out = np.zeros((len(texts), len(index)))
        for row, (n_words, units, hits) in enumerate(
            lexicon_units(texts, self.lang, self.lexicons, self.context)
        ):
            for concept, valence in units:
                out[row, index[f"{concept}_{VALENCE_SUFFIX[valence]}"]] += 1
                out[row, index[f"{concept}_present"]] = 1
                out[row, index[f"{concept}_rate"]] += 1000.0 / max(n_words, 1)
            for h in hits:
                if h.cue_kind == "negation":
                    out[row, index[f"{h.entry.concept}_negated"]] += 1
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Return the feature names, in column order."""
        return self.feature_names_.copy()
