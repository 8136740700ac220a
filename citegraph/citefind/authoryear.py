"""Author-year citations: "(Smith, 2001; Jones & Lee 2002a, b)", "Gao et al. (2012b)", "Data Source: Statista.".

The scan is bracket driven: every ``(...)`` or ``[...]`` group (bounded length,
innermost only) that holds a year-like token is split on ";" into items, and
each item into an author phrase, one or more years and an optional locator.
A group that holds only years ("(2022)") is a narrative citation when an
author phrase ends right before it. Every loop is bounded, so a hostile
1 MB line costs linear time.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

from ..model import CiteKey
from .found import Found
from .names import Authors, authors_before, parse_authors

__all__ = ["find_author_year", "fold_name"]

_PAREN = re.compile(r"[(（]([^()（）]{1,1000})[)）]")
_SQUARE = re.compile(r"\[([^\[\]]{1,1000})\]")
_YEAR = re.compile(
    r"(?<![\w/:#@-])(?<!\d\.)(1[5-9]\d\d|20\d\d)([a-z])?(?![\w%/])"
    r"|(?<![\w.])(n\.\s?d\.?)(?:-([a-z]))?(?![\w])"
    r"|(?<![\w])(in press|forthcoming|in preparation)(?![\w])"
)
_MORE = re.compile(r"\s{0,3}[,;]?\s{0,3}(?:(1[5-9]\d\d|20\d\d)([a-z])?|([a-z]))(?![\w])")
_RANGE_AFTER = re.compile(r"\s{0,2}[-–—/]\s{0,2}\d")
_LOCATOR = re.compile(
    r"(?:pp?\.|paras?\.|chaps?\.|ch\.|secs?\.|§|figs?\.|tables?|vols?\.|no\.|nn?\.|notes?|col\.|ll?\.|lines?|at\s"
    r"|emphasis|original|orig\.|trans\.|reprint|cited|\d|[ivxlc]{1,6}(?![a-z])"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,7}\.?(?:\s|$))",
    re.I,
)
_DATE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,7}\.?(?:\s|$)", re.I)
_SOURCE = re.compile(r"(?m)(?:^|(?<=\. ))[ \t>*_]{0,6}(?:Data[ \t]{1,3})?Sources?[ \t]{0,2}:[ \t]{0,4}([^\n]{1,240})")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s{1,3}(?=[A-Z])")
_SOURCE_DATED = re.compile(r"([^()]{1,150}?)\s{0,3}\(((?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.)[^()]{0,60}\)")
# Words before a lone capitalised word that make "X (2017)" more likely a place or thing than an author.
_WEAK_BEFORE = frozenset("in at from to into across throughout within on of the a an like than via".split())


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Compare key for a surname: case, accents, hyphens, apostrophes, spaces folded ("D'Arcy-Smith" -> "darcysmith")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


@dataclass(frozen=True)
class _Year:
    year: str
    suffix: str
    start: int  # offsets in the item string
    end: int


@dataclass(frozen=True)
class _Item:
    authors: Authors | None
    author_start: int  # offset in the item string, -1 when no authors
    author_end: int
    years: tuple[_Year, ...]
    locator: str
    end: int  # end of the item (locator included)


def _year_of(m: re.Match[str]) -> tuple[str, str]:
    if m.group(1):
        return m.group(1), m.group(2) or ""
    if m.group(3):
        return "n.d.", m.group(4) or ""
    return m.group(5).lower(), ""


def _years_from(s: str, m: re.Match[str]) -> tuple[list[_Year], int] | None:
    """The run of years starting at match ``m`` ("2006a, 2006b", "2001, 2002", "2012a, b"); None for a range."""
    year, suffix = _year_of(m)
    if _RANGE_AFTER.match(s, m.end()) and m.group(1):
        return None  # "2020–2021", "1890/1990"
    years = [_Year(year, suffix, m.start(), m.end())]
    j = m.end()
    while len(years) < 30:
        mm = _MORE.match(s, j)
        if not mm:
            break
        if mm.group(1):
            if _RANGE_AFTER.match(s, mm.end()):
                break
            years.append(_Year(mm.group(1), mm.group(2) or "", mm.start(1), mm.end()))
        elif years[-1].suffix and len(mm.group(3)) == 1 and s[mm.end() : mm.end() + 1] != ".":  # not "2020b, p. 3"
            years.append(_Year(years[-1].year, mm.group(3), mm.start(3), mm.end()))
        else:
            break
        j = mm.end()
    return years, j


def _first_word_at(s: str, authors: Authors, lo: int) -> int:
    first = authors.names[0].split()[0]
    k = s.find(first, lo)
    return k if k >= 0 else lo


def parse_item(s: str) -> list[_Item] | None:
    """Parse one ";"-separated item of a bracket group; None when it is not a citation at all."""
    items: list[_Item] = []
    pos = 0
    while pos < len(s) and len(items) < 40:
        m = _YEAR.search(s, pos)
        head = s[pos : m.start()] if m else s[pos:]
        if not m or (head.strip(" ,:") and (a := parse_authors(head)) is None):
            rest = s[pos:].strip(" ,:;")
            if not items:
                return None
            if rest and len(rest) <= 60 and _LOCATOR.match(rest):
                last = items[-1]
                loc = "" if _DATE.match(rest) else rest
                items[-1] = _Item(last.authors, last.author_start, last.author_end, last.years, loc, len(s.rstrip()))
            break
        authors = a if head.strip(" ,:") else None
        run = _years_from(s, m)
        if run is None:
            return None if not items else items
        years, j = run
        a_start = _first_word_at(s, authors, pos) if authors else -1
        items.append(_Item(authors, a_start, m.start(), tuple(years), "", j))
        pos = j
    return items


def _split_items(content: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for part in content.split(";"):
        out.append((pos, part))
        pos += len(part) + 1
    return out


def _key(authors: Authors, y: _Year, locator: str) -> CiteKey:
    return CiteKey(authors=authors.names, et_al=authors.et_al, year=y.year, suffix=y.suffix, locator=locator)


def _source_lines(text: str) -> tuple[list[Found], list[tuple[int, int]]]:
    """Figure/table source lines: "Data Source: Team, B. (2025, March 8)." and "Source: Statista."."""
    found: list[Found] = []
    claimed: list[tuple[int, int]] = []
    for m in _SOURCE.finditer(text):
        body = m.group(1)
        cut = _SENTENCE_END.search(body)
        if cut:
            body = body[: cut.start() + 1]
        base = m.start(1)
        claimed.append((m.start(), base + len(body)))
        for off, piece in _split_items(body):
            stripped = piece.strip().rstrip(".*_ ").strip("*_ ")
            if not stripped:
                continue
            p0 = base + off + piece.find(stripped)
            dm = _SOURCE_DATED.match(stripped)
            if dm and (a := parse_authors(dm.group(1))):
                ym = _YEAR.search(dm.group(2))
                year, suffix = _year_of(ym) if ym else ("", "")
                key = CiteKey(authors=a.names, et_al=a.et_al, year=year, suffix=suffix)
                found.append(Found(stripped[: dm.end()], key, p0, p0 + dm.end()))
                continue
            items = parse_item(stripped) if _YEAR.search(stripped) else None
            if items and all(it.authors for it in items):
                for it in items:
                    for y in it.years:
                        marker = stripped[it.author_start : y.end]
                        found.append(Found(marker, _key(it.authors, y, it.locator), p0 + it.author_start, p0 + y.end))
                continue
            name = re.split(r"[.,(]\s|\s[-–—|]\s|https?:", stripped + " ", maxsplit=1)[0].strip(" .,")
            a = parse_authors(name) if name and len(name.split()) <= 6 else None
            if a and len(a.names) <= 3 and not a.et_al:
                k = stripped.find(name)
                found.append(Found(name, CiteKey(authors=a.names), p0 + k, p0 + k + len(name)))
    return found, claimed


def _narrative(
    text: str, gstart: int, gend: int, content: str, it: _Item, known: Collection[str] | None
) -> list[Found]:
    """Year-only group after an author phrase: "Aldama (2022)", "Gao et al. (2012b, p. 3)"."""
    if it.locator == "" and content[it.end :].strip(" ,;:") and not _LOCATOR.match(content[it.end :].strip(" ,;:")):
        return []  # "(2016, when it launched)"
    k = gstart - 1
    while k >= 0 and k > gstart - 4 and text[k] in " \t\n":
        k -= 1
    if k < 0 or not (text[k].isalpha() or text[k] in "'’.,"):
        return []
    got = authors_before(text, gstart)
    if got is None:
        return []
    authors, astart, before = got
    possessive = text[astart:gstart].rstrip().endswith(("'s", "’s", "s'", "s’"))
    acronym = authors.names[0].isupper() and len(authors.names[0]) >= 3 and authors.names[0] not in ("USA", "UAE", "PRC")
    weak = len(authors.names) == 1 and not authors.et_al and not possessive and not acronym and before in _WEAK_BEFORE
    if weak and before == "to" and text[max(0, astart - 16) : astart].lower().rstrip().endswith("according to"):
        weak = False
    if weak and (known is None or fold_name(authors.names[0]) not in known):
        return []
    written = text[astart:gstart].rstrip()
    out = []
    for y in it.years:
        marker = text[astart:gend] if len(it.years) == 1 else f"{written} ({y.year}{y.suffix})"
        out.append(Found(marker, _key(authors, y, it.locator), astart, gend))
    return out


def _group(text: str, g: re.Match[str], square: bool, known: Collection[str] | None) -> list[Found]:
    """The citations of one bracket group (``square`` for "[...]", which never makes a narrative citation)."""
    content = g.group(1)
    if "\n\n" in content or not _YEAR.search(content):
        return []
    found: list[Found] = []
    cstart = g.start() + 1
    inherited: Authors | None = None
    for k, (off, part) in enumerate(_split_items(content)):
        items = parse_item(part)
        if not items:
            continue
        for it in items:
            if it.authors is None and inherited is None:
                if k == 0 and it is items[0] and not square:
                    found.extend(_narrative(text, g.start(), g.end(), content, it, known))
                continue
            authors = it.authors or inherited
            inherited = authors
            a0 = cstart + off + (it.author_start if it.authors else it.years[0].start)
            for n, y in enumerate(it.years):
                if n == 0:
                    end = it.end if len(it.years) == 1 else y.end
                    marker = text[a0 : cstart + off + end].rstrip(" ,;")
                    found.append(Found(marker, _key(authors, y, it.locator), a0, cstart + off + end))
                else:
                    head = part[it.author_start : it.author_end].rstrip(" ,") if it.authors else ""
                    marker = f"{head}, {y.year}{y.suffix}" if head else f"{y.year}{y.suffix}"
                    found.append(Found(marker, _key(authors, y, it.locator), cstart + off + y.start, cstart + off + y.end))
    return found


def find_author_year(text: str, known: Collection[str] | None = None) -> list[Found]:
    """All author-year citations in ``text``, in order.

    ``known`` (folded surnames of the document's reference entries, see
    :func:`fold_name`) lets a doubtful narrative citation such as "in Smith
    (2001)" through when "smith" is an entry's author; without it such a
    candidate ("launched in Indonesia (2017)") is dropped.
    """
    found, claimed = _source_lines(text)
    claimed_starts = [c[0] for c in claimed]
    for pattern, square in ((_PAREN, False), (_SQUARE, True)):
        for g in pattern.finditer(text):
            i = bisect.bisect_right(claimed_starts, g.start()) - 1
            if i >= 0 and g.start() < claimed[i][1]:
                continue
            found.extend(_group(text, g, square, known))
    found.sort(key=lambda f: (f.start, f.end))
    out: list[Found] = []
    seen: set[tuple[int, CiteKey]] = set()
    for f in found:
        if (f.start, f.key) not in seen:
            seen.add((f.start, f.key))
            out.append(f)
    return out
