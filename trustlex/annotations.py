"""Tagged Docs to rows and DataFrames: read what the trustlex component wrote on each Doc.

These functions only read the annotations (``doc.spans`` and
``doc._.trustlex_sentences``); they never match again, so a frame always
explains exactly what the pipeline decided. The columns and dtypes are those
of :mod:`trustlex.frame`, shared with :func:`trustlex.score_texts`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Span

from trustlex.components import SPANS_KEY
from trustlex.errors import TrustlexError
from trustlex.frame import (
    SENTENCE_COLUMNS,
    check_level,
    doc_fields_from_counts,
    rows_frame,
    sentence_count,
)
from trustlex.matching.records import match_fields
from trustlex.matching.scan import Sentences


def annotated_spans(doc: Doc, key: str | None = None, name: str = "doc") -> list[Span]:
    """Return the trustlex spans of ``doc`` under ``key``; raise a TrustlexError saying what is missing.

    ``key`` None is the span key the component recorded on the doc (its
    ``spans_key`` option), else ``"trustlex"``. A doc without those spans,
    or with the spans but without the component's data (a ``DocBin`` saved
    without ``store_user_data=True`` keeps spans, not extension values), is
    an error whose message names the key and what to do; ``name`` is how it
    names the doc.
    """
    key = key or doc._.trustlex_spans_key or SPANS_KEY
    if key not in doc.spans:
        groups = (
            f" (its span groups: {', '.join(map(repr, doc.spans))}; pass spans_key=)" if doc.spans else ""
        )
        msg = (
            f"{name} has no spans under {key!r}{groups}: run it through a pipeline with the "
            "'trustlex' component (trustlex.load(lang)) first"
        )
        raise TrustlexError(msg)
    if doc._.trustlex_sentences is None or doc._.trustlex_matches is None:
        msg = (
            f"{name} has spans under {key!r} but not their trustlex data (doc._.trustlex_matches): "
            "a DocBin keeps it only when saved with DocBin(store_user_data=True)"
        )
        raise TrustlexError(msg)
    return list(doc.spans[key])


def match_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str | None = None) -> list[dict]:
    """Return one dict per span in ``doc.spans[key]``, in its order: offsets, text, concept, valence, cue.

    Each row is its span's own record (``span._.trustlex``), so a span group
    the user sorted or filtered gives the rows of the spans it holds.
    """
    base = {"doc_id": doc_id, "lang": lang or doc.lang_}
    key = key or doc._.trustlex_spans_key or SPANS_KEY
    rows = []
    for span in annotated_spans(doc, key):
        info = span._.trustlex
        if info is None:  # a span added by hand: no hit of the component's stands behind it
            msg = f"span {span.text!r} at {span.start_char}-{span.end_char} under {key!r} is no trustlex hit"
            raise TrustlexError(msg)
        rows.append({**base, **match_fields(info, span.start_char, span.end_char, span.text, span.id_)})
    return rows


def _sentence_row(base: dict, unit: dict) -> dict:
    row = dict(base)
    row.update((k, unit[k]) for k in SENTENCE_COLUMNS[2:])
    return row


def sentence_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str | None = None) -> list[dict]:
    """Return one dict per (sentence, concept) of ``doc``: the codebook's unit with its evidence."""
    annotated_spans(doc, key)
    base = {"doc_id": doc_id, "lang": lang or doc.lang_}
    return [_sentence_row(base, u) for u in doc._.trustlex_sentences]


def _doc_fields(n_words: int, n_sents: int, n_matches: int, units: list[dict]) -> dict:
    counts = Counter((u["concept"], u["valence"]) for u in units)
    return doc_fields_from_counts(n_words, n_sents, n_matches, counts)


