"""Corpus stage: many extractions -> one set of works.

Merges the same work cited by several documents (and a corpus document with
the references that cite it), detects documents that are excerpts of other
documents (their citations are re-linked against the parent's reference
list and their claims are not counted twice), and gives every work a
stable citation key.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Sequence

from .identity import block_key, fold, same_work
from .model import Extraction, Problem
from .resources import Resources

__all__ = ["Work", "Corpus", "build_corpus", "detect_excerpts", "SHINGLE", "EXCERPT_SHARE"]

SHINGLE = 6  # words per shingle
EXCERPT_SHARE = 0.8  # share of a document's shingles found in another that makes it an excerpt of it
_LINK_CODES = frozenset({"dangling", "ambiguous", "uncited", "no-references"})


@dataclass(frozen=True)
class Work:
    """A work: a corpus document and/or the references that cite it, merged.

    ``node`` is its graph node id (``doc:<id>`` when it is a corpus document,
    else ``work:<key>``), ``csl`` the merged CSL item whose ``id`` is ``key``.
    """

    node: str
    key: str
    csl: Mapping[str, Any]
    refs: tuple[str, ...] = ()
    doc: str | None = None


@dataclass(frozen=True)
class Corpus:
    """The merged corpus: extractions, works, and how references and documents map onto works."""

    extractions: tuple[Extraction, ...]
    works: tuple[Work, ...]
    ref_work: Mapping[str, str] = field(default_factory=dict)  # reference id -> work node
    excerpt_of: Mapping[str, str] = field(default_factory=dict)  # document id -> parent document id
    problems: tuple[Problem, ...] = ()


def _shingles(text: str) -> set[int]:
    words = fold(text).split()
    return {hash(" ".join(words[i : i + SHINGLE])) for i in range(max(len(words) - SHINGLE + 1, 0))}


def detect_excerpts(extractions: Sequence[Extraction]) -> dict[str, str]:
    """Map document id -> id of the document it is an excerpt (or near duplicate) of.

    A document is an excerpt of another when at least :data:`EXCERPT_SHARE`
    of its word shingles occur in the other, larger one.
    """
    docs = [x for x in extractions if x.document and x.document.kind != "bib" and x.text]
    shingles = {x.document.id: _shingles(x.text) for x in docs}
    size = {d: len(s) for d, s in shingles.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for d, sh in shingles.items():
        for h in sh:
            index[h].append(d)
    result: dict[str, str] = {}
    for d, sh in shingles.items():
        if not sh:
            continue
        shared: dict[str, int] = defaultdict(int)
        for h in sh:
            for other in index[h]:
                if other != d:
                    shared[other] += 1
        best = max(shared.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best and best[1] >= EXCERPT_SHARE * len(sh) and (size[best[0]], best[0]) > (size[d], d):
            result[d] = best[0]
    return result


def _relink_excerpt(x: Extraction, parent: Extraction) -> Extraction:
    """An excerpt's citations linked against its parent's reference list; its own link problems replaced."""
    from .stages import linking

    kept = tuple(p for p in x.problems if p.code not in _LINK_CODES and p.code != "no-title")
    relinked = linking.run(replace(x, references=parent.references, problems=()), Resources())
    extra = tuple(p for p in relinked.problems if p.code in {"dangling", "ambiguous"})
    doc = replace(x.document, kind="excerpt") if x.document else None
    return replace(x, citations=relinked.citations, document=doc, problems=kept + extra)


def _merge_csl(items: list[Mapping[str, Any]]) -> dict[str, Any]:
    """One CSL item from several descriptions of a work: the first (best) wins, the others fill gaps."""
    merged: dict[str, Any] = {}
    for item in items:
        for k, v in item.items():
            if k not in merged and v not in (None, "", [], {}):
                merged[k] = v
    return merged


def _richness(csl: Mapping[str, Any]) -> int:
    return sum(1 for v in csl.values() if v not in (None, "", [], {}))


def build_corpus(extractions: Sequence[Extraction]) -> Corpus:
    """Merge extractions into a :class:`Corpus` (pure: the extractions are not changed)."""
    from .readwrite.keys import citation_keys

    excerpt_of = detect_excerpts(extractions)
    by_id = {x.document.id: x for x in extractions if x.document}
    xs = [
        _relink_excerpt(x, by_id[excerpt_of[x.document.id]]) if x.document and x.document.id in excerpt_of else x
        for x in extractions
    ]
    # Candidates: corpus documents first (so a document represents its group), then references.
    cands: list[tuple[str, str | None, Mapping[str, Any]]] = []  # (reference id or "", doc id, csl)
    for x in xs:
        if x.document and x.document.kind in ("paper", "news"):
            cands.append(("", x.document.id, x.document.csl))
    for x in xs:
        if x.document and x.document.kind == "excerpt":
            continue
        for ref in x.references:
            cands.append((ref.id, None, ref.csl))
    groups = _group(cands)
    works_csl: list[dict[str, Any]] = []
    meta: list[tuple[tuple[str, ...], str | None]] = []
    for members in groups:
        docs = [cands[i][1] for i in members if cands[i][1]]
        refs = tuple(cands[i][0] for i in members if cands[i][0])
        ordered = sorted((cands[i][2] for i in members), key=lambda c: -_richness(c))
        if docs:
            ordered = [cands[members[0]][2]] + ordered
        csl = _merge_csl(ordered)
        csl.pop("citation-number", None)
        works_csl.append(csl)
        meta.append((refs, docs[0] if docs else None))
    keys = citation_keys(works_csl)
    works: list[Work] = []
    ref_work: dict[str, str] = {}
    for key, csl, (refs, doc) in zip(keys, works_csl, meta):
        node = f"doc:{doc}" if doc else f"work:{key}"
        works.append(Work(node=node, key=key, csl={**csl, "id": key}, refs=refs, doc=doc))
        for r in refs:
            ref_work[r] = node
    problems = tuple(p for x in xs for p in x.problems)
    return Corpus(tuple(xs), tuple(works), ref_work, excerpt_of, problems)


def _group(cands: list[tuple[str, str | None, Mapping[str, Any]]]) -> list[list[int]]:
    """Union-find over candidates that describe the same work, compared within blocks only."""
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    blocks: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, csl) in enumerate(cands):
        blocks[block_key(csl) or f"#{i}"].append(i)
    for members in blocks.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if find(a) == find(b):
                    continue
                if cands[a][1] and cands[b][1]:
                    continue  # two corpus documents stay two nodes (excerpts are linked separately)
                if same_work(cands[a][2], cands[b][2]):
                    ra, rb = find(a), find(b)
                    parent[max(ra, rb)] = min(ra, rb)
    grouped: dict[int, list[int]] = defaultdict(list)
    for i in range(len(cands)):
        grouped[find(i)].append(i)
    return [sorted(m) for _, m in sorted(grouped.items())]


def work_label(csl: Mapping[str, Any]) -> str:
    """A short label: "Curran 2007", "Su & Kaye 2023", "Gao et al. 2012a", or the title's start."""
    names = csl.get("author") or csl.get("editor") or []
    fam = [n.get("family") or n.get("literal") or "" for n in names]
    fam = [f for f in fam if f]
    year = ""
    parts = (csl.get("issued") or {}).get("date-parts") or [[]]
    if parts and parts[0]:
        year = f"{parts[0][0]}{csl.get('year-suffix', '')}"
    if not fam:
        title = re.sub(r"\s+", " ", str(csl.get("title", "") or csl.get("id", "")))
        who = title if len(title) <= 32 else title[:30].rstrip() + "…"
    elif len(fam) == 1:
        who = fam[0]
    elif len(fam) == 2:
        who = f"{fam[0]} & {fam[1]}"
    else:
        who = f"{fam[0]} et al."
    return f"{who} {year}".strip()
