"""Options and arguments that several ``kg`` commands take, as decorators (in the manner of
sqlite-utils' ``output_options``), and the one place where a library error becomes a CLI error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..namespaces import DEFAULT_BASE


def graph_argument(name: str = "graph", metavar: str | None = None, *, required: bool = True):
    """GRAPH (or GRAPH_OR_STORE): a graph file or an Oxigraph store folder.

    Not checked by click: :func:`kg.source.open_source` says on one line what is wrong with it (missing,
    unknown extension, not parsing, not a store), the same for every command.
    """
    return click.argument(name, metavar=metavar, required=required, type=click.Path(path_type=Path))


def output_option(help: str, *, required: bool = False):
    """-o/--output FILE."""
    return click.option("-o", "--output", required=required, type=click.Path(path_type=Path), help=help)


def format_option(choices: list[str], help: str, *, default: str | None = None):
    """--format, read into ``fmt``."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=default is not None, help=help)


def quiet_option(f):
    """-q/--quiet: no progress bar."""
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar.")(f)


def verbose_option(help: str):
    """-v/--verbose."""
    return click.option("-v", "--verbose", is_flag=True, help=help)


def base_option(f):
    """--base IRI of the resources."""
    return click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the resources.")(f)


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn an error of the library (an exception class of the ``kg`` package: ``StoreError``,
    ``QueryError``, ``ViewError``…) or of the system (``OSError``) into one line on stderr and exit
    status 1; anything else is a bug and keeps its traceback."""
    try:
        yield
    except click.ClickException:
        raise
    except Exception as exc:
        if not (isinstance(exc, OSError) or type(exc).__module__.partition(".")[0] == "kg"):
            raise
        from ..source import first_line

        raise click.ClickException(first_line(exc)) from exc
