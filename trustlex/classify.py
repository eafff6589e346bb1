"""Lightweight classifiers that learn a user's own coding, with the lexicon's evidence as features.

``TrustVectorizer`` turns texts into lexicon features (per concept and
valence: counts, presence, negated counts, rates); ``TrustClassifier``
learns, per concept, whether a text carries it and with which valence, from
word and character n-grams joined with those features, using linear models
whose weights explain every prediction. Models are saved as JSON (no
pickle) with a checksum, optionally an HMAC-SHA256 signature made with the
user's key, and the versions they were made with. Loading reads only an
allow-list of checked values: parameters from :data:`_PARAMS`, vocabularies,
idf and weights; the vectorizers are rebuilt with trustlex's own settings.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import math
import os
import re
import reprlib
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.linear_model import LogisticRegression

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LexiconError, TrustlexError
from trustlex.features import LEXICON_FEATURES, Scanned, WordFeatures, lexicon_block, word_hashes
from trustlex.frame import score_texts, text_list, unit_counts
from trustlex.readers import carry_whitespace, defuse, text_blocks

FORMAT = "trustlex-classifier"
# 2: fixed TF-IDF settings, shipped lexicon names only, optional signature; 3: words from spaCy's
# tokens (unigrams and bigrams), no character n-grams
FORMAT_VERSION = 3
KEY_ENV = "TRUSTLEX_MODEL_KEY"  # the signing key when save/load get none
MAX_WORD_NGRAM = 2
_SUFFIXES = tuple(VALENCE_SUFFIX[v] for v in VALENCES)


class ModelError(TrustlexError, ValueError):
    """A model folder that cannot be loaded: foreign, tampered with, or from another version."""


def lexicon_units(
    texts: Sequence[str], lang: str = "auto", lexicons: list[str] | None = None, context: str | None = None
) -> list[tuple[int, list[tuple[str, str]], list[Any]]]:
    """Return, per text, (word count, its units as (concept, valence), its hits), in one fast pass."""
    from trustlex.langdetect import detect_language
    from trustlex.pipeline import scoring_engine

    spec = tuple(lexicons) if lexicons else None
    out = []
    for text in texts:
        code = lang if lang != "auto" else detect_language(text)  # "en" for empty text
        nlp, engine = scoring_engine(code, spec, context)
        hits, _, n_words = engine.scan(nlp.make_doc(text))
        out.append((n_words, unit_counts(hits, engine.min_weight), hits))
    return out


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
            raise ValueError(msg)
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


def labels_frame(labels: Any, n: int | None = None) -> pd.DataFrame:
    """Return gold-format labels as a DataFrame: one column per concept, ``+``/``-``/``0`` or ``""``.

    Accepts such a DataFrame (missing concepts are added, NaN means absent)
    or a list of ``{concept: valence}`` dicts. Unknown concepts or valences
    raise an error naming the row.
    """
    if isinstance(labels, pd.DataFrame):
        frame = labels.copy()
        unknown = [c for c in frame.columns if c not in CONCEPTS]
        if unknown:
            msg = f"unknown concept columns {unknown}; concepts are {', '.join(CONCEPTS)}"
            raise ValueError(msg)
        frame = frame.reindex(columns=list(CONCEPTS)).astype(object)
        frame = frame.where(frame.notna(), "").astype(str).reset_index(drop=True)
    else:
        rows = []
        for i, rec in enumerate(labels):
            if not isinstance(rec, dict):
                msg = f"labels row {i}: expected a dict like {{'trust': '-'}}, got {type(rec).__name__}"
                raise ValueError(msg)
            for c in rec:
                if c not in CONCEPTS:
                    msg = f"labels row {i}: unknown concept {c!r}"
                    raise ValueError(msg)
            rows.append({c: rec.get(c, "") or "" for c in CONCEPTS})
        frame = pd.DataFrame(rows, columns=list(CONCEPTS))
    bad = ~frame.isin(["", *VALENCES])
    if bad.any().any():
        row, col = np.argwhere(bad.to_numpy())[0]
        msg = f"labels row {row}: {CONCEPTS[col]!r} has {frame.iat[row, col]!r}; use '+', '-', '0' or ''"
        raise ValueError(msg)
    if n is not None and len(frame) != n:
        msg = f"{len(frame)} label rows for {n} texts"
        raise ValueError(msg)
    return frame


def labels_dicts(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Return gold-format predictions as one ``{concept: valence}`` dict per text (labels_frame's inverse)."""
    return [{c: v for c, v in row.items() if v} for row in frame.to_dict("records")]


