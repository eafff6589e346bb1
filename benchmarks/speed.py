"""Words per second of score_texts(level="sentence") against the plain spaCy tokenizer.

Usage: python benchmarks/speed.py [--corpora ../shared/corpora] [--words 150000] [--repeat 3]
       [--processes 3] [--docs]
       python benchmarks/speed.py --old ../an-older-checkout [--pairs 8]

For each language it reads about --words whitespace words of real text
(Dutch regulations, English employee reviews) and, in one fresh process per
measurement, times (a) spacy.blank(lang).tokenizer over the texts and (b)
trustlex.score_texts(texts, lang, level="sentence"). Each process first warms
up on 50 *other* documents of the corpus (loading, first calls), then times:

- first pass: the texts seen for the first time, as when a user scores new
  documents; this is the headline figure (best of --processes fresh
  processes, tokenizer and trustlex runs alternating so that a slow spell of
  the machine does not favour one side);
- repeated: the best of --repeat further passes over the same texts, where
  spaCy's tokenizer cache and trustlex's per-word caches already know every
  word (the tokenizer gains most here).

It prints words/s, the ratio b/a for both, and the peak resident memory
(maxrss) of the trustlex process, which includes Python, spaCy and pandas;
beside the ratio of the best runs, the median and range of the rounds' own
ratios in CPU seconds (a round's tokenizer and trustlex processes run one
after the other; wall time also counts what the machine gave to others,
and on a loaded machine moved a round's ratio from 0.13 to 1.68).
A third process per round times the same with the shipped classifier
(``score_texts(..., model="default")``, lexicon and model from one scan);
``--no-model`` leaves it out.

With ``--old`` it compares instead: this checkout's trustlex against an
older checkout's, in --pairs pairs of fresh processes taking turns, and
prints the median of the pairs' speed ratios (the same as the ratio of
their first-pass ratios, the tokenizer being the same), and of their
loading: CPU seconds from ``import trustlex`` to the first text scored,
which is what a command on a few documents mostly waits for. Beside them
it counts each checkout's Python calls in a first and a repeated pass
(cProfile, every function it saw), which do not vary with the machine's
load: one child per checkout under ``PYTHONHASHSEED`` 0 and one under 1,
and a range where the two differ.

A last section (``--no-sentencizer`` leaves it out) times the
``trustlex_sentencizer`` component against spaCy's own ``Sentencizer`` (its
rule alone: no blank lines) and against spaCy's followed by trustlex's
blank-line rule (what equal sentences would cost with spaCy's), on short
texts (the English reviews, one doc each) and on long documents (Dutch
regulations and English privacy policies, joined and cut into
100,000-character blocks): freshly tokenized docs each round, the three
taking turns, CPU seconds of the best of five rounds in one fresh process.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

CORPORA = {
    "nl": "nl-regelgeving/nl-regelgeving.jsonl",
    "en": "en-glassdoor-2025/en-glassdoor-2025.jsonl",
}
# PYTHONHASHSEED of each checkout's call-counting children (--old); a second seed shows if counts move
CALL_SEEDS = (0, 1)
# (label, language, corpus, block size in characters or 0 for one doc per text)
SENTENCIZER_SETS = (
    ("en reviews, one doc each", "en", "en-glassdoor-2025/en-glassdoor-2025.jsonl", 0),
    ("nl regulations, 100k blocks", "nl", "nl-regelgeving/nl-regelgeving.jsonl", 100_000),
    ("en privacy, 100k blocks", "en", "en-opp115-privacy/en-opp115-privacy.jsonl", 100_000),
)


def load_texts(path: Path, words: int) -> tuple[list[str], int, list[str]]:
    """Return (texts of about ``words`` words, their word count, 50 further texts for warm-up)."""
    texts, total, warm = [], 0, []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if total < words:
                texts.append(text)
                total += len(text.split())
            else:
                warm.append(text)
                if len(warm) == 50:
                    break
    return texts, total, warm


def measure(mode: str, lang: str, path: str, words: int, repeat: int) -> None:
    """Run in a child process: print one JSON line with seconds and maxrss."""
    import resource

    texts, total, warm = load_texts(Path(path), words)
    c0 = time.process_time()
    if mode == "tokenizer":
        import spacy

        nlp = spacy.blank(lang)

        def run(batch):
            for _ in nlp.tokenizer.pipe(batch, batch_size=512):
                pass
    else:
        import trustlex

        model = "default" if mode == "model" else None
        if mode == "calls":
            count_calls(trustlex, lang, texts, warm)
            return

        def run(batch):
            return trustlex.score_texts(batch, lang=lang, level="sentence", model=model)

    t0 = time.perf_counter()
    run(warm[:1])  # the import and the first call: loading the pipeline
    load_cpu = time.process_time() - c0
    run(warm[1:])
    setup = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    out = run(texts)
    first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    best = best_cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        run(texts)
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "first": first,
        "best": best,
        # CPU seconds: what --old compares (a virtual machine's stolen time counts in wall time)
        "first_cpu": first_cpu,
        "best_cpu": best_cpu,
        "words": total,
        "docs": len(texts),
        "maxrss_mb": rss_mb,
        "rows": len(out) if out is not None else None,
        "setup_seconds": setup,
        # CPU seconds from importing to the first text scored (the pipeline built)
        "load_cpu": load_cpu,
        "trustlex": str(Path(trustlex.__file__).resolve().parent.parent) if mode != "tokenizer" else None,
    }
    print(json.dumps(result))


def blocks(texts: list[str], size: int) -> list[str]:
    """Join ``texts`` with blank lines and cut the whole into blocks of about ``size`` characters."""
    whole = "\n\n".join(texts)
    out, start = [], 0
    while start < len(whole):
        end = whole.find(" ", start + size)  # cut at a space, not inside a word
        end = len(whole) if end < 0 else end
        out.append(whole[start:end])
        start = end
    return out


class SpacyWithRules:
    """spaCy's ``Sentencizer``, then trustlex's blank-line and block-boundary rules (the alternative).

    A thin component as the issue proposed it: spaCy's rule first, then, on a
    doc holding a whitespace token (where a blank line can be), the sentence
    rule of :mod:`trustlex.lang.sentences` again, so that its sentences equal
    the ``trustlex_sentencizer``'s.
    """

    def __init__(self, vocab) -> None:
        from spacy.attrs import IS_SPACE
        from spacy.pipeline import Sentencizer

        from trustlex.lang.sentences import FastSentencizer

        self.is_space = IS_SPACE
        self.spacy = Sentencizer()
        self.rules = FastSentencizer(vocab)

    def __call__(self, doc):
        self.spacy(doc)
        if doc.to_array(self.is_space).any():
            self.rules(doc)
        return doc


def measure_sentencizers(corpora: Path, words: int, rounds: int = 5) -> None:
    """Run in a child process: print one JSON line with the CPU seconds of each sentencizer per text set."""
    import spacy
    from spacy.pipeline import Sentencizer

    from trustlex.lang.sentences import FastSentencizer

    results = []
    for label, lang, rel, size in SENTENCIZER_SETS:
        texts, _, _ = load_texts(corpora / rel, words)
        texts = blocks(texts, size) if size else texts
        nlp = spacy.blank(lang)
        nlp.max_length = 2 * max(map(len, texts))
        components = {
            "trustlex": FastSentencizer(nlp.vocab),
            "spacy": Sentencizer(),
            "spacy+rules": SpacyWithRules(nlp.vocab),
        }
        for component in components.values():  # warm: every word type met once
            for doc in nlp.tokenizer.pipe(texts):
                component(doc)
        best = dict.fromkeys(components, float("inf"))
        for _ in range(rounds):
            for name, component in components.items():
                docs = list(nlp.tokenizer.pipe(texts))  # fresh docs: no sentence starts set yet
                # CPU time of this process: on a shared machine, wall time also counts the others' work
                t0 = time.process_time()
                for doc in docs:
                    component(doc)
                best[name] = min(best[name], time.process_time() - t0)
        tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
        results.append({"label": label, "docs": len(texts), "tokens": tokens, **best})
    print(json.dumps(results))


def sentencizer_lines(corpora: Path, words: int) -> list[str]:
    """Return the printed lines of the sentencizer comparison (measured in one fresh process)."""
    cmd = [sys.executable, __file__, "--child", "sentencizers", "--path", str(corpora), "--words", str(words)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    results = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [
        "sentencizer CPU s (best of 5)     docs   tokens  trustlex  spaCy  spaCy+rules  "
        "spaCy/ours  spaCy+rules/ours"
    ]
    for r in results:
        lines.append(
            f"{r['label']:32} {r['docs']:5d} {r['tokens']:8d} {r['trustlex']:9.3f} {r['spacy']:6.3f} "
            f"{r['spacy+rules']:12.3f} {r['spacy'] / r['trustlex']:11.2f} "
            f"{r['spacy+rules'] / r['trustlex']:17.2f}"
        )
    return lines


def best_of(runs: list[dict]) -> dict:
    """Keep the best first pass and the best repeat of several fresh-process runs."""
    best = dict(min(runs, key=lambda r: r["first"]))
    best["best"] = min(r["best"] for r in runs)
    best["maxrss_mb"] = max(r["maxrss_mb"] for r in runs)
    return best


def cpu_pairs(base: list[dict], runs: list[dict], key: str) -> str:
    """Return the median [range] of the rounds' CPU speed ratios, ``runs`` against ``base`` (the tokenizer).

    A round's two processes run one after the other, so a slow spell of the
    machine hits both; CPU seconds (``key``: ``first_cpu`` or ``best_cpu``)
    leave out the time the machine gave to others, which wall time counts.
    """
    ratios = sorted(b[key] / r[key] for b, r in zip(base, runs, strict=True))
    return f"{statistics.median(ratios):.2f} [{ratios[0]:.2f}, {ratios[-1]:.2f}]"


def measure_all(
    lang: str, path: Path, words: int, repeat: int, processes: int, modes: tuple[str, ...]
) -> dict[str, dict]:
    """Run the modes' processes in turn, round after round, so a slow spell of the machine hits all."""
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    for _ in range(processes):
        for mode, out in runs.items():
            out.append(_child(mode, lang, path, words, repeat))
    return {mode: {**best_of(out), "runs": out} for mode, out in runs.items()}


