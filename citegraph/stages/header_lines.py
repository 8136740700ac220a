"""Line classifiers for the header stage: names, dates, running heads, DOIs, affiliations.

Shared by the paper header (:mod:`citegraph.stages.header`) and the news byline
(:mod:`citegraph.stages.header_news`). Every function looks at one line (or a
short text) and is pure; every pattern has bounded repetition.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..names import split_name

__all__ = [
    "DOI_URL", "EMAIL", "FURNITURE", "INSTITUTION", "MD_HEADING", "PROSE", "REF_FORMAT", "SMALL_WORDS", "VOLUME", "YEAR",
    "abstract_or_keywords", "byline_names", "common_words", "date_of", "is_caps", "is_latin", "names_in", "person", "plain",
    "skippable", "title_case", "title_tail", "venue_in",
]

MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
FURNITURE = re.compile(
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
YEAR = re.compile(r"(?<![\d./-])((?:19|20)\d\d)(?![\d/])")
INSTITUTION = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|faculty|laborator\w{0,3}|cent(?:er|re)|hospital|polytechnic)\b")
_NOT_NAME = re.compile(r"(?i)\b(?:universit\w{0,4}|academy|institut\w{0,3}|college|school|department|abstract|keywords?|introduction|research|labs?|inc|ltd|llc|corporation|company|group|foundation|association|society|ministry|council|media|news|the|of|for|in|on|with|to)\b")
_ROLE = re.compile(r"(?i)\b(?:reporter|editor|correspondent|writer|columnist|staff|contributor|analyst|producer|journalist|bureau|chief)\b|^in\s")
VOLUME = re.compile(r"(?i)\bvol(?:ume)?\.?\s{0,2}\d|\bno\.\s{0,2}\d|\b\d{1,4}\s{0,2}\(\d{1,4}\)|第\s{0,2}\d{1,4}\s{0,2}[卷期]|\bpp\.\s{0,2}\d|\bissn\b")
DOI_URL = re.compile(r"(?i)\bdoi\s{0,2}:|\b10\.\d{4,9}/|https?://|www\.|\b[a-z][\w-]{0,40}\.(?:com|org|net|edu)\b|^arxiv:")
EMAIL = re.compile(r"@[\w-]{1,63}\.[A-Za-z]")
REF_FORMAT = re.compile(r"(?i)reference format|to cite this article|cite (?:this|as)\b")
PROSE = re.compile(r"[a-z]{2}[.!?]\s{1,3}[A-Z][a-z]|[a-z]{3}[.!?]$")  # sentences: body text, not a header line
_SUPERSCRIPTS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰∗*†‡§]")
_MARKERS = re.compile(r"(?<=[^\W\d_])\d{1,2}(?:,\d{1,2}){0,5}|(?<=\s)(?:[a-h]|\d{1,2})(?=\s{0,2}(?:,|$))")
_SPLIT_MARK = re.compile(r"(?<=[^\W\d_])(?:[¹²³⁴⁵⁶⁷⁸⁹⁰∗*†‡§]{1,4}|\d{1,2}(?:,\d{1,2}){0,5})(?=\s{1,4}[^\W\d_])")
_ORG = re.compile(r"(?i)\b(?:research|labs?|inc|ltd|llc|corporation|company|group|foundation|association|ministry|council|press)\b")
_WORD = re.compile(r"[^\W\d_]{2,40}")
_ADDRESS = re.compile(r"[@/]|\w\.\w|^www")
_NOT_TAIL = frozenset("abstract introduction keywords contents summary references editorial commentary review preface foreword anonymous".split())
_INITIAL = re.compile(r"^[A-Z]\.?(?:-[A-Z]\.?)?$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]{0,30}$")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "ten", "ter"}
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "via"}


def plain(line: str) -> str:
    """A line without Markdown heading marks, emphasis or quote marks."""
    line = MD_HEADING.sub("", line).strip().lstrip("> ").replace("**", "").replace("__", "")
    return line.strip("*_ ").strip()


def date_of(text: str) -> list[int] | None:
    """The first date in ``text`` as [year, month, day] (month and day when written)."""
    if m := _ISO_DATE.search(text):
        return [int(m.group(1)), int(m.group(2)), int(m.group(3))]
    if m := _TEXT_DATE.search(text):
        day = m.group(1) or m.group(3)
        return [int(m.group(4)), _MONTHS[m.group(2)[:3].lower()]] + ([int(day)] if day else [])
    return [int(m.group(1)), int(m.group(2))] if (m := _CJK_DATE.search(text)) else None


def is_latin(s: str) -> bool:
    """Whether most letters of ``s`` are Latin (not a Chinese title or name line)."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and 2 * sum(unicodedata.name(c, "").startswith("LATIN") for c in letters) >= len(letters)


