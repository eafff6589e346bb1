"""From annotated Docs to pandas DataFrames at three levels: match, sentence, document.

These functions only read the annotations trustlex wrote (``doc.spans`` and
``doc._.trustlex_sentences``); they never match again, so a frame always
explains exactly what the pipeline decided.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.tokens import Doc

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCE_SUFFIX
from trustlex.engine import Engine, Hit, Sentences, collapse
from trustlex.errors import TrustlexError
from trustlex.langdetect import detect_languages
from trustlex.readers import BLOCK_CHARS, carry_whitespace, clean_text, defuse, text_blocks

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
    if key not in doc.spans or doc._.trustlex_sentences is None:
        msg = (
            f"doc has no spans under {key!r}: run it through a pipeline with the "
            "'trustlex' component (trustlex.load(lang)) first"
        )
        raise TrustlexError(msg)
    return list(doc.spans[key])


def _match_fields(info: dict, start_char: int, end_char: int, text: str, entry_id: str) -> dict:
    """Return the match-level columns (after doc_id and lang) of one hit."""
    return {
        "sent_id": info["sent"],
        "start_char": start_char,
        "end_char": end_char,
        "text": text,
        "concept": info["concept"],
        "valence": info["valence"],
        "base_valence": info["base_valence"],
        "cue": info["cue"],
        "cue_kind": info["cue_kind"],
        "hedged": info["hedged"],
        "hedge": info["hedge"],
        "weight": info["weight"],
        "entry_id": entry_id,
        "kind": info["kind"],
        "lexicon": info["lexicon"],
    }


class _Offsets:
    """Character offsets of a doc's tokens, read in one call rather than per Token object."""

    __slots__ = ("idx", "length")

    def __init__(self, doc: Doc) -> None:
        arr = doc.to_array([IDX, LENGTH])
        self.idx: list[int] = arr[:, 0].tolist()
        self.length: list[int] = arr[:, 1].tolist()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return (start_char, end_char) of tokens ``start`` to ``end`` (exclusive)."""
        return self.idx[start], self.idx[end - 1] + self.length[end - 1]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) without the whitespace at either end (a blank line between sentences)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def hit_fields(doc: Doc, hit: Hit, text: str, offsets: _Offsets) -> dict:
    """Return the match-level columns of a Hit found in ``doc``, whose text is ``text``."""
    start, end = offsets.span(hit.start, hit.end)
    return _match_fields(hit.as_dict(), start, end, text[start:end], hit.entry.id)


def _units(hits: list[Hit], min_weight: float) -> list[dict]:
    return collapse(((h.sent, h.entry.concept, h.valence, h.entry.weight, h) for h in hits), min_weight)


def unit_counts(hits: list[Hit], min_weight: float) -> list[tuple[str, str]]:
    """Return (concept, valence) of every codebook unit (sentence and concept) the hits make up."""
    return [(u["concept"], u["valence"]) for u in _units(hits, min_weight)]


def unit_records(
    doc: Doc,
    hits: list[Hit],
    sents: Sentences,
    min_weight: float,
    text: str | None = None,
    base: dict | None = None,
) -> list[dict]:
    """Return one record per (sentence, concept) with the evidence that explains it.

    These records are what the ``trustlex`` component stores on
    ``doc._.trustlex_sentences`` (plus ``spans``, the indexes of the hits in
    ``doc.spans``) and what the sentence-level frame shows. With ``base``
    (``doc_id`` and ``lang``) they are the frame's rows themselves, built in
    one go for :func:`score_texts`.
    """
    units = _units(hits, min_weight)
    if not units:
        return []
    index = {id(h): i for i, h in enumerate(hits)} if base is None else None
    text = doc.text if text is None else text  # Doc.text joins every token: pass it when known
    offsets = _Offsets(doc)
    out = []
    for u in units:
        hs = u["hits"]
        start, end = _trimmed(text, *offsets.span(*sents.sentence(u["sent"])))
        terms = [text.__getitem__(slice(*offsets.span(h.start, h.end))) for h in hs]
        cues = [f"{h.cue_kind}:{h.cue}" for h in hs if h.cue]
        record = {
            **(base or {}),
            "sent_id": u["sent"],
            "sentence": text[start:end],
            "concept": u["concept"],
            "valence": u["valence"],
            "weight": u["weight"],
            "n_matches": u["n_matches"],
            "terms": "; ".join(terms),
            "cues": "; ".join(dict.fromkeys(cues)),
            "hedged": any(h.hedge is not None for h in hs),
            "entry_ids": "; ".join(dict.fromkeys(h.entry.id for h in hs)),
            "start_char": start,
            "end_char": end,
        }
        if index is not None:
            record["spans"] = [index[id(h)] for h in hs]
        out.append(record)
    return out


def match_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> list[dict]:
    """Return one dict per hit in ``doc``: offsets, text, concept, valence before and after context, cue."""
    base = {"doc_id": doc_id, "lang": lang or doc.lang_}
    spans = _spans(doc, key)
    records = doc._.trustlex_matches or []
    return [
        {**base, **_match_fields(info, span.start_char, span.end_char, span.text, span.id_)}
        for span, info in zip(spans, records, strict=True)
    ]


def _sentence_row(base: dict, unit: dict) -> dict:
    row = dict(base)
    row.update((k, unit[k]) for k in SENTENCE_COLUMNS[2:])
    return row


def sentence_rows(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> list[dict]:
    """Return one dict per (sentence, concept) of ``doc``: the codebook's unit with its evidence."""
    _spans(doc, key)
    base = {"doc_id": doc_id, "lang": lang or doc.lang_}
    return [_sentence_row(base, u) for u in doc._.trustlex_sentences]


