"""The sentence rows of ``score_texts(model=...)``: the lexicon's rows with their source, plus the model's."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS
from trustlex.frame import MODEL_DTYPES, SENTENCE_DTYPES, set_dtypes
from trustlex.matching.records import trimmed
from trustlex.models.labels import combine

# (doc_id, lang, sent_id, block text, start_char and end_char in the block, block offset) of every
# sentence a model codes: the sentence's text is cut only for the rows the model adds
Sentence = tuple[Any, str, int, str, int, int, int]


def combined_rows(
    lexicon: pd.DataFrame,
    at: np.ndarray,
    sentences: list[Sentence],
    pred: pd.DataFrame,
    proba: pd.DataFrame,
    add_above: float,
    reasons: Callable[[list[tuple[int, str]]], list[str]] | None = None,
) -> pd.DataFrame:
    """Return the lexicon's sentence rows with their source, plus the rows the model adds, in text order.

    ``at`` holds, per lexicon row, the index of its sentence in ``sentences``
    (and in ``pred`` and ``proba``); the model adds a concept from a
    probability of ``add_above`` (the model's own). ``reasons`` gives, for
    (sentence index, concept) pairs, the text of what made the model find
    each (:meth:`TrustClassifier.reasons`): the ``terms`` of the rows it adds.
    """
    cols = np.array([CONCEPTS.index(c) for c in lexicon["concept"].astype(str)], dtype=np.int64)
    lex_labels = np.full((len(sentences), len(CONCEPTS)), "", dtype=object)
    lex_labels[at, cols] = lexicon["valence"].astype(str).to_numpy()
    combined, source = combine(pd.DataFrame(lex_labels, columns=list(CONCEPTS)), pred, proba, add_above)
    sources, probabilities = source.to_numpy(), proba.to_numpy(dtype=float)
    lexicon = lexicon.assign(source=sources[at, cols], probability=probabilities[at, cols])
    where = np.nonzero(sources == "model")
    cells = list(zip(*where, strict=True))
    pairs = [(int(i), CONCEPTS[c]) for i, c in cells]
    why = reasons(pairs) if reasons is not None and pairs else [""] * len(pairs)
    added = [
        _model_row(sentences[i], CONCEPTS[c], combined.iat[i, c], probabilities[i, c], terms)
        for (i, c), terms in zip(cells, why, strict=True)
    ]
    out = set_dtypes(lexicon, MODEL_DTYPES)
    if not added:  # the lexicon's rows come in text order already
        return out
    extra = set_dtypes(pd.DataFrame(added, columns=lexicon.columns), {**SENTENCE_DTYPES, **MODEL_DTYPES})
    out = pd.concat([out, extra], ignore_index=True)
    # text order: by sentence (``sentences`` is in text order), then concepts by name within a
    # sentence, as the lexicon's own rows come (not by codebook order)
    rank = {c: r for r, c in enumerate(sorted(CONCEPTS))}
    concept = np.array([rank[c] for c in out["concept"].astype(str)], dtype=np.int64)
    order = np.lexsort((concept, np.concatenate([at, where[0]])))
    return out.take(order).reset_index(drop=True)


def _model_row(sentence: Sentence, concept: str, valence: str, probability: float, terms: str) -> dict:
    """The row of a concept the model adds to a sentence where the lexicon found none (``terms``: why)."""
    doc_id, code, k, block, start, end, offset = sentence
    start, end = trimmed(block, start, end)
    return {
        "doc_id": doc_id,
        "lang": code,
        "sent_id": k,
        "sentence": block[start:end],
        "concept": concept,
        "valence": valence,
        "weight": math.nan,
        "n_matches": 0,
        "terms": terms,
        "cues": "",
        "hedged": False,
        "entry_ids": "",
        "start_char": start + offset,
        "end_char": end + offset,
        "referent": "none",  # the model names no party
        "referent_text": None,
        "referent_how": "none",
        "source": "model",
        "probability": float(probability),
    }
