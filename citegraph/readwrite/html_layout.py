"""Node positions for the page, computed in Python so the page opens already laid out.

Small components get a seeded spring layout (networkx with numpy, a plain
Python Fruchterman-Reingold without). Large components (thousands of nodes,
where an O(n^2) spring layout is too slow without scipy) get a *hub layout*:
the documents (or the best-connected nodes) are laid out with a spring layout
of their own, weighted by the references they share, and every other node is
placed around the hubs it is linked to: a work cited by one document circles
it, a work cited by several sits between them. Components are packed in
rows, largest first. The same graph always gets the same layout.

With a memo (the build's cache), the layout of each large component is kept
from one build to the next. An unchanged component gets its remembered
positions. A component that changed only a little since it was last laid out
from scratch (see :data:`WARM_MAX_CHANGE`) is *warm-started*: the nodes still
there keep their positions exactly, and only the new ones are placed, next to
the neighbours already placed. After an edit the map stays where the reader
left it, as in Gephi, instead of being redrawn from scratch; once the changes
since the last fresh layout add up to more than a few percent, the component
is laid out fresh again (and a build without a cache always lays out fresh).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import networkx as nx

from .html_layout_memo import WARM_MAX_CHANGE, LayoutMemo, _component_key, _digests, _entry, _jitter, _Recent, _value

__all__ = ["layout", "LayoutMemo", "SPRING_LIMIT", "MEMO_MIN", "WARM_MAX_CHANGE"]

#: Components of at least this many nodes have their layout kept in a memo (see :func:`layout`).
MEMO_MIN = 50


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


def _neighbours(graph: nx.Graph) -> dict[Any, set[Any]]:
    """Each node's neighbours, edge directions ignored, self-loops left out."""
    out: dict[Any, set[Any]] = {}
    if graph.is_directed():
        succ, pred = getattr(graph, "_succ", graph.succ), getattr(graph, "_pred", graph.pred)  # networkx's plain dicts when there
        for v in graph:
            nb = succ[v].keys() | pred[v].keys()
            nb.discard(v)
            out[v] = nb
        return out
    for v, nbrs in getattr(graph, "_adj", graph.adj).items():
        nb = set(nbrs)
        nb.discard(v)
        out[v] = nb
    return out


def _components(adj: dict[Any, set[Any]]) -> list[list[Any]]:
    """The connected components, each sorted by name, largest first (ties: by first name)."""
    seen: set[Any] = set()
    out = []
    for v in adj:
        if v in seen:
            continue
        seen.add(v)
        members, stack = [v], [v]
        while stack:
            for w in adj[stack.pop()]:
                if w not in seen:
                    seen.add(w)
                    members.append(w)
                    stack.append(w)
        out.append(sorted(members, key=str))
    return sorted(out, key=lambda c: (-len(c), str(c[0])))


def _component_graph(graph: nx.Graph, component: list[Any]) -> nx.Graph:
    """The component as an undirected graph, nodes (as ``component`` lists them: sorted) and edges
    sorted: the spring layout's start and its float sums depend on that order, so it must not
    depend on anything else (a set's order would change with the process's hash seed)."""
    sub = nx.Graph()
    sub.add_nodes_from(component)
    if graph.is_directed():
        adj = graph.adj
        edges = [(u, v) for u in component for v in adj[u] if v != u]
    else:  # each edge as graph.edges gives it: from the end that comes first in the graph
        order = {v: i for i, v in enumerate(graph)}
        edges = [(u, v) for u in component for v in graph.adj[u] if order[u] < order[v]]
    edges.sort(key=lambda e: (str(e[0]), str(e[1])))
    sub.add_edges_from(edges)
    return sub


def _layout_of(
    graph: nx.Graph, adj: dict[Any, set[Any]], component: list[Any], kinds: dict[Any, str], seed: int, side: float, memo: LayoutMemo | None, recent: _Recent | None
) -> dict[Any, tuple[float, float]]:
    """:func:`_component_layout` of one component, from ``memo`` when it was laid out before, or
    warm-started from the last build's layout of it when it changed little (see the module docstring)."""
    n = len(component)
    names = [str(v) for v in component]
    if memo is None or recent is None or n < MEMO_MIN or len(set(names)) != n:
        return _component_layout(_component_graph(graph, component), kinds, seed, side)
    digests = _digests(component, adj, kinds)
    key = _component_key(names, digests, seed, side)
    value = memo.get(key)
    entry = _entry(value)
    if entry is not None and len(entry[0]) == n and all(name in entry[0] for name in names):
        rows = entry[0]
        local = {v: rows[name][:2] for v, name in zip(component, names)}
    else:
        warm = recent.warm(component, names, digests, adj, seed)
        if warm is None:
            local = _component_layout(_component_graph(graph, component), kinds, seed, side)
            value = _value(names, local, component, digests, 0)
        else:
            local, value = warm
    memo.put(key, value)
    recent.keep(key, n)
    return local


def layout(graph: nx.Graph, seed: int = 42, memo: LayoutMemo | None = None) -> dict[Any, tuple[float, float]]:
    """Pixel positions for every node, rounded to 0.1 px and centred on (0, 0).

    Each connected component is laid out in a square sized to its node count
    (spring layout, or the hub layout above :data:`SPRING_LIMIT` nodes), and
    the squares are packed in rows, largest first. Deterministic: the same
    graph gives the same positions whatever the order nodes were added in.

    ``memo`` keeps the layout of each component of at least :data:`MEMO_MIN`
    nodes under a digest of the component (its nodes, kinds and edges), and
    the list of those it kept: an unchanged component gets its remembered
    layout, and one that changed a little since its last fresh layout is
    warm-started from the last build's (the nodes still there keep their
    positions, new ones are placed next to their neighbours; see
    :data:`WARM_MAX_CHANGE`). Without a memo, or after larger changes, the
    layout is computed fresh; the same graph with the same memo contents
    always gets the same positions.
    """
    if graph.number_of_nodes() == 0:
        return {}
    kinds = {v: str(d.get("kind", "")) for v, d in graph.nodes(data=True)}
    adj = _neighbours(graph)
    components = _components(adj)
    recent = _Recent(memo, seed) if memo is not None else None
    total_area = sum(_side(len(c)) ** 2 for c in components)
    row_width = max(math.sqrt(total_area) * 1.3, _side(len(components[0])))
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        side = _side(len(component))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _layout_of(graph, adj, component, kinds, seed, side, memo, recent)
        ox, oy = x + side / 2, y + side / 2
        for node, (px, py) in local.items():
            positions[node] = (ox + px, oy + py)
        x += side
        row_height = max(row_height, side)
    if recent is not None and (recent.now or recent.known):
        memo.put(recent.key, recent.now)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in positions.items()}
