"""The cache of parsed TOML files: read when the bytes match, ignored and rewritten when not to trust."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

import trustlex
from trustlex.errors import LexiconError
from trustlex.lexicon import load_lexicon_file
from trustlex.lexicon.cache import MAX_DEPTH, cache_dir, cache_key
from trustlex.lexicon.reading import _read_toml
from trustlex.lexicon.resources import lexicon_dir

LEXICON = """[lexicon]
name = "mine"
language = "en"
version = "1.0"

[[entry]]
concept = "trust"
valence = "+"
term = "{term}"
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache folder of this test's own, the cache turned on."""
    monkeypatch.delenv("TRUSTLEX_NO_CACHE", raising=False)
    monkeypatch.setenv("TRUSTLEX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "toml"


def lexicon(tmp_path, term="faith"):
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON.format(term=term), encoding="utf-8")
    return path


def cached_file(path):
    return cache_dir() / f"{cache_key(path.read_bytes())}.json"


def terms(path):
    return [e.value for e in load_lexicon_file(path).entries]


def test_a_parsed_file_is_stored_and_read_back(folder, tmp_path):
    path = lexicon(tmp_path)
    assert terms(path) == ["faith"]
    stored = json.loads(cached_file(path).read_text(encoding="utf-8"))
    assert stored["key"] == cache_key(path.read_bytes())
    assert stored["data"]["entry"] == [{"concept": "trust", "valence": "+", "term": "faith"}]
    # what the next load reads is the stored content (here changed by hand, the key kept)
    stored["data"]["entry"][0]["term"] = "belief"
    cached_file(path).write_text(json.dumps(stored), encoding="utf-8")
    assert terms(path) == ["belief"]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
        pytest.param(lambda text: "\x00garbage{", id="corrupt"),
        pytest.param(lambda text: "", id="empty"),
        pytest.param(lambda text: text.replace('"key": "', '"key": "0'), id="another key"),
        pytest.param(lambda text: '["not", "a table"]', id="not a table"),
        pytest.param(lambda text: '{"key": "k", "data": 3}', id="data not a table"),
        pytest.param(
            lambda text: text[:-1] + ', "x": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}", id="too deep"
        ),
    ],
)
def test_a_cache_file_not_to_trust_is_ignored_and_rewritten(folder, tmp_path, spoil):
    path = lexicon(tmp_path)
    terms(path)
    cached = cached_file(path)
    good = cached.read_text(encoding="utf-8")
    cached.write_text(spoil(good), encoding="utf-8")
    assert terms(path) == ["faith"]
    assert cached.read_text(encoding="utf-8") == good


def test_an_unreadable_cache_file_is_ignored(folder, tmp_path):
    path = lexicon(tmp_path)
    terms(path)
    cached = cached_file(path)
    cached.unlink()
    cached.mkdir()  # a folder where the file should be: reading it fails, and so does replacing it
    assert terms(path) == ["faith"]


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch):
    monkeypatch.delenv("TRUSTLEX_NO_CACHE", raising=False)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TRUSTLEX_CACHE_DIR", str(blocker / "cache"))  # under a file: never creatable
    path = lexicon(tmp_path)
    assert terms(path) == ["faith"]
    assert terms(path) == ["faith"]


