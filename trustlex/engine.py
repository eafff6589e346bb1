"""Shim: removed when the refactor is merged."""

from trustlex.lang.sentences import Sentences
from trustlex.matching.index import MAX_SPAN
from trustlex.matching.scan import Engine
from trustlex.matching.units import Hit, _specificity, collapse

__all__ = ["MAX_SPAN", "Engine", "Hit", "Sentences", "_specificity", "collapse"]
