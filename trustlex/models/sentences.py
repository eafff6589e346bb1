"""The sentences ``score_texts(model=...)`` codes, kept as flat arrays from the lexicon's own scan.

Per block of text, :meth:`SentenceScan.add` keeps one ``Doc.to_array`` of
the tokens (lowercase hash, character offset, length) and the sentences'
first tokens; the lexicon's decisions are the frame's rows already, and the
negated concepts come off the hits. Nothing is built per sentence while
scanning: the model's features (:meth:`SentenceScan.words`,
:meth:`SentenceScan.lexicon`) come from these arrays in a few numpy calls at
the end, and a sentence's text and offsets are cut only for the rows the
model adds (:meth:`SentenceScan.fields`). The features equal those of
:class:`~trustlex.models.features.Scanned` built sentence by sentence with
:func:`~trustlex.models.features.word_hashes`, which training uses.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.tokens import Doc

from trustlex.concepts import CONCEPTS, VALENCES
from trustlex.matching.records import trimmed
from trustlex.models.features import LEXICON_FEATURES, STRIDE, word_kinds

_COLUMN = {c: k * STRIDE for k, c in enumerate(CONCEPTS)}
_VALENCE = {v: k for k, v in enumerate(VALENCES)}


class SentenceScan:
    """The sentences of scanned blocks: their tokens, bounds, lexicon decisions and negated concepts."""

    def __init__(self) -> None:
        self._tokens: list[np.ndarray] = []  # per block: (n, 3) lowercase hash, offset, length
        self._starts: list[int] = []  # per sentence: its first token among all blocks' tokens
        self._blocks: list[tuple[Any, str, int, str, int]] = []  # doc_id, lang, first sent_id, text, offset
        self._first: list[int] = []  # per block: the index of its first sentence
        self._vocabs: dict[int, Any] = {}  # the string stores the hashes come from
        self._n_tokens = 0
        # the lexicon's (sentence, concept, valence) decisions, and (sentence, concept) of negated hits
        self.found: list[tuple[int, str, str]] = []
        self.negated: list[tuple[int, str]] = []

    def __len__(self) -> int:
        return len(self._starts)

    def add(
        self, doc: Doc, starts: list[int], doc_id: Any, code: str, sent_id: int, text: str, offset: int
    ) -> int:
        """Keep a block's tokens and sentences (``starts``: their first tokens, from 0); return the first's.

        ``sent_id`` is the block's first sentence number in its document,
        ``text`` the block's text and ``offset`` where it starts in the document.
        """
        first = len(self._starts)
        if not starts:
            return first
        tokens = doc.to_array([LOWER, IDX, LENGTH])
        base = self._n_tokens
        self._tokens.append(tokens)
        self._starts.extend([base + s for s in starts])
        self._blocks.append((doc_id, code, sent_id, text, offset))
        self._first.append(first)
        self._n_tokens = base + len(tokens)
        strings = doc.vocab.strings
        self._vocabs.setdefault(id(strings), strings)
        return first

    def codes(self) -> list[str]:
        """The language of each sentence."""
        out: list[str] = []
        ends = [*self._first[1:], len(self._starts)]
        for (_, code, *_rest), lo, hi in zip(self._blocks, self._first, ends, strict=True):
            out.extend([code] * (hi - lo))
        return out

    def words(self) -> tuple[np.ndarray, np.ndarray]:
        """Return (the lowercase hashes of all sentences' word tokens in order, each one's count of them).

        Words are what :func:`~trustlex.models.features.word_hashes` keeps:
        tokens with a letter or digit, not punctuation or space.
        """
        if not self._starts:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        lowers = np.concatenate([t[:, 0] for t in self._tokens])
        types, where = np.unique(lowers, return_inverse=True)
        kinds = types.tolist()
        words = word_kinds(kinds, lambda h: next(s[h] for s in self._vocabs.values() if h in s))
        is_word = np.fromiter(map(words.__getitem__, kinds), dtype=bool, count=len(kinds))[where.ravel()]
        lengths = np.add.reduceat(is_word.astype(np.int64), np.asarray(self._starts, dtype=np.int64))
        return lowers[is_word], lengths

    def lexicon(self) -> np.ndarray:
        """Return the sentences' lexicon features, as :func:`~trustlex.models.features.lexicon_block`."""
        out = np.zeros((len(self._starts), len(LEXICON_FEATURES)))
        if self.found:
            sent = np.array([s for s, _, _ in self.found], dtype=np.int64)
            base = np.array([_COLUMN[c] for _, c, _ in self.found], dtype=np.int64)
            valence = np.array([_VALENCE[v] for _, _, v in self.found], dtype=np.int64)
            np.add.at(out, (sent, base + valence), 1.0)
            out[sent, base + len(VALENCES)] = 1.0
        if self.negated:
            sent = np.array([s for s, _ in self.negated], dtype=np.int64)
            col = np.array([_COLUMN[c] + len(VALENCES) + 1 for _, c in self.negated], dtype=np.int64)
            np.add.at(out, (sent, col), 1.0)
        return out

    def fields(self, i: int) -> tuple[Any, str, int, str, int, int]:
        """Return (doc_id, lang, sent_id, sentence text, start_char, end_char) of sentence ``i``.

        The text and offsets are those the lexicon's rows give a sentence:
        whitespace at either end trimmed, offsets in the whole document.
        """
        b = bisect_right(self._first, i) - 1
        doc_id, code, sent_id, text, offset = self._blocks[b]
        tokens, first = self._tokens[b], self._first[b]
        base = self._starts[first]  # the block's first token among all
        following = self._first[b + 1] if b + 1 < len(self._first) else len(self._starts)
        lo = self._starts[i] - base
        hi = self._starts[i + 1] - base if i + 1 < following else len(tokens)
        start, end = trimmed(text, int(tokens[lo, 1]), int(tokens[hi - 1, 1] + tokens[hi - 1, 2]))
        return doc_id, code, sent_id + i - first, text[start:end], start + offset, end + offset

    def features(self, model: Any) -> Any:
        """Return ``model``'s feature matrix of the sentences, as its ``features_of`` would build it."""
        from trustlex.models.features import feature_matrix
        from trustlex.models.saved import FITTED

        if not all(hasattr(model, name) for name in FITTED):  # scikit-learn's error, imported only then
            from sklearn.utils.validation import check_is_fitted

            check_is_fitted(model, FITTED)
        words = model.word_.transform_flat(*self.words())
        return feature_matrix(words, self.lexicon() if model.use_lexicon else None, model.lexicon_weight)
