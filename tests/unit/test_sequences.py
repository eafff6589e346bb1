"""Sequence look-up (trustlex.matching.sequences): the per-anchor tables and their pre-filter.

SeqIndex.at tests a sequence of three words or more on one more word before
match_seq verifies it; the test must never drop a sequence that matches.
"""

from __future__ import annotations

import random

from trustlex.matching.patterns import FORM, FORM_OR_LEMMA, LEMMA_EXACT
from trustlex.matching.sequences import Seq, SeqIndex, match_seq


def _seq(target, words, anchor, modes=None):
    modes = modes or [FORM] * len(words)
    return Seq(target, tuple((m, frozenset(w)) for m, w in zip(modes, words, strict=True)), 0, anchor)


def test_the_further_word_is_tested_on_both_sides_of_the_anchor():
    first = _seq(0, [{1}, {2}, {3}, {4}], anchor=0)  # next word 2, then 3 two after
    middle = _seq(1, [{5}, {1}, {2}], anchor=1)  # next word 2, no word two after: 5 before
    last = _seq(2, [{6}, {7}, {1}], anchor=2)  # word before 7, then 6 two before
    index = SeqIndex((first, middle, last))
    lemmas = [0] * 6
    assert index.at(0, [1, 2, 3, 4, 0, 0], lemmas) == (first,)
    assert index.at(0, [1, 2, 9, 4, 0, 0], lemmas) == ()  # 9 is not "3": verifying it is useless
    assert index.at(1, [5, 1, 2, 0, 0, 0], lemmas) == (middle,)
    assert index.at(0, [1, 2, 0, 0, 0, 0], lemmas) == ()  # nothing before the doc's first token
    assert index.at(2, [6, 7, 1, 0, 0, 0], lemmas) == (last,)
    assert index.at(1, [7, 1, 0, 0, 0, 0], lemmas) == ()  # cut short at the doc's start
    assert index.at(5, [0, 0, 0, 0, 0, 1], lemmas) == ()  # the last token: no next word


def test_a_lemma_passes_the_further_word_test():
    seq = _seq(0, [{1}, {2}, {3}], anchor=0, modes=[FORM, FORM, FORM_OR_LEMMA])
    index = SeqIndex((seq,))
    assert index.at(0, [1, 2, 30], [1, 2, 3]) == (seq,)  # form 30, lemma 3
    assert match_seq(seq, 0, [1, 2, 30], [1, 2, 3], [0, 0, 0]) == 3


def test_the_filter_drops_no_sequence_that_matches():
    # random docs over a small vocabulary, forms and lemmas apart: every sequence of the index that
    # matches at a token is among those at() returns for it, in the order of the tables
    rng = random.Random(7)
    vocab = range(1, 7)
    seqs = []
    for target in range(60):
        size = rng.randint(2, 5)
        words = [set(rng.sample(vocab, rng.randint(1, 2))) for _ in range(size)]
        modes = [rng.choice((FORM, LEMMA_EXACT, FORM_OR_LEMMA)) for _ in range(size)]
        seqs.append(_seq(target, words, rng.randrange(size), modes))
    by_anchor: dict[int, list[Seq]] = {}
    for seq in seqs:
        for h in seq.preds[seq.anchor][1]:
            by_anchor.setdefault(h, []).append(seq)
    indexes = {h: SeqIndex(tuple(s)) for h, s in by_anchor.items()}
    checked = 0
    for _ in range(300):
        n = rng.randint(1, 9)
        lowers = [rng.choice(vocab) for _ in range(n)]
        lemmas = [rng.choice(vocab) for _ in range(n)]
        sent_of = sorted(rng.choice((0, 0, 0, 1)) for _ in range(n))
        for i in range(n):
            found = indexes[lowers[i]].at(i, lowers, lemmas) if lowers[i] in indexes else ()
            for seq in by_anchor.get(lowers[i], ()):
                if match_seq(seq, i, lowers, lemmas, sent_of) is not None:
                    checked += 1
                    assert seq in found, (seq, i, lowers, lemmas)
    assert checked > 100  # the vocabulary is small enough for many matches


def test_long_phrases_still_match_through_the_pipeline(nlp_en):
    doc = nlp_en("They were kept in the dark about the plans.")
    assert ("communication", "kept in the dark") in [(s.label_, s.text) for s in doc.spans["trustlex"]]


def _reference_at(seqs, i, lowers, lemmas):
    """What SeqIndex.at must return, read off the sequences one by one (no tables)."""
    n = len(lowers)

    def ok(seq, pos, j):
        return 0 <= j < n and (lowers[j] in seq.preds[pos][1] or lemmas[j] in seq.preds[pos][1])

    out = [s for s in seqs if s.gap or s.size == 1]
    for after, j in ((True, i + 1), (False, i - 1)):
        if not 0 <= j < n:
            continue
        for word in dict.fromkeys((lowers[j], lemmas[j])):  # form, then a different lemma
            for s in seqs:
                if s.gap or s.size == 1 or (s.anchor + 1 < s.size) != after:
                    continue
                pos = s.anchor + 1 if after else s.anchor - 1
                if word not in s.preds[pos][1]:
                    continue
                if s.size >= 3:  # the further word: the next but one, else the one before (or two before)
                    far = (s.anchor + 2 if s.anchor + 2 < s.size else s.anchor - 1) if after else s.anchor - 2
                    if not ok(s, far, i + far - s.anchor):
                        continue
                out.append(s)
    return tuple(out)


def test_at_returns_what_the_sequences_read_one_by_one_give_in_order():
    # two-word sequences (no further word) mixed with longer ones at the same neighbour: at() returns
    # every one whose neighbour and further word are in place, in table order, and no other
    rng = random.Random(11)
    vocab = range(1, 6)
    for trial in range(40):
        seqs = []
        for target in range(rng.randint(1, 12)):
            size = rng.choice((2, 2, 3, 4))
            words = [set(rng.sample(vocab, rng.randint(1, 2))) for _ in range(size)]
            modes = [rng.choice((FORM, LEMMA_EXACT, FORM_OR_LEMMA)) for _ in range(size)]
            seqs.append(_seq(target, words, rng.randrange(size), modes))
        index = SeqIndex(tuple(seqs))
        for _ in range(30):
            n = rng.randint(1, 7)
            lowers = [rng.choice(vocab) for _ in range(n)]
            lemmas = [rng.choice(vocab) for _ in range(n)]
            for i in range(n):
                assert index.at(i, lowers, lemmas) == _reference_at(seqs, i, lowers, lemmas), (trial, i)
