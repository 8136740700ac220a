"""The citation graph as one offline, interactive HTML page.

The page inlines everything it needs: vis-network (the network library that
pyvis bundles, read from the installed pyvis package), our own CSS and
JavaScript, and the graph as JSON in a ``<script type="application/json">``
block. Nothing is fetched (a Content-Security-Policy forbids it). Node
positions are computed here (:mod:`.html_layout`) so the page opens already
laid out, physics off. Document text only ever reaches the DOM through
``textContent``. Above :data:`citegraph.views.FOLD_ABOVE` nodes, claims are
folded into their citation edges unless ``fold=False``.
"""

from __future__ import annotations

import gc
import html
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .html_data import KIND_STYLES, RELATION_STYLES, page_data
from .html_edges import Prebuilt, script_json
from .html_layout import layout

__all__ = ["to_html", "layout", "page_data", "page_script", "script_json", "PAGE_SCRIPTS", "KIND_STYLES", "RELATION_STYLES"]

#: The page's JavaScript, in the order it is concatenated (later parts use earlier ones).
PAGE_SCRIPTS = ("page_data.js", "page_network.js", "page_filters.js", "page_panel.js", "page_legend.js")

_MARKER = re.compile(r"/\*@(\w{1,20})@\*/")


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network's JavaScript as bundled with the installed pyvis (newest version there)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")  # where it is, without importing it (pyvis imports IPython, and more)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("vis-network.min.js not found: is pyvis installed?")
    base = Path(next(iter(spec.submodule_search_locations))) / "lib"
    candidates = sorted(base.glob("vis-*/vis-network.min.js"), key=lambda p: [int(x) for x in re.findall(r"\d{1,6}", p.parent.name)], reverse=True)
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {base}; is pyvis installed?")
    return candidates[0].read_text(encoding="utf-8").replace("</script", "<\\/script")


def _template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def page_script() -> str:
    """The page's JavaScript: :data:`PAGE_SCRIPTS` joined into one function scope, safe inside ``<script>``."""
    parts = [f"/* {name} */\n{_template(name)}" for name in PAGE_SCRIPTS]
    code = '(function () {\n"use strict";\n' + "\n".join(parts) + "\n})();"
    return code.replace("</script", "<\\/script")


def to_html(graph: nx.DiGraph, title: str = "citegraph", fold: bool | None = None, seed: int = 42, layout_memo: Any = None, prebuilt: Prebuilt | None = None) -> str:
    """The graph as a self-contained HTML page (no network access needed to open it).

    The page has a search box (title, author, key, platform), filters by kind,
    platform, document and year range, a physics toggle, a legend, tooltips,
    and a side panel listing who cites a clicked node with the citing
    sentences. ``fold``: fold claims into their citation edges (``None``:
    only above :data:`citegraph.views.FOLD_ABOVE` nodes). ``seed`` fixes the layout;
    ``layout_memo`` keeps large components' layouts (:func:`~citegraph.readwrite.html_layout.layout`);
    ``prebuilt``: edges whose page items are already JSON (:mod:`.html_edges`; the graph still has them, their attributes unread).
    """
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small objects and no cycles: collections would only walk the heap again and again
    try:
        return _page(graph, title, fold, seed, layout_memo, prebuilt)
    finally:
        if enabled:
            gc.enable()


def _page(graph: nx.DiGraph, title: str, fold: bool | None, seed: int, layout_memo: Any, prebuilt: Prebuilt | None = None) -> str:
    from ..views import FOLD_ABOVE, fold_claims

    has_claims = any(d.get("kind") == "claim" for _, d in graph.nodes(data=True))
    if has_claims and (fold or (fold is None and graph.number_of_nodes() > FOLD_ABOVE)):
        graph = fold_claims(graph)
    parts = {
        "TITLE": html.escape(title),
        "PAGE_CSS": _template("page.css").replace("</style", "<\\/style"),
        "DATA": _data_json(page_data(graph, seed, layout_memo, prebuilt), prebuilt),
        "VIS_JS": _vis_js(),
        "PAGE_JS": page_script(),
    }
    return _MARKER.sub(lambda m: parts.get(m.group(1), m.group(0)), _template("page.html"))


def _data_json(data: dict[str, Any], prebuilt: Prebuilt | None) -> str:
    """The page data as script-safe JSON, the prebuilt edge items spliced into ``edges``."""
    if prebuilt is None or not prebuilt.texts:
        return script_json(data)
    edges = script_json(data["edges"])[1:-1]
    rest = script_json({k: v for k, v in data.items() if k != "edges"})
    return '{"edges":[' + ",".join([*prebuilt.texts, *([edges] if edges else [])]) + "]," + rest[1:]
