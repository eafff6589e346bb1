"""Entries rewritten so that no costly anchor word runs them (speed, issue 17).

A ``pattern`` entry is run near its rarest required word; one whose tokens are
all common words ("not", "no", "management", "culture", "team") was tested at
nearly every review sentence. Pattern entries of literal words whose only
operators were ``{0,n}`` now write that token as n ``?`` tokens, and the
have-no-clue entry is split in two (without and with adverbs, ``-b``): both
run as plain sequences, which cost one look-up of the next word. The tests
hold the rewritten entries to what they matched before: the examples of their
old forms, spaCy's Matcher on the old patterns, and no place among the
anchored patterns.
"""

from __future__ import annotations

import pytest
from shipped import shipped_lexicons
from spacy.matcher import Matcher

from trustlex.matching.patterns import pattern_variants

# the rewritten entries and the examples their old forms carried
OLD_EXAMPLES = {
    "en:ability:pattern:leadership-really-{0,2}-have-no-a-{1,3}": (
        "Upper management has no idea how the stores work.",
        "Cons: people who know nothing about the actual work get promoted.",
        "Corporate has no understanding of the field.",
    ),
    "en:ability:pattern:leadership-team-is-very-{0,2}-great": (
        "The leadership team is excellent.",
        "Pros: benefits are great and management team is amazing.",
    ),
    "en:ability:pattern:leadership-team-is-very-{0,2}-horrible": (
        "The senior leadership team is completely disorganized.",
    ),
    "en:ability:pattern:management-really-{0,2}-suck": ("Cons: management sucks.",),
    "en:ability:pattern:weaker-upper-{0,2}-leadership": (
        "Great corporate mission, but weaker senior leadership.",
        "Inadequate management at every level.",
    ),
    "en:ability:r6B:know-nothing-about": (
        "People who know nothing about actual work get promoted.",
        "The new director knows very little about the industry.",
    ),
    "en:benevolence:pattern:are-not-feel-{0,2}-valued": (
        "Hard working employees are not valued.",
        "We don't feel appreciated at all.",
        "Night staff don't get respected.",
        "Extra effort is not at all recognized by leadership.",
    ),
    "en:benevolence:pattern:concern-for-the-{0,2}-employees": (
        "He shows real empathy for the team.",
        "There is zero concern for their families.",
        "Lack of consideration for personal time.",
    ),
    "en:benevolence:pattern:do-not-really-{0,2}-respect-you-employees-?": (
        "They do not respect you and will go silent on you.",
    ),
    "en:benevolence:pattern:do-not-really-{0,2}-support-their-?-staff": (
        "Cons: upper management does not support staff.",
        "HR will never help employees when there is a problem.",
    ),
    "en:benevolence:pattern:fight-up-{0,2}-for-their-people": (
        "Our managers fight for their people.",
        "She goes to bat for her team.",
    ),
    "en:benevolence:pattern:invest-in-its-{0,2}-people": (
        "The company invests in its people.",
        "Leadership is invested in your success.",
        "They don't invest in their employees.",
    ),
    "en:benevolence:pattern:like-a-{0,2}-big-?-family": (
        "It's one big family here.",
        "My team feels like a second family.",
        "Coworkers treat you like a family.",
    ),
    "en:benevolence:pattern:manager-will-{0,2}-yell": (
        "My manager would yell at us in front of customers.",
        "Supervisors constantly berate new hires.",
    ),
    "en:benevolence:pattern:not-feel-{0,2}-valued": (
        "Cons: was micromanaged and not valued.",
        "Staff never feel appreciated.",
    ),
    "en:benevolence:pattern:only-cares-?-for-{0,2}-themselves": (
        "Everyone only cares for themselves.",
        "Everyone is out for themselves and management is intimidated.",
        "Management is only interested in themselves.",
    ),
    "en:benevolence:r21:appreciated-by-leadership": (
        "It's what is expected and not at all recognized or appreciated by leadership.",
        "My input was valued by the executives.",
    ),
    "en:benevolence:r21:get-recognition": (
        "Never get any recognition or thanks for consistent job well done.",
        "Cons: You won't get the recognition you deserve.",
    ),
    "en:benevolence:r21:managers-care": (
        "Pros: Managers care, good teamwork, access to supplies.",
        "Pros: Company cares, good management, great benefits.",
        "They seem to care (as much as large corporations can).",
    ),
    "en:benevolence:r22:no-one-wants-to-help": (
        "-No one wants to help you, everyone is only worried about looking good for themselves",
    ),
    "en:benevolence:r5A:ignore-needs": (
        "Management ignores our concerns.",
        "They neglect the needs of residents.",
    ),
    "en:communication:pattern:ignore-our-{0,3}-feedback": (
        "Leadership ignores employee feedback.",
        "They dismissed my concerns.",
        "They ignore all the concerns raised by staff.",
    ),
    "en:communication:r19:can-talk-to": (
        "I can always talk to my manager about anything.",
        "You can speak with upper management openly.",
    ),
    "en:communication:r19:cant-talk-to": ("You can't talk to anyone in upper management.",),
    "en:communication:r19:hard-to-find-information": (
        "Sometimes difficult to find answers internally.",
        "It is hard to get clear information on the city website.",
    ),
    "en:communication:r27:access-to-leaders": (
        "There is real access to senior leadership.",
        "Access to leaders along with visibility to them gives the place a small company feel.",
    ),
    "en:communication:r27:leaders-not-available": (
        "Cons: supervisors not available always in meeting",
        "Management is never available.",
    ),
    "en:communication:r7B:better-communication-wanted": (
        "Cons: a little bit better communication from the higher ups.",
        "Better communication with the property tax office.",
        "Leadership should improve communication across teams.",
    ),
    "en:communication:r7B:input-not-valued": (
        "Your input is not valued.",
        "Our voice and opinions are not valued by management.",
        "Concerns are never really addressed.",
    ),
    "en:control:pattern:no-of-{0,2}-process": (
        "Cons: Lack of processes and weak leaders.",
        "There is no clear process for anything.",
        "Zero structure.",
    ),
    "en:control:r24b:push-rto": (
        "We went from a 100% remote company to a 100% RTO model in less than 3 days.",
        "Leadership is forcing full time RTO.",
    ),
    "en:discipline:pattern:goal-posts-{0,2}-moving": (
        "Bonus targets always move.",
        "The target keeps moving.",
    ),
    "en:discipline:pattern:he-is-not-very-{0,2}-consistent": ("They are not very consistent.",),
    "en:discipline:pattern:he-is-very-{0,2}-consistent": (
        "My manager is consistent.",
        "Leadership is always very consistent.",
    ),
    "en:integrity:r22b:push-out-older": (
        "They are always looking for ways to force out older employees.",
        "The plant openly lays off older workers.",
        "The company now seems interested in culling out older employees for young ones.",
    ),
    "en:norms:pattern:caring---{0,2}-culture": (
        "Pros: caring culture and good pay.",
        "A family-like culture where people help each other.",
        "A real feedback culture.",
    ),
    "en:norms:pattern:change-the-{0,2}-culture": (
        "The quality team has tried to change the culture.",
        "Leadership needs to fix the culture.",
    ),
    "en:norms:pattern:model-the-{0,2}-behavior": (
        "Managers model the behavior they expect.",
        "Leaders demonstrate our core values every day.",
    ),
    "en:vulnerability:pattern:hard-to-find-a-{0,2}-time-?-job": (
        "Once contracts end it is difficult to find new work.",
        "It is hard to find a job here that pays rent.",
    ),
    "en:vulnerability:r21:will-let-you-go": (
        "They will let you go when they didn't make expected profits.",
        "Even if you close to retirement they will let you go.",
        "They may let you go because of your productivity.",
    ),
    "en:vulnerability:r22b:replaced-by-cheaper": (
        "You're probably gonna be replaced by AI",
        "Replaces U.S workers with overseas workers",
        "They were replaced by underlings who worked cheap.",
    ),
    "nl:communication:r11:horen-nooit-iets": (
        "We horen nooit iets van de directie.",
        "Ik hoorde niets meer van de klantenservice.",
    ),
    "nl:communication:r15:voor-vragen": (
        "Voor vragen kunt u terecht bij de helpdesk.",
        "Met vragen over deze circulaire kunt u zich wenden tot de afdeling.",
    ),
    "nl:control:r21:informeert-toezichthouder": (
        "De medewerkers informeren de inspecteur-generaal onverwijld indien zich een situatie voordoet.",
        "Het zbo informeert de minister bij voorgestelde tariefwijzigingen.",
    ),
    "nl:vulnerability:r11:wordt-me-te-veel": (
        "Het wordt me allemaal te veel.",
        "Het werk werd haar even te zwaar.",
    ),
    "nl:vulnerability:r15:niet-meer-aan": ("Ik kan het werk niet meer aan.",),
}
# the anchor words of most anchored-pattern tests in 150,000 words of Glassdoor reviews (round 29
# count): none of the rewritten entries may be filed under one of them
COMMON = (
    "not", "no", "management", "culture", "life", "there", "balance", "team", "leadership", "hours",
    "hard", "experience", "office", "go", "off", "change", "managers", "bad", "day", "training", "care",
    "nice", "days", "low", "manager", "how", "support", "over", "always", "if", "lot", "company", "job",
)  # fmt: skip
CLUE = "en:ability:pattern:leadership-really-{0,2}-have-no-a-{1,3}"


