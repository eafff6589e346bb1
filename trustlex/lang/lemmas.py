"""Lookup lemmas with a per-word-type cache.

spaCy's lookup lemmatizer sets ``token.lemma_`` one token at a time and costs
about as much as tokenising. Lemmas here depend only on the lowercase form, so
each distinct form is looked up once and the whole doc is written in one
``Doc.from_array`` call.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.lookups import load_lookups
from spacy.tokens import Doc
from spacy.vocab import Vocab

from trustlex.errors import TrustlexError


def load_lemma_table(lang: str) -> Any:
    """Return the ``lemma_lookup`` table of ``spacy-lookups-data`` for ``lang``."""
    try:
        lookups = load_lookups(lang, ["lemma_lookup"], strict=True)
    except (ValueError, ImportError) as exc:
        msg = (
            f"no lookup lemmas for language {lang!r}: install spacy-lookups-data "
            "(pip install spacy-lookups-data) or use a pipeline that sets lemmas"
        )
        raise TrustlexError(msg) from exc
    return lookups.get_table("lemma_lookup")


# Entries of spacy-lookups-data that are plainly wrong and change what lexicons match.
LEMMA_FIXES: dict[str, dict[str, str]] = {
    "en": {"does": "do", "as": "as", "less": "less"},
}


def normalise_form(form: str) -> str:
    """Return ``form`` with typographic apostrophes made plain, as lexicons write them."""
    return (
        form.replace("\u2019", "'").replace("\u2018", "'") if "\u2019" in form or "\u2018" in form else form
    )


def canonical_form(form: str) -> str:
    """Return a lowercase word form as lexicons write it, whatever its typography.

    Compatibility forms are folded (NFKC: full-width letters are plain ones),
    invisible format and control characters dropped (a zero-width space or a
    NUL inside "tr\u200bust" hides nothing), and apostrophes made plain.
    Only the lookup key changes: the text and its offsets stay as they are.
    """
    if (form.isascii() and form.isprintable()) or form.isspace():
        return form
    kept = "".join(c for c in form if unicodedata.category(c) not in ("Cc", "Cf"))
    return normalise_form(unicodedata.normalize("NFKC", kept).lower()) or form


class LookupLemmatizer:
    """Set ``token.lemma`` from a lookup table, caching the lemma of each word type."""

    def __init__(self, vocab: Vocab, lang: str) -> None:
        self.vocab = vocab
        self.lang = lang
        self._table: Any = None
        self._cache: dict[int, int] = {}

    def lemma_of(self, lower_id: int) -> int:
        """Return the lemma hash for a lowercase-form hash, looking it up once."""
        lemma = self._cache.get(lower_id)
        if lemma is None:
            if self._table is None:
                self._table = load_lemma_table(self.lang)
            form = canonical_form(self.vocab.strings[lower_id])
            fixed = LEMMA_FIXES.get(self.lang, {}).get(form)
            lemma = self._cache[lower_id] = self.vocab.strings.add(fixed or self._table.get(form, form))
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        """Write lookup lemmas on every token of ``doc`` and return it."""
        if len(doc) == 0:
            return doc
        cache = self._cache
        lowers = doc.to_array(LOWER).tolist()
        out = np.fromiter(
            (cache.get(x) or self.lemma_of(x) for x in lowers), dtype="uint64", count=len(lowers)
        )
        doc.from_array([LEMMA], out.reshape(-1, 1))
        return doc
