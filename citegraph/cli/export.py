"""Exports: export --format csljson|ris|graphml|gexf|json."""

from __future__ import annotations

import click

from .common import corpus_option, graph, resolve_or_exit

__all__ = ["export"]

FORMATS = ("csljson", "ris", "graphml", "gexf", "json")


def export_text(g: object, fmt: str, doc: str | None = None) -> str:
    """The graph ``g`` (or the works ``doc`` cites, for csljson and ris) in format ``fmt``."""
    if fmt in ("csljson", "ris"):
        from ..api import bib_items

        items = bib_items(g, doc)  # type: ignore[arg-type]
        if fmt == "csljson":
            from ..readwrite.csljson import to_csljson

            return to_csljson(items)
        from ..readwrite.ris import to_ris

        return to_ris(items)
    if fmt == "graphml":
        from ..readwrite.graphml import to_graphml

        return to_graphml(g)  # type: ignore[arg-type]
    if fmt == "gexf":
        from ..readwrite.graphml import to_gexf

        return to_gexf(g)  # type: ignore[arg-type]
    from ..readwrite.nodelink import to_json

    return to_json(g)  # type: ignore[arg-type]


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="csljson (pandoc, Zotero), ris (Zotero, EndNote), graphml or gexf (Gephi), json (networkx node-link).")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), help="Write to FILE (atomically) instead of stdout.")
@click.option("--doc", help="csljson/ris: only the works this document cites.")
@corpus_option
def export(fmt: str, out_file: str | None, doc: str | None, corpus: tuple[str, ...]) -> None:
    """Export the works (csljson, ris) or the whole graph (graphml, gexf, json).

    \b
    Example:
      citegraph export --format csljson -o refs.json
      pandoc paper.md --citeproc --bibliography refs.json
      citegraph export --format gexf -o graph.gexf
    """
    g = graph(corpus)
    if doc and fmt not in ("csljson", "ris"):
        raise click.BadParameter("only csljson and ris exports can be limited to a document", param_hint="--doc")
    d = resolve_or_exit(g, doc, ["document"], "document") if doc else None
    text = export_text(g, fmt, d)
    if out_file:
        from ..readwrite.atomic import write_text_atomic

        write_text_atomic(out_file, text)
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(text, nl=False)
