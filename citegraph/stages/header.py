"""Header stage: a document's own metadata (title, authors, affiliation, date, venue; a news byline).

Works on the first lines of ``raw_lines``. Markdown front matter (``title:``,
``author:``, ``date:`` between ``---`` lines) is read first. A news article
(byline and date line, no abstract) is read by :mod:`.header_news`. A paper's
running heads (journal, volume, year), DOIs, arXiv stamps and copyright lines
are read for venue and year and skipped when looking for the title, which may
be wrapped over several lines; the line classifiers are in :mod:`.header_lines`.
Lines used by the header are recorded in ``meta["header_lines"]`` so that the
clean stage leaves them out of the prose.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Document, Extraction
from ..resources import Resources
from .clean import is_heading
from .header_lines import (
    DOI_URL, EMAIL, FURNITURE, INSTITUTION, MD_HEADING, PROSE, REF_FORMAT, SMALL_WORDS, VOLUME, YEAR,
    abstract_or_keywords, byline_names, common_words, date_of, is_caps, names_in, person, plain, skippable, title_case,
    title_tail, venue_in,
)
from .header_news import parse_news
from .read import doc_id_for

__all__ = ["run", "parse_header"]

HEADER_WINDOW = 60  # lines looked at (thesis title pages have many blank lines)
MAX_LINE = 4000  # characters of a line looked at: header lines are short; an abstract may be long
_PUBLISHED = re.compile(r"(?i)(?:^|[;|]\s{0,3})(?:first published|published(?: online)?|available online|accepted|date|issued)\b\s{0,2}:?")
_COPYRIGHT = re.compile(r"(?i)(?:©|\(c\)|\bcopyright\b)\D{0,60}?((?:19|20)\d\d)(?!\d)")
_VENUE = re.compile(r"(?i)\b(?:journal|proceedings|conference|review|quarterly|transactions|bulletin|annals)\b")
_VENUE_START = re.compile(r"(?:In\s)?(?:Proceedings|Journal|Transactions|Annals|Bulletin)\b")
_LABEL = re.compile(r"(?i)^(authors?|by|written by|date|published)\s{0,3}:\s{0,3}(.{1,200})$")
_IN_PROC = re.compile(r"\bIn (Proceedings of [^()]{5,200}?)\s{0,2}(?:\(|,|\.\s)")
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def run(x: Extraction, res: Resources) -> Extraction:
    """Set ``x.document`` from the header lines."""
    m = x.meta
    csl, kind, used = parse_header(x.raw_lines, m.get("line_sizes"), m.get("body_size", 0.0), _page_end(m), m.get("line_columns", ()))
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


def _page_end(meta: Any) -> int | None:
    """The index of page 2's first line (a PDF's header is on page 1), or None."""
    starts = meta.get("page_starts") or ()
    return int(starts[1]) if len(starts) > 1 else None


def sized_title(
    lines: list[str], sizes: Any, body: float, end: int | None = None
) -> tuple[str, list[int], set[int]] | None:
    """Title and author lines told by font size (a PDF): ``(title, title lines, author lines)`` or None.

    The title is the first run of lines at the largest size of page 1 (at
    least 15% above the body's), joined while the size holds; the author
    lines are the ones right below it at a size between the title's and the
    body's (empty when the authors are in the body's size). None when sizes
    are unknown or the run does not look like a title (a journal banner).
    """
    try:
        sz = [float(v) for v in sizes[: len(lines)]] if sizes else []
        body = float(body or 0.0)
    except (TypeError, ValueError):
        return None
    n = min(len(lines), len(sz), end or HEADER_WINDOW)
    seen = [i for i in range(n) if lines[i].strip() and sz[i] > 0]
    if not seen or body <= 0:
        return None
    top = max(sz[i] for i in seen)
    if top < 1.15 * body:
        return None
    i0 = next(i for i in seen if abs(sz[i] - top) < 0.3)
    idx = [i for i in seen if i >= i0]
    run: list[int] = []
    for i in idx:
        if abs(sz[i] - top) >= 0.3 or len(run) >= 6:
            break
        run.append(i)
    parts = [plain(lines[i]) for i in run]
    title = parts[0]
    for part in parts[1:]:
        title = title + part if re.search(r"[^\W\d_]-$", title) and part[:1].isupper() else f"{title} {part}"
    title = " ".join(title.split())
    if len(title.split()) < 2 or len(title) > 300 or VOLUME.search(title) or DOI_URL.search(title) or EMAIL.search(title) or FURNITURE.search(title):
        return None
    authors: set[int] = set()
    size = 0.0
    for i in (i for i in idx if i > run[-1]):
        p = plain(lines[i])
        if not body + 0.3 < sz[i] < top - 0.3 or size and abs(sz[i] - size) >= 0.3 or abstract_or_keywords(p, {}) or re.match(r"\d{1,2}\.?\s", p):
            break  # the body's size, another size than the authors', the abstract, a numbered heading
        if not size and is_heading(p) and not names_in(p, run_from=5):
            break  # a heading right below the title: no authors in their own size
        size = sz[i]
        authors.add(i)
    return (title_case(title) if is_caps(title) else title), run, authors


def _author_cells(line: str, cols: tuple[int, ...]) -> list[str]:
    """A PDF author line cut at the offsets where its side-by-side cells begin."""
    cuts = [0, *sorted(c for c in cols if 0 < c < len(line)), len(line)]
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:]) if line[a:b].strip()]


def _front_matter(lines: list[str]) -> tuple[dict[str, Any], int]:
    """YAML front matter between ``---`` lines: (top-level keys -> value or list of items, lines it spans)."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    end = next((j for j in range(1, min(len(lines), 50)) if lines[j].strip() in ("---", "...")), 0)
    data: dict[str, Any] = {}
    key = ""
    for raw in lines[1:end]:
        m = re.match(r"^([A-Za-z][\w-]{0,30})\s{0,3}:\s{0,3}(.{0,300})$", raw)
        if m:
            key, value = m.group(1).lower(), m.group(2).strip().strip("\"'")
            data[key] = [v.strip().strip("\"'") for v in value.strip("[]").split(",")] if value.startswith("[") else (value or [])
            continue
        item = re.match(r"^\s{0,8}-\s{1,3}(.{1,200})$", raw)
        if item and isinstance(data.get(key), list):
            data[key].append(item.group(1).strip().strip("\"'"))
    return (data, end + 1) if end else ({}, 0)


