"""Lookup lemmas with a per-word-type cache.

spaCy's lookup lemmatizer sets ``token.lemma_`` one token at a time and costs
about as much as tokenising. Lemmas here depend only on the lowercase form, so
each distinct form is looked up once and the whole doc is written in one
``Doc.from_array`` call.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc
from spacy.util import load_language_data, registry
from spacy.vocab import Vocab

from trustlex.errors import TrustlexError
from trustlex.lang.accents import plain_lemma_form


@functools.cache
def load_lemma_table(lang: str) -> dict[str, str]:
    """Return the ``lemma_lookup`` table of ``spacy-lookups-data`` for ``lang``, read once per process.

    The table is only read, never changed, so every lemmatizer of a language
    shares one copy: the pipeline's ``trustlex_lemmatizer`` and the
    ``trustlex`` component's own (a second copy cost a second or two of
    loading and tens of megabytes for Dutch). It is a plain dict of form ->
    lemma, read straight from the package's file: spaCy's ``Table`` hashes
    every key on loading, most of a second for Dutch's 200,000 forms, and
    trustlex looks up only the forms it meets.
    """
    try:
        data = registry.lookups.get(lang) if lang in registry.lookups else {}
        # a JSON object here; spaCy's hint allows any JSON (dict | list)
        table: dict[str, str] = load_language_data(data["lemma_lookup"])  # type: ignore[assignment]
    except (KeyError, ValueError, ImportError, OSError) as exc:
        msg = (
            f"no lookup lemmas for language {lang!r}: install spacy-lookups-data "
            "(pip install spacy-lookups-data) or use a pipeline that sets lemmas"
        )
        raise TrustlexError(msg) from exc
    return table


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
    """Set ``token.lemma`` from a lookup table, caching the lemma of each word type.

    The ``trustlex_lemmatizer`` pipeline component. As spaCy's own
    ``Lemmatizer``, it reads its table in :meth:`initialize`, which
    ``nlp.initialize()`` calls (and :func:`trustlex.load` for the components
    it adds), so that no document pays for loading it. A pipeline saved with
    ``nlp.to_disk`` records that its table was loaded and reads it again in
    ``from_disk`` (``spacy.load``); the table itself is not copied into the
    saved pipeline: it comes from ``spacy-lookups-data``, a dependency of
    trustlex. Used as a plain object, outside a pipeline, it reads its table
    at its first look-up.

    Parameters
    ----------
    vocab : Vocab
        The pipeline's vocabulary.
    lang : str
        The language whose ``lemma_lookup`` table to read.
    """

    def __init__(self, vocab: Vocab, lang: str) -> None:
        self.vocab = vocab
        self.lang = lang
        self._table: Any = None
        self._cache: dict[int, int] = {}

    @property
    def table(self) -> Any:
        """Return the lookup table (form -> lemma), or None before :meth:`initialize`."""
        return self._table

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None) -> None:
        """Read the language's lookup table, as ``nlp.initialize()`` asks of each component.

        Parameters
        ----------
        get_examples : callable or None
            spaCy's training examples; not needed, the table is fixed.
        nlp : Language or None
            The pipeline; not needed.

        Raises
        ------
        TrustlexError
            When ``spacy-lookups-data`` has no table for the language.
        """
        self._table = load_lemma_table(self.lang)

    def lemma_of(self, lower_id: int) -> int:
        """Return the lemma hash for a lowercase-form hash, looking it up once."""
        lemma = self._cache.get(lower_id)
        if lemma is None:
            if self._table is None:
                self.initialize()  # a plain object, outside a pipeline: read at first use
            form = plain_lemma_form(canonical_form(self.vocab.strings[lower_id]), self._table, self.lang)
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
        doc.from_array([LEMMA], out.reshape(-1, 1))  # type: ignore[arg-type]  # numpy array for thinc Ints2d
        return doc

    # -- serialization: what initialize() did is done again when a saved pipeline loads ----------

    def _settings(self) -> dict[str, Any]:
        return {"lang": self.lang, "initialized": self._table is not None}

    def _restore(self, settings: dict[str, Any]) -> None:
        if settings.get("initialized"):
            self.initialize()

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Return the component's settings (whether its table was read), for ``nlp.to_bytes``."""
        return srsly.msgpack_dumps(self._settings())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LookupLemmatizer:
        """Restore the settings of :meth:`to_bytes`, reading the table if it had been read."""
        self._restore(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the settings to ``<path>.json``, for ``nlp.to_disk``."""
        srsly.write_json(Path(path).with_suffix(".json"), self._settings())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LookupLemmatizer:
        """Read the settings of :meth:`to_disk` and the table if it had been read (``spacy.load``).

        A pipeline saved by a trustlex without these settings loads as it
        did: its table is read at the first document.
        """
        file = Path(path).with_suffix(".json")
        if file.is_file():
            self._restore(srsly.read_json(file))
        return self
