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
    ],
)
def test_scoring_without_a_model_does_not_import_scikit_learn(code):
    assert _loaded_after(code) == set()


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("from trustlex import TrustClassifier", "TrustClassifier"),
        ("import trustlex; trustlex.TrustVectorizer", "TrustVectorizer"),
        ("from trustlex.models import resolve_model", "resolve_model"),
        ("import trustlex; trustlex.score_texts(['I trust my manager.'], lang='en', model='default')", None),
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


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_pauses_the_garbage_collector_and_restores_it(enabled):
    # building a pipeline makes objects that all live on: collections during it free nothing
    import gc

    import trustlex
    from trustlex.errors import LanguageError

    seen = []

    def note(phase, info):
        seen.append(phase)

    (gc.enable if enabled else gc.disable)()
    gc.callbacks.append(note)
    try:
        gc.set_threshold(1)  # with the collector running, any allocation would collect
        trustlex.load("en", lexicons=["en/trust"])
        assert gc.isenabled() is enabled
        n_seen = len(seen)
        with pytest.raises(LanguageError):
            trustlex.load("xx")
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(700, 10, 10)
        gc.enable()
    # a collection or two as the call starts and returns, none of the thousands while building
    assert n_seen <= 8, n_seen
