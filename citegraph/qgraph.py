"""The light graph: a read-only graph object answering from a query index (see :mod:`citegraph.qindex`).

:class:`LiteGraph` implements the part of the networkx ``DiGraph`` interface
the query functions use (``g.nodes[n]``, ``g.nodes(data=True)``, ``n in g``,
``g.in_edges``/``g.out_edges``/``g.edges``, ``g.graph``...) with SQL over the
index's ``nodes`` and ``edges`` tables, so a query answers without loading
the graph or importing networkx. Anything else (``to_undirected``,
layouts...) loads the full graph (:meth:`LiteGraph.full`) and delegates to
it. Every row carries a CRC; a damaged row raises :class:`CorruptIndex`.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CorruptIndex", "LiteGraph", "to_networkx", "COLUMNS", "node_crc"]

#: Node attributes kept in columns (read without decoding the row's JSON).
COLUMNS = ("kind", "key", "label", "title", "year", "doc")
_COLUMNS = COLUMNS


class CorruptIndex(ValueError):
    """The index file is damaged (a row's checksum does not match, or SQLite cannot read it)."""


def node_crc(row: Sequence[Any]) -> int:
    """The checksum stored with an index row (its values joined)."""
    return zlib.crc32("\x1f".join("\x00" if v is None else str(v) for v in row).encode("utf-8", "surrogatepass"))


_node_crc = node_crc


class _Attrs(Mapping):
    """A node's attributes: the column ones at hand, the rest decoded from the row's JSON when first asked for."""

    __slots__ = ("_pre", "_absent", "_raw", "_full")

    def __init__(self, pre: dict[str, Any], absent: int, raw: str) -> None:
        self._pre = pre
        self._absent = absent
        self._raw = raw
        self._full: dict[str, Any] | None = None

    def _data(self) -> dict[str, Any]:
        if self._full is None:
            try:
                value = json.loads(self._raw)
            except ValueError as exc:
                raise CorruptIndex(str(exc)) from exc
            if not isinstance(value, dict):
                raise CorruptIndex("node data")
            value.pop("id", None)
            self._full = value
        return self._full

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._pre:
            return self._pre[key]
        if key in _COLUMNS and self._absent >> _COLUMNS.index(key) & 1:
            return default
        return self._data().get(key, default)

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._data()

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __eq__(self, other: object) -> bool:
        return dict(self._data()) == (dict(other) if isinstance(other, Mapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._data())


_MISSING = object()
_NODE_SQL = "SELECT id, kind, key, label, title, year, doc, absent, data, crc FROM nodes"
_EDGE_SQL = "SELECT src, dst, relation, data, crc FROM edges"


class _NodeView:
    """``g.nodes``: ``g.nodes[n]``, ``g.nodes(data=...)``, ``n in g.nodes``, iteration."""

    def __init__(self, g: "LiteGraph") -> None:
        self._g = g

    def __getitem__(self, n: Any) -> Mapping[str, Any]:
        attrs = self._g._node(n)
        if attrs is None:
            raise KeyError(n)
        return attrs

    def __call__(self, data: bool | str = False, default: Any = None) -> Any:
        return self._g._nodes(data, default)

    def __contains__(self, n: object) -> bool:
        return n in self._g

    def __iter__(self) -> Iterator[str]:
        return iter(self._g)

    def __len__(self) -> int:
        return len(self._g)


class _EdgeView:
    """``g.edges``: ``g.edges(data=...)``, ``g.edges[u, v]``, iteration over (u, v)."""

    def __init__(self, g: "LiteGraph") -> None:
        self._g = g

    def __call__(self, nbunch: Any = None, data: bool | str = False, default: Any = None) -> list[tuple[Any, ...]]:
        if nbunch is not None:
            return self._g.out_edges(nbunch, data=data, default=default)
        return self._g._edges("", (), data, default)

    def __getitem__(self, uv: tuple[str, str]) -> dict[str, Any]:
        rows = self._g._edges(" WHERE src = ? AND dst = ?", tuple(uv), True, None)
        if not rows:
            raise KeyError(uv)
        return rows[0][2]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._g._edges("", (), False, None))

    def __len__(self) -> int:
        return self._g.number_of_edges()


class LiteGraph:
    """A read-only graph answering from the query index (see the module docstring).

    Node attribute mappings are read-only views; a damaged row found while
    answering makes the graph switch to ``rebuild()`` (the full graph) and
    answer the same call from it.
    """

    def __init__(self, db: sqlite3.Connection, graph: dict[str, Any], path: Path, rebuild: Callable[[], Any] | None = None, digest: str = "") -> None:
        self._db = db
        self.digest = digest  # the digest of the graph's node-link text when the index was written ("" when unknown)
        self.graph = graph
        self.path = path
        self._rebuild = rebuild
        self._full: Any = None
        self._cache: dict[str, _Attrs | None] = {}

    # -- fallback -------------------------------------------------------
    def full(self) -> "nx.DiGraph":
        """The whole graph as a networkx ``DiGraph`` (read from the index, or rebuilt when it is damaged)."""
        if self._full is None:
            try:
                self._full = to_networkx(self._db, self.graph)
            except (CorruptIndex, sqlite3.Error):
                self._damaged()
        return self._full

    def _damaged(self) -> None:
        try:
            self._db.close()
        finally:
            try:  # the other indexes go too: an index is updated from the previous one, so they may share the damaged row
                for p in [self.path, *self.path.parent.glob("qindex-*.sqlite3")]:
                    p.unlink(missing_ok=True)
            except OSError:
                pass
        if self._rebuild is None:
            raise CorruptIndex(f"{self.path} is damaged")
        self._full = self._rebuild()
        self.graph = self._full.graph

    def _query(self, sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, args).fetchall()

    def _safe(self, fn: Callable[[], Any], fallback: Callable[[Any], Any]) -> Any:
        if self._full is not None:
            return fallback(self._full)
        try:
            return fn()
        except (CorruptIndex, sqlite3.Error):
            self._damaged()
            return fallback(self._full)

    # -- rows -----------------------------------------------------------
    def _attrs(self, row: Sequence[Any]) -> _Attrs:
        n, *cols, absent, data, crc = row
        if _node_crc((n, *cols, absent, data)) != crc or not isinstance(absent, int):
            raise CorruptIndex(f"node {n!r}")
        return _Attrs({c: v for c, v in zip(_COLUMNS, cols) if v is not None}, absent, data)

    def _node(self, n: Any) -> Mapping[str, Any] | None:
        if self._full is not None:
            return self._full.nodes[n] if n in self._full else None
        if n not in self._cache:
            try:
                rows = self._query(_NODE_SQL + " WHERE id = ?", (str(n),))
                self._cache[n] = self._attrs(rows[0]) if rows else None
            except (CorruptIndex, sqlite3.Error):
                self._damaged()
                return self._node(n)
        return self._cache[n]

    def _rows(self, where: str, args: Sequence[Any]) -> list[tuple[str, _Attrs]]:
        out = []
        for row in self._query(_NODE_SQL + where + " ORDER BY seq", args):
            attrs = self._cache.get(row[0])
            if attrs is None:
                attrs = self._cache[row[0]] = self._attrs(row)
            out.append((row[0], attrs))
        return out

    def _nodes(self, data: bool | str, default: Any) -> Any:
        rows = self._safe(lambda: self._rows("", ()), lambda g: list(g.nodes(data=True)))
        if data is True:
            return rows
        if data is False:
            return [n for n, _ in rows]
        return [(n, d.get(data, default)) for n, d in rows]

    def nodes_of(self, kinds: Iterable[str]) -> list[tuple[str, Mapping[str, Any]]]:
        """(node, attributes) of the nodes whose ``kind`` is one of ``kinds``, in graph order."""
        kinds = [str(k) for k in kinds]
        marks = ",".join("?" * len(kinds))
        return self._safe(
            lambda: self._rows(f" WHERE kind IN ({marks})", kinds) if kinds else [],
            lambda g: [(n, d) for n, d in g.nodes(data=True) if d.get("kind") in kinds],
        )

    def find(self, field: str, value: str, kinds: Iterable[str]) -> list[str]:
        """Nodes of ``kinds`` whose ``field`` ("key", "label" or "tail": the id after its prefix) equals ``value``, any case."""
        kinds = [str(k) for k in kinds]
        low = value.lower()

        def fallback(g: Any) -> list[str]:
            get = {"key": lambda n, d: str(d.get("key", "")), "label": lambda n, d: str(d.get("label", "")), "tail": lambda n, d: str(n).split(":", 1)[-1]}[field]
            return [n for n, d in g.nodes(data=True) if d.get("kind") in kinds and get(n, d).lower() == low]

        def indexed() -> list[str]:
            column = {"key": "key_lc", "label": "label_lc", "tail": "tail_lc"}[field]
            marks = ",".join("?" * len(kinds))
            rows = self._rows(f" WHERE {column} = ? AND kind IN ({marks})", [low, *kinds]) if kinds else []
            return [n for n, d in rows if fallback_value(n, d).lower() == low]  # the column is a hint, the checked row decides

        def fallback_value(n: str, d: Mapping[str, Any]) -> str:
            return str(d.get(field, "")) if field != "tail" else n.split(":", 1)[-1]

        return self._safe(indexed, fallback)

    def _edges(self, where: str, args: Sequence[Any], data: bool | str, default: Any) -> list[tuple[Any, ...]]:
        def indexed() -> list[tuple[str, str, dict[str, Any]]]:
            out = []
            for u, v, rel, raw, crc in self._query(_EDGE_SQL + where + " ORDER BY seq", args):
                if _node_crc((u, v, rel, raw)) != crc:
                    raise CorruptIndex(f"edge {u!r} -> {v!r}")
                d = _edge_data(raw)
                out.append((u, v, d))
            return out

        def fallback(g: Any) -> list[tuple[str, str, dict[str, Any]]]:
            if not where:
                return list(g.edges(data=True))
            if where.startswith(" WHERE src = ? AND dst"):
                return [(args[0], args[1], g.edges[args[0], args[1]])] if g.has_edge(args[0], args[1]) else []
            if where.startswith(" WHERE src"):
                return list(g.out_edges(args[0], data=True)) if args[0] in g else []
            if where.startswith(" WHERE dst"):
                return list(g.in_edges(args[0], data=True)) if args[0] in g else []
            return [e for e in g.edges(data=True) if e[2].get("relation") == args[0]]

        rows = self._safe(indexed, fallback)
        if data is True:
            return rows
        if data is False:
            return [(u, v) for u, v, _ in rows]
        return [(u, v, d.get(data, default)) for u, v, d in rows]

    # -- the networkx interface used by queries ---------------------------
    @property
    def nodes(self) -> _NodeView:
        """``g.nodes[n]`` (attributes) and ``g.nodes(data=True)``."""
        return _NodeView(self)

    @property
    def edges(self) -> _EdgeView:
        """``g.edges(data=True)`` and ``g.edges[u, v]``."""
        return _EdgeView(self)

    def __contains__(self, n: object) -> bool:
        try:
            return self._node(n) is not None
        except TypeError:
            return False

    def has_node(self, n: Any) -> bool:
        """Whether ``n`` is a node."""
        return n in self

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes(False, None))

    def __len__(self) -> int:
        return self.number_of_nodes()

    def number_of_nodes(self) -> int:
        """How many nodes."""
        return self._safe(lambda: self._query("SELECT count(*) FROM nodes", ())[0][0], lambda g: g.number_of_nodes())

    def number_of_edges(self) -> int:
        """How many edges."""
        return self._safe(lambda: self._query("SELECT count(*) FROM edges", ())[0][0], lambda g: g.number_of_edges())

    def out_edges(self, n: Any, data: bool | str = False, default: Any = None) -> list[tuple[Any, ...]]:
        """The edges leaving ``n`` (in graph order), with their attributes when ``data``."""
        return self._edges(" WHERE src = ?", (str(n),), data, default)

    def in_edges(self, n: Any, data: bool | str = False, default: Any = None) -> list[tuple[Any, ...]]:
        """The edges entering ``n`` (in graph order), with their attributes when ``data``."""
        return self._edges(" WHERE dst = ?", (str(n),), data, default)

    def edges_by_relation(self, relation: str) -> list[tuple[str, str, dict[str, Any]]]:
        """All edges whose ``relation`` is ``relation``, with their attributes."""
        return self._edges(" WHERE relation = ?", (relation,), True, None)

    def successors(self, n: Any) -> Iterator[str]:
        """The targets of the edges leaving ``n``."""
        return iter(dict.fromkeys(v for _, v in self.out_edges(n)))

    def predecessors(self, n: Any) -> Iterator[str]:
        """The sources of the edges entering ``n``."""
        return iter(dict.fromkeys(u for u, _ in self.in_edges(n)))

    def has_edge(self, u: Any, v: Any) -> bool:
        """Whether there is an edge ``u`` -> ``v``."""
        return bool(self._edges(" WHERE src = ? AND dst = ?", (str(u), str(v)), False, None))

    def is_directed(self) -> bool:
        """Always True."""
        return True

    def is_multigraph(self) -> bool:
        """Always False."""
        return False

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.full(), name)  # the rest of the networkx interface: from the full graph

    def close(self) -> None:
        """Close the index file."""
        self._db.close()