def profiled_calls(profile: cProfile.Profile) -> int:
    """Return the calls of every function ``profile`` saw.

    Not a sum over ``pstats.Stats(profile).stats``: that table is keyed by
    (file, line, name) and keeps only the last of the functions that share
    one (two generator expressions on one line, the ``__new__`` of every
    NamedTuple, spaCy's ``Doc.push_back`` compiled into two modules), and
    which comes last follows where their code objects lie in memory. Such a
    sum moved between runs of the same checkout by up to 180,000 calls (7 %),
    one ``push_back`` or the other being dropped.
    """
    return sum(entry.callcount for entry in profile.getstats())


def count_calls(trustlex: ModuleType, lang: str, texts: list[str], warm: list[str]) -> None:
    """Run in a child process: print the Python calls of a first and a repeated pass, as JSON.

    Calls counted by cProfile do not depend on the machine's load, so two
    checkouts' counts compare where their timings drown in noise; a call's
    cost varies, so they are a proxy for the work done, not a timing.
    """
    trustlex.score_texts(warm, lang=lang, level="sentence")
    counts = {}
    for name in ("first_calls", "repeated_calls"):
        profile = cProfile.Profile()
        profile.enable()
        out = trustlex.score_texts(texts, lang=lang, level="sentence")
        profile.disable()
        counts[name] = profiled_calls(profile)
    where = str(Path(trustlex.__file__).resolve().parent.parent)
    print(json.dumps({**counts, "rows": len(out), "trustlex": where}))


