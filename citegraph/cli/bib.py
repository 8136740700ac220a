"""The bibliography: bib."""

from __future__ import annotations

import click

from .common import corpus_option, graph, resolve_or_exit

__all__ = ["bib"]


@click.command()
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), help="Write to FILE (atomically) instead of stdout.")
@click.option("--doc", help="Only the works this document cites.")
@click.option("--biblatex", is_flag=True, help="BibLaTeX (date, journaltitle, @online, UTF-8) instead of BibTeX.")
@corpus_option
def bib(out_file: str | None, doc: str | None, biblatex: bool, corpus: tuple[str, ...]) -> None:
    """The bibliography of the corpus as a .bib file for LaTeX.

    \b
    Example:
      citegraph bib -o refs.bib --biblatex
    """
    from ..api import bib_items
    from ..readwrite.bibtex_write import engine_hint, to_bibtex

    g = graph(corpus)
    d = resolve_or_exit(g, doc, ["document"], "document") if doc else None
    text = to_bibtex(bib_items(g, d), biblatex=biblatex)
    hint = engine_hint(text)
    if hint:
        click.echo(f"note: {hint}", err=True)
    if out_file:
        from ..readwrite.atomic import write_text_atomic

        write_text_atomic(out_file, text)
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(text, nl=False)
