/* citegraph page, part 1 of 5: the data, its indexes, the styles and small text helpers.
   The parts are concatenated in html.PAGE_SCRIPTS order inside one function scope.
   Document text is only ever put into the page with textContent (never as HTML). */
var data = JSON.parse(document.getElementById("citegraph-data").textContent);
var api = { ready: false, readyAt: null, data: data };
window.citegraph = api;
var OTHER_KIND = { color: "#9c9c9c", shape: "ellipse", name: "Other" };
var OTHER_REL = { color: "#aaaaaa", dashes: [2, 2], arrows: "to", name: "other" };
var big = !!data.big;
var byId = {}, incoming = {}, outgoing = {}, edgeById = {};
data.nodes.forEach(function (n) { byId[n.id] = n; incoming[n.id] = []; outgoing[n.id] = []; });
data.edges.forEach(function (e, i) {
  e.id = "e" + i;
  edgeById[e.id] = e;
  if (outgoing[e.from]) outgoing[e.from].push(e);
  if (incoming[e.to]) incoming[e.to].push(e);
});
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
function button(cls, text, onClick) {
  var b = el("button", cls, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}
function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }
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
function kindBadge(kind) {
  var badge = el("span", "kind", kind);
  badge.style.background = kindStyle(kind).color;
  return badge;
}
/* Colouring: by kind (the default) or by co-citation cluster (works and documents in a
   cluster take its colour, everything else CLUSTER_NONE). nodeFill(n) is the colour a node
   is drawn with now; page_legend.js switches colourBy. */
var clusters = data.clusters || [];
var CLUSTER_NONE = "#dcdcdc";
var colourBy = "kind";
function clusterOf(n) { return n && n.cl ? clusters[n.cl - 1] || null : null; }
function nodeFill(n) {
  if (colourBy !== "cluster") return kindStyle(n.kind).color;
  var c = clusterOf(n);
  return c ? c.color : CLUSTER_NONE;
}
