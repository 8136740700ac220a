"""The citation graph as GraphML and GEXF (for Gephi, yEd, Cytoscape), and back.

GraphML and GEXF attributes must be scalars of one type per key, so
:func:`flatten` turns lists and dicts (a work's ``csl``, a ``cites`` edge's
``citations``) into JSON strings, ``None`` into "", and any key whose values
mix types into JSON text as well. The names of the keys so encoded are kept in
the graph attribute ``json_keys`` (``node:csl``, ``edge:citations``...) so
that :func:`from_graphml` and :func:`from_gexf` give back the original values.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

__all__ = ["flatten", "unflatten", "to_graphml", "from_graphml", "to_gexf", "from_gexf"]

_SCALAR = (str, int, float, bool)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    return "json"


def _plan(records: list[dict[str, Any]]) -> set[str]:
    """The keys whose values must be JSON-encoded: non-scalars, or more than one type."""
    kinds: dict[str, set[str]] = {}
    for attrs in records:
        for k, v in attrs.items():
            kinds.setdefault(k, set()).add(_kind(v))
    return {k for k, ks in kinds.items() if "json" in ks or len(ks) > 1}


def flatten(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of ``graph`` whose attributes are all scalars (see the module docstring); the input is not changed."""
    out = nx.DiGraph()
    nodes = [dict(d) for _, d in graph.nodes(data=True)]
    edges = [dict(d) for _, _, d in graph.edges(data=True)]
    graph_attrs = dict(graph.graph)
    plans = {"node": _plan(nodes), "edge": _plan(edges), "graph": _plan([graph_attrs])}

    def enc(scope: str, attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: json.dumps(v, ensure_ascii=False, sort_keys=True) if k in plans[scope] else v for k, v in attrs.items()}

    out.graph.update(enc("graph", graph_attrs))
    out.graph["json_keys"] = json.dumps(sorted(f"{scope}:{k}" for scope, keys in plans.items() for k in keys))
    for (n, _), attrs in zip(graph.nodes(data=True), nodes):
        out.add_node(n, **enc("node", attrs))
    for (u, v, _), attrs in zip(graph.edges(data=True), edges):
        out.add_edge(u, v, **enc("edge", attrs))
    return out


def unflatten(graph: nx.DiGraph) -> nx.DiGraph:
    """Undo :func:`flatten`: decode the keys listed in ``graph.graph["json_keys"]`` (in place; returns the graph)."""
    try:
        keys = set(json.loads(graph.graph.pop("json_keys", "[]")))
    except (TypeError, ValueError):
        keys = set()

    def dec(scope: str, attrs: dict[str, Any]) -> None:
        for k, v in list(attrs.items()):
            if f"{scope}:{k}" in keys and isinstance(v, str):
                try:
                    attrs[k] = json.loads(v)
                except ValueError:
                    pass

    dec("graph", graph.graph)
    for _, d in graph.nodes(data=True):
        dec("node", d)
    for _, _, d in graph.edges(data=True):
        dec("edge", d)
    return graph


def to_graphml(graph: nx.DiGraph) -> str:
    """The graph as GraphML text (UTF-8), attributes flattened."""
    buf = io.BytesIO()
    nx.write_graphml(flatten(graph), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


def from_graphml(text: str) -> nx.DiGraph:
    """A graph from GraphML written by :func:`to_graphml` (JSON-encoded attributes decoded)."""
    g = nx.DiGraph(nx.read_graphml(io.BytesIO(text.encode("utf-8"))))
    for name in ("node_default", "edge_default"):
        g.graph.pop(name, None)
    return unflatten(g)


_GEXF_NAME = "citegraph json_keys="


def to_gexf(graph: nx.DiGraph) -> str:
    """The graph as GEXF 1.2 text (UTF-8), attributes flattened; node labels are their ``label``.

    GEXF has no graph attributes: the run summary is not written (the list
    of JSON-encoded keys travels in the graph's ``name``).
    """
    flat = flatten(graph)
    flat.graph = {"name": _GEXF_NAME + flat.graph["json_keys"]}
    buf = io.BytesIO()
    nx.write_gexf(flat, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


def from_gexf(text: str) -> nx.DiGraph:
    """A graph from GEXF written by :func:`to_gexf`: attributes decoded, node and edge data as written."""
    g = nx.DiGraph(nx.read_gexf(io.BytesIO(text.encode("utf-8"))))
    name = str(g.graph.get("name", ""))
    g.graph = {"json_keys": name[len(_GEXF_NAME) :]} if name.startswith(_GEXF_NAME) else {}
    for _, d in g.nodes(data=True):
        if "networkx_key" in d:  # GEXF reserves "key"; networkx renames it on writing
            d["key"] = d.pop("networkx_key")
    for _, _, d in g.edges(data=True):
        if "networkx_key" in d:
            d["key"] = d.pop("networkx_key")
        d.pop("id", None)
    return unflatten(g)
