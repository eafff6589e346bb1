"""The options of a folder run: what every unit is scored with, checked before any work starts."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustlex.concepts import LANGUAGES, language_code
from trustlex.errors import LexiconError, TrustlexError
from trustlex.matching.names import column_names, known_referents
from trustlex.models.modelfile import check_lexicons_match
from trustlex.pipeline import scoring_engine


@dataclass(frozen=True)
class Options:
    """What to score and how; sent to every worker, so plain data only."""

    level: str = "doc"
    lang: str = "auto"
    text_column: str | None = None
    id_column: str | None = None
    lexicons: tuple[str, ...] | None = None
    context: str | None = None
    csv_safe: bool = True  # see neutralise
    # the fingerprint of the model that also codes every sentence (None: the lexicon alone); the
    # model itself travels next to the options, see score_unit
    model: str | None = None
    # (referent, column): the column of a table whose value in each row names that row's party
    name_columns: tuple[tuple[str, str], ...] = ()
    # referent taxonomy files (absolute paths, so that every worker reads the same files)
    referents: tuple[str, ...] | None = None
    # a table column holding each row's language (nl or en, any case); None: lang decides
    lang_column: str | None = None


def check_arguments(level: str, lang: str, out: str | Path | None, model: Any) -> None:
    """Raise TrustlexError for a level, language or output that cannot be, before any work.

    ``lang`` is read in any case (``"EN"`` is ``"en"``), as by
    :func:`~trustlex.concepts.language_code`; the caller passes that code on.
    """
    if level not in ("doc", "sentence", "match"):
        msg = f"level must be one of doc, sentence, match, got {level!r}"
        raise TrustlexError(msg)
    if language_code(lang) not in (*LANGUAGES, "auto"):
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    if out is not None and Path(out).suffix.lower() not in (".csv", ".parquet"):
        msg = f"the output must end in .csv or .parquet, got {Path(out).name}"
        raise TrustlexError(msg)
    if model is not None and level != "sentence":
        msg = f"with a model, level must be 'sentence' (the model codes sentences), got {level!r}"
        raise TrustlexError(msg)


def run_options(
    level: str,
    lang: str,
    text_column: str | None,
    id_column: str | None,
    lexicons: list[str] | None,
    context: str | None,
    csv_safe: bool,
    model: Any,
    name_columns: Mapping[str, str] | None = None,
    referents: str | Path | Sequence[str | Path] | None = None,
    lang_column: str | None = None,
) -> Options:
    """Return the options every unit is scored with; a model brings its own lexicons, not its language."""
    lex = tuple(lexicons) if lexicons else None
    refs = referent_paths(referents)
    names = column_names(name_columns, known_referents(refs))
    if model is None:
        return Options(
            level, lang, text_column, id_column, lex, context, csv_safe, None, names, refs, lang_column
        )
    check_lexicons_match(model, lexicons, "score_folder(model=...)")
    lex = tuple(model.lexicons) if model.lexicons else None
    fingerprint = model_fingerprint(model)
    return Options(
        level, lang, text_column, id_column, lex, context, csv_safe, fingerprint, names, refs, lang_column
    )


def referent_paths(referents: str | Path | Sequence[str | Path] | None) -> tuple[str, ...] | None:
    """Return the referent files of a ``referents=`` option as absolute paths (None for none given).

    Absolute, so that worker processes and Dask workers started elsewhere
    read the very files given, and a resumed run names them the same way.
    """
    if not referents:
        return None
    files = [referents] if isinstance(referents, str | Path) else list(referents)
    return tuple(os.path.abspath(f) for f in files)


def model_fingerprint(model: Any) -> str:
    """Return the SHA-256 of ``model`` as :meth:`~trustlex.models.TrustClassifier.save` writes it.

    The same model gives the same fingerprint whichever object holds it, so
    a rerun with the model loaded again resumes, and a rerun with another
    model does not. The fingerprint is that of the model file's JSON body,
    so nothing is pickled; a model that cannot be saved (unfitted, a
    parameter outside what a model file may hold, not a trustlex model) has
    none and is refused.

    Raises
    ------
    TrustlexError
        For a model that cannot be saved, with the reason ``save`` gives.
    """
    with tempfile.TemporaryDirectory() as folder:
        try:
            saved = model.save(folder)
            return "sha256:" + json.loads(saved.read_text(encoding="utf-8"))["sha256"]
        except (AttributeError, TypeError, ValueError, KeyError) as exc:
            why = str(exc) or type(exc).__name__
            msg = (
                "score_folder(model=...): the model must be one that can be saved "
                f"(TrustClassifier.save), as its saved form identifies the run; {why}"
            )
            raise TrustlexError(msg) from exc


def check_lexicons(options: Options) -> None:
    """Load the run's lexicons and context file once, for every language it may score, before any reading.

    A lexicon that cannot be loaded (a misspelt key or shipped name, a
    TOML error) would otherwise fail every document the same way; here it
    is one :class:`~trustlex.errors.LexiconError` naming the file and line.
    With ``lang="auto"`` every text is scored in the language it is written
    in: lexicons of one language only (a Dutch ``my-nl.toml``) are fine when
    they load for that language, and a text detected as the other one is
    reported and skipped (passing that language as ``lang`` instead would
    score every text, English ones too, with Dutch words and rules);
    lexicons of both languages give each language its own.
    The pipelines loaded here stay cached,
    so this process and forked workers do not load them again. The shipped
    lexicons (no ``lexicons``, no ``context``) and a model's are not checked.

    Parameters
    ----------
    options : Options
        The run's options, from :func:`run_options`.

    Raises
    ------
    LexiconError
        For lexicons or a context file that cannot be loaded: a fault of a
        file in any language the run may score, or, in none of them, a
        lexicon for the language.
    """
    if options.lexicons is None and options.context is None and options.referents is None:
        return
    if options.model is not None and options.referents is None:
        return
    langs = LANGUAGES if options.lang == "auto" else (options.lang,)
    failures: dict[str, LexiconError] = {}
    for code in langs:
        try:
            scoring_engine(code, options.lexicons, options.context, options.referents)
        except LexiconError as exc:
            failures[code] = exc
    # a fault of a file (a clash of ids, a TOML error) is the one to report, not a language
    # the list has no lexicon for
    real = [exc for exc in failures.values() if exc.missing_language is None]
    if real:
        raise real[0]
    if failures and len(failures) == len(langs):
        raise next(iter(failures.values()))