def _old_clue(split):
    """The have-no-clue pattern before it was split, rebuilt from its '-b' half's tokens."""
    subject, adverb, _, have, negation, clue, _, _ = split
    bare = {k: v for k, v in adverb.items() if k != "OP"}
    words = {k: v for k, v in clue.items() if k != "OP"}
    return [subject, {**bare, "OP": "{0,2}"}, have, negation, {**words, "OP": "{1,3}"}]


CLUE_TEXTS = [
    "Upper management has no idea how the stores work.",
    "Management really has no clue what we do.",
    "Managers who just simply know nothing about the real work.",
    "They still have not the slightest idea about it.",
    "HR has no a clue",
    "The ceo truly also seems to have no idea.",
    "I have no idea what management wants.",
]


def _entries(lang):
    return {e.id: e for lex in shipped_lexicons() if lex.language == lang for e in lex.entries}


def _base(entry_id):
    return entry_id[:-2] if entry_id.endswith("-b") else entry_id


def _rewritten(lang):
    return sorted(i for i, e in _entries(lang).items() if "(speed, issue 17)" in (e.note or ""))


CASES = [(i[:2], i, text) for i, texts in OLD_EXAMPLES.items() for text in texts]


def test_the_rewritten_entries_are_the_listed_ones():
    assert sorted({_base(i) for lang in ("en", "nl") for i in _rewritten(lang)}) == sorted(OLD_EXAMPLES)
    assert f"{CLUE}-b" in _entries("en")


