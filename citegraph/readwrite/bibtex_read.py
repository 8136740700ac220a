"""BibTeX/BibLaTeX text -> CSL-JSON items (read with bibtexparser v2).

Every well-formed entry becomes a CSL-JSON item whose ``id`` is the entry's
key; LaTeX is decoded to Unicode with pylatexenc, protective braces removed,
``and``-separated names split into family/given (``{{Org}}`` -> a literal).
A malformed entry becomes a :class:`~citegraph.model.Problem` naming the file
and line, and the entries around it are still read.
"""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
import warnings
from typing import Any, Iterator

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from ..model import Problem

__all__ = ["read_bibtex", "entry_to_csl", "latex_to_text", "CSL_TYPES"]

#: BibTeX/BibLaTeX entry type -> CSL type.
CSL_TYPES: dict[str, str] = {
    "article": "article-journal",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "mvbook": "book",
    "proceedings": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "dataset": "dataset",
    "unpublished": "manuscript",
    "misc": "document",
}
#: The entry type a CSL type is written back as; other source types are kept in ``custom["bibtex-type"]``.
_CANONICAL = {"article-journal": "article", "article-newspaper": "article", "article-magazine": "article", "chapter": "incollection",
              "book": "book", "paper-conference": "inproceedings", "thesis": "phdthesis", "report": "techreport",
              "webpage": "online", "dataset": "dataset", "manuscript": "unpublished", "document": "misc"}
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_VERBATIM = frozenset({"doi", "url", "eprint", "file"})
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _context_db() -> Any:
    db = get_default_latex_context_db()
    db.add_context_category(
        "citegraph",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textasciitilde", "~"),
        ],
    )
    return db


_L2T = LatexNodes2Text(latex_context=_context_db(), math_mode="verbatim")


def _chunks(value: str, size: int = 2000) -> list[str]:
    """``value`` cut at whitespace outside braces into pieces of about ``size`` characters.

    pylatexenc slows down more than linearly on very long values; pieces cut
    at brace depth 0 decode independently.
    """
    if len(value) <= size:
        return [value]
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
        elif ch.isspace() and depth == 0 and i - start >= size:
            pieces.append(value[start:i])
            start = i
    pieces.append(value[start:])
    return pieces


def _decode(value: str) -> str:
    if "\\" not in value and "$" not in value and "%" not in value:  # no macros: plain substitutions
        value = value.replace("---", "\u2014").replace("--", "\u2013").replace("~", " ")
        return value.replace("{", "").replace("}", "")
    try:
        return _L2T.latex_to_text(value)
    except Exception:  # pylatexenc is lenient; keep the raw text if it still gives up
        return value.replace("{", "").replace("}", "")


_ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306", ".": "\u0307",
            '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "c": "\u0327", "k": "\u0328"}
_SYMBOLS = {"o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
            "AA": "Å", "i": "ı", "j": "ȷ", "textendash": "\u2013", "textemdash": "\u2014", "textbraceleft": "\ue000",
            "textbraceright": "\ue001", "{": "\ue000", "}": "\ue001", "textasciitilde": "~", "textasciicircum": "^", "textbackslash": "\\"}
_ACCENT_RE = re.compile(r"\\([`'^~=.\"]|[uvrHck](?![A-Za-z]))\s{0,2}\{?\s{0,2}(\\[ij]|[A-Za-z])\}?")
_MACRO_RE = re.compile(r"\\([A-Za-z]{1,30}|[&%$#_{} ])")
_MAX_PYLATEXENC = 20_000


def _cheap_decode(value: str) -> str:
    """A linear-time decoder for the common cases, used for huge values where pylatexenc is too slow."""
    def accent(m: re.Match) -> str:
        base = m.group(2)
        base = {"\\i": "i", "\\j": "j"}.get(base, base)
        return base + _ACCENTS[m.group(1)]

    value = _ACCENT_RE.sub(accent, value)
    value = _MACRO_RE.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(1) if len(m.group(1)) == 1 else ""), value)
    value = value.replace("{", "").replace("}", "").replace("\ue000", "{").replace("\ue001", "}")
    return unicodedata.normalize("NFC", value)


