"""Where a first pass's CPU goes against an old checkout: the grown lexicons, referent attribution, the rest.

Usage::

    python benchmarks/speed_parts.py --corpora ../shared/corpora --old <checkout of 57226a7> [--rounds 3]

``benchmarks/speed.py --old`` gives one ratio of this code to an old one.
This script splits it: it times a first pass of ``score_texts`` (sentence
level, 150,000 words of each language's speed corpus, in a fresh process
each time, CPU seconds) for

- ``old``: the old checkout with its own lexicons (57226a7 had no referents);
- ``this``: this checkout as shipped;
- ``no referents``: this checkout with an empty referent taxonomy;
- ``old lexicons``: this checkout with the old checkout's concept lexicon
  files (this checkout's context rules; their format moved on);
- ``old lexicons, no referents``: both.

The modes alternate round by round, so a busy machine slows them alike; the
table gives each mode's median CPU and its ratio to ``old``, and the rows
each mode finds (the lexicons' work differs, not only the code's).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import CORPORA, load_texts  # noqa: E402  (benchmarks/ is on the path: this script's folder)

MODES = ("old", "this", "no referents", "old lexicons", "old lexicons, no referents")


def _child(mode: str, lang: str, path: str, words: int, old: str) -> None:
    """Print (CPU seconds of a first pass, rows) of one mode, in this fresh process."""
    import trustlex

    texts, _, _ = load_texts(Path(path), words)
    kw: dict = {}
    if "old lexicons" in mode:
        files = sorted(Path(old, "lexicons", lang).glob("*.toml"))
        kw["lexicons"] = [str(p) for p in files if p.stem not in ("context", "referents")]
    warm = "A warm-up sentence about the weather." if lang == "en" else "Een zin over het weer."
    trustlex.score_texts([warm], lang=lang, level="sentence", **kw)  # loading is not the pass
    if "no referents" in mode:
        from trustlex.lexicon.referents import Taxonomy
        from trustlex.matching.referent_index import ReferentIndex
        from trustlex.pipeline import scoring_engine

        nlp, engine = scoring_engine(lang, tuple(kw["lexicons"]) if kw else None)
        engine.referents = ReferentIndex(Taxonomy(lang), nlp.vocab.strings)
    start = time.process_time()
    frame = trustlex.score_texts(texts, lang=lang, level="sentence", **kw)
    print(json.dumps({"cpu": time.process_time() - start, "rows": len(frame)}))


def _run(mode: str, lang: str, path: Path, words: int, old: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(old if mode == "old" else ROOT))
    cmd = [sys.executable, __file__, "--child", mode, "--lang", lang, "--path", str(path)]
    cmd += ["--words", str(words), "--old", str(old)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def parts(corpora: Path, old: Path, words: int, rounds: int) -> list[str]:
    """Return the table's lines: per language and mode, median first-pass CPU, ratio to old, rows."""
    lines = [
        f"first pass of score_texts, {words:,} words, CPU s (median of {rounds} fresh processes per mode)",
        f"{'lang':4s} {'mode':28s} {'cpu':>7s} {'x old':>6s} {'rows':>6s}",
    ]
    for lang, rel in CORPORA.items():
        runs: dict[str, list[dict]] = {m: [] for m in MODES}
        for _ in range(rounds):
            for mode in MODES:
                runs[mode].append(_run(mode, lang, corpora / rel, words, old))
        base = statistics.median(r["cpu"] for r in runs["old"])
        for mode in MODES:
            cpu = statistics.median(r["cpu"] for r in runs[mode])
            lines.append(f"{lang:4s} {mode:28s} {cpu:7.3f} {cpu / base:6.2f} {runs[mode][0]['rows']:6d}")
    return lines


def main() -> None:
    """Print the table (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--old", type=Path, required=True, help="a checkout of the old commit")
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--lang")
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.lang, args.path, args.words, str(args.old))
        return
    print("\n".join(parts(args.corpora, args.old.resolve(), args.words, args.rounds)))


if __name__ == "__main__":
    main()
