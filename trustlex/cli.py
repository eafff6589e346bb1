"""The ``trustlex`` command line: thin wrappers over the library functions.

Exit status: 0 success, 1 a problem with the input (a bad lexicon or gold
file, or documents that ``score`` reported and skipped), 2 bad usage, 3 the
run could not finish (its output locked by another run, a full disk); each
with a one-line message, never a traceback.

Everything printed goes through :func:`_echo`, which shows control
characters from file names and document text as escapes: a crafted file
name must not retitle the terminal or write to the clipboard.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from trustlex.errors import RunError, TrustlexError

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
KeyEnv = Annotated[
    str | None,
    typer.Option(
        "--key-env",
        metavar="NAME",
        help="Sign the model (train) or require its signature (--model) with the key in environment "
        "variable NAME (HMAC-SHA256). Default: TRUSTLEX_MODEL_KEY when set.",
    ),
]


# C0 and C1 controls (but tab and line feed), DEL, and bidirectional overrides that reorder text
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    """Return ``text`` with terminal control characters shown as escapes (ESC becomes backslash-x1b)."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", text)


def _echo(message: object = "", *, err: bool = False) -> None:
    """Print a line, with control characters from documents made harmless (see :func:`_printable`)."""
    typer.echo(_printable(str(message)), err=err)


def _fail(message: str, code: int = 1) -> None:
    _echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _require_paths(paths: list[Path]) -> None:
    """Stop with exit status 2 (bad usage) at the first path that does not exist."""
    for p in paths:
        if not p.exists():
            _fail(f"{p}: no such file or folder", 2)


