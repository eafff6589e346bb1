r"""Whitespace tokens inside a sentence: a compact view of a doc without them, and the way back.

spaCy's tokenizer makes a token of every extra space (``"no  clue"`` gives
``no``, ``" "``, ``clue``), of a tab and of a line break inside a sentence.
Every matching layer of :class:`trustlex.matching.scan.Engine` counts token
positions (sequences, anchored and Matcher patterns, exclusions, cue
windows and clauses), so such a token would break a multi-word entry or
part a negation from its word. The engine therefore matches a compact view
of a doc that has them (:class:`SpaceView`): the same tokens without the
whitespace tokens that stand between words of one sentence, with the same
sentences; the hits found there are mapped back onto the doc, so token and
character offsets and every text shown point into the original.

Kept are the whitespace tokens at a sentence's edges (they split nothing),
blank lines (sentence ends) and a line break before a new point (a list
item or a capitalised line: a scope end for the cues, see
:func:`trustlex.matching.context.with_line_ends`). Docs without inner
whitespace tokens, most of them, are matched as they are.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import compress
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc, Token

from trustlex.lang.sentences import Sentences
from trustlex.matching.context_lines import starts_item
from trustlex.matching.units import Hit

# what a pipeline may have set that spaCy's Matcher patterns can read (the parse cannot follow)
_COPIED = [LEMMA, POS, TAG, MORPH, SENT_START]


def inner_spaces(
    lowers: list[int], spaces: set[int], sents: Sentences, lines: set[int], text_at: Callable[[int], str]
) -> list[int]:
    r"""Return the positions of the whitespace tokens that stand between words of one sentence.

    Parameters
    ----------
    lowers : list of int
        The doc's lowercase types (lookup keys).
    spaces : set of int
        The whitespace types other than blank lines.
    sents : Sentences
        The doc's context sentences.
    lines : set of int
        The types holding one line break: one before a new point is kept.
    text_at : callable
        A token's text, by position.

    Returns
    -------
    list of int
        Increasing positions; empty when the doc has none.
    """
    at = list(compress(range(len(lowers)), map(spaces.__contains__, lowers)))
    if not at:
        return []
    starts = sents.starts
    ends = [*starts[1:], sents.n]
    drop = []
    for i in at:
        k = bisect_right(starts, i) - 1
        start, end = starts[k], ends[k]
        after = i + 1
        while after < end and lowers[after] in spaces:
            after += 1
        before = i - 1
        while before >= start and lowers[before] in spaces:
            before -= 1
        if after == end or before < start:
            continue  # at a sentence's edge: it parts no words
        if lowers[i] in lines and starts_item(text_at(i + 1)):
            continue  # a line break before a new point ends the cues' scope
        drop.append(i)
    return drop


class _Tokens:
    """The tokens of a doc at the view's positions: what the engine reads of a doc besides spaCy's Matcher."""

    __slots__ = ("doc", "keep")

    def __init__(self, doc: Doc, keep: list[int]) -> None:
        self.doc, self.keep = doc, keep

    def __len__(self) -> int:
        return len(self.keep)

    def __getitem__(self, i: int) -> Token:
        return self.doc[self.keep[i]]


class SpaceView:
    """A doc without its inner whitespace tokens (see :func:`inner_spaces`), and the way back.

    ``doc`` is what the engine reads: the original doc's tokens at the view's
    positions, or, for spaCy's Matcher (``matcher``), a new doc of them.

    Parameters
    ----------
    doc : Doc
        The original doc.
    drop : list of int
        The positions to leave out (increasing, none of them a sentence start).
    lowers, lemmas : list of int
        The doc's lowercase types and lemmas.
    sents : Sentences
        The doc's context sentences.
    matcher : bool
        Build a new doc of the kept tokens, for spaCy's Matcher.
    annotated : bool
        With ``matcher``, copy what a pipeline set on ``doc`` (lemmas, tags, sentence starts) to it.
    """

    def __init__(
        self,
        doc: Doc,
        drop: list[int],
        lowers: list[int],
        lemmas: list[int],
        sents: Sentences,
        *,
        matcher: bool,
        annotated: bool,
    ) -> None:
        n = len(doc)
        self.origin = doc
        # per-token work in C (numpy, compress): a long doc has many tokens and few of them dropped
        left_out = np.zeros(n, dtype=np.int64)
        left_out[drop] = 1
        self.pos = (np.arange(n) - np.cumsum(left_out)).tolist()  # original -> view position
        self.dropped = set(drop)
        self.kept = kept = (left_out == 0).tolist()
        self.keep = keep = list(compress(range(n), kept))
        self.doc: Doc | _Tokens = _Tokens(doc, keep)
        if matcher:
            tokens = [doc[i] for i in keep]
            # a kept token followed by a left-out one is followed by whitespace in the view
            spaces = [bool(t.whitespace_) or (t.i + 1 < n and not kept[t.i + 1]) for t in tokens]
            self.doc = Doc(doc.vocab, words=[t.text for t in tokens], spaces=spaces)
            if annotated:
                self.doc.from_array(_COPIED, doc.to_array(_COPIED)[keep])  # type: ignore[arg-type]  # numpy array for thinc Ints2d
        self.lowers = list(compress(lowers, kept))
        self.lemmas = list(compress(lemmas, kept))
        self.sents = Sentences([self.pos[s] for s in sents.starts], len(keep))

    def parts(self, cands: list[tuple[int, tuple]]) -> tuple[Any, list, Sentences, list[int], list[int]]:
        """Return what the engine matches in the view: (doc, candidates, sentences, lowers, lemmas)."""
        return self.doc, self.cands(cands), self.sents, self.lowers, self.lemmas

    def take(self, per_token: list) -> list:
        """Return a per-token list of the doc restricted to the view."""
        return list(compress(per_token, self.kept))

    def cands(self, cands: list[tuple[int, tuple]]) -> list[tuple[int, tuple]]:
        """Return the (position, info) candidates of the doc at their positions in the view."""
        pos, dropped = self.pos, self.dropped
        return [(pos[i], info) for i, info in cands if i not in dropped]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the doc's (start, end) of the view's tokens ``start:end``."""
        return self.keep[start], self.keep[end - 1] + 1

    def text_of(self, start: int, end: int) -> str:
        """Return the original text of the view's tokens ``start:end`` (with its own whitespace)."""
        s, e = self.span(start, end)
        return self.origin[s:e].text

    def restore(self, hits: list[Hit]) -> None:
        """Move ``hits`` found in the view onto the doc's positions (sentence numbers are the same)."""
        for hit in hits:
            hit.start, hit.end = self.span(hit.start, hit.end)

    def restore_raw(self, raw: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Return (start, end, entry idx) matches of the view at the doc's positions."""
        return [(*self.span(s, e), idx) for s, e, idx in raw]


def space_view(
    index: Any, doc: Doc, sents: Sentences, lowers: list[int], lemmas: list[int], *, annotated: bool
) -> SpaceView | None:
    """Return the view of ``doc`` without its inner whitespace tokens, or None if it has none.

    ``index`` is the engine's :class:`trustlex.matching.index.LexiconIndex` (its
    ``space_ids`` and ``line_ids``); see :class:`SpaceView` for ``annotated``.
    """
    spaces = index.space_ids
    if spaces.isdisjoint(lowers):
        return None  # most docs: one C-level test
    drop = inner_spaces(lowers, spaces, sents, index.line_ids, lambda k: doc[k].text)
    if not drop:
        return None
    return SpaceView(doc, drop, lowers, lemmas, sents, matcher=index.spacy_patterns, annotated=annotated)
