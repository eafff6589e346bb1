"""Text nobody had tuned for yet: coding rounds 5 and later, read with the lexicons of their time.

Usage: python benchmarks/fresh_rounds.py [--shared ../shared] [--docs]

Each coding round from 5 on was measured once as fresh text before any
lexicon work used it (coded/README.md). Its sentences are train material
now, but the lexicons of the commit before it was used have not seen them:
read with those lexicons (from git; today's code and context rules), the
round is unseen text, as a user's is, without touching the check split.
This script reads rounds 5 and later so and prints, per language, micro-F1,
precision and recall of

- the lexicon of the round's time alone;
- the classifier trained on the rounds before it, with that lexicon's
  features (as the shipped model) and without (words only), each alone and
  combined with the lexicon as ``score_texts(..., model=...)`` combines them
  (the model adds a concept the lexicon missed from a probability on).

It answers, on unseen text and without the check split, whether the
classifier helps where the lexicon's recall falls short. Needs a git
checkout (the old lexicons come from git). ``--docs`` rewrites the
``fresh_rounds`` block of docs/benchmarks.md.
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh import FRESH, old_lexicons, shared_main  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402

from trustlex.models import TrustClassifier, combine, labels_frame, lexicon_labels  # noqa: E402

ADD_ABOVE = (0.5, 0.7, 0.9)


def scores(pred: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, float, float]:
    """Micro-F1, precision and recall of concept presence."""
    p, g = pred.to_numpy() != "", gold.to_numpy() != ""
    tp = float((p & g).sum())
    return 2 * tp / (p.sum() + g.sum()), tp / max(int(p.sum()), 1), tp / max(int(g.sum()), 1)


def predictions(
    learn: list[dict], read: list[dict], lang: str, lexicons: list[str]
) -> dict[str, pd.DataFrame]:
    """Every way of labelling ``read``: the lexicon, each model alone and each combination."""
    texts = [r["text"] for r in read]
    cols = list(labels_frame([r["labels"] for r in read]).columns)
    lexicon = labels_frame(lexicon_labels(texts, lang=lang, lexicons=lexicons)).reindex(
        columns=cols, fill_value=""
    )
    out = {"lexicon alone": lexicon}
    for name, use in (("model", True), ("words-only model", False)):
        model = TrustClassifier(lang=lang, use_lexicon=use, lexicons=lexicons)
        model.fit([r["text"] for r in learn], [r["labels"] for r in learn])
        pred, proba = model.predict_with_proba(texts)
        pred, proba = pred.reindex(columns=cols, fill_value=""), proba.reindex(columns=cols, fill_value=0.0)
        out[f"{name} alone"] = pred
        for t in ADD_ABOVE:
            out[f"lexicon + {name}, adds at p >= {t}"] = combine(lexicon, pred, proba, add_above=t)[0]
    return out


def run(shared: Path) -> None:
    """Print the table: per way of labelling, micro-F1 (P, R) per language over rounds 5-8."""
    rows = [r for r in materialise(load_refs(), shared) if r["split"] == "train"]
    table: dict[str, dict[str, str]] = {}
    counts = {}
    best: dict[str, dict[str, float]] = {"en": {}, "nl": {}}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # HTML and one-valence notes: not the point here
        for lang in ("en", "nl"):
            got: dict[str, list[pd.DataFrame]] = {}
            golds = []
            for rnd, commit in FRESH.items():
                learn = [r for r in rows if r["lang"] == lang and (r.get("round") or 1) < rnd]
                read = [r for r in rows if r["lang"] == lang and r.get("round") == rnd]
                gold = labels_frame([r["labels"] for r in read])
                golds.append(gold)
                for name, pred in predictions(
                    learn, read, lang, old_lexicons(commit, lang, Path(tmp))
                ).items():
                    got.setdefault(name, []).append(pred.reindex(columns=gold.columns, fill_value=""))
            gold = pd.concat(golds, ignore_index=True).fillna("")
            counts[lang] = (len(gold), int((gold.to_numpy() != "").sum()))
            for name, preds in got.items():
                pred = pd.concat(preds, ignore_index=True).reindex(columns=gold.columns).fillna("")
                f1, p, r = scores(pred, gold)
                table.setdefault(name, {})[lang] = f"{f1:.3f} ({p:.3f}, {r:.3f})"
                best[lang][name] = f1
    print(
        f"Coding rounds {min(FRESH)} to {max(FRESH)}, each read with the lexicons of the commit before it "
        "was used (" + ", ".join(FRESH.values()) + ") and models trained on the rounds before it"
    )
    print(", ".join(f"{lang}: {n:,} sentences, {k:,} gold concepts" for lang, (n, k) in counts.items()))
    print()
    frame = pd.DataFrame(table).T
    frame.columns = [f"{c}: micro-F1 (P, R)" for c in frame.columns]
    print(frame.to_string())
    print()
    for lang, f1s in best.items():
        name = max((n for n in f1s if n.startswith("lexicon +")), key=f1s.__getitem__)
        gain = f1s[name] - f1s["lexicon alone"]
        print(f"{lang}: the best combination ({name}) against the lexicon alone: {gain:+.3f} micro-F1")


def main() -> None:
    """Print the figures; with ``--docs`` also publish them in docs/benchmarks.md."""
    shared_main(__doc__, "fresh_rounds", run)


if __name__ == "__main__":
    main()
