/* citegraph page, part 4 of 5: the side panel (search matches, or the clicked node with who
   cites it and the citing sentences), focus, the Escape key and Reset. Long lists are cut
   to LIST_CAP entries and LIST_SENTENCES sentences each, with buttons to show the rest. */

var LIST_CAP = 12, LIST_SENTENCES = 3, MATCH_CAP = 100;
var focusId = null, focusSet = {};
var panel = document.getElementById("panel");
var details = document.getElementById("details");
var hint = details.firstElementChild;
function highlighted() {
  if (focusId) return { nodes: Object.keys(focusSet), edges: incoming[focusId].concat(outgoing[focusId]) };
  if (query) {
    var es = [];
    matches.forEach(function (id) { outgoing[id].forEach(function (e) { if (hits[e.to]) es.push(e); }); });
    return { nodes: matches, edges: es };
  }
  return null;
}
function nodeButton(id) { return button("link", labelOf(id), function () { focusNode(id); }); }
function meta(dl, name, value) {
  if (value === undefined || value === null || value === "") return;
  dl.appendChild(el("dt", null, name));
  dl.appendChild(el("dd", null, value));
}
/* "Show all n" under a list cut to `cap` items; fill(ul, all) draws the items again. */
function capped(ul, list, cap, fill, noun) {
  var box = document.createDocumentFragment();
  var all = false;
  var more = button("more", "", function () { all = !all; draw(); });
  function draw() {
    ul.replaceChildren();
    fill(ul, all ? list : list.slice(0, cap));
    more.textContent = all ? "Show fewer" : "Show all " + list.length + (noun ? " " + noun : "");
    more.setAttribute("aria-expanded", String(all));
  }
  draw();
  box.appendChild(ul);
  if (list.length > cap) box.appendChild(more);
  return box;
}
function sentences(li, cites) {
  var ul = el("ul", "sentences");
  li.appendChild(capped(ul, cites, LIST_SENTENCES, function (target, part) {
    part.forEach(function (c) {
      target.appendChild(el("li", "sentence", "\u201c" + c.s + "\u201d" + (c.l ? " (line " + c.l + ")" : "")));
    });
  }, "sentences"));
}
function edgeItem(e, other) {
  var li = el("li");
  li.appendChild(nodeButton(other));
  var w = where(e);
  if (w) li.appendChild(el("span", "where", " \u2014 " + w));
  var on = byId[other];
  if (on && on.kind === "claim" && on.info && on.info.text) li.appendChild(el("span", "sentence", "\u201c" + on.info.text + "\u201d"));
  if (e.cites && e.cites.length) sentences(li, e.cites);
  return li;
}
function edgeList(title, list, otherEnd) {
  var section = el("section", "edges");
  section.appendChild(el("h3", null, title + " (" + list.length + ")"));
  section.appendChild(capped(el("ul"), list, LIST_CAP, function (ul, part) {
    part.forEach(function (e) { ul.appendChild(edgeItem(e, otherEnd(e))); });
  }, ""));
  return section;
}
function grouped(list) {
  var byRel = {};
  list.forEach(function (e) { (byRel[e.relation] = byRel[e.relation] || []).push(e); });
  return Object.keys(byRel).sort(function (a, b) {
    var ia = ORDER.indexOf(a), ib = ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  }).map(function (k) { return [k, byRel[k]]; });
}
function showMatches() {
  details.replaceChildren();
  if (!query) { details.appendChild(hint); return; }
  var shownIds = shownMatches(), shown = shownIds.length;  /* shown first, then those the filters hide */
  var listed = shownIds.concat(matches.filter(function (id) { return hiddenNow[id]; }));
  var head = plural(matches.length, "match", "matches") + " for \u201c" + search.value.trim() + "\u201d";
  details.appendChild(el("h2", null, head));
  if (shown < matches.length) details.appendChild(el("p", "hint", (matches.length - shown) + " hidden by the filters"));
  if (shown) details.appendChild(el("p", "hint", "Enter opens the first; \u2193 moves into the list."));
  var ul = el("ul");
  listed.slice(0, MATCH_CAP).forEach(function (id) {
    var li = el("li");
    if (hiddenNow[id]) li.className = "filtered-out";
    li.appendChild(kindBadge(byId[id].kind));
    li.appendChild(nodeButton(id));
    ul.appendChild(li);
  });
  details.appendChild(ul);
  if (matches.length > MATCH_CAP) details.appendChild(el("p", "hint", "\u2026 and " + (matches.length - MATCH_CAP) + " more: type more to narrow the search"));
}
function showDetails(id) {
  var n = byId[id];
  var hadFocus = details.contains(document.activeElement);
  details.replaceChildren();
  if (!n) return;
  var h = el("h2", "title");
  h.tabIndex = -1;
  h.appendChild(kindBadge(n.kind));
  h.appendChild(document.createTextNode(n.fullLabel));
  var close = button("close", "\u00d7", function () { closeDetails(); search.focus(); });
  close.title = "Close (Esc)";
  close.setAttribute("aria-label", "Close the details (Escape)");
  details.appendChild(close);
  details.appendChild(h);
  var i = n.info || {};
  if (n.kind === "claim" && i.text) details.appendChild(el("p", "sentence", i.text));
  var dl = el("dl", "meta");
  meta(dl, "Title", i.title);
  meta(dl, "Authors", authorsText(i));
  meta(dl, "Year", i.year);
  meta(dl, "Venue", i.venue);
  meta(dl, "Key", i.key);
  if (n.kind === "work" || n.kind === "document") meta(dl, "Cited", plural(i.cited_by || 0, "time") + " in this corpus");
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
  panel.scrollTop = 0;
  if (hadFocus) h.focus();
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
function closeDetails() { network.unselectAll(); clearFocus(); }
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
/* Escape: first closes the node's details (back to the matches), then clears the search. */
document.addEventListener("keydown", function (ev) {
  if (ev.key !== "Escape" || ev.defaultPrevented) return;
  if (focusId) { ev.preventDefault(); closeDetails(); }
  else if (query || search.value) { ev.preventDefault(); clearSearch(); }
}, true);
document.getElementById("reset").addEventListener("click", function () {
  search.value = "";
  query = "";
  hits = {};
  count.textContent = "";
  network.unselectAll();
  focusId = null;
  focusSet = {};
  resetFilters();
  restyle();
  showMatches();
  network.fit({ animation: false });
});
