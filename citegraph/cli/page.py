"""The interactive page: html."""

from __future__ import annotations

import click

from .common import DEFAULT_CORPUS, entities_option, graph, resolve_or_exit

__all__ = ["html"]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_file", default="graph.html", show_default=True, type=click.Path(dir_okay=False), help="The page to write.")
@click.option("--platform", help="Only what mentions this platform (e.g. TikTok).")
@click.option("--doc", help="Only this document and what it cites, mentions and claims.")
@click.option("--no-claims", is_flag=True, help="Leave claims (citing sentences) out.")
@click.option("--min-cites", type=click.IntRange(min=0), default=0, show_default=True, help="Only works cited at least N times.")
@click.option("--fold/--no-fold", default=None, help="Fold claims into citation links (default: only above a few thousand nodes).")
@click.option("--title", help="Page title (default: the folder's name).")
@entities_option
def html(paths: tuple[str, ...], out_file: str, platform: str | None, doc: str | None, no_claims: bool, min_cites: int,
         fold: bool | None, title: str | None, entity_files: tuple[str, ...]) -> None:
    """Write the interactive citation map of PATHS (default: references/) as one offline HTML page.

    \b
    Example:
      citegraph html references/ -o map.html
      citegraph html --platform TikTok --min-cites 2 -o tiktok.html
    """
    from ..readwrite.atomic import write_text_atomic
    from ..readwrite.html import to_html
    from ..views import view

    corpus = list(paths) or [DEFAULT_CORPUS]
    g = graph(corpus, entity_files)
    p = resolve_or_exit(g, platform, ["platform"], "platform") if platform else None
    d = resolve_or_exit(g, doc, ["document"], "document") if doc else None
    v = view(g, platform=p, doc=d, claims=not no_claims, min_cited=min_cites, fold=fold)
    if title is None:
        names = [c.rstrip("/\\").split("/")[-1] or c for c in corpus]
        title = "citegraph: " + ", ".join(names) + "".join(f" \u00b7 {x}" for x in (platform, doc) if x)
    write_text_atomic(out_file, to_html(v, title=title, fold=fold))
    click.echo(f"wrote {out_file}: {v.number_of_nodes()} nodes, {v.number_of_edges()} links", err=True)
