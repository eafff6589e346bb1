"""How often is a `lexicon misses` candidate a real miss? Measured on the coded corpus's train split.

Usage: python benchmarks/misses.py [--shared ../shared] [--docs]

``trustlex lexicon misses`` trains a words-only classifier on coded
sentences and lists the uncoded sentences where it sees a concept that the
lexicon does not tag. Its worth is how often a reader would find a real miss
there. Here the reader is the coded corpus (the check split is not read): a
candidate (sentence, concept) is **real** when the coders gave the sentence
that concept and the lexicon missed it. Two settings:

1. the shipped lexicons on the train split, cut in two halves by a hash of
   the document id; a model of one half reads the other, both ways. The
   lexicons were written from these sentences, so they miss little here.
2. fresh text: the coding rounds 5 and later, each read with the lexicons of
   the commit before that round was used (its documents were unseen then,
   as a user's are) and a model of the rounds before it.

Per language and ``--min-p``: the candidate pairs, the real ones (yield per
pair read), the share of the lexicon's misses they reach, and the candidate
sentences with any missed concept against the same share among the
sentences the lexicon leaves untagged: reading those at random is what the
recall hunts did before this tool (``x random``). The old lexicons come from
git, so this script needs a git checkout.
``--docs`` rewrites the ``misses`` block of docs/benchmarks.md.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh import FRESH, old_lexicons, shared_main  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402

from trustlex.models import lexicon_labels  # noqa: E402
from trustlex.workbench.misses import Coded, find_misses  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.8)


def half_of(doc: str) -> int:
    """0 or 1: the half of the train split a document falls in (a hash of its id, stable across runs)."""
    return hashlib.sha1(f"misses:{doc}".encode()).digest()[0] % 2


def lexicon_concepts(texts: list[str], lang: str, lexicons: list[str] | None) -> list[set[str]]:
    """The concepts the lexicons (None: the shipped ones) tag in each text (anywhere in it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # HTML notes about a few policy segments
        frame = lexicon_labels(texts, lang=lang, lexicons=lexicons)
    return [set(frame.columns[row != ""]) for row in frame.to_numpy()]


def tally(learn: list[dict], read: list[dict], lang: str, lexicons: list[str] | None) -> dict:
    """Candidates and real misses per threshold when a model of ``learn`` reads ``read``, and the baseline."""
    found = lexicon_concepts([u["text"] for u in read], lang, lexicons)
    missed = [{c for c in u["labels"] if c not in f} for u, f in zip(read, found, strict=True)]
    untagged = [m for m, f in zip(missed, found, strict=True) if not f]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # one-valence notes of the fit: not the point here
        frame = find_misses(
            Coded([u["text"] for u in learn], [u["labels"] for u in learn]),
            [u["text"] for u in read],
            lang=lang,
            lexicons=lexicons,
            min_p=min(THRESHOLDS),
        )
    out = {
        "sentences": len(read),
        "missed": sum(len(m) for m in missed),
        "untagged": len(untagged),
        "untagged_with_miss": sum(bool(m) for m in untagged),
        "pairs": {t: [0, 0] for t in THRESHOLDS},  # candidate (sentence, concept) pairs, real ones
        "sents": {t: [0, 0] for t in THRESHOLDS},  # candidate sentences, those with any real miss
    }
    best = frame.groupby(["text_id", "concept"])["probability"].max()
    top: dict[int, float] = {}
    for (text_id, concept), p in best.items():
        unit = int(text_id)
        if concept in found[unit]:
            continue  # the lexicon tags it in another sentence of the unit
        top[unit] = max(top.get(unit, 0.0), p)
        for t in THRESHOLDS:
            if p >= t:
                out["pairs"][t][0] += 1
                out["pairs"][t][1] += concept in missed[unit]
    for unit, p in top.items():
        for t in THRESHOLDS:
            if p >= t:
                out["sents"][t][0] += 1
                out["sents"][t][1] += bool(missed[unit])
    return out


def add(a: dict, b: dict) -> dict:
    """The sum of two tallies."""
    out = {k: a[k] + b[k] for k in ("sentences", "missed", "untagged", "untagged_with_miss")}
    for k in ("pairs", "sents"):
        out[k] = {t: [x + y for x, y in zip(a[k][t], b[k][t], strict=True)] for t in THRESHOLDS}
    return out


def report(title: str, tallies: dict[str, dict]) -> None:
    """Print one table: per language and threshold, the yield of the candidates against random reading."""
    print(title)
    print(
        f"{'lang':4} {'min_p':>5} {'pairs':>6} {'real':>5} {'yield':>6} {'reached':>8}"
        f" {'sentences':>9} {'with a miss':>11} {'share':>6}  {'x random':>8}"
    )
    for lang, t_ in tallies.items():
        base = t_["untagged_with_miss"] / t_["untagged"]
        for t in THRESHOLDS:
            cand, real = t_["pairs"][t]
            sents, hit = t_["sents"][t]
            share = hit / sents if sents else float("nan")
            print(
                f"{lang:4} {t:5.1f} {cand:6,} {real:5,} {real / cand if cand else float('nan'):6.3f}"
                f" {real / t_['missed']:8.3f} {sents:9,} {hit:11,} {share:6.3f}  {share / base:8.1f}"
            )
        print(
            f"{lang:4} random: {t_['untagged']:,} sentences the lexicon leaves untagged, "
            f"{t_['untagged_with_miss']:,} of them with a miss ({base:.3f}); "
            f"the lexicon misses {t_['missed']:,} coded concepts in {t_['sentences']:,} sentences"
        )
    print()


def run(shared: Path) -> None:
    """Print the yield of the candidates against reading untagged sentences at random, per language."""
    rows = [r for r in materialise(load_refs(), shared) if r["split"] == "train"]
    print(f"train split: {len(rows):,} coded sentences; the check split is not read")
    print()
    halves: dict[str, dict] = {}
    for lang in ("en", "nl"):
        units = [r for r in rows if r["lang"] == lang]
        parts = [
            tally(
                [u for u in units if half_of(u["doc"]) != h],
                [u for u in units if half_of(u["doc"]) == h],
                lang,
                None,
            )
            for h in (0, 1)
        ]
        halves[lang] = add(*parts)
    report(
        "1. the shipped lexicons on the train split (which they were written from), halves by document, "
        "each read by a model of the other",
        halves,
    )
    fresh: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "nl"):
            parts = []
            for rnd, commit in FRESH.items():
                learn = [r for r in rows if r["lang"] == lang and (r.get("round") or 1) < rnd]
                read = [r for r in rows if r["lang"] == lang and r.get("round") == rnd]
                parts.append(tally(learn, read, lang, old_lexicons(commit, lang, Path(tmp))))
            fresh[lang] = parts[0]
            for part in parts[1:]:
                fresh[lang] = add(fresh[lang], part)
    report(
        f"2. fresh text: coding rounds {min(FRESH)} to {max(FRESH)}, each read with the lexicons of the "
        "commit before it was used (" + ", ".join(FRESH.values()) + ") and a model of the rounds before it",
        fresh,
    )
    print("pairs: candidate (sentence, concept) pairs; real: coded so, and the lexicon missed it;")
    print("yield: real per pair read; reached: share of the lexicon's misses among the pairs;")
    print(
        "sentences: candidate sentences; share: those with any missed concept, against the same share among"
    )
    print("the sentences the lexicon leaves untagged (reading those at random: the recall hunts before)")


def main() -> None:
    """Print the figures; with ``--docs`` also publish them in docs/benchmarks.md."""
    shared_main(__doc__, "misses", run)


if __name__ == "__main__":
    main()
