"""One run of a folder's planned units: score those not finished yet, then join all into the report.

:func:`~trustlex.batch.folder.score_folder` checks the arguments, plans the
units and holds the output's lock; :class:`FolderRun` scores the units (here,
in worker processes or on Dask), writes each to its part or keeps its rows,
and :func:`_finish` joins them into the output and the
:class:`~trustlex.batch.outcome.FolderReport`: its errors, notes and counts.
"""

from __future__ import annotations

import os
import shutil
import time
import warnings
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from trustlex.batch.carried import carried_dtypes, carried_kinds, join_kinds
from trustlex.batch.cluster_check import check_workers
from trustlex.batch.dask import WorkersLostError, WorkersPausedError, dask_client, run_dask
from trustlex.batch.executors import progress as progress_bar
from trustlex.batch.executors import run_local
from trustlex.batch.outcome import FolderReport, count
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
    write_types,
)
from trustlex.batch.runstate import watch_interrupts
from trustlex.batch.schema import typed_output
from trustlex.batch.units import Options, Unit, UnitResult, score_unit
from trustlex.errors import GuessedColumnWarning, RunError
from trustlex.frame import repeated_ids
from trustlex.readers.columns import guessed_notes

__all__ = ["FolderRun", "repeated_id_notes", "worker_died", "worker_paused"]


def worker_died(out: Path | None, *, dask: bool = False) -> str:
    """Return what to say when a worker process of the pool died mid-run, and what was kept.

    The pool cannot tell why (the out-of-memory killer, a ``kill -9``, a
    crash in a C extension); the finished parts of ``out`` are kept as after
    any interruption, so the same command resumes where it stopped.

    Parameters
    ----------
    out : Path or None
        The run's output file; None when the scores were kept in memory.
    dask : bool, default False
        The workers were a Dask cluster's (see :func:`~trustlex.batch.dask.run_dask`).

    Returns
    -------
    str
        One line: what happened, how many parts were kept, and what to do.
    """
    what = "a worker process died (killed, or out of memory?)"
    if dask:
        what = "the Dask cluster lost its workers or its scheduler under this run (killed, or out of memory?)"
    if out is None:
        return f"{what}; without an output file nothing was kept: run it again (fewer workers, less memory)"
    done = finished_parts(out)
    kept = f"{count(done, 'part')} finished in {out}.parts" if done else "no part was finished"
    return f"{what}; {kept}; run the same command again to resume where it stopped"


def worker_paused(out: Path | None, exc: WorkersPausedError) -> str:
    """Return what to say when a Dask worker stayed paused for memory and the run was ended: what to do.

    Dask pauses a worker at 80 % of its memory limit and waits for memory that the loaded pipelines
    never give back; the run ends instead of waiting forever, its finished parts kept.
    """
    what = (
        f"{exc} while no unit finished: the pipelines of both languages need several hundred MB; "
        "give each worker more memory (dask worker --memory-limit 1GB or more, or one thread per worker)"
    )
    if out is None:
        return f"{what}, then run it again (without an output file nothing was kept)"
    done = finished_parts(out)
    kept = f"{count(done, 'part')} finished in {out}.parts" if done else "no part was finished"
    return f"{what}; {kept}; run the same command again to resume where it stopped"


@dataclass
class FolderRun:
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
                assert parts is not None  # packed by score_and_pack, the work only where there are parts
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
                        check_workers(client, self.options)  # another trustlex or lexicon: refused first
                        run_dask(todo, client, work, done)
                    except WorkersPausedError as exc:
                        raise RunError(worker_paused(self.out, exc)) from exc
                    except WorkersLostError as exc:
                        raise RunError(worker_died(self.out, dask=True)) from exc
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
    run: FolderRun, parts: Parts | None, results: dict[str, UnitResult], lead: list[str], resumed: int
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
        warnings.warn(note, GuessedColumnWarning, stacklevel=4)  # score_folder -> FolderRun -> _finish
    if parts is not None:
        read = [h.get("text_column") for h in heads]
    else:
        read = [results[k].text_column for k in keys]
    text_columns = {unit.rel: column for unit, column in zip(units, read, strict=True) if column}
    if parts is not None:
        # a part of an earlier trustlex's unfinished run records no types: every carried column is text
        old = any("kinds" not in h for h in heads)
        kinds = {} if old else join_kinds([h["kinds"] for h in heads])
    else:
        kinds = join_kinds([carried_kinds(results[k].rows, lead) for k in keys])
    typed, type_notes = carried_dtypes(kinds)  # numbers stay numbers; a field of mixed types is text
    notes.extend(type_notes)
    error_frame = pd.DataFrame(errors, columns=["path", "row", "kind", "message"]).astype({"row": "Int64"})
    frame = None
    if parts is not None and out is not None:
        n_rows = merge(parts, keys, heads, out, lead, run.options.level, typed)
        write_types(out, typed)
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
        frame = typed_output(pd.DataFrame(rows, columns=columns), run.options.level, lead, typed)
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
