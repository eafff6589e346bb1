"""Score texts straight to DataFrames: :func:`score_texts`, with survey sections and classifiers.

This is the layer above the models: it tokenizes with trustlex's private
scoring pipeline (:func:`trustlex.pipeline.scoring_pipeline`), scans with
the engine and builds rows with :mod:`trustlex.frame`; with ``model=`` it
also asks a classifier (:mod:`trustlex.models`) about every sentence.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from itertools import islice
from typing import Any

import pandas as pd

from trustlex.annotations import doc_rows
from trustlex.collector import frozen_before
from trustlex.concepts import LANGUAGES, language_code
from trustlex.errors import LanguageError, TrustlexError
from trustlex.frame import check_level, repeated_ids, rows_frame, text_rows
from trustlex.lang.detect import detect_languages
from trustlex.matching.names import Names, known_referents, names_per_text, set_names, with_names
from trustlex.matching.records import unit_records
from trustlex.matching.sections import neutral_defaults, section_markers, sectioner
from trustlex.models.combined import combined_rows
from trustlex.models.labels import foreign_units
from trustlex.models.modelfile import check_lexicons_match
from trustlex.models.saved import scoring_model
from trustlex.models.sentences import SentenceScan
from trustlex.pipeline import (
    FileSpec,
    FileSpecs,
    file_name,
    file_names,
    scoring_engine,
    scoring_pipeline,
    tagger,
)
from trustlex.readers import BLOCK_CHARS, carry_whitespace, clean_text, defuse, text_blocks
from trustlex.readers.columns import known_text_column
from trustlex.readers.html import watch_markup


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
    if isinstance(texts, pd.DataFrame):  # iterating it gives its column names, scored as texts
        shown = ", ".join(repr(str(c)) for c in list(texts.columns)[:5])
        more = f" and {len(texts.columns) - 5} more" if len(texts.columns) > 5 else ""
        names = [c for c in texts.columns if isinstance(c, str)]
        column = known_text_column(names) or (names[0] if names else "text")
        msg = (
            f"score_texts takes a Series of texts, not a DataFrame (columns {shown}{more}); "
            f"pass the text column: frame[{column!r}]"
        )
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
            name = type(text).__name__
            msg = f"text {doc_id!r} is {'an' if name[0] in 'aeiou' else 'a'} {name}, not a string"
            raise TypeError(msg)


@frozen_before
def score_texts(
    texts: Iterable[str | None] | Mapping[Any, str | None] | pd.Series,
    lang: str | None = None,
    level: str = "sentence",
    *,
    lexicons: FileSpecs | None = None,
    context: FileSpec | None = None,
    nlp: Any = None,
    batch_size: int = 512,
    model: Any = None,
    neutral_as: str | Iterable[str | None] | None = None,
    sections: dict[str, str] | None = None,
    names: Mapping[str, Any] | Iterable[Mapping[str, Any] | Names | None] | None = None,
    referents: FileSpecs | None = None,
) -> pd.DataFrame:
    """Tag ``texts`` and return a DataFrame at ``level`` (``"match"``, ``"sentence"`` or ``"doc"``).

    ``texts`` is any iterable of strings or a pandas Series (whose index
    becomes ``doc_id``; otherwise the 0-based position). ``lang`` is
    ``"nl"``, ``"en"`` or ``"auto"`` (detected per text, offline). Missing
    values (None, NaN, ``pd.NA``) are scored as empty texts, with the same
    rows as ``""`` (none, or at ``level="doc"`` one with zero words). Texts
    stream through the pipeline, so memory does not grow with their number
    beyond the result rows.

    Section-aware valence for survey exports: ``neutral_as`` (``"+"`` or
    ``"-"``, or one such value or None per text, e.g. from the question a
    comment answers) gives neutral mentions that valence; ``sections``
    (``{"Cons:": "-", "Pros:": "+"}``) does the same for the text after
    each marker, up to the next one. Hits valenced by ``neutral_as`` record
    ``cue_kind="section"`` and the cue ``neutral_as``; those valenced by a
    marker record it as their cue, with ``cue_kind`` ``positive`` or
    ``negative`` as a modifier would. Valenced hits keep their valence.

    With ``model`` (``"default"`` for the model shipped with trustlex, a
    saved model's folder, or a :class:`trustlex.models.TrustClassifier`),
    at ``level="sentence"``, every sentence is also classified by the model:
    the lexicon's rows stand, the model adds concepts it is confident of,
    and a ``source`` column says which found the concept: ``lexicon``,
    ``model`` or ``both`` (the valence of a ``both`` row is the lexicon's).

    Parties no taxonomy can know, such as the company a review is about,
    are given by ``names``: ``{"organisation": ["Walmart", "Wal-Mart"]}``
    for every text, or one such mapping (or None) per text, e.g. built from
    a company column. Their occurrences count as mentions of that referent
    (see :mod:`trustlex.matching.names` for how names match).

    Parameters
    ----------
    texts : iterable of str, mapping of id to str, or pandas.Series
        The texts (None or NaN: an empty text); a Series' index, or a
        mapping's keys, becomes ``doc_id`` (a repeated index value gives one
        warning: those texts' rows share a ``doc_id``).
    lang : str, optional
        ``"nl"``, ``"en"`` or ``"auto"``, in any case (``"EN"`` is ``"en"``).
        By default the language of ``nlp`` when one is given, else ``"auto"``
        (as ``trustlex score``, ``score_folder`` and ``kwic``): English text
        scored as Dutch finds almost nothing, and says nothing about it.
    level : str, default "sentence"
        ``"match"`` (one row per hit), ``"sentence"`` (one row per document,
        sentence and concept) or ``"doc"`` (one wide row per document); see
        :func:`to_frame`.
    lexicons : str, Path or a list of them, optional
        Shipped names (``"nl/trust"``, ``"nl/*"``), TOML files or folders
        instead of every shipped lexicon.
    context : str or Path, optional
        A context-cue file replacing the shipped one.
    nlp : spacy.language.Language, optional
        A pipeline of your own (from :func:`load`, or a spaCy model with
        trustlex added); by default trustlex's own scan, which gives the same
        rows faster.
    batch_size : int, default 512
        Texts per batch through the pipeline.
    model : str, path or TrustClassifier, optional
        A classifier that adds concepts per sentence (see above).
    neutral_as : str or iterable of str or None, optional
        The valence for neutral mentions, for all texts or per text.
    sections : dict of str to str, optional
        Section markers and the valence of the text after each.
    names : mapping or iterable of mappings, optional
        Referent id -> name(s) the texts are about, for all texts or per text.
    referents : str, Path or a list of them, optional
        Referent taxonomy files extending (or replacing) the shipped one, as
        for :func:`load`; each language takes the files written for it.

    Returns
    -------
    pandas.DataFrame
        The rows at ``level``, with ``doc_id`` and ``lang`` first.

    Raises
    ------
    LanguageError
        For a ``lang`` other than ``"nl"``, ``"en"`` or ``"auto"``.
    TypeError
        For a single string, a DataFrame (iterating it would score its
        column names: pass its text column) or a text that is no string.

    Examples
    --------
    One row per sentence and concept, with the valence after context:

    >>> import trustlex
    >>> texts = ["Ik vertrouw mijn manager niet.", "We trust our manager."]
    >>> rows = trustlex.score_texts(texts, lang="auto")
    >>> print(rows[["doc_id", "lang", "concept", "valence", "terms", "cues"]].to_string(index=False))
     doc_id lang concept valence       terms          cues
          0   nl   trust       - Ik vertrouw negation:niet
          1   en   trust       +       trust          <NA>

    One wide row per document, ``doc_id`` from a Series' index:

    >>> import pandas as pd
    >>> comments = pd.Series({"r1": "Er is geen communicatie.", "r2": "Goede samenwerking."})
    >>> docs = trustlex.score_texts(comments, lang="nl", level="doc")
    >>> print(docs[["doc_id", "n_sents", "communication_neg", "communication_net"]].to_string(index=False))
    doc_id  n_sents  communication_neg  communication_net
        r1        1                  1               -1.0
        r2        1                  0                NaN

    Every hit, with the cue that changed its valence:

    >>> hits = trustlex.score_texts(["I do not trust them."], lang="en", level="match")
    >>> hits[["text", "concept", "base_valence", "valence", "cue", "cue_kind"]].values.tolist()
    [['trust', 'trust', '+', '-', 'not', 'negation']]

    Survey sections give neutral mentions the section's valence:

    >>> answer = ["Pros: communication. Cons: management and communication."]
    >>> rows = trustlex.score_texts(answer, lang="en", sections={"Pros:": "+", "Cons:": "-"})
    >>> rows[["sent_id", "concept", "valence"]].values.tolist()
    [[0, 'communication', '+'], [1, 'communication', '-']]
    >>> trustlex.score_texts(["Communicatie"], lang="nl", neutral_as="-")["valence"].tolist()
    ['-']

    The company a review is about, named per text:

    >>> rows = trustlex.score_texts(["HCA doesn't care."], lang="en", names=[{"organisation": "HCA"}])
    >>> rows[["concept", "referent", "referent_text"]].values.tolist()
    [['benevolence', 'organisation', 'HCA']]
    """
    check_level(level)
    lang = _default_language(nlp) if lang is None else language_code(lang)
    lexicons, context = file_names(lexicons), file_name(context)  # spaCy's config takes no Path
    _warn_repeated_ids(texts)
    if model is not None:
        resolved = scoring_model(model, lexicons)
        refs = referents_spec(referents)
        kw = {"lexicons": lexicons, "context": context, "names": names, "referents": refs}
        return _with_model(texts, lang, level, resolved, **kw)
    pairs = watch_markup(_as_pairs(texts))
    _check_options(texts, lang, nlp, neutral_as, sections, names, referents)
    defaults = neutral_defaults(neutral_as)
    markers = section_markers(sections)
    sectioned = neutral_as is not None or markers is not None
    spec = (tuple(lexicons) if lexicons else None, context, referents_spec(referents))
    scorer = _Scorer(level, nlp, spec, batch_size, markers, sectioned)
    if sectioned or names is not None:
        per_text = names_per_text(names, () if nlp is not None else known_referents(file_names(referents)))
        items: Iterable[tuple] = ((i, t, next(defaults), next(per_text)) for i, t in pairs)
    else:
        items = pairs
    rows: list[dict] = []
    if lang != "auto":
        for part in scorer.rows(items, lang):
            rows.extend(part)
        return rows_frame(rows, level, _id_dtype(texts))
    while chunk := list(islice(items, batch_size * 4)):
        rows.extend(scorer.rows_by_language(chunk))
    return rows_frame(rows, level, _id_dtype(texts))


def _default_language(nlp: Any) -> str:
    """Return the language to score in when none is given: a pipeline's own, else ``"auto"``."""
    own = getattr(nlp, "lang", None)
    return own if own in LANGUAGES else "auto"


def _warn_repeated_ids(texts: Any) -> None:
    """Warn once when a Series' index repeats: its texts then share a ``doc_id``.

    Repeated ids may be meant (several answers of one respondent), so this
    is no error; but rows of those texts cannot be told apart or joined to
    one document (``compare`` and ``climate`` with ``docs=`` refuse them).
    """
    if not isinstance(texts, pd.Series) or texts.index.is_unique:
        return
    message = (
        f"score_texts: the texts' index repeats {repeated_ids(texts.index)}: those texts share a doc_id, "
        "so their rows cannot be told apart by document; pass texts.reset_index(drop=True) for unique ids"
    )
    warnings.warn(message, UserWarning, stacklevel=3)


def _id_dtype(texts: Any) -> Any:
    """Return the dtype of ``doc_id`` in an empty result: the Series' index's, else positions (int64)."""
    if isinstance(texts, pd.Series):
        return texts.index.dtype
    return object if isinstance(texts, Mapping) else "int64"


def referents_spec(referents: Any) -> tuple[str, ...] | None:
    """Return referent files as the pipeline cache keys them: a tuple of str, or None for none."""
    if not referents:
        return None
    return (str(referents),) if isinstance(referents, str | os.PathLike) else tuple(map(str, referents))


def _check_options(
    texts: Any, lang: str, nlp: Any, neutral_as: Any, sections: Any, names: Any = None, referents: Any = None
) -> None:
    """Refuse a bad ``lang``, and section or name options that cannot apply, before any work starts."""
    if lang not in (*LANGUAGES, "auto"):
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise LanguageError(msg)
    if (neutral_as is not None or sections) and nlp is not None:
        msg = "neutral_as and sections work with trustlex's own pipeline, not with nlp="
        raise TrustlexError(msg)
    if referents and nlp is not None:  # the pipeline's own component has its taxonomy
        msg = "referents= works with trustlex's own pipeline; give the files to nlp's trustlex component"
        raise TrustlexError(msg)
    sized = (
        not isinstance(neutral_as, str | None)
        and hasattr(neutral_as, "__len__")
        and hasattr(texts, "__len__")
    )
    if sized and len(neutral_as) != len(texts):
        msg = f"neutral_as has {len(neutral_as)} values for {len(texts)} texts"
        raise TrustlexError(msg)
    if isinstance(names, str | bytes):
        msg = "names must map referent ids to names ({'organisation': 'Walmart'}) or hold one per text"
        raise TrustlexError(msg)
    per_text = not isinstance(names, Mapping | None) and hasattr(names, "__len__")
    if per_text and hasattr(texts, "__len__") and len(names) != len(texts):
        msg = f"names has {len(names)} values for {len(texts)} texts"
        raise TrustlexError(msg)


class _Scorer:
    """Rows of texts at one level, by trustlex's own scan or by a user's pipeline (``nlp=``)."""

    def __init__(
        self,
        level: str,
        nlp: Any,
        spec: tuple[tuple[str, ...] | None, str | None, tuple[str, ...] | None],
        batch_size: int,
        markers: tuple[re.Pattern, dict[str, str]] | None,
        sectioned: bool,
    ) -> None:
        self.level, self.nlp, self.spec = level, nlp, spec  # (lexicons, context, referents)
        self.batch_size, self.markers, self.sectioned = batch_size, markers, sectioned

    def rows(self, items: Iterable[tuple], code: str) -> Iterator[list[dict]]:
        """Yield the rows of each item: (doc_id, text), or (doc_id, text, neutral default, names)."""
        if self.nlp is not None:
            make = self.nlp.make_doc
            stream = ((with_names(make, it[3])(it[1]) if len(it) > 3 else it[1], it[0]) for it in items)
            for doc, doc_id in self.nlp.pipe(stream, as_tuples=True, batch_size=self.batch_size):
                yield doc_rows(doc, doc_id, self.level, code)
            return
        # our own pipeline: tokenize, then one fused pass (Engine.scan)
        pipe = scoring_pipeline(code, *self.spec)
        engine = tagger(pipe).engine
        for item in items:
            doc_id, text = item[0], item[1]
            head = {"doc_id": doc_id, "lang": code}
            adjust_for = partial(sectioner, item[2], self.markers, text) if self.sectioned else None
            make_doc = with_names(pipe.make_doc, item[3]) if len(item) > 3 else pipe.make_doc
            yield text_rows(engine, make_doc, text, head, self.level, adjust_for)

    def rows_by_language(self, chunk: list[tuple]) -> Iterator[dict]:
        """Yield the rows of ``chunk`` in its order, each text scored in its detected language."""
        out: list[list[dict]] = [[] for _ in chunk]
        by_lang: dict[str, list[int]] = {}
        # a text with no evidence ("OK", a name) takes the language most texts around it have
        for pos, code in enumerate(detect_languages([item[1] for item in chunk])):
            by_lang.setdefault(code, []).append(pos)
        for code, positions in by_lang.items():
            parts = self.rows([chunk[p] for p in positions], code)
            for p, part in zip(positions, parts, strict=True):
                out[p] = part
        for part in out:
            yield from part


def _with_model(texts: Any, lang: str, level: str, model: Any, **kw: Any) -> pd.DataFrame:
    """Sentence rows of the lexicon combined with a classifier's sentence decisions (see score_texts).

    One scan per text serves both: the lexicon's rows and, per sentence, the
    words and lexicon evidence the model reads (:mod:`trustlex.models.sentences`).
    """
    if level != "sentence":
        msg = "score_texts(model=...) works at level='sentence', where the model codes sentences"
        raise TrustlexError(msg)
    check_lexicons_match(model, kw.get("lexicons"), "score_texts(model=...)")
    spec = tuple(model.lexicons) if model.lexicons else None
    rows: list[dict] = []
    at: list[int] = []  # per lexicon row, the index of its sentence in ``sentences``
    per_text = names_per_text(kw.get("names"), known_referents(kw.get("referents")))
    sentences = SentenceScan()
    pairs = list(_as_pairs(texts))
    # the user's language decides how each text is read; a one-language model codes only its own
    codes = detect_languages([t for _, t in pairs]) if lang == "auto" else [lang] * len(pairs)
    engines: dict[
        str, tuple[Any, Any]
    ] = {}  # looked up once per language: the lookup checks the lexicon files
    for (doc_id, text), code in zip(pairs, codes, strict=True):
        if code not in engines:
            engines[code] = scoring_engine(code, spec, kw.get("context"), kw.get("referents"))
        _scan_text(*engines[code], doc_id, code, text, (rows, at), sentences, next(per_text))
    if not len(sentences):
        return combined_rows(rows, at, sentences, model, None, None, _id_dtype(texts))
    features = sentences.features(model)
    foreign = foreign_units(model, sentences.codes(), "score_texts(model=...)")
    return combined_rows(rows, at, sentences, model, features, foreign, _id_dtype(texts))


def _scan_text(
    nlp: Any,
    engine: Any,
    doc_id: Any,
    code: str,
    text: str,
    out: tuple[list[dict], list[int]],
    sentences: SentenceScan,
    names: Names = (),
) -> None:
    """Scan one text: add its lexicon rows, and its sentences with their lexicon decisions, to ``sentences``.

    ``out`` holds the lexicon rows and, per row, the index of its sentence in
    ``sentences``.
    """
    rows, at = out
    head = {"doc_id": doc_id, "lang": code}
    sent_base = 0
    pieces = carry_whitespace(text_blocks(text)) if len(text) > BLOCK_CHARS else [(text, 0)]
    for raw, offset in pieces:
        block = defuse(raw)
        doc = set_names(nlp.make_doc(block), names) if names else nlp.make_doc(block)
        hits, sents, _n = engine.scan(doc, text=block)
        starts = sents.starts if len(doc) else []
        first = sentences.add(doc, starts, doc_id, code, sent_base, block, offset)
        if hits:
            found, negated = sentences.found, sentences.negated
            for record in unit_records(doc, hits, sents, engine.min_weight, block, head):
                k = first + record["sent_id"]
                found.append((k, record["concept"], record["valence"]))
                at.append(k)
                record["sent_id"] += sent_base
                record["start_char"] += offset
                record["end_char"] += offset
                rows.append(record)
            negated.extend((first + h.sent, h.entry.concept) for h in hits if h.cue_kind == "negation")
        sent_base += len(starts)
