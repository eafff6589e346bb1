"""The coding rounds that were fresh text once, the lexicons of their time, and the scripts' shared main."""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

from accuracy import Tee, write_block

ROOT = Path(__file__).resolve().parent.parent

# Coding rounds that served once as fresh text, with the commit whose lexicons had not seen them
# (coded/README.md): the lexicon misses there what it would miss on a user's text.
FRESH = {
    5: "8d54a41",
    6: "329d127",
    7: "fe8050e",
    8: "c1e3bcc",
    9: "88f2efb",
    10: "39db636",
    11: "5d7e72b",
    12: "096827a",
    13: "359bd31",
    14: "3c2b998",
    15: "d38b488",
    16: "d38b488",
    17: "3ac503f",
    18: "3ac503f",
    19: "2bbce2a",
    20: "3164140",
    21: "ecd32ae",
    22: "ecd32ae",
    23: "296c097",
    24: "296c097",
    25: "64119f1",
}


def old_lexicons(commit: str, lang: str, into: Path) -> list[str]:
    """The concept lexicon files of ``lang`` as they were at ``commit`` (from git), written under ``into``."""
    folder = into / commit
    if not folder.exists():
        folder.mkdir(parents=True)
        tar = subprocess.run(
            ["git", "archive", commit, "lexicons"],  # both languages: the folder serves either
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(folder, filter="data")
    files = sorted((folder / "lexicons" / lang).glob("*.toml"))
    return [str(f) for f in files if f.stem not in ("context", "referents")]


def shared_main(doc: str, block: str, run: Callable[[Path], None]) -> None:
    """Parse ``--shared`` and ``--docs``, run, and with ``--docs`` publish what was printed as ``block``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--docs", action="store_true", help=f"rewrite docs/benchmarks.md's {block} block")
    args = parser.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"shared folder {args.shared} has no corpora/; pass --shared PATH")
    out = io.StringIO()
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(Tee(sys.stdout, out)):
        run(args.shared)
    print(f"(whole run {time.perf_counter() - t0:.0f} s)")
    if args.docs:
        write_block(block, out.getvalue().rstrip())
