"""Engines share the shipped referent taxonomy (built once per language) but nothing they learn.

Building an engine used to copy the shipped taxonomy; now every engine
without a taxonomy of its own reads one shared copy per language. These
tests fail if two engines wrongly share state: two languages, two engines of
one language, or a user's own taxonomy file next to the shipped one.
"""

from __future__ import annotations

import spacy

import trustlex
from trustlex.lexicon import load_lexicon_file
from trustlex.lexicon.referents import load_taxonomy
from trustlex.lexicon.resources import lexicon_dir
from trustlex.matching.referent_index import shared_shipped
from trustlex.matching.scan import Engine

EN = "The works council is honest and I trust them."
NL = "De ondernemingsraad is eerlijk en ik vertrouw hen."
CITY = "The city council is honest and I trust them."


def _engine(lang: str, referents=None) -> tuple:
    nlp = spacy.blank(lang)
    entries = load_lexicon_file(lexicon_dir() / lang / "trust.toml").entries
    return nlp, Engine(nlp.vocab, entries, None, lang=lang, referents=referents)


def _own(path, lang: str, term: str) -> str:
    head = f'[referents]\nlanguage = "{lang}"\nversion = "1"\n\n'
    text = head + f'[[referent]]\nid = "union"\nterms = ["{term}"]\n'
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_engines_of_one_language_share_the_taxonomy_but_not_what_they_learn():
    nlp, first = _engine("en")
    _, second = _engine("en")
    assert first.referents.taxonomy is second.referents.taxonomy
    hits, _, _ = first.scan(nlp.make_doc("The manager is honest and I trust her."))
    assert [h.referent for h in hits] == ["direct_manager"]
    assert first.referents.seen
    assert first.referents.cache
    assert not second.referents.seen
    assert not second.referents.cache
    assert second.referents.seen is not first.referents.seen


def test_two_languages_get_their_own_taxonomy():
    _, en = _engine("en")
    _, nl = _engine("nl")
    assert en.referents.taxonomy.language == "en"
    assert nl.referents.taxonomy.language == "nl"
    assert en.referents.phrases is not nl.referents.phrases
    rows = trustlex.score_texts([CITY, NL], lang="auto")
    # the shipped English taxonomy calls a city council "government"; the Dutch one (as the English, since
    # referents 0.22.0 / 0.26.0) makes nobody of an ondernemingsraad, the employees' works council
    assert rows.groupby("doc_id")["referent"].agg(set).tolist() == [{"government"}, {"none"}]


def test_an_own_taxonomy_next_to_the_shipped_one_leaves_it_alone(tmp_path):
    own = _own(tmp_path / "en-referents.toml", "en", "works council")
    shipped, _ = shared_shipped("en")
    _, plain = _engine("en")
    _, mine = _engine("en", load_taxonomy(own, "en"))
    assert mine.referents.taxonomy is not shipped
    assert "union" in mine.referents.taxonomy.referents
    assert "union" not in shipped.referents
    assert "union" not in plain.referents.taxonomy.referents
    # through the pipeline, in both orders: the own file's party only where it is given
    assert set(trustlex.score_texts([EN], lang="en", referents=own)["referent"]) == {"union"}
    assert set(trustlex.score_texts([EN], lang="en")["referent"]) == {"none"}
    assert set(trustlex.score_texts([EN], lang="en", referents=own)["referent"]) == {"union"}
    assert "union" not in shared_shipped("en")[0].referents
