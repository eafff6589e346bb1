"""The ``lexicon`` commands: check, import, export, suggest, misses, audit, reliability, list, show, stats.

Each command imports what it needs when it runs (spaCy, pandas, the
workbench), so that ``trustlex --help`` and a refused option do without
them; the layers contract (``lint-imports``) sees imports in functions too.
"""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustlex.cli.app import LexiconOpt, SkipBadLines, exit_on_error, lang_option
from trustlex.cli.output import (
    check_output,
    echo,
    echo_error,
    fail,
    print_frame,
    require_paths,
    warnings_as_lines,
)
from trustlex.errors import EXIT_USAGE, LexiconFormatWarning, TrustlexError
from trustlex.lexicon import load_lexicon_file
from trustlex.lexicon.resources import lexicon_dir, list_lexicons, resolve_lexicons

if TYPE_CHECKING:
    import pandas as pd

CorpusText = Annotated[str | None, typer.Option(help="Text column of csv/jsonl/xlsx files.")]
CorpusLang = Annotated[
    str, typer.Option("--lang", "-l", help="nl, en or auto (per text).", callback=lang_option())
]


@exit_on_error()
def lexicon_check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Lexicon, context and referent TOML files, folders of them, or shipped lexicons as "
            "--lexicon names them (en/trust, 'en/*'), to check yours with them "
            "(a .dic, .dicx, .yml or .csv dictionary: check it by importing it)."
        ),
    ],
    context: Annotated[
        Path | None, typer.Option(help="Context cues for running the examples (default: shipped).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="A problem kind not to report (repeatable).")
    ] = None,
) -> None:
    """Check lexicons: schema, duplicates, shadowed entries, broad wildcards, dead exclusions, examples.

    Prints one 'file:line: kind: message' line per problem and exits 1 when
    there is any (2 for a missing file), so CI can run it.
    """
    import pandas as pd

    from trustlex.batch.outcome import count
    from trustlex.workbench import PROBLEM_KINDS, check_lexicons

    for f in files:
        if f.exists() or f.suffix.lower() == ".toml":
            continue
        try:  # a shipped name or glob, as score --lexicon takes it
            resolve_lexicons([str(f)], "en")
        except TrustlexError:
            shipped = "a shipped lexicon name such as en/trust or 'en/*'"
            fail(f"{f}: no such file or folder, nor {shipped}", EXIT_USAGE)
    require_paths([f for f in files if f.suffix.lower() == ".toml"])
    unknown = sorted(set(ignore or ()) - set(PROBLEM_KINDS))
    if unknown:
        fail(f"unknown problem kind {unknown[0]!r}; kinds: {', '.join(PROBLEM_KINDS)}", EXIT_USAGE)
    problems = [p for p in check_lexicons(files, context=context) if p.kind not in (ignore or ())]
    for p in problems:
        echo(str(p))
    counts = pd.Series([p.kind for p in problems]).value_counts()
    detail = f" ({', '.join(f'{n} {k}' for k, n in counts.items())})" if problems else ""
    echo(f"{count(len(files), 'path')} checked, {count(len(problems), 'problem')}{detail}", err=True)
    if problems:
        raise typer.Exit(1)


@exit_on_error()
def lexicon_import(
    src: Annotated[
        Path, typer.Argument(help="A dictionary: .dic (LIWC), .dicx (LIWC-22), .yml/.yaml (quanteda), .csv.")
    ],
    to: Annotated[Path, typer.Option("--to", "-o", help="The trustlex TOML lexicon to write.")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", help="nl or en: the language of every entry.", callback=lang_option(auto=False)
        ),
    ],
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
    if not src.is_file():
        fail(f"{src}: no such file", EXIT_USAGE)
    if to.suffix != ".toml":
        fail(f"{to}: the output must be a .toml file", EXIT_USAGE)
    check_output(to, [src], force=force, option="--to")
    category_map: dict[str, str | None] = {}
    for item in mapping or ():
        category, sep, target = item.rpartition("=")
        if not sep or not category:
            fail(f"--map {item!r}: expected CATEGORY=concept:valence (or CATEGORY= to drop it)", EXIT_USAGE)
        category_map[category] = target or None
    from trustlex.lexicon.formats import read_dictionary, write_toml  # after the checks of the options

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconFormatWarning)
        try:
            lex = read_dictionary(src, fmt, language=lang, name=name, category_map=category_map or None)
            write_toml(lex, to)
        except TrustlexError as exc:
            if "category_map" not in str(exc):
                raise
            fail(f"{exc} (on the command line: --map CATEGORY=concept:valence)")
    for w in caught:
        if issubclass(w.category, LexiconFormatWarning):
            echo(f"warning: {w.message}", err=True)
    kinds = Counter(e.kind for e in lex.entries)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    echo(f"{to}: {len(lex.entries)} entries ({summary or 'none'})")


