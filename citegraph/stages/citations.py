"""Stage: find the in-text citation markers of the body text (one :class:`Citation` per cited item).

The finding itself lives in :mod:`citegraph.citefind`; this stage feeds it what
the reference list tells (numbered or not, the authors' surnames), attaches
each marker's sentence and source span, and leaves every citation "dangling"
for the linking stage to resolve.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..citefind import Found, find_citations, fold_name
from ..model import Citation, Extraction, Reference
from ..resources import Resources
from .sentences import sentence_at, split_sentences

__all__ = ["Found", "find_citations", "run", "reference_names", "lowercase_names", "is_numbered"]


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


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``x.citations`` with every cited item of ``x.text`` (status "dangling", no references yet)."""
    if not x.text:
        return x
    numbered: bool | None = None
    if x.references:
        numbered = True if is_numbered(x.references) else None
    known = reference_names(x.references) if x.references else None
    lower = lowercase_names(x.references)
    author_page = bool(x.references) and not numbered
    found = find_citations(x.text, numbered, known, lower_names=lower, author_page=author_page)
    if numbered is None and x.references and any(f.key.number is None for f in found):
        found = [f for f in found if f.key.number is None]  # author-year list: "[1]" are notes, not citations
    if numbered and not any(f.key.number is not None for f in found):
        found = find_citations(x.text, numbered, known, paren_numeric=True, lower_names=lower)
    spans = split_sentences(x.text)
    cites = []
    for f in found:
        s, e = sentence_at(spans, f.start)
        sentence = x.text[s:e] if s <= f.start < e else x.text[f.start : f.end]
        cites.append(Citation(marker=f.marker, key=f.key, sentence=sentence, source=x.span(f.start, f.end)))
    return replace(x, citations=tuple(cites))
