"""A classifier that learns a user's own coding, with the lexicon's evidence as features.

``TrustClassifier`` learns, per concept, whether a text carries it and with
which valence, from word n-grams joined with the lexicon's evidence, using
linear models whose weights explain every prediction. Models are saved as
JSON by :mod:`trustlex.models.modelfile`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from trustlex.concepts import CONCEPTS
from trustlex.frame import text_rows
from trustlex.lang.detect import detect_languages
from trustlex.matching.records import cue_label, unit_counts
from trustlex.models.features import (
    Scanned,
    WordFeatures,
    feature_matrix,
    lexicon_block,
    word_hashes,
)
from trustlex.models.inputs import texts_of
from trustlex.models.labels import check_classes, labels_frame
from trustlex.models.linear import binary_proba, fit_binary, fit_valence, predict_valence
from trustlex.models.modelfile import save_model
from trustlex.models.saved import DEFAULT_MODEL, FITTED, feature_names, read_as, reasons, set_fitted
from trustlex.pipeline import scoring_engine
from trustlex.readers import carry_whitespace, clean_text, defuse, text_blocks

__all__ = ["DEFAULT_MODEL", "FITTED", "TrustClassifier", "default_model", "resolve_model"]


class TrustClassifier(ClassifierMixin, BaseEstimator):
    """Per concept: does a text carry it, and with which valence; learnt from coded texts.

    Features are TF-IDF word unigrams and bigrams of the text's spaCy tokens,
    joined, when ``use_lexicon``, with the lexicon's evidence (per concept:
    sentences by valence, presence, negated hits; see
    :mod:`trustlex.models.features`). Both come from one scan of the text by
    trustlex's own engine, the same scan :func:`trustlex.score_texts` runs, so
    the model adds little to its time. Each concept has a logistic-regression
    detector and a valence model, so every prediction can be explained by its
    weights (:meth:`explain`).

    ``X`` is an iterable of texts, declared in the estimator tags as
    scikit-learn's ``CountVectorizer`` declares it; anything else (a numeric
    array, None among the texts) raises an error naming the item. As for
    scikit-learn's text estimators, ``n_features_in_`` is not set.

    A scikit-learn estimator: it works in pipelines, ``GridSearchCV`` and
    ``cross_val_score`` (:meth:`score` is micro-F1), and is saved as JSON,
    never pickled (:meth:`save`, :meth:`load`).

    Parameters
    ----------
    lang : str, default "auto"
        ``"nl"``, ``"en"`` or ``"auto"`` (per text).
    use_lexicon : bool, default True
        Join the lexicon's evidence to the word features.
    C : float, default 4.0
        Inverse regularisation strength of the logistic regressions.
    word_ngrams : tuple of int, default (1, 2)
        ``(1, 1)`` for unigrams, ``(1, 2)`` for unigrams and bigrams.
    lexicon_weight : float, default 1.0
        Scale of the lexicon features against the TF-IDF ones.
    threshold : float, default 0.5
        The probability from which a concept is predicted (:meth:`predict`).
    add_above : float, default 0.8
        The probability from which :func:`trustlex.score_texts`,
        ``score_folder`` and :func:`trustlex.evaluate` add a concept the
        lexicon did not find (see :func:`trustlex.models.labels.combine`); a
        concept is added only where it is also predicted, so the bar is the
        higher of the two.
    lexicons : list of str, optional
        The lexicons whose evidence is used (as for :func:`trustlex.load`).

    Attributes
    ----------
    concepts_ : list of str
        The concepts, in the column order of :meth:`predict` and
        :meth:`predict_proba` (``classes_`` held them in trustlex 0.1).
    classes_ : list of numpy.ndarray
        Per concept, in that order, the labels seen in training, sorted:
        some of ``""`` (absent), ``"+"``, ``"-"``, ``"0"``. This is
        scikit-learn's convention for a multi-output classifier, whose
        :meth:`predict` gives one column per output, as
        ``MultiOutputClassifier`` and ``DecisionTreeClassifier`` give it.

    Examples
    --------
    >>> import trustlex
    >>> texts = ["I trust my manager.", "We trust the team.", "There is no trust here.",
    ...          "Nobody trusts management.", "Communication is open.", "There is no communication.",
    ...          "The canteen is fine.", "Parking is easy."]
    >>> labels = [{"trust": "+"}, {"trust": "+"}, {"trust": "-"}, {"trust": "-"},
    ...           {"communication": "+"}, {"communication": "-"}, {}, {}]
    >>> model = trustlex.TrustClassifier(lang="en").fit(texts, labels)
    >>> new = ["I do not trust them.", "We trust each other.", "The weather is nice."]
    >>> model.predict(new)["trust"].tolist()
    ['-', '+', '']
    >>> model.explain("I do not trust them.")[["concept", "lexicon"]].values.tolist()
    [['trust', 'trust - [negation:not]']]
    >>> model.concepts_[:3], model.classes_[0].tolist()
    (['trust', 'control', 'risk'], ['', '+', '-'])
    """

    def __init__(
        self,
        lang: str = "auto",
        use_lexicon: bool = True,
        C: float = 4.0,
        word_ngrams: tuple[int, int] = (1, 2),
        lexicon_weight: float = 1.0,
        threshold: float = 0.5,
        lexicons: list[str] | None = None,
        add_above: float = 0.8,
    ) -> None:
        self.lang = lang
        self.use_lexicon = use_lexicon
        self.C = C
        self.word_ngrams = word_ngrams
        self.lexicon_weight = lexicon_weight
        self.threshold = threshold
        self.lexicons = lexicons
        self.add_above = add_above

    # -- features ---------------------------------------------------------------------

    def scan(self, texts: list[str]) -> Scanned:
        """Scan each text (one unit each) with the lexicon engine: its words, decisions and negations."""
        spec = tuple(self.lexicons) if self.lexicons else None
        out = Scanned()
        codes = detect_languages(texts) if self.lang == "auto" else [self.lang] * len(texts)
        engines: dict[str, Any] = {}  # looked up once per language: the lookup checks the lexicon files
        for text, code in zip(texts, codes, strict=True):
            if code not in engines:
                engines[code] = scoring_engine(code, spec)
            nlp, engine = engines[code]
            words: list[int] = []
            units: list[tuple[str, str]] = []
            turned: list[str] = []
            for block, _offset in carry_whitespace(text_blocks(text)):
                doc = nlp.make_doc(defuse(block))
                hits, _sents, _n = engine.scan(doc, referents=False)  # features name nobody
                words += word_hashes(doc, [(0, len(doc))], out.names)[0]
                units += unit_counts(hits, engine.min_weight)
                turned += [h.entry.concept for h in hits if h.cue_kind == "negation"]
            out.add(words, units, turned)
        return out

    def _matrix(self, scanned: Scanned) -> sparse.csr_matrix:
        lex = lexicon_block(scanned.units, scanned.negated) if self.use_lexicon else None
        return feature_matrix(self.word_.transform(scanned.words), lex, self.lexicon_weight)

    def _features(self, texts: list[str], *, fit: bool) -> sparse.csr_matrix:
        scanned = self.scan(texts)
        if fit:
            self._fit_words(scanned)
        return self._matrix(scanned)

    def _fit_words(self, scanned: Scanned) -> None:
        lo, hi = self.word_ngrams
        if (lo, hi) not in ((1, 1), (1, 2)):
            msg = f"word_ngrams must be (1, 1) or (1, 2), got {self.word_ngrams!r}"
            raise ValueError(msg)
        min_df = 2 if len(scanned) >= 20 else 1  # seen once is noise, unless there is hardly any text
        self.word_ = WordFeatures.fit(scanned.words, scanned.names, min_df=min_df, bigrams=hi == 2)

    def feature_names(self) -> np.ndarray:
        """Return the names of all feature columns (word: and lex: prefixes)."""
        check_is_fitted(self, FITTED)
        return feature_names(self.word_, self.use_lexicon)

    # -- fitting and predicting ----------------------------------------------------------

    def fit(self, X: Iterable[str], y: Any) -> TrustClassifier:
        """Learn from ``X`` (texts) and ``y`` (gold-format labels, see :func:`labels_frame`).

        Parameters
        ----------
        X : iterable of str
            Texts (a list, 1-D array or Series of str, or a one-column DataFrame).
        y : list of dict or DataFrame
            One ``{concept: valence}`` per text, or one column per concept.

        Returns
        -------
        TrustClassifier
            This model, fitted: ``concepts_`` names the output columns and
            ``classes_`` holds the labels seen per concept.
        """
        texts = texts_of(X, "TrustClassifier.fit")
        if y is None:
            msg = (
                "TrustClassifier.fit requires y to be passed, but the target y is None; give gold-format "
                "labels: one {concept: valence} dict per text, or a DataFrame with a column per concept"
            )
            raise ValueError(msg)
        if not texts:
            msg = "TrustClassifier.fit: X holds no texts; it needs coded texts to learn from"
            raise ValueError(msg)
        labels = labels_frame(y, len(texts))
        check_classes(labels, "TrustClassifier.fit")  # before the costly features
        return self._fit_features(self._features(texts, fit=True), labels)

    def fit_scanned(self, scanned: Scanned, y: Any) -> TrustClassifier:
        """Learn from units already scanned (see :meth:`scan`) and their gold-format labels ``y``.

        The scans may come from other models' lexicons: train on the lexicon
        features of each coded text as a lexicon that had not seen it gives
        them (join the scans with :meth:`Scanned.extend`), so that the model
        learns how the lexicon behaves on unseen text, which is what it meets
        when scoring. Prediction scans with this model's own ``lexicons``.
        """
        if not len(scanned):
            msg = "TrustClassifier.fit_scanned: no units; it needs coded texts to learn from"
            raise ValueError(msg)
        labels = labels_frame(y, len(scanned))
        check_classes(labels, "TrustClassifier.fit_scanned")
        self._fit_words(scanned)
        return self._fit_features(self._matrix(scanned), labels)

    def _fit_features(self, features: sparse.csr_matrix, labels: pd.DataFrame) -> TrustClassifier:
        self.concepts_ = list(CONCEPTS)
        self.detectors_: dict[str, Any] = {}
        self.valence_: dict[str, Any] = {}
        for c in self.concepts_:
            present = (labels[c] != "").to_numpy()
            self.detectors_[c] = fit_binary(features, present, self.C)
            vals = labels[c][present].to_numpy()
            self.valence_[c] = fit_valence(features[present], vals, self.C)
        self.classes_ = _classes(self.concepts_, self.detectors_, self.valence_)
        return self

    def predict_proba(self, X: Iterable[str]) -> pd.DataFrame:
        """Return, per text and concept, the probability that the text carries the concept."""
        check_is_fitted(self, FITTED)
        return self._proba_frame(self._features(texts_of(X, "TrustClassifier.predict_proba"), fit=False))

    def predict(self, X: Iterable[str]) -> pd.DataFrame:
        """Return gold-format predictions: one column per concept, ``+``/``-``/``0`` or ``""``."""
        check_is_fitted(self, FITTED)
        return self.predict_scanned(self.scan(texts_of(X, "TrustClassifier.predict")))[0]

    def predict_with_proba(self, X: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(predict(X), predict_proba(X))`` from one pass: the texts' features are built once.

        Building them runs the lexicon over every text, the costly part; use
        this where both are needed, as when combining model and lexicon.
        """
        check_is_fitted(self, FITTED)
        return self.predict_scanned(self.scan(texts_of(X, "TrustClassifier.predict_with_proba")))

    def predict_scanned(self, scanned: Scanned) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(predictions, probabilities)`` of units already scanned (see :meth:`scan`).

        :func:`trustlex.score_texts` calls this with the sentences of its own
        scan, so the lexicon runs once for both the rows and the model.
        """
        return self.predict_features(self.features_of(scanned))

    def features_of(self, scanned: Scanned) -> sparse.csr_matrix:
        """Return the feature matrix of units already scanned, one row per unit, as the model reads them."""
        check_is_fitted(self, FITTED)
        return self._matrix(scanned)

    def predict_features(self, features: sparse.csr_matrix) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(predictions, probabilities)`` of a feature matrix from :meth:`features_of`."""
        check_is_fitted(self, FITTED)
        proba = self._proba_frame(features)
        out = {}
        for c in self.concepts_:
            present = proba[c].to_numpy() >= self.threshold
            valence = np.full(len(proba), "", dtype=object)
            if present.any():
                valence[present] = predict_valence(self.valence_[c], features[present])
            out[c] = valence
        return pd.DataFrame(out, columns=self.concepts_), proba

    def reasons(
        self, features: sparse.csr_matrix, pairs: Iterable[tuple[int, str]], top: int = 3
    ) -> list[str]:
        """Return, per (row, concept) pair, the features that pushed the concept's detector up most, as text.

        ``"support (+1.21); help (+0.40)"``: the words (and ``lex:`` lexicon
        counts) of that row of ``features`` (from :meth:`features_of`) whose
        value times weight adds most to the concept's decision, largest
        first, positive ones only. Frames show it as the ``terms`` of a row
        the model adds, so that it says why the model found the concept.
        """
        check_is_fitted(self, FITTED)
        return reasons(self, features, pairs, top)

    def _proba_frame(self, features: sparse.csr_matrix) -> pd.DataFrame:
        return pd.DataFrame(
            {c: binary_proba(self.detectors_[c], features) for c in self.concepts_}, columns=self.concepts_
        )

    def score(self, X: Iterable[str], y: Any, sample_weight: Any = None) -> float:
        """Return micro-F1 of concept detection (scikit-learn's score, for GridSearchCV)."""
        pred = self.predict(X).to_numpy() != ""
        gold = labels_frame(y).to_numpy() != ""
        tp = float((pred & gold).sum())
        denom = float(pred.sum() + gold.sum())
        return 2 * tp / denom if denom else 1.0

    def explain(self, text: str, top: int = 5) -> pd.DataFrame:
        """Return, per concept predicted for ``text``: probability, weightiest features, lexicon matches.

        ``lexicon`` lists what the lexicon found for the concept in the text
        (``term valence [cue]``), so a prediction can be checked against the
        transparent evidence.
        """
        check_is_fitted(self, FITTED)
        if not isinstance(text, str):
            msg = f"TrustClassifier.explain: expected one text (a str), got {type(text).__name__}"
            raise TypeError(msg)
        features = self._features([text], fit=False)
        rows = []
        proba = self._proba_frame(features).iloc[0]
        found: dict[str, list[str]] = {}
        for m in self._matches(text):
            cue = f" [{cue_label(m['cue_kind'], m['cue'])}]" if m["cue"] else ""
            found.setdefault(m["concept"], []).append(f"{m['text']} {m['valence']}{cue}")
        for c in self.concepts_:
            det = self.detectors_[c]
            if proba[c] < self.threshold or det["coef"] is None:
                continue
            rows.append(
                {
                    "concept": c,
                    "probability": float(proba[c]),
                    "top_features": self.reasons(features, [(0, c)], top)[0],
                    "lexicon": "; ".join(found.get(c, [])),
                }
            )
        return pd.DataFrame(rows, columns=["concept", "probability", "top_features", "lexicon"])

    def _matches(self, text: str) -> list[dict]:
        """Return the lexicon's match rows of ``text``, as ``score_texts(level="match")`` gives them."""
        text = clean_text(text)
        code = detect_languages([text])[0] if self.lang == "auto" else self.lang
        nlp, engine = scoring_engine(code, tuple(self.lexicons) if self.lexicons else None, None)
        return text_rows(engine, nlp.make_doc, text, {"doc_id": 0, "lang": code}, "match")

    def suggest(self, X: Iterable[str], n: int = 20) -> pd.DataFrame:
        """Return the ``n`` texts whose coding would teach the model most (uncertainty sampling).

        Uncertainty of a text is that of its least certain concept decision:
        ``1 - 2 * |p - 0.5|``, 1 for a coin toss, 0 for a sure call.
        """
        check_is_fitted(self, FITTED)
        texts = texts_of(X, "TrustClassifier.suggest")
        proba = self.predict_proba(texts).to_numpy()
        closeness = np.abs(proba - 0.5)  # 0 for a coin toss
        uncertainty = 1 - 2 * closeness.min(axis=1)
        order = np.argsort(-uncertainty, kind="stable")[:n]
        concepts = np.array(self.concepts_)[closeness.argmin(axis=1)]
        return pd.DataFrame(
            {
                "position": order,
                "text": [texts[i] for i in order],
                "uncertainty": uncertainty[order],
                "most_uncertain_concept": [concepts[i] for i in order],
            }
        )

    # -- persistence (JSON, no pickle) ---------------------------------------------------

    def save(self, folder: str | Path, *, key: str | bytes | None = None) -> Path:
        """Write the model to ``folder/model.json`` with a checksum and the versions it was made with.

        With ``key`` (without it: the environment variable ``TRUSTLEX_MODEL_KEY``
        when set) the file also carries an HMAC-SHA256 of its body, which
        :meth:`load` checks when given the same key. Lexicons are recorded by
        name, never by path: shipped ones as ``nl/trust``, your own files by
        their ``[lexicon]`` name and version, so a model made with your own
        lexicons is loaded with ``load(folder, lexicons=[...])``.
        """
        check_is_fitted(self, FITTED)
        return save_model(self, folder, key=key)

    @classmethod
    def load(
        cls,
        folder: str | Path,
        *,
        key: str | bytes | Literal[False] | None = None,
        lexicons: list[str] | None = None,
    ) -> TrustClassifier:
        """Load a model saved by :meth:`save`; refuse foreign, damaged or invalid files, warn about versions.

        Only an allow-list of checked values is read: the parameters in
        ``_PARAMS`` (types and ranges), the TF-IDF vocabularies and idf (the
        vectorizers are rebuilt with trustlex's own settings), and finite
        weights of the right shapes; anything else raises :class:`ModelError`
        naming the file and field. Loading never opens a file the model names,
        never compiles a pattern from it, and reads lexicons only from the
        shipped set and ``lexicons``.

        ``key`` (without it: ``TRUSTLEX_MODEL_KEY`` when set) requires a
        matching HMAC-SHA256 signature; a model without one is refused.
        ``key=False`` checks no signature (the shipped default model, which
        comes with the code, is loaded so).
        ``lexicons``: for a model trained with your own lexicon files, those
        files (any spec :func:`trustlex.load` accepts); they must have the
        names and versions the model recorded.
        """
        return read_as(cls._from_body, folder, key, lexicons)

    @classmethod
    def _from_body(cls, body: dict) -> TrustClassifier:
        """Build the model from a body that :func:`_check_body` returned: checked values only."""
        params = body["params"]
        model = cls(**params)
        set_fitted(model, body)
        model.classes_ = _classes(model.concepts_, model.detectors_, model.valence_)
        return model

    def __sklearn_tags__(self) -> Any:
        """Declare text input and multi-output, multi-label targets (scikit-learn 1.6 and later).

        Text input is declared as scikit-learn's ``CountVectorizer`` declares it.
        """
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.target_tags.single_output = False
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    def _more_tags(self) -> dict[str, Any]:
        """Declare the same to scikit-learn before 1.6, which reads these instead of ``__sklearn_tags__``."""
        return {"X_types": ["string"], "multioutput": True, "multioutput_only": True, "multilabel": True}


