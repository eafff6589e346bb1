"""trustlex.workbench.suggest: lexicon candidates from a corpus, on real pipelines and synthetic corpora."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.lexicon import load_lexicon_file
from trustlex.workbench.suggest import SuggestError, candidates_toml, suggest_terms

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

PEOPLE = ["the manager", "our director", "the team lead", "my supervisor", "the board", "the new boss"]
GROUPS = ["the staff", "the nurses", "the engineers", "our colleagues", "the volunteers", "the drivers"]
ADJS = ["deep", "little", "real", "growing", "lasting", "mutual"]
PLACES = ["canteen", "hallway", "basement", "lobby", "kitchen", "garage"]

# Trust words of the English lexicon, and the invented word that is used exactly like them.
EN_TRUST = ["trust", "confidence", "distrust", "mistrust"]
EN_TRUST_TEMPLATES = [
    "{Person} has {adj} {w} in {group}.",
    "There is {adj} {w} between {group} and {person}.",
    "Over the years {group} lost their {w} in {person}.",
    "Without {w} {group} cannot work together with {person}.",
    "{Person} earned the {w} of {group} slowly.",
    "Building {w} with {group} takes time for {person}.",
]
# Distractors fill the slots of furniture-and-facilities sentences.
EN_OTHER = ["furniture", "printer", "carpet"]
EN_OTHER_TEMPLATES = [
    "The {w} in the {place} is old and broken.",
    "We ordered a new {w} for the {place} last week.",
    "Facilities will replace the {w} near the {place} soon.",
    "Nobody uses the {w} in the {place} anymore.",
    "There is a lack of parking near the {place}.",
]
# Sentences that the lexicon codes with other concepts, or with trust only through a phrase.
EN_EXTRA = [
    "There is a lack of trust between {group} and {person}.",
    "Communication from {person} to {group} is {adj}.",
]


def _fill(template: str, w: str, rng: random.Random) -> str:
    person = rng.choice(PEOPLE)
    text = template.format(
        w=w,
        person=person,
        Person=person[0].upper() + person[1:],
        group=rng.choice(GROUPS),
        adj=rng.choice(ADJS),
        place=rng.choice(PLACES),
    )
    return text[0].upper() + text[1:]


def english_corpus(planted: str = "fiducity", n_docs: int = 120, seed: int = 0) -> list[str]:
    """Survey-like comments of a few sentences each; the planted word replaces trust words."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        sents = []
        for _ in range(4):
            r = rng.random()
            if r < 0.3:
                sents.append(_fill(rng.choice(EN_TRUST_TEMPLATES), rng.choice(EN_TRUST), rng))
            elif r < 0.45:
                sents.append(_fill(rng.choice(EN_TRUST_TEMPLATES), planted, rng))
            elif r < 0.85:
                sents.append(_fill(rng.choice(EN_OTHER_TEMPLATES), rng.choice(EN_OTHER), rng))
            else:
                sents.append(_fill(rng.choice(EN_EXTRA), "", rng))
        docs.append(" ".join(sents))
    return docs


NL_TRUST = ["vertrouwen", "wantrouwen"]
NL_TRUST_TEMPLATES = [
    "Er is {adj} {w} tussen {group} en {person}.",
    "Door de reorganisatie is het {w} van {group} in {person} gegroeid.",
    "Zonder {w} kunnen {group} niet samenwerken met {person}.",
    "Het {w} van {group} is in de loop der jaren {adj} geworden.",
]
NL_OTHER = ["meubilair", "tapijt"]
NL_OTHER_TEMPLATES = [
    "Het {w} in de {place} is oud en kapot.",
    "Vorige week is er nieuw {w} voor de {place} besteld.",
    "De facilitaire dienst vervangt het {w} bij de {place}.",
]
NL_PEOPLE = ["de manager", "de directeur", "de teamleider", "het bestuur"]
NL_GROUPS = ["de medewerkers", "de verpleegkundigen", "de collega's", "de vrijwilligers"]
NL_ADJS = ["weinig", "veel", "groot", "sterk"]
NL_PLACES = ["kantine", "gang", "kelder", "keuken"]


