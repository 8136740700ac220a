"""The citation graph as one offline, interactive HTML page.

The page inlines everything it needs: vis-network (the network library that
pyvis bundles, read from the installed pyvis package), its CSS, our own CSS
and JavaScript, and the graph as JSON in a ``<script type="application/json">``
block. Nothing is fetched. Node positions are computed here (a seeded spring
layout) so the page opens already laid out, physics off. Document text only
ever reaches the DOM through ``textContent``.
"""

from __future__ import annotations

import html
import json
import math
import random
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["to_html", "layout", "page_data", "KIND_STYLES", "RELATION_STYLES"]

#: Node look by kind: colour, vis-network shape, legend text.
KIND_STYLES: dict[str, dict[str, str]] = {
    "document": {"color": "#4e79a7", "shape": "square", "name": "Document (corpus file)"},
    "work": {"color": "#f28e2b", "shape": "dot", "name": "Cited work"},
    "claim": {"color": "#59a14f", "shape": "diamond", "name": "Claim / citing sentence"},
    "platform": {"color": "#e15759", "shape": "triangle", "name": "Platform"},
    "person": {"color": "#b07aa1", "shape": "star", "name": "Person"},
}
_OTHER_KIND = {"color": "#9c9c9c", "shape": "ellipse", "name": "Other"}

#: Edge look by relation: colour, dashes (false or a dash pattern), arrow, legend text.
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "cites": {"color": "#555555", "dashes": False, "arrows": "to", "name": "cites"},
    "makes": {"color": "#9fc79a", "dashes": False, "arrows": "to", "name": "makes (document -> claim)"},
    "supports": {"color": "#2f8f2f", "dashes": False, "arrows": "to", "name": "supports"},
    "mentions": {"color": "#e8a0a0", "dashes": [6, 6], "arrows": "to", "name": "mentions"},
    "authored-by": {"color": "#c9a6c3", "dashes": [2, 4], "arrows": "to", "name": "authored by"},
    "said-by": {"color": "#b07aa1", "dashes": [8, 4], "arrows": "to", "name": "said by"},
    "excerpt-of": {"color": "#4e79a7", "dashes": [10, 4, 2, 4], "arrows": "to", "name": "excerpt of"},
    "same-as": {"color": "#76b7b2", "dashes": [3, 3], "arrows": "", "name": "same as"},
    "version-of": {"color": "#76b7b2", "dashes": [10, 4], "arrows": "to", "name": "version of"},
    "owned-by": {"color": "#d37295", "dashes": [4, 8], "arrows": "to", "name": "owned by"},
}
_OTHER_RELATION = {"color": "#aaaaaa", "dashes": [2, 2], "arrows": "to", "name": "other"}

#: Node attributes copied into the page (others, like the full CSL item, stay out of it).
_INFO_FIELDS = ("title", "authors", "year", "venue", "key", "cited_by", "text", "speaker", "section", "doc", "path")
_MARKER = re.compile(r"/\*@(\w{1,20})@\*/")


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
        golden = math.pi * (3 - math.sqrt(5))
        return {v: (math.sqrt(i + 0.5) * math.cos(i * golden), math.sqrt(i + 0.5) * math.sin(i * golden))
                for i, v in enumerate(ranked)}
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


def _component_layout(component: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Positions in [-0.5, 0.5]^2 for one connected component."""
    n = component.number_of_nodes()
    if n == 1:
        return {next(iter(component.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(component.nodes, key=str)
        return {a: (-0.35, 0.0), b: (0.35, 0.0)}
    try:
        raw = nx.spring_layout(component, seed=seed)
        raw = {node: (float(x), float(y)) for node, (x, y) in raw.items()}
    except ImportError:  # networkx needs numpy for its layouts
        raw = _spring_fallback(component, seed)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: ((x - cx) / span, (y - cy) / span) for node, (x, y) in raw.items()}


def layout(graph: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Pixel positions for every node: each connected component gets a seeded spring layout
    sized to its node count, and the components are packed in rows, largest first.

    Uses :func:`networkx.spring_layout` when numpy is available, a plain-Python
    Fruchterman-Reingold otherwise; the same graph always gets the same layout.
    """
    if graph.number_of_nodes() == 0:
        return {}
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes, key=str))
    undirected.add_edges_from(sorted(((u, v) for u, v in graph.edges if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), str(c[0]))
    )
    total_area = sum(_side(len(c)) ** 2 for c in components)
    row_width = max(math.sqrt(total_area) * 1.3, _side(len(components[0])))
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        side = _side(len(component))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _component_layout(undirected.subgraph(component), seed)
        for node, (px, py) in local.items():
            positions[node] = (x + side / 2 + px * side * 0.85, y + side / 2 + py * side * 0.85)
        x += side
        row_height = max(row_height, side)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in positions.items()}


