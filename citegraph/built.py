"""A built corpus graph as the outputs need it, without networkx: node-link text, index rows, the page's parts.

A :class:`Built` holds the corpus-wide items (:mod:`citegraph.assembly`) and,
for each document with items of its own, a light *fragment* made once when
the document (or a work it cites) changed (:func:`fragment`): its
node-link lines already joined, the identities of its index rows, its
edges folded for the page and their page items. The full index rows of a
fragment (:func:`fragment_rows`) are read only where an index must be
written anew. Graph order: shared nodes, then each document's claims;
edges by source in node order (a document's own edges before the shared
ones from its node), then each document's claims' edges.
"""

from __future__ import annotations

import array
from bisect import bisect_right
from collections.abc import Sequence as SequenceABC
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from .assembly import Shared, folded_edges
from .corpus import Merged
from .digest import value_digest
from .fragments import doc_items
from .model import Extraction
from .qindex import edge_row, node_row
from .readwrite.html_edges import edge_json
from .readwrite.nodelink import ENCODE, assemble_chunks

if TYPE_CHECKING:
    import networkx as nx

    from .readwrite.html_edges import Prebuilt

__all__ = ["Built", "Rows", "fragment", "fits", "graph_of", "page_graph", "page_parts", "page_clashes"]

_LIGHT = {"nt": str, "dt": str, "ct": str, "nn": int, "nd": int, "nc": int, "ni": bytes, "ei": bytes, "fe": list, "pe": str, "pr": list, "t": list}


def fragment(x: Extraction, ref_work: Mapping[str, str], platforms: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A document's items: (its light fragment, its full rows).

    Light: ``nt``/``dt``/``ct`` node-link lines of its claims, its own
    edges and its claims' edges (joined); ``nn``/``nd``/``nc`` how many;
    ``ni``/``ei`` their index rows' identities (packed 64-bit integers);
    ``fe`` its edges folded for the page (``[source, target, relation]``),
    ``pe``/``pr`` their page items (JSON) and relations; ``t`` the targets
    of its document's edges. Full: ``n``/``e`` index rows, ``f`` folded
    edges with their attributes.
    """
    encode = ENCODE
    nodes, edges = doc_items(x, ref_work, platforms)
    doc_node = f"doc:{x.document.id}"  # type: ignore[union-attr]
    own = [e for e in edges if e[0] == doc_node]
    ordered = own + [e for e in edges if e[0] != doc_node]  # the document's edges, then its claims' (claim by claim)
    folded = folded_edges(doc_node, nodes, edges)
    page, relations = edge_json(folded, lambda value: f"doc:{value}" if value else None)
    node_rows = [node_row(n, d, encode({**d, "id": n})) for n, d in nodes]
    edge_rows = [edge_row(u, v, d, encode({**d, "source": u, "target": v})) for u, v, d in ordered]
    light = {
        "nt": ",\n".join(r[11] for r in node_rows),
        "dt": ",\n".join(r[3] for r in edge_rows[: len(own)]),
        "ct": ",\n".join(r[3] for r in edge_rows[len(own) :]),
        "nn": len(node_rows), "nd": len(own), "nc": len(edge_rows) - len(own),
        "ni": array.array("q", [r[-1] for r in node_rows]).tobytes(),
        "ei": array.array("q", [r[-1] for r in edge_rows]).tobytes(),
        "fe": [[u, v, d.get("relation")] for u, v, d in folded],
        "pe": page, "pr": relations,
        "t": [v for _, v, _ in own],
    }
    return light, {"n": node_rows, "e": edge_rows, "f": [[u, v, d] for u, v, d in folded]}


def fits(light: Any) -> bool:
    """Whether a cached light fragment has the shape :func:`fragment` gives."""
    return isinstance(light, dict) and all(isinstance(light.get(k), t) for k, t in _LIGHT.items())


def fits_rows(rows: Any, light: Mapping[str, Any]) -> bool:
    """Whether cached full rows have the shape :func:`fragment` gives and belong with ``light``."""
    return (
        isinstance(rows, dict) and isinstance(rows.get("n"), list) and isinstance(rows.get("e"), list) and isinstance(rows.get("f"), list)
        and len(rows["n"]) == light["nn"] and len(rows["e"]) == light["nd"] + light["nc"]
    )


def _idents(packed: bytes) -> list[int]:
    values = array.array("q")
    values.frombytes(packed)
    return values.tolist()


class Rows(SequenceABC):
    """Index rows in graph order, read only where asked for (segments of shared rows and of documents' rows); ``idents`` at hand."""

    def __init__(self, segments: list[tuple[int, Callable[[int], tuple[Any, ...]]]], idents: list[int]) -> None:
        self.starts: list[int] = []
        total = 0
        for count, _ in segments:
            self.starts.append(total)
            total += count
        self.segments = segments
        self.idents = idents
        self.total = total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.total))]
        if i < 0:
            i += self.total
        if not 0 <= i < self.total:
            raise IndexError(i)
        k = bisect_right(self.starts, i) - 1
        while self.segments[k][0] == 0:  # empty segments share a start with the next one
            k += 1
        return self.segments[k][1](i - self.starts[k])


