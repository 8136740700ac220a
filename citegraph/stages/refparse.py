"""Stage ``refparse``: each reference entry -> a CSL-JSON item, with the trained CRF parser.

Every :class:`~citegraph.model.Reference` of ``x.references`` is replaced by
one whose ``csl`` is ``res.ref_parser.parse(ref.raw)`` plus ``"id": ref.id``.
A numeric label found by the reference-section splitter is kept as
``citation-number`` when the parser found none; a textual label such as
"[Bais 2010]" is not part of the entry's fields: the text after it is
parsed and the label kept as ``citation-label``. Empty entries and entries the
parser fails on keep their previous ``csl`` and get a :class:`Problem`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..csl import author_year_label
from ..model import Extraction, Reference
from ..resources import Resources

__all__ = ["run"]

_NUMERIC_LABEL = re.compile(r"[0-9]{1,5}[a-z]?")


def _parse_one(parser, ref: Reference) -> dict:
    raw = ref.raw
    label = (ref.label or "").strip()
    textual = bool(label) and not _NUMERIC_LABEL.fullmatch(label)
    if textual and raw.startswith(f"[{label}]"):
        raw = raw[len(label) + 2 :].lstrip()
    csl = dict(parser.parse(raw))
    if textual:
        csl["citation-label"] = label
        labelled = author_year_label(label)
        if labelled and not csl.get("author") and not csl.get("editor"):
            csl["author"] = [{"family": labelled[0]}]  # "“Title,” Bar-Yam, Yaneer, in ...": the label names the author
        if labelled and not csl.get("issued"):
            csl["issued"] = {"date-parts": [[int(labelled[1])]]}
        if labelled and labelled[2] and not csl.get("year-suffix"):
            csl["year-suffix"] = labelled[2]
    if "citation-number" not in csl and ref.label and _NUMERIC_LABEL.fullmatch(ref.label.strip()):
        csl["citation-number"] = ref.label.strip()
    csl["id"] = ref.id
    return csl


def run(x: Extraction, res: Resources) -> Extraction:
    """Parse every reference entry of ``x`` into CSL-JSON; failures become problems."""
    if not x.references:
        return x
    try:
        parser = res.ref_parser
    except Exception as exc:  # model missing or unreadable: report once, keep the entries
        return x.with_problem("refparse-unavailable", f"reference parser could not be loaded: {type(exc).__name__}: {exc}")
    refs: list[Reference] = []
    out = x
    for ref in x.references:
        if not (ref.raw or "").strip():
            out = out.with_problem("empty-reference", f"reference {ref.id} is empty", ref.source.line)
            refs.append(ref)
            continue
        try:
            csl = _parse_one(parser, ref)
        except Exception as exc:
            out = out.with_problem(
                "unparsed-reference",
                f"reference {ref.id} could not be parsed: {type(exc).__name__}: {exc}",
                ref.source.line,
                "check the entry for unusual characters or split it by hand",
            )
            refs.append(ref)
            continue
        if not csl.get("title") and not csl.get("author"):
            out = out.with_problem(
                "incomplete-reference", f"reference {ref.id}: no title or author found", ref.source.line
            )
        refs.append(replace(ref, csl=csl))
    return replace(out, references=tuple(refs))
