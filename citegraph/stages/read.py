"""The first stage: a file's bytes -> an :class:`Extraction` holding its lines.

Reads .txt and .md (UTF-8, UTF-16 with a BOM, or Windows-1252 as a last
resort), .pdf (the text layer, through pypdf) and .bib (entries become the
document's references). A file that is not a document (binary, empty,
undecodable, a PDF without text) comes back with one problem and no lines;
the input file is only ever opened for reading.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..csl import issued_year
from ..model import Document, Extraction, Reference, Span

__all__ = ["SUPPORTED", "read", "read_bytes", "doc_id_for"]

SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".bib")
MAX_BYTES = 200 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SLUG = re.compile(r"[^a-z0-9]+")
_BIB_ENTRY = re.compile(r"\s{0,40}@[A-Za-z]{1,30}\s{0,5}[{(]\s{0,5}([^,\s{}()]{1,200})")


def doc_id_for(path: str) -> str:
    """A document id from a file name: lower-case, ASCII letters, digits and hyphens."""
    return _SLUG.sub("-", Path(path).stem.lower()).strip("-") or "document"


def read(path: str) -> Extraction:
    """Read one file into an Extraction (``raw_lines``, ``sha256``, ``fmt``), or one with a problem."""
    x = Extraction(path=str(path))
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return x.with_problem("too-large", f"file is {size // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB limit")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return x.with_problem("unreadable", f"cannot read file: {exc.strerror or exc}")
    return read_bytes(str(path), data)


def read_bytes(path: str, data: bytes) -> Extraction:
    """Decode ``data`` as the file ``path`` (its suffix picks the format)."""
    suffix = Path(path).suffix.lower()
    fmt = {".md": "md", ".markdown": "md", ".pdf": "pdf", ".bib": "bib"}.get(suffix, "txt")
    x = Extraction(path=path, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt)
    if not data.strip():
        return x.with_problem("empty", "empty file: nothing to read")
    if fmt == "pdf" or data[:5] == b"%PDF-":
        return _read_pdf(replace(x, fmt="pdf"), data)
    text, error = _decode(data)
    if error:
        return x.with_problem("not-text", error)
    lines = tuple(text.splitlines())
    if fmt == "bib":
        return _read_bib(replace(x, raw_lines=lines), text)
    return replace(x, raw_lines=lines)


def _decode(data: bytes) -> tuple[str, str]:
    """Decoded text, or an error message saying why this is not a text document."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            return "", "not a text document: invalid UTF-16"
    if b"\x00" in data[:65536]:
        return "", "not a text document: binary content (NUL bytes)"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return "", "not a text document: undecodable (neither UTF-8 nor Windows-1252)"
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        return "", "not a text document: too many control characters (binary?)"
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