class TrustClassifier(ClassifierMixin, BaseEstimator):
    """Per concept: does a text carry it, and with which valence; learnt from coded texts.

    Features are TF-IDF word unigrams and bigrams of the text's spaCy tokens,
    joined, when ``use_lexicon``, with the lexicon's evidence (per concept:
    sentences by valence, presence, negated hits; see
    :mod:`trustlex.features`). Both come from one scan of the text by
    trustlex's own engine, the same scan :func:`trustlex.score_texts` runs, so
    the model adds little to its time. Each concept has a logistic-regression
    detector and a valence model, so every prediction can be explained by its
    weights (:meth:`explain`).
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
    ) -> None:
        self.lang = lang
        self.use_lexicon = use_lexicon
        self.C = C
        self.word_ngrams = word_ngrams
        self.lexicon_weight = lexicon_weight
        self.threshold = threshold
        self.lexicons = lexicons

    # -- features ---------------------------------------------------------------------

    def scan(self, texts: list[str]) -> Scanned:
        """Scan each text (one unit each) with the lexicon engine: its words, decisions and negations."""
        from trustlex.langdetect import detect_languages
        from trustlex.pipeline import scoring_engine

        spec = tuple(self.lexicons) if self.lexicons else None
        out = Scanned()
        codes = detect_languages(texts) if self.lang == "auto" else [self.lang] * len(texts)
        for text, code in zip(texts, codes, strict=True):
            nlp, engine = scoring_engine(code, spec)
            words: list[int] = []
            units: list[tuple[str, str]] = []
            turned: list[str] = []
            for block, _offset in carry_whitespace(text_blocks(text)):
                doc = nlp.make_doc(defuse(block))
                hits, _sents, _n = engine.scan(doc)
                words += word_hashes(doc, [(0, len(doc))], out.names)[0]
                units += unit_counts(hits, engine.min_weight)
                turned += [h.entry.concept for h in hits if h.cue_kind == "negation"]
            out.add(words, units, turned)
        return out

    def _matrix(self, scanned: Scanned) -> sparse.csr_matrix:
        blocks = [self.word_.transform(scanned.words)]
        if self.use_lexicon:
            lex = lexicon_block(scanned.units, scanned.negated)
            # counts on one scale with the TF-IDF columns
            blocks.append(sparse.csr_matrix(np.log1p(np.minimum(lex, 50.0)) * self.lexicon_weight))
        return sparse.hstack(blocks, format="csr")

    def _features(self, texts: list[str], *, fit: bool) -> sparse.csr_matrix:
        scanned = self.scan(texts)
        if fit:
            lo, hi = self.word_ngrams
            if (lo, hi) not in ((1, 1), (1, 2)):
                msg = f"word_ngrams must be (1, 1) or (1, 2), got {self.word_ngrams!r}"
                raise ValueError(msg)
            min_df = 2 if len(texts) >= 20 else 1  # seen once is noise, unless there is hardly any text
            self.word_ = WordFeatures.fit(scanned.words, scanned.names, min_df=min_df, bigrams=hi == 2)
        return self._matrix(scanned)

    def feature_names(self) -> np.ndarray:
        """Return the names of all feature columns (word: and lex: prefixes)."""
        words = sorted(self.word_.vocabulary, key=self.word_.vocabulary.__getitem__)
        names = [f"word:{w}" for w in words]
        if self.use_lexicon:
            names += [f"lex:{w}" for w in LEXICON_FEATURES]
        return np.array(names, dtype=object)

    # -- fitting and predicting ----------------------------------------------------------

    def fit(self, X: Iterable[str], y: Any) -> TrustClassifier:
        """Learn from ``X`` (texts) and ``y`` (gold-format labels, see :func:`labels_frame`)."""
        texts = text_list(X)
        labels = labels_frame(y, len(texts))
        features = self._features(texts, fit=True)
        self.concepts_ = list(CONCEPTS)
        self.detectors_: dict[str, Any] = {}
        self.valence_: dict[str, Any] = {}
        for c in self.concepts_:
            present = (labels[c] != "").to_numpy()
            self.detectors_[c] = _fit_binary(features, present, self.C)
            vals = labels[c][present].to_numpy()
            self.valence_[c] = _fit_valence(features[present], vals, self.C)
        self.classes_ = np.array(self.concepts_, dtype=object)
        return self

    def predict_proba(self, X: Iterable[str]) -> pd.DataFrame:
        """Return, per text and concept, the probability that the text carries the concept."""
        return self._proba_frame(self._features(text_list(X), fit=False))

    def predict(self, X: Iterable[str]) -> pd.DataFrame:
        """Return gold-format predictions: one column per concept, ``+``/``-``/``0`` or ``""``."""
        return self.predict_with_proba(X)[0]

    def predict_with_proba(self, X: Iterable[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(predict(X), predict_proba(X))`` from one pass: the texts' features are built once.

        Building them runs the lexicon over every text, the costly part; use
        this where both are needed, as when combining model and lexicon.
        """
        return self.predict_scanned(self.scan(text_list(X)))

    def predict_scanned(self, scanned: Scanned) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Return ``(predictions, probabilities)`` of units already scanned (see :meth:`scan`).

        :func:`trustlex.score_texts` calls this with the sentences of its own
        scan, so the lexicon runs once for both the rows and the model.
        """
        features = self._matrix(scanned)
        proba = self._proba_frame(features)
        out = {}
        for c in self.concepts_:
            present = proba[c].to_numpy() >= self.threshold
            valence = np.full(len(proba), "", dtype=object)
            if present.any():
                valence[present] = _valence(self.valence_[c], features[present])
            out[c] = valence
        return pd.DataFrame(out, columns=self.concepts_), proba

    def _proba_frame(self, features: sparse.csr_matrix) -> pd.DataFrame:
        return pd.DataFrame(
            {c: _proba(self.detectors_[c], features) for c in self.concepts_}, columns=self.concepts_
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
        features = self._features([text], fit=False)
        names = self.feature_names()
        rows = []
        proba = self._proba_frame(features).iloc[0]
        matches = score_texts([text], lang=self.lang, level="match", lexicons=self.lexicons)
        found: dict[str, list[str]] = {}
        for m in matches.itertuples(index=False):
            cue = f" [{m.cue_kind}: {m.cue}]" if m.cue else ""
            found.setdefault(m.concept, []).append(f"{m.text} {m.valence}{cue}")
        for c in self.concepts_:
            det = self.detectors_[c]
            if proba[c] < self.threshold or det["coef"] is None:
                continue
            contrib = features.multiply(det["coef"]).tocsr()
            order = np.argsort(-contrib.data)[:top]
            rows.append(
                {
                    "concept": c,
                    "probability": float(proba[c]),
                    "top_features": "; ".join(
                        f"{names[contrib.indices[i]]} ({contrib.data[i]:+.2f})" for i in order
                    ),
                    "lexicon": "; ".join(found.get(c, [])),
                }
            )
        return pd.DataFrame(rows, columns=["concept", "probability", "top_features", "lexicon"])

    def suggest(self, X: Iterable[str], n: int = 20) -> pd.DataFrame:
        """Return the ``n`` texts whose coding would teach the model most (uncertainty sampling).

        Uncertainty of a text is that of its least certain concept decision:
        ``1 - 2 * |p - 0.5|``, 1 for a coin toss, 0 for a sure call.
        """
        texts = text_list(X)
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
        from trustlex import __version__

        secret, _ = _signing_key(key)
        names, versions, own = _lexicon_record(self.lang, self.lexicons)
        body = {
            "trustlex": __version__,
            "lexicon_versions": versions,
            "own_lexicons": own,
            "params": {
                **self.get_params(),
                "word_ngrams": list(self.word_ngrams),
                "lexicons": names,
            },
            "word": {"vocabulary": dict(self.word_.vocabulary), "idf": _rounded(self.word_.idf)},
            "detectors": {c: _jsonable(d) for c, d in self.detectors_.items()},
            "valence": {c: _jsonable(v) for c, v in self.valence_.items()},
        }
        payload = json.dumps(body, sort_keys=True, separators=(",", ":"))
        try:  # write nothing that load would refuse
            _check_body(json.loads(payload, object_pairs_hook=_table))
        except _FieldError as exc:
            msg = f"cannot save this model: {exc}"
            raise ValueError(msg) from exc
        data = payload.encode("utf-8")
        doc: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        if secret is not None:
            doc["hmac_sha256"] = _signature(secret, data)
        doc["body"] = payload
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "model.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

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
        from trustlex import __version__
        from trustlex.resources import lexicon_dir

        path = Path(folder) / "model.json" if Path(folder).is_dir() else Path(folder)
        secret, source = _signing_key(key) if key is not False else (None, "")
        if isinstance(lexicons, str):
            msg = f"lexicons must be a list of lexicon names or files, like [{lexicons!r}]"
            raise TypeError(msg)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_table)
        except (OSError, ValueError, RecursionError) as exc:
            msg = f"{path}: not a trustlex model ({exc})"
            raise ModelError(msg) from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            found = doc.get("format") if isinstance(doc, dict) else None
            msg = f"{path}: not a trustlex model file (format {found!r}, expected {FORMAT!r})"
            raise ModelError(msg)
        version = doc.get("format_version")
        if type(version) is not int or version != FORMAT_VERSION:
            msg = (
                f"{path}: model format {version!r}, this trustlex reads {FORMAT_VERSION}; "
                "train the model again with this trustlex"
            )
            raise ModelError(msg)
        try:
            _fields(doc, "", ("format", "format_version", "sha256", "body"), ("hmac_sha256",))
            data = _utf8(doc["body"], "body")
            if doc["sha256"] != hashlib.sha256(data).hexdigest():
                field, msg = "sha256", "checksum mismatch: the model file was altered or damaged; refusing it"
                raise _FieldError(field, msg)
            if secret is not None:
                _verify(doc.get("hmac_sha256"), _signature(secret, data), source)
            try:
                raw = json.loads(doc["body"], object_pairs_hook=_table)
            except (ValueError, RecursionError) as exc:
                field = "body"
                raise _FieldError(field, f"not valid JSON ({exc})") from exc
            body = _check_body(raw)
        except _FieldError as exc:
            msg = f"{path}: {exc}"
            raise ModelError(msg) from exc
        params = body["params"]
        recorded = (params["lexicons"], body["own_lexicons"])
        current: dict[str, str] | None = None
        if lexicons is not None:  # the caller's files: they must be the ones the model was made with
            try:
                names, current, own = _lexicon_record(params["lang"], lexicons)
            except LexiconError as exc:
                msg = f"{path}: the model needs a lexicon that is not here: {exc}"
                raise ModelError(msg) from exc
            if _lexicon_key(names, own) != _lexicon_key(*recorded):
                msg = (
                    f"{path}: lexicons: the model was made with {_describe_lexicons(*recorded)}, "
                    f"but lexicons= gives {_describe_lexicons(names, own)}"
                )
                raise ModelError(msg)
            params["lexicons"] = list(lexicons)
        elif body["own_lexicons"]:
            own = ", ".join(f"{o['name']} {o['version']}" for o in body["own_lexicons"])
            msg = (
                f"{path}: own_lexicons: the model was made with your own lexicon files ({own}), "
                "which a model file never names by path; pass them: "
                "TrustClassifier.load(folder, lexicons=[...])"
            )
            raise ModelError(msg)
        elif params["lexicons"] is not None:  # shipped names, as files: nothing on disk can stand in
            root = lexicon_dir().resolve()
            params["lexicons"] = [str(root / f"{name}.toml") for name in params["lexicons"]]
        saved = body["lexicon_versions"]
        changed: list[str] = []
        if params["use_lexicon"]:
            if current is None:
                try:
                    current = _lexicon_record(params["lang"], params["lexicons"])[1]
                except LexiconError as exc:
                    msg = f"{path}: the model's lexicon features need a lexicon that is not here: {exc}"
                    raise ModelError(msg) from exc
            changed = [
                f"{name} {saved.get(name, '(none)')} -> {current.get(name, '(none)')}"
                for name in sorted(set(saved) | set(current))
                if saved.get(name) != current.get(name)
            ]
        if body["trustlex"] != __version__ or changed:
            made = body["trustlex"]
            what = [f"trustlex {made} -> {__version__}"] if made != __version__ else []
            warnings.warn(
                f"{path}: model made with other versions ({'; '.join(what + changed)}): "
                "its lexicon features may differ from this installation's",
                stacklevel=2,
            )
        try:
            return cls._from_body(body)
        except ValueError as exc:  # checked above; a safety net, so that a bad file never escapes unnamed
            msg = f"{path}: malformed model body ({exc})"
            raise ModelError(msg) from exc

    @classmethod
    def _from_body(cls, body: dict) -> TrustClassifier:
        """Build the model from a body that :func:`_check_body` returned: checked values only."""
        params = body["params"]
        model = cls(**params)
        model.word_ = WordFeatures(*body["word"])
        model.concepts_ = list(CONCEPTS)
        model.detectors_ = body["detectors"]
        model.valence_ = body["valence"]
        model.classes_ = np.array(model.concepts_, dtype=object)
        return model


# -- small linear models, stored as plain numbers ------------------------------------------


def _fit_binary(features: Any, y: np.ndarray, C: float) -> dict:
    if y.all() or not y.any():  # one class only: a constant
        return {"coef": None, "intercept": 0.0, "constant": float(y.mean()) if len(y) else 0.0}
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000, solver="liblinear")
    lr.fit(features, y)
    return {"coef": lr.coef_[0], "intercept": float(lr.intercept_[0]), "constant": None}


def _proba(model: dict, features: Any) -> np.ndarray:
    if model["coef"] is None:
        return np.full(features.shape[0], model["constant"])
    z = features @ model["coef"] + model["intercept"]
    return 1.0 / (1.0 + np.exp(-np.asarray(z).ravel()))


def _fit_valence(features: Any, y: np.ndarray, C: float) -> dict:
    classes = sorted(set(y))
    if len(classes) <= 1:
        return {"classes": classes or ["0"], "coef": None, "intercept": None}
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    lr.fit(features, y)
    coef = lr.coef_ if len(classes) > 2 else np.vstack([-lr.coef_[0], lr.coef_[0]])
    intercept = lr.intercept_ if len(classes) > 2 else np.array([-lr.intercept_[0], lr.intercept_[0]])
    return {"classes": list(lr.classes_), "coef": coef, "intercept": intercept}


def _valence(model: dict, features: Any) -> np.ndarray:
    if model["coef"] is None:
        return np.full(features.shape[0], model["classes"][0], dtype=object)
    scores = features @ np.asarray(model["coef"]).T + model["intercept"]
    return np.array(model["classes"], dtype=object)[np.asarray(scores).argmax(axis=1)]


def _jsonable(model: dict) -> dict:
    out: dict[str, Any] = {}
    for k, v in model.items():
        if isinstance(v, np.ndarray):
            v = [_rounded(row) for row in v] if v.ndim == 2 else _rounded(v)
        out[k] = v
    return out


def _rounded(values: Any) -> list[float]:
    """Weights as JSON numbers of five significant digits: a model file a tenth the size, same decisions."""
    return [float(f"{v:.5g}") for v in np.asarray(values, dtype=float).ravel()]


# -- model files: signing, and checking everything that is read ------------------------------


def _signing_key(key: str | bytes | None) -> tuple[bytes | None, str]:
    """Return (the key as bytes, where it came from); the environment's ``TRUSTLEX_MODEL_KEY`` if none."""
    source = "key="
    if key is None:
        key = os.environ.get(KEY_ENV) or None
        if key is None:
            return None, ""
        source = f"environment variable {KEY_ENV}"
    if isinstance(key, str):
        key = key.encode("utf-8", "surrogateescape")  # an environment value's own bytes
    if not isinstance(key, bytes):
        msg = f"key must be a str or bytes, got {type(key).__name__}"
        raise TypeError(msg)
    if not key:
        msg = "the signing key is empty"
        raise ValueError(msg)
    return key, source


