"""CSL-JSON: the works as the JSON array pandoc (``--bibliography refs.json``) and Zotero import.

:func:`to_csljson` writes a JSON array of CSL items whose ``id`` is the
citation key; :func:`read_csljson` reads such a file (or a single item, or
Better BibTeX's ``{"items": [...]}``) back into items and problems.
Date parts become integers (a year suffix such as "2012a" moves to
``year-suffix``); keys starting with ``_`` (internal) are dropped; every
other field, ``custom`` included, is kept.
"""

from __future__ import annotations

import json
import re
from typing import Any, Mapping, Sequence

from ..model import Problem

__all__ = ["to_csljson", "read_csljson", "csl_item"]

_PART = re.compile(r"\s{0,3}(-?\d{1,5})([a-z]?)")


def _date(value: Any) -> tuple[Any, str]:
    """A CSL date with integer parts, and the year suffix found in it ("" if none)."""
    if not isinstance(value, Mapping):
        return value, ""
    out = dict(value)
    suffix = ""
    parts = value.get("date-parts")
    if isinstance(parts, list):
        clean = []
        for part in parts:
            numbers: list[int] = []
            for i, p in enumerate(part if isinstance(part, list) else []):
                m = _PART.match(str(p))
                if not m:
                    break
                numbers.append(int(m.group(1)))
                if i == 0 and m.group(2):
                    suffix = suffix or m.group(2)
            if numbers:
                clean.append(numbers)
        if clean:
            out["date-parts"] = clean
        else:
            out.pop("date-parts")
    return out, suffix


def csl_item(item: Mapping[str, Any], key: str | None = None) -> dict[str, Any]:
    """A clean CSL-JSON item: ``id`` = ``key`` (default: the item's id), integer date parts, no internal fields."""
    out: dict[str, Any] = {"id": str(key if key is not None else item.get("id", ""))}
    for name, value in item.items():
        if name == "id" or name.startswith("_") or value in (None, "", [], {}):
            continue
        if name in ("issued", "accessed", "original-date", "event-date", "submitted"):
            value, suffix = _date(value)
            if suffix and name == "issued" and not item.get("year-suffix"):
                out["year-suffix"] = suffix
            if not value:
                continue
        out[name] = value
    out.setdefault("type", "document")
    return out


def to_csljson(items: Sequence[Mapping[str, Any]]) -> str:
    """The items as a CSL-JSON array (UTF-8 text, indented, one item per work, in the given order)."""
    return json.dumps([csl_item(it) for it in items], ensure_ascii=False, indent=2) + "\n"


def read_csljson(text: str, path: str = "<string>") -> tuple[list[dict[str, Any]], list[Problem]]:
    """CSL items from CSL-JSON text; what cannot be read becomes a :class:`Problem`.

    Accepts an array of items, one item, or an object with an ``items`` array.
    An item without an ``id`` gets ``item<N>``; a repeated id is reported and
    the later item skipped.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Problem(path, "csljson-malformed", f"not JSON: {exc.msg}", exc.lineno, "check the file is CSL-JSON")]
    if isinstance(data, Mapping):
        data = data["items"] if isinstance(data.get("items"), list) else [data]
    if not isinstance(data, list):
        return [], [Problem(path, "csljson-malformed", "not CSL-JSON: expected an array of items", 0, "")]
    items: list[dict[str, Any]] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, raw in enumerate(data, 1):
        if not isinstance(raw, Mapping):
            problems.append(Problem(path, "csljson-malformed", f"item {n} is not an object; skipped", 0, ""))
            continue
        item = csl_item(raw, raw.get("id") if raw.get("id") not in (None, "") else f"item{n}")
        if item["id"] in seen:
            problems.append(Problem(path, "csljson-duplicate", f"duplicate id {item['id']!r}; the later item is ignored", 0, "give each item its own id"))
            continue
        seen.add(item["id"])
        items.append(item)
    return items, problems
