"""The scanner: lexicon hits in a spaCy Doc, after exclusions, overlaps and context.

:class:`Engine` is what the rest of trustlex uses: :meth:`Engine.find` on a
doc annotated by a pipeline, :meth:`Engine.scan` on a freshly tokenized doc
(sentences, lemmas and hits in one pass), :meth:`Engine.candidates` for
lexicon checks. The compiled tables and per-type caches live in
:class:`trustlex.matching.index.LexiconIndex`, the valence rules in
:mod:`trustlex.matching.context` (applied hit by hit in :mod:`trustlex.matching.hit_context`).
Token patterns run as sequences or on trustlex's interpreter near their
anchors (:mod:`trustlex.matching.anchored`); spaCy's ``Matcher`` only for
patterns outside that subset.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc
from spacy.vocab import Vocab

from trustlex.lang.lemmas import LookupLemmatizer
from trustlex.lang.sentences import ITEM, Sentences, context_and_shown, context_sentences, is_paragraph_break
from trustlex.lexicon import ContextRules, Entry
from trustlex.lexicon.referents import Taxonomy
from trustlex.matching.anchored import pattern_matches
from trustlex.matching.context import CueHit, one_per_slot
from trustlex.matching.context_lines import with_line_ends
from trustlex.matching.held import held_cues
from trustlex.matching.hit_context import LowerWords, Settled, apply_cues
from trustlex.matching.index import LexiconIndex
from trustlex.matching.referent_index import ReferentIndex
from trustlex.matching.sequences import Seq, SeqIndex, match_seq
from trustlex.matching.spaces import space_view
from trustlex.matching.units import Hit

_MISS = object()
# builds a CueHit without the Python-level __new__ of a NamedTuple: one per cue found
_cue_hit = partial(tuple.__new__, CueHit)
# Fields of a per-type tuple (see LexiconIndex.type_info), read with map() so that per-token
# loops run in C.
_FLAGS, _LEMMA, _MATCH, _CUES, _IS_WORD, _IS_FINAL = (itemgetter(k) for k in range(6))


class Engine:
    """Compiled lexicon entries and context rules for one vocabulary, and the scan over docs.

    Build one per pipeline and reuse it: its index caches per word type.

    Parameters
    ----------
    vocab : Vocab
        The pipeline's vocabulary.
    entries : list of Entry
        The lexicon entries to match.
    rules : ContextRules or None
        The context cues; None applies no context.
    lang : str
        Language code (inflections, word ranks, lemmas).
    min_weight : float
        The summed weight a concept needs in a sentence to count there.
    lemmatizer : LookupLemmatizer or None
        A lemmatizer to share (its per-type cache); a new one by default.
    referents : Taxonomy or None
        The referent taxonomy hits are attributed with; None: the shipped one of ``lang``.
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
        referents: Taxonomy | None = None,
    ) -> None:
        self.referents = self._taught = ReferentIndex(referents, vocab.strings, lang)
        self._untaught: set[int] = set()  # types met by scans that attribute nothing, taught when one does
        self.index = LexiconIndex(vocab, entries, rules, lang=lang, lemmatizer=lemmatizer)
        self.index.unstress.keep(self.referents.taxonomy)  # its terms written with accents match as written
        self.vocab = vocab
        self.lang = lang
        self.lemmatizer = self.index.lemmatizer
        self.strings = vocab.strings
        self.entries = entries
        self.cues = self.index.cues
        self.min_weight = min_weight
        # hit_context.apply_cues leaves out of the context rules the hits no cue near them can change, and
        # _hits skips the cue path of a doc none of whose cue candidates can change a hit (False: every hit
        # with a cue near goes through all the rules; the same valences and cues, slower)
        self.settle = True
        self._settled = Settled(self.cues)  # per set of base valences, the cues that change none of them
        # the cues that hold only with other words near them or in their sentence (see held.held_cues)
        self._asking = frozenset(
            k for k, c in enumerate(self.cues) if (c.kind == "pseudo" and c.and_after) or c.in_sentence_with
        )

    @property
    def uses_spacy_matcher(self) -> bool:
        """Whether some pattern runs on spaCy's Matcher (which may read any token attribute)."""
        return self.index.spacy_patterns

    def warm(self, words: Iterable[str]) -> None:
        """Decide the per-type information of ``words`` now, at load time, rather than on first sight.

        :func:`trustlex.pipeline.scoring_pipeline` passes a language's most
        frequent words, so that new text costs less: most of its tokens are
        then known types.

        Parameters
        ----------
        words : iterable of str
            Lowercase word forms.
        """
        self.index.warm(words)
        self._learn_referents(self.index.type_cache)

    def _learn_referents(self, types: Iterable[int]) -> None:
        """Teach the engine's own referent index the word types the scan meets (by their lookup keys)."""
        canon, cache = self.index.canon, self.index.type_cache
        # each type's lookup key and its text, the last field of its tuple: no StringStore decode
        self._taught.learn({canon.get(low, low): cache[low][6] for low in types})

    def _prepare(self, doc: Doc) -> tuple | None:
        """Read an annotated ``doc``: (candidates, cue list, sentences, lowers, lemmas, shown), or None.

        Candidates are the tokens that can start a hit, with their match info;
        the cue list holds the cue sequences starting at each token; cues act in
        the context sentences, the doc's are those shown. None means nothing
        in the doc can match.
        """
        if len(doc) == 0:
            return None
        ix = self.index
        seen = ix.canon_seen
        lowers = doc.to_array(LOWER).tolist()
        for low in set(lowers).difference(seen):
            seen[low] = ix.canonical(low)
            text = self.strings[low]
            if text.isspace() and text.count("\n") == 1:
                ix.line_ids.add(low)
            if text.isspace() and not is_paragraph_break(text):
                ix.space_ids.update((low, seen[low]))
        lowers = ix.canonical_lowers(lowers)
        lemmas = doc.to_array(LEMMA).tolist()
        lower_cache = ix.lower_cache
        lemma_cache = ix.lemma_cache
        cands: list[tuple[int, tuple]] = []
        cue_list: list[tuple[SeqIndex, ...] | None] = []
        for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
            infos = [lower_cache.get(low, _MISS)]
            if infos[0] is _MISS:
                infos[0] = lower_cache[low] = ix.info_lower(low)
            if lem != low and lem:
                info = lemma_cache.get(lem, _MISS)
                if info is _MISS:
                    info = lemma_cache[lem] = ix.info_lemma(lem)
                infos.append(info)
            cues: tuple[SeqIndex, ...] = ()
            for info in infos:
                if info is None:
                    continue
                singles, seqs, cue_index, keys = info
                if singles or seqs is not None or keys:
                    cands.append((i, (singles, seqs, keys)))
                if cue_index is not None:
                    cues = (*cues, cue_index)
            cue_list.append(cues or None)
        if not cands and ix.free_matcher is None:
            return None
        shown = Sentences.of_doc(doc)
        return cands, cue_list, context_sentences(shown, doc), lowers, lemmas, shown

    def find(self, doc: Doc) -> list[Hit]:
        """Return the hits of an annotated ``doc`` (sentences, lemmas) with context applied.

        Parameters
        ----------
        doc : Doc
            A doc with sentence starts and lemmas set.

        Returns
        -------
        list of Hit
            One hit per overlapping same-concept group, by start.
        """
        prepared = self._prepare(doc)
        if prepared is None:
            return []
        cands, cue_list, sents, lowers, lemmas, shown = prepared
        hits = self._spaced(doc, cands, sents, lowers, lemmas, lambda: cue_list)
        self.referents.attribute(hits, doc, sents.sentence, lowers, lemmas)
        if shown is not sents:
            shown.renumber(hits)
        return hits

    def candidates(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """Return every entry that matches in an annotated ``doc``, after exclusions, before overlaps.

        This is what a lexicon's ``example`` must produce for its entry, and
        a ``counter_example`` must not; :meth:`find` then keeps one hit per
        overlapping same-concept group.

        Parameters
        ----------
        doc : Doc
            A doc with sentence starts and lemmas set.

        Returns
        -------
        list of tuple
            (start, end, entry), sorted.
        """
        prepared = self._prepare(doc)
        if prepared is None:
            return []
        cands, _, sents, lowers, lemmas, _ = prepared
        view = space_view(self.index, doc, sents, lowers, lemmas, annotated=True)
        if view is not None:
            doc, cands, sents, lowers, lemmas = view.parts(cands)
        kept = self._unexcluded(self._raw(doc, cands, sents, lowers, lemmas), lowers, sents.of)
        kept = kept if view is None else view.restore_raw(kept)
        return [(s, e, self.entries[i]) for s, e, i in sorted(kept)]

    def _spaced(
        self,
        doc: Doc,
        cands: list[tuple[int, tuple]],
        sents: Sentences,
        lowers: list[int],
        lemmas: list[int],
        cue_lists: Callable[[], list[tuple[SeqIndex, ...] | None]],
        *,
        set_lemmas: bool = False,
    ) -> list[Hit]:
        """Return :meth:`_hits` found without the whitespace inside sentences, at the doc's positions."""
        view = space_view(self.index, doc, sents, lowers, lemmas, annotated=not set_lemmas)
        if view is None:
            return self._hits(doc, cands, sents, lowers, lemmas, cue_lists, set_lemmas=set_lemmas)
        hits = self._hits(
            *view.parts(cands), lambda: view.take(cue_lists()), set_lemmas=set_lemmas, text_of=view.text_of
        )
        view.restore(hits)
        return hits

    def scan(
        self, doc: Doc, referents: bool = True, text: str | None = None
    ) -> tuple[list[Hit], Sentences, int]:
        """Return (hits, sentences, word count) of a freshly tokenized ``doc``, in one pass.

        Sentences follow :mod:`trustlex.lang.sentences` and lemmas the lookup table, as in the
        pipeline :func:`trustlex.load` builds, so results equal :meth:`find` on its output; but
        nothing is written to the doc except lemmas where a ``pattern`` entry needs them.

        Parameters
        ----------
        doc : Doc
            A doc straight from the tokenizer.
        referents : bool, default True
            Attribute each hit to a party (document rows and model features need none).
        text : str, optional
            ``doc.text``, where the caller holds it (the referents' learnt names read it).

        Returns
        -------
        tuple
            (hits, sentences, number of words).
        """
        lowers = doc.to_array(LOWER).tolist()
        n = len(lowers)
        ix = self.index
        cache = ix.type_cache
        # per-token work in C where possible: one dict look-up per token through map(),
        # then comprehensions over the cached per-type tuples
        try:  # no test per token for a type not seen yet ("None in infos" compares every tuple with None)
            infos = list(map(cache.__getitem__, lowers))
        except KeyError:  # new word types: a set difference finds them without a Python loop
            new = set(lowers).difference(cache)
            for low in new:
                cache[low] = ix.type_info(low)
            infos = list(map(cache.__getitem__, lowers))
            self._untaught |= new  # the referent index learns them before it next attributes
        lowers = ix.canonical_lowers(lowers)  # sequences compare lookup keys
        n_words = sum(map(_IS_WORD, infos))
        finals = compress(range(n), map(_IS_FINAL, infos))
        flags = list(map(_FLAGS, infos))  # read by subscript: no call per token the sentence walk looks at
        items = compress(range(n), map(ITEM.__and__, flags))
        sents, shown = context_and_shown(n, finals, items, flags)
        cands = [(i, infos[i][2]) for i in compress(range(n), map(_MATCH, infos))]
        if not cands and ix.free_matcher is None:
            return [], shown, n_words
        lemmas = list(map(_LEMMA, infos))
        hits = self._spaced(
            doc, cands, sents, lowers, lemmas, lambda: list(map(_CUES, infos)), set_lemmas=True
        )
        if referents and hits:  # a doc straight from the tokenizer has no parse; no hit, nobody to name
            if self._untaught:  # so that attribution need not look for new types per sentence
                self._learn_referents(self._untaught)
                self._untaught = set()
            taught = self.referents is self._taught
            # the per-type tuples hold each token's word: read where the scan has just read them
            self.referents.attribute(
                hits,
                doc,
                sents.sentence,
                lowers,
                lemmas,
                parsed=False,
                learned=taught,
                types=infos,
                text=text,
            )
        if shown is not sents:
            shown.renumber(hits)
        return hits, shown, n_words

    def _hits(
        self,
        doc: Doc,
        cands: list[tuple[int, tuple]],
        sents: Sentences,
        lowers: list[int],
        lemmas: list[int],
        cue_lists: Callable[[], list[tuple[SeqIndex, ...] | None]],
        *,
        set_lemmas: bool = False,
        text_of: Callable[[int, int], str] | None = None,
    ) -> list[Hit]:
        raw = self._raw(doc, cands, sents, lowers, lemmas, set_lemmas=set_lemmas)
        if not raw:
            return []
        sent_of = sents.of
        hits = self._resolve(raw, lowers, sent_of)
        if not hits or not self.cues:
            return hits
        # cues act within a sentence and a scope: only those near a hit can matter
        reach = self.index.cue_reach
        windows: list[list[int]] = []  # merged token ranges around the hits, within their sentences
        firsts = sents.starts
        lasts = [*firsts[1:], sents.n]  # sentence bounds without a call per hit
        for h in hits:  # conditional expressions, not max() and min(): no call per hit
            lo, hi = h.start - reach, h.end + reach
            first, last = firsts[h.sent], lasts[h.sent]
            lo, hi = first if first > lo else lo, last if last < hi else hi
            if windows and lo <= windows[-1][1]:
                if hi > windows[-1][1]:
                    windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        cue_list = cue_lists()
        # the tokens that can start a cue, found in C (compress); then only those in a window
        at_cue = list(compress(range(len(cue_list)), cue_list))
        n = len(lowers)
        cue_cands = [
            (i, c)
            for lo, hi in windows
            for i in at_cue[bisect_left(at_cue, lo) : bisect_left(at_cue, hi)]
            for index in cue_list[i]  # type: ignore[union-attr]  # compress kept only the i with a tuple
            # SeqIndex.at finds nothing unless a neighbour keys its tables (the _raw test): no call then
            if index.rest
            or (i + 1 < n and (lowers[i + 1] in (nx := index.by_next) or lemmas[i + 1] in nx))
            or (i and (lowers[i - 1] in (pv := index.by_prev) or lemmas[i - 1] in pv))
            for c in index.at(i, lowers, lemmas)
        ]
        targets = {c.target for _, c in cue_cands}
        valences = frozenset([h.entry.valence for h in hits])
        if not targets or (self.settle and self._settled[valences] >= targets):
            return hits  # no cue near that could change a hit (a fifth of the reviews with hits)
        # the context rules reread the words the cue rules read, as looked up ("níet": "niet")
        words = LowerWords(self.strings, lowers)
        # a cue that asks for words near it or in its sentence (settle False: held_cues reads them all)
        held = not self.settle or not self._asking.isdisjoint(targets)
        if cue_hits := self._cue_hits(cue_cands, lowers, lemmas, sent_of, words, sents, held):
            ends = with_line_ends(cue_hits, lowers, self.index.line_ids, lambda k: doc[k].text)
            text_of = text_of or (lambda s, e: doc[s:e].text)
            apply_cues(self.index, hits, ends, sent_of, len(doc), words, text_of, settle=self.settle)
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
        n = len(lowers)
        for i, (singles, seqs, _) in cands:
            for idx in singles:
                raw.add((i, i + 1, idx))
            # SeqIndex.at returns only gapped or one-word sequences (rest) and those its tables hold
            # under the next or previous token's form or lemma: most anchors have neither, and skip
            # the call (the same lowers and lemmas as the call's, those of the whitespace view if any)
            if seqs is not None and (
                seqs.rest
                or (i + 1 < n and (lowers[i + 1] in (nx := seqs.by_next) or lemmas[i + 1] in nx))
                or (i and (lowers[i - 1] in (pv := seqs.by_prev) or lemmas[i - 1] in pv))
            ):
                for seq in seqs.at(i, lowers, lemmas):
                    end = match_seq(seq, i, lowers, lemmas, sent_of)
                    if end is not None:
                        raw.add((end - seq.size if not seq.gap else i, end, seq.target))
        # the (token, pattern key) pairs of the anchors: one comprehension, no call per anchor
        anchors = [(i, key) for i, (_, _, keys) in cands if keys for key in keys]
        ix = self.index
        if anchors or ix.free_matcher is not None:
            if set_lemmas and ix.spacy_patterns:  # spaCy's Matcher reads lemmas off the doc
                doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64).reshape(-1, 1))  # type: ignore[arg-type]  # numpy array for thinc Ints2d
            for idx, start, end in pattern_matches(ix, doc, anchors, sents, lowers, lemmas):
                if sent_of[start] == sent_of[end - 1]:
                    raw.add((start, end, idx))
        return raw

    def _resolve(self, raw: set[tuple[int, int, int]], lowers: list[int], sent_of: Any) -> list[Hit]:
        """Drop excluded hits, then keep the longest of overlapping same-concept hits."""
        kept = self._unexcluded(raw, lowers, sent_of)
        # longest first, then heavier, more specific (overlap_rank), earlier: the same whatever the set order
        rank, trim = self.index.rank, self.index.trim_end
        kept.sort(key=lambda r: (r[0] - r[1], rank[r[2]], r[0], r[2]))
        # the tokens each concept's kept hits cover: an overlap test costs the hit's length,
        # not the number of hits kept so far (a long sentence can hold thousands)
        taken: dict[str, set[int]] = {}
        hits: list[Hit] = []
        for start, end, idx in kept:
            end -= idx in trim  # a closing punctuation mark the pattern needs is not part of the hit
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
        exclusions = self.index.exclusions
        excluded = exclusions.excluded
        return [r for r in raw if r[2] not in exclusions or not excluded(r, lowers, sent_of)]

    def _cue_hits(
        self,
        cands: list[tuple[int, Seq]],
        lowers: list[int],
        lemmas: list[int],
        sent_of: Any,
        words: LowerWords,
        sents: Sentences,
        held: bool = True,
    ) -> list[CueHit]:
        opens, cues = self.index.opens, self.cues
        # a comprehension, not a loop of appends: no call per cue found
        found = [
            _cue_hit((i, end, cue))
            for i, seq in cands
            if (end := i + 1 if seq.size == 1 else match_seq(seq, i, lowers, lemmas, sent_of)) is not None
            and (not (cue := cues[seq.target]).opens or opens(words, i, sents.sentence(sent_of[i])[0], cue))
        ]
        # in token order already: cue candidates are gathered left to right
        # held_cues drops only cues that ask for words (and_after, in_sentence_with): with none among
        # the candidates it would return ``found`` as it is
        return one_per_slot(held_cues(found, words, sent_of) if held else found) if found else []
