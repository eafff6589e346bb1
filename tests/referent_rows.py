"""Attribute one hit of a sentence written as space-separated tokens, on the shipped taxonomies."""

from __future__ import annotations

from trustlex.lexicon.referents import shipped_taxonomy
from trustlex.matching.mentions import find_mentions
from trustlex.matching.referents import attribute


def run(lang: str, sentence: str, hit: str, concept: str) -> tuple[str, str, str]:
    """Return (referent, mention text, rule) of the hit ``hit`` (its words) in ``sentence``."""
    texts = sentence.split()
    words = [w.lower() for w in texts]
    mentions = find_mentions(words, None, shipped_taxonomy(lang), texts=texts)
    parts = hit.lower().split()
    start = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts)
    m, how = attribute(start, start + len(parts), concept, mentions, words)
    return (m.referent if m else "none", " ".join(texts[m.start : m.end]) if m else "", how)
