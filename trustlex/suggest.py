"""Shim: removed when the refactor is merged."""

from trustlex.workbench.suggest import (
    CONTEXT_ALPHA,
    SEED_SHARE,
    SHARE_WEIGHT,
    SuggestError,
    SuggestOptions,
    candidates_toml,
    suggest_terms,
)

__all__ = [
    "CONTEXT_ALPHA",
    "SEED_SHARE",
    "SHARE_WEIGHT",
    "SuggestError",
    "SuggestOptions",
    "candidates_toml",
    "suggest_terms",
]
