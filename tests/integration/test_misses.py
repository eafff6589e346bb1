"""`lexicon misses`: sentences a model trained on coding flags and the lexicon leaves untagged."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from trustlex.cli import app
from trustlex.errors import TrustlexError
from trustlex.workbench.misses import MISSES_COLUMNS, Coded, find_misses

# A user's own small lexicon: it knows the word "communication" but no wording of being kept uninformed.
OWN_LEXICON = """
[lexicon]
name = "own-en"
language = "en"
version = "1.0.0"

[[entry]]
concept = "communication"
valence = "0"
lemma = "communication"

[[entry]]
concept = "trust"
valence = "+"
lemma = "trust"
"""

# Hand-coded sentences written for these tests (not from the shared data).
CODED = [
    ("Management keeps us in the dark about the plans.", {"communication": "-"}),
    ("We are kept in the dark until the decisions are made.", {"communication": "-"}),
    ("Nobody tells us anything, we are always in the dark.", {"communication": "-"}),
    ("Staff are left in the dark about changes.", {"communication": "-"}),
    ("Communication from leadership is rare.", {"communication": "-"}),
    ("I trust my colleagues.", {"trust": "+"}),
    ("We trust the board to decide well.", {"trust": "+"}),
    ("The canteen serves soup on Mondays.", {}),
    ("Parking is free near the office.", {}),
    ("The building has a nice garden.", {}),
    ("Our desks are by the window.", {}),
    ("The coffee machine was replaced.", {}),
] * 2

CORPUS = [
    "They kept us in the dark again. Communication is good here. The canteen is open.",
    "Our garden is nice.",
]


@pytest.fixture(scope="module")
def own_lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("own") / "own.toml"
    path.write_text(OWN_LEXICON, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def coded():
    return Coded([t for t, _ in CODED], [lab for _, lab in CODED])


def test_a_wording_the_lexicon_lacks_is_found_and_one_it_tags_is_not(coded, own_lexicon):
    rows = find_misses(coded, CORPUS, lang="en", lexicons=[own_lexicon])
    assert list(rows.columns) == MISSES_COLUMNS
    comm = rows[rows["concept"] == "communication"]
    # the uninformed team (sentence 0 of text 0) is flagged; "Communication is good" is the lexicon's own hit
    assert (0, 0) in set(zip(comm["text_id"], comm["sent_id"], strict=True))
    assert (0, 1) not in set(zip(comm["text_id"], comm["sent_id"], strict=True))
    first = comm[(comm["text_id"] == 0) & (comm["sent_id"] == 0)].iloc[0]
    assert first["sentence"] == "They kept us in the dark again."
    assert first["valence"] == "-"
    assert first["probability"] >= 0.6
    assert "dark" in first["because"]
    assert first["lexicon"] == ""
    # sorted by probability, highest first
    assert rows["probability"].is_monotonic_decreasing


def test_the_shipped_lexicon_tags_the_same_wording_so_it_is_no_miss(coded):
    rows = find_misses(coded, CORPUS, lang="en")
    comm = rows[rows["concept"] == "communication"]
    assert (0, 0) not in set(zip(comm["text_id"], comm["sent_id"], strict=True))


def test_concepts_min_p_and_top_limit_the_rows(coded, own_lexicon):
    every = find_misses(coded, CORPUS, lang="en", lexicons=[own_lexicon], min_p=0.05)
    assert every["concept"].nunique() > 1
    only = find_misses(coded, CORPUS, lang="en", lexicons=[own_lexicon], min_p=0.05, concepts=["trust"])
    assert set(only["concept"]) == {"trust"}
    assert (every["probability"] >= 0.05).all()
    strict = find_misses(coded, CORPUS, lang="en", lexicons=[own_lexicon], min_p=0.99)
    assert len(strict) < len(every)
    one = find_misses(coded, CORPUS, lang="en", lexicons=[own_lexicon], min_p=0.05, top=1)
    assert one.groupby("concept").size().max() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "de"}, "lang must be one of"),
        ({"lang": "en", "concepts": ["trsut"]}, "unknown concept 'trsut'"),
        ({"lang": "en", "min_p": 0}, "min_p must lie in"),
    ],
)
def test_bad_arguments_are_named(coded, kwargs, message):
    with pytest.raises(TrustlexError, match=message):
        find_misses(coded, CORPUS, **kwargs)


def test_too_little_coding_is_refused():
    few = Coded([t for t, _ in CODED[:5]], [lab for _, lab in CODED[:5]])
    with pytest.raises(TrustlexError, match="5 coded en sentences; a classifier needs 20"):
        find_misses(few, CORPUS, lang="en")


def test_the_command_reads_files_names_documents_and_writes_csv(tmp_path, own_lexicon):
    coded_file = tmp_path / "coded.jsonl"
    with coded_file.open("w", encoding="utf-8") as f:
        for i, (text, labels) in enumerate(CODED):
            f.write(json.dumps({"id": f"c{i}", "lang": "en", "text": text, "labels": labels}) + "\n")
        # another language's coding is not learnt from for --lang en
        dutch = {"id": "nl1", "lang": "nl", "text": "Er is geen vertrouwen.", "labels": {"trust": "-"}}
        f.write(json.dumps(dutch) + "\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(CORPUS[0], encoding="utf-8")
    (corpus / "b.txt").write_text("Het bestuur houdt ons in het ongewisse over de plannen.", encoding="utf-8")
    out = tmp_path / "misses.csv"
    args = ["lexicon", "misses", str(corpus), "--coded", str(coded_file), "--lang", "en"]
    result = CliRunner().invoke(app, [*args, "--lexicon", own_lexicon, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out 1 of 2 texts not in 'en'" in result.output
    assert f"{len(CODED)} coded en sentences" in result.output
    frame = pd.read_csv(out, keep_default_na=False)
    hit = frame[(frame["concept"] == "communication") & (frame["sent_id"] == 0)]
    assert hit["doc_id"].tolist() == ["a.txt"]
    assert "kept us in the dark" in result.output
    # the file exists now: without --force it is kept
    again = CliRunner().invoke(app, [*args, "--lexicon", own_lexicon, "--out", str(out)])
    assert again.exit_code == 2
    assert "misses.csv" in again.output


def test_the_command_refuses_too_little_coding_before_reading_the_corpus(tmp_path):
    coded_file = tmp_path / "few.jsonl"
    coded_file.write_text(
        json.dumps({"text": "Er is geen vertrouwen.", "lang": "nl", "labels": {"trust": "-"}}) + "\n"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(CORPUS[0], encoding="utf-8")
    result = CliRunner().invoke(
        app, ["lexicon", "misses", str(corpus), "--coded", str(coded_file), "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "few.jsonl: 0 coded en sentences; a classifier needs 20 or more" in result.output
    assert "left out" not in result.output  # the corpus was not read


def test_the_command_lists_bad_coded_lines_or_skips_them_on_request_as_evaluate_does(tmp_path, own_lexicon):
    coded_file = tmp_path / "coded.jsonl"
    lines = [
        json.dumps({"id": f"c{i}", "lang": "en", "text": t, "labels": lab})
        for i, (t, lab) in enumerate(CODED)
    ]
    lines[3] = json.dumps({"id": "bad1", "lang": "en", "text": "We trust HR.", "labels": {"trust": "++"}})
    lines[9] = json.dumps({"id": "bad2", "lang": "en", "labels": {}})  # no text
    coded_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = tmp_path / "a.txt"
    corpus.write_text(CORPUS[0], encoding="utf-8")
    args = [
        "lexicon",
        "misses",
        str(corpus),
        "--coded",
        str(coded_file),
        "--lang",
        "en",
        "--lexicon",
        own_lexicon,
    ]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1, refused.output
    assert f"error: {coded_file}: 2 bad lines of {len(CODED)}" in refused.output
    assert "--skip-bad-lines of evaluate, train, lexicon audit and lexicon misses" in refused.output
    assert f"{coded_file}:4: field 'labels'" in refused.output
    assert f"{coded_file}:10: field 'text'" in refused.output
    done = CliRunner().invoke(app, [*args, "--skip-bad-lines"])
    assert done.exit_code == 0, done.output
    good = len(CODED) - 2
    assert f"warning: {coded_file}: skipped 2 bad line(s) of {len(CODED)} and read {good}" in done.output
    assert f"{good} coded en sentences" in done.output
