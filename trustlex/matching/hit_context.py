"""The context step of the scan: each hit's valence, cues and hedge from the cues found near it.

:class:`trustlex.matching.scan.Engine` finds the hits and the cue hits of a
doc; :func:`apply_cues` settles, hit by hit, which cues reach it in its
sentence (:mod:`trustlex.matching.clauses`) and what they do to it
(:func:`trustlex.matching.context.apply_context`). :class:`LowerWords` is
the doc's lowercase words that the cue and clause rules read, by position.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from spacy.strings import StringStore

from trustlex.matching.clauses import unspent_cues
from trustlex.matching.context import INERT_ALONE, CueHit, Target, apply_context
from trustlex.matching.index import LexiconIndex
from trustlex.matching.units import Hit, spread_mentions


class LowerWords(dict):
    """A doc's words as looked up, by position, read on first use: a word read again is a C-level look-up.

    Read off the tokens' lookup keys ``ids`` (their lowercase ids through
    :meth:`LexiconIndex.canonical_lowers`: "níet" reads "niet", a curly
    apostrophe a straight one), so the context rules read the words the cue
    rules matched; no spaCy ``Token`` object is made per word read.
    """

    __slots__ = ("ids", "strings")

    def __init__(self, strings: StringStore, ids: list[int]) -> None:
        self.strings, self.ids = strings, ids

    def __missing__(self, i: int) -> str:
        word = self[i] = self.strings[self.ids[i]]
        return word


def apply_cues(
    ix: LexiconIndex,
    hits: list[Hit],
    cue_hits: list[CueHit],
    sent_of: list[int],
    n: int,
    words: LowerWords,
    text_of: Callable[[int, int], str],
) -> None:
    """Set each hit's valence, cues and hedge from the cues near it in its sentence (``n`` tokens).

    Parameters
    ----------
    ix : LexiconIndex
        The compiled lexicon (its cue reach and clause words).
    hits : list of Hit
        The doc's hits, sorted by start; changed in place.
    cue_hits : list of CueHit
        The cues found, sorted by start.
    sent_of : list of int
        Each token's sentence number.
    n : int
        The number of tokens.
    words : LowerWords
        The lowercase words by position.
    text_of : callable
        The text of tokens ``start:end``, as shown.
    """
    reach = ix.cue_reach
    starts = [c[0] for c in cue_hits]
    at, longest = [h.start for h in hits], 0  # hits sorted by start
    for h in hits:  # a loop, not max() over a generator: no call per hit
        if h.end - h.start > longest:
            longest = h.end - h.start
    clauses = ix.clauses
    # hits come sorted by start, so the lower bounds below only move right: three of the four
    # bisections per hit are pointers that advance (no call per hit)
    n_cues, first_cue, first_hit, next_hit = len(starts), 0, 0, 0
    for hit in hits:
        # the cues that can reach this hit, in its sentence (cue_hits is sorted by start)
        floor = hit.start - reach
        while first_cue < n_cues and starts[first_cue] < floor:
            first_cue += 1
        lo, hi = first_cue, bisect_left(starts, hit.end + reach)
        near_hit = [c for c in cue_hits[lo:hi] if sent_of[c[0]] == hit.sent]
        for c in near_hit:  # a loop, not all() over a generator: this runs per hit
            if c[2].kind not in INERT_ALONE:
                break
        else:
            continue  # no cue, or terminators alone: they change nothing (most hits of a review)
        entry = hit.entry
        target = Target(hit.start, hit.end, entry.concept, entry.valence)
        # only hits ending after the farthest cue can keep its negation (linear in long sentences)
        floor = hit.start - reach - longest
        while at[first_hit] < floor:  # the hit itself is in ``at``: the pointer stops there at the latest
            first_hit += 1
        while at[next_hit] < hit.start:
            next_hit += 1
        lo, hi = first_hit, next_hit
        same = ((h.start, h.end, h.entry.concept) for h in hits[lo:hi] if h.sent == hit.sent)
        near_hit = unspent_cues(near_hit, target, same, words, n, clauses)
        out = apply_context(target, near_hit, words, clauses.disjunctions)
        if out.hedge is not None:
            hit.hedge = text_of(*out.hedge)
        hit.valence = out.valence
        if out.cues:
            hit.cues = tuple((kind, text_of(s, e)) for kind, s, e in out.cues)
            hit.cue_kind, hit.cue = hit.cues[-1]
    spread_mentions(hits)
