"""Commands that read the hits back: ``kwic`` (keyword in context) and ``report`` (an HTML report)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

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
from trustlex.cli.output import check_output, echo, echo_error, require_paths, warnings_as_lines
from trustlex.errors import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, TrustlexError

# the analysis (spaCy, pandas) is imported in the commands, when they run (trustlex/cli/__init__.py)


def _unread(n: int) -> str:
    """Say how many inputs could not be read, in the singular for one ("1 file or row")."""
    return f"{n} {'file or row' if n == 1 else 'files or rows'} could not be read"


@exit_on_error(EXIT_USAGE)  # a concept or valence kwic does not know
def kwic(
    paths: Annotated[list[Path], typer.Argument(help="Documents or folders (any format score reads).")],
    concept: Annotated[str | None, typer.Option(help="Only this concept.")] = None,
    valence: Annotated[str | None, typer.Option(help="Only this valence: +, - or 0.")] = None,
    window: Annotated[int, typer.Option(min=1, help="Tokens of context either side.")] = 8,
    per_sentence: Annotated[bool, typer.Option(help="The whole sentence as context.")] = False,
    lang: Lang = "auto",
    text_column: Annotated[str | None, typer.Option(help="Text column of tables.")] = None,
    referent: Annotated[
        str | None, typer.Option(help="Only hits about this referent: leadership, colleagues, none, ...")
    ] = None,
    lexicon: LexiconOpt = None,
    referents: ReferentsOpt = None,
    lang_column: LangColumnOpt = None,
) -> None:
    """Keyword in context: every hit with the words around it and the cue that changed its valence.

    Unreadable files and rows (a --lang-column value that is no language too)
    are reported and skipped. Exit status: 0 all inputs read, 1 finished with
    reported errors, 2 bad usage.
    """
    from trustlex.analysis import kwic as keyword_in_context
    from trustlex.analysis.kwic import check_options
    from trustlex.batch.corpus import read_corpus
    from trustlex.lexicon.referents import NONE

    require_paths(paths)
    check_options(concept, valence, referent=referent)
    _check_referent(referent, referents, lang)
    errors: list[str] = []

    def report_error(message: str) -> None:
        errors.append(message)
        echo_error(message)

    with warnings_as_lines():  # a guessed text column: a note
        corpus = read_corpus(paths, text_column, lang_column=lang_column, on_error=report_error)
    # a row's own language, as score takes it; an empty cell (and a text document) is --lang's
    texts, langs = (corpus["text"], corpus["lang"].fillna(lang)) if lang_column else (corpus, lang)
    per = "sentence" if per_sentence else "window"
    rows = keyword_in_context(
        texts,
        concept,
        valence,
        window=window,
        lang=langs,
        per=per,
        lexicons=lexicon,
        referents=referents,
        referent=referent,
    )
    for r in rows.itertuples(index=False):
        cue = f"  [{_one_line(str(r.cue))}]" if r.cue else ""
        cue += f"  @{r.referent}" if r.referent != NONE else ""
        doc_id, left, right = _one_line(str(r.doc_id)), _one_line(str(r.left)), _one_line(str(r.right))
        keyword = _one_line(str(r.keyword))
        echo(f"{doc_id[:28]:28} {left[-50:]:>50} [{keyword}] {right[:50]:50} {r.valence}{cue}")
    unread = f"; {_unread(len(errors))} (reported above)" if errors else ""
    echo(f"{len(rows)} hit{'' if len(rows) == 1 else 's'}{unread}", err=True)
    if errors:  # as score does: the hits are there, but not of every input
        raise typer.Exit(EXIT_ERRORS)


def _check_referent(referent: str | None, referents: Sequence[str | Path] | None, lang: str) -> None:
    """Refuse a ``--referent`` that no taxonomy of the run has: it would give 0 hits without a word."""
    from trustlex.lexicon.referents import NONE, load_referent_file, load_taxonomy

    if referent is None or referent == NONE:
        return
    files = list(referents or [])
    known: set[str] = set()
    for code in ("nl", "en") if lang == "auto" else (lang,):
        own = [f for f in files if load_referent_file(f)[0].language == code]
        known.update(load_taxonomy(own or None, code).referents)
    if referent not in known:
        where = "the taxonomies given" if files else "the shipped taxonomy"
        msg = (
            f"--referent {referent!r} is no referent of {where} ({', '.join(sorted(known))}, none); "
            "give the taxonomy file that has it with --referents FILE"
        )
        raise TrustlexError(msg)


def _check_id_column(id_column: str | None, paths: list[Path]) -> None:
    """Refuse ``--id-column`` with a results file: its rows were scored already, their ``doc_id`` is set."""
    if id_column is None or not _is_results(paths):
        return
    msg = (
        f"{paths[0]}: trustlex results, scored already (their doc_id column is what the report shows); "
        f"--id-column {id_column!r} names a column of a table of texts: score that table with "
        f"'trustlex score TABLE --id-column {id_column} --level sentence --out FILE', or pass the "
        "table itself to 'trustlex report'"
    )
    raise TrustlexError(msg)


def _check_scoring_options(given: dict[str, object], paths: list[Path]) -> None:
    """Refuse scoring options (--lexicon, --model, ...) with a results file: its rows are scored already."""
    named = [option for option, value in given.items() if value]
    if not named or not _is_results(paths):
        return
    msg = (
        f"{paths[0]}: trustlex results, scored already; {', '.join(named)} would change nothing in them: "
        f"pass the documents themselves to 'trustlex report' with {', '.join(named)}, or score them "
        "again with 'trustlex score DOCUMENTS --level sentence --out FILE' and the same options"
    )
    raise TrustlexError(msg)


def _is_results(paths: list[Path]) -> bool:
    """Whether ``paths`` is one results file (CSV or Parquet of trustlex rows), not documents to score."""
    from trustlex.batch.results import holds_results

    if len(paths) != 1:
        return False
    path = paths[0]
    return path.is_file() and path.suffix.lower() in (".csv", ".parquet") and holds_results(path)


def _one_line(text: str) -> str:
    """Return ``text`` with each run of whitespace (line breaks, tabs) as one space, for a table row."""
    return " ".join(text.split())


@exit_on_error()
def report(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents or folders to score, or a results CSV/Parquet.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[str, typer.Option(help="Title of the report.")] = "Trust language report",
    lang: Lang = "auto",
    force: Annotated[bool, typer.Option(help="Replace an existing --out file.")] = False,
    referents: ReferentsOpt = None,
    text_column: Annotated[str | None, typer.Option(help="Text column of tables.")] = None,
    id_column: Annotated[
        str | None, typer.Option(help="Column of tables to carry as doc_id (shown with each row).")
    ] = None,
    lang_column: LangColumnOpt = None,
    lexicon: LexiconOpt = None,
    context: ContextOpt = None,
    model: ModelOpt = None,
    key_env: KeyEnv = None,
) -> None:
    """Write a self-contained HTML report: charts, a table per concept, the highlighted sentences.

    Documents are scored as 'trustlex score --level sentence' scores them,
    with the same --lexicon, --context, --referents and --model; a results
    file is reported as it is (those options are refused with one).
    Unreadable files and rows are reported, skipped and named on the page.
    Exit status: 0 all inputs read, 1 the report was written without some of
    them (or with no document at all), 2 bad usage.
    """
    from trustlex.analysis.report import report as write_report
    from trustlex.batch.outcome import NOTHING_TO_SCORE

    require_paths(paths)
    check_output(out, paths, force=force)
    with exit_on_error(EXIT_USAGE):  # found before any scoring
        _check_id_column(id_column, paths)
        options: dict[str, object] = {"--lexicon": lexicon, "--context": context, "--referents": referents}
        options["--model"], options["--lang-column"] = model, lang_column
        _check_scoring_options(options, paths)
    classifier = scoring_model(model, key_env, lexicon)
    errors: list[str] = []

    def report_error(message: str) -> None:
        errors.append(message)
        echo_error(message)

    data = paths if len(paths) > 1 else paths[0]
    with warnings_as_lines():  # a guessed text column: a note
        path = write_report(
            data,
            out,
            title,
            on_error=report_error,
            lang=lang,
            referents=referents,
            lexicons=lexicon,
            context=str(context) if context is not None else None,
            model=classifier,
            text_column=text_column,
            id_column=id_column,
            lang_column=lang_column,
            force=True,  # check_output above applied --force
        )
    work_done(EXIT_ERRORS if errors else EXIT_OK)  # the page is written: a Ctrl-C from here on loses nothing
    unread = [e for e in errors if not e.startswith(NOTHING_TO_SCORE)]
    said = f"; {_unread(len(unread))} (reported above)" if unread else ""
    if len(unread) < len(errors):  # an empty folder: no file failed, there was nothing to score
        said += "; nothing was scored, the report is empty"
    echo(f"report written to {path}{said}", err=True)
    if errors:  # as score and kwic do: the report is there, but not of every input
        raise typer.Exit(EXIT_ERRORS)