def latex_to_text(value: str) -> str:
    """LaTeX (as found in a .bib field) -> plain Unicode text, braces removed, whitespace collapsed."""
    if len(value) > _MAX_PYLATEXENC:
        text = _cheap_decode(value)
    else:
        text = "".join(_decode(piece) for piece in _chunks(value))
    return " ".join(text.replace("\u00a0", " ").split())


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence bibtexparser's logging and warnings: problems are returned, not printed."""
    loggers = [logging.getLogger(n) for n in ("bibtexparser", "bibtexparser.splitter", "bibtexparser.entrypoint")]
    states = [lg.disabled for lg in loggers]
    for lg in loggers:
        lg.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, state in zip(loggers, states):
            lg.disabled = state


def _is_braced_whole(text: str) -> bool:
    """True for "{Pew Research Center}": one brace group spanning the whole string."""
    if len(text) < 2 or text[0] != "{" or text[-1] != "}":
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def _names(value: str) -> list[dict[str, str]]:
    """``and``-separated BibTeX names -> CSL names."""
    people: list[dict[str, str]] = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if _is_braced_whole(raw):
            people.append({"literal": latex_to_text(raw[1:-1])})
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except Exception:
            people.append({"literal": latex_to_text(raw)})
            continue
        person: dict[str, str] = {}
        family = latex_to_text(" ".join(parts.last))
        given = latex_to_text(" ".join(parts.first))
        von = latex_to_text(" ".join(parts.von))
        jr = latex_to_text(" ".join(parts.jr))
        if family:
            person["family"] = family
        if given:
            person["given"] = given
        if von:
            person["non-dropping-particle"] = von
        if jr:
            person["suffix"] = jr
        if person:
            people.append(person)
    return people


def _date(fields: dict[str, str]) -> dict[str, Any] | None:
    """``date`` (BibLaTeX, ISO 8601, ranges with "/") or ``year`` + ``month`` -> a CSL date."""
    parts: list[list[int]] = []
    if fields.get("date"):
        for piece in fields["date"].split("/")[:2]:
            match = _ISO.match(piece.strip())
            if match:
                parts.append([int(g) for g in match.groups() if g])
    if not parts and fields.get("year"):
        match = _YEAR.search(fields["year"])
        if not match:
            return {"literal": fields["year"]}
        date = [int(match.group(1))]
        month = fields.get("month", "").strip().lower()
        number = int(month) if month.isdigit() else _MONTHS.get(month[:3], 0)
        if 1 <= number <= 12:
            date.append(number)
            day = fields.get("day", "").strip()
            if day.isdigit() and 1 <= int(day) <= 31:
                date.append(int(day))
        parts.append(date)
    return {"date-parts": parts} if parts else None


