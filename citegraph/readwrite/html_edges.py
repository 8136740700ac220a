"""The page's edge items, and edges made into page JSON ahead of time.

An edge of the page's data is ``{"from", "to", "relation", "doc", "line",
"cites": [{"s": sentence, "m": marker, "l": line}]}``. A build makes the
items of each document's own edges once, when the document changes
(:func:`prebuilt`), and the page splices them in (:class:`Prebuilt`):
most of a large page's data is the citing sentences on its edges.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

__all__ = ["edge_item", "edge_json", "jsonable", "Prebuilt", "prebuilt", "script_json"]


def jsonable(value: Any) -> Any:
    """Attribute values restricted to JSON types (anything else as its string)."""
    if type(value) is str or value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)


def edge_item(source: str, target: str, attrs: Mapping[str, Any], doc: str | None) -> dict[str, Any]:
    """The page's item for an edge ``source -> target`` (``doc``: the node of the document it comes from, if any)."""
    relation = attrs.get("relation") or "other"
    if type(relation) is not str:
        relation = str(relation)
    edge: dict[str, Any] = {"from": source, "to": target, "relation": relation}
    if doc:
        edge["doc"] = doc
    line = attrs.get("line")
    if line != "" and isinstance(line, (int, str)):
        edge["line"] = line
    citations = attrs.get("citations")
    if citations:
        cites = []
        for c in citations:  # one pass, plain str and int taken as they are (most are)
            if type(c) is dict or isinstance(c, dict):
                sentence = c.get("sentence")
                if sentence:
                    marker = c.get("marker") or ""
                    at = c.get("line") or ""
                    cites.append({"s": sentence if type(sentence) is str else str(sentence), "m": marker if type(marker) is str else str(marker),
                                  "l": at if type(at) is int or type(at) is str else jsonable(at)})
        if cites:
            edge["cites"] = cites
    return edge


def script_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def edge_json(edges: Iterable[tuple[str, str, Mapping[str, Any]]], doc_node: Callable[[Any], str | None]) -> tuple[str, list[str]]:
    """The items of ``edges`` as script-safe JSON joined by commas (no brackets), and the relations among them."""
    items = [edge_item(u, v, d, doc_node(d.get("doc"))) for u, v, d in edges]
    text = script_json(items)[1:-1]
    return text, sorted({i["relation"] for i in items})


@dataclass(frozen=True)
class Prebuilt:
    """Edges whose page items are already JSON: which edges (source, target), their items' text, their relations."""

    pairs: frozenset[tuple[str, str]] = frozenset()
    texts: tuple[str, ...] = ()
    relations: frozenset[str] = field(default_factory=frozenset)


def prebuilt(parts: Iterable[tuple[Iterable[tuple[str, str]], str, Iterable[str]]]) -> Prebuilt:
    """A :class:`Prebuilt` from parts ``(edge pairs, items text, relations)``, e.g. one per document."""
    pairs: set[tuple[str, str]] = set()
    texts: list[str] = []
    relations: set[str] = set()
    for edges, text, rels in parts:
        pairs.update((u, v) for u, v in edges)
        if text:
            texts.append(text)
        relations.update(rels)
    return Prebuilt(frozenset(pairs), tuple(texts), frozenset(relations))
