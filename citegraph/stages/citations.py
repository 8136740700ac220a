"""Stage: find the in-text citation markers of the body text (one :class:`Citation` per cited item).

The finding itself lives in :mod:`citegraph.citefind`; this stage feeds it what
the reference list tells (numbered or not, the authors' surnames), attaches
each marker's sentence and source span, and leaves every citation "dangling"
for the linking stage to resolve.

Notes-bibliography documents (``meta["note_sections"]``, set by the
refsection stage) are the exception: each note marker ("¹", "[^3]",
"governance.12") becomes one citation per work its note cites, linked here
already (:func:`citegraph.citefind.noteworks.resolve_notes`: to the
bibliography entry, or to the first full note of a work the bibliography
lacks, which then stays in ``references``; "Ibid." and short notes to the
earlier work). The notes themselves leave ``references``; the marker offsets
go to ``meta["note_markers"]`` so that the linking stage keeps these links.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..citefind import Found, find_citations, fold_name
from ..citefind.notes import find_note_markers
from ..citefind.noteworks import resolve_notes
from ..model import Citation, CiteKey, Extraction, Reference
from ..resources import Resources
from .sentences import sentence_at, split_sentences

__all__ = ["Found", "find_citations", "run", "reference_names", "lowercase_names", "is_numbered", "split_notes"]


def is_numbered(references: Sequence[Reference]) -> bool:
    """Whether the reference list is numbered ("[3] ...", "3. ..."): any entry carries a numeric label."""
    for ref in references:
        label = (ref.label or str(ref.csl.get("citation-number", "") or "")).strip().strip("[]().")
        if label.isdigit():
            return True
    return False


def reference_names(references: Sequence[Reference]) -> frozenset[str]:
    """Folded surnames (and literal names) of every author of every entry."""
    names: set[str] = set()
    for ref in references:
        for person in ref.csl.get("author", None) or ref.csl.get("editor", None) or ():
            if not isinstance(person, dict):
                continue
            for part in (person.get("family"), person.get("literal")):
                if part:
                    names.add(fold_name(str(part)))
                    names.update(fold_name(w) for w in str(part).split() if len(w) > 2)
        # the author region of the raw entry, in case the parsed authors are off
        names.update(fold_name(w) for w in re.findall(r"[^\W\d_][\w'’-]{1,40}", ref.raw[:60]) if w[0].isupper())
    names.discard("")
    return frozenset(names)


def lowercase_names(references: Sequence[Reference]) -> frozenset[str]:
    """Surnames the reference list writes in lower case ("boyd, d. (2014)", "hooks, b."), as written."""
    names: set[str] = set()
    for ref in references:
        people = ref.csl.get("author", None) or ref.csl.get("editor", None) or ()
        for person in people[:12] if isinstance(people, (list, tuple)) else ():
            fam = str(person.get("family") or "") if isinstance(person, dict) else ""
            last = fam.split()[-1] if fam.split() else ""
            if last.isalpha() and last.islower():
                names.add(last)
        m = re.match(r"\s{0,4}(?:\[\d{1,4}\]\s{0,3}|\d{1,4}\.\s{1,3})?([a-z]{3,30}),", ref.raw)
        if m:
            names.add(m.group(1))
    names -= {"van", "von", "der", "den", "del", "della", "and", "the"}
    return frozenset(names)


def split_notes(x: Extraction) -> tuple[list[Reference], list[Reference]]:
    """``(bibliography entries, notes)`` of ``x.references``: notes are the entries inside ``meta["note_sections"]``."""
    ranges = [(int(a), int(b)) for a, b in x.meta.get("note_sections", ()) or ()]
    if not ranges:
        return list(x.references), []
    bib: list[Reference] = []
    notes: list[Reference] = []
    for ref in x.references:
        i = ref.source.line - 1
        (notes if any(a <= i < b for a, b in ranges) else bib).append(ref)
    return bib, notes


def _parser(res: Resources):
    try:
        return res.ref_parser.parse
    except Exception:  # no model: the notes keep the parse they have
        return None


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``x.citations`` with every cited item of ``x.text`` (status "dangling", no references yet; see notes above)."""
    if not x.text:
        return x
    bib, notes = split_notes(x)
    references = tuple(bib) if notes else x.references
    numbered: bool | None = None
    if references:
        numbered = True if is_numbered(references) else None
    known = reference_names(references) if references else None
    lower = lowercase_names(references)
    author_page = bool(references) and not numbered
    markers: list[Found] = []
    if notes:
        markers = find_note_markers(x.text, {n.label for n in notes if n.label})
    found = find_citations(x.text, numbered, known, lower_names=lower, author_page=author_page)
    if notes:  # superscripts are note markers; "[3]" stays a citation of a numbered list
        taken = [(f.start, f.end) for f in markers]
        found = [f for f in found if not (f.key.number is not None and (f.marker[:1] != "[" or not numbered)) and not any(a < f.end and f.start < b for a, b in taken)]
    if numbered is None and references and any(f.key.number is None for f in found):
        found = [f for f in found if f.key.number is None]  # author-year list: "[1]" are notes, not citations
    if numbered and not any(f.key.number is not None for f in found) and not markers:
        found = find_citations(x.text, numbered, known, paren_numeric=True, lower_names=lower)
    spans = split_sentences(x.text)

    def sentence(f: Found) -> str:
        s, e = sentence_at(spans, f.start)
        return x.text[s:e] if s <= f.start < e else x.text[f.start : f.end]

    cites = [Citation(marker=f.marker, key=f.key, sentence=sentence(f), source=x.span(f.start, f.end)) for f in found]
    if not notes:
        return replace(x, citations=tuple(cites))
    by_label, works = resolve_notes(notes, bib, _parser(res))
    for f in markers:
        label = f.marker[2:-1] if f.marker.startswith("[^") else str(f.key.number)
        for nc in by_label.get(label, ()):
            key = CiteKey(authors=(nc.author,) if nc.author else (), year=nc.year, number=f.key.number, locator=nc.locator)
            why = {"resolved": "", "ambiguous": f"note {label}: {len(nc.ids)} entries match '{nc.text}'"}.get(
                nc.status, f"note {label} ('{nc.text}') names no entry of the bibliography and no earlier note"
            )
            cites.append(Citation(f.marker, key, sentence(f), x.span(f.start, f.end), nc.ids, nc.status, why))  # type: ignore[arg-type]
    cites.sort(key=lambda c: (c.source.start, c.source.end))
    meta = dict(x.meta)
    meta["note_markers"] = tuple((f.start, f.end) for f in markers)
    return replace(x, citations=tuple(cites), references=tuple(sorted(bib + works, key=lambda r: r.source.line)), meta=meta)