def _child(
    mode: str,
    lang: str,
    path: Path,
    words: int,
    repeat: int,
    checkout: Path | None = None,
    seed: int | None = None,
) -> dict:
    """Run ``mode`` in a fresh process: ``checkout``'s trustlex first on the path, PYTHONHASHSEED ``seed``."""
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
    env = dict(os.environ)
    if checkout is not None:  # that checkout's trustlex first on the path, this script's child code
        env["PYTHONPATH"] = os.pathsep.join([str(checkout), os.environ.get("PYTHONPATH", "")])
    if seed is not None:
        env["PYTHONHASHSEED"] = str(seed)
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if checkout is not None and Path(result["trustlex"]) != checkout.resolve():
        sys.exit(f"the child imported trustlex from {result['trustlex']}, not from {checkout}")
    return result


def calls_lines(lang: str, this: list[dict], old: list[dict]) -> list[str]:
    """Return the lines of both checkouts' call counts, one child each per seed of :data:`CALL_SEEDS`.

    The counts and ratio printed are the first seed's; where another seed's
    children counted otherwise, the ratio's range over every pairing follows
    in brackets, and the note says the counts are not the same.
    """
    seeds = " and ".join(map(str, CALL_SEEDS))
    lines = []
    for label in ("first", "repeated"):
        mine, theirs = [r[f"{label}_calls"] for r in this], [r[f"{label}_calls"] for r in old]
        ratio = f"{theirs[0] / mine[0]:.3f}"
        if len(set(mine)) == 1 and len(set(theirs)) == 1:
            note = f"the same under PYTHONHASHSEED {seeds}"
        else:
            ratio += f" [{min(theirs) / max(mine):.3f}, {max(theirs) / min(mine):.3f}]"
            note = f"NOT the same under PYTHONHASHSEED {seeds}: this {min(mine):,}-{max(mine):,}, "
            note += f"old {min(theirs):,}-{max(theirs):,}"
        rows = {(r["rows"], o["rows"]) for r in this for o in old}
        rows_note = " | ".join(f"{a:,} / {b:,}" for a, b in sorted(rows))
        lines.append(
            f"{lang:4} {label:9} {mine[0]:10,d} {theirs[0]:10,d}  {ratio}  (Python calls, old/this, {note}; "
            f"rows {rows_note})"
        )
    return lines