def _from_front_matter(data: dict[str, Any], csl: dict[str, Any]) -> None:
    """Copy front-matter title, authors, date and venue into ``csl``."""
    if isinstance(data.get("title"), str) and data["title"]:
        csl["title"] = data["title"]
    people = data.get("author") or data.get("authors")
    if people:
        names = people if isinstance(people, list) else re.split(r";|\band\b|&|,", people)
        csl["author"] = [person(n.strip()) for n in names if n.strip()]
    for key in ("date", "published", "year", "issued"):
        d = date_of(str(data.get(key) or "")) or ([int(m.group(1))] if (m := YEAR.search(str(data.get(key) or ""))) else None)
        if d:
            csl["issued"] = {"date-parts": [d]}
            break
    venue = data.get("journal") or data.get("venue") or data.get("container-title") or data.get("booktitle")
    if isinstance(venue, str) and venue and not DOI_URL.search(venue):
        csl["container-title"] = venue


def _title_at(lines: list[str], i: int, markdown_heading: bool, common: frozenset[str] = frozenset()) -> tuple[str, list[int]] | None:
    """The title starting at line ``i`` (with its wrapped continuation lines), or None."""
    first = plain(lines[i])
    if not first or len(first) > 250 or not (first[0].isupper() or first[0].isdigit() or first[0] in "\"“'‘") or first.endswith((".", ",", ";")):
        return None
    parts, idx = [first], [i]
    j = i + 1
    while not markdown_heading and j < len(lines) and len(parts) < 4:
        nxt = plain(lines[j])
        prev = parts[-1]
        caps_run = is_caps(" ".join(parts)) and (is_caps(nxt) or not any(c.isalpha() for c in nxt))
        tail = title_tail(prev, nxt, common, 20 if len(parts) > 1 else 30)  # "...on Messaging" / "Apps"
        if (
            not nxt or len(nxt) > 120 or skippable(lines[j], common) and not (caps_run or tail)
            or names_in(lines[j], common=common) and not caps_run
            or INSTITUTION.search(nxt) or PROSE.search(nxt) or nxt.endswith(".") or abstract_or_keywords(nxt, {})
            or (is_heading(nxt) and not caps_run) or len(" ".join(parts)) + len(nxt) > 250
        ):
            break
        joins = prev.endswith((":", ",", "-", "–", "—")) or prev.split()[-1].lower() in SMALL_WORDS or nxt[0].islower() or caps_run or tail
        phrase = ":" in nxt or any(w.lower() in SMALL_WORDS for w in nxt.split())  # "Boss: A Review", not "Google Research"
        if not joins and not (len(prev) >= 30 and len(nxt.split()) <= 6 and phrase):
            break
        parts.append(nxt)
        idx.append(j)
        j += 1
    title = " ".join(parts)
    if len(title) < 12 or len(title.split()) < 3 or title.endswith(":"):
        return None
    return (title_case(title) if is_caps(title) else title), idx


