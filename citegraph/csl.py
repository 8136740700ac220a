"""Small readers of CSL-JSON items shared across the package."""

from __future__ import annotations

import re
from typing import Any, Mapping

__all__ = ["issued_year", "year_label"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


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
