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

A PDF's footnotes (``meta["note_source"] == "footnotes"``) stay in the body
text: they count as the notes only when they cite (one names a bibliography
entry, or, with no bibliography, half of them cite a work); their marks are
plain digits after a word ("rank it.1 Researchers", found before each
footnote and in sequence, :func:`citegraph.citefind.notes.find_footnote_marks`),
and what a citing footnote says is not read again as an author-year citation.
Footnotes that are asides leave ``references`` and the text is read as usual.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..citefind import Found, find_citations, fold_name
from ..citefind.notes import find_footnote_marks, find_note_markers
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
    """Surnames the reference list writes in lower case ("boyd, d. (2014)", "Caplan, R., & boyd, d.", "hooks, b."), as written.

    Only names an entry writes as a surname (parsed as one, or followed by
    initials in the entry's author part) count, so ordinary words never do.
    """
    names: set[str] = set()
    for ref in references:
        people = ref.csl.get("author", None) or ref.csl.get("editor", None) or ()
        for person in people[:12] if isinstance(people, (list, tuple)) else ():
            if not isinstance(person, dict):
                continue
            fam = str(person.get("family") or "")
            literal = str(person.get("literal") or "").strip()
            if not fam and "given" not in person and " " not in literal:
                fam = literal  # a one-word name the parser could not split: "boyd"
            last = fam.split()[-1] if fam.split() else ""
            if last.isalpha() and last.islower():
                names.add(last)
        m = re.match(r"\s{0,4}(?:\[\d{1,4}\]\s{0,3}|\d{1,4}\.\s{1,3})?([a-z]{3,30}),", ref.raw)
        if m:
            names.add(m.group(1))
        head = _AUTHOR_PART.match(ref.raw[:400])
        if head:  # "Caplan, R., & boyd, d. (2018)": a lower-case surname followed by initials
            names.update(_LOWER_SURNAME.findall(head.group(1)))
    names -= {"van", "von", "der", "den", "del", "della", "and", "the"}
    return frozenset(n for n in names if len(n) >= 3)


_AUTHOR_PART = re.compile(r"([^()]{1,300}?)(?:\(\s{0,2}(?:1[5-9]|20)[0-9]{2}|\b(?:1[5-9]|20)[0-9]{2}\b)")
_LOWER_SURNAME = re.compile(r"(?:^|[,&;]\s{0,3}|\band\s{1,3})([a-z]{3,30}),\s{0,3}[A-Za-z]\.")


def _note_ranges(x: Extraction) -> list[tuple[int, int]]:
    """The ``[start, end)`` line ranges (0-based) of the notes, from ``meta["note_sections"]``."""
    return [(int(a), int(b)) for a, b in x.meta.get("note_sections", ()) or ()]


def split_notes(x: Extraction) -> tuple[list[Reference], list[Reference]]:
    """``(bibliography entries, notes)`` of ``x.references``: notes are the entries inside ``meta["note_sections"]``."""
    ranges = _note_ranges(x)
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


def _footnote_windows(x: Extraction, notes: Sequence[Reference]) -> tuple[list[tuple[str, int]], list[tuple[int, int]]]:
    """For PDF footnotes kept in the body: ``(label, offset where the footnote begins)`` and the footnotes' text spans."""
    ranges = _note_ranges(x)
    first: dict[int, int] = {}
    spans: list[list[int]] = []
    for ln in x.lines:
        i = ln.number - 1
        if any(a <= i < b for a, b in ranges):
            first.setdefault(i, ln.offset)
            if spans and spans[-1][1] >= ln.offset - 2:
                spans[-1][1] = ln.offset + len(ln.text)
            else:
                spans.append([ln.offset, ln.offset + len(ln.text)])
    windows = [(n.label or "", first.get(n.source.line - 1, len(x.text))) for n in notes]
    return windows, [(a, b) for a, b in spans]


def _citing_footnotes(by_label: dict, bib: Sequence[Reference], notes: Sequence[Reference]) -> bool:
    """Whether a PDF's footnotes are the document's citations (Chicago notes) rather than asides.

    They are when a footnote names an entry of the bibliography, or, with no
    bibliography, when half the footnotes (two at least) cite a work.
    """
    bib_ids = {r.id for r in bib}
    if any(i in bib_ids for cites in by_label.values() for nc in cites for i in nc.ids):
        return True
    citing = sum(1 for cites in by_label.values() if any(nc.ids for nc in cites))
    return not bib and citing >= 2 and 2 * citing >= len(notes)


#: A citing sentence longer than this is kept as the words around its marker.
MAX_SENTENCE = 800


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``x.citations`` with every cited item of ``x.text`` (status "dangling", no references yet; see notes above)."""
    if not x.text:
        return x
    bib, notes = split_notes(x)
    footnotes = x.meta.get("note_source") == "footnotes"
    by_label: dict = {}
    works: list[Reference] = []
    if notes:
        by_label, works = resolve_notes(notes, bib, _parser(res))
        if footnotes and not _citing_footnotes(by_label, bib, notes):
            x = replace(x, references=tuple(bib))  # asides: the document cites in its text, not in its footnotes
            notes, by_label, works = [], {}, []
    references = tuple(bib) if notes else x.references
    numbered: bool | None = None
    if references:
        numbered = True if is_numbered(references) else None
    known = reference_names(references) if references else None
    lower = lowercase_names(references)
    author_page = bool(references) and not numbered
    markers: list[Found] = []
    note_text: list[tuple[int, int]] = []
    if notes and footnotes:
        windows, note_text = _footnote_windows(x, notes)
        markers = find_footnote_marks(x.text, windows, note_text)
    elif notes:
        markers = find_note_markers(x.text, {n.label for n in notes if n.label})
    found = find_citations(x.text, numbered, known, lower_names=lower, author_page=author_page)
    if notes:  # superscripts are note markers; "[3]" stays a citation of a numbered list
        taken = [(f.start, f.end) for f in markers]
        found = [f for f in found if not (f.key.number is not None and (f.marker[:1] != "[" or not numbered)) and not any(a < f.end and f.start < b for a, b in taken)]
    if note_text:  # what a citing footnote says is read through the note, not again as a citation of the text
        found = [f for f in found if not any(a <= f.start < b for a, b in note_text)]
    if numbered is None and references and any(f.key.number is None for f in found):
        found = [f for f in found if f.key.number is None]  # author-year list: "[1]" are notes, not citations
    if numbered and not any(f.key.number is not None for f in found) and not markers:
        found = find_citations(x.text, numbered, known, paren_numeric=True, lower_names=lower)
    spans = split_sentences(x.text)

    def sentence(f: Found) -> str:
        s, e = sentence_at(spans, f.start)
        if not s <= f.start < e:
            return x.text[f.start : f.end]
        if e - s > MAX_SENTENCE:  # a run-on "sentence" (a table, a list, hostile text): the words around the marker
            s = max(s, f.start - MAX_SENTENCE // 2)
            e = min(e, s + MAX_SENTENCE)
            return "…" + x.text[s:e].strip() + "…"
        return x.text[s:e]

    cites = [Citation(marker=f.marker, key=f.key, sentence=sentence(f), source=x.span(f.start, f.end)) for f in found]
    if not notes:
        return replace(x, citations=tuple(cites))
    budget = max(1000, len(x.text) // 8)  # note citations: at most one per 8 characters of text, so a hostile note cited by every marker stays linear
    for f in markers:
        label = f.marker[2:-1] if f.marker.startswith("[^") else str(f.key.number)
        if len(cites) >= budget:
            x = x.with_problem("too-many-notes", f"more note citations than the text can hold; those after offset {f.start} are left out")
            break
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
