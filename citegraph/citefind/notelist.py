"""Finding the notes of a notes-bibliography document (Chicago notes) in its raw lines.

Two shapes are read:

* a notes section: a heading "Notes", "Endnotes", "Footnotes" (Markdown or
  plain, numbered or not) followed by numbered notes ("1. James Curran, ...",
  "1 James Curran, ...", "[1] ...", "¹ ..."); notes may wrap over several
  lines; numbering must run in sequence (a wrapped line starting "22, no. 6"
  or "5 (2019)" is not a note), and the section ends at the next heading
  (e.g. "Bibliography") or at a paragraph that is not a note;
* Markdown footnote definitions "[^3]: ..." anywhere in the file (with their
  indented continuation lines).

Every pattern is bounded, so a hostile line costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..finder.cues import is_page_number, is_ref_heading
from ..finder.split import join_lines

__all__ = ["Note", "NoteSection", "find_notes", "is_notes_heading", "footnote_sections"]

_NOTES_HEADING = re.compile(
    r"^[#*_\s]{0,12}(?:[0-9]{1,2}\.?\s{1,3}|[IVXLC]{1,6}\.\s{1,3})?(?:end\s?notes|foot\s?notes|notes)"
    r"(?:\s{1,3}to\s{1,3}[^\n]{1,60})?\s{0,3}[:.]?[*_\s]{0,6}$",
    re.IGNORECASE,
)
_MD_DEF = re.compile(r"^\s{0,3}\[\^([^\]\s]{1,40})\]:\s{0,4}")
_NUMBERED = re.compile(r"^\s{0,6}(?:\[([0-9]{1,3})\]|([0-9]{1,3})[.)]|([0-9]{1,3})(?=\s{1,3}[A-Z\"“‘'*_(])|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))\s{0,6}")
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_FOOT_MARK = re.compile(r"^\s{0,3}([0-9]{1,3})\s{1,3}(?=\S)")


@dataclass(frozen=True)
class Note:
    """One note: its label ("3", or "curran" for "[^curran]"), first line index (0-based) and text without the label."""

    label: str
    line: int
    text: str


@dataclass(frozen=True)
class NoteSection:
    """A run of notes: line range ``[start, end)`` of ``raw_lines`` (heading excluded) and its notes."""

    start: int
    end: int
    notes: tuple[Note, ...]


def is_notes_heading(line: str) -> bool:
    """Whether a line is a notes heading ("Notes", "## Endnotes", "FOOTNOTES", "Notes to Chapter 2")."""
    s = line.strip()
    return 0 < len(s) <= 80 and _NOTES_HEADING.match(s) is not None


def _numbered(line: str) -> tuple[int, int] | None:
    """``(number, end of label)`` when the line starts with a note number."""
    m = _NUMBERED.match(line[:80])
    if not m:
        return None
    digits = next(g for g in m.groups() if g is not None).translate(_SUP)
    if m.end() >= len(line.rstrip()):
        return None  # a bare number: a page number
    return int(digits), m.end()


def _ends_section(line: str, blank_before: bool) -> bool:
    s = line.strip()
    if _MD_HEADING.match(line) or is_ref_heading(s) or is_notes_heading(s):
        return True
    if not blank_before or _numbered(line):
        return False
    words = s.split()
    return len(words) <= 10 and s[-1:] not in ".,;:)" and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _headed(lines: Sequence[str], h: int) -> NoteSection | None:
    """The numbered notes under the notes heading at line ``h``."""
    n = len(lines)
    notes: list[tuple[str, int, list[str]]] = []
    expected = 1
    j = h + 1
    end = h + 1
    blank_before = True
    while j < n:
        line = lines[j]
        if not line.strip() or is_page_number(line):
            blank_before = blank_before or not line.strip()
            j += 1
            continue
        if notes and _ends_section(line, blank_before):
            break
        num = _numbered(line)
        if num and (not notes and num[0] <= 3 or notes and expected <= num[0] <= expected + 2):
            notes.append((str(num[0]), j, [line[num[1]:]]))
            expected = num[0] + 1
        elif notes and not (blank_before and _MD_DEF.match(line)):
            if blank_before and len(notes[-1][2]) >= 1 and line[:1] not in " \t" and _looks_like_prose(line):
                break  # a paragraph of body text after the notes
            notes[-1][2].append(line)
        else:
            break
        end = j + 1
        blank_before = False
        j += 1
    if not notes:
        return None
    return NoteSection(h + 1, end, tuple(Note(lab, i, join_lines(parts)) for lab, i, parts in notes))


def _looks_like_prose(line: str) -> bool:
    """A long line starting with a capitalised ordinary word: body text rather than a wrapped note."""
    s = line.strip()
    return len(s) > 60 and s[:1].isupper() and not any(ch.isdigit() for ch in s[:40])


def _markdown_defs(lines: Sequence[str], taken: set[int]) -> list[NoteSection]:
    """Runs of Markdown footnote definitions with their continuation lines."""
    out: list[NoteSection] = []
    cur: list[tuple[str, int, list[str]]] = []
    start = end = -1
    j = 0
    n = len(lines)
    while j < n:
        m = _MD_DEF.match(lines[j][:60]) if j not in taken else None
        if not m:
            j += 1
            continue
        if not cur or j > end + 1 and any(lines[k].strip() and not _MD_DEF.match(lines[k][:60]) for k in range(end, j)):
            if cur:
                out.append(NoteSection(start, end, tuple(Note(lab, i, join_lines(p)) for lab, i, p in cur)))
            cur, start = [], j
        parts = [lines[j][m.end():]]
        k = j + 1
        while k < n and lines[k].strip() and not _MD_DEF.match(lines[k][:60]) and not _MD_HEADING.match(lines[k]):
            parts.append(lines[k])  # lazy continuation
            k += 1
        while True:  # indented paragraphs of the same note
            b = k
            while b < n and b - k < 3 and not lines[b].strip():
                b += 1
            if b == k or b >= n or not (lines[b][:4] == "    " or lines[b][:1] == "\t"):
                break
            k = b
            while k < n and lines[k].strip() and not _MD_DEF.match(lines[k][:60]):
                parts.append(lines[k])
                k += 1
        cur.append((m.group(1), j, parts))
        end = k
        j = k
    if cur:
        out.append(NoteSection(start, end, tuple(Note(lab, i, join_lines(p)) for lab, i, p in cur)))
    return out


def find_notes(lines: Sequence[str]) -> list[NoteSection]:
    """Every notes section and run of Markdown footnote definitions in ``lines``, in document order."""
    out: list[NoteSection] = []
    taken: set[int] = set()
    for h, line in enumerate(lines):
        if len(line) <= 80 and is_notes_heading(line):
            sec = _headed(lines, h)
            if sec is not None:
                out.append(sec)
                taken.update(range(sec.start, sec.end))
    out.extend(_markdown_defs(lines, taken))
    return sorted(out, key=lambda s: s.start)


def footnote_sections(lines: Sequence[str], ranges: Sequence[Sequence[int]], vocab: frozenset[str] = frozenset()) -> list[NoteSection]:
    """The numbered PDF footnotes of a document as notes, one section per footnote.

    ``ranges`` are the ``[start, end)`` line ranges of the footnotes the PDF
    reader took out of the page text (``meta["notes"]``); each footnote's first
    line starts with its mark ("12 Ibid., 4."). Footnotes marked with a symbol
    ("* Corresponding author.") are no numbered notes and are left out.
    """
    out: list[NoteSection] = []
    n = len(lines)
    for pair in ranges:
        try:
            a, b = int(pair[0]), int(pair[1])
        except (TypeError, ValueError, IndexError):
            continue
        if not 0 <= a < b <= n:
            continue
        m = _FOOT_MARK.match(lines[a][:20])
        if not m:
            continue
        text = join_lines([lines[a][m.end():]] + list(lines[a + 1 : b]), vocab)
        if text:
            out.append(NoteSection(a, b, (Note(str(int(m.group(1))), a, text),)))
    return out
