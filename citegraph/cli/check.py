"""The manuscript audit: ``citegraph check FILE``, a linter for citations.

One line per problem, ``file:line: what; suggestion``, e.g.
``paper.md:12: Gao et al., 2012b: no entry; did you mean Gao, Q. et al. 2012a?``.
Exit 1 when anything is found, 0 on a clean manuscript. Notes that are not
findings (the citation style may not be recognised) go to standard error and
do not change the exit code: the audit must not cry wolf.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import json_option, resources

__all__ = ["check"]  # registered as commands by cli/__init__; audit() and notes() are public too

#: Problem codes that are findings about the manuscript (exit 1).
AUDIT_CODES = ("dangling", "ambiguous", "uncited", "no-references", "not-text", "empty", "unreadable", "no-text")
#: Problem codes reported as notes only.
NOTE_CODES = ("uncited-many",)


def audit(x: Any) -> list[Any]:
    """The problems of an extraction that ``check`` reports as findings, in line order."""
    found = [p for p in x.problems if p.code in AUDIT_CODES]
    return sorted(found, key=lambda p: (p.line, AUDIT_CODES.index(p.code)))


def notes(x: Any) -> list[Any]:
    """Problems that ``check`` mentions without failing (e.g. most entries never found cited)."""
    return [p for p in x.problems if p.code in NOTE_CODES]


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@json_option
def check(file: str, as_json: bool) -> None:
    """Audit a manuscript's citations: cited but not listed, listed but never cited, ambiguous.

    Prints one line per problem (file:line: what; suggestion) and exits 1
    when anything is found, 0 on a clean manuscript.

    \b
    Example:
      citegraph check paper.md
      citegraph check paper.md --json
    """
    from ..api import extract_file
    from ..render import dumps

    x = extract_file(file, resources())
    found = audit(x)
    extra = notes(x)
    if as_json:
        rows = [{"file": p.file, "line": p.line, "code": p.code, "message": p.message, "suggestion": p.suggestion} for p in found]
        click.echo(dumps(rows))
    else:
        for p in found:
            click.echo(str(p))
    for p in extra:
        click.echo(f"note: {p}", err=True)
    resolved = sum(c.status == "resolved" for c in x.citations)
    click.echo(
        f"{file}: {len(x.citations)} citations ({resolved} resolved), {len(x.references)} references, {len(found)} problems",
        err=True,
    )
    sys.exit(1 if found else 0)
