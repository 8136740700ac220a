"""Finding reference lists in a document's lines and splitting them into entries.

A line-labelling CRF (AnyStyle's finder approach; labels ``ref``, ``text``,
``title``, ``meta``, ``blank``) trained on AnyStyle's annotated documents
tags every line; rules then group the ``ref`` lines into sections (page
furniture and blank lines inside a list do not break it, an isolated line
labelled otherwise between reference lines is absorbed), drop stray single
lines, and fall back on the list's shape after a reference heading when the
model took nothing there.
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache
from typing import Sequence

from .cues import MAX_CHARS, YEAR, author_start, is_page_number, is_ref_heading, is_running_header, split_label, strip_bullet
from .features import _NUM_HEAD
from .split import Entry, _heading_like, split_entries

__all__ = ["Entry", "Finder", "find_reference_sections", "split_entries", "load_finder", "MODEL_PATH"]

MODEL_PATH = os.path.join(os.path.dirname(__file__), "model.crfsuite")
_MAX_GAP = 2  # content lines labelled otherwise that may sit inside a list


def _furniture(line: str) -> bool:
    return not line.strip() or is_page_number(line) or is_running_header(line)


def _looks_like_ref(line: str) -> bool:
    body, bullet = strip_bullet(line.strip())
    kind = split_label(body)[1]
    return bool(kind or author_start(body) or (bullet and any(ch.isdigit() for ch in body[:300])))


class Finder:
    """A loaded finder model; :meth:`sections` finds the reference lists of a document."""

    def __init__(self, model_path: str = MODEL_PATH) -> None:
        import pycrfsuite

        self._tagger = None  # without a model (not trained yet), only the heading rules work
        if os.path.exists(model_path):
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(model_path)

    def labels(self, lines: Sequence[str]) -> list[str]:
        """The CRF's label for every line."""
        from .features import document_features

        if not lines:
            return []
        if self._tagger is None:
            return ["text"] * len(lines)
        return list(self._tagger.tag(document_features(lines)))

    def sections(self, lines: Sequence[str]) -> list[tuple[int, int]]:
        """Ranges ``[start, end)`` of the reference lists (first to last reference line of each)."""
        enabled = gc.isenabled()
        gc.disable()  # many small lists: the cyclic collector would cost more than the work
        try:
            return self._sections(lines)
        finally:
            if enabled:
                gc.enable()

    def _sections(self, lines: Sequence[str]) -> list[tuple[int, int]]:
        labels = self.labels(lines)
        n = len(lines)
        sections: list[list[int]] = []  # [start, last ref line]
        gap = 0  # content lines since the last reference line that do not look like entries
        block_ok = False  # the current blank-separated block of the gap began like an entry
        for i, lab in enumerate(labels):
            line = lines[i]
            if lab == "ref" and line.strip():
                if sections and gap <= _MAX_GAP:
                    sections[-1][1] = i
                else:
                    sections.append([i, i])
                gap, block_ok = 0, False
            elif lab in ("blank", "meta") or _furniture(line):
                if not line.strip():
                    block_ok = False
            elif (lab == "text" or (lab == "title" and not _heading_like(line) and not _NUM_HEAD.match(line.strip()))) and not is_ref_heading(line):
                if i > 0 and (not lines[i - 1].strip() or _furniture(lines[i - 1])) and _looks_like_ref(line):
                    block_ok = True
                if not block_ok:
                    gap += 1
            else:
                gap = _MAX_GAP + 1
        out = []
        for k, (start, last) in enumerate(sections):
            limit = sections[k + 1][0] if k + 1 < len(sections) else n
            last = _extend(lines, last, limit)
            floor = sections[k - 1][1] + 1 if k else 0
            above = _starts_upwards(lines, labels, start - 1, floor)
            start = min(start, above[-1]) if above else start
            count = sum(1 for j in range(start, last + 1) if lines[j].strip())
            if not any(_looks_like_ref(lines[j]) for j in range(start, min(last + 1, start + 5000))):
                continue  # no line begins an entry: prose the model took after a list
            if count >= 2 or _after_heading(lines, start):
                out.append((start, last + 1))
        merged: list[tuple[int, int]] = []
        for start, end in out:  # extensions may make neighbouring lists touch
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        out = _heading_fallback(lines, merged, n)
        return out or _tail_fallback(lines, labels)

    def reference_lines(self, lines: Sequence[str]) -> set[int]:
        """Indexes of the reference lines (sections minus blank lines and page furniture)."""
        taken: set[int] = set()
        for start, end in self.sections(lines):
            taken.update(j for j in range(start, end) if not _furniture(lines[j]))
        return taken


