"""Author-page citations (MLA): "(Baym 112-14)", "(Marwick and boyd 115)", "(Abidin, "Internet Celebrity" 89)",
"(Loviglio xv-xvii)" (Roman page numbers).

They carry no year, so they are only taken when the first author is a surname
of the document's own reference list (``known``, folded): "(Table 2)",
"(Section 3)" or "(Protocol 117)" never name an entry. A short title in quotes
or italics is kept in the key's locator as ``"Title" 89`` for the linker.
"""

from __future__ import annotations

import re
from typing import Collection

from ..model import CiteKey
from .authoryear import fold_name
from .found import Found
from .names import parse_authors

__all__ = ["find_author_page", "title_hint"]

_GROUP = re.compile(r"\(([^()\n]{2,200})\)")
_PAGES = r"(?:p{1,2}\.\s{0,2})?[0-9ivxlc]{1,6}(?:\s{0,2}[-–]\s{0,2}[0-9ivxlc]{1,6})?(?:,\s{0,2}[0-9]{1,5}(?:[-–][0-9]{1,5})?){0,5}"
_ITEM = re.compile(
    r"\s{0,2}(?P<who>[^\d\"“”*_;]{2,120}?)\s{0,2}(?:,\s{0,2}(?P<title>[\"“][^\"“”]{1,80}[\"”]|[*_][^*_]{1,80}[*_]))?"
    r"\s{1,3}(?P<pages>" + _PAGES + r")\s{0,2}"
)
# Lower-case Roman page numbers closing the group: "(Loviglio xv)", "(Loviglio xv-xvii)" ("civil" is no numeral).
_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_END = re.compile(r"\s(?:pp?\.\s{0,2})?" + _ROMAN + r"(?:\s{0,2}[-–]\s{0,2}" + _ROMAN + r")?\s{0,2}$")
_YEARISH = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
_HINT = re.compile(r"^[\"“*_]([^\"“”*_]{1,80})[\"”*_]")


def title_hint(locator: str) -> str:
    """The short title an author-page key carries in its locator ('"Internet Celebrity" 89' -> 'Internet Celebrity')."""
    m = _HINT.match(locator)
    return m.group(1) if m else ""


def find_author_page(text: str, known: Collection[str]) -> list[Found]:
    """Author-page citations of ``text`` whose first author is one of the ``known`` folded surnames."""
    if not known:
        return []
    out: list[Found] = []
    for g in _GROUP.finditer(text):
        content = g.group(1)
        if not any(ch.isdigit() for ch in content) and not _ROMAN_END.search(content):
            continue
        pos = g.start(1)
        items: list[Found] = []
        for part in content.split(";"):
            m = _ITEM.fullmatch(part)
            if not m:
                items = []
                break
            if _YEARISH.search(m.group("pages")):
                items = []  # "(Baym, 2015)": author-year, read elsewhere
                break
            authors = parse_authors(m.group("who"))
            if authors is None or fold_name(authors.names[0].split()[-1]) not in known:
                items = []
                break
            title = m.group("title") or ""
            locator = f"{title} {m.group('pages')}".strip()
            lead = len(part) - len(part.lstrip())
            marker = part.strip()
            items.append(Found(marker, CiteKey(authors=authors.names, et_al=authors.et_al, locator=locator), pos + lead, pos + lead + len(marker)))
            pos += len(part) + 1
        out.extend(items)
    return out
