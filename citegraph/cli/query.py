"""Who cites what: cites, cited-by, claims, platforms."""

from __future__ import annotations

import click

from .common import corpus_option, graph, json_option, resolve_or_exit

__all__ = ["cites", "cited_by", "claims", "platforms"]


@click.command()
@click.argument("doc")
@corpus_option
@json_option
def cites(doc: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """What document DOC cites, with the citing sentences.

    \b
    Example:
      citegraph cites "Miao 2025"
    """
    from ..queries import cites as query
    from ..render import render

    g = graph(corpus)
    render(query(g, resolve_or_exit(g, doc, ["document"], "document")), as_json, ["work", "label", "line", "sentence"])


@click.command("cited-by")
@click.argument("work")
@corpus_option
@json_option
def cited_by(work: str, corpus: tuple[str, ...], as_json: bool) -> None:
    """Which documents cite WORK, with the citing sentences.

    \b
    Example:
      citegraph cited-by "Su & Kaye 2023"
    """
    from ..queries import cited_by as query
    from ..render import render

    g = graph(corpus)
    render(query(g, resolve_or_exit(g, work, ["work", "document"], "work")), as_json, ["doc", "line", "marker", "sentence"])


@click.command()
@click.option("--platform", help="Only claims mentioning this platform.")
@click.option("--cites", "cites_", metavar="WORK", help="Only claims citing this work.")
@click.option("--doc", help="Only claims made in this document.")
@corpus_option
@json_option
def claims(platform: str | None, cites_: str | None, doc: str | None, corpus: tuple[str, ...], as_json: bool) -> None:
    """Claims: sentences that cite works, and statements attributed to named people.

    \b
    Example:
      citegraph claims --platform RedNote
    """
    from ..queries import claims as query
    from ..render import render

    g = graph(corpus)
    p = resolve_or_exit(g, platform, ["platform"], "platform") if platform else None
    w = resolve_or_exit(g, cites_, ["work", "document"], "work") if cites_ else None
    d = resolve_or_exit(g, doc, ["document"], "document") if doc else None
    render(query(g, platform=p, cites=w, doc=d), as_json, ["doc", "line", "text", "cites", "speaker"])


@click.command()
@corpus_option
@json_option
def platforms(corpus: tuple[str, ...], as_json: bool) -> None:
    """Platforms mentioned in the corpus, with documents and claims.

    \b
    Example:
      citegraph platforms --json
    """
    from ..queries import platforms as query
    from ..render import render

    render(query(graph(corpus)), as_json, ["platform", "mentions", "claims", "documents", "relations"])
