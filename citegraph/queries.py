"""Who cites what: graph queries as free functions taking the graph first.

Each returns a list of plain dict rows (one shared renderer prints them as a
table or JSON). ``resolve`` turns what a user types ("Curran 2007",
"Su & Kaye 2023", a citation key, a title fragment) into node ids.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    import networkx as nx

from .textfold import fold

__all__ = ["resolve", "Ambiguous", "NotFound", "cites", "cited_by", "claims", "platforms", "node_row", "nodes_of"]

_YEAR = re.compile(r"\b((?:19|20)\d\d)([a-z]?)\b")


class NotFound(LookupError):
    """Nothing in the graph matches the query."""


class Ambiguous(LookupError):
    """Several nodes match the query; ``candidates`` lists them."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        super().__init__(f"{query!r} matches {len(candidates)} nodes")
        self.query = query
        self.candidates = candidates


def node_row(graph: "nx.DiGraph", node: str) -> dict[str, Any]:
    """A short description of a node: id, kind, key, label, title."""
    d = graph.nodes[node]
    return {"id": node, "kind": d.get("kind"), "key": d.get("key", ""), "label": d.get("label", ""), "title": d.get("title", "") or d.get("text", "")}


def nodes_of(graph: "nx.DiGraph", kinds: Iterable[str]) -> list[tuple[str, Mapping[str, Any]]]:
    """(node, attributes) of the nodes whose ``kind`` is in ``kinds``, in graph order (indexed on a light graph)."""
    kinds = list(kinds)
    indexed = getattr(graph, "nodes_of", None)
    if indexed is not None:
        return indexed(kinds)
    wanted = set(kinds)
    return [(n, d) for n, d in graph.nodes(data=True) if d.get("kind") in wanted]


def _find(graph: "nx.DiGraph", field: str, value: str, kinds: set[str], nodes: Any) -> list[str]:
    """Nodes of ``kinds`` whose key, id suffix ("tail") or label equals ``value`` (any case)."""
    indexed = getattr(graph, "find", None)
    if indexed is not None:
        return indexed(field, value, sorted(kinds))
    low = value.lower()
    if field == "tail":
        return [n for n, _ in nodes() if n.split(":", 1)[-1].lower() == low]
    return [n for n, d in nodes() if d.get(field, "").lower() == low]


def _surnames(d: Mapping[str, Any]) -> list[str]:
    return [fold(a.split(",")[0]) for a in d.get("authors", [])]


def resolve(graph: "nx.DiGraph", query: str, kinds: Iterable[str] = ("work", "document")) -> str:
    """The one node a query names; raises :class:`NotFound` or :class:`Ambiguous`.

    Tried in order: node id, citation key (case-insensitive), document id,
    "Surname [& Surname | et al.] Year[suffix]", platform or person label,
    then a title fragment.
    """
    kinds = set(kinds)
    q = query.strip()
    if q in graph and graph.nodes[q].get("kind") in kinds:
        return q
    loaded: list[tuple[str, Mapping[str, Any]]] = []

    def nodes() -> list[tuple[str, Mapping[str, Any]]]:
        if not loaded:
            loaded.extend(nodes_of(graph, sorted(kinds)))
        return loaded

    for field in ("key", "tail", "label"):
        hits = _find(graph, field, q, kinds, nodes)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise Ambiguous(query, sorted(hits))
    m = _YEAR.search(q)
    if m:
        year, suffix = m.group(1), m.group(2)
        names = [w for w in fold(_YEAR.sub(" ", q).replace("et al", " ")).split() if w not in {"and", "et", "al"}]
        hits = []
        for n, d in nodes():
            if not str(d.get("year", "")).startswith(year) or (suffix and not str(d.get("year", "")).endswith(suffix)):
                continue
            fam = _surnames(d) or fold(d.get("label", "")).split()[:1]
            if names and fam and fold(names[0]) == fam[0].replace(" ", "") and all(any(w in f.split() or w == f.replace(" ", "") for f in fam) for w in names):
                hits.append(n)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise Ambiguous(query, sorted(hits))
    fq = fold(q)
    hits = [n for n, d in nodes() if fq and fq in fold(d.get("title", "") or d.get("text", ""))] if fq else []
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise Ambiguous(query, sorted(hits))
    raise NotFound(f"nothing matches {query!r}")


