"""Lightweight classifiers that learn a user's own coding, with the lexicon's evidence as features.

``TrustVectorizer`` turns texts into lexicon features (per concept and
valence: counts, presence, negated counts, rates); ``TrustClassifier``
learns, per concept, whether a text carries it and with which valence, from
word and character n-grams joined with those features, using linear models
whose weights explain every prediction. Models are saved as JSON (no
pickle) with a checksum and the versions they were made with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX, VALENCES
from trustlex.errors import LexiconError, TrustlexError
from trustlex.frame import score_texts, text_list, unit_counts

FORMAT = "trustlex-classifier"
FORMAT_VERSION = 1
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

    Features are word n-grams and character n-grams (TF-IDF), joined with
    :class:`TrustVectorizer` features when ``use_lexicon``; each concept has
    a logistic-regression detector and a valence model, so every
    prediction can be explained by its weights (:meth:`explain`).
    """

    def __init__(
        self,
        lang: str = "auto",
        use_lexicon: bool = True,
        C: float = 4.0,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        lexicon_weight: float = 1.0,
        threshold: float = 0.5,
        lexicons: list[str] | None = None,
    ) -> None:
        self.lang = lang
        self.use_lexicon = use_lexicon
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.lexicon_weight = lexicon_weight
        self.threshold = threshold
        self.lexicons = lexicons

    # -- features ---------------------------------------------------------------------

    def _features(self, texts: list[str], *, fit: bool) -> sparse.csr_matrix:
        blocks = []
        if fit:
            self.word_ = TfidfVectorizer(ngram_range=tuple(self.word_ngrams), sublinear_tf=True, min_df=1)
            blocks.append(self.word_.fit_transform(texts))
        else:
            blocks.append(self.word_.transform(texts))
        if self.char_ngrams:
            if fit:
                # n-grams seen once are noise, unless there is hardly any text to learn from
                min_df = 2 if len(texts) >= 20 else 1
                self.char_ = TfidfVectorizer(
                    analyzer="char_wb", ngram_range=tuple(self.char_ngrams), sublinear_tf=True, min_df=min_df
                )
                blocks.append(self.char_.fit_transform(texts))
            else:
                blocks.append(self.char_.transform(texts))
        if self.use_lexicon:
            if fit:
                self.lexicon_ = TrustVectorizer(self.lang, self.lexicons).fit(texts)
            lex = self.lexicon_.transform(texts)
            # counts and rates on one scale with the TF-IDF columns
            lex = np.log1p(np.minimum(lex, 50.0)) * self.lexicon_weight
            blocks.append(sparse.csr_matrix(lex))
        return sparse.hstack(blocks, format="csr")

    def feature_names(self) -> np.ndarray:
        """Return the names of all feature columns (word:, char:, lex: prefixes)."""
        names = [f"word:{w}" for w in self.word_.get_feature_names_out()]
        if self.char_ngrams:
            names += [f"char:{w}" for w in self.char_.get_feature_names_out()]
        if self.use_lexicon:
            names += [f"lex:{w}" for w in self.lexicon_.get_feature_names_out()]
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
        features = self._features(text_list(X), fit=False)
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

    def save(self, folder: str | Path) -> Path:
        """Write the model to ``folder/model.json`` with a checksum and the versions it was made with."""
        from trustlex import __version__

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        body = {
            "params": {
                **self.get_params(),
                "word_ngrams": list(self.word_ngrams),
                "char_ngrams": list(self.char_ngrams) if self.char_ngrams else None,
            },
            "word": _tfidf_state(self.word_),
            "char": _tfidf_state(self.char_) if self.char_ngrams else None,
            "detectors": {c: _jsonable(d) for c, d in self.detectors_.items()},
            "valence": {c: _jsonable(v) for c, v in self.valence_.items()},
        }
        payload = json.dumps(body, sort_keys=True, separators=(",", ":"))
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "trustlex": __version__,
            "lexicon_versions": _lexicon_versions(self.lang, self.lexicons),
            "sha256": hashlib.sha256(payload.encode("utf-8")).hexdigest(),
            "body": payload,
        }
        path = folder / "model.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: str | Path) -> TrustClassifier:
        """Load a model saved by :meth:`save`; refuse foreign or altered files, warn about versions."""
        from trustlex import __version__

        path = Path(folder) / "model.json" if Path(folder).is_dir() else Path(folder)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            msg = f"{path}: not a trustlex model ({exc})"
            raise ModelError(msg) from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            found = doc.get("format") if isinstance(doc, dict) else None
            msg = f"{path}: not a trustlex model file (format {found!r}, expected {FORMAT!r})"
            raise ModelError(msg)
        if doc.get("format_version") != FORMAT_VERSION:
            msg = f"{path}: model format {doc.get('format_version')}, this trustlex reads {FORMAT_VERSION}"
            raise ModelError(msg)
        payload = doc.get("body")
        if not isinstance(payload, str) or hashlib.sha256(payload.encode("utf-8")).hexdigest() != doc.get(
            "sha256"
        ):
            msg = f"{path}: checksum mismatch: the model file was altered or damaged; refusing to load it"
            raise ModelError(msg)
        body = json.loads(payload)
        params = body.get("params") if isinstance(body, dict) else None
        if not isinstance(params, dict):
            msg = f"{path}: malformed model body (no parameters)"
            raise ModelError(msg)
        saved = doc.get("lexicon_versions") or {}
        changed: list[str] = []
        if params.get("use_lexicon", True):
            try:
                current = _lexicon_versions(params.get("lang", "auto"), params.get("lexicons"))
            except LexiconError as exc:
                msg = f"{path}: the model's lexicon features need a lexicon that is not here: {exc}"
                raise ModelError(msg) from exc
            changed = [
                f"{name} {saved.get(name, '(none)')} -> {current.get(name, '(none)')}"
                for name in sorted(set(saved) | set(current))
                if saved.get(name) != current.get(name)
            ]
        if doc.get("trustlex") != __version__ or changed:
            import warnings

            what = (
                [f"trustlex {doc.get('trustlex')} -> {__version__}"]
                if doc.get("trustlex") != __version__
                else []
            )
            warnings.warn(
                f"{path}: model made with other versions ({'; '.join(what + changed)}): "
                "its lexicon features may differ from this installation's",
                stacklevel=2,
            )
        try:
            return cls._from_body(body)
        except (KeyError, TypeError, ValueError) as exc:
            msg = f"{path}: malformed model body ({type(exc).__name__}: {exc})"
            raise ModelError(msg) from exc

    @classmethod
    def _from_body(cls, body: dict) -> TrustClassifier:
        params = dict(body["params"])
        params["word_ngrams"] = tuple(params["word_ngrams"])
        params["char_ngrams"] = tuple(params["char_ngrams"]) if params["char_ngrams"] else None
        model = cls(**params)
        model.word_ = _tfidf_from(body["word"], analyzer="word")
        if model.char_ngrams:
            model.char_ = _tfidf_from(body["char"], analyzer="char_wb")
        if model.use_lexicon:
            model.lexicon_ = TrustVectorizer(model.lang, model.lexicons).fit([])
        model.concepts_ = list(CONCEPTS)
        model.detectors_ = {c: _from_jsonable(body["detectors"][c]) for c in CONCEPTS}
        model.valence_ = {c: _from_jsonable(body["valence"][c]) for c in CONCEPTS}
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
    return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in model.items()}


