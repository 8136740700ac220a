"""Stage ``refsection``: find the reference list(s) in ``raw_lines`` and split them into entries.

Choice for documents with several reference lists (chapter bibliographies):
``references`` holds the entries of *all* lists in document order and
``ref_sections`` their line ranges (``Extraction.ref_section`` is the main
one). Lists interrupted only by page furniture are one list already.

A document with no list gets no problem unless its text cites ("[1]",
"(Name, 2020)", "Name (2020)"): then it gets a ``no-references`` problem.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..finder import find_reference_sections, split_entries
from ..finder.cues import has_citation_marker
from ..hyphenation import vocabulary
from ..model import Extraction, Reference, Span
from ..resources import Resources

__all__ = ["run"]

_SCAN_CHARS = 20000  # per line, when looking for citation markers


def _cites(lines: tuple[str, ...]) -> bool:
    return any(has_citation_marker(ln[:_SCAN_CHARS]) for ln in lines)


def run(x: Extraction, res: Resources) -> Extraction:
    """Set ``ref_sections`` and ``references`` from ``x.raw_lines``."""
    if x.fmt == "bib" or (x.document is not None and x.document.kind == "bib"):
        return x
    lines = x.raw_lines
    sections = find_reference_sections(lines)
    doc_id = x.document.id if x.document is not None else Path(x.path).stem
    refs: list[Reference] = []
    vocab = vocabulary(lines) if sections else frozenset()
    for start, end in sections:
        for entry in split_entries(lines[start:end], vocab):
            n = len(refs) + 1
            source = Span(x.path, start + entry.start + 1, 0, 0)
            refs.append(Reference(id=f"{doc_id}:{n}", raw=entry.text, csl={}, source=source, label=entry.label))
    out = replace(x, ref_sections=tuple(sections), references=tuple(refs))
    if not refs and _cites(lines):
        out = out.with_problem(
            "no-references",
            "the text cites sources but no reference list was found",
            suggestion="check that the file is complete; a list needs a heading such as 'References' or entries one per line",
        )
    return out
