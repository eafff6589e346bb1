"""Referent helpers of the tests: hits and mentions on the shipped taxonomies, referents per concept."""

from __future__ import annotations

from pathlib import Path

import trustlex
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


def mentions(text: str, lang: str = "en", *, cased: bool = False) -> list[tuple[str, str]]:
    """Return (words, referent) of the shipped taxonomy's mentions in ``text`` (split on spaces).

    ``cased`` gives the words as written too, for terms that match only in capitals ("TL").
    """
    words = text.lower().split()
    found = find_mentions(words, None, shipped_taxonomy(lang), texts=text.split() if cased else None)
    return [(" ".join(words[m.start : m.end]), m.referent) for m in found]


def by_concept(text: str, lang: str = "en", referents: str | None = None) -> dict[str, set[str]]:
    """Return the referents of each concept the tagger finds in ``text`` (match level)."""
    rows = trustlex.score_texts([text], lang=lang, level="match", referents=referents)
    return {str(c): set(rows.loc[rows.concept == c, "referent"].astype(str)) for c in rows.concept.unique()}


def own_file(folder: Path, name: str, body: str) -> str:
    """Write an English taxonomy that replaces the shipped one: the header, then ``body`` (tables)."""
    path = folder / name
    path.write_text(
        '[referents]\nlanguage = "en"\nversion = "1.0.0"\nreplace = true\n\n' + body, encoding="utf-8"
    )
    return str(path)


def plain_referent(nlp, tax, doc, hit, lo: int, hi: int, lowers: list[int]):
    """Return ((referent, referent_text, referent_how), mention) of ``hit`` by the plain rules.

    The plain functions look at every word of the hit's sentence (tokens ``lo`` to ``hi``), where
    the engine's index takes short cuts: tests hold the engine's referents to these.
    """
    words = [nlp.vocab.strings[x] for x in lowers[lo:hi]]
    found = find_mentions(words, None, tax, texts=[t.text for t in doc[lo:hi]])
    if tax.only:  # a term named for some concepts only: the plain rules know nothing of that
        terms = [" ".join(words[m.start : m.end]) for m in found]
        found = [
            m
            for m, t in zip(found, terms, strict=True)
            if t not in tax.only or hit.entry.concept in tax.only[t]
        ]
    m, how = attribute(hit.start - lo, hit.end - lo, hit.entry.concept, found, words, rules=tax.rules)
    if m is None:
        return ("none", None, "none"), None
    return (m.referent, doc[lo + m.start : lo + m.end].text, how), m
