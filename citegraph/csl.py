"""Small readers of reference metadata (CSL-JSON items, list labels) shared across the package."""

from __future__ import annotations

import re
from typing import Any, Mapping

__all__ = ["issued_year", "year_label", "author_year_label"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
# An author-year label as in "[Bar-Yam 2004b] ...": the authors, the year and its suffix.
_AUTHOR_YEAR_LABEL = re.compile(r"([^\W\d_][\w'’.\- ]{0,60}?)[ ,]{1,3}(1[5-9]\d\d|20\d\d)([a-z]?)")
_FIRST_NAME_SPLIT = re.compile(r"\s(?:and|&)\s|\set\.?\sal\b|,|\s")


def issued_year(csl: Mapping[str, Any]) -> str:
    """The year a CSL item was issued ("2012"), from ``date-parts`` or a raw/literal date; "" if none."""
    issued = csl.get("issued")
    if not isinstance(issued, Mapping):
        return ""
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0][0]
        if type(first) is int and 1500 <= first <= 2099:  # the common case, without a regex
            return str(first)
        m = _YEAR.search(str(first))
        if m:
            return m.group(1)
    for field in ("raw", "literal"):
        m = _YEAR.search(str(issued.get(field, ""))[:200])
        if m:
            return m.group(1)
    return ""


def year_label(csl: Mapping[str, Any]) -> str:
    """The year with its disambiguating suffix, as cited ("2012a"); "" if no year."""
    year = issued_year(csl)
    return f"{year}{csl.get('year-suffix', '')}" if year else ""


def author_year_label(label: str | None) -> tuple[str, str, str] | None:
    """``(first author's surname, year, suffix)`` of a label like "Bar-Yam 2004b" or "Smith et al. 2010"; None otherwise."""
    m = _AUTHOR_YEAR_LABEL.fullmatch((label or "").strip())
    if not m:
        return None
    return _FIRST_NAME_SPLIT.split(m.group(1).strip())[0], m.group(2), m.group(3)
