"""Body text cleaning: the document minus its reference list, as readable prose.

PDF-extracted text is hard-wrapped ("...the failure to address\\n"glocalization"
strategies..."), hyphenates words across lines and sometimes breaks a
paragraph in the middle of a sentence. This stage joins wrapped lines,
undoes line-end hyphenation, drops Markdown heading marks and emphasis,
finds section headings, and keeps for every piece of the output the number
of the original line it came from.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

from ..hyphenation import keep_hyphen, vocabulary
from ..model import Extraction, Line
from ..resources import Resources

__all__ = ["run", "clean_lines", "is_heading"]

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_NUM_HEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.)\s+\S")
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}(?=\S)([^*\n]{1,500}?)(?<=\S)\*{1,2}(?![\w*])")
_END_PUNCT = ".!?:;\"”’)"
_HYPHEN_END = re.compile(r"([A-Za-z]{1,40})-$")
_WORD_START = re.compile(r"^([a-z]{1,40})")
_CAPTION = re.compile(r"^(?:Table|TABLE|Figure|FIGURE|Fig\.|Exhibit|Chart)\s{1,3}[0-9IVX]{1,4}[.:]")
_NUMBER = re.compile(r"^[(\[]?[-–+]?[0-9][0-9.,–%-]{0,12}[)\]%*]?$")
_END_SENTENCE = re.compile(r"[.!?][\"”’)]{0,2}$")
_SECTION_NAMES = frozenset(
    "abstract introduction background methods method results discussion conclusion conclusions references bibliography "
    "acknowledgements acknowledgments notes appendix".split()
) | {"literature cited", "works cited", "related work"}
_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs with via into over under".split())


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``text``, ``lines`` and ``sections`` from the body lines (reference lists and header excluded)."""
    skip = set(x.meta.get("header_lines", ()))
    for start, end in x.ref_sections:
        skip.update(range(start, end))
    body = [(i + 1, ln) for i, ln in enumerate(x.raw_lines) if i not in skip]
    notes = tuple((a + 1, b + 1) for a, b in x.meta.get("notes", ()))
    text, lines, sections = clean_lines(body, markdown=x.fmt == "md", notes=notes)
    return replace(x, text=text, lines=lines, sections=sections)


def is_heading(line: str) -> bool:
    """Whether a line looks like a section heading ("## 2 Method", "2.1 The Reasons ...", "REFERENCES")."""
    s = line.strip()
    if not s or len(s) > 120:
        return False
    if _MD_HEADING.match(s):
        return True
    if s[-1] in ".,;":
        return False
    words = s.split()
    if _NUM_HEADING.match(s):
        rest = _NUM_HEADING.match(s).group(0)
        tail = s[len(rest) - 1 :]
        return len(words) <= 14 and ":" not in tail and not tail.endswith((".", ","))
    if s.rstrip(":").lower() in _SECTION_NAMES:
        return True
    letters = [c for c in s if c.isalpha()]
    return len(words) <= 8 and len(letters) >= 4 and all(c.isupper() for c in letters)


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]{0,40}", line)]
    if not words:
        return False
    caps = [w for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS]
    return len(caps) == len(words) and len(line) < 60 and line.rstrip()[-1:] not in ".,;:"


def _heading_text(line: str) -> str:
    return _MD_HEADING.sub("", line).strip().strip("#").strip()


def _strip_markdown(line: str) -> str:
    return _EMPHASIS.sub(r"\1", line) if "*" in line else line


def _wrapped(lines: list[str]) -> tuple[bool, int]:
    """Whether the text is hard-wrapped (PDF-like) and its typical line width."""
    lengths = [len(s) for s in lines if s.strip()]
    if len(lengths) < 8:
        return False, 0
    width = int(statistics.median(lengths))
    consecutive = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())
    return width <= 110 and consecutive >= len(lengths) * 0.6, width


def _block_of(number: int, s: str, notes: tuple[tuple[int, int], ...], caption: bool) -> tuple[str, int] | None:
    """The kind of block a line belongs to when it is not running prose: a footnote, a caption, a table row."""
    for a, b in notes:
        if a <= number < b:
            return ("note", a)
    if _CAPTION.match(s):
        return ("caption", number)
    if caption:
        return ("caption", 0)
    if _table_row(s):
        return ("table", 0)
    return None


def _table_row(s: str) -> bool:
    """A line of a table: two numbers or more and hardly any words ("18-29 412 96", "Police and courts 88 22%")."""
    tokens = s.split()
    numbers = sum(1 for t in tokens if _NUMBER.match(t))
    return numbers >= 2 and len(tokens) - numbers <= 4 and not _END_SENTENCE.search(s)


