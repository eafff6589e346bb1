"""spaCy pipeline components, registered as factories.

The factories are also declared as ``spacy_factories`` entry points, so
``nlp.add_pipe("trustlex")`` works in any spaCy pipeline without importing
trustlex first, and saved pipeline configs load anywhere trustlex is installed.
"""

from __future__ import annotations

import json
import tempfile
import warnings
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from trustlex.concepts import LANGUAGES
from trustlex.errors import LanguageError, LexiconError
from trustlex.lang.lemmas import LookupLemmatizer
from trustlex.lang.sentences import FastSentencizer
from trustlex.lang.tokenizer import extend_tokenizer
from trustlex.lexicon import ContextRules, Lexicon, load_context_file, load_lexicon_file
from trustlex.lexicon.ids import id_clashes
from trustlex.lexicon.referents import load_taxonomy
from trustlex.lexicon.resources import resolve_context, resolve_lexicons
from trustlex.matching.records import unit_records
from trustlex.matching.scan import Engine, Sentences

SPANS_KEY = "trustlex"
DEFAULTS: dict[str, Any] = {
    "lexicons": None,
    "context": None,
    "spans_key": SPANS_KEY,
    "min_weight": 1.0,
    "referents": None,
}


# Per doc: (its match list, the list's length, the records by span key). Weak keys: an index
# lives as long as its doc, and stays out of doc.user_data, which Doc.to_bytes serialises.
_INDEXES: weakref.WeakKeyDictionary[Doc, tuple[list | None, int, dict[tuple, dict]]] = (
    weakref.WeakKeyDictionary()
)


def _record_key(info: dict) -> tuple:
    return (info["start"], info["end"], info["concept"], info["entry"])


def _match_index(doc: Doc, *, rebuild: bool = False) -> dict[tuple, dict]:
    """Return the doc's match records by (start, end, concept, entry), built once per match list.

    The first record of a key wins, as the scan of the list did. The index
    is built again when ``doc._.trustlex_matches`` is another list or its
    length changed (the component ran again, a record was added or removed).
    """
    matches = doc._.trustlex_matches
    size = len(matches) if matches is not None else 0
    cached = None if rebuild else _INDEXES.get(doc)
    if cached is not None and cached[0] is matches and cached[1] == size:
        return cached[2]
    index: dict[tuple, dict] = {}
    for info in matches or ():
        index.setdefault(_record_key(info), info)
    _INDEXES[doc] = (matches, size, index)
    return index


def _span_info(span: Span) -> dict | None:
    """Return the match record of a trustlex span (its valence, cue and provenance).

    One dictionary look-up per span: the doc's records are indexed at the
    first span asked for (see :func:`_match_index`).
    """
    key = (span.start, span.end, span.label_, span.id_)
    doc = span.doc
    info = _match_index(doc).get(key)
    if info is not None and _record_key(info) != key:
        info = _match_index(doc, rebuild=True).get(key)  # a record was changed in place
    return info


