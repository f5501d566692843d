
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
  // The view as drawn (data) and, when the page has one, the same view with actors folded into their
  // principals or unfolded (data.alternative): the toggle swaps them.
  var current = { nodes: data.nodes, edges: data.edges, layout: data.layout };
  var layout = current.layout;
  var fixed = layout.mode === "fixed";

  function nodeItem(n) {
    byNode[n.id] = n;
    var item = { id: n.id, label: n.label, group: n.group };
    if (n.value !== undefined) { item.value = n.value; }
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }
  function edgeItem(e) {
    byEdge[e.id] = e;
    var k = data.edgeKinds[e.kind];
    var item = {
      id: e.id, from: e.from, to: e.to, value: e.value,
      color: { color: k.color, highlight: k.color, hover: k.color, inherit: false },
      dashes: k.dashes,
      smooth: fixed ? false : { enabled: true, type: "curvedCW", roundness: k.roundness }
    };
    if (k.length) { item.length = k.length; }
    if (e.label) { item.label = e.label; }
    return item;
  }
  var nodes = new vis.DataSet(current.nodes.map(nodeItem));
  var edges = new vis.DataSet(current.edges.map(edgeItem));

  function physicsOptions(lay) {
    return {
      enabled: true,
      solver: lay.solver,
      forceAtlas2Based: { gravitationalConstant: -80, springLength: 130, avoidOverlap: 0.6 },
      barnesHut: { gravitationalConstant: -6000, springLength: 160, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: lay.iterations, updateInterval: 25, fit: true }
    };
  }
  var options = {
    groups: data.groups,
    nodes: {
      font: { size: 14, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      widthConstraint: { maximum: 170 }, scaling: { min: 10, max: 42 }, borderWidth: 1.5
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      scaling: { min: 1, max: 8 },
      font: { size: 10, align: "horizontal", strokeWidth: 3 },
      selectionWidth: 2
    },
    layout: { randomSeed: 7, improvedLayout: layout.improved === true },
    physics: fixed ? false : physicsOptions(layout),
    interaction: { hover: true, multiselect: true, hideEdgesOnDrag: fixed, hideEdgesOnZoom: fixed }
  };
  var container = document.getElementById("akg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // For scripts and tests driving the page: ready once the layout has settled and physics stopped.
  var view = {
    network: network, nodes: nodes, edges: edges, layout: layout.mode, ready: false, readyAt: null,
    folded: data.folded === true
  };
  window.akgView = view;
  var status = document.getElementById("akg-status");
  function ready() {
    if (view.ready) { return; }
    view.ready = true;
    view.readyAt = performance.now();
    status.textContent = "";
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  function settle() {
    if (fixed || !current.nodes.length) {
      network.once("afterDrawing", ready);
      network.redraw();
    } else {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: false });
        ready();
      });
    }
  }
  settle();

  var foldBox = document.getElementById("akg-fold");
  if (foldBox && data.alternative) {
    foldBox.addEventListener("change", function () {
      var shown = current;
      current = data.alternative;
      data.alternative = shown;
      view.folded = !view.folded;
      foldBox.checked = view.folded;
      view.ready = false;
      fixed = current.layout.mode === "fixed";
      view.layout = current.layout.mode;
      byNode = {};
      byEdge = {};
      hideTip();
      show(null);
      edges.clear();
      nodes.clear();
      nodes.add(current.nodes.map(nodeItem));
      edges.add(current.edges.map(edgeItem));
      keys = searchKeys();
      input.value = "";
      found.textContent = "";
      network.setOptions({
        physics: fixed ? false : physicsOptions(current.layout),
        interaction: { hideEdgesOnDrag: fixed, hideEdgesOnZoom: fixed }
      });
      settle();
      if (!fixed && current.nodes.length) { network.stabilize(current.layout.iterations); }
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
  function searchKeys() { return current.nodes.map(function (n) { return [n.id, fold(n.search || n.label)]; }); }
  var keys = searchKeys();
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
    nodes.update(current.nodes.map(function (n) {
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