@exit_on_error()
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
    # resolve_lexicons uses lang only when no specs are given, which the argument rules out
    paths = list(dict.fromkeys(resolve_lexicons(list(names), "nl")))
    check_output(to, paths, force=force, option="--to")
    from trustlex.lexicon.formats import write_dictionary  # after the checks of the options

    lexicons = [load_lexicon_file(p) for p in paths]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconFormatWarning)  # printed below, from the return value
        messages = write_dictionary(lexicons, to, fmt)
    for message in messages:
        echo(f"warning: {message}", err=True)
    echo(f"{to}: {sum(len(lx.entries) for lx in lexicons)} entries from {len(lexicons)} lexicon(s)")
    if strict and messages:
        raise typer.Exit(1)


def corpus_in(corpus: list[Path], text_column: str | None, lang: str) -> pd.Series:
    """The texts of the corpus in ``lang``, saying how many others were left out; none at all fails."""
    from trustlex.batch.corpus import read_corpus
    from trustlex.lang.detect import detect_language

    with warnings_as_lines():  # a guessed text column: a note
        texts = read_corpus(corpus, text_column, on_error=echo_error)
    same = texts.map(lambda t: detect_language(t) == lang if t.strip() else False)
    if (~same).any():
        echo(f"left out {int((~same).sum())} of {len(texts)} texts not in {lang!r}", err=True)
        texts = texts[same]
    if texts.empty:
        fail(f"no readable documents in {lang!r} in the corpus")
    return texts


