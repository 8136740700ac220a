"""Header stage: a document's own metadata (title, authors, affiliation, date, venue; a news byline).

Works on the first lines of ``raw_lines``. Markdown front matter (``title:``,
``author:``, ``date:`` between ``---`` lines) is read first. A news article is
recognised by its byline (``By ...``, ``Source:``/``Author:``, a ``Published``
date line) when the page has no abstract; its outlet (masthead or dateline
agency), date and authors become the document's metadata. A paper's running
heads (journal, volume, year), DOIs, arXiv stamps and copyright lines are
read for venue and year and skipped when looking for the title, which may be
wrapped over several lines. Lines used by the header are recorded in
``meta["header_lines"]`` so that the clean stage leaves them out of the prose.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model import Document, Extraction
from ..names import split_name
from ..resources import Resources
from .clean import is_heading
from .read import doc_id_for

__all__ = ["run", "parse_header"]

HEADER_WINDOW = 60  # lines looked at (thesis title pages have many blank lines)
MAX_LINE = 4000  # characters of a line looked at: header lines are short; an abstract may be long
_MD = re.compile(r"^\s{0,3}#{1,6}\s+")
_FURNITURE = re.compile(
    r"(?i)^\[?(?:sponsored by\b|advertisement$|home\s*[>›»]|share\b|save$|print$|top$|menu$|skip to\b|sign in\b|subscribe\b"
    r"|contents lists available|journal homepage|(?:full[- ]length |original |research |review |short |brief )?(?:article|paper|communication)$"
    r"|(?:preprint|draft|working draft|working paper)\b|.{0,40}\b(?:do not (?:cite|circulate|distribute)|under review)\b)"
    r"|\S\s{0,2}[>›»]\s{0,2}\S{1,30}\s{0,2}[>›»]|^[^|]{1,30}(?:\s\|\s[^|]{1,30}){2,6}$|^\w[\w ]{0,20}\s/\s\w[\w ]{0,20}$"
)
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_TEXT_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b"
)
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s{0,2}年\s{0,2}(\d{1,2})\s{0,2}月")
_YEAR = re.compile(r"(?<![\d./-])((?:19|20)\d\d)(?![\d/])")
_SOURCE = re.compile(r"(?i)(?<![A-Za-z])Source:\s{0,3}([^\n]{1,80}?)\s{0,3}(?=Author:|By\s|Updated|$)")
_AUTHOR = re.compile(r"(?:(?i:Author:)|^B[yY])\s{0,3}([A-Z][^\n|]{1,120}?)\s{0,3}(?=\||Source:|Updated|$)")
_PUBLISHED = re.compile(r"(?i)(?:^|[;|]\s{0,3})(?:first published|published(?: online)?|available online|accepted|date|issued)\b\s{0,2}:?")
_COPYRIGHT = re.compile(r"(?i)(?:©|\(c\)|\bcopyright\b)\D{0,60}?((?:19|20)\d\d)(?!\d)")
_INSTITUTION = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|faculty|laborator\w{0,3}|cent(?:er|re)|hospital|polytechnic)\b")
_NOT_NAME = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|abstract|keywords?|introduction|research|labs?|inc|ltd|llc|corporation|company|group|foundation|association|society|ministry|council|media|news|the|of|for|in|on|with|to)\b")
_ROLE = re.compile(r"(?i)\b(?:reporter|editor|correspondent|writer|columnist|staff|contributor|analyst|producer|journalist|bureau|chief)\b|^in\s")
_VENUE = re.compile(r"(?i)\b(?:journal|proceedings|conference|review|quarterly|transactions|bulletin|annals)\b")
_VENUE_START = re.compile(r"(?:In\s)?(?:Proceedings|Journal|Transactions|Annals|Bulletin)\b")
_VOLUME = re.compile(r"(?i)\bvol(?:ume)?\.?\s{0,2}\d|\bno\.\s{0,2}\d|\b\d{1,4}\s{0,2}\(\d{1,4}\)|第\s{0,2}\d{1,4}\s{0,2}[卷期]|\bpp\.\s{0,2}\d|\bissn\b")
_DOI_URL = re.compile(r"(?i)\bdoi\s{0,2}:|\b10\.\d{4,9}/|https?://|www\.|\b[a-z][\w-]{0,40}\.(?:com|org|net|edu)\b|^arxiv:")
_EMAIL = re.compile(r"@[\w-]{1,63}\.[A-Za-z]")
_LABEL = re.compile(r"(?i)^(authors?|by|written by|date|published)\s{0,3}:\s{0,3}(.{1,200})$")
_REF_FORMAT = re.compile(r"(?i)reference format|to cite this article|cite (?:this|as)\b")
_IN_PROC = re.compile(r"\bIn (Proceedings of [^()]{5,200}?)\s{0,2}(?:\(|,|\.\s)")
_DATELINE = re.compile(r"^[A-Z]{2,30}[A-Z ,.'’-]{0,40}[^()\n]{0,30}?\(([A-Z][\w.]{1,20}(?:\s[A-Z][\w.]{1,20}){0,2})\)\s{0,2}[-—–]")
_OUTLET = re.compile(
    r"(?i)\b(?:news|times|post|guardian|daily|herald|journal|tribune|telegraph|reuters|bloomberg|press|observer|economist|atlantic"
    r"|wired|verge|chronicle|gazette|mail|mirror|independent|standard|express|magazine|monitor|xinhua|afp|cnn|npr|bbc|politico"
    r"|axios|insider|wire|agency|today|weekly|radio|television|broadcasting)\b"
)
_PROSE = re.compile(r"[a-z]{2}[.!?]\s{1,3}[A-Z][a-z]|[a-z]{3}[.!?]$")  # sentences: body text, not a header line
_SUPERSCRIPTS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰∗*†‡§]")
_MARKERS = re.compile(r"(?<=[^\W\d_])\d{1,2}(?:,\d{1,2}){0,5}|(?<=\s)(?:[a-h]|\d{1,2})(?=\s{0,2}(?:,|$))")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]{0,30}$")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "ten", "ter"}
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "via"}
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


def _plain(line: str) -> str:
    """A line without Markdown heading marks, emphasis or quote marks."""
    line = _MD.sub("", line).strip().lstrip("> ").replace("**", "").replace("__", "")
    return line.strip("*_ ").strip()


def _date(text: str) -> list[int] | None:
    """The first date in ``text`` as [year, month, day] (month and day when written)."""
    if m := _ISO_DATE.search(text):
        return [int(m.group(1)), int(m.group(2)), int(m.group(3))]
    if m := _TEXT_DATE.search(text):
        day = m.group(1) or m.group(3)
        return [int(m.group(4)), _MONTHS[m.group(2)[:3].lower()]] + ([int(day)] if day else [])
    return [int(m.group(1)), int(m.group(2))] if (m := _CJK_DATE.search(text)) else None


def _latin(s: str) -> bool:
    """Whether most letters of ``s`` are Latin (not a Chinese title or name line)."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and 2 * sum(unicodedata.name(c, "").startswith("LATIN") for c in letters) >= len(letters)


