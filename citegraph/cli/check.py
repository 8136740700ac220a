"""The manuscript audit: check."""

from __future__ import annotations

import sys

import click

from .common import json_option, resources

__all__ = ["check"]


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@json_option
def check(file: str, as_json: bool) -> None:
    """Audit a manuscript's citations: cited but not listed, listed but never cited, ambiguous.

    Exits 1 when anything is found.

    \b
    Example:
      citegraph check paper.md
    """
    from ..api import extract_file
    from ..render import dumps

    x = extract_file(file, resources())
    found = [p for p in x.problems if p.code in {"dangling", "ambiguous", "uncited", "no-references", "not-text", "empty", "unreadable", "no-text"}]
    if as_json:
        click.echo(dumps([{"file": p.file, "line": p.line, "code": p.code, "message": p.message, "suggestion": p.suggestion} for p in found]))
    else:
        for p in found:
            click.echo(str(p))
        n = len(x.citations)
        click.echo(f"{file}: {n} citations, {len(x.references)} references, {len(found)} problems", err=True)
    sys.exit(1 if found else 0)