def _strong_ref(line: str) -> bool:
    body, bullet = strip_bullet(line.strip())
    _, kind, rest = split_label(body)
    if author_start(body) or (kind and author_start(rest.lstrip())):
        return True
    return bool((kind or bullet) and YEAR.search(body[:400]))


def _extend(lines: Sequence[str], last: int, limit: int) -> int:
    """Take the blank-separated blocks after a section that begin like entries (the model missed them)."""
    j = last + 1
    block_ok = False
    while j < limit:
        line = lines[j]
        if not line.strip() or _furniture(line):
            block_ok = False
        elif not block_ok:
            if j == last + 1 and not _heading_like(line) and not is_ref_heading(line):
                last = j  # the wrapped rest of the last entry
                j += 1
                continue
            if not _strong_ref(line):
                break
            block_ok = True
            last = j
        else:
            last = j
        j += 1
    return last


def _after_heading(lines: Sequence[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and is_ref_heading(lines[j])


def _heading_fallback(lines: Sequence[str], found: list[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """After the last reference heading with nothing found below it, take the lines that look like entries."""
    heads = [i for i in range(n - 1, max(n - 200000, -1), -1) if len(lines[i]) <= 80 and is_ref_heading(lines[i])]
    if not heads:
        return found
    h = heads[0]
    if any(start > h or start <= h < end for start, end in found):
        return found  # something was found below (or around) the heading already
    start = end = -1
    looks = total = 0
    for j in range(h + 1, n):
        s = lines[j].strip()
        if not s or _furniture(lines[j]):
            continue
        if s.startswith("#") or (len(s) < 60 and is_ref_heading(s)):
            break
        total += 1
        if _looks_like_ref(s):
            looks += 1
        elif total > 3 and looks < total / 2:
            break
        if start < 0:
            start = j
        end = j + 1
    if start >= 0 and looks >= max(1, total / 2):
        return sorted(found + [(start, end)])
    return found


_TAIL_GAP = 6  # content lines without an entry start that end a headless list (going upwards)


def _tail_fallback(lines: Sequence[str], labels: Sequence[str]) -> list[tuple[int, int]]:
    """A list without heading at the end of the document, found by its shape: lines that begin entries."""
    n = len(lines)
    end = n
    while end > 0 and _furniture(lines[end - 1]):
        end -= 1
    starts = _starts_upwards(lines, labels, end - 1, max(end - 20000, 0))
    if len(starts) < 3:
        return []
    first = starts[-1]
    bounds = sorted(starts) + [end]
    with_year = sum(1 for a, b in zip(bounds, bounds[1:]) if any(YEAR.search(lines[k][:MAX_CHARS]) for k in range(a, b)))
    return [(first, end)] if with_year >= 0.8 * len(starts) else []


def _starts_upwards(lines: Sequence[str], labels: Sequence[str], top: int, floor: int) -> list[int]:
    """Going up from ``top``: the lines that begin entries, until a heading or a stretch without one."""
    starts: list[int] = []
    since = 0
    for j in range(top, floor - 1, -1):
        line = lines[j]
        if _furniture(line):
            continue
        if labels[j] == "title" and _heading_like(line) or line.lstrip().startswith("#"):
            break
        if _strong_ref(line):
            starts.append(j)
            since = 0
        else:
            since += 1
            if since > _TAIL_GAP:
                break
    return starts


@lru_cache(maxsize=4)
def load_finder(model_path: str = MODEL_PATH) -> Finder:
    """The finder with its trained model (loaded once per path)."""
    return Finder(model_path)


def find_reference_sections(lines: Sequence[str]) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` of the lines that make up reference lists (heading line excluded)."""
    return load_finder().sections(lines)
