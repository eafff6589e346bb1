"""The coding rounds that were fresh text once, and the lexicons of their time (for benchmarks/)."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Coding rounds that served once as fresh text, with the commit whose lexicons had not seen them
# (coded/README.md): the lexicon misses there what it would miss on a user's text.
FRESH = {5: "8d54a41", 6: "329d127", 7: "fe8050e"}


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
