"""Worker pools under fork, spawn and forkserver: time of score_folder with 2 workers on small files.

Usage: python benchmarks/start_methods.py [--corpora ../shared/corpora] [--files 200] [--repeat 2]
       [--old /path/to/an/older/checkout]

Writes --files small documents (English reviews and Dutch news sentences
from the shared corpora, or the texts of ``samples/`` without them) as .txt
files, and times ``score_folder(folder, out, workers=2, lang="auto")`` in a
fresh process per run: starting the workers, loading the pipelines (in this
process under fork, in every worker otherwise), scoring, writing. Each start
method is chosen with ``TRUSTLEX_START_METHOD`` (and, for code that does not
read it, Python's global start method). The worker log
(``TRUSTLEX_WORKER_LOG``) gives how long each worker took to start, and how
many units each ran. It prints the best of --repeat runs per start method,
and whether the outputs of all runs are identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("en-glassdoor-2025/en-glassdoor-2025.jsonl", "nl-twnc-news-sentences/nl-twnc-news-sentences.jsonl")
METHODS = ("fork", "spawn", "forkserver")


def build_folder(corpora: Path, folder: Path, files: int) -> str:
    """Write ``files`` small .txt files, half from each corpus; return where the texts came from."""
    folder.mkdir(parents=True)
    if corpora.is_dir():
        texts = []
        for rel in CORPORA:
            with (corpora / rel).open(encoding="utf-8") as fh:
                texts += [
                    json.loads(line)["text"] for _, line in zip(range(files // 2 + 1), fh, strict=False)
                ]
        source = f"English reviews and Dutch news sentences of {corpora}"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
        texts = [line for text in texts for line in text.split("\n\n") if line.strip()]
        source = f"paragraphs of samples/ (no corpora at {corpora})"
    for i in range(files):
        (folder / f"doc{i:04d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return source


def child(folder: str, out: str, method: str) -> None:
    """Run in a fresh process: score the folder with 2 workers started by ``method``."""
    import multiprocessing

    multiprocessing.set_start_method(method, force=True)  # for code that has no start_method of its own
    t0 = time.perf_counter()
    import trustlex

    imported = time.perf_counter() - t0
    t0 = time.perf_counter()
    trustlex.score_folder(folder, out, level="doc", workers=2, force=True, progress=False)
    print(json.dumps({"seconds": time.perf_counter() - t0, "import": imported}))


def run_child(code: Path, folder: Path, out: Path, method: str, log: Path) -> dict:
    """Time one run in a fresh process with ``code`` first on the path; return its figures."""
    env = {
        **os.environ,
        "PYTHONPATH": str(code),
        "TRUSTLEX_START_METHOD": method,
        "TRUSTLEX_WORKER_LOG": str(log),
    }
    cmd = [sys.executable, __file__, "--child", method, "--folder", str(folder), "--out", str(out)]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    got = json.loads(res.stdout.strip().splitlines()[-1])
    got["digest"] = hashlib.sha256(out.read_bytes()).hexdigest()
    return got


def worker_figures(log: Path) -> str:
    """Summarise a worker log: the slowest worker start and the units per worker."""
    if not log.exists():
        return "no worker log (code without one)"
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    starts = [r["seconds"] for r in records if r["event"] == "start"]
    units: dict[int, int] = {}
    for r in records:
        if r["event"] == "unit":
            units[r["pid"]] = units.get(r["pid"], 0) + 1
    return f"workers started in {max(starts):.1f} s at most; units per worker {sorted(units.values())}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / ".." / "shared" / "corpora")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--old", type=Path, help="an earlier checkout to time too (e.g. the main branch)")
    parser.add_argument("--child")
    parser.add_argument("--folder")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.folder, args.out, args.child)
        return
    codes = {"this": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        source = build_folder(args.corpora, tmp_path / "in", args.files)
        print(
            f"folder: {args.files} small .txt files ({source}); 2 workers, lang auto, best of {args.repeat}"
        )
        digests = set()
        for name, code in codes.items():
            for method in METHODS:
                best: dict | None = None
                for r in range(args.repeat):
                    log = tmp_path / f"{name}-{method}-{r}.jsonl"
                    got = run_child(code, tmp_path / "in", tmp_path / f"{name}-{method}.csv", method, log)
                    got["workers"] = worker_figures(log)
                    digests.add(got["digest"])
                    if best is None or got["seconds"] < best["seconds"]:
                        best = got
                assert best is not None
                print(
                    f"  {name:5} {method:10} {best['seconds']:6.1f} s  "
                    f"(import trustlex {best['import']:.1f} s before; {best['workers']})"
                )
        print(f"outputs identical across start methods and runs: {len(digests) == 1}")


if __name__ == "__main__":
    main()