def _caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _title_case(s: str) -> str:
    """"NEW MEDIA & SOCIETY" -> "New Media & Society"."""
    words = s.lower().split()
    return " ".join(w if i and w in _SMALL else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _person(name: str) -> dict[str, str]:
    """A CSL name; an all-capitals word is the family name ("WANG Xiaoming" -> Wang)."""
    name = name.title() if name.isupper() else name
    words = name.split()
    caps = [w for w in words if len(w) > 1 and w.isalpha() and w.isupper()]
    if len(words) > 1 and len(caps) == 1 and len(caps) < len(words):
        return {"family": caps[0].title(), "given": " ".join(w for w in words if w is not caps[0])}
    return split_name(name)


def _names(line: str, strict: bool = False) -> list[str] | None:
    """The names in an author line ("Junke Hu, Ruoyan Liang", "Lena Fischer a,∗, Marco Rossi b"), or None."""
    s = _plain(line)
    if not s or len(s) > 200 or ":" in s or _EMAIL.search(s) or s.endswith(".") or _caps(s) and "," not in s:
        return None
    marked = bool(_SUPERSCRIPTS.search(s) or _MARKERS.search(s))
    s = _MARKERS.sub("", _SUPERSCRIPTS.sub("", s))
    if _NOT_NAME.search(s) or any(c.isdigit() for c in s):
        return None
    parts = [p.strip() for p in re.split(r",|;|\band\b|\bAND\b|&", s) if p.strip()]
    if not parts or len(parts) > 20 or (strict and not marked and "," not in s):
        return None
    for p in parts:
        words = p.split()
        if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) and (w[:1].isupper() or w in _PARTICLES) for w in words):
            return None
    return parts


