/* citegraph page: draws the graph from the JSON block with vis-network.
   Document text is only ever put into the page with textContent (never as HTML). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("citegraph-data").textContent);
  var api = { ready: false, readyAt: null, data: data };
  window.citegraph = api;
  var OTHER_KIND = { color: "#9c9c9c", shape: "ellipse", name: "Other" };
  var OTHER_REL = { color: "#aaaaaa", dashes: [2, 2], arrows: "to", name: "other" };
  var big = !!data.big;
  var byId = {}, incoming = {}, outgoing = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; incoming[n.id] = []; outgoing[n.id] = []; });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    if (outgoing[e.from]) outgoing[e.from].push(e);
    if (incoming[e.to]) incoming[e.to].push(e);
  });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  function kindStyle(k) { return data.kinds[k] || OTHER_KIND; }
  function relStyle(r) { return data.relations[r] || OTHER_REL; }
  var NS = "http://www.w3.org/2000/svg";
  var SHAPES = { square: "2,2 12,2 12,12 2,12", diamond: "7,0.5 13.5,7 7,13.5 0.5,7", triangle: "7,1 13,13 1,13",
    star: "7,0.5 8.8,5 13.5,5.2 9.8,8.2 11,13 7,10.3 3,13 4.2,8.2 0.5,5.2 5.2,5" };
  var ORDER = ["cites", "supports", "makes", "mentions", "quotes", "said-by", "authored-by", "excerpt-of", "lists", "version-of", "owned-by", "same-as"];
  var IN_NAMES = { cites: "Cited by", supports: "Claims citing it", mentions: "Mentioned by", makes: "Made in",
    "authored-by": "Author of", "said-by": "Said", quotes: "Quoted in", "excerpt-of": "Excerpts", lists: "Listed in",
    "same-as": "Same as", "version-of": "Other versions", "owned-by": "Owns" };
  var OUT_NAMES = { cites: "Cites", supports: "Cites (claim)", mentions: "Mentions", makes: "Claims made",
    "authored-by": "Authors", "said-by": "Said by", quotes: "Quotes", "excerpt-of": "Excerpt of", lists: "Lists",
    "same-as": "Same as", "version-of": "Version of", "owned-by": "Owned by" };

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
  function labelOf(id) { var n = byId[id]; return n ? n.fullLabel : String(id); }
  function citedTargets(id) {
    return outgoing[id].filter(function (e) { return e.relation === "cites" || e.relation === "supports"; })
      .map(function (e) { return labelOf(e.to); });
  }
  function where(e) {
    var parts = [];
    if (e.doc && e.doc !== e.from && e.doc !== e.to) parts.push(labelOf(e.doc));
    if (e.line) parts.push("line " + e.line);
    return parts.join(", ");
  }

  /* Tooltips: built on hover (cheap for big graphs), shown in our own box as text. */
  function tooltip(n) {
    var info = n.info || {};
    var box = document.createDocumentFragment();
    if (n.kind === "claim") {
      box.appendChild(el("div", "t", info.text || n.fullLabel));
      if (info.speaker) box.appendChild(el("div", "m", "Said by " + info.speaker + (info.speaker_role ? ", " + info.speaker_role : "")));
      var cites = citedTargets(n.id);
      if (cites.length) box.appendChild(el("div", "m", "Cites: " + cites.join("; ")));
      if (info.doc) box.appendChild(el("div", "m", "In " + labelOf(info.doc) + (info.section ? " \u00b7 " + info.section : "")));
    } else if (n.kind === "work" || n.kind === "document") {
      var head = [authorsText(info), info.year ? "(" + info.year + ")" : ""].filter(Boolean).join(" ");
      if (head) box.appendChild(el("div", "m", head));
      box.appendChild(el("div", "t", info.title || n.fullLabel));
      if (info.venue) box.appendChild(el("div", "m", info.venue));
      var extra = [];
      if (info.key) extra.push("key " + info.key);
      extra.push("cited " + (info.cited_by || 0) + "\u00d7 here");
      box.appendChild(el("div", "m", extra.join(" \u00b7 ")));
    } else {
      box.appendChild(el("div", "t", n.fullLabel));
      if (info.role || info.speaker_role) box.appendChild(el("div", "m", info.role || info.speaker_role));
      if (info.aliases && info.aliases.length) box.appendChild(el("div", "m", "Also: " + [].concat(info.aliases).join(", ")));
      box.appendChild(el("div", "m", n.kind + " \u00b7 " + incoming[n.id].length + " in, " + outgoing[n.id].length + " out"));
    }
    return box;
  }
  function edgeTooltip(e) {
    var box = document.createDocumentFragment();
    box.appendChild(el("div", "m", labelOf(e.from) + " \u2192 " + relStyle(e.relation).name + " \u2192 " + labelOf(e.to)));
    if (e.cites && e.cites.length) box.appendChild(el("div", "t", "\u201c" + e.cites[0].s + "\u201d"));
    if (e.cites && e.cites.length > 1) box.appendChild(el("div", "m", "+ " + (e.cites.length - 1) + " more sentences"));
    var w = where(e);
    if (w) box.appendChild(el("div", "m", w));
    return box;
  }
  var container = document.getElementById("network");
  var tip = el("div", "tip");  /* added to the container once vis-network has taken it over */
  tip.id = "tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  function showTip(content, pointer) {
    tip.replaceChildren(content);
    tip.hidden = false;
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > container.clientWidth) x = Math.max(0, pointer.x - w - 8);
    if (y + h > container.clientHeight) y = Math.max(0, pointer.y - h - 8);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }

  /* The network. */
  var groups = {};
  Object.keys(data.kinds).forEach(function (k) {
    var s = kindStyle(k);
    groups[k] = { shape: s.shape, color: { background: s.color, border: s.color, highlight: { background: s.color, border: "#000" }, hover: { background: s.color, border: "#333" } } };
  });
  var EDGE_ALPHA = big ? 0.35 : 0.7;
  function visEdge(e) {
    var s = relStyle(e.relation);
    return { id: e.id, from: e.from, to: e.to, color: { color: s.color, highlight: "#222", hover: s.color, opacity: EDGE_ALPHA },
      dashes: s.dashes, arrows: s.arrows || "", width: e.relation === "cites" ? 1.4 : 1 };
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, group: n.kind in data.kinds ? n.kind : "other" };
  }));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, keyboard: false, multiselect: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 3600000 },
    edges: { smooth: false, arrowStrikethrough: false, selectionWidth: 1.5, hoverWidth: 0.5 },
    nodes: { borderWidth: 1, font: { size: 12, face: "system-ui, sans-serif" }, scaling: { label: { drawThreshold: big ? 8 : 5 } } },
    groups: groups
  });
  container.appendChild(tip);
  network.once("afterDrawing", function () {
    api.readyAt = performance.now();
    api.ready = true;
    document.documentElement.setAttribute("data-ready", "1");
  });
  network.on("hoverNode", function (p) { if (byId[p.node]) showTip(tooltip(byId[p.node]), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { if (edgeById[p.edge]) showTip(edgeTooltip(edgeById[p.edge]), p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });

  /* Physics toggle and fit. */
  var physicsOn = false;
  var physicsButton = document.getElementById("physics");
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    physicsButton.textContent = "Physics: " + (physicsOn ? "on" : "off");
    physicsButton.setAttribute("aria-pressed", String(physicsOn));
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: !big }); });

  /* Filters: kind, platform, document, year range. */
  var shownKind = {};
  var filterBox = document.getElementById("filters");
  var platformSelect = document.getElementById("filter-platform");
  var docSelect = document.getElementById("filter-doc");
  var yearFrom = document.getElementById("year-from");
  var yearTo = document.getElementById("year-to");
  var kindBoxes = {};
  Object.keys(data.kinds).forEach(function (kind) {
    shownKind[kind] = true;
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = kind;
    box.addEventListener("change", function () { shownKind[kind] = box.checked; applyFilters(); });
    kindBoxes[kind] = box;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + kind));
    filterBox.appendChild(label);
  });
  function fillSelect(select, list) {
    list.forEach(function (item, i) {
      var o = el("option", null, item.label);
      o.value = String(i);
      select.appendChild(o);
    });
    if (!list.length) select.parentNode.hidden = true;
  }
  fillSelect(platformSelect, data.platforms);
  fillSelect(docSelect, data.docs);
  var years = data.nodes.filter(function (n) { return n.yr; }).map(function (n) { return n.yr; });
  var minYear = years.length ? Math.min.apply(null, years) : 0;
  var maxYear = years.length ? Math.max.apply(null, years) : 0;
  if (years.length) {
    [yearFrom, yearTo].forEach(function (inp) { inp.min = minYear; inp.max = maxYear; });
    yearFrom.value = minYear;
    yearTo.value = maxYear;
  } else {
    document.getElementById("years").hidden = true;
  }
  var hiddenNow = {};
  var shownCount = document.getElementById("shown");
  function passes(n) {
    if (shownKind[n.kind] === false) return false;
    var p = platformSelect.value, d = docSelect.value;
    if (p !== "" && !(n.p && n.p.indexOf(+p) >= 0)) return false;
    if (d !== "" && !(n.d && n.d.indexOf(+d) >= 0)) return false;
    if (n.yr) {
      var lo = parseInt(yearFrom.value, 10), hi = parseInt(yearTo.value, 10);
      if (!isNaN(lo) && n.yr < lo) return false;
      if (!isNaN(hi) && n.yr > hi) return false;
    }
    return true;
  }
  function applyFilters() {
    var updates = [], visible = 0;
    data.nodes.forEach(function (n) {
      var hide = !passes(n);
      if (!hide) visible++;
      if (!!hiddenNow[n.id] !== hide) { hiddenNow[n.id] = hide; updates.push({ id: n.id, hidden: hide }); }
    });
    if (updates.length) nodes.update(updates);
    shownCount.textContent = visible === data.nodes.length ? data.nodes.length + " nodes" : visible + " of " + data.nodes.length + " shown";
    if (focusId && hiddenNow[focusId]) clearFocus();
  }
  [platformSelect, docSelect].forEach(function (s) { s.addEventListener("change", applyFilters); });
  [yearFrom, yearTo].forEach(function (s) { s.addEventListener("input", applyFilters); });

  /* Search and focus both dim what they leave out. Instead of restyling thousands of vis items
     (slow on big graphs), a white veil is drawn over the network after vis draws it, and the
     highlighted nodes and edges are drawn again on top: one redraw, whatever the graph size. */
  var query = "", hits = {}, matches = [];
  var focusId = null, focusSet = {};
  var haystack = null;
  function buildHaystack() {
    haystack = {};
    data.nodes.forEach(function (n) {
      var i = n.info || {};
      var plats = (n.p || []).map(function (k) { return data.platforms[k].label; });
      haystack[n.id] = [n.id, n.fullLabel, i.title, authorsText(i), i.key, i.venue, i.year, i.speaker, i.text,
        [].concat(i.aliases || []).join(" "), plats.join(" ")].filter(Boolean).join("\n").toLowerCase();
    });
  }
  function highlighted() {
    if (focusId) {
      return { nodes: Object.keys(focusSet), edges: incoming[focusId].concat(outgoing[focusId]) };
    }
    if (query) {
      var es = [];
      matches.forEach(function (id) { outgoing[id].forEach(function (e) { if (hits[e.to]) es.push(e); }); });
      return { nodes: matches, edges: es };
    }
    return null;
  }
  function shapePath(ctx, shape, x, y, r) {
    var pts = SHAPES[shape];
    ctx.beginPath();
    if (!pts) { ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    pts.split(" ").forEach(function (p, i) {
      var xy = p.split(",");
      var px = x + (xy[0] - 7) / 6.5 * r, py = y + (xy[1] - 7) / 6.5 * r;
      if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    });
    ctx.closePath();
  }
  network.on("afterDrawing", function (ctx) {
    var h = highlighted();
    if (!h) return;
    var scale = network.getScale();
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.fillStyle = "rgba(255,255,255,0.85)";
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    var ids = h.nodes.filter(function (id) { return !hiddenNow[id]; });
    var pos = network.getPositions(ids);
    ctx.lineWidth = Math.max(1.6, 1 / scale);
    h.edges.forEach(function (e) {
      var p = pos[e.from], q = pos[e.to];
      if (!p || !q) return;
      var s = relStyle(e.relation);
      ctx.strokeStyle = e.from === focusId || e.to === focusId ? "#222" : s.color;
      if (e.relation !== "cites") ctx.strokeStyle = s.color;
      ctx.setLineDash(s.dashes && s.dashes.join ? s.dashes : []);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      ctx.lineTo(q.x, q.y);
      ctx.stroke();
      if (s.arrows) {
        var dx = q.x - p.x, dy = q.y - p.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var r = (byId[e.to].size || 10) + 2, ux = dx / d, uy = dy / d, tx = q.x - ux * r, ty = q.y - uy * r, L = 8;
        ctx.setLineDash([]);
        ctx.fillStyle = ctx.strokeStyle;
        ctx.beginPath();
        ctx.moveTo(tx, ty);
        ctx.lineTo(tx - ux * L - uy * L * 0.5, ty - uy * L + ux * L * 0.5);
        ctx.lineTo(tx - ux * L + uy * L * 0.5, ty - uy * L - ux * L * 0.5);
        ctx.closePath();
        ctx.fill();
      }
    });
    ctx.setLineDash([]);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    var labels = 12 * scale >= (big ? 8 : 5);
    ids.forEach(function (id) {
      var n = byId[id], p = pos[id];
      if (!n || !p) return;
      var st = kindStyle(n.kind);
      shapePath(ctx, st.shape, p.x, p.y, n.size);
      ctx.fillStyle = st.color;
      ctx.fill();
      ctx.strokeStyle = id === focusId ? "#000" : st.color;
      ctx.lineWidth = id === focusId ? 3 / Math.max(scale, 0.5) : 1;
      ctx.stroke();
      var text = n.label || (id === focusId || n.kind !== "claim" ? n.fullLabel.slice(0, 40) : "");
      if (labels && text) {
        ctx.fillStyle = "#111";
        ctx.fillText(text, p.x, p.y + n.size + 3);
      }
    });
    ctx.restore();
  });
  function restyle() { network.body && network.body.emitter ? network.body.emitter.emit("_requestRedraw") : network.redraw(); }
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    if (q && !haystack) buildHaystack();
    query = q;
    hits = {};
    matches = q ? data.nodes.filter(function (n) { return haystack[n.id].indexOf(q) >= 0; }).map(function (n) { return n.id; }) : [];
    matches.forEach(function (id) { hits[id] = true; });
    count.textContent = q ? matches.length + " found" : "";
    restyle();
    if (!focusId) showMatches();
    return matches.slice();
  }
  var timer = null;
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, big ? 250 : 120); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    clearTimeout(timer);
    runSearch();
    var visible = matches.filter(function (id) { return !hiddenNow[id]; });
    if (visible.length === 1) focusNode(visible[0]);
    else if (visible.length) network.fit({ nodes: visible, animation: !big });
  });

  /* Side panel. */
  var details = document.getElementById("details");
  var hint = details.firstElementChild;
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
    list.slice(0, 300).forEach(function (e) {
      var other = otherEnd(e);
      var li = el("li");
      li.appendChild(nodeButton(other));
      var w = where(e);
      if (w) li.appendChild(el("span", "where", " \u2014 " + w));
      var on = byId[other];
      if (on && on.kind === "claim" && on.info && on.info.text) li.appendChild(el("span", "sentence", "\u201c" + on.info.text + "\u201d"));
      (e.cites || []).forEach(function (c) {
        li.appendChild(el("span", "sentence", "\u201c" + c.s + "\u201d" + (c.l ? " (line " + c.l + ")" : "")));
      });
      ul.appendChild(li);
    });
    if (list.length > 300) ul.appendChild(el("li", "where", "\u2026 and " + (list.length - 300) + " more"));
    section.appendChild(ul);
    return section;
  }
  function grouped(list) {
    var groups = {};
    list.forEach(function (e) { (groups[e.relation] = groups[e.relation] || []).push(e); });
    return Object.keys(groups).sort(function (a, b) {
      var ia = ORDER.indexOf(a), ib = ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    }).map(function (k) { return [k, groups[k]]; });
  }
  function showMatches() {
    details.replaceChildren();
    if (!query) { details.appendChild(hint); return; }
    details.appendChild(el("h2", null, matches.length + " match" + (matches.length === 1 ? "" : "es") + " for \u201c" + search.value.trim() + "\u201d"));
    var ul = el("ul");
    matches.slice(0, 100).forEach(function (id) {
      var li = el("li");
      var badge = el("span", "kind", byId[id].kind);
      badge.style.background = kindStyle(byId[id].kind).color;
      li.appendChild(badge);
      li.appendChild(nodeButton(id));
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function showDetails(id) {
    var n = byId[id];
    details.replaceChildren();
    if (!n) return;
    var h = el("h2");
    var badge = el("span", "kind", n.kind);
    badge.style.background = kindStyle(n.kind).color;
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
    if (n.kind === "work" || n.kind === "document") meta(dl, "Cited", (i.cited_by || 0) + " times in this corpus");
    meta(dl, "Speaker", i.speaker ? i.speaker + (i.speaker_role ? ", " + i.speaker_role : "") : "");
    meta(dl, "Role", i.role);
    meta(dl, "Section", i.section);
    meta(dl, "Document", i.doc ? labelOf(i.doc) : "");
    meta(dl, "File", i.path);
    meta(dl, "Mentions", i.mentions);
    meta(dl, "Also", i.aliases ? [].concat(i.aliases).join(", ") : "");
    meta(dl, "DOI", i.doi);
    meta(dl, "URL", i.url);
    details.appendChild(dl);
    grouped(incoming[id]).forEach(function (g) {
      details.appendChild(edgeList(IN_NAMES[g[0]] || g[0] + " (in)", g[1], function (e) { return e.from; }));
    });
    grouped(outgoing[id]).forEach(function (g) {
      details.appendChild(edgeList(OUT_NAMES[g[0]] || g[0], g[1], function (e) { return e.to; }));
    });
  }
  function setFocus(id) {
    focusId = id;
    focusSet = {};
    focusSet[id] = true;
    incoming[id].forEach(function (e) { focusSet[e.from] = true; });
    outgoing[id].forEach(function (e) { focusSet[e.to] = true; });
    restyle();
    showDetails(id);
  }
  function clearFocus() {
    focusId = null;
    focusSet = {};
    restyle();
    showMatches();
  }
  function focusNode(id) {
    if (!byId[id]) return;
    setFocus(id);
    if (hiddenNow[id]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: !big });
  }
  network.on("click", function (params) {
    if (params.nodes.length) setFocus(params.nodes[0]);
    else if (!params.edges.length && focusId) clearFocus();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && focusId) { network.unselectAll(); clearFocus(); } });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    query = "";
    hits = {};
    count.textContent = "";
    platformSelect.value = "";
    docSelect.value = "";
    if (years.length) { yearFrom.value = minYear; yearTo.value = maxYear; }
    Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = true; shownKind[k] = true; });
    network.unselectAll();
    focusId = null;
    focusSet = {};
    applyFilters();
    restyle();
    showMatches();
    network.fit({ animation: false });
  });

  /* Legend: a drawn shape per kind, a drawn line per relation. */
  function icon(shape, color) {
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("class", "swatch");
    var s;
    if (SHAPES[shape]) { s = document.createElementNS(NS, "polygon"); s.setAttribute("points", SHAPES[shape]); }
    else { s = document.createElementNS(NS, "circle"); s.setAttribute("cx", "7"); s.setAttribute("cy", "7"); s.setAttribute("r", "6"); }
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }
  function stroke(style) {
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", "30");
    svg.setAttribute("height", "10");
    svg.setAttribute("class", "swatch");
    var l = document.createElementNS(NS, "line");
    [["x1", "1"], ["y1", "5"], ["x2", "29"], ["y2", "5"], ["stroke", style.color], ["stroke-width", "2"]].forEach(function (a) { l.setAttribute(a[0], a[1]); });
    if (style.dashes && style.dashes.join) l.setAttribute("stroke-dasharray", style.dashes.join(" "));
    svg.appendChild(l);
    return svg;
  }
  var legendKinds = document.getElementById("legend-kinds");
  Object.keys(data.kinds).forEach(function (kind) {
    var li = el("li");
    li.appendChild(icon(kindStyle(kind).shape, kindStyle(kind).color));
    li.appendChild(document.createTextNode(kindStyle(kind).name));
    legendKinds.appendChild(li);
  });
  var legendRelations = document.getElementById("legend-relations");
  Object.keys(data.relations).forEach(function (rel) {
    var li = el("li");
    li.appendChild(stroke(relStyle(rel)));
    li.appendChild(document.createTextNode(relStyle(rel).name));
    legendRelations.appendChild(li);
  });
  if (data.folded) {
    var notice = document.getElementById("notice");
    notice.textContent = data.folded + " claims are folded into their citation links to keep this large graph fast: their sentences are listed under \u201cCited by\u201d. (citegraph html --no-fold draws them as nodes.)";
    notice.hidden = false;
  }
  applyFilters();

  api.network = network;
  api.nodes = nodes;
  api.edges = edges;
  api.focus = focusNode;
  api.search = function (q) { search.value = q; return runSearch(); };
  api.visible = function () { return nodes.getIds({ filter: function (n) { return !n.hidden; } }); };
})();
