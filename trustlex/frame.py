"""From annotated Docs to pandas DataFrames at three levels: match, sentence, document.

These functions only read the annotations trustlex wrote (``doc.spans`` and
``doc._.trustlex_sentences``); they never match again, so a frame always
explains exactly what the pipeline decided.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX
from trustlex.errors import TrustlexError
from trustlex.langdetect import detect_language

LEVELS: tuple[str, ...] = ("match", "sentence", "doc")
MATCH_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "lang",
    "sent_id",
    "start_char",
    "end_char",
    "text",
    "concept",
    "valence",
    "base_valence",
    "cue",
    "cue_kind",
    "hedged",
    "hedge",
    "weight",
    "entry_id",
    "kind",
    "lexicon",
)
SENTENCE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "lang",
    "sent_id",
    "sentence",
    "concept",
    "valence",
    "weight",
    "n_matches",
    "terms",
    "cues",
    "hedged",
    "entry_ids",
    "start_char",
    "end_char",
)


def doc_columns() -> list[str]:
    """Return the columns of the document-level frame, in order."""
    cols = ["doc_id", "lang", "n_words", "n_sents", "n_matches"]
    for c in CONCEPTS:
        cols += [f"{c}_{VALENCE_SUFFIX[v]}" for v in ("+", "-", "0")]
        cols += [f"{c}_n", f"{c}_rate", f"{c}_net"]
    return cols


def _spans(doc: Doc, key: str) -> list[Any]:
    if key not in doc.spans:
        msg = (
            f"doc has no spans under {key!r}: run it through a pipeline with the "
            "'trustlex' component (trustlex.load(lang)) first"
        )
        raise TrustlexError(msg)
    return list(doc.spans[key])


def match_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> list[dict]:
    """Return one dict per hit in ``doc``: offsets, text, concept, valence before and after context, cue."""
    spans = _spans(doc, key)
    if not spans:
        return []
    sent_starts = _sent_starts(doc)
    rows = []
    for span in spans:
        info = span._.trustlex or {}
        rows.append(
            {
                "doc_id": doc_id,
                "lang": lang or doc.lang_,
                "sent_id": int(np.searchsorted(sent_starts, span.start, side="right") - 1),
                "start_char": span.start_char,
                "end_char": span.end_char,
                "text": span.text,
                "concept": span.label_,
                "valence": info.get("valence"),
                "base_valence": info.get("base_valence"),
                "cue": info.get("cue"),
                "cue_kind": info.get("cue_kind"),
                "hedged": bool(info.get("hedged")),
                "hedge": info.get("hedge"),
                "weight": info.get("weight"),
                "entry_id": span.id_,
                "kind": info.get("kind"),
                "lexicon": info.get("lexicon"),
            }
        )
    return rows


def _sent_starts(doc: Doc) -> np.ndarray:
    return np.fromiter((s.start for s in doc.sents), dtype=np.int64)


def sentence_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> list[dict]:
    """Return one dict per (sentence, concept) of ``doc``: the codebook's unit with its evidence."""
    units = doc._.trustlex_sentences
    if units is None:
        _spans(doc, key)  # raises the helpful error
    if not units:
        return []
    spans = _spans(doc, key)
    sents = list(doc.sents)
    rows = []
    for u in units:
        sent = sents[u["sent"]]
        hits = [spans[i] for i in u["spans"]]
        cues = [f"{h._.trustlex['cue_kind']}:{h._.trustlex['cue']}" for h in hits if h._.trustlex.get("cue")]
        rows.append(
            {
                "doc_id": doc_id,
                "lang": lang or doc.lang_,
                "sent_id": u["sent"],
                "sentence": sent.text,
                "concept": u["concept"],
                "valence": u["valence"],
                "weight": u["weight"],
                "n_matches": u["n_matches"],
                "terms": "; ".join(h.text for h in hits),
                "cues": "; ".join(dict.fromkeys(cues)),
                "hedged": any(h._.trustlex.get("hedged") for h in hits),
                "entry_ids": "; ".join(dict.fromkeys(h.id_ for h in hits)),
                "start_char": sent.start_char,
                "end_char": sent.end_char,
            }
        )
    return rows


def doc_row(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> dict:
    """Return the wide per-document row: word and sentence counts, and per concept counts and rates.

    Counts are of codebook units (sentences carrying the concept) per valence:
    ``{concept}_pos``, ``_neg``, ``_neu``; ``{concept}_n`` is their sum,
    ``{concept}_rate`` that sum per 1,000 words, and ``{concept}_net`` is
    ``(pos - neg) / n`` in [-1, 1], missing (NaN) where the concept is absent.
    """
    units = doc._.trustlex_sentences
    if units is None:
        _spans(doc, key)
    units = units or []
    if len(doc):
        flags = doc.to_array([IS_PUNCT, IS_SPACE])
        n_words = int(len(doc) - np.count_nonzero(flags.any(axis=1)))
        n_sents = sum(1 for _ in doc.sents)
    else:
        n_words = n_sents = 0
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "lang": lang or doc.lang_,
        "n_words": n_words,
        "n_sents": n_sents,
        "n_matches": len(doc.spans[key]) if key in doc.spans else 0,
    }
    counts = {(u["concept"], u["valence"]): 0 for u in units}
    for u in units:
        counts[(u["concept"], u["valence"])] += 1
    for c in CONCEPTS:
        pos, neg, neu = (counts.get((c, v), 0) for v in ("+", "-", "0"))
        n = pos + neg + neu
        row[f"{c}_pos"], row[f"{c}_neg"], row[f"{c}_neu"] = pos, neg, neu
        row[f"{c}_n"] = n
        row[f"{c}_rate"] = 1000.0 * n / n_words if n_words else 0.0
        row[f"{c}_net"] = (pos - neg) / n if n else math.nan
    return row


