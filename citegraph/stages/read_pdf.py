"""The PDF part of the read stage: pypdf's text layer -> lines, with font sizes, furniture and footnotes.

:func:`page_lines` reads one page's lines with their font sizes, baselines and
wide horizontal gaps (side-by-side author cells); :func:`pdf_lines` drops running
heads, feet and page numbers and moves footnotes out of the sentences they
interrupt. :func:`read_pdf` is the whole step for the read stage.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass, replace

from ..model import Extraction

__all__ = ["PdfLine", "page_lines", "pdf_lines", "read_pdf"]


def read_pdf(x: Extraction, data: bytes) -> Extraction:
    """The lines of a PDF's text layer (see :func:`pdf_lines`), or a problem saying why there are none."""
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
        pages = [page_lines(page, columns=n == 0) for n, page in enumerate(reader.pages)]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        return x.with_problem("unreadable", f"not a readable PDF: {exc}")
    if not any(ln.text.strip() for page in pages for ln in page):
        return x.with_problem("no-text", "PDF has no text layer (scanned?): run OCR first")
    lines, meta = pdf_lines(pages)
    return replace(x, raw_lines=lines, meta=meta)

# --- PDF text layer: lines with font sizes, page furniture, footnotes -------------------------------

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00a0": " "})
_SPACING_ACCENT = {"\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00af": "\u0304", "\u02da": "\u030a", "\u02d9": "\u0307"}
_ACCENTED = re.compile("([\u00b4`\u00a8\u02c6\u02dc\u02c7\u02d8\u00af\u02da\u02d9]) ?([A-Za-z\u0131])")
_PAGE_TOKEN = re.compile(r"\b[Pp](?:age|AGE|p?\.)\s{0,3}\d{1,4}(?:\s{0,3}(?:of|/)\s{0,3}\d{1,4})?\b|^[-\u2013\u2014\s]{0,4}\d{1,4}[-\u2013\u2014\s]{0,4}$|^\d{1,4}\s{1,8}|\s{1,8}\d{1,4}$")
_EDGE_NUMBER = re.compile(r"^[-\u2013\u2014]?\s{0,2}(\d{1,4})(?:\s|$)|\s(\d{1,4})\s{0,2}[-\u2013\u2014]?$")
_NOTE_MARK = re.compile(r"^[\s]{0,3}([0-9]{1,3}|[*\u2020\u2021\u00a7\u00b6])\s{0,2}")
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)\]]{0,2}$")
# a sentence end with a note mark after it: a word, a year or a bracket before the stop ("2021.6"; not "0.35")
_MARKED_END = re.compile(r"(?:[^\W\d_]|\b(?:1[5-9]|20)\d\d|[\"\u201d\u2019)\]])[.!?][\"\u201d\u2019)\]]{0,2}(?:\d{1,3}(?:[,\u2013-]\d{1,3}){0,3}|[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]{1,3})$")
_WORD = re.compile(r"[^\W\d_]{2,40}")
_SPACES = re.compile(r"\s+")
_STOP = frozenset("and et al the of in on for to a an with by from at de van von der".split())
_EDGE = 3  # lines at the top and at the bottom of a page that may be running heads or feet


@dataclass(frozen=True)
class PdfLine:
    """One line of a PDF page's text layer.

    ``size`` is the line's main font size and ``first_size`` the size of its
    first character (0.0 when unknown); ``y`` its first character's baseline
    (NaN when unknown); ``cols`` the offsets in ``text`` where a cell begins
    after a wide horizontal gap (LaTeX's side-by-side ``\\and`` authors).
    """

    text: str
    size: float = 0.0
    first_size: float = 0.0
    y: float = math.nan
    cols: tuple[int, ...] = ()


