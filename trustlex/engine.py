"""The matching engine: lexicon entries and context cues applied to a spaCy Doc.

Speed comes from deciding once per distinct word type, not per token, whether
a word can start a hit or a cue, what its lemma is and whether it ends a
sentence; the few interesting tokens are then checked in full. Token patterns
run as sequences or on trustlex's interpreter (:mod:`trustlex.patterns`);
spaCy's ``Matcher`` only for patterns outside that subset.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

import numpy as np
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, LOWER, SENT_START
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from trustlex.concepts import resolve_valence
from trustlex.errors import LexiconError
from trustlex.lemmas import LookupLemmatizer, canonical_form, normalise_form
from trustlex.lexicon import ContextRules, Cue, Entry
from trustlex.morph import inflections
from trustlex.patterns import (
    FORM,
    FORM_OR_LEMMA,
    LEMMA_EXACT,
    anchor_offsets,
    apostrophe_variants,
    compile_pattern,
    pattern_anchors,
    pattern_length,
    pattern_variants,
    required_words,
    run_pattern,
    word_ranks,
)
from trustlex.sentences import is_paragraph_break

_MISS = object()
# Per-type flags of the fused scan: a sentence-final character, an ordinary token
# (neither punctuation nor sentence-final: where a new sentence can start), a word.
_FINAL, _ORDINARY, _WORD, _BREAK = 1, 2, 4, 8
# Fields of a per-type tuple (see _type_info), read with map() so that per-token loops run in C.
_LEMMA, _MATCH, _CUES, _IS_WORD, _IS_FINAL = (itemgetter(k) for k in range(1, 6))
# Valence algebra of the context rules, documented in lexicons/README.md.
_NEGATE = {"+": "-", "0": "-", "-": "+"}
_DISJUNCTIONS = frozenset(["of", "or", "en", "and", ",", "/", "en/of", "and/or"])
_ITEM_MARKS = frozenset("-*+\u2022\u00b7\u2013\u2014\u25aa\u25cf\u27a2")  # list bullets and dashes
_LINE_END = Cue(kind="termination", direction="both", max_scope=0, terms=("line break",))
# The most tokens one pattern match may span. Operators such as "*" are unbounded, and over
# one long unpunctuated text (a 1 MB sentence) every anchor would scan the whole sentence:
# quadratic time. No lexicon pattern means anything across more words than this.
MAX_SPAN = 64


@dataclass(frozen=True)
class _Seq:
    """A multi-token sequence (entry phrase or cue phrase) as token predicates."""

    target: int  # entry index or cue index
    preds: tuple[tuple[int, frozenset[int]], ...]  # (mode, accepted hashes); see _match_seq
    gap: int
    anchor: int = 0  # the position looked up in the per-type tables (gap-free sequences only)


class _SeqIndex:
    """The sequences anchored at a word type, indexed by the word next to the anchor.

    Common words ("is", "not", "de") anchor many phrases and cues; looking the
    neighbouring token up first leaves only the few sequences worth verifying.
    """

    __slots__ = ("all", "by_next", "by_prev", "rest")

    def __init__(self, seqs: tuple[_Seq, ...]) -> None:
        self.all = seqs
        self.by_next: dict[int, tuple[_Seq, ...]] = {}
        self.by_prev: dict[int, tuple[_Seq, ...]] = {}
        rest = []
        for seq in seqs:
            if seq.gap or len(seq.preds) == 1:
                rest.append(seq)
                continue
            after = seq.anchor + 1 < len(seq.preds)
            table, pos = (self.by_next, seq.anchor + 1) if after else (self.by_prev, seq.anchor - 1)
            for h in seq.preds[pos][1]:
                table[h] = (*table.get(h, ()), seq)
        self.rest = tuple(rest)

    def at(self, i: int, lowers: list[int], lemmas: list[int]) -> tuple[_Seq, ...]:
        """Return the sequences that may match with their anchor at token ``i``."""
        found = self.rest
        table = self.by_next
        if table and i + 1 < len(lowers):
            low, lem = lowers[i + 1], lemmas[i + 1]
            if low in table:
                found = (*found, *table[low])
            if lem != low and lem in table:
                found = (*found, *table[lem])
        table = self.by_prev
        if table and i > 0:
            low, lem = lowers[i - 1], lemmas[i - 1]
            if low in table:
                found = (*found, *table[low])
            if lem != low and lem in table:
                found = (*found, *table[lem])
        return found


def _index(seqs: Any) -> _SeqIndex | None:
    return _SeqIndex(tuple(seqs)) if seqs else None


def _join(a: Any, b: Any) -> Any:
    """Join two parts of per-type info: tuples concatenate, sequence indexes merge."""
    if a is None or b is None:
        return a if b is None else b
    if isinstance(a, _SeqIndex):
        return _SeqIndex(a.all + b.all)
    return a + b


@dataclass(slots=True)
class Hit:
    """One lexicon hit in a doc, with the context decisions taken about it."""

    start: int
    end: int
    entry: Entry
    sent: int = 0
    valence: str = "0"
    cue: str | None = None
    cue_kind: str | None = None
    hedge: str | None = None
    cues: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the plain record behind ``span._.trustlex`` (DocBin-friendly)."""
        return {
            "start": self.start,
            "end": self.end,
            "concept": self.entry.concept,
            "sent": self.sent,
            "valence": self.valence,
            "base_valence": self.entry.valence,
            "cue": self.cue,
            "cue_kind": self.cue_kind,
            "hedged": self.hedge is not None,
            "hedge": self.hedge,
            "cues": [list(c) for c in self.cues],
            "weight": self.entry.weight,
            "entry": self.entry.id,
            "kind": self.entry.kind,
            "lexicon": self.entry.lexicon,
        }