def _doc_fields(n_words: int, n_sents: int, n_matches: int, units: list[dict]) -> dict:
    counts = Counter((u["concept"], u["valence"]) for u in units)
    return doc_fields_from_counts(n_words, n_sents, n_matches, counts)


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


def doc_row(doc: Doc, doc_id: Any, lang: str | None = None, key: str = "trustlex") -> dict:
    """Return the wide per-document row: word and sentence counts, and per concept counts and rates.

    Counts are of codebook units (sentences carrying the concept) per valence:
    ``{concept}_pos``, ``_neg``, ``_neu``; ``{concept}_n`` is their sum,
    ``{concept}_rate`` that sum per 1,000 words (tokens that are neither
    punctuation nor space), and ``{concept}_net`` is ``(pos - neg) / n`` in
    [-1, 1], missing (NaN) where the concept is absent.
    """
    spans = _spans(doc, key)
    if len(doc):
        flags = doc.to_array([IS_PUNCT, IS_SPACE])
        n_words = int(len(doc) - np.count_nonzero(flags.any(axis=1)))
        n_sents = len(Sentences.of_doc(doc).starts)
    else:
        n_words = n_sents = 0
    fields = _doc_fields(n_words, n_sents, len(spans), doc._.trustlex_sentences)
    return {"doc_id": doc_id, "lang": lang or doc.lang_, **fields}


def scan_rows(
    engine: Engine,
    doc: Doc,
    text: str,
    base: dict,
    level: str,
    adjust: Callable[[list[Hit]], None] | None = None,
) -> tuple[list[dict], int, int]:
    """Return (rows at ``level``, word count, sentence count) of ``text`` tokenized as ``doc``.

    Each row starts with the fields of ``base``. This is the fast path of
    :func:`score_texts`, also used to score long documents block by block
    (:mod:`trustlex.batch`), which needs the counts to join the blocks.
    ``adjust`` may change the hits (their valence) before rows are built.
    """
    if level == "doc":
        n_words, n_sents, n_matches, counts = scan_counts(engine, doc, adjust)
        return [{**base, **doc_fields_from_counts(n_words, n_sents, n_matches, counts)}], n_words, n_sents
    hits, sents, n_words, n_sents = _scan(engine, doc, adjust)
    if level == "match":
        offsets = _Offsets(doc) if hits else None
        return [{**base, **hit_fields(doc, h, text, offsets)} for h in hits], n_words, n_sents
    rows = unit_records(doc, hits, sents, engine.min_weight, text, base) if hits else []
    return rows, n_words, n_sents


def _scan(
    engine: Engine, doc: Doc, adjust: Callable[[list[Hit]], None] | None
) -> tuple[list[Hit], Sentences, int, int]:
    hits, sents, n_words = engine.scan(doc)
    if adjust is not None and hits:
        adjust(hits)  # e.g. section-aware valence, before the sentence units are formed
    return hits, sents, n_words, len(sents.starts) if len(doc) else 0


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
    hits, _, n_words, n_sents = _scan(engine, doc, adjust)
    return n_words, n_sents, len(hits), Counter(unit_counts(hits, engine.min_weight))


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


