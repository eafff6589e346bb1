"""A corpus tagged language by language, for the workbench's audit and reliability figures."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from trustlex.concepts import LANGUAGES
from trustlex.errors import TrustlexError
from trustlex.lang.detect import detect_languages
from trustlex.lexicon.resources import lexicons_for_language
from trustlex.pipeline import cached_pipeline, tagger


def tagged_units(
    texts: Sequence[str], langs: Sequence[str], lexicons: list[str] | None
) -> Iterable[tuple[int, str, Any, list[dict[str, Any]], Any]]:
    """Yield (text index, language, doc, match records, engine) for every text, tagged by language.

    Parameters
    ----------
    texts : sequence of str
        The texts to tag.
    langs : sequence of str
        The language of each text (``nl`` or ``en``).
    lexicons : list of str or None
        Lexicon names or paths (None: the shipped ones); texts of a language
        without any of them are left out, with a warning saying how many.

    Yields
    ------
    tuple
        The text's index, its language, the tagged doc, its match records
        and the engine that tagged it, language by language.
    """
    for lang in LANGUAGES:
        idx = [i for i, code in enumerate(langs) if code == lang]
        if not idx:
            continue
        specs = lexicons_for_language(lexicons, lang) if lexicons else None
        if lexicons and not specs:
            # the caller's figures then cover fewer texts than it was given: say so, not in silence
            warnings.warn(
                f"{len(idx)} {lang} text(s) left out: none of the lexicons given is for {lang!r} "
                f"({', '.join(map(str, lexicons))})",
                UserWarning,
                stacklevel=2,
            )
            continue
        nlp = cached_pipeline(lang, tuple(specs) if specs else None)
        engine = tagger(nlp).engine
        for i, doc in zip(idx, nlp.pipe((texts[i] for i in idx), batch_size=256), strict=True):
            yield i, lang, doc, doc._.trustlex_matches, engine


def languages_of(texts: Sequence[str], lang: str) -> list[str]:
    """Return the language of every text: ``lang`` for all, or each detected with ``lang="auto"``.

    Parameters
    ----------
    texts : sequence of str
        The texts.
    lang : str
        ``nl``, ``en`` or ``auto``.

    Returns
    -------
    list of str
        One language code per text.
    """
    if lang == "auto":
        return detect_languages(texts)  # texts with no evidence: the majority of the others
    if lang not in LANGUAGES:
        msg = f"lang must be one of {', '.join(LANGUAGES)} or 'auto', got {lang!r}"
        raise TrustlexError(msg)
    return [lang] * len(texts)