@pytest.mark.parametrize(("lang", "entry_id", "text"), CASES, ids=[f"{i}|{t[:30]}" for _, i, t in CASES])
def test_old_examples_still_match_the_rewritten_entry(shipped_nlp, lang, entry_id, text):
    nlp = shipped_nlp[lang]
    doc = nlp(text)
    matched = {_base(e.id) for _, _, e in nlp.get_pipe("trustlex").engine.candidates(doc)}
    assert entry_id in matched


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_rewritten_entries_run_as_sequences_not_under_a_common_anchor(shipped_nlp, lang):
    index = shipped_nlp[lang].get_pipe("trustlex").engine.index
    rewritten = set(_rewritten(lang))
    assert rewritten
    positions = {i for i, e in enumerate(index.entries) if e.id in rewritten}
    assert len(positions) == len(rewritten)
    for i in positions:
        assert pattern_variants(index.entries[i].value) is not None, index.entries[i].id
    for key, idxs in index.key_patterns.items():
        assert positions.isdisjoint(idxs), key
    common = [f"{k}:{w}" for w in COMMON for k in "LM"]
    assert not positions & {i for k in common for i in index.key_patterns.get(k, ())}


def test_split_have_no_clue_entries_match_the_spans_of_the_old_pattern(shipped_nlp):
    nlp = shipped_nlp["en"]
    old = Matcher(nlp.vocab)
    entries = _entries("en")
    old.add("old", [_old_clue(entries[f"{CLUE}-b"].value)])
    new = Matcher(nlp.vocab)
    new.add("new", [entries[CLUE].value, entries[f"{CLUE}-b"].value])
    engine = nlp.get_pipe("trustlex").engine
    for text in CLUE_TEXTS:
        doc = nlp(text)
        spans = {(s, e) for _, s, e in old(doc)}
        assert spans == {(s, e) for _, s, e in new(doc)}, text
        found = {(s, e) for s, e, x in engine.candidates(doc) if _base(x.id) == CLUE}
        assert found == spans, text  # before the entry's exclusions: raw matches
