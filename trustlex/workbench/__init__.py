"""The lexicon workbench: check lexicon files, audit entries on a corpus, measure reliability, suggest terms.

``check_lexicons`` goes beyond the schema: it runs the entries on their own
words, examples and exclusions, so it finds what only matching reveals (an
entry that can never win an overlap, an exclusion that can never apply, an
example that does not fire). ``audit`` ranks entries by how often they fire
on a corpus and, given gold labels, by the harm they do; ``reliability``
gives per concept Cronbach's alpha and KR-20 over the entries, as LIWC's
dictionary workbench does; ``suggest_terms`` finds words a corpus uses like
a concept's lexicon hits; ``find_misses`` finds sentences the lexicon leaves
untagged where a classifier trained on one's coding sees a concept.

Every submodule is imported here, so that ``trustlex.workbench.audit`` and
``trustlex.workbench.reliability`` are the functions, not their modules.
"""

from __future__ import annotations

from trustlex.errors import SuggestError
from trustlex.workbench.audit import audit
from trustlex.workbench.check import check_lexicons
from trustlex.workbench.entry_checks import wildcard_regex
from trustlex.workbench.misses import Coded, find_misses
from trustlex.workbench.problems import PROBLEM_KINDS, Problem
from trustlex.workbench.reliability import reliability
from trustlex.workbench.suggest import (
    CONTEXT_ALPHA,
    SEED_SHARE,
    SHARE_WEIGHT,
    SuggestOptions,
    candidates_toml,
    suggest_terms,
)

__all__ = [
    "CONTEXT_ALPHA",
    "PROBLEM_KINDS",
    "SEED_SHARE",
    "SHARE_WEIGHT",
    "Coded",
    "Problem",
    "SuggestError",
    "SuggestOptions",
    "audit",
    "candidates_toml",
    "check_lexicons",
    "find_misses",
    "reliability",
    "suggest_terms",
    "wildcard_regex",
]
