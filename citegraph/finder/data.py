"""Reading AnyStyle finder training data (``.ttx``: one ``label | text`` per line).

A label holds for the following lines whose label column is empty, until the
next label. A ``ref`` label written on a line marks (usually) the first line
of a new reference entry; :class:`TtxLine` keeps that as ``starts``.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from typing import Iterable

from ..datasets import anystyle_dir

__all__ = ["TtxLine", "read_ttx", "read_ttx_text", "default_ttx_files", "DEFAULT_DATA_DIR"]

DEFAULT_DATA_DIR = anystyle_dir("finder")


@dataclass(frozen=True)
class TtxLine:
    """One labelled line: its label, text, and whether the label was written on it."""

    label: str
    text: str
    starts: bool


def read_ttx_text(content: str) -> list[TtxLine]:
    """Parse the content of a ``.ttx`` file into labelled lines."""
    out: list[TtxLine] = []
    current = "text"
    for raw in content.splitlines():
        label, sep, text = raw.partition("|")
        if not sep:  # malformed line: keep it as text of the current label
            label, text = "", raw
        label = label.strip()
        if text.startswith(" "):
            text = text[1:]
        if label:
            current = label
        out.append(TtxLine(current, text.rstrip("\n"), bool(label)))
    return out


def read_ttx(path: str) -> list[TtxLine]:
    """Read one ``.ttx`` file."""
    with open(path, encoding="utf-8") as f:
        return read_ttx_text(f.read())


def default_ttx_files(data_dir: str | None = None) -> list[str]:
    """The ``.ttx`` files of the training directory (``$CITEGRAPH_ANYSTYLE_DIR/finder`` or the shared data)."""
    d = data_dir or DEFAULT_DATA_DIR
    return sorted(glob.glob(os.path.join(d, "*.ttx")))


def labels_of(lines: Iterable[TtxLine]) -> list[str]:
    """The label of each line."""
    return [ln.label for ln in lines]
