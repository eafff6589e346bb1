"""The referent taxonomy compiled for one vocabulary, and the attribution of a doc's hits.

:class:`ReferentIndex` keeps per-word-type look-ups (mention words, clause
boundaries, line breaks), finds the mentions of each sentence that holds a
hit, and applies the rules of :mod:`trustlex.matching.referents` to every hit.
"""

from __future__ import annotations

import functools
from itertools import compress
from operator import itemgetter
from typing import Any

import numpy as np
from spacy.attrs import HEAD

from trustlex.lexicon.referents import NONE, Taxonomy, shipped_taxonomy
from trustlex.matching.mentions import (
    Mention,
    _exclude_index,
    _longest,
    ends_phrase,
    find_mentions,
    named_parties,
    phrase_table,
    word_info,
)
from trustlex.matching.names import Names, _patterns, doc_names, name_mentions
from trustlex.matching.proper_names import learned_names, merged
from trustlex.matching.referent_bosses import pair_party
from trustlex.matching.referent_parties import BOUNDARY_PUNCT, felt, uncontrasted
from trustlex.matching.referents import _attribute

_START, _END = itemgetter(0), itemgetter(1)  # a Mention's start and end
# the word of a scan's per-type tuple (LexiconIndex.type_info): its last field, the text of its lookup key
_WORD = itemgetter(6)


@functools.lru_cache(maxsize=8)
def shared_shipped(lang: str) -> tuple[Taxonomy, dict]:
    """Return the shipped taxonomy of ``lang`` and its phrase table, built once per process.

    Every engine without a taxonomy of its own reads these two, and none
    changes them: what an engine learns (the per-type caches, the types seen)
    lives in its :class:`ReferentIndex`. Copying the taxonomy per engine cost
    more than the rest of building an engine.
    """
    tax = shipped_taxonomy(lang)
    return tax, phrase_table(tax)


def _heads(doc: Any) -> list[int] | None:
    """The absolute head index of every token when the doc has a dependency parse, else None."""
    if not doc.has_annotation("DEP"):
        return None
    return (doc.to_array(HEAD).astype(np.int64) + np.arange(len(doc))).tolist()


