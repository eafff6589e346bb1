"""Multi-token sequences (entry phrases, cue phrases, literal patterns): their index and matching.

A sequence is a tuple of token predicates, each a mode (:data:`FORM`,
:data:`LEMMA_EXACT` or :data:`FORM_OR_LEMMA`, from
:mod:`trustlex.matching.patterns`) and the word hashes it accepts. The index
looks one up from its anchor word, the matcher checks it against a doc's
lowercase and lemma hashes within one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trustlex.matching.patterns import FORM, LEMMA_EXACT


@dataclass(frozen=True)
class Seq:
    """A multi-token sequence (entry phrase or cue phrase) as token predicates."""

    target: int  # entry index or cue index
    preds: tuple[tuple[int, frozenset[int]], ...]  # (mode, accepted hashes); see match_seq
    gap: int
    anchor: int = 0  # the position looked up in the per-type tables (gap-free sequences only)
    size: int = field(init=False, repr=False, compare=False)  # len(preds), read per candidate

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.preds))


def _probe(seq: Seq, after: bool) -> tuple[Seq, int | None, frozenset[int]]:
    """Return (seq, offset from the anchor of a further word to test, its hashes) for the tables.

    The neighbour that indexes ``seq`` is tested by the table look-up; a
    sequence of three words or more is tested on one more word (the next but
    one, else the one before the anchor) before :func:`match_seq` is called:
    most of them fail there. Any mode accepts only a token whose form or lemma
    is among the hashes, so the test drops no sequence that could match.
    """
    if seq.size < 3:
        return seq, None, frozenset()
    pos = (seq.anchor + 2 if seq.anchor + 2 < seq.size else seq.anchor - 1) if after else seq.anchor - 2
    return seq, pos - seq.anchor, seq.preds[pos][1]


class SeqIndex:
    """The sequences anchored at a word type, indexed by the word next to the anchor.

    Common words ("is", "not", "de") anchor many phrases and cues; looking the
    neighbouring token up first, then one more word of the longer ones
    (:func:`_probe`), leaves only the few sequences worth verifying.
    """

    __slots__ = ("all", "by_next", "by_prev", "rest")

    def __init__(self, seqs: tuple[Seq, ...]) -> None:
        self.all = seqs
        self.by_next: dict[int, tuple[tuple[Seq, int | None, frozenset[int]], ...]] = {}
        self.by_prev: dict[int, tuple[tuple[Seq, int | None, frozenset[int]], ...]] = {}
        rest = []
        for seq in seqs:
            if seq.gap or seq.size == 1:
                rest.append(seq)
                continue
            after = seq.anchor + 1 < seq.size
            table, pos = (self.by_next, seq.anchor + 1) if after else (self.by_prev, seq.anchor - 1)
            probed = _probe(seq, after)
            for h in seq.preds[pos][1]:
                table[h] = (*table.get(h, ()), probed)
        self.rest = tuple(rest)

    def at(self, i: int, lowers: list[int], lemmas: list[int]) -> tuple[Seq, ...]:
        """Return the sequences that may match with their anchor at token ``i``."""
        found = self.rest
        table = self.by_next
        if table:
            try:
                low, lem = lowers[i + 1], lemmas[i + 1]
            except IndexError:  # the anchor is the last token
                pass
            else:
                if low in table:
                    found = (*found, *_passing(table[low], i, lowers, lemmas))
                if lem != low and lem in table:
                    found = (*found, *_passing(table[lem], i, lowers, lemmas))
        table = self.by_prev
        if table and i > 0:
            low, lem = lowers[i - 1], lemmas[i - 1]
            if low in table:
                found = (*found, *_passing(table[low], i, lowers, lemmas))
            if lem != low and lem in table:
                found = (*found, *_passing(table[lem], i, lowers, lemmas))
        return found


def _passing(
    probed: tuple[tuple[Seq, int | None, frozenset[int]], ...], i: int, lowers: list[int], lemmas: list[int]
) -> list[Seq]:
    """Return the sequences of ``probed`` whose further word (:func:`_probe`) is in place, in order."""
    n = len(lowers)
    return [
        seq
        for seq, off, ids in probed
        if off is None or (0 <= (j := i + off) < n and (lowers[j] in ids or lemmas[j] in ids))
    ]


def match_seq(seq: Seq, i: int, lowers: list[int], lemmas: list[int], sent_of: Any) -> int | None:
    """Return the end of ``seq`` matched with its anchor at token ``i``, or None.

    A gap-free sequence starts ``seq.anchor`` tokens before ``i``; one with a
    gap starts at ``i`` and lets up to ``seq.gap`` tokens sit between its words.
    """
    if seq.gap:
        return match_gapped(seq, i, lowers, lemmas, sent_of)
    start = i - seq.anchor
    end = start + seq.size
    if start < 0:
        return None
    try:  # sent_of has a number per token: past the doc's end is an IndexError
        if sent_of[start] != sent_of[end - 1]:
            return None  # sentence numbers only grow, so equal ends mean one sentence
    except IndexError:
        return None
    j = start
    for mode, ids in seq.preds:
        if j == i and mode != LEMMA_EXACT:
            pass  # the anchor was found through this very test (perhaps by a lowercased lemma)
        elif mode == FORM:
            if lowers[j] not in ids:
                return None
        elif mode == LEMMA_EXACT:
            if lemmas[j] not in ids:
                return None
        elif lowers[j] not in ids and lemmas[j] not in ids:
            return None
        j += 1
    return end


def match_gapped(seq: Seq, i: int, lowers: list[int], lemmas: list[int], sent_of: Any) -> int | None:
    """Return the end of a gapped ``seq`` starting at token ``i``, its words in order, within a sentence."""
    n = len(lowers)
    pos = i + 1
    sent = sent_of[i]
    preds = seq.preds
    if preds[0][0] == LEMMA_EXACT and lemmas[i] not in preds[0][1]:
        return None  # found through the word's form; an exact-lemma token must be checked
    for mode, ids in preds[1:]:
        found = None
        for j in range(pos, min(n, pos + seq.gap + 1)):
            if sent_of[j] != sent:
                break
            if mode == FORM:
                ok = lowers[j] in ids
            elif mode == LEMMA_EXACT:
                ok = lemmas[j] in ids
            else:
                ok = lowers[j] in ids or lemmas[j] in ids
            if ok:
                found = j
                break
        if found is None:
            return None
        pos = found + 1
    return pos
