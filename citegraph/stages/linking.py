"""Stage: link each in-text citation to its reference-list entry (resolved | dangling | ambiguous).

Matching rules live in :mod:`citegraph.linkmatch`. Problems reported: one
"dangling" per citation with no entry (with a "did you mean ...?" suggestion
when a near miss exists), one "ambiguous" per citation naming several entries,
and one "uncited" per entry never cited (only when the document cites at all;
an entry repeated word for word is reported once). When most of a list is
never cited (at least :data:`MANY_UNCITED` entries and over half of them) the
likely cause is a citation style the finder does not read, so one
"uncited-many" note replaces the entry-by-entry list: an audit must not cry wolf.

Note markers of a notes-bibliography document (offsets in
``meta["note_markers"]``) were linked by the citations stage through their
notes; their links are kept as they are, and their problems reported here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..linkmatch import Match, describe, match, ref_key
from ..model import Citation, Extraction, Problem, Reference
from ..resources import Resources

__all__ = ["link", "run", "MANY_UNCITED"]

MANY_UNCITED = 5


def _norm(raw: str) -> str:
    return " ".join(raw.split()).casefold()


def _ambiguous_hint(c: Citation) -> str:
    if c.key.number is not None:
        return "renumber the list so that each number names one entry"
    if not c.key.year:
        return 'add a short title to tell them apart, e.g. (Name, "Title" 12)'
    y = c.key.year
    return f"use year suffixes ({y}a, {y}b) in the entries and the citation, or name a co-author, to tell them apart"


def link(citations: Sequence[Citation], references: Sequence[Reference]) -> tuple[Citation, ...]:
    """Each citation with ``status``, ``references`` (entry ids) and ``note`` filled in."""
    keys = [ref_key(r) for r in references]
    out = []
    for c in citations:
        m = match(c.key, keys)
        out.append(replace(c, status=m.status, references=m.ids, note=m.note))
    return tuple(out)


def run(x: Extraction, res: Resources) -> Extraction:
    """Link ``x.citations`` to ``x.references`` and report dangling, ambiguous and uncited items."""
    if not x.citations:
        return x
    keys = [ref_key(r) for r in x.references]
    linked = []
    problems: list[tuple[str, str, int, str]] = []
    prelinked = {(int(a), int(b)) for a, b in x.meta.get("note_markers", ()) or ()}
    for c in x.citations:
        if (c.source.start, c.source.end) in prelinked:
            m = Match(c.status, c.references, c.note, "check the note, or add the work to the bibliography" if c.status == "dangling" else "")
        else:
            m = match(c.key, keys)
        linked.append(replace(c, status=m.status, references=m.ids, note=m.note))
        if m.status == "dangling":
            why = m.note if m.note.startswith("note ") else "no entry" if x.references else "no entry (the document has no reference list)"
            problems.append(("dangling", f"{c.marker}: {why}", c.source.line, m.suggestion))
        elif m.status == "ambiguous":
            hint = "give the work's title in the note" if (c.source.start, c.source.end) in prelinked else _ambiguous_hint(c)
            problems.append(("ambiguous", f"{c.marker}: {m.note}", c.source.line, hint))
    cited = {rid for c in linked for rid in c.references}
    cited_text = {_norm(r.raw) for r in x.references if r.id in cited}
    uncited = []
    seen: set[str] = set()
    for ref in x.references:
        norm = _norm(ref.raw)
        if ref.id not in cited and norm not in cited_text and norm not in seen:
            uncited.append(ref)
        seen.add(norm)
    if len(uncited) >= MANY_UNCITED and 2 * len(uncited) > len(seen):
        problems.append(
            (
                "uncited-many",
                f"{len(uncited)} of {len(seen)} entries are never found cited in the text",
                0,
                "the in-text citation style may not be recognised; check the citations by hand",
            )
        )
    else:
        for ref in uncited:
            problems.append(("uncited", f"{describe(ref)}: never cited in the text", ref.source.line, "cite it in the text or remove it from the list"))
    new = tuple(Problem(x.path, code, message, line, suggestion) for code, message, line, suggestion in problems)
    return replace(x, citations=tuple(linked), problems=x.problems + new)
