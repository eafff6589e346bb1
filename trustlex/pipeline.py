"""Build ready-to-use pipelines: a blank spaCy language plus trustlex, or extend a user's."""

from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language

from trustlex.concepts import LANGUAGES
from trustlex.errors import TrustlexError
from trustlex.patterns import word_ranks

# Components of a trained pipeline that set sentence boundaries or lemmas.
_SENT_PIPES = ("parser", "senter", "sentencizer", "trustlex_sentencizer")


def _has_lemmas(nlp: Language) -> bool:
    return any("token.lemma" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


def add_capital_exceptions(nlp: Language) -> int:
    """Give the tokenizer an all-capitals twin of each of its special cases; return how many it added.

    spaCy's tokenizer exceptions are case-sensitive and list only lower- and
    title-case forms, so "DON'T" or "ISN'T" stays one token and the negation
    inside it is lost: an all-caps complaint ("THEY DON'T CARE") came out
    with the opposite valence. Each twin splits as its lowercase source does
    (same pieces, same norms); twins that would change length are skipped.
    """
    rules = nlp.tokenizer.rules
    added: dict[str, list[dict]] = {}
    # lowercase sources first, so "DON'T" copies "don't" rather than "Don't"
    for text in sorted(rules, key=lambda t: t != t.lower()):
        upper = text.upper()
        if upper == text or upper in rules or upper in added:
            continue
        pieces = [{**piece, ORTH: piece[ORTH].upper()} for piece in rules[text]]
        if "".join(piece[ORTH] for piece in pieces) == upper:
            added[upper] = pieces
    if added:
        nlp.tokenizer.rules = {**rules, **added}
    return len(added)


def load(
    lang: str | Language = "nl",
    *,
    lexicons: list[str] | None = None,
    context: str | None = None,
    min_weight: float = 1.0,
) -> Language:
    """Return a spaCy pipeline that tags trust language, ready to call on text.

    With a language code (``"nl"`` or ``"en"``) this builds ``spacy.blank(lang)``
    with a sentencizer (spaCy's rules, vectorised), trustlex's cached lookup lemmatizer (spacy-lookups-data)
    and the ``trustlex`` component; no model download is needed. With an
    existing pipeline (e.g. ``spacy.load("nl_core_news_sm")``) it adds only
    what is missing and uses that pipeline's own sentences and lemmas.
    ``lexicons`` takes shipped names (``"nl/trust"``, ``"nl/*"``), TOML files or
    folders; ``context`` a context-cue file replacing the shipped one.
    """
    import trustlex.components  # noqa: F401  (registers the factories)

    if isinstance(lang, Language):
        nlp = lang
    elif isinstance(lang, str) and lang in LANGUAGES:
        nlp = spacy.blank(lang)
    else:
        msg = f"lang must be one of {', '.join(LANGUAGES)} or a spaCy Language, got {lang!r}"
        raise TrustlexError(msg)
    if nlp.lang in LANGUAGES:
        add_capital_exceptions(nlp)
    if not any(name in nlp.pipe_names for name in _SENT_PIPES):
        nlp.add_pipe("trustlex_sentencizer", first=True)
    if not _has_lemmas(nlp):
        nlp.add_pipe("trustlex_lemmatizer")
    config = {"lexicons": lexicons, "context": context, "min_weight": min_weight}
    if "trustlex" in nlp.pipe_names:
        nlp.replace_pipe("trustlex", "trustlex", config=config)
    else:
        nlp.add_pipe("trustlex", config=config)
    return nlp


@functools.lru_cache(maxsize=8)
def cached_pipeline(
    lang: str, lexicons: tuple[str, ...] | None = None, context: str | None = None
) -> Language:
    """Return a pipeline built by :func:`load`, shared between calls with the same arguments."""
    return load(lang, lexicons=list(lexicons) if lexicons else None, context=context)


@functools.lru_cache(maxsize=8)
def scoring_pipeline(
    lang: str, lexicons: tuple[str, ...] | None = None, context: str | None = None
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
    loading.
    """
    nlp = load(lang, lexicons=list(lexicons) if lexicons else None, context=context)
    engine = nlp.get_pipe("trustlex").engine
    if not engine.uses_spacy_matcher:
        getters = nlp.vocab.lex_attr_getters
        nlp.vocab.lex_attr_getters = {LOWER: getters[LOWER]}
    engine.warm(word_ranks(lang))  # frequent words, as ranked for pattern anchors
    return nlp


@functools.lru_cache(maxsize=8)
def scoring_engine(
    lang: str, lexicons: tuple[str, ...] | None = None, context: str | None = None
) -> tuple[Language, Any]:
    """Return (pipeline, engine) of :func:`scoring_pipeline`, for callers that scan docs themselves."""
    nlp = scoring_pipeline(lang, lexicons, context)
    return nlp, nlp.get_pipe("trustlex").engine
