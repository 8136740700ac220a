"""The citation graph as networkx node-link JSON, and back.

The JSON is what :func:`networkx.node_link_data` gives (``directed``,
``multigraph``, ``graph``, ``nodes``, ``edges``), so any networkx (or D3)
user can load it; :func:`from_json` gives back an equal graph. It is
written one node or edge per line (keys sorted), which is fast to write
(:func:`item_lines` are also what the query index stores) and diffs well.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_json", "from_json", "item_lines", "assemble", "assemble_chunks", "ENCODE"]

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
#: One node or edge (a dict) as its line of node-link JSON.
ENCODE = _ENCODER.encode


def item_lines(graph: "nx.DiGraph") -> tuple[list[str], list[str]]:
    """Each node (``{"id": ..., attributes}``) and each edge (``{"source": ..., "target": ..., attributes}``)
    as one line of JSON, in graph order, keys sorted."""
    encode = _ENCODER.encode
    nodes = [encode({**d, "id": n}) for n, d in graph.nodes(data=True)]
    edges = [encode({**d, "source": u, "target": v}) for u, v, d in graph.edges(data=True)]
    return nodes, edges


def assemble(graph_facts: dict[str, Any], nodes: list[str], edges: list[str]) -> str:
    """The node-link document from :func:`item_lines` and the graph facts."""
    def block(lines: list[str]) -> str:
        return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"

    return f'{{"directed": true, "edges": {block(edges)}, "graph": {_ENCODER.encode(graph_facts)}, "multigraph": false, "nodes": {block(nodes)}}}\n'


def assemble_chunks(graph_facts: dict[str, Any], node_chunks: list[str], edge_chunks: list[str]) -> str:
    """The node-link document from chunks of lines (each chunk: lines joined by ``",\n"``; empty chunks skipped)."""
    return assemble(graph_facts, [c for c in node_chunks if c], [c for c in edge_chunks if c])


def to_json(graph: "nx.DiGraph") -> str:
    """The graph as node-link JSON (UTF-8 text, one node or edge per line in graph order, keys sorted).

    Attribute values must be JSON types (str, int, float, bool, None, lists, dicts);
    tuples come back as lists.
    """
    return assemble(graph.graph, *item_lines(graph))


def from_json(text: str) -> nx.DiGraph:
    """A graph from node-link JSON written by :func:`to_json` (or by networkx).

    Raises ``ValueError`` when the text is not node-link JSON.
    """
    import networkx as nx

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise ValueError("not node-link JSON: no 'nodes' list")
    edges = "edges" if "edges" in data or "links" not in data else "links"
    data.setdefault(edges, [])
    try:
        try:
            graph = nx.node_link_graph(data, directed=True, multigraph=False, edges=edges)
        except TypeError as exc:  # networkx < 3.4 names the argument "link"
            if "edges" not in str(exc):
                raise
            graph = nx.node_link_graph(data, directed=True, multigraph=False, link=edges)  # type: ignore[call-arg]
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise ValueError(f"not node-link JSON: {exc}") from exc
    return graph if isinstance(graph, nx.DiGraph) and not graph.is_multigraph() else nx.DiGraph(graph)
