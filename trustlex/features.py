"""Shim: removed when the refactor is merged."""

from trustlex.models.features import (  # noqa: F401
    _STRIDE,
    _WORDS,
    LEXICON_FEATURES,
    Scanned,
    WordFeatures,
    _is_word,
    lexicon_block,
    word_hashes,
)
