"""Under --lang auto, a fault of a lexicon file is reported, not that the other language has no lexicon."""

from __future__ import annotations

import pytest

from trustlex.batch import score_folder
from trustlex.errors import LexiconError

CLASH = """[lexicon]
name = "dup"
language = "en"
version = "0.1.0"

[[entry]]
concept = "trust"
valence = "+"
lemma = "faith"
id = "en:trust:lemma:trust"
"""


def test_an_id_clash_is_the_error_under_lang_auto(tmp_path):
    ours = tmp_path / "ours.toml"
    ours.write_text(CLASH, encoding="utf-8")
    data = tmp_path / "in"
    data.mkdir()
    (data / "c.csv").write_text("text\nI trust HR.\n", encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        score_folder(data, None, "doc", "auto", lexicons=["en/trust", str(ours)], progress=False)
    assert caught.value.missing_language is None
    assert f"{ours}:6: entry id 'en:trust:lemma:trust' is already the id" in str(caught.value)