def _signature(secret: bytes, data: bytes) -> str:
    return hmac.new(secret, data, hashlib.sha256).hexdigest()


def _verify(given: Any, expected: str, source: str) -> None:
    field = "hmac_sha256"
    if given is None:
        raise _FieldError(field, f"the model is not signed, but a key was given ({source}); refusing it")
    if not (isinstance(given, str) and re.fullmatch("[0-9a-f]{64}", given)) or not hmac.compare_digest(
        given, expected
    ):
        msg = (
            f"signature mismatch with the key ({source}): the model was altered, or signed with "
            "another key; refusing it"
        )
        raise _FieldError(field, msg)


class _FieldError(Exception):
    """A value of a model file that loading refuses; the message starts with its dotted field name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field or 'body'}: {problem}")


class _Table(dict):
    """A JSON object that remembers a key given twice (``json`` would silently keep the last)."""

    duplicates: tuple[str, ...] = ()


def _table(pairs: list[tuple[str, Any]]) -> _Table:
    table = _Table(pairs)
    if len(table) != len(pairs):
        seen: set[str] = set()
        twice = []
        for k, _ in pairs:
            if k in seen:
                twice.append(k)
            seen.add(k)
        table.duplicates = tuple(twice)
    return table


def _utf8(value: Any, field: str) -> bytes:
    if not isinstance(value, str):
        raise _FieldError(field, f"must be a string, got {_kind(value)}")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _FieldError(field, "not valid text") from exc


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    return "a list" if isinstance(value, list) else "an object"


_REPR = reprlib.Repr()  # short, and cheap however large the value
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 60


def _short(value: Any, width: int = 60) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _join(field: str, key: Any) -> str:
    key = key if isinstance(key, str) and re.fullmatch(r"\w{1,40}", key) else _short(key, 40)
    return f"{field}.{key}" if field else key


def _fields(value: Any, field: str, required: Sequence[str], optional: Sequence[str] = ()) -> dict:
    """Return ``value`` if it is a JSON object with the ``required`` keys, maybe ``optional``, no others."""
    if not isinstance(value, dict):
        raise _FieldError(field, f"must be an object, got {_kind(value)}")
    if getattr(value, "duplicates", ()):
        raise _FieldError(_join(field, value.duplicates[0]), "given twice")
    for k in value:
        if k not in required and k not in optional:
            raise _FieldError(_join(field, k), "not a field of a trustlex model file; refusing it")
    for k in required:
        if k not in value:
            raise _FieldError(_join(field, k), "missing")
    return value


def _number(value: Any, field: str, low: float = -math.inf, high: float = math.inf) -> float:
    if type(value) not in (int, float):  # not bool, not a numeric string
        raise _FieldError(field, f"must be a number, got {_kind(value)}")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    if not math.isfinite(x) or not low <= x <= high:
        bounds = f" from {low:g} to {high:g}" if math.isfinite(low) or math.isfinite(high) else ""
        raise _FieldError(field, f"must be a finite number{bounds}, got {_short(value)}")
    return x


def _floats(value: Any, n: int | None, field: str) -> np.ndarray:
    """Return a non-empty list of finite numbers (``n`` of them, if given) as an array."""
    if not isinstance(value, list):
        raise _FieldError(field, f"must be a list of numbers, got {_kind(value)}")
    if n is not None and len(value) != n:
        raise _FieldError(field, f"must hold {n} numbers, holds {len(value)}")
    if not value:
        raise _FieldError(field, "must not be empty")
    if not all(type(v) in (int, float) for v in value):
        i = next(i for i, v in enumerate(value) if type(v) not in (int, float))
        raise _FieldError(f"{field}[{i}]", f"must be a number, got {_kind(value[i])}")
    try:
        array = np.asarray(value, dtype=float)
    except OverflowError:  # a whole number too large for a float
        array = np.array([v if abs(v) < 1e300 else math.inf for v in value], dtype=float)
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise _FieldError(f"{field}[{bad[0]}]", f"must be a finite number, got {_short(value[bad[0]])}")
    return array


def _text(value: Any, field: str, width: int = 200) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= width:
        raise _FieldError(
            field, f"must be a non-empty string of at most {width} characters, got {_kind(value)}"
        )
    return value


def _ngrams(value: Any, field: str, high: int) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise _FieldError(field, f"must be two whole numbers [low, high], got {_short(value)}")
    lo, hi = value
    if not 1 <= lo <= hi <= high:
        raise _FieldError(field, f"must have 1 <= low <= high <= {high}, got [{lo}, {hi}]")
    return lo, hi


def _lexicon_names(value: Any, field: str) -> list[str]:
    """Return shipped lexicon names (``nl/trust``); a model file never names a file or folder."""
    from trustlex.resources import list_lexicons

    if not isinstance(value, list) or len(value) > 200:
        raise _FieldError(field, f"must be a list of shipped lexicon names, got {_kind(value)}")
    shipped = set(list_lexicons())
    for i, name in enumerate(value):
        if not isinstance(name, str) or name not in shipped:
            raise _FieldError(
                f"{field}[{i}]",
                f"{_short(name)} is not a shipped lexicon name (like 'nl/trust'); a model file never names "
                "lexicon files or folders: pass your own with TrustClassifier.load(folder, lexicons=[...])",
            )
    if len(set(value)) != len(value):
        raise _FieldError(field, "names a lexicon twice")
    return list(value)


@dataclass(frozen=True)
class _Param:
    """A constructor parameter that a model file may set, and the values it may take."""

    name: str
    kind: str  # "choice", "bool", "number", "ngrams" ([low, high] whole numbers) or "lexicon names"
    choices: tuple[str, ...] = ()
    low: float = -math.inf
    high: float = math.inf
    nullable: bool = False

    def check(self, value: Any, field: str) -> Any:
        """Return ``value`` if this parameter may take it (as the type the constructor expects)."""
        if value is None and self.nullable:
            return None
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                allowed = ", ".join(map(repr, self.choices))
                raise _FieldError(field, f"must be one of {allowed}, got {_kind(value)}")
            return value
        if self.kind == "bool":
            if type(value) is not bool:
                raise _FieldError(field, f"must be true or false, got {_kind(value)}")
            return value
        if self.kind == "number":
            return _number(value, field, self.low, self.high)
        if self.kind == "ngrams":
            return _ngrams(value, field, int(self.high))
        return _lexicon_names(value, field)


# Every parameter a model file may set: one line each. Nothing else is read from a file: no
# TF-IDF setting (input, token_pattern, analyzer, preprocessor, ...), no lexicon path.
_PARAMS: tuple[_Param, ...] = (
    _Param("lang", "choice", choices=(*LANGUAGES, "auto")),
    _Param("use_lexicon", "bool"),
    _Param("C", "number", low=1e-9, high=1e9),
    _Param("word_ngrams", "ngrams", high=MAX_WORD_NGRAM),
    _Param("lexicon_weight", "number", low=0.0, high=1000.0),
    _Param("threshold", "number", low=0.0, high=1.0),
    _Param("lexicons", "lexicon names", nullable=True),
)


def _check_params(value: Any) -> dict[str, Any]:
    _fields(value, "params", [p.name for p in _PARAMS])
    return {p.name: p.check(value[p.name], f"params.{p.name}") for p in _PARAMS}


def _check_tfidf(value: Any, field: str) -> tuple[dict[str, int], np.ndarray]:
    """Return (vocabulary, idf): terms to distinct column indices 0..n-1, and n finite idf values."""
    if isinstance(value, dict):
        for k in value:
            if k not in ("vocabulary", "idf"):
                raise _FieldError(
                    _join(field, k),
                    "not allowed: trustlex builds its vectorizers with its own fixed settings; "
                    "a model file holds only their vocabulary and idf",
                )
    _fields(value, field, ("vocabulary", "idf"))
    idf = _floats(value["idf"], None, f"{field}.idf")
    vocabulary = value["vocabulary"]
    where = f"{field}.vocabulary"
    if not isinstance(vocabulary, dict):
        raise _FieldError(where, f"must be an object of terms and column numbers, got {_kind(vocabulary)}")
    if getattr(vocabulary, "duplicates", ()):
        raise _FieldError(where, f"term {_short(vocabulary.duplicates[0])} given twice")
    n = len(idf)
    if len(vocabulary) != n:
        raise _FieldError(where, f"{len(vocabulary)} terms for {n} idf values")
    taken = bytearray(n)
    for term, index in vocabulary.items():
        if type(index) is not int or not 0 <= index < n:
            raise _FieldError(where, f"term {_short(term)} has column {_short(index)}, outside 0..{n - 1}")
        if taken[index]:
            raise _FieldError(where, f"column {index} is given to two terms (one is {_short(term)})")
        taken[index] = 1
    return dict(vocabulary), idf


def _check_detector(value: Any, n: int, field: str) -> dict:
    _fields(value, field, ("coef", "intercept", "constant"))
    intercept = _number(value["intercept"], f"{field}.intercept")
    if value["coef"] is None:
        constant = _number(value["constant"], f"{field}.constant", 0.0, 1.0)
        return {"coef": None, "intercept": intercept, "constant": constant}
    if value["constant"] is not None:
        raise _FieldError(f"{field}.constant", "must be null when there are weights")
    return {"coef": _floats(value["coef"], n, f"{field}.coef"), "intercept": intercept, "constant": None}


def _check_valence(value: Any, n: int, field: str) -> dict:
    _fields(value, field, ("classes", "coef", "intercept"))
    classes = value["classes"]
    if not (
        isinstance(classes, list)
        and 1 <= len(classes) <= len(VALENCES)
        and all(isinstance(c, str) and c in VALENCES for c in classes)
        and len(set(classes)) == len(classes)
    ):
        raise _FieldError(
            f"{field}.classes", f"must be distinct valences of {VALENCES}, got {_short(classes)}"
        )
    if value["coef"] is None:
        if len(classes) != 1 or value["intercept"] is not None:
            raise _FieldError(f"{field}.coef", "null, but there are several classes or an intercept")
        return {"classes": classes, "coef": None, "intercept": None}
    if len(classes) < 2:
        raise _FieldError(f"{field}.coef", "must be null for a single class")
    rows = value["coef"]
    if not isinstance(rows, list) or len(rows) != len(classes):
        raise _FieldError(f"{field}.coef", f"must hold one row of weights per class ({len(classes)})")
    coef = np.vstack([_floats(row, n, f"{field}.coef[{i}]") for i, row in enumerate(rows)])
    intercept = _floats(value["intercept"], len(classes), f"{field}.intercept")
    return {"classes": classes, "coef": coef, "intercept": intercept}


def _per_concept(value: Any, field: str, check: Callable[[Any, str], dict]) -> dict[str, dict]:
    _fields(value, field, CONCEPTS)
    return {c: check(value[c], f"{field}.{c}") for c in CONCEPTS}


def _check_versions(value: Any, field: str) -> dict[str, str]:
    if not isinstance(value, dict) or len(value) > 500:
        raise _FieldError(field, f"must be an object of lexicon names and versions, got {_kind(value)}")
    if getattr(value, "duplicates", ()):
        raise _FieldError(_join(field, value.duplicates[0]), "given twice")
    return {_text(k, field): _text(v, _join(field, k)) for k, v in value.items()}


def _check_own(value: Any, field: str) -> list[dict[str, str]]:
    if not isinstance(value, list) or len(value) > 200:
        raise _FieldError(field, f"must be a list of {{name, version}} objects, got {_kind(value)}")
    out = []
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        _fields(item, where, ("name", "version"))
        out.append({k: _text(item[k], f"{where}.{k}") for k in ("name", "version")})
    return out


def _check_body(raw: Any) -> dict[str, Any]:
    """Return a model body with every value checked and converted; raise _FieldError naming the field."""
    _fields(
        raw,
        "",
        ("trustlex", "lexicon_versions", "own_lexicons", "params", "word", "detectors", "valence"),
    )
    body: dict[str, Any] = {
        "trustlex": _text(raw["trustlex"], "trustlex", 100),
        "lexicon_versions": _check_versions(raw["lexicon_versions"], "lexicon_versions"),
        "own_lexicons": _check_own(raw["own_lexicons"], "own_lexicons"),
        "params": _check_params(raw["params"]),
        "word": _check_tfidf(raw["word"], "word"),
    }
    params = body["params"]
    if params["lexicons"] == [] and not body["own_lexicons"]:
        field, msg = "params.lexicons", "an empty list; null means the shipped lexicons"
        raise _FieldError(field, msg)
    n = len(body["word"][1])
    if params["use_lexicon"]:
        n += len(LEXICON_FEATURES)
    body["detectors"] = _per_concept(raw["detectors"], "detectors", lambda v, f: _check_detector(v, n, f))
    body["valence"] = _per_concept(raw["valence"], "valence", lambda v, f: _check_valence(v, n, f))
    return body


def _lexicon_record(
    lang: str, lexicons: Sequence[str] | None
) -> tuple[list[str] | None, dict[str, str], list[dict[str, str]]]:
    """Return what a model's lexicon features come from: (shipped names, versions, own files).

    Shipped names are like ``nl/trust`` (None: every shipped lexicon of the
    text's language, the default); versions are those of the shipped lexicon
    and context files, by name; own files (anything outside the shipped set)
    are recorded by their ``[lexicon]`` name and version, never by path.
    Raises LexiconError when a lexicon file is missing or invalid.
    """
    from trustlex.lexicon import load_context_file, load_lexicon_file
    from trustlex.resources import lexicon_dir, resolve_context, resolve_lexicons

    root = lexicon_dir().resolve()
    specs = list(lexicons) if lexicons else None  # as lexicon_units: an empty list means the default
    names: list[str] | None = None if specs is None else []
    versions: dict[str, str] = {}
    own: dict[str, dict[str, str]] = {}
    for code in LANGUAGES if lang == "auto" else (lang,):
        for path in resolve_lexicons(specs, code):
            lexicon = load_lexicon_file(path)
            name = _shipped_name(path, root)
            if name is None:
                own[str(path.resolve())] = {"name": lexicon.name, "version": lexicon.version}
                continue
            versions[name] = lexicon.version
            if names is not None and name not in names:
                names.append(name)
        context = resolve_context(None, code)
        if context is not None:
            versions[_shipped_name(context, root) or str(context)] = load_context_file(context).version
    recorded_own = sorted(own.values(), key=lambda o: (o["name"], o["version"]))
    return names, dict(sorted(versions.items())), recorded_own


def _shipped_name(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).with_suffix("").as_posix()
    except ValueError:
        return None


def _lexicon_key(names: list[str] | None, own: list[dict[str, str]]) -> tuple:
    return (None if names is None else sorted(names), sorted((o["name"], o["version"]) for o in own))


def _describe_lexicons(names: list[str] | None, own: list[dict[str, str]]) -> str:
    parts = ["the shipped lexicons of each text's language"] if names is None else []
    if names:
        parts.append("shipped " + ", ".join(names))
    if own:
        parts.append("own " + ", ".join(f"{o['name']} {o['version']}" for o in own))
    return "; ".join(parts) or "no lexicons"


# -- training from the lexicon (weak supervision) and combining -----------------------------


DEFAULT_MODEL = "default"


@functools.lru_cache(maxsize=1)
def default_model() -> TrustClassifier:
    """Return the model shipped with trustlex (``model="default"``), loaded once per process.

    It was trained on the train split of the project's coded corpus (Dutch
    and English, see ``coded/README.md`` in the repository) with the shipped
    lexicons; ``coded/train_model.py`` rebuilds it whenever they change.
    """
    from importlib import resources

    path = resources.files("trustlex") / "data" / "model.json"
    with resources.as_file(path) as file:
        return TrustClassifier.load(file, key=False)


def resolve_model(model: Any) -> Any:
    """Return a model to score with: ``"default"`` is the shipped one, a path a saved one, a model itself."""
    if isinstance(model, str) and model == DEFAULT_MODEL:
        return default_model()
    if isinstance(model, str | Path):
        return TrustClassifier.load(model)
    return model


def lexicon_labels(texts: Sequence[str], lang: str | Sequence[str] = "auto") -> pd.DataFrame:
    """Return the lexicon's own gold-format labels for ``texts``, each text one unit.

    ``lang`` is one code, ``"auto"`` (detected per text) or one code per
    text. The labels are exactly what ``trustlex evaluate`` scores.
    """
    from trustlex.evaluate import predict_by_language
    from trustlex.langdetect import detect_languages

    texts = list(texts)
    if isinstance(lang, str):
        codes = detect_languages(texts) if lang == "auto" else [lang] * len(texts)
    else:
        codes = list(lang)
    return labels_frame(predict_by_language(texts, codes))


def train_from_lexicon(texts: Sequence[str], lang: str = "auto", **params: Any) -> TrustClassifier:
    """Fit a classifier on the lexicon's labels of an unlabelled corpus (weak supervision).

    The lexicon features are left out, so that the model must learn the
    words and contexts around the lexicon's cues, which carry over to
    wordings the lexicon lacks.
    """
    texts = text_list(texts)
    return TrustClassifier(lang=lang, use_lexicon=False, **params).fit(texts, lexicon_labels(texts, lang))


def combine(
    lexicon: pd.DataFrame, model: pd.DataFrame, proba: pd.DataFrame, add_above: float = 0.8
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (combined gold-format predictions, which source fired), per text and concept.

    The lexicon's decisions stand (they are explained by entries and cues);
    the model adds a concept the lexicon missed when it is confident
    (probability at least ``add_above``). ``source`` holds ``lexicon``,
    ``model``, ``both`` or ``""`` per cell.
    """
    lex_on = lexicon.to_numpy() != ""
    mod_on = model.to_numpy() != ""
    add = ~lex_on & mod_on & (proba.to_numpy() >= add_above)
    combined = lexicon.mask(add, model)
    source = np.where(lex_on & mod_on, "both", np.where(lex_on, "lexicon", np.where(add, "model", "")))
    return combined, pd.DataFrame(source, index=lexicon.index, columns=lexicon.columns)
