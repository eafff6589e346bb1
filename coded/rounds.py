"""The coding rounds, the commit whose lexicons had not yet seen each, and those lexicons' features.

Every coding round was coded blind and measured once with the lexicons of
its time before any lexicon work used it (README.md, "How the sentences
were drawn"). Read with those lexicons (from git; today's code and context
rules), a round's sentences are unseen text to the lexicon, as a user's
text is. ``FRESH`` holds the rounds from 5 on, which served as fresh text
in the benchmarks; ``UNSEEN`` adds rounds 1-4: round 1 at the commit that
added the coded corpus (no lexicon work had used it yet), rounds 2-4 at the
commits they were measured at as fresh text. ``dev.jsonl`` has no such
commit: the first lexicons were written with it.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Sequence
from pathlib import Path

from trustlex.models import Scanned, TrustClassifier

ROOT = Path(__file__).resolve().parent.parent

# Coding rounds that served once as fresh text, with the commit whose lexicons had not seen them
# (README.md): the lexicon misses there what it would miss on a user's text.
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
UNSEEN = {1: "b3b6c8a", 2: "166494f", 3: "4ce5de3", 4: "b7bbfce", **FRESH}


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


def round_of(row: dict) -> int:
    """The coding round of a coded row (round 1's rows carry none)."""
    return int(row.get("round") or 1)


def unseen_scans(rows: Sequence[dict], into: Path) -> tuple[Scanned, list[dict]]:
    """Scan each coded row with the lexicons of its round's ``UNSEEN`` commit, in its own language.

    Returns the joined scan and the rows in its order (grouped by round and
    language), ready for ``TrustClassifier.fit_scanned(scan, [r["labels"] for
    r in rows])``: a model so trained learns the lexicon's features as they
    are on text the lexicon had not seen. Rows of a round without such a
    commit (``dev.jsonl``'s) raise KeyError: leave them out.
    """
    groups: dict[tuple[int, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((round_of(row), row["lang"]), []).append(row)
    out, order = Scanned(), []
    for (rnd, lang), group in sorted(groups.items()):
        scanner = TrustClassifier(lang=lang, lexicons=old_lexicons(UNSEEN[rnd], lang, into))
        out.extend(scanner.scan([r["text"] for r in group]))
        order += group
    return out, order
