"""Offline Dutch/English detection from words, vocabularies and letter sequences.

Only two languages matter here. Each word of a text adds evidence, positive
for Dutch and negative for English, and the sign of the sum decides:

1. Hand-written function and comment words (below) weigh most. Words that
   are common in both languages ("in", "is", "was", "over", "team") weigh 0,
   so that they cannot outvote the rest.
2. Word lists generated from the lemma tables of spacy-lookups-data, which
   trustlex depends on anyway (``data/langdetect.txt.gz``, built by
   ``data/make_langdetect.py``): Dutch-only forms, frequent English-only
   words, and forms the tables give to both languages (no evidence).
   Frequent English words that are mostly names ("John", "Amazon") count
   only when written in lowercase.
3. Any other word is scored by two character 4-gram models, one per
   language, trained on the same word lists: the log-ratio of the word's
   probability under each (Dutch compounds such as "werksfeer" are in no
   list, but their letters are unmistakably Dutch). A capitalised word of
   this kind counts only when its letters are strongly Dutch or English, so
   that most names give no evidence; so does a word both languages' tables
   hold (the Dutch tables hold many English words: "traffic", "leaving"),
   so that "terrible" counts and "team" or "meeting" do not.

A text whose sum stays within :data:`MARGIN` of zero has no evidence:
:func:`detect_language_or_none` returns None for it, :func:`detect_language`
its ``default`` and :func:`detect_languages` the majority language of the
other texts of the call.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources

# The evidence a text needs, in either direction, to count as decided: a
# single listed word (1.5 or more) passes it, a word whose letters are only
# somewhat Dutch or English (under half of the 1.5 letters can give) does not.
MARGIN = 0.75

_DATA_FILE = "langdetect.txt.gz"
_HEAD = 5000  # characters looked at; the language of a document is clear long before
_ORDER = 4  # of the character models; must match data/make_langdetect.py
_LM_CLIP = 3.0  # a word's letters never count for more than a listed word
_LM_SCALE = 0.5
_CAPITAL_MIN = 6.0  # letter evidence a capitalised unlisted word (a name?) needs to count
_LIST_WEIGHT = 1.5

# Hand-written words, with the evidence each gives (positive: Dutch). These
# override the generated lists. Function words of one language only weigh 2;
# words that also occur in the other language, but rarely, weigh less.
_HAND: dict[str, float] = {}
for _weight, _words in (
    (
        2.0,
        # Dutch function words, auxiliaries and frequent adverbs
        """de het een en niet ik jij hij zij wij jullie ze je mijn jouw uw hun onze ons haar mij jou
        dit deze er ook maar wel geen nog naar bij voor uit aan op om te zijn wordt worden werd werden
        heeft hebben heb hebt hadden waren zou zouden kan kunnen kunt kon konden moet moeten moest
        moesten mag mogen mocht wil willen wilde zal zullen gaat gaan ging gingen doet doen niets niks
        iets iemand niemand iedereen alles allemaal veel weinig meer minder heel erg zeer toch dus omdat
        dan toen nu wat wie waar waarom hoe wanneer welke welk zo zoals zonder tussen tegen onder boven
        naast binnen buiten tijdens volgens sinds echt gewoon eigenlijk misschien zeker helaas graag
        alleen samen daarom daardoor waardoor waarbij waarin waarop waarvan hier daar beetje nee ja
        nooit altijd soms vaak weer steeds precies ongeveer bijna genoeg teveel mee tot zich elkaar
        zelf zelfs ieder iedere elke alle andere anders nou kortom verder vooral echter bovendien
        namelijk terwijl hoewel nadat voordat totdat zodat tenzij z'n m'n d'r zo'n als""",
    ),
    (
        1.5,
        # Dutch words of comments that the generated lists give to both
        # languages or miss, and Dutch abbreviations
        """goed goede slecht slechte leuk leuke mooi mooie fijn fijne prima jammer aanrader
        geweldig prachtig heerlijk matig redelijk dat oké nr blz bijv enz dhr mevr evt mbt ivm""",
    ),
    (1.0, "die met van hem hen u"),
    (0.5, "door al"),
    (
        0.0,
        # Common in both languages
        """in is was had over of me we even ten want men top team super ok best hard""",
    ),
    (-0.5, "as"),
    (
        -2.0,
        # English function words, auxiliaries and frequent adverbs
        """the a an and to are were be been being am has have do does did not no i you he she it
        they him her us them my your his its our their this these those there here where when why
        how what which who whom whose if then than because so but or very too also just only really
        quite much many more most less some any every each all both either neither other another
        such own same from with without about above below under into through during before after
        since until while at by for on off out up down again still already yet ever never always
        often sometimes would could should will shall may might must can get got make made take
        took go goes went come came know knew think thought say said need like lot lots everyone
        anything something nothing everything someone anyone nobody don't doesn't didn't isn't
        aren't wasn't weren't won't can't couldn't shouldn't wouldn't i'm i've i'd you're it's
        that's there's they're we're let's
        dont doesnt didnt isnt arent wasnt werent wont cant couldnt shouldnt wouldnt hasnt havent
        hadnt youre theyre thats theres whats""",
    ),
    (-1.5, "good great nice bad poor worst better pay work people company job place"),
):
    for _word in _words.split():
        _HAND[_word] = _weight

# Latin letters only: other scripts are neither Dutch nor English, and an
# explicit class is three times faster to scan than [^\W\d_].
_LETTER = "[A-Za-zÀ-ÖØ-öø-ÿ]"
# Words, with inner apostrophes (don't, zo'n, auto's); a single letter only
# when no full stop follows, which would make it an initial ("A. Jansen").
_TOKEN = re.compile(rf"{_LETTER}(?:{_LETTER}+|(?!\.))(?:'{_LETTER}+)*")


class _Model:
    """The generated word lists and the character model, as loaded from the data file."""

    def __init__(self, text: str) -> None:
        self.ngrams: dict[str, float] = {}
        self.words: dict[str, float] = {}
        self.names: frozenset[str] = frozenset()
        self.both: frozenset[str] = frozenset()
        weights = {"nl": _LIST_WEIGHT, "en": -_LIST_WEIGHT, "both": 0.0}
        for block in text.split("\n@")[1:]:
            section, *lines = block.splitlines()
            if section == "ngrams":
                for line in lines:
                    gram, value = line.split("\t")
                    self.ngrams[gram] = float(value)
            elif section == "names":
                self.names = frozenset(lines)
            elif section == "both":
                self.both = frozenset(lines)  # judged by their letters, at the bar of a name
            else:
                self.words.update(dict.fromkeys(lines, weights[section]))


_model: _Model | None = None


def _get_model() -> _Model:
    global _model  # loaded once per process, on first use
    if _model is None:
        path = resources.files("trustlex") / "data" / _DATA_FILE
        _model = _Model(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return _model


def letter_score(word: str, ngrams: dict[str, float]) -> float:
    """Return the log-ratio P(word | Dutch) / P(word | English) of two character models.

    ``word`` is lowercase. At each letter (and at the word's end) the longest
    known sequence of up to four characters ending there, padded with ``^``
    before the word and ``$`` after it, adds its log-ratio from ``ngrams``;
    sequences the pruned table lacks fall back to shorter ones. Shared with
    ``data/make_langdetect.py``, which selects the word lists by this score.
    """
    # unrolled for order 4 (_ORDER): twice as fast as nested loops, and this
    # runs once for every new word of most texts
    padded = "^^^" + word + "$"
    get = ngrams.get
    total = 0.0
    for end in range(4, len(padded) + 1):
        value = get(padded[end - 4 : end])
        if value is None:
            value = get(padded[end - 3 : end])
            if value is None:
                value = get(padded[end - 2 : end])
                if value is None:
                    value = get(padded[end - 1], 0.0)
        total += value
    return total


def _listed_score(token: str) -> float | None:
    """Return the evidence of a token found in the word lists, or None when its letters must judge."""
    word = token.lower()
    score = _HAND.get(word)
    if score is None and "'" in word:
        # auto's, company's, l'Oréal: the part before the apostrophe is the word
        word = word.split("'")[0]
        score = _HAND.get(word)
    if score is None and len(word) == 1:
        score = 0.0  # only I, a and u are words; b, c, x are list markers, units, typos
    if score is None:
        model = _get_model()
        score = model.words.get(word)
        if score is not None and token[0].isupper() and word in model.names:
            return None  # "John", "Amazon": a name, whatever its lowercase twin means
        if word in model.both:
            # the Dutch tables hold many English words (traffic, compliance, leaving): a form of
            # both tables counts when its letters are as clearly one language as a name's must be
            return None
    if score is not None and 1 < len(token) <= 4 and token.isupper():
        score *= 0.5  # ITS, DE, BMG: mostly acronyms, whose letters say little about the language
    return score


def _letters_score(token: str) -> float:
    """Return the evidence of an unlisted token by the character models (at most 1.5 either way)."""
    word = token.lower().split("'")[0]
    model = _get_model()
    raw = letter_score(word, model.ngrams)
    if (token[0].isupper() or word in model.both) and abs(raw) < _CAPITAL_MIN:
        return 0.0
    score = max(-_LM_CLIP, min(_LM_CLIP, raw)) * _LM_SCALE
    if 1 < len(token) <= 4 and token.isupper():
        score *= 0.5
    return score


_LETTERS_MAX = _LM_CLIP * _LM_SCALE  # the most an unlisted word can add
_CACHE_SIZE = 200_000
_scores: dict[str, float] = {}  # token as found (case kept) -> evidence
_UNLISTED = math.nan  # in _scores: a token whose letters have not been judged yet


def _store(token: str, score: float) -> None:
    if len(_scores) >= _CACHE_SIZE:
        _scores.clear()  # bounded memory on endless streams of new words
    _scores[token] = score


def _evidence(text: str, exact: bool) -> float:
    """Sum the evidence of ``text``'s words; unless ``exact``, only as far as the sign needs.

    Known tokens are summed in C. A new token is looked up in the word
    lists; the character models, ten times as costly, judge unlisted tokens
    only when their most possible evidence (1.5 each) could still change
    the decision, or when ``exact``. Until then such a token is cached as
    NaN, which makes the fast sum NaN and sends its texts down this path.
    """
    head = text[:_HEAD]
    if "\u2019" in head:  # the typographic apostrophe (U+2019), as in word processors
        head = head.replace("\u2019", "'")
    tokens = _TOKEN.findall(head)
    scores = _scores
    try:
        total = sum(map(scores.__getitem__, tokens))
        if total == total:  # not NaN: every token had its evidence cached
            return total
    except KeyError:
        pass
    total = 0.0
    unlisted: dict[str, int] = {}
    for token in tokens:
        score = scores.get(token)
        if score is None:
            score = _listed_score(token)
            if score is None:
                score = _UNLISTED
            _store(token, score)
        if score != score:
            unlisted[token] = unlisted.get(token, 0) + 1
        else:
            total += score
    if unlisted and (exact or abs(total) - _LETTERS_MAX * sum(unlisted.values()) < MARGIN):
        for token, count in unlisted.items():
            score = _letters_score(token)
            _store(token, score)
            total += score * count
    return total


def language_score(text: str) -> float:
    """Return the summed evidence of ``text``'s words: positive for Dutch, negative for English.

    Looks at the first 5,000 characters. Each listed word counts 1.5 to 2,
    a word judged by its letters at most 1.5, a word common to both
    languages 0; see the module docstring. A score within :data:`MARGIN` of
    zero means no evidence either way.
    """
    return _evidence(text, exact=True)


def detect_language_or_none(text: str) -> str | None:
    """Return ``"nl"`` or ``"en"`` for ``text``, or None when it holds no evidence either way.

    None is returned for empty text, numbers and punctuation, words common
    to both languages ("ok", "team"), most names, and texts whose Dutch and
    English evidence cancel out (within :data:`MARGIN`). Use it to tell a
    decision from a guess; :func:`detect_language` and
    :func:`detect_languages` turn None into a default.
    """
    score = _evidence(text, exact=False)
    if score >= MARGIN:
        return "nl"
    if score <= -MARGIN:
        return "en"
    return None


def detect_language(text: str, default: str = "en") -> str:
    """Return ``"nl"`` or ``"en"`` for ``text``, or ``default`` when it holds no evidence.

    Judges the first 5,000 characters by function words, word lists from
    spacy-lookups-data and letter sequences (see the module docstring); it
    is right on single Dutch words such as "Goed" or "Werkdruk" as well as
    on sentences. Texts without evidence (empty, numbers, a name, a tie;
    see :func:`detect_language_or_none`) get ``default``.

    Parameters
    ----------
    text : str
        The text; only its first 5,000 characters are read.
    default : str, default "en"
        The answer for a text without evidence.

    Returns
    -------
    str
        ``"nl"``, ``"en"`` or ``default``.

    Examples
    --------
    >>> from trustlex import detect_language
    >>> detect_language("Ik vertrouw mijn manager."), detect_language("We trust our manager.")
    ('nl', 'en')
    >>> detect_language("Werkdruk")
    'nl'
    >>> detect_language("12345"), detect_language("12345", default="nl")
    ('en', 'nl')
    """
    return detect_language_or_none(text) or default


def detect_languages(texts: Sequence[str], default: str | None = None) -> list[str]:
    """Return ``"nl"`` or ``"en"`` for each of ``texts``, filling in texts without evidence.

    Each text is judged alone, as by :func:`detect_language_or_none`. Texts
    with no evidence either way (empty, numbers, a name, "ok", a tie) take
    the majority language of the texts of this call that have evidence, so
    that a lone "OK" among Dutch survey answers is read as Dutch. When no
    text has evidence, or the decided texts are split evenly, they take
    ``default``, or ``"en"`` when ``default`` is None.
    """
    found = [detect_language_or_none(text) for text in texts]
    counts = Counter(lang for lang in found if lang is not None)
    fallback = default or "en"
    if counts["nl"] != counts["en"]:
        fallback = "nl" if counts["nl"] > counts["en"] else "en"
    return [lang or fallback for lang in found]
