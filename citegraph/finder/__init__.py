"""Finding reference lists in a document's lines and splitting them into entries.

A line-labelling CRF (AnyStyle's finder approach; labels ``ref``, ``text``,
``title``, ``meta``, ``blank``) trained on AnyStyle's annotated documents
tags every line; rules then group the ``ref`` lines into sections (page
furniture and blank lines inside a list do not break it, an isolated line
labelled otherwise between reference lines is absorbed), drop stray single
lines, and fall back on the list's shape after a reference heading when the
model took nothing there.

Body prose is kept out by its shape: a paragraph that opens with citation
markers ("[3] showed that...", "[6], [7] report...") or carries "[n]" markers
after its start, or a sentence that only looks like "Name (2020)" ("Latency
ranged from 12 to 40 (2021)"), does not begin an entry; a list is not
extended upwards across a reference or numbered section heading, nor, when
it is numbered, by lines that do not continue its numbering downwards
("[1]" has nothing before it).
"""

from __future__ import annotations

import gc
import os
import re
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


_CITE_NUM = re.compile(r"\[[0-9]{1,3}(?:\s{0,2}[,–\-]\s{0,2}[0-9]{1,3}){0,10}\]")
_MARKER_LIST = re.compile(r"^\s{0,3}(?:[,;]|and\s|or\s|[–\-]\s{0,2}\[)")  # "[6], [7]", "[2]–[4]"; not "[3] ––––, Title"
_FUNC = re.compile(r"\b(?:the|of|and|to|in|is|that|for|with|as|this|are|be|we|it|by|was|were|has|have)\b")
_PARTICLES = frozenset(("van", "von", "de", "der", "den", "da", "del", "di", "la", "le", "du", "dos", "ten", "ter", "bell", "d'", "al"))
_NUMERIC = ("brk_num", "num_dot", "num_par")


def _prose(body: str) -> bool:
    """Body prose that only resembles an entry start (``body``: the line without bullet)."""
    label, kind, rest = split_label(body[:MAX_CHARS])
    rest = rest.lstrip()
    names = author_start(rest)
    if kind == "brk_num":
        if _MARKER_LIST.match(rest):
            return True  # "[6], [7] report ..."
        word = rest.split(" ", 1)[0].lower()
        if not names and (_CITE_NUM.search(rest) or (rest[:1].islower() and word not in _PARTICLES and _FUNC.search(rest[:60]))):
            return True  # "[3] showed that ...", "[3] found ... as in [9]"
    elif not kind and names in ("", "name_year") and _CITE_NUM.search(body[:MAX_CHARS]):
        return True  # "Audits [3], [4] found ...": an entry without label carries no "[n]" markers
    if names == "name_year":
        m = YEAR.search(rest[:120])
        words = [w for w in rest[: m.start() if m else 0].split() if any(map(str.isalpha, w))]
        if len(words) >= 3 and sum(1 for w in words if w[:1].isupper()) < 0.5 * len(words):
            return True  # "Latency ranged from 12 to 40 (2021)": mostly lower-case words before the year
    return False


def _looks_like_ref(line: str) -> bool:
    body, bullet = strip_bullet(line.strip())
    kind = split_label(body)[1]
    if not (kind or author_start(body) or (bullet and any(ch.isdigit() for ch in body[:300]))):
        return False
    return not _prose(body)


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
            start = _trim_prose(lines, start, last)
            if start > last:
                continue  # only body paragraphs that open with citation markers
            last = _trim_prose_tail(lines, start, last)
            above = _starts_upwards(lines, labels, start - 1, floor, _number(lines[start]))
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
    if _prose(body):
        return False
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
            if not _strong_ref(line) or _section_heading(line):
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


def _number(line: str) -> tuple[str, int] | None:
    """``(kind, n)`` of a numerically labelled line ("[3] ...", "3. ...", "(3) ..."), else None."""
    label, kind, _ = split_label(strip_bullet(line.strip())[0])
    return (kind, int(label)) if kind in _NUMERIC and label and label.isdigit() else None


def _trim_prose(lines: Sequence[str], start: int, last: int) -> int:
    """Past the body paragraphs the model took at the top of a list ("[3] showed that ..."): the first entry start."""
    if not _prose(strip_bullet(lines[start].strip())[0]):
        return start
    for j in range(start + 1, last + 1):
        if not _furniture(lines[j]) and _strong_ref(lines[j]):
            return j
    return last + 1


def _trim_prose_tail(lines: Sequence[str], start: int, last: int) -> int:
    """Before the body paragraphs the model took after a list (an appendix citing "[3]"): its last entry line."""
    cut = -1
    for j in range(start + 1, last + 1):
        line = lines[j]
        if _furniture(line):
            continue
        body = strip_bullet(line.strip())[0]
        opens = not lines[j - 1].strip() or _furniture(lines[j - 1]) or split_label(body[:60])[1] == "brk_num"
        if opens and _prose(body):
            if cut < 0:
                cut = j
        elif cut >= 0 and _strong_ref(line):
            cut = -1  # entries follow: the prose-like line was inside the list
    if cut < 0:
        return last
    j = cut - 1
    while j > start and (_furniture(lines[j]) or (_isolated_heading(lines, j))):
        j -= 1
    return j


def _isolated_heading(lines: Sequence[str], j: int) -> bool:
    """A heading line between blank lines ("APPENDIX", "A. Proofs")."""
    blank_around = not lines[j - 1].strip() and (j + 1 >= len(lines) or not lines[j + 1].strip())
    return blank_around and (_section_heading(lines[j]) or _heading_like(lines[j][:MAX_CHARS]))


_KEY_HEAD = re.compile(r"^(?:chapter|part|appendix|section)\b", re.I)


def _section_heading(line: str) -> bool:
    """A reference heading or a numbered section heading ("IV. RESULTS", "3 Method", "Appendix A. Proofs")."""
    if len(line) > 120:
        return False
    s = line.strip()
    if is_ref_heading(s):
        return True
    if not _heading_like(s) or not _NUM_HEAD.match(s):
        return False
    # "12. Okafor A, Novak K" (the wrapped first line of an entry) is no heading
    return bool(_KEY_HEAD.match(s)) or ("," not in s and not author_start(split_label(s)[2].lstrip()))


def _starts_upwards(
    lines: Sequence[str], labels: Sequence[str], top: int, floor: int, below: tuple[str, int] | None = None
) -> list[int]:
    """Going up from ``top``: the lines that begin entries, until a heading or a stretch without one.

    ``below``: the numbering of the entry under ``top`` (kind, number); a numbered list
    only takes the entries numbered just before it, and nothing above its entry 1.
    """
    starts: list[int] = []
    since = 0
    for j in range(top, floor - 1, -1):
        line = lines[j]
        if _furniture(line):
            continue
        if labels[j] == "title" and _heading_like(line) or line.lstrip().startswith("#") or _section_heading(line):
            break
        if below is not None and below[1] <= 1:
            break  # a numbered list begins at its entry 1
        ok = _strong_ref(line)
        if ok and below is not None:
            num = _number(line)
            ok = num is not None and num[0] == below[0] and below[1] - 3 <= num[1] < below[1]
        if ok:
            if below is not None or not starts:
                below = _number(line)  # a headless list (``below`` None) takes its numbering from its last entry
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