def _classes(concepts: list[str], detectors: dict, valence: dict) -> list[np.ndarray]:
    """Return ``classes_``: per concept (output), the sorted labels seen in training.

    As scikit-learn's multi-output classifiers (``MultiOutputClassifier``,
    ``DecisionTreeClassifier``) give it: a list with one array per output.
    It follows from the fitted models, so a loaded model has it too: a
    detector that is constant 1 saw the concept in every text (no ``""``),
    one constant 0 in none (no valence).
    """
    out = []
    for c in concepts:
        constant = detectors[c]["constant"]
        seen = set() if constant == 1.0 else {""}
        if constant != 0.0:
            seen.update(valence[c]["classes"])
        out.append(np.array(sorted(seen), dtype=object))
    return out


@functools.lru_cache(maxsize=1)
def default_model() -> TrustClassifier:
    """Return the model shipped with trustlex (``model="default"``), loaded once per process.

    It was trained on the train split of the project's coded corpus (Dutch
    and English, see ``coded/README.md`` in the repository) with the shipped
    lexicons; ``coded/train_model.py`` rebuilds it whenever they change.
    """
    path = resources.files("trustlex") / "data" / "model.json"
    with resources.as_file(path) as file:
        return TrustClassifier.load(file, key=False)


def resolve_model(model: Any, lexicons: list[str] | None = None) -> Any:
    """Return a model to score with: ``"default"`` is the shipped one, a path a saved one, a model itself.

    A saved model is loaded with ``lexicons``: a model made with your own lexicon files needs them.
    """
    if isinstance(model, str) and model == DEFAULT_MODEL:
        return default_model()
    if isinstance(model, str | Path):
        return TrustClassifier.load(model, lexicons=list(lexicons) if lexicons else None)
    return model
