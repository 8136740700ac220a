"""Shared pieces of the command line: options, resources, query resolution."""

from __future__ import annotations

import sys
from typing import Any, Sequence

import click


__all__ = ["DEFAULT_CORPUS", "corpus_option", "json_option", "entities_option", "resources", "graph", "resolve_or_exit"]

DEFAULT_CORPUS = "references"
corpus_option = click.option(
    "-C", "--corpus", "corpus", multiple=True, default=(DEFAULT_CORPUS,), show_default=True, type=click.Path(), help="Corpus folder or files to query."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
entities_option = click.option(
    "--entities", "entity_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra entities JSON file (platforms, companies...)."
)


def resources(entity_files: Sequence[str] = ()) -> Any:
    """Resources for a run; a bad user entities file stops the run with its message."""
    from ..resources import Resources

    res = Resources(entity_files=tuple(entity_files))
    if entity_files:
        try:
            res.gazetteer
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--entities") from None
    return res


def graph(corpus: Sequence[str], entity_files: Sequence[str] = ()) -> Any:
    """The corpus graph for a query: a light graph over the query index when the corpus is cached
    (networkx is loaded only by what needs the whole graph), else the built graph."""
    from ..api import load_graph

    return load_graph(list(corpus), resources(entity_files), lite=True)


def resolve_or_exit(graph: Any, query: str, kinds: Sequence[str], what: str) -> str:
    """A node id for what the user typed; on no match or several, say so and exit 2."""
    from ..queries import Ambiguous, NotFound, node_row, resolve
    from ..render import render

    try:
        return resolve(graph, query, kinds)
    except Ambiguous as exc:
        click.echo(f"{what} {query!r} matches several; be more specific:", err=True)
        render([node_row(graph, n) for n in exc.candidates], False, ["key", "kind", "label", "title"])
        sys.exit(2)
    except NotFound:
        click.echo(f"no {what} matches {query!r} (try a citation key, 'Surname 2020' or a title fragment)", err=True)
        sys.exit(2)


