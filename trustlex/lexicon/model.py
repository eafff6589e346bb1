"""The in-memory lexicon: entries, lexicons, context cues and the value domains of their fields.

These are plain data classes. Reading and validating the TOML files that hold
them is :mod:`trustlex.lexicon.schema`; other dictionary formats are
:mod:`trustlex.lexicon.formats`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

MATCH_KINDS: tuple[str, ...] = ("term", "lemma", "wildcard", "pattern")
CUE_KINDS: tuple[str, ...] = (
    "negation",
    "hedge",
    "termination",
    "positive",
    "negative",
    "topic",
    "mention",
    "pseudo",
)
DIRECTIONS: tuple[str, ...] = ("preceding", "following", "both")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: what to match, which concept and valence it signals.

    ``value`` is the matched string (``term``, ``lemma``, ``wildcard``) or the
    spaCy token pattern (a list of dicts) for ``pattern`` entries.

    Entries are made by :func:`~trustlex.load_lexicon_file` from the
    ``[[entry]]`` tables of a lexicon file; the fields follow the schema in
    ``lexicons/README.md``.

    Parameters
    ----------
    id : str
        Unique within its lexicon; by default ``language:concept:kind:value``.
    concept : str
        One of :data:`trustlex.CONCEPTS`.
    valence : str
        ``"+"``, ``"-"`` or ``"0"``, before context.
    kind : str
        ``"term"``, ``"lemma"``, ``"wildcard"`` or ``"pattern"``.
    value : str or list of dict
        What is matched (see above).
    weight : float, default 1.0
        The entry's weight, summed per sentence and concept (see
        :func:`~trustlex.resolve_valence`).
    exclude : tuple of str
        Phrases that cancel a hit they overlap ("trust fund").
    examples, counter_examples : tuple of str
        Sentences that must and must not fire the entry (checked by the
        lexicon checks).
    gap : int, default 0
        Tokens allowed between the parts of a ``term`` or ``lemma`` phrase.
    note, source : str
        Free text: why the entry is there, where it comes from.
    language, lexicon, path : str
        The lexicon's language, its ``name@version`` label, and its file.
    line : int
        The line of the entry in ``path``.

    Examples
    --------
    >>> import trustlex
    >>> lex = trustlex.load_lexicon("en/trust")
    >>> entry = next(e for e in lex.entries if e.id == "en:trust:lemma:trust")
    >>> entry.concept, entry.valence, entry.kind, entry.value, entry.weight
    ('trust', '+', 'lemma', 'trust', 1.0)
    >>> "trust fund" in entry.exclude
    True
    >>> entry.where.endswith("trust.toml:" + str(entry.line))
    True
    """

    id: str
    concept: str
    valence: str
    kind: str
    value: Any
    weight: float = 1.0
    exclude: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    gap: int = 0
    note: str = ""
    source: str = ""
    language: str = ""
    lexicon: str = ""
    path: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        """Return ``path:line`` of the entry, for messages.

        Examples
        --------
        >>> from trustlex import Entry
        >>> Entry("en:trust:term:faith", "trust", "+", "term", "faith", path="mine.toml", line=7).where
        'mine.toml:7'
        """
        return f"{self.path}:{self.line}"


@dataclass
class Lexicon:
    """A loaded lexicon file: header fields plus its entries.

    Made by :func:`~trustlex.load_lexicon_file` (or :func:`~trustlex.load_lexicon`
    for a shipped name) from the ``[lexicon]`` header and ``[[entry]]`` tables.

    Parameters
    ----------
    name, language, version : str
        The header's fields; ``language`` is ``"nl"`` or ``"en"``.
    entries : list of Entry
        The entries, in file order.
    path : str
        The file it was read from.
    description, license, codebook : str
        Optional header fields.

    Examples
    --------
    >>> import trustlex
    >>> lex = trustlex.load_lexicon("nl/trust")
    >>> lex.name, lex.language
    ('trustlex-nl-trust', 'nl')
    >>> {e.concept for e in lex.entries}
    {'trust'}
    >>> sorted({e.valence for e in lex.entries})
    ['+', '-', '0']
    """

    name: str
    language: str
    version: str
    entries: list[Entry] = field(default_factory=list)
    path: str = ""
    description: str = ""
    license: str = ""
    codebook: str = ""

    @property
    def label(self) -> str:
        """Return ``name@version``, the provenance stamp carried by every match.

        Examples
        --------
        >>> from trustlex import Lexicon
        >>> Lexicon(name="mine", language="en", version="1.2").label
        'mine@1.2'
        """
        return f"{self.name}@{self.version}"

    def to_frame(self) -> Any:
        """Return the entries as a pandas DataFrame, one row per entry, for review.

        Columns: id, lexicon, language, concept, valence, kind, value (a
        pattern as its ``repr``), weight, exclude (joined with ``"; "``),
        path, line.

        Examples
        --------
        >>> from trustlex import Entry, Lexicon
        >>> lex = Lexicon("mine", "en", "1.0", entries=[
        ...     Entry("en:trust:lemma:rely", "trust", "+", "lemma", "rely", lexicon="mine@1.0"),
        ...     Entry("en:trust:term:distrust", "trust", "-", "term", "distrust", exclude=("no distrust",)),
        ... ])
        >>> print(lex.to_frame()[["id", "valence", "kind", "value", "exclude"]].to_string(index=False))
                            id valence  kind    value     exclude
           en:trust:lemma:rely       + lemma     rely
        en:trust:term:distrust       -  term distrust no distrust
        """
        # pandas is imported only here: reading a lexicon should not pay for it
        import pandas as pd

        rows = [
            {
                "id": e.id,
                "lexicon": e.lexicon,
                "language": e.language,
                "concept": e.concept,
                "valence": e.valence,
                "kind": e.kind,
                "value": e.value if isinstance(e.value, str) else repr(e.value),
                "weight": e.weight,
                "exclude": "; ".join(e.exclude),
                "path": e.path,
                "line": e.line,
            }
            for e in self.entries
        ]
        return pd.DataFrame(rows)


