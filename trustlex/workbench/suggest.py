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

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from trustlex.concepts import CONCEPTS, LANGUAGES, VALENCES
from trustlex.errors import SuggestError
from trustlex.frame import text_list
from trustlex.pipeline import FileSpecs, file_names
from trustlex.workbench.suggest_corpus import TokenCorpus, Words, pick_examples, words_of
from trustlex.workbench.wordspace import CONTEXT_ALPHA, ppmi, svd_vectors

# A covered word is a seed only when most of its occurrences are inside hits of the concept:
# the other words of phrase entries ("lack" of "lack of trust") would pull the centroid away.
SEED_SHARE = 0.5
# Weight of co_share in the score. Chosen by hiding half of each concept's seeds in an English
# employee-review corpus and a Dutch regulations corpus: 0.1 kept recall@25 of the hidden words
# and raised recall@100 by one to two points; larger weights lost at recall@25.
SHARE_WEIGHT = 0.1
# A word in more than this share of the texts is the corpus's boilerplate ("Pros:", "Cons:",
# "Artikel"), not a candidate; judged only from _BOILERPLATE_TEXTS texts on.
_BOILERPLATE_SHARE, _BOILERPLATE_TEXTS = 0.8, 20

_COLUMNS = [
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

__all__ = [
    "CONTEXT_ALPHA",
    "SEED_SHARE",
    "SHARE_WEIGHT",
    "SuggestError",
    "SuggestOptions",
    "candidates_toml",
    "suggest_terms",
]


@dataclass(frozen=True)
class SuggestOptions:
    """The tuning of :func:`suggest_terms`; invalid values raise :class:`SuggestError` on creation.

    Parameters
    ----------
    top : int or None
        The most candidates to return, best first (None: all).
    min_count : int
        Occurrences a candidate needs; also the frequency of the words and
        contexts that span the vector space.
    window : int
        Tokens either side that count as a word's context (within its sentence).
    dims : int
        The most dimensions of the word vectors.
    examples : int
        Example sentences per candidate.
    seed : int
        Random state of the SVD.
    share_weight : float
        Weight of ``co_share`` in the score, between 0 and 1.
    """

    top: int | None = 25
    min_count: int = 5
    window: int = 5
    dims: int = 100
    examples: int = 3
    seed: int = 0
    share_weight: float = SHARE_WEIGHT

    def __post_init__(self) -> None:
        if self.min_count < 1 or self.window < 1 or self.dims < 1:
            msg = (
                "min_count, window and dims must be at least 1, "
                f"got {self.min_count}, {self.window}, {self.dims}"
            )
            raise SuggestError(msg)
        if not 0.0 <= self.share_weight <= 1.0:
            msg = f"share_weight must be between 0 and 1, got {self.share_weight}"
            raise SuggestError(msg)


_OPTION_NAMES = frozenset(f.name for f in dataclasses.fields(SuggestOptions))


@dataclass
class _Seeds:
    """The seed lemmas, their hits as the only content word of a hit, and the mask of all lemmas."""

    ids: np.ndarray
    hits: np.ndarray
    mask: np.ndarray


@dataclass
class _Ranking:
    """Per candidate lemma (``cands``): similarity, co_share, score, nearest seed; ``dims`` of the space."""

    cands: np.ndarray
    similarity: np.ndarray
    co_share: np.ndarray
    score: np.ndarray
    nearest: np.ndarray
    dims: int


def _check(concept: str, lang: str) -> None:
    if concept not in CONCEPTS:
        msg = f"unknown concept {concept!r}; concepts are {', '.join(CONCEPTS)}"
        raise SuggestError(msg)
    if lang not in LANGUAGES:
        msg = f"lang must be one of {', '.join(LANGUAGES)} (one corpus, one language), got {lang!r}"
        raise SuggestError(msg)


def _seeds(words: Words, corpus: TokenCorpus, concept: str, lang: str) -> _Seeds:
    """Return the seed lemmas: content words the concept's hits hold alone, mostly inside such hits.

    Only hits in which the lemma is the only content word count, so that the
    other words of phrase entries ("cut throat", "looking over your
    shoulder") do not become seeds.
    """
    tok_content = np.zeros(len(words.tok_lemma), dtype=bool)
    tok_content[words.tok_lemma >= 0] = words.content[words.stream]
    at = np.flatnonzero(tok_content)
    before = np.concatenate([[0], np.cumsum(tok_content)])
    spans = corpus.hit_spans
    sole = before[spans[:, 1]] - before[spans[:, 0]] == 1
    hits = np.bincount(words.tok_lemma[at[before[spans[sole, 0]]]], minlength=words.n_lemmas)
    mask = words.content & (hits > 0) & (words.hit_count >= SEED_SHARE * words.count)
    ids = np.flatnonzero(mask)
    if len(ids) < 2:
        found = ", ".join(words.lemmas[i] for i in ids) or "none"
        msg = (
            f"found {len(ids)} seed word(s) for concept {concept!r} in this {lang!r} corpus "
            f"({len(words.stream):,} words; seeds: {found}); at least 2 are needed: pass a bigger corpus, "
            f"or one in which the {lang} {concept} lexicon matches more words"
        )
        raise SuggestError(msg)
    return _Seeds(ids=ids, hits=hits, mask=mask)


def _candidates(words: Words, corpus: TokenCorpus, min_count: int) -> np.ndarray:
    """Return the candidate lemmas: frequent content words that no hit has placed yet, no boilerplate.

    A word that other concepts' hits cover at least as often as a seed is
    covered is the lexicon's word for those concepts already, and the
    codebook keeps concepts apart.
    """
    placed = words.other_count >= SEED_SHARE * words.count
    mask = words.content & (words.count >= min_count) & (words.hit_count == 0) & ~placed
    if corpus.n_texts >= _BOILERPLATE_TEXTS:
        n_texts = corpus.n_texts
        in_texts = np.unique(words.stream * n_texts + corpus.sent_text[words.sent]) // n_texts
        mask &= np.bincount(in_texts, minlength=words.n_lemmas) <= _BOILERPLATE_SHARE * n_texts
    return np.flatnonzero(mask)


def _space(words: Words, seeds: _Seeds, options: SuggestOptions) -> np.ndarray:
    """Return a vector per lemma (zeros for rare ones) from the corpus's PPMI matrix and SVD.

    Every frequent word shapes the space, stop words and covered words
    included; rare contexts say little and cost time, so only contexts as
    frequent as a candidate must be are kept.
    """
    rows = np.flatnonzero((words.count >= options.min_count) | seeds.mask)
    matrix = ppmi(words.stream, words.sent, words.n_lemmas, options.window)
    contexts = np.flatnonzero(words.count >= options.min_count)
    reduced = svd_vectors(matrix[rows][:, contexts], options.dims, options.seed)
    vectors = np.zeros((words.n_lemmas, reduced.shape[1]))
    vectors[rows] = reduced
    return vectors


def _centroid(vectors: np.ndarray, seeds: _Seeds, concept: str) -> np.ndarray:
    """Return the unit centroid of the seed vectors, each weighted by ``log(1 + hits)``."""
    weights = np.log1p(seeds.hits[seeds.ids])
    centroid = weights @ vectors[seeds.ids]
    norm = np.linalg.norm(centroid)
    if norm == 0:
        msg = f"the seed words of {concept!r} have no usable contexts in this corpus; pass more text"
        raise SuggestError(msg)
    return centroid / norm


def _sentence_keys(words: Words, corpus: TokenCorpus) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct (lemma, sentence) pairs of the corpus, sorted, as two arrays."""
    n_sents = max(corpus.n_sents, 1)
    keys = np.unique(words.stream * n_sents + words.sent)
    return keys // n_sents, keys % n_sents


def _rank(
    words: Words,
    corpus: TokenCorpus,
    seeds: _Seeds,
    keys: tuple[np.ndarray, np.ndarray],
    options: SuggestOptions,
    concept: str,
) -> _Ranking:
    """Return the candidates' similarity to the seeds, co_share, score and nearest well-attested seed."""
    cands = _candidates(words, corpus, options.min_count)
    vectors = _space(words, seeds, options)
    similarity = vectors[cands] @ _centroid(vectors, seeds, concept)
    # a seed seen only a few times has a vector resting on a handful of contexts, which rare
    # candidates then resemble by chance: name the nearest of the well-attested seeds
    steady = seeds.ids[words.count[seeds.ids] >= options.min_count]
    steady = steady if len(steady) else seeds.ids
    nearest = steady[np.argmax(vectors[cands] @ vectors[steady].T, axis=1)] if len(cands) else cands
    # distinct sentences of each lemma, and how many of them the lexicon codes with the concept
    key_lemma, key_sent = keys
    n_sent = np.bincount(key_lemma, minlength=words.n_lemmas)
    carried = np.bincount(key_lemma, weights=corpus.sent_carries[key_sent], minlength=words.n_lemmas)
    co_share = carried[cands] / np.maximum(n_sent[cands], 1)
    score = (1 - options.share_weight) * similarity + options.share_weight * co_share
    return _Ranking(cands, similarity, co_share, score, nearest, vectors.shape[1])


def _other_concepts(words: Words) -> np.ndarray:
    """Return per concept and lemma whether the concept's hits cover some occurrence of the lemma."""
    other_of = np.zeros((len(CONCEPTS), words.n_lemmas), dtype=bool)
    for k in range(len(CONCEPTS)):
        other_of[k] = np.bincount(words.stream[(words.other >> k) & 1 == 1], minlength=words.n_lemmas) > 0
    return other_of


def _records(
    words: Words,
    corpus: TokenCorpus,
    ranking: _Ranking,
    keys: tuple[np.ndarray, np.ndarray],
    options: SuggestOptions,
) -> list[dict[str, Any]]:
    """Return the rows of the best candidates, best first, with example sentences from the corpus."""
    ranked = np.argsort(-ranking.score, kind="stable")
    if options.top is not None:
        ranked = ranked[: options.top]
    chosen = ranking.cands[ranked]
    key_lemma, key_sent = keys
    by_lemma = np.argsort(key_lemma, kind="stable")
    bounds = np.searchsorted(key_lemma[by_lemma], [chosen, chosen + 1])
    other_of = _other_concepts(words)  # few tokens: cheap
    type_forms: dict[int, list[str]] = {}
    for t in np.unique(words.tok_type[np.isin(words.stream, chosen)]):
        type_forms.setdefault(int(words.type_lemma[t]), []).append(words.forms[t])
    records = []
    for r, i in enumerate(chosen):
        k = ranked[r]
        sent_ids = key_sent[by_lemma[bounds[0][r] : bounds[1][r]]]
        forms = type_forms.get(int(i), [words.surface[i]])
        records.append(
            {
                "term": words.surface[i],
                "lemma": words.lemmas[i],
                "score": float(ranking.score[k]),
                "similarity": float(ranking.similarity[k]),
                "co_share": float(ranking.co_share[k]),
                "count": int(words.count[i]),
                "nearest_seed": words.lemmas[ranking.nearest[k]],
                "examples": pick_examples(corpus, sent_ids, forms, options.examples),
                "other_concepts": ",".join(c for j, c in enumerate(CONCEPTS) if other_of[j, i]),
            }
        )
    return records


def _options(options: SuggestOptions | None, tuning: dict[str, Any]) -> SuggestOptions:
    """Return ``options`` (default: :class:`SuggestOptions`) with the keyword ``tuning`` applied."""
    unknown = sorted(set(tuning) - _OPTION_NAMES)
    if unknown:
        msg = f"suggest_terms() got an unexpected keyword argument {unknown[0]!r}"
        raise TypeError(msg)
    return dataclasses.replace(options or SuggestOptions(), **tuning)


def suggest_terms(
    texts: Iterable[str] | pd.Series,
    concept: str,
    *,
    lang: str,
    lexicons: FileSpecs | None = None,
    options: SuggestOptions | None = None,
    **tuning: Any,
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
    stay, named in ``other_concepts``.

    Parameters
    ----------
    texts : iterable of str or pandas.Series
        The corpus, all in ``lang``.
    concept : str
        The concept to grow.
    lang : str
        ``nl`` or ``en``.
    lexicons : str, Path, a list of them, or None
        Lexicon names or paths (None: the shipped ones).
    options : SuggestOptions or None
        The tuning (None: the defaults).
    **tuning
        Fields of :class:`SuggestOptions` (``top``, ``min_count``,
        ``window``, ``dims``, ``examples``, ``seed``, ``share_weight``) as
        keywords; they override ``options``.

    Returns
    -------
    pandas.DataFrame
        At most ``top`` rows (None: all), best first: ``term`` (most
        frequent lowercase form), ``lemma``, ``score``, ``similarity``,
        ``co_share``, ``count``, ``nearest_seed``, ``examples`` (up to
        ``examples`` sentences from across the corpus, shortest first),
        ``other_concepts``; ``.attrs["seeds"]`` maps seed lemmas to hit
        counts.

    Raises
    ------
    SuggestError
        A ValueError, for an unknown concept or language, invalid tuning or
        fewer than two seeds.
    """
    _check(concept, lang)
    options = _options(options, tuning)
    corpus = TokenCorpus(text_list(texts), concept, lang, file_names(lexicons))
    words = words_of(corpus)
    seeds = _seeds(words, corpus, concept, lang)
    keys = _sentence_keys(words, corpus)
    ranking = _rank(words, corpus, seeds, keys, options, concept)
    frame = pd.DataFrame(_records(words, corpus, ranking, keys, options), columns=_COLUMNS)
    order_seeds = seeds.ids[np.argsort(-words.hit_count[seeds.ids], kind="stable")]
    frame.attrs["seeds"] = {words.lemmas[i]: int(words.hit_count[i]) for i in order_seeds}
    frame.attrs.update(
        concept=concept,
        lang=lang,
        n_words=len(words.stream),
        n_sentences=corpus.n_sents,
        n_candidates=len(ranking.cands),
        dims=ranking.dims,
    )
    return frame


def _toml_str(value: str) -> str:
    """Return ``value`` as a TOML basic string (JSON escapes are TOML escapes; DEL must be escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def candidates_toml(frame: pd.DataFrame, concept: str, lang: str, valence: str = "0") -> str:
    """Return the rows of :func:`suggest_terms` as a lexicon file of commented-out ``[[entry]]`` tables.

    The file opens with a ``[lexicon]`` header (``name``
    ``candidates-{lang}-{concept}``, ``language``, ``version``), so that it
    is a lexicon as written: one without entries, until a reviewer
    uncomments the blocks they accept. Each candidate becomes a block of
    ``# key = value`` lines (``concept``, ``valence``, ``term``, an
    ``example`` that contains the term as a word when one of the row's
    examples does, and a ``note`` with the similarity and nearest seed),
    separated by blank lines. Every block is a valid lexicon entry once
    uncommented; the file then loads with ``--lexicon``, or its blocks can
    be moved into another lexicon file.
    """
    _check(concept, lang)
    if valence not in VALENCES:
        msg = f"valence must be one of {', '.join(VALENCES)}, got {valence!r}"
        raise SuggestError(msg)
    lines = [
        f"# Candidate {concept} entries ({lang}) suggested by trustlex lexicon suggest.",
        "# Uncomment the blocks you accept, check the valence, and run 'trustlex lexicon check' on",
        "# this file. It is a lexicon (with no entries until you uncomment some): use it with",
        "# --lexicon next to the shipped ones, or move the accepted blocks into your own lexicon file.",
        "",
        "[lexicon]",
        f"name = {_toml_str(f'candidates-{lang}-{concept}')}",
        f"language = {_toml_str(lang)}",
        'version = "0.1.0"',
        f"description = {_toml_str(f'{concept} candidates from trustlex lexicon suggest')}",
    ]
    for row in frame.itertuples(index=False):
        term = str(row.term)
        word = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        # a cell holding a list, which pandas-stubs types as a scalar
        examples: list[str] = row.examples or []  # type: ignore[assignment]
        example = next((e for e in examples if word.search(e)), None)
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
