"""Note markers in the body of a notes-bibliography document: "governance.¹", "[^3]", "<sup>4</sup>", "^5^",
and, only when the document has numbered notes, plain trailing numbers "governance.12", "argues,3", 'necessity,"4'.

Markers are only taken for labels the document's notes define. Plain
trailing numbers are weak evidence (a page number, a count), so they are
read only when no typographic marker is found, must follow punctuation that
ends a word of two letters or more (not "p.12", "A.1", "2.5"), and must run
in sequence: each is the next note number or skips at most two.
"""

from __future__ import annotations

import re
from typing import Collection

from ..model import CiteKey
from .found import Found
from .numeric import find_numeric

__all__ = ["find_note_markers"]

_MD_REF = re.compile(r"\[\^([^\]\s]{1,40})\](?!:)")
_TRAILING = re.compile(r"(?<=[.,;:!?\"”’)])[0-9]{1,3}(?![0-9A-Za-z])(?![.,][0-9])")
_WORD_BEFORE = re.compile(r"([0-9A-Za-zÀ-ÿ]{1,40})[.,;:!?]{0,2}[\"”’)]{0,2}$")
_ABBREV = frozenset("p pp no nos vol vols ch chap fig figs sec eq n nn para art arts ed eds op cit ibid id table".split())
_MAX_SKIP = 2


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
