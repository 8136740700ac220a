"""Turning labelled segments into one CSL-JSON item.

The CRF says which words belong to which field; this module cleans each
field (wrapping quotes/asterisks, trailing punctuation), splits names,
parses dates, volume/issue and pages, finds DOIs/URLs/arXiv ids, reads
GB/T 7714 type markers ("[J]", "[M]"...) and infers the CSL type.

arXiv identifiers go to ``number`` (with ``publisher: "arXiv"`` when no
publisher was found).
"""

from __future__ import annotations

import re
from typing import Iterable

from .names import parse_names

__all__ = ["clean", "to_csl", "parse_date", "parse_pages", "parse_volume", "GBT_TYPES"]

#: GB/T 7714 document-type markers and their CSL types.
GBT_TYPES = {
    "J": "article-journal", "M": "book", "C": "paper-conference", "D": "thesis", "R": "report",
    "N": "article-newspaper", "EB/OL": "webpage", "EB": "webpage", "OL": "webpage", "P": "patent",
    "S": "standard", "A": "chapter", "G": "book", "Z": "document", "DB": "dataset", "DB/OL": "dataset",
    "J/OL": "article-journal", "M/OL": "book", "CP": "software",
}
_GB = re.compile(r"\[\s{0,2}([A-Z]{1,2}(?:/[A-Z]{1,2})?)\s{0,2}\]")
_EDGE = " \t.,;:*_\"“”„‘’«»'"
_YEAR = re.compile(r"(?<![0-9])((?:1[5-9]|20)[0-9]{2})([a-z])?(?![0-9])")
_ISO = re.compile(r"((?:1[5-9]|20)[0-9]{2})[-/.]([01]?[0-9])(?:[-/.]([0-3]?[0-9]))?(?![0-9])")
_DAY = re.compile(r"(?<![0-9])([0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])")
_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "janv": 1, "févr": 2, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6,
    "juil": 7, "août": 8, "aout": 8, "déc": 12, "märz": 3, "okt": 10, "dez": 12, "ene": 1, "abr": 4,
    "ago": 8, "dic": 12,
}
_WORD = re.compile(r"[^\W\d_]{3,12}")
_PAGES = re.compile(r"([A-Za-z]{0,2}[0-9]{1,7}[A-Za-z]?)(?:\s{0,3}(?:[-–—‐‑]{1,2}|to)\s{0,3}([A-Za-z]{0,2}[0-9]{1,7}[A-Za-z]?))?")
_VOLISS = re.compile(r"([0-9A-Za-z]{1,8})\s{0,2}\(\s{0,2}([^()]{1,20}?)\s{0,2}\)")
_ISSUE = re.compile(r"(?:\bno\b|\bn\b|\bnr\b|\bissue\b|\bnum\b|\bheft\b|\bh\b|n°|№|#)\.?\s{0,3}([0-9]{1,6}(?:\s{0,2}[-–/]\s{0,2}[0-9]{1,6})?)", re.I)
_VOL = re.compile(r"(?:\bvol\b|\bvolume\b|\bbd\b|\bband\b|\bt\b|\btome\b|\bv\b|\bjg\b)\.?\s{0,3}([0-9A-Za-z]{1,8})", re.I)
_NUMBER = re.compile(r"[0-9]{1,8}[A-Za-z]?|[IVXLCDM]{1,7}\b")
_DOI = re.compile(r"\b(10\.[0-9]{3,9}/[^\s\"<>]{1,200})")
_URL = re.compile(r"(?:https?://|www\.)[^\s\"<>]{1,500}", re.I)
_ARXIV = re.compile(r"arxiv(?:\s{0,3}preprint)?(?:\s{0,3}arxiv)?\s{0,2}:?\s{0,2}((?:[0-9]{4}\.[0-9]{4,5}|[a-z-]{2,12}(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]{1,3})?)", re.I)
_CONFERENCE = re.compile(r"\b(?:proceedings|conference|symposium|workshop|congress|colloquium)\b", re.I)
#: a volume/issue word left at the end of a container ("Journal, v.28", "Journal Vol", "Revue, n°35/36,")
_TRAIL_VOL = re.compile(r"(?:vol|v|no|nr|n°|heft|bd|jg)\.?\s{0,2}[0-9]{0,6}(?:/[0-9]{1,6})?[.,;:]?", re.I)
_NUMBER_LABEL = re.compile(r"[0-9]{1,5}[a-z]?|[A-Za-z][A-Za-z0-9+.-]{0,15}")


