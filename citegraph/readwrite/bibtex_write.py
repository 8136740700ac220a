"""CSL-JSON items -> BibTeX or BibLaTeX text (written with bibtexparser v2).

BibTeX output encodes non-ASCII letters as LaTeX (``é`` -> ``{\\'e}``);
BibLaTeX output keeps UTF-8. LaTeX special characters are escaped in every
field except ``doi`` and ``url``, which are written verbatim. In titles, words
that a style could wrongly lower-case (acronyms, ``TikTok``, proper nouns
after the first word) are protected with braces, following Better BibTeX.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Mapping, Sequence

import bibtexparser
from bibtexparser import model
from bibtexparser.writer import BibtexFormat
from pylatexenc.latexencode import UnicodeToLatexEncoder

__all__ = ["to_bibtex", "latex_escape", "protect_title", "ENTRY_TYPES"]

#: CSL type -> (BibTeX entry type, BibLaTeX entry type).
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "article": ("article", "article"),
    "chapter": ("incollection", "incollection"),
    "book": ("book", "book"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "thesis": ("phdthesis", "thesis"),
    "report": ("techreport", "report"),
    "webpage": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "post": ("misc", "online"),
    "dataset": ("misc", "misc"),
    "manuscript": ("unpublished", "unpublished"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
    "\\": r"{\textbackslash}",
}
_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
_DASHES = re.compile(r"\s{0,3}[-\u2010-\u2015]{1,3}\s{0,3}")
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", '"': "%22"}


@lru_cache(maxsize=4096)
def _encode_char(ch: str) -> str:
    return _ENCODER.unicode_to_latex(ch)


def _clean(text: Any) -> str:
    """Text as one line: NFC-normalised, control characters dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def latex_escape(text: str, ascii_only: bool = True) -> str:
    """``text`` with LaTeX specials escaped and, when ``ascii_only``, non-ASCII letters encoded.

    Braces are written as ``{\\textbraceleft}`` so that the field's braces stay balanced.
    """
    out: list[str] = []
    for ch in text:
        if ch in _SPECIALS:
            out.append(_SPECIALS[ch])
        elif ascii_only and ord(ch) > 127:
            out.append(_encode_char(ch))
        else:
            out.append(ch)
    return "".join(out)


def _split_token(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation); a final period stays in an abbreviation."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    core = token[start:end]
    if "." in core and end < len(token) and token[end] == ".":
        end += 1
        core = token[start:end]
    return token[:start], core, token[end:]


def _needs_protection(core: str, first: bool) -> bool:
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return False
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    if any(c.isupper() for c in core[1:]):
        return True
    return not first and core[0].isupper()


def protect_title(title: str, ascii_only: bool = True) -> str:
    """A title escaped for BibTeX with capitalised words (but not the first word as such) in braces."""
    out: list[str] = []
    first = True
    for token in re.split(r"(\s)", title):
        if not token or token.isspace():
            out.append(token)
            continue
        lead, core, trail = _split_token(token)
        if core and _needs_protection(core, first):
            core_tex = "{" + latex_escape(core, ascii_only) + "}"
        else:
            core_tex = latex_escape(core, ascii_only)
        out.append(latex_escape(lead, ascii_only) + core_tex + latex_escape(trail, ascii_only))
        if core:
            first = False
    return "".join(out)


def _name(person: Mapping[str, Any], ascii_only: bool) -> str:
    """One CSL name as "von Family, Jr., Given", or "{Literal}" for organisations."""
    family = _clean(person.get("family") or "")
    given = _clean(person.get("given") or "")
    literal = _clean(person.get("literal") or "")
    if not family:
        whole = literal or given
        return "{" + latex_escape(whole, ascii_only) + "}" if whole else ""

    def part(text: str) -> str:
        tex = latex_escape(text, ascii_only)
        return "{" + tex + "}" if "," in text or re.search(r"(?i)(?:^|\s)and(?:\s|$)", text) else tex

    particle = _clean(person.get("non-dropping-particle") or "")
    dropping = _clean(person.get("dropping-particle") or "")
    suffix = _clean(person.get("suffix") or "")
    last = " ".join(p for p in (particle, part(family)) if p)
    first_names = " ".join(p for p in (part(given) if given else "", dropping) if p)
    pieces = [last] + ([part(suffix)] if suffix else []) + ([first_names] if first_names else [])
    return ", ".join(pieces)


def _names(people: Any, ascii_only: bool) -> str:
    if not isinstance(people, list):
        return ""
    return " and ".join(n for n in (_name(p, ascii_only) for p in people if isinstance(p, Mapping)) if n)


def _date_parts(item: Mapping[str, Any], field: str) -> list[list[int]]:
    """The CSL date's parts as integers (year-suffix letters dropped), [] when there is none."""
    date = item.get(field)
    parts = date.get("date-parts") if isinstance(date, Mapping) else None
    result: list[list[int]] = []
    if isinstance(parts, list):
        for part in parts[:2]:
            numbers: list[int] = []
            for value in part[:3] if isinstance(part, list) else []:
                match = re.match(r"-?\d{1,4}", str(value).strip())
                if not match:
                    break
                numbers.append(int(match.group()))
            if numbers:
                result.append(numbers)
    if not result and isinstance(date, Mapping):
        match = re.search(r"(?<!\d)\d{4}(?!\d)", str(date.get("raw") or date.get("literal") or "")[:200])
        if match:
            result.append([int(match.group())])
    return result


