"""The HTML page of a view: one self-contained file that works offline.

Input: a view's nodes, edges and layout, with what the page says about them (heading, filters,
counts, a note). Output: the page as text, with its own script and styles and vis-network's (from
the copy pyvis ships) inlined; the Content Security Policy allows exactly the two inlined scripts, by
hash.

The graph travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` escaped; the page's script reads it from there and builds every piece of text with ``textContent``
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

from kg.view.graph import ViewError
from kg.view.model import _Model
from kg.view.selection import _Filters
from kg.view.styles import _EDGE_STYLES, _NODE_STYLES

_VIS_ASSETS = ("templates", "lib", "vis-9.1.2")


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
    return _PAGE_CSS + "\n".join(rules) + "\n"


def _page(*, model, view, filters, selection, nodes, edges, title, note, layout, built) -> str:
    js, css = _vis_assets()
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
        k: {"color": colour, "dashes": dashes, "roundness": roundness}
        for k, (colour, dashes, _css, roundness, _t) in _EDGE_STYLES.items()
    }
    data = {
        "view": view,
        "groups": groups,
        "edgeKinds": kinds,
        "layout": layout,
        "nodes": nodes,
        "edges": edges,
    }
    # Built from constants and base64 digests only: safe in a double-quoted attribute.
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)} {_csp_hash(_PAGE_JS)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    note_html = f'<p class="akg-note" role="note">{html.escape(note)}</p>\n' if note else ""
    sub_html = "".join(f'<p class="akg-sub">{html.escape(s)}</p>\n' for s in sub)
    h1 = html.escape(title or heading)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="akg">\n'
        f"<title>{h1}</title>\n"
        f"<style>\n{css}\n</style>\n<style>\n{_style_css()}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{h1}</h1>\n{sub_html}{note_html}"
        '<div class="akg-tools"><label for="akg-search">Find</label> '
        '<input id="akg-search" type="search" autocomplete="off" '
        'placeholder="actor, quote, code… (Enter to zoom)"> '
        '<span id="akg-found" aria-live="polite"></span> <span id="akg-status"></span></div>\n'
        "</header>\n<main>\n"
        '<div id="akg-network" role="img" aria-label="graph"></div>\n'
        '<div id="akg-tip" class="akg-tip" role="tooltip" hidden></div>\n'
        '<aside>\n<section class="akg-legend"><h2>Legend</h2>\n'
        f"{_legend_html(nodes, edges)}\n"
        '<p class="akg-hint">Size: how often an actor accuses or is accused. '
        "Width: how many claims an edge merges."
        "</p></section>\n"
        '<section><h2>Details</h2><div id="akg-details">'
        '<p class="akg-hint">Click a node or an edge to see its '
        "claims.</p></div></section>\n</aside>\n</main>\n"
        "<noscript><p>This view needs JavaScript.</p></noscript>\n"
        f'<script type="application/json" id="graph-data">{_json_for_script(data)}</script>\n'
        f"<script>{js}</script>\n"
        f"<script>{_PAGE_JS}</script>\n"
        "</body>\n</html>\n"
    )


_PAGE_CSS = """\
html,body{margin:0;height:100%;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222}
body{display:flex;flex-direction:column;background:#fafafa}
header{padding:10px 16px;border-bottom:1px solid #ddd;background:#fff}
h1{font-size:1.2rem;margin:0 0 4px}
h2{font-size:.95rem;margin:10px 0 4px}
.akg-sub{margin:2px 0;color:#555;font-size:.88rem}
.akg-note{margin:6px 0;padding:6px 10px;background:#fff4ce;border:1px solid #e0c36a;border-radius:4px;
  font-size:.88rem}
.akg-tools{margin-top:6px;display:flex;gap:8px;align-items:center;font-size:.9rem}
#akg-search{width:24em;padding:4px 6px}
#akg-found,#akg-status{color:#555}
main{flex:1;display:flex;min-height:0}
#akg-network{flex:1;min-width:0;background:#fff}
aside{width:340px;overflow:auto;border-left:1px solid #ddd;padding:4px 12px 12px;background:#fff;
  font-size:.84rem}
.akg-legend ul{list-style:none;padding:0;margin:0}
.akg-legend li{display:flex;align-items:center;gap:8px;margin:3px 0}
.akg-hint{color:#666}
.akg-sw{display:inline-block;width:13px;height:13px;border:1px solid;flex:none;box-sizing:border-box}
.akg-shape-dot,.akg-shape-ellipse{border-radius:50%}
.akg-shape-ellipse,.akg-shape-box{width:20px;height:12px}
.akg-shape-box{border-radius:3px}
.akg-shape-diamond{transform:rotate(45deg) scale(.8)}
.akg-shape-triangle{clip-path:polygon(50% 0,100% 100%,0 100%)}
.akg-shape-hexagon{clip-path:polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%)}
.akg-ln{display:inline-block;width:28px;height:0;flex:none}
.akg-tip{position:fixed;z-index:10;pointer-events:none;max-width:460px;max-height:70vh;overflow:hidden;
  padding:6px 8px;background:#fffff4;border:1px solid #999;border-radius:4px;
  box-shadow:0 2px 6px rgba(0,0,0,.2);font-size:12px;line-height:1.35}
.akg-card-title{font-weight:600;margin-bottom:3px;overflow-wrap:anywhere}
.akg-line{overflow-wrap:anywhere}
.akg-claim{border-top:1px solid #ddd;padding-top:4px;margin-top:4px}
.akg-claim-head{font-weight:600}
.akg-quote{margin:3px 0 3px 6px;padding-left:6px;border-left:3px solid #ccc;font-style:italic}
.akg-doc{color:#444;overflow-wrap:anywhere}
.akg-more{color:#666;margin-top:4px}
"""

# The page's own script. It reads the graph from the JSON block and builds every piece of text
# with textContent; links get an href only when it starts with http(s)://.
_PAGE_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var WEB = /^https?:\/\//i;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function link(parent, href) {
    if (typeof href === "string" && WEB.test(href)) {
      var a = el("a", null, href);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer nofollow";
      parent.appendChild(a);
    } else {
      parent.appendChild(document.createTextNode(String(href)));
    }
  }

  function card(tip) {
    var root = el("div", "akg-card");
    root.appendChild(el("div", "akg-card-title", tip.title));
    (tip.claims || []).forEach(function (c) {
      var box = el("div", "akg-claim");
      box.appendChild(el("div", "akg-claim-head", c.head));
      (c.lines || []).forEach(function (line) { box.appendChild(el("div", "akg-line", line)); });
      (c.quotes || []).forEach(function (q) {
        box.appendChild(el("blockquote", "akg-quote", "« " + q + " »"));
      });
      (c.docs || []).forEach(function (d) {
        var line = el("div", "akg-doc", "Source: " + d.title);
        if (d.href) { line.appendChild(document.createTextNode(" — ")); link(line, d.href); }
        box.appendChild(line);
      });
      root.appendChild(box);
    });
    (tip.lines || []).forEach(function (line) { root.appendChild(el("div", "akg-line", line)); });
    if (tip.more) { root.appendChild(el("div", "akg-more", tip.more)); }
    return root;
  }

  var byNode = {};
  var byEdge = {};
  var layout = data.layout;
  var fixed = layout.mode === "fixed";
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    byNode[n.id] = n;
    var item = { id: n.id, label: n.label, group: n.group };
    if (n.value !== undefined) { item.value = n.value; }
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    byEdge[e.id] = e;
    var k = data.edgeKinds[e.kind];
    var item = {
      id: e.id, from: e.from, to: e.to, value: e.value,
      color: { color: k.color, highlight: k.color, hover: k.color, inherit: false },
      dashes: k.dashes,
      smooth: fixed ? false : { enabled: true, type: "curvedCW", roundness: k.roundness }
    };
    if (e.label) { item.label = e.label; }
    return item;
  }));

  var options = {
    groups: data.groups,
    nodes: { font: { size: 14, face: "sans-serif" }, scaling: { min: 10, max: 42 }, borderWidth: 1.5 },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      scaling: { min: 1, max: 8 },
      font: { size: 10, align: "horizontal", strokeWidth: 3 },
      selectionWidth: 2
    },
    layout: { randomSeed: 7, improvedLayout: layout.improved === true },
    physics: fixed ? false : {
      solver: layout.solver,
      forceAtlas2Based: { gravitationalConstant: -80, springLength: 130, avoidOverlap: 0.4 },
      barnesHut: { gravitationalConstant: -6000, springLength: 160, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: layout.iterations, updateInterval: 25, fit: true }
    },
    interaction: { hover: true, multiselect: true, hideEdgesOnDrag: fixed, hideEdgesOnZoom: fixed }
  };
  var container = document.getElementById("akg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // For scripts and tests driving the page: ready once the layout has settled and physics stopped.
  var view = {
    network: network, nodes: nodes, edges: edges, layout: layout.mode, ready: false, readyAt: null
  };
  window.akgView = view;
  var status = document.getElementById("akg-status");
  function ready() {
    if (view.ready) { return; }
    view.ready = true;
    view.readyAt = performance.now();
    status.textContent = "";
  }
  if (fixed || !data.nodes.length) {
    network.once("afterDrawing", ready);
  } else {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      ready();
    });
  }

  // Tooltips are built when shown, as DOM nodes, never from markup.
  var tipBox = document.getElementById("akg-tip");
  function hideTip() { tipBox.hidden = true; }
  function showTip(tip, pointer) {
    while (tipBox.firstChild) { tipBox.removeChild(tipBox.firstChild); }
    tipBox.appendChild(card(tip));
    tipBox.hidden = false;
    var box = container.getBoundingClientRect();
    var x = box.left + pointer.x + 14;
    var y = box.top + pointer.y + 14;
    x = Math.max(4, Math.min(x, window.innerWidth - tipBox.offsetWidth - 8));
    y = Math.max(4, Math.min(y, window.innerHeight - tipBox.offsetHeight - 8));
    tipBox.style.left = x + "px";
    tipBox.style.top = y + "px";
  }
  network.on("hoverNode", function (p) { showTip(byNode[p.node].tip, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(byEdge[p.edge].tip, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
  container.addEventListener("mouseleave", hideTip);

  var details = document.getElementById("akg-details");
  function show(tip) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(tip ? card(tip) : el("p", "akg-hint", "Click a node or an edge to see its claims."));
  }
  network.on("click", function (p) {
    if (p.nodes.length) { show(byNode[p.nodes[0]].tip); }
    else if (p.edges.length) { show(byEdge[p.edges[0]].tip); }
    else { show(null); }
  });

  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var keys = data.nodes.map(function (n) { return [n.id, fold(n.search || n.label)]; });
  var input = document.getElementById("akg-search");
  var found = document.getElementById("akg-found");
  function highlight() {
    var q = fold(input.value.trim());
    var ids = null;
    if (q) {
      ids = keys.filter(function (k) { return k[1].indexOf(q) !== -1; }).map(function (k) { return k[0]; });
    }
    var hit = {};
    (ids || []).forEach(function (id) { hit[id] = true; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: ids === null || hit[n.id] ? 1 : 0.2 };
    }));
    network.selectNodes(ids || [], false);
    found.textContent = ids === null ? "" : ids.length + (ids.length === 1 ? " match" : " matches");
    return ids;
  }
  input.addEventListener("input", highlight);
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    ev.preventDefault();
    var ids = highlight();
    if (ids && ids.length) {
      network.fit({ nodes: ids, animation: { duration: 400 } });
      if (ids.length === 1) { show(byNode[ids[0]].tip); }
    }
  });
})();
"""
