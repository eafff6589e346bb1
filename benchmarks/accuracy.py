"""Accuracy on the coded corpus: the frozen check split first, then train and dev for comparison.

Usage::

    python benchmarks/accuracy.py [--shared ../shared] [--model default|FOLDER] [--log] [--docs]
    python benchmarks/accuracy.py --train-only     # train and dev per language and concept; check untouched

The check split (a quarter of each corpus's documents, frozen before any
lexicon or model work looked at it) is the honest figure: it is measured,
never tuned on. ``--log`` appends this measurement (date, commit, figures)
to ``coded/check-log.md``; every measurement a developer makes is logged
there. Train and dev were looked at while writing the lexicons, so their
figures are optimistic. Beside each concept's F1 stands the agreement of the
two independent coders (pairwise F1), the ceiling of what can be measured.

``--docs`` (old name ``--readme``) rewrites the block between
``<!-- coded:start -->`` and ``<!-- coded:end -->`` in docs/benchmarks.md
with the tables printed here, so the published figures come from this
script, not from hand edits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "coded"))
from combine import CONCEPTS, agreement, read_pass  # noqa: E402
from materialise import load_refs, materialise  # noqa: E402

from trustlex.evaluate import evaluate  # noqa: E402

LOG = ROOT / "coded" / "check-log.md"
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
TARGETS = (
    "targets: micro-F1 >= 0.82, recall >= 0.75, precision >= 0.85, valence >= 0.85, each language >= 0.78"
)


class Tee(io.TextIOBase):
    """Write to several streams at once (print and keep what was printed)."""

    def __init__(self, *streams: Any) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)


def write_block(name: str, text: str, path: Path = BENCHMARKS) -> None:
    """Replace the ``<!-- NAME:start -->`` ... ``<!-- NAME:end -->`` block of ``path`` with ``text``."""
    body = path.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in body or end not in body:
        sys.exit(f"{path.name} has no {start} ... {end} block")
    head, rest = body.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n```\n{text}\n```\n{end}{tail}", encoding="utf-8")
    print(f"{path.name} block {name!r} updated")


def commit() -> str:
    """The checkout's commit, marked ``+dirty`` when files differ from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def rows_of(split: str, shared: Path) -> list[dict]:
    """The coded sentences of one split, with their text, in the gold format."""
    refs = [r for r in load_refs(ROOT / "coded" / "coded.jsonl") if r["split"] == split]
    return materialise(refs, shared)


def train_only(shared: Path) -> None:
    """Print train and dev figures, overall and per concept; the check split stays unread."""
    rows = rows_of("train", shared)
    train = evaluate(rows)
    print("Train split (looked at while writing the lexicons):")
    print(fmt(summary_table(train)))
    print("")
    print("\n".join(by_round(rows, train)))
    per = train.per_concept[train.per_concept["lang"] != "all"].round(3)
    print("\nPer language and concept on the train split:")
    print(per.to_string(index=False))
    dev = shared / "gold" / "dev.jsonl"
    if dev.is_file():
        print("\ndev.jsonl (the lexicons were written with it in view):")
        print(fmt(summary_table(evaluate(dev))))


def by_round(rows: list[dict], report: object) -> list[str]:
    """Lines: figures of the train ``rows`` per coding round, from their evaluation ``report``.

    The lexicons were grown from the errors of the train sentences, most of
    all from round 1's; later rounds were measured once as fresh text, then
    read less. Their figures show how far reading a sentence lifts its
    score, and the later rounds come closest to text nobody has read.
    Micro figures over concepts present, as in the summary, counted from
    the report's predictions so that the split is tagged once.
    """
    rounds = {r["id"]: r.get("round", 1) for r in load_refs(ROOT / "coded" / "coded.jsonl")}
    counts: dict[object, list[int]] = {}  # round -> [units, true positives, predicted, gold]
    for row, pred in zip(rows, report.predictions, strict=True):
        n = rounds[row["id"]]
        for key in (n, "6+") if n >= 6 else (n,):
            c = counts.setdefault(key, [0, 0, 0, 0])
            c[0] += 1
            c[1] += len(pred.keys() & row["labels"].keys())
            c[2] += len(pred)
            c[3] += len(row["labels"])
    table = []
    for key, (units, tp, predicted, gold) in sorted(counts.items(), key=lambda kv: (kv[0] == "6+", kv[0])):
        p, r = tp / predicted if predicted else 0.0, tp / gold if gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        table.append({"round": key, "units": units, "precision": p, "recall": r, "micro_f1": f1})
    title = "Train split by coding round (round 1 was read most; 6+ = rounds 6 and later):"
    return [title, fmt(pd.DataFrame(table))]


def summary_table(report: object) -> pd.DataFrame:
    """The summary of an EvalReport with short column names."""
    table = report.summary.rename(
        columns={
            "micro_precision": "precision",
            "micro_recall": "recall",
            "micro_f1": "micro_f1",
            "valence_accuracy": "valence",
        }
    )
    return table[["lang", "units", "precision", "recall", "micro_f1", "macro_f1", "valence"]]


