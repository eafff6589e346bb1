"""Referents through real pipelines: frame columns, both scoring paths, a parse, user taxonomy files."""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.attrs import LOWER
from spacy.tokens import Doc

import trustlex
from trustlex.errors import LexiconError
from trustlex.frame import MATCH_COLUMNS, SENTENCE_COLUMNS
from trustlex.matching.mentions import find_mentions
from trustlex.matching.referent_index import ReferentIndex
from trustlex.matching.referents import attribute, distance
from trustlex.pipeline import scoring_engine

COLUMNS = ["referent", "referent_text", "referent_how"]
ENGLISH = [
    "I don't trust management.",
    "My manager is great but upper management lies.",
    "There is no trust here.",
    "They care about their employees.",
]
DUTCH = [
    "Ik heb geen vertrouwen in de directie.",
    "Mijn leidinggevende communiceert slecht.",
    "Vertrouwen is onzichtbaar.",
]


def _by_concept(frame: pd.DataFrame, doc: int) -> dict[str, tuple[str, str, str]]:
    rows = frame[frame.doc_id == doc]
    # naming nobody, referent_text is missing (<NA>), as every empty text column of the frames
    return {
        r.concept: (r.referent, "<NA>" if pd.isna(r.referent_text) else r.referent_text, r.referent_how)
        for r in rows.itertuples()
    }


@pytest.mark.parametrize("level", ["match", "sentence"])
def test_frames_carry_the_referent_columns(level):
    frame = trustlex.score_texts(ENGLISH, lang="en", level=level)
    assert set(COLUMNS) <= set(frame.columns)
    assert set(COLUMNS) <= set(MATCH_COLUMNS if level == "match" else SENTENCE_COLUMNS)
    assert _by_concept(frame, 0)["trust"] == ("leadership", "management", "pattern")
    assert _by_concept(frame, 1)["integrity"] == ("leadership", "upper management", "pattern")
    assert _by_concept(frame, 2)["trust"] == ("none", "<NA>", "none")
    assert _by_concept(frame, 3)["benevolence"] == ("employees", "their employees", "pattern")


def test_dutch_sentence_frame():
    frame = trustlex.score_texts(DUTCH, lang="nl", level="sentence")
    assert _by_concept(frame, 0)["trust"] == ("leadership", "directie", "pattern")
    assert _by_concept(frame, 1)["communication"] == ("direct_manager", "Mijn leidinggevende", "pattern")
    assert _by_concept(frame, 2)["trust"] == ("none", "<NA>", "none")


@pytest.mark.parametrize(("lang", "texts"), [("en", ENGLISH), ("nl", DUTCH)])
def test_pipeline_and_fast_path_agree(lang, texts, shipped_nlp):
    nlp = shipped_nlp[lang]
    docs = list(nlp.pipe(texts))
    for level in ("match", "sentence"):
        slow = trustlex.to_frame(docs, level=level)
        fast = trustlex.score_texts(texts, lang=lang, level=level)
        assert slow[COLUMNS].astype(str).values.tolist() == fast[COLUMNS].astype(str).values.tolist()
    spans = docs[0].spans["trustlex"]
    assert spans[0]._.trustlex["referent"] == docs[0]._.trustlex_matches[0]["referent"]


def test_a_parse_is_used_when_the_doc_has_one(nlp_en):
    nlp = nlp_en
    words = ["Leadership", ",", "in", "my", "experience", ",", "lies", "."]
    heads = [6, 6, 6, 4, 2, 6, 6, 6]
    deps = ["nsubj", "punct", "prep", "poss", "pobj", "punct", "ROOT", "punct"]
    parsed = Doc(nlp.vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * 7)
    plain = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * 7)
    tagger = nlp.get_pipe("trustlex")
    for doc, how in ((parsed, "parse"), (plain, "nearest")):
        tagger(nlp.get_pipe("trustlex_lemmatizer")(doc))
        info = {m["concept"]: m for m in doc._.trustlex_matches}["integrity"]
        got = (info["referent"], info["referent_text"], info["referent_how"])
        assert got == ("leadership", "Leadership", how)


def _own(tmp_path, body: str):
    path = tmp_path / "referents-mine.toml"
    path.write_text('[referents]\nlanguage = "en"\nversion = "1"\n' + body, encoding="utf-8")
    nlp = trustlex.load("en")
    nlp.replace_pipe("trustlex", "trustlex", config={"referents": str(path)})
    return nlp


def test_user_taxonomy_extends_the_shipped_one(tmp_path):
    nlp = _own(tmp_path, '\n[[referent]]\nid = "union"\nterms = ["the guild", "guild"]\n')
    docs = list(nlp.pipe(["I do not trust the guild.", "I do not trust management."]))
    frame = trustlex.to_frame(docs, level="sentence")
    assert frame[COLUMNS].values.tolist() == [
        ["union", "the guild", "pattern"],
        ["leadership", "management", "pattern"],
    ]


def test_user_taxonomy_replaces_the_shipped_one(tmp_path):
    nlp = _own(tmp_path, 'replace = true\n\n[[referent]]\nid = "union"\nterms = ["guild"]\n')
    docs = list(nlp.pipe(["I do not trust the guild.", "I do not trust management."]))
    frame = trustlex.to_frame(docs, level="sentence")
    assert frame.referent.tolist() == ["union", "none"]


