"""kwic with an own lexicon and referent file, and one referent's hits: what a lexicon author checks.

A user who writes an entry reads its hits in context before trusting it;
kwic used to tag with the shipped lexicons only, and said nothing of whom
a hit was about.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.errors import LexiconError, TrustlexError
from trustlex.pipeline import cached_pipeline, scoring_pipeline
from trustlex.readers import BLOCK_CHARS, text_blocks

LEXICON = (
    '[lexicon]\nname = "own"\nlanguage = "en"\nversion = "1"\n\n'
    '[[entry]]\nconcept = "benevolence"\nvalence = "-"\nterm = "fungible"\n'
)
REFERENTS = (
    '[referents]\nlanguage = "en"\nversion = "1"\n\n[[referent]]\nid = "union"\nterms = ["works council"]\n'
)
TEXTS = [
    "Management treats us as fungible.",
    "The works council is honest.",
    "My colleagues are honest and I trust my manager.",
]


@pytest.fixture
def files(tmp_path):
    lexicon, referents = tmp_path / "own.toml", tmp_path / "union.toml"
    lexicon.write_text(LEXICON, encoding="utf-8")
    referents.write_text(REFERENTS, encoding="utf-8")
    return str(lexicon), str(referents)


def test_kwic_tags_with_an_own_lexicon_and_names_the_entry(files):
    lexicon, _ = files
    shipped = trustlex.kwic(TEXTS, lang="en")
    assert "fungible" not in set(shipped["keyword"])
    rows = trustlex.kwic(TEXTS, lang="en", lexicons=[lexicon])
    assert rows["keyword"].tolist() == ["fungible"]  # the own lexicon alone, as score_texts reads it
    row = rows.iloc[0]
    assert (row.concept, row.valence, row.referent) == ("benevolence", "-", "leadership")
    assert row.entry == "en:benevolence:term:fungible"
    with pytest.raises(LexiconError, match=r"gone\.toml"):
        trustlex.kwic(TEXTS, lang="en", lexicons=[lexicon.replace("own.toml", "gone.toml")])


def test_kwic_keeps_the_hits_of_one_referent(files):
    _, referents = files
    rows = trustlex.kwic(TEXTS, lang="en")
    assert set(rows["referent"]) >= {"colleagues", "direct_manager"}
    mine = trustlex.kwic(TEXTS, lang="en", referent="direct_manager")
    assert mine["keyword"].tolist() == ["trust"]
    assert trustlex.kwic(TEXTS, lang="en", referent="union").empty  # no such party in the shipped taxonomy
    union = trustlex.kwic(TEXTS, lang="en", referent="union", referents=referents)
    assert union[["keyword", "referent"]].values.tolist() == [["honest", "union"]]
    with pytest.raises(TrustlexError, match="referent must be a referent id"):
        trustlex.kwic(TEXTS, lang="en", referent="Top Management")


def test_kwic_command_takes_lexicon_referents_and_referent(files, tmp_path):
    lexicon, referents = files
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    runner = CliRunner()
    own = runner.invoke(app, ["kwic", str(folder), "--lang", "en", "--lexicon", lexicon])
    assert own.exit_code == 0, own.output
    assert "[fungible]" in own.output
    assert "@leadership" in own.output
    assert "[honest]" not in own.output
    union = runner.invoke(app, ["kwic", str(folder), "--referents", referents, "--referent", "union"])
    assert union.exit_code == 0, union.output
    lines = [line for line in union.output.splitlines() if "[" in line]
    assert len(lines) == 1
    assert "[honest]" in lines[0]
    assert lines[0].endswith("@union")
    bad = runner.invoke(app, ["kwic", str(folder), "--referent", "Top Management"])
    assert bad.exit_code == 2
    # a party of one's own file, its file forgotten: 0 hits without a word, before; now a usage error
    forgot = runner.invoke(app, ["kwic", str(folder), "--referent", "union"])
    assert forgot.exit_code == 2, forgot.output
    assert "--referent 'union' is no referent of the shipped taxonomy" in forgot.output
    assert "--referents FILE" in forgot.output


def test_a_text_longer_than_a_block_is_read_whole_with_sentence_numbers_running_on(monkeypatch):
    """A text longer than a block is cut as score_texts cuts it (spaCy refused texts over its limit).

    spaCy's limit (``max_length``, a million characters by default) is lowered to two blocks on the
    two pipelines the calls use, so that a text of three blocks is over it: the same refusal without
    building a million characters. trustlex never reads ``max_length``; it cuts at ``BLOCK_CHARS``.
    """
    limit = 2 * BLOCK_CHARS
    for nlp in (cached_pipeline("en"), scoring_pipeline("en")):  # the ones kwic and score_texts use
        monkeypatch.setattr(nlp, "max_length", limit)
    sentence = "We trust our managers and they listen. "
    text = sentence * (limit // len(sentence) + 1)  # over spaCy's limit: refused whole
    with pytest.raises(ValueError, match="E088"):
        cached_pipeline("en")(text)
    assert len(list(text_blocks(text))) == 3  # sentence numbers run on over two cuts
    rows = trustlex.kwic([text], lang="en")
    matches = trustlex.score_texts([text], lang="en", level="match")
    assert len(rows) == len(matches) > 0
    assert rows["sent_id"].tolist() == matches["sent_id"].tolist()
    assert rows["sent_id"].max() == text.count(". ") - 1  # every sentence numbered once, across the cut
