"""scikit-learn loads only when a classifier is used: importing trustlex and its command line stays quick."""

import subprocess
import sys

import pytest


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in ('sklearn', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "code",
    [
        "import trustlex",
        "import trustlex.cli",
        "import trustlex; trustlex.score_texts(['I trust my manager.'], lang='en')",
        "import trustlex.models; trustlex.models.labels_frame([{}])",
        # the shipped model is read as a SavedModel: prediction is numpy only
        "import trustlex; trustlex.score_texts(['I trust my manager.'], lang='en', model='default')",
    ],
)
def test_scoring_without_a_classifier_does_not_import_scikit_learn(code):
    assert _loaded_after(code) == set()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("from trustlex import TrustClassifier", "TrustClassifier"),
        ("import trustlex; trustlex.TrustVectorizer", "TrustVectorizer"),
        ("from trustlex.models import resolve_model", "resolve_model"),
        ("import trustlex; trustlex.models.default_model()", None),
    ],
)
def test_the_classifiers_load_on_first_use(code, name):
    assert "sklearn" in _loaded_after(code)
    if name is not None:
        import trustlex
        import trustlex.models

        owner = trustlex.models if name == "resolve_model" else trustlex
        assert name in dir(owner)
        assert getattr(owner, name).__module__.startswith("trustlex.models.")


def test_an_unknown_name_is_still_an_attribute_error():
    import trustlex
    import trustlex.models

    with pytest.raises(AttributeError, match="no attribute 'TrustClassifer'"):
        _ = trustlex.TrustClassifer
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = trustlex.models.nothing


def test_the_version_literal_is_the_installed_distributions():
    # trustlex writes its version once, as a literal that the build reads (pyproject.toml's
    # [tool.hatch.version]); importlib.metadata would scan every distribution on import
    from importlib.metadata import version

    import trustlex

    assert trustlex.__version__ == version("trustlex")


# The command line's start: `trustlex --help`, a refused option and the commands that only read
# lexicon files ran with spaCy and pandas imported (2 s of CPU each) until the commands imported
# what they use when they run; one process runs them all, each through the console script's main()
_COMMANDS_PROBE = """
import sys
from trustlex.cli import main

heavy = ("spacy", "pandas", "sklearn", "numpy")
for argv in {argvs!r}:
    sys.argv = ["trustlex", *argv]
    try:
        main()
    except SystemExit as exc:
        print("exit", exc.code, file=sys.stderr)
    print(" ".join(argv), "|", " ".join(m for m in heavy if m in sys.modules))
"""


def test_the_command_line_starts_without_spacy_or_pandas(tmp_path):
    argvs = [
        ["--help"],
        ["lexicon", "--help"],
        ["score", "--help"],
        ["tag", "--lang", "de", "Vertrouwen."],  # refused: bad usage
        ["score", str(tmp_path / "nowhere")],
        ["score", str(tmp_path), "--out", str(tmp_path / "out.txt")],
        ["evaluate", str(tmp_path / "nowhere.jsonl")],
        ["lexicon", "list", "--lang", "en"],
    ]
    probe = _COMMANDS_PROBE.format(argvs=argvs)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = [line.split(" | ") for line in done.stdout.splitlines() if " | " in line]
    assert [argv for argv, _ in loaded] == [" ".join(a) for a in argvs], done.stdout + done.stderr
    assert all(modules == "" for _, modules in loaded), loaded
    # the commands did their work: help, the refusals (status 2), the lexicon list
    assert "Find trust language in Dutch and English text." in done.stdout
    assert done.stderr.count("exit 2") == 4, done.stderr
    assert "--lang must be nl, en or auto, got 'de'" in done.stderr
    assert "trustlex-en-trust@" in done.stdout
    # a command that scores imports them when it runs
    scored = subprocess.run(
        [sys.executable, "-c", probe.replace(repr(argvs), repr([["tag", "--lang", "en", "I trust HR."]]))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "trust" in scored.stdout
    assert "spacy pandas" in scored.stdout.splitlines()[-1], scored.stdout


def test_a_name_that_is_also_a_module_stays_the_function():
    # importing trustlex.evaluate (the module) bound the package's name to the module, which made
    # trustlex.evaluate(...) fail once something imported it; the function keeps the name
    code = (
        "import trustlex, trustlex.evaluate, trustlex.batch.plan\n"
        "from trustlex.evaluate import EvalReport\n"
        "import trustlex.batch as b\n"
        "print(callable(trustlex.evaluate), trustlex.evaluate.__name__, trustlex.evaluate.__module__,"
        " callable(b.plan), trustlex.html_report.__module__, trustlex.pipeline.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "True",
        "evaluate",
        "trustlex.evaluate",
        "True",
        "trustlex.analysis.report",
        "trustlex.pipeline",
    ]


def test_lexicon_import_and_export_load_their_parts_on_first_use(tmp_path):
    # they checked where their output goes through trustlex.batch, whose __init__ imported pandas,
    # spaCy's vocabularies and Dask's module; export also imported spaCy for lemma tables it may not need
    (tmp_path / "words.dic").write_text("%\n1\ttrust\n%\nvertrouw*\t1\n", encoding="utf-8")
    ours = tmp_path / "ours.toml"
    argvs = [
        ["lexicon", "import", str(tmp_path / "words.dic"), "--lang", "nl", "--to", str(tmp_path / "x.txt")],
        [
            "lexicon",
            "import",
            str(tmp_path / "words.dic"),
            "--lang",
            "nl",
            "--to",
            str(ours),
            "--map",
            "1=trust:+",
        ],
        ["lexicon", "export", str(ours), "--to", str(tmp_path / "back.dic")],
    ]
    loaded, said = [], ""
    for batch_of in (argvs[:2], argvs[2:]):  # export in a process of its own: import loaded spaCy
        probe = _COMMANDS_PROBE.format(argvs=batch_of)
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        loaded += [line.split(" | ")[1] for line in done.stdout.splitlines() if " | " in line]
        said += done.stderr
    assert loaded[0] == "", loaded  # refused (the output is no .toml) before anything is imported
    assert "pandas" not in loaded[1]  # importing words tokenizes them as the pipeline does: spaCy, not pandas
    assert "pandas" not in loaded[2]
    assert "spacy" not in loaded[2]  # a lexicon of wildcards needs no lemma tables
    assert "the output must be a .toml file" in said
    assert (tmp_path / "back.dic").read_text(encoding="utf-8").count("vertrouw*") == 1
    import trustlex.batch as batch

    assert callable(batch.score_folder)
    assert "refuse_input_as_output" in dir(batch)
