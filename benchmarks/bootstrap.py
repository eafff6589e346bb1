"""Bootstrap intervals at 100,000 documents: time and peak memory of ``compare`` and ``climate``.

Usage: python benchmarks/bootstrap.py [--corpora ../shared/corpora] [--docs 100000] [--n-boot 1000]
       [--old /path/to/an/older/checkout]

Builds a realistic document-level frame: the English employee reviews and
survey answers of the shared corpora (Glassdoor, Austin community survey),
scored with ``trustlex.score_texts(level="doc")``, replicated with new
document ids to --docs rows, with a ``company`` column (92 employers and the
survey) to group by. Without the corpora, the files of ``samples/`` are
scored instead. Then each call runs in a fresh process:
``compare(frame)``, ``compare(frame, by="company")``, ``climate(frame)``
and ``climate(frame, by="company")``, and the process prints

- its peak resident memory (ru_maxrss) once the frame is loaded (baseline),
- its peak resident memory during the call (target: under 600 MB),
- the peak of the call's own allocations as tracemalloc sees them (NumPy
  reports its arrays there), and the call's time.

With --old (a checkout of an earlier trustlex, e.g. the main branch) every
call also runs on that code (through PYTHONPATH), and the results of both
are compared: equal, or the largest difference of the interval bounds.
The frame and the results pass between the processes as Parquet files (no
pickle: nothing a process loads can run code), which keep the dtypes and the
index, Categorical columns included.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (
    "en-glassdoor-2025/en-glassdoor-2025.jsonl",
    "en-austin-community-survey/en-austin-community-survey.jsonl",
)
CALLS = ("compare", "compare by company", "climate", "climate by company")


def read_texts(corpora: Path) -> tuple[list[str], list[str]]:
    """Return (texts, company) of the English corpora; the survey answers are one group."""
    texts, groups = [], []
    for rel in CORPORA:
        with (corpora / rel).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                texts.append(record["text"])
                groups.append(record.get("company") or "Austin community survey")
    return texts, groups


def build_frame(corpora: Path, docs: int) -> tuple[Any, str]:
    """Score the real texts once at document level and replicate them to ``docs`` rows with new ids."""
    import numpy as np
    import pandas as pd

    import trustlex

    if corpora.is_dir():
        texts, groups = read_texts(corpora)
        scored = trustlex.score_texts(texts, lang="en", level="doc")
        scored["company"] = groups
        source = f"{len(texts):,} English reviews and survey answers of {corpora}"
    else:
        scored = trustlex.score_folder(ROOT / "samples", level="doc", progress=False).frame
        scored["company"] = scored["path"].astype(str)
        source = f"{len(scored):,} documents of samples/ (no corpora at {corpora})"
    reps = -(-docs // len(scored))
    frame = pd.concat([scored] * reps, ignore_index=True).iloc[:docs].copy()
    frame["doc_id"] = np.arange(len(frame))
    return frame.reset_index(drop=True), source


def write_frame(frame: Any, path: Path) -> None:
    """Write a frame (or a result) as Parquet; column names become text, as Parquet keeps only text names."""
    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    frame.to_parquet(path)


def child(frame_path: str, call: str, n_boot: int, result_path: str) -> None:
    """Run in a fresh process: load the frame, then run one call and print its memory and time."""
    import resource
    import tracemalloc

    import pandas as pd

    import trustlex

    frame = pd.read_parquet(frame_path)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    function = trustlex.compare if call.startswith("compare") else trustlex.climate
    by = "company" if call.endswith("company") else None
    tracemalloc.start()
    t0 = time.perf_counter()
    result = function(frame, by, n_boot=n_boot)
    seconds = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    write_frame(result, Path(result_path))
    print(json.dumps({"base": base, "peak": peak, "traced": traced, "seconds": seconds}))


def run_child(code: Path, frame_path: Path, call: str, n_boot: int, result_path: Path) -> dict:
    """Run one call in a fresh process with ``code`` first on the path; return its figures."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    cmd = [sys.executable, __file__, "--child", call, "--frame", str(frame_path), "--n-boot", str(n_boot)]
    cmd += ["--result", str(result_path)]
    res = subprocess.run(cmd, check=False, capture_output=True, text=True, env=env)
    if res.returncode:  # say why, not only that it failed
        sys.exit(f"{call} on {code} failed:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def difference(old_path: Path, new_path: Path) -> str:
    """Say whether two results are equal, or how far apart their numbers are."""
    import numpy as np
    import pandas as pd

    old, new = pd.read_parquet(old_path), pd.read_parquet(new_path)
    if old.equals(new):
        return "identical"
    numbers = old.select_dtypes("number").columns
    gap = np.nanmax(np.abs(old[numbers].to_numpy(float) - new[numbers].to_numpy(float)))
    return f"largest difference {gap:.3g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / ".." / "shared" / "corpora")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--old", type=Path, help="an earlier checkout to measure too (e.g. the main branch)")
    parser.add_argument("--child")
    parser.add_argument("--frame")
    parser.add_argument("--result")
    args = parser.parse_args()
    if args.child:
        child(args.frame, args.child, args.n_boot, args.result)
        return
    codes = {"this": ROOT, **({"old": args.old.resolve()} if args.old else {})}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        t0 = time.perf_counter()
        frame, source = build_frame(args.corpora, args.docs)
        frame_path = tmp_path / "frame.parquet"
        write_frame(frame, frame_path)
        print(f"frame: {len(frame):,} documents, {frame['company'].nunique()} companies, from {source}")
        print(
            f"  built in {time.perf_counter() - t0:.1f} s; n_boot={args.n_boot}; peak resident memory in MB"
        )
        print(f"  {'call':20} {'code':5} {'baseline':>9} {'peak':>7} {'traced':>7} {'seconds':>8}  result")
        for call in CALLS:
            for name, code in codes.items():
                result_path = tmp_path / f"{name}-{call}.parquet"
                got = run_child(code, frame_path, call, args.n_boot, result_path)
                same = difference(tmp_path / f"this-{call}.parquet", result_path) if name == "old" else ""
                print(
                    f"  {call:20} {name:5} {got['base']:9.0f} {got['peak']:7.0f} {got['traced']:7.0f} "
                    f"{got['seconds']:8.2f}  {same}"
                )
        print("target: peak under 600 MB for every call of this code")


if __name__ == "__main__":
    main()
