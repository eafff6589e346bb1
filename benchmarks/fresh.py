"""The coding rounds that were fresh text once, the lexicons of their time, and the scripts' shared main."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

from accuracy import Tee, write_block

ROOT = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(ROOT / "coded"))
from rounds import FRESH, old_lexicons  # noqa: E402  (here for the benchmarks that import them from fresh)

__all__ = ["FRESH", "old_lexicons", "shared_main"]


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
