"""Turn the coded corpus's references back into text, checking every sentence's sha1.

The repository stores ``{corpus, doc, start, end, sha1, labels}`` for each
coded sentence, not the text: the Glassdoor reviews and most other corpora
have no licence to redistribute. This script reads the documents from
``../shared/corpora`` (and the seed essay), cuts each sentence out by its
offsets and refuses any whose text no longer hashes to the stored sha1::

    python coded/materialise.py --shared ../shared --split check --out /tmp/check.jsonl

The output is in the gold format that ``trustlex evaluate`` reads:
``{"id", "lang", "corpus", "doc", "text", "labels"}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent

# corpus -> (language, path under ../shared)
CORPORA: dict[str, tuple[str, str]] = {
    "nl-regelgeving": ("nl", "corpora/nl-regelgeving/nl-regelgeving.jsonl"),
    "nl-bol-reviews": ("nl", "corpora/nl-bol-reviews/nl-bol-reviews.jsonl"),
    "nl-twnc-news-sentences": ("nl", "corpora/nl-twnc-news-sentences/nl-twnc-news-sentences.jsonl"),
    "seed": ("nl", "seed/trust-management-essay-nl.txt"),
    "en-glassdoor-2025": ("en", "corpora/en-glassdoor-2025/en-glassdoor-2025.jsonl"),
    "en-austin-community-survey": (
        "en",
        "corpora/en-austin-community-survey/en-austin-community-survey.jsonl",
    ),
    "en-opp115-privacy": ("en", "corpora/en-opp115-privacy/en-opp115-privacy.jsonl"),
    "en-conll2010-uncertainty": ("en", "corpora/en-conll2010-uncertainty/en-conll2010-uncertainty.jsonl"),
}


class MaterialiseError(ValueError):
    """A reference that does not resolve: missing document, or text whose sha1 changed."""


def doc_texts(shared: Path, corpus: str) -> Iterator[tuple[str, str]]:
    """Yield ``(doc id, text)`` for every document of one corpus, in file order."""
    _lang, rel = CORPORA[corpus]
    path = shared / rel
    if corpus == "seed":
        yield "seed", seed_text(path.read_text(encoding="utf-8"))
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                yield row["id"], row["text"]


def seed_text(raw: str) -> str:
    r"""The seed essay as one running text: its magazine layout's hyphens and line breaks undone.

    The essay was extracted from a magazine layout ("span-\\n\\nning"), so offsets of its
    sentences point into this text, not into the file.
    """
    return re.sub(r"\s+", " ", re.sub(r"(?<=\w)-\s*\n\s*(?=\w)", "", raw)).strip()


def sha1(text: str) -> str:
    """The sha1 of a sentence's UTF-8 text, as stored in the references."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_refs(path: Path = HERE / "coded.jsonl") -> list[dict]:
    """Read reference rows (one JSON object a line)."""
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def materialise(refs: list[dict], shared: Path) -> list[dict]:
    """Return the rows with ``text`` filled in; raise ``MaterialiseError`` naming the first bad row."""
    wanted: dict[str, set[str]] = {}
    for ref in refs:
        wanted.setdefault(ref["corpus"], set()).add(ref["doc"])
    texts: dict[tuple[str, str], str] = {}
    for corpus, docs in wanted.items():
        if corpus not in CORPORA:
            msg = f"unknown corpus {corpus!r}"
            raise MaterialiseError(msg)
        for doc, text in doc_texts(shared, corpus):
            if doc in docs:
                texts[corpus, doc] = text
    out = []
    for ref in refs:
        text = texts.get((ref["corpus"], ref["doc"]))
        if text is None:
            msg = f"{ref['id']}: document {ref['corpus']}/{ref['doc']} not found under {shared}"
            raise MaterialiseError(msg)
        unit = text[ref["start"] : ref["end"]]
        if sha1(unit) != ref["sha1"]:
            where = f"{ref['corpus']}/{ref['doc']}[{ref['start']}:{ref['end']}]"
            msg = f"{ref['id']}: the text at {where} has changed (its sha1 differs)"
            raise MaterialiseError(msg)
        out.append({**ref, "text": unit})
    return out


def gold_rows(rows: list[dict]) -> list[dict]:
    """Rows in the gold format ``trustlex evaluate`` reads."""
    keys = ("id", "lang", "corpus", "doc", "text", "labels")
    return [{k: r[k] for k in keys if k in r} for r in rows]


def main() -> None:
    """Write one split (or all) of the coded corpus as gold JSON lines."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--refs", type=Path, default=HERE / "coded.jsonl")
    ap.add_argument("--split", choices=["train", "check", "all"], default="all")
    ap.add_argument("--lang", choices=["nl", "en"], default=None)
    ap.add_argument("--round", type=int, default=None, help="only this sampling round (1, 2, ...)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    every = load_refs(args.refs)
    rounds = sorted({r.get("round", 1) for r in every})
    if args.round is not None and args.round not in rounds:
        sys.exit(f"materialise: {args.refs} holds rounds {rounds}, not {args.round}")
    refs = [
        r
        for r in every
        if args.split in ("all", r.get("split"))
        and args.lang in (None, r["lang"])
        and args.round in (None, r.get("round", 1))
    ]
    try:
        rows = materialise(refs, args.shared)
    except (MaterialiseError, OSError) as exc:
        sys.exit(f"materialise: {exc}")
    with args.out.open("w", encoding="utf-8") as f:
        for row in gold_rows(rows):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