_LONE_YEAR = re.compile(r"(?:1[5-9]|20)[0-9]{2}")  # a lone "page" that is a year


def clean(text: str) -> str:
    """A field without surrounding spaces, quotes, asterisks and trailing punctuation."""
    text = " ".join(text.split())
    text = text.strip(_EDGE)
    if "(" not in text and ")" not in text and "[" not in text and "]" not in text:
        return text
    if text.count("(") < text.count(")") and text.endswith(")"):
        text = text[:-1].rstrip(_EDGE)
    if text.count("(") > text.count(")") and text.startswith("("):
        text = text[1:].lstrip(_EDGE)
    if text.count("[") > text.count("]") and text.startswith("["):
        text = text[1:].lstrip(_EDGE)
    if text.count("[") < text.count("]") and text.endswith("]"):
        text = text[:-1].rstrip(_EDGE)
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(_EDGE)
    return text


def parse_date(text: str) -> tuple[list[int] | None, str]:
    """``([year, month?, day?], year_suffix)`` of a date field, or ``(None, "")``."""
    m = _ISO.search(text)
    if m and 1 <= int(m.group(2)) <= 12:
        parts = [int(m.group(1)), int(m.group(2))]
        if m.group(3) and 1 <= int(m.group(3)) <= 31:
            parts.append(int(m.group(3)))
        return parts, ""
    m = _YEAR.search(text)
    if not m:
        return None, ""
    parts = [int(m.group(1))]
    suffix = m.group(2) or ""
    month = 0
    for w in _WORD.findall(text[:200].lower()):
        month = _MONTH_NAMES.get(w[:4], 0) or _MONTH_NAMES.get(w[:3], 0)
        if month:
            break
    if month:
        parts.append(month)
        rest = text[: m.start()] + " " + text[m.end():]
        d = _DAY.search(rest)
        if d and 1 <= int(d.group(1)) <= 31:
            parts.append(int(d.group(1)))
    return parts, suffix


def parse_pages(text: str) -> str:
    """"pp. 1761–1800)." -> "1761-1800"."""
    m = _PAGES.search(text)
    if not m:
        return clean(text)
    return m.group(1) + ("-" + m.group(2) if m.group(2) else "")


def parse_volume(text: str) -> tuple[str, str]:
    """``(volume, issue)`` of a volume field: "3(1)", "Vol. 9, No. 2", "No. 134"."""
    m = _VOLISS.search(text)
    if m:
        return m.group(1), clean(m.group(2))
    issue = ""
    mi = _ISSUE.search(text)
    if mi:
        issue = re.sub(r"\s", "", mi.group(1)).replace("–", "-")
        text = text[: mi.start()] + " " + text[mi.end():]
    mv = _VOL.search(text)
    if mv:
        return mv.group(1), issue
    n = _NUMBER.search(text)
    if n:
        return n.group(0), issue
    return ("" if issue else clean(text)), issue


def _join(texts: Iterable[str]) -> str:
    return " ".join(t for t in texts if t)


def _gbt(segs: list[tuple[str, str]]) -> tuple[str | None, list[tuple[str, str]]]:
    """The GB/T type marker found in any segment, and the segments without it."""
    kind = None
    out = []
    for label, text in segs:
        if "[" in text:
            m = _GB.search(text)
            if m and m.group(1) in GBT_TYPES:
                kind = kind or GBT_TYPES[m.group(1)]
                text = (text[: m.start()] + text[m.end():]).strip()
                if not clean(text):
                    continue
        out.append((label, text))
    return kind, out


