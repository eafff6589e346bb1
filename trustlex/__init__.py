"""trustlex: find trust language in Dutch and English text, sentence by sentence, with valence.

Quick start::

    import trustlex
    nlp = trustlex.load("nl")
    doc = nlp("Niemand neemt hier verantwoordelijkheid.")
    trustlex.to_frame([doc], level="match")
    trustlex.score_texts(["We trust our manager."], lang="en", level="sentence")
    trustlex.score_folder("reports/", out="scores.csv")   # every file format, resumable
    trustlex.read_results("scores.csv")   # read back with the frames' dtypes
    trustlex.clear_cache()   # forget the shared pipelines (an edited lexicon file is seen without it)
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from trustlex._lazy import LazyPackage, lazy_attribute
from trustlex._version import __version__
from trustlex.concepts import CONCEPT_NAMES, CONCEPTS, VALENCES, Valence, resolve_valence
from trustlex.errors import GoldError, LanguageError, LexiconError, ModelError, ReadError, TrustlexError

if TYPE_CHECKING:  # what editors and type checkers see: the names below, as if imported here
    # Each from the module defining it: a checker takes ``trustlex.analysis.compare`` (display, kwic)
    # for the submodule of that name, and trustlex.models' names, loaded on first use, for ``object``.
    from trustlex.analysis import climate, control_share, trust_index
    from trustlex.analysis import plot as plot  # trustlex.plot, loaded on first use (matplotlib)
    from trustlex.analysis._compare import compare
    from trustlex.analysis.display import display
    from trustlex.analysis.kwic import kwic
    from trustlex.analysis.report import report as html_report
    from trustlex.annotations import to_frame
    from trustlex.batch import FolderReport, read_results, score_dask, score_folder
    from trustlex.evaluate import EvalReport, evaluate
    from trustlex.gold_file import read_gold
    from trustlex.lang.detect import detect_language
    from trustlex.lexicon import Entry, Lexicon, load_context_file, load_lexicon_file
    from trustlex.lexicon.resources import list_lexicons, resolve_lexicons  # noqa: F401 (public, not in __all__)
    from trustlex.matching.names import set_names
    from trustlex.models.classifier import TrustClassifier
    from trustlex.models.vectorizer import TrustVectorizer
    from trustlex.models.weak import train_from_lexicon
    from trustlex.pipeline import clear_cache, load
    from trustlex.readers.html import html_to_text
    from trustlex.scoring import score_texts

# The rest of the public names load their modules on first use (PEP 562): spaCy, pandas and the rest
# took some 2 s of CPU at each start, paid by commands that need neither (``trustlex --help``, a bad
# option) and by every process that imports a part of trustlex (a module of a package runs the
# package's __init__ first). ``from trustlex import score_texts`` and ``trustlex.score_texts`` work as before.
_EXPORTS = {
    "trustlex.analysis": ("climate", "compare", "control_share", "display", "kwic", "trust_index"),
    "trustlex.annotations": ("to_frame",),
    "trustlex.batch": ("FolderReport", "read_results", "score_dask", "score_folder"),
    "trustlex.evaluate": ("EvalReport", "evaluate"),
    "trustlex.gold_file": ("read_gold",),
    "trustlex.lang.detect": ("detect_language",),
    "trustlex.lexicon": ("Entry", "Lexicon", "load_context_file", "load_lexicon_file"),
    "trustlex.lexicon.resources": ("list_lexicons", "resolve_lexicons"),
    "trustlex.matching.names": ("set_names",),
    "trustlex.pipeline": ("clear_cache", "load"),
    "trustlex.readers.html": ("html_to_text",),
    "trustlex.scoring": ("score_texts",),
    # scikit-learn takes most of a second to import: the classifiers load on first use
    "trustlex.models": ("TrustClassifier", "TrustVectorizer", "train_from_lexicon"),
}
_RENAMED = {"html_report": ("trustlex.analysis.report", "report")}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


sys.modules[__name__].__class__ = LazyPackage


def __getattr__(name: str) -> object:
    """Import a public name's module when the name is first used; ``plot`` and the submodules likewise."""
    if name == "plot":  # matplotlib is an optional extra
        return importlib.import_module("trustlex.analysis.plot")
    return lazy_attribute(__name__, globals(), name, _MODULE_OF, _RENAMED)


