"""One renderer for every command: rows as a human table or as JSON.

On a terminal, tables are drawn by rich (wrapped to the terminal's width);
piped into another program, or when there are many rows, they are plain
fixed-width text, which is quick to print and easy to grep.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Sequence

import click

__all__ = ["render", "dumps", "plain_table", "RICH_MAX_ROWS"]

#: Above this many rows a terminal table is printed as plain text (rich lays out every cell first).
RICH_MAX_ROWS = 200


def dumps(data: Any) -> str:
    """JSON for scripts: UTF-8, indented, stable key order as given."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _cell(value: Any, width: int) -> str:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def plain_table(rows: Sequence[dict[str, Any]], cols: Sequence[str], wide: Sequence[str], title: str | None = None) -> str:
    """Rows as fixed-width text: a header line, then one line per row; the wide (text) columns go last, unpadded."""
    cols = [c for c in cols if c not in wide] + [c for c in cols if c in wide]
    cells = [[_cell(r.get(c), 400 if c in wide else 40) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    lines = [title] if title else []
    for row in [list(cols)] + cells:
        padded = [v.ljust(w) if i < len(cols) - 1 else v for i, (v, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def render(rows: Sequence[dict[str, Any]], as_json: bool, columns: Sequence[str] | None = None, title: str | None = None, wide: Sequence[str] = ("sentence", "text", "title")) -> None:
    """Print ``rows``: JSON when ``as_json``, else a table of ``columns`` (default: the first row's keys)."""
    if as_json:
        click.echo(dumps(list(rows)))
        return
    if not rows:
        click.echo("(nothing)")
        return
    cols = list(columns or rows[0].keys())
    if not sys.stdout.isatty() or len(rows) > RICH_MAX_ROWS:
        click.echo(plain_table(rows, cols, wide, title))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text  # plain Text: document text is never read as rich markup

    table = Table(title=title, show_lines=False, expand=False)
    for c in cols:
        table.add_column(c, overflow="fold", ratio=3 if c in wide else 1)
    for r in rows:
        table.add_row(*(Text(_cell(r.get(c), 400 if c in wide else 60)) for c in cols))
    Console(soft_wrap=False).print(table)
