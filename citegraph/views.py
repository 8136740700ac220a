"""Views of a citation graph: pure functions that filter or fold it for one question.

Each function takes the graph built by :func:`citegraph.graph.build_graph`
and returns a new graph (the input is never changed): only what one platform
touches, only one document's neighbourhood, no claims, only works cited at
least N times, or claims folded into the document-to-work ``cites`` edges
(what the page does by default above a few thousand nodes). Attributes are
read defensively: a node without ``kind`` is "other", an edge without
``relation`` is "other".
"""

from __future__ import annotations

from typing import Any, Iterable

import networkx as nx

__all__ = ["FOLD_ABOVE", "find_node", "by_platform", "by_document", "without_claims", "fold_claims", "min_cites", "view"]

#: Graphs with more nodes than this have their claims folded into their cites edges by default.
FOLD_ABOVE = 3000


def _kind(g: nx.DiGraph, node: Any) -> str:
    return str(g.nodes[node].get("kind") or "other")


def _rel(d: dict[str, Any]) -> str:
    return str(d.get("relation") or "other")


def find_node(g: nx.DiGraph, name: str, kind: str) -> str:
    """The node of ``kind`` that ``name`` names: its id, ``kind:name``, its key, label or an alias (any case).

    Raises ``KeyError`` when nothing matches and ``ValueError`` when several do.
    """
    if name in g and _kind(g, name) == kind:
        return name
    prefix = {"document": "doc"}.get(kind, kind)
    if f"{prefix}:{name}" in g:
        return f"{prefix}:{name}"
    low = name.strip().lower()
    for field in ("key", "label", "aliases"):
        hits = []
        for n, d in g.nodes(data=True):
            if str(d.get("kind") or "other") != kind:
                continue
            value = d.get(field)
            values = value if isinstance(value, (list, tuple)) else [value]
            if any(isinstance(v, str) and v.lower() == low for v in values):
                hits.append(n)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ValueError(f"{name!r} names several {kind} nodes: {', '.join(sorted(map(str, hits))[:8])}")
    raise KeyError(f"no {kind} named {name!r}")


def _claim_doc(g: nx.DiGraph, claim: Any) -> Any:
    for u, _, d in g.in_edges(claim, data=True):
        if _rel(d) == "makes":
            return u
    doc = g.nodes[claim].get("doc")
    return doc if doc in g else None


def _keep(g: nx.DiGraph, nodes: Iterable[Any]) -> nx.DiGraph:
    """A copy of the subgraph on ``nodes`` (node and edge attribute dicts copied), graph facts kept."""
    keep = set(nodes)
    out = nx.DiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True) if n in keep)
    out.add_edges_from((u, v, dict(d)) for u, v, d in g.edges(data=True) if u in keep and v in keep)
    return out


def by_platform(g: nx.DiGraph, platform: str) -> nx.DiGraph:
    """What one platform touches: the platform, related platforms, the documents, works and
    claims that mention it, and for those claims the document that makes them, the works
    they cite and who said them. ``platform`` is a node id or a name (see :func:`find_node`)."""
    p = find_node(g, platform, "platform")
    keep = {p} | set(g.successors(p)) | set(g.predecessors(p))
    for u in list(g.predecessors(p)):
        if _kind(g, u) == "claim":
            doc = _claim_doc(g, u)
            if doc is not None:
                keep.add(doc)
            keep.update(g.successors(u))
    return _keep(g, keep)


def by_document(g: nx.DiGraph, doc: str) -> nx.DiGraph:
    """One document's neighbourhood: what it cites, mentions and claims, its authors, its
    excerpts, and for its claims the works they cite, platforms and speakers.
    ``doc`` is a node id, a document id or key (see :func:`find_node`)."""
    d = find_node(g, doc, "document")
    keep = {d} | set(g.successors(d))
    keep.update(u for u, _, e in g.in_edges(d, data=True) if _rel(e) == "excerpt-of")
    for v in list(g.successors(d)):
        if _kind(g, v) == "claim":
            keep.update(g.successors(v))
    return _keep(g, keep)


def without_claims(g: nx.DiGraph) -> nx.DiGraph:
    """The graph without claim nodes (and the people only claims linked to)."""
    out = _keep(g, (n for n in g if _kind(g, n) != "claim"))
    out.remove_nodes_from([n for n in list(out) if _kind(out, n) == "person" and out.degree(n) == 0 and g.degree(n) > 0])
    return out


