"""A shareable HTML report: one self-contained file with charts, tables and the sentences behind them.

No network requests, no external scripts or fonts: the page works offline
and opens from a USB stick. Charts are inline SVG, filtering and search run
in a few lines of inline JavaScript.

The page is rendered from ``trustlex/templates/report.html.j2`` by Jinja2 with
autoescaping on, so text from documents and results files (sentences,
terms, concepts, valences, paths, titles) is always shown as text and never
read as markup; the one data block for scripts is JSON with ``<``, ``>``,
``&``, ``'`` and U+2028/U+2029 escaped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from trustlex.analysis.display import CONCEPT_COLOURS
from trustlex.analysis.report_cells import NO_VALENCE, concept_of, valence_of
from trustlex.analysis.report_parts import (
    UNKNOWN_COLOUR,
    VALENCE_LABELS,
    bar_chart,
    climate_panel,
    page_notes,
    page_rows,
    referent_names,
)
from trustlex.analysis.report_referents import referent_breakdown
from trustlex.batch import read_output, score_folder
from trustlex.batch.outcome import text_column_line
from trustlex.batch.outpaths import refuse_input_as_output
from trustlex.batch.parts import errors_path
from trustlex.batch.results import holds_results
from trustlex.concepts import CONCEPT_NAMES, CONCEPTS, VALENCES
from trustlex.errors import TrustlexError

_NEEDED = ("concept", "valence", "sentence", "terms")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("trustlex", "templates"),
    autoescape=True,  # every template, whatever its file name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> Markup:
    r"""Return ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&`` and ``'`` become ``\u003c``-style escapes, so no ``</script>``
    or ``<!--`` can end or confuse the element, and U+2028/U+2029 (line ends
    to old JavaScript parsers) are escaped too. NaN is not JSON: pass None.
    """
    text = json.dumps(value, ensure_ascii=True, allow_nan=False)
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


_ENV.filters["script_json"] = script_json


def unread_beside(results: Path) -> list[str]:
    """Return where each error of the run that wrote ``results`` is (``path``, ``path row N``).

    ``score --out results.parquet`` lists the files and rows it could not read in
    ``results.errors.csv`` beside it; a report of the results names them as a
    report of the documents does. No error file, or one without ``path`` and
    ``row`` columns: none.
    """
    errors = errors_path(results)
    if not errors.is_file():
        return []
    table = pd.read_csv(errors, dtype=str, keep_default_na=False)
    if not {"path", "row"} <= set(table.columns):
        return []
    return [
        path if row in ("", None) else f"{path} row {row}"
        for path, row in zip(table["path"], table["row"], strict=True)
    ]


def render_report(
    sentences: pd.DataFrame,
    title: str = "Trust language report",
    source: str = "",
    unread: Sequence = (),
    nothing: str | None = None,
    scoring_notes: Sequence[str] = (),
) -> str:
    """Return the report page for a sentence-level frame (``score_texts``/``score_folder`` rows).

    Every row is shown, also rows that trustlex itself does not write (a
    results file edited by hand or by another tool):

    - a concept outside the codebook's twelve is shown under its own name
      (escaped, like all text), after the twelve, in a neutral grey; it is
      in the chart, the table, the filters and the sentences, but not in the
      trust climate, which is defined on the twelve. An empty concept is
      shown as ``(no concept)``.
    - a missing or invalid valence (empty, NaN, anything but ``+``, ``-``,
      ``0``) is shown as "no valence", with the invalid text in the row's
      meta line; in the trust climate such a row counts for neither side, as
      a neutral one does. A numeric 0 (a CSV of only neutral rows reads back
      as numbers) is ``0``.

    A note at the top of the page counts both kinds of rows; none are dropped.
    Another names ``unread``, the files and table rows (``path row N``) that
    could not be read when the documents were scored, ``nothing`` says
    why no document was scored when none was (an empty folder), and
    ``scoring_notes`` are the notes of that scoring (the text column guessed
    for a table, a file read as cp1252), so the page says which column it is about.
    """
    missing = [c for c in _NEEDED if c not in sentences.columns]
    if missing:
        msg = (
            f"the report needs sentence-level rows; missing columns: {', '.join(missing)} "
            "(score with level='sentence')"
        )
        raise TrustlexError(msg)
    # plain text per row, whatever the column's dtype (categorical, nullable, numbers)
    concepts = pd.Series([concept_of(v) for v in sentences["concept"].tolist()], dtype=object)
    valences = pd.Series([valence_of(v) for v in sentences["valence"].tolist()], dtype=object)
    unknown = concepts[~concepts.isin(CONCEPTS)].value_counts().sort_index()
    order = list(CONCEPTS) + [str(c) for c in unknown.index]
    all_valences = [*VALENCES, NO_VALENCE]
    counts = (
        pd.DataFrame({"concept": concepts, "valence": valences})
        .groupby(["concept", "valence"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=order, columns=all_valences, fill_value=0)
    )
    no_valence = int(counts[NO_VALENCE].sum())
    shown = all_valences if no_valence else list(VALENCES)  # "no valence" only when there are such rows
    known = sentences.assign(concept=concepts.to_numpy(), valence=valences.to_numpy())[
        concepts.isin(CONCEPTS).to_numpy()
    ]
    climate = climate_panel(known)
    table = [
        {
            "name": CONCEPT_NAMES.get(str(c), str(c)),
            "unknown": c not in CONCEPT_NAMES,
            "counts": [int(row[v]) for v in shown],
            "total": int(row.sum()),
        }
        for c, row in counts.iterrows()
    ]
    buttons = [
        {"value": c, "colour": CONCEPT_COLOURS.get(c, UNKNOWN_COLOUR)} for c in order if counts.loc[c].sum()
    ]
    referents = referent_names(sentences)
    breakdown = (
        referent_breakdown(sentences, concepts, valences, referents, shown, [*VALENCES, NO_VALENCE])
        if referents is not None
        else None
    )
    rows = page_rows(
        sentences, concepts, valences, referents if referents is not None else [None] * len(sentences)
    )
    summary = {
        "sentences": len(sentences),
        "concepts": int((counts.loc[list(CONCEPTS)].sum(axis=1) > 0).sum()),
        "unknown_concepts": [str(c) for c in unknown.index],
        "no_valence": no_valence,
        "climate_index": climate["index"],
        "referents": {r["name"]: r["total"] for r in breakdown["table"]} if breakdown else {},
    }
    return _ENV.get_template("report.html.j2").render(
        title=title,
        source=source,
        n_rows=len(sentences),
        notes=page_notes(
            {str(c): int(n) for c, n in unknown.items()}, no_valence, unread, nothing, scoring_notes
        ),
        chart=bar_chart(counts, shown),
        climate=climate,
        valences=shown,
        valence_labels=VALENCE_LABELS,
        table=table,
        concept_buttons=buttons,
        referents=breakdown,
        rows=rows,
        summary=summary,
    )


def _check_not_other_results(path: Path, frame: pd.DataFrame) -> None:
    """Raise a TrustlexError when ``path`` holds trustlex results of another level than sentences.

    A document-level or match-level results file lacks the sentence
    columns; scored as a table of texts it would give an empty report, so
    the user is told to score at sentence level instead.
    """
    columns = set(frame.columns)
    if {"n_words", *(f"{c}_n" for c in CONCEPTS)} <= columns:
        kind = "document-level results ('trustlex score' with the default --level doc)"
    elif {"sent_id", "concept", "valence", "base_valence"} <= columns:
        kind = "match-level results ('trustlex score --level match')"
    else:
        return
    missing = ", ".join(c for c in _NEEDED if c not in columns)
    msg = (
        f"{path}: {kind}; the report needs sentence rows (missing columns: {missing}). "
        "Score the documents with 'trustlex score ... --level sentence --out FILE' and report on "
        "that file, or pass the documents themselves to 'trustlex report'"
    )
    raise TrustlexError(msg)


def _check_out(out: Path, data: Any, force: bool) -> None:
    """Refuse, before any scoring, an ``out`` that is an input, or that exists without ``force``."""
    if not isinstance(data, pd.DataFrame):
        inputs = [data] if isinstance(data, (str, Path)) else list(data)
        refuse_input_as_output(out, inputs, "out")
    if out.exists() and not force:
        msg = f"out {out} exists; pass force=True to replace it"
        raise TrustlexError(msg)


def report(
    data: Any,
    out: str | Path,
    title: str = "Trust language report",
    on_error: Callable[[str], None] | None = None,
    *,
    force: bool = False,
    **score: Any,
) -> Path:
    """Write a self-contained HTML report of ``data`` to ``out`` and return its path.

    ``data`` is a sentence-level frame, a results file (CSV or Parquet of
    sentence rows), or files and folders to score first (with
    :func:`trustlex.score_folder`; ``score`` passes options such as ``lang``).

    Parameters
    ----------
    data : pandas.DataFrame, str, Path or list of str or Path
        Sentence rows, a results file, or documents to score.
    out : str or Path
        The ``.html`` file to write.
    title : str, default "Trust language report"
        The page's title and heading.
    on_error : callable, optional
        Called with each document or table row that could not be read
        (``path: row N: kind: message``, as ``trustlex score`` prints it),
        and with why no document was found when there was none. They are
        left out of the report, and a note at its top names them.
    force : bool, default False
        Replace ``out`` if it exists; without it an existing file is refused
        before anything is scored, as by :func:`score_folder` and ``trustlex report``.
    **score
        Options of :func:`score_folder` (``lang``, ``lexicons``, ``referents``, ...), when
        ``data`` names documents.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    TrustlexError
        When ``data`` lacks the sentence columns, or names a results file of
        another level (``trustlex score`` at doc or match level): the
        message names the file and the missing columns. When ``out`` exists
        (without ``force``) or is one of the documents to score.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> rows = trustlex.score_texts(["We trust our manager.", "There is no trust here."], lang="en")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = trustlex.html_report(rows, Path(folder, "report.html"), title="Pilot")
    ...     html = path.read_text(encoding="utf-8")
    >>> path.name, "<title>Pilot</title>" in html
    ('report.html', True)

    Documents are scored first, with the options given:

    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "a.txt").write_text("Ik vertrouw mijn collega.", encoding="utf-8")
    ...     path = trustlex.html_report(folder, Path(folder, "report.html"), lang="nl")
    ...     path.stat().st_size > 0
    True
    """
    _check_out(Path(out), data, force)
    source, unread, nothing, scoring_notes = "", [], None, []
    frame: pd.DataFrame | None
    if isinstance(data, pd.DataFrame):
        frame = data
    else:
        paths = [data] if isinstance(data, (str, Path)) else list(data)
        first = Path(paths[0])
        frame = None
        if len(paths) == 1 and first.is_file() and first.suffix.lower() in (".csv", ".parquet"):
            # a lone CSV is results only when it has trustlex's columns; else it is a table of texts
            frame = read_output(first) if holds_results(first) else None
            if frame is not None and not set(_NEEDED) <= set(frame.columns):
                _check_not_other_results(first, frame)
                frame = None  # a table of texts, not of results: score it
            if frame is not None:  # the run's unreadable files are in its error file: named on the page too
                unread = unread_beside(first)
        if frame is None:
            done = score_folder(paths, level="sentence", progress=False, **score)
            frame = done.frame
            problems = done.error_lines() + ([done.nothing] if done.nothing is not None else [])
            if on_error is not None:
                for problem in problems:
                    on_error(problem)
            unread, nothing, scoring_notes = done.error_places(), done.nothing, done.notes
            if done.text_columns:  # first: the page says which column of each table it is about
                scoring_notes = [text_column_line(done.text_columns), *scoring_notes]
        source = ", ".join(str(p) for p in paths)
    path = Path(out)
    path.write_text(render_report(frame, title, source, unread, nothing, scoring_notes), encoding="utf-8")
    return path
