"""The dispute view: a graph with its disputes (:mod:`kg.disputes`) in, one self-contained HTML page
out: each dispute as a timeline of its steps in date order (accusations, rebuttals, responses), each
with its quote, who acted towards whom, and a link to its document (its source URL).

The steps are read with the named queries ``disputes`` and ``dispute`` (the same rows ``kg query``
prints). The page is ``assets/timeline.html`` filled in, with ``timeline.js`` and ``timeline.css``
inlined; as in the network views, the data travels as JSON with ``<``, ``>`` and ``&`` escaped, the
script builds all text with ``textContent``, and the Content Security Policy allows only that script
(by hash) and no network access.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from rdflib import Graph

from kg.files import atomic_write
from kg.query import QueryError, load_source, query_text, run_named
from kg.view.graph import ViewError
from kg.view.page import _asset, _csp_hash, _json_for_script


@dataclass(frozen=True)
class TimelineSummary:
    """What ``render_dispute_view`` wrote."""

    path: Path
    disputes: int
    steps: int


def render_dispute_view(graph: Graph, path: str | os.PathLike, *, dispute: str | None = None,
                        title: str | None = None, built: str | None = None) -> TimelineSummary:
    """Write the dispute view of ``graph`` to ``path``: every dispute, or the one ``dispute`` names
    (its IRI or its end, ``dispute/…``), in order of first date."""
    try:
        store = load_source(graph)
        listing = list(run_named(store, "disputes").records())
        sparql = query_text("disputes/documents.rq")
        docs = {r["id"].value: (r["title"].value if r["title"] else "", r["source"].value if r["source"] else "")
                for r in store.query(sparql, use_default_graph_as_union=True)}
        if dispute:
            wanted = dispute.removeprefix("id:")
            listing = [d for d in listing if d["dispute"] == wanted or d["dispute"].endswith("/" + wanted)]
            if not listing:
                raise ViewError(f"no dispute {dispute!r} in this graph (kg query GRAPH --name disputes lists them)")
        disputes, steps = [], 0
        for d in listing:
            thread = list(run_named(store, "dispute", {"dispute": d["dispute"]}).records())
            for step in thread:
                step.pop("dispute")
                step["title"], step["source"] = docs.get(step["document"], ("", ""))
            steps += len(thread)
            disputes.append({**d, "key": d["dispute"].rsplit("/", 1)[-1], "steps": thread})
    except QueryError as e:
        raise ViewError(str(e)) from e
    heading = title or ("Dispute: " + disputes[0]["about"] if dispute else "Disputes across documents")
    sub = [f"{_count(len(disputes), 'dispute')}, {_count(steps, 'step')}, each in date order with its quote and "
           "document."]
    if built:
        sub.append(f"Built {built}.")
    note = None if disputes else ("No dispute in this graph: build it with this version of akg "
                                  "(kg build computes the disputes across documents).")
    page = _template().substitute(
        csp=f"default-src 'none'; script-src {_csp_hash(_script())}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'",
        title=html.escape(heading),
        page_css=_asset("timeline.css"),
        subtitles="".join(f'<p class="akg-sub">{html.escape(s)}</p>\n' for s in sub),
        note=f'<p class="akg-note" role="note">{html.escape(note)}</p>\n' if note else "",
        data=_json_for_script({"disputes": disputes}),
        page_js=_script(),
    )
    target = Path(path)
    atomic_write(target, page, create_folder=True)
    return TimelineSummary(target, len(disputes), steps)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _script() -> str:
    js = _asset("timeline.js")
    if re.search(r"</script", js, flags=re.IGNORECASE):
        raise ViewError("timeline.js cannot be inlined: it contains </script")
    return js


def _template() -> Template:
    return Template(_asset("timeline.html"))
