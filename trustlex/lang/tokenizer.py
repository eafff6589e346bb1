"""The tokenizer :func:`trustlex.pipeline.load` gives a pipeline: spaCy's, with trustlex's rules.

spaCy's tokens, found with the faster searches of :mod:`trustlex.lang.affixes`,
except where trustlex changes them:

- an all-capitals special case ("DON'T") splits as its lowercase form does
  (:func:`capital_twins`);
- a list bullet written against a word ("-Poor") is split off (:func:`with_bullets`);
- a Dutch word keeps a typographic apostrophe inside ("risico\u2019s") as it
  keeps a plain one (:func:`with_dutch_apostrophes`);
- an English bracket between letters ("management(no") is split off, as the
  Dutch rules already do (:func:`with_english_brackets`).

:func:`fast_tokenizer` builds a blank pipeline's tokenizer with all of them in
one go, and :func:`blank` a blank pipeline that has it from the start;
:func:`extend_tokenizer` adds the rules to a pipeline of the user's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.lang.char_classes import ALPHA, CONCAT_QUOTES
from spacy.lang.en.punctuation import TOKENIZER_INFIXES as EN_INFIXES
from spacy.lang.nl.punctuation import TOKENIZER_INFIXES as NL_INFIXES
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from trustlex.lang.affixes import Remembered, faster_searches, regex_of


def is_capital_abbreviation(text: str) -> bool:
    """Return whether ``text`` is an abbreviation in capitals with a full stop: "HR.", "BV.", "ART."."""
    core = text[:-1]
    return text.endswith(".") and len(core) >= 2 and core.isalpha() and core.isupper()


def without_capital_abbreviations(lang: str | None, rules: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Return Dutch ``rules`` without abbreviations in capitals (``rules`` itself for other languages).

    spaCy's Dutch special cases list each of some 450 abbreviations also in
    capitals ("hr." for *heer*, and "HR."), so "Geen vertrouwen in HR." kept
    "HR." as one token: the sentence did not end there and the party was not
    named. In Dutch text such a token is nearly always an acronym before a
    full stop ("de IND.", "een BV.", "de OR."). English keeps its few
    ("VS.", "ST.", "DR."), which all-capitals survey answers use as
    abbreviations; initials ("J.") and dotted forms ("D.W.Z.") are untouched.
    """
    if lang != "nl":
        return rules
    kept = {k: v for k, v in rules.items() if not is_capital_abbreviation(k)}
    return rules if len(kept) == len(rules) else kept


def capital_twins(rules: dict[str, list[dict]], lang: str | None = "") -> dict[str, list[dict]]:
    """Return an all-capitals twin of each tokenizer special case in ``rules`` that lacks one.

    spaCy's tokenizer exceptions are case-sensitive and list only lower- and
    title-case forms, so "DON'T" or "ISN'T" stays one token and the negation
    inside it is lost: an all-caps complaint ("THEY DON'T CARE") came out
    with the opposite valence. Each twin splits as its lowercase source does
    (same pieces, same norms); twins that would change length are skipped,
    and for Dutch (``lang`` "nl") those that are abbreviations in capitals
    (see :func:`without_capital_abbreviations`).
    """
    added: dict[str, list[dict]] = {}
    # lowercase sources first, so "DON'T" copies "don't" rather than "Don't"
    for text in sorted(rules, key=lambda t: t != t.lower()):
        upper = text.upper()
        if upper == text or upper in rules or upper in added:
            continue
        if lang == "nl" and is_capital_abbreviation(upper):
            continue  # see without_capital_abbreviations
        pieces = [{**piece, ORTH: piece[ORTH].upper()} for piece in rules[text]]
        if "".join(piece[ORTH] for piece in pieces) == upper:
            added[upper] = pieces
    return added


def add_capital_exceptions(nlp: Language) -> int:
    """Give the tokenizer an all-capitals twin of each of its special cases; return how many it added.

    Dutch abbreviations in capitals are then taken out (see :func:`without_capital_abbreviations`).

    See :func:`capital_twins`; :func:`extend_tokenizer` uses it on a pipeline of the user's own.
    """
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a tokenizer of the user's own has no special cases
        return 0
    rules = tokenizer.rules
    kept = without_capital_abbreviations(nlp.lang, rules)
    added = capital_twins(kept, nlp.lang)
    if added or kept is not rules:
        tokenizer.rules = {**kept, **added}
    return len(added)


# A list bullet written against its first word ("-Poor management", "•Great people"): spaCy splits
# "*", "·" or an en dash there but not these, and the item's first word then matched no lexicon entry.
# Only before a letter: "-5", "e-mail" and "--" stay as they are.
_BULLETS = "-\u2022\u2023\u2192"
_BULLET_PREFIX = f"^[{_BULLETS}](?=[^\\W\\d_])"


