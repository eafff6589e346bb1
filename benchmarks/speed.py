"""Words per second of score_texts(level="sentence") against the plain spaCy tokenizer.

Usage: python benchmarks/speed.py [--corpora ../shared/corpora] [--words 150000]

For each language it reads about --words whitespace words of real text
(Dutch regulations, English employee reviews), then, in one fresh process
per measurement, times (a) spacy.blank(lang).tokenizer.pipe over the texts
and (b) trustlex.score_texts(texts, lang, level="sentence"), after a short
warm-up of both. It prints words/s, the ratio b/a, and the peak resident
memory (maxrss) of the trustlex process. Timing is best of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CORPORA = {
    "nl": "nl-regelgeving/nl-regelgeving.jsonl",
    "en": "en-glassdoor-2025/en-glassdoor-2025.jsonl",
}


def load_texts(path: Path, words: int) -> tuple[list[str], int]:
    texts, total = [], 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            texts.append(text)
            total += len(text.split())
            if total >= words:
                break
    return texts, total


def measure(mode: str, lang: str, path: str, words: int, repeat: int) -> None:
    """Run in a child process: print one JSON line with seconds and maxrss."""
    import resource

    texts, total = load_texts(Path(path), words)
    if mode == "tokenizer":
        import spacy

        nlp = spacy.blank(lang)
        list(nlp.tokenizer.pipe(texts[:20]))

        def run():
            for _ in nlp.tokenizer.pipe(texts, batch_size=512):
                pass
    else:
        import trustlex

        t0 = time.perf_counter()
        trustlex.score_texts(texts[:20], lang=lang, level="sentence")
        setup = time.perf_counter() - t0

        def run():
            return trustlex.score_texts(texts, lang=lang, level="sentence")

    best = float("inf")
    rows = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - t0)
        rows = len(out) if out is not None else None
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": best, "words": total, "docs": len(texts), "maxrss_mb": rss_mb, "rows": rows}
    if mode != "tokenizer":
        result["setup_seconds"] = setup
    print(json.dumps(result))


def child(mode: str, lang: str, path: Path, words: int, repeat: int) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--lang",
        lang,
        "--path",
        str(path),
        "--words",
        str(words),
        "--repeat",
        str(repeat),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child")
    parser.add_argument("--lang")
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child:
        measure(args.child, args.lang, args.path, args.words, args.repeat)
        return
    if not args.corpora.is_dir():
        sys.exit(f"corpora folder {args.corpora} not found; pass --corpora PATH (the shared corpora)")
    print(
        f"{'lang':4} {'corpus':28} {'words':>8} {'tokenizer w/s':>14} {'trustlex w/s':>13} "
        f"{'ratio':>6} {'peak MB':>8} {'rows':>6}"
    )
    for lang, rel in CORPORA.items():
        path = args.corpora / rel
        base = child("tokenizer", lang, path, args.words, args.repeat)
        tl = child("trustlex", lang, path, args.words, args.repeat)
        base_wps = base["words"] / base["seconds"]
        tl_wps = tl["words"] / tl["seconds"]
        print(
            f"{lang:4} {rel.split('/')[0]:28} {tl['words']:8d} {base_wps:14,.0f} {tl_wps:13,.0f} "
            f"{tl_wps / base_wps:6.2f} {tl['maxrss_mb']:8.0f} {tl['rows']:6d}"
        )
        print(
            f"     (pipeline set-up and first 20 docs: {tl['setup_seconds']:.2f} s; "
            f"tokenizer process peak {base['maxrss_mb']:.0f} MB)"
        )


if __name__ == "__main__":
    main()
