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
