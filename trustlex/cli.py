"""The ``trustlex`` command line: thin wrappers over the library functions.

Exit status: 0 success, 1 a problem with the input (a bad lexicon, gold file
or text file, reported one line per problem), 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from trustlex.errors import TrustlexError

app = typer.Typer(
    help="Find trust language in Dutch and English text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="Inspect and check lexicon files.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")

Lang = Annotated[str, typer.Option("--lang", "-l", help="nl, en or auto (detect per document).")]
LexiconOpt = Annotated[
    list[str] | None,
    typer.Option("--lexicon", help="Lexicon name (nl/trust), TOML file or folder; repeatable."),
]
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".jsonl", ".csv")


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _print_frame(frame: pd.DataFrame, columns: list[str], width: int = 60) -> None:
    if frame.empty:
        typer.echo("(no trust language found)")
        return
    shown = frame[columns].astype(object)

    def fit(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = " ".join(value.split())  # one line per row, whatever the sentence holds
        return value if len(value) <= width else value[: width - 1] + "…"

    for col in shown.columns:
        shown[col] = shown[col].map(fit)
    typer.echo(shown.to_string(index=False))


def _read_inputs(paths: list[Path], text_column: str) -> tuple[list[str], list[str]]:
    """Return (ids, texts) from text files, folders of them, and JSONL/CSV tables.

    An id is the file's path relative to the folder given (or the file as
    given), plus ``:line`` for table rows, so ids do not depend on where the
    data happens to sit.
    """
    files: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                (f, f.relative_to(p).as_posix())
                for f in sorted(p.rglob("*"))
                if f.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES
            )
        elif p.is_file():
            files.append((p, str(p)))
        else:
            _fail(f"{p}: no such file or folder", 2)
    ids: list[str] = []
    texts: list[str] = []
    for f, name in files:
        suffix = f.suffix.lower()
        try:
            if suffix == ".jsonl":
                for n, line in enumerate(f.read_text(encoding="utf-8-sig").splitlines(), 1):
                    if line.strip():
                        rec = json.loads(line)
                        if not isinstance(rec.get(text_column), str):
                            _fail(
                                f"{f}:{n}: field {text_column!r} is missing or not text (use --text-column)"
                            )
                        ids.append(f"{name}:{n}")
                        texts.append(rec[text_column])
            elif suffix == ".csv":
                table = pd.read_csv(f, dtype=str, keep_default_na=False)
                if text_column not in table.columns:
                    _fail(f"{f}: no column {text_column!r}; columns: {', '.join(table.columns)}")
                for n, text in enumerate(table[text_column], 2):
                    ids.append(f"{name}:{n}")
                    texts.append(text)
            else:
                ids.append(name)
                texts.append(f.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, OSError) as exc:
            _fail(f"{f}: cannot read: {exc}")
    return ids, texts


@app.command()
def tag(
    texts: Annotated[list[str], typer.Argument(help="Sentences or short texts to tag.")],
    lang: Lang = "auto",
    lexicon: LexiconOpt = None,
) -> None:
    """Tag texts given on the command line and show every match with its valence and cue."""
    from trustlex.frame import score_texts

    try:
        frame = score_texts(texts, lang=lang, level="match", lexicons=lexicon)
    except TrustlexError as exc:
        _fail(str(exc))
    cols = ["doc_id", "text", "concept", "base_valence", "valence", "cue", "hedge", "entry_id"]
    _print_frame(frame, cols)


@app.command()
def score(
    paths: Annotated[
        list[Path], typer.Argument(help="Text files (.txt, .md), JSONL/CSV tables, or folders.")
    ],
    lang: Lang = "auto",
    level: Annotated[str, typer.Option(help="doc, sentence or match.")] = "sentence",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write CSV or Parquet instead of printing.")
    ] = None,
    text_column: Annotated[str, typer.Option(help="Text field of JSONL/CSV rows.")] = "text",
    lexicon: LexiconOpt = None,
) -> None:
    """Score documents and print a table (or write CSV/Parquet with --out)."""
    from trustlex.frame import score_texts

    ids, texts = _read_inputs(paths, text_column)
    try:
        frame = score_texts(
            pd.Series(texts, index=ids, dtype=object), lang=lang, level=level, lexicons=lexicon
        )
    except TrustlexError as exc:
        _fail(str(exc))
    if out is not None:
        if out.suffix == ".parquet":
            frame.to_parquet(out, index=False)
        elif out.suffix == ".csv":
            frame.to_csv(out, index=False)
        else:
            _fail(f"--out must end in .csv or .parquet, got {out.name}", 2)
        typer.echo(f"wrote {len(frame)} rows to {out}", err=True)
        return
    if level == "sentence":
        _print_frame(frame, ["doc_id", "sent_id", "concept", "valence", "terms", "cues", "sentence"], 48)
    elif level == "match":
        _print_frame(frame, ["doc_id", "sent_id", "text", "concept", "base_valence", "valence", "cue"])
    else:
        cols = ["doc_id", "lang", "n_words", "n_sents"] + [c for c in frame.columns if c.endswith("_n")]
        _print_frame(frame, cols)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: {text, labels, lang?, id?} per line.")],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Only this language.")] = None,
    lexicon: LexiconOpt = None,
    errors: Annotated[int, typer.Option(help="How many misses/false alarms to list per language.")] = 20,
    errors_out: Annotated[Path | None, typer.Option(help="Write every error to this CSV.")] = None,
) -> None:
    """Print precision, recall, F1 per concept, micro/macro F1 and valence accuracy against gold."""
    from trustlex.evaluate import evaluate as run

    if not gold.is_file():
        _fail(f"{gold}: no such file", 2)
    try:
        report = run(gold, lang=lang, lexicons=lexicon)
    except TrustlexError as exc:
        _fail(str(exc))
    typer.echo(str(report))
    if errors and not report.errors.empty:
        typer.echo("\nErrors (first per language)")
        for code, part in report.errors.groupby("lang"):
            typer.echo(f"-- {code}: {len(part)} errors")
            for row in part.head(errors).itertuples():
                typer.echo(
                    f"{row.id} {row.kind:11} {row.concept:14} gold={row.gold or '.'} "
                    f"pred={row.pred or '.'}  {row.text[:110]}"
                )
    if errors_out:
        report.errors.to_csv(errors_out, index=False)


@lexicon_app.command("check")
def lexicon_check(
    files: Annotated[list[Path], typer.Argument(help="Lexicon or context TOML files.")],
) -> None:
    """Load every file with the full schema check; print one line per problem, exit 1 if any."""
    from trustlex.lexicon import load_context_file, load_lexicon_file

    problems = 0
    for f in files:
        try:
            if f.stem == "context":
                load_context_file(f)
            else:
                load_lexicon_file(f)
        except TrustlexError as exc:
            problems += 1
            typer.echo(str(exc))
    typer.echo(f"{len(files)} files checked, {problems} with problems", err=True)
    if problems:
        raise typer.Exit(1)


@lexicon_app.command("list")
def lexicon_list(lang: Annotated[str | None, typer.Option("--lang", "-l")] = None) -> None:
    """List the shipped lexicons with their number of entries."""
    from trustlex.lexicon import load_lexicon_file
    from trustlex.resources import lexicon_dir, list_lexicons

    for name in list_lexicons():
        if lang and not name.startswith(lang + "/"):
            continue
        lex = load_lexicon_file(lexicon_dir() / f"{name}.toml")
        typer.echo(f"{name:24} {lex.label:32} {len(lex.entries):4d} entries")


def main() -> None:
    """Run the command line (the ``trustlex`` console script)."""
    try:
        app()
    except TrustlexError as exc:  # pragma: no cover - commands catch their own
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
