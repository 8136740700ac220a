"""The JSON the page is drawn from: nodes with positions, sizes and facts, edges with the
citing sentences, which documents and platforms each node belongs to (for the filters),
the co-citation cluster of each work and document (for "Colour: cluster", see
:mod:`citegraph.clusters`), and the styles for the legend. Attributes are read
defensively (any may be missing)."""

from __future__ import annotations

import gc
import math
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from .html_layout import layout

__all__ = ["KIND_STYLES", "RELATION_STYLES", "CLUSTER_PALETTE", "CLUSTER_MINOR", "BIG", "page_data"]

#: Node look by kind: colour, vis-network shape, legend text.
KIND_STYLES: dict[str, dict[str, str]] = {
    "document": {"color": "#4e79a7", "shape": "square", "name": "Document (corpus file)"},
    "work": {"color": "#f28e2b", "shape": "dot", "name": "Cited work (size: times cited)"},
    "claim": {"color": "#59a14f", "shape": "diamond", "name": "Claim (citing sentence)"},
    "platform": {"color": "#e15759", "shape": "triangle", "name": "Platform"},
    "person": {"color": "#b07aa1", "shape": "star", "name": "Person (author, speaker)"},
}
_OTHER_KIND = {"color": "#9c9c9c", "shape": "ellipse", "name": "Other"}

#: Edge look by relation: colour, dashes (false or a dash pattern), arrow, legend text.
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "cites": {"color": "#555555", "dashes": False, "arrows": "to", "name": "cites"},
    "makes": {"color": "#9fc79a", "dashes": False, "arrows": "", "name": "makes (document \u2013 claim)"},
    "supports": {"color": "#2f8f2f", "dashes": False, "arrows": "to", "name": "claim cites work"},
    "mentions": {"color": "#e8a0a0", "dashes": [6, 6], "arrows": "to", "name": "mentions"},
    "authored-by": {"color": "#c9a6c3", "dashes": [2, 4], "arrows": "to", "name": "authored by"},
    "said-by": {"color": "#b07aa1", "dashes": [8, 4], "arrows": "to", "name": "said by"},
    "quotes": {"color": "#b07aa1", "dashes": [8, 4], "arrows": "to", "name": "quotes"},
    "excerpt-of": {"color": "#4e79a7", "dashes": [10, 4, 2, 4], "arrows": "to", "name": "excerpt of"},
    "lists": {"color": "#8cb3d9", "dashes": [2, 2], "arrows": "to", "name": "lists (.bib entry)"},
    "same-as": {"color": "#76b7b2", "dashes": [3, 3], "arrows": "", "name": "same as"},
    "version-of": {"color": "#76b7b2", "dashes": [10, 4], "arrows": "to", "name": "version of"},
    "owned-by": {"color": "#d37295", "dashes": [4, 8], "arrows": "to", "name": "owned by"},
}
_OTHER_RELATION = {"color": "#aaaaaa", "dashes": [2, 2], "arrows": "to", "name": "other"}

#: Cluster colours, largest cluster first; clusters past the palette share CLUSTER_MINOR.
CLUSTER_PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b")
CLUSTER_MINOR = "#a5a5a5"

#: Above this many nodes the page draws fewer labels and hides edges while dragging.
BIG = 1500
_MAX_WORK_LABELS = 250
_LABEL_CHARS = 32
#: Node attributes copied into the page (others, like the full CSL item, stay out of it).
_INFO_FIELDS = ("title", "authors", "year", "venue", "key", "cited_by", "text", "speaker", "speaker_role", "role", "section", "path", "mentions", "aliases")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")
_BASE_SIZE = {"document": 16.0, "claim": 6.0, "platform": 14.0, "person": 9.0}


def _jsonable(value: Any) -> Any:
    """Attribute values restricted to JSON types (anything else as its string)."""
    if type(value) is str or value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def _links(attrs: dict[str, Any]) -> dict[str, str]:
    csl = attrs.get("csl")
    out = {}
    if isinstance(csl, dict):
        if csl.get("DOI"):
            out["doi"] = str(csl["DOI"])
        if csl.get("URL"):
            out["url"] = str(csl["URL"])
    return out


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) else 0.0


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1].rstrip() + "\u2026"


