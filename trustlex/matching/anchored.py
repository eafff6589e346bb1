"""Anchored token patterns: run near the tokens that anchor them, inside their sentence.

A ``pattern`` entry that is no plain sequence is anchored at its rarest
required word (:mod:`trustlex.matching.index`); :func:`pattern_matches` runs
it on trustlex's interpreter (:func:`trustlex.matching.patterns.run_pattern`)
only within reach of a token holding that word, and only where every word the
pattern requires occurs in the sentence (decided once per sentence and key).
Patterns outside the interpreter's subset run on spaCy's ``Matcher``, on the
same windows.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trustlex.lang.sentences import Sentences
from trustlex.matching.index import LexiconIndex
from trustlex.matching.patterns import run_pattern


def pattern_matches(
    ix: LexiconIndex,
    doc: Doc,
    anchors: list[tuple[int, str]],
    sents: Sentences,
    lowers: list[int],
    lemmas: list[int],
) -> list[tuple[int, int, int]]:
    """Return (entry idx, start, end) of pattern matches; anchored patterns run near anchors only.

    Parameters
    ----------
    ix : LexiconIndex
        The compiled lexicon.
    doc : Doc
        The doc (spaCy's Matcher reads it; the interpreter reads ``lowers`` and ``lemmas``).
    anchors : list of tuple
        (token index, anchor key) of every anchor found.
    sents : Sentences
        The doc's context sentences.
    lowers, lemmas : list of int
        The tokens' lookup keys and lemma ids.

    Returns
    -------
    list of tuple
        (entry idx, start, end), in no particular order.
    """
    strings = ix.strings
    found: list[tuple[int, int, int]] = []  # (entry idx, start, end)
    if ix.free_matcher is not None:
        found.extend((int(strings[m]), s, e) for m, s, e in ix.free_matcher(doc))
    if not anchors:
        return found
    gates, runs, reaches = ix.key_gates, ix.runs, ix.reach
    # each token's sentence bounds through two lists: no calls of Sentences.bounds per anchor
    sent_of, firsts = sents.of, sents.starts
    lasts = [*firsts[1:], sents.n]
    current = -1  # the sentence of the anchors before (they come in token order; any order is right)
    first = last = 0
    disjoint = frozenset().isdisjoint
    alive: dict[str, list[tuple] | tuple] = {}
    for i, key in anchors:  # a key twice at one token (rare) only repeats work: raw is a set
        k = sent_of[i]
        if k != current:
            # the sentence's words (forms and lemmas), once per sentence with an anchor: a match lies
            # inside its sentence, so a pattern one of whose required words it lacks cannot match
            current, first, last = k, firsts[k], lasts[k]
            words = set(lowers[first:last])
            words.update(lemmas[first:last])
            disjoint = words.isdisjoint
            alive = {}  # per anchor key: its patterns whose required words all occur in the sentence
        if key in alive:
            candidates = alive[key]
        else:
            # "not" anchors a pattern in most reviews, and most sentences lack its other words: the
            # key's gate (see LexiconIndex._gate) settles most of them with one set test
            gate = gates[key]
            if gate is not None and disjoint(gate):
                candidates = alive[key] = ()
            else:  # one record per pattern of the key (LexiconIndex.runs): no table look-ups below
                candidates = alive[key] = [run for run in runs[key] if not any(map(disjoint, run[1]))]
        if not candidates:
            continue
        # a match holding the anchor at i lies within reach of i, inside its sentence
        reach = reaches[key]
        lo, hi = i - reach + 1, i + reach
        lo, hi = first if lo < first else lo, last if hi > last else hi  # no call of max() and min()
        spacy_needed = False
        for idx, _, program, before_lo, before_hi, head in candidates:
            if program is None:
                spacy_needed = True
                continue
            earliest = i - before_hi
            starts: range | list[int] = range(lo if lo > earliest else earliest, i - before_lo + 1)
            if head is not None:  # most starts fail on their first token: no call for those
                field, ids = head
                column = lowers if field == 0 else lemmas
                starts = [s for s in starts if column[s] in ids]
            for start in starts:
                ends = run_pattern(program, start, hi, lowers, lemmas, strings, first)
                found.extend((idx, start, end) for end in ends)
        if spacy_needed:
            found.extend((int(strings[m]), lo + s, lo + e) for m, s, e in ix.matchers[key](doc[lo:hi]))
    return found