class Engine:
    """Compiled lexicon entries and context rules for one vocabulary.

    Build one per pipeline; it keeps per-word-type caches that grow with the
    vocabulary it has seen, so reuse it across documents.
    """

    def __init__(
        self,
        vocab: Vocab,
        entries: list[Entry],
        rules: ContextRules | None,
        *,
        lang: str = "",
        min_weight: float = 1.0,
        lemmatizer: LookupLemmatizer | None = None,
    ) -> None:
        self.vocab = vocab
        self.lang = lang
        self.lemmatizer = lemmatizer or LookupLemmatizer(vocab, lang)
        self._final_ids = frozenset(vocab.strings.add(c) for c in Sentencizer.default_punct_chars)
        self._type_cache: dict[int, tuple] = {}
        self._line_ids: set[int] = set()  # the types that are whitespace with one line break
        # word types whose lookup key differs from their lowercase form (full-width letters,
        # zero-width characters...): lowercase id -> canonical id; see canonical_form
        self._canon: dict[int, int] = {}
        self._canon_seen: dict[int, int] = {}  # every type the component path has met -> its key
        self._is_punct = vocab.lex_attr_getters.get(IS_PUNCT, lambda s: False)
        self._is_space = vocab.lex_attr_getters.get(IS_SPACE, str.isspace)
        self.strings = vocab.strings
        self.entries = entries
        self.cues: list[Cue] = list(rules.cues) if rules else []
        # the words a cue's ``and_after`` asks for are found like cues, as "anchor" cues
        # that act on nothing themselves
        self.cues += [
            Cue(kind="anchor", direction="following", max_scope=c.max_scope, terms=c.and_after)
            for c in list(self.cues)
            if c.and_after
        ]
        self.min_weight = min_weight
        self._term1: dict[str, list[int]] = {}
        self._lemma1: dict[str, list[int]] = {}
        self._form1: dict[str, list[int]] = {}
        self._prefix_lengths: list[int] = []
        self._suffix_lengths: list[int] = []
        self._infix_test: re.Pattern | None = None
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: dict[str, list[int]] = {}
        self._seq_lower: dict[str, list[_Seq]] = {}
        self._seq_lemma: dict[str, list[_Seq]] = {}
        self._cue_lower: dict[str, list[_Seq]] = {}
        self._cue_lemma: dict[str, list[_Seq]] = {}
        self._exclude: dict[int, list[tuple[int | str, ...]]] = {}
        self._exclude_reach: dict[int, int] = {}  # entry idx -> longest exclusion phrase
        self._exclude_words: dict[tuple, frozenset[int]] = {}  # phrase -> its exact words
        self._rank: list[tuple] = []  # entry idx -> tie-break rank for overlaps (smaller wins)
        self._lower_cache: dict[int, Any] = {}
        self._lemma_cache: dict[int, Any] = {}
        # spaCy Matchers for raw ``pattern`` entries: anchored ones run only on sentences
        # holding one of their required words (found through the per-type caches)
        self._matchers: dict[str, Matcher] = {}  # anchor key ("L:word" / "M:lemma") -> Matcher
        self._programs: dict[int, list[tuple]] = {}  # patterns run by run_pattern, not spaCy
        self._reach: dict[str, int] = {}  # anchor key -> longest pattern, at most MAX_SPAN
        self._word_ranks: dict[str, int] | None = None
        self._key_patterns: dict[str, list[int]] = {}  # anchor key -> pattern entry idxs
        # (pattern entry idx, anchor key) -> (min, max) tokens of a match before its anchor
        self._anchor_offsets: dict[tuple[int, str], tuple[int, int]] = {}
        self._req_needs: dict[int, tuple[frozenset[int], ...]] = {}
        self._free_matcher: Matcher | None = None
        self._spacy_patterns = False  # any pattern left to spaCy's Matcher?
        self._anchor_lower: set[str] = set()
        self._anchor_lemma: set[str] = set()
        self._compile_entries()
        self._compile_affix_tests()
        self._compile_cues()

    @property
    def uses_spacy_matcher(self) -> bool:
        """Whether some pattern runs on spaCy's Matcher (which may read any token attribute)."""
        return self._spacy_patterns

    def warm(self, words: Iterable[str]) -> None:
        """Decide the per-type information of ``words`` now, at load time, rather than on first sight.

        :func:`trustlex.pipeline.scoring_pipeline` passes a language's most
        frequent words, so that new text costs less: most of its tokens are
        then known types.
        """
        cache = self._type_cache
        for word in words:
            low = self.strings.add(word)
            if low not in cache:
                cache[low] = self._type_info(low)

    # -- compilation ---------------------------------------------------------

    def _ids(self, word: str, *, inflect: bool = False) -> frozenset[int]:
        words = {word} | (inflections(word, self.lang) if inflect else set())
        return frozenset(self.strings.add(v) for w in words for v in apostrophe_variants(w))

    def _index_first(self, table: dict[str, list[_Seq]], word: str, seq: _Seq, *, inflect: bool) -> None:
        # tables are looked up with normalised text (plain apostrophes), see _info_lower
        for w in {word} | (inflections(word, self.lang) if inflect else set()):
            table.setdefault(w, []).append(seq)

    def _word_test(self, word: str) -> int | str:
        """Compile an exclusion word: a hash to compare, or a prefix (``word*``) to test."""
        return word[:-1] if word.endswith("*") else self.strings.add(word)

    def _compile_entries(self) -> None:
        for idx, e in enumerate(self.entries):
            self._rank.append((-e.weight, *(-x for x in _specificity(e))))
            if e.exclude:
                phrases = [tuple(self._word_test(w) for w in x.split()) for x in e.exclude]
                self._exclude[idx] = phrases
                self._exclude_reach[idx] = max(len(p) for p in phrases)
                for p in phrases:
                    self._exclude_words[p] = frozenset(t for t in p if type(t) is int)
            if e.kind == "pattern":
                self._validate_pattern(idx, e)
                variants = pattern_variants(e.value)
                if variants is None:
                    self._add_pattern(idx, e)
                    continue
                for variant in variants:  # literal tokens only: plain sequences, cheap to find
                    preds = tuple(
                        (mode, frozenset(self.strings.add(v) for w in words for v in apostrophe_variants(w)))
                        for mode, words in variant
                    )
                    self._add_seq(idx, preds, [(mode, list(words)) for mode, words in variant], 0)
                continue
            words = e.value.split()
            if e.kind == "wildcard":
                core = e.value.strip("*")
                if e.value.startswith("*") and e.value.endswith("*"):
                    self._infix.setdefault(core, []).append(idx)
                elif e.value.endswith("*"):
                    self._prefix.setdefault(core, []).append(idx)
                else:
                    self._suffix.setdefault(core, []).append(idx)
            elif len(words) == 1:
                table = self._term1 if e.kind == "term" else self._lemma1
                table.setdefault(words[0], []).append(idx)
                if e.kind == "lemma":  # back up the lookup table with regular forms
                    for form in inflections(words[0], self.lang):
                        self._form1.setdefault(form, []).append(idx)
            else:
                is_lemma = e.kind == "lemma"
                mode = FORM_OR_LEMMA if is_lemma else FORM
                preds = tuple((mode, self._ids(w, inflect=is_lemma)) for w in words)
                self._add_seq(idx, preds, [(mode, [w]) for w in words], e.gap)

    def _add_seq(self, idx: int, preds: tuple, words: list[tuple[int, list[str]]], gap: int) -> None:
        """Index a phrase of entry ``idx`` under its rarest word, so that common words stay cheap.

        A phrase with a gap is matched left to right, so it stays anchored at
        its first word.
        """
        if gap:
            anchor = 0
        else:
            if self._word_ranks is None:
                self._word_ranks = word_ranks(self.lang)
            ranks = self._word_ranks
            # rarest most-frequent word, then fewest alternatives, then leftmost
            anchor = max(
                range(len(words)),
                key=lambda p: (min(ranks.get(w, 10**6) for w in words[p][1]), -len(words[p][1]), -p),
            )
        seq = _Seq(idx, preds, gap, anchor)
        mode, anchor_words = words[anchor]
        for w in anchor_words:
            if mode != FORM:
                self._seq_lemma.setdefault(w, []).append(seq)
            # the phrase also matches its words as written (and, for lemmas, their forms)
            self._index_first(self._seq_lower, w, seq, inflect=mode == FORM_OR_LEMMA)

    def _validate_pattern(self, idx: int, e: Entry) -> None:
        try:  # spaCy's own validation, for its precise messages, whoever runs the pattern
            Matcher(self.vocab, validate=True).add(str(idx), [e.value])
        except Exception as exc:  # spaCy raises ValueError or MatchPatternError
            detail = " ".join(str(exc).split())
            msg = f"entry ({e.id}): invalid spaCy token pattern: {detail}"
            raise LexiconError(msg, path=e.path, line=e.line, field="pattern") from exc

    def _add_pattern(self, idx: int, e: Entry) -> None:
        if self._word_ranks is None:
            self._word_ranks = word_ranks(self.lang)
        lowers, lemmas = pattern_anchors(e.value, self._word_ranks)
        self._anchor_lower.update(lowers)
        self._anchor_lemma.update(lemmas)
        keys = [f"L:{w}" for w in lowers] + [f"M:{w}" for w in lemmas]
        length = min(pattern_length(e.value) or MAX_SPAN, MAX_SPAN)
        required = required_words(e.value)
        needs = tuple(
            frozenset(self.strings.add(v) for w in ws for v in apostrophe_variants(w)) for ws in required
        )
        if keys:
            self._req_needs[idx] = needs
            for k in keys:
                self._key_patterns.setdefault(k, []).append(idx)
                before_lo, before_hi = anchor_offsets(e.value, k)
                self._anchor_offsets[idx, k] = (before_lo, min(before_hi or MAX_SPAN, MAX_SPAN))
        for k in keys:
            self._reach[k] = max(self._reach.get(k, 0), length)
        program = compile_pattern(e.value, self.strings) if keys else None
        if program is not None:
            self._programs[idx] = program
            return
        self._spacy_patterns = True
        if keys:
            matchers = [self._matchers.setdefault(k, Matcher(self.vocab)) for k in keys]
        else:
            if self._free_matcher is None:
                self._free_matcher = Matcher(self.vocab)
            matchers = [self._free_matcher]
        for matcher in matchers:
            matcher.add(str(idx), [e.value])

    def _compile_cues(self) -> None:
        # how far from a hit a cue can start and still matter: its scope, its own length,
        # and a pseudo cue or terminator overlapping it
        longest = max((len(t.split()) for c in self.cues for t in (*c.terms, *c.lemmas)), default=1)
        self._cue_reach = max((c.max_scope for c in self.cues), default=0) + 2 * longest + 1
        for idx, cue in enumerate(self.cues):
            for term in cue.terms:
                words = term.split()
                seq = _Seq(idx, tuple((FORM, self._ids(w)) for w in words), 0)
                self._cue_lower.setdefault(words[0], []).append(seq)
            for words in (t.split() for t in cue.lemmas):
                seq = _Seq(idx, tuple((FORM_OR_LEMMA, self._ids(w, inflect=True)) for w in words), 0)
                self._cue_lemma.setdefault(words[0], []).append(seq)
                self._index_first(self._cue_lower, words[0], seq, inflect=True)

    # -- per-type information (cached) ---------------------------------------

    def _info_lower(self, key: int) -> tuple | None:
        text = normalise_form(self.strings[key])
        singles = list(self._term1.get(text, ()))
        singles.extend(self._lemma1.get(text, ()))  # lemma entries also match the form itself
        singles.extend(self._form1.get(text, ()))
        for k in self._prefix_lengths:
            if k > len(text):
                break
            singles.extend(self._prefix.get(text[:k], ()))
        for k in self._suffix_lengths:
            if k > len(text):
                break
            singles.extend(self._suffix.get(text[-k:], ()))
        if self._infix_test is not None and self._infix_test.search(text):
            for core, idxs in self._infix.items():
                if core in text:
                    singles.extend(idxs)
        seqs = self._seq_lower.get(text, ())
        cues = self._cue_lower.get(text, ())
        # a token whose lemma equals its form is only looked up here, so check lemma anchors too
        anchor: tuple[str, ...] = ()
        if text in self._anchor_lower:
            anchor = (f"L:{text}",)
        if text in self._anchor_lemma:
            anchor = (*anchor, f"M:{text}")
        if not (singles or seqs or cues or anchor):
            return None
        return tuple(dict.fromkeys(singles)), _index(seqs), _index(cues), anchor

    def _type_info(self, low: int) -> tuple:
        """Return (flags, lemma, match info, cues, is word, is final) of a word type, for :meth:`scan`.

        The flags carry what spaCy's Sentencizer and the word count look at
        (sentence-final character, punctuation, space), all lexical, so one
        look-up per token replaces the sentencizer, the lemmatizer and the
        matcher's two look-ups.
        """
        # the language's own lexical attribute functions, called on the string: reading
        # them off vocab[low] would create a second lexeme for every capitalised word
        text = self.strings[low]
        punct = bool(self._is_punct(text))
        flags = _FINAL if low in self._final_ids else (0 if punct else _ORDINARY)
        space = self._is_space(text)
        if not (punct or space):
            flags |= _WORD
        elif space and is_paragraph_break(text):
            flags = _FINAL | _BREAK  # a blank line ends a sentence (trustlex.sentences)
        elif space and "\n" in text:
            self._line_ids.add(low)
        key = self._canonical(low)
        lemma = self.lemmatizer.lemma_of(key)
        info = self._info_lower(key)
        if lemma != key:
            extra = self._info_lemma(lemma)
            if extra is not None:
                info = extra if info is None else tuple(_join(a, b) for a, b in zip(info, extra, strict=True))
        match = cues = None
        if info is not None:
            singles, seqs, cue_index, keys = info
            if singles or seqs is not None or keys:
                match = (singles, seqs, keys)
            if cue_index is not None:
                cues = (cue_index,)
        return flags, lemma, match, cues, int(bool(flags & _WORD)), bool(flags & _FINAL)

    def _canonical(self, low: int) -> int:
        """Return the id of a type's lookup key (itself for ordinary words), recording odd types."""
        text = self.strings[low]
        key = canonical_form(text)
        if key == text:
            return low
        canon = self._canon[low] = self.strings.add(key)
        return canon

    def _canonical_lowers(self, lowers: list[int]) -> list[int]:
        """Return ``lowers`` with odd types replaced by their lookup keys (the list itself if none)."""
        canon = self._canon
        if canon and not canon.keys().isdisjoint(lowers):
            return [canon.get(x, x) for x in lowers]
        return lowers

    def _compile_affix_tests(self) -> None:
        """Prepare the wildcard tests: affix lengths in use, one regex for 'any infix at all'."""
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._suffix_lengths = sorted({len(p) for p in self._suffix})
        if self._infix:
            self._infix_test = re.compile("|".join(re.escape(c) for c in self._infix))

    def _info_lemma(self, key: int) -> tuple | None:
        text = normalise_form(self.strings[key].lower())
        singles = self._lemma1.get(text, ())
        seqs = self._seq_lemma.get(text, ())
        cues = self._cue_lemma.get(text, ())
        anchor = (f"M:{text}",) if text in self._anchor_lemma else ()
        if not (singles or seqs or cues or anchor):
            return None
        return tuple(singles), _index(seqs), _index(cues), anchor

    # -- matching -------------------------------------------------------------

    def _prepare(self, doc: Doc) -> tuple | None:
        """Read an annotated ``doc``: (candidates, cue list, sentences, lowers, lemmas), or None.

        Candidates are the tokens that can start a hit, with their match info;
        the cue list holds the cue sequences starting at each token. None means
        nothing in the doc can match.
        """
        if len(doc) == 0:
            return None
        seen = self._canon_seen
        lowers = doc.to_array(LOWER).tolist()
        for low in set(lowers).difference(seen):
            seen[low] = self._canonical(low)
            text = self.strings[low]
            if text.isspace() and text.count("\n") == 1:
                self._line_ids.add(low)
        lowers = self._canonical_lowers(lowers)
        lemmas = doc.to_array(LEMMA).tolist()
        lower_cache = self._lower_cache
        lemma_cache = self._lemma_cache
        cands: list[tuple[int, tuple]] = []
        cue_list: list[tuple[_SeqIndex, ...] | None] = []
        for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
            infos = [lower_cache.get(low, _MISS)]
            if infos[0] is _MISS:
                infos[0] = lower_cache[low] = self._info_lower(low)
            if lem != low and lem:
                info = lemma_cache.get(lem, _MISS)
                if info is _MISS:
                    info = lemma_cache[lem] = self._info_lemma(lem)
                infos.append(info)
            cues: tuple[_SeqIndex, ...] = ()
            for info in infos:
                if info is None:
                    continue
                singles, seqs, cue_index, keys = info
                if singles or seqs is not None or keys:
                    cands.append((i, (singles, seqs, keys)))
                if cue_index is not None:
                    cues = (*cues, cue_index)
            cue_list.append(cues or None)
        if not cands and self._free_matcher is None:
            return None
        return cands, cue_list, Sentences.of_doc(doc), lowers, lemmas

    def find(self, doc: Doc) -> list[Hit]:
        """Return the hits of an annotated ``doc`` (sentences, lemmas) with context applied."""
        prepared = self._prepare(doc)
        if prepared is None:
            return []
        cands, cue_list, sents, lowers, lemmas = prepared
        return self._hits(doc, cands, sents, lowers, lemmas, lambda: cue_list)

    def candidates(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """Return every entry that matches in an annotated ``doc``, after exclusions, before overlaps.

        This is what a lexicon's ``example`` must produce for its entry, and
        a ``counter_example`` must not; :meth:`find` then keeps one hit per
        overlapping same-concept group.
        """
        prepared = self._prepare(doc)
        if prepared is None:
            return []
        cands, _, sents, lowers, lemmas = prepared
        raw = self._raw(doc, cands, sents, lowers, lemmas)
        return [(s, e, self.entries[i]) for s, e, i in sorted(self._unexcluded(raw, lowers, sents.of))]

    def scan(self, doc: Doc) -> tuple[list[Hit], Sentences, int]:
        """Return (hits, sentences, word count) of a freshly tokenized ``doc``, in one pass.

        Sentence boundaries follow :mod:`trustlex.sentences` (spaCy's
        Sentencizer rules plus blank lines) and lemmas the lookup table,
        exactly as in the pipeline that :func:`trustlex.load` builds, so
        results equal :meth:`find` on that pipeline's output; but nothing is
        written to the doc except lemmas where a ``pattern`` entry needs them.
        """
        lowers = doc.to_array(LOWER).tolist()
        n = len(lowers)
        cache = self._type_cache
        # per-token work in C where possible: one dict look-up per token through map(),
        # then comprehensions over the cached per-type tuples
        infos = list(map(cache.get, lowers))
        if None in infos:  # new word types: a set difference finds them without a Python loop
            for low in set(lowers).difference(cache):
                cache[low] = self._type_info(low)
            infos = list(map(cache.__getitem__, lowers))
        lowers = self._canonical_lowers(lowers)  # sequences compare lookup keys
        n_words = sum(map(_IS_WORD, infos))
        starts = [0]
        resume = 0
        first_word = -1  # found when a blank line needs it: those before the first word start nothing
        for f in compress(range(n), map(_IS_FINAL, infos)):
            if f < resume:
                continue  # inside a run of sentence-final marks already handled
            if infos[f][0] & _BREAK:
                if first_word < 0:
                    first_word = next(compress(range(n), map(_IS_WORD, infos)), n)
                if f < first_word:
                    continue
            k = f + 1
            while k < n and not infos[k][0] & _ORDINARY:
                k += 1
            if k < n:
                starts.append(k)  # the first ordinary token after the marks starts a sentence
            resume = k
        sents = Sentences(starts, n)
        cands = [(i, infos[i][2]) for i in compress(range(n), map(_MATCH, infos))]
        if not cands and self._free_matcher is None:
            return [], sents, n_words
        lemmas = list(map(_LEMMA, infos))
        hits = self._hits(doc, cands, sents, lowers, lemmas, lambda: list(map(_CUES, infos)), set_lemmas=True)
        return hits, sents, n_words

    def _hits(
        self,
        doc: Doc,
        cands: list[tuple[int, tuple]],
        sents: Sentences,
        lowers: list[int],
        lemmas: list[int],
        cue_lists: Callable[[], list[tuple[_SeqIndex, ...] | None]],
        *,
        set_lemmas: bool = False,
    ) -> list[Hit]:
        raw = self._raw(doc, cands, sents, lowers, lemmas, set_lemmas=set_lemmas)
        if not raw:
            return []
        sent_of = sents.of
        hits = self._resolve(raw, lowers, sent_of)
        if not hits:
            return []
        if not self.cues:
            return hits
        # cues act within a sentence and a scope: only those near a hit can matter
        reach = self._cue_reach
        windows: list[list[int]] = []  # merged token ranges around the hits, within their sentences
        for h in hits:
            lo, hi = sents.sentence(h.sent)
            lo, hi = max(lo, h.start - reach), min(hi, h.end + reach)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        cue_list = cue_lists()
        # the tokens that can start a cue, found in C (compress); then only those in a window
        at_cue = list(compress(range(len(cue_list)), cue_list))
        cue_cands = [
            (i, c)
            for lo, hi in windows
            for i in at_cue[bisect_left(at_cue, lo) : bisect_left(at_cue, hi)]
            for index in cue_list[i]
            for c in index.at(i, lowers, lemmas)
        ]
        cue_hits = self._cue_hits(cue_cands, lowers, lemmas, sent_of)
        if cue_hits:
            cue_hits = self._with_line_ends(cue_hits, doc, lowers)
            starts = [c[0] for c in cue_hits]
            for hit in hits:
                # the cues that can reach this hit, in its sentence (cue_hits is sorted by start)
                lo = bisect_left(starts, hit.start - reach)
                hi = bisect_left(starts, hit.end + reach)
                near_hit = [c for c in cue_hits[lo:hi] if sent_of[c[0]] == hit.sent]
                if near_hit:
                    self._apply_context(hit, near_hit, doc)
        return hits

    def _raw(
        self,
        doc: Doc,
        cands: list[tuple[int, tuple]],
        sents: Sentences,
        lowers: list[int],
        lemmas: list[int],
        *,
        set_lemmas: bool = False,
    ) -> set[tuple[int, int, int]]:
        """Return every (start, end, entry idx) match in the doc, before exclusions and overlaps."""
        sent_of = sents.of
        raw: set[tuple[int, int, int]] = set()
        anchors: list[tuple[int, str]] = []
        for i, (singles, seqs, keys) in cands:
            for idx in singles:
                raw.add((i, i + 1, idx))
            if seqs is not None:
                for seq in seqs.at(i, lowers, lemmas):
                    end = _match_seq(seq, i, lowers, lemmas, sent_of)
                    if end is not None:
                        raw.add((end - len(seq.preds) if not seq.gap else i, end, seq.target))
            if keys:
                anchors.extend((i, k) for k in keys)
        if anchors or self._free_matcher is not None:
            if set_lemmas and self._spacy_patterns:  # spaCy's Matcher reads lemmas off the doc
                doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))
            for idx, start, end in self._pattern_matches(doc, anchors, sents, lowers, lemmas):
                if sent_of[start] == sent_of[end - 1]:
                    raw.add((start, end, idx))
        return raw

    def _pattern_matches(
        self,
        doc: Doc,
        anchors: list[tuple[int, str]],
        sents: Sentences,
        lowers: list[int],
        lemmas: list[int],
    ) -> list[tuple[int, int, int]]:
        """Return (entry idx, start, end) of pattern matches; anchored patterns run near anchors only."""
        strings = self.strings
        found: list[tuple[int, int, int]] = []  # (entry idx, start, end)
        if self._free_matcher is not None:
            found.extend((int(strings[m]), s, e) for m, s, e in self._free_matcher(doc))
        if not anchors:
            return found
        needs = self._req_needs
        doc_words: set[int] | None = None
        alive: dict[str, list[int]] = {}  # per anchor key: its patterns whose words all occur in the doc
        for i, key in sorted(set(anchors)):
            candidates = alive.get(key)
            if candidates is None:
                # "good" anchors a pattern in nearly every review; most lack its other words entirely
                if doc_words is None:
                    doc_words = set(lowers)
                    doc_words.update(lemmas)
                candidates = alive[key] = [
                    idx
                    for idx in self._key_patterns[key]
                    if all(not n.isdisjoint(doc_words) for n in needs[idx])
                ]
            if not candidates:
                continue
            # a match holding the anchor at i lies within reach of i, inside its sentence
            lo, hi = sents.bounds(i)
            reach = self._reach[key]
            lo, hi = max(lo, i - reach + 1), min(hi, i + reach)
            window = set(lowers[lo:hi])
            window.update(lemmas[lo:hi])
            spacy_needed = False
            for idx in candidates:
                if not all(not n.isdisjoint(window) for n in needs[idx]):
                    continue  # some required word of this pattern is missing here
                program = self._programs.get(idx)
                if program is None:
                    spacy_needed = True
                    continue
                before_lo, before_hi = self._anchor_offsets[idx, key]
                first = max(lo, i - before_hi)
                for start in range(first, i - before_lo + 1):
                    found.extend(
                        (idx, start, end) for end in run_pattern(program, start, hi, lowers, lemmas, strings)
                    )
            if spacy_needed:
                found.extend((int(strings[m]), lo + s, lo + e) for m, s, e in self._matchers[key](doc[lo:hi]))
        return found

    def _resolve(self, raw: set[tuple[int, int, int]], lowers: list[int], sent_of: Any) -> list[Hit]:
        """Drop excluded hits, then keep the longest of overlapping same-concept hits."""
        kept = self._unexcluded(raw, lowers, sent_of)
        # Longest first, then heavier, then more specific (see _rank), then earlier:
        # deterministic whatever the set order.
        rank = self._rank
        kept.sort(key=lambda r: (r[0] - r[1], rank[r[2]], r[0], r[2]))
        # the tokens each concept's kept hits cover: an overlap test costs the hit's length,
        # not the number of hits kept so far (a long sentence can hold thousands)
        taken: dict[str, set[int]] = {}
        hits: list[Hit] = []
        for start, end, idx in kept:
            entry = self.entries[idx]
            covered = taken.setdefault(entry.concept, set())
            span = range(start, end)
            if not covered.isdisjoint(span):
                continue
            covered.update(span)
            hits.append(Hit(start, end, entry, sent=int(sent_of[start]), valence=entry.valence))
        hits.sort(key=lambda h: (h.start, h.end, h.entry.concept))
        return hits

    def _unexcluded(
        self, raw: Iterable[tuple[int, int, int]], lowers: list[int], sent_of: Any
    ) -> list[tuple[int, int, int]]:
        """Return the raw matches that no ``exclude`` phrase of their entry cancels."""
        exclude = self._exclude
        return [r for r in raw if r[2] not in exclude or not self._excluded(r, lowers, sent_of)]

    def _excluded(self, r: tuple[int, int, int], lowers: list[int], sent_of: list[int]) -> bool:
        start, end, idx = r
        n = len(lowers)
        sent = sent_of[start]
        strings = self.strings
        phrases = self._exclude[idx]
        reach = self._exclude_reach[idx]
        near = set(lowers[max(0, start - reach) : end + reach])
        for phrase in phrases:
            if not self._exclude_words[phrase] <= near:
                continue  # a word of the phrase is not even near the hit
            k = len(phrase)
            for s in range(max(0, start - k + 1), min(end, n - k + 1)):
                if sent_of[s] != sent or sent_of[s + k - 1] != sent:
                    continue
                for j, test in enumerate(phrase):
                    low = lowers[s + j]
                    if low != test and (type(test) is int or not strings[low].startswith(test)):
                        break
                else:
                    return True
        return False

    def _with_line_ends(
        self, cue_hits: list[tuple[int, int, Cue]], doc: Doc, lowers: list[int]
    ) -> list[tuple[int, int, Cue]]:
        """Add a scope end at each line break that starts a list item or a capitalised line.

        Survey answers and reviews list their points on lines of their own
        (a "Pros:" line, then "- no weekends", then "Management is nice"); a
        single line break is no sentence end (hard-wrapped prose stays
        whole), but a negation on one item must not reach the next.
        """
        lines = self._line_ids
        if not lines or lines.isdisjoint(lowers):
            return cue_hits
        ends = []
        for i in compress(range(len(lowers) - 1), map(lines.__contains__, lowers)):
            word = doc[i + 1].text
            first = word[:1]
            # a capitalised line starts a new point; a line in capitals ("NO\nTRUST") does not
            capital = first.isupper() and (len(word) == 1 or not word.isupper())
            if capital or first.isdigit() or first in _ITEM_MARKS:
                ends.append((i, i + 1, _LINE_END))
        return sorted([*cue_hits, *ends], key=itemgetter(0)) if ends else cue_hits

    def _cue_hits(
        self,
        cands: list[tuple[int, _Seq]],
        lowers: list[int],
        lemmas: list[int],
        sent_of: Any,
    ) -> list[tuple[int, int, Cue]]:
        found = []
        cues = self.cues
        for i, seq in cands:
            end = i + 1 if len(seq.preds) == 1 else _match_seq(seq, i, lowers, lemmas, sent_of)
            if end is not None:
                found.append((i, end, cues[seq.target]))
        if not found:
            return []
        # Keep one cue per token and slot (kind, direction): a longer cue covers the shorter
        # ones of its slot, and a pseudo cue ("no doubt") covers every other cue it overlaps.
        # Only multi-token cues can cover others, so they go first, longest first; one-token
        # cues then only need a look-up.
        pseudo = {p for s, e, c in found if c.kind == "pseudo" for p in range(s, e)}
        multi = sorted((x for x in found if x[1] - x[0] > 1), key=lambda x: (x[0] - x[1], x[0]))
        covered: dict[tuple[str, str], set[int]] = {}
        kept: list[tuple[int, int, Cue]] = []
        for s, e, cue in multi:
            span = range(s, e)
            if pseudo and cue.kind != "pseudo" and not pseudo.isdisjoint(span):
                continue
            taken = covered.setdefault(cue.slot, set())
            if not taken.isdisjoint(span):
                continue
            taken.update(span)
            kept.append((s, e, cue))
        seen: set[tuple[int, tuple[str, str]]] = set()
        for hit in found:  # in token order already: cue candidates are gathered left to right
            s, e, cue = hit
            if e - s > 1 or (pseudo and s in pseudo and cue.kind != "pseudo"):
                continue
            key = (s, cue.slot)
            if key in seen or s in covered.get(cue.slot, ()):
                continue
            seen.add(key)
            kept.append(hit)
        if multi:
            kept.sort(key=itemgetter(0))
        return kept

    @staticmethod
    def _followed_by(
        hit: Hit, cue: Cue, cue_hits: list[tuple[int, int, Cue]], terms: list[tuple[int, int]], doc: Doc
    ) -> bool:
        """Whether one of ``cue.and_after`` follows the hit within the cue's scope, no terminator between."""
        for s, e, other in cue_hits:
            if other.kind != "anchor" or s < hit.end or s - hit.end > cue.max_scope:
                continue
            if any(hit.end <= ts and te <= s for ts, te in terms):
                continue
            if " ".join(t.lower_ for t in doc[s:e]) in cue.and_after:
                return True
        return False

    def _apply_context(self, hit: Hit, cue_hits: list[tuple[int, int, Cue]], doc: Doc) -> None:
        """Set the hit's final valence from the cues near it in its sentence whose scope reaches it."""
        concept = hit.entry.concept
        terms = [(s, e) for s, e, c in cue_hits if c.kind == "termination"]
        best: dict[str, tuple[int, int, int, Cue]] = {}
        # a hit that holds a negation itself ("not transparent") already says what it means
        inner_negation = any(c.kind == "negation" and s < hit.end and hit.start < e for s, e, c in cue_hits)
        for s, e, cue in cue_hits:
            if cue.kind in ("termination", "pseudo", "anchor") or not cue.applies_to(concept):
                continue
            if cue.and_after and not self._followed_by(hit, cue, cue_hits, terms, doc):
                continue
            if s < hit.end and hit.start < e:
                continue  # a cue inside the hit is part of the entry, not context
            if e <= hit.start:
                if cue.direction == "following":
                    continue
                dist = hit.start - e
                lo, hi = e, hit.start
            else:
                if cue.direction == "preceding":
                    continue
                dist = s - hit.end
                lo, hi = hit.end, s
            if dist > cue.max_scope or any(lo <= ts and te <= hi for ts, te in terms):
                continue
            group = "modifier" if cue.kind in ("positive", "negative") else cue.kind
            if group == "negation" and inner_negation:
                continue
            if group not in best or dist < best[group][0]:
                best[group] = (dist, s, e, cue)
            outer_candidate = group == "modifier" and cue.kind == "negative" and e <= hit.start
            if outer_candidate and ("outer" not in best or dist < best["outer"][0]):
                best["outer"] = (dist, s, e, cue)
        # A negative modifier before a nearer positive one governs the phrase: "eroding our
        # great culture", "wrecked the open culture" are lost, not affirmed.
        outer, near = best.pop("outer", None), best.get("modifier")
        if outer and near and near[3].kind == "positive" and outer[2] <= near[1] <= hit.start:
            best["modifier"] = outer
        valence = hit.entry.valence
        applied: list[tuple[str, str]] = []
        modifier, negation = best.get("modifier"), best.get("negation")
        modifier_kind = modifier[3].kind if modifier else ""
        if modifier and modifier[1] >= hit.end:
            # A negation right before a modifier that follows the hit is the modifier's own and
            # turns it round: "speak up and nobody gets punished" keeps courage +, "openness is
            # not encouraged" is -, "de verantwoording niet onvoldoende" +. Such a negation
            # cannot reach the hit past the modifier; "geen of onvoldoende" is a disjunction.
            ms, me = modifier[1], modifier[2]
            own = [
                s
                for s, e, c in cue_hits
                if c.kind == "negation"
                and hit.end <= s
                and (e == ms or (e + 1 == ms and doc[e].lower_ not in _DISJUNCTIONS))
            ]
            if own:
                if negation and negation[1] in own:
                    negation = None  # Dutch "niet" looks both ways: bound to the modifier, not the hit
                modifier = (0, own[0], me, modifier[3])  # its cue text: "not encouraged"
                modifier_kind = "positive" if modifier_kind == "negative" else "negative"
        # The negation flips the modified valence ("no complaints about communication" is +)
        # only when it scopes over the modifier: right before it, with the hit after both (or
        # hit, negation, modifier). One word in both roles ("lack of integrity") is a negation,
        # and a negation on the hit's other side than the modifier ("no accountability for
        # poor culture") negates the hit itself, before the modifier has its say.
        negation_first = False
        if modifier and negation:
            ms, me, ns, ne = modifier[1], modifier[2], negation[1], negation[2]
            if ms < ne and ns < me:
                modifier = None
            else:
                # scoping over the modifier means standing next to it ("no real complaints" at most)
                over = (ne <= ms and me <= hit.start) or (hit.end <= ns and ne <= ms)
                negation_first = not (over and ms - ne <= 1)
        if negation and negation_first:
            valence = _NEGATE[valence]
            applied.append(("negation", doc[negation[1] : negation[2]].text))
        if modifier:
            _, s, e, _cue = modifier
            new = "+" if modifier_kind == "positive" and valence == "0" else valence
            if modifier_kind == "negative" and valence in ("0", "+"):
                new = "-"
            if new != valence:
                valence = new
                applied.append((modifier_kind, doc[s:e].text))
        if negation and not negation_first:
            _, s, e, cue = negation
            valence = _NEGATE[valence]
            applied.append(("negation", doc[s:e].text))
        if "hedge" in best:
            _, s, e, _cue = best["hedge"]
            hit.hedge = doc[s:e].text
        hit.valence = valence
        if applied:
            hit.cue_kind, hit.cue = applied[-1]
            hit.cues = tuple(applied)

    # -- aggregation ------------------------------------------------------------


