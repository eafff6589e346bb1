"""Build ``langdetect.txt.gz``, the data of :mod:`trustlex.lang.detect`, from spacy-lookups-data.

Usage: python trustlex/data/make_langdetect.py  (from a checkout; about a minute)

Provenance and licence: every word and count comes from the lemma tables
of spacy-lookups-data (MIT licence, Copyright (c) 2019 ExplosionAI GmbH;
the English lemma tables derive from WordNet 3.0, whose licence permits
use, copying and modification with its notice, see that package's
``data/en_license.txt``) and from its ``en_lexeme_prob`` table (English
word probabilities). No corpus text is used. The output holds:

- ``@ngrams``: log-ratios log P_nl(c | h) - log P_en(c | h) of two
  character 4-gram models (h: up to three characters before c; ``^`` pads
  the word's start, ``$`` is its end), trained on the word types below.
  Each language's words are weighted so that both have the same
  distribution of word lengths: the Dutch tables hold far more long
  compounds, which would otherwise make every short word look English.
  Sequences whose ratio hardly differs from that of their shorter context
  are pruned.
- ``@nl``: Dutch forms (in the Dutch tables, not in the English ones nor
  among the 10,000 most probable English words) whose letters the model
  does not already judge clearly Dutch (score < 6, the bar a capitalised
  word must pass in langdetect), at most 12 letters long.
- ``@en``: frequent English words (the 10,000 most probable, or the 50,000
  most probable that are also in the English lemma tables) that are not
  Dutch forms, unless the model already judges them clearly English
  (score <= -6).
- ``@both``: forms in both languages' tables (and the few frequent English
  words that the Dutch tables hold, unless their letters look Dutch), whose
  letters would otherwise count (|score| >= 1): they give no evidence.
- ``@names``: words of ``@en`` whose capitalised form is more probable in
  ``en_lexeme_prob`` than their lowercase form (John, Amazon, Microsoft):
  capitalised, they are judged like unlisted words. Not for ``@nl``: Dutch
  words occur in English text mostly capitalised, as names of things.

Hand-written words of langdetect (``_HAND``) are left out of all lists and
of the training words of the other language.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from importlib.metadata import version
from pathlib import Path

import spacy_lookups_data

from trustlex.lang.detect import _HAND, _ORDER, letter_score

OUT = Path(__file__).resolve().parent / "langdetect.txt.gz"
TABLES = Path(spacy_lookups_data.__file__).resolve().parent / "data"
WORD = re.compile(r"^[a-zà-öø-ÿ]{2,}$")
TOP, TOP_IN_LEMMAS = 10_000, 50_000
BETA = 2.0  # Dirichlet smoothing towards the shorter context
ALPHABET = 40  # the base of the unigram back-off: about the letters and markers in use
MIN_COUNT, MIN_GAIN = 10.0, 0.7  # pruning: weighted occurrences, log-ratio gained over the context
NL_BELOW, NL_MAX_LEN, EN_ABOVE, BOTH_FROM = 6.0, 12, -6.0, 1.0


def load(name: str) -> dict:
    """One table of spacy-lookups-data, by name (``nl_lemma_lookup``)."""
    with gzip.open(TABLES / f"{name}.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def forms(names: list[str]) -> set[str]:
    """Every word form in the lemma tables ``names``: keys and values, lowercase, letters only."""
    out: set[str] = set()
    for name in names:
        for key, value in load(name).items():
            if isinstance(value, str):
                out.update((key, value))
            elif isinstance(value, list):  # an index: part of speech -> lemmas
                out.update(value)
            elif isinstance(value, dict):  # exceptions: part of speech -> {form: [lemmas]}
                for form, lemmas in value.items():
                    out.add(form)
                    out.update(lemmas)
    return {w.lower() for w in out if WORD.match(w.lower())}


def english_ranks() -> tuple[dict[str, int], set[str]]:
    """Rank of each lowercase word by ``en_lexeme_prob`` (0 = most probable), and the names.

    A name here is a word whose capitalised form ("John", "Amazon") is more
    probable in that table than its lowercase form.
    """
    probs = load("en_lexeme_prob")
    best: dict[str, float] = {}
    for word, logprob in probs.items():
        low = word.lower()
        if WORD.match(low) and logprob > best.get(low, -1e9):
            best[low] = logprob
    names = {w for w in best if probs.get(w.capitalize(), -1e9) > probs.get(w, -1e9)}
    return {w: i for i, w in enumerate(sorted(best, key=lambda w: (-best[w], w)))}, names


def train(nl_words: set[str], en_words: set[str]) -> dict[str, float]:
    """Return the pruned table of n-gram log-ratios of two character models; see the module docstring."""
    langs = (("nl", nl_words), ("en", en_words))
    lengths = {lang: Counter(min(len(w), 20) for w in ws) for lang, ws in langs}
    share = {
        n: 0.5 * sum(lengths[lang][n] / sum(lengths[lang].values()) for lang in lengths)
        for n in set(lengths["nl"]) | set(lengths["en"])
    }
    # weighted counts: float, which typeshed's Counter (int counts) does not take
    grams: dict[str, dict[str, float]] = {}
    contexts: dict[str, dict[str, float]] = {}
    for lang, ws in langs:
        total = len(ws)
        g: dict[str, float] = {}
        h: dict[str, float] = {}
        for w in sorted(ws):
            n = min(len(w), 20)
            weight = share[n] / (lengths[lang][n] / total)
            padded = "^" * (_ORDER - 1) + w + "$"
            for i in range(_ORDER - 1, len(padded)):
                for k in range(1, _ORDER + 1):
                    gram, context = padded[i - k + 1 : i + 1], padded[i - k + 1 : i]
                    g[gram] = g.get(gram, 0) + weight
                    h[context] = h.get(context, 0) + weight
        grams[lang], contexts[lang] = g, h

    def prob(lang: str, gram: str) -> float:
        # interpolated: each order's estimate is smoothed towards the next shorter context
        p = 1.0 / ALPHABET
        for k in range(1, len(gram) + 1):
            sub = gram[-k:]
            p = (grams[lang].get(sub, 0) + BETA * p) / (contexts[lang].get(sub[:-1], 0) + BETA)
        return p

    ratio = {
        gram: math.log(prob("nl", gram)) - math.log(prob("en", gram))
        for gram in set(grams["nl"]) | set(grams["en"])
    }
    table = {}
    for gram, r in ratio.items():
        if len(gram) > 1:
            if grams["nl"].get(gram, 0) + grams["en"].get(gram, 0) < MIN_COUNT:
                continue
            if abs(r - ratio.get(gram[1:], 0.0)) < MIN_GAIN:
                continue
        table[gram] = round(r, 1)
    return table


def main() -> None:
    """Write ``langdetect.txt.gz`` next to this script."""
    nl = forms(["nl_lemma_lookup", "nl_lemma_index", "nl_lemma_exc"])
    en = forms(["en_lemma_lookup", "en_lemma_index", "en_lemma_exc"])
    rank, names = english_ranks()
    top = {w for w, r in rank.items() if r < TOP}
    hand_nl = {w for w, v in _HAND.items() if v > 0}
    hand_en = {w for w, v in _HAND.items() if v < 0}
    # the Dutch tables hold some frequent English words (without, during); the
    # English probabilities hold Dutch ones only below the top 10,000
    nl_only = nl - en - top
    en_words = (en | top) - nl_only
    table = train(nl_only - hand_en, en_words - hand_nl)

    def score(w: str) -> float:
        return letter_score(w, table)

    nl_list = sorted(w for w in nl_only if len(w) <= NL_MAX_LEN and score(w) < NL_BELOW)
    frequent_en = {w for w, r in rank.items() if r < TOP or (r < TOP_IN_LEMMAS and w in en)}
    junk_in_nl = {w for w in frequent_en & nl if w not in en}  # without, during, ... and regen, mis
    en_list = sorted(
        w for w in (frequent_en - nl) | {w for w in junk_in_nl if score(w) < 0} if score(w) > EN_ABOVE
    )
    both = (nl & en) | {w for w in junk_in_nl if score(w) >= 0}
    both_list = sorted(w for w in both if abs(score(w)) >= BOTH_FROM)
    hand = set(_HAND)
    lines = [
        "# Generated by trustlex/data/make_langdetect.py; do not edit.",
        f"# Source: spacy-lookups-data {version('spacy-lookups-data')} (MIT licence, ExplosionAI GmbH;",
        "# English lemma tables from WordNet 3.0, Princeton University), lemma tables and en_lexeme_prob.",
        "@ngrams",
        *(f"{g}\t{v}" for g, v in sorted(table.items())),
        "@nl",
        *(w for w in nl_list if w not in hand),
        "@en",
        *(w for w in en_list if w not in hand),
        "@both",
        *(w for w in both_list if w not in hand),
        "@names",
        *sorted(w for w in names & set(en_list) if w not in hand),
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(
        f"{OUT.name}: {len(table):,} n-grams, {len(nl_list):,} nl, {len(en_list):,} en, "
        f"{len(both_list):,} both, {len(names & set(en_list)):,} names; "
        f"{len(data):,} bytes, {OUT.stat().st_size:,} compressed"
    )


if __name__ == "__main__":
    main()
