"""Stage: link each in-text citation to its reference-list entry (resolved | dangling | ambiguous).

Matching rules live in :mod:`citegraph.linkmatch`. Problems reported: one
"dangling" per citation with no entry (with a "did you mean ...?" suggestion
when a near miss exists), one "ambiguous" per citation naming several entries,
and one "uncited" per entry never cited (only when the document cites at all).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..linkmatch import describe, match, ref_key
from ..model import Citation, Extraction, Problem, Reference
from ..resources import Resources

__all__ = ["link", "run"]


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
    for c in x.citations:
        m = match(c.key, keys)
        linked.append(replace(c, status=m.status, references=m.ids, note=m.note))
        if m.status == "dangling":
            why = "no entry" if x.references else "no entry (the document has no reference list)"
            problems.append(("dangling", f"{c.marker}: {why}", c.source.line, m.suggestion))
        elif m.status == "ambiguous":
            problems.append(("ambiguous", f"{c.marker}: {m.note}", c.source.line, "add a year suffix or a co-author to tell them apart"))
    cited = {rid for c in linked for rid in c.references}
    for ref in x.references:
        if ref.id not in cited:
            problems.append(("uncited", f"{describe(ref)}: never cited in the text", ref.source.line, ""))
    new = tuple(Problem(x.path, code, message, line, suggestion) for code, message, line, suggestion in problems)
    return replace(x, citations=tuple(linked), problems=x.problems + new)