def against_old(old: Path, corpora: Path, words: int, pairs: int) -> list[str]:
    """Time this checkout's trustlex against ``old``'s, child by child in turns; return the lines.

    Both run this script's child code (``score_texts`` at sentence level,
    first pass after the 50-document warm-up, then one repeat), so only
    trustlex differs; the plain tokenizer is the same in both, so the ratio
    of their speeds is the ratio of their first-pass ratios. Each pair's
    two runs follow each other (in alternating order): the median of the
    pairs' ratios holds when the machine's speed drifts. Speeds here are
    words per CPU second of the scoring process: on a virtual machine, wall
    time also counts the time the host gave to others.
    """
    this = Path(__file__).resolve().parent.parent
    lines = [
        f"this checkout against {old} ({pairs} pairs of fresh processes, taking turns)",
        f"{'lang':4} {'pass':9} {'this w/cs':>10} {'old w/cs':>10}  this/old CPU speed: median [range]",
    ]
    both = (("this", this), ("old", old))
    for lang, rel in CORPORA.items():
        runs: dict[str, list[dict]] = {"this": [], "old": []}
        for k in range(pairs):
            for name in ("this", "old") if k % 2 == 0 else ("old", "this"):
                checkout = this if name == "this" else old
                runs[name].append(_child("trustlex", lang, corpora / rel, words, 1, checkout))
        for label, key in (("first", "first_cpu"), ("repeated", "best_cpu")):
            ratios = sorted(o[key] / t[key] for t, o in zip(runs["this"], runs["old"], strict=True))
            n = runs["this"][0]["words"]
            this_wps = n / statistics.median(r[key] for r in runs["this"])
            old_wps = n / statistics.median(r[key] for r in runs["old"])
            lines.append(
                f"{lang:4} {label:9} {this_wps:10,.0f} {old_wps:10,.0f}  {statistics.median(ratios):.3f} "
                f"[{ratios[0]:.2f}, {ratios[-1]:.2f}]"
            )
        calls = {
            name: [_child("calls", lang, corpora / rel, words, 1, checkout, seed) for seed in CALL_SEEDS]
            for name, checkout in both
        }
        lines.extend(calls_lines(lang, calls["this"], calls["old"]))
        loads = sorted(o["load_cpu"] / t["load_cpu"] for t, o in zip(runs["this"], runs["old"], strict=True))
        this_load = statistics.median(r["load_cpu"] for r in runs["this"])
        old_load = statistics.median(r["load_cpu"] for r in runs["old"])
        lines.append(
            f"{lang:4} {'loading':9} {this_load:9.2f}s {old_load:9.2f}s  {statistics.median(loads):.3f} "
            f"[{loads[0]:.2f}, {loads[-1]:.2f}]  (CPU s from import to the first text scored; old/this)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    )
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--processes", type=int, default=3, help="fresh processes per measurement")
    parser.add_argument("--no-model", action="store_true", help="time the lexicon path only")
    parser.add_argument("--no-sentencizer", action="store_true", help="leave out the sentencizer comparison")
    parser.add_argument(
        "--docs",
        "--readme",
        dest="docs",
        action="store_true",
        help="rewrite docs/benchmarks.md's speed block",
    )
    parser.add_argument(
        "--old", type=Path, help="time this checkout's trustlex against this older checkout's"
    )
    parser.add_argument("--pairs", type=int, default=8, help="with --old: pairs of fresh processes")
    parser.add_argument("--child")
    parser.add_argument("--lang")
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child == "sentencizers":
        measure_sentencizers(Path(args.path), args.words)
        return
    if args.child:
        measure(args.child, args.lang, args.path, args.words, args.repeat)
        return
    if not args.corpora.is_dir():
        sys.exit(f"corpora folder {args.corpora} not found; pass --corpora PATH (the shared corpora)")
    if args.old is not None:
        for line in against_old(args.old, args.corpora, args.words, args.pairs):
            print(line)
        return
    lines: list[str] = []

    def show(line: str) -> None:
        print(line)
        lines.append(line)

    show(
        f"{'lang':4} {'corpus':20} {'words':>7} {'pass':>14} {'tokenizer w/s':>14} {'trustlex w/s':>13} "
        f"{'ratio':>6} {'CPU ratio [range]':>18} {'peak MB':>8} {'rows':>6}"
    )
    modes = ("tokenizer", "trustlex") if args.no_model else ("tokenizer", "trustlex", "model")
    for lang, rel in CORPORA.items():
        path = args.corpora / rel
        runs = measure_all(lang, path, args.words, args.repeat, args.processes, modes)
        base, tl = runs["tokenizer"], runs["trustlex"]
        for label, key in (("first", "first"), ("repeated", "best")):
            base_wps = base["words"] / base[key]
            for mode in modes[1:]:
                got = runs[mode]
                wps = got["words"] / got[key]
                name = f"{label}+model" if mode == "model" else label
                show(
                    f"{lang:4} {rel.split('/')[0]:20} {got['words']:7d} {name:>14} "
                    f"{base_wps:14,.0f} {wps:13,.0f} "
                    f"{wps / base_wps:6.2f} {cpu_pairs(base['runs'], got['runs'], key + '_cpu'):>18} "
                    f"{got['maxrss_mb']:8.0f} {got['rows']:6d}"
                )
        show(
            f"     (loading: import and first call {tl['load_cpu']:.2f} CPU s; set-up incl. loading and "
            f"50 warm-up docs: trustlex {tl['setup_seconds']:.2f} s; "
            f"peak memory of the tokenizer-only process {base['maxrss_mb']:.0f} MB)"
        )
    if not args.no_sentencizer:
        for line in sentencizer_lines(args.corpora, args.words):
            show(line)
    if args.docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from accuracy import write_block

        write_block("speed", "\n".join(lines))


if __name__ == "__main__":
    main()
