"""The matching engine: lexicon entries and context cues applied to a spaCy Doc.

Speed comes from deciding once per distinct word type, not per token, whether
a word can start a hit or a cue. Each token costs two dictionary look-ups (its
lowercase form and its lemma); the few tokens that are interesting are then
checked in full. A spaCy ``Matcher`` runs only for raw ``pattern`` entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from trustlex.concepts import resolve_valence
from trustlex.errors import LexiconError
from trustlex.lexicon import ContextRules, Cue, Entry
from trustlex.morph import inflections

_MISS = object()
# Valence algebra of the context rules, documented in lexicons/README.md.
_NEGATE = {"+": "-", "0": "-", "-": "+"}


@dataclass(frozen=True)
class _Seq:
    """A multi-token sequence (entry phrase or cue phrase) as token predicates."""

    target: int  # entry index or cue index
    preds: tuple[tuple[bool, frozenset[int]], ...]  # (is_lemma, accepted hashes)
    gap: int


@dataclass
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
        """Return the plain dict stored on ``span._.trustlex`` (DocBin-friendly)."""
        return {
            "concept": self.entry.concept,
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


def _lemma_cue_words(cue: Cue) -> list[list[str]]:
    return [t.split() for t in cue.lemmas]


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
    ) -> None:
        self.vocab = vocab
        self.lang = lang
        self.strings = vocab.strings
        self.entries = entries
        self.cues: list[Cue] = list(rules.cues) if rules else []
        self.min_weight = min_weight
        self._term1: dict[str, list[int]] = {}
        self._lemma1: dict[str, list[int]] = {}
        self._form1: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: dict[str, list[int]] = {}
        self._seq_lower: dict[str, list[_Seq]] = {}
        self._seq_lemma: dict[str, list[_Seq]] = {}
        self._cue_lower: dict[str, list[_Seq]] = {}
        self._cue_lemma: dict[str, list[_Seq]] = {}
        self._exclude: dict[int, list[tuple[str, ...]]] = {}
        self._lower_cache: dict[int, Any] = {}
        self._lemma_cache: dict[int, Any] = {}
        self._matcher: Matcher | None = None
        self._compile_entries()
        self._compile_cues()

    # -- compilation ---------------------------------------------------------

    def _ids(self, word: str, *, inflect: bool = False) -> frozenset[int]:
        words = {word} | (inflections(word, self.lang) if inflect else set())
        return frozenset(self.strings.add(w) for w in words)

    def _index_first(self, table: dict[str, list[_Seq]], word: str, seq: _Seq, *, inflect: bool) -> None:
        for w in {word} | (inflections(word, self.lang) if inflect else set()):
            table.setdefault(w, []).append(seq)

    def _compile_entries(self) -> None:
        for idx, e in enumerate(self.entries):
            if e.exclude:
                self._exclude[idx] = [tuple(x.split()) for x in e.exclude]
            if e.kind == "pattern":
                self._add_pattern(idx, e)
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
                seq = _Seq(idx, tuple((is_lemma, self._ids(w, inflect=is_lemma)) for w in words), e.gap)
                if is_lemma:
                    self._seq_lemma.setdefault(words[0], []).append(seq)
                # the phrase also matches its words as written (and, for lemmas, their forms)
                self._index_first(self._seq_lower, words[0], seq, inflect=is_lemma)

    def _add_pattern(self, idx: int, e: Entry) -> None:
        if self._matcher is None:
            self._matcher = Matcher(self.vocab, validate=True)
        try:
            self._matcher.add(str(idx), [e.value])
        except Exception as exc:  # spaCy raises ValueError or MatchPatternError
            detail = " ".join(str(exc).split())
            msg = f"entry ({e.id}): invalid spaCy token pattern: {detail}"
            raise LexiconError(msg, path=e.path, line=e.line, field="pattern") from exc

    def _compile_cues(self) -> None:
        for idx, cue in enumerate(self.cues):
            for term in cue.terms:
                words = term.split()
                seq = _Seq(idx, tuple((False, self._ids(w)) for w in words), 0)
                self._cue_lower.setdefault(words[0], []).append(seq)
            for words in _lemma_cue_words(cue):
                seq = _Seq(idx, tuple((True, self._ids(w, inflect=True)) for w in words), 0)
                self._cue_lemma.setdefault(words[0], []).append(seq)
                self._index_first(self._cue_lower, words[0], seq, inflect=True)

    # -- per-type information (cached) ---------------------------------------

    def _info_lower(self, key: int) -> tuple | None:
        text = self.strings[key]
        singles = list(self._term1.get(text, ()))
        singles.extend(self._lemma1.get(text, ()))  # lemma entries also match the form itself
        singles.extend(self._form1.get(text, ()))
        if self._prefix or self._suffix:
            for k in range(1, len(text) + 1):
                singles.extend(self._prefix.get(text[:k], ()))
                singles.extend(self._suffix.get(text[-k:], ()))
        for core, idxs in self._infix.items():
            if core in text:
                singles.extend(idxs)
        seqs = self._seq_lower.get(text, ())
        cues = self._cue_lower.get(text, ())
        if not (singles or seqs or cues):
            return None
        return tuple(dict.fromkeys(singles)), tuple(seqs), tuple(cues)

    def _info_lemma(self, key: int) -> tuple | None:
        text = self.strings[key].lower()
        singles = self._lemma1.get(text, ())
        seqs = self._seq_lemma.get(text, ())
        cues = self._cue_lemma.get(text, ())
        if not (singles or seqs or cues):
            return None
        return tuple(singles), tuple(seqs), tuple(cues)

    # -- matching -------------------------------------------------------------

    def find(self, doc: Doc) -> list[Hit]:
        """Return the hits of ``doc`` with context applied, in document order."""
        n = len(doc)
        if n == 0:
            return []
        lowers = doc.to_array(LOWER).tolist()
        lemmas = doc.to_array(LEMMA).tolist()
        lower_cache = self._lower_cache
        lemma_cache = self._lemma_cache
        single_hits: list[tuple[int, int]] = []
        seq_cands: list[tuple[int, _Seq]] = []
        cue_cands: list[tuple[int, _Seq]] = []
        for i, (low, lem) in enumerate(zip(lowers, lemmas, strict=True)):
            info = lower_cache.get(low, _MISS)
            if info is _MISS:
                info = lower_cache[low] = self._info_lower(low)
            if info is not None:
                single_hits.extend((i, idx) for idx in info[0])
                seq_cands.extend((i, s) for s in info[1])
                cue_cands.extend((i, s) for s in info[2])
            if lem != low and lem:
                info = lemma_cache.get(lem, _MISS)
                if info is _MISS:
                    info = lemma_cache[lem] = self._info_lemma(lem)
                if info is not None:
                    single_hits.extend((i, idx) for idx in info[0])
                    seq_cands.extend((i, s) for s in info[1])
                    cue_cands.extend((i, s) for s in info[2])
        if not single_hits and not seq_cands and self._matcher is None:
            return []
        sent_of = _sentence_ids(doc)
        raw: set[tuple[int, int, int]] = {(i, i + 1, idx) for i, idx in single_hits}
        for i, seq in seq_cands:
            end = _match_seq(seq, i, lowers, lemmas, sent_of)
            if end is not None:
                raw.add((i, end, seq.target))
        if self._matcher is not None:
            for key, start, end in self._matcher(doc):
                if sent_of[start] == sent_of[end - 1]:
                    raw.add((start, end, int(self.strings[key])))
        if not raw:
            return []
        hits = self._resolve(raw, lowers, sent_of)
        if not hits:
            return []
        cue_hits = self._cue_hits(cue_cands, lowers, lemmas, sent_of)
        for hit in hits:
            self._apply_context(hit, cue_hits, doc, sent_of)
        return hits

    def _resolve(self, raw: set[tuple[int, int, int]], lowers: list[int], sent_of: Any) -> list[Hit]:
        """Drop excluded hits, then keep the longest of overlapping same-concept hits."""
        kept = [r for r in raw if r[2] not in self._exclude or not self._excluded(r, lowers, sent_of)]
        # Longest first, then heavier, then earlier: deterministic whatever the set order.
        kept.sort(key=lambda r: (-(r[1] - r[0]), -self.entries[r[2]].weight, r[0], r[2]))
        taken: dict[str, list[tuple[int, int]]] = {}
        hits: list[Hit] = []
        for start, end, idx in kept:
            entry = self.entries[idx]
            spans = taken.setdefault(entry.concept, [])
            if any(start < e and s < end for s, e in spans):
                continue
            spans.append((start, end))
            hits.append(Hit(start, end, entry, sent=int(sent_of[start]), valence=entry.valence))
        hits.sort(key=lambda h: (h.start, h.end, h.entry.concept))
        return hits

    def _excluded(self, r: tuple[int, int, int], lowers: list[int], sent_of: Any) -> bool:
        start, end, idx = r
        n = len(lowers)
        sent = sent_of[start]
        for phrase in self._exclude[idx]:
            k = len(phrase)
            for s in range(max(0, start - k + 1), min(end, n - k + 1)):
                if sent_of[s] != sent or sent_of[s + k - 1] != sent:
                    continue
                if all(_word_matches(self.strings[lowers[s + j]], phrase[j]) for j in range(k)):
                    return True
        return False

    def _cue_hits(
        self,
        cands: list[tuple[int, _Seq]],
        lowers: list[int],
        lemmas: list[int],
        sent_of: Any,
    ) -> list[tuple[int, int, Cue]]:
        found = []
        for i, seq in cands:
            end = _match_seq(seq, i, lowers, lemmas, sent_of)
            if end is not None:
                found.append((i, end, self.cues[seq.target]))
        if not found:
            return []
        pseudo = [(s, e) for s, e, c in found if c.kind == "pseudo"]
        found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int, Cue]] = []
        for s, e, cue in found:
            if cue.kind != "pseudo" and any(s < pe and ps < e for ps, pe in pseudo):
                continue
            if any(s < ke and ks < e and kc.kind == cue.kind for ks, ke, kc in kept):
                continue
            kept.append((s, e, cue))
        kept.sort(key=lambda x: x[0])
        return kept

    def _apply_context(self, hit: Hit, cue_hits: list[tuple[int, int, Cue]], doc: Doc, sent_of: Any) -> None:
        """Set the hit's final valence from the cues whose scope reaches it."""
        if not cue_hits:
            return
        concept = hit.entry.concept
        terms = [(s, e) for s, e, c in cue_hits if c.kind == "termination" and hit.sent == sent_of[s]]
        best: dict[str, tuple[int, int, int, Cue]] = {}
        for s, e, cue in cue_hits:
            if cue.kind in ("termination", "pseudo") or not cue.applies_to(concept):
                continue
            if s < hit.end and hit.start < e:
                continue  # a cue inside the hit is part of the entry, not context
            if sent_of[s] != hit.sent:
                continue
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
            if group not in best or dist < best[group][0]:
                best[group] = (dist, s, e, cue)
        valence = hit.entry.valence
        applied: list[tuple[str, str]] = []
        if "modifier" in best:
            _, s, e, cue = best["modifier"]
            new = "+" if cue.kind == "positive" and valence == "0" else valence
            if cue.kind == "negative" and valence in ("0", "+"):
                new = "-"
            if new != valence:
                valence = new
                applied.append((cue.kind, doc[s:e].text))
        if "negation" in best:
            _, s, e, cue = best["negation"]
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

    def units(self, hits: list[Hit], *, by_sentence: bool = True) -> list[dict[str, Any]]:
        """Collapse hits into one row per (sentence, concept), or per concept for the whole doc."""
        return collapse(
            ((h.sent if by_sentence else 0, h.entry.concept, h.valence, h.entry.weight, h) for h in hits),
            self.min_weight,
        )


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
        total = sum(w for _, w, _ in hs)
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


def _word_matches(word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _match_seq(seq: _Seq, i: int, lowers: list[int], lemmas: list[int], sent_of: Any) -> int | None:
    """Return the end of ``seq`` matched from token ``i``, or None."""
    n = len(lowers)
    pos = i + 1
    sent = sent_of[i]
    for is_lemma, ids in seq.preds[1:]:
        found = None
        for j in range(pos, min(n, pos + seq.gap + 1)):
            if sent_of[j] != sent:
                break
            if lowers[j] in ids or (is_lemma and lemmas[j] in ids):
                found = j
                break
        if found is None:
            return None
        pos = found + 1
    return pos


def _sentence_ids(doc: Doc) -> Any:
    """Return an array giving the 0-based sentence number of every token."""
    starts = doc.to_array(SENT_START)
    marks = starts == 1
    marks[0] = True
    return np.cumsum(marks) - 1