def _byline_names(text: str) -> list[str]:
    """Names in a byline's text ("Alex Hern and Dan Milmo", "Zoe Kleinman, Technology editor")."""
    out = []
    for p in re.split(r",|;|\band\b|&|·|•|\|", text):
        p = p.strip()
        if not p or _ROLE.search(p) or any(c.isdigit() for c in p):
            continue
        words = p.split()
        if 1 <= len(words) <= 4 and all(_NAME_WORD.match(w) and (w[:1].isupper() or w in _PARTICLES) for w in words):
            out.append(p)
    return out


def _venue_in(line: str) -> str | None:
    """A journal name in a running head ("Computers in Human Behavior 101 (2019) 112–124")."""
    best = None
    for seg in re.split(r"\s{2,}|,|\|", _plain(line)):
        m = re.match(r"[A-Za-z][A-Za-z&:'’ -]{2,120}", seg.strip())
        if not m:
            continue
        name = re.sub(r"(?i)\s(?:vol(?:ume)?|no|issue)\.?$", "", m.group(0).strip(" -:")).strip()
        if len(name.split()) >= 2 and name[0].isupper() and (best is None or len(name) > len(best)):
            best = name
    return _title_case(best) if best and best.isupper() else best


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
    if isinstance(data.get("title"), str) and data["title"]:
        csl["title"] = data["title"]
    people = data.get("author") or data.get("authors")
    if people:
        names = people if isinstance(people, list) else re.split(r";|\band\b|&|,", people)
        csl["author"] = [_person(n.strip()) for n in names if n.strip()]
    for key in ("date", "published", "year", "issued"):
        d = _date(str(data.get(key) or "")) or ([int(m.group(1))] if (m := _YEAR.search(str(data.get(key) or ""))) else None)
        if d:
            csl["issued"] = {"date-parts": [d]}
            break
    venue = data.get("journal") or data.get("venue") or data.get("container-title") or data.get("booktitle")
    if isinstance(venue, str) and venue and not _DOI_URL.search(venue):
        csl["container-title"] = venue


def _abstract_or_keywords(plain: str, csl: dict[str, Any]) -> bool:
    low = plain.lower()
    if low.startswith("abstract"):
        csl.setdefault("abstract", _plain(re.sub(r"(?i)^abstract\s{0,3}[:.\-—]?\s{0,3}", "", plain)))
        return True
    if low.startswith(("keywords", "key words", "index terms")):
        csl.setdefault("keyword", re.sub(r"(?i)^(?:keywords|key words|index terms)\s{0,3}[:.\-—]?\s{0,3}", "", plain).strip("* ").rstrip("."))
        return True
    return False


def _skippable(s: str) -> bool:
    """A line before the title that is not the title: running head, DOI, stamp, institution, date, names."""
    p = _plain(s)
    return bool(
        _FURNITURE.search(p) or _VOLUME.search(p) or _DOI_URL.search(p) or _EMAIL.search(p) or "©" in p
        or not _latin(p) or len(p.split()) < 2 or (_date(p) and len(p.split()) <= 5)
        or (_INSTITUTION.search(p) and len(p.split()) <= 6 and not re.search(r"[:?]", p))
        or _names(s, strict=True)
    )


def _title_at(lines: list[str], i: int, markdown_heading: bool) -> tuple[str, list[int]] | None:
    """The title starting at line ``i`` (with its wrapped continuation lines), or None."""
    first = _plain(lines[i])
    if not first or len(first) > 250 or not (first[0].isupper() or first[0].isdigit() or first[0] in "\"“'‘") or first.endswith((".", ",", ";")):
        return None
    parts, idx = [first], [i]
    j = i + 1
    while not markdown_heading and j < len(lines) and len(parts) < 4:
        nxt = _plain(lines[j])
        prev = parts[-1]
        caps_run = _caps(" ".join(parts)) and (_caps(nxt) or not any(c.isalpha() for c in nxt))
        if (
            not nxt or len(nxt) > 120 or _skippable(lines[j]) and not caps_run or _names(lines[j]) and not caps_run
            or _INSTITUTION.search(nxt) or _PROSE.search(nxt) or nxt.endswith(".") or _abstract_or_keywords(nxt, {})
            or (is_heading(nxt) and not caps_run) or len(" ".join(parts)) + len(nxt) > 250
        ):
            break
        joins = prev.endswith((":", ",", "-", "–", "—")) or prev.split()[-1].lower() in _SMALL or nxt[0].islower() or caps_run
        phrase = ":" in nxt or any(w.lower() in _SMALL for w in nxt.split())  # "Boss: A Review", not "Google Research"
        if not joins and not (len(prev) >= 30 and len(nxt.split()) <= 6 and phrase):
            break
        parts.append(nxt)
        idx.append(j)
        j += 1
    title = " ".join(parts)
    if len(title) < 12 or len(title.split()) < 3 or title.endswith(":"):
        return None
    return (_title_case(title) if _caps(title) else title), idx