def __dir__() -> list[str]:
    """The public names, including those imported on first use."""
    return sorted({*globals(), *_MODULE_OF, *_RENAMED, "plot"})


def load_lexicon(name: str) -> Lexicon:
    """Return one lexicon by shipped name (``"nl/trust"``) or TOML path, validated.

    Parameters
    ----------
    name : str
        A shipped name such as ``"nl/trust"`` (see :func:`list_lexicons`) or
        the path of one ``.toml`` lexicon file.

    Returns
    -------
    Lexicon
        The lexicon's header fields and entries.

    Raises
    ------
    LexiconError
        When ``name`` names no lexicon or several (``"nl/*"``), or the file
        breaks the schema.

    Examples
    --------
    >>> import trustlex
    >>> lex = trustlex.load_lexicon("en/trust")
    >>> lex.name, lex.language
    ('trustlex-en-trust', 'en')
    >>> sorted({e.kind for e in lex.entries})
    ['lemma', 'pattern', 'term', 'wildcard']
    >>> trustlex.load_lexicon("nl/*")
    Traceback (most recent call last):
    ...
    trustlex.errors.LexiconError: 'nl/*' names 12 lexicons; give one name such as 'nl/trust'
    """
    from trustlex.lexicon import load_lexicon_file
    from trustlex.lexicon.resources import resolve_lexicons

    paths = resolve_lexicons([name], name.split("/")[0])
    if len(paths) != 1:
        msg = f"{name!r} names {len(paths)} lexicons; give one name such as 'nl/trust'"
        raise LexiconError(msg)
    return load_lexicon_file(paths[0])


def check_lexicon(path: str) -> Lexicon:
    """Load a lexicon file with every schema check, raising LexiconError naming file:line.

    The same as :func:`load_lexicon_file`, under the name the workbench uses.

    Parameters
    ----------
    path : str
        The ``.toml`` lexicon file.

    Returns
    -------
    Lexicon
        The header fields and the entries, each knowing its file and line.

    Raises
    ------
    LexiconError
        When the file cannot be read, is not TOML or breaks the schema.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import trustlex
    >>> toml = '''
    ... [lexicon]
    ... name = "mine"
    ... language = "nl"
    ... version = "1.0"
    ...
    ... [[entry]]
    ... concept = "trust"
    ... valence = "-"
    ... term = "wantrouwen"
    ... '''
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "mine.toml")
    ...     _ = path.write_text(toml, encoding="utf-8")
    ...     lex = trustlex.check_lexicon(str(path))
    >>> lex.label, [e.id for e in lex.entries]
    ('mine@1.0', ['nl:trust:term:wantrouwen'])
    """
    from trustlex.lexicon import load_lexicon_file

    return load_lexicon_file(path)


__all__ = [
    "CONCEPTS",
    "CONCEPT_NAMES",
    "VALENCES",
    "Entry",
    "EvalReport",
    "FolderReport",
    "GoldError",
    "LanguageError",
    "Lexicon",
    "LexiconError",
    "ModelError",
    "ReadError",
    "TrustClassifier",
    "TrustVectorizer",
    "TrustlexError",
    "Valence",
    "__version__",
    "check_lexicon",
    "clear_cache",
    "climate",
    "compare",
    "control_share",
    "detect_language",
    "display",
    "evaluate",
    "html_report",
    "html_to_text",
    "kwic",
    "list_lexicons",
    "load",
    "load_context_file",
    "load_lexicon",
    "load_lexicon_file",
    "read_gold",
    "read_results",
    "resolve_valence",
    "score_dask",
    "score_folder",
    "score_texts",
    "set_names",
    "to_frame",
    "train_from_lexicon",
    "trust_index",
]
