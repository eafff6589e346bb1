"""Parties a text names by their own name: "I love working at Deloitte. Deloitte doesn't listen.".

A review names its employer by its name more often than as "the company",
and a user does not always pass that name (``names=``, :mod:`trustlex.matching.names`).
This rule learns such names from the text itself, from the frames that say
a name is an employer or a company:

- work at or for it: "working at Deloitte", "my years at HCA", "worked for
  Northrop", "joined Travelers", "here at GDIT";
- name its people by its name, mid-sentence: "long time Mastercard employees";
- call it a company: "Duke is a great company", "KKR was the best place to work";
- give it a culture: "KKR has a collaborative culture", "the culture at Deloitte";
- give it a company's things: "Walmart's privacy policy", "SLB's culture",
  "Amazon's management";
- the legal form after it: "Kraft Foods Inc.", "Acme LLC";
- "At Yahoo, we ...".

A name so learnt (a capitalised word or run of words, "Capital One", "AT&T";
not one of the referent file's ``name_skips``: months, days, places,
titles, a privacy policy's defined terms) is the organisation wherever the
text names it, as if the user had passed it as ``names={"organisation":
...}``: the ordinary rules then decide which hits it is the party of. A
name the text never puts in such a frame is not learnt ("Thermo is
destroying the culture" alone names nobody), nor is a person's ("Derek will
pretend you are not doing your job"), unless a frame says so ("I worked for
Derek"). A user who knows the names should still pass them.

The frames are English: the rule runs for an English taxonomy whose
referent files list ``name_skips``, once per doc with a hit left at ``none``
(regular expressions over its text, that ``re`` skips through to a
capital or a frame's words), and then attributes those hits
again with the names learnt, next to any the user gave. A hit another
party already took keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Container

from trustlex.lexicon.referent_rules import ReferentWords
from trustlex.matching.names import Names

ORGANISATION = "organisation"

# a name: capitalised words ("Capital One"), acronyms ("HCA", "AT&T", "M&T"), joined by "of" or "&"
# ("Bank of America", "Johnson & Johnson"); a word may hold digits, dots and hyphens ("Phillips 66" not)
_WORD = r"[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9&]|[A-Z]"
_NAME = rf"(?:{_WORD})(?:[ \t]+(?:(?:of|&)[ \t]+)?(?:{_WORD}))*"
_DET = r"(?:the[ \t]+)?"
# the frames that say a name is an employer or a company, as one regular expression (their definition;
# learned_names finds its matches with the faster search below)
_BEFORE = (  # words before the name
    # work at or for it: "working at Deloitte", "my 5 years at HCA", "worked for Northrop"
    r"\b(?:(?:work|works|worked|working|job|jobs|career|careers|years?|months|time|tenure|stint|experience|"
    r"employed|employment|intern|internship|position|role|employee|employees)[ \t]+(?:at|for)"
    # "joined Travelers", "before joining KKR"; "the culture at Deloitte": a culture is an organisation's
    r"|join|joined|joining|joins|culture[ \t]+at|here[ \t]+at)"
)
_AFTER = (  # words after the name
    # "Duke is a great company", "KKR was the best place to work"
    r"[ \t]+(?:is|was|has[ \t]+been|remains)[ \t]+(?:a|an|the)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:company|employer|place[ \t]+to[ \t]+work|organi[sz]ation|firm|corporation|workplace)\b"
    # "KKR has a collaborative culture", "ADP does have a great culture"
    r"|[ \t]+(?:has|had|does[ \t]+have)[ \t]+(?:a|an)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:culture|work[ \t]+culture)\b"
    # "HCA as a culture doesn't care", "Amazon as a company": what it is taken as
    r"|[ \t]+as[ \t]+(?:a|an)[ \t]+"
    r"(?:company|employer|culture|organi[sz]ation|corporation|business|workplace)\b"
    # "Walmart's privacy policy", "SLB's culture", "Amazon's management"
    "|(?:'s|\u2019s|')[ \t]+(?i:privacy|culture|management|leadership|employees|mission|values|"
    r"core[ \t]+values|ceo|executives|hr|human[ \t]+resources|workforce|employer|staff)\b"
    # "Kraft Foods Inc.", "Acme LLC"
    r"|,?[ \t]+(?:Inc|LLC|L\.L\.C|Ltd|Corp|Corporation|Co|plc|PLC)\b"
)
_PATTERN = re.compile(
    rf"{_BEFORE}[ \t]+{_DET}(?P<a>{_NAME})"
    # "At Yahoo, we"
    rf"|\bAt[ \t]+(?P<b>{_NAME}),[ \t]+we\b"
    # "long time Mastercard employees", "for McKesson employees": its people by its name, mid-sentence
    # (a list's "Talented employees" or "Performance management" opens its point: see learned_names)
    rf"|\b(?P<c>{_NAME})(?:{_AFTER}|(?P<people>[ \t]+(?:management|leadership|executives|employees)\b))"
)


def name_of(found: str, rules: ReferentWords) -> str | None:
    """The name a frame caught, less a leading article; None when it is none ("Terms of Use", "Mr. Smith")."""
    words = found.split()
    # a skipped word ends no name ("joining KKR I was"), but where a joiner ties it ("Bank of America")
    while (
        len(words) > 1 and words[-1].lower().rstrip(".") in rules.name_skips and words[-2] not in ("of", "&")
    ):
        words.pop()
    while words and (words[0].lower() in rules.determiners or words[0].lower() in ("of", "&")):
        words.pop(0)
    if not words or words[-1].lower() in ("of", "&"):
        return None
    lowers = [w.lower().rstrip(".") for w in words]
    if lowers[0] in rules.name_skips or all(w in rules.name_skips or w in ("of", "&") for w in lowers):
        return None  # "Terms of Use", "Mr. Smith", "Christmas": no company's name
    if len(words) == 1 and len(words[0]) < 2:
        return None
    return " ".join(words)


# The same frames, split so that ``re`` can skip ahead (the one expression above tries its three
# branches at every character, none of which ``re`` can skip to). Each branch is searched on its
# own, and ``_matches`` merges them as ``_PATTERN.finditer`` does: the leftmost match wins, at one
# place the first branch, and the next search starts where a match ends.
# - a name's word, atomic: a word cut short is followed by a letter, which neither another word
#   nor a frame after it takes (so the same names), and it is not tried letter by letter
_ATOMIC = r"(?>[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9&]|[A-Z])"
_FAST_NAME = rf"{_ATOMIC}(?:[ \t]+(?:(?:of|&)[ \t]+)?{_ATOMIC})*"
# - the words before: only where "at", "for" or "join..." stands before a capital (_a_starts)
_A = re.compile(rf"{_BEFORE}[ \t]+{_DET}(?P<a>{_FAST_NAME})")
_A_GATES = tuple(  # one literal each, which ``re`` finds faster than a set of first letters
    re.compile(rf"{word}[ \t]+(?:the[ \t]+)?[A-Z]") for word in ("at", "for", r"join(?:ed|ing|s)?")
)
# - "At X, we": its literal first (\b as a look-behind after it)
_B = re.compile(rf"At(?<!\wAt)[ \t]+(?P<b>{_FAST_NAME}),[ \t]+we\b")
# - the name first: a bare capital, which ``re`` skips to (\b is checked on a match: _search_c; no
#   group around the name, whose end is group "e"), whose word must be followed by what can follow
#   a name's word (a space and "of", "&", a capital, "is", "was", "has", "had", "remains" or a
#   people's word; a quote; a comma) before the rest is tried
_C = re.compile(
    r"[A-Z](?=[A-Za-z0-9&.\-]*+(?:[ \t]+(?:of|&|[A-Z]|is|was|has|had|does|as|remains|"
    r"management|leadership|executives|employees)|['\u2019,]))(?:[A-Za-z0-9&.\-]*[A-Za-z0-9&])?+"
    rf"(?:[ \t]+(?:(?:of|&)[ \t]+)?{_ATOMIC})*(?P<e>)"
    rf"(?:{_AFTER}|(?P<people>[ \t]+(?:management|leadership|executives|employees)\b))"
)


def _a_starts(text: str) -> list[int]:
    """Where the words-before branch may match: before each "at", "for", "join..." that a capital follows."""
    out: list[int] = []
    for gate in _A_GATES:
        g = gate.search(text)
        while g is not None:  # (a search, cheaper than finditer where most texts have none)
            k = i = g.start()
            g = gate.search(text, g.end())
            while i > 0 and text[i - 1] in " \t":  # "working at": the word before, where \b can stand
                i -= 1
            j = i
            while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "_"):
                j -= 1
            if j < i:
                out.append(j)
            out.append(k)
    return sorted(set(out)) if out else out


def _search_a(text: str, starts: list[int], pos: int) -> re.Match | None:
    """The first match of the words-before branch from ``pos``; ``starts`` loses the places passed."""
    while starts:
        if starts[0] >= pos and (m := _A.match(text, starts[0])):
            return m
        del starts[0]
    return None


def _search_c(text: str, pos: int) -> re.Match | None:
    """The first match of the name-first branch from ``pos``, its name at the start of a word."""
    while (m := _C.search(text, pos)) is not None:
        k = m.start()
        if k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_"):  # \b as ``re`` reads it
            return m
        pos = k + 1
    return None


def _matches(text: str) -> list[tuple[int, re.Match]]:
    """The matches ``_PATTERN.finditer(text)`` yields, with their branch (0, 1, 2), found apart."""
    starts = _a_starts(text)
    nxt = [_search_a(text, starts, 0) if starts else None, _B.search(text), _search_c(text, 0)]
    out: list[tuple[int, re.Match]] = []
    while True:
        best, first = -1, None
        for i in (0, 1, 2):  # the leftmost; at one place the first branch
            m = nxt[i]
            if m is not None and (first is None or m.start() < first.start()):
                best, first = i, m
        if first is None:
            return out
        m = first
        out.append((best, m))
        end = m.end()
        for i, o in enumerate(nxt):
            if o is not None and o.start() < end:
                nxt[i] = (
                    _search_a(text, starts, end)
                    if i == 0
                    else _B.search(text, end)
                    if i == 1
                    else _search_c(text, end)
                )


# "ADM Cares for its employees", "Union Pacific does not value their employees": who cares for, values or
# treats its employees is an employer. Searched only where "its/their employees" stands (_OWN_PEOPLE),
# from a little before it; the name as short as it can be ("Salesforce Truly Cares About Its People")
_OWN_PEOPLE = re.compile(
    r"\b(?i:its|their)[ \t]+"
    r"(?i:employees|employee|people|workers|staff|associates|workforce|team[ \t]+members)\b"
)
_CARER_WORDS = (
    "truly", "really", "genuinely", "actually", "does", "did", "do", "doesn't", "doesn\u2019t", "didn't",
    "didn\u2019t", "not", "never", "always", "still", "only", "cares", "care", "cared", "values", "value",
    "valued", "treats", "treat", "treated", "respects", "respect", "appreciates", "appreciate", "invests",
    "invest", "takes", "take", "looks", "look",
)  # fmt: skip
_CARER = re.compile(
    rf"(?<![\w&.\-])(?P<d>(?:{_WORD})(?:[ \t]+(?:(?:of|&)[ \t]+)?(?:{_WORD}))*?)"
    r"[ \t]+(?:(?i:truly|really|genuinely|actually|always|still|only|never|does|did|do|"
    r"(?:does|did)(?:n't|n\u2019t)|"
    r"(?:does|did)[ \t]+not)[ \t]+){0,2}"
    r"(?i:cares?|cared|values?|valued|treats?|treated|respects?|appreciates?|invests?[ \t]+in|"
    r"takes?[ \t]+care[ \t]+of|looks?[ \t]+after)[ \t]+(?:(?i:about|for|of)[ \t]+)?$"
)


def _carers(text: str) -> list[str]:
    """The names of ``text`` that care for, value or treat "its employees" (before :func:`name_of`)."""
    out = []
    for g in _OWN_PEOPLE.finditer(text):
        m = _CARER.search(text, max(0, g.start() - 80), g.start())
        if m is not None and m.group("d").lower() not in _CARER_WORDS:
            out.append(m.group("d"))
    return out


def learned_names(text: str, rules: ReferentWords, *terms: Container[str]) -> Names:
    """The organisations ``text`` names in a frame that says they are one, as checked names.

    The frames are those of ``_PATTERN``, matched as its ``finditer`` would match them (``_matches``),
    and those of :func:`_carers`. A name whose lowercase is in one of ``terms`` (the taxonomy's one-word
    terms, those written as is) is a party's own term with a capital, no name ("Management cares about
    their people", "NARA's mission": the government's).
    """
    found: list[str] = []
    for branch, m in _matches(text):
        if branch == 2:
            k = m.start()  # a people's word after it: after a lowercase word or a comma and one space only
            people = m.group("people") is not None
            if people and (k < 2 or text[k - 1] != " " or not (text[k - 2].islower() or text[k - 2] == ",")):
                continue
            found_name = text[k : m.start("e")]
        else:
            found_name = m.group("a" if branch == 0 else "b")
        name = name_of(found_name, rules)
        if name is not None and name not in found and not any(name.lower() in t for t in terms):
            found.append(name)
    # most texts hold no "its"/"their": no search
    if "its " in text or "their " in text or "Its " in text or "Their " in text or "ITS " in text:
        for found_name in _carers(text):
            name = name_of(found_name, rules)
            if name is not None and name not in found and not any(name.lower() in t for t in terms):
                found.append(name)
    return ((ORGANISATION, tuple(found)),) if found else ()


def merged(given: Names, learned: Names) -> Names:
    """The names the user gave and those learnt from the text, the user's first; a name once."""
    if not learned:
        return given
    if not given:
        return learned
    seen = {n.lower() for _, names in given for n in names}
    extra = tuple(n for _, names in learned for n in names if n.lower() not in seen)
    return (*given, (ORGANISATION, extra)) if extra else given
