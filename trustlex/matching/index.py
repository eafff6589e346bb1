"""The lexicon compiled for matching: per-word-type tables, sequences, patterns and cues.

Speed comes from deciding once per distinct word type, not per token, whether
a word can start a hit or a cue, what its lemma is and whether it ends a
sentence. :class:`LexiconIndex` compiles the entries and cues of one
vocabulary into look-up tables and keeps those per-type decisions in caches
that grow with the vocabulary seen; the scanner
(:mod:`trustlex.matching.scan`) reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_NUM
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.vocab import Vocab

from trustlex.errors import LexiconError
from trustlex.lang.accents import StressFold
from trustlex.lang.lemmas import LookupLemmatizer, canonical_form, normalise_form
from trustlex.lang.morph import inflections
from trustlex.lang.sentences import BREAK, FINAL, WORD, type_flags
from trustlex.lexicon import ClauseWords, ContextRules, Cue, Entry
from trustlex.matching.context_lines import cue_opens
from trustlex.matching.exclusions import Exclusions
from trustlex.matching.patterns import (
    FORM,
    FORM_OR_LEMMA,
    anchor_offsets,
    apostrophe_variants,
    compile_pattern,
    ends_on_punctuation,
    head_test,
    pattern_anchors,
    pattern_length,
    pattern_variants,
    plainly_valid,
    required_words,
    set_rank,
    word_ranks,
)
from trustlex.matching.sequences import Seq, SeqIndex
from trustlex.matching.units import overlap_rank

# The most tokens one pattern match may span. Operators such as "*" are unbounded, and over
# one long unpunctuated text (a 1 MB sentence) every anchor would scan the whole sentence:
# quadratic time. No lexicon pattern means anything across more words than this.
MAX_SPAN = 64


def _index(seqs: Any) -> SeqIndex | None:
    return SeqIndex(tuple(seqs)) if seqs else None


def _join(a: Any, b: Any) -> Any:
    """Join two parts of per-type info: tuples concatenate, sequence indexes merge."""
    if a is None or b is None:
        return a if b is None else b
    if isinstance(a, SeqIndex):
        return SeqIndex(a.all + b.all)
    return a + b


class LexiconIndex:
    """Lexicon entries and context cues of one vocabulary, compiled into per-word-type tables.

    The scanner reads the public attributes: ``type_cache`` (lowercase id ->
    per-type tuple, see :meth:`type_info`), ``lower_cache``/``lemma_cache``
    (the same, split by form and lemma, for docs annotated by a pipeline),
    the entries' ``exclusions`` (:class:`trustlex.matching.exclusions.Exclusions`),
    the overlap ``rank`` of each entry, and for ``pattern`` entries their
    anchor keys, ``programs``, spaCy ``matchers``, ``reach``, ``offsets`` and
    required words (``needs``). The caches grow with the vocabulary seen,
    so one index serves every doc of a pipeline.

    Parameters
    ----------
    vocab : Vocab
        The pipeline's vocabulary (its string store holds every hash used).
    entries : list of Entry
        The lexicon entries; hits refer to them by position.
    rules : ContextRules or None
        The context cues.
    lang : str
        Language code, for inflections and word ranks.
    lemmatizer : LookupLemmatizer or None
        The lemmatizer whose per-type cache to share.
    """

    def __init__(
        self,
        vocab: Vocab,
        entries: list[Entry],
        rules: ContextRules | None,
        *,
        lang: str = "",
        lemmatizer: LookupLemmatizer | None = None,
    ) -> None:
        self.vocab = vocab
        self.lang = lang
        self.lemmatizer = lemmatizer or LookupLemmatizer(vocab, lang)
        self._final_ids = frozenset(vocab.strings.add(c) for c in Sentencizer.default_punct_chars)
        self.type_cache: dict[int, tuple] = {}
        self.line_ids: set[int] = set()  # the types that are whitespace with one line break
        # whitespace types other than blank lines (and their lookup keys): a sentence's inner ones
        # are skipped by the matching (see trustlex.matching.spaces)
        self.space_ids: set[int] = set()
        # word types whose lookup key differs from their lowercase form (full-width letters,
        # zero-width characters...): lowercase id -> canonical id; see canonical_form
        self.canon: dict[int, int] = {}
        self.canon_seen: dict[int, int] = {}  # every type the component path has met -> its key
        self.unstress = StressFold(lang, entries, rules)  # "géén" is looked up as "geen"; see its module
        getters = vocab.lex_attr_getters  # type: ignore[attr-defined]  # set in Cython, not in vocab.pyi
        self._is_punct = getters.get(IS_PUNCT, lambda s: False)
        self._is_space = getters.get(IS_SPACE, str.isspace)
        self._like_num = getters.get(LIKE_NUM)
        self.strings = vocab.strings
        self.entries = entries
        self.cues: list[Cue] = list(rules.cues) if rules else []
        # the language's clause and heading words, as its context file's loader built them (once)
        self.clauses = rules.clauses if rules else ClauseWords()
        # whether an opening cue at a token opens its line (not under one of the language's praise headings)
        self.opens = partial(cue_opens, headings=self.clauses.praise_headings)
        # the words a cue's ``and_after`` or ``in_sentence_with`` asks for are found like cues, as "anchor"
        # cues that act on nothing themselves
        self.cues += [
            Cue(kind="anchor", direction="following", max_scope=c.max_scope, terms=words)
            for c in list(self.cues)
            for words in (c.and_after, c.in_sentence_with)
            if words
        ]
        self._term1: dict[str, list[int]] = {}
        self._lemma1: dict[str, list[int]] = {}
        self._form1: dict[str, list[int]] = {}
        self._prefix_lengths: list[int] = []
        self._suffix_lengths: list[int] = []
        # the shortest wildcard's length of letters of every prefix (suffix): a word whose first
        # (last) letters are none of these matches no wildcard, decided with one look-up
        self._prefix_heads: frozenset[str] = frozenset()
        self._suffix_tails: frozenset[str] = frozenset()
        self._infix_test: re.Pattern | None = None
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: dict[str, list[int]] = {}
        self._seq_lower: dict[str, list[Seq]] = {}
        self._seq_lemma: dict[str, list[Seq]] = {}
        self._cue_lower: dict[str, list[Seq]] = {}
        self._cue_lemma: dict[str, list[Seq]] = {}
        self.exclusions = Exclusions(vocab.strings)  # the entries' exclude phrases
        self.rank: list[tuple] = []  # entry idx -> tie-break rank for overlaps (smaller wins)
        self.lower_cache: dict[int, Any] = {}
        self.lemma_cache: dict[int, Any] = {}
        # spaCy Matchers for raw ``pattern`` entries: anchored ones run only on sentences
        # holding one of their required words (found through the per-type caches)
        self.matchers: dict[str, Matcher] = {}  # anchor key ("L:word" / "M:lemma") -> Matcher
        self.programs: dict[int, list[tuple]] = {}  # patterns run by run_pattern, not spaCy
        self.heads: dict[int, tuple[int, frozenset[int]] | None] = {}  # their first tokens' test
        self.reach: dict[str, int] = {}  # anchor key -> longest pattern, at most MAX_SPAN
        self._word_ranks: Mapping[str, int] | None = None
        self.key_patterns: dict[str, list[int]] = {}  # anchor key -> pattern entry idxs
        # (pattern entry idx, anchor key) -> (min, max) tokens of a match before its anchor
        self.offsets: dict[tuple[int, str], tuple[int, int]] = {}
        self.needs: dict[int, tuple[frozenset[int], ...]] = {}
        # anchor key -> words of which a doc needs one for any of the key's patterns to match
        # (each pattern's rarest required token besides the anchor); None: no such test
        self.key_gates: dict[str, frozenset[int] | None] = {}
        self.free_matcher: Matcher | None = None
        self.spacy_patterns = False  # any pattern left to spaCy's Matcher?
        self.trim_end: set[int] = set()  # pattern entries whose last token, a punctuation mark, no hit shows
        self._anchor_lower: set[str] = set()
        self._anchor_lemma: set[str] = set()
        self._compile_entries()
        # anchor key -> (idx, needs, program or None, min and max tokens before the anchor, head test)
        # of each of its patterns: what the scan reads per pattern, in one tuple
        self.runs = {
            k: tuple(
                (i, self.needs[i], self.programs.get(i), *self.offsets[i, k], self.heads.get(i)) for i in idxs
            )
            for k, idxs in self.key_patterns.items()
        }
        self._compile_affix_tests()
        self._compile_cues()

    def warm(self, words: Iterable[str]) -> None:
        """Decide the per-type information of ``words`` now, at load time, rather than on first sight.

        :func:`trustlex.pipeline.scoring_pipeline` passes a language's most
        frequent words, so that new text costs less: most of its tokens are
        then known types.
        """
        cache = self.type_cache
        for word in words:
            low = self.strings.add(word)
            if low not in cache:
                cache[low] = self.type_info(low)

    # -- compilation ---------------------------------------------------------

    def _ids(self, word: str, *, inflect: bool = False) -> frozenset[int]:
        words = {word} | (inflections(word, self.lang) if inflect else set())
        return frozenset(self.strings.add(v) for w in words for v in apostrophe_variants(w))

    def _index_first(self, table: dict[str, list[Seq]], word: str, seq: Seq, *, inflect: bool) -> None:
        # tables are looked up with normalised text (plain apostrophes), see _info_lower
        for w in {word} | (inflections(word, self.lang) if inflect else set()):
            table.setdefault(w, []).append(seq)

    def _compile_entries(self) -> None:
        for idx, e in enumerate(self.entries):
            self.rank.append(overlap_rank(e))
            if e.exclude:
                self.exclusions.add(idx, e.exclude)
            if e.kind == "pattern":
                self._validate_pattern(idx, e)
                if ends_on_punctuation(e.value):
                    self.trim_end.add(idx)
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
                key=lambda p: (set_rank(words[p][1], ranks), -len(words[p][1]), -p),
            )
        seq = Seq(idx, preds, gap, anchor)
        mode, anchor_words = words[anchor]
        for w in anchor_words:
            if mode != FORM:
                self._seq_lemma.setdefault(w, []).append(seq)
            # the phrase also matches its words as written (and, for lemmas, their forms)
            self._index_first(self._seq_lower, w, seq, inflect=mode == FORM_OR_LEMMA)

    def _validate_pattern(self, idx: int, e: Entry) -> None:
        error = pattern_error(e, self.vocab)
        if error is not None:
            raise error

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
            # the rarest required word first: most sentences lack it, and the test of the rest is spared
            rarest = sorted(range(len(needs)), key=lambda k: -set_rank(required[k], self._word_ranks))
            self.needs[idx] = tuple(dict.fromkeys(needs[k] for k in rarest))
            for k in keys:
                self.key_patterns.setdefault(k, []).append(idx)
                self._gate(k, required, needs)
                before_lo, before_hi = anchor_offsets(e.value, k)
                self.offsets[idx, k] = (before_lo, min(before_hi or MAX_SPAN, MAX_SPAN))
        for k in keys:
            self.reach[k] = max(self.reach.get(k, 0), length)
        program = compile_pattern(e.value, self.strings, self._like_num) if keys else None
        if program is not None:
            self.programs[idx] = program
            self.heads[idx] = head_test(program)
            return
        self.spacy_patterns = True
        if keys:
            matchers = [self.matchers.setdefault(k, Matcher(self.vocab)) for k in keys]
        else:
            if self.free_matcher is None:
                self.free_matcher = Matcher(self.vocab)
            matchers = [self.free_matcher]
        for matcher in matchers:
            matcher.add(str(idx), [e.value])

    def _gate(self, key: str, required: list[set[str]], needs: tuple[frozenset[int], ...]) -> None:
        """Widen ``key``'s gate by a pattern's rarest required token other than the anchor's.

        An anchor word such as "not" occurs in most reviews, and its patterns
        are dead in nearly all of them: one set test per doc and key then
        replaces a test per pattern.
        """
        if self.key_gates.get(key, ()) is None:
            return
        others = [
            (set_rank(ws, self._word_ranks), ids)
            for ws, ids in zip(required, needs, strict=True)
            if key[2:] not in ws
        ]
        if not others:
            self.key_gates[key] = None
            return
        rarest = max(others, key=lambda o: o[0])[1]
        self.key_gates[key] = (self.key_gates.get(key) or frozenset()) | rarest

    def _compile_cues(self) -> None:
        # how far from a hit a cue can start and still matter: its scope, its own length,
        # and a pseudo cue or terminator overlapping it
        longest = max((len(t.split()) for c in self.cues for t in (*c.terms, *c.lemmas)), default=1)
        self.cue_reach = max((c.max_scope for c in self.cues), default=0) + 2 * longest + 1
        for idx, cue in enumerate(self.cues):
            for term in cue.terms:
                words = term.split()
                seq = Seq(idx, tuple((FORM, self._ids(w)) for w in words), 0)
                self._cue_lower.setdefault(words[0], []).append(seq)
            for words in (t.split() for t in cue.lemmas):
                seq = Seq(idx, tuple((FORM_OR_LEMMA, self._ids(w, inflect=True)) for w in words), 0)
                self._cue_lemma.setdefault(words[0], []).append(seq)
                self._index_first(self._cue_lower, words[0], seq, inflect=True)

    # -- per-type information (cached) ---------------------------------------

    def info_lower(self, key: int) -> tuple | None:
        """Return (entries, sequences, cues, anchor keys) a lowercase form can start, or None if nothing."""
        text = normalise_form(self.strings[key])
        # per new word type: tests and subscripts, not .get() and .extend() (no call per table);
        # lemma entries also match the form itself. The lengths go up: none past the word's
        t1, t2, t3, pre, suf = self._term1, self._lemma1, self._form1, self._prefix, self._suffix
        singles = [*t1[text]] if text in t1 else []
        singles += t2[text] if text in t2 else ()  # noqa: SIM401
        singles += t3[text] if text in t3 else ()  # noqa: SIM401
        if self._prefix_lengths and text[: self._prefix_lengths[0]] in self._prefix_heads:
            size, ks = len(text), self._prefix_lengths
            singles += [i for k in ks if k <= size and (h := text[:k]) in pre for i in pre[h]]
        if self._suffix_lengths and text[-self._suffix_lengths[0] :] in self._suffix_tails:
            size, ks = len(text), self._suffix_lengths
            singles += [i for k in ks if k <= size and (h := text[-k:]) in suf for i in suf[h]]
        if self._infix_test is not None and self._infix_test.search(text):
            for core, idxs in self._infix.items():
                if core in text:
                    singles.extend(idxs)
        seqs = self._seq_lower[text] if text in self._seq_lower else ()  # noqa: SIM401
        cues = self._cue_lower[text] if text in self._cue_lower else ()  # noqa: SIM401
        # a token whose lemma equals its form is only looked up here, so check lemma anchors too
        anchor: tuple[str, ...] = ()
        if text in self._anchor_lower:
            anchor = (f"L:{text}",)
        if text in self._anchor_lemma:
            anchor = (*anchor, f"M:{text}")
        if not (singles or seqs or cues or anchor):
            return None
        return tuple(dict.fromkeys(singles)), _index(seqs), _index(cues), anchor

    def type_info(self, low: int) -> tuple:
        """Return (flags, lemma, match info, cues, is word, is final, key) of a word type, for the fused scan.

        The flags are those of the sentence rule (:func:`trustlex.lang.sentences.type_flags`):
        what spaCy's Sentencizer and the word count look at, all lexical, so
        one look-up per token replaces the sentencizer, the lemmatizer and the
        matcher's two look-ups.

        Parameters
        ----------
        low : int
            The hash of a lowercase word form.

        Returns
        -------
        tuple
            (sentence flags, lemma hash, match info or None, cue indexes or
            None, 1 if a word else 0, whether sentence-final, the text of its
            lookup key: the word referent attribution reads).
        """
        # the language's own lexical attribute functions, called on the string: reading
        # them off vocab[low] would create a second lexeme for every capitalised word
        text = self.strings[low]
        punct = bool(self._is_punct(text))
        space = self._is_space(text)
        flags = type_flags(text, final=low in self._final_ids, punct=punct, space=space)
        if space and not flags & BREAK and "\n" in text:
            self.line_ids.add(low)  # one line break: a scope end before a new point, see scan
        key = self.canonical(low)
        if space and not flags & BREAK:
            self.space_ids.update((low, key))
        lemma = self.lemmatizer.lemma_of(key)
        info = self.info_lower(key)
        if lemma != key:
            extra = self.info_lemma(lemma)
            if extra is not None:
                info = extra if info is None else tuple(_join(a, b) for a, b in zip(info, extra, strict=True))
        match = cues = None
        if info is not None:
            singles, seqs, cue_index, keys = info
            if singles or seqs is not None or keys:
                match = (singles, seqs, keys)
            if cue_index is not None:
                cues = (cue_index,)
        word = text if key == low else self.strings[key]
        return flags, lemma, match, cues, int(bool(flags & WORD)), bool(flags & FINAL), word

    def canonical(self, low: int) -> int:
        """Return the id of a type's lookup key (itself for ordinary words), recording odd types ("géén")."""
        text = self.strings[low]
        key = self.unstress(canonical_form(text))
        if key == text:
            return low
        canon = self.canon[low] = self.strings.add(key)
        return canon

    def canonical_lowers(self, lowers: list[int]) -> list[int]:
        """Return ``lowers`` with odd types replaced by their lookup keys (the list itself if none)."""
        canon = self.canon
        if canon and not canon.keys().isdisjoint(lowers):
            return list(map(canon.get, lowers, lowers))  # get(x, x) in C: no Python call per token
        return lowers

    def _compile_affix_tests(self) -> None:
        """Prepare the wildcard tests: affix lengths in use, one regex for 'any infix at all'."""
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._suffix_lengths = sorted({len(p) for p in self._suffix})
        if self._prefix_lengths:
            self._prefix_heads = frozenset(p[: self._prefix_lengths[0]] for p in self._prefix)
        if self._suffix_lengths:
            self._suffix_tails = frozenset(p[-self._suffix_lengths[0] :] for p in self._suffix)
        if self._infix:
            self._infix_test = re.compile("|".join(re.escape(c) for c in self._infix))

    def info_lemma(self, key: int) -> tuple | None:
        """Return (entries, sequences, cues, anchor keys) a lemma can start, or None if nothing."""
        text = normalise_form(self.strings[key].lower())
        singles = self._lemma1.get(text, ())
        seqs = self._seq_lemma.get(text, ())
        cues = self._cue_lemma.get(text, ())
        anchor = (f"M:{text}",) if text in self._anchor_lemma else ()
        if not (singles or seqs or cues or anchor):
            return None
        return tuple(singles), _index(seqs), _index(cues), anchor


def pattern_error(e: Entry, vocab: Vocab) -> LexiconError | None:
    """Return spaCy's refusal of a pattern entry's token pattern as a LexiconError naming the entry, or None.

    spaCy's own validation, for its precise messages, whoever runs the
    pattern: the index when a lexicon is loaded, ``lexicon check`` beside
    the other problems of a file.
    """
    if plainly_valid(e.value):  # most patterns: a Matcher per pattern would cost 0.1 s per load
        return None
    try:
        Matcher(vocab, validate=True).add("check", [e.value])
    except Exception as exc:  # spaCy raises ValueError or MatchPatternError
        detail = " ".join(str(exc).split())
        msg = f"entry ({e.id}): invalid spaCy token pattern: {detail}"
        error = LexiconError(msg, path=e.path, line=e.line, field="pattern")
        error.__cause__ = exc
        return error
    return None