def _doc_node(graph: nx.DiGraph, value: Any) -> str | None:
    """The node id for an edge's ``doc`` (a document id, or already a node id)."""
    if value in (None, ""):
        return None
    for candidate in (f"doc:{value}", value):
        if candidate in graph:
            return str(candidate)
    return None


def _memberships(graph: nx.DiGraph, kind: dict[Any, str]) -> tuple[dict[Any, set], dict[Any, set]]:
    """For each node, the documents and the platforms it belongs to (what the filters keep)."""
    docs: dict[Any, set] = defaultdict(set)
    plats: dict[Any, set] = defaultdict(set)
    for d in (n for n in graph if kind[n] == "document"):
        docs[d].add(d)
        for v in graph.successors(d):
            docs[v].add(d)
            if kind[v] == "claim":
                for w in graph.successors(v):
                    docs[w].add(d)
    for p in (n for n in graph if kind[n] == "platform"):
        plats[p].add(p)
        for v in graph.successors(p):
            plats[v].add(p)
        for u in graph.predecessors(p):
            plats[u].add(p)
            if kind[u] == "claim":
                for x in list(graph.predecessors(u)) + list(graph.successors(u)):
                    if kind[x] != "platform":
                        plats[x].add(p)
    return docs, plats


def _cluster_input(graph: nx.DiGraph, seed: int) -> str | None:
    """A digest of everything the clusters are computed from (who cites what, keys and titles), or None."""
    from ..digest import value_digest

    cites = sorted((str(u), str(v)) for u, v, r in graph.edges(data="relation") if r == "cites")
    nodes = {str(n) for pair in cites for n in pair}
    facts = sorted((n, str(graph.nodes[n].get("key") or ""), str(graph.nodes[n].get("title") or ""), str(graph.nodes[n].get("kind") or "")) for n in nodes if n in graph)
    if len(facts) != len(nodes):  # ids that are not text: nothing remembered
        return None
    digest = value_digest([seed, cites, facts])
    return f"clusters:{digest}" if digest else None


def _clusters(graph: nx.DiGraph, seed: int, memo: Any = None) -> tuple[dict[Any, int], list[dict[str, Any]]]:
    """Node -> cluster number, and the clusters for the legend (number, label, size, colour).

    With a ``memo`` (the layout memo), the clusters of a graph whose citations,
    keys and titles are those of the last build are not computed again.
    """
    from ..clusters import cluster_of, clusters

    key = _cluster_input(graph, seed) if memo is not None else None
    hit = memo.get(key) if key else None
    if isinstance(hit, list) and len(hit) == 2 and isinstance(hit[0], dict) and isinstance(hit[1], list):
        memo.put(key, hit)
        return hit[0], hit[1]
    found = clusters(graph, seed=seed)
    listed = [
        {"n": c.number, "label": c.label, "size": c.size, **({"color": CLUSTER_PALETTE[i]} if i < len(CLUSTER_PALETTE) else {"color": CLUSTER_MINOR, "minor": True})}
        for i, c in enumerate(found)
    ]
    member = cluster_of(found)
    if key:
        memo.put(key, [member, listed])
    return member, listed


def page_data(graph: nx.DiGraph, seed: int = 42, layout_memo: Any = None) -> dict[str, Any]:
    """The data the page is drawn from: nodes (positions, sizes, facts, filter memberships,
    cluster number ``cl``), edges (with citing sentences), the documents and platforms for the
    filters, the clusters and the legend styles.
    ``layout_memo``: see :func:`citegraph.readwrite.html_layout.layout`."""
    positions = layout(graph, seed, layout_memo)
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small dicts and no cycles: collections would only walk the heap again and again
    try:
        return _page_data(graph, seed, positions, layout_memo)
    finally:
        if enabled:
            gc.enable()