def _own(local: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The mentions of ``local`` (doc token indexes) inside tokens ``lo:hi``, numbered from ``lo``.

    A name the sentencizer cut in two ("U.S. | Bank") mentions nobody.
    """
    return [Mention(m.start - lo, m.end - lo, m.referent) for m in local if lo <= m.start and m.end <= hi]


def _felt(
    concept: str,
    limited: list[tuple] | None,
    mentions: list[Mention],
    start: int,
    end: int,
    breaks: list[int],
    words: Any,
    rules: Any,
) -> tuple[Mention | None, list[Mention]]:
    """(:func:`felt` of a hit, the mentions looked among): the employees only where named for ``concept``."""
    among = [m for m, only in limited if only is None or concept in only] if limited else mentions
    return felt(concept, among, start, end, breaks, words, rules), among


def mention_gate(tax: Taxonomy) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(terms, prefixes, suffixes): a lowercase word none of whose tests passes has no :func:`word_info`.

    :func:`word_info` (with no lemma) finds something only for a word of
    ``tax.words``, ``tax.phrases`` (a phrase's last word) or ``tax.cased``, a
    word holding a hyphen or a slash (its parts), or one that starts with a
    wildcard's prefix or ends with its suffix. :meth:`ReferentIndex.learn` asks
    these first: on a first pass it meets thousands of new word types, and
    most of them are none of these. tests/unit/test_referent_learn_gate.py
    holds it to :func:`word_info`, also for the corpora's words.
    """
    terms = frozenset(tax.words).union(tax.phrases, tax.cased)
    return terms, tuple(tax.prefixes), tuple(tax.suffixes)


class ReferentIndex:
    """A taxonomy compiled for one vocabulary: per-word-type look-ups, cached, and the attribution of hits.

    Parameters
    ----------
    taxonomy : Taxonomy or None
        The referent taxonomy; None: the shipped one of ``lang``.
    strings : StringStore
        The vocabulary's strings (token ids to text).
    lang : str
        The language (for the shipped taxonomy).
    """

    def __init__(self, taxonomy: Taxonomy | None, strings: Any, lang: str = "") -> None:
        if taxonomy is None:
            self.taxonomy, self.phrases = shared_shipped(lang)
        else:
            self.taxonomy, self.phrases = taxonomy, phrase_table(taxonomy)
        self.strings = strings
        # decided once: Taxonomy.__bool__ is a Python call, and so is splitting the concept-limited terms
        self.filled = bool(self.taxonomy)
        self.only_firsts = frozenset(term.split(" ")[0] for term in self.taxonomy.only)
        # the exclude phrases by word, as find_mentions reads them (the terms are fixed, as for phrases)
        self.exclusions = _exclude_index(self.taxonomy) if self.taxonomy.exclude else None
        self.cache: dict[Any, tuple | None] = {}
        # per form id, learnt once: whether it takes part in some mention (for a taxonomy without
        # lemmas), ends a clause, holds a line break; sets, so C-level look-ups decide per token
        self.live: set[int] = set()
        self.marks: set[int] = set()
        self.breaks: set[int] = set()
        self.seen: set[int] = set()
        # live or marks: one C-level pass over a sentence finds both kinds of token
        self.either: set[int] = set()
        # live forms that name a party alone or as written (not only a phrase's last word: "of")
        self.solid: set[int] = set()
        self.cased: set[int] = set()  # live forms whose term matches only as written ("TL"), or units
        self.words: dict[int, str] = {}  # form id -> its text: a StringStore look-up decodes every time
        # what learn() asks of a word before word_info() runs: most words are in no term (see mention_gate)
        self.gate = mention_gate(self.taxonomy)
        # organisations an English text names by their own name, learnt from its frames where the file
        # lists the capitalised words that are no name (proper_names: the frames are English)
        self.learns = self.taxonomy.language == "en" and bool(self.taxonomy.rules.name_skips)

    def info(self, low: int, lem: int = 0) -> tuple | None:
        """Return :func:`word_info` of a token by its form's and lemma's string ids; ``()`` for none (cached).

        The lemma is read only when the taxonomy has ``lemmas``; otherwise the
        cache is keyed by the form alone.
        """
        key = (low, lem) if self.taxonomy.lemmas else low
        try:
            return self.cache[key]
        except KeyError:
            strings = self.strings
            lemma = strings[lem].lower() if lem and self.taxonomy.lemmas else None
            out = self.cache[key] = word_info(self.taxonomy, strings[low].lower(), lemma) or ()
            return out

    def learn(self, types: set[int] | dict[int, str]) -> None:
        """Record what form ids ``types`` (or ids -> texts: no decode) are: mentions, clause ends, breaks."""
        strings, words = self.strings, self.words
        by_form = not self.taxonomy.lemmas
        boundaries, units = self.taxonomy.rules.boundaries, self.taxonomy.rules.units
        terms, prefixes, suffixes = self.gate
        # is_boundary() inlined below: a call per new type of a first pass
        pairs = types.items() if isinstance(types, dict) else ((low, strings[low]) for low in types)
        for low, word in pairs:
            words[low] = word
            if word in boundaries or (len(word) <= 2 and word in BOUNDARY_PUNCT) or "\n" in word:
                self.marks.add(low)
                self.either.add(low)
                if "\n" in word:
                    self.breaks.add(low)
            if not by_form:
                continue
            lower = word.lower()  # a word the gate shuts out is no mention: no cache entry, info() gives ()
            if not (
                lower in terms
                or "-" in lower
                or "/" in lower
                or (prefixes and lower.startswith(prefixes))
                or (suffixes and lower.endswith(suffixes))
            ):
                continue
            if info := self.info(low):
                self.live.add(low)
                self.either.add(low)
                if info[0] is not None or info[2] is not None:
                    self.solid.add(low)
                if info[2] is not None or lower in units:  # a unit's text, and the next one's, too
                    self.cased.add(low)
        self.seen.update(types)

    def attribute(
        self,
        hits: list,
        doc: Any,
        bounds: Any,
        lowers: list[int],
        lemmas: list[int],
        parsed: bool = True,
        learned: bool = False,
        types: list[tuple] | None = None,
        text: str | None = None,
    ) -> None:
        """Set ``referent``, ``referent_text``, ``referent_how`` and ``referent_dist`` on each hit.

        Parameters
        ----------
        hits : list of Hit
            The doc's hits (their ``sent`` set).
        doc : Doc
            The doc (for the mention's text).
        bounds : callable
            ``bounds(sent)`` returns the (start, end) tokens of sentence ``sent``.
        lowers, lemmas : list of int
            String ids of the tokens' lowercase forms and lemmas.
        parsed : bool, default True
            Whether the doc may have a dependency parse (False for a doc straight
            from the tokenizer: the parse rule is not looked for).
        learned : bool, default False
            Whether :meth:`learn` has seen every type of ``lowers`` (the scan teaches it new ones).
        types : list of tuple or None
            The scan's per-type tuple of every token
            (:meth:`~trustlex.matching.index.LexiconIndex.type_info`), whose last field is the
            word :attr:`words` holds for it: a sentence's words are read from
            these tuples, which the scan has just read, rather than looked up in :attr:`words`, a dict
            of every type met, whose entries for rare words a first pass finds out of the CPU's cache
            (a third of the time that reading cost). None: from :attr:`words`.
        text : str or None
            ``doc.text``, where the caller holds it: the learnt names are searched in it, and
            spaCy builds ``doc.text`` from a Token object per token. None: ``doc.text``.

        The parties ``doc`` is about (:func:`trustlex.matching.names.set_names`)
        are mentions too, next to the taxonomy's terms. Hits left at ``none`` are
        attributed once more with the organisations the text names in a frame
        that says so (:mod:`trustlex.matching.proper_names`), where the
        taxonomy's rules list ``name_skips``.
        """
        named = doc_names(doc)
        if not hits or not (self.filled or named):
            return
        self._run(hits, doc, bounds, lowers, lemmas, parsed, learned, named, types, text)
        if self.learns:
            self._learned(hits, doc, bounds, lowers, lemmas, parsed, named, types, text)

    def _learned(
        self,
        hits: list,
        doc: Any,
        bounds: Any,
        lowers: list,
        lemmas: list,
        parsed: bool,
        named: Names,
        types: list[tuple] | None,
        text: str | None = None,
    ) -> None:
        """Attribute the hits left at ``none`` or ``employees`` again, with the organisations the text names.

        Only a hit whose sentence mentions a learnt name (one the user did not give) can change.
        """
        rest = [h for h in hits if h.referent in (NONE, "employees")]  # employees: where none else is named
        if not rest:
            return
        if text is None:  # Doc.text joins a Token object per token: as dear as the search itself
            text = doc.text
        tax = self.taxonomy  # its terms with a capital are no names ("Management", "NARA")
        if not (learned := learned_names(text, tax.rules, tax.words, tax.cased)):
            return
        names = merged(named, learned)  # the user's names first, then the learnt ones they lack
        # where the learnt names stand: name_mentions' expressions, without its tokens
        found = [m.span() for pattern, _ in _patterns(names[len(named) :]) for m in pattern.finditer(text)]
        if not found:
            return
        has: dict[int, bool] = {}
        again = []
        for hit in rest:
            ok = has.get(hit.sent)
            if ok is None:  # a sentence that overlaps one (_own counts a mention inside it only)
                lo, hi = bounds(hit.sent)
                a, b = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
                ok = has[hit.sent] = any(s < b and e > a for s, e in found)
            if ok:
                again.append(hit)
        if again:
            self._run(again, doc, bounds, lowers, lemmas, parsed, True, names, types, text)

    def _run(
        self,
        hits: list,
        doc: Any,
        bounds: Any,
        lowers: list[int],
        lemmas: list[int],
        parsed: bool,
        learned: bool,
        named: Names,
        types: list[tuple] | None = None,
        text: str | None = None,
    ) -> None:
        """:meth:`attribute` with the parties ``named`` for the doc (names given, and learnt)."""
        local = name_mentions(doc, named, text) if named else None
        heads: list = [False if parsed else None]  # looked up on the first sentence that names somebody
        rules = self.taxonomy.rules
        felt_by = rules.felt
        per_sent: dict[Any, tuple] = {}
        sent = -1
        got: tuple | None = ()
        for hit in hits:
            if hit.sent != sent:  # a sentence's hits come one after another: its index once for them all
                sent = hit.sent
                got = per_sent.get(sent)
                if got is None:  # inlined: no call per sentence but sentence()'s
                    lo, hi = bounds(sent)
                    got = per_sent[sent] = self.sentence(doc, lo, hi, lowers, lemmas, learned, local, types)
                    if got:  # and the tokens' heads (None: no parse)
                        got = per_sent[sent] = (
                            self._with_heads(got, doc, lo, heads) if parsed else (*got, None)
                        )
                if not got:
                    continue
                lo, parties_all, words, marks, breaks, names, spans_all, limited, mentions, sent_heads = got
            elif not got:
                continue
            concept = hit.entry.concept
            parties, spans = parties_all, spans_all
            if limited:  # some mention names its party for some concepts only ("people")
                parties, spans = self._for_concept(limited, concept, per_sent, sent, breaks)
                if not parties:
                    continue
            start, end = hit.start - lo, hit.end - lo
            m = None
            among = mentions
            if concept in felt_by:  # felt(), which finds nobody for the other concepts, not called for them
                m, among = _felt(concept, limited, mentions, start, end, breaks, words, rules)
            how = "pattern"
            if m is None:
                m, how = _attribute(
                    start, end, concept, parties, words, sent_heads, marks, breaks, rules, spans
                )
                if m is None:
                    m = pair_party(start, end, concept, among, parties, words, rules)
                    how = "pattern" if m is not None else how
            if m is not None:
                text = names.get(m)
                if text is None:  # a mention speaks for many hits as a rule: its text once
                    a = lo + m.start
                    text = names[m] = doc[a].text if m.end - m.start == 1 else doc[a : lo + m.end].text
                hit.referent, hit.referent_how, hit.referent_text = m.referent, how, text
                # distance(), inlined: max(0, start - m.end, m.start - end) without a call
                d, e = start - m.end, m.start - end
                d = e if e > d else d
                hit.referent_dist = d if d > 0 else 0

    @staticmethod
    def _with_heads(got: tuple, doc: Any, lo: int, heads: list) -> tuple:
        """:meth:`sentence`'s ``got`` of the sentence from token ``lo``, and its tokens' heads (or None).

        ``heads`` holds the doc's heads (False: not looked up yet; None: no parse).
        """
        if heads[0] is False:
            heads[0] = _heads(doc)
        if heads[0] is None:
            return (*got, None)
        n = len(got[2])  # a head outside trustlex's sentence counts as a root
        return (*got, [h - lo if lo <= h < lo + n else k for k, h in enumerate(heads[0][lo : lo + n])])

    def sentence(
        self,
        doc: Any,
        lo: int,
        hi: int,
        lowers: list[int],
        lemmas: list[int],
        learned: bool = False,
        local: list[Mention] | None = None,
        types: list[tuple] | None = None,
    ) -> tuple:
        """Return what attribution needs of sentence ``lo:hi`` (its tokens); ``()`` if it names nobody.

        That is (lo, the named parties, the lowercase words (a tuple), the indexes of
        the clause boundaries and of the line breaks, a cache of mention
        texts). Only the tokens that take part in a mention are looked at
        one by one; the rest is C-level look-ups over the token ids.
        ``local`` holds the doc's mentions of the parties named for it (doc
        token indexes); where one overlaps a taxonomy term, the longer wins.
        ``types``: the scan's per-type tuple of each token (see :meth:`attribute`).
        """
        sl = lowers[lo:hi]
        n = hi - lo
        own = _own(local, lo, hi) if local else ()
        # most sentences name nobody: set operations in C over the token ids decide that without a loop
        if not learned and not self.seen.issuperset(sl):
            self.learn(set(sl).difference(self.seen))
        breaks: list[int] = []
        if self.taxonomy.lemmas:
            at, marks, breaks, infos, texts = self._by_lemma(doc, lo, sl, lemmas[lo:hi])
        else:
            live = self.live
            if not own and live.isdisjoint(sl):  # most sentences: no call further
                return ()
            # one C-level pass finds the tokens that take part in a mention or end a clause; a loop over
            # those few sorts them (a line break ends a clause too)
            at = []
            marks = []
            infos = {}
            cache, mark_ids, break_ids = self.cache, self.marks, self.breaks
            for k in compress(range(n), map(self.either.__contains__, sl)):
                low = sl[k]
                if low in live:
                    at.append(k)
                    infos[k] = cache[low]
                if low in mark_ids:
                    marks.append(k)
                    if low in break_ids:
                        breaks.append(k)
            # only the last words of phrases ("of", "culture"): no word list unless a phrase ends here
            if (
                not own
                and self.solid.isdisjoint(map(sl.__getitem__, at))
                and not ends_phrase(self.words, sl, at, self.phrases)
            ):
                return ()
            # the tokens' text where a term matches only as written ("TL")
            cased = self.cased
            texts = (
                {j: doc[lo + j].text for k in at if sl[k] in cased for j in (k, k + 1) if j < n}
                if not cased.isdisjoint(map(sl.__getitem__, at))
                else None
            )
        if not at and not own:
            return ()
        # lowercase already; an itemgetter of the ids reads them in one C loop (a map over a bound
        # __getitem__ pays a method call per token), as a tuple: the rules only index and slice it
        if types is not None:  # the scan's tuples of these tokens: still in the CPU's cache
            words = tuple(map(_WORD, types[lo:hi]))
        else:
            words = itemgetter(*sl)(self.words) if n > 1 else (self.words[sl[0]],)
        mentions = []
        if at:
            mentions = find_mentions(
                words, None, self.taxonomy, infos, texts, at, self.phrases, self.exclusions
            )
        if own:
            mentions = _longest([*own, *mentions])
        if not mentions:
            return ()
        if len(mentions) > 1:  # uncontrasted() and named_parties() keep a mention alone as it is
            mentions = uncontrasted(mentions, words, self.taxonomy.rules)
        parties = named_parties(mentions, breaks) if len(mentions) > 1 else mentions
        spans = (list(map(_START, parties)), list(map(_END, parties)))  # no comprehension's frame
        # a term limited to some concepts ("people") starts with one of only_firsts: most sentences have none
        limited = (
            self._limited(mentions, words)
            if self.only_firsts and not self.only_firsts.isdisjoint([words[m.start] for m in mentions])
            else None
        )
        return lo, parties, words, marks, breaks, {}, spans, limited, mentions

    def _limited(self, mentions: list[Mention], words: Any) -> list[tuple] | None:
        """Each mention and the concepts its term is limited to (None: any); None if no term is limited."""
        only = self.taxonomy.only
        terms = [
            words[m.start] if m.end - m.start == 1 else " ".join(words[m.start : m.end]) for m in mentions
        ]
        if only.keys().isdisjoint(terms):
            return None
        return [(m, only.get(t)) for m, t in zip(mentions, terms, strict=True)]

    def _by_lemma(self, doc: Any, lo: int, sl: list[int], lemmas: list[int]) -> tuple:
        """:meth:`sentence`'s tokens for a taxonomy with ``lemmas``: each token's :meth:`info` (form, lemma).

        That is (the indexes of the tokens in some mention, of the clause
        boundaries, of the line breaks; the tokens' infos; their text where
        a term matches only as written, and after a unit's word) of the sentence from token ``lo``,
        whose form ids are ``sl`` and lemma ids ``lemmas``.
        """
        n = len(sl)
        infos: list[Any] = list(map(self.info, sl, lemmas))  # a tuple at each index of ``at``
        at = list(compress(range(n), infos))
        got = [k for k in at if infos[k][2] or self.words[sl[k]].lower() in self.taxonomy.rules.units]
        texts = {j: doc[lo + j].text for k in got for j in (k, k + 1) if j < n} if got else None
        marks = list(compress(range(n), map(self.marks.__contains__, sl)))
        breaks = [k for k in marks if sl[k] in self.breaks] if self.breaks else []  # they end clauses too
        return at, marks, breaks, infos, texts

    @staticmethod
    def _for_concept(
        limited: list[tuple], concept: str, cache: dict, sent: int, breaks: list[int]
    ) -> tuple[list, tuple]:
        """A sentence's named parties (and spans) for ``concept``, less mentions limited to others.

        ``cache`` is the per-sentence cache of :meth:`attribute`; its keys here
        are (sentence, concept) pairs, which no sentence number equals.
        """
        key = (sent, concept)
        got = cache.get(key)
        if got is None:
            allowed = [m for m, only in limited if only is None or concept in only]
            kept = named_parties(allowed, breaks)
            got = cache[key] = (kept, ([m.start for m in kept], [m.end for m in kept]))
        return got
