"""Every trustlex error is also the builtin it resembles, and a bad ``lang`` is one error everywhere."""

from __future__ import annotations

import pytest

import trustlex
from trustlex.errors import (
    GoldError,
    LanguageError,
    LexiconError,
    ModelError,
    ReadError,
    RunError,
    TrustlexError,
)
from trustlex.models import TrustVectorizer


@pytest.mark.parametrize(
    "error",
    [
        LanguageError("lang must be nl or en"),
        LexiconError("bad entry", path="x.toml", line=3),
        GoldError("x.jsonl:2: not valid JSON"),
        ModelError("model.json: not a trustlex model"),
    ],
)
def test_value_errors_are_caught_as_value_error_and_trustlex_error(error):
    for base in (ValueError, TrustlexError):
        with pytest.raises(base):
            raise error


def test_read_and_run_errors_are_os_errors():
    with pytest.raises(OSError, match=r"^a\.pdf: encrypted$"):
        raise ReadError("encrypted", path="a.pdf", kind="encrypted")
    for base in (OSError, RuntimeError, TrustlexError):
        with pytest.raises(base):
            raise RunError("out.csv is being written by another run")


def test_errors_live_in_errors_and_are_exported():
    assert trustlex.ModelError is ModelError
    assert trustlex.LanguageError is LanguageError
    assert trustlex.models.ModelError is ModelError


@pytest.mark.parametrize(
    "call",
    [
        lambda: trustlex.load("de"),
        lambda: trustlex.score_texts(["Vertrauen"], lang="de"),
        lambda: TrustVectorizer(lang="de").fit(["Vertrauen"]),
    ],
    ids=["load", "score_texts", "TrustVectorizer"],
)
def test_a_bad_lang_raises_language_error_everywhere(call):
    with pytest.raises(LanguageError, match="lang must be one of nl, en") as caught:
        call()
    assert isinstance(caught.value, ValueError)