def doc_row(doc: Doc, doc_id: Any, lang: str | None = None, key: str | None = None) -> dict:
    """Return the wide per-document row: word and sentence counts, and per concept counts and rates.

    Counts are of codebook units (sentences carrying the concept) per valence:
    ``{concept}_pos``, ``_neg``, ``_neu``; ``{concept}_n`` is their sum,
    ``{concept}_rate`` that sum per 1,000 words (tokens that are neither
    punctuation nor space), and ``{concept}_net`` is ``(pos - neg) / n`` in
    [-1, 1], missing (NaN) where the concept is absent.
    """
    spans = annotated_spans(doc, key)
    if len(doc):
        flags = doc.to_array([IS_PUNCT, IS_SPACE])
        n_words = int(len(doc) - np.count_nonzero(flags.any(axis=1)))
        n_sents = sentence_count(doc, Sentences.of_doc(doc).starts, n_words)
    else:
        n_words = n_sents = 0
    fields = _doc_fields(n_words, n_sents, len(spans), doc._.trustlex_sentences)
    return {"doc_id": doc_id, "lang": lang or doc.lang_, **fields}


def doc_rows(doc: Doc, doc_id: Any, level: str, lang: str | None, key: str | None = None) -> list[dict]:
    """Return the rows of one annotated ``doc`` at ``level``, from its spans under ``key``.

    ``key`` None is the key the component recorded (see :func:`annotated_spans`).
    """
    if level == "match":
        return match_rows(doc, doc_id, lang, key)
    if level == "sentence":
        return sentence_rows(doc, doc_id, lang, key)
    return [doc_row(doc, doc_id, lang, key)]


def to_frame(
    docs: Iterable[Doc] | Doc,
    level: str = "sentence",
    doc_ids: Iterable[Any] | None = None,
    *,
    spans_key: str | None = None,
) -> pd.DataFrame:
    """Return a DataFrame of trustlex annotations of ``docs`` at ``level``.

    ``level="match"`` gives one row per hit (why each tag fired),
    ``"sentence"`` one row per (document, sentence, concept), and ``"doc"``
    one wide row per document. ``doc_ids`` defaults to 0-based positions.

    Parameters
    ----------
    docs : spacy.tokens.Doc or iterable of Doc
        Documents tagged by a pipeline from :func:`load`.
    level : str, default "sentence"
        ``"match"``, ``"sentence"`` or ``"doc"``.
    doc_ids : iterable, optional
        One id per document, for the ``doc_id`` column.
    spans_key : str, optional
        The span group the component wrote (its ``spans_key`` option); by
        default the one it recorded on each doc, ``"trustlex"`` unless changed.

    Returns
    -------
    pandas.DataFrame
        The same columns as :func:`score_texts` at ``level``.

    Examples
    --------
    >>> import trustlex
    >>> nlp = trustlex.load("en")
    >>> doc = nlp("I do not trust them. Maybe they care.")
    >>> hits = trustlex.to_frame(doc, level="match")
    >>> print(hits[["sent_id", "text", "concept", "valence", "cue", "hedge"]].to_string(index=False))
     sent_id      text     concept valence  cue hedge
           0     trust       trust       -  not  <NA>
           1 they care benevolence       + <NA> Maybe
    >>> rows = trustlex.to_frame([doc], level="sentence", doc_ids=["a"])
    >>> rows[["doc_id", "sent_id", "concept", "valence", "hedged"]].values.tolist()
    [['a', 0, 'trust', '-', False], ['a', 1, 'benevolence', '+', True]]
    >>> wide = trustlex.to_frame(doc, level="doc")
    >>> print(wide[["n_sents", "trust_neg", "trust_net"]].to_string(index=False))
     n_sents  trust_neg  trust_net
           2          1       -1.0
    """
    check_level(level)
    if isinstance(docs, Doc):
        docs = [docs]
    ids: Iterator[Any] = iter(doc_ids) if doc_ids is not None else iter(range(10**18))
    rows: list[dict] = []
    for doc in docs:
        rows.extend(doc_rows(doc, next(ids), level, None, spans_key))
    return rows_frame(rows, level, None if doc_ids is not None else "int64")
