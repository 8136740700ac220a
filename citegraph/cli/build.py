"""Commands that read documents: build, extract, parse-ref."""

from __future__ import annotations

from typing import Any

import click

from .common import DEFAULT_CORPUS, entities_option, json_option, resources

__all__ = ["build", "extract", "parse_ref"]


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--fresh-layout", is_flag=True, help="Lay the page out and cluster it afresh (a rebuild otherwise keeps the last map, moving only what changed).")
@entities_option
@json_option
def build(paths: tuple[str, ...], out_dir: str, fresh_layout: bool, entity_files: tuple[str, ...], as_json: bool) -> None:
    """Build the graph of PATHS (default: references/) and write graph.html, references.bib and graph.json.

    \b
    Example:
      citegraph build references/ -o build/
      citegraph build references/ -o build/ --fresh-layout
    """
    import gc

    from ..api import build as run_build
    from ..render import dumps

    enabled = gc.isenabled()
    gc.disable()  # millions of objects and no cycles worth a collection (which would walk them all)
    try:
        result = run_build(list(paths) or [DEFAULT_CORPUS], out_dir, resources(entity_files), fresh_layout=fresh_layout)
    finally:
        gc.freeze()  # nor later: what the build made is left to the process's end
        if enabled:
            gc.enable()
    s = result.summary
    if as_json:
        click.echo(dumps({"summary": s, "outputs": result.outputs}))
        return
    click.echo(f"documents   {s['documents']}" + (f"  ({len(s['unread'])} not read)" if s.get("unread") else ""))
    click.echo(f"references  {s['references']}  ({s['works']} distinct works)")
    click.echo(f"citations   {s['citations']}: {s['resolved']} linked, {s['dangling']} dangling, {s['ambiguous']} ambiguous")
    click.echo(f"claims      {s['claims']}")
    click.echo(f"platforms   {s['platforms']}")
    problems = s.get("problems", [])
    click.echo(f"problems    {len(problems)}")
    for p in problems[:12]:
        click.echo(f"  {p}")
    if len(problems) > 12:
        click.echo(f"  ... {len(problems) - 12} more (citegraph build --json lists them all)")
    click.echo(f"bibliography {result.outputs['bib']}")
    if s.get("bib_note"):
        click.echo(f"             {s['bib_note']}")
    click.echo(f"graph data   {result.outputs['json']}")
    click.echo(f"open the page: {result.outputs['html']}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@entities_option
@json_option
def extract(file: str, entity_files: tuple[str, ...], as_json: bool) -> None:
    """Show what citegraph extracts from one FILE: header, references, citations, claims, entities.

    \b
    Example:
      citegraph extract references/miao-2025-global-promotion.md --json
    """
    from ..api import extract_file
    from ..readwrite.extraction_json import to_report
    from ..render import dumps, render

    report = to_report(extract_file(file, resources(entity_files)))
    if as_json:
        click.echo(dumps(report))
        return
    doc = report["document"] or {}
    click.echo(f"{file}: {doc.get('title', '(no title)')}")
    render(report["references"], False, ["id", "raw"], title="references")
    render(report["citations"], False, ["line", "marker", "status", "references"], title="citations")
    render(report["claims"], False, ["line", "text", "speaker"], title="claims")
    render(report["entities"], False, ["name", "kind", "mentions"], title="entities")
    for p in report["problems"]:
        click.echo(p)


@click.command("parse-ref")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["json", "bibtex", "biblatex"]), default="json", show_default=True)
def parse_ref(source: Any, fmt: str) -> None:
    """Parse reference strings, one per line (FILE or - for stdin), into CSL-JSON (or BibTeX).

    \b
    Example:
      echo "Curran, J. 2007. Media and cultural theory. Routledge." | citegraph parse-ref -
    """
    import json

    from ..refparse import load_parser

    lines = [s for s in (ln.strip() for ln in source) if s]
    items = load_parser().parse_many(lines)
    if fmt == "json":
        # a JSON array with one compact item per line: quick to write, still easy to read and grep
        body = ",\n".join(map(json.JSONEncoder(ensure_ascii=False).encode, items))
        click.echo("[\n" + body + "\n]" if items else "[]")
        return
    from ..readwrite.bibtex_write import to_bibtex
    from ..readwrite.keys import citation_keys

    keyed = [{**it, "id": k} for it, k in zip(items, citation_keys(items))]
    click.echo(to_bibtex(keyed, biblatex=fmt == "biblatex"), nl=False)
