"""The JSON the page is drawn from: nodes with positions, sizes and facts, edges with the
citing sentences, which documents and platforms each node belongs to (for the filters),
the co-citation cluster of each work and document (for "Colour: cluster", see
:mod:`citegraph.clusters`), and the styles for the legend. Attributes are read
defensively (any may be missing)."""

from __future__ import annotations

import gc
import hashlib
import math
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from .html_edges import Prebuilt, jsonable, edge_item
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


#: After an edit, the clusters of the last fresh clustering are carried over to the graph
#: (:func:`citegraph.clusters.extend_clusters`) while the co-citation pairs of the documents whose
#: references changed since then (before and after the change) are at most this share of all
#: co-citation pairs then. A document citing 30 works has 435 pairs: in a corpus of 1,000 such
#: documents an edit costs about 0.1%, so some ten edits (or twenty new documents) are carried
#: over before Louvain runs again. Moving a few hundred pairs out of hundreds of thousands
#: hardly moves the communities Louvain would find, and carrying over keeps the colours of the
#: clusters the reader knows; a larger change gets a fresh clustering.
CLUSTER_MAX_CHANGE = 0.02


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def _cluster_input(graph: nx.DiGraph, refs: dict[Any, list[Any]], seed: int) -> tuple[str, dict[str, list[Any]]] | None:
    """A digest of everything the clusters are computed from (who cites what, keys and titles), and
    for each citing node a digest of its references and their number; None when ids are not text."""
    from ..digest import value_digest

    cites: dict[str, list[Any]] = {}
    nodes: set[Any] = set()
    for u, vs in refs.items():
        if type(u) is not str or not all(type(v) is str for v in vs):
            return None
        cites[u] = [hashlib.blake2b("\x1f".join(vs).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest(), len(vs)]
        nodes.add(u)
        nodes.update(vs)
    node_attrs = graph.nodes
    facts = []
    for n in sorted(nodes):
        d = node_attrs[n]
        facts.append((n, str(d.get("key") or ""), str(d.get("title") or ""), str(d.get("kind") or "")))
    digest = value_digest([seed, sorted((u, c[0]) for u, c in cites.items()), facts])
    return (f"clusters:{digest}", cites) if digest else None


def _changed_pairs(base: dict[str, list[Any]], now: dict[str, list[Any]]) -> int:
    """Co-citation pairs of the citing nodes whose references differ between ``base`` and ``now`` (both sides counted)."""
    changed = sum(_pairs(c[1]) + (_pairs(base[u][1]) if u in base else 0) for u, c in now.items() if base.get(u, (None,))[0] != c[0])
    return changed + sum(_pairs(c[1]) for u, c in base.items() if u not in now)


def _cluster_state(value: Any) -> dict[str, Any] | None:
    """The clusters' state kept in the memo (last fresh clustering's input, the works' clusters, the legend), if it is one."""
    if not isinstance(value, dict):
        return None
    base, total, works, listed = value.get("base"), value.get("total"), value.get("works"), value.get("listed")
    if not (isinstance(base, dict) and type(total) is int and isinstance(works, dict) and isinstance(listed, list)):
        return None
    if not all(type(c) is list and len(c) == 2 and type(c[0]) is str and type(c[1]) is int for c in base.values()):
        return None
    if not all(type(n) is int for n in works.values()) or not all(isinstance(c, dict) and type(c.get("n")) is int for c in listed):
        return None
    return value


def _listed(found: list[Any], colours: list[str | None]) -> list[dict[str, Any]]:
    """The clusters for the legend: number, label, size, colour (None: the palette's, by position)."""
    out = []
    for i, (c, colour) in enumerate(zip(found, colours)):
        if colour is None:
            colour = CLUSTER_PALETTE[i] if i < len(CLUSTER_PALETTE) else CLUSTER_MINOR
        out.append({"n": c.number, "label": c.label, "size": c.size, "color": colour, **({"minor": True} if colour == CLUSTER_MINOR else {})})
    return out


def _clusters(graph: nx.DiGraph, seed: int, memo: Any = None) -> tuple[dict[Any, int], list[dict[str, Any]]]:
    """Node -> cluster number, and the clusters for the legend (number, label, size, colour).

    With a ``memo`` (the layout memo), the clusters of a graph whose citations,
    keys and titles are those of the last build are not computed again, and
    after a small change (:data:`CLUSTER_MAX_CHANGE`) the last build's clusters
    are carried over (:func:`citegraph.clusters.extend_clusters`): works keep
    their cluster and clusters their colour; new works join the cluster of the
    works they are cited with. Otherwise they are computed fresh.
    """
    from ..clusters import cluster_of, clusters, extend_clusters, references

    summary = None
    if memo is not None:
        refs = references(graph)
        summary = _cluster_input(graph, refs, seed)
    if summary is None:
        found = clusters(graph, seed=seed)
        return cluster_of(found), _listed(found, [None] * len(found))
    key, cites = summary
    state_key = f"clusters-state:{seed}"
    state = _cluster_state(memo.get(state_key))
    hit = memo.get(key)
    if isinstance(hit, list) and len(hit) == 2 and isinstance(hit[0], dict) and isinstance(hit[1], list):
        memo.put(key, hit)
        if state is not None:
            memo.put(state_key, state)
        return hit[0], hit[1]
    if state is not None and state["total"] > 0 and _changed_pairs(state["base"], cites) <= CLUSTER_MAX_CHANGE * state["total"]:
        old = state["works"]
        colour_of = {c["n"]: c.get("color") for c in state["listed"]}
        found = extend_clusters(graph, old, count_links=False, refs=refs)
        colours = [colour_of.get(next((old[w] for w in c.works if w in old), 0)) or CLUSTER_MINOR for c in found]
        base, total = state["base"], state["total"]
    else:
        found = clusters(graph, seed=seed)
        colours = [None] * len(found)
        base, total = cites, sum(_pairs(c[1]) for c in cites.values())
    member, listed = cluster_of(found), _listed(found, colours)
    memo.put(key, [member, listed])
    memo.put(state_key, {"base": base, "total": total, "works": cluster_of(found, documents=False), "listed": listed})
    return member, listed


def page_data(graph: nx.DiGraph, seed: int = 42, layout_memo: Any = None, skip: Prebuilt | None = None) -> dict[str, Any]:
    """The data the page is drawn from: nodes (positions, sizes, facts, filter memberships,
    cluster number ``cl``), edges (with citing sentences), the documents and platforms for the
    filters, the clusters and the legend styles.
    ``layout_memo``: see :func:`citegraph.readwrite.html_layout.layout`; ``skip``: edges whose
    items are already made (left out of ``edges``, their relations in the legend)."""
    positions = layout(graph, seed, layout_memo)
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small dicts and no cycles: collections would only walk the heap again and again
    try:
        return _page_data(graph, seed, positions, layout_memo, skip)
    finally:
        if enabled:
            gc.enable()


def _page_data(graph: nx.DiGraph, seed: int, positions: dict[Any, Any], memo: Any = None, skip: Prebuilt | None = None) -> dict[str, Any]:
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
                    info[f] = jsonable(value)
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
    names = {n: n if type(n) is str else str(n) for n in graph}
    doc_of_text: dict[str, str | None] = {}  # most edges' doc is a text: one dict look-up
    relations_present = set(skip.relations) if skip is not None else set()
    skipped = skip.pairs if skip is not None else frozenset()
    for u, v, attrs in graph.edges(data=True):
        if skipped and (u, v) in skipped:
            continue  # its item is already made (see :mod:`.html_edges`)
        value = attrs.get("doc")
        if type(value) is str:
            try:
                doc = doc_of_text[value]
            except KeyError:
                doc = doc_of_text[value] = doc_node(value)
        else:
            doc = doc_node(value)
        edge = edge_item(names[u], names[v], attrs, doc)
        relations_present.add(edge["relation"])
        edges.append(edge)
    kinds_present = set(kind.values())
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