def parse_header(
    lines: tuple[str, ...] | list[str], sizes: Any = None, body: float = 0.0, page_end: int | None = None, columns: Any = ()
) -> tuple[dict[str, Any], str, set[int]]:
    """Header metadata from a document's first lines.

    Returns ``(csl, kind, used)``: a CSL-JSON item without ``id``, ``"news"``
    or ``"paper"``, and the indexes of the lines that make up the header.
    The words the whole text writes in lower case tell names from title words.
    A PDF's font sizes (``sizes``: one per line, ``body``: the text's size,
    ``page_end``: page 2's first line; see :func:`sized_title`) pick the title
    and author lines when they tell; ``columns`` (``(line, offsets)`` pairs)
    cut side-by-side author cells apart.
    """
    common = common_words(lines)
    raw = [ln[:MAX_LINE] for ln in lines[:HEADER_WINDOW]]
    lines = [ln.strip() for ln in raw]
    csl: dict[str, Any] = {}
    front, start = _front_matter(raw)
    used: set[int] = set(range(start))
    _from_front_matter(front, csl)
    window = [(i, s) for i, s in enumerate(lines) if i >= start and s]
    for i, s in window:
        if len(s) < 100 and FURNITURE.search(plain(s)):
            used.add(i)
    if not front:
        news = parse_news(lines, window, used)
        if news:
            return news
    sized = None if front else sized_title(lines, sizes, body, page_end)
    cells: dict[int, tuple[int, ...]] = {}
    for pair in columns or ():
        try:
            cells[int(pair[0])] = tuple(int(c) for c in pair[1])
        except (TypeError, ValueError, IndexError):
            continue
    return _paper(lines, window, used, csl, common, sized, cells)


