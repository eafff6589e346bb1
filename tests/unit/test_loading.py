"""Loading faster changes no token and no score: the one-build tokenizer, the model without scikit-learn."""

import json
import subprocess
import sys

import pytest
import spacy

from trustlex.lang.tokenizer import blank, fast_tokenizer

AWKWARD = {
    "nl": [
        "Dhr. J. de Vries m.b.t. art. 5 lid 2 (zie www.overheid.nl/wet?id=3&x=4) schreef: 't Is m'n keer.",
        "Z'n auto's, risico\u2019s en CAO's: 1.250,50 euro / 3,5% - ca. 10 st. d.w.z. NIET OK!! Zo'n pc...",
        "Het e-mailadres info@bol.com, 2024-01-05 om 14:30u; BV. ART. 3 HR. de Minister v. BZK, o.a.",
        "KPN's diensten 's avonds in 's-Hertogenbosch: m\u2019n z\u2019n d'r -Slecht (Stb. 2019, 123).",
    ],
    "en": [
        "Mr. Smith's co-worker didn't trust U.S. mgmt. (see https://example.com/a?b=1) - it's 3.5% vs 1,000.",
        "management(no communication) employee(s) -Poor pay; DON'T CAN'T won't ain't y'all 5pm 10:30am.",
        "e-mail@x.org N.Y.C. Jan. 2nd, the '90s, rock'n'roll, e.g. i.e. etc. ... HR. Dept. (Inc.)",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_one_build_tokenizer_splits_as_spacy_blank_with_the_fast_tokenizer(lang):
    before = spacy.blank(lang)
    before.tokenizer = fast_tokenizer(before)  # what trustlex.load did: spaCy's tokenizer, then built again
    after = blank(lang)
    assert list(after.tokenizer.rules.items()) == list(before.tokenizer.rules.items())
    for text in AWKWARD[lang]:
        for variant in (text, text.upper(), text.lower()):
            assert [t.text for t in after(variant)] == [t.text for t in before(variant)], variant


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_one_build_pipeline_has_spacy_blanks_config(lang):
    # a pipeline saved with to_disk names spaCy's tokenizer, so it loads where trustlex's is not registered
    assert blank(lang).config.to_str() == spacy.blank(lang).config.to_str()


_PROBE = """
import json, sys
import trustlex
df = trustlex.score_texts(json.loads(sys.argv[1]), lang="en", level="sentence", model="default")
print(json.dumps({"sklearn": "sklearn" in sys.modules, "scipy.stats": "scipy.stats" in sys.modules,
                  "probability": [repr(p) for p in df["probability"]], "terms": df["terms"].tolist(),
                  "rows": df[["concept", "valence", "source"]].values.tolist()}))
"""

MODEL_TEXTS = [
    "Great Brand and Resources, But Support Varies by Management",
    "Have watched management lose top performers time and time again.",
    "I trust my manager. Nobody listens to us and management hides things.",
    "The canteen is fine.",
]


def test_scoring_with_the_default_model_needs_no_scikit_learn_and_gives_the_classifiers_rows():
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(MODEL_TEXTS)], capture_output=True, text=True, check=True
    )
    probe = json.loads(out.stdout)
    assert not probe["sklearn"]
    assert not probe["scipy.stats"]

    import pandas as pd

    import trustlex
    from trustlex.models import default_model

    classifier = default_model()  # the TrustClassifier of the same file, with scikit-learn
    expected = trustlex.score_texts(MODEL_TEXTS, lang="en", level="sentence", model=classifier)
    assert "model" in set(expected["source"])  # the model adds rows, with reasons
    assert probe["probability"] == [repr(p) for p in expected["probability"]]  # to the last digit
    assert probe["terms"] == expected["terms"].tolist()
    assert probe["rows"] == expected[["concept", "valence", "source"]].values.tolist()
    in_process = trustlex.score_texts(MODEL_TEXTS, lang="en", level="sentence", model="default")
    pd.testing.assert_frame_equal(in_process, expected, check_exact=True)


def test_a_saved_model_has_the_classifiers_parameters_fingerprint_and_reasons(tmp_path):
    from trustlex.batch.options import model_fingerprint
    from trustlex.models import default_model
    from trustlex.models.saved import SavedModel, default_saved

    saved, classifier = default_saved(), default_model()
    assert saved.get_params() == classifier.get_params()
    assert model_fingerprint(saved) == model_fingerprint(classifier)  # a resumed score_folder run matches
    assert saved.feature_names().tolist() == classifier.feature_names().tolist()
    again = SavedModel.load(saved.save(tmp_path))
    assert again.get_params() == saved.get_params()
    assert isinstance(saved.estimator(), type(classifier))


@pytest.mark.parametrize("bad", [True, "1.0", None, [1.0]])
def test_a_weight_that_is_no_number_is_still_refused(bad):
    from trustlex.models.checks import _FieldError, _floats

    with pytest.raises(_FieldError, match=r"coef\[1\].*must be a number"):
        _floats([0.5, bad, 2], None, "coef")
    assert _floats([0.5, 1, 2.0], 3, "coef").tolist() == [0.5, 1.0, 2.0]


def test_a_pipeline_is_built_with_the_collector_off_and_it_comes_back_as_it_was():
    import gc

    import trustlex
    from trustlex import pipeline

    seen = []

    def build(*key):
        seen.append(gc.isenabled())
        return pipeline._build_cached(*key)

    cache = pipeline._PipelineCache(build)
    assert gc.isenabled()
    nlp = cache.get(("en", None, None, None))
    assert seen == [False]
    assert gc.isenabled()
    assert trustlex.to_frame(nlp("We trust them."))["concept"].tolist() == ["trust"]
    gc.disable()  # a program that turned it off itself keeps it off
    try:
        pipeline._PipelineCache(build).get(("en", None, None, None))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_models_lexicon_record_reads_a_changed_file_again(tmp_path):
    import os

    from trustlex.errors import LexiconError
    from trustlex.lexicon.resources import lexicon_dir
    from trustlex.models.modelfile import _lexicon_record

    text = (lexicon_dir() / "en" / "trust.toml").read_text(encoding="utf-8")
    own = tmp_path / "ours.toml"
    own.write_text(text.replace('name = "trustlex-en-trust"', 'name = "ours"', 1), encoding="utf-8")
    first = _lexicon_record("en", [str(own)])[2]
    assert first == _lexicon_record("en", [str(own)])[2]
    assert first[0]["name"] == "ours"
    version = first[0]["version"]
    own.write_text(
        own.read_text(encoding="utf-8").replace(f'version = "{version}"', 'version = "99.0.0"', 1),
        encoding="utf-8",
    )
    os.utime(own, ns=(os.stat(own).st_atime_ns, os.stat(own).st_mtime_ns + 10**9))
    assert _lexicon_record("en", [str(own)])[2] == [{"name": "ours", "version": "99.0.0"}]
    own.write_text("[lexicon]\nname = 'ours'\n", encoding="utf-8")  # broken: raises every time
    for _ in range(2):
        with pytest.raises(LexiconError):
            _lexicon_record("en", [str(own)])
