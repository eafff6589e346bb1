"""Stacking: the classifier trained on lexicon features of text the lexicon had not seen, on unseen rounds.

Usage: python benchmarks/stacking.py [--shared ../shared] [--from 5] [--lang en] [--exclude docs.json]

The shipped model learns from lexicon features computed by lexicons that were
written from its training sentences: there the features are nearly perfect,
and the model learns to follow them. This script compares that with
*honest* features (the stacking remedy: out-of-sample base predictions):
each training sentence read with the lexicons of its coding round's
``UNSEEN`` commit (coded/rounds.py), which had not seen it.

For each coding round N from ``--from`` on (its sentences read with the
lexicons of its ``FRESH`` commit: unseen text, as in fresh_rounds.py), with
models trained on the rounds before N (``dev.jsonl`` left out: no lexicons
predate it), it prints micro-F1 (P, R) per language and pooled of

- the lexicon alone;
- today's model (the rounds before N read with round N's lexicons, which
  had seen them) combined with the lexicon, adding concepts from p >= t;
- the honest model (each round before N read with its own UNSEEN
  lexicons) combined so, and alone;
- the honest model also removing lexicon concepts it gives p < v (veto).

Pooled figures are printed for rounds >= 12 as well as for all. The check
split is never read. ``--exclude`` names a JSON file of ``{corpus: [doc,
...]}`` whose sentences are left out (documents being coded blind).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
from materialise import load_refs, materialise  # noqa: E402
from rounds import FRESH, old_lexicons, round_of, unseen_scans  # noqa: E402

from trustlex.models import Scanned, TrustClassifier, combine, labels_frame, lexicon_labels  # noqa: E402

ADD_ABOVE = (0.5, 0.7, 0.8, 0.9)
VETO_BELOW = (0.05, 0.1, 0.2, 0.3)


def counts(pred: pd.DataFrame, gold: pd.DataFrame) -> np.ndarray:
    """True positives, predicted and gold concept presences."""
    p, g = pred.to_numpy() != "", gold.to_numpy() != ""
    return np.array([(p & g).sum(), p.sum(), g.sum()], dtype=float)


def figures(c: np.ndarray) -> str:
    """Micro-F1 (P, R) of summed counts."""
    tp, p, g = c
    return f"{2 * tp / max(p + g, 1):.3f} ({tp / max(p, 1):.3f}, {tp / max(g, 1):.3f})"


def veto(labels: pd.DataFrame, proba: pd.DataFrame, below: float) -> pd.DataFrame:
    """``labels`` without the concepts the model gives a probability under ``below``."""
    return labels.mask(proba.to_numpy() < below, "")


def ways(lexicon: pd.DataFrame, today: tuple, honest: tuple) -> dict[str, pd.DataFrame]:
    """Every way of labelling one round: the lexicon, the combinations, the honest model's veto."""
    out = {"lexicon alone": lexicon, "honest model alone": honest[0]}
    for t in ADD_ABOVE:
        out[f"lexicon + today's model, adds at p >= {t}"] = combine(lexicon, *today, add_above=t)[0]
    for t in ADD_ABOVE:
        out[f"lexicon + honest model, adds at p >= {t}"] = combine(lexicon, *honest, add_above=t)[0]
    for v in VETO_BELOW:
        out[f"lexicon, honest veto p < {v}"] = veto(lexicon, honest[1], v)
        out[f"lexicon + honest model at 0.8, veto p < {v}"] = veto(
            combine(lexicon, *honest, add_above=0.8)[0], honest[1], v
        )
    out["lexicon, today's veto p < 0.1"] = veto(lexicon, today[1], 0.1)
    return out


