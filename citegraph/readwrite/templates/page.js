/* citegraph page: draws the graph from the JSON block with vis-network.
   Document text is only ever put into the page with textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("citegraph-data").textContent);
  var byId = {};
  var incoming = {};
  var outgoing = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; incoming[n.id] = []; outgoing[n.id] = []; });
  data.edges.forEach(function (e) {
    if (outgoing[e.from]) outgoing[e.from].push(e);
    if (incoming[e.to]) incoming[e.to].push(e);
  });
  var IN_NAMES = { cites: "Cited by", supports: "Supported by", mentions: "Mentioned by", makes: "Made in",
    "authored-by": "Author of", "said-by": "Said", "excerpt-of": "Excerpts", "same-as": "Same as",
    "version-of": "Other versions", "owned-by": "Owns" };
  var OUT_NAMES = { cites: "Cites", supports: "Supports", mentions: "Mentions", makes: "Claims made",
    "authored-by": "Authors", "said-by": "Said by", "excerpt-of": "Excerpt of", "same-as": "Same as",
    "version-of": "Version of", "owned-by": "Owned by" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function authorsText(info) {
    var a = info.authors;
    if (!a) return "";
    return Array.isArray(a) ? a.join("; ") : String(a);
  }
  function labelOf(id) { var n = byId[id]; return n ? n.fullLabel : id; }
  function citedTargets(id) {
    return outgoing[id].filter(function (e) { return e.relation === "cites" || e.relation === "supports"; })
      .map(function (e) { return labelOf(e.to); });
  }
  function where(e) {
    var parts = [];
    if (e.doc) parts.push(labelOf(e.doc));
    if (e.line) parts.push("line " + e.line);
    return parts.join(", ");
  }

  /* Tooltip: a DOM element (vis-network shows elements as they are, strings as text). */
  function tooltip(n) {
    var info = n.info || {};
    var box = el("div", "tip");
    if (n.kind === "claim") {
      box.appendChild(el("div", "t", info.text || n.fullLabel));
      if (info.speaker) box.appendChild(el("div", "m", "Said by " + info.speaker));
      var cites = citedTargets(n.id);
      if (cites.length) box.appendChild(el("div", "m", "Cites: " + cites.join("; ")));
      if (info.section) box.appendChild(el("div", "m", "Section: " + info.section));
    } else if (n.kind === "work" || n.kind === "document") {
      var head = [authorsText(info), info.year ? "(" + info.year + ")" : ""].filter(Boolean).join(" ");
      if (head) box.appendChild(el("div", "m", head));
      box.appendChild(el("div", "t", info.title || n.fullLabel));
      if (info.venue) box.appendChild(el("div", "m", info.venue));
      var extra = [];
      if (info.key) extra.push("key " + info.key);
      if (info.cited_by) extra.push("cited " + info.cited_by + "\u00d7");
      if (extra.length) box.appendChild(el("div", "m", extra.join(" \u00b7 ")));
    } else {
      box.appendChild(el("div", "t", n.fullLabel));
      box.appendChild(el("div", "m", n.kind + " \u00b7 " + incoming[n.id].length + " incoming links"));
    }
    return box;
  }

  function visNode(n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: { background: n.color, border: n.color, highlight: { background: n.color, border: "#000" } },
      font: { size: n.kind === "claim" ? 9 : 12 }, title: tooltip(n), hidden: false, opacity: 1
    };
  }
  function visEdge(e) {
    var tip = el("div", "tip", e.relation + (where(e) ? " (" + where(e) + ")" : ""));
    return { id: e.id, from: e.from, to: e.to, color: { color: e.color, opacity: 0.75 }, dashes: e.dashes,
      arrows: e.arrows || "", width: e.relation === "cites" ? 1.5 : 1, title: tip };
  }

  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, keyboard: false, multiselect: true },
    edges: { smooth: false, arrowStrikethrough: false },
    nodes: { borderWidth: 1 }
  });

  /* Physics toggle and fit. */
  var physicsOn = false;
  var physicsButton = document.getElementById("physics");
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    physicsButton.textContent = "Physics: " + (physicsOn ? "on" : "off");
    physicsButton.setAttribute("aria-pressed", String(physicsOn));
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: true }); });

  /* Kind filters. */
  var shown = {};
  var filters = document.getElementById("filters");
  Object.keys(data.kinds).forEach(function (kind) {
    shown[kind] = true;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      shown[kind] = box.checked;
      nodes.update(data.nodes.filter(function (n) { return n.kind === kind; })
        .map(function (n) { return { id: n.id, hidden: !box.checked }; }));
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + kind));
    filters.appendChild(label);
  });

  /* Legend. */
  var legendKinds = document.getElementById("legend-kinds");
  Object.keys(data.kinds).forEach(function (kind) {
    var li = el("li");
    var sw = el("span", "swatch");
    sw.style.background = data.kinds[kind].color;
    li.appendChild(sw);
    li.appendChild(document.createTextNode(data.kinds[kind].name + " (" + data.kinds[kind].shape + ")"));
    legendKinds.appendChild(li);
  });
  var legendRelations = document.getElementById("legend-relations");
  Object.keys(data.relations).forEach(function (rel) {
    var li = el("li");
    var line = el("span", "line" + (data.relations[rel].dashes ? " dashed" : ""));
    line.style.borderTopColor = data.relations[rel].color;
    li.appendChild(line);
    li.appendChild(document.createTextNode(data.relations[rel].name));
    legendRelations.appendChild(li);
  });

  /* Search: dims the nodes that do not match; Enter zooms to the matches. */
  var haystack = {};
  data.nodes.forEach(function (n) {
    var i = n.info || {};
    haystack[n.id] = [n.id, n.fullLabel, i.title, authorsText(i), i.key, i.venue, i.year, i.speaker, i.text]
      .filter(Boolean).join("\n").toLowerCase();
  });
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var matches = [];
  var timer = null;
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    matches = q ? data.nodes.filter(function (n) { return haystack[n.id].indexOf(q) >= 0; }).map(function (n) { return n.id; }) : [];
    var hit = {};
    matches.forEach(function (id) { hit[id] = true; });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, opacity: !q || hit[n.id] ? 1 : 0.15 }; }));
    count.textContent = q ? matches.length + " found" : "";
    network.selectNodes(matches.filter(function (id) { return shown[byId[id].kind]; }));
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 150); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    runSearch();
    var visible = matches.filter(function (id) { return shown[byId[id].kind]; });
    if (visible.length === 1) focusNode(visible[0]);
    else if (visible.length) network.fit({ nodes: visible, animation: true });
  });

  /* Side panel. */
  var details = document.getElementById("details");
  function nodeButton(id) {
    var b = el("button", "link", labelOf(id));
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function meta(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", null, name));
    dl.appendChild(el("dd", null, value));
  }
  function edgeList(title, list, otherEnd) {
    var section = document.createDocumentFragment();
    section.appendChild(el("h3", null, title + " (" + list.length + ")"));
    var ul = el("ul");
    list.forEach(function (e) {
      var other = otherEnd(e);
      var li = el("li");
      li.appendChild(nodeButton(other));
      var on = byId[other];
      if (on && on.kind === "claim" && on.info && on.info.text) li.appendChild(el("span", "sentence", "\u201c" + on.info.text + "\u201d"));
      var w = where(e);
      if (w) li.appendChild(el("span", "where", " \u2014 " + w));
      ul.appendChild(li);
    });
    section.appendChild(ul);
    return section;
  }
  function grouped(list) {
    var groups = {};
    list.forEach(function (e) { (groups[e.relation] = groups[e.relation] || []).push(e); });
    return groups;
  }
  function showDetails(id) {
    var n = byId[id];
    details.replaceChildren();
    if (!n) return;
    var h = el("h2");
    var badge = el("span", "kind", n.kind);
    badge.style.background = n.color;
    h.appendChild(badge);
    h.appendChild(document.createTextNode(n.fullLabel));
    details.appendChild(h);
    var i = n.info || {};
    if (n.kind === "claim" && i.text) details.appendChild(el("p", "sentence", i.text));
    var dl = el("dl", "meta");
    meta(dl, "Title", i.title);
    meta(dl, "Authors", authorsText(i));
    meta(dl, "Year", i.year);
    meta(dl, "Venue", i.venue);
    meta(dl, "Key", i.key);
    meta(dl, "Cited", i.cited_by ? i.cited_by + " times" : "");
    meta(dl, "Speaker", i.speaker);
    meta(dl, "Section", i.section);
    meta(dl, "Document", i.doc ? labelOf(i.doc) : "");
    meta(dl, "File", i.path);
    meta(dl, "DOI", i.doi);
    meta(dl, "URL", i.url);
    details.appendChild(dl);
    var ins = grouped(incoming[id]);
    Object.keys(ins).forEach(function (rel) {
      details.appendChild(edgeList(IN_NAMES[rel] || rel + " (from)", ins[rel], function (e) { return e.from; }));
    });
    var outs = grouped(outgoing[id]);
    Object.keys(outs).forEach(function (rel) {
      details.appendChild(edgeList(OUT_NAMES[rel] || rel, outs[rel], function (e) { return e.to; }));
    });
  }
  function focusNode(id) {
    if (!byId[id]) return;
    if (!shown[byId[id].kind]) return showDetails(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: true });
    showDetails(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });
  window.citegraph = { network: network, data: data, focus: focusNode, search: function (q) { search.value = q; runSearch(); return matches.slice(); } };
})();
