"""Commands about classifiers and gold: ``evaluate`` and ``train``, and loading a model for ``--model``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from trustlex.cli.app import KeyEnv, Lang, LexiconOpt, ReferentsOpt, SkipBadLines, exit_on_error, lang_option
from trustlex.cli.output import check_output, echo, echo_error, fail, warnings_as_lines
from trustlex.errors import EXIT_USAGE, ModelError


@exit_on_error()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL: {text, labels, lang?, id?} per line.")],
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Only this language: nl or en.", callback=lang_option(auto=False)),
    ] = None,
    lexicon: LexiconOpt = None,
    errors: Annotated[int, typer.Option(help="How many misses/false alarms to list per language.")] = 20,
    errors_out: Annotated[Path | None, typer.Option(help="Write every error to this CSV.")] = None,
    model: Annotated[Path | None, typer.Option(help="A model folder from 'trustlex train'.")] = None,
    key_env: KeyEnv = None,
    force: Annotated[bool, typer.Option(help="Replace an existing --errors-out file.")] = False,
    referents: ReferentsOpt = None,
    skip_bad_lines: SkipBadLines = False,
) -> None:
    """Print precision, recall, F1 per concept, micro/macro F1 and valence accuracy against gold.

    Gold lines with referents ({"trust": "leadership"}) also get the
    attribution scored: accuracy where the coders name a party, precision
    and recall of 'none', per language; --referents gives your own
    taxonomy files.
    """
    if not gold.is_file():
        fail(f"{gold}: no such file", EXIT_USAGE)
    if errors_out is not None:
        check_output(errors_out, [gold], force=force, option="--errors-out")
    classifier = load_model(model, key_env, lexicon) if model else None
    refs = [str(f) for f in referents] if referents else None
    from trustlex.evaluate import evaluate as run_evaluation  # spaCy, pandas: once the options are checked

    with warnings_as_lines():  # bad lines skipped on request: how many
        report = run_evaluation(
            gold, lang=lang, lexicons=lexicon, model=classifier, referents=refs, skip_bad=skip_bad_lines
        )
    echo(str(report))
    if errors and not report.errors.empty:
        echo("\nErrors (first per language)")
        for code, part in report.errors.groupby("lang"):
            echo(f"-- {code}: {len(part)} errors")
            for row in part.head(errors).to_dict("records"):
                echo(
                    f"{row['id']} {row['kind']:11} {row['concept']:14} gold={row['gold'] or '.'} "
                    f"pred={row['pred'] or '.'}  {row['text'][:110]}"
                )
    if errors_out:
        report.errors.to_csv(errors_out, index=False)


@exit_on_error(also=(ValueError,))  # scikit-learn's ValueError: data it cannot learn from
def train(
    data: Annotated[
        list[Path], typer.Argument(help="Coded sentences (gold JSONL), or with --from-lexicon a corpus.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write.")],
    from_lexicon: Annotated[
        bool, typer.Option(help="Learn the lexicon's labels on an uncoded corpus (weak supervision).")
    ] = False,
    lang: Lang = "auto",
    lexicon: LexiconOpt = None,
    text_column: Annotated[str | None, typer.Option(help="Text column of corpus tables.")] = None,
    key_env: KeyEnv = None,
    force: Annotated[bool, typer.Option(help="Replace the model in an existing --out folder.")] = False,
    skip_bad_lines: SkipBadLines = False,
) -> None:
    """Train a classifier on hand-coded sentences (or on the lexicon's labels) and save it as JSON.

    --lexicon chooses the lexicons whose evidence the model learns from
    (and, with --from-lexicon, whose labels it learns), as 'score
    --lexicon' chooses those it scores with; a model made with your own
    lexicon files is used with the same --lexicon files afterwards.
    """
    from trustlex.batch.corpus import read_corpus
    from trustlex.evaluate import read_gold
    from trustlex.models import TrustClassifier, train_from_lexicon  # scikit-learn: only when training

    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; the model is written into a folder", EXIT_USAGE)
    # before training, which takes a while; save() makes the folder
    check_output(out / "model.json", data, force=force, makes_folder=True)
    key = model_key(key_env)  # before training: a missing key should not cost a training run
    if from_lexicon:
        with warnings_as_lines():  # a guessed text column: a note
            texts = read_corpus(data, text_column, on_error=echo_error)
        model = train_from_lexicon(list(texts), lang=lang, lexicons=lexicon)
        what = f"{len(texts)} texts labelled by the lexicon"
    else:
        with warnings_as_lines():  # bad lines skipped on request: how many
            items = [it for f in data for it in read_gold(f, skip_bad=skip_bad_lines)]
        with warnings_as_lines():
            model = TrustClassifier(lang=lang, lexicons=lexicon)
            model.fit([it.text for it in items], [it.labels for it in items])
        what = f"{len(items)} coded sentences"
    path = model.save(out, key=key)
    echo(f"trained on {what}; model written to {path}", err=True)


def scoring_model(model: Path | None, key_env: str | None, lexicons: list[str] | None) -> Any:
    """Return the model of ``--model`` for a command that scores with it (``score``, ``report``), or None.

    A refused model is a problem with the input (exit status 1), found before any reading.
    """
    if model is None:
        return None
    with exit_on_error():
        return load_model(model, key_env, lexicons, scoring=True)


def load_model(
    folder: Path, key_env: str | None = None, lexicons: list[str] | None = None, *, scoring: bool = False
) -> Any:
    """Return the model of --model: "default" is the one shipped (./default names a folder so named).

    A saved model is loaded with the --lexicon files given (a model made with
    your own lexicons needs them; other ones are refused, in words of the
    command line: --model and --lexicon, not the Python arguments). A path
    that does not exist is bad usage (exit status 2), as a missing input is.
    ``scoring``: a :class:`~trustlex.models.saved.SavedModel`, read without
    scikit-learn, for a command that only scores with it; else a TrustClassifier.
    """
    from trustlex.models.modelfile import check_lexicons_match
    from trustlex.models.saved import DEFAULT_MODEL, SavedModel, default_saved

    try:
        if str(folder) == DEFAULT_MODEL:
            with warnings_as_lines():  # a version warning of the shipped model, as of a folder's
                model = default_saved()
            check_lexicons_match(model, lexicons, "--model default")
            return model if scoring else model.estimator()
        if not folder.exists():
            fail(f"--model {folder}: no such model folder or file", EXIT_USAGE)
        key = model_key(key_env)
        with warnings_as_lines():
            model = SavedModel.load(folder, key=key, lexicons=lexicons or None)
        return model if scoring else model.estimator()
    except ModelError as exc:
        if exc.lexicons_made is None:
            raise
        # a model made with your own lexicon files needs them again; one of shipped lexicons does without
        own = any(part.startswith("own ") for part in exc.lexicons_made.split("; "))
        hint = "give --lexicon the files it was made with" if own else "leave --lexicon out or give those"
        msg = (
            f"--model {folder}: the model was made with {exc.lexicons_made}, but --lexicon gives "
            f"{exc.lexicons_given}{exc.lexicons_differ}; {hint}"
        )
        raise ModelError(msg) from exc


def model_key(key_env: str | None) -> str | None:
    """Return the key in the environment variable named by --key-env (None: the library's default)."""
    if key_env is None:
        return None
    key = os.environ.get(key_env)
    if not key:
        fail(f"--key-env {key_env}: the environment variable {key_env} is not set or is empty", EXIT_USAGE)
    return key
