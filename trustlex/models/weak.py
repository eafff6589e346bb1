"""Weak supervision: a classifier trained on the lexicon's own labels of an unlabelled corpus."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trustlex.frame import text_list
from trustlex.models.classifier import TrustClassifier
from trustlex.models.labels import lexicon_labels


def train_from_lexicon(
    texts: Sequence[str], lang: str = "auto", *, lexicons: list[str] | None = None, **params: Any
) -> TrustClassifier:
    """Fit a classifier on the lexicon's labels of an unlabelled corpus (weak supervision).

    The lexicon features are left out, so that the model must learn the
    words and contexts around the lexicon's cues, which carry over to
    wordings the lexicon lacks.

    Parameters
    ----------
    texts : sequence of str
        The corpus, each text one unit.
    lang : str, default "auto"
        ``"nl"``, ``"en"`` or ``"auto"``.
    lexicons : list of str, optional
        The lexicons whose labels are learnt (as for :func:`trustlex.load`;
        default: the shipped ones); the model records them, so that it is
        used with them afterwards.
    **params
        Further parameters of :class:`TrustClassifier` (``C``, ``threshold``, ...).

    Returns
    -------
    TrustClassifier
        Fitted, with ``use_lexicon=False``.

    Examples
    --------
    >>> import trustlex
    >>> corpus = [
    ...     "I trust my manager.", "We trust the team.", "There is no trust here.",
    ...     "Nobody trusts management.", "Communication is open.", "There is no communication.",
    ...     "The canteen is fine.", "Parking is easy.",
    ... ]
    >>> model = trustlex.train_from_lexicon(corpus, lang="en")
    >>> model.use_lexicon
    False
    >>> new = ["We trust each other.", "There is no trust at all.", "Parking is fine."]
    >>> model.predict(new)[["trust", "communication"]].values.tolist()
    [['+', ''], ['-', ''], ['', '']]
    """
    texts = text_list(texts)
    labels = lexicon_labels(texts, lang, lexicons=lexicons)
    return TrustClassifier(lang=lang, use_lexicon=False, lexicons=lexicons, **params).fit(texts, labels)
