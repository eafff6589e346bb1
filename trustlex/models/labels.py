"""Labels in the gold format, and the lexicon's own labels of texts taken as one unit each.

Gold-format labels are one ``{concept: valence}`` per text, or a DataFrame
with one column per concept holding ``+``, ``-``, ``0`` or ``""``. The
lexicon's labels (:func:`predict_by_language`, :func:`lexicon_labels`) are
what ``trustlex evaluate`` scores and what weak supervision learns from;
:func:`combine` joins them with a classifier's.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.lang.detect import detect_language, detect_languages
from trustlex.matching.records import unit_counts
from trustlex.matching.units import collapse
from trustlex.pipeline import cached_pipeline, scoring_engine, tagger


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


def check_classes(labels: pd.DataFrame, caller: str) -> None:
    """Refuse labels a concept's detector cannot learn from, and name a concept with one valence.

    A concept coded in every text leaves its detector no text without it to
    learn from: it would find the concept in every text, with probability 1.
    That raises ValueError naming the concepts, as scikit-learn's
    ``LogisticRegression`` refuses one class. A concept coded with one valence only gets that valence
    wherever the model finds it: a UserWarning per such concept says so. A
    concept coded in no text is never predicted, which needs no word.
    """
    present = labels != ""
    everywhere = [c for c in labels.columns if len(labels) and present[c].all()]
    if everywhere:
        one = len(everywhere) == 1
        texts = "the one text" if len(labels) == 1 else f"all {len(labels)} texts"
        msg = (
            f"{caller}: {', '.join(everywhere)} {'is' if one else 'are'} coded in {texts} (one class only), "
            f"so the model cannot learn when {'it is' if one else 'they are'} absent and would find "
            f"{'it' if one else 'them'} in every text; add texts without {'it' if one else 'them'} "
            "(labels {} for a text with no concept)"
        )
        raise ValueError(msg)
    for c in labels.columns:
        seen = labels[c][present[c]]
        if len(seen) and seen.nunique() == 1:
            v, texts = seen.iloc[0], f"{len(seen)} coded text{'' if len(seen) == 1 else 's'}"
            msg = (
                f"{caller}: {c} has one valence only ({v!r}) in {texts}, so every {c} "
                f"the model finds gets {v!r}; code texts with its other valences to learn them"
            )
            warnings.warn(msg, UserWarning, stacklevel=3)


def labels_dicts(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Return gold-format predictions as one ``{concept: valence}`` dict per text (labels_frame's inverse)."""
    return [{str(c): v for c, v in row.items() if v} for row in frame.to_dict("records")]