def _print_frame(frame: pd.DataFrame, columns: list[str], width: int = 60) -> None:
    if frame.empty:
        _echo("(no trust language found)")
        return
    shown = frame[columns].astype(object)

    def fit(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = " ".join(value.split())  # one line per row, whatever the sentence holds
        return value if len(value) <= width else value[: width - 1] + "…"

    for col in shown.columns:
        shown[col] = shown[col].map(fit)
    _echo(shown.to_string(index=False))


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
        list[Path],
        typer.Argument(help="Files or folders: .txt .md .html .docx .pdf; tables .csv .tsv .jsonl .xlsx."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write CSV or Parquet (resumable) instead of printing a table."),
    ] = None,
    level: Annotated[str, typer.Option(help="doc, sentence or match.")] = "doc",
    lang: Lang = "auto",
    text_column: Annotated[
        str | None, typer.Option(help="Text column of tables (default: detected, e.g. 'text', 'comment').")
    ] = None,
    id_column: Annotated[str | None, typer.Option(help="Column of tables to carry as doc_id.")] = None,
    glob: Annotated[
        str | None, typer.Option(help="Only files whose relative path matches, e.g. '*.pdf'.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes on this machine.")] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Run on a Dask cluster: a scheduler address, or 'local'.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Start over, replacing an existing output.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    lexicon: LexiconOpt = None,
    model: Annotated[
        Path | None,
        typer.Option(help="'default' (shipped) or a folder from 'trustlex train': lexicon + model."),
    ] = None,
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
    and skipped. Exit status: 0 all inputs scored, 1 finished with reported
    errors, 2 bad usage, 3 could not finish (OUT locked by another run, disk
    full). An interrupted run with --out resumes when the same command is
    run again. The output never overwrites an input.
    """
    from trustlex.batch import EXIT_UNFINISHED, EXIT_USAGE, errors_path, score_folder

    if level not in ("doc", "sentence", "match"):
        _fail(f"--level must be doc, sentence or match, got {level!r}", EXIT_USAGE)
    if out is not None and out.suffix.lower() not in (".csv", ".parquet"):
        _fail(f"--out must end in .csv or .parquet, got {out.name}", EXIT_USAGE)
    _require_paths(paths)
    if model is not None:
        _score_with_model(
            paths, model, lang, text_column, out, key_env=key_env, force=force, csv_safe=not raw_csv
        )
        return
    try:
        report = score_folder(
            paths,
            out,
            level,
            lang,
            text_column=text_column,
            id_column=id_column,
            glob=glob,
            workers=workers,
            dask=dask,
            force=force,
            lexicons=lexicon,
            progress=False if quiet else None,
            follow_links=follow_links,
            csv_safe=not raw_csv,
        )
    except RunError as exc:
        _fail(str(exc), EXIT_UNFINISHED)
    except TrustlexError as exc:
        _fail(str(exc), EXIT_USAGE)
    if out is None:
        _print_scores(report.frame, level)
    for note in report.notes:
        _echo(f"note: {note}", err=True)
    for row in report.errors.head(20).itertuples():
        where = f"{row.path}: row {row.row}" if not pd.isna(row.row) else row.path
        _echo(f"error: {where}: {row.kind}: {row.message}", err=True)
    if len(report.errors) > 20:
        more = f"; all in {errors_path(out)}" if out is not None else ""
        _echo(f"... {len(report.errors) - 20} more errors{more}", err=True)
    _echo(report.summary(), err=True)
    raise typer.Exit(report.exit_code)


def _score_with_model(
    paths: list[Path],
    model: Path,
    lang: str,
    text_column: str | None,
    out: Path | None,
    *,
    key_env: str | None,
    force: bool,
    csv_safe: bool,
) -> None:
    """Sentence rows of lexicon and model together (in memory: not resumable, unlike plain --out)."""
    from trustlex.batch import EXIT_USAGE, neutralise_frame, refuse_input_as_output
    from trustlex.frame import score_texts

    if out is not None:
        try:
            refuse_input_as_output(out, paths)
        except TrustlexError as exc:
            _fail(str(exc), EXIT_USAGE)
        if out.exists() and not force:
            _fail(f"{out} exists; pass --force to replace it", EXIT_USAGE)
    try:
        classifier = _load_model(model, key_env)  # a refused model before reading every document
        frame = score_texts(_corpus_texts(paths, text_column), lang, "sentence", model=classifier)
    except TrustlexError as exc:
        _fail(str(exc))
    if out is None:
        _print_frame(
            frame, ["doc_id", "sent_id", "concept", "valence", "source", "probability", "sentence"], 48
        )
    elif out.suffix.lower() == ".parquet":
        frame.to_parquet(out, index=False)
    else:
        (neutralise_frame(frame) if csv_safe else frame).to_csv(out, index=False)
    _echo(f"{len(frame)} rows; sources: {frame['source'].value_counts().to_dict()}", err=True)


def _print_scores(frame: pd.DataFrame, level: str) -> None:
    where = ["path", "row"] if frame.get("row") is not None and frame["row"].notna().any() else ["path"]
    if level == "sentence":
        _print_frame(frame, [*where, "sent_id", "concept", "valence", "terms", "cues", "sentence"], 48)
    elif level == "match":
        _print_frame(frame, [*where, "sent_id", "text", "concept", "base_valence", "valence", "cue"])
    else:
        cols = [*where, "lang", "n_words", "n_sents"] + [c for c in frame.columns if c.endswith("_n")]
        _print_frame(frame, cols)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: {text, labels, lang?, id?} per line.")],
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Only this language.")] = None,
    lexicon: LexiconOpt = None,
    errors: Annotated[int, typer.Option(help="How many misses/false alarms to list per language.")] = 20,
    errors_out: Annotated[Path | None, typer.Option(help="Write every error to this CSV.")] = None,
    model: Annotated[Path | None, typer.Option(help="A model folder from 'trustlex train'.")] = None,
    key_env: KeyEnv = None,
) -> None:
    """Print precision, recall, F1 per concept, micro/macro F1 and valence accuracy against gold."""
    from trustlex.evaluate import evaluate as run

    if not gold.is_file():
        _fail(f"{gold}: no such file", 2)
    try:
        report = run(gold, lang=lang, lexicons=lexicon, model=_load_model(model, key_env) if model else None)
    except TrustlexError as exc:
        _fail(str(exc))
    _echo(str(report))
    if errors and not report.errors.empty:
        _echo("\nErrors (first per language)")
        for code, part in report.errors.groupby("lang"):
            _echo(f"-- {code}: {len(part)} errors")
            for row in part.head(errors).itertuples():
                _echo(
                    f"{row.id} {row.kind:11} {row.concept:14} gold={row.gold or '.'} "
                    f"pred={row.pred or '.'}  {row.text[:110]}"
                )
    if errors_out:
        report.errors.to_csv(errors_out, index=False)


def _load_model(folder: Path, key_env: str | None = None) -> object:
    """The model of --model: "default" is the one shipped with trustlex (./default for a folder so named)."""
    from trustlex.classify import DEFAULT_MODEL, TrustClassifier, default_model

    if str(folder) == DEFAULT_MODEL:
        return default_model()
    return TrustClassifier.load(folder, key=_model_key(key_env))


def _model_key(key_env: str | None) -> str | None:
    """Return the key in the environment variable named by --key-env (None: the library's default)."""
    import os

    if key_env is None:
        return None
    key = os.environ.get(key_env)
    if not key:
        _fail(f"--key-env {key_env}: the environment variable {key_env} is not set or is empty", 2)
    return key


def _corpus_texts(paths: list[Path], text_column: str | None) -> pd.Series:
    """Return the documents under ``paths`` (any format ``score`` reads) as a Series indexed by path."""
    from trustlex.batch import plan
    from trustlex.readers import read_rows, read_text_document

    units, errors, _ = plan(paths)
    for e in errors:
        _echo(f"error: {e['path']}: {e['kind']}: {e['message']}", err=True)
    ids, texts = [], []
    tables_read: set[str] = set()
    for unit in units:
        try:
            if unit.kind == "text":
                for path, rel in unit.files:
                    text = "".join(read_text_document(Path(path), rel).blocks)
                    ids.append(rel)
                    texts.append(text)
            elif unit.path not in tables_read:
                # a table's units are consecutive row ranges: read it once, whole, at its first one
                tables_read.add(unit.path)
                for row in read_rows(Path(unit.path), unit.rel, text_column):
                    if isinstance(row, TrustlexError):
                        _echo(f"error: {row}", err=True)
                    else:
                        ids.append(f"{unit.rel}:{row.row}")
                        texts.append(row.text)
        except TrustlexError as exc:  # reported and skipped, as score does
            _echo(f"error: {exc}", err=True)
    return pd.Series(texts, index=ids, dtype=object)


@app.command()
def train(
    data: Annotated[
        list[Path], typer.Argument(help="Coded sentences (gold JSONL), or with --from-lexicon a corpus.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write.")],
    from_lexicon: Annotated[
        bool, typer.Option(help="Learn the lexicon's labels on an uncoded corpus (weak supervision).")
    ] = False,
    lang: Lang = "auto",
    text_column: Annotated[str | None, typer.Option(help="Text column of corpus tables.")] = None,
    key_env: KeyEnv = None,
) -> None:
    """Train a classifier on hand-coded sentences (or on the lexicon's labels) and save it as JSON."""
    from trustlex.classify import TrustClassifier, train_from_lexicon
    from trustlex.evaluate import read_gold

    key = _model_key(key_env)  # before training: a missing key should not cost a training run
    try:
        if from_lexicon:
            texts = _corpus_texts(data, text_column)
            model = train_from_lexicon(list(texts), lang=lang)
            what = f"{len(texts)} texts labelled by the lexicon"
        else:
            items = [it for f in data for it in read_gold(f)]
            model = TrustClassifier(lang=lang).fit([it.text for it in items], [it.labels for it in items])
            what = f"{len(items)} coded sentences"
    except (TrustlexError, ValueError) as exc:
        _fail(str(exc))
    path = model.save(out, key=key)
    _echo(f"trained on {what}; model written to {path}", err=True)


@app.command()
def kwic(
    paths: Annotated[list[Path], typer.Argument(help="Documents or folders (any format score reads).")],
    concept: Annotated[str | None, typer.Option(help="Only this concept.")] = None,
    valence: Annotated[str | None, typer.Option(help="Only this valence: +, - or 0.")] = None,
    window: Annotated[int, typer.Option(min=1, help="Tokens of context either side.")] = 8,
    per_sentence: Annotated[bool, typer.Option(help="The whole sentence as context.")] = False,
    lang: Lang = "auto",
    text_column: Annotated[str | None, typer.Option(help="Text column of tables.")] = None,
) -> None:
    """Keyword in context: every hit with the words around it and the cue that changed its valence."""
    from trustlex.analysis import kwic as run

    _require_paths(paths)
    try:
        rows = run(
            _corpus_texts(paths, text_column),
            concept,
            valence,
            window=window,
            lang=lang,
            per="sentence" if per_sentence else "window",
        )
    except TrustlexError as exc:
        _fail(str(exc), 2)
    for r in rows.itertuples(index=False):
        cue = f"  [{r.cue}]" if r.cue else ""
        _echo(
            f"{str(r.doc_id)[:28]:28} {r.left[-50:]:>50} [{r.keyword}] {r.right[:50]:50} {r.valence}{cue}"
        )
    _echo(f"{len(rows)} hits", err=True)


@app.command()
def report(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents or folders to score, or a results CSV/Parquet.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    title: Annotated[str, typer.Option(help="Title of the report.")] = "Trust language report",
    lang: Lang = "auto",
) -> None:
    """Write a self-contained HTML report: charts, a table per concept, the highlighted sentences."""
    from trustlex.report import report as write

    _require_paths(paths)
    try:
        path = write(paths if len(paths) > 1 else paths[0], out, title, lang=lang)
    except TrustlexError as exc:
        _fail(str(exc))
    _echo(f"report written to {path}", err=True)


@lexicon_app.command("check")
def lexicon_check(
    files: Annotated[list[Path], typer.Argument(help="Lexicon and context TOML files, or folders of them.")],
    context: Annotated[
        Path | None, typer.Option(help="Context cues for running the examples (default: shipped).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="A problem kind not to report (repeatable).")
    ] = None,
) -> None:
    """Check lexicons: schema, duplicates, shadowed entries, broad wildcards, dead exclusions, examples.

    Prints one ``file:line: kind: message`` line per problem and exits 1 when
    there is any (2 for a missing file), so CI can run it.
    """
    from trustlex.workbench import PROBLEM_KINDS, check_lexicons

    _require_paths(files)
    unknown = sorted(set(ignore or ()) - set(PROBLEM_KINDS))
    if unknown:
        _fail(f"unknown problem kind {unknown[0]!r}; kinds: {', '.join(PROBLEM_KINDS)}", 2)
    problems = [p for p in check_lexicons(files, context=context) if p.kind not in (ignore or ())]
    for p in problems:
        _echo(str(p))
    counts = pd.Series([p.kind for p in problems]).value_counts()
    detail = f" ({', '.join(f'{n} {k}' for k, n in counts.items())})" if problems else ""
    _echo(f"{len(files)} paths checked, {len(problems)} problems{detail}", err=True)
    if problems:
        raise typer.Exit(1)


@lexicon_app.command("import")
def lexicon_import(
    src: Annotated[
        Path, typer.Argument(help="A dictionary: .dic (LIWC), .dicx (LIWC-22), .yml/.yaml (quanteda), .csv.")
    ],
    to: Annotated[Path, typer.Option("--to", "-o", help="The trustlex TOML lexicon to write.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="nl or en: the language of every entry.")],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="CATEGORY=concept:valence, or CATEGORY= to drop it; '*=...' covers the rest. Repeatable.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option(help="Lexicon name (default: the file's name).")] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="liwc, dicx, yaml or csv (default: from the suffix).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
) -> None:
    """Import a LIWC, LIWC-22, quanteda YAML or CSV dictionary as a trustlex TOML lexicon."""
    import warnings
    from collections import Counter

    from trustlex.lexicon_io import LexiconFormatWarning, read_dictionary, write_toml

    if not src.is_file():
        _fail(f"{src}: no such file", 2)
    if to.suffix != ".toml":
        _fail(f"{to}: the output must be a .toml file", 2)
    if to.exists() and not force:
        _fail(f"{to} exists; pass --force to replace it", 2)
    category_map: dict[str, str | None] = {}
    for item in mapping or ():
        category, sep, target = item.rpartition("=")
        if not sep or not category:
            _fail(f"--map {item!r}: expected CATEGORY=concept:valence (or CATEGORY= to drop it)", 2)
        category_map[category] = target or None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconFormatWarning)
        try:
            lex = read_dictionary(src, fmt, language=lang, name=name, category_map=category_map or None)
            write_toml(lex, to)
        except TrustlexError as exc:
            hint = " (on the command line: --map CATEGORY=concept:valence)"
            _fail(f"{exc}{hint}" if "category_map" in str(exc) else str(exc))
    for w in caught:
        if issubclass(w.category, LexiconFormatWarning):
            _echo(f"warning: {w.message}", err=True)
    kinds = Counter(e.kind for e in lex.entries)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    _echo(f"{to}: {len(lex.entries)} entries ({summary or 'none'})")


@lexicon_app.command("export")
def lexicon_export(
    names: Annotated[list[str], typer.Argument(help="Lexicon names (nl/trust, nl), TOML files or folders.")],
    to: Annotated[
        Path,
        typer.Option(
            "--to", "-o", help="Output: .dic (LIWC), .dicx (LIWC-22), .yml (quanteda), .csv, .toml."
        ),
    ],
    fmt: Annotated[
        str | None, typer.Option("--format", help="liwc, dicx, yaml, csv or toml (default: from the suffix).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output file.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit 1 when the format cannot hold everything.")] = False,
) -> None:
    """Export lexicons to LIWC, LIWC-22, quanteda YAML, CSV or TOML, listing what the format loses."""
    import warnings

    from trustlex.lexicon import load_lexicon_file
    from trustlex.lexicon_io import LexiconFormatWarning, write_dictionary
    from trustlex.resources import resolve_lexicons

    if to.exists() and not force:
        _fail(f"{to} exists; pass --force to replace it", 2)
    try:
        # resolve_lexicons uses lang only when no specs are given, which the argument rules out
        paths = list(dict.fromkeys(resolve_lexicons(list(names), "nl")))
        lexicons = [load_lexicon_file(p) for p in paths]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LexiconFormatWarning)  # printed below, from the return value
            messages = write_dictionary(lexicons, to, fmt)
    except TrustlexError as exc:
        _fail(str(exc))
    for message in messages:
        _echo(f"warning: {message}", err=True)
    _echo(f"{to}: {sum(len(lx.entries) for lx in lexicons)} entries from {len(lexicons)} lexicon(s)")
    if strict and messages:
        raise typer.Exit(1)


@lexicon_app.command("suggest")
def lexicon_suggest(
    corpus: Annotated[
        list[Path],
        typer.Argument(help="Files or folders of your sector's documents (any format 'score' reads)."),
    ],
    concept: Annotated[str, typer.Option("--concept", "-c", help="The concept whose lexicon to grow.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="nl or en: the language of the corpus.")],
    top: Annotated[int, typer.Option(min=1, help="Number of candidates to show.")] = 25,
    min_count: Annotated[int, typer.Option(min=1, help="Occurrences a word needs to be a candidate.")] = 5,
    valence: Annotated[str, typer.Option(help="Valence written into the --out blocks: +, - or 0.")] = "0",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write the candidates to a TOML file as commented-out lexicon entries."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing --out file.")] = False,
    text_column: Annotated[
        str | None, typer.Option(help="Text column of tables (default: detected, e.g. 'text', 'comment').")
    ] = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Suggest lexicon terms: words the corpus uses like the concept's hits.

    Word vectors are computed from the corpus itself (positive PMI and SVD;
    nothing is downloaded). Texts in another language than ``--lang`` are
    left out. Review each candidate and its example sentence; with --out,
    uncomment the entry blocks you accept and move them into the lexicon file.
    """
    from trustlex.batch import EXIT_USAGE
    from trustlex.langdetect import detect_language
    from trustlex.suggest import candidates_toml, suggest_terms

    if valence not in ("+", "-", "0"):
        _fail(f"--valence must be +, - or 0, got {valence!r}", EXIT_USAGE)
    if out is not None and out.suffix.lower() != ".toml":
        _fail(f"--out must end in .toml, got {out.name}", EXIT_USAGE)
    if out is not None and out.exists() and not force:
        _fail(f"{out} exists; choose another file or pass --force", EXIT_USAGE)
    _require_paths(corpus)
    texts = _corpus_texts(corpus, text_column)
    same = texts.map(lambda t: detect_language(t) == lang if t.strip() else False)
    if (~same).any():
        _echo(f"left out {int((~same).sum())} of {len(texts)} texts not in {lang!r}", err=True)
        texts = texts[same]
    if texts.empty:
        _fail(f"no readable documents in {lang!r} in the corpus")
    try:
        frame = suggest_terms(texts, concept, lang=lang, lexicons=lexicon, top=top, min_count=min_count)
    except TrustlexError as exc:
        _fail(str(exc))
    seeds = list(frame.attrs["seeds"].items())
    shown_seeds = ", ".join(f"{w} ({n})" for w, n in seeds[:12]) + (", ..." if len(seeds) > 12 else "")
    _echo(f"{frame.attrs['n_words']:,} words; {len(seeds)} seed words: {shown_seeds}")
    if frame.empty:
        _echo(f"(no candidates occur {min_count} times or more; lower --min-count or add text)")
    else:
        table = frame.assign(
            score=frame["score"].round(3),
            similarity=frame["similarity"].round(3),
            co_share=frame["co_share"].round(2),
            example=frame["examples"].map(lambda e: e[0] if e else ""),
        )
        _print_frame(table, ["term", "score", "similarity", "co_share", "count", "nearest_seed", "example"])
    if out is not None:
        out.write_text(candidates_toml(frame, concept, lang, valence=valence), encoding="utf-8")
        _echo(f"wrote {len(frame)} commented-out entries to {out}")


def _audit_data(paths: list[Path], text_column: str | None) -> list:
    """Gold items when every path is a gold JSONL file (records with labels), else corpus texts."""
    from trustlex.evaluate import read_gold

    if all(p.suffix == ".jsonl" and p.is_file() for p in paths):
        with paths[0].open(encoding="utf-8-sig") as fh:
            first = next((line for line in fh if line.strip()), "{}")
        if '"labels"' in first:
            return [item for p in paths for item in read_gold(p)]
    return list(_corpus_texts(paths, text_column))


@lexicon_app.command("audit")
def lexicon_audit(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders; a gold JSONL adds precision.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="nl, en or auto (per text).")] = "auto",
    lexicon: LexiconOpt = None,
    concept: Annotated[str | None, typer.Option(help="Only entries of this concept.")] = None,
    top: Annotated[int, typer.Option(help="Entries to print.")] = 20,
    samples: Annotated[int, typer.Option(help="Sample contexts per entry.")] = 3,
    text_column: Annotated[str | None, typer.Option(help="Text column of csv/jsonl/xlsx files.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write every entry's row to this CSV.")] = None,
) -> None:
    """Rank lexicon entries by how often they fire on a corpus, with contexts; with gold, by harm.

    Given a gold JSONL (records with ``labels``), entries are ranked by the
    micro-F1 the lexicon would gain without them, with precision per entry,
    so the most harmful entries come first.
    """
    from trustlex.workbench import audit

    _require_paths(corpus)
    try:
        data = _audit_data(corpus, text_column)
        frame = audit(data, lang=lang, lexicons=lexicon, samples=samples)
    except TrustlexError as exc:
        _fail(str(exc))
    if concept is not None:
        frame = frame[frame["concept"] == concept]
    if out is not None:
        frame.assign(contexts=frame["contexts"].map(" | ".join)).to_csv(out, index=False)
        _echo(f"{len(frame)} entries written to {out}", err=True)
    gold = "f1_gain_if_removed" in frame.columns
    cols = ["entry", "fires", "units"] + (
        ["true", "false", "precision", "f1_gain_if_removed"] if gold else ["cue_share"]
    )
    shown = frame.head(top)
    _echo(shown[cols].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for row in shown.itertuples(index=False):
        for ctx in row.contexts:
            _echo(f"  {row.entry}: {ctx}")
    dead = int((frame["fires"] == 0).sum())
    _echo(f"{len(frame)} entries, {dead} never fired on {len(data)} texts", err=True)


@lexicon_app.command("reliability")
def lexicon_reliability(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="nl, en or auto (per text).")] = "auto",
    lexicon: LexiconOpt = None,
    unit: Annotated[str, typer.Option(help="document or sentence: the cases.")] = "document",
    text_column: Annotated[str | None, typer.Option(help="Text column of csv/jsonl/xlsx files.")] = None,
) -> None:
    """Print per concept Cronbach's alpha and KR-20 over the lexicon's entries on a corpus."""
    from trustlex.workbench import reliability

    _require_paths(corpus)
    try:
        frame = reliability(list(_corpus_texts(corpus, text_column)), lang=lang, lexicons=lexicon, unit=unit)
    except TrustlexError as exc:
        _fail(str(exc))
    _echo(frame.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


@lexicon_app.command("list")
def lexicon_list(lang: Annotated[str | None, typer.Option("--lang", "-l")] = None) -> None:
    """List the shipped lexicons with their number of entries."""
    from trustlex.lexicon import load_lexicon_file
    from trustlex.resources import lexicon_dir, list_lexicons

    for name in list_lexicons():
        if lang and not name.startswith(lang + "/"):
            continue
        lex = load_lexicon_file(lexicon_dir() / f"{name}.toml")
        _echo(f"{name:24} {lex.label:32} {len(lex.entries):4d} entries")


def _lexicon_frame(names: list[str]) -> pd.DataFrame:
    """Entries of the named lexicons (shipped names, globs, files or folders) as one table."""
    from trustlex.lexicon import load_lexicon_file
    from trustlex.resources import resolve_lexicons

    frames = []
    for name in names:
        lang = name.split("/")[0] if name.split("/")[0] in ("nl", "en") else "nl"
        for path in resolve_lexicons([name], lang):
            frames.append(load_lexicon_file(path).to_frame())
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@lexicon_app.command("show")
def lexicon_show(
    names: Annotated[list[str], typer.Argument(help="Lexicons: nl/trust, nl/*, a TOML file or folder.")],
    concept: Annotated[str | None, typer.Option(help="Only this concept.")] = None,
) -> None:
    """Print the entries of lexicons as a table: id, kind, value, valence, weight, file:line."""
    try:
        frame = _lexicon_frame(names)
    except TrustlexError as exc:
        _fail(str(exc))
    if concept is not None and not frame.empty:
        frame = frame[frame["concept"] == concept]
    cols = [c for c in ("id", "kind", "value", "valence", "weight", "line") if c in frame.columns]
    _print_frame(frame, cols, 48)


@lexicon_app.command("stats")
def lexicon_stats(
    names: Annotated[list[str] | None, typer.Argument(help="Lexicons (default: every shipped one).")] = None,
) -> None:
    """Print entry counts per language, concept, kind and default valence."""
    try:
        frame = _lexicon_frame(names or ["nl", "en"])
    except TrustlexError as exc:
        _fail(str(exc))
    frame = frame.assign(lang=frame["language"])
    table = frame.pivot_table(
        index=["lang", "concept"], columns="kind", values="id", aggfunc="count", fill_value=0
    )
    table["entries"] = table.sum(axis=1)
    valence = frame.pivot_table(
        index=["lang", "concept"], columns="valence", values="id", aggfunc="count", fill_value=0
    )
    table = table.join(valence.add_prefix("valence "))
    _echo(table.to_string())
    _echo(f"{len(frame)} entries in {frame['lang'].nunique()} languages", err=True)


def main() -> None:
    """Run the command line (the ``trustlex`` console script)."""
    try:
        app()
    except RunError as exc:
        _echo(f"error: {exc}", err=True)
        sys.exit(3)
    except TrustlexError as exc:  # pragma: no cover - commands catch their own
        _echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # a full disk or a vanished folder while writing: one line, no traceback
        where = f" ({exc.filename})" if exc.filename else ""
        _echo(f"error: could not finish: {exc.strerror or exc}{where}", err=True)
        sys.exit(3)
