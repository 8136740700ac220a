"""RIS (Zotero, EndNote, Mendeley): CSL items -> RIS records, and back.

A record is ``TY`` (type) first and ``ER`` last, one ``TAG  - value`` line per
field: ID (citation key), AU/A2 (authors/editors, ``Family, Given[, Suffix]``
or an organisation's name), PY (year), DA (``YYYY/MM/DD/``), TI, T2
(container), T3 (series), VL, IS, SP, EP, PB, CY, SN, DO, UR, AB, KW (one per
line), LA, N1, ET, M3 (genre).
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from ..model import Problem

__all__ = ["to_ris", "read_ris", "RIS_TYPES"]

#: CSL type -> RIS type.
RIS_TYPES: dict[str, str] = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "post-weblog": "BLOG",
    "post": "ELEC",
    "dataset": "DATA",
    "manuscript": "UNPB",
    "document": "GEN",
}
_CSL_TYPES = {ris: csl for csl, ris in reversed(list(RIS_TYPES.items()))}
_CSL_TYPES.update({"CONF": "paper-conference", "WEB": "webpage", "EJOUR": "article-journal", "EBOOK": "book", "ECHAP": "chapter", "GEN": "document"})
_LINE = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: |$)")
_SIMPLE = (("TI", "title"), ("T2", "container-title"), ("T3", "collection-title"), ("VL", "volume"), ("IS", "issue"),
           ("PB", "publisher"), ("CY", "publisher-place"), ("DO", "DOI"), ("UR", "URL"), ("AB", "abstract"),
           ("LA", "language"), ("N1", "note"), ("ET", "edition"), ("M3", "genre"))


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def _name(person: Mapping[str, Any]) -> str:
    family = " ".join(p for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    if not family:
        return _one_line(person.get("literal") or person.get("given") or "")
    parts = [family, " ".join(p for p in (person.get("given"), person.get("dropping-particle")) if p)]
    if person.get("suffix"):
        parts.append(person["suffix"])
    return _one_line(", ".join(parts).rstrip(", "))


def _date_parts(item: Mapping[str, Any]) -> list[Any]:
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, Mapping) else None
    return list(parts[0]) if isinstance(parts, list) and parts and isinstance(parts[0], list) else []


def to_ris(items: Sequence[Mapping[str, Any]]) -> str:
    """The items as RIS records (UTF-8 text, CRLF-free, a blank line between records)."""
    records = []
    for item in items:
        lines = [("TY", RIS_TYPES.get(str(item.get("type") or ""), "GEN")), ("ID", item.get("id", ""))]
        for tag, role in (("AU", "author"), ("A2", "editor")):
            for person in item.get(role) or []:
                if isinstance(person, Mapping) and _name(person):
                    lines.append((tag, _name(person)))
        parts = _date_parts(item)
        if parts:
            year = re.match(r"\d{1,4}", str(parts[0]))
            if year:
                lines.append(("PY", year.group()))
                nums = [year.group()] + [f"{int(p):02d}" for p in parts[1:3] if str(p).isdigit()]
                if len(nums) > 1:
                    lines.append(("DA", "/".join(nums + [""] * (3 - len(nums))) + "/"))
        elif isinstance(item.get("issued"), Mapping) and item["issued"].get("literal"):
            lines.append(("PY", item["issued"]["literal"]))
        for tag, field in _SIMPLE:
            value = item.get(field)
            if isinstance(value, list):
                value = value[0] if value else ""
            lines.append((tag, value))
        page = _one_line(item.get("page") or "")
        if page:
            start, _, end = page.replace("\u2013", "-").partition("-")
            lines.append(("SP", start.strip()))
            lines.append(("EP", end.strip()))
        lines.append(("SN", item.get("ISBN") or item.get("ISSN")))
        for kw in re.split(r"\s{0,3}[,;]\s{0,3}", str(item.get("keyword") or "")):
            lines.append(("KW", kw))
        lines.append(("ER", ""))
        text = "\n".join(f"{tag}  - {_one_line(v)}".rstrip() if tag == "ER" else f"{tag}  - {_one_line(v)}" for tag, v in lines if tag == "ER" or _one_line(v or ""))
        records.append(text)
    return "\n\n".join(records) + ("\n" if records else "")


def _person(text: str) -> dict[str, str]:
    if "," not in text:
        return {"literal": text}
    family, _, rest = text.partition(",")
    given, _, suffix = rest.partition(",")
    person = {"family": family.strip()}
    if given.strip():
        person["given"] = given.strip()
    if suffix.strip():
        person["suffix"] = suffix.strip()
    return person


def _record(tags: list[tuple[str, str]], n: int) -> dict[str, Any]:
    item: dict[str, Any] = {}
    keywords: list[str] = []
    simple = dict(_SIMPLE)
    for tag, value in tags:
        if tag == "TY":
            item["type"] = _CSL_TYPES.get(value.upper(), "document")
        elif tag == "ID":
            item["id"] = value
        elif tag in ("AU", "A1"):
            item.setdefault("author", []).append(_person(value))
        elif tag in ("A2", "ED"):
            item.setdefault("editor", []).append(_person(value))
        elif tag in ("PY", "Y1"):
            year = re.match(r"\d{4}", value)
            if year and "issued" not in item:
                item["issued"] = {"date-parts": [[int(year.group())]]}
            elif not year:
                item["issued"] = {"literal": value}
        elif tag == "DA":
            nums = [int(p) for p in value.split("/")[:3] if p.strip().isdigit()]
            if nums:
                item["issued"] = {"date-parts": [nums]}
        elif tag in ("JO", "JF", "BT") and "container-title" not in item:
            item["container-title"] = value
        elif tag == "SP":
            item["page"] = value + item.get("page", "")
        elif tag == "EP":
            item["page"] = item.get("page", "") + "-" + value
        elif tag == "SN":
            item["ISBN" if re.fullmatch(r"[0-9Xx -]{10,17}", value) and len(re.sub(r"\D", "", value)) >= 10 else "ISSN"] = value
        elif tag == "KW":
            keywords.append(value)
        elif tag in simple:
            item[simple[tag]] = value
    if keywords:
        item["keyword"] = ", ".join(keywords)
    item.setdefault("id", f"ris{n}")
    item.setdefault("type", "document")
    return item


def read_ris(text: str, path: str = "<string>") -> tuple[list[dict[str, Any]], list[Problem]]:
    """CSL items from RIS text, in file order; a record with no ``ER`` or lines outside records are problems."""
    items: list[dict[str, Any]] = []
    problems: list[Problem] = []
    tags: list[tuple[str, str]] | None = None
    start = 0
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            if tags:  # a wrapped value continues the previous tag
                tag, value = tags[-1]
                tags[-1] = (tag, f"{value} {line.strip()}")
            else:
                problems.append(Problem(path, "ris-malformed", f"line outside a record: {line[:60]!r}", number, "each record starts with TY  - "))
            continue
        tag, value = m.group(1), line[m.end() :].strip()
        if tag == "TY":
            if tags is not None:
                problems.append(Problem(path, "ris-malformed", "record without ER", start, "end each record with ER  - "))
                items.append(_record(tags, len(items) + 1))
            tags, start = [(tag, value)], number
        elif tag == "ER":
            if tags is not None:
                items.append(_record(tags, len(items) + 1))
            tags = None
        elif tags is not None:
            tags.append((tag, value))
        else:
            problems.append(Problem(path, "ris-malformed", f"tag {tag} outside a record", number, "each record starts with TY  - "))
    if tags is not None:
        problems.append(Problem(path, "ris-malformed", "record without ER", start, "end each record with ER  - "))
        items.append(_record(tags, len(items) + 1))
    return items, problems
