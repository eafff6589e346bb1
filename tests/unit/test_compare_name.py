"""``trustlex.analysis.compare`` is the function only: its module has a private name."""

import importlib
import subprocess
import sys

import pytest

import trustlex
from trustlex.analysis import compare


def test_compare_is_the_function_everywhere():
    assert callable(compare)
    assert trustlex.compare is compare
    assert trustlex.analysis.compare is compare
    assert importlib.import_module("trustlex.analysis._compare").compare is compare


def test_importing_compare_as_a_module_fails_rather_than_giving_the_function():
    # before, "import trustlex.analysis.compare as m" bound m to the function
    with pytest.raises(ModuleNotFoundError, match=r"trustlex\.analysis\.compare"):
        importlib.import_module("trustlex.analysis.compare")


def test_a_fresh_interpreter_finds_compare_from_the_package():
    code = "from trustlex.analysis import compare; import trustlex; print(compare is trustlex.compare)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"
