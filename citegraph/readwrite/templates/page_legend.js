/* citegraph page, part 5 of 5: the legend (a drawn shape per kind, a drawn line per relation),
   the folded-claims notice, the first filter pass and the window.citegraph handle for tests;
   then the "Colour: kind | cluster" control and the cluster legend. */

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

/* "Colour: kind | cluster": works and documents coloured by their co-citation cluster, the
   legend then lists the clusters (number, label from title words, size). */
var legendClusters = el("ul");
legendClusters.id = "legend-clusters";
legendClusters.hidden = true;
legendRelations.parentNode.insertBefore(legendClusters, legendRelations);
clusters.filter(function (c) { return !c.minor; }).forEach(function (c) {
  var li = el("li", "cluster");
  li.appendChild(icon("dot", c.color));
  li.appendChild(document.createTextNode(c.n + " \u00b7 " + c.label + " (" + plural(c.size, "work") + ")"));
  legendClusters.appendChild(li);
});
var minorClusters = clusters.filter(function (c) { return c.minor; });
if (minorClusters.length) {
  var minorItem = el("li", "cluster minor");
  minorItem.appendChild(icon("dot", minorClusters[0].color));
  minorItem.appendChild(document.createTextNode(plural(minorClusters.length, "smaller cluster") + " (" +
    plural(minorClusters.reduce(function (s, c) { return s + c.size; }, 0), "work") + ")"));
  legendClusters.appendChild(minorItem);
}
var unclustered = el("li", "cluster none");
unclustered.appendChild(icon("dot", CLUSTER_NONE));
unclustered.appendChild(document.createTextNode(clusters.length ? "in no cluster" : "no clusters: no two works are cited together by two documents"));
legendClusters.appendChild(unclustered);
var colourLabel = el("label", "pick", "Colour ");
var colourSelect = el("select");
colourSelect.id = "colour-by";
colourSelect.setAttribute("aria-label", "Colour the nodes by kind or by co-citation cluster");
[["kind", "kind"], ["cluster", clusters.length ? "cluster" : "cluster (none)"]].forEach(function (o) {
  var opt = el("option", null, o[1]);
  opt.value = o[0];
  colourSelect.appendChild(opt);
});
colourLabel.appendChild(colourSelect);
var resetButton = document.getElementById("reset");
resetButton.parentNode.insertBefore(colourLabel, resetButton);
function colourNodes(mode) {
  colourBy = mode === "cluster" ? "cluster" : "kind";
  colourSelect.value = colourBy;
  nodes.update(data.nodes.map(function (n) {
    var c = nodeFill(n);
    return { id: n.id, color: { background: c, border: c, highlight: { background: c, border: "#000" }, hover: { background: c, border: "#333" } } };
  }));
  legendKinds.hidden = colourBy === "cluster";
  legendClusters.hidden = colourBy !== "cluster";
  restyle();
}
colourSelect.addEventListener("change", function () { colourNodes(colourSelect.value); });
api.colourBy = function (mode) { if (mode !== undefined) colourNodes(mode); return colourBy; };
api.clusters = clusters;
