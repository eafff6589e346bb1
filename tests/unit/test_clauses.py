"""Unit tests of trustlex.matching.clauses: which negations a new clause or another hit keeps from a hit."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from trustlex.errors import LexiconError
from trustlex.lexicon import CLAUSE_KEYS, ClauseWords, Cue, load_context_file
from trustlex.matching.clauses import (
    bracket_between,
    cancelled_privatives,
    condition_closed,
    double_negation,
    negation_spent,
    new_clause_after,
    new_subject,
    pronoun_clause,
    reason_between,
    uncoordinated_list,
    unspent_cues,
)
from trustlex.matching.context import CueHit, Target
from trustlex.matching.held import held_pseudo, held_together

LEXICONS = Path(__file__).resolve().parents[2] / "lexicons"
EN, NL = (load_context_file(LEXICONS / lang / "context.toml").clauses for lang in ("en", "nl"))
# the rows below mix English and Dutch sentences: the words of both shipped files
BOTH_LANGS = ClauseWords(
    **{f.name: getattr(EN, f.name) | getattr(NL, f.name) for f in fields(ClauseWords) if f.init}
)

NEG = Cue(kind="negation", direction="preceding", max_scope=4)
POS = Cue(kind="positive", direction="following", max_scope=0)


def words_of(sentence):
    return sentence.lower().split()


@pytest.mark.parametrize(
    ("sentence", "hit", "expected"),
    [
        # a new subject with its own verb after "and": the first clause's negation stays there
        ("nobody trusts management and communication is open", (4, 5), True),
        ("nobody trusts management and the communication is open", (5, 6), True),
        ("nobody trusts hr , and support is great", (5, 6), True),
        # a conjunct of the negated phrase keeps the negation
        ("no trust and respect is shown", (3, 4), False),
        ("no trust , respect and care are given", (5, 6), False),
        ("nobody trusts management and communication", (4, 5), False),  # no verb after it
        ("nobody trusts management or communication is open", (4, 5), False),  # no clause joiner
        # the verb inside the hit: "leadership is incompetent" is one hit and a clause of its own
        ("there is no bonus , and leadership is incompetent", (6, 9), True),
        ("nobody trusts hr and open communication is valued", (4, 6), True),
        ("no trust and respect is shown", (3, 5), False),
    ],
)
def test_new_subject(sentence, hit, expected):
    words = words_of(sentence)
    negation = CueHit(0, 1, NEG)
    target = Target(hit[0], hit[1], "communication", "0")
    assert new_subject(negation, target, words, len(words), BOTH_LANGS) is expected


@pytest.mark.parametrize(
    ("sentence", "hit", "expected"),
    [
        # a row of items with no "or"/"and": the negation keeps to its own item
        ("no raises , management lies to us", (4, 5), True),
        ("no work life balance , terrible communication", (5, 7), True),
        ("geen opslag , slechte communicatie", (3, 5), True),
        # a coordinated list: the "or"/"and" after the hit, or between the comma and the hit
        ("not accurate , truthful or complete", (3, 4), False),
        ("not clean , consistent , or balanced", (3, 4), False),
        ("no server , computer or communications network", (5, 6), False),
        ("geen vertrouwen , respect of steun", (3, 4), False),
        # the "and" of another clause, after the hit's clause ended, does not count
        ("no raises , management lies . and then", (4, 5), True),
        # no comma: not a list at all
        ("no trust in management", (1, 2), False),
    ],
)
def test_uncoordinated_list(sentence, hit, expected):
    words = words_of(sentence)
    target = Target(hit[0], hit[1], "communication", "0")
    assert uncoordinated_list(CueHit(0, 1, NEG), target, words, len(words), BOTH_LANGS) is expected


def test_new_subject_needs_the_negation_before_the_hit():
    words = words_of("communication is open and nobody complains")
    assert not new_subject(CueHit(4, 5, NEG), Target(0, 1, "communication", "0"), words, len(words), EN)


def test_negation_spent_by_a_hit_across_a_joiner():
    words = words_of("nobody takes responsibility and management lies")
    negation = CueHit(0, 1, NEG)
    target = Target(5, 6, "integrity", "-")
    assert negation_spent(negation, target, [(1, 3, "responsibility")], words, EN)
    assert not negation_spent(negation, target, [], words, EN)


def test_unspent_cues_drops_only_the_kept_negation():
    words = words_of("nobody trusts management and communication is open")
    cues = [CueHit(0, 1, NEG), CueHit(5, 7, POS)]
    target = Target(4, 5, "communication", "0")
    assert unspent_cues(cues, target, [], words, len(words), EN) == [cues[1]]
    # a language without clause words gets no clause rules
    assert unspent_cues(cues, target, [], words, len(words), ClauseWords()) == cues
    # a negation that reaches its own clause stays
    target_trust = Target(1, 2, "trust", "+")
    assert unspent_cues(cues, target_trust, [], words, len(words), EN) == cues


FINAL = Cue(kind="negation", direction="following", max_scope=6)
BOTH = Cue(kind="negation", direction="both", max_scope=4)


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # a Dutch clause-final "niet" after the object is the hit's
        ("ik vertrouw de directeur en het bestuur niet", FINAL, False),
        ("ik vertrouw het management sinds de reorganisatie eigenlijk niet", FINAL, False),
        # a new clause between: a subject pronoun after the joiner, a subordinator, a verb after a comma
        ("ik vertrouw de directeur en hij komt niet", FINAL, True),
        ("ik vertrouw hem omdat hij niet liegt", FINAL, True),
        ("ik vertrouw hem , wat hij zegt niet", BOTH, True),
        # the long reach stops at another finite verb; the short two-way cue does not
        ("ik vertrouw de steun van hem is niet", FINAL, True),
        ("ik vertrouw de steun van hem is niet", BOTH, False),
        # a "niet" that opens a comma's segment is of what follows, in both reaches
        ("ik vertrouw , niet veel uitleg", FINAL, True),
        ("ik vertrouw , niet veel uitleg", BOTH, True),
        ("ik vertrouw hem , niet zijnde een onderneming .", BOTH, True),
        # unless the sentence ends with it, or one word after it: an aside before it, or an answer
        ("ik vertrouw hem , eerlijk gezegd , niet .", FINAL, False),
        ("ik vertrouw hem , niet echt .", BOTH, False),
        ("ik vertrouw hem , niet echt", BOTH, False),
        # r29: before a "niet" that ends the clause, "als" without a subject pronoun is a preposition, "dat" a
        # demonstrative; a subordinate clause puts its verb after its "niet", or opens with a pronoun
        ("ik vertrouw de gemeente als werkgever niet .", FINAL, False),
        ("ik vertrouw de gemeente als werkgever niet", FINAL, False),
        ("ik vertrouw de gemeente als werkgever niet , want ze liegen", FINAL, False),
        ("ik vertrouw dat niet .", FINAL, False),
        ("ik vertrouw hem als de directie niet luistert .", FINAL, True),
        ("ik vertrouw hem als je het vraagt niet .", FINAL, True),
        ("ik vertrouw de gemeente als werkgever niet .", BOTH, True),  # the short two-way cue keeps the rule
        # r29: beyond six words only a "niet" that closes its clause (within a word), no comma between
        ("ik vertrouw de mensen van het management team op de derde verdieping niet .", FINAL, False),
        ("ik vertrouw de mensen van het management team op de derde verdieping niet echt .", FINAL, False),
        ("ik vertrouw de mensen van het management team op de derde verdieping niet", FINAL, False),
        (
            "ik vertrouw de mensen van het management team op de derde verdieping niet minder dan jou",
            FINAL,
            True,
        ),
        ("ik vertrouw de mensen van het management team , de directie niet .", FINAL, True),
        ("ik vertrouw de mensen van het team in de stad die het niet .", FINAL, True),
        # nor over a joiner before a determiner: a subject of its own may follow (within six words as before)
        ("ik vertrouw de mensen van het team en de directie luistert niet .", FINAL, True),
        ("ik vertrouw de directeur en het bestuur niet .", FINAL, False),
    ],
)
def test_new_clause_after(sentence, cue, expected):
    words = words_of(sentence)
    negation = CueHit(words.index("niet"), words.index("niet") + 1, cue)
    assert new_clause_after(negation, Target(1, 2, "trust", "+"), words, NL, len(words)) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a hit in a clause that a subordinator opens ("om ... te"): a far "niet" is the next clause's
        (
            "een plicht om burgers te informeren over de plannen van de gemeente in de stad maakt dit niet .",
            True,
        ),
        # a main clause's hit keeps the far reach; reading back stops at a comma
        ("wij informeren de burgers over de plannen van de gemeente in de regio niet .", False),
        ("als het moet , informeren we de burgers over de plannen van de gemeente in de regio niet .", False),
    ],
)
def test_far_final_negation_of_a_subordinate_clause(sentence, expected):
    # the first "niet" is the only one; the hit is "informeren" (with "over")
    words = words_of(sentence)
    hit = words.index("informeren")
    negation = CueHit(words.index("niet"), words.index("niet") + 1, FINAL)
    target = Target(hit, hit + 2, "communication", "0")
    assert new_clause_after(negation, target, words, NL, len(words)) is expected


def test_clause_words_are_optional_and_checked(tmp_path):
    path = tmp_path / "context.toml"
    head = '[context]\nlanguage = "en"\nversion = "1.0"\n'
    path.write_text(head, encoding="utf-8")
    words = load_context_file(path).clauses
    assert not words.active
    assert words == ClauseWords()
    path.write_text(head + '[clauses]\njoiners = ["AND", ","]\nclause_verbs = ["is"]\n', encoding="utf-8")
    words = load_context_file(path).clauses
    assert words.joiners == {"and", ","}
    assert words.finite_verbs == {"is"}
    assert words.active
    for bad, key in (
        ('[clauses]\njoiner = ["and"]\n', "joiner"),
        ('[clauses]\njoiners = "and"\n', "joiners"),
        ('[clauses]\njoiners = ["and", 3]\n', "joiners"),
        ('[headings]\npraise = [""]\n', "praise"),
        ('[clause]\njoiners = ["and"]\n', "clause"),
    ):
        path.write_text(head + bad, encoding="utf-8")
        with pytest.raises(LexiconError) as info:
            load_context_file(path)
        assert info.value.field == key
        assert str(path) in str(info.value)


def test_shipped_clause_words_are_per_language():
    assert set(CLAUSE_KEYS) <= {f.name for f in fields(ClauseWords)}
    assert "en" in NL.joiners
    assert "and" not in NL.joiners
    assert "and" in EN.joiners
    assert NL.final_negations == {"niet", "nooit"}
    assert not EN.final_negations


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a fronted condition: closed by ", dan" (within two words) or opened by a subordinator at the start
        ("werkt het systeem niet , neem dan contact op", True),
        ("werkt het systeem niet , dan neem je contact op", True),
        ("als het systeem niet werkt , neem contact op", True),
        (". als het systeem niet werkt , neem contact op", True),
        # no comma, a subordinator inside the sentence (a list goes on), no consequent
        ("als het systeem niet werkt neem contact op", False),
        ("ik vind dat er geen vertrouwen , respect en contact is", False),
        ("er is geen vertrouwen , contact en respect", False),
    ],
)
def test_condition_closed(sentence, expected):
    words = words_of(sentence)
    neg = next(i for i, w in enumerate(words) if w in ("niet", "geen"))
    hit = words.index("contact")
    target = Target(hit, hit + 1, "communication", "0")
    assert condition_closed(CueHit(neg, neg + 1, NEG), target, words, len(words), NL) is expected


PSEUDO = Cue(kind="pseudo", direction="both", max_scope=0)


@pytest.mark.parametrize(
    ("sentence", "negations", "privative", "hit", "expected"),
    [
        # a negation that reaches the privative cancels it, for a hit after it
        ("the merger was not without drama", [3], 4, 5, True),
        ("you ca n't speak up without being harassed", [2], 5, 7, True),
        ("het was niet zonder risico", [2], 3, 4, True),
        # a joiner, a clause end or a line between keeps them apart
        ("no raise , and without any feedback", [0], 4, 6, False),
        ("no pay . without feedback", [0], 3, 4, False),
        # too far for the negation's scope
        ("nobody in this large team ever works without feedback", [0], 7, 8, False),
    ],
)
def test_cancelled_privatives(sentence, negations, privative, hit, expected):
    words = words_of(sentence)
    cues = [CueHit(n, n + 1, NEG) for n in negations] + [CueHit(privative, privative + 1, NEG)]
    target = Target(hit, hit + 1, "norms", "-")
    clauses = BOTH_LANGS
    spent = {id(c) for c in cues} <= cancelled_privatives(cues, target, words, clauses)
    assert spent is expected
    # the pair is dropped from the hit's cues
    left = unspent_cues(cues, target, [], words, len(words), clauses)
    assert (left == []) is expected


def test_cancelled_privatives_keeps_the_negation_of_a_hit_between():
    words = words_of("you ca n't speak up without being harassed")
    cues = [CueHit(2, 3, NEG), CueHit(5, 6, NEG)]
    target = Target(3, 5, "courage", "+")
    assert unspent_cues(cues, target, [], words, len(words), EN) == cues


@pytest.mark.parametrize(
    ("sentence", "pseudo", "hit", "kind"),
    [
        # the hit starts with the privative inside the pseudo cue: negated by the cue's head
        ("there is no lack of communication", (2, 5), (3, 6), "negation"),
        ("never a lack of transparency", (0, 4), (2, 5), "negation"),
        # the hit right after a pseudo cue that holds a privative inside: affirmed
        ("er is geen gebrek aan communicatie", (2, 5), (5, 6), "positive"),
        # a privative first ("without a doubt") or last ("niet zonder") makes no double negation
        ("without a doubt communication matters", (0, 3), (3, 4), None),
        ("het kan niet zonder overleg", (2, 4), (4, 5), None),
    ],
)
def test_double_negation(sentence, pseudo, hit, kind):
    words = words_of(sentence)
    cues = [CueHit(*pseudo, PSEUDO)]
    target = Target(*hit, "communication", "-")
    made = [c for c in double_negation(cues, target, words, BOTH_LANGS) if c.cue.kind != "pseudo"]
    assert [c.cue.kind for c in made] == ([kind] if kind else [])
    if kind == "negation":
        assert (made[0].start, made[0].end) == (pseudo[0], hit[0])
    # a language without privatives gets none
    assert double_negation(cues, target, words, ClauseWords()) == cues


VOICE = Cue(
    kind="pseudo", direction="preceding", max_scope=3, terms=("we do not share",), and_after=("your", "third")
)
ANCHOR = Cue(kind="anchor", direction="following", max_scope=3, terms=("your", "third"))


@pytest.mark.parametrize(
    ("sentence", "anchor_at", "sentence_of", "held"),
    [
        ("we do not share your data", 4, None, True),  # the policy's reader right after it
        ("we do not share data with third parties", 6, None, True),  # three words on: in scope
        ("we do not share knowledge at all , and third", 9, None, False),  # out of its scope
        ("we do not share knowledge", None, None, False),  # a survey's complaint: no and_after word
        ("we do not share . your turn", 5, [0, 0, 0, 0, 0, 1, 1], False),  # the next sentence's word
    ],
)
def test_held_pseudo_needs_an_and_after_word_after_it(sentence, anchor_at, sentence_of, held):
    words = words_of(sentence)
    pseudo, negation = CueHit(0, 4, VOICE), CueHit(2, 3, NEG)
    found = [pseudo, negation]
    if anchor_at is not None:
        found.append(CueHit(anchor_at, anchor_at + 1, ANCHOR))
    sent_of = sentence_of or [0] * len(words)
    kept = held_pseudo(found, words, sent_of)
    assert (pseudo in kept) is held
    assert negation in kept  # the negation itself is left to one_per_slot, which a kept pseudo cue covers


def test_held_pseudo_leaves_cues_without_and_after_alone():
    plain = CueHit(0, 2, Cue(kind="pseudo", direction="both", max_scope=0, terms=("no doubt",)))
    found = [plain, CueHit(0, 1, NEG)]
    assert held_pseudo(found, ["no", "doubt"], [0, 0]) is found


VOICE_VERBS = Cue(
    kind="pseudo",
    direction="preceding",
    max_scope=3,
    terms=("we do not share", "we do not sell", "we do not rent"),
    and_after=("your", "third"),
)


@pytest.mark.parametrize(
    ("sentence", "anchor_at", "held"),
    [
        # r19: a list of the cue's own verbs goes on after it; its scope is read from the list's end
        ("we do not share , sell , or rent the data of third", 12, True),
        ("we do not share or sell the data of third", 9, True),
        # a verb of no phrase of the cue ends the list: the reader's word is out of scope again
        ("we do not share , discuss or plan the data of third", 12, False),
        ("we do not share knowledge , sell or rent the data of third", 13, False),
    ],
)
def test_held_pseudo_reads_its_scope_after_a_list_of_its_verbs(sentence, anchor_at, held):
    words = words_of(sentence)
    pseudo = CueHit(0, 4, VOICE_VERBS)
    found = [pseudo, CueHit(2, 3, NEG), CueHit(anchor_at, anchor_at + 1, ANCHOR)]
    assert (pseudo in held_pseudo(found, words, [0] * len(words))) is held


@pytest.mark.parametrize(
    ("sentence", "negation", "hit", "expected"),
    [
        # r19: a phrase of reason after the negation opens what the negation does not reach
        ("i never say anything for fear of retaliation", (1, 2), (5, 8), True),
        ("ik durf mijn mening niet te geven uit angst voor represailles", (4, 5), (8, 11), True),
        ("collega's zeggen niets uit angst voor represailles", (2, 3), (4, 7), True),
        ("no trust due to poor communication", (0, 1), (5, 6), True),
        # the objects of the negated verb stay in its scope; a reason before the negation is no bar
        ("they don't care about work ethic", (2, 3), (5, 7), False),
        ("out of fear they do not speak up", (5, 6), (6, 8), False),
        ("for fear of retaliation nobody speaks up", (4, 5), (5, 7), False),
    ],
)
def test_reason_between(sentence, negation, hit, expected):
    words = words_of(sentence.replace("don't", "do n't"))
    target = Target(*hit, "courage", "-")
    assert reason_between(CueHit(*negation, NEG), target, words, BOTH_LANGS) is expected


LEGAL_NOUN = Cue(
    kind="mention", direction="both", max_scope=12, terms=("vergunning",), in_sentence_with=("artikel",)
)
LEGAL_ANCHOR = Cue(kind="anchor", direction="following", max_scope=12, terms=("artikel",))


@pytest.mark.parametrize(
    ("sentence", "anchor_at", "sentence_of", "held"),
    [
        # r19: the legal frame's noun counts only with legal prose in its sentence
        ("geen vergunning als bedoeld in artikel 5", 5, None, True),
        ("in artikel 5 : geen vergunning", 1, None, True),  # before it, too
        ("ik krijg geen vergunning", None, None, False),  # a citizen's words
        # the word of another sentence
        ("zie artikel 5 . ik krijg geen vergunning", 1, [0, 0, 0, 0, 1, 1, 1, 1], False),
    ],
)
def test_held_together_needs_a_word_in_its_sentence(sentence, anchor_at, sentence_of, held):
    words = words_of(sentence)
    at = words.index("vergunning")
    noun = CueHit(at, at + 1, LEGAL_NOUN)
    found = [noun]
    if anchor_at is not None:
        found.append(CueHit(anchor_at, anchor_at + 1, LEGAL_ANCHOR))
    found.sort(key=lambda c: c.start)
    kept = held_together(found, words, sentence_of or [0] * len(words))
    assert (noun in kept) is held


def test_held_together_leaves_other_cues_alone():
    found = [CueHit(0, 1, NEG)]
    assert held_together(found, ["geen"], [0]) is found


@pytest.mark.parametrize(
    ("sentence", "negation", "hit", "expected"),
    [
        # r19: the hit in an aside, the negation after its closing bracket
        ("karakters plat ( door hun gedrag ) en de dialogen niet realistisch", (10, 11), (5, 6), True),
        # the hit after an opening bracket, the negation before it outside
        ("no raises ( the communication is good )", (0, 1), (4, 5), True),
        # a bracket closed between them, or one that goes on with a list, is no aside
        ("management is not ( fully ) transparent", (2, 3), (6, 7), False),
        ("it was n't consistent ( or enforced ? )", (2, 3), (6, 7), False),
        ("de communicatie ( intern ) is niet goed", (6, 7), (1, 2), False),
    ],
)
def test_bracket_between(sentence, negation, hit, expected):
    words = words_of(sentence)
    target = Target(*hit, "norms", "0")
    assert bracket_between(CueHit(*negation, NEG), target, words, BOTH_LANGS) is expected


@pytest.mark.parametrize(
    ("sentence", "negation", "hit", "expected"),
    [
        # r23: a subject pronoun right after a joiner opens a clause of its own
        ("do not speak up or they will fire you", (1, 2), (6, 9), True),
        ("you cannot say anything or you get fired", (1, 2), (6, 8), True),
        ("nobody listens and we are ignored", (0, 1), (5, 6), True),
        ("without change , you risk exposure", (0, 1), (4, 5), True),
        # the pronoun may be the hit's first word
        ("no raises and they lie", (0, 1), (3, 5), True),
        # a list under the negation has no pronoun to open a clause; a pronoun as an object is no joiner's
        ("we have no trust or respect for management", (2, 3), (5, 6), False),
        ("they do not care about you or your career", (2, 3), (7, 9), False),
        # the negation after the pronoun is its clause's own
        ("they fire you or they do not care", (5, 6), (6, 7), False),
    ],
)
def test_pronoun_clause(sentence, negation, hit, expected):
    target = Target(*hit, "vulnerability", "-")
    assert pronoun_clause(CueHit(*negation, NEG), target, words_of(sentence), EN) is expected