def _check_level(level: str) -> None:
    if level not in LEVELS:
        msg = f"level must be one of {', '.join(LEVELS)}, got {level!r}"
        raise TrustlexError(msg)


def _rows(doc: Doc, doc_id: Any, level: str, lang: str | None) -> list[dict]:
    if level == "match":
        return match_rows(doc, doc_id, lang)
    if level == "sentence":
        return sentence_rows(doc, doc_id, lang)
    return [doc_row(doc, doc_id, lang)]


def _frame(rows: list[dict], level: str) -> pd.DataFrame:
    columns = {"match": MATCH_COLUMNS, "sentence": SENTENCE_COLUMNS}.get(level) or doc_columns()
    return pd.DataFrame(rows, columns=list(columns))


def to_frame(
    docs: Iterable[Doc] | Doc, level: str = "sentence", doc_ids: Iterable[Any] | None = None
) -> pd.DataFrame:
    """Return a DataFrame of trustlex annotations of ``docs`` at ``level``.

    ``level="match"`` gives one row per hit (why each tag fired),
    ``"sentence"`` one row per (document, sentence, concept), and ``"doc"``
    one wide row per document. ``doc_ids`` defaults to 0-based positions.
    """
    _check_level(level)
    if isinstance(docs, Doc):
        docs = [docs]
    ids: Iterator[Any] = iter(doc_ids) if doc_ids is not None else iter(range(10**18))
    rows: list[dict] = []
    for doc in docs:
        rows.extend(_rows(doc, next(ids), level, None))
    return _frame(rows, level)


def _as_pairs(texts: Any) -> Iterator[tuple[Any, str]]:
    """Return an iterator of (doc_id, text) from a list, iterable or pandas Series of strings.

    A bare string is refused here, before any work starts, because iterating
    it would silently score one document per character.
    """
    if isinstance(texts, str):
        msg = "score_texts expects an iterable of texts, got a single str; wrap it in a list: [text]"
        raise TypeError(msg)
    return _clean_pairs(texts.items() if isinstance(texts, pd.Series) else enumerate(texts))


def _clean_pairs(pairs: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, str]]:
    for doc_id, text in pairs:
        if isinstance(text, str):
            yield doc_id, text
        elif text is None or (isinstance(text, float) and math.isnan(text)):
            yield doc_id, ""  # blank survey answers are empty documents, not errors
        else:
            msg = f"text {doc_id!r} is a {type(text).__name__}, not a str"
            raise TypeError(msg)


def score_texts(
    texts: Iterable[str] | pd.Series,
    lang: str = "nl",
    level: str = "sentence",
    *,
    lexicons: list[str] | None = None,
    context: str | None = None,
    nlp: Any = None,
    batch_size: int = 512,
) -> pd.DataFrame:
    """Tag ``texts`` and return a DataFrame at ``level`` (``"match"``, ``"sentence"`` or ``"doc"``).

    ``texts`` is any iterable of strings or a pandas Series (whose index
    becomes ``doc_id``; otherwise the 0-based position). ``lang`` is
    ``"nl"``, ``"en"`` or ``"auto"`` (detected per text, offline). Missing
    values (None, NaN) are scored as empty texts. Texts stream through the
    pipeline, so memory does not grow with their number beyond the result rows.
    """
    from trustlex.pipeline import cached_pipeline

    _check_level(level)
    pairs = _as_pairs(texts)
    if lang not in (*LANGUAGES, "auto"):
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    spec = tuple(lexicons) if lexicons else None

    def pipeline(code: str) -> Any:
        return nlp if nlp is not None else cached_pipeline(code, spec, context)

    rows: list[dict] = []
    if lang != "auto":
        pipe = pipeline(lang)
        stream = ((text, doc_id) for doc_id, text in pairs)
        for doc, doc_id in pipe.pipe(stream, as_tuples=True, batch_size=batch_size):
            rows.extend(_rows(doc, doc_id, level, lang))
        return _frame(rows, level)
    while chunk := list(islice(pairs, batch_size * 4)):
        out: list[list[dict]] = [[] for _ in chunk]
        by_lang: dict[str, list[int]] = {}
        for pos, (_, text) in enumerate(chunk):
            by_lang.setdefault(detect_language(text), []).append(pos)
        for code, positions in by_lang.items():
            stream = ((chunk[p][1], p) for p in positions)
            for doc, p in pipeline(code).pipe(stream, as_tuples=True, batch_size=batch_size):
                out[p] = _rows(doc, chunk[p][0], level, code)
        for part in out:
            rows.extend(part)
    return _frame(rows, level)
