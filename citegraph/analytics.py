"""Graph analytics as free functions taking the graph first and returning plain dict rows.

``most_cited`` and ``pagerank`` rank works; ``cocited`` lists the works cited
together with a work (co-citation); ``coupling`` the documents that share
references with a document (bibliographic coupling); ``shortest_path`` the
chain of nodes and relations between two nodes; ``show`` one node's
attributes and neighbours. Node arguments are node ids (see
:func:`citegraph.queries.resolve`). Every function is pure and
deterministic: ties are broken on the citation key, then the node id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # networkx is imported only where the whole graph is needed (shortest_path) or a node is unknown
    import networkx as nx

__all__ = ["most_cited", "pagerank", "pagerank_scores", "cocited", "coupling", "shortest_path", "show", "references_of", "citers_of"]

_BIB = ("work", "document")


def _cites(graph: "nx.DiGraph") -> Iterable[tuple[str, str, dict[str, Any]]]:
    return ((u, v, d) for u, v, d in graph.edges(data=True) if d.get("relation") == "cites")


def references_of(graph: "nx.DiGraph", doc: str) -> set[str]:
    """The works (node ids) that ``doc`` cites."""
    return {v for _, v, d in graph.out_edges(doc, data=True) if d.get("relation") == "cites"}


def citers_of(graph: "nx.DiGraph", work: str) -> set[str]:
    """The documents (node ids) that cite ``work``."""
    return {u for u, _, d in graph.in_edges(work, data=True) if d.get("relation") == "cites"}


def _row(graph: "nx.DiGraph", node: str) -> dict[str, Any]:
    d = graph.nodes[node]
    return {"node": node, "key": d.get("key", ""), "kind": d.get("kind", ""), "label": d.get("label", node), "title": d.get("title", "") or d.get("text", "")}


def _order(graph: "nx.DiGraph", node: str) -> tuple[str, str]:
    return (str(graph.nodes[node].get("key", "")), node)


def most_cited(graph: "nx.DiGraph", n: int | None = 10) -> list[dict[str, Any]]:
    """The ``n`` works (or documents) cited by the most documents (all with ``n=None``).

    Rows: rank, node, key, kind, label, title, year, ``cited_by`` (citing
    documents) and ``citations`` (in-text citations, summed over them).
    Works nobody cites are left out.
    """
    docs: dict[str, int] = defaultdict(int)
    mentions: dict[str, int] = defaultdict(int)
    for _, v, d in _cites(graph):
        docs[v] += 1
        mentions[v] += int(d.get("count") or len(d.get("citations") or []) or 1)
    ranked = sorted(docs, key=lambda v: (-docs[v], -mentions[v], _order(graph, v)))
    rows = []
    for rank, v in enumerate(ranked[:n] if n is not None else ranked, 1):
        rows.append({"rank": rank, **_row(graph, v), "year": graph.nodes[v].get("year", ""), "cited_by": docs[v], "citations": mentions[v]})
    return rows


def pagerank_scores(graph: "nx.DiGraph", alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict[str, float]:
    """PageRank of every document/work node over the ``cites`` subgraph (scores sum to 1).

    A plain power iteration (no SciPy needed); documents that cite nothing
    spread their rank uniformly, as in :func:`networkx.pagerank`.
    """
    nodes = sorted(n for n, d in graph.nodes(data=True) if d.get("kind") in _BIB)
    if not nodes:
        return {}
    out: dict[str, list[str]] = defaultdict(list)
    for u, v, _ in _cites(graph):
        if u != v:
            out[u].append(v)
    size = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / size)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[n] for n in nodes if not out.get(n)) / size
        new = dict.fromkeys(nodes, (1.0 - alpha) / size + dangling)
        for u, targets in out.items():
            share = alpha * rank[u] / len(targets)
            for v in targets:
                new[v] += share
        err = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if err < size * tol:
            break
    return rank


def pagerank(graph: "nx.DiGraph", n: int | None = 10, alpha: float = 0.85) -> list[dict[str, Any]]:
    """The ``n`` document/work nodes with the highest PageRank on the citation subgraph.

    Rows: rank, node, key, kind, label, title, year, ``score`` (6 decimals), ``cited_by``.
    """
    scores = pagerank_scores(graph, alpha)
    ranked = sorted(scores, key=lambda v: (-scores[v], _order(graph, v)))
    rows = []
    for rank, v in enumerate(ranked[:n] if n is not None else ranked, 1):
        d = graph.nodes[v]
        rows.append({"rank": rank, **_row(graph, v), "year": d.get("year", ""), "score": round(scores[v], 6), "cited_by": len(citers_of(graph, v))})
    return rows


def cocited(graph: "nx.DiGraph", work: str) -> list[dict[str, Any]]:
    """Works cited together with ``work`` by the same documents (co-citation).

    Rows: node, key, label, title, ``count`` (documents citing both) and
    ``documents`` (their keys), most co-cited first.
    """
    together: dict[str, set[str]] = defaultdict(set)
    for doc in citers_of(graph, work):
        for other in references_of(graph, doc):
            if other != work:
                together[other].add(doc)
    ranked = sorted(together, key=lambda v: (-len(together[v]), _order(graph, v)))
    return [
        {**_row(graph, v), "count": len(together[v]), "documents": sorted(graph.nodes[d].get("key", d) for d in together[v])}
        for v in ranked
    ]


def coupling(graph: "nx.DiGraph", doc: str) -> list[dict[str, Any]]:
    """Documents that share references with ``doc`` (bibliographic coupling).

    Rows: node, key, label, title, ``count`` (shared references),
    ``jaccard`` (shared / union of the two reference lists, 3 decimals) and
    ``shared`` (the shared works' labels), strongest coupling first.
    """
    mine = references_of(graph, doc)
    shared: dict[str, set[str]] = defaultdict(set)
    for work in mine:
        for other in citers_of(graph, work):
            if other != doc:
                shared[other].add(work)
    rows = []
    for other in sorted(shared, key=lambda v: (-len(shared[v]), _order(graph, v))):
        union = mine | references_of(graph, other)
        rows.append(
            {
                **_row(graph, other),
                "count": len(shared[other]),
                "jaccard": round(len(shared[other]) / len(union), 3) if union else 0.0,
                "shared": sorted(graph.nodes[w].get("label", w) for w in shared[other]),
            }
        )
    return rows


def shortest_path(graph: "nx.DiGraph", a: str, b: str) -> list[dict[str, Any]]:
    """The shortest chain of nodes from ``a`` to ``b``, edges followed in either direction.

    One row per node: step (0 for ``a``), node, key, kind, label, title and
    the ``relation`` that links it to the previous node, written ``cites →``
    when the edge points from the previous node to this one and ``← cites``
    when it points back (empty on the first row). ``[]`` when no path exists.
    """
    import networkx as nx

    if a not in graph or b not in graph:
        raise nx.NodeNotFound(f"{a if a not in graph else b!r} is not in the graph")
    try:
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        return []
    rows = []
    for step, node in enumerate(nodes):
        relation = ""
        if step:
            prev = nodes[step - 1]
            if graph.has_edge(prev, node):
                relation = f"{graph.edges[prev, node].get('relation', '')} →"
            else:
                relation = f"← {graph.edges[node, prev].get('relation', '')}"
        rows.append({"step": step, **_row(graph, node), "relation": relation})
    return rows


def show(graph: "nx.DiGraph", node: str) -> list[dict[str, Any]]:
    """One node: a row per attribute, then a row per neighbour grouped by relation.

    Attribute rows are ``{"section": "attribute", "name": NAME, "value": VALUE}``;
    neighbour rows ``{"section": "out" | "in", "name": RELATION, "value": LABEL,
    "node": ID, "line": LINE}`` (``out``: this node → neighbour).
    Raises :class:`networkx.NodeNotFound` for an unknown node.
    """
    if node not in graph:
        import networkx as nx

        raise nx.NodeNotFound(f"{node!r} is not in the graph")
    rows: list[dict[str, Any]] = [{"section": "attribute", "name": "id", "value": node, "node": "", "line": ""}]
    for name, value in sorted(graph.nodes[node].items()):
        if value not in (None, "", [], {}):
            rows.append({"section": "attribute", "name": name, "value": value, "node": "", "line": ""})
    edges = [("out", v, d) for _, v, d in graph.out_edges(node, data=True)] + [("in", u, d) for u, _, d in graph.in_edges(node, data=True)]
    edges.sort(key=lambda e: (e[0] != "out", str(e[2].get("relation", "")), str(graph.nodes[e[1]].get("label", e[1])), e[1]))
    for section, other, d in edges:
        rows.append({"section": section, "name": d.get("relation", ""), "value": graph.nodes[other].get("label", other), "node": other, "line": d.get("line", "")})
    return rows
