"""The command line: a thin click layer over :mod:`citegraph.api` and :mod:`citegraph.queries`.

Each command parses its arguments, calls one library function and renders
its rows (a table, or JSON with ``--json``). Heavy modules are imported
inside the commands so that ``citegraph --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any, Sequence

import click

from . import __version__

__all__ = ["main"]

DEFAULT_CORPUS = "references"
_corpus_option = click.option(
    "-C", "--corpus", "corpus", multiple=True, default=(DEFAULT_CORPUS,), show_default=True, type=click.Path(), help="Corpus folder or files to query."
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
_entities_option = click.option(
    "--entities", "entity_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra entities JSON file (platforms, companies...)."
)


def _resources(entity_files: Sequence[str] = ()) -> Any:
    """Resources for a run; a bad user entities file stops the run with its message."""
    from .resources import Resources

    res = Resources(entity_files=tuple(entity_files))
    if entity_files:
        try:
            res.gazetteer
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--entities") from None
    return res


def _graph(corpus: Sequence[str], entity_files: Sequence[str] = ()) -> Any:
    from .api import load_graph

    return load_graph(list(corpus), _resources(entity_files))


def _resolve(graph: Any, query: str, kinds: Sequence[str], what: str) -> str:
    """A node id for what the user typed; on no match or several, say so and exit 2."""
    from .queries import Ambiguous, NotFound, node_row, resolve
    from .render import render

    try:
        return resolve(graph, query, kinds)
    except Ambiguous as exc:
        click.echo(f"{what} {query!r} matches several; be more specific:", err=True)
        render([node_row(graph, n) for n in exc.candidates], False, ["key", "kind", "label", "title"])
        sys.exit(2)
    except NotFound:
        click.echo(f"no {what} matches {query!r} (try a citation key, 'Surname 2020' or a title fragment)", err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citegraph")
def main() -> None:
    """Turn a folder of papers and news articles into a citation graph.

    \b
    Example:
      citegraph build references/ -o build/
      citegraph cited-by "Curran 2007"
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False), help="Output folder.")
@_entities_option
@_json_option
def build(paths: tuple[str, ...], out_dir: str, entity_files: tuple[str, ...], as_json: bool) -> None:
    """Build the graph of PATHS (default: references/) and write graph.html, references.bib and graph.json.

    \b
    Example:
      citegraph build references/ -o build/
    """
    from .api import build as run_build
    from .render import dumps

    result = run_build(list(paths) or [DEFAULT_CORPUS], out_dir, _resources(entity_files))
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
    click.echo(f"graph data   {result.outputs['json']}")
    click.echo(f"open the page: {result.outputs['html']}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_entities_option
@_json_option
def extract(file: str, entity_files: tuple[str, ...], as_json: bool) -> None:
    """Show what citegraph extracts from one FILE: header, references, citations, claims, entities.

    \b
    Example:
      citegraph extract references/miao-2025-global-promotion.md --json
    """
    from .api import extract_file
    from .readwrite.extraction_json import to_report
    from .render import dumps, render

    report = to_report(extract_file(file, _resources(entity_files)))
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


@main.command("parse-ref")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["json", "bibtex", "biblatex"]), default="json", show_default=True)
def parse_ref(source: Any, fmt: str) -> None:
    """Parse reference strings, one per line (FILE or - for stdin), into CSL-JSON (or BibTeX).

    \b
    Example:
      echo "Curran, J. 2007. Media and cultural theory. Routledge." | citegraph parse-ref -
    """
    from .refparse import load_parser
    from .render import dumps

    lines = [ln.strip() for ln in source if ln.strip()]
    items = load_parser().parse_many(lines)
    if fmt == "json":
        click.echo(dumps(items))
        return
    from .readwrite.bibtex_write import to_bibtex
    from .readwrite.keys import citation_keys

    keyed = [{**it, "id": k} for it, k in zip(items, citation_keys(items))]
    click.echo(to_bibtex(keyed, biblatex=fmt == "biblatex"), nl=False)