def level_columns(level: str) -> list[str]:
    """Return the columns of a frame at ``level`` (match, sentence or doc), in order."""
    return list({"match": MATCH_COLUMNS, "sentence": SENTENCE_COLUMNS}.get(level) or doc_columns())


def _frame(rows: list[dict], level: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=level_columns(level))


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


def _as_pairs(texts: Any) -> Iterator[tuple[Any, str]]:
    """Return an iterator of (doc_id, text) from a list, iterable, mapping or pandas Series of strings.

    A bare string or bytes object is refused here, before any work starts,
    because iterating it would silently score one document per character
    (or per byte value). A mapping gives ``{doc_id: text}``, like a Series.
    """
    if isinstance(texts, str | bytes | bytearray):
        kind = type(texts).__name__
        msg = f"score_texts expects an iterable of texts, got a single {kind}; wrap it in a list: [text]"
        raise TypeError(msg)
    if isinstance(texts, pd.Series | Mapping):
        return _clean_pairs(texts.items())
    return _clean_pairs(enumerate(texts))


def _clean_pairs(pairs: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, str]]:
    for doc_id, text in pairs:
        if isinstance(text, str):
            yield doc_id, clean_text(text)
        elif text is None or text is pd.NA or text is pd.NaT or (isinstance(text, float) and text != text):
            yield doc_id, ""  # blank survey answers are empty documents, not errors
        elif isinstance(text, bytes | bytearray):
            yield doc_id, clean_text(bytes(text).decode("utf-8", errors="replace"))
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
    model: Any = None,
    neutral_as: str | Iterable[str | None] | None = None,
    sections: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Tag ``texts`` and return a DataFrame at ``level`` (``"match"``, ``"sentence"`` or ``"doc"``).

    ``texts`` is any iterable of strings or a pandas Series (whose index
    becomes ``doc_id``; otherwise the 0-based position). ``lang`` is
    ``"nl"``, ``"en"`` or ``"auto"`` (detected per text, offline). Missing
    values (None, NaN) are scored as empty texts. Texts stream through the
    pipeline, so memory does not grow with their number beyond the result rows.

    Section-aware valence for survey exports: ``neutral_as`` (``"+"`` or
    ``"-"``, or one such value or None per text, e.g. from the question a
    comment answers) gives neutral mentions that valence; ``sections``
    (``{"Cons:": "-", "Pros:": "+"}``) does the same for the text after
    each marker, up to the next one. Such hits record ``cue_kind="section"``
    and the marker (or ``neutral_as``) as their cue; valenced hits keep
    their valence.

    With ``model`` (``"default"`` for the model shipped with trustlex, a
    saved model's folder, or a :class:`trustlex.classify.TrustClassifier`),
    at ``level="sentence"``, every sentence is also classified by the model:
    the lexicon's rows stand, the model adds concepts it is confident of,
    and a ``source`` column says ``lexicon``, ``model`` or ``both``.
    """
    from trustlex.pipeline import scoring_pipeline

    _check_level(level)
    if model is not None:
        from trustlex.classify import resolve_model

        return _with_model(texts, lang, level, resolve_model(model), lexicons=lexicons, context=context)
    pairs = _as_pairs(texts)
    if lang not in (*LANGUAGES, "auto"):
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    if (neutral_as is not None or sections) and nlp is not None:
        msg = "neutral_as and sections work with trustlex's own pipeline, not with nlp="
        raise TrustlexError(msg)
    sized = (
        not isinstance(neutral_as, str | None)
        and hasattr(neutral_as, "__len__")
        and hasattr(texts, "__len__")
    )
    if sized and len(neutral_as) != len(texts):
        msg = f"neutral_as has {len(neutral_as)} values for {len(texts)} texts"
        raise TrustlexError(msg)
    defaults = _defaults(neutral_as)
    markers = _section_markers(sections)
    spec = tuple(lexicons) if lexicons else None

    def pipeline(code: str) -> Any:
        return nlp if nlp is not None else scoring_pipeline(code, spec, context)

    def rows_of(pipe: Any, items: Iterable[tuple], code: str) -> Iterator[list[dict]]:
        if nlp is not None:
            stream = ((item[1], item[0]) for item in items)
            for doc, doc_id in pipe.pipe(stream, as_tuples=True, batch_size=batch_size):
                yield _rows(doc, doc_id, level, code)
            return
        # our own pipeline: tokenize, then one fused pass (Engine.scan)
        engine = pipe.get_pipe("trustlex").engine
        make_doc = pipe.make_doc
        for item in items:  # (doc_id, text), plus the neutral default when sectioned
            doc_id, text = item[0], item[1]
            head = {"doc_id": doc_id, "lang": code}
            if len(text) > BLOCK_CHARS:  # in blocks: spaCy's length limit, flat memory
                adjust_for = partial(_sectioner, item[2], markers, text) if sectioned else None
                yield scan_blocks(engine, make_doc, text_blocks(text), head, level, adjust_for)[0]
                continue
            doc = make_doc(text)
            adjust = _sectioner(item[2], markers, text, doc) if sectioned else None
            yield scan_rows(engine, doc, text, head, level, adjust)[0]

    sectioned = neutral_as is not None or markers is not None
    items = ((doc_id, text, next(defaults)) for doc_id, text in pairs) if sectioned else pairs
    rows: list[dict] = []
    if lang != "auto":
        for part in rows_of(pipeline(lang), items, lang):
            rows.extend(part)
        return _frame(rows, level)
    while chunk := list(islice(items, batch_size * 4)):
        out: list[list[dict]] = [[] for _ in chunk]
        by_lang: dict[str, list[int]] = {}
        # a text with no evidence ("OK", a name) takes the language most texts around it have
        for pos, code in enumerate(detect_languages([item[1] for item in chunk])):
            by_lang.setdefault(code, []).append(pos)
        for code, positions in by_lang.items():
            parts = rows_of(pipeline(code), [chunk[p] for p in positions], code)
            for p, part in zip(positions, parts, strict=True):
                out[p] = part
        for part in out:
            rows.extend(part)
    return _frame(rows, level)


def _defaults(neutral_as: Any) -> Iterator[str | None]:
    """Yield the default valence of neutral mentions per text (None: none)."""
    if neutral_as is None or isinstance(neutral_as, str):
        if neutral_as not in (None, "+", "-"):
            msg = f"neutral_as must be '+', '-' or None, got {neutral_as!r}"
            raise TrustlexError(msg)
        while True:
            yield neutral_as
    for n, value in enumerate(neutral_as):
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            yield None
        elif value in ("+", "-"):
            yield value
        else:
            msg = f"neutral_as[{n}] must be '+', '-' or empty, got {value!r}"
            raise TrustlexError(msg)
    msg = "neutral_as has fewer values than there are texts"
    raise TrustlexError(msg)


def _section_markers(sections: dict[str, str] | None) -> tuple[re.Pattern, dict[str, str]] | None:
    """Compile section markers into one case-insensitive pattern, with the valence of each."""
    if not sections:
        return None
    for marker, valence in sections.items():
        if valence not in ("+", "-") or not marker:
            msg = f"sections: {marker!r} must map to '+' or '-', got {valence!r}"
            raise TrustlexError(msg)
    pattern = re.compile(
        "|".join(re.escape(m) for m in sorted(sections, key=len, reverse=True)), re.IGNORECASE
    )
    return pattern, {m.lower(): v for m, v in sections.items()}


def _sectioner(
    default: str | None,
    markers: tuple[re.Pattern, dict[str, str]] | None,
    text: str,
    doc: Doc,
    offset: int = 0,
) -> Callable[[list[Hit]], None]:
    """Return a function that gives neutral hits the valence of their section (or the default).

    ``text`` is the whole document; ``doc`` the block of it that starts at ``offset``.
    """
    found = []
    if markers is not None:
        pattern, valence_of = markers
        found = [(m.start(), valence_of[m.group().lower()], m.group()) for m in pattern.finditer(text)]
    starts = [f[0] for f in found]

    def apply(hits: list[Hit]) -> None:
        for h in hits:
            if h.valence != "0":
                continue
            valence, label = default, "neutral_as"
            if found:
                k = bisect_right(starts, doc[h.start].idx + offset) - 1
                if k >= 0:
                    valence, label = found[k][1], found[k][2]
            if valence in ("+", "-"):
                h.valence, h.cue_kind, h.cue = valence, "section", label
                h.cues = (*h.cues, ("section", label))

    return apply


def _with_model(texts: Any, lang: str, level: str, model: Any, **kw: Any) -> pd.DataFrame:
    """Sentence rows of the lexicon combined with a classifier's sentence decisions (see score_texts).

    One scan per text serves both: the lexicon's rows and, per sentence, the
    words and lexicon evidence the model reads (:mod:`trustlex.features`).
    """
    from trustlex.classify import combine, labels_frame
    from trustlex.features import Scanned, word_hashes
    from trustlex.pipeline import scoring_engine

    if level != "sentence":
        msg = "score_texts(model=...) works at level='sentence', where the model codes sentences"
        raise TrustlexError(msg)
    if kw.get("lexicons") and list(kw["lexicons"]) != list(model.lexicons or []):
        msg = "score_texts(model=...) scores with the lexicons the model was trained with; leave lexicons out"
        raise TrustlexError(msg)
    spec = tuple(model.lexicons) if model.lexicons else None
    rows: list[dict] = []
    scanned = Scanned()
    sentences: list[tuple[Any, str, int, str, int, int]] = []  # (doc_id, lang, sent_id, text, start, end)
    pairs = list(_as_pairs(texts))
    fixed = model.lang if model.lang != "auto" else lang
    codes = detect_languages([t for _, t in pairs]) if fixed == "auto" else [fixed] * len(pairs)
    for (doc_id, text), code in zip(pairs, codes, strict=True):
        nlp, engine = scoring_engine(code, spec, kw.get("context"))
        head = {"doc_id": doc_id, "lang": code}
        sent_base = 0
        pieces = carry_whitespace(text_blocks(text)) if len(text) > BLOCK_CHARS else [(text, 0)]
        for raw, offset in pieces:
            block = defuse(raw)
            doc = nlp.make_doc(block)
            hits, sents, _n = engine.scan(doc)
            n_sents = len(sents.starts) if len(doc) else 0
            for record in unit_records(doc, hits, sents, engine.min_weight, block, head) if hits else []:
                record["sent_id"] += sent_base
                record["start_char"] += offset
                record["end_char"] += offset
                rows.append(record)
            bounds = [sents.sentence(k) for k in range(n_sents)]
            words = word_hashes(doc, bounds)
            per_sent: dict[int, list[Hit]] = {}
            for h in hits:
                per_sent.setdefault(h.sent, []).append(h)
            offsets = _Offsets(doc) if n_sents else None
            for k, (lo, hi) in enumerate(bounds):
                found = per_sent.get(k, [])
                scanned.add(
                    words[k],
                    unit_counts(found, engine.min_weight),
                    [h.entry.concept for h in found if h.cue_kind == "negation"],
                )
                start, end = _trimmed(block, *offsets.span(lo, hi))
                span = (start + offset, end + offset)
                sentences.append((doc_id, code, sent_base + k, block[start:end], *span))
            sent_base += n_sents
    lexicon = _frame(rows, "sentence")
    if not sentences:
        return lexicon.assign(source=pd.Series(dtype=object), probability=pd.Series(dtype=float))
    pred, proba = model.predict_scanned(scanned)
    key = {(s[0], s[2]): i for i, s in enumerate(sentences)}
    lex_rows = [dict.fromkeys(CONCEPTS, "") for _ in sentences]
    for row in lexicon.itertuples(index=False):
        lex_rows[key[row.doc_id, row.sent_id]][row.concept] = row.valence
    combined, source = combine(labels_frame(lex_rows), pred, proba)
    at = [key[d, s] for d, s in zip(lexicon.doc_id, lexicon.sent_id, strict=True)]
    cols = [CONCEPTS.index(c) for c in lexicon.concept]
    lexicon = lexicon.assign(
        source=[source.iat[i, c] for i, c in zip(at, cols, strict=True)],
        probability=[float(proba.iat[i, c]) for i, c in zip(at, cols, strict=True)],
    )
    added = []
    for i, c in zip(*np.nonzero(source.to_numpy() == "model"), strict=True):
        doc_id, code, k, sentence, start, end = sentences[i]
        added.append(
            {
                "doc_id": doc_id,
                "lang": code,
                "sent_id": k,
                "sentence": sentence,
                "concept": CONCEPTS[c],
                "valence": combined.iat[i, c],
                "weight": math.nan,
                "n_matches": 0,
                "terms": "",
                "cues": "",
                "hedged": False,
                "entry_ids": "",
                "start_char": start,
                "end_char": end,
                "source": "model",
                "probability": float(proba.iat[i, c]),
            }
        )
    out = pd.concat([lexicon, pd.DataFrame(added, columns=lexicon.columns)], ignore_index=True)
    order = {i: pos for pos, i in enumerate(dict.fromkeys(s[0] for s in sentences))}
    out["_pos"] = out["doc_id"].map(order)
    return (
        out.sort_values(["_pos", "sent_id", "concept"], kind="stable")
        .drop(columns="_pos")
        .reset_index(drop=True)
    )