def _iso(parts: list[int]) -> str:
    return "-".join([f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]])


def _verbatim(value: Any) -> str:
    text = _clean(value)
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in text)


def _pages(value: Any) -> str:
    return _DASHES.sub("--", _clean(value))


def _fields(item: Mapping[str, Any], biblatex: bool) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the (field, braced value) pairs for one item."""
    ascii_only = not biblatex
    csl_type = str(item.get("type") or "")
    bibtex_type, biblatex_type = ENTRY_TYPES.get(csl_type, ("misc", "misc"))
    entry_type = biblatex_type if biblatex else bibtex_type
    genre = _clean(item.get("genre") or "")
    if csl_type == "thesis" and "master" in genre.lower():
        entry_type = "mastersthesis" if not biblatex else "thesis"
    fields: list[tuple[str, str]] = []

    def add(name: str, value: Any, raw: bool = False) -> None:
        text = _clean(value) if value is not None else ""
        if text:
            fields.append((name, "{" + (text if raw else latex_escape(text, ascii_only)) + "}"))

    authors = _names(item.get("author"), ascii_only)
    if authors:
        fields.append(("author", "{" + authors + "}"))
    editors = _names(item.get("editor"), ascii_only)
    if editors:
        fields.append(("editor", "{" + editors + "}"))
    title = _clean(item.get("title") or "")
    if title:
        fields.append(("title", "{" + protect_title(title, ascii_only) + "}"))
    container = item.get("container-title")
    if isinstance(container, list):
        container = container[0] if container else ""
    if entry_type in ("incollection", "inproceedings"):
        add("booktitle", container)
    elif entry_type == "article":
        add("journaltitle" if biblatex else "journal", container)
        if biblatex and csl_type in ("article-newspaper", "article-magazine"):
            add("entrysubtype", csl_type.split("-")[1])
    elif entry_type == "online":
        add("organization", container)
    else:
        add("howpublished" if entry_type == "misc" and not biblatex else "booktitle", container)
    add("series", item.get("collection-title"))
    dates = _date_parts(item, "issued")
    if dates:
        if biblatex:
            fields.append(("date", "{" + "/".join(_iso(p) for p in dates) + "}"))
        else:
            fields.append(("year", "{" + f"{dates[0][0]}" + "}"))
            if len(dates[0]) > 1 and 1 <= dates[0][1] <= 12:
                fields.append(("month", MONTHS[dates[0][1] - 1]))
    add("volume", item.get("volume"))
    add("number", item.get("issue") or item.get("number"))
    if item.get("page"):
        fields.append(("pages", "{" + latex_escape(_pages(item["page"]), ascii_only) + "}"))
    add("edition", item.get("edition"))
    publisher = item.get("publisher")
    if entry_type in ("techreport", "report") or (biblatex and entry_type == "thesis"):
        add("institution", publisher)
    elif entry_type in ("phdthesis", "mastersthesis"):
        add("school", publisher)
    else:
        add("publisher", publisher)
    add("location" if biblatex else "address", item.get("publisher-place"))
    if biblatex and entry_type == "thesis":
        add("type", "mathesis" if "master" in genre.lower() else "phdthesis")
    elif genre and csl_type != "thesis":
        add("type", genre)
    elif biblatex and entry_type == "report":
        add("type", "techreport")
    add("isbn", item.get("ISBN"))
    add("issn", item.get("ISSN"))
    add("doi", _verbatim(item.get("DOI") or ""), raw=True)
    add("url", _verbatim(item.get("URL") or ""), raw=True)
    accessed = _date_parts(item, "accessed")
    if accessed:
        fields.append(("urldate", "{" + _iso(accessed[0]) + "}"))
    add("language", item.get("language"))
    add("note", item.get("note"))
    return entry_type, fields


def _safe_key(raw: Any, index: int) -> str:
    key = "".join(ch for ch in str(raw or "") if ch.isascii() and (ch.isalnum() or ch in "_-:./+"))
    return key or f"item{index + 1}"


def to_bibtex(items: Sequence[Mapping[str, Any]], biblatex: bool = False) -> str:
    """The items as a BibTeX (or, with ``biblatex=True``, BibLaTeX) database.

    Each item's ``id`` is used as its key (characters not allowed in a key are
    dropped; a repeated key gets ``-2``, ``-3``...). Fields: author, editor,
    title, journal/journaltitle or booktitle, year (+month) or date, volume,
    number, pages, publisher/institution/school, address/location, doi, url,
    urldate, note.
    """
    library = bibtexparser.Library()
    seen: set[str] = set()
    for index, item in enumerate(items):
        key = base = _safe_key(item.get("id"), index)
        n = 1
        while key in seen:
            n += 1
            key = f"{base}-{n}"
        seen.add(key)
        entry_type, fields = _fields(item, biblatex)
        library.add(model.Entry(entry_type, key, [model.Field(name, value) for name, value in fields]))
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    text = bibtexparser.write_string(library, unparse_stack=[], bibtex_format=fmt)
    return text.strip() + "\n" if text.strip() else ""