def _citing_rows(graph: "nx.DiGraph", edges: Iterable[tuple[str, str, dict[str, Any]]], other: int) -> list[dict[str, Any]]:
    rows = []
    for e in edges:
        node = e[other]
        d = graph.nodes[node]
        for c in e[2].get("citations", []) or [{}]:
            rows.append(
                {
                    "doc" if other == 0 else "work": d.get("key") or node,
                    "label": d.get("label", ""),
                    "title": d.get("title", ""),
                    "marker": c.get("marker", ""),
                    "line": c.get("line", ""),
                    "sentence": c.get("sentence", ""),
                }
            )
    return rows


def cites(graph: "nx.DiGraph", doc: str) -> list[dict[str, Any]]:
    """What document ``doc`` (a node id) cites, one row per citing sentence."""
    edges = sorted((e for e in graph.out_edges(doc, data=True) if e[2].get("relation") == "cites"), key=lambda e: graph.nodes[e[1]].get("label", ""))
    return _citing_rows(graph, edges, 1)


def cited_by(graph: "nx.DiGraph", work: str) -> list[dict[str, Any]]:
    """Who cites ``work`` (a node id), one row per citing sentence."""
    edges = sorted((e for e in graph.in_edges(work, data=True) if e[2].get("relation") == "cites"), key=lambda e: e[0])
    return _citing_rows(graph, edges, 0)


def _claim_edges(graph: "nx.DiGraph", claims: set[str] | None) -> dict[str, dict[str, Any]]:
    """For each claim (all, or those in ``claims``): target node -> relation of its out-edges."""
    out: dict[str, dict[str, Any]] = {}
    if claims is not None:
        for n in claims:
            out[n] = {v: e.get("relation") for _, v, e in graph.out_edges(n, data=True)}
        return out
    by_relation = getattr(graph, "edges_by_relation", None)  # a light graph: only the two relations read below
    edges = (e for rel in ("supports", "mentions") for e in by_relation(rel)) if by_relation else graph.edges(data=True)
    for u, v, e in edges:
        out.setdefault(u, {})[v] = e.get("relation")
    return out


def claims(graph: "nx.DiGraph", platform: str | None = None, cites: str | None = None, doc: str | None = None) -> list[dict[str, Any]]:
    """Claims, optionally only those mentioning ``platform``, supporting ``cites`` or made in ``doc`` (node ids)."""
    wanted: set[str] | None = None
    for node, relation in ((platform, "mentions"), (cites, "supports"), (doc, "makes")):
        if node:
            ends = {u if relation != "makes" else v for u, v, e in (graph.in_edges(node, data=True) if relation != "makes" else graph.out_edges(node, data=True)) if e.get("relation") == relation}
            wanted = ends if wanted is None else wanted & ends
    rows = []
    claim_nodes = [(n, d) for n, d in nodes_of(graph, ["claim"]) if wanted is None or n in wanted or (doc and d.get("doc") == doc)]
    edges = _claim_edges(graph, {n for n, _ in claim_nodes} if wanted is not None else None)
    for n, d in claim_nodes:
        out = edges.get(n, {})
        if platform and out.get(platform) != "mentions":
            continue
        if cites and out.get(cites) != "supports":
            continue
        if doc and d.get("doc") != doc:
            continue
        rows.append(
            {
                "claim": n,
                "doc": graph.nodes[d["doc"]].get("key", d["doc"]) if d.get("doc") in graph else d.get("doc", ""),
                "line": d.get("line", ""),
                "text": d.get("text", ""),
                "cites": [graph.nodes[v].get("label", v) for v, r in out.items() if r == "supports"],
                "platforms": [graph.nodes[v].get("label", v) for v, r in out.items() if r == "mentions"],
                "speaker": d.get("speaker") or None,
            }
        )
    return sorted(rows, key=lambda r: (str(r["doc"]), int(r["line"] or 0)))


def platforms(graph: "nx.DiGraph") -> list[dict[str, Any]]:
    """Platforms with their mention counts, the documents and the claims that mention them."""
    rows = []
    for n, d in nodes_of(graph, ["platform"]):
        ins = list(graph.in_edges(n, data=True))
        docs = sorted({graph.nodes[u].get("key", u) for u, _, e in ins if e.get("relation") == "mentions" and graph.nodes[u].get("kind") == "document"})
        n_claims = sum(1 for u, _, e in ins if e.get("relation") == "mentions" and graph.nodes[u].get("kind") == "claim")
        related = [f"{e.get('relation')} {graph.nodes[v].get('label', v)}" for _, v, e in graph.out_edges(n, data=True)]
        rows.append({"platform": d.get("label", n), "mentions": d.get("mentions", 0), "documents": docs, "claims": n_claims, "aliases": d.get("aliases", []), "relations": related})
    return sorted(rows, key=lambda r: (-int(r["mentions"]), r["platform"]))
