"""A pattern that needs a closing punctuation mark ("managers care,") leaves the mark out of its hit."""

from __future__ import annotations

from pathlib import Path

import trustlex

LEXICON = """\
[lexicon]
name = "care"
language = "en"
version = "0.1.0"

[[entry]]
concept = "benevolence"
id = "en:test:care-stop"
pattern = [{LOWER = "managers"}, {LOWER = "care"}, {LOWER = {IN = [",", "."]}}]
valence = "+"
"""


def test_own_lexicon_hit_stops_before_the_mark(tmp_path: Path) -> None:
    path = tmp_path / "care.toml"
    path.write_text(LEXICON, encoding="utf-8")
    text = "Our managers care, mostly."
    hits = trustlex.score_texts([text], lang="en", level="match", lexicons=[str(path)])
    assert hits["text"].tolist() == ["managers care"]
    start, end = int(hits["start_char"].iloc[0]), int(hits["end_char"].iloc[0])
    assert text[start:end] == "managers care"
    # the mark is still required: without it there is no hit
    own = [str(path)]
    assert trustlex.score_texts(["Managers care about sales"], lang="en", level="match", lexicons=own).empty


def test_shipped_entries_show_their_words_only() -> None:
    rows = trustlex.score_texts(["Pros: Managers care, good teamwork."], lang="en", level="sentence")
    assert rows.loc[rows["concept"] == "benevolence", "terms"].tolist() == ["Managers care"]
    nl = "Hij is bevoegd monsters te nemen, en zaken te onderzoeken en verpakkingen te openen."
    hits = trustlex.score_texts([nl], lang="nl", level="match")
    assert "verpakkingen te openen" in hits["text"].tolist()
    assert not any(t.endswith((",", ".")) for t in hits["text"])