def _edge_data(raw: str) -> dict[str, Any]:
    try:
        d = json.loads(raw)
    except ValueError as exc:
        raise CorruptIndex(str(exc)) from exc
    if not isinstance(d, dict):
        raise CorruptIndex("edge data")
    d.pop("source", None)
    d.pop("target", None)
    return d


def to_networkx(db: sqlite3.Connection, graph: dict[str, Any]) -> "nx.DiGraph":
    """The full graph stored in an index database (raises :class:`CorruptIndex` on a damaged row)."""
    import networkx as nx

    g = nx.DiGraph()
    g.graph.update(graph)
    nodes = []
    for row in db.execute(_NODE_SQL + " ORDER BY seq"):
        n, *cols, absent, data, crc = row
        if _node_crc((n, *cols, absent, data)) != crc:
            raise CorruptIndex(f"node {n!r}")
        nodes.append((n, _Attrs({}, 0, data)._data()))
    g.add_nodes_from(nodes)
    edges = []
    for u, v, rel, raw, crc in db.execute(_EDGE_SQL + " ORDER BY seq"):
        if _node_crc((u, v, rel, raw)) != crc:
            raise CorruptIndex(f"edge {u!r} -> {v!r}")
        edges.append((u, v, _edge_data(raw)))
    g.add_edges_from(edges)
    return g