def clean_lines(
    body: list[tuple[int, str]], markdown: bool = False, notes: tuple[tuple[int, int], ...] = ()
) -> tuple[str, tuple[Line, ...], tuple[tuple[int, str], ...]]:
    """Clean ``(line number, line)`` pairs into prose.

    ``notes`` are ``[start, end)`` line-number ranges of footnotes (from the
    PDF reader): each becomes a paragraph of its own, as do figure/table
    captions ("Table 2: ...") and runs of table rows in wrapped text.
    Returns ``(text, lines, sections)``: paragraphs separated by a blank line,
    the pieces of text with their original line numbers, and the headings
    as ``(offset, heading)``.
    """
    texts = [ln for _, ln in body]
    wrapped, width = _wrapped(texts)
    vocab = vocabulary(texts)
    # Group into paragraphs: lists of (line number, text); headings are their own paragraph.
    paras: list[list[tuple[int, str]]] = []
    heads: set[int] = set()
    cur: list[tuple[int, str]] = []
    block: tuple[str, int] | None = None

    floats: set[int] = set()  # paragraphs that are footnotes, captions or tables

    def close() -> None:
        nonlocal cur
        if cur:
            if block:
                floats.add(len(paras))
            paras.append(cur)
        cur = []

    for number, raw in body:
        s = raw.strip()
        if not s:
            if not wrapped:
                close()
            continue
        if wrapped:
            kind = _block_of(number, s, notes, block is not None and block[0] == "caption" and not _END_SENTENCE.search(cur[-1][1]) if cur else False)
            if kind and kind[0] == "caption" and kind[1] == 0 and block:
                kind = block
            if kind != block:
                close()
                block = kind
            if kind:
                cur.append((number, s))
                continue
        if paras and not cur and (len(paras) - 1) in heads and paras[-1][-1][1].endswith("-") and s[:1].islower() and len(s) < 40:
            paras[-1].append((number, s))  # a heading hyphenated over two lines ("2 Infrastructural Per-" / "spectives")
            continue
        if is_heading(s):
            close()
            paras.append([(number, _heading_text(s))])
            heads.add(len(paras) - 1)
            continue
        if paras and not cur and (len(paras) - 1) in heads and wrapped and _title_case(s) and len(paras[-1]) < 3:
            paras[-1].append((number, s))  # a heading wrapped over two lines
            continue
        s = _strip_markdown(s) if markdown else s
        if wrapped and cur and cur[-1][1][-1:] in _END_PUNCT and len(cur[-1][1]) < 0.7 * width:
            close()  # a short line ending a sentence ends its paragraph
        cur.append((number, s))
    close()
    paras = _rejoin_broken(paras, heads, floats)

    out: list[str] = []
    lines: list[Line] = []
    sections: list[tuple[int, str]] = []
    offset = 0
    for i, para in enumerate(paras):
        if out:
            out.append("\n\n")
            offset += 2
        pieces = _join(para, vocab)
        if i in heads:
            sections.append((offset, " ".join(p for _, p in pieces)))
        for j, (number, piece) in enumerate(pieces):
            if j and not piece.startswith("\x00"):
                out.append(" ")
                offset += 1
            piece = piece.lstrip("\x00")
            lines.append(Line(piece, number, offset))
            out.append(piece)
            offset += len(piece)
    return "".join(out), tuple(lines), tuple(sections)


def _rejoin_broken(paras: list[list[tuple[int, str]]], heads: set[int], floats: set[int] = frozenset()) -> list[list[tuple[int, str]]]:
    """Join a paragraph that stops mid-sentence with the next one when it continues in lower case.

    Footnotes, captions and tables (``floats``) found between the two halves
    of a sentence are moved after it.
    """
    result: list[list[tuple[int, str]]] = []
    kept_heads: set[int] = set()
    kept_floats: set[int] = set()
    for i, para in enumerate(paras):
        back = len(result)
        while back and (back - 1) in kept_floats:
            back -= 1
        if (
            back
            and i not in heads
            and i not in floats
            and (back - 1) not in kept_heads
            and result[back - 1][-1][1][-1:] not in _END_PUNCT
            and para[0][1][:1].islower()
        ):
            result[back - 1] = result[back - 1] + para
            continue
        if i in heads:
            kept_heads.add(len(result))
        if i in floats:
            kept_floats.add(len(result))
        result.append(list(para))
    heads.clear()
    heads.update(kept_heads)
    return result


def _join(para: list[tuple[int, str]], vocab: frozenset[str]) -> list[tuple[int, str]]:
    """Undo line-end hyphenation between consecutive pieces; a piece glued to the previous one starts with NUL."""
    pieces = [(n, s.strip()) for n, s in para]
    for k in range(len(pieces) - 1):
        n, s = pieces[k]
        m = _HYPHEN_END.search(s)
        nxt = _WORD_START.match(pieces[k + 1][1])
        if not m or not nxt:
            continue
        if keep_hyphen(m.group(1), pieces[k + 1][1], vocab):
            pieces[k] = (n, s)  # a real compound: keep "co-creation"
        else:
            pieces[k] = (n, s[:-1])
        pieces[k + 1] = (pieces[k + 1][0], "\x00" + pieces[k + 1][1])
    return pieces
