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

from trustlex.lexicon import Cue
from trustlex.matching.clauses import unspent_cues
from trustlex.matching.context import INERT_ALONE, CueHit, Target, apply_context
from trustlex.matching.index import LexiconIndex
from trustlex.matching.units import Hit, spread_mentions

# per base valence of a hit, the cue kinds that cannot change it wherever they stand, as long as no
# negation or pseudo cue is near (those always go through the rules): terminators and anchor words alone
# change nothing, and a modifier that leaves the valence as it is (see context.modified) applies no cue
KEEPING = {
    "+": INERT_ALONE | {"positive"},
    "-": INERT_ALONE | {"positive", "negative", "topic"},
    "0": INERT_ALONE | {"topic"},
}
ALWAYS_RULED = frozenset(["negation", "pseudo"])  # the clause rules may widen, add or drop them


class Settled(dict):
    """Per set of base valences, the indices of the cues that can change no hit of any of them.

    A doc whose hits have those base valences (their entries') and whose cue
    candidates are all such cues needs no cue path at all: :func:`may_change`
    would leave out every hit (see :data:`KEEPING`), whatever the cues
    matched, held or covered. Read once per doc with hits and cue candidates;
    each set of valences is decided on first use.
    """

    __slots__ = ("cues",)

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues

    def __missing__(self, valences: frozenset[str]) -> frozenset[int]:
        keeping = frozenset.intersection(*(frozenset(KEEPING.get(v, INERT_ALONE)) for v in valences))
        kept = self[valences] = frozenset(k for k, cue in enumerate(self.cues) if cue.kind in keeping)
        return kept


class Shown(dict):
    """The text of tokens ``start:end`` as shown, by (start, end), read once per doc and span."""

    __slots__ = ("text_of",)

    def __init__(self, text_of: Callable[[int, int], str]) -> None:
        self.text_of = text_of

    def __missing__(self, span: tuple[int, int]) -> str:
        text = self[span] = self.text_of(*span)
        return text


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


def may_change(near_hit: list[CueHit], start: int, end: int, keeping: frozenset[str]) -> bool:
    """Whether a cue of ``near_hit`` may change the hit at ``start:end`` (``keeping`` kinds cannot).

    Most hits of a review have only cues near them that cannot change them:
    their own word as a modifier, a cue out of its scope or direction, one
    that keeps the valence. This is :func:`trustlex.matching.context.cue_distance`'s
    test without terminators (they only shorten a reach); a negation or
    pseudo cue near always goes through the rules. ``keeping`` of
    :data:`~trustlex.matching.context.INERT_ALONE` alone: any other cue may.
    """
    for s, e, cue in near_hit:  # a loop, not any() over a generator: this runs per hit
        kind = cue.kind
        if kind in keeping:
            continue
        if keeping is INERT_ALONE or kind in ALWAYS_RULED:
            return True
        if s < end and start < e:  # inside the hit: only an opening cue at its start reaches it
            if cue.opens and s == start:
                return True
        elif e <= start:
            if cue.direction != "following" and start - e <= cue.max_scope:
                return True
        elif cue.direction != "preceding" and s - end <= cue.max_scope:
            return True
    return False


def apply_cues(
    ix: LexiconIndex,
    hits: list[Hit],
    cue_hits: list[CueHit],
    sent_of: list[int],
    n: int,
    words: LowerWords,
    text_of: Callable[[int, int], str],
    *,
    settle: bool = True,
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
    settle : bool, default True
        Leave out of the rules each hit that no cue near it can change (see
        :data:`KEEPING`): none reaches it, or those that do keep its valence;
        and out of the clause rules each hit with no negation or pseudo cue
        near (they would return its cues as they are). False sends every hit
        with a cue near it through them all (the same result).
    """
    reach = ix.cue_reach
    starts = [c[0] for c in cue_hits]
    at, longest = [h.start for h in hits], 0  # hits sorted by start
    for h in hits:  # a loop, not max() over a generator: no call per hit
        if h.end - h.start > longest:
            longest = h.end - h.start
    clauses = ix.clauses
    shown = Shown(text_of)  # a heading cue ("Cons:") applies to every hit under it: its text is read once
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
        entry = hit.entry
        keeping = KEEPING[entry.valence] if settle and entry.valence in KEEPING else INERT_ALONE
        if not may_change(near_hit, hit.start, hit.end, keeping):
            continue  # nothing near that can change the hit: its entry's valence, no cue (most hits)
        target = Target(hit.start, hit.end, entry.concept, entry.valence)
        ruled = not settle  # the clause rules spend negations and read pseudo cues; most hits have neither
        for c in near_hit:  # a loop, not any() over a generator: this runs per hit
            if ruled or c[2].kind in ALWAYS_RULED:
                ruled = True
                break
        if ruled:
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
            hit.hedge = shown[out.hedge]
        hit.valence = out.valence
        if out.cues:
            hit.cues = tuple([(a[0], shown[a[1:]]) for a in out.cues])
            hit.cue_kind, hit.cue = hit.cues[-1]
    spread_mentions(hits)
