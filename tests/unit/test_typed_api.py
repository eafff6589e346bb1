"""What the public hints promise holds at run time (mypy's findings, docs/architecture.md "Type checking").

Each test failed before its fix: a path where the hints and docs say "file", a pipeline of
another language or with a tokenizer of the user's own, the names a type checker sees.
"""

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import trustlex
from trustlex.errors import LanguageError
from trustlex.lexicon.resources import resolve_context, resolve_lexicons

TEXTS = ["We trust our manager, but nobody takes responsibility.", "There is no communication at all."]


def _rows(frame):
    return frame[["doc_id", "sent_id", "concept", "valence"]].values.tolist()


def test_lexicons_and_context_are_taken_as_paths_as_the_referents_were():
    # resolve_lexicons and resolve_context return Paths: before, handing them back to load or
    # score_texts failed deep in spaCy (E961: a Path is not JSON in a component's config)
    lexicons = resolve_lexicons(["en/trust", "en/responsibility"], "en")
    context = resolve_context(None, "en")
    assert all(isinstance(p, Path) for p in [*lexicons, context])
    as_text = trustlex.score_texts(
        TEXTS, lang="en", lexicons=[str(p) for p in lexicons], context=str(context)
    )
    as_paths = trustlex.score_texts(TEXTS, lang="en", lexicons=lexicons, context=context)
    assert _rows(as_paths) == _rows(as_text)
    assert set(as_paths["concept"]) == {"trust", "responsibility"}
    nlp = trustlex.load("en", lexicons=lexicons, context=context)
    assert _rows(trustlex.to_frame(list(nlp.pipe(TEXTS)))) == _rows(as_text)


def test_evaluate_takes_a_lexicon_path():
    gold = [{"id": "1", "text": "We trust our manager.", "labels": {"trust": "+"}}]
    (path,) = resolve_lexicons(["en/trust"], "en")
    report = trustlex.evaluate(gold, lexicons=[path], context=resolve_context(None, "en"))
    assert set(report.summary["micro_f1"]) == {1.0}


def test_one_lexicon_given_alone_is_one_lexicon_not_its_characters():
    # before: "en/trust" was read letter by letter ("unknown lexicon 'e'")
    alone = trustlex.score_texts(TEXTS, lang="en", lexicons="en/trust")
    listed = trustlex.score_texts(TEXTS, lang="en", lexicons=["en/trust"])
    assert _rows(alone) == _rows(listed)
    assert set(alone["concept"]) == {"trust"}
    nlp = trustlex.load("en", lexicons="en/trust")
    assert [lex.name for lex in nlp.get_pipe("trustlex").lexicons] == ["trustlex-en-trust"]


class _SpaceTokenizer:
    """A tokenizer of the user's own, as in spaCy's documentation: words at spaces, no special cases."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text):
        return Doc(self.vocab, words=text.split(" "))


def test_load_keeps_a_tokenizer_of_the_users_own():
    # before: AttributeError ('_SpaceTokenizer' object has no attribute 'rules'), though
    # nlp.add_pipe("trustlex") took the same pipeline
    nlp = spacy.blank("en")
    nlp.tokenizer = _SpaceTokenizer(nlp.vocab)
    nlp = trustlex.load(nlp)
    assert isinstance(nlp.tokenizer, _SpaceTokenizer)
    doc = nlp("We trust our manager .")
    assert [t.text for t in doc] == ["We", "trust", "our", "manager", "."]
    assert _rows(trustlex.to_frame(doc)) == [[0, 0, "trust", "+"]]


@pytest.mark.parametrize("make", [lambda: spacy.blank("de"), Language], ids=["german", "no language"])
def test_a_pipeline_in_no_language_of_trustlex_is_refused_at_once(make):
    # before: the component was added, and the first text failed with "no shipped lexicons for
    # 'de/*'" or, for a bare Language() (lang None), "install spacy-lookups-data"
    with pytest.raises(LanguageError, match="nl, en"):
        make().add_pipe("trustlex")
    with pytest.raises(LanguageError, match="nl, en"):
        trustlex.load(make())


def test_the_lemmatizer_names_a_missing_language_not_missing_lookups():
    with pytest.raises(LanguageError, match="needs a pipeline with a language"):
        Language().add_pipe("trustlex_lemmatizer")
    assert spacy.blank("en").add_pipe("trustlex_lemmatizer").lang == "en"


def _type_checking_imports():
    """Yield (module, name, bound as) of the imports type checkers read in trustlex/__init__.py."""
    tree = ast.parse(Path(trustlex.__file__).read_text(encoding="utf-8"))
    (block,) = [n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"]
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        for alias in node.names:
            yield node.module, alias.name, alias.asname or alias.name


def _is_submodule(module: str, name: str) -> bool:
    if not hasattr(importlib.import_module(module), "__path__"):  # a module, not a package
        return False
    return importlib.util.find_spec(f"{module}.{name}") is not None


def _statements(body):
    """Yield the top-level statements of a module, those under ``if TYPE_CHECKING:`` included."""
    for node in body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            yield from node.body
        else:
            yield node


def _bound_at_top(module: str, name: str) -> bool:
    spec = importlib.util.find_spec(module)
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in _statements(tree.body):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return True
        if isinstance(node, ast.Import | ast.ImportFrom) and any(
            (a.asname or a.name) == name for a in node.names
        ):
            return True
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return True
    return False


def test_type_checkers_see_the_public_functions_not_modules_or_object():
    # a checker takes "from trustlex.analysis import compare" for the submodule compare, and a name
    # that trustlex.models loads on first use (module __getattr__) for object: users' checkers
    # then refused trustlex.compare(frame) and TrustClassifier(lang="auto") of the README
    seen = list(_type_checking_imports())
    assert {"compare", "display", "kwic", "TrustClassifier", "score_texts", "load"} <= {b for _, _, b in seen}
    for module, name, bound in seen:
        if bound == "plot":  # trustlex.plot is the module trustlex.analysis.plot, meant as one
            assert _is_submodule(module, name)
            continue
        assert not _is_submodule(module, name), f"{module}.{name} is a submodule"
        assert _bound_at_top(module, name), f"{name} is not defined in {module} itself"
        assert not isinstance(getattr(trustlex, bound), type(trustlex)), bound