def _read_pdf(x: Extraction, data: bytes) -> Extraction:
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        return x.with_problem("unreadable", "cannot read PDF: pypdf is not installed")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                return x.with_problem("unreadable", "PDF is encrypted")
        pages = [page_lines(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        return x.with_problem("unreadable", f"not a readable PDF: {exc}")
    if not any(ln.text.strip() for page in pages for ln in page):
        return x.with_problem("no-text", "PDF has no text layer (scanned?): run OCR first")
    lines, meta = pdf_lines(pages)
    return replace(x, raw_lines=lines, meta=meta)


def _read_bib(x: Extraction, text: str) -> Extraction:
    """A .bib file is a document whose references are its entries."""
    from ..readwrite.bibtex_read import read_bibtex

    doc_id = doc_id_for(x.path)
    items, problems = read_bibtex(text, x.path)
    entry_lines: dict[str, int] = {}
    for number, raw in enumerate(x.raw_lines, 1):
        m = _BIB_ENTRY.match(raw)
        if m:
            entry_lines.setdefault(m.group(1), number)
    refs = []
    for n, item in enumerate(items, 1):
        ref_id = f"{doc_id}:{n}"
        line = entry_lines.get(str(item.get("id", "")), 0)
        csl = {**item, "id": ref_id, "citation-key": item.get("id", "")}
        refs.append(Reference(id=ref_id, raw=_bib_raw(item), csl=csl, source=Span(x.path, line), label=item.get("id")))
    doc = Document(id=doc_id, path=x.path, kind="bib", csl={"id": doc_id, "type": "dataset", "title": Path(x.path).name}, sha256=x.sha256)
    return replace(x, document=doc, references=tuple(refs), problems=x.problems + tuple(problems))


def _bib_raw(item: dict) -> str:
    """A one-line human rendering of a .bib entry, standing in for the entry as written."""
    names = "; ".join(
        a.get("literal") or ", ".join(p for p in (a.get("family", ""), a.get("given", "")) if p) for a in item.get("author", [])
    )
    return ". ".join(p for p in (names, issued_year(item), item.get("title", ""), item.get("container-title", "")) if p)


# --- PDF text layer: lines with font sizes, page furniture, footnotes -------------------------------

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00a0": " "})
_SPACING_ACCENT = {"\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00af": "\u0304", "\u02da": "\u030a", "\u02d9": "\u0307"}
_ACCENTED = re.compile("([\u00b4`\u00a8\u02c6\u02dc\u02c7\u02d8\u00af\u02da\u02d9]) ?([A-Za-z\u0131])")
_PAGE_TOKEN = re.compile(r"\b[Pp](?:age|AGE|p?\.)\s{0,3}\d{1,4}(?:\s{0,3}(?:of|/)\s{0,3}\d{1,4})?\b|^[-\u2013\u2014\s]{0,4}\d{1,4}[-\u2013\u2014\s]{0,4}$|^\d{1,4}\s{1,8}|\s{1,8}\d{1,4}$")
_EDGE_NUMBER = re.compile(r"^[-\u2013\u2014]?\s{0,2}(\d{1,4})(?:\s|$)|\s(\d{1,4})\s{0,2}[-\u2013\u2014]?$")
_NOTE_MARK = re.compile(r"^[\s]{0,3}([0-9]{1,3}|[*\u2020\u2021\u00a7\u00b6])\s{0,2}")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]{0,2}$")
_WORD = re.compile(r"[^\W\d_]{2,40}")
_STOP = frozenset("and et al the of in on for to a an with by from at de van von der".split())
_EDGE = 3  # lines at the top and at the bottom of a page that may be running heads or feet


@dataclass(frozen=True)
class PdfLine:
    """One line of a PDF page's text layer: its text, main font size and the size of its first character."""

    text: str
    size: float = 0.0
    first_size: float = 0.0


def _fix_glyphs(text: str) -> str:
    """Ligatures spelled out, TeX's spacing accents put on their letter ("Luc\u00b4\u0131a" -> "Luc\u00eda"), soft hyphens dropped."""
    text = text.translate(_LIGATURES)
    if "\u00ad" in text:
        text = text[:-1] + "-" if text.endswith("\u00ad") else text
        text = text.replace("\u00ad", "")
    if _ACCENTED.search(text):
        text = _ACCENTED.sub(lambda m: unicodedata.normalize("NFC", ("i" if m.group(2) == "\u0131" else m.group(2)) + _SPACING_ACCENT[m.group(1)]), text)
    return text


def page_lines(page) -> list[PdfLine]:
    """A pypdf page's text lines (in the text layer's order) with their font sizes."""
    chars: list[tuple[str, float]] = []

    def visit(text, cm, tm, font_dict, font_size):  # noqa: ANN001 - pypdf's visitor signature
        try:
            size = abs(float(font_size) * float(tm[3]) * float(cm[3])) or float(font_size)
        except (TypeError, ValueError, IndexError):
            size = 0.0
        chars.append((text, round(size, 1)))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except TypeError:  # pragma: no cover - an old pypdf without visitors
        return [PdfLine(_fix_glyphs(t)) for t in (page.extract_text() or "").replace("\r", "").split("\n")]
    if "".join(t for t, _ in chars) != text:  # the visitor does not add up to the text: no sizes
        return [PdfLine(_fix_glyphs(t)) for t in text.replace("\r", "").split("\n")]
    out: list[PdfLine] = []
    buf: list[str] = []
    sizes: dict[float, int] = {}
    first = 0.0

    def flush() -> None:
        nonlocal first
        out.append(PdfLine(_fix_glyphs("".join(buf)), max(sizes, key=sizes.get) if sizes else 0.0, first))
        buf.clear()
        sizes.clear()
        first = 0.0

    for frag, size in chars:
        for piece_no, piece in enumerate(frag.replace("\r", "").split("\n")):
            if piece_no:
                flush()
            if piece.strip():
                buf.append(piece)
                sizes[size] = sizes.get(size, 0) + len(piece.strip())
                first = first or size
            else:
                buf.append(piece)
    flush()
    return out


def _signature(text: str) -> str:
    """A line with page numbers taken out, digits as '#', case and spacing folded (equal on every page)."""
    s = _PAGE_TOKEN.sub(" ", _PAGE_TOKEN.sub(" ", text.strip()).strip())
    return " ".join(re.sub(r"\d", "#", s).casefold().replace("\u2013", "-").replace("\u2014", "-").split())


def _furniture(pages: list[list[PdfLine]]) -> set[tuple[int, int]]:
    """(page, line) of running heads and feet: edge lines repeated on several pages, page numbers."""
    edges: list[list[int]] = []
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.text.strip()]
        edges.append(sorted(set(idx[:_EDGE] + idx[-_EDGE:])))
    seen: dict[str, set[int]] = {}
    for p, idx in enumerate(edges):
        for i in idx:
            seen.setdefault(_signature(pages[p][i].text), set()).add(p)
    out: set[tuple[int, int]] = set()
    for p, idx in enumerate(edges):
        for i in idx:
            sig = _signature(pages[p][i].text)
            letters = sum(c.isalpha() for c in sig)
            if (letters >= 4 and len(seen[sig]) >= 2) or (not sig and (i in (idx[0], idx[-1]) or "age" in pages[p][i].text)):
                out.add((p, i))
    # a short head naming the paper or its authors, in the body's size or smaller ("Adeyemi et al.")
    body = _body_size(pages)
    named = _header_words(pages[0], body)
    for p, idx in enumerate(edges[1:], 1):
        for i in idx[:2] + idx[-2:]:
            words = [w for w in _WORD.findall(_signature(pages[p][i].text)) if w not in _STOP]
            if words and len(words) <= 12 and pages[p][i].size <= body + 0.1 and sum(w in named for w in words) >= 0.6 * len(words):
                out.add((p, i))
    # a head or foot that carries the page number ("2  Adeyemi et al.", "Review 3"): the number follows the page
    votes: dict[int, int] = {}
    ends: list[tuple[int, int, int]] = []
    for p, idx in enumerate(edges):
        rest = [i for i in idx if (p, i) not in out]
        for i in {rest[0], rest[-1]} if rest else ():
            m = _EDGE_NUMBER.search(pages[p][i].text.strip())
            if m and len(pages[p][i].text.strip()) < 80:
                n = int(m.group(1) or m.group(2))
                ends.append((p, i, n - p))
                votes[n - p] = votes.get(n - p, 0) + 1
    if votes:
        offset, count = max(votes.items(), key=lambda kv: kv[1])
        if count >= 2:
            out.update((p, i) for p, i, off in ends if off == offset)
    return out