def with_bullets(prefix_search: Callable[[str], Any]) -> Callable[[str], Any]:
    """Return ``prefix_search`` that also splits a list bullet from the word it is written against.

    The expression is spaCy's with one alternative added at the end, so a
    tokenizer written to disk keeps a plain regular expression; a search that
    is no compiled expression's (nor a :class:`~trustlex.lang.affixes.Remembered`
    one's) is returned unchanged.

    Parameters
    ----------
    prefix_search : callable
        A tokenizer's ``prefix_search`` (a compiled expression's ``search``).

    Returns
    -------
    callable
        The ``search`` of the extended expression.
    """
    regex = regex_of(prefix_search)
    if regex is None or _BULLET_PREFIX in regex.pattern:
        return prefix_search
    bulleted = re.compile(f"{regex.pattern}|{_BULLET_PREFIX}", regex.flags)
    if isinstance(getattr(prefix_search, "__self__", None), Remembered):  # remembered as before
        return Remembered(bulleted.search, bulleted.pattern).__getitem__
    return bulleted.search


# Dutch writes plurals and contractions with an apostrophe inside the word ("risico's", "zo'n").
# spaCy's Dutch rules keep them whole with a plain apostrophe but split a typographic one, which
# regulations and news mostly use, as a quote between letters ("risico\u2019s" -> "risico",
# "\u2019s"): a pattern over the next words then met an extra token. Its rule, with that apostrophe
# taken out of its quotes as the plain one already is:
_QUOTE_BETWEEN_LETTERS = r"(?<=[{a}])([{q}\)\]\(\[])(?=[{a}])"


def with_dutch_apostrophes(lang: str | None, infix_finditer: Callable[[str], Any]) -> Callable[[str], Any]:
    """Return ``infix_finditer`` that keeps a Dutch word with a typographic apostrophe inside whole.

    Only for Dutch, and only where the tokenizer has spaCy's own Dutch infix
    rules (anything else stays as it is). The expression stays a plain one,
    so a tokenizer written to disk keeps it.

    Parameters
    ----------
    lang : str or None
        The pipeline's language.
    infix_finditer : callable
        The tokenizer's ``infix_finditer`` (a compiled expression's ``finditer``).

    Returns
    -------
    callable
        The ``finditer`` of the changed expression, or ``infix_finditer`` unchanged.
    """
    regex = getattr(infix_finditer, "__self__", None)
    if lang != "nl" or not isinstance(regex, re.Pattern):
        return infix_finditer
    quotes = CONCAT_QUOTES.replace("'", "")
    spacys = _QUOTE_BETWEEN_LETTERS.format(a=ALPHA, q=quotes)
    if spacys not in NL_INFIXES or regex.pattern != compile_infix_regex(NL_INFIXES).pattern:
        return infix_finditer
    ours = _QUOTE_BETWEEN_LETTERS.format(a=ALPHA, q=quotes.replace("\u2019", ""))
    return compile_infix_regex([ours if rule == spacys else rule for rule in NL_INFIXES]).finditer


# A bracket between letters: "management(no communication)", "employee(s)". spaCy's Dutch rules
# split it (the rule above), its English ones keep "management(no" as one token, so neither word
# matched a lexicon entry or named a referent.
_BRACKET_BETWEEN_LETTERS = r"(?<=[{a}])[\(\)\[\]](?=[{a}])"


def with_english_brackets(lang: str | None, infix_finditer: Callable[[str], Any]) -> Callable[[str], Any]:
    """Return ``infix_finditer`` that also splits a bracket written between two letters, for English.

    Only where the tokenizer has spaCy's own English infix rules (anything
    else stays as it is); the Dutch rules already split there. The
    expression stays a plain one, so a tokenizer written to disk keeps it.

    Parameters
    ----------
    lang : str or None
        The pipeline's language.
    infix_finditer : callable
        The tokenizer's ``infix_finditer`` (a compiled expression's ``finditer``).

    Returns
    -------
    callable
        The ``finditer`` of the extended expression, or ``infix_finditer`` unchanged.
    """
    regex = getattr(infix_finditer, "__self__", None)
    if (
        lang != "en"
        or not isinstance(regex, re.Pattern)
        or regex.pattern != compile_infix_regex(EN_INFIXES).pattern
    ):
        return infix_finditer
    return compile_infix_regex([*EN_INFIXES, _BRACKET_BETWEEN_LETTERS.format(a=ALPHA)]).finditer


