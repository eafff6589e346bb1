"""Tell gold files from corpora: the workbench's audit takes either.

A gold file is JSONL with one hand-coded record per line,
``{"text": ..., "labels": {...}}`` (see :func:`trustlex.gold_file.read_gold`);
with gold, an audit can rank lexicon entries by the harm they do, not only
by how often they fire.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from trustlex.batch.corpus import read_corpus
from trustlex.gold_file import GoldItem, read_gold

__all__ = ["is_gold_file", "read_gold_or_corpus"]


def is_gold_file(path: str | Path) -> bool:
    r"""Return whether ``path`` looks like a gold file: a ``.jsonl`` file whose first record has labels.

    Only the first non-blank line is looked at, so this is quick on a large
    file; :func:`trustlex.gold_file.read_gold` checks every record.

    Parameters
    ----------
    path : str or Path
        The file to look at.

    Returns
    -------
    bool
        True when ``path`` is a regular file named ``*.jsonl`` whose first
        non-blank line mentions a ``"labels"`` field.

    Examples
    --------
    >>> import tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> gold = Path(tmp.name) / "coded.jsonl"
    >>> _ = gold.write_text('{"text": "We trust them.", "labels": {"trust": "+"}}\n', encoding="utf-8")
    >>> is_gold_file(gold), is_gold_file(gold.with_suffix(".csv"))
    (True, False)
    >>> tmp.cleanup()
    """
    path = Path(path)
    if path.suffix != ".jsonl" or not path.is_file():
        return False
    # undecodable bytes are no reason to fail here: read_gold or the corpus reader reports them
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        first = next((line for line in fh if line.strip()), "{}")
    return '"labels"' in first


def read_gold_or_corpus(
    paths: Sequence[Path],
    text_column: str | None = None,
    *,
    on_error: Callable[[str], None] | None = None,
    skip_bad: bool = False,
) -> list[GoldItem] | list[str]:
    """Return the gold items when every path is a gold file, else the texts of the corpus.

    Whether the paths hold gold is decided by the first one (see
    :func:`is_gold_file`), provided every path is a ``.jsonl`` file; a
    mixture of gold and other files is read as gold, and a file with records
    that are not gold raises ``GoldError`` naming each one's line and field.

    Parameters
    ----------
    paths : sequence of Path
        Gold JSONL files, or files and folders of documents.
    text_column : str, optional
        The text column of tables in a corpus (default: detected).
    on_error : callable, optional
        For a corpus: called with a one-line message for each file or row
        that cannot be read and is skipped (see
        :func:`trustlex.batch.corpus.read_corpus`).
    skip_bad : bool, default False
        For gold: skip bad lines with a warning (see :func:`trustlex.read_gold`).

    Returns
    -------
    list of GoldItem or list of str
        Gold items, or the corpus's texts in the order they were read.

    Raises
    ------
    GoldError
        A gold record that is not valid JSON or lacks a field.
    TrustlexError
        A corpus path that does not exist.
    """
    if paths and all(p.suffix == ".jsonl" and p.is_file() for p in paths) and is_gold_file(paths[0]):
        return [item for p in paths for item in read_gold(p, skip_bad=skip_bad)]
    return list(read_corpus(paths, text_column, on_error=on_error))