def _body_size(pages: list[list[PdfLine]]) -> float:
    """The font size of most of the text."""
    weights: dict[float, int] = {}
    for lines in pages:
        for ln in lines:
            weights[ln.size] = weights.get(ln.size, 0) + len(ln.text)
    return max(weights, key=weights.get) if weights else 0.0


def _header_words(first_page: list[PdfLine], body: float) -> set[str]:
    """The folded words of the first page's title and author lines (larger than the body), stop words left out."""
    words: set[str] = set()
    for ln in first_page[:12]:
        if ln.size > body + 0.5:
            words.update(w for w in _WORD.findall(_signature(ln.text)) if w not in _STOP)
    return words


def _note_start(ln: PdfLine, body: float) -> bool:
    """A footnote's first line: a small mark ("1", "*") then text smaller than the body's."""
    return bool(body and ln.first_size and ln.first_size <= 0.8 * body and ln.size < 0.93 * body and _NOTE_MARK.match(ln.text) and len(ln.text.strip()) > 3)


def pdf_lines(pages: list[list[PdfLine]]) -> tuple[tuple[str, ...], dict]:
    """The document's lines from its pages: running heads/feet and page numbers dropped, footnotes moved.

    A footnote block (a small mark, then small text) is taken out of the page
    and put back, as its own lines, after the next line that ends a sentence,
    so that it never interrupts the sentence that runs on below it. Returns
    the lines and ``meta`` (``pages``; ``page_starts``: index of each page's
    first line; ``notes``: ``(start, end)`` index ranges of the footnotes).
    """
    furniture = _furniture(pages) if len(pages) > 1 else set()
    body = _body_size(pages)
    out: list[str] = []
    notes: list[tuple[int, int]] = []
    starts: list[int] = []
    pending: list[list[str]] = []
    note: list[str] | None = None
    note_size = 0.0

    def flush() -> None:
        for block in pending:
            notes.append((len(out), len(out) + len(block)))
            out.extend(block)
        pending.clear()

    for p, lines in enumerate(pages):
        starts.append(len(out))
        for i, ln in enumerate(lines):
            if (p, i) in furniture:
                continue
            if _note_start(ln, body):
                m = _NOTE_MARK.match(ln.text)
                note = [_fix_glyphs(f"{m.group(1)} {ln.text[m.end():].strip()}")]
                note_size = ln.size
                pending.append(note)
                continue
            if note is not None and ln.text.strip() and abs(ln.size - note_size) < 0.6 and ln.size < 0.93 * body:
                note.append(_fix_glyphs(ln.text))
                continue
            note = None
            out.append(_fix_glyphs(ln.text))
            if pending and _SENTENCE_END.search(ln.text.rstrip()):
                flush()
        note = None
    flush()
    meta = {"pages": len(pages), "page_starts": tuple(starts), "notes": tuple(notes)}
    return tuple(out), meta
