/* citegraph page, part 2 of 5: the vis-network drawing, tooltips, physics and fit, and the
   highlight overlay. Search and focus both dim what they leave out: instead of restyling
   thousands of vis items (slow on big graphs), a white veil is drawn over the network after
   vis draws it, and the highlighted nodes and edges are drawn again on top: one redraw,
   whatever the graph size. What is highlighted comes from highlighted() (part 4). */

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
  if (e.cites && e.cites.length > 1) box.appendChild(el("div", "m", "+ " + plural(e.cites.length - 1, "more sentence", "more sentences")));
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
var LABEL_FONT = 12, LABEL_MIN = big ? 8 : 5;
var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
  physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
  layout: { improvedLayout: false, randomSeed: 1 },
  interaction: { hover: true, keyboard: false, multiselect: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 3600000 },
  edges: { smooth: false, arrowStrikethrough: false, selectionWidth: 1.5, hoverWidth: 0.5 },
  nodes: { borderWidth: 1, font: { size: LABEL_FONT, face: "system-ui, sans-serif" }, scaling: { label: { drawThreshold: LABEL_MIN } } },
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

/* The highlight overlay. */
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
function drawEdge(ctx, e, p, q) {
  var s = relStyle(e.relation);
  ctx.strokeStyle = e.relation === "cites" && (e.from === focusId || e.to === focusId) ? "#222" : s.color;
  ctx.setLineDash(s.dashes && s.dashes.join ? s.dashes : []);
  ctx.beginPath();
  ctx.moveTo(p.x, p.y);
  ctx.lineTo(q.x, q.y);
  ctx.stroke();
  if (!s.arrows) return;
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
  h.edges.forEach(function (e) { if (pos[e.from] && pos[e.to]) drawEdge(ctx, e, pos[e.from], pos[e.to]); });
  ctx.setLineDash([]);
  ctx.font = LABEL_FONT + "px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  var labels = LABEL_FONT * scale >= LABEL_MIN;
  ids.forEach(function (id) {
    var n = byId[id], p = pos[id];
    if (!n || !p) return;
    var st = kindStyle(n.kind);
    shapePath(ctx, st.shape, p.x, p.y, n.size);
    var fill = nodeFill(n);  /* the kind's colour, or the cluster's when colouring by cluster */
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = id === focusId ? "#000" : fill;
    ctx.lineWidth = id === focusId ? 3 / Math.max(scale, 0.5) : 1;
    ctx.stroke();
    var text = n.label || (id === focusId || n.kind !== "claim" ? n.fullLabel.slice(0, 40) : "");
    if (labels && text) {
      ctx.fillStyle = "#111";
      ctx.fillText(text, p.x, p.y + n.size + 4 + LABEL_FONT * 0.9);  /* where vis-network puts its label */
    }
  });
  ctx.restore();
});
function restyle() { network.body && network.body.emitter ? network.body.emitter.emit("_requestRedraw") : network.redraw(); }
