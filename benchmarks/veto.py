"""The classifier as a veto: does dropping the lexicon concepts a model finds unlikely raise micro-F1?

Usage: python benchmarks/veto.py [--shared ../shared]

The combination of ``score_texts(..., model=...)`` only adds concepts the
lexicon missed. This experiment measures the other direction: a lexicon
concept is dropped where the model's probability for it is under a
threshold. Models are trained on the train split and dev.jsonl less the
test sentences; the tests are the sentences the lexicons were tuned on
least: half b (odd ids) of coding rounds 6 and later, and the newest
coding round alone. Two models: with the lexicon's features (as shipped)
and of words only. The check split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from classify import figures, items_of  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402
from referents import in_half  # noqa: E402

from trustlex.models import TrustClassifier, labels_frame, lexicon_labels  # noqa: E402

THRESHOLDS = (0.05, 0.1, 0.2, 0.3)


def test_sets(refs: list[dict]) -> dict[str, list[dict]]:
    """The least-tuned train sentences: half b of rounds 6 and later but the newest, and the newest round."""
    newest = max(r.get("round", 1) for r in refs)
    return {
        f"round {newest}": [r for r in refs if r.get("round", 1) == newest],
        f"rounds 6-{newest - 1}, half b": [
            r for r in refs if 6 <= r.get("round", 1) < newest and in_half(r["id"], "b")
        ],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"no corpora under {args.shared}: the coded corpus is stored as references to them")
    warnings.filterwarnings("ignore", message=".*HTML markup.*")
    refs = [r for r in load_refs(ROOT / "coded" / "coded.jsonl") if r["split"] == "train"]
    tests = test_sets(refs)
    held = {r["id"] for rows in tests.values() for r in rows}
    rows = materialise([r for r in refs if r["id"] not in held], args.shared)
    dev = args.shared / "gold" / "dev.jsonl"
    rows += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts, labels = [r["text"] for r in rows], [r["labels"] for r in rows]
    models = {
        "lexicon features": TrustClassifier(lang="auto").fit(texts, labels),
        "words only": TrustClassifier(lang="auto", use_lexicon=False).fit(texts, labels),
    }
    print(f"models trained on {len(rows)} sentences (train split and dev, less the test sentences)")
    for name, refs_of in tests.items():
        items = items_of(materialise(refs_of, args.shared))
        lexicon = lexicon_labels([i.text for i in items], [i.lang for i in items])
        found = lexicon.to_numpy() != ""
        out = {"lexicon alone": figures(items, lexicon)}
        for kind, model in models.items():
            _, proba = model.predict_with_proba([i.text for i in items])
            proba = proba.reindex(columns=lexicon.columns).to_numpy()
            for t in THRESHOLDS:
                out[f"veto, {kind}, p < {t}"] = figures(items, lexicon.mask(found & (proba < t), ""))
        table = pd.DataFrame({k: v.loc["all"] for k, v in out.items()}).T
        for lang in ("nl", "en"):
            table[f"{lang} F1"] = [
                v.loc[lang, "micro_f1"] if lang in v.index else float("nan") for v in out.values()
            ]
        gold = labels_frame([i.labels for i in items]).ne("").to_numpy().sum()
        print(f"\n{name}: {len(items)} sentences ({gold} gold labels)")
        print(table.round(3).to_string())


if __name__ == "__main__":
    main()