def concept_table(report: object, ceiling: dict[str, dict]) -> pd.DataFrame:
    """Per concept (all languages): support, P, R, F1, valence, and the coders' agreement."""
    per = report.per_concept[report.per_concept.lang == "all"].set_index("concept")
    rows = []
    for c in CONCEPTS:
        if c not in per.index:
            continue
        r = per.loc[c]
        rows.append(
            {
                "concept": c,
                "gold": int(r.support),
                "precision": r.precision,
                "recall": r.recall,
                "f1": r.f1,
                "valence": r.valence_acc,
                "coders_f1": ceiling[c]["f1"],
                "coders_kappa": ceiling[c]["kappa"],
            }
        )
    return pd.DataFrame(rows)


def with_coders(table: pd.DataFrame, check: list[dict], a: dict, b: dict) -> pd.DataFrame:
    """The summary table with the two coders' micro-F1 on the same sentences, per language: the ceiling."""
    ceiling = {}
    for lang in table["lang"]:
        ids = [r["id"] for r in check if lang in ("all", r["lang"]) and r["id"] in a and r["id"] in b]
        ceiling[lang] = agreement(ids, a, b)["all"]["f1"]
    return table.assign(coders_f1=table["lang"].map(ceiling))


def fmt(frame: pd.DataFrame) -> str:
    """A frame as fixed-width text with three decimals."""
    return frame.to_string(index=False, float_format=lambda x: f"{x:.3f}")


def main() -> None:
    """Print the check-split evaluation (and train, dev); optionally log it and update docs/benchmarks.md."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", default=None, help="'default' or a saved TrustClassifier folder")
    ap.add_argument("--log", action="store_true", help="append this check measurement to coded/check-log.md")
    ap.add_argument(
        "--docs",
        "--readme",
        dest="docs",
        action="store_true",
        help="rewrite docs/benchmarks.md's coded block",
    )
    ap.add_argument("--note", default="", help="a few words for the log line")
    ap.add_argument(
        "--train-only",
        action="store_true",
        help="print train and dev figures per language and concept, without reading the check split",
    )
    args = ap.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"no corpora under {args.shared}: the coded corpus is stored as references to them")
    if args.train_only:
        if args.log or args.docs or args.model:
            sys.exit("--train-only reads no check split: leave out --log, --docs and --model")
        train_only(args.shared)
        return

    model = None
    if args.model:
        from trustlex.models import TrustClassifier

        model = TrustClassifier.load(args.model)
    a, b = read_pass("a"), read_pass("b")
    check = rows_of("check", args.shared)
    ids = [r["id"] for r in check if r["id"] in a and r["id"] in b]
    ceiling = agreement(ids, a, b)
    lex = evaluate(check)
    out = [
        f"Check split ({len(check)} sentences; frozen, never tuned on), lexicon alone; coders_f1 = ceiling",
        fmt(with_coders(summary_table(lex), check, a, b)),
        "",
        "Per concept on the check split, with the two coders' agreement on the same sentences:",
        fmt(concept_table(lex, ceiling)),
        f"coders' micro-F1 on these sentences: {ceiling['all']['f1']:.3f} "
        f"(valence agreement {ceiling['all']['valence']:.3f})",
    ]
    combined = None
    if model is not None:
        combined = evaluate(check, model=model)
        out += ["", f"Check split, lexicon + model ({args.model}):", fmt(summary_table(combined))]
    rows = rows_of("train", args.shared)
    train = evaluate(rows)
    out += ["", "Train split (looked at while writing the lexicons):", fmt(summary_table(train))]
    out += ["", *by_round(rows, train)]
    dev = args.shared / "gold" / "dev.jsonl"
    if dev.is_file():
        out += ["", "dev.jsonl (the lexicons were written with it in view):"]
        out.append(fmt(summary_table(evaluate(dev))))
    text = "\n".join(out)
    print(text)
    print(TARGETS)

    if args.log:
        figures = summary_table(combined if combined is not None else lex).set_index("lang")
        row = {
            "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            "commit": commit(),
            "what": f"lexicon + model {args.model}" if model is not None else "lexicon",
            "micro_f1": round(float(figures.loc["all", "micro_f1"]), 3),
            "precision": round(float(figures.loc["all", "precision"]), 3),
            "recall": round(float(figures.loc["all", "recall"]), 3),
            "valence": round(float(figures.loc["all", "valence"]), 3),
            "nl": round(float(figures.loc["nl", "micro_f1"]), 3),
            "en": round(float(figures.loc["en", "micro_f1"]), 3),
            "note": args.note,
        }
        with LOG.open("a", encoding="utf-8") as f:
            f.write("| " + " | ".join(str(v) for v in row.values()) + " |\n")
        print(f"logged to {LOG.relative_to(ROOT)}: {json.dumps(row)}")
    if args.docs:
        write_block("coded", text)


if __name__ == "__main__":
    main()
