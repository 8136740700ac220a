/* citegraph page, part 5 of 5: the legend (a drawn shape per kind, a drawn line per relation),
   the folded-claims notice, the first filter pass and the window.citegraph handle for tests. */

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
