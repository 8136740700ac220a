"""In-text citation finding: author-year ("(Smith, 2001)", "Aldama (2022)") and numeric ("[3]") markers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Collection

from .authorpage import find_author_page, title_hint
from .authoryear import find_author_year, fold_name
from .found import Found
from .numeric import find_numeric

__all__ = ["Found", "find_citations", "fold_name", "title_hint"]


def find_citations(
    text: str,
    numbered: bool | None = None,
    known_names: Collection[str] | None = None,
    paren_numeric: bool = False,
    lower_names: Collection[str] = (),
    author_page: bool = False,
) -> list[Found]:
    """Every cited item in ``text``, in reading order: one :class:`Found` per item.

    ``numbered`` says whether the document's reference list is numbered (None:
    guess from the text, numeric markers are then taken when at least two
    distinct numbers occur). ``known_names`` are folded surnames of the
    reference entries (:func:`fold_name`); they let a doubtful narrative
    citation ("in Smith (2001)") through. ``paren_numeric`` also reads
    Vancouver "(1)" markers. ``lower_names`` are surnames the reference list
    writes in lower case ("boyd", "hooks"): they are read as names in the text
    too. ``author_page`` also reads MLA "(Baym 112)" markers whose author is a
    known name.
    """
    lower = sorted({n for n in lower_names if n and n.isalpha() and n.islower() and len(n) >= 3})
    if lower:
        text = _capitalise(text, lower)
    found = find_author_year(text, known_names)
    if author_page and known_names:
        taken = {(f.start, f.end) for f in found}
        found += [f for f in find_author_page(text, known_names) if (f.start, f.end) not in taken]
    found += find_numeric(text, numbered, paren_numeric)
    found.sort(key=lambda f: (f.start, f.end))
    if lower:
        found = [_lowered(f, lower) for f in found]
    return [replace(f, marker=" ".join(f.marker.split())) if "  " in f.marker or "\n" in f.marker else f for f in found]


def _capitalise(text: str, names: list[str]) -> str:
    """``text`` with the lower-case surnames capitalised (same length, so offsets hold)."""
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w'’-]|['’][^s])")
    return pattern.sub(lambda m: m.group(0)[0].upper() + m.group(0)[1:], text)


def _lowered(f: Found, names: list[str]) -> Found:
    """Undo :func:`_capitalise` in a found marker and key."""
    caps = {n[0].upper() + n[1:]: n for n in names}

    def low(s: str) -> str:
        return " ".join(caps.get(w, w) for w in s.split(" ")) if any(c in s for c in caps) else s

    key = replace(f.key, authors=tuple(low(a) for a in f.key.authors))
    marker = re.sub(r"\b(" + "|".join(re.escape(c) for c in caps) + r")\b", lambda m: caps[m.group(1)], f.marker)
    return replace(f, marker=marker, key=key)