def is_caps(s: str) -> bool:
    """Whether ``s`` is written in capitals (at least four letters, all upper case)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def title_case(s: str) -> str:
    """"NEW MEDIA & SOCIETY" -> "New Media & Society"."""
    words = s.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def person(name: str) -> dict[str, str]:
    """A CSL name; an all-capitals word is the family name ("WANG Xiaoming" -> Wang)."""
    name = name.title() if name.isupper() else name
    words = name.split()
    caps = [w for w in words if len(w) > 1 and w.isalpha() and w.isupper()]
    if len(words) > 1 and len(caps) == 1 and len(caps) < len(words):
        return {"family": caps[0].title(), "given": " ".join(w for w in words if w is not caps[0])}
    return split_name(name)


def common_words(lines: list[str] | tuple[str, ...], max_lines: int = 3000, max_chars: int = 4000) -> frozenset[str]:
    """The words a document writes in lower case somewhere ("networks", "media"): words, not names.

    E-mail addresses and URLs ("ana.silva@uni.edu") are left out: they spell names in lower case.
    """
    out: set[str] = set()
    for line in lines[:max_lines]:
        for token in line[:max_chars].split():
            if not _ADDRESS.search(token):
                out.update(w for w in _WORD.findall(token) if w.islower())
    return frozenset(out)


def _common_name(words: list[str], common: frozenset[str]) -> bool:
    """Whether every word of a would-be name is a word the document writes in lower case ("Recommendation Networks")."""
    pieces = [q.casefold() for w in words for q in re.split(r"[-'’]", w.strip(".")) if q]
    return bool(common) and bool(pieces) and all(q in common for q in pieces)


def _split_run(words: list[str]) -> list[str] | None:
    """Several names written side by side with no separator ("Ana Silva Erik Holm", "John A. Smith Jane Doe").

    Each name is a given name, then initials and particles, then one family name;
    None when the words do not split that way.
    """
    names, i = [], 0
    while i < len(words):
        if _INITIAL.match(words[i]) or not words[i][:1].isupper():
            return None
        j = i + 1
        while j < len(words) and _INITIAL.match(words[j]):
            j += 1
        while j < len(words) and words[j] in _PARTICLES:
            j += 1
        if j >= len(words) or _INITIAL.match(words[j]) or not words[j][:1].isupper():
            return None
        names.append(" ".join(words[i : j + 1]))
        i = j + 1
    return names


def names_in(line: str, strict: bool = False, common: frozenset[str] = frozenset(), run_from: int = 4) -> list[str] | None:
    """The names in an author line ("Junke Hu, Ruoyan Liang", "Lena Fischer a,∗, Marco Rossi b"), or None.

    Names printed side by side (LaTeX's ``\\and``: "Ana Silva* Erik Holm",
    "Ana Silva Erik Holm Li Wei") are split at their marks, else into
    given-family pairs when a part has ``run_from`` words or more (a PDF's
    author line known to hold one name a cell passes more). ``common`` holds the
    words the document writes in lower case: a "name" made only of those
    ("Recommendation Networks") is not one.
    """
    s = plain(line)
    if not s or len(s) > 200 or ":" in s or EMAIL.search(s) or s.endswith(".") or is_caps(s) and "," not in s:
        return None
    marked = bool(_SUPERSCRIPTS.search(s) or _MARKERS.search(s))
    s = _SPLIT_MARK.sub(",", s)
    s = _MARKERS.sub("", _SUPERSCRIPTS.sub("", s))
    if _NOT_NAME.search(s) or any(c.isdigit() for c in s):
        return None
    parts = [p.strip() for p in re.split(r",|;|\band\b|\bAND\b|&", s) if p.strip()]
    if not parts or len(parts) > 20 or (strict and not marked and "," not in s):
        return None
    out: list[str] = []
    for p in parts:
        words = p.split()
        if not all(_NAME_WORD.match(w) and (w[:1].isupper() or w in _PARTICLES) for w in words):
            return None
        split = _split_run(words) if len(words) >= max(run_from, 4) else None
        if split:
            out += split
        elif 2 <= len(words) <= 4:
            out.append(p)
        else:
            return None
    if any(_common_name(n.split(), common) for n in out):
        return None
    return out if len(out) <= 20 else None


def title_tail(prev: str, nxt: str, common: frozenset[str] = frozenset(), min_prev: int = 30) -> bool:
    """Whether ``nxt`` is the short end of a title wrapped after the long line ``prev``.

    "...Messages on Messaging" / "Apps", "...in Short-Video" / "Recommendation
    Networks": one to four capitalised words after a line of ``min_prev`` or
    more characters (a full line: shorter when the title has wrapped once
    already), not a name (see :func:`names_in`), an organisation, a date, a
    heading or a stamp.
    """
    words = nxt.split()
    if len(prev) < min_prev or not 1 <= len(words) <= 4 or len(nxt) > 50 or any(c.isdigit() for c in nxt):
        return False
    if not all(_NAME_WORD.match(w) and (w[:1].isupper() or w.lower() in SMALL_WORDS) for w in words) or not is_latin(nxt):
        return False
    if FURNITURE.search(nxt) or DOI_URL.search(nxt) or EMAIL.search(nxt) or INSTITUTION.search(nxt) or _ORG.search(nxt) or date_of(nxt):
        return False
    if nxt.rstrip(":").lower() in _NOT_TAIL:
        return False
    return len(words) == 1 or not names_in(nxt, common=common)


def byline_names(text: str) -> list[str]:
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


def venue_in(line: str) -> str | None:
    """A journal name in a running head ("Computers in Human Behavior 101 (2019) 112–124")."""
    best = None
    for seg in re.split(r"\s{2,}|,|\|", plain(line)):
        m = re.match(r"[A-Za-z][A-Za-z&:'’ -]{2,120}", seg.strip())
        if not m:
            continue
        name = re.sub(r"(?i)\s(?:vol(?:ume)?|no|issue)\.?$", "", m.group(0).strip(" -:")).strip()
        if len(name.split()) >= 2 and name[0].isupper() and (best is None or len(name) > len(best)):
            best = name
    return title_case(best) if best and best.isupper() else best


def abstract_or_keywords(text: str, csl: dict[str, Any]) -> bool:
    """Whether ``text`` starts an abstract or keyword line; its text goes into ``csl`` (unless already set)."""
    low = text.lower()
    if low.startswith("abstract"):
        csl.setdefault("abstract", plain(re.sub(r"(?i)^abstract\s{0,3}[:.\-—]?\s{0,3}", "", text)))
        return True
    if low.startswith(("keywords", "key words", "index terms")):
        csl.setdefault("keyword", re.sub(r"(?i)^(?:keywords|key words|index terms)\s{0,3}[:.\-—]?\s{0,3}", "", text).strip("* ").rstrip("."))
        return True
    return False


def skippable(s: str, common: frozenset[str] = frozenset()) -> bool:
    """A line before the title that is not the title: running head, DOI, stamp, institution, date, names."""
    p = plain(s)
    return bool(
        FURNITURE.search(p) or VOLUME.search(p) or DOI_URL.search(p) or EMAIL.search(p) or "©" in p
        or not is_latin(p) or len(p.split()) < 2 or (date_of(p) and len(p.split()) <= 5)
        or (INSTITUTION.search(p) and len(p.split()) <= 6 and not re.search(r"[:?]", p))
        or names_in(s, strict=True, common=common)
    )
