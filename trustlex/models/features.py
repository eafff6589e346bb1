"""Features of text units for the classifier, computed from trustlex's own scan.

The classifier sees each unit (a sentence, or a coded text) through two
blocks of features:

- **words**: TF-IDF of lowercase word unigrams and bigrams (sublinear term
  frequency, smoothed idf, rows scaled to unit length), read off spaCy's
  tokens by their hash, so no second tokenizer runs: scoring a sentence
  costs two dictionary look-ups per word;
- **lexicon**: per concept, how many of the unit's sentences carry it with
  each valence, whether it is present at all, and how many of its hits a
  negation turned.

Training and scoring build both blocks by the same functions from the same
scan, so what the model learnt is what it sees.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # in Cython, not in spaCy's strings.pyi
from spacy.tokens import Doc

from trustlex.concepts import CONCEPTS, VALENCE_SUFFIX, VALENCES

if TYPE_CHECKING:  # scipy loads on the first transform: scoring without a model never needs it
    from scipy import sparse

LEXICON_FEATURES: tuple[str, ...] = tuple(
    f"{c}_{s}" for c in CONCEPTS for s in (*(VALENCE_SUFFIX[v] for v in VALENCES), "present", "negated")
)
# columns per concept in the lexicon block: one per valence, then "present" and "negated"
STRIDE = len(VALENCES) + 2


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


# per token type (lowercase hash): does it count as a word? Shared: the answer never changes.
_WORDS: dict[int, bool] = {}


def word_kinds(hashes: Iterable[int], text_of: Callable[[int], str]) -> dict[int, bool]:
    """Return the shared table of which lowercase hashes are words, ``hashes`` in it.

    A word has a letter or digit (not punctuation or space); ``text_of``
    gives the text of a hash not yet in the table.
    """
    for h in set(hashes).difference(_WORDS):
        _WORDS[h] = _is_word(text_of(h))
    return _WORDS


def word_hashes(
    doc: Doc, spans: Iterable[tuple[int, int]], names: dict[int, str] | None = None
) -> list[list[int]]:
    """The lowercase hashes of the word tokens (not punctuation or space) of each token span of ``doc``.

    ``names``, when given, collects each hash's text, which fitting a
    vocabulary needs (a tokenizer's vocabulary knows only its own strings).
    """
    lowers = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    words = word_kinds(lowers, strings.__getitem__)
    if names is not None:
        for h in set(lowers).difference(names):
            if words[h]:
                names[h] = strings[h]
    return [[h for h in lowers[start:end] if words[h]] for start, end in spans]


@dataclass
class Scanned:
    """Units as the classifier reads them: word hashes, lexicon decisions, negated concepts."""

    words: list[tuple[int, ...]] = field(default_factory=list)
    units: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    negated: list[tuple[str, ...]] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)

    def add(self, words: Sequence[int], units: Sequence[tuple[str, str]], negated: Sequence[str]) -> None:
        """Append one unit.

        Stored as tuples: a tuple of strings and numbers drops out of the
        garbage collector's sight, a list stays in it. Scoring a corpus with a
        model keeps three per sentence until the end, and as lists they made
        Python run full collections over everything loaded (0.18 s in a
        150,000-word pass of English reviews).
        """
        self.words.append(tuple(words))
        self.units.append(tuple(units))
        self.negated.append(tuple(negated))

    def __len__(self) -> int:
        return len(self.words)

    def extend(self, other: Scanned) -> Scanned:
        """Append the units of ``other`` after this one's (and its word names); return this one.

        Scans of different texts, each by its own lexicons (or language), so
        joined, train one model: :meth:`TrustClassifier.fit_scanned`.
        """
        self.words += other.words
        self.units += other.units
        self.negated += other.negated
        self.names.update(other.names)
        return self


class WordFeatures:
    """TF-IDF of word unigrams and bigrams over spaCy tokens, with a fixed vocabulary.

    ``vocabulary`` maps a feature (``"word"`` or ``"word word"``) to its
    column; ``idf`` holds one weight per column. Built by :meth:`fit` or from
    a saved model; :meth:`transform` reads token hashes, so it works on any
    Doc made by a tokenizer of the same language, whatever its vocabulary.
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float64)
        uni: dict[int, int] = {}
        bi: dict[tuple[int, int], int] = {}
        for feature, column in vocabulary.items():
            parts = feature.split(" ")
            if len(parts) == 1:
                uni[hash_string(feature)] = column
            elif len(parts) == 2:
                bi[hash_string(parts[0]), hash_string(parts[1])] = column
        # every word of the vocabulary gets a dense id (its place among the sorted hashes), so that
        # transform looks up all words of all units in one searchsorted call, and a bigram is the
        # exact integer id1 * n + id2, instead of a dictionary look-up per word
        self._ids = np.unique(np.array([*uni, *(h for pair in bi for h in pair)], dtype=np.uint64))
        n = len(self._ids)
        self._uni_col = np.full(n, -1, dtype=np.int64)
        self._uni_col[_positions(self._ids, np.array(list(uni), dtype=np.uint64))] = list(uni.values())
        first = _positions(self._ids, np.array([a for a, _ in bi], dtype=np.uint64))
        second = _positions(self._ids, np.array([b for _, b in bi], dtype=np.uint64))
        keys = first * n + second
        order = np.argsort(keys)
        self._bi_keys = keys[order]
        self._bi_col = np.array(list(bi.values()), dtype=np.int64)[order]

    @property
    def size(self) -> int:
        """The number of columns."""
        return len(self.idf)

    @classmethod
    def fit(
        cls, units: Sequence[Sequence[int]], names: dict[int, str], min_df: int = 2, bigrams: bool = True
    ) -> WordFeatures:
        """Learn the vocabulary and idf from units given as word-token hashes (see :func:`word_hashes`).

        A feature is kept when at least ``min_df`` units hold it; idf is
        scikit-learn's smoothed ``ln((1 + n) / (1 + df)) + 1``.
        """
        df: dict[int | tuple[int, int], int] = {}
        for words in units:
            seen: set[int | tuple[int, int]] = set(words)
            if bigrams:
                seen.update(pairwise(words))
            for key in seen:
                df[key] = df.get(key, 0) + 1
        kept = sorted(
            (" ".join(names[h] for h in key) if isinstance(key, tuple) else names[key], count)
            for key, count in df.items()
            if count >= min_df
        )
        vocabulary = {name: i for i, (name, _) in enumerate(kept)}
        n = len(units)
        idf = np.array([math.log((1 + n) / (1 + count)) + 1.0 for _, count in kept])
        return cls(vocabulary, idf)

    def transform(self, units: Sequence[Sequence[int]]) -> sparse.csr_matrix:
        """TF-IDF rows of units given as word-token hashes (see :func:`word_hashes`)."""
        lengths = np.fromiter(map(len, units), dtype=np.int64, count=len(units))
        words = np.fromiter(chain.from_iterable(units), dtype=np.uint64, count=int(lengths.sum()))
        return self.transform_flat(words, lengths)

    def transform_flat(self, words: np.ndarray, lengths: np.ndarray) -> sparse.csr_matrix:
        """TF-IDF rows of units given as all their word hashes in a row and each unit's count of them."""
        from scipy import sparse  # here, not at import: ``import trustlex`` is some 0.1 s faster

        row_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        wid = _positions(self._ids, words)
        uni = np.full(len(words), -1, dtype=np.int64)
        uni[wid >= 0] = self._uni_col[wid[wid >= 0]]
        # a bigram is two neighbouring known words of the same unit
        pair = (row_of[:-1] == row_of[1:]) & (wid[:-1] >= 0) & (wid[1:] >= 0)
        keys = wid[:-1][pair] * len(self._ids) + wid[1:][pair]
        bi_rows = row_of[:-1][pair]
        at = _positions(self._bi_keys, keys)
        bi_cols = np.where(at >= 0, self._bi_col[np.maximum(at, 0)], -1) if len(self._bi_col) else at
        rows = np.concatenate([row_of[uni >= 0], bi_rows[bi_cols >= 0]])
        cols = np.concatenate([uni[uni >= 0], bi_cols[bi_cols >= 0]])
        counts = sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(lengths), self.size))
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(counts.multiply(1.0 / norms[:, None]))


