"""The command line: a thin click layer over :mod:`citegraph.api` and :mod:`citegraph.queries`.

Each command parses its arguments, calls one library function and renders
its rows (a table, or JSON with ``--json``) through :mod:`citegraph.render`.
Commands live in the modules of this package, one module per family; heavy
modules are imported inside the commands so that ``citegraph --help`` stays fast.
"""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from . import bib, build, check, clusters, explore, export, page, query

__all__ = ["main", "run"]


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


def run() -> None:
    """The ``citegraph`` command: :func:`main`, then an immediate exit.

    A build leaves millions of objects behind; tearing the interpreter down
    would free them one by one (a third of a second on a large corpus) for
    nothing, so once the output is flushed the process ends at once.
    Everything written was closed (files) or committed (SQLite) before.
    """
    code: object = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more to say
        code = code or 1
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