def parse_header(lines: tuple[str, ...] | list[str]) -> tuple[dict[str, Any], str, set[int]]:
    """Header metadata from a document's first lines.

    Returns ``(csl, kind, used)``: a CSL-JSON item without ``id``, ``"news"``
    or ``"paper"``, and the indexes of the lines that make up the header.
    """
    raw = [ln[:MAX_LINE] for ln in lines[:HEADER_WINDOW]]
    lines = [ln.strip() for ln in raw]
    csl: dict[str, Any] = {}
    front, start = _front_matter(raw)
    used: set[int] = set(range(start))
    _from_front_matter(front, csl)
    window = [(i, s) for i, s in enumerate(lines) if i >= start and s]
    for i, s in window:
        if len(s) < 100 and _FURNITURE.search(_plain(s)):
            used.add(i)
    if not front:
        news = _news(lines, window, used)
        if news:
            return news
    return _paper(lines, window, used, csl)


def _paper(lines: list[str], window: list[tuple[int, str]], used: set[int], csl: dict[str, Any]) -> tuple[dict[str, Any], str, set[int]]:
    """A paper: running heads, title, authors, affiliation, then abstract/keywords."""
    dates: list[tuple[int, list[int]]] = []  # (priority, date): lower is better
    before: list[str] = []
    title_end = -1
    for i, s in window:
        p = _plain(s)
        if "title" in csl and csl["title"].casefold() == p.casefold():
            used.add(i)
        if i <= title_end or "title" in csl or i in used:
            continue
        nxt = next((t for j, t in window if j > i), "")
        venue = None
        if _VOLUME.search(p) or (_YEAR.search(p) and re.search(r"\S\s{3,}\S", p)) or _DOI_URL.search(p) or "©" in p:  # running head
            venue = "" if _DOI_URL.search(p) else (_venue_in(p) or "")
            if (y := _YEAR.search(p)) and not _DOI_URL.search(p):
                dates.append((2, [int(y.group(1))]))
        elif _caps(p) and len(p.split()) <= 8 and _VOLUME.search(nxt):  # "NEW MEDIA & SOCIETY" over "2020, Vol. 22(9)"
            venue = _title_case(p)
        elif _VENUE_START.match(p) and len(p.split()) <= 25 and not p.endswith(".") or csl.get("container-title", "").casefold() == p.casefold():
            venue = p
        if venue is not None:
            if venue:
                csl.setdefault("container-title", venue)
            used.add(i)
            continue
        if _skippable(s):
            if names := _names(s, strict=True):
                before = before or names  # authors printed above the title
            if _INSTITUTION.search(p) or _EMAIL.search(p) or _date(p) or names:
                used.add(i)
            continue
        found = _title_at(lines, i, bool(_MD.match(s)))
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
        p = _plain(s)
        label = _LABEL.match(p)
        if _abstract_or_keywords(p, csl):
            break
        if label and label.group(1).lower() in ("date", "published"):
            if d := _date(label.group(2)):
                dates.append((0, d))
            used.add(i)
        elif label or re.match(r"(?i)by\s", p):
            authors += _byline_names(label.group(2) if label else p[3:])
            used.add(i)
        elif names := _names(s):
            authors += names
            used.add(i)
        elif _EMAIL.search(p) or p.lower() == "by":
            used.add(i)
        elif _INSTITUTION.search(p) and len(p) < 250 and not _PROSE.search(p):
            csl.setdefault("custom", {}).setdefault("affiliation", p)
            used.add(i)
        elif _VENUE.search(p) and len(p) < 200 and "container-title" not in csl and not _PROSE.search(p) and not _MD.match(s):
            csl["container-title"] = p
            used.add(i)
        elif _date(p) and len(p) < 60:
            dates.append((3, _date(p) or []))
            used.add(i)
        elif _PROSE.search(p) or re.match(r"^\s{0,3}#|\d{1,2}\.?\s", s) or is_heading(s) or len(p) > 250:
            break
    authors = authors or before
    if authors and "author" not in csl:
        csl["author"] = [_person(n) for n in authors]
    for i, s in window:
        p = _plain(s)
        m = _PUBLISHED.search(p)
        if m and (d := _date(p[m.end():])):
            dates.append((1, d))
        elif (c := _COPYRIGHT.search(p)) and len(p) < 160:
            dates.append((2, [int(c.group(1))]))
        elif _REF_FORMAT.search(p):
            block = " ".join(t for t in lines[i : i + 8] if t)
            if (v := _IN_PROC.search(block)) and "container-title" not in csl:
                csl["container-title"] = " ".join(v.group(1).split())
            if y := re.search(r"\.\s((?:19|20)\d\d)\.\s", block):
                dates.append((1, [int(y.group(1))]))
        elif i in used and (d := _date(p)) and i <= title_end + 30:
            dates.append((4, d))
    if dates and "issued" not in csl:
        csl["issued"] = {"date-parts": [min(dates, key=lambda t: t[0])[1]]}
    csl["type"] = "article-journal" if "container-title" in csl else "article"
    return csl, "paper", used


