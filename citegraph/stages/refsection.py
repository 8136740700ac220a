"""Stage ``refsection``: find the reference list(s) in ``raw_lines`` and split them into entries.

Notes-bibliography documents (Chicago notes): a notes section ("Notes" and
numbered notes) and runs of Markdown footnote definitions ("[^3]: ...") are
found first (:func:`citegraph.citefind.notelist.find_notes`); they are cut
out of the reference lists the finder found (so that notes are never merged
into the bibliography), each note becomes a :class:`Reference` (``label`` the
note label, ``raw`` the note text) so that the reference parser reads it, the
notes' line ranges are added to ``ref_sections`` (they are not body text) and
listed in ``meta["note_sections"]``. The citations stage decides what each
note cites.

A PDF's footnotes (``meta["notes"]``, taken out of the page text by the
reader) are the document's numbered notes when it has no notes section:
they become notes the same way, but stay body text (their ranges are not
added to ``ref_sections``; ``meta["note_source"]`` is "footnotes"), and they
are cut out of a reference list the reader flushed them into.

Choice for documents with several reference lists (chapter bibliographies):
``references`` holds the entries of *all* lists in document order and
``ref_sections`` their line ranges (``Extraction.ref_section`` is the main
one). Lists interrupted only by page furniture are one list already.

A document with no list gets no problem unless its text cites ("[1]",
"(Name, 2020)", "Name (2020)"): then it gets a ``no-references`` problem.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..citefind.notelist import find_notes, footnote_sections
from ..finder import find_reference_sections, split_entries
from ..finder.cues import has_citation_marker
from ..hyphenation import vocabulary
from ..model import Extraction, Reference, Span
from ..resources import Resources

__all__ = ["run"]

_NOTE_CITES = re.compile(r"^\s{0,3}(?:ibid|id\.)|[(,]\s{0,3}(?:1[5-9]|20)[0-9]{2}\)|\b(?:1[5-9]|20)[0-9]{2}\),", re.I)
_SCAN_CHARS = 20000  # per line, when looking for citation markers


def _cites(lines: tuple[str, ...]) -> bool:
    return any(has_citation_marker(ln[:_SCAN_CHARS]) for ln in lines)


def _minus(sections: list[tuple[int, int]], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``sections`` with the line ranges of ``cuts`` (notes, with the heading line above each) taken out."""
    out = list(sections)
    for a, b in cuts:
        nxt: list[tuple[int, int]] = []
        for s, e in out:
            if e <= a or s >= b:
                nxt.append((s, e))
                continue
            if s < a:
                nxt.append((s, a))
            if e > b:
                nxt.append((b, e))
        out = nxt
    return out


def _citing(note: str) -> bool:
    """A footnote that reads like a citation: "Ibid.", or a year in brackets or after a comma."""
    return bool(_NOTE_CITES.search(note[:600]))


def _has_content(lines: tuple[str, ...], start: int, end: int) -> bool:
    return any(lines[j].strip() for j in range(start, end))


def run(x: Extraction, res: Resources) -> Extraction:
    """Set ``ref_sections`` and ``references`` from ``x.raw_lines`` (notes included, see the module docstring)."""
    if x.fmt == "bib" or (x.document is not None and x.document.kind == "bib"):
        return x
    lines = x.raw_lines
    notes = find_notes(lines)
    footnotes = bool(not notes and x.meta.get("notes"))
    vocab = vocabulary(lines) if footnotes else frozenset()
    if footnotes:  # a PDF's footnotes: the document's numbered notes; they stay body text
        notes = footnote_sections(lines, x.meta.get("notes", ()), vocab)
    note_ranges = [(sec.start, sec.end) for sec in notes]
    sections = find_reference_sections(lines)
    if notes:
        cuts = [
            (max(0, a - 1) if not footnotes and a > 0 and lines[a - 1].strip() and not lines[a].lstrip().startswith("[^") else a, b)
            for a, b in note_ranges
        ]
        sections = [(a, b) for a, b in _minus(sections, cuts) if _has_content(lines, a, b)]
    doc_id = x.document.id if x.document is not None else Path(x.path).stem
    found: list[tuple[int, str, str | None, bool]] = []  # (line index, text, label, is a note)
    if not vocab and (sections or notes):
        vocab = vocabulary(lines)
    for start, end in sections:
        for entry in split_entries(lines[start:end], vocab):
            found.append((start + entry.start, entry.text, entry.label, False))
    for sec in notes:
        for note in sec.notes:
            found.append((note.line, note.text, note.label, True))
    found.sort(key=lambda t: t[0])
    refs = [
        Reference(id=f"{doc_id}:{n}", raw=text, csl={}, source=Span(x.path, line + 1, 0, 0), label=label)
        for n, (line, text, label, _) in enumerate(found, 1)
    ]
    all_sections = tuple(sorted(sections + ([] if footnotes else note_ranges)))
    out = replace(x, ref_sections=all_sections, references=tuple(refs))
    if notes:
        meta = dict(x.meta)
        meta["note_sections"] = tuple(note_ranges)
        if footnotes:
            meta["note_source"] = "footnotes"
        out = replace(out, meta=meta)
    citing_notes = bool(notes) and (not footnotes or any(_citing(n.text) for sec in notes for n in sec.notes))
    if not any(not is_note for *_, is_note in found) and _cites(lines) and not citing_notes:
        out = out.with_problem(
            "no-references",
            "the text cites sources but no reference list was found",
            suggestion="check that the file is complete; a list needs a heading such as 'References' or entries one per line",
        )
    return out
