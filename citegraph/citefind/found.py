"""The record the citation finder returns for each cited item."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import CiteKey

__all__ = ["Found"]


@dataclass(frozen=True)
class Found:
    """One cited item found in a text: the marker as written, its key and its offsets ``[start, end)``."""

    marker: str
    key: CiteKey
    start: int
    end: int