def dutch_corpus(planted: str = "zekerband", n_docs: int = 120, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        sents = []
        for _ in range(4):
            r = rng.random()
            if r < 0.35:
                template, w = rng.choice(NL_TRUST_TEMPLATES), rng.choice(NL_TRUST)
            elif r < 0.5:
                template, w = rng.choice(NL_TRUST_TEMPLATES), planted
            else:
                template, w = rng.choice(NL_OTHER_TEMPLATES), rng.choice(NL_OTHER)
            text = template.format(
                w=w,
                person=rng.choice(NL_PEOPLE),
                group=rng.choice(NL_GROUPS),
                adj=rng.choice(NL_ADJS),
                place=rng.choice(NL_PLACES),
            )
            sents.append(text[0].upper() + text[1:])
        docs.append(" ".join(sents))
    return docs


@pytest.fixture(scope="module")
def en_frame():
    return suggest_terms(english_corpus(), "trust", lang="en", top=None)


def test_planted_word_ranks_high_and_distractors_do_not(en_frame):
    top5 = en_frame["lemma"].head(5).tolist()
    assert "fiducity" in top5
    for distractor in EN_OTHER:
        assert distractor in en_frame["lemma"].tolist()  # a real candidate, frequent enough
        assert distractor not in top5
    row = en_frame.set_index("lemma").loc["fiducity"]
    assert row["nearest_seed"] in ("trust", "confidence", "distrust", "mistrust")
    assert row["similarity"] > en_frame.set_index("lemma").loc["furniture", "similarity"]


def test_columns_sorting_and_seeds(en_frame):
    assert list(en_frame.columns[:8]) == [
        "term",
        "lemma",
        "score",
        "similarity",
        "co_share",
        "count",
        "nearest_seed",
        "examples",
    ]
    assert en_frame["score"].is_monotonic_decreasing
    assert (en_frame["count"] >= 5).all()
    assert en_frame["co_share"].between(0, 1).all()
    seeds = en_frame.attrs["seeds"]
    assert {"trust", "confidence", "distrust", "mistrust"} <= set(seeds)
    assert all(isinstance(n, int) and n > 0 for n in seeds.values())
    # "lack" is inside hits of "lack of trust" but mostly elsewhere: covered, yet no seed
    assert "lack" not in seeds


def test_covered_words_are_excluded(en_frame):
    lemmas = set(en_frame["lemma"])
    # the lexicon's own trust words, and "lack", which the trust phrase "lack of trust" covers
    assert not lemmas & {"trust", "confidence", "distrust", "mistrust", "lack"}
    # "communication" occurs only as a hit of the communication lexicon: already placed there
    assert "communication" not in lemmas
    # stop words and short words are never candidates, though they are contexts
    assert not lemmas & {"the", "there", "is", "in", "of"}
    assert all(len(x) >= 3 for x in lemmas)


def test_examples_contain_the_term(en_frame):
    for row in en_frame.head(10).itertuples():
        assert 1 <= len(row.examples) <= 3
        assert len(set(row.examples)) == len(row.examples)
    row = en_frame.set_index("lemma").loc["fiducity"]
    assert all("fiducity" in e.lower() for e in row["examples"])
    assert row["term"] == "fiducity"


def test_top_and_examples_parameters():
    frame = suggest_terms(english_corpus(), "trust", lang="en", top=4, examples=1)
    assert len(frame) == 4
    assert all(len(e) == 1 for e in frame["examples"])


def test_planted_word_in_dutch():
    frame = suggest_terms(dutch_corpus(), "trust", lang="nl", top=10)
    assert "zekerband" in frame["lemma"].head(5).tolist()
    assert not set(frame["lemma"].head(5)) & set(NL_OTHER)
    assert "vertrouwen" in frame.attrs["seeds"]
    assert "vertrouwen" not in set(frame["lemma"])


def test_result_is_reproducible():
    texts = english_corpus(n_docs=60, seed=3)
    a = suggest_terms(texts, "trust", lang="en", min_count=3)
    b = suggest_terms(texts, "trust", lang="en", min_count=3)
    assert a["lemma"].tolist() == b["lemma"].tolist()
    assert a["score"].tolist() == b["score"].tolist()


def test_too_few_seeds_is_a_clear_error():
    texts = ["We trust the team completely."] * 3 + ["The printer in the lobby is broken again."] * 20
    with pytest.raises(SuggestError) as info:
        suggest_terms(texts, "trust", lang="en")
    message = str(info.value)
    assert "'trust'" in message
    assert "'en'" in message
    assert "found 1 seed word(s)" in message
    assert "bigger corpus" in message
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, trustlex.TrustlexError)


