"""Note markers in the body of a notes-bibliography document: "governance.¹", "[^3]", "<sup>4</sup>", "^5^",
and, only when the document has numbered notes, plain trailing numbers "governance.12", "argues,3", 'necessity,"4'.

Markers are only taken for labels the document's notes define. Plain
trailing numbers are weak evidence (a page number, a count), so they are
read only when no typographic marker is found, must follow punctuation that
ends a word of two letters or more (not "p.12", "A.1", "2.5"), and must run
in sequence: each is the next note number or skips at most two.
"""

from __future__ import annotations

import bisect
import re
from typing import Collection, Sequence

from ..model import CiteKey
from .found import Found
from .numeric import find_numeric

__all__ = ["find_note_markers", "find_footnote_marks"]

_MD_REF = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")
_TRAILING = re.compile(r"(?<=[.,;:!?\"”’)])[0-9]{1,3}(?![0-9A-Za-z])(?![.,][0-9])")
_WORD_BEFORE = re.compile(r"([0-9A-Za-zÀ-ÿ]{1,40})[.,;:!?]{0,2}[\"”’)]{0,2}$")
_ABBREV = frozenset("p pp no nos vol vols ch chap fig figs sec eq n nn para art arts ed eds op cit ibid id table".split())
_MAX_SKIP = 2
_GLUED = re.compile(r"(?<=[a-z])[0-9]{1,3}(?![0-9A-Za-z])(?![.,][0-9])")
_GLUED_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,40}$")


def _number(label: str) -> int | None:
    return int(label) if label.isdigit() else None


def _strong(text: str, labels: Collection[str]) -> list[Found]:
    out: list[Found] = []
    for m in _MD_REF.finditer(text):
        lab = m.group(1)
        if lab in labels:
            out.append(Found(m.group(0), CiteKey(number=_number(lab)), m.start(), m.end()))
    for f in find_numeric(text, True):
        if f.marker[:1] not in "[(" and f.key.number is not None and str(f.key.number) in labels:
            out.append(f)
    return out


def _weak(text: str, labels: Collection[str]) -> list[Found]:
    numbers = sorted(int(lab) for lab in labels if lab.isdigit())
    if not numbers:
        return []
    out: list[Found] = []
    last = numbers[0] - 1
    for m in _TRAILING.finditer(text):
        n = int(m.group(0))
        if not last < n <= last + 1 + _MAX_SKIP or str(n) not in labels:
            continue
        w = _WORD_BEFORE.search(text, max(0, m.start() - 48), m.start())
        word = w.group(1) if w else ""
        if len(word) < 2 or not any(c.isalpha() for c in word) or word.lower() in _ABBREV:
            continue
        out.append(Found(m.group(0), CiteKey(number=n), m.start(), m.end()))
        last = n
    return out


def find_note_markers(text: str, labels: Collection[str]) -> list[Found]:
    """Note markers of ``text`` for the note ``labels`` ("1", "2", "curran"), one :class:`Found` per note, in order."""
    if not labels:
        return []
    found = _strong(text, labels)
    if not found:
        found = _weak(text, labels)
    found.sort(key=lambda f: (f.start, f.key.number or 0))
    return found


def _mark_ok(text: str, start: int, glued: bool) -> bool:
    """Whether a number at ``start`` follows a word as a note mark does ("rank.1", "sells,10", "argues3")."""
    if glued:
        w = _GLUED_WORD.search(text, max(0, start - 40), start)
        if not w or w.group(0).isupper():
            return False
        k = w.start()
        return k == 0 or not (text[k - 1].isalnum() or text[k - 1] in "-_/")
    w = _WORD_BEFORE.search(text, max(0, start - 48), start)
    word = w.group(1) if w else ""
    return len(word) >= 2 and any(c.isalpha() for c in word) and word.lower() not in _ABBREV


def _candidates(text: str, labels: set[str], spans: list[tuple[int, int]]) -> dict[str, list[tuple[int, int, bool]]]:
    """Every possible mark of each label: ``(start, end, glued)`` in text order, footnote text left out."""
    starts = [a for a, _ in spans]
    out: dict[str, list[tuple[int, int, bool]]] = {}
    glued_seen: dict[str, int] = {}
    glued: list[tuple[str, int, int, str]] = []
    for pattern, is_glued in ((_TRAILING, False), (_GLUED, True)):
        for m in pattern.finditer(text):
            lab = m.group(0)
            if lab not in labels:
                continue
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < spans[i][1]:
                continue
            if not _mark_ok(text, m.start(), is_glued):
                continue
            if is_glued:
                w = _GLUED_WORD.search(text, max(0, m.start() - 40), m.start())
                token = (w.group(0) if w else "") + lab
                glued_seen[token] = glued_seen.get(token, 0) + 1
                glued.append((token, m.start(), m.end(), lab))
                continue
            out.setdefault(lab, []).append((m.start(), m.end(), False))
    for token, a, b, lab in glued:
        if glued_seen[token] == 1:  # "mp3", "H2": a word with a number, written so more than once, is no mark
            out.setdefault(lab, []).append((a, b, True))
    for v in out.values():
        v.sort()
    return out


def find_footnote_marks(
    text: str, notes: Sequence[tuple[str, int]], skip: Sequence[tuple[int, int]] = ()
) -> list[Found]:
    """The marks of a PDF's footnotes in ``text``: plain digits after a word ("rank it.1 Researchers").

    ``notes`` are ``(label, end)`` in note order: the numeric label and the
    offset in ``text`` where the footnote itself begins (its mark comes before
    it); ``skip`` are the offset ranges of the footnotes' own text. Each mark
    is the first occurrence of its note's number after the previous mark,
    right after punctuation that ends a word ("organisation.3", 'said,"4'),
    or else glued to a lower-case word of three letters or more
    ("argues3", written so once); page numbers, counts and years ("in 2019
    3", "p.12", "Table 2", "2.5") never are.
    """
    spans = sorted((int(a), int(b)) for a, b in skip)
    labels = {lab for lab, _ in notes if lab.isdigit()}
    cands = _candidates(text, labels, spans) if labels else {}
    out: list[Found] = []
    pos = 0
    for label, end in notes:
        options = cands.get(label, [])
        hi = min(len(text), max(0, int(end)))
        k = bisect.bisect_left(options, (pos, -1, False))
        best: tuple[int, int, bool] | None = None
        while k < len(options) and options[k][0] < hi:
            if not options[k][2]:
                best = options[k]
                break
            best = best or options[k]
            k += 1
        if best is not None:
            out.append(Found(label, CiteKey(number=int(label)), best[0], best[1]))
            pos = best[1]
    return out
