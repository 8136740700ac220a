"""Clusters of works cited together (co-citation communities): ``citegraph clusters``."""

from __future__ import annotations

import click

from .common import corpus_option, graph, json_option

__all__ = ["clusters"]


@click.command()
@click.option("-n", "n", type=click.IntRange(min=1), default=None, help="List only the N largest clusters (default: all).")
@click.option("--min-cocitations", "min_cocitations", type=click.IntRange(min=1), default=2, show_default=True, help="Fewest documents citing two works together for them to be linked.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of the community search (same seed, same clusters).")
@corpus_option
@json_option
def clusters(n: int | None, min_cocitations: int, seed: int, corpus: tuple[str, ...], as_json: bool) -> None:
    """Groups of works cited together: the schools and themes of the corpus.

    Works are linked by how many documents cite both (co-citation); the
    communities of that network are the clusters, largest first, each
    labelled with its most distinctive title words and listed with its most
    cited works. Works never cited together are in no cluster. With --json,
    each cluster also lists the keys of all its works.

    \b
    Example:
      citegraph clusters -n 5
      citegraph clusters --min-cocitations 3 --json
    """
    from ..clusters import cluster_rows
    from ..clusters import clusters as find
    from ..render import render

    g = graph(corpus)
    rows = cluster_rows(g, find(g, min_cocitations, seed), n)
    if as_json:
        render(rows, True)
        return
    if not rows:
        hint = " (try --min-cocitations 1)" if min_cocitations > 1 else ""
        click.echo(f"no clusters: no two works are cited together by {min_cocitations} or more documents{hint}")
        return
    render(rows, False, ["cluster", "size", "documents", "label", "top"], wide=("top",))
