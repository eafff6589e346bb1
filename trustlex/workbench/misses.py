"""Find what a lexicon misses: sentences where a classifier trained on your coding sees a concept it does not.

A lexicon grown from coded sentences fits those sentences: its errors there
say little about the wordings it misses elsewhere, and reading random uncoded
sentences finds few misses per hour (most sentences carry no concept). A
words-only classifier (no lexicon features, so it does not simply repeat the
lexicon) trained on the same coding points at the sentences of an uncoded
corpus that look like coded ones of a concept the lexicon leaves untagged.
They are candidates, not labels: the model is weaker than the lexicon, and a
reader judges each against the codebook before writing an entry. Each row
says which words pushed the model (``because``), which is where an entry
would start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from trustlex import models  # its classifier (scikit-learn) loads on first use, not on import
from trustlex.concepts import CONCEPTS, LANGUAGES
from trustlex.errors import TrustlexError
from trustlex.frame import text_list
from trustlex.pipeline import FileSpecs, file_names
from trustlex.workbench.corpus import tagged_units

__all__ = ["MISSES_COLUMNS", "Coded", "find_misses"]

MISSES_COLUMNS = ["text_id", "sent_id", "sentence", "concept", "valence", "probability", "lexicon", "because"]
MIN_CODED = 20  # fewer coded sentences of a language teach a classifier nothing worth reading


@dataclass(frozen=True)
class Coded:
    """Hand-coded sentences of one language: their texts and gold-format labels (``{"trust": "-"}``)."""

    texts: list[str]
    labels: list[dict[str, str]]


def find_misses(
    coded: Coded,
    texts: Any,
    *,
    lang: str,
    lexicons: FileSpecs | None = None,
    concepts: Sequence[str] | None = None,
    min_p: float = 0.6,
    top: int | None = None,
) -> pd.DataFrame:
    """Return the sentences of ``texts`` where a words-only model sees a concept the lexicon does not tag.

    A :class:`~trustlex.TrustClassifier` without lexicon features
    (``use_lexicon=False``) is trained on ``coded`` (sentences of ``lang``)
    and reads every sentence of ``texts`` (documents of ``lang``, cut into
    sentences as the lexicon cuts them). A row is a sentence and a concept
    whose probability is at least ``min_p`` while the lexicon (``lexicons``,
    default the shipped ones) finds no hit of that concept in the sentence:
    ``text_id`` (the position of the document in ``texts``), ``sent_id``,
    ``sentence``, ``concept``, ``valence`` (the model's), ``probability``,
    ``lexicon`` (the concepts the
    lexicon did find there, ``"; "``-joined) and ``because`` (the words that
    pushed the model most, as in :meth:`TrustClassifier.reasons`). Rows are
    sorted by probability, highest first; ``top`` keeps that many per concept.
    ``concepts`` limits the rows to those concepts. Raises
    :class:`~trustlex.TrustlexError` for an unknown language or concept, a
    ``min_p`` outside (0, 1], or fewer than 20 coded sentences.
    """
    if lang not in LANGUAGES:
        msg = f"find_misses: lang must be one of {', '.join(LANGUAGES)}, got {lang!r}"
        raise TrustlexError(msg)
    wanted = list(concepts) if concepts is not None else list(CONCEPTS)
    unknown = [c for c in wanted if c not in CONCEPTS]
    if unknown:
        msg = f"find_misses: unknown concept {unknown[0]!r}; the concepts are {', '.join(CONCEPTS)}"
        raise TrustlexError(msg)
    if not 0 < min_p <= 1:
        msg = f"find_misses: min_p must lie in (0, 1], got {min_p!r}"
        raise TrustlexError(msg)
    if len(coded.texts) != len(coded.labels):
        msg = f"find_misses: {len(coded.texts)} coded texts but {len(coded.labels)} label sets"
        raise TrustlexError(msg)
    if len(coded.texts) < MIN_CODED:
        msg = (
            f"find_misses: {len(coded.texts)} coded {lang} sentences; a classifier needs {MIN_CODED} or more"
        )
        raise TrustlexError(msg)
    docs = text_list(texts)
    names = file_names(lexicons)
    model = models.TrustClassifier(lang=lang, use_lexicon=False, lexicons=names)
    model.fit(coded.texts, coded.labels)
    where, sentences, found = _sentences(docs, lang, names)
    if not sentences:
        return pd.DataFrame(columns=MISSES_COLUMNS)
    features = model.features_of(model.scan(sentences))
    predicted, proba = model.predict_features(features)
    pairs = []
    for concept in wanted:
        if concept not in proba.columns:  # never coded: the model cannot see it
            continue
        for row, p in enumerate(proba[concept].to_numpy()):
            if p >= min_p and concept not in found[row]:
                pairs.append((row, concept, float(p)))
    because = model.reasons(features, [(row, c) for row, c, _ in pairs], 4)
    frame = pd.DataFrame(
        [
            {
                "text_id": where[row][0],
                "sent_id": where[row][1],
                "sentence": sentences[row],
                "concept": concept,
                "valence": predicted.at[row, concept] or "0",
                "probability": round(p, 3),
                "lexicon": "; ".join(sorted(found[row])),
                "because": why,
            }
            for (row, concept, p), why in zip(pairs, because, strict=True)
        ],
        columns=MISSES_COLUMNS,
    )
    frame = frame.sort_values(
        ["probability", "text_id", "sent_id"], ascending=[False, True, True], kind="stable"
    )
    if top is not None:
        frame = frame.groupby("concept", sort=False).head(top)
    return frame.reset_index(drop=True)


def _sentences(
    docs: list[str], lang: str, lexicons: list[str] | None
) -> tuple[list[tuple[int, int]], list[str], list[set[str]]]:
    """Each sentence of ``docs``: its (doc, sentence) position, its text, the concepts the lexicon finds."""
    where: list[tuple[int, int]] = []
    sentences: list[str] = []
    found: list[set[str]] = []
    for i, _, doc, matches, _ in tagged_units(docs, [lang] * len(docs), lexicons):
        by_sent: dict[int, set[str]] = {}
        for m in matches:
            by_sent.setdefault(m["sent"], set()).add(m["concept"])
        for k, sent in enumerate(doc.sents):
            text = sent.text.strip()
            if text:
                where.append((i, k))
                sentences.append(text)
                found.append(by_sent.get(k, set()))
    return where, sentences, found
