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
from dataclasses import replace
from pathlib import Path

from ..csl import issued_year
from ..model import Document, Extraction, Reference, Span
from .read_pdf import PdfLine, page_lines, pdf_lines, read_pdf

__all__ = ["SUPPORTED", "read", "read_bytes", "doc_id_for", "PdfLine", "page_lines", "pdf_lines"]

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
        return read_pdf(replace(x, fmt="pdf"), data)
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


def _read_bib(x: Extraction, text: str) -> Extraction:
    """A .bib file is a document whose references are its entries."""
    from ..readwrite.bibtex_read import read_bibtex

    doc_id = doc_id_for(x.path) + "-bib"  # not the id of the paper it is often kept beside ("paper.md", "paper.bib")
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