def test_the_environment_variable_turns_the_cache_off(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTLEX_NO_CACHE", "1")
    assert cache_dir() is None
    assert terms(lexicon(tmp_path)) == ["faith"]
    assert not folder.exists()


def test_the_default_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.delenv("TRUSTLEX_NO_CACHE", raising=False)
    monkeypatch.delenv("TRUSTLEX_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "trustlex" / "toml"


def test_an_edited_lexicon_is_read_anew(folder, tmp_path):
    path = lexicon(tmp_path)
    assert terms(path) == ["faith"]
    lexicon(tmp_path, term="belief")
    assert terms(path) == ["belief"]
    assert len(list(folder.glob("*.json"))) == 2  # one per content


def test_errors_name_the_toml_file_and_line_with_a_warm_cache(folder, tmp_path):
    # a file that parses as TOML but breaks the schema: its parse is cached, the check runs on every load
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON.format(term="faith").replace('valence = "+"', 'valence = "?"'), encoding="utf-8")
    errors = []
    for _ in range(2):
        with pytest.raises(LexiconError) as caught:
            load_lexicon_file(path)
        errors.append(caught.value)
    assert cached_file(path).exists()
    assert [(e.path, e.line, e.field, str(e)) for e in errors[1:]] == [
        (errors[0].path, errors[0].line, errors[0].field, str(errors[0]))
    ]
    assert (errors[1].path, errors[1].line, errors[1].field) == (str(path), 8, "valence")


def test_a_toml_syntax_error_is_not_cached_and_names_its_line(folder, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(LEXICON.format(term="faith").replace('valence = "+"', "valence = +"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LexiconError, match="invalid TOML") as caught:
            load_lexicon_file(path)
        assert (caught.value.path, caught.value.line) == (str(path), 8)
    assert not folder.exists() or not list(folder.glob("*.json"))


def test_scores_are_the_same_from_toml_and_from_a_warm_cache(folder, tmp_path, monkeypatch):
    texts = [
        "I trust my manager, but management never keeps its promises.",
        "There is no transparency about decisions and nobody takes responsibility.",
    ]
    mine = lexicon(tmp_path, term="promises")
    frames = []
    for setting in ("1", "0", "0"):  # parsed TOML, then a cold cache (written), then a warm one (read)
        monkeypatch.setenv("TRUSTLEX_NO_CACHE", setting)
        trustlex.clear_cache()
        frames.append(trustlex.score_texts(texts, lang="en", level="match", lexicons=["en/*", str(mine)]))
    trustlex.clear_cache()
    assert len(frames[0]) >= 3
    pd.testing.assert_frame_equal(frames[0], frames[1])
    pd.testing.assert_frame_equal(frames[0], frames[2])
    shipped = sorted(lexicon_dir().glob("en/*.toml"))
    assert all(cached_file(p).exists() for p in shipped if p.name.startswith("trust"))


def test_toml_json_would_not_give_back_is_not_cached(folder, tmp_path):
    # a date (a TOML type JSON lacks) and NaN (not equal to itself once read back) stay with tomllib
    for i, value in enumerate(("2024-01-01", "nan")):
        path = tmp_path / f"odd{i}.toml"
        path.write_text(f"[lexicon]\nwhen = {value}\n", encoding="utf-8")
        data, text = _read_toml(path)
        assert str(data["lexicon"]["when"]) == value
        assert text == path.read_text(encoding="utf-8")
        assert not cached_file(path).exists()
    assert terms(lexicon(tmp_path)) == ["faith"]
    assert cached_file(lexicon(tmp_path)).exists()  # while a plain file is


def test_concurrent_loads_leave_one_whole_cache_file(folder, tmp_path):
    # writers racing on one key each move a whole temporary file into place: readers see the old or the new
    path = lexicon(tmp_path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: terms(path), range(32)))
    assert results == [["faith"]] * 32
    assert [p.name for p in folder.iterdir()] == [cached_file(path).name]  # no temporary file left
    assert json.loads(cached_file(path).read_text(encoding="utf-8"))["data"]["entry"][0]["term"] == "faith"


def test_the_oldest_written_files_go_beyond_the_bound(folder, tmp_path):
    from trustlex.lexicon import cache

    there = cache.cache_dir()
    for n in range(6):
        cache.write_cached(there, f"{n:064x}", {"n": n})
        os.utime(there / f"{n:064x}.json", (1_000_000 + n, 1_000_000 + n))  # write order, on any clock
    cache._prune(there, keep=4)
    assert sorted(p.name[-6:-5] for p in there.glob("*.json")) == ["2", "3", "4", "5"]
    assert cache.read_cached(there, f"{5:064x}") == {"n": 5}
