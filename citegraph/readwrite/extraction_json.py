"""Extractions to and from plain JSON-able dicts (for the cache and for ``citegraph extract --json``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Mapping

from ..model import Citation, CiteKey, Claim, Document, Entity, Extraction, Line, Problem, Reference, Span

__all__ = ["to_dict", "from_dict", "to_report"]


def to_dict(x: Extraction) -> dict[str, Any]:
    """All of an Extraction as a JSON-able dict (round-trips through :func:`from_dict`)."""
    d = asdict(x)
    d["meta"] = dict(x.meta)
    return d


def _span(d: Mapping[str, Any]) -> Span:
    return Span(**d)


def from_dict(d: Mapping[str, Any]) -> Extraction:
    """The Extraction saved by :func:`to_dict`; raises KeyError/TypeError on a malformed dict."""
    doc = d.get("document")
    meta = dict(d.get("meta") or {})
    if "header_lines" in meta:
        meta["header_lines"] = tuple(meta["header_lines"])
    return Extraction(
        path=d["path"],
        raw_lines=tuple(d["raw_lines"]),
        sha256=d["sha256"],
        fmt=d["fmt"],
        text=d["text"],
        lines=tuple(Line(**ln) for ln in d["lines"]),
        sections=tuple((int(o), str(h)) for o, h in d["sections"]),
        document=Document(**doc) if doc else None,
        ref_sections=tuple((int(a), int(b)) for a, b in d["ref_sections"]),
        references=tuple(Reference(**{**r, "source": _span(r["source"])}) for r in d["references"]),
        citations=tuple(
            Citation(**{**c, "key": CiteKey(**{**c["key"], "authors": tuple(c["key"]["authors"])}), "source": _span(c["source"]), "references": tuple(c["references"])})
            for c in d["citations"]
        ),
        claims=tuple(
            Claim(**{**c, "source": _span(c["source"]), "cites": tuple(c["cites"]), "entities": tuple(c["entities"])}) for c in d["claims"]
        ),
        entities=tuple(Entity(**{**e, "aliases": tuple(e["aliases"])}) for e in d["entities"]),
        problems=tuple(Problem(**p) for p in d["problems"]),
        meta=meta,
    )


def to_report(x: Extraction) -> dict[str, Any]:
    """The user-facing extraction of one document (``citegraph extract FILE --json``)."""
    return {
        "file": x.path,
        "document": dict(x.document.csl) if x.document else None,
        "references": [{**dict(r.csl), "id": r.id, "raw": r.raw, "line": r.source.line} for r in x.references],
        "citations": [
            {
                "marker": c.marker,
                "sentence": c.sentence,
                "references": list(c.references),
                "status": c.status,
                "line": c.source.line,
                **({"note": c.note} if c.note else {}),
            }
            for c in x.citations
        ],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "cites": list(c.cites),
                "entities": list(c.entities),
                "speaker": c.speaker,
                **({"speaker_role": c.speaker_role} if c.speaker_role else {}),
                "section": c.section,
                "line": c.source.line,
            }
            for c in x.claims
        ],
        "entities": [{"name": e.name, "kind": e.kind, "mentions": e.mentions, "aliases": list(e.aliases)} for e in x.entities],
        "problems": [str(p) for p in x.problems],
    }
