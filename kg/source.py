"""Sources: a graph file, an Oxigraph store folder, a ``pyoxigraph.Store`` or an rdflib graph in; a
``pyoxigraph.Store`` (:func:`open_source`) or an rdflib graph (:func:`read_graph`, :func:`read_dataset`) out.

The bottom of the store layer: every command and every library function that reads a graph opens it
here, so a graph is read the same way everywhere and what cannot be read raises one error type,
:class:`StoreError`, whose message is one line naming the path (a missing file, an unknown extension,
a file that does not parse, a folder that holds no store). Files are parsed by pyoxigraph, which is
much faster than rdflib; rdflib only reads a JSON-LD file whose context pyoxigraph will not fetch.

>>> len(open_source(rdflib.Graph()))
0
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import pyoxigraph as ox
import rdflib

__all__ = ["Source", "StoreError", "is_store", "load_into", "open_source", "open_store", "read_dataset",
           "read_graph"]

Source = str | PathLike | ox.Store | rdflib.Graph

_EXTENSIONS = ".ttl .nt .nq .trig .jsonld"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class StoreError(Exception):
    """A graph file or store that cannot be opened, loaded or written (missing, locked, unreadable)."""


def is_store(path: str | PathLike) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file()


def open_store(path: str | PathLike, read_only: bool = True) -> ox.Store:
    """Open the Oxigraph store in folder ``path``.

    Read-only, the folder must hold a store; read-write, a missing or empty folder becomes a new store.
    """
    path = Path(path)
    if read_only or path.exists():
        if not path.is_dir():
            raise StoreError(f"{path}: no such store folder")
        if not is_store(path):
            if not any(path.iterdir()):
                if read_only:
                    raise StoreError(f"{path}: not an Oxigraph store (an empty folder)")
            else:
                raise StoreError(f"{path}: not an Oxigraph store")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        message = first_line(e)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use by another process (open it read-only)") from e
        raise StoreError(f"{path}: cannot open the store ({message})") from e


def open_source(source: Source) -> ox.Store:
    """Open ``source`` as a pyoxigraph store.

    A ``pyoxigraph.Store`` is returned as is; a folder is opened read-only as an on-disk Oxigraph
    store (so a running ``kg serve`` may hold it); a file is loaded into a new in-memory store, its
    format taken from its extension (``.ttl .nt .nq .trig .jsonld`` …); an rdflib graph or dataset is
    copied.
    """
    if isinstance(source, ox.Store):
        return source
    if not isinstance(source, rdflib.Graph):
        path = Path(source)
        if path.is_dir():
            return open_store(path)
        if not path.is_file():
            raise StoreError(f"{path}: no such file or store folder")
    store = ox.Store()
    load_into(store, source)
    return store


def load_into(store: ox.Store, source: str | PathLike | rdflib.Graph) -> None:
    """Add the statements of ``source`` (a graph file or an rdflib graph or dataset) to ``store``."""
    if isinstance(source, rdflib.Graph):
        quads = source.context_aware
        data = source.serialize(format="nquads" if quads else "nt", encoding="utf-8")
        store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
        return
    path = Path(source)
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF extension {path.suffix or '(none)'} (use {_EXTENSIONS})")
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as e:
        if fmt != ox.RdfFormat.JSON_LD:
            raise StoreError(f"{path}: cannot parse: {first_line(e)}") from e
        # pyoxigraph never dereferences a context given by IRI; rdflib resolves local ones.
        load_into(store, _parse_with_rdflib(path, e))
    except (OSError, ValueError) as e:
        raise StoreError(f"{path}: cannot read: {first_line(e)}") from e


def read_dataset(source: Source) -> rdflib.Dataset:
    """``source`` as an rdflib ``Dataset``, its named graphs kept (a dataset is returned as is)."""
    if isinstance(source, rdflib.Dataset):
        return source
    dataset = rdflib.Dataset()
    if isinstance(source, rdflib.Graph):
        fmt = "nquads" if source.context_aware else "nt"
        return dataset.parse(data=source.serialize(format=fmt), format=fmt)
    data = open_source(source).dump(format=ox.RdfFormat.N_QUADS)
    return dataset.parse(data=data.decode("utf-8"), format="nquads")


def read_graph(source: Source) -> rdflib.Graph:
    """``source`` as one rdflib ``Graph``, its named graphs merged (an rdflib graph is returned as is).

    RDF-star quoted triples, which no akg graph holds, are left out.
    """
    if isinstance(source, rdflib.Graph):
        return source
    store = open_source(source)
    graph = rdflib.Graph()
    terms: dict = {}

    def term(t):
        if t not in terms:
            if isinstance(t, ox.NamedNode):
                terms[t] = rdflib.URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                terms[t] = rdflib.BNode(t.value)
            elif isinstance(t, ox.Literal):
                datatype = t.datatype.value
                if t.language:
                    terms[t] = rdflib.Literal(t.value, lang=t.language)
                elif datatype == _XSD_STRING:
                    terms[t] = rdflib.Literal(t.value)
                else:
                    terms[t] = rdflib.Literal(t.value, datatype=rdflib.URIRef(datatype))
            else:
                terms[t] = None
        return terms[t]

    for quad in store.quads_for_pattern(None, None, None, None):
        s, p, o = term(quad.subject), term(quad.predicate), term(quad.object)
        if s is not None and o is not None:
            graph.add((s, p, o))
    return graph


def first_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _parse_with_rdflib(path: Path, first_error: Exception) -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    try:
        dataset.parse(path, format="json-ld")
    except Exception as e:  # rdflib's JSON-LD parser raises anything from KeyError to URLError
        raise StoreError(f"{path}: cannot parse: {first_line(first_error)}") from e
    return dataset