@main.command()
@click.argument("doc")
@_corpus_option
@_json_option
def cites(doc: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """What document DOC cites, with the citing sentences.

    \b
    Example:
      citegraph cites "Miao 2025"
    """
    from .queries import cites as query
    from .render import render

    g = _graph(corpus)
    render(query(g, _resolve(g, doc, ["document"], "document")), as_json, ["work", "label", "line", "sentence"])


@main.command("cited-by")
@click.argument("work")
@_corpus_option
@_json_option
def cited_by(work: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """Which documents cite WORK, with the citing sentences.

    \b
    Example:
      citegraph cited-by "Su & Kaye 2023"
    """
    from .queries import cited_by as query
    from .render import render

    g = _graph(corpus)
    render(query(g, _resolve(g, work, ["work", "document"], "work")), as_json, ["doc", "line", "marker", "sentence"])


@main.command()
@click.option("--platform", help="Only claims mentioning this platform.")
@click.option("--cites", "cites_", metavar="WORK", help="Only claims citing this work.")
@click.option("--doc", help="Only claims made in this document.")
@_corpus_option
@_json_option
def claims(platform: str | None, cites_: str | None, doc: str | None, corpus: tuple[str, ...], as_json: bool) -> None:
    """Claims: sentences that cite works, and statements attributed to named people.

    \b
    Example:
      citegraph claims --platform RedNote
    """
    from .queries import claims as query
    from .render import render

    g = _graph(corpus)
    p = _resolve(g, platform, ["platform"], "platform") if platform else None
    w = _resolve(g, cites_, ["work", "document"], "work") if cites_ else None
    d = _resolve(g, doc, ["document"], "document") if doc else None
    render(query(g, platform=p, cites=w, doc=d), as_json, ["doc", "line", "text", "cites", "speaker"])


@main.command()
@_corpus_option
@_json_option
def platforms(corpus: tuple[str, ...], as_json: bool) -> None:
    """Platforms mentioned in the corpus, with documents and claims.

    \b
    Example:
      citegraph platforms --json
    """
    from .queries import platforms as query
    from .render import render

    render(query(_graph(corpus)), as_json, ["platform", "mentions", "claims", "documents", "relations"])


@main.command()
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), help="Write to FILE (atomically) instead of stdout.")
@click.option("--doc", help="Only the works this document cites.")
@click.option("--biblatex", is_flag=True, help="BibLaTeX (date, journaltitle, @online, UTF-8) instead of BibTeX.")
@_corpus_option
def bib(out_file: str | None, doc: str | None, biblatex: bool, corpus: tuple[str, ...]) -> None:
    """The bibliography of the corpus as a .bib file for LaTeX.

    \b
    Example:
      citegraph bib -o refs.bib --biblatex
    """
    from .api import bib_items
    from .readwrite.bibtex_write import to_bibtex

    g = _graph(corpus)
    d = _resolve(g, doc, ["document"], "document") if doc else None
    text = to_bibtex(bib_items(g, d), biblatex=biblatex)
    if out_file:
        from .readwrite.atomic import write_text_atomic

        write_text_atomic(out_file, text)
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_json_option
def check(file: str, as_json: bool) -> None:
    """Audit a manuscript's citations: cited but not listed, listed but never cited, ambiguous.

    Exits 1 when anything is found.

    \b
    Example:
      citegraph check paper.md
    """
    from .api import extract_file
    from .render import dumps

    x = extract_file(file, _resources())
    found = [p for p in x.problems if p.code in {"dangling", "ambiguous", "uncited", "no-references", "not-text", "empty", "unreadable", "no-text"}]
    if as_json:
        click.echo(dumps([{"file": p.file, "line": p.line, "code": p.code, "message": p.message, "suggestion": p.suggestion} for p in found]))
    else:
        for p in found:
            click.echo(str(p))
        n = len(x.citations)
        click.echo(f"{file}: {n} citations, {len(x.references)} references, {len(found)} problems", err=True)
    sys.exit(1 if found else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
