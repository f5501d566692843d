"""The HTML page of a view: one self-contained file that works offline.

Input: a view's nodes, edges and layout, with what the page says about them (heading, filters,
counts, a note). Output: the page as text. The page is ``assets/page.html`` filled in; its own script
and styles are ``assets/view.js`` and ``assets/view.css``, and vis-network's come from the copy pyvis
ships. All of them are inlined, and the Content Security Policy allows exactly the two inlined
scripts, by hashes computed here from the text inlined.

The graph travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped; ``view.js`` reads it from there and builds every piece of text with ``textContent``
(a link gets an href only when it starts with http(s)://), so no string from the graph is ever
parsed as markup.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib import resources
from string import Template

from kg.view.graph import ViewError
from kg.view.model import _Model
from kg.view.selection import _Filters, _Selection
from kg.view.styles import _EDGE_LENGTHS, _EDGE_STYLES, _NODE_STYLES

_VIS_ASSETS = ("templates", "lib", "vis-9.1.2")
_ASSETS = ("page.html", "view.js", "view.css")  # in kg/view/assets/, shipped as package data


@cache
def _vis_assets() -> tuple[str, str]:
    base = resources.files("pyvis").joinpath(*_VIS_ASSETS)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    # Neither may end its element early; the shipped files contain neither sequence.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    if re.search(r"</style", css, flags=re.IGNORECASE):
        raise ViewError("vis-network.css cannot be inlined: it contains </style")
    return js, css


def _asset(name: str) -> str:
    """The text of ``kg/view/assets/<name>``; ``FileNotFoundError`` if the install lacks it."""
    path = resources.files("kg.view") / "assets" / name
    if not path.is_file():
        raise FileNotFoundError(f"akg's view asset kg/view/assets/{name} is missing: the install is broken, reinstall akg")
    return path.read_text(encoding="utf-8")


@cache
def _own_assets() -> tuple[str, str, Template]:
    """The page's script, styles and HTML template, read once."""
    js, css = _asset("view.js"), _asset("view.css")
    # Inlined as they are (escaping the script would change the hash the CSP allows), so an edit that
    # ends either element early must fail here, not in the browser.
    if re.search(r"</script", js, flags=re.IGNORECASE):
        raise ViewError("view.js cannot be inlined: it contains </script")
    if re.search(r"</style", css, flags=re.IGNORECASE):
        raise ViewError("view.css cannot be inlined: it contains </style")
    return js, css, Template(_asset("page.html"))


_FOLD_HTML = (
    '<label class="akg-fold"><input id="akg-fold" type="checkbox"{checked}> '
    "Fold actors into their principal</label> "
)


def _json_for_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(script: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
    )


def _view_heading(model: _Model, view: str, filters: _Filters) -> str:
    if view == "actors":
        return "Who accuses whom: accusations and rebuttals between actors"
    if view == "claims":
        return "Claims: accusations, rebuttals, incidents and responses"
    doc = model.docs[filters.doc]
    return f"Claims stated in « {doc.title} » ({doc.identifier})"


def _legend_html(nodes: list[dict], edges: list[dict]) -> str:
    groups = {n["group"] for n in nodes}
    kinds = {e["kind"] for e in edges}
    items = []
    for group, (shape, _bg, _border, text) in _NODE_STYLES.items():
        if group in groups:
            items.append(
                f'<li><span class="akg-sw akg-shape-{shape} akg-g-{group}"></span>{html.escape(text)}</li>'
            )
    for kind, style in _EDGE_STYLES.items():
        if kind in kinds:
            items.append(f'<li><span class="akg-ln akg-k-{kind}"></span>{html.escape(style[4])}</li>')
    if not items:
        return '<p class="akg-hint">Nothing drawn.</p>'
    return "<ul>" + "".join(items) + "</ul>"


def _style_css() -> str:
    rules = [
        f".akg-g-{g}{{background:{bg};border-color:{border}}}"
        for g, (_s, bg, border, _t) in _NODE_STYLES.items()
    ]
    rules += [
        f".akg-k-{k}{{border-top:3px {css} {colour}}}"
        for k, (colour, _d, css, _r, _t) in _EDGE_STYLES.items()
    ]
    return _own_assets()[1] + "\n".join(rules) + "\n"


def _page(
    *,
    model: _Model,
    view: str,
    filters: _Filters,
    selection: _Selection,
    nodes: list[dict],
    edges: list[dict],
    title: str | None,
    note: str | None,
    layout: dict,
    built: str | None,
    alternative: dict | None = None,
    folded: bool = False,
) -> str:
    """The page; ``alternative`` (nodes, edges, layout) is the same view with actors folded into their
    principals (or unfolded, when ``folded`` says the view starts folded), for the page's toggle."""
    vis_js, vis_css = _vis_assets()
    page_js, _css, template = _own_assets()
    heading = _view_heading(model, view, filters)
    filter_text = "Filters: " + " · ".join(filters.describe()) if filters.describe() else "No filters"
    counts = (
        f"{len(nodes)} nodes, {len(edges)} edges, from {len(selection.accusations)} accusations "
        f"and {len(selection.rebuttals)} rebuttals"
    )
    sub = [heading] if title else []
    sub += [f"{filter_text}. {counts}."]
    if built:
        sub.append(f"Built {built}.")
    groups = {
        g: {
            "shape": shape,
            "color": {
                "background": bg,
                "border": border,
                "highlight": {"background": bg, "border": "#111111"},
                "hover": {"background": bg, "border": "#111111"},
            },
        }
        for g, (shape, bg, border, _t) in _NODE_STYLES.items()
    }
    kinds = {
        k: {"color": colour, "dashes": dashes, "roundness": roundness, "length": _EDGE_LENGTHS.get(k)}
        for k, (colour, dashes, _css, roundness, _t) in _EDGE_STYLES.items()
    }
    data = {
        "view": view,
        "groups": groups,
        "edgeKinds": kinds,
        "layout": layout,
        "nodes": nodes,
        "edges": edges,
        "folded": folded,
    }
    if alternative is not None:
        data["alternative"] = alternative
    # Built from constants and base64 digests only: safe in a double-quoted attribute.
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    note_html = f'<p class="akg-note" role="note">{html.escape(note)}</p>\n' if note else ""
    sub_html = "".join(f'<p class="akg-sub">{html.escape(s)}</p>\n' for s in sub)
    # Template.substitute does not rescan what it inserts: a "$" in the graph or the scripts is safe.
    return template.substitute(
        csp=csp,
        title=html.escape(title or heading),
        vis_css=vis_css,
        page_css=_style_css(),
        subtitles=sub_html,
        note=note_html,
        legend=_legend_html(nodes + (alternative or {}).get("nodes", []), edges + (alternative or {}).get("edges", [])),
        fold=_FOLD_HTML.format(checked=" checked" if folded else "") if alternative is not None else "",
        graph_data=_json_for_script(data),
        vis_js=vis_js,
        page_js=page_js,
    )