def register_extensions() -> None:
    """Register trustlex's Doc and Span extensions once (safe to call again).

    Match records live in one Doc-level list, ``doc._.trustlex_matches``, in
    the order of ``doc.spans["trustlex"]``; ``span._.trustlex`` looks its
    record up in an index of that list built once per doc. Span extension
    values of their own would be keyed by character offsets only, so two
    concepts found on the same word would share one.
    """
    if not Span.has_extension("trustlex"):
        Span.set_extension("trustlex", getter=_span_info)
    for name in ("trustlex_sentences", "trustlex_matches", "trustlex_spans_key"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


class TrustlexTagger:
    """Tag lexicon hits in a Doc, resolve their valence in context, and score sentences.

    Writes one span per hit to ``doc.spans[spans_key]`` (``label_`` = concept,
    ``id_`` = entry id, ``span._.trustlex`` = a plain dict with valence, cue and
    provenance, also listed in ``doc._.trustlex_matches``) and one row per
    (sentence, concept) to ``doc._.trustlex_sentences``. Missing sentence boundaries or lemmas are
    added with a sentencizer and lookup lemmas, with a one-time warning. The
    tokenizer of a Dutch or English pipeline gets trustlex's rules when the
    component is created (:func:`~trustlex.lang.tokenizer.extend_tokenizer`), so
    ``nlp.add_pipe("trustlex")`` on ``spacy.blank(lang)`` finds what
    :func:`trustlex.load` finds.
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
        referents: str | list[str] | None = None,
    ) -> None:
        lang = nlp.lang
        if lang not in LANGUAGES:  # at creation, not at the first text (as a lexicon without a file)
            msg = (
                f"the trustlex component needs a pipeline in one of {', '.join(LANGUAGES)}, "
                f"got language {lang!r}: use spacy.blank('nl') or spacy.blank('en'), or trustlex.load"
            )
            raise LanguageError(msg)
        self.name = name
        self.referents = referents  # referent taxonomy files extending (or replacing) the shipped one
        self.lang: str = lang
        self.spans_key = spans_key
        self.min_weight = min_weight
        self._vocab = nlp.vocab
        self._lemmatizer = LookupLemmatizer(nlp.vocab, lang)
        self._sentencizer: FastSentencizer | None = None
        self._warned: set[str] = set()
        self.lexicons: list[Lexicon] = []
        self.context: ContextRules | None = None
        self._engine: Engine | None = None
        self._missing: LexiconError | None = None
        self._sources: list[tuple[str, bytes]] = []  # (file name, content) of each compiled lexicon file
        self._context_source: bytes | None = None
        self._referent_sources: list[tuple[str, bytes]] = []  # (file name, content) of each referent file
        if isinstance(nlp.tokenizer, Tokenizer):
            # spaCy's own tokenizer keeps a bullet on its word ("-trust"), so a component added to
            # spacy.blank(lang) found fewer hits than trustlex.load; the rules change nothing else
            extend_tokenizer(nlp)
        try:
            paths = resolve_lexicons(lexicons, lang)
            context_path = resolve_context(context, lang)
            for file in _referent_files(referents):
                if not file.is_file():
                    raise LexiconError(f"referent file {str(file)!r} does not exist", path=str(file))
        except LexiconError as exc:
            # A pipeline saved with nlp.to_disk names files that may be gone: from_disk brings
            # the saved copies. Until then the error waits for the first use (trustlex.load
            # checks the files itself, so it still fails at once).
            self._missing = exc
            return
        self._compile(paths, context_path)

    def _compile(
        self,
        paths: list[Path],
        context_path: Path | None,
        names: list[str] | None = None,
        referents: list[Path] | None = None,
    ) -> None:
        """Load, check and compile the lexicon, context and referent files, keeping their content for to_disk.

        ``names`` are the files' original names and ``referents`` the referent
        files, when ``paths`` are saved copies (the configured ones otherwise).
        """
        names = names or [Path(p).name for p in paths]
        referent_paths = _referent_files(self.referents) if referents is None else referents
        referent_sources = [(p.name, p.read_bytes()) for p in referent_paths]
        sources = [(name, Path(p).read_bytes()) for name, p in zip(names, paths, strict=True)]
        context_source = Path(context_path).read_bytes() if context_path else None
        lexicons = [load_lexicon_file(p) for p in paths]
        for lex in lexicons:
            if lex.language != self.lang:
                msg = (
                    f"lexicon {lex.label} is for language {lex.language!r} but the pipeline "
                    f"is {self.lang!r}; load it into a {lex.language!r} pipeline"
                )
                raise LexiconError(msg, path=lex.path)
        clashes = id_clashes(lexicons)
        if clashes:
            raise clashes[0]
        rules = load_context_file(context_path) if context_path else None
        entries = [e for lex in lexicons for e in lex.entries]
        self._engine = Engine(
            self._vocab,
            entries,
            rules,
            lang=self.lang,
            min_weight=self.min_weight,
            lemmatizer=self._lemmatizer,
            # no files of its own: the engine shares the shipped taxonomy (None) instead of a copy
            referents=load_taxonomy(referent_paths, self.lang) if referent_paths else None,
        )
        self.lexicons, self.context, self._missing = lexicons, rules, None
        self._sources, self._context_source = sources, context_source
        self._referent_sources = referent_sources

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Read the lookup lemmas the component needs, as ``nlp.initialize()`` asks of each component.

        The component's own lemmatizer serves the fused scan of
        :func:`trustlex.score_texts` and docs that reach it without lemmas. In
        a pipeline whose lemmas come from another lemmatizer than trustlex's
        (a trained pipeline), the table is read only if ever needed.

        Parameters
        ----------
        get_examples : callable or None
            spaCy's training examples; not needed, nothing is trained.
        nlp : Language or None
            The pipeline; when given, whether one of its other components sets lemmas.
        """
        if nlp is not None:
            setters = [
                nlp.get_pipe(name)
                for name in nlp.pipe_names
                if name != self.name and "token.lemma" in nlp.get_pipe_meta(name).assigns
            ]
            if setters and not any(isinstance(pipe, LookupLemmatizer) for pipe in setters):
                return  # a trained pipeline's lemmas serve; the table is read only if ever needed
        self._lemmatizer.initialize()  # shared with a trustlex_lemmatizer: read once

    @property
    def engine(self) -> Engine:
        """Return the compiled engine; raise the LexiconError of a lexicon file that was not found."""
        if self._engine is None:
            raise self._missing or LexiconError("the trustlex component has no lexicons loaded")
        return self._engine

    # -- serialization: the lexicons' content travels with a saved pipeline -------------------

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Return the compiled lexicon and context files' content, for ``nlp.to_bytes``."""
        self.engine  # noqa: B018  (nothing to write without lexicons: raise why)
        return srsly.msgpack_dumps(
            {
                "lexicons": [[n, c] for n, c in self._sources],
                "context": self._context_source,
                "referents": [[n, c] for n, c in self._referent_sources],
            }
        )

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> TrustlexTagger:
        """Compile the lexicons written by :meth:`to_bytes`; the files they came from are not read."""
        saved = srsly.msgpack_loads(data)
        sources = [(name, content) for name, content in saved["lexicons"]]
        files = [f"{i:03d}-{name}" for i, (name, _) in enumerate(sources)]
        # bytes saved before referent files travelled have none: the configured files stand
        referents = [(f"referents-{i:03d}-{n}", c) for i, (n, c) in enumerate(saved.get("referents", []))]
        with tempfile.TemporaryDirectory(prefix="trustlex-") as tmp:
            self._load_saved(
                Path(tmp), files, sources, saved["context"], referents if "referents" in saved else None
            )
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the compiled lexicon and context files into ``path``, for ``nlp.to_disk``.

        A pipeline saved so loads with ``spacy.load`` after the original
        lexicon files were moved or deleted, with exactly the lexicons it had.
        """
        self.engine  # noqa: B018  (nothing to write without lexicons: raise why)
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        files = [f"{i:03d}-{name}" for i, (name, _) in enumerate(self._sources)]
        for file, (_, content) in zip(files, self._sources, strict=True):
            (path / file).write_bytes(content)
        if self._context_source is not None:
            (path / "context.toml").write_bytes(self._context_source)
        referents = [f"referents-{i:03d}-{name}" for i, (name, _) in enumerate(self._referent_sources)]
        for file, (_, content) in zip(referents, self._referent_sources, strict=True):
            (path / file).write_bytes(content)
        manifest = {
            "lexicons": [{"file": f, "name": n} for f, (n, _) in zip(files, self._sources, strict=True)],
            "context": "context.toml" if self._context_source is not None else None,
            "referents": referents,
        }
        (path / "lexicons.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TrustlexTagger:
        """Compile the lexicons that :meth:`to_disk` wrote into ``path`` (not the files they came from)."""
        path = Path(path)
        if not (path / "lexicons.json").is_file():
            return self  # saved by a trustlex without to_disk: the configured files stand
        manifest = json.loads((path / "lexicons.json").read_text(encoding="utf-8"))
        files = [item["file"] for item in manifest["lexicons"]]
        sources = [(item["name"], (path / item["file"]).read_bytes()) for item in manifest["lexicons"]]
        context = (path / manifest["context"]).read_bytes() if manifest["context"] else None
        # a folder saved before referent files travelled lists none: the configured files stand
        saved = manifest.get("referents")
        referents = None if saved is None else [(f, (path / f).read_bytes()) for f in saved]
        self._load_saved(path, files, sources, context, referents)
        return self

    def _load_saved(
        self,
        folder: Path,
        files: list[str],
        sources: list[tuple[str, bytes]],
        context: bytes | None,
        referents: list[tuple[str, bytes]] | None = None,
    ) -> None:
        """Compile saved contents from ``files`` (and ``referents``: file, content) in ``folder``.

        A file missing in ``folder`` is written there first.
        """
        same_referents = referents is None or [c for _, c in referents] == [
            c for _, c in self._referent_sources
        ]
        if (
            self._engine is not None
            and self._sources == sources
            and self._context_source == context
            and same_referents
        ):
            return  # the files at the configured paths hold what was saved: no second compile
        for file, (_, content) in zip(files, sources, strict=True):
            if not (folder / file).exists():
                (folder / file).write_bytes(content)
        context_path = None
        if context is not None:
            context_path = folder / "context.toml"
            if not context_path.exists():
                context_path.write_bytes(context)
        for file, content in referents or ():
            if not (folder / file).exists():
                (folder / file).write_bytes(content)
        saved_referents = None if referents is None else [folder / f for f, _ in referents]
        self._compile([folder / f for f in files], context_path, [n for n, _ in sources], saved_referents)

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
        engine = self.engine
        hits = engine.find(doc)
        doc.spans[self.spans_key] = [
            Span(doc, h.start, h.end, label=h.entry.concept, span_id=h.entry.id) for h in hits
        ]
        doc._.trustlex_matches = [h.as_dict() for h in hits]
        if self.spans_key != SPANS_KEY or doc._.trustlex_spans_key is not None:
            # only another key is recorded: to_frame and kwic find the spans by it (user_data stays lean)
            doc._.trustlex_spans_key = self.spans_key
        rows = unit_records(doc, hits, Sentences.of_doc(doc), engine.min_weight) if hits else []
        doc._.trustlex_sentences = rows
        return doc


def _referent_files(referents: str | Path | list[str] | None) -> list[Path]:
    """Return the referent taxonomy files of the component's ``referents`` option, as paths."""
    if not referents:
        return []
    return [Path(referents)] if isinstance(referents, str | Path) else [Path(f) for f in referents]


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
    referents: str | list[str] | None,
) -> TrustlexTagger:
    """Create the trustlex tagger (lexicon matching, context rules, referents and sentence scores)."""
    return TrustlexTagger(
        nlp,
        name,
        lexicons=lexicons,
        context=context,
        spans_key=spans_key,
        min_weight=min_weight,
        referents=referents,
    )