@exit_on_error()
def lexicon_suggest(
    corpus: Annotated[
        list[Path],
        typer.Argument(help="Files or folders of your sector's documents (any format 'score' reads)."),
    ],
    concept: Annotated[str, typer.Option("--concept", "-c", help="The concept whose lexicon to grow.")],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", help="nl or en: the language of the corpus.", callback=lang_option(auto=False)
        ),
    ],
    top: Annotated[int, typer.Option(min=1, help="Number of candidates to show.")] = 25,
    min_count: Annotated[int, typer.Option(min=1, help="Occurrences a word needs to be a candidate.")] = 5,
    valence: Annotated[str, typer.Option(help="Valence written into the --out blocks: +, - or 0.")] = "0",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the candidates to a lexicon TOML file, as commented-out entries to accept.",
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
    nothing is downloaded). Texts in another language than --lang are
    left out. Review each candidate and its example sentence; --out writes a
    lexicon file (with a [lexicon] header): uncomment the entry blocks you
    accept, then use it with --lexicon or move the blocks into your lexicon file.
    """
    from trustlex.workbench.suggest import candidates_toml, suggest_terms

    if valence not in ("+", "-", "0"):
        fail(f"--valence must be +, - or 0, got {valence!r}", EXIT_USAGE)
    if out is not None and out.suffix.lower() != ".toml":
        fail(f"--out must end in .toml, got {out.name}", EXIT_USAGE)
    require_paths(corpus)
    if out is not None:
        check_output(out, corpus, force=force)
    texts = corpus_in(corpus, text_column, lang)
    frame = suggest_terms(texts, concept, lang=lang, lexicons=lexicon, top=top, min_count=min_count)
    seeds = list(frame.attrs["seeds"].items())
    shown_seeds = ", ".join(f"{w} ({n})" for w, n in seeds[:12]) + (", ..." if len(seeds) > 12 else "")
    echo(f"{frame.attrs['n_words']:,} words; {len(seeds)} seed words: {shown_seeds}")
    if frame.empty:
        echo(f"(no candidates occur {min_count} times or more; lower --min-count or add text)")
    else:
        table = frame.assign(
            score=frame["score"].round(3),
            similarity=frame["similarity"].round(3),
            co_share=frame["co_share"].round(2),
            example=frame["examples"].map(lambda e: e[0] if e else ""),
        )
        print_frame(table, ["term", "score", "similarity", "co_share", "count", "nearest_seed", "example"])
    if out is not None:
        out.write_text(candidates_toml(frame, concept, lang, valence=valence), encoding="utf-8")
        echo(f"wrote {len(frame)} commented-out entries to {out}")


@exit_on_error()
def lexicon_misses(
    corpus: Annotated[
        list[Path], typer.Argument(help="Files or folders of uncoded documents (any format 'score' reads).")
    ],
    coded: Annotated[
        list[Path], typer.Option("--coded", help="Your hand-coded sentences (gold JSONL; repeatable).")
    ],
    lang: Annotated[
        str,
        typer.Option(
            "--lang", "-l", help="nl or en: the language to look at.", callback=lang_option(auto=False)
        ),
    ],
    concept: Annotated[
        list[str] | None, typer.Option("--concept", "-c", help="Only this concept (repeatable).")
    ] = None,
    min_p: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="The model's probability a row needs.")
    ] = 0.6,
    top: Annotated[int, typer.Option(min=1, help="Rows to show per concept.")] = 15,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write every row to this CSV.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing --out file.")] = False,
    text_column: CorpusText = None,
    lexicon: LexiconOpt = None,
    skip_bad_lines: SkipBadLines = False,
) -> None:
    """Find sentences the lexicon misses, where a model trained on your coding sees a concept.

    A words-only classifier (no lexicon features) learns from the --coded
    sentences of --lang and reads every sentence of the corpus; a row is a
    sentence and a concept the model gives at least --min-p while the lexicon
    tags no such hit there, with the words that pushed the model. These are
    candidates to read against the codebook before writing an entry, not
    labels. Texts in another language than --lang are left out.
    """
    from trustlex.evaluate import read_gold
    from trustlex.workbench.misses import MIN_CODED, Coded, find_misses

    require_paths([*corpus, *coded])
    if out is not None:
        check_output(out, [*corpus, *coded], force=force)
    with warnings_as_lines():  # bad lines skipped on request: how many
        items = [it for f in coded for it in read_gold(f, skip_bad=skip_bad_lines) if it.lang == lang]
    if len(items) < MIN_CODED:  # before reading the corpus, which may take a while
        names = ", ".join(str(f) for f in coded)
        fail(f"--coded {names}: {len(items)} coded {lang} sentences; a classifier needs {MIN_CODED} or more")
    texts = corpus_in(corpus, text_column, lang)
    with warnings_as_lines():
        frame = find_misses(
            Coded([it.text for it in items], [it.labels for it in items]),
            list(texts),
            lang=lang,
            lexicons=lexicon,
            concepts=concept,
            min_p=min_p,
        )
    # text_id counts the texts read: name the document as the other commands do
    frame.insert(0, "doc_id", [texts.index[i] for i in frame["text_id"]])
    frame = frame.drop(columns="text_id")
    if out is not None:
        frame.to_csv(out, index=False)
        echo(f"{len(frame)} rows written to {out}", err=True)
    echo(
        f"{len(items)} coded {lang} sentences; {len(frame)} sentence-concept pairs the lexicon misses",
        err=True,
    )
    if not frame.empty:
        shown = frame.groupby("concept", sort=False).head(top)
        print_frame(shown, ["concept", "probability", "because", "sentence", "doc_id"])


@exit_on_error()
def lexicon_audit(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders; a gold JSONL adds precision.")],
    lang: CorpusLang = "auto",
    lexicon: LexiconOpt = None,
    concept: Annotated[str | None, typer.Option(help="Only entries of this concept.")] = None,
    top: Annotated[int, typer.Option(help="Entries to print.")] = 20,
    samples: Annotated[int, typer.Option(help="Sample contexts per entry.")] = 3,
    text_column: CorpusText = None,
    out: Annotated[Path | None, typer.Option(help="Write every entry's row to this CSV.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing --out file.")] = False,
    skip_bad_lines: SkipBadLines = False,
) -> None:
    """Rank lexicon entries by how often they fire on a corpus, with contexts; with gold, by harm.

    Given a gold JSONL (records with 'labels'), entries are ranked by the
    micro-F1 the lexicon would gain without them, with precision per entry,
    so the most harmful entries come first.
    """
    # SciPy: see the module; gold sniffing goes with it (workbench.gold once the workbench is a package)
    from trustlex.workbench import audit
    from trustlex.workbench.gold import read_gold_or_corpus

    require_paths(corpus)
    if out is not None:
        check_output(out, corpus, force=force)
    with warnings_as_lines():
        data = read_gold_or_corpus(corpus, text_column, on_error=echo_error, skip_bad=skip_bad_lines)
    with warnings_as_lines():
        frame = audit(data, lang=lang, lexicons=lexicon, samples=samples)
    if concept is not None:
        frame = frame[frame["concept"] == concept]
    if out is not None:
        frame.assign(contexts=frame["contexts"].map(" | ".join)).to_csv(out, index=False)
        echo(f"{len(frame)} entries written to {out}", err=True)
    gold = "f1_gain_if_removed" in frame.columns
    cols = ["entry", "fires", "units"] + (
        ["true", "false", "precision", "f1_gain_if_removed"] if gold else ["cue_share"]
    )
    shown = frame.head(top)
    echo(shown[cols].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for entry, contexts in zip(shown["entry"], shown["contexts"], strict=True):
        for ctx in contexts:
            echo(f"  {entry}: {ctx}")
    dead = int((frame["fires"] == 0).sum())
    echo(f"{len(frame)} entries, {dead} never fired on {len(data)} texts", err=True)


@exit_on_error()
def lexicon_reliability(
    corpus: Annotated[list[Path], typer.Argument(help="Files or folders of documents.")],
    lang: CorpusLang = "auto",
    lexicon: LexiconOpt = None,
    unit: Annotated[str, typer.Option(help="document or sentence: the cases.")] = "document",
    text_column: CorpusText = None,
) -> None:
    """Print per concept Cronbach's alpha and KR-20 over the lexicon's entries on a corpus."""
    from trustlex.batch.corpus import read_corpus
    from trustlex.workbench import reliability

    require_paths(corpus)
    with warnings_as_lines():
        texts = list(read_corpus(corpus, text_column, on_error=echo_error))
        frame = reliability(texts, lang=lang, lexicons=lexicon, unit=unit)
    echo(frame.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


@exit_on_error()
def lexicon_list(
    lang: Annotated[str | None, typer.Option("--lang", "-l", callback=lang_option(auto=False))] = None,
) -> None:
    """List the shipped lexicons with their number of entries."""
    for name in list_lexicons():
        if lang and not name.startswith(lang + "/"):
            continue
        lex = load_lexicon_file(lexicon_dir() / f"{name}.toml")
        echo(f"{name:24} {lex.label:32} {len(lex.entries):4d} entries")


def _lexicon_frame(names: list[str]) -> pd.DataFrame:
    """Entries of the named lexicons (shipped names, globs, files or folders) as one table."""
    import pandas as pd

    frames = []
    for name in names:
        lang = name.split("/")[0] if name.split("/")[0] in ("nl", "en") else "nl"
        for path in resolve_lexicons([name], lang):
            frames.append(load_lexicon_file(path).to_frame())
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@exit_on_error()
def lexicon_show(
    names: Annotated[
        list[str],
        typer.Argument(
            help="Lexicons: nl/trust, nl/*, a TOML file or folder; or entry ids as rows give them "
            "(en:communication:pattern:poor-of-?-?-communication), looked up in the shipped lexicons "
            "of their language and the files given."
        ),
    ],
    concept: Annotated[str | None, typer.Option(help="Only this concept.")] = None,
) -> None:
    """Print the entries of lexicons as a table: id, kind, value, valence, weight, file:line.

    An entry id ('lang:concept:kind:value', or an 'id' a file sets)
    prints that entry with its file and line, so an id in a row's
    'entry_ids' is found even where no file spells it (a pattern's id is
    made from the first alternative of each token).
    """
    # lexicon names and globs hold no colon: any other name with one is an id, also one a file sets
    # that does not start with a language ("psysafe:voice:silenced"), found in the files given
    ids = [n for n in names if ":" in n and not Path(n).exists()]
    lexicons = [n for n in names if n not in ids]
    langs = sorted({i.split(":")[0] for i in ids} & {"nl", "en"})
    frame = _lexicon_frame([*lexicons, *langs])
    if ids:
        missing = [i for i in ids if frame.empty or i not in set(frame["id"])]
        if missing:
            fail(
                f"no entry with id {missing[0]!r} in the shipped lexicons of its language or the files "
                "given; for an id your own file sets, give the file that sets it too (lexicon show ID "
                "ours.toml)"
            )
        for _, entry in frame[frame["id"].isin(ids)].drop_duplicates("id").iterrows():
            # whole, not cut to a table's width: the id and pattern are what was asked for
            echo(f"{entry['path']}:{entry['line']}: {entry['id']}")
            echo(f"  {entry['kind']} {entry['value']}  valence {entry['valence']}  weight {entry['weight']}")
        return
    if concept is not None and not frame.empty:
        frame = frame[frame["concept"] == concept]
    cols = [c for c in ("id", "kind", "value", "valence", "weight", "line") if c in frame.columns]
    print_frame(frame, cols, 48)


@exit_on_error()
def lexicon_stats(
    names: Annotated[list[str] | None, typer.Argument(help="Lexicons (default: every shipped one).")] = None,
) -> None:
    """Print entry counts per language, concept, kind and default valence."""
    frame = _lexicon_frame(names or ["nl", "en"])
    frame = frame.assign(lang=frame["language"])
    table = frame.pivot_table(
        index=["lang", "concept"], columns="kind", values="id", aggfunc="count", fill_value=0
    )
    table["entries"] = table.sum(axis=1)
    valence = frame.pivot_table(
        index=["lang", "concept"], columns="valence", values="id", aggfunc="count", fill_value=0
    )
    table = table.join(valence.add_prefix("valence "))
    echo(table.to_string())
    echo(f"{len(frame)} entries in {frame['lang'].nunique()} languages", err=True)
