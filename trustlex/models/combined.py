"""The sentence rows of ``score_texts(model=...)``: the lexicon's rows with their source, plus the model's."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS
from trustlex.frame import MODEL_DTYPES, SENTENCE_DTYPES, level_columns, rows_frame, set_dtypes
from trustlex.models.linear import binary_proba, predict_valence
from trustlex.models.sentences import SentenceScan

_COLUMNS = [*level_columns("sentence"), *MODEL_DTYPES]
_DTYPES = {**SENTENCE_DTYPES, **MODEL_DTYPES}
# within a sentence, rows come by concept name, as the lexicon's own rows come (not by codebook order)
_RANK = {c: r for r, c in enumerate(sorted(CONCEPTS))}


def combined_rows(
    rows: list[dict],
    at: list[int],
    sentences: SentenceScan,
    model: Any,
    features: Any,
    foreign: np.ndarray | None,
    id_dtype: Any = None,
) -> pd.DataFrame:
    """Return the lexicon's sentence rows with their source, plus the rows the model adds, in text order.

    ``rows`` are the lexicon's sentence rows, as dicts, and ``at`` holds,
    per row, the index of its sentence in ``sentences`` (and in ``features``, the model's matrix of them). The
    model adds a concept the lexicon did not find where it predicts it with
    a probability of at least its ``add_above``; ``foreign`` marks the
    sentences in a language the model cannot code (None: none), which keep
    the lexicon's rows alone, with a NaN probability. This is
    :func:`trustlex.models.labels.combine` cell by cell, with the model's
    valence and reasons (:meth:`TrustClassifier.reasons`, the ``terms``)
    worked out only for the concepts it adds. ``id_dtype`` is the type of
    ``doc_id`` in an empty frame (see :func:`~trustlex.frame.rows_frame`).
    """
    if not len(sentences):
        return _frame(rows, id_dtype)
    concepts = list(model.concepts_)
    proba = np.column_stack([binary_proba(model.detectors_[c], features) for c in concepts])
    if foreign is not None:
        proba[foreign] = np.nan
    index = {c: k for k, c in enumerate(concepts)}
    at_rows = np.asarray(at, dtype=np.int64)
    cols = np.array([index[r["concept"]] for r in rows], dtype=np.int64)
    found = proba >= model.threshold  # NaN (a foreign sentence): never
    lex_on = np.zeros(proba.shape, dtype=bool)
    lex_on[at_rows, cols] = True
    where = np.nonzero(~lex_on & found & (proba >= model.add_above))
    both, probability = found[at_rows, cols].tolist(), proba[at_rows, cols].tolist()
    for row, is_both, p in zip(rows, both, probability, strict=True):
        row["source"] = "both" if is_both else "lexicon"
        row["probability"] = p
    if not len(where[0]):  # the lexicon's rows come in text order already
        return _frame(rows, id_dtype)
    valence = np.empty(len(where[0]), dtype=object)
    for k in np.unique(where[1]).tolist():
        cells = where[1] == k
        valence[cells] = predict_valence(model.valence_[concepts[k]], features[where[0][cells]])
    pairs = [(int(i), concepts[c]) for i, c in zip(*where, strict=True)]
    why = model.reasons(features, pairs)
    added = [
        _model_row(sentences.fields(i), c, v, float(proba[i, index[c]]), terms)
        for (i, c), v, terms in zip(pairs, valence.tolist(), why, strict=True)
    ]
    if not rows:  # the lexicon's empty frame gives the columns their types
        extra = set_dtypes(pd.DataFrame(added, columns=_COLUMNS), _DTYPES)
        return pd.concat([_frame(rows, id_dtype), extra], ignore_index=True)
    everything = rows + added
    rank = np.array([_RANK[r["concept"]] for r in everything], dtype=np.int64)
    order = np.lexsort((rank, np.concatenate([at_rows, where[0]]))).tolist()
    return set_dtypes(pd.DataFrame([everything[k] for k in order], columns=_COLUMNS), _DTYPES)


def _frame(rows: list[dict], id_dtype: Any) -> pd.DataFrame:
    """The frame of the lexicon's rows, with their source and probability."""
    if rows:
        return set_dtypes(pd.DataFrame(rows, columns=_COLUMNS), _DTYPES)
    empty = rows_frame(rows, "sentence", id_dtype)
    return set_dtypes(
        empty.assign(source=pd.Series(dtype=object), probability=pd.Series(dtype=float)), MODEL_DTYPES
    )


def _model_row(fields: tuple, concept: str, valence: str, probability: float, terms: str) -> dict:
    """The row of a concept the model adds to a sentence where the lexicon found none (``terms``: why)."""
    doc_id, code, k, sentence, start, end = fields
    return {
        "doc_id": doc_id,
        "lang": code,
        "sent_id": k,
        "sentence": sentence,
        "concept": concept,
        "valence": valence,
        "weight": math.nan,
        "n_matches": 0,
        "terms": terms,
        "cues": "",
        "hedged": False,
        "entry_ids": "",
        "start_char": start,
        "end_char": end,
        "referent": "none",  # the model names no party
        "referent_text": None,
        "referent_how": "none",
        "source": "model",
        "probability": probability,
    }
