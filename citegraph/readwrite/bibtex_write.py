"""CSL-JSON items -> BibTeX or BibLaTeX text (written with bibtexparser v2).

BibTeX output is ASCII LaTeX that typesets in any pdflatex document
(``é`` -> ``{\\'e}``, Cyrillic romanised; see :mod:`.bibtex_fields`);
BibLaTeX output keeps UTF-8. LaTeX special characters are escaped in every
field except ``doi`` and ``url``, which are written verbatim. In titles, words
that a style could wrongly lower-case (acronyms, ``TikTok``, proper nouns
after the first word) are protected with braces, following Better BibTeX.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

import bibtexparser
from bibtexparser import model
from bibtexparser.writer import BibtexFormat

from .bibtex_fields import clean, latex_escape, names, plain_names, protect_title

__all__ = ["to_bibtex", "latex_escape", "protect_title", "entry_type_for", "engine_hint", "ENTRY_TYPES", "REQUIRED"]

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

_DASHES = re.compile(r"\s{0,3}[-\u2010-\u2015]{1,3}\s{0,3}")
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", '"': "%22"}


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
    text = clean(value)
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in text)


def _pages(value: Any) -> str:
    return _DASHES.sub("--", clean(value))


#: Fields an entry type needs (``a|b``: either) for a style to format it without a warning:
#: BibTeX's plain.bst checks for BibTeX, biblatex's data model for BibLaTeX.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "container", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "incollection": ("author", "title", "container", "publisher", "year"),
    "inproceedings": ("author", "title", "container", "year"),
    "conference": ("author", "title", "container", "year"),
    "phdthesis": ("author", "title", "publisher", "year"),
    "mastersthesis": ("author", "title", "publisher", "year"),
    "thesis": ("author", "title", "publisher", "year"),
    "techreport": ("author", "title", "publisher", "year"),
    "report": ("author", "title", "publisher", "year"),
    "unpublished": ("author", "title", "note"),
    "proceedings": ("title", "year"),
    "booklet": ("title",),
    "manual": ("title",),
    "online": ("title", "year|url"),
    "dataset": ("title",),
    "misc": (),
}
_BIBLATEX_ONLY = frozenset({"online", "dataset", "thesis", "report"})
_BIBTEX_ONLY = frozenset({"phdthesis", "mastersthesis", "techreport", "conference"})
#: Entry types whose volume is a volume of a series (plain.bst's ``format.bvolume``).
_SERIES_TYPES = frozenset({"book", "inbook", "incollection", "inproceedings", "proceedings", "conference"})
_VERBATIM_FIELDS = frozenset({"doi", "url", "eprint", "file"})


def _container(item: Mapping[str, Any]) -> str:
    container = item.get("container-title")
    if isinstance(container, list):
        container = container[0] if container else ""
    return clean(container or "")


def _has(item: Mapping[str, Any], need: str) -> bool:
    value = {
        "author": item.get("author"),
        "editor": item.get("editor"),
        "title": item.get("title"),
        "container": _container(item),
        "publisher": item.get("publisher"),
        "year": _date_parts(item, "issued"),
        "note": item.get("note"),
        "url": item.get("URL"),
    }.get(need)
    if isinstance(value, list):
        return any(isinstance(v, Mapping) and any(clean(x) for x in v.values()) for v in value) or (bool(value) and not isinstance(value[0], Mapping))
    return bool(clean(value)) if value is not None else False


def entry_type_for(item: Mapping[str, Any], biblatex: bool = False) -> str:
    """The entry type an item is written as.

    The type given in ``custom["bibtex-type"]`` (a .bib entry read back) when
    it is valid for the flavour, else the CSL type's (see :data:`ENTRY_TYPES`);
    an entry that lacks a field its type requires (:data:`REQUIRED`, e.g. an
    article with no journal or year) is written as ``@misc`` so that BibTeX
    and biber format it without a warning.
    """
    csl_type = str(item.get("type") or "")
    bibtex_type, biblatex_type = ENTRY_TYPES.get(csl_type, ("misc", "misc"))
    entry_type = biblatex_type if biblatex else bibtex_type
    genre = clean(item.get("genre") or "")
    if csl_type == "thesis" and "master" in genre.lower():
        entry_type = "mastersthesis" if not biblatex else "thesis"
    custom = item.get("custom")
    source = str(custom.get("bibtex-type") or "").lower() if isinstance(custom, Mapping) else ""
    if source in REQUIRED and source not in (_BIBTEX_ONLY if biblatex else _BIBLATEX_ONLY):
        entry_type = source
    if not all(any(_has(item, n) for n in need.split("|")) for need in REQUIRED.get(entry_type, ())):
        entry_type = "online" if biblatex and csl_type in ("webpage", "post", "post-weblog") else "misc"
    return entry_type


def _fields(item: Mapping[str, Any], biblatex: bool) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the (field, braced value) pairs for one item."""
    ascii_only = not biblatex
    csl_type = str(item.get("type") or "")
    entry_type = entry_type_for(item, biblatex)
    genre = clean(item.get("genre") or "")
    fields: list[tuple[str, str]] = []

    def add(name: str, value: Any, raw: bool = False) -> None:
        text = clean(value) if value is not None else ""
        if text:
            fields.append((name, "{" + (text if raw else latex_escape(text, ascii_only)) + "}"))

    authors = names(item.get("author"), ascii_only)
    if authors:
        fields.append(("author", "{" + authors + "}"))
    editors = names(item.get("editor"), ascii_only)
    if editors:
        fields.append(("editor", "{" + editors + "}"))
    title = clean(item.get("title") or "")
    if title:
        fields.append(("title", "{" + protect_title(title, ascii_only) + "}"))
    container = _container(item)
    if entry_type in ("incollection", "inproceedings", "conference", "inbook"):
        add("booktitle", container)
    elif entry_type == "article":
        add("journaltitle" if biblatex else "journal", container)
        if biblatex and csl_type in ("article-newspaper", "article-magazine"):
            add("entrysubtype", csl_type.split("-")[1])
    elif entry_type == "online":
        add("organization", container)
    elif entry_type in ("misc", "booklet"):
        add("howpublished", container)
    else:
        add("booktitle", container)
    add("series", item.get("collection-title"))
    dates = _date_parts(item, "issued")
    issued = item.get("issued")
    if dates:
        if biblatex:
            fields.append(("date", "{" + "/".join(_iso(p) for p in dates) + "}"))
        else:
            fields.append(("year", "{" + f"{dates[0][0]}" + "}"))
            if len(dates[0]) > 1 and 1 <= dates[0][1] <= 12:
                fields.append(("month", MONTHS[dates[0][1] - 1]))
                if len(dates[0]) > 2:
                    fields.append(("day", "{" + str(dates[0][2]) + "}"))
    elif isinstance(issued, Mapping) and (issued.get("literal") or issued.get("raw")):
        add("year", issued.get("literal") or issued.get("raw"))
    elif not biblatex:
        add("year", "n.d.")  # natbib/apalike styles warn on an empty year; biblatex prints "n.d." itself
    volume, number = clean(item.get("volume") or ""), clean(item.get("issue") or item.get("number") or "")
    if not biblatex and number and not volume and entry_type == "article":
        volume, number = number, ""  # plain.bst: "there's a number but no volume"
    elif not biblatex and number and volume and entry_type in _SERIES_TYPES:
        volume, number = f"{volume}, no. {number}", ""  # plain.bst: "can't use both volume and number"
    add("volume", volume)
    add("number", number)
    if item.get("page"):
        fields.append(("pages", "{" + latex_escape(_pages(item["page"]), ascii_only) + "}"))
    add("edition", item.get("edition"))
    publisher = item.get("publisher")
    if entry_type in ("techreport", "report") or (biblatex and entry_type == "thesis"):
        add("institution", publisher)
    elif entry_type in ("phdthesis", "mastersthesis", "thesis"):
        add("school", publisher)
    else:
        add("publisher", publisher)
    add("location" if biblatex else "address", item.get("publisher-place"))
    if entry_type == "thesis" and biblatex:
        add("type", "mathesis" if "master" in genre.lower() else "phdthesis" if not genre or genre == "PhD thesis" else genre)
    elif entry_type in ("phdthesis", "mastersthesis"):
        add("type", "" if genre in ("", "PhD thesis", "Master's thesis") else genre)
    elif genre:
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
    note = clean(item.get("note") or "")
    imported = bool(item.get("citation-key"))  # read from the user's .bib: written back as it was
    if not biblatex and authors and editors and entry_type in ("book", "inbook") and not imported:
        # plain.bst: "can't use both author and editor fields": the editors go to the note
        fields[:] = [f for f in fields if f[0] != "editor"]
        fields.append(("note", "{Edited by " + plain_names(item.get("editor"), True) + (". " + latex_escape(note) if note else "") + "}"))
        note = ""
    elif not biblatex and not note and entry_type == "misc" and not authors and not editors and not title and not container:
        # plain.bst: "all relevant fields are empty": say what little is known
        note = genre or clean(item.get("publisher") or "") or clean(item.get("URL") or "") or clean(item.get("DOI") or "")
    add("note", note)
    add("abstract", item.get("abstract"))
    add("keywords", item.get("keyword"))
    custom = item.get("custom")
    extra = custom.get("bibtex-fields") if isinstance(custom, Mapping) else None
    taken = {name for name, _ in fields}
    if isinstance(extra, Mapping):
        for name, value in sorted(extra.items()):
            name = "".join(ch for ch in str(name).lower() if ch.isascii() and (ch.isalnum() or ch in "_-:."))
            if name and name not in taken and name not in ("id", "citation-key"):
                add(name, _verbatim(value) if name in _VERBATIM_FIELDS else value, raw=name in _VERBATIM_FIELDS)
                taken.add(name)
    if not biblatex and "key" not in taken and not authors and not (editors and entry_type in ("book", "inbook", "proceedings")):
        add("key", title or container or str(item.get("id") or ""))  # plain.bst sorts on it: no "need author or key" warning
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


#: Chinese, Japanese and Korean characters (CJK radicals to CJK ideographs, Hangul, compatibility ideographs, full-width forms, extension planes).
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def engine_hint(text: str) -> str:
    """A one-line hint when a .bib holds Chinese, Japanese or Korean characters that pdflatex cannot typeset by default ("" otherwise)."""
    if not _CJK.search(text):
        return ""
    count = sum(1 for entry in text.split("\n@") if _CJK.search(entry))
    if not count:
        return ""
    return (
        f"{count} entr{'y has' if count == 1 else 'ies have'} Chinese, Japanese or Korean characters: "
        "compile with xelatex or lualatex (or add \\usepackage{CJKutf8} for pdflatex)"
    )