@Language.factory(
    "trustlex_sentencizer", assigns=["token.is_sent_start"], default_config={"punct_chars": None}
)
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None) -> FastSentencizer:
    """Create a sentencizer with spaCy's Sentencizer rules plus blank lines, vectorised for speed.

    ``punct_chars`` (the sentence-final characters, spaCy's
    ``Sentencizer.default_punct_chars`` when None) is set as with spaCy's
    ``sentencizer``: ``nlp.add_pipe("trustlex_sentencizer", config={"punct_chars": [".", ";"]})``.
    It is kept in the pipeline's config and saved with the component.
    """
    return FastSentencizer(nlp.vocab, punct_chars=punct_chars)


@Language.factory("trustlex_lemmatizer", assigns=["token.lemma"])
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """Create a fast lookup lemmatizer backed by spacy-lookups-data, cached per word type.

    Its table is read by ``nlp.initialize()`` (:func:`trustlex.load` does
    this for the components it adds), as with spaCy's lookup lemmatizer.
    """
    if nlp.lang is None:  # a bare Language(): its lookups would be reported missing, not its language
        msg = "the trustlex_lemmatizer needs a pipeline with a language, e.g. spacy.blank('nl')"
        raise LanguageError(msg)
    return LookupLemmatizer(nlp.vocab, nlp.lang)
