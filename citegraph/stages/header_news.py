"""News articles in the header stage: bylines, date lines, mastheads and datelines.

A page is read as news when, in its first lines, a byline (``By ...``,
``Source:``/``Author:``) sits near a date, or a ``Published`` line carries a
date, and there is no abstract, DOI or ISSN. Its outlet (masthead, ``Source:``
or a wire dateline's agency), date, authors and headline become the metadata.
"""

from __future__ import annotations

import re
from typing import Any

from .header_lines import REF_FORMAT, abstract_or_keywords, byline_names, date_of, is_latin, names_in, person, plain

__all__ = ["parse_news"]

_SOURCE = re.compile(r"(?i)(?<![A-Za-z])Source:\s{0,3}([^\n]{1,80}?)\s{0,3}(?=Author:|By\s|Updated|$)")
_AUTHOR = re.compile(r"(?:(?i:Author:)|^B[yY])\s{0,3}([A-Z][^\n|]{1,120}?)\s{0,3}(?=\||Source:|Updated|$)")
_DATELINE = re.compile(r"^[A-Z]{2,30}[A-Z ,.'’-]{0,40}[^()\n]{0,30}?\(([A-Z][\w.]{1,20}(?:\s[A-Z][\w.]{1,20}){0,2})\)\s{0,2}[-—–]")
_OUTLET = re.compile(
    r"(?i)\b(?:news|times|post|guardian|daily|herald|journal|tribune|telegraph|reuters|bloomberg|press|observer|economist|atlantic"
    r"|wired|verge|chronicle|gazette|mail|mirror|independent|standard|express|magazine|monitor|xinhua|afp|cnn|npr|bbc|politico"
    r"|axios|insider|wire|agency|today|weekly|radio|television|broadcasting)\b"
)


def parse_news(lines: list[str], window: list[tuple[int, str]], used: set[int]) -> tuple[dict[str, Any], str, set[int]] | None:
    """Metadata of a news article from its byline, date line, masthead and headline; None if it is not one."""
    early = [(i, s) for i, s in window if i < 25]
    if any(abstract_or_keywords(plain(s), {}) or REF_FORMAT.search(s) or re.search(r"\b10\.\d{4,9}/|\bISSN\b", s) for _, s in early):
        return None  # a paper: news articles have no abstract, DOI or ISSN
    bylines = [(i, s) for i, s in early if len(s) < 160 and (_SOURCE.search(s) or (_AUTHOR.match(plain(s)) and byline_names(_AUTHOR.match(plain(s)).group(1))))]
    published = [i for i, s in early if re.match(r"(?i)published\b", plain(s)) and (date_of(s) or (i + 1 < len(lines) and date_of(lines[i + 1])))]
    dated = [i for i, s in early if date_of(s)]
    if not published and not any(abs(i - j) <= 4 for i, _ in bylines for j in dated):
        return None
    anchor = min([i for i, _ in bylines] + published)
    csl: dict[str, Any] = {"type": "article-newspaper"}
    for i, s in bylines:
        used.add(i)
        if m := _SOURCE.search(s):
            csl.setdefault("container-title", m.group(1).strip(" ,;|"))
        if (m := _AUTHOR.search(plain(s))) and "author" not in csl:
            csl["author"] = [person(n) for n in byline_names(m.group(1))]
    if "author" not in csl:  # an unmarked byline just above the date line ("Coco Feng and Ben Jiang")
        for i, s in early:
            if anchor - 4 <= i <= anchor and (names := names_in(s)):
                csl["author"] = [person(n) for n in names]
                used.add(i)
                break
    date_lines = published + [i for i in dated if not re.match(r"(?i)updated", plain(lines[i]))] + dated
    for i in date_lines:
        d = date_of(lines[i]) or date_of(lines[i + 1] if i + 1 < len(lines) else "")
        if d:
            csl["issued"] = {"date-parts": [d]}
            break
    used.update(i for i in dated if i <= anchor + 4 and len(lines[i]) < 80)
    used.update(i for i in published)
    for i, s in early:
        if i >= anchor or i in used:
            continue
        p = plain(s.split(" | ")[0])
        if "container-title" not in csl and len(p.split()) <= 6 and _OUTLET.search(p) and not p.endswith((".", ",")):
            csl["container-title"] = p
            used.add(i)
        elif "title" not in csl and len(p) >= 12 and len(p.split()) >= 3 and not p.endswith((".", ",", ";")) and is_latin(p):
            csl["title"] = p
            used.add(i)
    if "container-title" not in csl:
        for _, s in window:
            if m := _DATELINE.match(s):
                csl["container-title"] = m.group(1)
                break
    return csl, "news", used
