// The dispute view of akg: reads the disputes from the JSON block and builds every element with DOM
// calls and textContent, so that no string from the graph is parsed as markup; a link gets an href
// only when it starts with http:// or https://.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dispute-data").textContent);
  var main = document.getElementById("akg-timeline");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function docLink(step) {
    var p = el("p", "akg-doc");
    p.appendChild(document.createTextNode("Document: "));
    var source = step.source || "";
    var a;
    if (/^https?:\/\//i.test(source)) {
      a = el("a", null, step.document);
      a.href = source;
      a.rel = "noopener noreferrer";
    } else {
      a = el("span", null, step.document);
    }
    if (step.title) { a.title = step.title; }
    p.appendChild(a);
    return p;
  }

  function count(n, word) { return n + " " + word + (Number(n) === 1 ? "" : "s"); }

  var steps = 0;
  data.disputes.forEach(function (d) {
    var section = el("section", "akg-dispute");
    section.id = "dispute-" + d.key;
    section.appendChild(el("h2", null, d.about));
    var meta = [d.accusers + " → " + d.accused, count(d.accusations, "accusation"), count(d.rebuttals, "rebuttal"),
                count(d.responses, "response"), count(d.documents, "document")];
    if (d.firstDate) { meta.push(d.firstDate + (d.lastDate && d.lastDate !== d.firstDate ? " – " + d.lastDate : "")); }
    section.appendChild(el("p", "akg-meta", meta.join(" · ")));
    var list = el("ol", "akg-steps");
    d.steps.forEach(function (s) {
      var li = el("li", "akg-step akg-" + s.step.replace(/[^A-Za-z]/g, ""));
      var head = el("div", "akg-who");
      head.appendChild(el("span", "akg-when", s.date || "undated"));
      head.appendChild(el("span", "akg-kind", s.step));
      head.appendChild(document.createTextNode((s.by || "?") + (s.towards ? " → " + s.towards : "")));
      li.appendChild(head);
      if (s.quote) { li.appendChild(el("blockquote", "akg-quote", s.quote)); }
      li.appendChild(docLink(s));
      if (s.link) { li.appendChild(el("p", "akg-link", "Rebuts an accusation of its own text.")); }
      if (s.inferredFrom) {
        li.appendChild(el("p", "akg-link akg-inferred",
                          "Inferred across documents: answers the accusation stated in " + s.inferredFrom + "."));
      }
      list.appendChild(li);
      steps += 1;
    });
    section.appendChild(list);
    main.appendChild(section);
  });
  if (!data.disputes.length) { main.appendChild(el("p", "akg-note", "No dispute in this graph.")); }
  window.akgView = {ready: true, disputes: data.disputes.length, steps: steps};
}());
