"""Shim: removed when the refactor is merged."""

from trustlex.lexicon.resources import lexicon_dir, list_lexicons, resolve_context, resolve_lexicons

__all__ = ["lexicon_dir", "list_lexicons", "resolve_context", "resolve_lexicons"]
