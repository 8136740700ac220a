"""Exploring the graph: top, cocited, coupling, path, show."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .common import corpus_option, graph, json_option, resolve_or_exit

__all__ = ["top", "cocited", "coupling", "path", "show"]

_TIERS = (["work", "document"], ["platform", "person"], ["claim"])


def _resolve_node(g: Any, query: str) -> str:
    """Any node: an exact id, key or label first; then works and documents, then platforms and people, then claims (exit 2 when ambiguous or unknown)."""
    from ..queries import NotFound, resolve

    q = query.strip().lower()
    exact = [n for n, d in g.nodes(data=True) if q in (str(d.get("key", "")).lower(), str(d.get("label", "")).lower(), n.lower(), n.split(":", 1)[-1].lower())]
    if len(exact) == 1:
        return exact[0]
    for kinds in _TIERS[:-1]:
        try:
            return resolve(g, query, kinds)
        except NotFound:
            continue
        except LookupError:
            return resolve_or_exit(g, query, kinds, "node")
    return resolve_or_exit(g, query, _TIERS[-1], "node")


@click.command()
@click.option("--by", "by", type=click.Choice(["cited", "pagerank"]), default="cited", show_default=True, help="Rank by citing documents or by PageRank.")
@click.option("-n", "n", type=click.IntRange(min=1), default=10, show_default=True, help="How many works to list.")
@corpus_option
@json_option
def top(by: str, n: int, corpus: tuple[str, ...], as_json: bool) -> None:
    """The most cited works, or the works with the highest PageRank.

    \b
    Example:
      citegraph top --by pagerank -n 20
    """
    from ..analytics import most_cited, pagerank
    from ..render import render

    g = graph(corpus)
    if by == "pagerank":
        render(pagerank(g, n), as_json, ["rank", "key", "label", "score", "cited_by", "title"])
    else:
        render(most_cited(g, n), as_json, ["rank", "key", "label", "cited_by", "citations", "title"])


@click.command()
@click.argument("work")
@corpus_option
@json_option
def cocited(work: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """Works cited together with WORK by the same documents (co-citation).

    \b
    Example:
      citegraph cocited "Curran 2007"
    """
    from ..analytics import cocited as query
    from ..render import render

    g = graph(corpus)
    render(query(g, resolve_or_exit(g, work, ["work", "document"], "work")), as_json, ["key", "label", "count", "documents", "title"])


@click.command()
@click.argument("doc")
@corpus_option
@json_option
def coupling(doc: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """Documents that share references with DOC (bibliographic coupling).

    \b
    Example:
      citegraph coupling "Miao 2025"
    """
    from ..analytics import coupling as query
    from ..render import render

    g = graph(corpus)
    render(query(g, resolve_or_exit(g, doc, ["document"], "document")), as_json, ["key", "label", "count", "jaccard", "shared"])


@click.command()
@click.argument("a")
@click.argument("b")
@corpus_option
@json_option
def path(a: str, b: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """The shortest chain of links between A and B (works, documents, platforms, people...).

    Exits 1 when A and B are not connected.

    \b
    Example:
      citegraph path "Fan 2025" "Curran 2007"
    """
    from ..analytics import shortest_path
    from ..render import render

    g = graph(corpus)
    rows = shortest_path(g, _resolve_node(g, a), _resolve_node(g, b))
    if not rows:
        if as_json:
            render([], True)
        click.echo(f"no path between {a!r} and {b!r}", err=True)
        sys.exit(1)
    render(rows, as_json, ["step", "relation", "kind", "label", "key"])


def _text(value: Any) -> Any:
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return json.dumps(value, ensure_ascii=False)
    return value


@click.command()
@click.argument("node")
@corpus_option
@json_option
def show(node: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """Everything about NODE: its attributes and its neighbours by relation.

    \b
    Example:
      citegraph show "Curran 2007"
    """
    from ..analytics import show as query
    from ..render import render

    g = graph(corpus)
    rows = query(g, _resolve_node(g, node))
    if as_json:
        render(rows, True)
        return
    attrs = [{"name": r["name"], "value": _text(r["value"])} for r in rows if r["section"] == "attribute"]
    links = [{"relation": r["name"] + " →" if r["section"] == "out" else "← " + r["name"], "node": r["node"], "label": r["value"], "line": r["line"]} for r in rows if r["section"] != "attribute"]
    render(attrs, False, ["name", "value"], wide=("value",))
    if links:
        render(links, False, ["relation", "label", "node", "line"])