def test_empty_corpus_is_a_clear_error():
    with pytest.raises(ValueError, match="found 0 seed word"):
        suggest_terms([], "trust", lang="en")


def test_unknown_concept_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown concept 'trustt'") as info:
        suggest_terms(["We trust them."], "trustt", lang="en")
    assert all(c in str(info.value) for c in trustlex.CONCEPTS)


def test_bad_language_and_bare_string():
    with pytest.raises(ValueError, match="lang must be one of nl, en"):
        suggest_terms(["We trust them."], "trust", lang="auto")
    with pytest.raises(TypeError, match="single str"):
        suggest_terms("We trust them.", "trust", lang="en")


def _uncomment_first_block(snippet: str) -> str:
    """Return ``snippet`` with its first ``# [[entry]]`` block uncommented, as a reviewer would."""
    lines = snippet.splitlines()
    start = lines.index("# [[entry]]")
    end = start
    while end < len(lines) and lines[end].strip():
        lines[end] = lines[end][2:]
        end += 1
    return "\n".join(lines) + "\n"


def test_toml_snippet_round_trip(en_frame, tmp_path):
    frame = en_frame.head(5)
    snippet = candidates_toml(frame, "trust", "en", valence="+")
    assert snippet.count("# [[entry]]") == 5
    # a lexicon as written, with every entry commented out
    path = tmp_path / "candidates.toml"
    path.write_text(snippet, encoding="utf-8")
    lex = load_lexicon_file(path)
    assert (lex.name, lex.language, lex.entries) == ("candidates-en-trust", "en", [])

    path.write_text(_uncomment_first_block(snippet), encoding="utf-8")
    lex = load_lexicon_file(path)
    (entry,) = lex.entries
    first = frame.iloc[0]
    assert (entry.concept, entry.valence, entry.kind, entry.value) == ("trust", "+", "term", first["term"])
    assert "similarity" in entry.note
    assert first["nearest_seed"] in entry.note
    # the example fires the new entry
    (example,) = entry.examples
    matches = trustlex.score_texts([example], lang="en", level="match", lexicons=[str(path)])
    assert entry.id in set(matches["entry_id"])


def test_toml_snippet_escapes_awkward_text(tmp_path):
    frame = suggest_terms(english_corpus(), "trust", lang="en", top=1)
    frame.loc[0, "examples"] = ['He said "fiducity" \\ twice\tand\x7f left.']
    frame.loc[0, "term"] = "fiducity"
    snippet = candidates_toml(frame, "trust", "en")
    path = tmp_path / "c.toml"
    path.write_text(_uncomment_first_block(snippet), encoding="utf-8")
    (entry,) = load_lexicon_file(path).entries
    assert entry.examples == ('He said "fiducity" \\ twice\tand\x7f left.',)
    assert entry.valence == "0"


def test_suggest_out_is_a_lexicon_that_check_tag_and_score_accept(tmp_path):
    # the file had no [lexicon] header: after "uncomment the blocks you accept" every command refused it
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in english_corpus()), encoding="utf-8")
    cand = tmp_path / "cand.toml"
    runner = CliRunner()
    made = runner.invoke(
        app,
        ["lexicon", "suggest", str(corpus), "-c", "trust", "-l", "en", "--valence", "+", "--out", str(cand)],
    )
    assert made.exit_code == 0, made.output
    sentence = "The staff have deep fiducity in the manager."
    assert '# term = "fiducity"' in cand.read_text(encoding="utf-8")
    # as written, nothing accepted: a valid lexicon without entries, which tags nothing
    checked = runner.invoke(app, ["lexicon", "check", str(cand)])
    assert checked.exit_code == 0, checked.output
    before = runner.invoke(app, ["tag", "--lang", "en", "--lexicon", str(cand), sentence])
    assert before.exit_code == 0, before.output
    assert "no trust language found" in before.output
    # accept the candidate for the planted word: uncomment its block
    text = cand.read_text(encoding="utf-8")
    at = text.index('# term = "fiducity"')
    start = text.rindex("# [[entry]]", 0, at)
    end = text.find("\n\n", at)
    end = len(text) if end < 0 else end
    block = "\n".join(line[2:] for line in text[start:end].splitlines())
    cand.write_text(text[:start] + block + text[end:], encoding="utf-8")
    checked = runner.invoke(app, ["lexicon", "check", str(cand)])
    assert checked.exit_code == 0, checked.output
    after = runner.invoke(app, ["tag", "--lang", "en", "--lexicon", str(cand), sentence])
    assert after.exit_code == 0, after.output
    assert after.output != before.output
    assert "fiducity" in after.output
    assert "trust" in after.output
    (tmp_path / "c.csv").write_text(f"id,text\n1,{sentence}\n", encoding="utf-8")
    scored = runner.invoke(app, ["score", str(tmp_path / "c.csv"), "--lexicon", str(cand), "-q"])
    assert scored.exit_code == 0, scored.output


