"""Shim: removed when the refactor is merged."""

from trustlex.lang.lemmas import (
    LEMMA_FIXES,
    LookupLemmatizer,
    canonical_form,
    load_lemma_table,
    normalise_form,
)

__all__ = ["LEMMA_FIXES", "LookupLemmatizer", "canonical_form", "load_lemma_table", "normalise_form"]