def collapse(
    items: Iterable[tuple[int, str, str, float, Any]], min_weight: float = 1.0
) -> list[dict[str, Any]]:
    """Collapse (unit, concept, valence, weight, hit) items into one row per (unit, concept).

    A concept counts in a unit when the weights of its hits there add up to
    ``min_weight``; its valence follows :func:`trustlex.concepts.resolve_valence`.
    Rows come sorted by unit, then concept; ``hits`` lists the items' hits.
    """
    groups: dict[tuple[int, str], list[tuple[str, float, Any]]] = {}
    for unit, concept, valence, weight, hit in items:
        groups.setdefault((unit, concept), []).append((valence, weight, hit))
    rows = []
    for (unit, concept), hs in groups.items():
        # evidence is counted once per entry: a weak word said twice ("overleg ... overleg") is
        # still weak evidence, and only different entries together reach the threshold
        strongest: dict[Any, float] = {}
        for n, (_, w, hit) in enumerate(hs):
            key = hit.entry.id if isinstance(hit, Hit) else (hit if hit is not None else n)
            strongest[key] = max(strongest.get(key, 0.0), w)
        total = sum(strongest.values())
        if total + 1e-9 < min_weight:
            continue
        weights: dict[str, float] = {}
        for valence, weight, _ in hs:
            weights[valence] = weights.get(valence, 0.0) + weight
        rows.append(
            {
                "sent": unit,
                "concept": concept,
                "valence": resolve_valence(weights),
                "weight": round(total, 6),
                "n_matches": len(hs),
                "hits": [h for _, _, h in hs],
            }
        )
    rows.sort(key=lambda r: (r["sent"], r["concept"]))
    return rows