def test_toml_snippet_checks_its_arguments(en_frame):
    with pytest.raises(ValueError, match="valence"):
        candidates_toml(en_frame, "trust", "en", valence="positive")
    with pytest.raises(ValueError, match="unknown concept"):
        candidates_toml(en_frame, "faith", "en")


def test_shipped_dutch_sample():
    """The shipped integrity circular (about 1,000 words) is enough for seeds, not for good vectors.

    So only the contract is checked here: seeds from the lexicon, covered words left out,
    and examples that contain the word.
    """
    text = (SAMPLES / "integriteit-sector-rijk-BWBR0007059.txt").read_text(encoding="utf-8")
    frame = suggest_terms([text], "integrity", lang="nl", min_count=3, top=10)
    seeds = frame.attrs["seeds"]
    assert len(seeds) >= 2
    assert "integriteit" in seeds
    assert 1 <= len(frame) <= 10
    assert not set(frame["lemma"]) & set(seeds)
    covered = trustlex.score_texts([text], lang="nl", level="match")
    covered = set(covered.loc[covered["concept"] == "integrity", "text"].str.lower())
    assert not set(frame["term"]) & covered
    for row in frame.itertuples():
        assert row.examples
        assert any(re.search(rf"(?<!\w){re.escape(row.term)}(?!\w)", e, re.IGNORECASE) for e in row.examples)


def test_boilerplate_words_are_no_candidates():
    texts = [f"Remarks: {doc}" for doc in english_corpus()]
    frame = suggest_terms(texts, "trust", lang="en", top=None)
    assert "remark" not in set(frame["lemma"])
    assert "fiducity" in frame["lemma"].head(5).tolist()
    # too few texts to tell boilerplate from a topic: the word stays a candidate
    few = suggest_terms(
        [" ".join(texts[i : i + 10]) for i in range(0, 120, 10)], "trust", lang="en", top=None
    )
    assert "remark" in set(few["lemma"])


def test_words_partly_covered_by_other_concepts_name_them():
    rng = random.Random(1)
    texts = english_corpus()
    texts += [_fill("{Person} has an open door for {group}.", "", rng) for _ in range(4)]
    texts += [_fill("The door near the {place} is locked.", "", rng) for _ in range(8)]
    texts += [_fill("Communication from {person} is {adj}, and so is the team's communication.", "", rng)]
    texts += [_fill("The {place} has new communication devices.", "", rng) for _ in range(4)]
    texts += [_fill("{Person} shows respect for {group}.", "", rng) for _ in range(6)]
    frame = suggest_terms(texts, "trust", lang="en", top=None).set_index("lemma")
    # "open door" is a communication phrase; "the door near the lobby" is not
    assert frame.loc["door", "other_concepts"] == "communication"
    # "communication" is mostly a communication hit ("communication devices" is excluded there): placed
    assert "communication" not in frame.index
    # "respect" is a benevolence word, inside its hits every time: placed already, no trust candidate
    assert "respect" not in frame.index
    assert frame.loc["fiducity", "other_concepts"] == ""


def test_suggest_command_writes_candidates(tmp_path):
    from typer.testing import CliRunner

    from trustlex.cli import app

    corpus = tmp_path / "corpus.jsonl"
    texts = english_corpus()
    texts.append("Dit is een Nederlandse zin over vertrouwen in de organisatie en de leiding.")
    corpus.write_text("\n".join(json.dumps({"text": t}) for t in texts), encoding="utf-8")
    out = tmp_path / "candidates.toml"
    args = ["lexicon", "suggest", str(corpus), "--concept", "trust", "--lang", "en", "--top", "5"]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "left out 1 of 121 texts not in 'en'" in result.output
    assert "fiducity" in result.output.split("seed words")[1]
    assert '# term = "fiducity"' in out.read_text(encoding="utf-8")
    again = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert again.exit_code == 2  # an existing file is not replaced without --force