def _from_jsonable(model: dict) -> dict:
    out = dict(model)
    for key in ("coef", "intercept"):
        if isinstance(out.get(key), list):
            out[key] = np.asarray(out[key], dtype=float)
    return out


def _tfidf_state(vec: TfidfVectorizer) -> dict:
    return {
        "params": {
            k: (list(v) if isinstance(v, tuple) else v)
            for k, v in vec.get_params().items()
            if k in ("ngram_range", "sublinear_tf", "min_df", "lowercase", "norm", "analyzer")
        },
        "vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()},
        "idf": vec.idf_.tolist(),
    }


def _tfidf_from(state: dict, analyzer: str) -> TfidfVectorizer:
    params = dict(state["params"])
    if params.get("analyzer") not in (analyzer,):
        msg = f"unexpected analyzer {params.get('analyzer')!r}"
        raise ValueError(msg)
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = TfidfVectorizer(**params)
    vec.vocabulary_ = {str(k): int(v) for k, v in state["vocabulary"].items()}
    vec.idf_ = np.asarray(state["idf"], dtype=float)
    if len(vec.idf_) != len(vec.vocabulary_):
        msg = "idf and vocabulary sizes differ"
        raise ValueError(msg)
    return vec


def _lexicon_versions(lang: str, lexicons: list[str] | None = None) -> dict[str, str]:
    """Return the version of every lexicon and context file the model's features come from.

    Shipped files are named like ``nl/trust`` and ``nl/context``; a user's own
    lexicon by its path, so that a model trained on it says which file and
    version it needs. Raises LexiconError when a lexicon file is missing.
    """
    from trustlex.lexicon import load_context_file, load_lexicon_file
    from trustlex.resources import lexicon_dir, resolve_context, resolve_lexicons

    root = lexicon_dir().resolve()

    def key(path: Path) -> str:
        try:
            return path.resolve().relative_to(root).with_suffix("").as_posix()
        except ValueError:
            return str(path)

    codes = LANGUAGES if lang == "auto" else (lang,)
    out = {}
    for code in codes:
        for path in resolve_lexicons(lexicons, code):
            out[key(path)] = load_lexicon_file(path).version
        context = resolve_context(None, code)
        if context is not None:
            out[key(context)] = load_context_file(context).version
    return dict(sorted(out.items()))


# -- training from the lexicon (weak supervision) and combining -----------------------------


def lexicon_labels(texts: Sequence[str], lang: str | Sequence[str] = "auto") -> pd.DataFrame:
    """Return the lexicon's own gold-format labels for ``texts``, each text one unit.

    ``lang`` is one code, ``"auto"`` (detected per text) or one code per
    text. The labels are exactly what ``trustlex evaluate`` scores.
    """
    from trustlex.evaluate import predict_by_language
    from trustlex.langdetect import detect_language

    texts = list(texts)
    if isinstance(lang, str):
        codes = [detect_language(t) if lang == "auto" else lang for t in texts]
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
