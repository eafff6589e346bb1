"""Work units: one text document (or a batch of small ones), or a range of rows of a table.

A unit is scored where it runs (this process, a worker process, a Dask
worker): it reads its own file and returns only its small result rows, its
errors and counts (:class:`UnitResult`). Input problems become error records,
never exceptions, so that one bad file or row never stops a folder.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.lang.lex_attrs import LEX_ATTRS

from trustlex.batch.carried import plain_value, row_meta
from trustlex.batch.options import Options
from trustlex.batch.rowlang import check_lang_column, row_language
from trustlex.collector import frozen_before
from trustlex.errors import ReadError, TrustlexError
from trustlex.frame import (
    doc_fields_from_counts,
    scan_blocks,
)
from trustlex.lang.detect import detect_language, detect_language_or_none
from trustlex.matching.names import Names, row_names, with_names
from trustlex.pipeline import pinned, scoring_engine
from trustlex.readers import (
    Mark,
    Row,
    defuse,
    read_rows,
    read_text_document,
    table_info,
    text_blocks,
)
from trustlex.readers.columns import guess_of, not_found
from trustlex.scoring import score_texts

_PLAIN_ENCODINGS = ("utf-8", "utf-8-sig", "ascii")  # not worth a note
# what one document or row may raise inside the scorer: reported for it, the others are scored
SCORER_ERRORS = (OSError, ValueError, RuntimeError, MemoryError, RecursionError)


@dataclass(frozen=True)
class Unit:
    """One piece of work: a text document, or rows ``[start, stop)`` of a table."""

    path: str  # where to read it
    rel: str  # the ``path`` column: relative to the input root, with forward slashes
    kind: str  # "text" or "table"
    start: int = 0
    stop: int | None = None
    more: tuple[tuple[str, str], ...] = ()  # further small text files (path, rel) scored with this one
    mark: Mark | None = None  # where row ``start`` begins: the unit seeks there, not reading up to it
    sheet: str | None = None  # the sheet of a workbook the rows are in (None: a table without sheets)
    file_rel: str | None = None  # the file's own relative path, when ``rel`` names one of its sheets

    @property
    def source(self) -> str:
        """Return the relative path of the file itself (``rel`` without the sheet of a workbook)."""
        return self.file_rel or self.rel

    @property
    def key(self) -> str:
        """Return a name that is stable across runs (the part file is named after it)."""
        if self.kind == "table":
            return f"{self.rel}#rows={self.start}-{self.stop}"
        return self.rel if not self.more else f"{self.rel}..{self.more[-1][1]}#{len(self.more) + 1}"

    @property
    def files(self) -> tuple[tuple[str, str], ...]:
        """Return the (path, rel) of every file in the unit."""
        return ((self.path, self.rel), *self.more)


@dataclass
class UnitResult:
    """The rows of one unit, its errors and counts; small enough to send between processes."""

    key: str
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    words: int = 0
    docs: int = 0
    notes: list[str] = field(default_factory=list)
    # the columns the unit's table rows carry along, also of rows without hits: an output whose rows
    # all lack hits still has the table's columns
    columns: list[str] = field(default_factory=list)
    # with an id column, the ids of the unit's table rows: the run says which repeat within a file
    ids: list[Any] = field(default_factory=list)
    # a table whose text column was guessed (at its first range): [name, header, column, other text columns]
    guess: list | None = None
    # a table unit's text column as read (named, known by its name, or guessed); None for text documents
    text_column: str | None = None


@frozen_before
def score_unit(unit: Unit, options: Options, model: Any = None) -> UnitResult:
    """Read and score one unit; input problems become error records, never exceptions.

    This is what a worker process or a Dask worker runs: it reads its own
    file, tags it, and returns only rows. With ``model`` (a loaded
    :class:`~trustlex.models.TrustClassifier`, given together with
    ``options.model``) the rows are those of ``score_texts(..., model=model)``.
    """
    # a pipeline lookup checks a dozen lexicon files: once per unit, not once per document
    with pinned():
        if model is not None:
            return score_unit_with_model(unit, options, model)
        return _score_unit(unit, options)


def _score_unit(unit: Unit, options: Options) -> UnitResult:
    """Score one unit without a model (see :func:`score_unit`)."""
    result = UnitResult(unit.key)
    if unit.kind == "text":
        for path, rel in unit.files:
            rows_before = len(result.rows)
            try:
                _score_text_file(path, rel, options, result)
            except ReadError as exc:
                result.errors.append(error_record(exc))
            except (OSError, ValueError, RuntimeError, MemoryError) as exc:  # one bad file, not the folder
                del result.rows[rows_before:]
                result.errors.append(unexpected(rel, exc))
        return result
    try:
        _score_table_unit(unit, options, result)
    except ReadError as exc:
        result.errors.append(error_record(exc))
    except (OSError, ValueError, RuntimeError, MemoryError) as exc:
        result.errors.append(unexpected(unit.rel, exc))
    return result


def unexpected(rel: str, exc: Exception) -> dict:
    """Return the error record of a file that broke the scorer."""
    return {"path": rel, "row": None, "kind": "error", "message": f"{type(exc).__name__}: {exc}"}


def row_failure(rel: str, row: int, exc: Exception) -> dict:
    """Return the error record of a table row that broke the scorer."""
    message = f"{type(exc).__name__}: {exc}"[:500]  # the row has its own column (and place in messages)
    return {"path": rel, "row": row, "kind": "error", "message": message}


def error_record(exc: ReadError) -> dict:
    """Return the error record (path, row, kind, message) of a read error."""
    return {"path": exc.path, "row": exc.row, "kind": exc.kind, "message": exc.detail}


def text_notes(rel: str, encoding: str | None, note: str | None) -> list[str]:
    """Return the notes a text document gets: an unusual encoding, and what its reader noted."""
    notes = []
    if encoding and encoding not in _PLAIN_ENCODINGS:
        notes.append(f"{rel}: read as {encoding}")
    if note:
        notes.append(f"{rel}: {note}")
    return notes


def _score_text_file(path: str, rel: str, options: Options, result: UnitResult) -> None:
    doc = read_text_document(path, rel)
    result.notes.extend(text_notes(rel, doc.encoding, doc.note))
    base: dict[str, Any] = {"path": rel, "row": None}
    if options.id_column:
        base["doc_id"] = None
    rows, words = score_document(doc.blocks, base, options)
    result.rows.extend(rows)
    result.words += words
    result.docs += 1


def table_rows(unit: Unit, options: Options, result: UnitResult) -> Iterator[tuple[Row, str | None]]:
    """Yield the unit's rows with their language (None: no evidence either way); read errors go to ``result``.

    With ``options.lang`` ``"auto"`` each row's language is detected on its
    first 5,000 characters; a row with no evidence ("OK", a name) is left
    to the caller, which gives it the language most rows of the unit have.
    """
    info = table_info(Path(unit.path), unit.rel, options.text_column, sheet=unit.sheet)
    if not info.columns:
        result.notes.append(f"{unit.rel}: empty table (no header, no rows): nothing to score")
        return
    for _ref, column in options.name_columns:
        if column not in info.columns:
            msg = not_found("name column", column, info.columns)
            raise ReadError(msg, path=unit.rel, kind="missing-name")
    check_lang_column(options.lang_column, info.columns, unit.rel)
    result.text_column = info.text_column
    if info.encoding and info.encoding not in _PLAIN_ENCODINGS and unit.start == 0:
        result.notes.append(f"{unit.rel}: read as {info.encoding}")
    taken = [options.id_column, options.lang_column, *(column for _ref, column in options.name_columns)]
    guess = guess_of(info, unit.rel, unit.sheet, taken)
    if guess is not None and unit.start == 0:  # said once per header by the run (guessed_notes)
        result.guess = list(guess)
    rows = read_rows(
        Path(unit.path),
        unit.rel,
        info.text_column,
        options.id_column,
        unit.start,
        unit.stop,
        info=info,
        mark=unit.mark,
        sheet=unit.sheet,
    )
    auto = options.lang == "auto"
    for item in rows:
        if isinstance(item, ReadError):
            result.errors.append(error_record(item))
            continue
        own = row_language(options.lang_column, item, unit.rel) if options.lang_column else None
        if isinstance(own, ReadError):  # a value of the language column that is no language
            result.errors.append(error_record(own))
            continue
        if options.id_column:
            result.ids.append(plain_value(item.doc_id))
        yield item, own or (detect_language_or_none(item.text[:5000]) if auto else options.lang)


def majority_language(found: Counter[str]) -> str:
    """Return the language most rows of a unit were found in (English on a tie or none)."""
    return "nl" if found["nl"] > found["en"] else "en"


def _score_table_unit(unit: Unit, options: Options, result: UnitResult) -> None:
    # A row with no evidence of its language is scored after the others, in the language most
    # rows of the unit have; the rows keep their order.
    found: Counter[str] = Counter()
    done: list[tuple[Row, list[dict] | None]] = []
    for item, code in table_rows(unit, options, result):
        if code is None:
            done.append((item, None))
            continue
        found[code] += 1
        done.append((item, _score_row(unit, item, replace(options, lang=code), result)))
    majority = majority_language(found)
    for item, scored in done:
        if scored is None:
            scored = _score_row(unit, item, replace(options, lang=majority), result)
        result.rows.extend(scored)


def _score_row(unit: Unit, item: Row, options: Options, result: UnitResult) -> list[dict]:
    """Score one table row in ``options.lang``: its rows with the other columns carried along.

    A row that breaks the scorer is one error row with its number; the rows
    around it are scored.
    """
    base = row_base(unit, item, options)
    try:
        names = row_names(options.name_columns, item.meta, f"{unit.rel} row {item.row}")
        scored, words = score_document(text_blocks(item.text), base, options, names)
    except (ValueError, RuntimeError, MemoryError, RecursionError, TrustlexError) as exc:
        result.errors.append(row_failure(unit.rel, item.row, exc))
        return []
    # a workbook's rows carry their sheet (also of a workbook of one sheet, whose path does not show it)
    meta = (
        {"sheet": unit.sheet, **row_meta(item, options)}
        if unit.sheet is not None
        else row_meta(item, options)
    )
    result.columns.extend(k for k in meta if k not in result.columns)
    result.words += words
    result.docs += 1
    return [{**r, **meta} for r in scored]


def row_base(unit: Unit, item: Row, options: Options) -> dict[str, Any]:
    """Return the leading fields of the rows of one table row: path, row and (with an id column) doc_id."""
    base: dict[str, Any] = {"path": unit.rel, "row": item.row}
    if options.id_column:
        base["doc_id"] = plain_value(item.doc_id)  # an empty id cell is a missing id, as in row_meta
    return base


def score_document(
    blocks: Iterable[str], base: dict, options: Options, names: Names = ()
) -> tuple[list[dict], int]:
    """Score one document given as text blocks; return (rows at ``options.level``, word count).

    The language is detected on the first block when ``options.lang`` is
    ``"auto"``; :func:`trustlex.frame.scan_blocks` does the rest. ``names``
    are the parties the document is about (see :func:`trustlex.set_names`).
    """
    blocks = iter(blocks)
    first = next(blocks, None)
    lang = document_language(first, options.lang)
    if first is None:
        if options.level != "doc":
            return [], 0
        return [{**base, "lang": lang, **doc_fields_from_counts(0, 0, 0, Counter())}], 0
    nlp, engine = scoring_engine(lang, options.lexicons, options.context, options.referents)
    head = {**base, "lang": lang}  # the leading fields of every row of this document
    return scan_blocks(engine, with_names(nlp.make_doc, names), chain((first,), blocks), head, options.level)


def document_language(first: str | None, lang: str) -> str:
    """Return the language a text document is scored in: ``lang``, or detected on its first block."""
    if lang != "auto":
        return lang
    if first is None:  # an empty document
        return "en"
    return detect_language(first)


# -- with a model ------------------------------------------------------------------------


def load_model(model: Any, lexicons: list[str] | None = None) -> Any:
    """Return the model to score with: ``"default"`` (shipped), a saved model's folder, or a model itself.

    A saved folder is loaded with ``lexicons``, without scikit-learn; see
    :func:`trustlex.models.saved.scoring_model`.
    """
    from trustlex.models.saved import scoring_model

    return scoring_model(model, lexicons)


@dataclass
class _Text:
    """A document or table row, read and waiting to be scored with the model with the others of its unit."""

    rel: str
    row: int | None  # None for a text document
    base: dict[str, Any]  # the leading fields of its rows
    text: str
    lang: str
    meta: dict[str, Any]  # a table row's other columns
    names: Names = ()  # the parties its name columns name


def score_unit_with_model(unit: Unit, options: Options, model: Any) -> UnitResult:
    """Read one unit and score it with ``model``: the rows of ``score_texts(texts, model=model)``.

    The unit's documents (or rows) are read first, each in the language
    :func:`score_unit` would score it in, then scored together, one call of
    :func:`trustlex.frame.score_texts` per language, so that the model
    classifies the unit's sentences in one go. Read errors are reported as
    without a model; a document or row that breaks the scorer is reported
    and the others are scored.
    """
    result = UnitResult(unit.key)
    if unit.kind == "text":
        texts = _read_text_files(unit, options, result)
    else:
        try:
            texts = _read_table_rows(unit, options, result)
        except ReadError as exc:
            result.errors.append(error_record(exc))
            return result
        except (OSError, ValueError, RuntimeError, MemoryError) as exc:
            result.errors.append(unexpected(unit.rel, exc))
            return result
    _score_with_model(texts, options, model, result)
    return result


def _read_text_files(unit: Unit, options: Options, result: UnitResult) -> list[_Text]:
    texts = []
    for path, rel in unit.files:
        try:
            doc = read_text_document(path, rel)
            result.notes.extend(text_notes(rel, doc.encoding, doc.note))
            blocks = list(doc.blocks)
        except ReadError as exc:
            result.errors.append(error_record(exc))
            continue
        except (OSError, ValueError, RuntimeError, MemoryError) as exc:  # one bad file, not the folder
            result.errors.append(unexpected(rel, exc))
            continue
        base: dict[str, Any] = {"path": rel, "row": None}
        if options.id_column:
            base["doc_id"] = None
        lang = document_language(blocks[0] if blocks else None, options.lang)
        texts.append(_Text(rel, None, base, "".join(blocks), lang, {}))
    return texts


def _read_table_rows(unit: Unit, options: Options, result: UnitResult) -> list[_Text]:
    found: Counter[str] = Counter()
    read: list[tuple[Row, str | None, Names]] = []
    for item, code in table_rows(unit, options, result):
        try:
            names = row_names(options.name_columns, item.meta, f"{unit.rel} row {item.row}")
        except TrustlexError as exc:  # a name cell that holds no name: this row is reported, not scored
            result.errors.append(row_failure(unit.rel, item.row, exc))
            continue
        if code is not None:
            found[code] += 1
        read.append((item, code, names))
    majority = majority_language(found)
    return [
        _Text(
            unit.rel,
            item.row,
            row_base(unit, item, options),
            item.text,
            code or majority,
            row_meta(item, options),
            names,
        )
        for item, code, names in read
    ]


def _scored_with_model(
    texts: list[_Text], options: Options, model: Any, result: UnitResult
) -> list[list[dict] | None]:
    """Return each text's rows (None for a text that broke the scorer, reported in ``result``)."""
    try:
        return list(_model_rows(texts, options, model))
    except SCORER_ERRORS:
        # one text broke the scorer: score them one at a time, to report that one and keep the others
        scored: list[list[dict] | None] = []
        for text in texts:
            try:
                scored.extend(_model_rows([text], options, model))
            except SCORER_ERRORS as exc:
                failure = (
                    unexpected(text.rel, exc) if text.row is None else row_failure(text.rel, text.row, exc)
                )
                result.errors.append(failure)
                scored.append(None)
        return scored


