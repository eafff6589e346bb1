"""Commands that tag text: ``tag`` (texts on the command line) and ``score`` (files and folders)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustlex.cli.app import (
    ContextOpt,
    KeyEnv,
    Lang,
    LangColumnOpt,
    LexiconOpt,
    ModelOpt,
    ReferentsOpt,
    exit_on_error,
    work_done,
)
from trustlex.cli.models import scoring_model
from trustlex.cli.output import echo, fail, print_frame, require_paths
from trustlex.errors import EXIT_INTERRUPTED, EXIT_USAGE, GuessedColumnWarning

if TYPE_CHECKING:
    import pandas as pd

# spaCy, pandas and the batch machinery are imported in the commands that use them, when they run:
# ``trustlex --help`` and a refused option do without them (trustlex/cli/__init__.py)


@exit_on_error(EXIT_USAGE)  # as score: an unknown or broken lexicon is bad usage
def tag(
    texts: Annotated[list[str], typer.Argument(help="Sentences or short texts to tag.")],
    lang: Lang = "auto",
    lexicon: LexiconOpt = None,
    referents: ReferentsOpt = None,
) -> None:
    """Tag texts given on the command line and show every match with its valence and cue."""
    from trustlex.scoring import score_texts

    refs = [str(f) for f in referents] if referents else None
    frame = score_texts(texts, lang=lang, level="match", lexicons=lexicon, referents=refs)
    cols = ["doc_id", "text", "concept", "base_valence", "valence", "cue", "hedge", "entry_id"]
    print_frame(frame, cols)


@exit_on_error(EXIT_USAGE)  # a lexicon or option score_folder refuses is bad usage; a locked output is 3
def score(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or folders: .txt .md .html .docx .pdf; tables .csv .tsv .jsonl .xlsx."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write CSV or Parquet (resumable) instead of printing a table."),
    ] = None,
    level: Annotated[
        str | None,
        typer.Option(
            help="doc, sentence or match (default: doc; sentence with --model, which codes sentences)."
        ),
    ] = None,
    lang: Lang = "auto",
    text_column: Annotated[
        str | None, typer.Option(help="Text column of tables (default: detected, e.g. 'text', 'comment').")
    ] = None,
    id_column: Annotated[str | None, typer.Option(help="Column of tables to carry as doc_id.")] = None,
    lang_column: LangColumnOpt = None,
    name_column: Annotated[
        list[str] | None,
        typer.Option(
            help="REFERENT=COLUMN: a table column naming each row's party, e.g. organisation=company "
            "(the company a review is about); repeatable."
        ),
    ] = None,
    glob: Annotated[
        str | None, typer.Option(help="Only files whose relative path matches, in any case, e.g. '*.pdf'.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes on this machine.")] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Run on a Dask cluster: a scheduler address, or 'local'.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Start over, replacing an existing output.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    lexicon: LexiconOpt = None,
    context: ContextOpt = None,
    referents: ReferentsOpt = None,
    model: ModelOpt = None,
    follow_links: Annotated[
        bool, typer.Option(help="Read symbolic links that point outside the folder (default: report them).")
    ] = False,
    raw_csv: Annotated[
        bool,
        typer.Option(
            help="Write CSV cells that start with = + - @ as they are (default: an apostrophe first, so "
            "spreadsheets show them as text instead of running them as formulas)."
        ),
    ] = False,
    key_env: KeyEnv = None,
) -> None:
    """Score documents: print a table, or write every row to CSV/Parquet with --out.

    Unreadable files and rows are reported (and listed in OUT's .errors.csv)
    and skipped; files of types trustlex does not read are counted in the
    closing lines. Exit status: 0 all inputs scored, 1 finished with reported
    errors or found no document to score, 2 bad usage, 3 could not finish
    (OUT locked by another run, disk full). An interrupted run with --out resumes when the same command is
    run again. The output never overwrites an input.
    """
    if level is None:
        level = "doc" if model is None else "sentence"
    elif level not in ("doc", "sentence", "match"):
        fail(f"--level must be doc, sentence or match, got {level!r}", EXIT_USAGE)
    elif model is not None and level != "sentence":
        # as score_texts and score_folder refuse it: rows of another level would not be what was asked
        fail(
            f"--model codes sentences: it works with --level sentence (or no --level), got --level {level}",
            EXIT_USAGE,
        )
    if out is not None and out.suffix.lower() not in (".csv", ".parquet"):
        fail(f"--out must end in .csv or .parquet, got {out.name}", EXIT_USAGE)
    require_paths(paths)
    if dask is not None:
        from trustlex.batch.dask import check_dask_address

        with exit_on_error(EXIT_USAGE):  # a malformed address is bad usage, found before any reading
            check_dask_address(dask)
    name_columns = {}
    for spec in name_column or []:
        ref, sep, column = spec.partition("=")
        if not sep or not ref.strip() or not column.strip():
            fail(f"--name-column takes REFERENT=COLUMN, like organisation=company, got {spec!r}", EXIT_USAGE)
        name_columns[ref.strip()] = column.strip()
    if out is not None:  # before --model loads (score_folder checks again, before the pipelines)
        from trustlex.batch import require_out_folder

        with exit_on_error(EXIT_USAGE):
            require_out_folder(out)
    classifier = scoring_model(model, key_env, lexicon)
    from trustlex.batch import errors_path, score_folder

    with _resume_hint(out), warnings.catch_warnings():
        warnings.simplefilter("ignore", GuessedColumnWarning)  # a note of the report, printed below
        report = score_folder(
            paths,
            out,
            level,
            lang,
            text_column=text_column,
            id_column=id_column,
            lang_column=lang_column,
            glob=glob,
            workers=workers,
            dask=dask,
            force=force,
            lexicons=lexicon,
            context=str(context) if context is not None else None,
            progress=False if quiet else None,
            follow_links=follow_links,
            csv_safe=not raw_csv,
            model=classifier,
            name_columns=name_columns,
            referents=referents,
        )
    if out is not None:
        work_done(report.exit_code)  # the output is written: a Ctrl-C from here on loses nothing
    if out is None and report.nothing is None and report.files > report.unread:
        # with no document read, "(no trust language found)" would say something about none
        _print_scores(report.frame, level, with_model=classifier is not None)
    work_done(report.exit_code)
    for note in report.notes:
        echo(f"note: {note}", err=True)
    for line in report.error_lines()[:20]:
        echo(f"error: {line}", err=True)
    if len(report.errors) > 20:
        more = f"; all in {errors_path(out)}" if out is not None else ""
        echo(f"... {len(report.errors) - 20} more errors{more}", err=True)
    # no document at all is a problem with the input (status 1), said as one like it
    echo(f"error: {report.summary()}" if report.nothing is not None else report.summary(), err=True)
    raise typer.Exit(report.exit_code)


@contextmanager
def _resume_hint(out: Path | None) -> Iterator[None]:
    """On Ctrl-C, say how to resume (when finished parts of ``out`` are kept), and exit with status 130."""
    try:
        yield
    except KeyboardInterrupt:
        from trustlex.batch import finished_parts  # imported by score_folder already
        from trustlex.batch.outcome import count

        done = finished_parts(out) if out is not None else 0
        if done:
            echo(
                f"interrupted: {count(done, 'part')} finished in {out}.parts; "
                "run the same command again to resume where it stopped",
                err=True,
            )
        elif out is not None:  # said too: a silent exit 130 left the user guessing what was kept
            echo("interrupted: no part was finished yet; the same command scores from the start", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _print_scores(frame: pd.DataFrame, level: str, *, with_model: bool = False) -> None:
    """Print the rows of ``score`` without --out: the columns that matter at ``level``."""
    where = ["path", "row"] if frame.get("row") is not None and frame["row"].notna().any() else ["path"]
    if with_model:
        print_frame(frame, [*where, "sent_id", "concept", "valence", "source", "probability", "sentence"], 48)
    elif level == "sentence":
        print_frame(frame, [*where, "sent_id", "concept", "valence", "terms", "cues", "sentence"], 48)
    elif level == "match":
        print_frame(frame, [*where, "sent_id", "text", "concept", "base_valence", "valence", "cue"])
    else:
        cols = [*where, "lang", "n_words", "n_sents"] + [c for c in frame.columns if c.endswith("_n")]
        print_frame(frame, cols)
