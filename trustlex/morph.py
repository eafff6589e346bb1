"""Shim: removed when the refactor is merged."""

from trustlex.lang.morph import _dutch, _dutch_stems, _english, inflections

__all__ = ["_dutch", "_dutch_stems", "_english", "inflections"]
