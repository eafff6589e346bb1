"""Grow a lexicon from a corpus: words that behave like a concept's lexicon hits, with examples.

Word vectors are computed locally, from the corpus itself: a word-context
co-occurrence matrix over lookup lemmas, weighted by positive PMI with
context-distribution smoothing and reduced by truncated SVD (Levy, Goldberg
& Dagan 2015, "Improving distributional similarity with lessons learned from
word embeddings"). The words the lexicon already matches in the corpus are the
seeds; candidates are ranked by how close they are to the seeds and how often
they occur in sentences the lexicon already codes. Nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from spacy.attrs import IDX, LENGTH, LOWER

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import TrustlexError
from trustlex.frame import text_list
from trustlex.readers import defuse, text_blocks

# A covered word is a seed only when most of its occurrences are inside hits of the concept:
# the other words of phrase entries ("lack" of "lack of trust") would pull the centroid away.
SEED_SHARE = 0.5
# Context-distribution smoothing exponent of Levy, Goldberg & Dagan (2015).
CONTEXT_ALPHA = 0.75
# Weight of co_share in the score. Chosen by hiding half of each concept's seeds in an English
# employee-review corpus and a Dutch regulations corpus: 0.1 kept recall@25 of the hidden words
# and raised recall@100 by one to two points; larger weights lost at recall@25.
SHARE_WEIGHT = 0.1
# A word in more than this share of the texts is the corpus's boilerplate ("Pros:", "Cons:",
# "Artikel"), not a candidate; judged only from _BOILERPLATE_TEXTS texts on.
_BOILERPLATE_SHARE, _BOILERPLATE_TEXTS = 0.8, 20
# Example sentences between these lengths (characters) read best; others only when there are no such.
_EXAMPLE_MIN, _EXAMPLE_MAX = 30, 300
# Letters, with inner apostrophes and hyphens (risico's, e-mail); no digits.
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


class SuggestError(TrustlexError, ValueError):
    """Suggestions cannot be made: an unknown concept or language, or too few seed words in the corpus."""


class _Corpus:
    """The corpus as flat token arrays (all blocks joined), with sentence and lexicon-hit information."""

    def __init__(self, texts: list[str], concept: str, lang: str, lexicons: list[str] | None) -> None:
        from trustlex.pipeline import scoring_engine

        nlp, engine = scoring_engine(lang, tuple(lexicons) if lexicons else None, None)
        self.nlp, self.engine = nlp, engine
        self.blocks: list[str] = []
        lowers, sents, covered, other, hit_spans = [], [], [], [], []
        sent_block, sent_start, sent_end, sent_weight = [], [], [], []
        bit = {c: 1 << k for k, c in enumerate(CONCEPTS)}
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
                cov = np.zeros(n, dtype=bool)
                oth = np.zeros(n, dtype=np.uint16)
                weight = np.zeros(len(starts))
                for h in hits:
                    if h.entry.concept == concept:
                        cov[h.start : h.end] = True
                        hit_spans.append((n_tokens + h.start, n_tokens + h.end))
                        weight[h.sent] += h.entry.weight
                    else:
                        oth[h.start : h.end] |= bit[h.entry.concept]
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
        return " ".join(self.blocks[self.sent_block[k]][self.sent_start[k] : self.sent_end[k]].split())


def _ppmi(stream: np.ndarray, sent: np.ndarray, n_words: int, window: int) -> sparse.csr_matrix:
    """Return the positive-PMI word-context matrix of a token-id stream, windows kept within sentences.

    Co-occurrences at distance ``d`` count ``(window - d + 1) / window``, as in
    word2vec's dynamic window, so that near neighbours weigh more.
    """
    counts = sparse.csr_matrix((n_words, n_words), dtype=np.float64)
    for d in range(1, min(window, len(stream) - 1) + 1):
        same = sent[:-d] == sent[d:]
        rows, cols = stream[:-d][same], stream[d:][same]
        data = np.full(len(rows), (window - d + 1) / window)
        counts = counts + sparse.csr_matrix((data, (rows, cols)), shape=(n_words, n_words))
    counts = (counts + counts.T).tocsr()  # symmetric window: left and right contexts alike
    counts.eliminate_zeros()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    ctx = np.asarray(counts.sum(axis=0)).ravel() ** CONTEXT_ALPHA
    ctx /= ctx.sum() if ctx.sum() > 0 else 1.0
    coo = counts.tocoo()
    # PMI = log(P(w, c) / (P(w) P_alpha(c))); the total count cancels out of the first two terms
    pmi = np.log(coo.data) - np.log(row_sum[coo.row]) - np.log(ctx[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def _vectors(matrix: sparse.csr_matrix, dims: int, seed: int) -> np.ndarray:
    """Return L2-normalised rows of ``U * sqrt(S)`` from a truncated SVD of ``matrix``.

    The square root of the singular values (Levy et al.'s eigenvalue weighting
    p = 0.5) works better for similarity than the plain ``U * S`` of
    ``TruncatedSVD.transform``.
    """
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    matrix = matrix[:, np.flatnonzero(matrix.getnnz(axis=0))]
    k = min(dims, matrix.shape[0] - 1, matrix.shape[1] - 1)
    if k < 1:
        msg = "the corpus is too small to compute word vectors; pass more text"
        raise SuggestError(msg)
    svd = TruncatedSVD(n_components=k, random_state=seed)
    # one BLAS thread: the matrices are thin (k ~ 100), and on a busy machine OpenBLAS threads
    # that spin-wait for each other made this step ten to twenty times slower in our tests
    with threadpool_limits(limits=1, user_api="blas"):
        reduced = svd.fit_transform(matrix)
    singular = svd.singular_values_
    reduced /= np.sqrt(np.where(singular > 0, singular, 1.0))
    return normalize(reduced)


def _check(concept: str, lang: str) -> None:
    if concept not in CONCEPTS:
        msg = f"unknown concept {concept!r}; concepts are {', '.join(CONCEPTS)}"
        raise SuggestError(msg)
    if lang not in LANGUAGES:
        msg = f"lang must be one of {', '.join(LANGUAGES)} (one corpus, one language), got {lang!r}"
        raise SuggestError(msg)


def _pick_examples(corpus: _Corpus, sent_ids: np.ndarray, forms: list[str], n: int) -> list[str]:
    """Return up to ``n`` distinct sentences from across the corpus, shortest of a spread sample first."""
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
        text = _clip(corpus.sentence(int(k)), word)
        if text.lower() not in seen:
            seen.add(text.lower())
            found.append(text)
    return sorted(found, key=len)[:n]


def _clip(text: str, word: re.Pattern) -> str:
    """Return ``text``, or a window of about ``_EXAMPLE_MAX`` characters around ``word`` if it is longer."""
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


def suggest_terms(
    texts: Iterable[str] | pd.Series,
    concept: str,
    *,
    lang: str,
    lexicons: list[str] | None = None,
    top: int | None = 25,
    min_count: int = 5,
    window: int = 5,
    dims: int = 100,
    examples: int = 3,
    seed: int = 0,
    share_weight: float = SHARE_WEIGHT,
) -> pd.DataFrame:
    """Return candidate words for ``concept``'s lexicon: words this corpus uses like the lexicon's hits.

    Texts are tokenised by trustlex's pipeline for ``lang`` and reduced to
    lowercase lookup lemmas of alphabetic tokens. Word vectors come from the
    corpus alone: co-occurrences in a symmetric ``window`` within sentences,
    positive PMI with context smoothing 0.75, truncated SVD to ``dims``
    (``U * sqrt(S)``, rows L2-normalised). Seeds are lemmas that the
    concept's entries match here (any valence), each the only content word of
    at least one hit and inside hits for at least half of its occurrences (so
    "lack" of "lack of trust" is no seed); the concept is the centroid of
    their vectors weighted by ``log(1 + hits)``. Candidates (``min_count``
    occurrences, no stop word, three letters or more) get ``similarity``
    (cosine to the centroid), ``nearest_seed`` (among seeds seen
    ``min_count`` times) and ``co_share`` (share of their sentences that the
    lexicon codes with the concept); ``score = (1 - share_weight) *
    similarity + share_weight * co_share``, so words used like the seeds come
    first and co-occurring ones break near-ties. Excluded are words the
    lexicon covers for the concept (any occurrence inside its hits, phrase
    words included: a reviewer already saw them), words that other concepts'
    hits cover at least half the time (the codebook keeps concepts apart, so
    those are placed) and words in over 80% of 20 or more texts
    (boilerplate such as "Pros:"); words less often covered by other concepts
    stay, named in ``other_concepts``. Returns at most ``top`` rows (None:
    all), best first: ``term`` (most frequent lowercase form), ``lemma``,
    ``score``, ``similarity``, ``co_share``, ``count``, ``nearest_seed``,
    ``examples`` (up to ``examples`` sentences from across the corpus,
    shortest first), ``other_concepts``; ``.attrs["seeds"]`` maps seed
    lemmas to hit counts. Raises :class:`SuggestError` (a ValueError) for an
    unknown concept or language or fewer than two seeds.
    """
    _check(concept, lang)
    if min_count < 1 or window < 1 or dims < 1:
        msg = f"min_count, window and dims must be at least 1, got {min_count}, {window}, {dims}"
        raise SuggestError(msg)
    if not 0.0 <= share_weight <= 1.0:
        msg = f"share_weight must be between 0 and 1, got {share_weight}"
        raise SuggestError(msg)
    corpus = _Corpus(text_list(texts), concept, lang, lexicons)
    strings = corpus.nlp.vocab.strings
    lemma_of = corpus.engine.lemmatizer.lemma_of
    stop = corpus.nlp.Defaults.stop_words

    # per word type (distinct lowercase form), then per lemma: decided once, applied to arrays
    types, type_of = np.unique(corpus.lower, return_inverse=True)
    forms = [strings[int(h)] for h in types]
    lemma_ids: dict[str, int] = {}
    type_lemma = np.full(len(types), -1, dtype=np.int64)
    for t, (h, form) in enumerate(zip(types, forms, strict=True)):
        lemma = strings[lemma_of(int(h))].lower().replace("\u2019", "'")
        if _WORD.fullmatch(lemma) and _WORD.fullmatch(form.replace("\u2019", "'")):
            type_lemma[t] = lemma_ids.setdefault(lemma, len(lemma_ids))
    lemmas = list(lemma_ids)
    n_lemmas = len(lemmas)
    tok_lemma = type_lemma[type_of]
    word = tok_lemma >= 0
    stream, tok_type = tok_lemma[word], type_of[word]
    sent = corpus.sent[word]
    covered, other = corpus.covered[word], corpus.other[word]

    count = np.bincount(stream, minlength=n_lemmas)
    hit_count = np.bincount(stream[covered], minlength=n_lemmas)
    other_count = np.bincount(stream[other > 0], minlength=n_lemmas)
    # the most frequent form of each lemma, for display and for the TOML term
    pairs, pair_n = np.unique(stream * len(types) + tok_type, return_counts=True)
    pair_lemma, pair_type = pairs // len(types), pairs % len(types)
    order = np.lexsort((-pair_n, pair_lemma))
    first = order[np.r_[True, pair_lemma[order][1:] != pair_lemma[order][:-1]]] if len(order) else order
    surface = [""] * n_lemmas
    for p in first:
        surface[pair_lemma[p]] = forms[pair_type[p]]
    is_stop = np.array([lem in stop or surface[i] in stop for i, lem in enumerate(lemmas)], dtype=bool)
    short = np.array([len(lem) < 3 for lem in lemmas], dtype=bool)
    content = ~is_stop & ~short

    # seed evidence: hits in which the lemma is the only content word, so that the other words
    # of phrase entries ("cut throat", "looking over your shoulder") do not become seeds
    tok_content = np.zeros(len(tok_lemma), dtype=bool)
    tok_content[word] = content[stream]
    at = np.flatnonzero(tok_content)
    before = np.concatenate([[0], np.cumsum(tok_content)])
    spans = corpus.hit_spans
    sole = before[spans[:, 1]] - before[spans[:, 0]] == 1
    seed_hits = np.bincount(tok_lemma[at[before[spans[sole, 0]]]], minlength=n_lemmas)
    seed_mask = content & (seed_hits > 0) & (hit_count >= SEED_SHARE * count)
    seeds = np.flatnonzero(seed_mask)
    if len(seeds) < 2:
        found = ", ".join(lemmas[i] for i in seeds) or "none"
        msg = (
            f"found {len(seeds)} seed word(s) for concept {concept!r} in this {lang!r} corpus "
            f"({len(stream):,} words; seeds: {found}); at least 2 are needed: pass a bigger corpus, "
            f"or one in which the {lang} {concept} lexicon matches more words"
        )
        raise SuggestError(msg)
    # a word that other concepts' hits cover at least as often as a seed is covered is the
    # lexicon's word for those concepts already, and the codebook keeps concepts apart
    placed = other_count >= SEED_SHARE * count
    cand_mask = content & (count >= min_count) & (hit_count == 0) & ~placed
    if corpus.n_texts >= _BOILERPLATE_TEXTS:
        in_texts = np.unique(stream * corpus.n_texts + corpus.sent_text[sent]) // corpus.n_texts
        cand_mask &= np.bincount(in_texts, minlength=n_lemmas) <= _BOILERPLATE_SHARE * corpus.n_texts
    # every frequent word shapes the vector space, stop words and covered words included
    rows = np.flatnonzero((count >= min_count) | seed_mask)

    matrix = _ppmi(stream, sent, n_lemmas, window)
    # rare contexts say little and cost time: keep those as frequent as a candidate must be
    contexts = np.flatnonzero(count >= min_count)
    reduced = _vectors(matrix[rows][:, contexts], dims, seed)
    vectors = np.zeros((n_lemmas, reduced.shape[1]))
    vectors[rows] = reduced
    weights = np.log1p(seed_hits[seeds])
    centroid = weights @ vectors[seeds]
    norm = np.linalg.norm(centroid)
    if norm == 0:
        msg = f"the seed words of {concept!r} have no usable contexts in this corpus; pass more text"
        raise SuggestError(msg)
    centroid /= norm

    cands = np.flatnonzero(cand_mask)
    similarity = vectors[cands] @ centroid
    # a seed seen only a few times has a vector resting on a handful of contexts, which rare
    # candidates then resemble by chance: name the nearest of the well-attested seeds
    steady = seeds[count[seeds] >= min_count]
    steady = steady if len(steady) else seeds
    nearest = steady[np.argmax(vectors[cands] @ vectors[steady].T, axis=1)] if len(cands) else cands
    # distinct sentences of each lemma, and how many of them the lexicon codes with the concept
    keys = np.unique(stream * max(corpus.n_sents, 1) + sent)
    key_lemma, key_sent = keys // max(corpus.n_sents, 1), keys % max(corpus.n_sents, 1)
    n_sent = np.bincount(key_lemma, minlength=n_lemmas)
    carried = np.bincount(key_lemma, weights=corpus.sent_carries[key_sent], minlength=n_lemmas)
    co_share = carried[cands] / np.maximum(n_sent[cands], 1)
    score = (1 - share_weight) * similarity + share_weight * co_share

    ranked = np.argsort(-score, kind="stable")
    if top is not None:
        ranked = ranked[:top]
    chosen = cands[ranked]
    by_lemma = np.argsort(key_lemma, kind="stable")
    bounds = np.searchsorted(key_lemma[by_lemma], [chosen, chosen + 1])
    # which other concepts' hits cover some occurrences of each lemma (few tokens: cheap)
    other_of = np.zeros((len(CONCEPTS), n_lemmas), dtype=bool)
    for k in range(len(CONCEPTS)):
        other_of[k] = np.bincount(stream[(other >> k) & 1 == 1], minlength=n_lemmas) > 0
    type_forms: dict[int, list[str]] = {}
    for t in np.unique(tok_type[np.isin(stream, chosen)]):
        type_forms.setdefault(int(type_lemma[t]), []).append(forms[t])
    records = []
    for r, i in enumerate(chosen):
        sent_ids = key_sent[by_lemma[bounds[0][r] : bounds[1][r]]]
        records.append(
            {
                "term": surface[i],
                "lemma": lemmas[i],
                "score": float(score[ranked[r]]),
                "similarity": float(similarity[ranked[r]]),
                "co_share": float(co_share[ranked[r]]),
                "count": int(count[i]),
                "nearest_seed": lemmas[nearest[ranked[r]]],
                "examples": _pick_examples(corpus, sent_ids, type_forms.get(int(i), [surface[i]]), examples),
                "other_concepts": ",".join(c for k, c in enumerate(CONCEPTS) if other_of[k, i]),
            }
        )
    columns = [
        "term",
        "lemma",
        "score",
        "similarity",
        "co_share",
        "count",
        "nearest_seed",
        "examples",
        "other_concepts",
    ]
    frame = pd.DataFrame(records, columns=columns)
    order_seeds = seeds[np.argsort(-hit_count[seeds], kind="stable")]
    frame.attrs["seeds"] = {lemmas[i]: int(hit_count[i]) for i in order_seeds}
    frame.attrs.update(
        concept=concept,
        lang=lang,
        n_words=len(stream),
        n_sentences=corpus.n_sents,
        n_candidates=len(cands),
        dims=reduced.shape[1],
    )
    return frame


def _toml_str(value: str) -> str:
    """Return ``value`` as a TOML basic string (JSON escapes are TOML escapes; DEL must be escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def candidates_toml(frame: pd.DataFrame, concept: str, lang: str, valence: str = "0") -> str:
    """Return the rows of :func:`suggest_terms` as commented-out ``[[entry]]`` tables to paste into a lexicon.

    Each candidate becomes a block of ``# key = value`` lines (``concept``,
    ``valence``, ``term``, an ``example`` that contains the term as a word
    when one of the row's examples does, and a ``note`` with the similarity
    and nearest seed), separated by blank lines, so that a reviewer
    uncomments the blocks they accept and sets the valence. Every block is a
    valid lexicon entry once uncommented.
    """
    _check(concept, lang)
    if valence not in VALENCES:
        msg = f"valence must be one of {', '.join(VALENCES)}, got {valence!r}"
        raise SuggestError(msg)
    lines = [
        f"# Candidate {concept} entries ({lang}) suggested by trustlex lexicon suggest.",
        "# Uncomment the blocks you accept, check the valence, and run 'trustlex lexicon check'.",
    ]
    for row in frame.itertuples(index=False):
        term = str(row.term)
        word = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        example = next((e for e in (row.examples or []) if word.search(e)), None)
        note = (
            f"suggested by trustlex lexicon suggest: similarity {row.similarity:.3f}, "
            f"nearest seed {row.nearest_seed}, co_share {row.co_share:.2f}, {row.count} occurrences"
        )
        lines += [
            "",
            "# [[entry]]",
            f"# concept = {_toml_str(concept)}",
            f"# valence = {_toml_str(valence)}",
            f"# term = {_toml_str(term)}",
        ]
        if example is not None:
            lines.append(f"# example = {_toml_str(example)}")
        lines.append(f"# note = {_toml_str(note)}")
    return "\n".join(lines) + "\n"