def _paper(
    lines: list[str], window: list[tuple[int, str]], used: set[int], csl: dict[str, Any], common: frozenset[str] = frozenset(),
    sized: tuple[str, list[int], set[int]] | None = None, cells: dict[int, tuple[int, ...]] | None = None,
) -> tuple[dict[str, Any], str, set[int]]:
    """A paper: running heads, title, authors, affiliation, then abstract/keywords (``sized``: see :func:`sized_title`)."""
    dates: list[tuple[int, list[int]]] = []  # (priority, date): lower is better
    author_lines = sized[2] if sized else set()
    before: list[str] = []
    title_end = -1
    for i, s in window:
        p = plain(s)
        if "title" in csl and csl["title"].casefold() == p.casefold():
            used.add(i)
        if i <= title_end or "title" in csl or i in used:
            continue
        if sized and i >= sized[1][0]:  # the title told by its size
            csl["title"], idx = sized[0], sized[1]
            used.update(idx)
            title_end = idx[-1]
            continue
        nxt = next((t for j, t in window if j > i), "")
        venue = None
        if VOLUME.search(p) or (YEAR.search(p) and re.search(r"\S\s{3,}\S", p)) or DOI_URL.search(p) or "©" in p:  # running head
            venue = "" if DOI_URL.search(p) else (venue_in(p) or "")
            if (y := YEAR.search(p)) and not DOI_URL.search(p):
                dates.append((2, [int(y.group(1))]))
        elif is_caps(p) and len(p.split()) <= 8 and VOLUME.search(nxt):  # "NEW MEDIA & SOCIETY" over "2020, Vol. 22(9)"
            venue = title_case(p)
        elif _VENUE_START.match(p) and len(p.split()) <= 25 and not p.endswith(".") or csl.get("container-title", "").casefold() == p.casefold():
            venue = p
        if venue is not None:
            if venue:
                csl.setdefault("container-title", venue)
            used.add(i)
            continue
        if skippable(s, common):
            if names := names_in(s, strict=True, common=common):
                before = before or names  # authors printed above the title
            if INSTITUTION.search(p) or EMAIL.search(p) or date_of(p) or names:
                used.add(i)
            continue
        if sized:
            continue  # a line above the sized title that is no running head: not the title
        found = _title_at(lines, i, bool(MD_HEADING.match(s)), common)
        if not found and (p.endswith(":") and len(p.split()) <= 6 or is_heading(s) and not re.match(r"^\s{0,3}#|\d", s)):
            continue  # a label ("Article reuse guidelines:") or a capitals line ("ARTICLE INFO") before the title
        if not found:
            break  # the body has started: no title block
        csl["title"], idx = found
        used.update(idx)
        title_end = idx[-1]
    authors: list[str] = []
    zone = [(i, s) for i, s in window if i > title_end and title_end >= 0 and i - title_end <= 30]
    for i, s in zone:
        p = plain(s)
        label = _LABEL.match(p)
        if abstract_or_keywords(p, csl):
            break
        if i in author_lines:  # in the authors' size: names (one per cell), affiliations, e-mail, a date
            cut = (cells or {}).get(i, ())
            for cell in _author_cells(s, cut):
                if names := names_in(cell, run_from=99 if cut else 5):
                    authors += names
                elif INSTITUTION.search(cell) and len(cell) < 250 and not EMAIL.search(cell):
                    csl.setdefault("custom", {}).setdefault("affiliation", cell)
                elif date_of(cell) and len(cell) < 60:
                    dates.append((3, date_of(cell) or []))
            used.add(i)
            continue
        if label and label.group(1).lower() in ("date", "published"):
            if d := date_of(label.group(2)):
                dates.append((0, d))
            used.add(i)
        elif label or re.match(r"(?i)by\s", p):
            authors += byline_names(label.group(2) if label else p[3:])
            used.add(i)
        elif names := names_in(s, common=common):
            authors += names
            used.add(i)
        elif EMAIL.search(p) or p.lower() == "by":
            used.add(i)
        elif INSTITUTION.search(p) and len(p) < 250 and not PROSE.search(p):
            csl.setdefault("custom", {}).setdefault("affiliation", p)
            used.add(i)
        elif _VENUE.search(p) and len(p) < 200 and "container-title" not in csl and not PROSE.search(p) and not MD_HEADING.match(s):
            csl["container-title"] = p
            used.add(i)
        elif date_of(p) and len(p) < 60:
            dates.append((3, date_of(p) or []))
            used.add(i)
        elif PROSE.search(p) or re.match(r"^\s{0,3}#|\d{1,2}\.?\s", s) or is_heading(s) or len(p) > 250:
            break
    authors = authors or before
    if authors and "author" not in csl:
        csl["author"] = [person(n) for n in authors]
    for i, s in window:
        p = plain(s)
        m = _PUBLISHED.search(p)
        if m and (d := date_of(p[m.end():])):
            dates.append((1, d))
        elif (c := _COPYRIGHT.search(p)) and len(p) < 160:
            dates.append((2, [int(c.group(1))]))
        elif REF_FORMAT.search(p):
            block = " ".join(t for t in lines[i : i + 8] if t)
            if (v := _IN_PROC.search(block)) and "container-title" not in csl:
                csl["container-title"] = " ".join(v.group(1).split())
            if y := re.search(r"\.\s((?:19|20)\d\d)\.\s", block):
                dates.append((1, [int(y.group(1))]))
        elif i in used and (d := date_of(p)) and i <= title_end + 30:
            dates.append((4, d))
    if dates and "issued" not in csl:
        csl["issued"] = {"date-parts": [min(dates, key=lambda t: t[0])[1]]}
    csl["type"] = "article-journal" if "container-title" in csl else "article"
    return csl, "paper", used