_KIND_RANK = {"term": 3, "lemma": 3, "pattern": 2, "wildcard": 1}


def _specificity(entry: Entry) -> tuple[int, int]:
    """Rank entries for ties: exact words over patterns over wildcards; then longer literals."""
    rank = _KIND_RANK[entry.kind]
    if entry.kind == "wildcard" and entry.value.startswith("*") and entry.value.endswith("*"):
        rank = 0  # an infix wildcard is the least specific
    literal = len(entry.value.replace("*", "")) if isinstance(entry.value, str) else len(entry.value)
    return rank, literal


def _match_seq(seq: _Seq, i: int, lowers: list[int], lemmas: list[int], sent_of: Any) -> int | None:
    """Return the end of ``seq`` matched with its anchor at token ``i``, or None.

    A gap-free sequence starts ``seq.anchor`` tokens before ``i``; one with a
    gap starts at ``i`` and lets up to ``seq.gap`` tokens sit between its words.
    """
    if seq.gap:
        return _match_gapped(seq, i, lowers, lemmas, sent_of)
    start = i - seq.anchor
    end = start + len(seq.preds)
    if start < 0 or end > len(lowers) or sent_of[start] != sent_of[end - 1]:
        return None  # sentence numbers only grow, so equal ends mean one sentence
    j = start
    for mode, ids in seq.preds:
        if j == i and mode != LEMMA_EXACT:
            pass  # the anchor was found through this very test (perhaps by a lowercased lemma)
        elif mode == FORM:
            if lowers[j] not in ids:
                return None
        elif mode == LEMMA_EXACT:
            if lemmas[j] not in ids:
                return None
        elif lowers[j] not in ids and lemmas[j] not in ids:
            return None
        j += 1
    return end


