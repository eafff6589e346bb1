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

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from trustlex.batch.executors import start_method as start_method_of

# one run of the planned units is trustlex.batch.folder_run; repeated_id_notes stays importable from here
from trustlex.batch.folder_run import FolderRun, repeated_id_notes  # noqa: F401
from trustlex.batch.options import check_arguments, check_lexicons, run_options
from trustlex.batch.outcome import FolderReport, count, nothing_to_score
from trustlex.batch.parts import Parts, finished_parts
from trustlex.batch.plan import plan
from trustlex.batch.runstate import (
    _Lock,
    _remove_leftovers,
    _signature,
    _state_paths,
    refuse_input_as_output,
    require_out_folder,
)
from trustlex.batch.units import load_model
from trustlex.concepts import language_code
from trustlex.errors import ReadError, RunError


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
    referents: str | Path | Sequence[str | Path] | None = None,
    lang_column: str | None = None,
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
    lang_column : str, optional
        A column of tables holding each row's language, ``nl`` or ``en`` in
        any case: the row is scored in it, whatever ``lang`` says. An empty
        cell leaves the row to ``lang`` (``"auto"``: detected); another value
        is a bad row (kind ``bad-lang``, with its file, row and value in
        ``report.errors``), left out; a table without the column is reported
        (``missing-lang``). Text documents are scored in ``lang``.
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
    >>> report.errors[["path", "kind", "message"]].values.tolist()  # doctest: +ELLIPSIS
    [['broken.docx', 'corrupt', 'corrupt or unreadable DOCX: File is not a zip file; it holds ...']]
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
        level,
        lang,
        text_column,
        id_column,
        lexicons,
        context,
        csv_safe,
        classifier,
        name_columns,
        referents,
        lang_column,
    )
    check_lexicons(options)  # once, before any document is read: not one identical error per row
    units, plan_errors, skipped = plan(paths, glob, skip, follow_links=follow_links)
    run = FolderRun(
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
