"""The shipped concept lexicons, read once per test process and shared by the modules that check them."""

from __future__ import annotations

import functools

from trustlex.concepts import LANGUAGES
from trustlex.lexicon import load_lexicon_file
from trustlex.lexicon.model import Lexicon
from trustlex.lexicon.resources import lexicon_dir


@functools.cache
def shipped_lexicons() -> tuple[Lexicon, ...]:
    """Every shipped concept lexicon file (not context or referents), by language and file name.

    Reading and checking the 24 files takes a second or more; three test
    modules need them, two while collecting. The lexicons and their entries
    are not changed by any test (entries are frozen; tests copy them with
    dataclasses.replace).
    """
    return tuple(
        load_lexicon_file(path)
        for lang in LANGUAGES
        for path in sorted((lexicon_dir() / lang).glob("*.toml"))
        if path.stem not in ("context", "referents")
    )
