"""Seconds for ``span._.trustlex`` on every span of one long document, against a scan of the match list.

Usage: python benchmarks/spans.py [--corpora ../shared/corpora] [--sentences 9000 20000] [--sample 300]

For each --sentences count, joins English employee reviews (blank lines
between them) into one document of about that many sentences (20,000 make
about 9,000 spans), runs ``trustlex.load("en")`` on it, and times
reading ``span._.trustlex`` for every span of ``doc.spans["trustlex"]``: the
first pass builds the doc's match index, a second pass reads it. For
comparison it times the former look-up (a scan of ``doc._.trustlex_matches``
per span) on --sample spans and extrapolates to all. It checks that both give
the same record for every sampled span. Wall seconds, and in brackets the
process's CPU seconds (on a shared machine the wall time also counts the
others' work).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

CORPUS = "en-glassdoor-2025/en-glassdoor-2025.jsonl"


def scan_lookup(span) -> dict | None:
    """The former ``span._.trustlex``: scan the doc's whole match list for the span's record."""
    key = (span.start, span.end, span.label_, span.id_)
    for info in span.doc._.trustlex_matches or ():
        if (info["start"], info["end"], info["concept"], info["entry"]) == key:
            return info
    return None


def long_text(path: Path, sentences: int) -> str:
    """Return reviews joined by blank lines, about ``sentences`` sentences in all (counted roughly)."""
    texts, count = [], 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            texts.append(text)
            count += text.count(". ") + text.count("\n\n") + 1
            if count >= sentences:
                break
    return "\n\n".join(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument("--sentences", type=int, nargs="+", default=[9000, 20000])
    parser.add_argument("--sample", type=int, default=300, help="spans timed with the former scan")
    args = parser.parse_args()
    path = args.corpora / CORPUS
    if not path.is_file():
        sys.exit(f"corpus {path} not found; pass --corpora PATH (the shared corpora)")
    import trustlex

    nlp = trustlex.load("en")
    for sentences in args.sentences:
        measure(nlp, long_text(path, sentences), args.sample)


def timed(fn) -> tuple[object, float, float]:
    """Return (fn(), wall seconds, CPU seconds)."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def measure(nlp, text: str, sample_size: int) -> None:
    """Print the seconds of ``span._.trustlex`` over all spans of ``nlp(text)``, now and formerly."""
    nlp.max_length = max(nlp.max_length, 2 * len(text))
    doc = nlp(text)
    spans = list(doc.spans["trustlex"])
    n_sents = sum(1 for _ in doc.sents)
    first, wall, cpu = timed(lambda: [s._.trustlex for s in spans])
    _, wall2, cpu2 = timed(lambda: [s._.trustlex for s in spans])
    step = max(1, len(spans) // sample_size)
    sample = spans[::step][:sample_size]
    former, wall3, cpu3 = timed(lambda: [scan_lookup(s) for s in sample])
    scale = len(spans) / max(1, len(sample))
    same = all(a is b for a, b in zip(former, first[::step], strict=False))
    print(
        f"document: {len(text):,} characters, {len(doc):,} tokens, {n_sents:,} sentences, "
        f"{len(spans):,} spans"
    )
    print(f"  span._.trustlex, all spans, first pass (builds the index): {wall:7.3f} s ({cpu:.3f} s CPU)")
    print(f"  span._.trustlex, all spans, again:                         {wall2:7.3f} s ({cpu2:.3f} s CPU)")
    print(
        f"  former scan of the match list, all spans (from {len(sample)}):  {wall3 * scale:7.3f} s "
        f"({cpu3 * scale:.3f} s CPU); same records: {same}"
    )


if __name__ == "__main__":
    main()