def _fix_glyphs(text: str) -> str:
    """Ligatures spelled out, TeX's spacing accents put on their letter ("Luc\u00b4\u0131a" -> "Luc\u00eda"), soft hyphens dropped."""
    text = text.translate(_LIGATURES)
    if "\u00ad" in text:
        text = text[:-1] + "-" if text.endswith("\u00ad") else text
        text = text.replace("\u00ad", "")
    if _ACCENTED.search(text):
        text = _ACCENTED.sub(lambda m: unicodedata.normalize("NFC", ("i" if m.group(2) == "\u0131" else m.group(2)) + _SPACING_ACCENT[m.group(1)]), text)
    return text


def page_lines(page, columns: bool = False) -> list[PdfLine]:  # noqa: ANN001 - a pypdf page
    """A pypdf page's text lines (in the text layer's order) with font sizes and baselines.

    With ``columns``, lines printed as cells far apart (side-by-side authors)
    get the offsets where their cells begin (``PdfLine.cols``), from pypdf's
    layout mode: one more pass over the page, meant for the first page only.
    """
    chars: list[tuple[str, float, float]] = []  # text, size, baseline

    def visit(text, cm, tm, font_dict, font_size):  # noqa: ANN001 - pypdf's visitor signature
        try:
            size = abs(float(font_size) * float(tm[3]) * float(cm[3])) or float(font_size)
            y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
        except (TypeError, ValueError, IndexError):
            size, y = 0.0, math.nan
        chars.append((text, round(size, 1), y))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except TypeError:  # pragma: no cover - an old pypdf without visitors
        return [PdfLine(_fix_glyphs(t)) for t in (page.extract_text() or "").replace("\r", "").split("\n")]
    if "".join(c[0] for c in chars) != text:  # the visitor does not add up to the text: no sizes
        return [PdfLine(_fix_glyphs(t)) for t in text.replace("\r", "").split("\n")]
    cells = _layout_cells(page) if columns else {}
    out: list[PdfLine] = []
    buf: list[str] = []
    sizes: dict[float, int] = {}
    first, first_y = 0.0, math.nan

    def flush() -> None:
        nonlocal first, first_y
        line = _fix_glyphs("".join(buf))
        key = _SPACES.sub("", line)
        cols = _cell_starts(line, cells[key]) if key in cells else ()
        out.append(PdfLine(line, max(sizes, key=sizes.get) if sizes else 0.0, first, first_y, cols))
        buf.clear()
        sizes.clear()
        first, first_y = 0.0, math.nan

    for frag, size, y in chars:
        for piece_no, piece in enumerate(frag.replace("\r", "").split("\n")):
            if piece_no:
                flush()
            buf.append(piece)
            if piece.strip():
                sizes[size] = sizes.get(size, 0) + len(piece.strip())
                if not first:
                    first, first_y = size, y
    flush()
    return out


