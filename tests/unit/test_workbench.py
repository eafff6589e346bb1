"""The lexicon workbench: every ``lexicon check`` problem kind, the audit and the reliability figures."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from trustlex.errors import LexiconError, TrustlexError
from trustlex.evaluate import read_gold
from trustlex.lexicon import load_context_file
from trustlex.lexicon.resources import lexicon_dir
from trustlex.workbench import PROBLEM_KINDS, audit, check_lexicons, reliability

HEADER = '[lexicon]\nname = "test"\nlanguage = "en"\nversion = "1"\n\n'


def write(tmp_path: Path, body: str, name: str = "test.toml") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def only(problems, kind):
    found = [p for p in problems if p.kind == kind]
    assert found, f"no {kind} problem in {[str(p) for p in problems]}"
    return found


def test_shipped_lexicons_are_clean():
    # the shipped lexicons are the reference: CI runs the same command on them
    problems = check_lexicons([lexicon_dir() / "nl", lexicon_dir() / "en"])
    assert problems == [], "\n".join(map(str, problems))


def test_schema_problem_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "trust"\nweight = -1\n')
    (problem,) = check_lexicons([path])
    assert problem.kind == "schema"
    assert (problem.path, problem.line) == (str(path), line_of(path, "weight"))
    assert "weight" in problem.message


def test_every_broken_entry_of_a_file_is_named_in_one_run(tmp_path):
    body = "".join(
        f'[[entry]]\nconcept = "{c}"\nvalence = "{v}"\nterm = "{t}"\n{extra}\n'
        for c, v, t, extra in [
            ("trust", "+", "faith in", ""),
            ("trusst", "+", "reliance", ""),
            ("trust", "positive", "confide", ""),
            ("trust", "+", "confident", "weight = -1"),
            ("trust", "+", "faith in", ""),  # the first entry's id again
        ]
    )
    path = write(tmp_path, body)
    problems = check_lexicons([path])
    lines = path.read_text().splitlines()
    last_entry = len(lines) - lines[::-1].index("[[entry]]")
    # before, only the first (the unknown concept) was named: fix, run again, three times over
    assert [(p.line, p.kind) for p in problems] == [
        (line_of(path, "trusst"), "unknown-concept"),
        (line_of(path, "positive"), "schema"),
        (line_of(path, "weight = -1"), "schema"),
        (last_entry, "schema"),
    ]
    assert "duplicate id" in problems[-1].message
    from trustlex.errors import LexiconError
    from trustlex.lexicon import load_lexicon_file

    with pytest.raises(LexiconError, match="trusst"):  # loading still stops at the first
        load_lexicon_file(path)


def test_unknown_concept(tmp_path):
    path = write(tmp_path, '[[entry]]\nconcept = "trusst"\nvalence = "+"\nterm = "trust"\n')
    (problem,) = only(check_lexicons([path]), "unknown-concept")
    assert problem.line == line_of(path, "trusst")
    assert "'trusst'" in problem.message


def test_bad_context_file_is_a_schema_problem(tmp_path):
    path = tmp_path / "context.toml"
    path.write_text(
        '[context]\nlanguage = "en"\nversion = "1"\n\n[[cue]]\nkind = "negashun"\nterms = ["not"]\n'
    )
    (problem,) = check_lexicons([path])
    assert problem.kind == "schema"
    assert problem.line == 6


def test_duplicate_across_files(tmp_path):
    entry = '[[entry]]\nconcept = "trust"\nvalence = "{}"\nterm = "Trust"\n'
    first = write(tmp_path, entry.format("+"), "a.toml")
    second = write(tmp_path, entry.format("-"), "b.toml")
    (problem,) = only(check_lexicons([first, second]), "duplicate")
    assert problem.path == str(second)
    assert f"{first}:" in problem.message
    assert "valence +" in problem.message
    # the repeat has the first's id too, so --lexicon refuses the two files together: the message says so
    assert "both have the id 'en:trust:term:trust'" in problem.message
    assert "loading the files together is refused" in problem.message


def test_id_of_an_entry_in_another_file(tmp_path):
    # files checked together are loaded together: one id must name one entry among them
    first = write(tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "faith"\n', "a.toml")
    body = '[[entry]]\nid = "en:trust:term:faith"\nconcept = "trust"\nvalence = "-"\nterm = "gaslighting"\n'
    second = write(tmp_path, body, "b.toml")
    (problem,) = check_lexicons([first, second])
    assert (problem.path, problem.line, problem.kind) == (str(second), 6, "schema")
    assert f"'en:trust:term:faith' is already the id of an entry at {first}:6" in problem.message


REFERENTS = '[referents]\nlanguage = "en"\nversion = "1"\n\n'


def test_a_referent_file_is_known_by_its_table_not_its_name(tmp_path):
    # docs/valence.md names a user's taxonomy my-referents.toml, and the component loads it
    path = tmp_path / "my-referents.toml"
    path.write_text(REFERENTS + '[[referent]]\nid = "union"\nterms = ["the union", "works council"]\n')
    assert check_lexicons([path]) == []
    path.write_text(REFERENTS + '[[referent]]\nid = "union"\nterm = ["the union"]\n')
    (problem,) = check_lexicons([path])
    assert (problem.kind, problem.line) == ("schema", line_of(path, "term ="))
    assert "unknown field 'term'" in problem.message


def test_every_broken_cue_of_a_context_file_is_named_in_one_run(tmp_path):
    cues = [
        'kind = "negation"\nterms = ["not"]',
        'kind = "negashun"\nterms = ["never"]',
        'kind = "negation"\ndirection = "sideways"\nterms = ["no"]',
        'kind = "hedge"\nterms = ["maybe"]',
        'kind = "negation"\nmax_scope = -1\nterms = ["hardly"]',
    ]
    path = tmp_path / "my-cues.toml"  # known by its [context] table, not its name
    path.write_text(
        '[context]\nlanguage = "en"\nversion = "1"\n\n' + "".join(f"[[cue]]\n{c}\n\n" for c in cues)
    )
    problems = check_lexicons([path])
    assert [(p.line, p.kind) for p in problems] == [
        (line_of(path, "negashun"), "schema"),
        (line_of(path, "sideways"), "schema"),
        (line_of(path, "max_scope"), "schema"),
    ]
    assert [p.message.split(":")[0] for p in problems] == ["cue 2", "cue 3", "cue 5"]
    # scoring still refuses the file at its first problem
    with pytest.raises(LexiconError, match="cue 2: 'kind' must be one of"):
        load_context_file(path)


def test_every_broken_referent_table_is_named_in_one_run(tmp_path):
    tables = [("Union Reps", "terms"), ("none", "terms"), ("union", "terms"), ("x", "term")]
    body = "".join(
        f'[[referent]]\nid = "{rid}"\n{field} = ["w{i}"]\n\n' for i, (rid, field) in enumerate(tables)
    )
    path = tmp_path / "referents.toml"
    path.write_text(REFERENTS + body)
    problems = check_lexicons([path])
    assert [(p.line, p.kind) for p in problems] == [
        (line_of(path, "Union Reps"), "schema"),
        (line_of(path, '"none"'), "schema"),
        (line_of(path, "term = "), "schema"),
    ]
    assert "'Union Reps'" in problems[0].message
    assert "'none'" in problems[1].message


def test_a_liwc_file_is_not_read_as_toml(tmp_path):
    path = tmp_path / "ours.dic"
    path.write_text("%\n1\ttrust\n%\nvertrouw*\t1\n")
    (problem,) = check_lexicons([path])
    assert "invalid TOML" not in problem.message
    assert "LIWC .dic" in problem.message
    assert "trustlex lexicon import ours.dic --to ours.toml" in problem.message


def test_shadowed_term(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nlemma = "trust"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "0"\nterm = "trust"\nweight = 0.5\n',
    )
    (problem,) = only(check_lexicons([path]), "shadowed")
    assert problem.line == line_of(path, 'term = "trust"')
    assert "en:trust:lemma:trust" in problem.message


def test_a_lemma_that_wins_elsewhere_is_not_shadowed(tmp_path):
    # the term wins "follow through", but the lemma also matches "followed through"
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "discipline"\nvalence = "+"\nterm = "follow through"\n\n'
        '[[entry]]\nconcept = "discipline"\nvalence = "+"\nlemma = "follow through"\n',
    )
    assert not [p for p in check_lexicons([path]) if p.kind == "shadowed"]


def test_never_matches_a_term_the_tokenizer_splits(tmp_path):
    path = write(tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "-"\nterm = "can\'t be trusted"\n')
    (problem,) = only(check_lexicons([path]), "never-matches")
    assert 'reads it as "ca n\'t be trusted"' in problem.message
    assert problem.line == line_of(path, "term")
    fixed = write(
        tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "-"\nterm = "ca n\'t be trusted"\n', "ok.toml"
    )
    assert check_lexicons([fixed]) == []


def test_never_matches_capitals_in_lower(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "control"\nvalence = "0"\n'
        'pattern = [{LOWER = {IN = ["Europese", "strikte"]}}, {LOWER = "regels"}]\n',
    )
    (problem,) = only(check_lexicons([path]), "never-matches")
    assert "'Europese'" in problem.message
    assert "strikte" not in problem.message


def test_broad_wildcard(tmp_path):
    path = write(tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "0"\nwildcard = "*ever*"\n')
    (problem,) = only(check_lexicons([path]), "broad-wildcard")
    assert "however" in problem.message or "never" in problem.message
    assert problem.line == line_of(path, "wildcard")


def test_broad_single_token_regex_pattern(tmp_path):
    path = write(
        tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "0"\npattern = [{LOWER = {REGEX = "^th"}}]\n'
    )
    (problem,) = only(check_lexicons([path]), "broad-wildcard")
    assert "the" in problem.message


def test_dead_exclusion(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "communication"\nvalence = "0"\nterm = "communication"\n'
        'exclude = ["communications act", "communication skills"]\n',
    )
    (problem,) = only(check_lexicons([path]), "dead-exclusion")
    assert "'communications act'" in problem.message  # "communication skills" can apply
    assert problem.line == line_of(path, "exclude")


def test_exclusion_that_overlaps_part_of_a_pattern_is_alive(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "trust"\nvalence = "+"\npattern = [{LOWER = "i"}, {LOWER = "trust"}]\n'
        'exclude = ["trust fund"]\n',
    )
    assert not [p for p in check_lexicons([path]) if p.kind == "dead-exclusion"]


def test_example_not_firing(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "trust"\nexample = "They rely on us."\n',
    )
    (problem,) = only(check_lexicons([path]), "example-not-firing")
    assert problem.line == line_of(path, "example")
    assert "They rely on us." in problem.message


def test_counter_example_fires(tmp_path):
    path = write(
        tmp_path,
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "trust"\ncounter_example = "A trust fund."\n',
    )
    (problem,) = only(check_lexicons([path]), "counter-example-fires")
    assert problem.line == line_of(path, "counter_example")


def test_unanchored_pattern(tmp_path):
    body = (
        '[[entry]]\nconcept = "trust"\nvalence = "0"\n'
        'pattern = [{LOWER = {REGEX = "^vertrouwens(band|relatie)"}}]\n'
        '\n[[entry]]\nconcept = "trust"\nvalence = "0"\n'
        'pattern = [{LOWER = {IN = ["vertrouwensband", "vertrouwensrelatie"]}}]\n'
    )
    path = write(tmp_path, body)
    (problem,) = only(check_lexicons([path]), "unanchored-pattern")
    assert problem.line == line_of(path, "pattern")  # the first entry's, not the spelled-out one's
    assert "IN list" in problem.message


def test_every_kind_is_tested():
    tested = {
        "schema",
        "unknown-concept",
        "duplicate",
        "shadowed",
        "never-matches",
        "broad-wildcard",
        "unanchored-pattern",
        "dead-exclusion",
        "example-not-firing",
        "counter-example-fires",
    }
    assert tested == set(PROBLEM_KINDS)


def test_cli_exit_status_and_lines(tmp_path):
    bad = write(tmp_path, '[[entry]]\nconcept = "trust"\nvalence = "0"\nwildcard = "*ever*"\n')
    run = [sys.executable, "-m", "trustlex", "lexicon", "check"]
    result = subprocess.run([*run, str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{bad}:{line_of(bad, 'wildcard')}: broad-wildcard: ")
    ignored = subprocess.run(
        [*run, str(bad), "--ignore", "broad-wildcard"], capture_output=True, text=True, check=False
    )
    assert ignored.returncode == 0, ignored.stdout + ignored.stderr
    missing = subprocess.run([*run, str(tmp_path / "nope.toml")], capture_output=True, text=True, check=False)
    assert missing.returncode == 2


# -- audit -----------------------------------------------------------------------------------


@pytest.fixture
def two_entries(tmp_path):
    return write(
        tmp_path,
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "zebra"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "giraffe"\n\n'
        '[[entry]]\nconcept = "trust"\nvalence = "+"\nterm = "okapi"\n',
    )


def test_audit_counts_and_contexts(two_entries):
    texts = ["A zebra. Another zebra here.", "The giraffe ran.", "Nothing at all."]
    frame = audit(texts, lang="en", lexicons=[str(two_entries)], samples=2).set_index("entry")
    assert frame.loc["en:trust:term:zebra", "fires"] == 2
    assert frame.loc["en:trust:term:zebra", "units"] == 1
    assert frame.loc["en:trust:term:okapi", "fires"] == 0  # dead entries are listed
    assert frame.loc["en:trust:term:giraffe", "contexts"] == ["The [giraffe] ran."]
    assert list(frame.index[:1]) == ["en:trust:term:zebra"]  # most firings first


def test_audit_with_gold_ranks_harm(tmp_path, two_entries):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"text": "A zebra trusts.", "lang": "en", "labels": {"trust": "+"}},
        {"text": "A zebra grazes.", "lang": "en", "labels": {}},
        {"text": "The giraffe ran.", "lang": "en", "labels": {}},
        {"text": "The giraffe ran again.", "lang": "en", "labels": {}},
        {"text": "A zebra and a giraffe.", "lang": "en", "labels": {"trust": "+"}},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows))
    frame = audit(read_gold(gold), lexicons=[str(two_entries)])
    top = frame.iloc[0]
    assert top["entry"] == "en:trust:term:giraffe"  # two false alarms, no true hit of its own
    assert (top["true"], top["false"], top["decisive_fp"]) == (1, 2, 2)
    # without giraffe: tp 2, fp 1, fn 0 -> 0.8; with it: tp 2, fp 3 -> 4/7
    assert top["f1_gain_if_removed"] == pytest.approx(0.8 - 4 / 7)
    zebra = frame.set_index("entry").loc["en:trust:term:zebra"]
    assert zebra["precision"] == pytest.approx(2 / 3)
    assert zebra["decisive_tp"] == 1  # the last text keeps trust through the giraffe


def test_audit_cli_on_gold(tmp_path, two_entries):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "The giraffe ran.", "lang": "en", "labels": {}}) + "\n")
    out = tmp_path / "audit.csv"
    cmd = [sys.executable, "-m", "trustlex", "lexicon", "audit", str(gold)]
    result = subprocess.run(
        [*cmd, "--lexicon", str(two_entries), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "f1_gain_if_removed" in result.stdout
    assert "en:trust:term:giraffe: The [giraffe] ran." in result.stdout
    assert out.read_text().count("\n") == 4  # header and three entries


def test_audit_says_which_texts_no_lexicon_given_covers(tmp_path, two_entries):
    # an English lexicon on gold with Dutch units: the Dutch are left out, and the user is told
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"text": "The giraffe ran.", "lang": "en", "labels": {}},
        {"text": "De giraf rende.", "lang": "nl", "labels": {"trust": "+"}},
        {"text": "Een zebra.", "lang": "nl", "labels": {}},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    with pytest.warns(UserWarning, match=r"2 nl text\(s\) left out: none of the lexicons given is for 'nl'"):
        audit(read_gold(gold), lexicons=[str(two_entries)])
    result = subprocess.run(
        [sys.executable, "-m", "trustlex", "lexicon", "audit", str(gold), "--lexicon", str(two_entries)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning: 2 nl text(s) left out" in result.stderr
    assert "UserWarning" not in result.stderr  # a line for a user, not Python's display


# -- reliability -----------------------------------------------------------------------------


def test_reliability_matches_hand_computed_alpha(two_entries):
    # items (zebra, giraffe) per document: (1,1) (0,0) (1,1) (0,1)
    texts = ["zebra giraffe", "nothing", "zebra giraffe", "giraffe"]
    row = reliability(texts, lang="en", lexicons=[str(two_entries)]).iloc[0]
    assert (row["entries"], row["entries_used"], row["units"]) == (3, 2, 4)
    # item variances .25 + .1875, total variance .6875: alpha = 2 * (1 - .4375 / .6875)
    assert row["alpha"] == pytest.approx(2 * (1 - 0.4375 / 0.6875))
    assert row["kr20"] == pytest.approx(row["alpha"])  # 0/1 items
    r = 0.125 / (0.5 * math.sqrt(0.1875))
    assert row["mean_r"] == pytest.approx(r)
    assert row["alpha_std"] == pytest.approx(2 * r / (1 + r))


def test_reliability_counts_differ_from_presence(two_entries):
    texts = ["zebra zebra zebra giraffe", "nothing", "zebra giraffe", "giraffe"]
    row = reliability(texts, lang="en", lexicons=[str(two_entries)]).iloc[0]
    assert row["alpha"] != pytest.approx(row["kr20"])


def test_reliability_per_sentence(two_entries):
    texts = ["A zebra. A giraffe.", "A zebra and a giraffe."]
    row = reliability(texts, lang="en", lexicons=[str(two_entries)], unit="sentence").iloc[0]
    assert row["units"] == 3
    with pytest.raises(TrustlexError, match="unit"):
        reliability(texts, lang="en", unit="paragraph")


def test_a_wildcard_the_tokenizer_splits_never_matches(tmp_path):
    # a wildcard is one token: English splits "all-hands" at its hyphen, so "all-hands*" can never fire
    body = (
        '[[entry]]\nconcept = "communication"\nvalence = "0"\nwildcard = "all-hands*"\n\n'
        '[[entry]]\nconcept = "communication"\nvalence = "0"\nwildcard = "townhall*"\n'
    )
    path = write(tmp_path, body)
    (problem,) = only(check_lexicons([path]), "never-matches")
    assert problem.line == 9
    assert "reads 'all-hands' as 'all - hands'" in problem.message
