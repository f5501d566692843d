"""Data files shipped inside the package, read with ``importlib.resources`` so that any install
(wheel, sdist, editable) finds them: the ontology ``akg.ttl``, its SHACL shapes ``shapes.ttl`` and the
threat-actor table ``threat_actors.tsv``.

They are copies of the published vocabulary in ``ontology/`` (``ontology/threat_actors/generate.py``
writes both tables; ``tests/test_package_data.py`` checks that every copy equals its original).

>>> data_file("akg.ttl").name
'akg.ttl'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

FILES = ("akg.ttl", "shapes.ttl", "threat_actors.tsv")


def data_file(name: str) -> Traversable:
    """The shipped file ``kg/data/<name>``; ``FileNotFoundError`` if the install lacks it (never an
    empty stand-in: a missing table would silently extract nothing)."""
    path = resources.files(__name__) / name
    if not path.is_file():
        raise FileNotFoundError(f"akg's data file kg/data/{name} is missing: the install is broken, reinstall akg")
    return path
