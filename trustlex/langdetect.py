"""Shim: removed when the refactor is merged."""

from typing import Any

from trustlex.lang import detect as _detect
from trustlex.lang.detect import (
    _HAND,
    _ORDER,
    MARGIN,
    _get_model,
    detect_language,
    detect_language_or_none,
    detect_languages,
    language_score,
    letter_score,
)

__all__ = [
    "MARGIN",
    "_HAND",
    "_ORDER",
    "_get_model",
    "detect_language",
    "detect_language_or_none",
    "detect_languages",
    "language_score",
    "letter_score",
]


def __getattr__(name: str) -> Any:
    # module state that changes after import (the lazily loaded ``_model``) is read live
    return getattr(_detect, name)
