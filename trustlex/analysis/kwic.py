"""Keyword in context: every trustlex hit with the words around it and the cue that changed its valence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from trustlex.annotations import annotated_spans
from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES, language_code
from trustlex.errors import LanguageError, TrustlexError
from trustlex.lang.detect import detect_language
from trustlex.lexicon.referents import _ID, NONE
from trustlex.matching.records import cue_label
from trustlex.pipeline import cached_pipeline, pinned
from trustlex.readers import BLOCK_CHARS, carry_whitespace, text_blocks
from trustlex.scoring import referents_spec

_COLUMNS = ["doc_id", "sent_id", "left", "keyword", "right", "concept", "valence", "cue", "referent", "entry"]


def check_options(
    concept: str | None, valence: str | None, per: str = "window", referent: str | None = None
) -> None:
    """Raise a TrustlexError for a ``concept``, ``valence`` or ``per`` that :func:`kwic` does not know.

    Called by :func:`kwic`, and by the ``kwic`` command before it reads any
    file, so that a mistyped option is a usage error at once.
    """
    if per not in ("window", "sentence"):
        msg = f"per must be 'window' or 'sentence', got {per!r}"
        raise TrustlexError(msg)
    if concept is not None and concept not in CONCEPTS:
        msg = f"unknown concept {concept!r}; concepts are {', '.join(CONCEPTS)}"
        raise TrustlexError(msg)
    if valence is not None and valence not in VALENCES:
        msg = f"unknown valence {valence!r}; valences are {', '.join(VALENCES)}"
        raise TrustlexError(msg)
    if referent is not None and not _ID.match(referent):
        msg = f"referent must be a referent id (leadership, none, an own file's id), got {referent!r}"
        raise TrustlexError(msg)


def _tagged(doc_id: Any, item: Any, lang: str | None, spec: tuple) -> Iterator[tuple[Doc, int]]:
    """Yield ``item`` as tagged Docs, each with the number of sentences before it in ``item``.

    A Doc is yielded as it is; a text is run through the pipeline of its
    language, in blocks when it is longer than spaCy takes in one go (as
    :func:`~trustlex.score_texts` cuts it), so that a long document is read
    whole and its sentence numbers run on across blocks. ``spec`` is the
    pipeline's (lexicons, context, referents), as
    :func:`~trustlex.pipeline.cached_pipeline` keys it.
    """
    if isinstance(item, Doc):
        yield item, 0
        return
    text = "" if item is None else str(item)
    code = detect_language(text[:BLOCK_CHARS]) if lang == "auto" else lang
    nlp = cached_pipeline(code, *spec)  # type: ignore[arg-type]  # None: refused there, with its own message
    if len(text) <= BLOCK_CHARS:
        yield nlp(text), 0
        return
    before = 0
    for block, _offset in carry_whitespace(text_blocks(text)):
        doc = nlp(block)
        yield doc, before
        before += sum(1 for _ in doc.sents)


def _languages(lang: Any, data: Any) -> Iterable[str | None]:
    """Return the language code of each text of ``data``: ``lang`` repeated, or its own per text.

    Per text, a missing or empty code is ``"auto"``; an unknown one, or another number of codes
    than of texts, is refused before any text is tagged.
    """
    if isinstance(lang, str) or lang is None:
        return repeat(language_code(lang))  # an unknown code: the pipeline refuses it, as it always did
    codes = ["auto" if _missing(c) else language_code(str(c)) for c in list(lang)]
    for i, code in enumerate(codes):
        if code not in (*LANGUAGES, "auto"):
            msg = f"lang of text {i} must be nl, en or auto (or empty: auto), got {list(lang)[i]!r}"
            raise LanguageError(msg)
    if hasattr(data, "__len__") and len(codes) != len(data):
        msg = f"lang gives {len(codes)} languages for {len(data)} texts; give one per text, in their order"
        raise LanguageError(msg)
    return codes


def _missing(code: Any) -> bool:
    """Whether a per-text language is missing (None, NaN, NA or blank): the text is detected."""
    return code is None or (isinstance(code, str) and not code.strip()) or bool(pd.isna(code))


def _row(doc_id: Any, doc: Doc, span: Any, window: int, per: str) -> dict[str, Any]:
    """Return the kwic row of one hit: its context within the sentence and its valence cue."""
    info = span._.trustlex
    sent = span.sent
    lo, hi = (
        (sent.start, sent.end)
        if per == "sentence"
        else (
            max(sent.start, span.start - window),
            min(sent.end, span.end + window),
        )
    )
    return {
        "doc_id": doc_id,
        "sent_id": info["sent"],
        "left": doc[lo : span.start].text,
        "keyword": span.text,
        "right": doc[span.end : hi].text,
        "concept": span.label_,
        "valence": info["valence"],
        "cue": cue_label(info["cue_kind"], info["cue"]) if info["cue"] else "",
        "referent": info.get("referent", NONE),
        "entry": info["entry"],
    }


def kwic(
    data: Any,
    concept: str | None = None,
    valence: str | None = None,
    *,
    window: int = 8,
    lang: str | Sequence[str | None] | pd.Series = "auto",
    per: str = "window",
    spans_key: str | None = None,
    referent: str | None = None,
    lexicons: list[str] | None = None,
    context: str | None = None,
    referents: str | Path | Sequence[str | Path] | None = None,
) -> pd.DataFrame:
    """Return keyword-in-context rows for the trustlex hits in ``data``, with the cue that changed valence.

    ``data`` is an iterable of texts (tagged here, ``lang`` nl, en or auto),
    a pandas Series of texts (its index becomes ``doc_id``), or tagged spaCy
    Docs. ``per="window"`` gives ``window`` tokens either side of the hit
    (within its sentence); ``per="sentence"`` the rest of its sentence.
    Columns: doc_id, sent_id, left, keyword, right, concept, valence, cue,
    referent (who the hit is about) and entry (the lexicon entry that fired,
    for checking an entry against real text).

    Parameters
    ----------
    data : iterable of str, pandas.Series or iterable of spacy.tokens.Doc
        The texts or tagged docs.
    concept : str, optional
        Only hits of this concept.
    valence : str, optional
        Only hits with this valence (after context): ``"+"``, ``"-"`` or ``"0"``.
    window : int, default 8
        Tokens either side of the hit, with ``per="window"``.
    lang : str, list or pandas.Series, default "auto"
        The language of texts: ``"nl"``, ``"en"`` or ``"auto"``, in any case;
        or one such code per text, in the texts' order (a Series: by position,
        such as ``read_corpus(paths, lang_column="taal")["lang"]``), where
        ``None`` or an empty code is ``"auto"``.
    per : str, default "window"
        ``"window"`` or ``"sentence"``.
    spans_key : str, optional
        The span group of tagged Docs (the component's ``spans_key``); by
        default the one it recorded on each doc, ``"trustlex"`` unless changed.
    referent : str, optional
        Only hits about this referent (``"leadership"``, ``"none"``, ...).
    lexicons, context, referents : optional
        The lexicons, context file and referent files texts are tagged with,
        as :func:`~trustlex.score_texts` takes them (shipped ones by default).
        Not for tagged Docs, which keep what their pipeline found.

    Returns
    -------
    pandas.DataFrame
        One row per hit; ``cue`` is ``kind:words`` of the cue that changed
        the valence, empty when none did.

    Raises
    ------
    TrustlexError
        For an unknown ``concept``, ``valence`` (not ``+``, ``-`` or ``0``)
        or ``per``, or a Doc without trustlex spans.

    Examples
    --------
    >>> import trustlex
    >>> texts = [
    ...     "Er is geen vertrouwen in het management.",
    ...     "We trust our manager, but there is no communication at all.",
    ... ]
    >>> rows = trustlex.kwic(texts, window=3)
    >>> print(rows[["doc_id", "left", "keyword", "right", "valence", "cue"]].to_string(index=False))
     doc_id         left          keyword             right valence           cue
          0   Er is geen       vertrouwen in het management       - negation:geen
          1           We            trust      our manager,       +
          1 but there is no communication           at all.       -
    >>> trustlex.kwic(texts, concept="trust", valence="-", per="sentence")["right"].tolist()
    ['in het management.']
    """
    check_options(concept, valence, per, referent)
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        msg = f"window must be a whole number of tokens, 1 or more, got {window!r}"
        raise ValueError(msg)
    if isinstance(data, str):
        msg = "kwic expects an iterable of texts or Docs, got a single str; wrap it in a list"
        raise TypeError(msg)
    items = data.items() if isinstance(data, pd.Series) else enumerate(data)
    langs = _languages(lang, data)
    spec = (tuple(lexicons) if lexicons else None, context, referents_spec(referents))
    rows = []
    with pinned():  # one check of the lexicon files for the whole call, not one per text
        for (doc_id, item), code in zip(items, langs, strict=False):
            for doc, before in _tagged(doc_id, item, code, spec):
                for span in annotated_spans(doc, spans_key, f"doc {doc_id!r}"):
                    info = span._.trustlex
                    if (concept and span.label_ != concept) or (valence and info["valence"] != valence):
                        continue
                    if referent and info.get("referent", NONE) != referent:
                        continue
                    row = _row(doc_id, doc, span, window, per)
                    row["sent_id"] += before
                    rows.append(row)
    return pd.DataFrame(rows, columns=_COLUMNS)