@dataclass(frozen=True)
class Cue:
    """A context cue rule: negation, hedge, termination, modifier, mention or pseudo cue."""

    kind: str
    direction: str = "both"
    max_scope: int = 5
    terms: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    concepts: frozenset[str] = frozenset()
    not_concepts: frozenset[str] = frozenset()
    # a preceding cue that counts only if one of these words also follows the hit, within
    # max_scope: "meer ... nodig" is a request, "meer vertrouwen dan vorig jaar" is not
    and_after: tuple[str, ...] = ()
    # a cue that counts only where one of these words stands in its sentence: the Dutch legal frame's nouns
    # ("vergunning") need legal prose with them ("artikel", "krachtens"), where a citizen's complaint has none
    in_sentence_with: tuple[str, ...] = ()
    # a cue that counts only where it opens its sentence or line: "Enforce the speed limits."
    # is a request, "they enforce the speed limits" is not
    opens: bool = False
    # a heading cue ("Cons:") whose scope goes on over line breaks that start a new list item
    across_lines: bool = False
    # a mention cue that acts only on a hit that reads as lacking (-, by a negation or its entry): the legal
    # frame ("de minister verleent geen vergunning") makes it a neutral mention, and an affirmed hit stays
    lacking: bool = False
    path: str = ""
    line: int = 0

    @functools.cached_property
    def slot(self) -> tuple[object, ...]:
        """Return (kind, direction, opens, concepts, not_concepts): overlapping cues of a slot keep one.

        An opening cue has a slot of its own, so that a term may open a
        sentence with a long reach and stand elsewhere with a short one; so
        has a cue for other concepts, so that a word in two cues of one kind
        for different concepts ("indien" as a penal frame for integrity and
        as a condition for control) acts in both.
        """
        return (self.kind, self.direction, self.opens, self.concepts, self.not_concepts)

    def applies_to(self, concept: str) -> bool:
        """Return whether this cue may act on a hit of ``concept``."""
        if self.concepts and concept not in self.concepts:
            return False
        return concept not in self.not_concepts


# the keys of a context file's [clauses] table, in the order they are documented (lexicons/README.md);
# its [headings] table has one key, "praise" (ClauseWords.praise_headings)
CLAUSE_KEYS: tuple[str, ...] = (
    "joiners",
    "subject_openers",
    "clause_verbs",
    "finite_verbs",
    "subordinators",
    "relatives",
    "subject_pronouns",
    "final_negations",
    "consequents",
    "disjunctions",
    "privatives",
    "reasons",
    "predicate_joiners",
    "verb_negations",
    "object_negations",
)


@dataclass(frozen=True)
class ClauseWords:
    """The words of one language that the clause and heading rules read: ``[clauses]`` and ``[headings]``.

    Each field is a frozenset of lowercase words, built once when the context
    file is loaded (see ``lexicons/README.md`` for what each list does);
    ``finite_verbs`` holds ``clause_verbs`` too, ``praise_headings`` is the
    ``praise`` key of ``[headings]``. All empty by default: a language
    without them gets no clause rules.
    """

    joiners: frozenset[str] = frozenset()
    subject_openers: frozenset[str] = frozenset()
    clause_verbs: frozenset[str] = frozenset()
    finite_verbs: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    final_negations: frozenset[str] = frozenset()
    consequents: frozenset[str] = frozenset()
    disjunctions: frozenset[str] = frozenset()
    privatives: frozenset[str] = frozenset()
    reasons: frozenset[str] = frozenset()
    predicate_joiners: frozenset[str] = frozenset()
    verb_negations: frozenset[str] = frozenset()
    object_negations: frozenset[str] = frozenset()
    praise_headings: frozenset[str] = frozenset()

    # whether the language gives a word of the clause rules (without one they are skipped)
    active: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        """Decide ``active`` once, so that the rules read one flag per hit."""
        active = any(getattr(self, key) for key in CLAUSE_KEYS if key != "disjunctions")
        object.__setattr__(self, "active", active)


@dataclass
class ContextRules:
    """The context cues of one language, loaded from a ``context.toml`` file.

    ``clauses`` holds the words of its ``[clauses]`` table (none by default).
    """

    language: str
    version: str
    cues: list[Cue] = field(default_factory=list)
    path: str = ""
    clauses: ClauseWords = field(default_factory=ClauseWords)


def _default_id(language: str, concept: str, kind: str, value: Any, valence: str) -> str:
    """Build the readable default entry id ``lang:concept:kind:value``."""
    if kind == "pattern":
        parts = []
        for tok in value:
            for v in tok.values():
                if isinstance(v, str):
                    parts.append(v.lower())
                elif isinstance(v, dict) and isinstance(v.get("IN"), list) and v["IN"]:
                    parts.append(str(v["IN"][0]).lower())
        text = "-".join(parts) or "pattern"
    else:
        text = str(value).replace(" ", "-")
    return f"{language}:{concept}:{kind}:{text}"