def one_round(rows: list[dict], lang: str, n: int, honest: dict[int, tuple[Scanned, list[dict]]], tmp: Path):
    """The labellings of round ``n`` of ``lang`` and its gold, models trained on the rounds before it."""
    learn = [r for r in rows if r["lang"] == lang and round_of(r) < n]
    read = honest[n][1]
    lexicons = old_lexicons(FRESH[n], lang, tmp)
    gold = labels_frame([r["labels"] for r in read])
    cols = list(gold.columns)
    lexicon = labels_frame(lexicon_labels([r["text"] for r in read], lang=lang, lexicons=lexicons))
    lexicon = lexicon.reindex(columns=cols, fill_value="")
    today = TrustClassifier(lang=lang, lexicons=lexicons)
    today.fit([r["text"] for r in learn], [r["labels"] for r in learn])
    joined, order = Scanned(), []
    for k in sorted(k for k in honest if k < n):
        joined.extend(honest[k][0])
        order += honest[k][1]
    model = TrustClassifier(lang=lang, lexicons=lexicons).fit_scanned(joined, [r["labels"] for r in order])
    preds = {}
    for name, m in (("today", today), ("honest", model)):
        pred, proba = m.predict_scanned(honest[n][0])
        preds[name] = (pred.reindex(columns=cols, fill_value=""), proba.reindex(columns=cols, fill_value=0.0))
    return ways(lexicon, preds["today"], preds["honest"]), gold


def run(
    shared: Path, first: int, exclude: dict[str, list[str]], langs: tuple[str, ...] = ("en", "nl")
) -> None:
    """Print per language and pooled, for rounds >= 12 and all from ``first``, each way's micro-F1 (P, R)."""
    skip = {(c, d) for c, docs in exclude.items() for d in docs}
    refs = [r for r in load_refs() if r["split"] == "train" and (r["corpus"], r["doc"]) not in skip]
    rows = materialise(refs, shared)
    sums: dict[tuple[str, str, bool], np.ndarray] = {}  # (way, lang, round >= 12) -> counts
    sizes: dict[tuple[str, bool], list[int]] = {}
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        tmp = Path(folder)
        for lang in langs:
            mine = [r for r in rows if r["lang"] == lang]
            honest = {
                k: unseen_scans([r for r in mine if round_of(r) == k], tmp) for k in {*map(round_of, mine)}
            }
            for n in sorted(k for k in honest if k >= first and k in FRESH):
                t0 = time.perf_counter()
                got, gold = one_round(rows, lang, n, honest, tmp)
                late = n >= 12
                sizes.setdefault((lang, late), []).append(len(gold))
                line = []
                for name, pred in got.items():
                    c = counts(pred, gold)
                    sums[name, lang, late] = sums.get((name, lang, late), 0) + c
                    if name in ("lexicon alone", "lexicon + honest model, adds at p >= 0.8"):
                        line.append(f"{name.split(',')[0]} {figures(c)}")
                print(
                    f"{lang} round {n} ({len(gold)} sentences, {time.perf_counter() - t0:.0f} s): "
                    + "; ".join(line)
                )
    names = list(dict.fromkeys(name for name, _, _ in sums))
    for title, lates in (("rounds >= 12", (True,)), (f"rounds >= {first}", (False, True))):
        table = {}
        for name in names:
            per = {
                lang: sum((sums.get((name, lang, late), 0) for late in lates), np.zeros(3))
                for lang in ("en", "nl")
            }
            table[name] = {
                **{lang: figures(c) for lang, c in per.items()},
                "pooled": figures(per["en"] + per["nl"]),
            }
        n_en = sum(sum(sizes.get(("en", late), [])) for late in lates)
        n_nl = sum(sum(sizes.get(("nl", late), [])) for late in lates)
        print(f"\n{title}: en {n_en:,} sentences, nl {n_nl:,}; micro-F1 (P, R)")
        print(pd.DataFrame(table).T.to_string())


def main() -> None:
    """Parse the arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--from", dest="first", type=int, default=5, help="the first coding round to test on")
    parser.add_argument("--lang", choices=("en", "nl"), help="one language only")
    parser.add_argument("--exclude", type=Path, help="JSON {corpus: [doc, ...]} of documents to leave out")
    args = parser.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"shared folder {args.shared} has no corpora/; pass --shared PATH")
    exclude = json.loads(args.exclude.read_text(encoding="utf-8")) if args.exclude else {}
    t0 = time.perf_counter()
    run(args.shared, args.first, exclude, (args.lang,) if args.lang else ("en", "nl"))
    print(f"(whole run {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
