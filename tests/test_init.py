"""kg/__init__.py: the public API re-exported, loaded lazily so that ``import kg`` stays fast."""

from __future__ import annotations

import doctest
import subprocess
import sys

import pytest
from conftest import ROOT

import kg


def test_init_import_loads_no_heavy_dependency():
    code = ("import sys, kg; heavy = [m for m in ('spacy', 'rdflib', 'pyoxigraph', 'pyshacl', 'click') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", kg.__all__)
def test_init_every_public_name_resolves(name):
    value = getattr(kg, name)
    assert value is not None
    assert name in dir(kg)
    if name != "__version__":
        assert getattr(sys.modules[f"kg.{kg._API[name]}"], name) is value


def test_init_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = kg.nope


def test_init_stage_modules_keep_their_names():
    """``kg.extract`` and ``kg.evaluate`` are the stage modules, whose main function they name."""
    import kg.evaluate
    import kg.extract

    assert callable(kg.extract.extract) and callable(kg.evaluate.evaluate)


def test_init_doctest():
    assert doctest.testmod(kg).failed == 0