def _infer_type(item: dict, fields: dict[str, list[str]]) -> str:
    genre = _join(fields.get("genre", [])).lower()
    container = item.get("container-title", "")
    if "thesis" in genre or "dissertation" in genre or "these" in genre or "thèse" in genre:
        return "thesis"
    if "report" in genre or "rapport" in genre or genre.startswith("tr"):
        return "report"
    if "patent" in genre:
        return "patent"
    if container and _CONFERENCE.search(container):
        return "paper-conference"
    if "journal" in fields:
        return "article-journal"
    if "container-title" in fields:
        if "editor" in fields or "volume" not in fields:
            return "chapter"
        return "article-journal"
    if "publisher" in fields or "edition" in fields:
        return "book"
    if "URL" in item and "volume" not in fields:
        return "webpage"
    return "article"


#: a short parenthesised name or acronym: "(Rednote)", "(CVPR)", "(New Series)"
_PAREN_HEAD = re.compile(r"\((?:[A-Z0-9][^()\s]{0,30})(?: [A-Z0-9][^()\s]{0,30}){0,2}\)")


def _title_tail(segs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Give the title back what follows it unpunctuated: "(Acronym)" labelled note, lower-case words labelled author.

    A title not ended by ".", "?" or "!" goes on in "Title Words (Rednote). arXiv."
    (the "(Rednote)" is the title's) and in "Title, launches in Indonesia-PR
    Newswire" (authors never follow the title in lower case).
    """
    for i in range(len(segs) - 1):
        if segs[i][0] != "title" or segs[i][1].rstrip("”’\"'*")[-1:] in (".", "?", "!"):
            continue
        label, text = segs[i + 1]
        if label == "note":
            m = _PAREN_HEAD.match(text)
            if m:
                rest = text[m.end() :]
                head = text[: m.end()] + (rest[:1] if rest[:1] in ".," else "")
                rest = rest[len(head) - m.end() :].strip()
                return segs[:i] + [("title", segs[i][1] + " " + head)] + ([("note", rest)] if rest else []) + segs[i + 2 :]
        elif label == "author" and text[:1].islower() and any(lab == "date" for lab, _ in segs[i + 2 :]) and not any(lab == "author" for lab, _ in segs[:i]):
            return segs[:i] + [("title", segs[i][1] + " " + text)] + segs[i + 2 :]
        break
    return segs


def _repair(segs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Fix label sequences that cannot be right.

    A leading "author" made of two to four plain words ending in a comma and
    followed by a title starting in lower case is the start of that title
    ("Tik Tok, a global music video platform..."). A container-title with no
    title and no journal is the title of an edited book; a second title
    right after an editor segment ("In E. Editor (Ed.), Book") is the
    container. An entry with no title takes its first note as title.
    """
    if len(segs) > 1 and segs[0][0] == "author" and segs[1][0] == "title":
        a, t = segs[0][1], segs[1][1]
        words = a.rstrip(",").split()
        if a.endswith(",") and 1 < len(words) <= 4 and "," not in a[:-1] and t[:1].islower() and not any(
            "." in w or w.isupper() or any(ch.isdigit() for ch in w) for w in words
        ):
            segs = [("title", a + " " + t)] + segs[2:]
    labels = [label for label, _ in segs]
    if "title" not in labels and "container-title" in labels and "journal" not in labels:
        # an edited book ("Doe, J. (Ed.). Book title. Place: Publisher.") has a title, not a container
        i = labels.index("container-title")
        segs = segs[:i] + [("title", segs[i][1])] + segs[i + 1 :]
    elif "title" in labels and "container-title" not in labels and "journal" not in labels:
        # "Title. In E. Editor (Ed.), Book title..." labelled title twice: the second is the book
        first = labels.index("title")
        for i in range(first + 2, len(segs)):
            if labels[i] == "title" and labels[i - 1] == "editor":
                segs = segs[:i] + [("container-title", segs[i][1])] + segs[i + 1 :]
                break
    for i, (label, text) in enumerate(segs):
        if label in ("journal", "container-title"):
            head, _, last = text.rpartition(" ")
            bare = last.rstrip(".,;:").lower()
            if head and len(last) <= 14 and _TRAIL_VOL.fullmatch(last) and (bare in ("vol", "heft") or any(c.isdigit() for c in last) or "." in last[1:-1]):
                if i + 1 < len(segs) and segs[i + 1][0] == "volume":
                    moved = [("volume", last + " " + segs[i + 1][1])]
                    segs = segs[:i] + [(label, head)] + moved + segs[i + 2 :]
                else:
                    segs = segs[:i] + [(label, head), ("volume", last)] + segs[i + 1 :]
            break
    segs = _title_tail(segs)
    if not any(label == "title" for label, _ in segs):
        for i, (label, text) in enumerate(segs):
            if label == "note" and sum(ch.isalpha() for ch in text) > 3:
                segs = segs[:i] + [("title", text)] + segs[i + 1 :]
                break
    return segs


def to_csl(segs: list[tuple[str, str]], full_text: str = "") -> dict:
    """One CSL-JSON item (no ``id``) from ``(label, text)`` segments in order."""
    gb_type, segs = _gbt(segs)
    segs = _repair(segs)
    fields: dict[str, list[str]] = {}
    for label, text in segs:
        fields.setdefault(label, []).append(text)
    item: dict = {}
    notes: list[str] = []
    if "citation-number" in fields:
        num = clean(fields["citation-number"][0]).strip("()[]{}. ")
        if _NUMBER_LABEL.fullmatch(num):
            item["citation-number"] = num
    for role in ("author", "editor", "translator"):
        if role in fields:
            names = parse_names(_join(fields[role]))
            if names:
                item[role] = names
    if "title" in fields:
        titles = [clean(t) for t in fields["title"]]
        titles = [t for t in titles if t]
        if titles:
            item["title"] = titles[0]
            notes += titles[1:]
    container = fields.get("journal") or fields.get("container-title")
    if container:
        c = clean(re.sub(r"^\s{0,3}[Ii]n\s{0,3}:?\s", "", container[0]))
        if c:
            item["container-title"] = c
    if "collection-title" in fields:
        item["collection-title"] = clean(fields["collection-title"][0])
    if "date" in fields:
        for d in fields["date"]:
            parts, suffix = parse_date(d)
            if parts:
                item["issued"] = {"date-parts": [parts]}
                if suffix:
                    item["year-suffix"] = suffix
                break
    if "volume" in fields:
        vol, issue = parse_volume(_join(fields["volume"]))
        if vol:
            item["volume"] = vol
        if issue:
            item["issue"] = issue
    if "pages" in fields:
        pages = parse_pages(fields["pages"][0])
        if pages and "issued" not in item and _LONE_YEAR.fullmatch(pages):
            item["issued"] = {"date-parts": [[int(pages)]]}  # "3(1), 2021." with no date: the year, not a page
        elif pages:
            item["page"] = pages
    for label, key in (("publisher", "publisher"), ("location", "publisher-place"), ("edition", "edition"), ("genre", "genre")):
        if label in fields:
            value = clean(_join(fields[label]))
            if key == "publisher":
                value = re.sub(r"^[Ii]n:?\s", "", value)
            if key == "edition":
                m = re.search(r"[0-9]{1,3}", value)
                value = m.group(0) if m else value
            if value:
                item[key] = value
    notes += [clean(t) for t in fields.get("note", [])]
    urls = " ".join(fields.get("url", []) + fields.get("doi", []) + fields.get("note", []))
    head = full_text[:20000]
    low = head.lower()
    # the substring tests are cheap guards: the patterns cannot match without them
    m = _URL.search(urls) if urls else None
    if m is None and ("http" in low or "www." in low):
        m = _URL.search(head)
    if m:
        item["URL"] = m.group(0).rstrip(".,;)]>")
    m = (_DOI.search(urls) or _DOI.search(head)) if "10." in head or "10." in urls else None
    if m:
        item["DOI"] = m.group(1).rstrip(".,;)]>")
    m = _ARXIV.search(head) if "arxiv" in low else None
    if m:
        item["number"] = m.group(1)
        item.setdefault("publisher", "arXiv")
    notes = [n for n in notes if n and not (item.get("URL") and item["URL"] in n)]
    if notes:
        item["note"] = "; ".join(notes)
    item["type"] = gb_type or _infer_type(item, fields)
    return {k: v for k, v in item.items() if v}
