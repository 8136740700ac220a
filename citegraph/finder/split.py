"""Splitting one reference section into entries.

The style of the list decides where an entry begins: at each bullet ("- ",
"• "), at each label ("[3]", "3.", "(3)", "[Bais 2010]"; numeric labels must
follow in sequence), at each line of the smallest indentation (hanging
indent), at each line when entries are not wrapped (markdown), and otherwise
(flat PDF text) where a line begins like a new entry ("Surname, I.",
"SURNAME, I.", "Surname IJ,", "I. Surname", "Name (2007)") after a line that
ended one (final period, page number, closing bracket, short line) or a blank;
a chapter's "In L. Parks & N. Starosielski (Eds.)" line and a Chicago
"New Haven: Yale University Press, 2018." line never begin an entry.
Page numbers, running headers and headings inside the list are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from ..hyphenation import keep_hyphen
from .cues import MAX_CHARS, author_start, is_page_number, is_ref_heading, is_running_header, split_label, strip_bullet

__all__ = ["Entry", "split_entries", "join_lines", "furniture_lines", "continues_entry"]

_DIGITS = re.compile(r"[0-9]{1,12}")
_URL_TAIL = re.compile(r"(?:https?://|www\.|doi:|10\.[0-9]{4,9}/)[^\s]{0,300}$", re.I)
_START_CAP = re.compile(r"^[A-ZÀ-Þ\u4e00-\u9fff]")
# "In L. Parks & N. Starosielski (Eds.)", "In: J. Smith (ed.)", "In Parks, L. (Ed.)": the editors of a chapter's book.
_IN_EDITORS = re.compile(
    r"^In:?\s{1,3}(?:(?:[A-ZÀ-Þ]\.[\s-]{0,2}){1,4}[A-ZÀ-Þ]|[A-ZÀ-Þ][\w'’-]{1,30},\s{0,2}[A-ZÀ-Þ]\."
    r"|[^()]{0,160}\((?:[Ee]ds?|[Hh]rsg|[Éé]ds?)\.?\)|(?:the\s{1,3})?[Pp]roceedings)"
)
# "New Haven: Yale University Press, 2018.": place and publisher of a notes-bibliography entry.
_PLACE_PUBLISHER = re.compile(
    r"^[A-ZÀ-Þ][a-zà-ÿ]{1,20}(?:\s[A-ZÀ-Þ][a-zà-ÿ]{1,20}){0,2}(?:,\s[A-Z]{2,4})?:\s{1,2}[A-ZÀ-Þ][^:()]{1,80},\s(?:1[5-9]|20)[0-9]{2}\.?$"
)


@dataclass(frozen=True)
class Entry:
    """One reference entry: line range ``[start, end)`` in the section, text as written, label."""

    start: int
    end: int
    text: str
    label: str | None = None


def join_lines(parts: Sequence[str], vocab: frozenset[str] = frozenset()) -> str:
    """Join wrapped lines: undo hyphenation ("communi-", "cation"), keep real hyphens and dashes.

    ``vocab`` (the document's words, :func:`citegraph.hyphenation.vocabulary`)
    keeps the hyphen of compounds the document writes hyphenated ("two-sided").
    """
    out = ""
    for part in parts:
        b = part.strip()
        if not b:
            continue
        if not out:
            out = b
            continue
        a = out
        if a.endswith("-") and not a.endswith("--"):
            out = a + b if keep_hyphen(a[-41:-1], b, vocab) else a[:-1] + b
        elif a.endswith(("–", "—", "/")) or (a.endswith((".", "_")) and _URL_TAIL.search(a[-MAX_CHARS:]) and b[:1].isalnum() and not b[:1].isupper()):
            out = a + b
        else:
            out = a + " " + b
    return out


def furniture_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of page furniture: page numbers, running headers, headings, repeated short lines."""
    out: set[int] = set()
    norm = [_DIGITS.sub("#", ln.strip()[:100]) if len(ln) < 100 and ln.strip() else "" for ln in lines]
    counts = Counter(x for x in norm if x)
    for i, ln in enumerate(lines):
        s = ln.strip()
        if not s:
            continue
        if is_page_number(ln) or is_running_header(ln) or is_ref_heading(ln) or s.startswith("#"):
            out.add(i)
        elif _isolated(lines, i) and (_heading_like(s) or (counts[norm[i]] >= 2 and not _starts_entry(s))):
            out.add(i)  # a running header between blank lines / page numbers
    return out


def _isolated(lines: Sequence[str], i: int) -> bool:
    """Between blank lines or page numbers (or beside a page number)."""
    before = i == 0 or not lines[i - 1].strip() or is_page_number(lines[i - 1])
    after = i + 1 >= len(lines) or not lines[i + 1].strip() or is_page_number(lines[i + 1])
    beside_page = (i > 0 and is_page_number(lines[i - 1])) or (i + 1 < len(lines) and is_page_number(lines[i + 1]))
    return (before and after) or beside_page


def _heading_like(line: str) -> bool:
    """A short title-case line without digits or final punctuation (a heading or running header)."""
    s = line.strip()
    words = s.split()
    if not words or any(ch.isdigit() for ch in s.lstrip("0123456789. ")):
        return False
    return (
        len(words) <= 12
        and s[:1].isupper()
        and s[-1:] not in ".,;-"
        and sum(1 for w in words if w[:1].isupper()) >= 0.5 * len(words)
    )


def _ends_entry(text: str, full_width: int) -> bool:
    s = text.rstrip()
    if not s:
        return True
    if s[-1] in ".)]" or s[-1].isdigit():
        return True
    return len(s) < 0.7 * full_width


def _starts_entry(text: str) -> bool:
    body = strip_bullet(text)[0]
    if split_label(body)[1]:
        return True
    if continues_entry(body):
        return False
    return bool(author_start(body))


def continues_entry(line: str) -> bool:
    """A line that goes on with the entry above, whatever it looks like: a chapter's "In <editors> (Eds.)"
    and a notes-bibliography "Place: Publisher, 2018." line."""
    s = line.strip()[:MAX_CHARS]
    return bool(_IN_EDITORS.match(s) or _PLACE_PUBLISHER.match(s))


def _style(content: list[tuple[int, str]], lines: Sequence[str]) -> str:
    first = content[0][1]
    if strip_bullet(first)[1] and sum(1 for _, t in content if strip_bullet(t)[1]) >= 0.3 * len(content):
        return "bullet"
    kind = split_label(strip_bullet(first)[0])[1]
    if kind:
        return "label:" + kind
    indents = [len(lines[i]) - len(lines[i].lstrip()) for i, _ in content]
    low = min(indents)
    deeper = sum(1 for x in indents if x > low + 1)
    if deeper >= 0.2 * len(content) and indents[0] <= low + 1 and deeper < len(content) - 1:
        return "hanging"
    lens = sorted(len(t.strip()) for _, t in content)
    if lens[int(0.9 * (len(lens) - 1))] > 140:
        return "unwrapped"
    return "flat"


def split_entries(lines: Sequence[str], vocab: frozenset[str] = frozenset()) -> list[Entry]:
    """Split the lines of one reference section into entries (see the module docstring).

    ``vocab``: the document's words, for line-end hyphenation (:func:`join_lines`).
    """
    skip = furniture_lines(lines)
    content = [(i, ln[:20000] if len(ln) > 20000 else ln) for i, ln in enumerate(lines) if ln.strip() and i not in skip]
    if not content:
        return []
    style = _style(content, lines)
    kind = style.split(":", 1)[1] if style.startswith("label:") else ""
    widths = sorted(len(t.rstrip()) for _, t in content)
    full_width = widths[int(0.8 * (len(widths) - 1))]
    low_indent = min(len(lines[i]) - len(lines[i].lstrip()) for i, _ in content)
    groups: list[list[tuple[int, str]]] = []
    expected: int | None = None
    prev_i, prev_t = -1, ""
    for i, t in content:
        body, bullet = strip_bullet(t)
        label, lkind, _ = split_label(body)
        blank_before = prev_i >= 0 and any(not lines[j].strip() for j in range(prev_i + 1, i))
        if not groups:
            new = True
        elif style == "bullet":
            new = bullet
        elif kind:
            new = lkind == kind
            if new and kind != "brk_text" and label is not None and expected is not None:
                new = expected <= int(label) <= expected + 2
        elif style == "hanging":
            new = len(t) - len(t.lstrip()) <= low_indent + 1
        elif style == "unwrapped":
            new = not (body[:1].islower() and not _ends_entry(prev_t, 10**6))
        else:
            new = _starts_entry(t) and (_ends_entry(prev_t, full_width) or blank_before)
            if not new and blank_before and _ends_entry(prev_t, full_width) and _START_CAP.match(body) and not continues_entry(body):
                new = True
        if new and kind and label and label.isdigit():
            expected = int(label) + 1
        if new:
            groups.append([(i, t)])
        else:
            groups[-1].append((i, t))
        prev_i, prev_t = i, t
    entries = []
    for g in groups:
        first = strip_bullet(g[0][1])[0]
        label, lkind, _ = split_label(first)
        text = join_lines([first] + [strip_bullet(t)[0] if style == "bullet" else t for _, t in g[1:]], vocab)
        keep = style == "bullet" or bool(kind)
        entries.append(Entry(g[0][0], g[-1][0] + 1, text, label if keep and lkind else None))
    return entries