def fast_tokenizer(nlp: Language, old: Any = None) -> Tokenizer:
    """Return ``nlp``'s tokenizer rebuilt with :func:`faster_searches`, capitals, bullets and apostrophes.

    Built in one go: setting each attribute on the existing tokenizer would
    make spaCy reload its special cases every time (for Dutch, about a
    second of loading). ``old``: the tokenizer (or its parts) to start from,
    by default ``nlp.tokenizer``.
    """
    old = nlp.tokenizer if old is None else old
    infix = with_english_brackets(nlp.lang, with_dutch_apostrophes(nlp.lang, old.infix_finditer))
    prefix = with_bullets(old.prefix_search)
    fast = faster_searches(
        SimpleNamespace(
            prefix_search=prefix,
            suffix_search=old.suffix_search,
            infix_finditer=infix,
            url_match=old.url_match,
        )
    )
    rules = without_capital_abbreviations(nlp.lang, old.rules)
    return Tokenizer(
        nlp.vocab,
        rules={**rules, **capital_twins(rules, nlp.lang)},
        prefix_search=fast.get("prefix_search", prefix),
        suffix_search=fast.get("suffix_search", old.suffix_search),
        infix_finditer=fast.get("infix_finditer", infix),
        token_match=old.token_match,
        url_match=fast.get("url_match", old.url_match),
        faster_heuristics=old.faster_heuristics,
        max_cache_size=old.max_cache_size,
    )


def spacy_parts(nlp: Language) -> SimpleNamespace:
    """Return what spaCy's own tokenizer of ``nlp``'s language is made of, without building it.

    The parts spaCy's ``spacy.Tokenizer.v1`` passes to its tokenizer (the
    language's special cases, in the order a tokenizer holds them, and its
    compiled affix expressions), and the tokenizer's defaults: what
    :func:`fast_tokenizer` reads off a tokenizer. Building that tokenizer
    loads its special cases (thousands for Dutch), which the fast
    tokenizer loads again.
    """
    d = nlp.Defaults
    bare = Tokenizer(nlp.vocab)  # no special cases: its defaults only
    return SimpleNamespace(
        rules=dict(sorted(d.tokenizer_exceptions.items())),  # a tokenizer loads (and keeps) them sorted
        prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
        suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
        infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
        token_match=d.token_match,
        url_match=d.url_match,
        faster_heuristics=bare.faster_heuristics,
        max_cache_size=bare.max_cache_size,
    )


_FAST = "trustlex.FastTokenizer.v1"  # used while blank() builds a pipeline; its config names spaCy's


@spacy.registry.tokenizers(_FAST)
def _fast_factory() -> Callable[[Language], Tokenizer]:
    return lambda nlp: fast_tokenizer(nlp, spacy_parts(nlp))


def blank(lang: str) -> Language:
    """Return ``spacy.blank(lang)`` with :func:`fast_tokenizer`'s tokenizer, its special cases loaded once.

    ``spacy.blank`` builds spaCy's tokenizer, loading the language's special
    cases, which :func:`fast_tokenizer` then loads again (with the capital
    twins): about 0.35 CPU s for Dutch, 0.1 for English. Here the pipeline
    is created with the fast tokenizer, built from the parts spaCy's would
    have (:func:`spacy_parts`), and its config names spaCy's tokenizer again,
    as that of ``spacy.blank(lang)`` does: a pipeline saved with
    ``to_disk`` loads where this function is not registered.
    """
    # the sections before [nlp] named first, so that the config keeps spacy.blank's section order
    nlp = spacy.blank(lang, config={"paths": {}, "system": {}, "nlp": {"tokenizer": {"@tokenizers": _FAST}}})
    config = nlp.config
    config["nlp"]["tokenizer"] = {"@tokenizers": "spacy.Tokenizer.v1"}
    nlp.config = config
    return nlp


def extend_tokenizer(nlp: Language) -> None:
    """Give the tokenizer of a pipeline of the user's own what :func:`fast_tokenizer` builds in.

    The all-capitals twins, the bullets, the Dutch apostrophes and the English
    brackets, where they are missing (a second call changes nothing); the faster searches are left
    out, since they change no token. Each attribute set makes spaCy reload its
    special cases, so only a changed one is set. A tokenizer of the user's own
    (not a spaCy ``Tokenizer``, e.g. one splitting at spaces) is left as it is.
    """
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    add_capital_exceptions(nlp)
    bulleted = with_bullets(tokenizer.prefix_search)
    if bulleted is not tokenizer.prefix_search:
        tokenizer.prefix_search = bulleted
    whole = with_english_brackets(nlp.lang, with_dutch_apostrophes(nlp.lang, tokenizer.infix_finditer))
    if whole is not tokenizer.infix_finditer:
        tokenizer.infix_finditer = whole
