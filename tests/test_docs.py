"""The documentation: README.md covers every command and its generated parts are current; CHANGELOG.md
has entries."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

from kg.cli import cli

README = ROOT / "README.md"
CHANGELOG = ROOT / "CHANGELOG.md"


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_readme_mentions_command(readme, command):
    assert re.search(rf"\bkg {re.escape(command)}\b", readme), f"README.md never shows `kg {command}`"


def test_docs_readme_quick_start(readme):
    m = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, re.M | re.S)
    assert m, "README.md has no '## Quick start' section"
    assert "make demo" in m.group(1)
    assert "make test" in m.group(1)


def test_docs_readme_cog_is_current():
    """The cog blocks of README.md (``kg --help``, ``kg query --list``) match the code.

    Fix a failure with ``.venv/bin/cog -r README.md``.
    """
    pytest.importorskip("cogapp", reason="cogapp (test extra) is not installed")
    proc = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"README.md is stale: run cog -r README.md\n{proc.stdout}{proc.stderr}"


def test_docs_changelog_has_entry():
    assert CHANGELOG.is_file()
    text = CHANGELOG.read_text(encoding="utf-8")
    assert re.search(r"^## \[", text, re.M)