def _news(lines: list[str], window: list[tuple[int, str]], used: set[int]) -> tuple[dict[str, Any], str, set[int]] | None:
    """Metadata of a news article from its byline, date line, masthead and headline; None if it is not one."""
    early = [(i, s) for i, s in window if i < 25]
    if any(_abstract_or_keywords(_plain(s), {}) or _REF_FORMAT.search(s) or re.search(r"\b10\.\d{4,9}/|\bISSN\b", s) for _, s in early):
        return None  # a paper: news articles have no abstract, DOI or ISSN
    bylines = [(i, s) for i, s in early if len(s) < 160 and (_SOURCE.search(s) or (_AUTHOR.match(_plain(s)) and _byline_names(_AUTHOR.match(_plain(s)).group(1))))]
    published = [i for i, s in early if re.match(r"(?i)published\b", _plain(s)) and (_date(s) or (i + 1 < len(lines) and _date(lines[i + 1])))]
    dated = [i for i, s in early if _date(s)]
    if not published and not any(abs(i - j) <= 4 for i, _ in bylines for j in dated):
        return None
    anchor = min([i for i, _ in bylines] + published)
    csl: dict[str, Any] = {"type": "article-newspaper"}
    for i, s in bylines:
        used.add(i)
        if m := _SOURCE.search(s):
            csl.setdefault("container-title", m.group(1).strip(" ,;|"))
        if (m := _AUTHOR.search(_plain(s))) and "author" not in csl:
            csl["author"] = [_person(n) for n in _byline_names(m.group(1))]
    if "author" not in csl:  # an unmarked byline just above the date line ("Coco Feng and Ben Jiang")
        for i, s in early:
            if anchor - 4 <= i <= anchor and (names := _names(s)):
                csl["author"] = [_person(n) for n in names]
                used.add(i)
                break
    date_lines = published + [i for i in dated if not re.match(r"(?i)updated", _plain(lines[i]))] + dated
    for i in date_lines:
        d = _date(lines[i]) or _date(lines[i + 1] if i + 1 < len(lines) else "")
        if d:
            csl["issued"] = {"date-parts": [d]}
            break
    used.update(i for i in dated if i <= anchor + 4 and len(lines[i]) < 80)
    used.update(i for i in published)
    for i, s in early:
        if i >= anchor or i in used:
            continue
        p = _plain(s.split(" | ")[0])
        if "container-title" not in csl and len(p.split()) <= 6 and _OUTLET.search(p) and not p.endswith((".", ",")):
            csl["container-title"] = p
            used.add(i)
        elif "title" not in csl and len(p) >= 12 and len(p.split()) >= 3 and not p.endswith((".", ",", ";")) and _latin(p):
            csl["title"] = p
            used.add(i)
    if "container-title" not in csl:
        for _, s in window:
            if m := _DATELINE.match(s):
                csl["container-title"] = m.group(1)
                break
    return csl, "news", used
