"""Writing output files: the one atomic writer every command uses.

A file is written to a temporary name in its folder, flushed to disk, given the permissions a new file
gets under the user's umask (``mkstemp`` would leave it readable by its owner only), then renamed over
the target: a reader sees the old file or the new one, never half of one, and a failed write leaves the
old file in place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """An output file cannot be written where it was asked for."""


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: str, *, create_folder: bool = False) -> None:
    """Replace ``path`` with ``data`` (UTF-8, ``\\n`` line ends) in one step.

    The folder must exist unless ``create_folder``: a mistyped output folder is an error, not a new tree.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise OutputError(f"output folder does not exist: {folder}")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
