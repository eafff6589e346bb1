"""spaCy pipeline components, registered as factories.

The factories are also declared as ``spacy_factories`` entry points, so
``nlp.add_pipe("trustlex")`` works in any spaCy pipeline without importing
trustlex first, and saved pipeline configs load anywhere trustlex is installed.
"""

from __future__ import annotations

import warnings
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from trustlex.engine import Engine, Sentences
from trustlex.errors import LexiconError
from trustlex.frame import unit_records
from trustlex.lemmas import LookupLemmatizer
from trustlex.lexicon import ContextRules, Lexicon, load_context_file, load_lexicon_file
from trustlex.resources import resolve_context, resolve_lexicons
from trustlex.sentences import FastSentencizer

SPANS_KEY = "trustlex"
DEFAULTS: dict[str, Any] = {
    "lexicons": None,
    "context": None,
    "spans_key": SPANS_KEY,
    "min_weight": 1.0,
}


def _span_info(span: Span) -> dict | None:
    """Return the match record of a trustlex span (its valence, cue and provenance)."""
    for info in span.doc._.trustlex_matches or ():
        if (info["start"], info["end"], info["concept"], info["entry"]) == (
            span.start,
            span.end,
            span.label_,
            span.id_,
        ):
            return info
    return None


def register_extensions() -> None:
    """Register trustlex's Doc and Span extensions once (safe to call again).

    Match records live in one Doc-level list, ``doc._.trustlex_matches``, in
    the order of ``doc.spans["trustlex"]``; ``span._.trustlex`` looks its
    record up. Span extension values of their own would be keyed by character
    offsets only, so two concepts found on the same word would share one.
    """
    if not Span.has_extension("trustlex"):
        Span.set_extension("trustlex", getter=_span_info)
    for name in ("trustlex_sentences", "trustlex_matches"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


class TrustlexTagger:
    """Tag lexicon hits in a Doc, resolve their valence in context, and score sentences.

    Writes one span per hit to ``doc.spans[spans_key]`` (``label_`` = concept,
    ``id_`` = entry id, ``span._.trustlex`` = a plain dict with valence, cue and
    provenance, also listed in ``doc._.trustlex_matches``) and one row per
    (sentence, concept) to ``doc._.trustlex_sentences``. Missing sentence boundaries or lemmas are
    added with a sentencizer and lookup lemmas, with a one-time warning.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "trustlex",
        *,
        lexicons: list[str] | None = None,
        context: str | None = None,
        spans_key: str = SPANS_KEY,
        min_weight: float = 1.0,
    ) -> None:
        self.name = name
        self.lang = nlp.lang
        self.spans_key = spans_key
        self.lexicons: list[Lexicon] = [load_lexicon_file(p) for p in resolve_lexicons(lexicons, nlp.lang)]
        for lex in self.lexicons:
            if lex.language != nlp.lang:
                msg = (
                    f"lexicon {lex.label} is for language {lex.language!r} but the pipeline "
                    f"is {nlp.lang!r}; load it into a {lex.language!r} pipeline"
                )
                raise LexiconError(msg, path=lex.path)
        context_path = resolve_context(context, nlp.lang)
        self.context: ContextRules | None = load_context_file(context_path) if context_path else None
        entries = [e for lex in self.lexicons for e in lex.entries]
        self._lemmatizer = LookupLemmatizer(nlp.vocab, nlp.lang)
        self.engine = Engine(
            nlp.vocab,
            entries,
            self.context,
            lang=nlp.lang,
            min_weight=min_weight,
            lemmatizer=self._lemmatizer,
        )
        self._sentencizer: FastSentencizer | None = None
        self._warned: set[str] = set()

    @property
    def versions(self) -> dict[str, str]:
        """Return lexicon name -> version for every loaded lexicon (provenance)."""
        out = {lex.name: lex.version for lex in self.lexicons}
        if self.context:
            out[f"context-{self.context.language}"] = self.context.version
        return out

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            warnings.warn(message, UserWarning, stacklevel=3)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        if len(doc) and not doc.has_annotation("SENT_START"):
            self._warn_once(
                "sents",
                "trustlex: the pipeline sets no sentence boundaries; adding a sentencizer "
                "(add 'sentencizer' before 'trustlex' to silence this)",
            )
            if self._sentencizer is None:
                self._sentencizer = FastSentencizer(doc.vocab)
            self._sentencizer(doc)
        if len(doc) and not doc.has_annotation("LEMMA"):
            self._lemmatizer(doc)
        hits = self.engine.find(doc)
        doc.spans[self.spans_key] = [
            Span(doc, h.start, h.end, label=h.entry.concept, span_id=h.entry.id) for h in hits
        ]
        doc._.trustlex_matches = [h.as_dict() for h in hits]
        rows = unit_records(doc, hits, Sentences.of_doc(doc), self.engine.min_weight) if hits else []
        doc._.trustlex_sentences = rows
        return doc


@Language.factory(
    "trustlex",
    assigns=["doc.spans", "doc._.trustlex_sentences", "doc._.trustlex_matches"],
    default_config=DEFAULTS,
)
def make_trustlex(
    nlp: Language,
    name: str,
    lexicons: list[str] | None,
    context: str | None,
    spans_key: str,
    min_weight: float,
) -> TrustlexTagger:
    """Create the trustlex tagger (lexicon matching, context rules and sentence scores)."""
    return TrustlexTagger(
        nlp, name, lexicons=lexicons, context=context, spans_key=spans_key, min_weight=min_weight
    )


@Language.factory("trustlex_sentencizer", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> FastSentencizer:
    """Create a sentencizer with spaCy's Sentencizer rules plus blank lines, vectorised for speed."""
    return FastSentencizer(nlp.vocab)


@Language.factory("trustlex_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """Create a fast lookup lemmatizer backed by spacy-lookups-data, cached per word type."""
    return LookupLemmatizer(nlp.vocab, nlp.lang)