def entry_to_csl(entry: model.Entry) -> dict[str, Any]:
    """One bibtexparser entry -> a CSL-JSON item (``id`` = the entry key)."""
    raw = {f.key.lower(): str(f.value).strip() for f in entry.fields}  # enclosing braces/quotes removed by the parser
    text = {k: (" ".join(v.split()) if k in _VERBATIM else latex_to_text(v)) for k, v in raw.items()}
    entry_type = entry.entry_type.lower()
    subtype = text.get("entrysubtype", "").lower()
    csl_type = CSL_TYPES.get(entry_type, "document")
    if entry_type == "article" and subtype in ("newspaper", "magazine"):
        csl_type = f"article-{subtype}"
    elif entry_type == "misc" and text.get("url"):
        csl_type = "webpage"
    item: dict[str, Any] = {"id": entry.key, "type": csl_type}
    for role in ("author", "editor"):
        if raw.get(role):
            names = _names(raw[role])
            if names:
                item[role] = names
    simple = {
        "title": "title",
        "volume": "volume",
        "edition": "edition",
        "publisher": "publisher",
        "series": "collection-title",
        "isbn": "ISBN",
        "issn": "ISSN",
        "doi": "DOI",
        "url": "URL",
        "note": "note",
        "language": "language",
        "abstract": "abstract",
        "address": "publisher-place",
        "location": "publisher-place",
        "institution": "publisher",
        "school": "publisher",
    }
    used = {"author", "editor"} | ({"entrysubtype"} if csl_type in ("article-newspaper", "article-magazine") else set())
    for field, csl in simple.items():
        if text.get(field) and csl not in item:
            item[csl] = text[field]
            used.add(field)
    for field in ("journaltitle", "journal", "booktitle", "howpublished", "organization"):
        if text.get(field):
            item["container-title"] = text[field]
            used.add(field)
            break
    if text.get("keywords"):
        item["keyword"] = text["keywords"]
        used.add("keywords")
    if text.get("number"):
        item["number" if csl_type == "report" else "issue"] = text["number"]
        used.add("number")
    if text.get("pages"):
        item["page"] = re.sub(r"\s{0,3}[-\u2013\u2014]{1,3}\s{0,3}", "-", text["pages"])
        used.add("pages")
    if entry_type == "mastersthesis":
        item["genre"] = "Master's thesis"
    elif entry_type == "phdthesis":
        item["genre"] = "PhD thesis"
    if text.get("type"):
        used.add("type")
        if entry_type not in ("mastersthesis", "phdthesis"):
            item["genre"] = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis"}.get(text["type"], text["type"])
        elif text["type"] not in ("phdthesis", "mathesis"):
            item["genre"] = text["type"]
    date = _date(text)
    if date:
        item["issued"] = date
        used.update(("date",) if text.get("date") else ("year", "month", "day")[: len(date.get("date-parts", [[0]])[0]) or 1])
    if text.get("urldate"):
        accessed = _date({"date": text["urldate"]})
        if accessed:
            item["accessed"] = accessed
            used.add("urldate")
    extra = {k: v for k, v in text.items() if k not in used and v}
    if extra or entry_type != _CANONICAL.get(csl_type, entry_type):
        custom: dict[str, Any] = {"bibtex-type": entry_type}
        if extra:
            custom["bibtex-fields"] = extra
        item["custom"] = custom
    return item


def _problem(block: model.Block, path: str) -> Problem:
    line = block.start_line + 1
    first = (block.raw or "").strip().splitlines()[0][:80] if (block.raw or "").strip() else ""
    if isinstance(block, model.DuplicateBlockKeyBlock):
        return Problem(path, "bibtex-duplicate", f"duplicate entry key {block.key!r}; the later entry is ignored", line,
                       "give each entry its own key")
    if isinstance(block, model.DuplicateFieldKeyBlock):
        return Problem(path, "bibtex-duplicate-field", f"entry {first!r} repeats a field; the first value is kept",
                       line, "remove the repeated field")
    return Problem(path, "bibtex-malformed", f"malformed BibTeX entry {first!r} skipped", line,
                   "check its braces, quotes and commas")


def read_bibtex(text: str, path: str = "<string>") -> tuple[list[dict], list[Problem]]:
    """Parse a BibTeX/BibLaTeX database into CSL-JSON items and Problems, in file order.

    An entry with a repeated field is still read (first value kept) with a
    problem; a duplicate key or an entry that cannot be parsed is skipped with
    a problem giving ``path`` and the entry's 1-based line.
    """
    with _quiet():
        library = bibtexparser.parse_string(text)
    items: list[dict] = []
    problems: list[Problem] = []
    for block in library.blocks:
        entry = None
        if isinstance(block, model.Entry):
            entry = block
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            problems.append(_problem(block, path))
            entry = _first_values(block)
        elif isinstance(block, (model.ParsingFailedBlock, model.MiddlewareErrorBlock)):
            problems.append(_problem(block, path))
        if entry is None:
            continue
        try:
            items.append(entry_to_csl(entry))
        except Exception as exc:  # a field pylatexenc or the name splitter chokes on
            problems.append(Problem(path, "bibtex-malformed", f"entry {entry.key!r} could not be read: {exc}",
                                    block.start_line + 1))
    return items, problems


def _first_values(block: model.DuplicateFieldKeyBlock) -> model.Entry | None:
    """The entry of a block with repeated fields, keeping the first value of each field."""
    source = block.ignore_error_block
    if not isinstance(source, model.Entry):
        return None
    seen: set[str] = set()
    fields = []
    for field in source.fields:
        if field.key.lower() not in seen:
            seen.add(field.key.lower())
            fields.append(field)
    return model.Entry(source.entry_type, source.key, fields, start_line=source.start_line, raw=source.raw)
