"""Header stage: a document's own metadata (title, authors, affiliation, date, venue; a news byline).

Works on the first lines of ``raw_lines``. A news article is recognised by
its byline (a date with ``Source:``/``Author:``/``By ...``); its outlet,
date and author become the document's metadata. Lines used by the header
(title, authors, affiliation, byline, site furniture) are recorded in
``meta["header_lines"]`` so that the clean stage leaves them out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Document, Extraction
from ..names import split_name
from ..resources import Resources
from .clean import is_heading
from .read import doc_id_for

__all__ = ["run", "parse_header"]

HEADER_WINDOW = 40  # lines looked at
_MD = re.compile(r"^\s{0,3}#{1,6}\s+")
_FURNITURE = re.compile(r"(?i)^(?:sponsored by\b|advertisement$|home\s*[>›»]|share\b|print$|top$|menu$|skip to\b|sign in\b|subscribe\b)|\S\s{0,2}[>›»]\s{0,2}\S{1,30}\s{0,2}[>›»]")
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_TEXT_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b"
)
_SOURCE = re.compile(r"(?i)(?<![A-Za-z])Source:\s{0,3}([^\n]{1,80}?)\s{0,3}(?=Author:|By\s|Updated|$)")
_AUTHOR = re.compile(r"(?:(?i:Author:)|^By)\s{0,3}([A-Z][^\n|]{1,80}?)\s{0,3}(?=\||Source:|Updated|$)")
_INSTITUTION = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|faculty|laborator\w{0,3}|cent(?:er|re)|hospital|polytechnic)\b")
_NOT_NAME = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|abstract|keywords?|introduction|the|of|and|for|in|on)\b")
_VENUE = re.compile(r"(?i)\b(?:journal|proceedings|conference|review|quarterly|transactions|bulletin|annals)\b")
_PROSE = re.compile(r"[a-z]{2}[.!?]\s{1,3}[A-Z][a-z]|[a-z]{3}[.!?]$")  # sentences: body text, not a header line
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def run(x: Extraction, res: Resources) -> Extraction:
    """Set ``x.document`` from the header lines."""
    csl, kind, used = parse_header(x.raw_lines)
    doc_id = doc_id_for(x.path)
    csl = {"id": doc_id, **csl}
    meta = dict(x.meta)
    if "issued" not in csl:
        m = _YEAR_IN_NAME.search(Path(x.path).stem)
        if m:  # "smith-2020-title.pdf": the user's own file name is the next best source
            csl["issued"] = {"date-parts": [[int(m.group(1))]]}
            meta["date_source"] = "file name"
    meta["header_lines"] = tuple(sorted(used))
    doc = Document(id=doc_id, path=x.path, kind=kind, csl=csl, sha256=x.sha256)
    x = replace(x, document=doc, meta=meta)
    if "title" not in csl:
        x = x.with_problem("no-title", "no title found in the document header", 1)
    return x


def _strip_md(line: str) -> str:
    line = _MD.sub("", line).strip()
    return line.strip("*_ ").strip()


def _date(text: str) -> list[int] | None:
    m = _ISO_DATE.search(text)
    if m:
        return [int(m.group(1)), int(m.group(2)), int(m.group(3))]
    m = _TEXT_DATE.search(text)
    if m:
        day = m.group(1) or m.group(3)
        parts = [int(m.group(4)), _MONTHS[m.group(2)[:3].lower()]]
        return parts + [int(day)] if day else parts
    return None


def _names(line: str) -> list[str] | None:
    """The names in an author line ("Junke Hu, Ruoyan Liang"), or None if it is not one."""
    s = re.sub(r"[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹]{1,4}(?=,|\s|$)", "", _strip_md(line))
    if not s or len(s) > 200 or _NOT_NAME.search(s) or s.endswith("."):
        return None
    parts = [p.strip() for p in re.split(r",|;|\band\b|&", s) if p.strip()]
    if not parts or len(parts) > 20:
        return None
    for p in parts:
        words = p.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in {"van", "von", "de", "der", "da", "di", "du", "la", "le"} for w in words):
            return None
    return parts


def parse_header(lines: tuple[str, ...] | list[str]) -> tuple[dict[str, Any], str, set[int]]:
    """Header metadata from a document's first lines.

    Returns ``(csl, kind, used)``: a CSL-JSON item without ``id``, ``"news"``
    or ``"paper"``, and the indexes of the lines that make up the header.
    """
    window = [(i, ln.strip()) for i, ln in enumerate(lines[:HEADER_WINDOW]) if ln.strip()]
    continues = {i for i in range(min(len(lines), HEADER_WINDOW) - 1) if lines[i + 1][:1].islower()}
    used: set[int] = set()
    csl: dict[str, Any] = {}
    for i, s in window:
        if len(s) < 100 and _FURNITURE.search(s):
            used.add(i)
    byline = next(((i, s) for i, s in window if i < 15 and len(s) < 160 and (_SOURCE.search(s) or _AUTHOR.search(s))), None)
    if byline and any(_date(s) for i, s in window if abs(i - byline[0]) <= 2):
        return _news(window, byline, used)
    # A paper: title, authors, affiliation, then abstract/keywords.
    state = "title"
    for i, s in window:
        if i in used:
            continue
        plain = _strip_md(s)
        low = plain.lower()
        if low.startswith("abstract"):
            csl["abstract"] = _strip_md(re.sub(r"(?i)^abstract\s{0,3}[:.\-—]?\s{0,3}", "", plain))
            state = "done"
            continue
        if low.startswith(("keywords", "key words", "index terms")):
            csl["keyword"] = re.sub(r"(?i)^(?:keywords|key words|index terms)\s{0,3}[:.\-—]?\s{0,3}", "", plain).strip("* ").rstrip(".")
            continue
        if state == "done":
            continue
        if state == "title":
            if (
                len(plain) >= 12
                and len(plain.split()) >= 3
                and (plain[0].isupper() or plain[0].isdigit() or plain[0] in "\"“'‘")
                and not plain.endswith((".", ",", ";"))
                and not _names(s)
                and i not in continues
            ):
                csl["title"] = plain
                used.add(i)
                state = "authors"
            elif is_heading(s) or len(used) > 3 or i > 8:
                break  # no title block: the document starts with its body
            continue
        if state == "authors":
            names = _names(s)
            if names:
                csl["author"] = [split_name(n) for n in names]
                used.add(i)
                state = "affiliation"
                continue
            state = "affiliation"
        if state == "affiliation":
            if _PROSE.search(plain):
                state = "done"  # the body has started
                continue
            if _INSTITUTION.search(plain) and len(plain) < 250:
                csl.setdefault("custom", {})["affiliation"] = plain
                used.add(i)
                continue
            if _VENUE.search(plain) and len(plain) < 200 and "container-title" not in csl:
                csl["container-title"] = plain
                used.add(i)
                continue
            if is_heading(s) or len(plain) > 250:
                state = "done"
    for i, s in window[:10]:
        d = _date(s) if "issued" not in csl and (i in used or i < 5) else None
        if d:
            csl["issued"] = {"date-parts": [d]}
    csl["type"] = "article-journal" if "container-title" in csl else "article"
    return csl, "paper", used


def _news(window: list[tuple[int, str]], byline: tuple[int, str], used: set[int]) -> tuple[dict[str, Any], str, set[int]]:
    """Metadata of a news article from its byline and headline."""
    b_index, b_text = byline
    csl: dict[str, Any] = {"type": "article-newspaper"}
    used.add(b_index)
    date = _date(b_text) or next((d for _, s in window[:15] if (d := _date(s))), None)
    if date:
        csl["issued"] = {"date-parts": [date]}
    m = _SOURCE.search(b_text)
    if m:
        csl["container-title"] = m.group(1).strip(" ,;|")
    m = _AUTHOR.search(b_text)
    if m:
        csl["author"] = [split_name(n.strip()) for n in re.split(r",|\band\b|&", m.group(1)) if n.strip()]
    before = [(i, s) for i, s in window if i < b_index and i not in used and len(s.split()) >= 3]
    if before:
        i, s = before[-1]
        csl["title"] = _strip_md(s)
        used.add(i)
    return csl, "news", used