def combine(
    lexicon: pd.DataFrame, model: pd.DataFrame, proba: pd.DataFrame, add_above: float = 0.8
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (combined gold-format predictions, which source fired), per text and concept.

    The lexicon's decisions stand (they are explained by entries and cues);
    the model adds a concept the lexicon missed when it is confident
    (probability at least ``add_above``). ``source`` holds ``lexicon``,
    ``model``, ``both`` or ``""`` per cell: ``both`` says that the model
    found the concept too, not that it agrees on the valence, which is the
    lexicon's also where the model's would differ.
    """
    lex_on = lexicon.to_numpy() != ""
    mod_on = model.to_numpy() != ""
    add = ~lex_on & mod_on & (proba.to_numpy() >= add_above)
    combined = lexicon.mask(add, model)
    source = np.where(lex_on & mod_on, "both", np.where(lex_on, "lexicon", np.where(add, "model", "")))
    return combined, pd.DataFrame(source, index=lexicon.index, columns=lexicon.columns)


def model_codes_only(
    model: Any, codes: Sequence[str], pred: pd.DataFrame, proba: pd.DataFrame, where: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``pred`` and ``proba`` with the units in a language the model was not trained on cleared.

    A model trained on one language (``lang="nl"``) cannot code texts of the
    other: its words and lexicon columns are those of its language. Such
    units keep the lexicon's decisions alone (the model adds nothing, its
    probability is NaN), and one warning names the model's language and
    theirs, so that nothing is lost without a word.
    """
    foreign = foreign_units(model, codes, where, stacklevel=4)
    if foreign is None:
        return pred, proba
    pred, proba = pred.copy(), proba.astype(float)
    pred.loc[foreign, :] = ""
    proba.loc[foreign, :] = np.nan
    return pred, proba


def foreign_units(model: Any, codes: Sequence[str], where: str, stacklevel: int = 3) -> np.ndarray | None:
    """Return which units are in a language ``model`` was not trained on (None: none), warning once if any.

    See :func:`model_codes_only`; ``stacklevel`` is the warning's, as for
    :func:`warnings.warn` called in this function.
    """
    own = getattr(model, "lang", "auto")
    foreign = np.array([c != own for c in codes], dtype=bool) if own != "auto" else None
    if foreign is None or not foreign.any():
        return None
    found = sorted({c for c, f in zip(codes, foreign, strict=True) if f})
    message = (
        f"{where}: the model was trained on {own!r} texts and cannot code texts in "
        f"{', '.join(map(repr, found))}: those were scored with the lexicon alone"
    )
    warnings.warn(message, UserWarning, stacklevel=stacklevel)
    return foreign


def predict_units(texts: list[str], lang: str, *, nlp: Any = None, **load_kw: Any) -> list[dict[str, str]]:
    """Return predicted ``{concept: valence}`` per text, treating each text as one unit."""
    pipe = nlp or cached_pipeline(lang, tuple(load_kw.get("lexicons") or ()) or None, load_kw.get("context"))
    min_weight = tagger(pipe).engine.min_weight
    return [unit_labels(doc._.trustlex_matches, min_weight) for doc in pipe.pipe(texts, batch_size=256)]


def predict_by_language(
    texts: list[str], langs: list[str], *, lexicons: list[str] | None = None, context: str | None = None
) -> list[dict[str, str]]:
    """Return :func:`predict_units` per text, each text run by the pipeline of its language.

    ``lexicons`` may mix both languages' names and files; each language
    keeps its own, and a language with texts but no lexicon in the list is
    a :class:`~trustlex.errors.LexiconError` (its texts would otherwise be
    labelled by the shipped lexicons, passed off as the user's). Texts in
    a language outside nl/en get no labels.
    """
    preds: list[dict[str, str]] = [{} for _ in texts]
    for code in LANGUAGES:
        idx = [i for i, c in enumerate(langs) if c == code]
        if not idx:
            continue
        # the whole list: load() keeps this language's files, and refuses a list with none
        out = predict_units([texts[i] for i in idx], code, lexicons=lexicons, context=context)
        for i, p in zip(idx, out, strict=True):
            preds[i] = p
    return preds


def unit_labels(matches: Iterable[dict[str, Any]], min_weight: float = 1.0) -> dict[str, str]:
    """Return ``{concept: valence}`` of match records (``doc._.trustlex_matches``) taken as one unit."""
    items = ((0, m["concept"], m["valence"], m["weight"], m.get("entry")) for m in matches)
    return {u["concept"]: u["valence"] for u in collapse(items, min_weight)}


def lexicon_units(
    texts: Sequence[str], lang: str = "auto", lexicons: list[str] | None = None, context: str | None = None
) -> list[tuple[int, list[tuple[str, str]], list[Any]]]:
    """Return, per text, (word count, its units as (concept, valence), its hits), in one fast pass."""
    spec = tuple(lexicons) if lexicons else None
    out = []
    engines: dict[str, Any] = {}  # looked up once per language: the lookup checks the lexicon files
    for text in texts:
        code = lang if lang != "auto" else detect_language(text)  # "en" for empty text
        if code not in engines:
            engines[code] = scoring_engine(code, spec, context)
        nlp, engine = engines[code]
        hits, _, n_words = engine.scan(nlp.make_doc(text))
        out.append((n_words, unit_counts(hits, engine.min_weight), hits))
    return out


def lexicon_labels(
    texts: Sequence[str], lang: str | Sequence[str] = "auto", *, lexicons: list[str] | None = None
) -> pd.DataFrame:
    """Return the lexicon's own gold-format labels for ``texts``, each text one unit.

    ``lang`` is one code, ``"auto"`` (detected per text) or one code per
    text; ``lexicons`` are the lexicons to label with (names, files or
    folders, either language's; default: the shipped ones). The labels are
    exactly what ``trustlex evaluate`` scores.
    """
    texts = list(texts)
    if isinstance(lang, str):
        codes = detect_languages(texts) if lang == "auto" else [lang] * len(texts)
    else:
        codes = list(lang)
    return labels_frame(predict_by_language(texts, codes, lexicons=lexicons))
