"""Score folders of documents into one table: every format, nothing lost, resumable, parallel.

The work is cut into *units*: one text document (txt, md, html, docx, pdf),
or a range of rows of a table (csv, tsv, jsonl, xlsx). A unit is scored
where it runs (in this process, a worker process, or a Dask worker) and
sends back only its small result rows. With an output file, every finished
unit is written at once to a part file in ``<out>.parts/`` (atomically, so
a killed run leaves no half-written part); a rerun of the same command
skips the finished units, and the parts are joined, in a fixed order, into
the output when all are done. The same inputs therefore give the same rows
whatever the worker count, the engine or the interruptions.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from trustlex.batch.dask import dask_client, run_dask
from trustlex.batch.executors import progress as progress_bar
from trustlex.batch.executors import run_local
from trustlex.batch.executors import start_method as start_method_of
from trustlex.batch.options import check_arguments, check_lexicons, run_options
from trustlex.batch.outcome import FolderReport, count, nothing_to_score
from trustlex.batch.parts import (
    Packed,
    Parts,
    errors_path,
    finished_parts,
    input_stamp,
    merge,
    neutralise_frame,
    output_columns,
    part_format,
    score_and_pack,
    union,
)
from trustlex.batch.plan import plan
from trustlex.batch.runstate import (
    _Lock,
    _remove_leftovers,
    _signature,
    _state_paths,
    refuse_input_as_output,
    require_out_folder,
    watch_interrupts,
)
from trustlex.batch.schema import typed_output
from trustlex.batch.units import Options, Unit, UnitResult, load_model, score_unit
from trustlex.concepts import language_code
from trustlex.errors import GuessedColumnWarning, ReadError, RunError
from trustlex.frame import repeated_ids
from trustlex.readers.columns import guessed_notes


def score_folder(
    path: str | Path | Iterable[str | Path],
    out: str | Path | None = None,
    level: str = "doc",
    lang: str = "auto",
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    glob: str | None = None,
    workers: int = 1,
    dask: Any = None,
    force: bool = False,
    lexicons: list[str] | None = None,
    context: str | None = None,
    progress: bool | None = None,
    follow_links: bool = False,
    csv_safe: bool = True,
    model: Any = None,
    start_method: str | None = None,
    name_columns: dict[str, str] | None = None,
    referents: str | Path | list[str | Path] | None = None,
) -> FolderReport:
    """Score every document under ``path`` (a file, a folder or several) and return a report.

    Text documents (txt, md, html, docx, pdf) give one document each;
    tables (csv, tsv, jsonl, xlsx) one per row, their other columns carried
    along. Rows carry ``path`` (relative to the input root) and ``row`` (for
    tables). With ``out`` (``.csv`` or ``.parquet``) the run is resumable:
    rerunning after an interruption continues where it stopped; an existing
    output is replaced only with ``force=True``. Unreadable documents and
    rows are reported in ``report.errors`` (and ``<stem>.errors.csv`` beside ``out``) and
    skipped. ``workers`` processes score in parallel on this machine;
    ``dask`` (``"local"``, a scheduler address or a ``distributed.Client``)
    runs the same units on a Dask cluster, with identical results.
    ``start_method`` (``"fork"``, ``"spawn"`` or ``"forkserver"``; default:
    ``$TRUSTLEX_START_METHOD``, else ``"fork"`` on Linux and the platform's
    default elsewhere) is how the worker processes start; each loads its
    pipelines once when it starts, and the output is the same with every one.
    ``progress`` shows a progress bar (default: when stderr is a terminal).
    ``follow_links`` reads files that are symbolic links to places outside
    the folder given (by default they are reported and left out).
    ``csv_safe`` (default) prefixes CSV cells from documents that start
    with ``=``, ``+``, ``-`` or ``@`` with an apostrophe, so that spreadsheet
    programs show them as text instead of running them (see :func:`neutralise`).

    ``model`` (``"default"`` for the model shipped with trustlex, a saved
    model's folder, or a :class:`~trustlex.models.TrustClassifier`), at
    ``level="sentence"``, also classifies every sentence: each document's
    rows are those of :func:`trustlex.score_texts` with the same model
    (lexicon rows, plus the concepts the model is confident of, with
    ``source`` and ``probability``), with resuming, workers, Dask and error
    rows as without a model. The model scores with the lexicons it was
    trained with (``lexicons`` must be left out or name those), in its own
    language if it has one. Another model is another command: an unfinished
    run does not resume with it.

    The output never overwrites an input: ``out`` that resolves to an input
    document raises :class:`TrustlexError`, ``force`` or not. While a run
    writes ``out`` it holds ``<out>.lock``; a second run of the same output
    raises :class:`~trustlex.errors.RunError`, as does a full disk (the
    finished parts stay, and the same command resumes).

    Parameters
    ----------
    path : str, Path or iterable of str or Path
        A file, a folder (read recursively) or several.
    out : str or Path, optional
        A ``.csv`` or ``.parquet`` file to write; without it the scores are
        kept in memory (``report.frame``).
    level : str, default "doc"
        ``"match"``, ``"sentence"`` or ``"doc"``, as for :func:`score_texts`.
    lang : str, default "auto"
        ``"nl"``, ``"en"`` or ``"auto"`` (per document), in any case.
    text_column, id_column : str, optional
        The columns of tables holding the text and the id; by default guessed.
    name_columns : dict of str to str, optional
        Referent id -> a table column naming each row's party, such as
        ``{"organisation": "company"}`` (see :func:`score_texts`'s ``names``).
    glob : str, optional
        Only files whose relative paths match, such as ``"*.docx"``, in any case
        (``"*.pdf"`` takes ``REPORT.PDF``).
    workers : int, default 1
        Processes scoring in parallel.
    dask : str or distributed.Client, optional
        Score on a Dask cluster instead.
    force : bool, default False
        Replace an existing ``out``.
    lexicons : list of str, optional
        Lexicons, as for :func:`load`.
    context : str, optional
        A context-cue file.
    referents : str, Path or list of them, optional
        Referent taxonomy files extending (or replacing) the shipped one, as
        for :func:`load`; each language takes the files written for it.
        Other files, or the same files changed, are another command: an
        unfinished run does not resume with them.
    progress : bool, optional
        Show a progress bar; by default when stderr is a terminal.
    follow_links : bool, default False
        Read symbolic links to files outside the folder.
    csv_safe : bool, default True
        Neutralise spreadsheet formulas in CSV output.
    model : str, path or TrustClassifier, optional
        A classifier, at ``level="sentence"`` (see above).

    Returns
    -------
    FolderReport
        The output, the scores (``report.frame``), the errors, the skipped
        files and counts.

    Raises
    ------
    TrustlexError
        For bad options, an ``out`` that exists (without ``force``) or that
        is an input; a :class:`~trustlex.errors.LexiconError` for lexicons,
        a context or referent file that cannot be loaded, before any document is read
        (see :func:`~trustlex.batch.options.check_lexicons`).
    RunError
        When ``out`` is locked by another run, the disk is full, or a
        worker process died (killed, or out of memory); finished parts are kept.

    Examples
    --------
    A text file is one document, each row of a table another; unreadable
    files are reported, not fatal:

    >>> import tempfile
    >>> from pathlib import Path
    >>> import pandas as pd
    >>> import trustlex
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = Path(tmp.name, "in")
    >>> folder.mkdir()
    >>> _ = Path(folder, "memo.txt").write_text("Er is geen vertrouwen in de directie.", encoding="utf-8")
    >>> texts = ["We trust our manager.", "Nobody takes responsibility."]
    >>> survey = pd.DataFrame({"id": ["r1", "r2"], "text": texts})
    >>> survey.to_csv(Path(folder, "survey.csv"), index=False)
    >>> _ = Path(folder, "broken.docx").write_bytes(b"not a zip file")
    >>> report = trustlex.score_folder(folder, out=Path(tmp.name, "scores.csv"), progress=False)
    >>> rows = report.frame[["path", "row", "lang", "trust_n", "trust_net", "responsibility_neg"]]
    >>> print(rows.to_string(index=False))
          path  row lang  trust_n  trust_net  responsibility_neg
      memo.txt <NA>   nl        1       -1.0                   0
    survey.csv    1   en        1        1.0                   0
    survey.csv    2   en        0        NaN                   1
    >>> report.errors[["path", "kind", "message"]].values.tolist()
    [['broken.docx', 'corrupt', 'corrupt or unreadable DOCX: File is not a zip file']]
    >>> sorted(p.name for p in Path(tmp.name).iterdir())
    ['in', 'scores.csv', 'scores.errors.csv']
    >>> tmp.cleanup()
    """
    t0 = time.perf_counter()
    check_arguments(level, lang, out, model)
    lang = language_code(lang)
    method = start_method_of(start_method) if workers > 1 and dask is None else None
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    out_path = Path(out) if out is not None else None
    skip = []
    if out_path is not None:  # before the model and pipelines load: seconds, for a path that cannot work
        refuse_input_as_output(out_path, paths)
        require_out_folder(out_path)
        skip = [out_path, *_state_paths(out_path)]
    classifier = load_model(model, lexicons) if model is not None else None
    options = run_options(
        level, lang, text_column, id_column, lexicons, context, csv_safe, classifier, name_columns, referents
    )
    check_lexicons(options)  # once, before any document is read: not one identical error per row
    units, plan_errors, skipped = plan(paths, glob, skip, follow_links=follow_links)
    run = _Run(
        units, plan_errors, skipped, options, classifier, out_path, workers, dask, progress, t0, method
    )
    if not units and not plan_errors:
        run.nothing = nothing_to_score(paths, glob, skipped)
    if out_path is None:
        return run(None)
    with _Lock(out_path):
        try:
            _remove_leftovers(out_path)
            return run(Parts(out_path, _signature(paths, options, glob), force=force))
        except (ReadError, RunError):
            raise
        except OSError as exc:  # writing parts or the output: a full disk, a lost mount
            what = exc.strerror or str(exc)
            where = f" ({exc.filename})" if exc.filename else ""
            done = finished_parts(out_path)
            kept = f"{count(done, 'finished part')} kept, rerun to resume" if done else "no part was finished"
            msg = f"could not finish: {what}{where}; {kept}"
            raise RunError(msg) from exc


def worker_died(out: Path | None) -> str:
    """Return what to say when a worker process of the pool died mid-run, and what was kept.

    The pool cannot tell why (the out-of-memory killer, a ``kill -9``, a
    crash in a C extension); the finished parts of ``out`` are kept as after
    any interruption, so the same command resumes where it stopped.

    Parameters
    ----------
    out : Path or None
        The run's output file; None when the scores were kept in memory.

    Returns
    -------
    str
        One line: what happened, how many parts were kept, and what to do.
    """
    what = "a worker process died (killed, or out of memory?)"
    if out is None:
        return f"{what}; without an output file nothing was kept: run it again (fewer workers, less memory)"
    done = finished_parts(out)
    kept = f"{count(done, 'part')} finished in {out}.parts" if done else "no part was finished"
    return f"{what}; {kept}; run the same command again to resume where it stopped"


@dataclass
class _Run:
    """One run of the planned units: score those not finished yet, then join everything into the report."""

    units: list[Unit]
    plan_errors: list[dict]
    skipped: list[dict]
    options: Options
    model: Any
    out: Path | None
    workers: int
    dask: Any
    progress: bool | None
    t0: float
    start_method: str | None = None
    nothing: str | None = None  # why no document was found to score (see nothing_to_score)

    def __call__(self, parts: Parts | None) -> FolderReport:
        """Score the units ``parts`` lacks (all without an output), then finish the report and output."""
        units = self.units
        lead = output_columns(self.options)
        # a finished part is reused only if its files are as they were when it was scored
        todo = [u for u in units if parts is None or not parts.done(u.key, input_stamp(u))]
        results: dict[str, UnitResult] = {}
        bar = progress_bar(len(units), len(units) - len(todo), self.progress)

        def done(result: UnitResult | Packed) -> None:
            watch.check()  # a unit that swallowed a Ctrl-C may hold a spurious error: not kept
            if isinstance(result, Packed):
                parts.write(result)
            else:
                results[result.key] = result
            bar.update(result.words)

        work = (
            partial(score_unit, options=self.options, model=self.model)
            if parts is None
            else partial(
                score_and_pack, options=self.options, lead=lead, fmt=part_format(self.out), model=self.model
            )
        )
        try:
            with watch_interrupts() as watch:
                if self.dask is not None:
                    client, close = dask_client(self.dask, max(self.workers, 2))
                    try:
                        run_dask(todo, client, work, done)
                    finally:
                        close()
                else:
                    try:
                        run_local(todo, self.options, self.workers, work, done, self.start_method)
                    except BrokenProcessPool as exc:
                        raise RunError(worker_died(self.out)) from exc
                watch.check()
        finally:
            bar.close()
        resumed = len(units) - len(todo)
        return _finish(self, parts, results, lead, resumed)


def _finish(
    run: _Run, parts: Parts | None, results: dict[str, UnitResult], lead: list[str], resumed: int
) -> FolderReport:
    units, out = run.units, run.out
    keys = [u.key for u in units]
    heads = [parts.read_head(k) for k in keys] if parts is not None else []
    summaries = (
        [(h["errors"], h["notes"], h["words"], h["docs"]) for h in heads]
        if parts is not None
        else [(r.errors, r.notes, r.words, r.docs) for r in (results[k] for k in keys)]
    )
    errors = list(run.plan_errors)
    notes: list[str] = []
    words = docs = 0
    for unit_errors, unit_notes, unit_words, unit_docs in summaries:
        errors.extend(unit_errors)
        notes.extend(n for n in unit_notes if n not in notes)  # a note of the run comes once
        words += unit_words
        docs += unit_docs
    if run.options.id_column:
        ids = [h.get("ids", []) for h in heads] if parts is not None else [results[k].ids for k in keys]
        notes.extend(repeated_id_notes(units, ids, run.options.id_column))
    guesses = [h.get("guess") for h in heads] if parts is not None else [results[k].guess for k in keys]
    for note in guessed_notes(g for g in guesses if g is not None):
        notes.append(note)
        warnings.warn(note, GuessedColumnWarning, stacklevel=4)  # score_folder -> _Run -> _finish
    if parts is not None:
        read = [h.get("text_column") for h in heads]
    else:
        read = [results[k].text_column for k in keys]
    text_columns = {unit.rel: column for unit, column in zip(units, read, strict=True) if column}
    error_frame = pd.DataFrame(errors, columns=["path", "row", "kind", "message"]).astype({"row": "Int64"})
    frame = None
    if parts is not None and out is not None:
        n_rows = merge(parts, keys, heads, out, lead, run.options.level)
        _write_errors(error_frame, out)
        # away in one rename first: a run killed while deleting must not leave a parts folder
        # without its manifest, which a rerun would take for another command's
        done = parts.dir.with_name(parts.dir.name + ".done")
        shutil.rmtree(done, ignore_errors=True)
        os.replace(parts.dir, done)
        shutil.rmtree(done, ignore_errors=True)
    else:
        rows = [row for k in keys for row in results[k].rows]
        carried = (c for k in keys for c in results[k].columns)
        columns = union(lead, [*(c for row in rows for c in row), *carried])
        frame = typed_output(pd.DataFrame(rows, columns=columns), run.options.level, lead)
        n_rows = len(frame)
    files, unread = _file_counts(units, summaries, run.plan_errors)
    return FolderReport(
        out=out,
        errors=error_frame,
        skipped=pd.DataFrame(run.skipped, columns=["path", "reason"]),
        notes=notes,
        files=files,
        docs=docs,
        rows=n_rows,
        words=words,
        seconds=time.perf_counter() - run.t0,
        resumed=resumed,
        unread=unread,
        nothing=run.nothing,
        text_columns=text_columns,
        _frame=frame,
    )


def repeated_id_notes(units: list[Unit], ids: list[list[Any]], column: str) -> list[str]:
    """Return one note per table whose id column repeats a value: its rows then share a ``doc_id``.

    ``ids`` are the ids each of ``units`` read (a long table's ranges are
    joined); the wording is :func:`trustlex.frame.repeated_ids`', as in the
    warning of :func:`trustlex.score_texts`. Repeated ids may be meant
    (several answers of one respondent), so this is a note, not an error.
    Empty id cells (missing ids, ``None`` here) are no repeated value: a
    second note counts them when two rows or more lack an id.
    """
    per_table: dict[str, list[Any]] = {}
    for unit, unit_ids in zip(units, ids, strict=True):
        if unit.kind == "table":
            per_table.setdefault(unit.rel, []).extend(unit_ids)
    notes = []
    for rel, values in per_table.items():
        said = repeated_ids(v for v in values if v is not None)
        if said is not None:
            notes.append(
                f"{rel}: id column {column!r} repeats {said}: those rows share a doc_id, "
                "so their rows cannot be told apart by document"
            )
        if (empty := sum(v is None for v in values)) > 1:  # an empty cell is a missing id (carried.py)
            notes.append(
                f"{rel}: id column {column!r} is empty in {empty:,} rows: their doc_id is missing (<NA>), "
                "so their rows cannot be told apart by document"
            )
    return notes


def _file_counts(units: list[Unit], summaries: list[tuple], plan_errors: list[dict]) -> tuple[int, int]:
    """Return (files found to score, those of them not read at all) for the report.

    A file is not read at all when it has an error of its own (no row
    number) and gave no document: a text file, or a table none of whose
    ranges was read. A table that fails in one range of rows but not in
    another was read; so was a workbook of which one sheet was. Files the
    plan already reported (a table that could not be counted, a link
    outside the folder) are found and not read.
    """
    # the file of each name in the path column: a sheet of a workbook is its file
    file_of = {rel: unit.source if unit.kind == "table" else rel for unit in units for _, rel in unit.files}
    docs_of: dict[str, int] = {}
    failed = {e.get("file", e["path"]) for e in plan_errors}
    for unit, (unit_errors, _notes, _words, unit_docs) in zip(units, summaries, strict=True):
        if unit.kind == "table":
            docs_of[unit.source] = docs_of.get(unit.source, 0) + unit_docs
        failed.update(file_of.get(e["path"], e["path"]) for e in unit_errors if e.get("row") is None)
    found = set(file_of.values()) | {e.get("file", e["path"]) for e in plan_errors}
    unread = sum(1 for rel in found if rel in failed and docs_of.get(rel, 0) == 0)
    return len(found), unread


def _write_errors(error_frame: pd.DataFrame, out: Path) -> None:
    err_file = errors_path(out)
    if len(error_frame):
        neutralise_frame(error_frame).to_csv(err_file, index=False)
    elif err_file.exists():
        err_file.unlink()  # a stale error file would describe another run