def test_a_broken_user_taxonomy_fails_at_load(tmp_path):
    with pytest.raises(LexiconError, match=r"referents-mine\.toml:5: .*'terms'"):
        _own(tmp_path, '\n[[referent]]\nid = "union"\n')


# texts that exercise every rule of the index's shortcuts: phrases, exclusions, compounds, capitals,
# line breaks, several mentions and hits per sentence, sentences naming nobody
AGREE = {
    "en": [
        "Pros: friendly coworkers and good pay\nCons: upper management lies, HR never listens.",
        "My manager is great but the senior leadership team does not care about employees at all.",
        "Risk management is important; the company, in my experience of many years, is honest.",
        "There is no trust here. They lie. The city council and the police are not transparent.",
        "Leadership's honesty is doubtful and my team lead is incompetent,\nthe CEO is trustworthy.",
    ],
    "nl": [
        "Ik heb geen vertrouwen in de directie, maar mijn leidinggevende luistert wel.",
        "Medewerkers van de ACM-organisatie zijn verplicht mee te werken aan het toezicht.",
        "Het OM vervolgt de verdachte; om die reden controleert de toezichthouder de naleving.",
        "De gemeenteraad controleert het college van burgemeester en wethouders zorgvuldig.",
        "Vertrouwen is onzichtbaar.\nDe HR-afdeling communiceert slecht met de medewerkers.",
    ],
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_index_agrees_with_the_plain_rules(lang):
    # the index attributes by bisection over per-sentence marks and caches per word type; the plain
    # functions look at every word: both must give every hit the same referent
    nlp, engine = scoring_engine(lang)
    tax = engine.referents.taxonomy
    named = 0
    for text in AGREE[lang]:
        doc = nlp.make_doc(text)
        hits, sents, _ = engine.scan(doc)
        assert hits
        lowers = engine.index.canonical_lowers(doc.to_array(LOWER).tolist())
        for hit in hits:
            lo, hi = sents.sentence(hit.sent)
            words = [nlp.vocab.strings[x] for x in lowers[lo:hi]]
            mentions = find_mentions(words, None, tax, texts=[t.text for t in doc[lo:hi]])
            m, how = attribute(hit.start - lo, hit.end - lo, hit.entry.concept, mentions, words)
            want = ("none", None, "none")
            if m is not None:
                want = (m.referent, doc[lo + m.start : lo + m.end].text, how)
            assert (hit.referent, hit.referent_text, hit.referent_how) == want
            if m is not None:
                assert hit.referent_dist == distance(hit.start - lo, hit.end - lo, m)
                named += 1
    assert named >= 5


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_index_swapped_in_learns_for_itself_and_agrees(lang):
    # the engine teaches its own referent index every new word type as the scan meets it, so that
    # attribution skips the per-sentence look for new types; an index put in its place is not taught
    # and looks for itself: both must give the same referents, and the engine's own is taught again
    nlp, engine = scoring_engine(lang)
    own = engine.referents
    texts = [t.replace(".", " xqzv-blorp.") for t in AGREE[lang]]  # word types nobody has seen
    for text in texts:  # scans that attribute nothing (document rows) leave the teaching for later
        engine.scan(nlp.make_doc(text), referents=False)
    assert engine.strings["blorp"] not in own.seen
    taught = [
        [(h.referent, h.referent_text, h.referent_how) for h in engine.scan(nlp.make_doc(t))[0]]
        for t in texts
    ]
    assert all(
        low in own.seen
        for t in texts
        for low in engine.index.canonical_lowers(nlp.make_doc(t).to_array(LOWER).tolist())
    )
    fresh = ReferentIndex(own.taxonomy, nlp.vocab.strings, lang)
    engine.referents = fresh
    try:
        untaught = [
            [(h.referent, h.referent_text, h.referent_how) for h in engine.scan(nlp.make_doc(t))[0]]
            for t in texts
        ]
    finally:
        engine.referents = own
    assert untaught == taught
    assert any(r != "none" for hits in taught for r, _, _ in hits)
    assert fresh.seen  # it learnt what it met, per sentence


# one concept, two parties, opposite valences in one sentence: the row is one (sentence, concept)
# and its referent is the party of the hits whose valence it carries, not the other party's
TWO_PARTIES = [
    ("en", "HR is helpful but my manager doesn't care.", "benevolence"),
    ("en", "My coworkers are competent, but leadership is incompetent.", "ability"),
    ("nl", "Ik vertrouw mijn collega's, maar ik vertrouw de directie niet.", "trust"),
    ("nl", "De directie liegt, maar mijn leidinggevende is eerlijk.", "integrity"),
]


@pytest.mark.parametrize(("lang", "text", "concept"), TWO_PARTIES)
def test_a_sentence_row_takes_its_referent_from_a_hit_of_its_valence(lang, text, concept, shipped_nlp):
    nlp = shipped_nlp[lang]
    hits = trustlex.score_texts([text], nlp=nlp, level="match")
    hits = hits[hits.concept == concept]
    # the case itself: two valences, two parties
    assert hits.valence.nunique() == 2
    assert hits.referent.nunique() == 2
    fast = trustlex.score_texts([text], nlp=nlp, level="sentence")
    slow = trustlex.to_frame(list(nlp.pipe([text])), level="sentence")
    for frame in (fast, slow):
        (row,) = frame[frame.concept == concept].itertuples()
        carrying = hits[hits.valence == row.valence]
        assert (row.referent, row.referent_text, row.referent_how) in set(
            zip(carrying.referent, carrying.referent_text, carrying.referent_how, strict=True)
        )
