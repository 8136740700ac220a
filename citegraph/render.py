"""One renderer for every command: rows as a human table (rich) or as JSON."""

from __future__ import annotations

import json
from typing import Any, Sequence

import click

__all__ = ["render", "dumps"]


def dumps(data: Any) -> str:
    """JSON for scripts: UTF-8, indented, stable key order as given."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _cell(value: Any, width: int) -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render(rows: Sequence[dict[str, Any]], as_json: bool, columns: Sequence[str] | None = None, title: str | None = None, wide: Sequence[str] = ("sentence", "text", "title")) -> None:
    """Print ``rows``: JSON when ``as_json``, else a table of ``columns`` (default: the first row's keys)."""
    if as_json:
        click.echo(dumps(list(rows)))
        return
    if not rows:
        click.echo("(nothing)")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # plain Text: document text is never read as rich markup

    cols = list(columns or rows[0].keys())
    table = Table(title=title, show_lines=False, expand=False)
    for c in cols:
        table.add_column(c, overflow="fold", ratio=3 if c in wide else 1)
    for r in rows:
        table.add_row(*(Text(_cell(r.get(c), 400 if c in wide else 60)) for c in cols))
    Console(soft_wrap=False).print(table)
