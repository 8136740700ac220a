"""Claims: sentences that carry citations, and (in news) statements attributed to named speakers.

* Every sentence with at least one in-text citation is a claim; its ``cites``
  are the ids of the references its *resolved* citations point to (deduplicated,
  in order). Dangling and ambiguous citations still make the sentence a claim
  but add no id (an ambiguous citation's candidates are not evidence of a link).
* In news articles (``document.kind == "news"``) sentences attributed to a named
  person or outlet are claims with ``speaker``/``speaker_role`` (see
  :mod:`citegraph.stages.speakers`). Other documents (bibliographies aside)
  get the same treatment only when they have no citations at all and news-style
  attribution is clearly present: at least two named attributions, one of them
  introducing its speaker with a role ("Zhu Keli, founding director of ..., said").
* A sentence that is both gets one claim. Claims are numbered in text order:
  ``f"{doc_id}:c{n}"``; every claim lists the canonical entities it mentions.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any, Callable

from ..model import Citation, Claim, Extraction
from ..resources import Resources
from .sentences import sentence_at, split_sentences
from .speakers import Attribution, find_attributions

__all__ = ["run"]

_MIN_ATTRIBUTIONS_OUTSIDE_NEWS = 2


def _doc_id(x: Extraction) -> str:
    if x.document is not None and x.document.id:
        return x.document.id
    return os.path.splitext(os.path.basename(x.path))[0] or "doc"


def _citation_span(text: str, spans: list[tuple[int, int]], c: Citation) -> tuple[int, int] | None:
    """The sentence span of a citation: from its marker offsets, else by finding its sentence text."""
    if 0 <= c.source.start < len(text) and c.source.end <= len(text) and spans:
        return sentence_at(spans, c.source.start)
    if c.sentence:
        pos = text.find(c.sentence)
        if pos >= 0:
            return (pos, pos + len(c.sentence))
    return None


def _attributions(x: Extraction, spans: list[tuple[int, int]], find: Callable[[str], Any] | None) -> list[Attribution]:
    companies = (lambda sentence: [m.name for m in find(sentence) if m.kind == "company"]) if find else None  # what "the company said" may refer to
    kind = x.document.kind if x.document is not None else None
    if kind == "news":
        return find_attributions(x.text, spans, companies)
    if kind == "bib" or x.citations:
        return []
    found = find_attributions(x.text, spans, companies)
    clear = len(found) >= _MIN_ATTRIBUTIONS_OUTSIDE_NEWS and any(a.role for a in found)
    return found if clear else []


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``x.claims`` from ``x.citations`` and, for news, attributed statements."""
    if not x.text:
        return replace(x, claims=())
    spans = split_sentences(x.text)
    cites: dict[tuple[int, int], list[str]] = {}
    unplaced = 0
    for c in x.citations:
        span = _citation_span(x.text, spans, c)
        if span is None:
            unplaced += 1
            continue
        ids = cites.setdefault(span, [])
        if c.status == "resolved":
            ids.extend(r for r in c.references if r not in ids)
    try:
        find = res.gazetteer.find
    except ValueError as exc:
        x = x.with_problem("gazetteer", str(exc), suggestion="fix the entities file or leave it out")
        find = None
    speakers = {(a.start, a.end): a for a in _attributions(x, spans, find)}
    doc_id = _doc_id(x)
    claims = []
    for n, (start, end) in enumerate(sorted(set(cites) | set(speakers)), 1):
        sentence = x.text[start:end]
        entities = list(dict.fromkeys(m.name for m in find(sentence))) if find else []
        who = speakers.get((start, end))
        claims.append(
            Claim(
                id=f"{doc_id}:c{n}",
                text=" ".join(sentence.split()),
                source=x.span(start, end),
                cites=tuple(cites.get((start, end), ())),
                entities=tuple(entities),
                speaker=who.speaker if who else None,
                speaker_role=who.role if who else None,
                section=x.section_at(start),
            )
        )
    if unplaced:
        x = x.with_problem("claim-span", f"{unplaced} citation(s) could not be placed in a sentence of the text")
    return replace(x, claims=tuple(claims))
