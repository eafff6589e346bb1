"""The codebook's vocabulary: concept ids, valences and the valence rules.

Every lexicon, frame and evaluation is checked against these names, so a typo
in a lexicon file is caught at load time rather than producing a silent
thirteenth concept.
"""

from __future__ import annotations

from typing import Literal, TypeVar, overload

Valence = Literal["+", "-", "0"]
_T = TypeVar("_T")

VALENCES: tuple[str, ...] = ("+", "-", "0")

CONCEPTS: tuple[str, ...] = (
    "trust",
    "control",
    "risk",
    "responsibility",
    "communication",
    "discipline",
    "courage",
    "norms",
    "ability",
    "benevolence",
    "integrity",
    "vulnerability",
)

CONCEPT_NAMES: dict[str, str] = {
    "trust": "Trust",
    "control": "Control",
    "risk": "Risk",
    "responsibility": "Responsibility",
    "communication": "Communication",
    "discipline": "Discipline / consistency",
    "courage": "Courage",
    "norms": "Norms / role-model behaviour",
    "ability": "Ability / competence",
    "benevolence": "Benevolence / care",
    "integrity": "Integrity / honesty",
    "vulnerability": "Vulnerability / pressure",
}

# Column suffixes of the wide document table: identifier- and formula-safe.
VALENCE_SUFFIX: dict[str, str] = {"+": "pos", "-": "neg", "0": "neu"}

LANGUAGES: tuple[str, ...] = ("nl", "en")


@overload
def language_code(lang: str) -> str: ...
@overload
def language_code(lang: _T) -> _T: ...
def language_code(lang: object) -> object:
    """Return a language code in lower case, as trustlex spells it: ``"NL"`` is ``"nl"``.

    Anything but a str (a spaCy Language, None) is returned as it is; the
    callers check the code against :data:`LANGUAGES` after this.
    """
    return lang.strip().lower() if isinstance(lang, str) else lang


def resolve_valence(weights: dict[str, float]) -> str:
    """Return the one valence of a concept in a unit, given summed weights per valence.

    The documented rule: neutral mentions yield to any valenced mention of the
    same concept (a sentence that names "communicatie" and also says it is
    lacking is about lacking communication); between ``+`` and ``-`` the larger
    summed weight wins, and a tie goes to ``-`` because a stated violation is
    the more informative signal (the codebook: trust is mostly discussed when
    it is missing).

    Parameters
    ----------
    weights : dict of str to float
        The summed weight of the unit's hits of one concept per valence
        (``"+"``, ``"-"``, ``"0"``); missing valences count as 0.

    Returns
    -------
    str
        ``"+"``, ``"-"`` or ``"0"``.

    Examples
    --------
    >>> from trustlex import resolve_valence
    >>> resolve_valence({"0": 2.0, "-": 1.0})
    '-'
    >>> resolve_valence({"+": 1.0, "-": 1.0})
    '-'
    >>> resolve_valence({"+": 2.0, "-": 1.0})
    '+'
    >>> resolve_valence({"0": 1.0})
    '0'
    """
    pos = weights.get("+", 0.0)
    neg = weights.get("-", 0.0)
    if pos == 0.0 and neg == 0.0:
        return "0"
    return "+" if pos > neg else "-"
