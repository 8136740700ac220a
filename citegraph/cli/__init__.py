"""The command line: a thin click layer over :mod:`citegraph.api` and :mod:`citegraph.queries`.

Each command parses its arguments, calls one library function and renders
its rows (a table, or JSON with ``--json``) through :mod:`citegraph.render`.
Commands live in the modules of this package, one module per family; heavy
modules are imported inside the commands so that ``citegraph --help`` stays fast.
"""

from __future__ import annotations

import click

from .. import __version__
from . import bib, build, check, clusters, explore, export, page, query

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citegraph")
def main() -> None:
    """Turn a folder of papers and news articles into a citation graph.

    \b
    Example:
      citegraph build references/ -o build/
      citegraph cited-by "Curran 2007"
    """


for _module in (build, query, bib, check, explore, clusters, export, page):
    for _name in _module.__all__:
        main.add_command(getattr(_module, _name))
