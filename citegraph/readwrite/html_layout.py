"""Node positions for the page, computed in Python so the page opens already laid out.

Small components get a seeded spring layout (networkx with numpy, a plain
Python Fruchterman-Reingold without). Large components (thousands of nodes,
where an O(n^2) spring layout is too slow without scipy) get a *hub layout*:
the documents (or the best-connected nodes) are laid out with a spring layout
of their own, weighted by the references they share, and every other node is
placed around the hubs it is linked to: a work cited by one document circles
it, a work cited by several sits between them. Components are packed in
rows, largest first. The same graph always gets the same layout.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from typing import Any, Hashable, Protocol

import networkx as nx

__all__ = ["layout", "LayoutMemo", "SPRING_LIMIT", "MEMO_MIN"]

#: Components of at least this many nodes have their layout kept in a memo (see :func:`layout`).
MEMO_MIN = 50


class LayoutMemo(Protocol):
    """Where :func:`layout` may keep the layouts of large components (e.g. the cache)."""

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...

#: Components above this many nodes get the hub layout instead of a full spring layout.
SPRING_LIMIT = 499  # networkx needs scipy from 500 nodes on
_MAX_HUBS = 400
_GOLDEN = math.pi * (3 - math.sqrt(5))


def _spring_fallback(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """A plain-Python Fruchterman-Reingold layout, used when numpy is not installed."""
    nodes = list(graph.nodes)
    n = len(nodes)
    rng = random.Random(seed)
    pos = [[rng.random(), rng.random()] for _ in nodes]
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in graph.edges if u != v]
    k = math.sqrt(1.0 / n)
    iterations = min(60, 3_000_000 // (n * n))
    if iterations < 6:  # too big for pure Python: a sunflower spiral, best-connected nodes in the middle
        ranked = sorted(nodes, key=lambda v: (-graph.degree(v), str(v)))
        return {v: (math.sqrt(i + 0.5) * math.cos(i * _GOLDEN), math.sqrt(i + 0.5) * math.sin(i * _GOLDEN)) for i, v in enumerate(ranked)}
    temperature = 0.1
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in nodes]
        for i in range(n):
            xi, yi = pos[i]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                d2 = max(dx * dx + dy * dy, 1e-6)
                f = k * k / d2
                disp[i][0] += dx * f
                disp[i][1] += dy * f
                disp[j][0] -= dx * f
                disp[j][1] -= dy * f
        for i, j in edges:
            dx, dy = pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]
            d = max(math.hypot(dx, dy), 1e-3)
            f = d / k
            disp[i][0] -= dx * f
            disp[i][1] -= dy * f
            disp[j][0] += dx * f
            disp[j][1] += dy * f
        for i in range(n):
            length = max(math.hypot(*disp[i]), 1e-9)
            step = min(length, temperature)
            pos[i][0] += disp[i][0] / length * step
            pos[i][1] += disp[i][1] / length * step
        temperature -= 0.1 / (iterations + 1)
    return {node: (pos[i][0], pos[i][1]) for i, node in enumerate(nodes)}


def _spring(graph: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    try:
        raw = nx.spring_layout(graph, seed=seed, method="force")
    except TypeError:  # networkx before 3.5 has no ``method``
        try:
            raw = nx.spring_layout(graph, seed=seed)
        except ImportError:
            return _spring_fallback(graph, seed)
    except ImportError:  # networkx needs numpy for its layouts
        return _spring_fallback(graph, seed)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _normalise(raw: dict[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
    """Positions scaled into [-0.5, 0.5]^2, centred."""
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: ((x - cx) / span, (y - cy) / span) for node, (x, y) in raw.items()}


def _jitter(node: Hashable, seed: int) -> tuple[float, float]:
    """A small deterministic offset in [-1, 1]^2 for a node (stable across runs and orders)."""
    h = hashlib.blake2b(f"{seed}:{node}".encode("utf-8", "replace"), digest_size=4).digest()
    return h[0] / 127.5 - 1 + h[1] / 32640, h[2] / 127.5 - 1 + h[3] / 32640


def _hubs(component: nx.Graph, kinds: dict[Any, str]) -> list[Any]:
    docs = [v for v in component if kinds.get(v) == "document"]
    if 2 <= len(docs) <= _MAX_HUBS:
        return sorted(docs, key=str)
    ranked = sorted(component, key=lambda v: (-component.degree(v), str(v)))
    return sorted(ranked[: max(2, min(_MAX_HUBS, len(ranked) // 25))], key=str)


def _hub_layout(component: nx.Graph, kinds: dict[Any, str], seed: int, side: float) -> dict[Any, tuple[float, float]]:
    """Pixel positions (centred on 0) for a large component; see the module docstring."""
    hubs = _hubs(component, kinds)
    hub_set = set(hubs)
    near: dict[Any, list[Any]] = {v: sorted((u for u in component[v] if u in hub_set), key=str) for v in component if v not in hub_set}
    coupling = nx.Graph()
    coupling.add_nodes_from(hubs)
    for u, v in component.subgraph(hubs).edges:
        coupling.add_edge(u, v, weight=3.0)
    for v, hs in near.items():
        pairs = zip(hs, hs[1:] + hs[:1]) if len(hs) > 6 else ((a, b) for i, a in enumerate(hs) for b in hs[i + 1:])
        for a, b in pairs:
            if a != b:
                w = coupling.get_edge_data(a, b, {"weight": 0.0})["weight"]
                coupling.add_edge(a, b, weight=w + 1.0)
    hub_pos = {h: (x * side * 0.8, y * side * 0.8) for h, (x, y) in _normalise(_spring(coupling, seed)).items()}
    gap = side / (math.sqrt(len(hubs)) + 1)  # about the distance between neighbouring hubs
    pos: dict[Any, tuple[float, float]] = dict(hub_pos)
    satellites: dict[Any, list[Any]] = defaultdict(list)
    shared = []
    for v in sorted(near, key=str):
        if len(near[v]) == 1:
            satellites[near[v][0]].append(v)
        elif near[v]:
            shared.append(v)
    for hub, sats in satellites.items():
        hx, hy = hub_pos[hub]
        ring = min(gap * 0.45, 26.0 * math.sqrt(len(sats)))
        sats.sort(key=lambda v: (-component.degree(v), str(v)))
        for i, v in enumerate(sats):
            r = ring * math.sqrt((i + 1) / len(sats))
            pos[v] = (hx + r * math.cos(i * _GOLDEN + 0.5), hy + r * math.sin(i * _GOLDEN + 0.5))
    for v in shared:
        xs = [hub_pos[h][0] for h in near[v]]
        ys = [hub_pos[h][1] for h in near[v]]
        jx, jy = _jitter(v, seed)
        pos[v] = (sum(xs) / len(xs) + jx * gap * 0.3, sum(ys) / len(ys) + jy * gap * 0.3)
    frontier = sorted((v for v in pos if v not in hub_set), key=str) + hubs
    while len(pos) < component.number_of_nodes():  # nodes two or more hops from a hub: near their placed neighbours
        placed_now = []
        for v in frontier:
            for u in sorted(component[v], key=str):
                if u in pos:
                    continue
                ps = [pos[w] for w in component[u] if w in pos]
                jx, jy = _jitter(u, seed)
                pos[u] = (sum(p[0] for p in ps) / len(ps) + jx * 40, sum(p[1] for p in ps) / len(ps) + jy * 40)
                placed_now.append(u)
        if not placed_now:  # cannot happen in a connected component; guard anyway
            for u in component:
                pos.setdefault(u, _jitter(u, seed))
        frontier = placed_now
    return pos


def _component_layout(component: nx.Graph, kinds: dict[Any, str], seed: int, side: float) -> dict[Any, tuple[float, float]]:
    """Pixel positions centred on 0 for one connected component."""
    n = component.number_of_nodes()
    if n == 1:
        return {next(iter(component.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(component.nodes, key=str)
        return {a: (-0.35 * side, 0.0), b: (0.35 * side, 0.0)}
    if n > SPRING_LIMIT:
        return _hub_layout(component, kinds, seed, side)
    return {v: (x * side * 0.85, y * side * 0.85) for v, (x, y) in _normalise(_spring(component, seed)).items()}


def _side(n: int) -> float:
    """Pixel side of the square a component of ``n`` nodes is drawn in."""
    return 90.0 if n == 1 else 140.0 * math.sqrt(n)


def _component_key(component: nx.Graph, kinds: dict[Any, str], seed: int, side: float, base: nx.Graph | None = None) -> str:
    """A digest of everything :func:`_component_layout` looks at: nodes, their kinds, edges, seed and side.

    ``base``: the graph ``component`` is a whole connected component of (its
    edges are then read from there, faster than through a subgraph view).
    """
    nodes = sorted((str(v), kinds.get(v, "")) for v in component)
    if base is None:
        edges = sorted(tuple(sorted((str(u), str(v)))) for u, v in component.edges)
    else:  # each edge once: from the end that comes first in the component's order
        order = {v: i for i, v in enumerate(component)}
        adj = base.adj
        edges = sorted(tuple(sorted((str(u), str(v)))) for u, i in order.items() for v in adj[u] if order[v] > i)
    raw = repr((seed, side, nodes, edges)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _remembered_layout(memo: LayoutMemo, key: str, component: nx.Graph) -> dict[Any, tuple[float, float]] | None:
    hit = memo.get(key)
    if not isinstance(hit, list) or len(hit) != component.number_of_nodes():
        return None
    by_name = {str(v): v for v in component}
    out: dict[Any, tuple[float, float]] = {}
    for entry in hit:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 3 and entry[0] in by_name and all(isinstance(c, float) for c in entry[1:])):
            return None
        out[by_name[entry[0]]] = (entry[1], entry[2])
    return out if len(out) == len(hit) else None


def _layout_of(
    component: nx.Graph, kinds: dict[Any, str], seed: int, side: float, memo: LayoutMemo | None, base: nx.Graph | None = None
) -> dict[Any, tuple[float, float]]:
    """:func:`_component_layout`, from ``memo`` when this very component was laid out before (``base``: see :func:`_component_key`)."""
    if memo is None or component.number_of_nodes() < MEMO_MIN:
        return _component_layout(component, kinds, seed, side)
    key = _component_key(component, kinds, seed, side, base)
    local = _remembered_layout(memo, key, component)
    if local is None:
        local = _component_layout(component, kinds, seed, side)
    memo.put(key, [[str(v), float(x), float(y)] for v, (x, y) in local.items()])
    return local


def layout(graph: nx.Graph, seed: int = 42, memo: LayoutMemo | None = None) -> dict[Any, tuple[float, float]]:
    """Pixel positions for every node, rounded to 0.1 px and centred on (0, 0).

    Each connected component is laid out in a square sized to its node count
    (spring layout, or the hub layout above :data:`SPRING_LIMIT` nodes), and
    the squares are packed in rows, largest first. Deterministic: the same
    graph gives the same positions whatever the order nodes were added in.
    ``memo`` keeps the layout of each component of at least :data:`MEMO_MIN`
    nodes under a digest of the component (its nodes, kinds and edges), so
    an unchanged component is not laid out again; the result is the same.
    """
    if graph.number_of_nodes() == 0:
        return {}
    kinds = {v: str(d.get("kind", "")) for v, d in graph.nodes(data=True)}
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes, key=str))
    undirected.add_edges_from(sorted(((u, v) for u, v in graph.edges if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), str(c[0])))
    total_area = sum(_side(len(c)) ** 2 for c in components)
    row_width = max(math.sqrt(total_area) * 1.3, _side(len(components[0])))
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        side = _side(len(component))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _layout_of(undirected.subgraph(component), kinds, seed, side, memo, undirected)
        for node, (px, py) in local.items():
            positions[node] = (x + side / 2 + px, y + side / 2 + py)
        x += side
        row_height = max(row_height, side)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in positions.items()}
