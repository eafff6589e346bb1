"""Build ready-to-use pipelines: a blank spaCy language plus trustlex, or extend a user's."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.attrs import LOWER
from spacy.language import Language

from trustlex import components  # noqa: F401  (registers the factories)
from trustlex.collector import paused
from trustlex.concepts import LANGUAGES, language_code
from trustlex.errors import LanguageError, LexiconError
from trustlex.lang.lemmas import LookupLemmatizer
from trustlex.lang.tokenizer import blank, extend_tokenizer
from trustlex.lexicon.referents import load_referent_file
from trustlex.lexicon.resources import lexicons_for_language, resolve_context, resolve_lexicons
from trustlex.matching.patterns import word_ranks

if TYPE_CHECKING:
    from trustlex.components import TrustlexTagger

# A lexicon, context or referent file, a folder of them, or a shipped name ("nl/trust"): str or Path.
FileSpec = str | os.PathLike[str]
# One of them or a list: what ``lexicons=`` and ``referents=`` of the public functions take.
FileSpecs = FileSpec | Sequence[FileSpec]


def file_names(specs: FileSpecs | None) -> list[str] | None:
    """Return ``specs`` as a list of str (one given alone in a list of one), or None for None.

    spaCy refuses a ``Path`` in a component's config (its E961, far from the
    call), so the public functions turn paths into str before building a pipeline.
    """
    if specs is None:
        return None
    if isinstance(specs, str | os.PathLike):
        return [os.fspath(specs)]
    return [os.fspath(spec) for spec in specs]


def file_name(spec: FileSpec | None) -> str | None:
    """Return one file ``spec`` (str or Path) as str, None for None."""
    return None if spec is None else os.fspath(spec)


def tagger(nlp: Language) -> TrustlexTagger:
    """Return the ``trustlex`` component of ``nlp`` (spaCy's stubs type a pipe as a bare callable)."""
    return nlp.get_pipe("trustlex")  # type: ignore[return-value]


# Components of a trained pipeline that set sentence boundaries or lemmas.
_SENT_PIPES = ("parser", "senter", "sentencizer", "trustlex_sentencizer")


def _has_lemmas(nlp: Language) -> bool:
    return any("token.lemma" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


def load(
    lang: str | Language = "nl",
    *,
    lexicons: FileSpecs | None = None,
    context: FileSpec | None = None,
    min_weight: float = 1.0,
    referents: FileSpecs | None = None,
) -> Language:
    """Return a spaCy pipeline that tags trust language, ready to call on text.

    With a language code (``"nl"`` or ``"en"``) this builds ``spacy.blank(lang)``
    with a sentencizer (spaCy's rules, vectorised), trustlex's cached lookup lemmatizer (spacy-lookups-data)
    and the ``trustlex`` component, and initializes trustlex's components
    (their lookup tables are read now, not at the first text); no model
    download is needed. Its tokenizer gives spaCy's tokens with a faster
    suffix search and gates in front of the infix and URL expressions
    (:mod:`trustlex.lang.affixes`, :mod:`trustlex.lang.gates`), except
    that an all-capitals special case ("DON'T") splits as its lowercase
    form does, a list bullet written against a word is split off
    (:func:`~trustlex.lang.tokenizer.with_bullets`) and a Dutch word keeps a typographic apostrophe
    inside as it keeps a plain one (:mod:`trustlex.lang.tokenizer`).
    With an existing pipeline (e.g. ``spacy.load("nl_core_news_sm")``) it
    adds only what is missing (those tokenizer rules included) and uses
    that pipeline's own sentences and lemmas.
    ``lexicons`` takes shipped names (``"nl/trust"``, ``"nl/*"``), TOML files or
    folders; ``context`` a context-cue file replacing the shipped one;
    ``referents`` referent taxonomy files that extend (or, with ``replace =
    true``, replace) the shipped taxonomy, applied in order.

    Parameters
    ----------
    lang : str or spacy.language.Language, default "nl"
        ``"nl"``, ``"en"`` (in any case: ``"NL"`` is ``"nl"``), or a pipeline
        to add trustlex to.
    lexicons : str, Path or a list of them, optional
        The concept lexicons; by default every shipped one of the language.
    context : str or Path, optional
        A context-cue file.
    min_weight : float, default 1.0
        The summed weight a concept needs in a sentence to count there.
    referents : str, Path or a list of them, optional
        Referent taxonomy files; the pipeline takes those whose header
        names its language (a list may hold both languages' files).

    Returns
    -------
    spacy.language.Language
        The pipeline; its docs carry the hits in ``doc._.trustlex_matches``,
        read with :func:`to_frame`.

    Raises
    ------
    LanguageError
        For a language code other than ``"nl"`` and ``"en"``.
    LexiconError
        When a lexicon or referent file cannot be found or breaks the
        schema, or no referent file given is for the pipeline's language.

    Examples
    --------
    >>> import trustlex
    >>> nlp = trustlex.load("nl")
    >>> nlp.pipe_names
    ['trustlex_sentencizer', 'trustlex_lemmatizer', 'trustlex']
    >>> doc = nlp("Niemand neemt hier verantwoordelijkheid. Ik vertrouw mijn manager.")
    >>> rows = trustlex.to_frame(doc)
    >>> print(rows[["sent_id", "concept", "valence", "cues"]].to_string(index=False))
     sent_id        concept valence             cues
           0 responsibility       - negation:Niemand
           1          trust       +             <NA>

    Only some lexicons:

    >>> nlp = trustlex.load("en", lexicons=["en/trust"])
    >>> trustlex.to_frame(nlp("We trust them, but there is no communication."))["concept"].tolist()
    ['trust']
    """
    lang = language_code(lang)
    if isinstance(lang, Language):
        nlp = lang
    elif isinstance(lang, str) and lang in LANGUAGES:
        # spaCy's tokens, fewer regex steps on words not seen before, and all-caps exceptions
        nlp = blank(lang)
    else:
        msg = f"lang must be one of {', '.join(LANGUAGES)} or a spaCy Language, got {lang!r}"
        raise LanguageError(msg)
    code = nlp.lang
    if code not in LANGUAGES:  # a spaCy pipeline of another language, or none (Language())
        msg = f"the pipeline's language must be one of {', '.join(LANGUAGES)}, got {code!r}"
        raise LanguageError(msg)
    names, context_name = file_names(lexicons), file_name(context)
    # a missing or unknown lexicon fails here, before the pipeline is changed
    resolve_lexicons(names, code)
    if names:
        names = _own_language(names, code)
    resolve_context(context_name, code)
    own_referents = _own_referents(referents, code) if referents else None
    if isinstance(lang, Language):
        extend_tokenizer(nlp)
    if not any(name in nlp.pipe_names for name in _SENT_PIPES):
        nlp.add_pipe("trustlex_sentencizer", first=True)
    if not _has_lemmas(nlp):
        nlp.add_pipe("trustlex_lemmatizer")
    config = {
        "lexicons": names,
        "context": context_name,
        "min_weight": min_weight,
        "referents": own_referents,
    }
    if "trustlex" in nlp.pipe_names:
        nlp.replace_pipe("trustlex", "trustlex", config=config)
    else:
        nlp.add_pipe("trustlex", config=config)
    _initialize(nlp)
    return nlp


def _own_language(lexicons: list[str], lang: str) -> list[str]:
    """Keep ``lang``'s lexicons of a list that may hold both languages', refusing a list with none.

    One ``--lexicon`` list serves a run over Dutch and English texts
    (``lang="auto"``): each language's pipeline takes its own files.
    """
    own = lexicons_for_language(lexicons, lang)
    if not own:
        msg = (
            f"none of the lexicons given ({', '.join(map(str, lexicons))}) is for {lang!r}, "
            f"the language of this pipeline or of the texts detected as {lang!r}: "
            f"add a {lang!r} lexicon, or set the language of the texts (lang=, --lang)"
        )
        error = LexiconError(msg)
        error.missing_language = lang
        raise error
    return own


def _own_referents(referents: FileSpecs, lang: str) -> list[str]:
    """Return the referent files of ``referents`` written for ``lang``, each checked, refusing none.

    As with lexicons (:func:`_own_language`), one ``--referents`` list
    serves a run over Dutch and English texts: each language's pipeline
    takes the files whose header names it. A list with none for ``lang``
    is refused as the component refuses a file of another language, so a
    user's taxonomy is never silently left out.
    """
    files = file_names(referents) or []
    own: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for file in files:
        if not os.path.isfile(file):
            raise LexiconError(f"referent file {str(file)!r} does not exist", path=str(file))
        taxonomy, _ = load_referent_file(file)  # a broken file names its line and field here
        (own if taxonomy.language == lang else others).append((str(file), taxonomy.language))
    if own:
        return [f for f, _ in own]
    fix = f"add a {lang!r} referent file, or set the language of the texts (lang=, --lang)"
    if len(others) == 1:  # as the component says it, at the header's language field
        file, code = others[0]
        msg = f"referent file is for language {code!r} but the pipeline (or text) is {lang!r}; {fix}"
        error = LexiconError(msg, path=file, line=1, field="language")
    else:
        shown = ", ".join(f"{f} ({code!r})" for f, code in others)
        error = LexiconError(f"no referent file given is for {lang!r} ({shown}); {fix}")
    error.missing_language = lang
    raise error


def _initialize(nlp: Language) -> None:
    """Initialize trustlex's own components, as ``nlp.initialize()`` would (their lookup tables).

    Not ``nlp.initialize()`` itself: on a trained pipeline it would reset the
    other components' weights.
    """
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, LookupLemmatizer) and pipe.table is None:
            pipe.initialize(lambda: [], nlp=nlp)
    tagger(nlp).initialize(lambda: [], nlp=nlp)


# -- pipelines shared between calls, rebuilt when a lexicon file changes ---------------------------

# (lang, lexicons, context, referents), as the callers pass them
Key = tuple[str, tuple[str, ...] | None, str | None, tuple[str, ...] | None]


@functools.lru_cache(maxsize=64)
def _files(
    lang: str,
    lexicons: tuple[str, ...] | None,
    context: str | None,
    referents: tuple[str, ...] | None,
) -> tuple[str, ...]:
    """Return the lexicon, context and referent files a pipeline with these arguments reads."""
    if lang not in LANGUAGES:
        return ()  # load() refuses the language; nothing to watch
    paths = [*resolve_lexicons(list(lexicons) if lexicons else None, lang)]
    context_path = resolve_context(context, lang)
    if context_path is not None:
        paths.append(context_path)
    # all given, not only this language's: a file edited to another language changes the pipeline
    paths.extend(Path(r) for r in referents or ())
    return tuple(str(p) for p in paths)


def _stamp(key: Key) -> tuple:
    """Return what identifies the content of a pipeline's files: each file's size and modification time."""
    out: list[tuple[int, int] | None] = []
    for path in _files(*key):
        try:
            st = os.stat(path)
        except OSError:
            out.append(None)  # gone: load() says so if the pipeline must be built again
        else:
            out.append((st.st_mtime_ns, st.st_size))
    return tuple(out)


# the keys whose files were checked in the current pinned() block of this thread (None: not pinned)
_PINNED = threading.local()


@contextlib.contextmanager
def pinned() -> Iterator[None]:
    """Check each pipeline's lexicon files once within this block, at its first lookup.

    A lookup (:func:`scoring_engine` and friends) checks the size and
    modification time of every lexicon and context file, a dozen ``stat``
    calls. A loop that looks the pipeline up per document (a folder run)
    wraps itself in this block: it pays the check once, and the whole run
    scores with one version of the lexicons. Blocks may nest; forked worker
    processes started inside one stay pinned.

    Examples
    --------
    >>> from trustlex.pipeline import pinned, scoring_engine
    >>> with pinned():
    ...     nlp, engine = scoring_engine("nl")
    """
    if getattr(_PINNED, "keys", None) is not None:
        yield  # an outer block pins already
        return
    _PINNED.keys = set()
    try:
        yield
    finally:
        _PINNED.keys = None


class _PipelineCache:
    """Pipelines by (lang, lexicons, context, referents), each rebuilt when one of its files changes.

    A cache keyed by the arguments alone kept giving the results of a lexicon
    as it was when first loaded, though the file had been edited since (the
    workbench's own loop: edit, score, edit). A changed size or modification
    time of any lexicon or context file now rebuilds the pipeline.
    """

    def __init__(self, build: Callable[..., Any], size: int = 8) -> None:
        self._build = build
        self._size = size
        self._entries: OrderedDict[Key, tuple[tuple, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> Any:
        """Return the pipeline of ``key``, built again if its files changed since it was built."""
        pins = getattr(_PINNED, "keys", None)
        if pins is not None and (id(self), key) in pins:
            entry = self._entries.get(key)
            if entry is not None:
                return entry[1]
        value = self._fresh(key)
        if pins is not None:
            pins.add((id(self), key))
        return value

    def _fresh(self, key: Key) -> Any:
        stamp = _stamp(key)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == stamp:
                self._entries.move_to_end(key)
                return entry[1]
        with paused():  # every object the build makes stays: collections would only walk them
            value = self._build(*key)
        with self._lock:
            self._entries[key] = (stamp, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every pipeline."""
        with self._lock:
            self._entries.clear()


def _build_cached(
    lang: str, lexicons: tuple[str, ...] | None, context: str | None, referents: tuple[str, ...] | None
) -> Language:
    return load(
        lang,
        lexicons=list(lexicons) if lexicons else None,
        context=context,
        referents=list(referents) if referents else None,
    )


def _build_scoring(
    lang: str, lexicons: tuple[str, ...] | None, context: str | None, referents: tuple[str, ...] | None
) -> Language:
    nlp = _build_cached(lang, lexicons, context, referents)
    engine = tagger(nlp).engine
    if not engine.uses_spacy_matcher:
        # lex_attr_getters is set in Cython, absent from spaCy's stubs
        getters = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]
        nlp.vocab.lex_attr_getters = {LOWER: getters[LOWER]}  # type: ignore[attr-defined]
    engine.warm(word_ranks(lang))  # frequent words, as ranked for pattern anchors
    return nlp


_CACHED = _PipelineCache(_build_cached)
_SCORING = _PipelineCache(_build_scoring)


def clear_cache() -> None:
    """Forget every pipeline trustlex keeps between calls, so that the next call loads lexicons afresh.

    Pipelines are shared between calls with the same language, lexicons,
    context and referent files, and rebuilt by themselves when one of those
    files changes (its size or modification time). Call this after adding a
    file to a lexicon folder that a pipeline was loaded from, or to free the
    memory the pipelines hold.

    Examples
    --------
    >>> import trustlex
    >>> trustlex.clear_cache()
    """
    _CACHED.clear()
    _SCORING.clear()
    _files.cache_clear()


def cached_pipeline(
    lang: str,
    lexicons: tuple[str, ...] | None = None,
    context: str | None = None,
    referents: tuple[str, ...] | None = None,
) -> Language:
    """Return a pipeline built by :func:`load`, shared between calls with the same arguments.

    The pipeline is built again when one of its lexicon, context or
    referent files has changed since (see :func:`clear_cache`).
    """
    return _CACHED.get((lang, lexicons, context, referents))


def scoring_pipeline(
    lang: str,
    lexicons: tuple[str, ...] | None = None,
    context: str | None = None,
    referents: tuple[str, ...] | None = None,
) -> Language:
    """Return a private pipeline for :func:`trustlex.score_texts`, whose vocabulary computes only LOWER.

    spaCy computes some twenty lexical attributes (shape, like_num,
    like_url, ...) for every word type it meets for the first time, a third
    of the tokenizer's time on new text. ``score_texts`` reads only the
    lowercase form off the tokens (the engine has its own punctuation and
    space tests), so this pipeline's vocabulary skips the rest. Its docs
    never reach the user. Lexicons with patterns that spaCy's Matcher must
    run (other token attributes) keep the full vocabulary. The engine's
    per-type decisions for the language's frequent words are taken while
    loading. Like :func:`cached_pipeline`, it is shared between calls and
    rebuilt when a lexicon file changes.
    """
    return _SCORING.get((lang, lexicons, context, referents))


def scoring_engine(
    lang: str,
    lexicons: tuple[str, ...] | None = None,
    context: str | None = None,
    referents: tuple[str, ...] | None = None,
) -> tuple[Language, Any]:
    """Return (pipeline, engine) of :func:`scoring_pipeline`, for callers that scan docs themselves.

    Each call checks the lexicon files for changes (a few ``stat`` calls):
    callers that score many texts look it up once per language and call.
    """
    nlp = scoring_pipeline(lang, lexicons, context, referents)
    return nlp, tagger(nlp).engine
