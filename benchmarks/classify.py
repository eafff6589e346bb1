"""Classifier figures: grouped cross-validation on the dev set, a learning curve, and speed.

Usage: python benchmarks/classify.py [--gold ../shared/gold/dev.jsonl] [--corpora ../shared/corpora]

1. 5-fold cross-validation grouped by source document (sentences of one
   document never sit on both sides): out-of-fold predictions of the lexicon
   alone, the classifier on text features alone, the classifier with lexicon
   features, and the combination (the lexicon's decisions, plus concepts the
   classifier adds with probability >= 0.8), scored like ``trustlex evaluate``.
2. A learning curve: micro-F1 of the classifier with lexicon features when
   trained on 50, 100, 200 or all training sentences of each fold.
3. Weak supervision against the dev set: a classifier trained only on the
   lexicon's labels of corpus sentences (no dev source document among them,
   no gold label seen), combined with the lexicon as in 1 (additions at
   probability >= 0.8, the default): does it find what the lexicon misses?
4. Speed: training on the lexicon's labels of ~100,000 words of corpus text
   (weak supervision) and predicting on ~100,000 other words, words per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from trustlex.classify import (
    TrustClassifier,
    combine,
    labels_dicts,
    labels_frame,
    lexicon_labels,
    train_from_lexicon,
)
from trustlex.concepts import CONCEPTS
from trustlex.evaluate import read_gold, score


def summary(items, preds: pd.DataFrame) -> dict[str, float]:
    report = score(items, labels_dicts(preds)).summary.set_index("lang")
    return {lang: float(report.loc[lang, "micro_f1"]) for lang in report.index}


def cross_validate(items, folds: int = 5, seed: int = 0) -> None:
    texts = np.array([i.text for i in items], dtype=object)
    gold = labels_frame([i.labels for i in items])
    langs = [i.lang for i in items]
    groups = [i.doc or i.id for i in items]
    lexicon = lexicon_labels(list(texts), langs)
    out = {
        name: pd.DataFrame("", index=gold.index, columns=list(CONCEPTS))
        for name in ("text", "text+lex", "combined")
    }
    curve: dict[int, list[float]] = {50: [], 100: [], 200: [], 0: []}
    rng = np.random.default_rng(seed)
    for train, test in GroupKFold(n_splits=folds).split(texts, groups=groups):
        text_only = TrustClassifier(use_lexicon=False).fit(texts[train], gold.iloc[train])
        with_lex = TrustClassifier(use_lexicon=True).fit(texts[train], gold.iloc[train])
        out["text"].iloc[test] = text_only.predict(texts[test]).to_numpy()
        pred, proba = with_lex.predict_with_proba(texts[test])
        out["text+lex"].iloc[test] = pred.to_numpy()
        combined, _ = combine(lexicon.iloc[test].reset_index(drop=True), pred, proba)
        out["combined"].iloc[test] = combined.to_numpy()
        for n in curve:
            if n == 0 or n >= len(train):
                model = with_lex  # already trained on all of them
            else:
                sub = rng.choice(train, size=n, replace=False)
                model = TrustClassifier(use_lexicon=True).fit(texts[sub], gold.iloc[sub])
            curve[n].append(model.score(texts[test], gold.iloc[test]))
    rows = {"lexicon alone": summary(items, lexicon)}
    rows["classifier, text features"] = summary(items, out["text"])
    rows["classifier, text + lexicon features"] = summary(items, out["text+lex"])
    rows["combination (lexicon + confident classifier)"] = summary(items, out["combined"])
    table = pd.DataFrame(rows).T[["all", "nl", "en"]]
    print(f"micro-F1, {folds}-fold cross-validation grouped by source document ({len(items)} sentences)")
    print(table.round(3).to_string())
    gain = table.loc["combination (lexicon + confident classifier)"] - table.loc["lexicon alone"]
    print("combination minus lexicon:", ", ".join(f"{k} {v:+.3f}" for k, v in gain.items()))
    print("\nlearning curve (classifier with lexicon features; micro-F1, mean over folds)")
    for n, scores in curve.items():
        print(f"  {'all' if n == 0 else n:>4} coded sentences: {np.mean(scores):.3f}")


WEAK_CORPORA = {
    "en": (
        "en-glassdoor-2025/en-glassdoor-2025.jsonl",
        "en-austin-community-survey/en-austin-community-survey.jsonl",
        "en-opp115-privacy/en-opp115-privacy.jsonl",
    ),
    "nl": (
        "nl-regelgeving/nl-regelgeving.jsonl",
        "nl-bol-reviews/nl-bol-reviews.jsonl",
        "nl-twnc-news-sentences/nl-twnc-news-sentences.jsonl",
    ),
}


def corpus_sentences(corpora: Path, skip_docs: set[str], words: int) -> tuple[list[str], list[str]]:
    """Return (sentences, languages): about ``words`` words per language, spread over its corpora.

    Documents in ``skip_docs`` are left out, and so is a whole privacy
    policy when the dev set holds one of its segments (``opp115-394-038``
    belongs to ``opp115-394``).
    """
    import spacy

    prefixes = {d.rsplit("-", 1)[0] for d in skip_docs if d.startswith("opp115-")}
    rng = np.random.default_rng(2)
    sents: list[str] = []
    langs: list[str] = []
    for lang, rels in WEAK_CORPORA.items():
        nlp = spacy.blank(lang)
        nlp.add_pipe("trustlex_sentencizer")  # trustlex's own boundaries, blank lines included
        for rel in rels:
            with (corpora / rel).open(encoding="utf-8") as fh:
                records = [json.loads(line) for line in fh]
            records = [r for r in records if r["id"] not in skip_docs and r["id"] not in prefixes]
            rng.shuffle(records)
            budget = words // len(rels)
            for doc in nlp.pipe((r["text"][:20_000] for r in records), batch_size=64):
                for sent in doc.sents:
                    text = sent.text.strip()
                    if len(text.split()) >= 3:
                        sents.append(text)
                        langs.append(lang)
                        budget -= len(text.split())
                if budget <= 0:
                    break
    return sents, langs


def weak_supervision(items, corpora: Path, words: int = 150_000) -> None:
    sents, langs = corpus_sentences(corpora, {i.doc for i in items if i.doc}, words)
    t0 = time.perf_counter()
    model = TrustClassifier(use_lexicon=False).fit(sents, lexicon_labels(sents, langs))
    fit = time.perf_counter() - t0
    texts = [i.text for i in items]
    lexicon = lexicon_labels(texts, [i.lang for i in items])
    pred, proba = model.predict_with_proba(texts)
    combined, source = combine(lexicon, pred, proba)
    gold = labels_frame([i.labels for i in items]).to_numpy() != ""
    added = source.to_numpy() == "model"
    print(
        f"\nweak supervision against dev: trained on the lexicon's labels of {len(sents):,} corpus "
        f"sentences ({sum(len(s.split()) for s in sents):,} words, no dev document) in {fit:.0f} s"
    )
    rows = {
        "lexicon alone": summary(items, lexicon),
        "weak classifier alone": summary(items, pred),
        "combination": summary(items, combined),
    }
    print(pd.DataFrame(rows).T[["all", "nl", "en"]].round(3).to_string())
    right = int((added & gold).sum())
    print(f"concepts the weak classifier added: {int(added.sum())}, of them in gold: {right}")


def speed(corpora: Path, words: int = 100_000) -> None:
    texts: list[str] = []
    for rel in ("en-glassdoor-2025/en-glassdoor-2025.jsonl", "nl-bol-reviews/nl-bol-reviews.jsonl"):
        with (corpora / rel).open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh)
    rng = np.random.default_rng(1)
    rng.shuffle(texts)
    train, test, n = [], [], 0
    for t in texts:
        (train if n < words else test).append(t)
        n += len(t.split())
        if n >= 2 * words:
            break
    n_train = sum(len(t.split()) for t in train)
    n_test = sum(len(t.split()) for t in test)
    train_from_lexicon(train[:10])  # loading both languages' pipelines
    t0 = time.perf_counter()
    model = train_from_lexicon(train)
    fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.predict(test)
    pred = time.perf_counter() - t0
    print(f"\nweak supervision: trained on the lexicon's labels of {len(train)} texts ({n_train:,} words)")
    print(f"training time: {fit:.1f} s")
    print(f"prediction: {len(test)} texts ({n_test:,} words) in {pred:.1f} s = {n_test / pred:,.0f} words/s")


def main() -> None:
    root = Path(__file__).resolve().parents[1] / ".." / "shared"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=root / "gold" / "dev.jsonl")
    parser.add_argument("--corpora", type=Path, default=root / "corpora")
    args = parser.parse_args()
    if not args.gold.is_file():
        sys.exit(f"{args.gold} not found; pass --gold PATH (the shared dev set)")
    cross_validate(read_gold(args.gold))
    if args.corpora.is_dir():
        weak_supervision(read_gold(args.gold), args.corpora)
        speed(args.corpora)


if __name__ == "__main__":
    main()
