"""kg/files.py: the one atomic writer of graphs, views, bundles and reports."""

import os
import stat

import pytest

from kg.files import OutputError, atomic_write


def test_a_new_file_gets_the_mode_of_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "g.ttl", "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "g.ttl").stat().st_mode) == 0o644
    assert (tmp_path / "g.ttl").read_bytes() == b"x\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "g.ttl"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["g.ttl"]


def test_a_missing_folder_is_an_error_unless_asked_for(tmp_path):
    with pytest.raises(OutputError, match="output folder does not exist"):
        atomic_write(tmp_path / "no" / "g.ttl", "x")
    atomic_write(tmp_path / "made" / "v.html", "x", create_folder=True)
    assert (tmp_path / "made" / "v.html").read_text(encoding="utf-8") == "x"