def _layout_cells(page) -> dict[str, tuple[int, ...]]:  # noqa: ANN001 - a pypdf page
    """Lines of the page's layout-mode text printed as cells far apart: text without spaces -> cell lengths.

    A gap between cells is at least three times the line's usual gap between
    words (layout mode spaces some fonts' words widely) and three spaces.
    """
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is an optional extra; any failure means no cells
        return {}
    out: dict[str, tuple[int, ...]] = {}
    for raw in text.splitlines()[:200]:
        raw = _fix_glyphs(raw[:2000]).strip()
        gaps = sorted(len(m.group(0)) for m in _SPACES.finditer(raw))
        if len(gaps) < 1:
            continue
        wide = max(3, 3 * gaps[(len(gaps) - 1) // 2])
        cells = [c for c in (_SPACES.sub("", part) for part in re.split(" {%d,}" % wide, raw)) if c]
        if len(cells) > 1:
            out.setdefault("".join(cells), tuple(len(c) for c in cells))
    return out


def _cell_starts(line: str, lengths: tuple[int, ...]) -> tuple[int, ...]:
    """The offsets in ``line`` where its second and later cells begin (cells measured without spaces)."""
    bounds, total = set(), 0
    for n in lengths[:-1]:
        total += n
        bounds.add(total)
    starts, seen = [], 0
    for k, c in enumerate(line):
        if c.isspace():
            continue
        if seen in bounds:
            starts.append(k)
        seen += 1
    return tuple(starts)


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


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence, perhaps with a note mark after it ("publication.5", "2021.6", "it.†")."""
    t = text.rstrip()
    return bool(_SENTENCE_END.search(t) or _MARKED_END.search(t))


def _running_foot(ln: PdfLine, last: bool, note: list[PdfLine]) -> bool:
    """Whether ``ln``, in the note's size right below the footnote ``note``, is a running foot instead.

    Only the page's last line can be: it is one when it sits well below the
    note (more than twice the note's line spacing) or, without baselines, when
    it follows a finished sentence and is a short line with no end punctuation.
    """
    text = ln.text.strip()
    if not last or not text or not note:
        return False
    prev = note[-1]
    if ln.y == ln.y and prev.y == prev.y:
        spacing = (note[0].y - prev.y) / (len(note) - 1) if len(note) > 1 and note[0].y == note[0].y else 1.2 * (prev.size or ln.size or 10.0)
        return prev.y - ln.y > 2.0 * max(spacing, 1.0)
    return _ends_sentence(prev.text) and len(text) <= 60 and len(text.split()) <= 8 and text[-1] not in ".,;:" and not text[0].islower()


def pdf_lines(pages: list[list[PdfLine]]) -> tuple[tuple[str, ...], dict]:
    """The document's lines from its pages: running heads/feet and page numbers dropped, footnotes moved.

    A footnote block (a small mark, then small text) is taken out of the page
    and put back, as its own lines, after the next line that ends a sentence,
    so that it never interrupts the sentence that runs on below it; a running
    foot below the footnotes is dropped. Returns the lines and ``meta``:
    ``pages``; ``page_starts`` (index of each page's first line); ``notes``
    (``(start, end)`` index ranges of the footnotes) and ``note_pages`` (the
    page index, as in ``page_starts``, each footnote was printed on);
    ``line_sizes`` (each line's font size, 0.0 when unknown); ``body_size``
    (the size of most of the text); ``line_columns`` (``(line, offsets)`` for
    first-page lines printed as cells far apart, see :func:`page_lines`).
    """
    furniture = _furniture(pages) if len(pages) > 1 else set()
    body = _body_size(pages)
    out: list[str] = []
    sizes: list[float] = []
    columns: list[tuple[int, tuple[int, ...]]] = []
    notes: list[tuple[int, int]] = []
    note_pages: list[int] = []
    starts: list[int] = []
    pending: list[tuple[int, list[PdfLine]]] = []
    note: list[PdfLine] | None = None

    def flush() -> None:
        for page, block in pending:
            notes.append((len(out), len(out) + len(block)))
            note_pages.append(page)
            out.extend(_fix_glyphs(ln.text) for ln in block)
            sizes.extend(ln.size for ln in block)
        pending.clear()

    for p, lines in enumerate(pages):
        starts.append(len(out))
        last = max((i for i, ln in enumerate(lines) if ln.text.strip() and (p, i) not in furniture), default=-1)
        for i, ln in enumerate(lines):
            if (p, i) in furniture:
                continue
            if _note_start(ln, body):
                m = _NOTE_MARK.match(ln.text)
                note = [replace(ln, text=f"{m.group(1)} {ln.text[m.end():].strip()}")]
                pending.append((p, note))
                continue
            if note is not None and ln.text.strip() and abs(ln.size - note[0].size) < 0.6 and ln.size < 0.93 * body:
                if _running_foot(ln, i == last, note):
                    note = None
                    continue
                note.append(ln)
                continue
            note = None
            if ln.cols and p == 0:
                columns.append((len(out), ln.cols))
            out.append(_fix_glyphs(ln.text))
            sizes.append(ln.size)
            if pending and _ends_sentence(ln.text):
                flush()
        note = None
    flush()
    meta = {
        "pages": len(pages), "page_starts": tuple(starts), "notes": tuple(notes), "note_pages": tuple(note_pages),
        "line_sizes": tuple(sizes), "body_size": body, "line_columns": tuple(columns),
    }
    return tuple(out), meta