@dataclass(frozen=True)
class Built:
    """A corpus graph: shared items, each document's light fragment, the merge; ``rows_of(i)``: the full rows of fragment ``i``."""

    shared: Shared
    frags: tuple[Mapping[str, Any], ...]
    merged: Merged
    doc_nodes: tuple[str, ...] = ()  # the document node of each fragment
    rows_of: Callable[[int], Mapping[str, Any]] | None = field(default=None, repr=False, compare=False)

    @property
    def graph_facts(self) -> dict[str, Any]:
        return self.shared.facts

    def node_count(self) -> int:
        return len(self.shared.nodes) + sum(f["nn"] for f in self.frags)

    def shared_node_rows(self, known: Mapping[str, Any] | None = None, kept: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Index rows of the shared nodes; ``known``: rows by a digest of node and attributes (the last build's), ``kept`` receives this build's."""
        encode = ENCODE
        rows = []
        for n, d in self.shared.nodes:
            digest = value_digest([n, d]) if known is not None or kept is not None else None
            row = known.get(digest) if known is not None and digest else None
            if not (type(row) is tuple and len(row) == 14):
                row = node_row(n, d, encode({**d, "id": n}))
            if kept is not None and digest:
                kept[digest] = row
            rows.append(row)
        return rows

    def _shared_edges(self) -> dict[str, list[tuple[Any, ...]]]:
        encode = ENCODE
        out: dict[str, list[tuple[Any, ...]]] = {}
        for u, v, d in self.shared.edges:
            out.setdefault(u, []).append(edge_row(u, v, d, encode({**d, "source": u, "target": v})))
        return out

    def _row(self, i: int, part: str, offset: int = 0) -> Callable[[int], tuple[Any, ...]]:
        def get(j: int) -> tuple[Any, ...]:
            assert self.rows_of is not None, "no rows for this graph"
            return self.rows_of(i)[part][offset + j]

        return get

    def rows(self, shared_nodes: list[tuple[Any, ...]] | None = None) -> tuple[Rows, Rows, str]:
        """(node rows, edge rows, node-link text), in graph order; ``shared_nodes``: the shared nodes' rows when already made."""
        nodes_shared = shared_nodes if shared_nodes is not None else self.shared_node_rows()
        edges_shared = self._shared_edges()
        own = {doc: i for i, doc in enumerate(self.doc_nodes)}
        node_segments = [(len(nodes_shared), nodes_shared.__getitem__)] + [(f["nn"], self._row(i, "n")) for i, f in enumerate(self.frags)]
        node_idents = [r[-1] for r in nodes_shared]
        node_text = [r[11] for r in nodes_shared] + [f["nt"] for f in self.frags if f["nn"]]
        edge_segments: list[tuple[int, Callable[[int], tuple[Any, ...]]]] = []
        edge_idents: list[int] = []
        edge_text: list[str] = []
        packed = [_idents(f["ei"]) for f in self.frags]
        for n, _ in self.shared.nodes:
            i = own.get(n)
            if i is not None and self.frags[i]["nd"]:
                f = self.frags[i]
                edge_segments.append((f["nd"], self._row(i, "e")))
                edge_idents.extend(packed[i][: f["nd"]])
                edge_text.append(f["dt"])
            mine = edges_shared.get(n)
            if mine:
                edge_segments.append((len(mine), mine.__getitem__))
                edge_idents.extend(r[-1] for r in mine)
                edge_text.extend(r[3] for r in mine)
        for i, f in enumerate(self.frags):
            if f["nc"]:
                edge_segments.append((f["nc"], self._row(i, "e", f["nd"])))
                edge_idents.extend(packed[i][f["nd"] :])
                edge_text.append(f["ct"])
        for f in self.frags:
            node_idents.extend(_idents(f["ni"]))
        text = assemble_chunks(self.graph_facts, node_text, edge_text)
        return Rows(node_segments, node_idents), Rows(edge_segments, edge_idents), text

    def node_rows(self) -> list[tuple[Any, ...]]:
        """All index rows of the nodes, in graph order (:func:`citegraph.qindex.node_row`)."""
        return list(self.rows()[0])

    def edge_rows(self) -> list[tuple[Any, ...]]:
        """All index rows of the edges, in graph order (:func:`citegraph.qindex.edge_row`)."""
        return list(self.rows()[1])

    def text(self) -> str:
        """The node-link JSON text (:mod:`citegraph.readwrite.nodelink`)."""
        return self.rows()[2]


def graph_of(built: Built) -> "nx.DiGraph":
    """The networkx graph of a :class:`Built` (from its node-link text)."""
    from .readwrite.nodelink import from_json

    return from_json(built.text())


def _recount(g: "nx.DiGraph") -> None:
    """Each work's and document's ``cited_by``: its ``cites`` in-edges."""
    cited: dict[Any, int] = {}
    for _, v, rel in g.edges(data="relation"):
        if rel == "cites":
            cited[v] = cited.get(v, 0) + 1
    for n, d in g.nodes(data=True):
        if d.get("kind") in ("work", "document"):
            d["cited_by"] = cited.get(n, 0)


def _folded_base(built: Built, edges: Callable[[int], Sequence[Any]]) -> "nx.DiGraph":
    import networkx as nx

    g = nx.DiGraph()
    g.graph.update(built.graph_facts)
    g.add_nodes_from((n, dict(d)) for n, d in built.shared.nodes)
    nodes = g.nodes
    for i in range(len(built.frags)):
        for u, v, d in edges(i):
            if v not in nodes:
                g.add_node(v, kind=v.split(":", 1)[0])
            g.add_edge(u, v, **(d if isinstance(d, dict) else {"relation": d}))
    g.graph["folded_claims"] = sum(f["nn"] for f in built.frags)
    return g


def page_graph(built: Built) -> "nx.DiGraph":
    """The graph with claims folded into their documents' edges (:func:`citegraph.views.fold_claims`), attributes and all."""
    assert built.rows_of is not None
    g = _folded_base(built, lambda i: built.rows_of(i)["f"])  # type: ignore[misc]
    for u, v, d in built.shared.edges:
        g.add_edge(u, v, **d)
    _recount(g)
    return g


def page_clashes(built: Built) -> list[int]:
    """The fragments one of whose edges a shared edge joins: :func:`page_parts` reads their full rows."""
    clash = {(u, v) for u, v, _ in built.shared.edges}
    return [i for i, f in enumerate(built.frags) if any((u, v) in clash for u, v, _ in f["fe"])]


def page_parts(built: Built) -> "tuple[nx.DiGraph, Prebuilt]":
    """What the page of a large corpus is made from: :func:`page_graph` with the documents' own edges bare
    (only their relation), and those edges' page items, made with each document (:mod:`citegraph.readwrite.html_edges`)."""
    from .readwrite.html_edges import prebuilt

    g = _folded_base(built, lambda i: built.frags[i]["fe"])
    for u, v, d in built.shared.edges:
        if g.has_edge(u, v):
            g.edges[u, v].update(d)
        else:
            g.add_edge(u, v, **d)
    clashes = set(page_clashes(built))
    parts = []
    for i, f in enumerate(built.frags):
        if i in clashes:  # a shared edge joins one of the document's own: its items are made with the page
            assert built.rows_of is not None
            for u, v, d in built.rows_of(i)["f"]:
                g.edges[u, v].update({**d, **g.edges[u, v]})
        else:
            parts.append((((u, v) for u, v, _ in f["fe"]), f["pe"], f["pr"]))
    _recount(g)
    return g, prebuilt(parts)