def _recount(g: nx.DiGraph) -> None:
    pred = g.pred
    for n, d in g.nodes(data=True):
        if d.get("kind") in ("work", "document"):
            d["cited_by"] = sum(1 for e in pred[n].values() if _rel(e) == "cites")


def fold_claims(g: nx.DiGraph) -> nx.DiGraph:
    """Claims folded away: a claim's ``supports`` edges become (or join) its document's
    ``cites`` edges, with the claim's sentence added to the edge's ``citations``; its
    ``mentions`` join the document's; ``said-by`` becomes document ``quotes`` person.
    The number of claims folded is in ``graph.graph["folded_claims"]``."""
    claims = [(c, cd) for c, cd in g.nodes(data=True) if str(cd.get("kind") or "other") == "claim"]
    claim_set = {c for c, _ in claims}
    out = _keep(g, (n for n in g if n not in claim_set))
    succ, pred, out_succ = g.succ, g.pred, out.succ
    for c, cd in claims:
        doc = next((u for u, d in pred[c].items() if _rel(d) == "makes"), None)
        if doc is None:
            doc = cd.get("doc")
            if doc not in g:
                continue
        text = str(cd.get("text") or cd.get("label") or "")
        for v, e in succ[c].items():
            if v not in out_succ:
                continue
            rel = _rel(e)
            if rel in ("supports", "cites"):
                _merge(out, doc, v, "cites", e, {"marker": "", "sentence": text, "line": cd.get("line", e.get("line", "")), "claim": str(c)})
            elif rel == "mentions":
                _merge(out, doc, v, "mentions", e, None)
            elif rel == "said-by":
                _merge(out, doc, v, "quotes", e, {"sentence": text, "line": cd.get("line", "")})
    _recount(out)
    out.graph["folded_claims"] = len(claims)
    return out


def _merge(g: nx.DiGraph, u: Any, v: Any, relation: str, source: dict[str, Any], citation: dict[str, Any] | None) -> None:
    """Add a ``relation`` edge u -> v, or join an existing one, adding ``citation`` unless its sentence is there (:func:`~citegraph.folding.join_edge`)."""
    from .folding import join_edge

    existing = g.succ[u].get(v) if u in g.succ else None
    joined = join_edge(existing, relation, source, citation)
    if existing is None and joined is not None:
        g.add_edge(u, v, **joined)


def min_cites(g: nx.DiGraph, n: int) -> nx.DiGraph:
    """Only works cited by at least ``n`` documents (documents and other kinds stay); claims whose
    every cited work went away, and platforms or people left unlinked, go too."""
    if n <= 0:
        return _keep(g, g.nodes)
    gone = {v for v, d in g.nodes(data=True) if d.get("kind") == "work" and _count(d, g, v) < n}
    out = _keep(g, (v for v in g if v not in gone))
    drop = []
    for c in out:
        if _kind(out, c) == "claim":
            had = [v for _, v, e in g.out_edges(c, data=True) if _rel(e) in ("supports", "cites")]
            if had and all(v in gone for v in had):
                drop.append(c)
    out.remove_nodes_from(drop)
    out.remove_nodes_from([v for v in list(out) if _kind(out, v) in ("platform", "person") and out.degree(v) == 0 and g.degree(v) > 0])
    return out


def _count(d: dict[str, Any], g: nx.DiGraph, v: Any) -> int:
    value = d.get("cited_by")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    return sum(1 for _, _, e in g.in_edges(v, data=True) if _rel(e) == "cites")


def view(
    g: nx.DiGraph,
    platform: str | None = None,
    doc: str | None = None,
    claims: bool = True,
    min_cited: int = 0,
    fold: bool | None = None,
    fold_above: int = FOLD_ABOVE,
) -> nx.DiGraph:
    """Several views at once, in this order: platform, document, min cites, claims.

    ``claims=False`` drops claims; ``fold=True`` folds them into cites edges,
    ``fold=None`` (the default) folds them only when the graph left has more
    than ``fold_above`` nodes. Returns a new graph.
    """
    out = g
    if platform:
        out = by_platform(out, platform)
    if doc:
        out = by_document(out, doc)
    if min_cited > 0:
        out = min_cites(out, min_cited)
    if not claims:
        out = without_claims(out)
    elif fold or (fold is None and out.number_of_nodes() > fold_above):
        out = fold_claims(out)
    return _keep(out, out.nodes) if out is g else out
