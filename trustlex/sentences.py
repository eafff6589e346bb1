"""Shim: removed when the refactor is merged."""

from trustlex.lang.sentences import FastSentencizer, Sentences, is_paragraph_break

__all__ = ["FastSentencizer", "Sentences", "is_paragraph_break"]
