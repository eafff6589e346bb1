"""The corpus for lexicon suggestions: flat token arrays with sentences and lexicon hits, words as lemmas."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER

from trustlex.concepts import CONCEPTS
from trustlex.pipeline import scoring_engine
from trustlex.readers import defuse, text_blocks

# Example sentences between these lengths (characters) read best; others only when there are no such.
_EXAMPLE_MIN, _EXAMPLE_MAX = 30, 300
# Letters, with inner apostrophes and hyphens (risico's, e-mail); no digits.
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
# The bit of each concept in the per-token marks of other concepts' hits.
_BIT = {c: 1 << k for k, c in enumerate(CONCEPTS)}


def _marks(hits: list[Any], concept: str, n_tokens: int, n_sents: int) -> tuple[np.ndarray, ...]:
    """Return the hits of one block as token marks and sentence weights.

    Per token: inside a hit of ``concept``, and the bits of the other
    concepts whose hits hold it; per sentence: the summed weight of its
    hits of ``concept``.
    """
    cov = np.zeros(n_tokens, dtype=bool)
    oth = np.zeros(n_tokens, dtype=np.uint16)
    weight = np.zeros(n_sents)
    for h in hits:
        if h.entry.concept == concept:
            cov[h.start : h.end] = True
            weight[h.sent] += h.entry.weight
        else:
            oth[h.start : h.end] |= _BIT[h.entry.concept]
    return cov, oth, weight


class TokenCorpus:
    """The corpus as flat token arrays (all blocks joined), with sentence and lexicon-hit information.

    Parameters
    ----------
    texts : list of str
        The documents; each is cleaned and cut into blocks as scoring does.
    concept : str
        The concept whose lexicon hits mark tokens as ``covered``.
    lang : str
        ``nl`` or ``en``: the pipeline that tokenises and tags.
    lexicons : list of str or None
        Lexicon names or paths (None: the shipped ones).

    Attributes
    ----------
    lower : numpy.ndarray
        Lowercase string hash per token.
    sent : numpy.ndarray
        Sentence number per token.
    covered : numpy.ndarray
        Per token: inside a hit of ``concept``.
    other : numpy.ndarray
        Per token: bit ``k`` set when inside a hit of the k-th other concept.
    sent_carries : numpy.ndarray
        Per sentence: the lexicon codes it with ``concept``.
    sent_text : numpy.ndarray
        Per sentence: the number of its text.
    hit_spans : numpy.ndarray
        (start, end) token positions of the hits of ``concept``.
    """

    def __init__(self, texts: list[str], concept: str, lang: str, lexicons: list[str] | None) -> None:
        nlp, engine = scoring_engine(lang, tuple(lexicons) if lexicons else None, None)
        self.nlp, self.engine = nlp, engine
        self.blocks: list[str] = []
        lowers, sents, covered, other = [], [], [], []
        hit_spans: list[tuple[int, int]] = []
        sent_block, sent_start, sent_end, sent_weight = [], [], [], []
        n_sents = n_tokens = 0
        block_text = []
        for number, text in enumerate(texts):
            for block in text_blocks(defuse(text)):
                doc = nlp.make_doc(block)
                n = len(doc)
                if n == 0:
                    continue
                hits, spans, _ = engine.scan(doc)
                starts = np.asarray(spans.starts, dtype=np.int64)
                bounds = np.append(starts, n)
                sents.append(np.repeat(np.arange(len(starts)) + n_sents, np.diff(bounds)))
                lowers.append(doc.to_array(LOWER))
                idx = doc.to_array(IDX)
                length = doc.to_array(LENGTH)
                sent_block.append(np.full(len(starts), len(self.blocks)))
                sent_start.append(idx[starts])
                sent_end.append(idx[bounds[1:] - 1] + length[bounds[1:] - 1])
                cov, oth, weight = _marks(hits, concept, n, len(starts))
                hit_spans.extend(
                    (n_tokens + h.start, n_tokens + h.end) for h in hits if h.entry.concept == concept
                )
                covered.append(cov)
                other.append(oth)
                sent_weight.append(weight)
                self.blocks.append(block)
                block_text.append(number)
                n_sents += len(starts)
                n_tokens += n

        def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
            return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype=dtype)

        self.lower = cat(lowers, np.uint64)
        self.sent = cat(sents, np.int64)
        self.covered = cat(covered, bool)
        self.other = cat(other, np.uint16)
        self.sent_block = cat(sent_block, np.int64)
        self.sent_start = cat(sent_start, np.int64)
        self.sent_end = cat(sent_end, np.int64)
        # a sentence carries the concept as trustlex codes it: its hits' weights reach min_weight
        self.sent_carries = cat(sent_weight, float) >= engine.min_weight
        self.n_sents = n_sents
        self.n_texts = len(texts)
        self.sent_text = np.asarray(block_text, dtype=np.int64)[self.sent_block]
        self.hit_spans = np.array(hit_spans, dtype=np.int64).reshape(-1, 2)

    def sentence(self, k: int) -> str:
        """Return sentence ``k`` as text, its whitespace runs made single spaces."""
        return " ".join(self.blocks[self.sent_block[k]][self.sent_start[k] : self.sent_end[k]].split())


def pick_examples(corpus: TokenCorpus, sent_ids: np.ndarray, forms: list[str], n: int) -> list[str]:
    """Return up to ``n`` distinct sentences from across the corpus, shortest of a spread sample first.

    Parameters
    ----------
    corpus : TokenCorpus
        The corpus the sentences come from.
    sent_ids : numpy.ndarray
        The sentences holding the word, in corpus order.
    forms : list of str
        The word's forms, to find it in long sentences and clip around it.
    n : int
        The most sentences to return.

    Returns
    -------
    list of str
        Sentences of 30 to 300 characters when there are enough, shortest first.
    """
    if n <= 0 or len(sent_ids) == 0:
        return []
    length = corpus.sent_end[sent_ids] - corpus.sent_start[sent_ids]
    fit = sent_ids[(length >= _EXAMPLE_MIN) & (length <= _EXAMPLE_MAX)]
    pool = fit if len(fit) >= n else sent_ids
    # evenly spaced through the corpus, so the examples come from different documents
    sample = pool[np.unique(np.linspace(0, len(pool) - 1, min(len(pool), 4 * n)).round().astype(int))]
    word = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE)
    seen: set[str] = set()
    found = []
    for k in sample:
        text = clip(corpus.sentence(int(k)), word)
        if text.lower() not in seen:
            seen.add(text.lower())
            found.append(text)
    return sorted(found, key=len)[:n]


def clip(text: str, word: re.Pattern) -> str:
    """Return ``text``, or a window of about ``_EXAMPLE_MAX`` characters around ``word`` if it is longer.

    Parameters
    ----------
    text : str
        A sentence.
    word : re.Pattern
        The word to keep in view (the window starts at the text's start when it is absent).

    Returns
    -------
    str
        The text, or its clipped window with an ellipsis at each cut end.
    """
    if len(text) <= _EXAMPLE_MAX:
        return text
    m = word.search(text)
    mid = (m.start() + m.end()) // 2 if m else 0
    lo = max(0, min(mid - _EXAMPLE_MAX // 2, len(text) - _EXAMPLE_MAX))
    hi = lo + _EXAMPLE_MAX
    # cut at spaces, so that no word is shown in part
    if lo > 0:
        lo = text.find(" ", lo, mid) + 1 or lo
    if hi < len(text):
        hi = text.rfind(" ", mid, hi) if text.rfind(" ", mid, hi) > 0 else hi
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


@dataclass
class Words:
    """The corpus's word tokens as lemma ids, and what is known per lemma.

    Word types are the distinct lowercase forms; a type is a word when both
    it and its lookup lemma are letters (``_WORD``). ``stream``, ``tok_type``,
    ``sent``, ``covered`` and ``other`` hold one value per word token; the
    per-lemma arrays are indexed by lemma id.
    """

    lemmas: list[str]  # lemma id -> lemma
    forms: list[str]  # type -> lowercase form
    type_lemma: np.ndarray  # type -> lemma id, -1 for types that are no words
    tok_lemma: np.ndarray  # every token -> lemma id, -1 for tokens that are no words
    stream: np.ndarray
    tok_type: np.ndarray
    sent: np.ndarray
    covered: np.ndarray
    other: np.ndarray
    count: np.ndarray  # occurrences
    hit_count: np.ndarray  # occurrences inside hits of the concept
    other_count: np.ndarray  # occurrences inside hits of other concepts
    surface: list[str]  # the most frequent lowercase form, for display and for the TOML term
    content: np.ndarray  # no stop word, three letters or more

    @property
    def n_lemmas(self) -> int:
        """The number of distinct lemmas."""
        return len(self.lemmas)


def _word_types(corpus: TokenCorpus) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
    """Return each token's type, the types' forms, each type's lemma id (-1: no word) and the lemmas.

    Decided once per type, then applied to the token arrays.
    """
    strings = corpus.nlp.vocab.strings
    lemma_of = corpus.engine.lemmatizer.lemma_of
    types, type_of = np.unique(corpus.lower, return_inverse=True)
    forms = [strings[int(h)] for h in types]
    lemma_ids: dict[str, int] = {}
    type_lemma = np.full(len(types), -1, dtype=np.int64)
    for t, (h, form) in enumerate(zip(types, forms, strict=True)):
        lemma = strings[lemma_of(int(h))].lower().replace("\u2019", "'")
        if _WORD.fullmatch(lemma) and _WORD.fullmatch(form.replace("\u2019", "'")):
            type_lemma[t] = lemma_ids.setdefault(lemma, len(lemma_ids))
    return type_of, forms, type_lemma, list(lemma_ids)


def _surface_forms(stream: np.ndarray, tok_type: np.ndarray, forms: list[str], n_lemmas: int) -> list[str]:
    """Return the most frequent lowercase form of each lemma."""
    pairs, pair_n = np.unique(stream * len(forms) + tok_type, return_counts=True)
    pair_lemma, pair_type = pairs // len(forms), pairs % len(forms)
    order = np.lexsort((-pair_n, pair_lemma))
    first = order[np.r_[True, pair_lemma[order][1:] != pair_lemma[order][:-1]]] if len(order) else order
    surface = [""] * n_lemmas
    for p in first:
        surface[pair_lemma[p]] = forms[pair_type[p]]
    return surface


def words_of(corpus: TokenCorpus) -> Words:
    """Return the corpus's word tokens as lemmas, with per-lemma counts, display forms and content mask.

    Parameters
    ----------
    corpus : TokenCorpus
        The tokenised corpus.

    Returns
    -------
    Words
        Lemma ids per word token and what is known per lemma.
    """
    type_of, forms, type_lemma, lemmas = _word_types(corpus)
    n_lemmas = len(lemmas)
    tok_lemma = type_lemma[type_of]
    word = tok_lemma >= 0
    stream, tok_type = tok_lemma[word], type_of[word]
    covered, other = corpus.covered[word], corpus.other[word]
    surface = _surface_forms(stream, tok_type, forms, n_lemmas)
    stop = corpus.nlp.Defaults.stop_words
    is_stop = np.array([lem in stop or surface[i] in stop for i, lem in enumerate(lemmas)], dtype=bool)
    short = np.array([len(lem) < 3 for lem in lemmas], dtype=bool)
    return Words(
        lemmas=lemmas,
        forms=forms,
        type_lemma=type_lemma,
        tok_lemma=tok_lemma,
        stream=stream,
        tok_type=tok_type,
        sent=corpus.sent[word],
        covered=covered,
        other=other,
        count=np.bincount(stream, minlength=n_lemmas),
        hit_count=np.bincount(stream[covered], minlength=n_lemmas),
        other_count=np.bincount(stream[other > 0], minlength=n_lemmas),
        surface=surface,
        content=~is_stop & ~short,
    )
