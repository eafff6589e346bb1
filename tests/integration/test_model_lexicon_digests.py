"""A model records each lexicon's content digest, and refuses one edited under the same name and version."""

from __future__ import annotations

import hashlib
import json

import pytest

from trustlex.errors import ModelError
from trustlex.lexicon.resources import lexicon_dir
from trustlex.models import TrustClassifier
from trustlex.models.checks import FORMAT_VERSION
from trustlex.models.saved import SavedModel

MINE = (
    '[lexicon]\nname = "mine"\nlanguage = "en"\nversion = "1.0"\n\n'
    '[[entry]]\nconcept = "trust"\nvalence = "+"\nlemma = "rely"\n'
)
CODED = [
    ("We rely on our manager.", {"trust": "+"}),
    ("Nobody here relies on the board.", {"trust": "-"}),
    ("The canteen is fine.", {}),
    ("Parking is full again.", {}),
] * 3


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(folder of a model made with an own lexicon file, that file)."""
    folder = tmp_path_factory.mktemp("digests")
    mine = folder / "mine.toml"
    mine.write_text(MINE, encoding="utf-8")
    model = TrustClassifier(lang="en", lexicons=[str(mine)]).fit(
        [t for t, _ in CODED], [lab for _, lab in CODED]
    )
    model.save(folder / "m")
    return folder / "m", mine


def _copy(trained, tmp_path, text=None):
    """The model and its lexicon file copied to tmp_path, the lexicon rewritten as ``text`` if given."""
    folder, mine = trained
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.json").write_bytes((folder / "model.json").read_bytes())
    own = tmp_path / "mine.toml"
    own.write_text(mine.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return tmp_path / "m", own


def _edit(folder, change):
    path = folder / "model.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    change(doc, body)
    doc["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
    doc["sha256"] = hashlib.sha256(doc["body"].encode("utf-8")).hexdigest()
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_the_model_file_records_a_digest_of_each_lexicon(trained):
    doc = json.loads((trained[0] / "model.json").read_text(encoding="utf-8"))
    body = json.loads(doc["body"])
    assert doc["format_version"] == FORMAT_VERSION == 4
    assert [o["name"] for o in body["lexicon_digests"]["own"]] == ["mine"]
    assert set(body["lexicon_digests"]["shipped"]) == {"en/context"}
    assert set(body["lexicon_digests"]["files"]) == {"en/context", "mine 1.0"}  # the bytes, a fast path
    assert body["own_lexicons"] == [{"name": "mine", "version": "1.0"}]  # never a path


def test_equal_bytes_spare_the_content_digest_and_other_bytes_are_compared_by_content(trained, tmp_path):
    folder, own = _copy(trained, tmp_path)
    # the content digests only are wrong: equal bytes never look at them
    _edit(folder, lambda doc, body: body["lexicon_digests"]["own"][0].update({"sha256": "1" * 64}))
    assert SavedModel.load(folder, lexicons=[str(own)]).lang == "en"
    own.write_text("# a comment\n" + MINE, encoding="utf-8")  # other bytes: now the content decides
    with pytest.raises(ModelError, match="your lexicon file"):
        SavedModel.load(folder, lexicons=[str(own)])


def test_the_same_file_written_otherwise_loads(trained, tmp_path):
    # comments, blank lines, spaces and the order of keys change no match
    text = MINE.replace('valence = "+"\nlemma = "rely"', 'lemma   =   "rely"   # mine\n\nvalence = "+"')
    folder, own = _copy(trained, tmp_path, "# my lexicon\n" + text)
    assert SavedModel.load(folder, lexicons=[str(own)]).lexicons == [str(own)]


def test_an_own_file_edited_under_the_same_version_is_refused_naming_it(trained, tmp_path):
    folder, own = _copy(trained, tmp_path, MINE.replace('valence = "+"', 'valence = "-"'))
    for load in (SavedModel.load, TrustClassifier.load):
        with pytest.raises(ModelError) as info:
            load(folder, lexicons=[str(own)])
        said = str(info.value)
        assert said.startswith(
            f"{folder / 'model.json'}: lexicon_digests: your lexicon file {own} (mine 1.0)"
        )
        assert "Raise its version and train the model again, or load the model with the file" in said


def test_an_edited_file_with_a_new_version_loads_with_the_version_warning(trained, tmp_path):
    text = MINE.replace('valence = "+"', 'valence = "-"').replace('"1.0"', '"1.1"')
    folder, own = _copy(trained, tmp_path, text)
    with pytest.raises(ModelError, match=r"own mine 1\.0.*own mine 1\.1"):  # another lexicon, as before
        SavedModel.load(folder, lexicons=[str(own)])


def test_a_shipped_file_other_than_the_models_under_its_version_is_refused(trained, tmp_path):
    folder, own = _copy(trained, tmp_path)

    # as if en/context.toml had been edited in place since the model was trained (its bytes too: equal
    # bytes spare the content digest)
    def edited(doc, body):
        body["lexicon_digests"]["shipped"]["en/context"] = "0" * 64
        body["lexicon_digests"]["files"]["en/context"] = "0" * 64

    _edit(folder, edited)
    with pytest.raises(ModelError) as info:
        SavedModel.load(folder, lexicons=[str(own)])
    context = lexicon_dir() / "en" / "context.toml"
    assert f"the shipped context file en/context {body_version(folder)} ({context})" in str(info.value)
    assert "restore the shipped file" in str(info.value)


def body_version(folder):
    body = json.loads(json.loads((folder / "model.json").read_text(encoding="utf-8"))["body"])
    return body["lexicon_versions"]["en/context"]


def test_a_model_of_format_3_has_no_digests_and_is_checked_by_name_and_version_only(trained, tmp_path):
    folder, own = _copy(trained, tmp_path, MINE.replace('valence = "+"', 'valence = "-"'))

    def to_format_3(doc, body):
        doc["format_version"] = 3
        del body["lexicon_digests"]

    _edit(folder, to_format_3)
    assert SavedModel.load(folder, lexicons=[str(own)]).lang == "en"
    _edit(folder, lambda doc, body: body.update({"lexicon_digests": {"shipped": {}, "own": []}}))
    with pytest.raises(ModelError, match="lexicon_digests: not a field of a trustlex model file"):
        SavedModel.load(folder, lexicons=[str(own)])


def test_a_bad_digest_is_refused_naming_its_field(trained, tmp_path):
    folder, own = _copy(trained, tmp_path)
    _edit(folder, lambda doc, body: body["lexicon_digests"]["own"][0].update({"sha256": "abc"}))
    with pytest.raises(ModelError, match=r"lexicon_digests\.own\[0\]\.sha256: must be a SHA-256 digest"):
        SavedModel.load(folder, lexicons=[str(own)])
