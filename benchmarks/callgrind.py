"""Instructions and simulated cache misses of a first pass, per checkout, under valgrind's callgrind.

Usage: python benchmarks/callgrind.py [--corpora ../shared/corpora] [--lang en] [--words 20000]
       [--old ../an-older-checkout] [--exclude ids.json] [--out-dir /tmp/cg]

Timings on a shared machine move by a tenth from run to run; callgrind counts
what the CPU is asked to do, the same from run to run to a tenth of a
percent. For each checkout (this one, and ``--old`` if given) a fresh process
under ``valgrind --tool=callgrind --cache-sim=yes`` imports trustlex, scores
50 other documents of the corpus (loading, first calls: not counted), and
then scores about ``--words`` words of it at the sentence level, with
instrumentation switched on (``callgrind_control -i on``) for that pass only.
It prints, per checkout, the instructions (Ir), the simulated first-level
instruction and data misses and last-level misses, and callgrind's cycle
estimate CEst = Ir + 10 x first-level misses + 100 x last-level misses; with
``--old``, the ratio old/this of the estimates (the speed of this checkout
as a fraction of the old one's, as ``speed.py --old`` gives it from timings).

Each process runs some 50 times slower than without valgrind: 20,000 words
take 2-5 minutes. The output files (``callgrind_annotate FILE`` shows them
per C function) are kept in ``--out-dir``. ``--exclude`` names a JSON file
mapping a corpus's folder name to document ids to leave out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CORPORA = {
    "nl": "nl-regelgeving/nl-regelgeving.jsonl",
    "en": "en-glassdoor-2025/en-glassdoor-2025.jsonl",
}
# the event columns of callgrind's totals with --cache-sim=yes, in order
EVENTS = ("Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw")


def load_texts(path: Path, words: int, skip: set[str]) -> tuple[list[str], list[str]]:
    """Return (texts of about ``words`` words, 50 further texts for warming up), without ``skip`` ids."""
    texts, warm, total = [], [], 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("id") in skip:
                continue
            if total < words:
                texts.append(doc["text"])
                total += len(doc["text"].split())
            else:
                warm.append(doc["text"])
                if len(warm) == 50:
                    break
    return texts, warm


def child(lang: str, path: str, words: int, exclude: str | None) -> None:
    """Run under callgrind: warm up uncounted, then count one first pass (instrumentation on around it)."""
    skip = set(json.loads(Path(exclude).read_text()).get(Path(path).parent.name, ())) if exclude else set()
    texts, warm = load_texts(Path(path), words, skip)
    import trustlex

    trustlex.score_texts(warm, lang=lang, level="sentence")
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on", pid], check=True, capture_output=True)
    rows = trustlex.score_texts(texts, lang=lang, level="sentence")
    subprocess.run(["callgrind_control", "-i", "off", pid], check=True, capture_output=True)
    print(json.dumps({"rows": len(rows), "docs": len(texts)}))


def totals(out_file: Path) -> dict[str, int]:
    """Return the event totals of a callgrind output file (its ``totals:`` line, named by ``events:``)."""
    events: list[str] = list(EVENTS)
    for line in out_file.read_text().splitlines():
        if line.startswith("events:"):
            events = line.split(":", 1)[1].split()
        elif line.startswith("totals:"):  # the "summary:" line before it may count nothing
            return dict(zip(events, map(int, line.split(":", 1)[1].split()), strict=False))
    msg = f"{out_file}: no totals line"
    raise ValueError(msg)


def cycle_estimate(t: dict[str, int]) -> int:
    """callgrind's CEst: instructions, 10 per first-level miss and 100 per last-level miss."""
    first = t.get("I1mr", 0) + t.get("D1mr", 0) + t.get("D1mw", 0)
    last = t.get("ILmr", 0) + t.get("DLmr", 0) + t.get("DLmw", 0)
    return t["Ir"] + 10 * first + 100 * last


def run(checkout: Path, tag: str, args: argparse.Namespace) -> dict[str, int]:
    """Count one checkout's first pass in a fresh process under callgrind; return its totals."""
    out_file = Path(args.out_dir) / f"callgrind.{tag}.out"
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--cache-sim=yes",
        "--instr-atstart=no",
        f"--callgrind-out-file={out_file}",
        sys.executable,
        __file__,
        "--child",
        "--lang",
        args.lang,
        "--path",
        str(Path(args.corpora) / CORPORA[args.lang]),
        "--words",
        str(args.words),
    ]
    if args.exclude:
        cmd += ["--exclude", args.exclude]
    subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    return totals(out_file)


def main() -> None:
    """Parse the arguments, count each checkout's first pass, print the totals and the ratio."""
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=str(here.parent / "shared" / "corpora"))
    ap.add_argument("--lang", default="en", choices=sorted(CORPORA))
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--old", help="an older checkout to compare with")
    ap.add_argument("--exclude", help="JSON: corpus folder name -> document ids to leave out")
    ap.add_argument("--out-dir", default=".")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.lang, args.path, args.words, args.exclude)
        return
    Path(args.out_dir).mkdir(parents=True, exist_ok=True)
    checkouts = [("this", here)] + ([("old", Path(args.old).resolve())] if args.old else [])
    found = {tag: run(path, tag, args) for tag, path in checkouts}
    print(f"{args.lang} first pass, about {args.words:,} words, under callgrind (--cache-sim=yes)")
    print(f"{'':6} {'Ir':>15} {'I1 misses':>12} {'D1 misses':>12} {'LL misses':>10} {'CEst':>15}")
    for tag, t in found.items():
        d1 = t.get("D1mr", 0) + t.get("D1mw", 0)
        ll = t.get("ILmr", 0) + t.get("DLmr", 0) + t.get("DLmw", 0)
        print(f"{tag:6} {t['Ir']:15,} {t.get('I1mr', 0):12,} {d1:12,} {ll:10,} {cycle_estimate(t):15,}")
    if "old" in found:
        ratio = cycle_estimate(found["old"]) / cycle_estimate(found["this"])
        by_ir = found["old"]["Ir"] / found["this"]["Ir"]
        print(f"this/old speed by CEst: {ratio:.3f} (Ir alone: {by_ir:.3f})")


if __name__ == "__main__":
    main()
