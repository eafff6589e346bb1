"""Shim: removed when the refactor is merged."""

from trustlex.matching.patterns import (
    DOMAIN_FREQUENT,
    FORM,
    FORM_OR_LEMMA,
    LEMMA_EXACT,
    _op_range,
    anchor_offsets,
    apostrophe_variants,
    compile_pattern,
    literal_words,
    pattern_anchors,
    pattern_length,
    pattern_variants,
    required_words,
    run_pattern,
    word_ranks,
)

__all__ = [
    "DOMAIN_FREQUENT",
    "FORM",
    "FORM_OR_LEMMA",
    "LEMMA_EXACT",
    "_op_range",
    "anchor_offsets",
    "apostrophe_variants",
    "compile_pattern",
    "literal_words",
    "pattern_anchors",
    "pattern_length",
    "pattern_variants",
    "required_words",
    "run_pattern",
    "word_ranks",
]
