"""What the hints of models, readers, workbench and the lexicon resolver promise holds at run time.

mypy's findings of round 30, part 2 (docs/architecture.md "Type checking"). The Path tests
failed before their fix: a ``Path`` spelling a shipped lexicon name ("nl", "en/trust") was
an AttributeError ('PosixPath' object has no attribute 'rstrip' / 'split'), not a lexicon.
"""

import ast
import importlib
import typing
import warnings
from pathlib import Path

import pytest

import trustlex.models
from trustlex.errors import LexiconError
from trustlex.lexicon.resources import lexicons_for_language, resolve_lexicons
from trustlex.models.saved import SavedModel, default_saved
from trustlex.workbench import audit, reliability

TEXTS = ["We trust our manager, but nobody takes responsibility.", "They trust nobody."]


@pytest.mark.parametrize("name", ["nl", "nl/", "en/*", "en/trust"])
def test_resolve_lexicons_takes_a_path_for_the_name_it_spells(name):
    assert resolve_lexicons([Path(name)], "en") == resolve_lexicons([name], "en")


def test_an_unknown_lexicon_path_is_a_lexicon_error_naming_it():
    with pytest.raises(LexiconError, match="unknown lexicon 'nowhere/trust'"):
        resolve_lexicons([Path("nowhere/trust")], "en")


def test_lexicons_for_language_keeps_the_paths_of_its_language_as_text():
    specs = [Path("nl"), Path("en/trust"), "nl/trust", Path("en")]
    assert lexicons_for_language(specs, "nl") == ["nl", "nl/trust"]
    assert lexicons_for_language(specs, "en") == ["en/trust", "en"]


def _rows(frame, columns):
    return frame[columns].values.tolist()


def test_the_workbench_takes_lexicon_paths_and_one_lexicon_alone():
    # before: audit and reliability with [Path("en/trust")] failed (AttributeError), and
    # "en/trust" given alone was read letter by letter: no lexicon for any language, nothing scored
    listed = audit(TEXTS, lexicons=["en/trust"])
    assert set(listed["concept"]) == {"trust"}
    assert listed["fires"].sum() > 0
    for given in ([Path("en/trust")], "en/trust", Path("en/trust")):
        frame = audit(TEXTS, lexicons=given)
        assert _rows(frame, ["entry", "fires"]) == _rows(listed, ["entry", "fires"])
    alpha = reliability(TEXTS, lexicons=["en/trust"])
    for given in ([Path("en/trust")], "en/trust"):
        assert _rows(reliability(TEXTS, lexicons=given), ["lang", "concept", "entries"]) == _rows(
            alpha, ["lang", "concept", "entries"]
        )


def test_type_checkers_see_what_trustlex_models_loads_on_first_use():
    # trustlex.models loads TrustClassifier and the other scikit-learn parts through a module
    # __getattr__ (typed -> object): a checker then refused models.TrustClassifier(lang="auto")
    tree = ast.parse(Path(trustlex.models.__file__).read_text(encoding="utf-8"))
    (block,) = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]
    seen = {alias.asname or alias.name: node.module for node in block.body for alias in node.names}
    lazy = trustlex.models._LAZY
    assert seen == {name: f"trustlex.models.{module}" for name, module in lazy.items()}
    for name, module in seen.items():
        assert getattr(importlib.import_module(module), name) is getattr(trustlex.models, name)


def test_saved_model_declares_the_attributes_a_model_file_sets():
    # SavedModel sets its parameters and fitted parts with setattr: declared for type checkers,
    # the declarations must name exactly what a model file gives it
    with warnings.catch_warnings():  # the shipped model may be older than the lexicons: not tested here
        warnings.simplefilter("ignore", UserWarning)
        model = default_saved()
    public = {k for k in vars(model) if not k.startswith("_")}
    assert set(typing.get_type_hints(SavedModel)) == public
    assert isinstance(model.word_ngrams, tuple)
