"""In-text citation finding: author-year ("(Smith, 2001)", "Aldama (2022)") and numeric ("[3]") markers."""

from __future__ import annotations

from dataclasses import replace
from typing import Collection

from .authoryear import find_author_year, fold_name
from .found import Found
from .numeric import find_numeric

__all__ = ["Found", "find_citations", "fold_name"]


def find_citations(
    text: str,
    numbered: bool | None = None,
    known_names: Collection[str] | None = None,
    paren_numeric: bool = False,
) -> list[Found]:
    """Every cited item in ``text``, in reading order: one :class:`Found` per item.

    ``numbered`` says whether the document's reference list is numbered (None:
    guess from the text, numeric markers are then taken when at least two
    distinct numbers occur). ``known_names`` are folded surnames of the
    reference entries (:func:`fold_name`); they let a doubtful narrative
    citation ("in Smith (2001)") through. ``paren_numeric`` also reads
    Vancouver "(1)" markers.
    """
    found = find_author_year(text, known_names)
    found += find_numeric(text, numbered, paren_numeric)
    found.sort(key=lambda f: (f.start, f.end))
    return [replace(f, marker=" ".join(f.marker.split())) if "  " in f.marker or "\n" in f.marker else f for f in found]