def _positions(table: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The index of each of ``values`` in the sorted array ``table``, or -1 where it is missing."""
    out = np.full(len(values), -1, dtype=np.int64)
    if len(table) and len(values):
        pos = np.minimum(np.searchsorted(table, values), len(table) - 1)
        found = table[pos] == values
        out[found] = pos[found]
    return out


def lexicon_block(units: Sequence[Iterable[tuple[str, str]]], negated: Sequence[Iterable[str]]) -> np.ndarray:
    """Lexicon features of units: per concept, units by valence, presence, negated hits.

    ``units[i]`` lists the (concept, valence) decisions of unit ``i``'s
    sentences; ``negated[i]`` the concepts of its hits that a negation turned.
    """
    out = np.zeros((len(units), len(LEXICON_FEATURES)))
    for row, (found, turned) in enumerate(zip(units, negated, strict=True)):
        for concept, valence in found:
            base = CONCEPTS.index(concept) * STRIDE
            out[row, base + VALENCES.index(valence)] += 1
            out[row, base + len(VALENCES)] = 1
        for concept in turned:
            out[row, CONCEPTS.index(concept) * STRIDE + len(VALENCES) + 1] += 1
    return out


def feature_matrix(words: sparse.csr_matrix, lexicon: np.ndarray | None, weight: float) -> sparse.csr_matrix:
    """The classifier's features: TF-IDF ``words`` joined with the ``lexicon`` block (None: left out).

    Lexicon counts are put on one scale with the TF-IDF columns:
    ``log1p(min(count, 50)) * weight``.
    """
    from scipy import sparse

    if lexicon is None:
        return sparse.hstack([words], format="csr")
    return sparse.hstack(
        [words, sparse.csr_matrix(np.log1p(np.minimum(lexicon, 50.0)) * weight)], format="csr"
    )
