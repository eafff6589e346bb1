"""The frames of three levels (match, sentence, document): their columns, dtypes and fast scan.

The rows of tagged Docs are read in :mod:`trustlex.annotations`
(:func:`~trustlex.annotations.to_frame`); :func:`scan_rows` gives the same
rows for :func:`trustlex.score_texts` without building Docs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd
from spacy.tokens import Doc

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX
from trustlex.errors import TrustlexError
from trustlex.lexicon.model import MATCH_KINDS
from trustlex.lexicon.referents import NONE, REFERENTS
from trustlex.matching.records import Offsets, hit_fields, unit_counts, unit_records
from trustlex.matching.referents import HOWS
from trustlex.matching.scan import Engine, Hit, Sentences
from trustlex.readers import BLOCK_CHARS, carry_whitespace, defuse, text_blocks

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
    "referent",
    "referent_text",
    "referent_how",
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
    "referent",
    "referent_text",
    "referent_how",
)


def repeated_ids(ids: Iterable[Any]) -> str | None:
    """Return how many of ``ids`` repeat, with up to five of them, or None when every id is unique.

    The one wording of repeated ``doc_id`` values, for :func:`trustlex.score_texts`
    (a Series' index) and :func:`trustlex.batch.score_folder` (a table's id
    column): ``"2 value(s) ('R1', 'R7')"``.
    """
    index = pd.Index(list(ids), dtype=object)
    if index.is_unique:
        return None
    repeated = index[index.duplicated()].unique().tolist()
    more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
    return f"{len(repeated)} value(s) ({', '.join(map(repr, repeated[:5]))}{more})"


def doc_columns() -> list[str]:
    """Return the columns of the document-level frame, in order."""
    cols = ["doc_id", "lang", "n_words", "n_sents", "n_matches"]
    for c in CONCEPTS:
        cols += [f"{c}_{VALENCE_SUFFIX[v]}" for v in ("+", "-", "0")]
        cols += [f"{c}_n", f"{c}_rate", f"{c}_net"]
    return cols


# The pandas dtypes of every column trustlex fills: codes as Categoricals in codebook order, text as
# pandas' string dtype (missing is <NA>, never None in an object column), flags as nullable booleans.
# Valence is ordered (- < 0 < +): an ordinal scale, so sorting, min/max and ``valence > "0"`` mean
# what a reader expects.
VALENCE_ORDER: tuple[str, ...] = ("-", "0", "+")
SOURCES: tuple[str, ...] = ("lexicon", "model", "both")
CONCEPT_DTYPE = pd.CategoricalDtype(list(CONCEPTS))
VALENCE_DTYPE = pd.CategoricalDtype(list(VALENCE_ORDER), ordered=True)
LANG_DTYPE = pd.CategoricalDtype(list(LANGUAGES))
KIND_DTYPE = pd.CategoricalDtype(list(MATCH_KINDS))
SOURCE_DTYPE = pd.CategoricalDtype(list(SOURCES))
# a user's taxonomy may name other groups: _categorical adds them after the shipped ones
REFERENT_DTYPE = pd.CategoricalDtype([*REFERENTS, NONE])
REFERENT_HOW_DTYPE = pd.CategoricalDtype(list(HOWS))
# dtype objects, not aliases: pandas 3's own ``str`` columns compare equal to the alias "string"
TEXT, INT, FLOAT, BOOL, NULLABLE_INT = (
    pd.api.types.pandas_dtype(name) for name in ("string", "int64", "float64", "boolean", "Int64")
)

REFERENT_COLUMN_DTYPES: dict[str, Any] = {
    "referent": REFERENT_DTYPE,
    "referent_text": TEXT,
    "referent_how": REFERENT_HOW_DTYPE,
}
MATCH_DTYPES: dict[str, Any] = {
    "lang": LANG_DTYPE,
    "sent_id": INT,
    "start_char": INT,
    "end_char": INT,
    "text": TEXT,
    "concept": CONCEPT_DTYPE,
    "valence": VALENCE_DTYPE,
    "base_valence": VALENCE_DTYPE,
    "cue": TEXT,
    "cue_kind": TEXT,
    "hedged": BOOL,
    "hedge": TEXT,
    "weight": FLOAT,
    "entry_id": TEXT,
    "kind": KIND_DTYPE,
    "lexicon": TEXT,
    **REFERENT_COLUMN_DTYPES,
}
SENTENCE_DTYPES: dict[str, Any] = {
    "lang": LANG_DTYPE,
    "sent_id": INT,
    "sentence": TEXT,
    "concept": CONCEPT_DTYPE,
    "valence": VALENCE_DTYPE,
    "weight": FLOAT,  # NaN on the rows a model adds
    "n_matches": INT,
    "terms": TEXT,
    "cues": TEXT,
    "hedged": BOOL,
    "entry_ids": TEXT,
    "start_char": INT,
    "end_char": INT,
    **REFERENT_COLUMN_DTYPES,
}
# what a model adds to each sentence row: which of lexicon and model found the concept, and how sure
MODEL_DTYPES: dict[str, Any] = {"source": SOURCE_DTYPE, "probability": FLOAT}
# the columns a folder output starts with; ``row`` is missing for a document that is a whole file
LEAD_DTYPES: dict[str, Any] = {"path": TEXT, "row": NULLABLE_INT, "doc_id": TEXT}


def _doc_dtypes() -> dict[str, Any]:
    out: dict[str, Any] = {"lang": LANG_DTYPE, "n_words": INT, "n_sents": INT, "n_matches": INT}
    for c in CONCEPTS:
        out.update({f"{c}_{VALENCE_SUFFIX[v]}": INT for v in ("+", "-", "0")})
        out.update({f"{c}_n": INT, f"{c}_rate": FLOAT, f"{c}_net": FLOAT})  # net: NaN where absent
    return out


DOC_DTYPES: dict[str, Any] = _doc_dtypes()
LEVEL_DTYPES: dict[str, dict[str, Any]] = {
    "match": MATCH_DTYPES,
    "sentence": SENTENCE_DTYPES,
    "doc": DOC_DTYPES,
}


def _categorical(values: pd.Series, dtype: pd.CategoricalDtype) -> pd.Series:
    """Return ``values`` as ``dtype``; a value outside its categories is added after them, never lost."""
    if isinstance(values.dtype, pd.CategoricalDtype) and values.dtype == dtype:
        return values
    # codes by one lookup in the few categories: cheaper than hashing every value into a new Categorical
    codes = dtype.categories.get_indexer(pd.Index(values))  # an Index, as get_indexer makes of a Series
    unknown = (codes < 0) & values.notna().to_numpy()
    if unknown.any():  # e.g. a user's pipeline for another language: keep its code, after ours
        seen = dict.fromkeys(str(v) for v in values[unknown])
        dtype = pd.CategoricalDtype([*dtype.categories, *seen], ordered=dtype.ordered)
        texts = values.astype(object).where(values.notna(), None).map(lambda v: v if v is None else str(v))
        codes = dtype.categories.get_indexer(pd.Index(texts))
    return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype), index=values.index, name=values.name)


def set_dtypes(frame: pd.DataFrame, dtypes: dict[str, Any]) -> pd.DataFrame:
    """Return ``frame`` with each column named in ``dtypes`` converted to its dtype; others as they are.

    Categorical columns keep a value outside their categories (it is added
    after them), so no code a user's pipeline wrote turns into a missing value.
    An empty text is a missing value (``<NA>``) in every text column: the one
    rule for a field with nothing in it (no cue of a sentence, no hedge of a
    match, a table's empty cell), which CSV could not tell from missing anyway.
    """
    columns = {}
    for name in frame.columns:
        dtype = dtypes.get(name)
        values = frame[name]
        if dtype == TEXT:
            text = values if values.dtype == TEXT else values.astype(TEXT)
            columns[name] = text.mask(text.eq("").fillna(False))
        elif dtype is None or values.dtype == dtype:
            columns[name] = values
        elif isinstance(dtype, pd.CategoricalDtype):
            columns[name] = _categorical(values, dtype)
        else:
            columns[name] = values.astype(dtype)
    return pd.DataFrame(columns, index=frame.index)


def doc_fields_from_counts(
    n_words: int, n_sents: int, n_matches: int, counts: dict[tuple[str, str], int]
) -> dict[str, Any]:
    """Return the document-level columns (after ``doc_id`` and ``lang``) from unit counts.

    ``counts`` maps (concept, valence) to the number of sentences carrying
    the concept with that valence; :mod:`trustlex.batch` sums them over the
    blocks of a long document and calls this once for the whole document.
    """
    row: dict[str, Any] = {"n_words": n_words, "n_sents": n_sents, "n_matches": n_matches}
    get = counts.get
    for c, (k_pos, k_neg, k_neu, k_n, k_rate, k_net) in _DOC_KEYS:
        pos, neg, neu = get((c, "+"), 0), get((c, "-"), 0), get((c, "0"), 0)
        n = pos + neg + neu
        row[k_pos], row[k_neg], row[k_neu], row[k_n] = pos, neg, neu, n
        row[k_rate] = 1000.0 * n / n_words if n_words else 0.0
        row[k_net] = (pos - neg) / n if n else math.nan
    return row


# the per-concept column names of the document row, built once
_DOC_KEYS = tuple((c, tuple(f"{c}_{s}" for s in ("pos", "neg", "neu", "n", "rate", "net"))) for c in CONCEPTS)


def scan_rows(
    engine: Engine,
    doc: Doc,
    text: str,
    base: dict,
    level: str,
    adjust: Callable[[list[Hit]], None] | None = None,
    *,
    count_sents: bool = True,
) -> tuple[list[dict], int, int]:
    """Return (rows at ``level``, word count, sentence count) of ``text`` tokenized as ``doc``.

    Each row starts with the fields of ``base``. This is the fast path of
    :func:`score_texts`, also used to score long documents block by block
    (:mod:`trustlex.batch`), which needs the counts to join the blocks.
    ``adjust`` may change the hits (their valence) before rows are built.
    With ``count_sents=False`` (a document scored whole, at the match or
    sentence level, whose counts nobody reads) the sentence count is 0.
    """
    if level == "doc":
        n_words, n_sents, n_matches, counts = scan_counts(engine, doc, adjust)
        return [{**base, **doc_fields_from_counts(n_words, n_sents, n_matches, counts)}], n_words, n_sents
    hits, sents, n_words, n_sents = _scan(engine, doc, adjust, count_sents=count_sents, text=text)
    if level == "match":
        if not hits:  # no Offsets to build
            return [], n_words, n_sents
        offsets = Offsets(doc)
        return [{**base, **hit_fields(doc, h, text, offsets)} for h in hits], n_words, n_sents
    rows = unit_records(doc, hits, sents, engine.min_weight, text, base) if hits else []
    return rows, n_words, n_sents


def _scan(
    engine: Engine,
    doc: Doc,
    adjust: Callable[[list[Hit]], None] | None,
    referents: bool = True,
    count_sents: bool = True,
    text: str | None = None,
) -> tuple[list[Hit], Sentences, int, int]:
    hits, sents, n_words = engine.scan(doc, referents=referents, text=text)
    if adjust is not None and hits:
        adjust(hits)  # e.g. section-aware valence, before the sentence units are formed
    return hits, sents, n_words, sentence_count(doc, sents.starts, n_words) if count_sents else 0


def sentence_count(doc: Doc, starts: list[int], n_words: int) -> int:
    r"""Return how many sentences ``doc`` has, not counting a last one of whitespace only.

    spaCy's rule starts one at the line break after a final full stop ("Ik vertrouw niemand.\n"
    is two) and a text of spaces is one: no words, so not counted.
    """
    if not n_words or not starts:
        return 0
    if len(starts) == 1 or not doc[-1].text.isspace():  # the common case: one token looked at
        return len(starts)
    return len(starts) - doc[starts[-1] :].text.isspace()


def text_rows(
    engine: Engine,
    make_doc: Callable[[str], Doc],
    text: str,
    base: dict,
    level: str,
    adjust_for: Callable[[Doc, int], Callable[[list[Hit]], None] | None] | None = None,
) -> list[dict]:
    """Return the rows at ``level`` of one document, scanned whole or, when long, in blocks.

    Blocks keep a long text within spaCy's length limit and memory flat;
    ``adjust_for(doc, offset)`` gives the hit adjustment of each block, or
    of the whole doc at offset 0 (see :func:`scan_rows`).
    """
    if len(text) > BLOCK_CHARS:
        return scan_blocks(engine, make_doc, text_blocks(text), base, level, adjust_for)[0]
    doc = make_doc(text)
    adjust = adjust_for(doc, 0) if adjust_for is not None else None
    # a document scored whole: its rows only, so no sentence count (a Token read per doc)
    return scan_rows(engine, doc, text, base, level, adjust, count_sents=level == "doc")[0]


def scan_blocks(
    engine: Engine,
    make_doc: Callable[[str], Doc],
    blocks: Iterable[str],
    base: dict,
    level: str,
    adjust_for: Callable[[Doc, int], Callable[[list[Hit]], None] | None] | None = None,
) -> tuple[list[dict], int]:
    """Score one document given as text blocks; return (rows at ``level``, word count).

    Blocks keep long documents within spaCy's text length limit and memory
    flat (:func:`trustlex.readers.text_blocks`). Sentence numbers and
    character offsets run on across blocks, and the document row counts the
    whole document. ``adjust_for(doc, offset)`` gives each block's
    hit adjustment (see :func:`scan_rows`).
    """
    rows: list[dict] = []
    words = sents = matches = 0
    counts: Counter[tuple[str, str]] = Counter()
    for raw, offset in carry_whitespace(blocks):
        text = defuse(raw)
        doc = make_doc(text)
        adjust = adjust_for(doc, offset) if adjust_for is not None else None
        if level == "doc":  # counts only: the document row is built once, after the last block
            n_words, n_sents, n_matches, block_counts = scan_counts(engine, doc, adjust)
            matches += n_matches
            counts.update(block_counts)
        else:
            found, n_words, n_sents = scan_rows(engine, doc, text, base, level, adjust)
            for row in found:
                row["sent_id"] += sents
                row["start_char"] += offset
                row["end_char"] += offset
            rows.extend(found)
        words += n_words
        sents += n_sents
    if level == "doc":
        rows.append({**base, **doc_fields_from_counts(words, sents, matches, counts)})
    return rows, words


def scan_counts(
    engine: Engine, doc: Doc, adjust: Callable[[list[Hit]], None] | None = None
) -> tuple[int, int, int, Counter[tuple[str, str]]]:
    """Return what a document row is made of: words, sentences, matches and units per (concept, valence).

    The counts of the blocks of a long document add up to those of the
    whole (:mod:`trustlex.batch`), so the row is built once at the end.
    """
    hits, _, n_words, n_sents = _scan(engine, doc, adjust, referents=False)  # a document row names nobody
    return n_words, n_sents, len(hits), Counter(unit_counts(hits, engine.min_weight))


def check_level(level: str) -> None:
    """Raise TrustlexError unless ``level`` is one of :data:`LEVELS`."""
    if level not in LEVELS:
        msg = f"level must be one of {', '.join(LEVELS)}, got {level!r}"
        raise TrustlexError(msg)


def level_columns(level: str) -> list[str]:
    """Return the columns of a frame at ``level`` (match, sentence or doc), in order."""
    return list({"match": MATCH_COLUMNS, "sentence": SENTENCE_COLUMNS}.get(level) or doc_columns())


def rows_frame(rows: list[dict], level: str, doc_id_dtype: Any = None) -> pd.DataFrame:
    """Return ``rows`` as a DataFrame with the columns of ``level``, in order, with their dtypes.

    The dtypes are those of :data:`LEVEL_DTYPES`, also when there are no
    rows; ``doc_id_dtype`` gives ``doc_id`` its type in an empty frame (a
    non-empty one takes it from the ids).
    """
    frame = pd.DataFrame(rows, columns=level_columns(level))
    if not rows and doc_id_dtype is not None:
        frame["doc_id"] = frame["doc_id"].astype(doc_id_dtype)
    return set_dtypes(frame, LEVEL_DTYPES[level])


def text_list(texts: Any) -> list[str]:
    """Return ``texts`` (list, Series or one-column DataFrame) as strings; None and NaN become "".

    A bare string is refused: iterating it would score one character at a time.
    """
    if isinstance(texts, str):
        msg = "expected an iterable of texts, got a single str; wrap it in a list: [text]"
        raise TypeError(msg)
    if isinstance(texts, pd.DataFrame):
        if texts.shape[1] != 1:
            msg = f"expected texts (a list, Series or one-column DataFrame), got {texts.shape[1]} columns"
            raise ValueError(msg)
        texts = texts.iloc[:, 0]
    return ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in texts]