def _side(n: int) -> float:
    """Pixel side of the square a component of ``n`` nodes is drawn in."""
    return 90.0 if n == 1 else 110.0 * math.sqrt(n)


def _jsonable(value: Any) -> Any:
    """Node attribute values restricted to JSON types (anything else as its string)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def _links(attrs: dict[str, Any]) -> dict[str, str]:
    csl = attrs.get("csl")
    if not isinstance(csl, dict):
        return {}
    out = {}
    if csl.get("DOI"):
        out["doi"] = str(csl["DOI"])
    if csl.get("URL"):
        out["url"] = str(csl["URL"])
    return out


def page_data(graph: nx.DiGraph, seed: int = 42) -> dict[str, Any]:
    """The JSON data the page is drawn from: nodes (with positions and styles), edges and legends."""
    positions = layout(graph, seed)
    nodes = []
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("kind") or "other")
        style = KIND_STYLES.get(kind, _OTHER_KIND)
        cited = attrs.get("cited_by") or 0
        cited = cited if isinstance(cited, (int, float)) else 0
        size = {"document": 16, "claim": 7, "platform": 14, "person": 11}.get(kind, 10)
        if kind == "work":
            size = min(10 + 5 * math.sqrt(max(cited, 0)), 48)
        label = str(attrs.get("label") or node)
        x, y = positions[node]
        info = {f: _jsonable(attrs[f]) for f in _INFO_FIELDS if attrs.get(f) not in (None, "", [])}
        info.update(_links(attrs))
        nodes.append(
            {
                "id": str(node),
                "label": label if len(label) <= 40 else label[:39] + "\u2026",
                "fullLabel": label,
                "kind": kind,
                "x": x,
                "y": y,
                "size": round(size, 1),
                "shape": style["shape"],
                "color": style["color"],
                "info": info,
            }
        )
    edges = []
    for i, (u, v, attrs) in enumerate(graph.edges(data=True)):
        relation = str(attrs.get("relation") or "other")
        style = RELATION_STYLES.get(relation, _OTHER_RELATION)
        edge = {"id": f"e{i}", "from": str(u), "to": str(v), "relation": relation}
        for extra in ("doc", "line"):
            if attrs.get(extra) not in (None, ""):
                edge[extra] = _jsonable(attrs[extra])
        edge.update({"color": style["color"], "dashes": style["dashes"], "arrows": style["arrows"]})
        edges.append(edge)
    kinds_present = {n["kind"] for n in nodes}
    relations_present = {e["relation"] for e in edges}
    return {
        "nodes": nodes,
        "edges": edges,
        "kinds": {k: s for k, s in {**KIND_STYLES, "other": _OTHER_KIND}.items() if k in kinds_present},
        "relations": {r: s for r, s in {**RELATION_STYLES, "other": _OTHER_RELATION}.items() if r in relations_present},
    }


def script_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled with the installed pyvis."""
    import pyvis

    base = Path(pyvis.__file__).parent / "lib"
    candidates = sorted(base.glob("vis-*/vis-network.min.js"), reverse=True)
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {base}; is pyvis installed?")
    js_path = candidates[0]
    css_path = js_path.with_name("vis-network.css")
    js = js_path.read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = css_path.read_text(encoding="utf-8").replace("</style", "<\\/style") if css_path.exists() else ""
    return js, css


def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def to_html(graph: nx.DiGraph, title: str = "citegraph") -> str:
    """The graph as a self-contained HTML page (no network access needed to open it).

    The page has a search box (title, author, key, platform), kind filters, a
    physics toggle, a legend, tooltips, and a side panel listing a clicked
    node's neighbours with the citing sentences.
    """
    vis_js, vis_css = _vis_assets()
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": vis_css,
        "PAGE_CSS": _template("page.css").replace("</style", "<\\/style"),
        "DATA": script_json(page_data(graph)),
        "VIS_JS": vis_js,
        "PAGE_JS": _template("page.js").replace("</script", "<\\/script"),
    }
    return _MARKER.sub(lambda m: parts.get(m.group(1), m.group(0)), _template("page.html"))
