"""The language words of the referent rules: the optional ``[rules]`` table of a referent file.

The attribution rules (:mod:`trustlex.matching.referents`) read words of
one language: the conjunctions that end a clause ("but", "maar"), the
determiners, the conjunctions that join a conjunct, the genitive ("of",
"van"), the agent of a passive ("by", "door"), the contrasts ("unlike",
"in tegenstelling tot"), the prepositions of an addressee ("to", "with",
"naar"), of a source ("from", "vanuit") and of a beneficiary ("for",
"voor"), the qualities that describe people as kind or unkind
("helpful", "rude"), the abbreviations of courts that a case-law
citation gives with its date ("HR 12 maart 2019": the Hoge Raad), the
words that open the name of a public body's unit when a capitalised name
follows them ("Directie Wetgeving": a ministry's directorate), and
the plural of bosses who are one's own where the sentence says so
("managers", "leaders"; "i had"), the personal pronouns that, opening
a line, take up the party on the line before ("he", "they"), and the
words that name a law ("wet", "*wet": for the nearest rule a party of
control, communication and norms only), and the capitalised words that
are no organisation's own name ("January", "Mr.", "Terms of Use": a text's
names are learnt only where ``name_skips`` is given, see
:mod:`trustlex.matching.proper_names`). They are data, so that a user's file
can give its own; this module holds them (:class:`ReferentWords`) and
reads the table. One key holds concept ids instead of words: ``felt``,
the concepts whose party is the employees named on the hit's line, as
the ones who feel it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trustlex.concepts import CONCEPTS
from trustlex.errors import LexiconError
from trustlex.lexicon.toml_fields import _field_line, _table_line
from trustlex.lexicon.word_tables import word_table

RULE_KEYS: tuple[str, ...] = (
    "boundaries",
    "determiners",
    "conjunctions",
    "genitives",
    "agents",
    "contrasts",
    "recipients",
    "sources",
    "beneficiaries",
    "felt",
    "qualities",
    "courts",
    "units",
    "bosses",
    "had_bosses",
    "offices",
    "office_followers",
    "pronouns",
    "laws",
    "name_skips",
)
"""The keys of a referent file's ``[rules]`` table, one per word list (see ``lexicons/README.md``)."""
PHRASES = ("contrasts", "had_bosses")
"""The keys whose entries are phrases, split on whitespace into tokens; the others hold single words."""


@dataclass(frozen=True)
class ReferentWords:
    """The words of one language that the referent rules read, built once per taxonomy.

    Each field but ``contrasts`` and ``had_bosses`` is a frozenset of
    lowercase words (``felt`` of concept ids); those two hold word tuples
    ("unlike", "in tegenstelling tot", ", not" as its two tokens; "i 've had").
    ``contrast_last`` and ``contrast_lengths`` are derived once, so that
    the rule looks at a word only where a contrast can end. All empty by
    default: a language without a ``[rules]`` table gets the rules without
    these words.
    """

    boundaries: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    genitives: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    contrasts: frozenset[tuple[str, ...]] = frozenset()
    recipients: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    beneficiaries: frozenset[str] = frozenset()
    felt: frozenset[str] = frozenset()
    qualities: frozenset[str] = frozenset()
    courts: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()
    bosses: frozenset[str] = frozenset()
    had_bosses: frozenset[tuple[str, ...]] = frozenset()
    offices: frozenset[str] = frozenset()
    office_followers: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    laws: frozenset[str] = frozenset()
    name_skips: frozenset[str] = frozenset()
    contrast_last: frozenset[str] = field(init=False, default=frozenset())
    contrast_lengths: tuple[int, ...] = field(init=False, default=())
    law_suffixes: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        """Derive the contrasts' last words and lengths and the laws' suffixes ("*wet") once, not per call."""
        object.__setattr__(self, "contrast_last", frozenset(c[-1] for c in self.contrasts))
        object.__setattr__(self, "contrast_lengths", tuple(sorted({len(c) for c in self.contrasts})))
        object.__setattr__(
            self, "law_suffixes", tuple(sorted(w[1:] for w in self.laws if w.startswith("*") and w[1:]))
        )

    def __or__(self, other: ReferentWords) -> ReferentWords:
        """Return the words of both (a file that extends another adds its words to the other's)."""
        return ReferentWords(**{key: getattr(self, key) | getattr(other, key) for key in RULE_KEYS})


def parse_rules(data: dict[str, Any], text: str, spath: str) -> ReferentWords:
    """Return the words of a referent file's ``[rules]`` table, checked; empty when it has none.

    Parameters
    ----------
    data : dict
        The parsed TOML of the file.
    text : str
        The file's text (for line numbers).
    spath : str
        The file's path (for errors).

    Returns
    -------
    ReferentWords
        Each key a list of non-empty strings, lowercased; ``contrasts``
        entries split on whitespace into tokens.

    Raises
    ------
    LexiconError
        Naming file, line and key for an unknown key, a value that is not a list of words, or a
        ``felt`` entry that is no concept of the codebook.
    """
    single = [key for key in RULE_KEYS if key not in PHRASES]
    lists = word_table(data, text, spath, "rules", RULE_KEYS, single=single, table_field="rules")
    unknown = [c for c in lists["felt"] if c.strip().lower() not in CONCEPTS]
    if unknown:  # a misspelt concept would otherwise change nothing, silently
        line = _field_line(text, _table_line(text, "rules"), "felt")
        message = f"[rules]: 'felt' lists concepts of the codebook ({', '.join(CONCEPTS)}), got {unknown}"
        raise LexiconError(message, path=spath, line=line, field="felt")
    words: dict[str, Any] = {key: frozenset(v.strip().lower() for v in lists[key]) for key in single}
    for key in PHRASES:
        words[key] = frozenset(tuple(v.lower().split()) for v in lists[key])
    return ReferentWords(**words)
