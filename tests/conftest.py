from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

import trustlex

ROOT = Path(__file__).resolve().parent.parent

# The cache of parsed lexicon files (trustlex/lexicon/cache.py) goes to a folder of this test
# process, inherited by the CLI subprocesses it starts: the many small lexicons the tests write
# must not fill the user's own cache.
if "TRUSTLEX_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="trustlex-test-cache-")
    os.environ["TRUSTLEX_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)  # no error when pytest-xdist is not there (-p no:xdist)
def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject's addopts): one xdist worker per logical CPU this process may run on.

    pytest-xdist counts physical cores through psutil, so a runner of two vCPUs on
    one physical core (hyperthreads) got a single worker, and a process pinned to
    fewer CPUs (taskset, a CPU set) got one per core of the whole machine. This
    counts the CPUs the scheduler gives this process, as ``-n logical`` would
    without the pinning. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when set.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or not hasattr(os, "sched_getaffinity"):
        return None
    return len(os.sched_getaffinity(0)) or None


@pytest.fixture(scope="session")
def nlp_nl():
    return trustlex.load("nl")


@pytest.fixture(scope="session")
def nlp_en():
    return trustlex.load("en")


@pytest.fixture(scope="session")
def shipped_nlp(nlp_nl, nlp_en):
    """The shipped pipelines by language, loaded once per test process.

    For tests that only run them (a call adds words to the vocabulary and
    nothing else): a test that replaces a component, saves the pipeline or
    needs one loaded after something else happened loads its own.
    """
    return {"nl": nlp_nl, "en": nlp_en}


@pytest.fixture(scope="session")
def dask_local():
    """A local Dask cluster of two worker processes, started once per test process.

    Made by ``dask_client("local", workers=2)``, the function ``dask="local"``
    and ``--dask local`` call; pass the client as ``dask=``. Its workers are
    real processes that load the pipelines once for every test that uses them
    (each cluster cost some 10 s of CPU to start and load). Closing a local
    cluster is tested on a cluster of its own (test_dask_close.py).
    """
    pytest.importorskip("distributed")
    from trustlex.batch.dask import dask_client

    client, close = dask_client("local", workers=2)
    yield client
    close()


@pytest.fixture
def write_toml(tmp_path):
    """Write a TOML file from a dedented string and return its path."""

    def write(text: str, name: str = "lex.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


TINY_NL = """
[lexicon]
name = "tiny-nl"
language = "nl"
version = "9.9.9"

[[entry]]
concept = "trust"
valence = "+"
lemma = "vertrouwen"
exclude = ["vertrouwd met"]

[[entry]]
concept = "trust"
valence = "-"
term = "gebrek aan vertrouwen"

[[entry]]
concept = "responsibility"
valence = "0"
wildcard = "verantwoordelijk*"

[[entry]]
concept = "risk"
valence = "0"
wildcard = "*risico*"

[[entry]]
concept = "control"
valence = "0"
wildcard = "*toezicht"

[[entry]]
concept = "communication"
valence = "0"
lemma = "communicatie"

[[entry]]
concept = "responsibility"
valence = "+"
lemma = "nemen verantwoordelijkheid"
gap = 2

[[entry]]
concept = "norms"
valence = "0"
term = "cultuur"
weight = 0.5

[[entry]]
concept = "discipline"
valence = "+"
pattern = [{LEMMA = "houden"}, {LOWER = {IN = ["zijn", "haar", "hun"]}}, {LOWER = "woord"}]
"""

TINY_CONTEXT_NL = """
[context]
language = "nl"
version = "1.0"

[[cue]]
kind = "pseudo"
terms = ["niet alleen"]

[[cue]]
kind = "negation"
direction = "preceding"
max_scope = 4
terms = ["geen", "niemand", "gebrek aan"]

[[cue]]
kind = "negation"
direction = "both"
max_scope = 3
terms = ["niet"]

[[cue]]
kind = "hedge"
direction = "preceding"
max_scope = 5
terms = ["misschien"]

[[cue]]
kind = "termination"
terms = ["maar"]

[[cue]]
kind = "negative"
direction = "both"
max_scope = 3
lemmas = ["klacht", "ontbreken"]
not_concepts = ["risk"]

[[cue]]
kind = "positive"
direction = "preceding"
max_scope = 1
terms = ["open", "goede"]
not_concepts = ["risk"]
"""


@pytest.fixture(scope="session")
def tiny_lex(tmp_path_factory):
    """Keyword arguments that point trustlex at the small known lexicon and context files."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "lex.toml").write_text(TINY_NL, encoding="utf-8")
    (folder / "context.toml").write_text(TINY_CONTEXT_NL, encoding="utf-8")
    return {"lexicons": [str(folder / "lex.toml")], "context": str(folder / "context.toml")}


@pytest.fixture(scope="session")
def tiny_nlp(tiny_lex):
    """A Dutch pipeline on a small known lexicon, so engine tests do not depend on shipped data."""
    return trustlex.load("nl", **tiny_lex)
