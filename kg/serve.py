"""Serve: a graph file or an Oxigraph store folder in, a SPARQL 1.1 endpoint on HTTP out.

The endpoint is Oxigraph's own server (the ``oxigraph`` binary of the ``oxigraph`` package), run on
the store folder; a graph file is first loaded into a temporary store, deleted when the server stops.
Queries see the union of the named graphs as their default graph, as ``kg query`` does.

Paths (Oxigraph server 0.5):

- ``/sparql``: SPARQL 1.1 Protocol, queries by ``GET ?query=``, ``POST`` form (``query=``) or
  ``POST application/sparql-query``; updates by ``POST`` form (``update=``) or
  ``POST application/sparql-update``, refused (403) unless updates are allowed.
  Results as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, RDF/XML…, by the
  ``Accept`` header.
- ``/query`` and ``/update``: the same, queries only and updates only.
- ``/store``: SPARQL 1.1 Graph Store HTTP Protocol (``?graph=IRI`` or ``?default``); writes refused
  unless updates are allowed.
- ``/``: a YASGUI query page, its scripts served by the binary itself (no CDN).

Cross-origin requests are allowed (CORS), so browser SPARQL editors can use the endpoint.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .source import is_store, open_source
from .store import load_into_store

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "ServeError",
    "Server",
    "oxigraph_binary",
    "run_serve",
    "serve",
    "server_command",
    "start_server",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServeError(Exception):
    """The endpoint cannot start: no server binary, unreadable graph, port taken, server died."""


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary installed next to this Python."""
    name = "oxigraph.exe" if sys.platform == "win32" else "oxigraph"
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the oxigraph server binary is missing: pip install oxigraph==0.5.13")
    return found


def server_command(location: str | PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                   allow_update: bool = False, timeout: int | None = None,
                   binary: str | None = None) -> list[str]:
    """The command line that serves the store folder ``location``.

    >>> server_command("st", binary="oxigraph")
    ['oxigraph', 'serve-read-only', '--location', 'st', '--bind', '127.0.0.1:7878', '--cors', \
'--union-default-graph']
    >>> server_command("st", "::1", 8000, allow_update=True, timeout=5, binary="oxigraph")[1:6]
    ['serve', '--location', 'st', '--bind', '[::1]:8000']
    """
    command = [binary or oxigraph_binary(), "serve" if allow_update else "serve-read-only",
               "--location", str(location), "--bind", f"{_host(host)}:{port}",
               "--cors", "--union-default-graph"]
    if timeout is not None:
        command += ["--timeout-s", str(int(timeout))]
    return command


def run_serve(command: list[str]) -> int:
    """Run the server in the foreground until it stops, Ctrl-C or SIGTERM; returns its exit status
    (0 when stopped by one of these signals)."""
    process = subprocess.Popen(command)
    # without this, a SIGTERM to kg (a service manager stopping it) would orphan the server
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    try:
        status = process.wait()
    except KeyboardInterrupt:
        status = 0
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
        _stop(process)
    return 0 if status in (-signal.SIGINT, -signal.SIGTERM) else status


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def serve(source: str | PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
          allow_update: bool = False, timeout: int | None = None,
          on_start: Callable[[str], None] | None = None) -> None:
    """Serve ``source`` (a graph file or a store folder) at ``http://host:port/sparql`` until stopped.

    ``on_start`` is called with the endpoint URL once the store is ready, just before the server runs.
    With ``allow_update`` on a graph file, updates change the temporary store only.
    """
    _check_free(host, port)
    with tempfile.TemporaryDirectory(prefix="akg-serve-") as work:
        location = _store_for(source, Path(work))
        command = server_command(location, host, port, allow_update=allow_update, timeout=timeout)
        if on_start:
            on_start(f"{_base_url(host, port)}/sparql")
        status = run_serve(command)
    if status != 0:
        raise ServeError(f"the oxigraph server stopped with status {status}")


@dataclass
class Server:
    """A server running in the background (see :func:`start_server`); ``stop()`` ends it."""

    url: str
    process: subprocess.Popen
    _work: tempfile.TemporaryDirectory

    @property
    def endpoint(self) -> str:
        """The SPARQL 1.1 Protocol endpoint, ``<url>/sparql``."""
        return f"{self.url}/sparql"

    def stop(self) -> None:
        _stop(self.process)
        self._work.cleanup()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_server(source: str | PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                 allow_update: bool = False, timeout: int | None = None, wait: float = 20.0) -> Server:
    """Start serving ``source`` in the background; return once the port accepts connections
    (at most ``wait`` seconds), with the server's error when it exits before that."""
    _check_free(host, port)
    work = tempfile.TemporaryDirectory(prefix="akg-serve-")
    process = None
    try:
        location = _store_for(source, Path(work.name))
        log_path = Path(work.name) / "server.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(server_command(location, host, port, allow_update=allow_update,
                                                      timeout=timeout),
                                       stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        server = Server(_base_url(host, port), process, work)
        deadline = time.monotonic() + wait
        while not _accepts(host, port):
            if process.poll() is not None:
                log = log_path.read_text(encoding="utf-8", errors="replace").strip()
                raise ServeError(f"the oxigraph server exited with status {process.returncode}"
                                 + (f": {log.splitlines()[-1]}" if log else ""))
            if time.monotonic() > deadline:
                raise ServeError(f"the oxigraph server did not listen on {host}:{port} within {wait:g} s")
            time.sleep(0.05)
        return server
    except BaseException:
        if process is not None:
            _stop(process)
        work.cleanup()
        raise


def _store_for(source: str | PathLike, work: Path) -> Path:
    path = Path(source)
    if is_store(path):
        return path
    if not path.is_file():
        open_source(path)  # raises the StoreError that says why: no such file, or not a store
    load_into_store(path, work / "store")
    return work / "store"


def _stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(grace)


def _check_free(host: str, port: int) -> None:
    if _accepts(host, port):
        raise ServeError(f"{_host(host)}:{port} is already in use")


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _base_url(host: str, port: int) -> str:
    return f"http://{_host(host)}:{port}"
