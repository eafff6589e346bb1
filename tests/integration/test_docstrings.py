"""The public API's docstrings: numpydoc sections, and examples that run and show their real output.

Every function and class in ``trustlex.__all__`` runs its ``>>>`` examples (its
methods' and properties' too) as a doctest, one case per object; and each must
have ``Parameters`` (functions, and classes whose constructor takes arguments)
and ``Examples``, so a new public name without them fails here.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import itertools

import pytest

import trustlex

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

PUBLIC = {
    name: getattr(trustlex, name)
    for name in trustlex.__all__
    if inspect.isfunction(getattr(trustlex, name)) or inspect.isclass(getattr(trustlex, name))
}

# private helpers whose docstrings hold examples of their own
HELPER_MODULES = [
    "trustlex.batch.corpus",
    "trustlex.lang.sentences",
    "trustlex.lexicon.formats.toml",
    "trustlex.lexicon.ids",
    "trustlex.matching.context",
    "trustlex.matching.context_lines",
    "trustlex.matching.units",
    "trustlex.readers.clean",
    "trustlex.readers.markdown",
    "trustlex.readers.registry",
    "trustlex.readers.rows",
    "trustlex.workbench.gold",
]


def doctests_of(obj: object, name: str) -> list[doctest.DocTest]:
    """The examples of ``obj`` and, for a class, of the methods and properties it defines."""
    module = inspect.getmodule(obj)
    finder = doctest.DocTestFinder(recurse=inspect.isclass(obj))
    globs = dict(vars(module)) if module else {}
    return [t for t in finder.find(obj, name, module=module, globs=globs) if t.examples]


def run(tests: list[doctest.DocTest]) -> None:
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    failures = []
    for test in tests:
        out: list[str] = []
        result = runner.run(test, out=out.append, clear_globs=True)
        if result.failed:
            failures.append("".join(out))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_examples_run(name):
    if name == "score_dask":
        pytest.importorskip("dask.dataframe", reason="Dask is an optional extra")
    tests = doctests_of(PUBLIC[name], name)
    assert tests, f"{name} has no >>> examples"
    run(tests)


@pytest.mark.parametrize("module", HELPER_MODULES)
def test_helper_module_examples_run(module):
    mod = importlib.import_module(module)
    tests = [t for t in doctest.DocTestFinder().find(mod) if t.examples]
    assert tests, f"{module} has no >>> examples"
    run(tests)


def takes_arguments(obj: object) -> bool:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return False
    return any(p.name != "self" for p in signature.parameters.values())


def sections(obj: object) -> set[str]:
    lines = (inspect.getdoc(obj) or "").splitlines()
    return {a.strip() for a, b in itertools.pairwise(lines) if b.strip() and set(b.strip()) == {"-"}}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_docstring_has_numpydoc_sections(name):
    obj = PUBLIC[name]
    have = sections(obj)
    assert "Examples" in have, f"{name}: no 'Examples' section"
    if takes_arguments(obj):
        assert "Parameters" in have, f"{name}: no 'Parameters' section"
    if inspect.isfunction(obj) and inspect.signature(obj).return_annotation not in (None, "None"):
        assert have & {"Returns", "Yields"}, f"{name}: no 'Returns' section"
