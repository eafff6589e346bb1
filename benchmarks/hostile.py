"""Hostile files: time and peak memory of ``trustlex score`` on each bomb, with 1 and 2 workers.

Usage: python benchmarks/hostile.py [--workers 1 2] [--keep DIR]

Builds each hostile input of the hardening issue in a temporary folder (no
shared data needed) and runs the real command line on it in a fresh process,
printing wall time and the peak resident memory of the largest process
(``wait4``'s ``ru_maxrss``, which covers the worker processes the command
waited for). Targets: under 1 GB with one worker and under 2 GB with two;
no single hostile file under 1 MB takes longer than 60 s.

- a DOCX of 743 KB whose document.xml unpacks to 510 MB of empty paragraphs;
- a 146 KB DOCX of the same kind (100 MB unpacked);
- an HTML page of 500 MB that is nearly all blank, and a 500 MB sparse one;
- a text file with a run of 1.5 million blank characters;
- a CSV cell with 1.2 million blank lines;
- a 999,000-character text without punctuation holding 34,000 hits;
- a quanteda YAML alias bomb of 2.8 KB (``lexicon import``);
- deeply nested YAML and TOML lexicons (``lexicon import`` / ``lexicon check``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(path: Path, megabytes: int) -> Path:
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    block = b"<w:p/>" * (1 << 17)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as xml,
    ):
        xml.write(head)
        for _ in range(megabytes * (1 << 20) // len(block)):
            xml.write(block)
        xml.write(b"</w:body></w:document>")
    return path


def blank_html(path: Path, megabytes: int) -> Path:
    with path.open("w", encoding="ascii") as fh:
        fh.write("<html><body><p>Er is geen vertrouwen. ")
        for _ in range(megabytes):
            fh.write(" " * (1 << 20))
        fh.write("Geen communicatie.</p></body></html>")
    return path


def sparse_html(path: Path, megabytes: int) -> Path:
    with path.open("wb") as fh:
        fh.write(b"<html><body><p>Er is geen vertrouwen.</p>" + b" " * 9000)
        fh.truncate(megabytes * (1 << 20))
    return path


def blank_run(path: Path) -> Path:
    path.write_text(" " * 1_500_000 + "\n\n" * 600_000 + "Er is geen vertrouwen.", encoding="utf-8")
    return path


def blank_cell(path: Path) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text"])
        writer.writerow(["Geen vertrouwen." + "\n" * 1_200_000 + "Geen communicatie."])
        writer.writerow(["Wel vertrouwen."])
    return path


def long_unpunctuated(path: Path) -> Path:
    path.write_text(("we do not trust management and there is no communication " * 17_000)[:999_000])
    return path


def yaml_bomb(path: Path) -> Path:
    lines = ["a0: &a0 {x: [trust, vertrouwen, control, risico, afspraak, moed]}"]
    for i in range(1, 30):
        refs = ", ".join(f"k{j}: *a{i - 1}" for j in range(9))
        lines.append(f"a{i}: &a{i} {{{refs}}}")
    lines.append(f"trust: *a{29}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_yaml(path: Path) -> Path:
    path.write_text("trust: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return path


def deep_toml(path: Path) -> Path:
    head = "[lexicon]\nname = 'x'\nlanguage = 'en'\nversion = '1'\nx = "
    path.write_text(head + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("docx bomb, 510 MB unpacked", lambda d: docx_bomb(d / "bomb.docx", 510), "score"),
    ("docx bomb, 100 MB unpacked", lambda d: docx_bomb(d / "small-bomb.docx", 100), "score"),
    ("html, 500 MB nearly blank", lambda d: blank_html(d / "blank.html", 500), "score"),
    ("html, 500 MB sparse", lambda d: sparse_html(d / "sparse.html", 500), "score"),
    ("text, 1.5 M blanks", lambda d: blank_run(d / "blanks.txt"), "score"),
    ("csv cell, 1.2 M blank lines", lambda d: blank_cell(d / "cell.csv"), "score"),
    ("999,000 chars, no stop", lambda d: long_unpunctuated(d / "long.txt"), "score"),
    ("yaml alias bomb", lambda d: yaml_bomb(d / "bomb.yml"), "import"),
    ("yaml nested 100,000 deep", lambda d: deep_yaml(d / "deep.yml"), "import"),
    ("toml nested 100,000 deep", lambda d: deep_toml(d / "deep.toml"), "check"),
]


def run(args: list[str], cwd: Path) -> tuple[int, float, float, str]:
    """Run ``python -m trustlex ARGS``: (exit code, seconds, peak MB, last stderr line)."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "trustlex", *args], stdout=subprocess.DEVNULL, stderr=err, cwd=cwd
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        err.seek(0)
        lines = [line for line in err.read().splitlines() if line.strip()]
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, (lines or [""])[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", type=Path, default=None, help="build the files here and keep them")
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="trustlex-hostile-")) if args.keep is None else args.keep
    print(f"{'file':30} {'size':>10} {'workers':>7} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last message")
    try:
        for name, build, command in CASES:
            folder = base / name.split(",")[0].replace(" ", "-")
            folder.mkdir(parents=True, exist_ok=True)
            path = build(folder)
            size = path.stat().st_size
            shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB"
            for workers in args.workers if command == "score" else [1]:
                if command == "score":
                    out = base / f"{folder.name}-out-{workers}.csv"  # outside the folder scored
                    cmd = ["score", str(folder), "--out", str(out), "--force", "--quiet"]
                    cmd += ["--workers", str(workers)]
                    if name.startswith("999"):
                        cmd += ["--level", "match", "--lang", "en"]
                elif command == "import":
                    cmd = ["lexicon", "import", str(path), "--to", str(base / "out.toml"), "--lang", "en"]
                else:
                    cmd = ["lexicon", "check", str(path)]
                code, seconds, peak, message = run(cmd, folder)
                figures = f"{workers:>7} {code:>4} {seconds:8.1f} {peak:8.0f}"
                print(f"{name:30} {shown:>10} {figures}  {message[:70]}")
                for leftover in base.glob(f"{folder.name}-out-*"):
                    leftover.unlink()
            if args.keep is None:
                shutil.rmtree(folder)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print("targets: peak under 1,024 MB with 1 worker and 2,048 MB with 2; under 60 s for files under 1 MB")


if __name__ == "__main__":
    main()
