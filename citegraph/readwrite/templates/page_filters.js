/* citegraph page, part 3 of 5: the filters (kind, platform, document, year range) with the
   "n of m nodes shown" count, and the search box. Keyboard: Enter in the search box opens
   the first match that is shown, Escape clears the search (see part 4 for the panel). */

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
  var updates = [], visible = 0, total = data.nodes.length;
  data.nodes.forEach(function (n) {
    var hide = !passes(n);
    if (!hide) visible++;
    if (!!hiddenNow[n.id] !== hide) { hiddenNow[n.id] = hide; updates.push({ id: n.id, hidden: hide }); }
  });
  if (updates.length) nodes.update(updates);
  shownCount.textContent = visible === total ? plural(total, "node") : visible + " of " + plural(total, "node") + " shown";
  shownCount.classList.toggle("filtered", visible !== total);
  if (focusId && hiddenNow[focusId]) clearFocus();
  else if (updates.length && query && !focusId) showMatches();  /* which matches the filters hide */
}
[platformSelect, docSelect].forEach(function (s) { s.addEventListener("change", applyFilters); });
[yearFrom, yearTo].forEach(function (s) { s.addEventListener("input", applyFilters); });
function resetFilters() {
  platformSelect.value = "";
  docSelect.value = "";
  if (years.length) { yearFrom.value = minYear; yearTo.value = maxYear; }
  Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = true; shownKind[k] = true; });
  applyFilters();
}

/* Search: a lower-cased text per node, built on first use. */
var query = "", hits = {}, matches = [];
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
function shownMatches() { return matches.filter(function (id) { return !hiddenNow[id]; }); }
function clearSearch() {
  clearTimeout(timer);
  search.value = "";
  runSearch();
}
var timer = null;
search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, big ? 250 : 120); });
search.addEventListener("keydown", function (ev) {
  if (ev.key === "Enter") {
    ev.preventDefault();
    clearTimeout(timer);
    runSearch();
    var visible = shownMatches();
    if (visible.length) focusNode(visible[0]);
  } else if (ev.key === "ArrowDown") {
    var first = details.querySelector("button.link");
    if (first) { ev.preventDefault(); first.focus(); }
  }
});
