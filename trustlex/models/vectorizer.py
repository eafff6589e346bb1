"""Lexicon features of texts as a scikit-learn transformer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LanguageError
from trustlex.models.inputs import texts_of
from trustlex.models.labels import lexicon_units

_SUFFIXES = tuple(VALENCE_SUFFIX[v] for v in VALENCES)


class TrustVectorizer(TransformerMixin, BaseEstimator):
    """Lexicon features of texts, for scikit-learn: per concept counts by valence, presence, negations, rate.

    Per concept ``c``: ``c_pos``, ``c_neg``, ``c_neu`` (sentences carrying
    it with that valence), ``c_present`` (0/1), ``c_negated`` (hits whose
    valence a negation changed) and ``c_rate`` (sentences per 1,000 words).
    ``lang`` is ``"nl"``, ``"en"`` or ``"auto"`` (per text).

    ``X`` is an iterable of texts (a list, 1-D array or Series of str, or a
    one-column DataFrame), declared in the estimator tags as scikit-learn's
    ``CountVectorizer`` declares it (string input, no 2-D array); anything
    else raises an error naming the offending item. As for scikit-learn's
    text vectorizers, ``n_features_in_`` is not set: the input has no
    feature columns to count.

    Parameters
    ----------
    lang : str, default "auto"
        ``"nl"``, ``"en"`` or ``"auto"``.
    lexicons : list of str, optional
        The lexicons (as for :func:`trustlex.load`); by default the shipped ones.
    context : str, optional
        A context-cue file.

    Examples
    --------
    >>> import pandas as pd
    >>> import trustlex
    >>> vectorizer = trustlex.TrustVectorizer(lang="en")
    >>> X = vectorizer.fit_transform(["We trust our manager. I do not trust them.", "Parking is easy."])
    >>> X.shape
    (2, 72)
    >>> features = pd.DataFrame(X, columns=vectorizer.get_feature_names_out())
    >>> print(features[["trust_pos", "trust_neg", "trust_present", "trust_negated"]].to_string(index=False))
     trust_pos  trust_neg  trust_present  trust_negated
           1.0        1.0            1.0            1.0
           0.0        0.0            0.0            0.0

    In a scikit-learn pipeline (scaled: the rates are on another scale than the counts):

    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> texts = ["I trust my manager.", "We trust the team.", "There is no trust.", "Nobody trusts them."]
    >>> pipe = make_pipeline(trustlex.TrustVectorizer(lang="en"), StandardScaler(), LogisticRegression())
    >>> pipe.fit(texts, [1, 1, 0, 0]).predict(["I do not trust them.", "We trust each other."]).tolist()
    [0, 1]
    """

    def __init__(
        self, lang: str = "auto", lexicons: list[str] | None = None, context: str | None = None
    ) -> None:
        self.lang = lang
        self.lexicons = lexicons
        self.context = context

    def fit(self, X: Iterable[str], y: Any = None) -> TrustVectorizer:
        """Check the parameters and the input; the lexicon itself needs no fitting.

        Parameters
        ----------
        X : iterable of str
            Texts; checked, not learnt from.
        y : None
            Ignored (scikit-learn's transformer signature).

        Returns
        -------
        TrustVectorizer
            This vectorizer, fitted.

        Examples
        --------
        >>> import trustlex
        >>> trustlex.TrustVectorizer(lang="nl").fit(["Vertrouwen."]).feature_names_[:2].tolist()
        ['trust_pos', 'trust_neg']
        >>> trustlex.TrustVectorizer(lang="de").fit(["Vertrauen."])
        Traceback (most recent call last):
        ...
        trustlex.errors.LanguageError: lang must be one of nl, en or 'auto', got 'de'
        """
        texts_of(X, "TrustVectorizer.fit")
        self._fit()
        return self

    def _fit(self) -> None:
        if self.lang not in (*LANGUAGES, "auto"):
            msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {self.lang!r}"
            raise LanguageError(msg)
        self.feature_names_ = np.array(
            [f"{c}_{s}" for c in CONCEPTS for s in (*_SUFFIXES, "present", "negated", "rate")], dtype=object
        )

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> np.ndarray:
        """Fit and transform in one pass over ``X`` (an iterator of texts is read once).

        Parameters
        ----------
        X : iterable of str
            Texts.
        y : None
            Ignored.
        **fit_params
            Ignored; scikit-learn's signature.

        Returns
        -------
        numpy.ndarray
            Texts by features, as :meth:`transform`.
        """
        texts = texts_of(X, "TrustVectorizer.fit_transform")
        self._fit()
        return self._transform(texts)

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """Return an array (texts by features) of lexicon features.

        Parameters
        ----------
        X : iterable of str
            Texts.

        Returns
        -------
        numpy.ndarray
            One row per text, columns as :meth:`get_feature_names_out`.

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before :meth:`fit`.

        Examples
        --------
        >>> import trustlex
        >>> vectorizer = trustlex.TrustVectorizer(lang="nl").fit([])
        >>> X = vectorizer.transform(["Er is geen vertrouwen.", "Ik vertrouw mijn collega's."])
        >>> X[:, :3].tolist()  # trust_pos, trust_neg, trust_neu
        [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
        """
        check_is_fitted(self, "feature_names_")
        return self._transform(texts_of(X, "TrustVectorizer.transform"))

    def _transform(self, texts: list[str]) -> np.ndarray:
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
        """Return the feature names, in column order.

        Parameters
        ----------
        input_features : None
            Ignored, as by scikit-learn's text vectorizers: text has no input feature names.

        Returns
        -------
        numpy.ndarray
            Names (object dtype) like ``trust_neg``.

        Examples
        --------
        >>> import trustlex
        >>> names = trustlex.TrustVectorizer().fit([]).get_feature_names_out()
        >>> len(names), names[:6].tolist()
        (72, ['trust_pos', 'trust_neg', 'trust_neu', 'trust_present', 'trust_negated', 'trust_rate'])
        """
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.copy()

    def __sklearn_tags__(self) -> Any:
        """Declare text input, as scikit-learn's ``CountVectorizer`` does (scikit-learn 1.6 and later)."""
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    def _more_tags(self) -> dict[str, Any]:
        """Declare text input to scikit-learn before 1.6, which reads this, not ``__sklearn_tags__``."""
        return {"X_types": ["string"]}