def _score_with_model(texts: list[_Text], options: Options, model: Any, result: UnitResult) -> None:
    if not texts:
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        scored = _scored_with_model(texts, options, model, result)
    # a model that cannot code some texts' language says so as a note of the run (said once by
    # score_folder), not as a Python warning from a worker
    said = (str(w.message).replace("score_texts(model=...): ", "") for w in caught)
    result.notes.extend(dict.fromkeys(said))
    for text, rows in zip(texts, scored, strict=True):
        if rows is not None:
            result.rows.extend(rows)
            result.columns.extend(k for k in text.meta if k not in result.columns)
            result.words += _word_count(text.text, text.lang, options)
            result.docs += 1


def _model_rows(texts: list[_Text], options: Options, model: Any) -> list[list[dict]]:
    """Return each text's rows, scored with the model in one call per language."""
    by_lang: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        by_lang.setdefault(text.lang, []).append(i)
    rows: list[list[dict]] = [[] for _ in texts]
    refs = list(options.referents) if options.referents else None
    for code, positions in by_lang.items():
        series = pd.Series([texts[i].text for i in positions], index=positions, dtype=object)
        names = [texts[i].names for i in positions] if options.name_columns else None
        frame = score_texts(
            series, code, "sentence", model=model, context=options.context, names=names, referents=refs
        )
        for record in frame.to_dict("records"):
            i = record.pop("doc_id")  # the text's place in the unit, its own ids come from base
            rows[i].append({**texts[i].base, **record, **texts[i].meta})
    return rows


def _word_count(text: str, lang: str, options: Options) -> int:
    """Return the words of ``text`` as the lexicon's scan counts them, for the report and the progress bar.

    ``score_texts(model=...)`` returns sentence rows only. A word is a token
    that the language's own lexical attributes call neither punctuation nor
    space, judged on its lowercase form, as :meth:`trustlex.matching.scan.Engine.scan`
    does with the language's default attributes (the pipeline's vocab keeps
    fewer); the verdict is kept per word type.
    """
    nlp, _ = scoring_engine(lang, options.lexicons, options.context, options.referents)
    getters = {**LEX_ATTRS, **nlp.Defaults.lex_attr_getters}
    is_punct = getters.get(IS_PUNCT, lambda s: False)
    is_space = getters.get(IS_SPACE, str.isspace)
    strings = nlp.vocab.strings
    verdicts: dict[int, int] = {}
    words = 0
    for block in text_blocks(text):
        for low in nlp.make_doc(defuse(block)).to_array(LOWER).tolist():
            word = verdicts.get(low)
            if word is None:
                lower = strings[low]
                word = verdicts[low] = int(not (is_punct(lower) or is_space(lower)))
            words += word
    return words