def _page_data(graph: nx.DiGraph, seed: int, positions: dict[Any, Any], memo: Any = None) -> dict[str, Any]:
    cluster_no, cluster_list = _clusters(graph, seed, memo)
    kind: dict[Any, str] = {}
    cited: dict[Any, float] = {}
    for n, d in graph.nodes(data=True):
        kind[n] = str(d.get("kind") or "other")
        cited[n] = _number(d.get("cited_by"))
    big = graph.number_of_nodes() > BIG
    ranked = sorted((n for n in graph if kind[n] == "work"), key=lambda n: (-cited[n], str(n)))
    labelled_works = set(ranked[:_MAX_WORK_LABELS]) if big else set(ranked)
    docs_of, plats_of = _memberships(graph, kind)
    doc_list = sorted((n for n in graph if kind[n] == "document"), key=lambda n: str(graph.nodes[n].get("label") or n).lower())
    plat_list = sorted((n for n in graph if kind[n] == "platform"), key=lambda n: (-_number(graph.nodes[n].get("mentions")), str(n)))
    doc_index = {n: i for i, n in enumerate(doc_list)}
    plat_index = {n: i for i, n in enumerate(plat_list)}
    doc_nodes: dict[Any, str | None] = {}  # by (type, value): 1, 1.0 and True are equal keys but not the same "doc:..."

    def doc_node(value: Any) -> str | None:
        key = (type(value), value)
        try:
            return doc_nodes[key]
        except KeyError:
            found = doc_nodes[key] = _doc_node(graph, value)
            return found
        except TypeError:  # not hashable: never a node
            return _doc_node(graph, value)

    nodes = []
    for node, attrs in graph.nodes(data=True):
        k = kind[node]
        size = _BASE_SIZE.get(k, 10.0)
        if k in ("work", "document"):
            size = min(size + 5 * math.sqrt(max(cited[node], 0)), 48)
        full = " ".join(str(attrs.get("label") or attrs.get("title") or node).split())
        show_label = k != "claim" and (not big or k in ("document", "platform") or (k == "work" and node in labelled_works))
        info = {}
        for f in _INFO_FIELDS:
            if f in attrs:
                value = attrs[f]
                if type(value) is str:  # most are: skip the other checks
                    if value:
                        info[f] = value
                elif value not in (None, [], 0):
                    info[f] = _jsonable(value)
        doc_value = attrs.get("doc")
        if doc_value is not None:
            doc = doc_node(doc_value)
            if doc:
                info["doc"] = doc
        if "csl" in attrs:
            info.update(_links(attrs))
        x, y = positions[node]
        item: dict[str, Any] = {"id": str(node), "label": _short(full) if show_label else "", "fullLabel": full, "kind": k, "x": x, "y": y, "size": round(size, 1), "info": info}
        year_value = attrs.get("year")
        year = _YEAR.search(str(year_value)[:40]) if year_value else None
        if year:
            item["yr"] = int(year.group(1))
        if docs_of.get(node):
            item["d"] = sorted(doc_index[d] for d in docs_of[node])
        if plats_of.get(node):
            item["p"] = sorted(plat_index[p] for p in plats_of[node])
        if node in cluster_no:
            item["cl"] = cluster_no[node]
        nodes.append(item)
    edges = []
    for u, v, attrs in graph.edges(data=True):
        relation = str(attrs.get("relation") or "other")
        edge: dict[str, Any] = {"from": str(u), "to": str(v), "relation": relation}
        doc = doc_node(attrs.get("doc"))
        if doc:
            edge["doc"] = doc
        line = attrs.get("line")
        if isinstance(line, (int, str)) and line != "":
            edge["line"] = line
        cites = []
        for c in attrs.get("citations") or ():  # one pass, plain str and int taken as they are (most are)
            if isinstance(c, dict):
                sentence = c.get("sentence")
                if sentence:
                    marker = c.get("marker") or ""
                    at = c.get("line") or ""
                    cites.append({"s": sentence if type(sentence) is str else str(sentence), "m": marker if type(marker) is str else str(marker),
                                  "l": at if type(at) is int or type(at) is str else _jsonable(at)})
        if cites:
            edge["cites"] = cites
        edges.append(edge)
    kinds_present = set(kind.values())
    relations_present = {e["relation"] for e in edges}
    return {
        "nodes": nodes,
        "edges": edges,
        "docs": [{"id": str(n), "label": str(graph.nodes[n].get("label") or n)} for n in doc_list],
        "platforms": [{"id": str(n), "label": str(graph.nodes[n].get("label") or n)} for n in plat_list],
        "kinds": {k: KIND_STYLES.get(k, {**_OTHER_KIND, "name": k}) for k in [*KIND_STYLES, *sorted(kinds_present)] if k in kinds_present},
        "relations": {r: RELATION_STYLES.get(r, {**_OTHER_RELATION, "name": r}) for r in [*RELATION_STYLES, *sorted(relations_present)] if r in relations_present},
        "clusters": cluster_list,
        "big": big,
        "folded": int(_number(graph.graph.get("folded_claims"))),
    }
