"""Line-level cues shared by the finder's features, post-processing and entry splitting.

Every pattern has bounded repetition and is applied to a truncated line
(:data:`MAX_CHARS`), so a hostile 1 MB line costs no more than a normal one.
"""

from __future__ import annotations

import re

__all__ = [
    "MAX_CHARS",
    "REF_HEADING",
    "is_ref_heading",
    "is_page_number",
    "is_running_header",
    "strip_bullet",
    "split_label",
    "author_start",
    "has_citation_marker",
    "YEAR",
]

MAX_CHARS = 400

_HEAD_WORDS = (
    r"references?(?: and notes| cited| list)?|notes and references|list of references|reference list"
    r"|(?:selected |select )?bibliography|bibliographie|bibliografía|bibliografia|works cited|sources cited"
    r"|(?:cited )?literature(?: cited)?|literatur(?:verzeichnis)?|références(?: bibliographiques)?"
    r"|referencias|riferimenti bibliografici|参考文献|參考文獻|参考资料|文献|引用文献"
)
#: A reference-list heading: optional markdown "#", numbering ("7", "7.", "VII.", "Chapter 8"), a heading word.
REF_HEADING = re.compile(
    r"^[#*\s]{0,12}(?:(?:chapter|appendix|section)\s{1,3})?(?:[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.?|[IVXLC]{1,6}\.)?"
    r"\s{0,6}(?:" + _HEAD_WORDS + r")\s{0,3}[:.]?[*\s]{0,6}$",
    re.IGNORECASE,
)
_RUNNING = re.compile(
    r"^\s{0,80}(?:[0-9]{1,4}\s{1,80})?(?:" + _HEAD_WORDS + r")(?:\s{1,80}[0-9]{1,4})?\s{0,40}$", re.IGNORECASE
)
_PAGE = re.compile(
    r"^\s{0,200}(?:page\s{1,3}|p\.\s{0,2}|-\s{0,2})?(?:[0-9]{1,4}|[ivxlc]{1,7})(?:\s{0,2}-)?(?:\s{0,3}(?:of|/)\s{0,3}[0-9]{1,4})?\s{0,200}$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s{0,40}(?:[-*•·▪◦‣∙–]|\\-)\s{1,8}")
_LABEL = re.compile(
    r"^(?:\[(?P<b>[^\[\]\n]{1,40})\]|\((?P<p>[0-9]{1,4})\)|(?P<n>[0-9]{1,4})[.)](?![0-9]))\s{0,12}"
)
YEAR = re.compile(r"(?<![0-9])(?:1[5-9]|20)[0-9]{2}(?![0-9])")
_AUTHOR_STARTS = (
    # Surname, I.   /  Surname, Firstname  /  van Surname, I.
    ("sur_init", re.compile(r"^(?:(?:van|von|de|der|den|da|del|di|la|le|du|dos|ten|ter)\s{1,2}){0,3}[A-ZÀ-ÖØ-Þ][\w'’\-]{0,30}(?:\s[A-ZÀ-Þ][\w'’\-]{1,30})?,\s{0,2}(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ]{1,20}[\s,.])")),
    # SURNAME, I.
    ("caps_init", re.compile(r"^[A-ZÀ-Þ][A-ZÀ-Þ'’\-]{1,30}(?:\s[A-ZÀ-Þ'’\-]{2,30})?,\s{0,2}[A-ZÀ-Þ]")),
    # Surname IJ,   (Vancouver)
    ("sur_caps", re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'’\-]{1,30}\s[A-Z]{1,3}[,.]")),
    # I. J. Surname  (IEEE)
    ("init_sur", re.compile(r"^(?:[A-Z]\.[\s\-]{0,2}){1,3}[A-ZÀ-Þ][a-zà-ÿ'’\-]{1,30}")),
    # Organisation (2007):  / Name. 2017.
    ("name_year", re.compile(r"^[A-ZÀ-Þ][^\s()]{0,30}(?:\s[^\s()]{1,30}){0,5}\s{0,2}[.(,]\s{0,2}(?:1[5-9]|20)[0-9]{2}")),
)
_CITE_PAREN = re.compile(r"\([A-ZÀ-Þ][^()\n]{0,80}(?:1[5-9]|20)[0-9]{2}[a-z]?\)")
_CITE_NARR = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’\-]{1,30}(?: et al\.?)?\s\((?:1[5-9]|20)[0-9]{2}[a-z]?\)")
_CITE_NUM = re.compile(r"\[[0-9]{1,3}(?:\s{0,2}[,–\-]\s{0,2}[0-9]{1,3}){0,10}\]")


def is_ref_heading(line: str) -> bool:
    """Does the line name a reference list ("References", "#### REFERENCES", "7 Bibliography")?"""
    s = line.strip()
    return 0 < len(s) <= 60 and REF_HEADING.match(s) is not None


def is_running_header(line: str) -> bool:
    """A reference heading word with a page number beside it ("BIBLIOGRAPHY   69")."""
    s = line[:200]
    return len(line) <= 200 and any(ch.isdigit() for ch in s) and _RUNNING.match(s) is not None


def is_page_number(line: str) -> bool:
    """A page number alone on a line ("12", "xiv", "Page 3 of 10", "- 4 -")."""
    return len(line) <= 240 and _PAGE.match(line) is not None and line.strip() != ""


def strip_bullet(line: str) -> tuple[str, bool]:
    """The line without a leading markdown/typographic bullet, and whether there was one."""
    m = _BULLET.match(line[:60])
    return (line[m.end():], True) if m else (line.lstrip(), False)


def split_label(text: str) -> tuple[str | None, str, str]:
    """``(label, kind, rest)`` for a line starting with "[3]", "[Bais 2010]", "3.", "3)" or "(3)".

    ``kind`` is "brk_num", "brk_text", "num_dot", "num_par" or "" when there is no label.
    """
    m = _LABEL.match(text[:60])
    if not m:
        return None, "", text
    if m.group("b") is not None:
        lab = m.group("b").strip()
        kind = "brk_num" if lab.isdigit() else "brk_text"
        if kind == "brk_text" and not any(c.isalpha() for c in lab):
            return None, "", text
    elif m.group("p") is not None:
        lab, kind = m.group("p"), "num_par"
    else:
        lab, kind = m.group("n"), "num_dot"
        if text[m.end(): m.end() + 1] == "" and m.end() == len(text):
            return None, "", text
    return lab, kind, text[m.end():]


def author_start(text: str) -> str:
    """The name of the author-list pattern the text starts with ("" if none)."""
    t = text[:120]
    for name, rx in _AUTHOR_STARTS:
        if rx.match(t):
            return name
    return ""


def has_citation_marker(text: str) -> bool:
    """Does the text carry an in-text citation: "(Name, 2020)", "Name (2020)" or "[1]"?"""
    return bool(_CITE_PAREN.search(text) or _CITE_NARR.search(text) or _CITE_NUM.search(text))