def _match_gapped(seq: _Seq, i: int, lowers: list[int], lemmas: list[int], sent_of: Any) -> int | None:
    n = len(lowers)
    pos = i + 1
    sent = sent_of[i]
    preds = seq.preds
    if preds[0][0] == LEMMA_EXACT and lemmas[i] not in preds[0][1]:
        return None  # found through the word's form; an exact-lemma token must be checked
    for mode, ids in preds[1:]:
        found = None
        for j in range(pos, min(n, pos + seq.gap + 1)):
            if sent_of[j] != sent:
                break
            if mode == FORM:
                ok = lowers[j] in ids
            elif mode == LEMMA_EXACT:
                ok = lemmas[j] in ids
            else:
                ok = lowers[j] in ids or lemmas[j] in ids
            if ok:
                found = j
                break
        if found is None:
            return None
        pos = found + 1
    return pos


class Sentences:
    """Sentence starts of a doc, with per-token sentence numbers built on first use."""

    def __init__(self, starts: list[int], n: int) -> None:
        self.starts = starts
        self.n = n
        self._of: list[int] | None = None

    @classmethod
    def of_doc(cls, doc: Doc) -> Sentences:
        """Read the sentence starts that the pipeline set on ``doc``."""
        marks = doc.to_array(SENT_START) == 1
        marks[0] = True
        return cls(np.flatnonzero(marks).tolist(), len(doc))

    @property
    def of(self) -> list[int]:
        """Return the 0-based sentence number of every token."""
        if self._of is None:
            of: list[int] = []
            ends = [*self.starts[1:], self.n]
            for k, (start, end) in enumerate(zip(self.starts, ends, strict=True)):
                of.extend([k] * (end - start))  # few sentences per doc: cheaper than numpy here
            self._of = of
        return self._of

    def bounds(self, i: int) -> tuple[int, int]:
        """Return (start, end) token indexes of the sentence holding token ``i``."""
        sent = self.of[i]
        return self.sentence(sent)

    def sentence(self, sent: int) -> tuple[int, int]:
        """Return (start, end) token indexes of sentence number ``sent``."""
        end = self.starts[sent + 1] if sent + 1 < len(self.starts) else self.n
        return self.starts[sent], end
