"""The citation graph as networkx node-link JSON, and back.

The JSON is what :func:`networkx.node_link_data` gives (``directed``,
``multigraph``, ``graph``, ``nodes``, ``edges``), so any networkx (or D3)
user can load it; :func:`from_json` gives back an equal graph.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

__all__ = ["to_json", "from_json"]


def _data(graph: nx.DiGraph) -> dict[str, Any]:
    try:
        return nx.node_link_data(graph, edges="edges")
    except TypeError:  # networkx < 3.4 names the argument "link"
        return nx.node_link_data(graph, link="edges")  # type: ignore[call-arg]


def to_json(graph: nx.DiGraph) -> str:
    """The graph as node-link JSON (UTF-8 text, nodes and edges in graph order, keys sorted).

    Attribute values must be JSON types (str, int, float, bool, None, lists, dicts);
    tuples come back as lists.
    """
    return json.dumps(_data(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def from_json(text: str) -> nx.DiGraph:
    """A graph from node-link JSON written by :func:`to_json` (or by networkx).

    Raises ``ValueError`` when the text is not node-link JSON.
    """
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
