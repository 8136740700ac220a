"""Corpus stage: many extractions -> one set of works.

Merges the same work cited by several documents (and a corpus document with
the references that cite it), detects documents that are excerpts of other
documents (their citations are re-linked against the parent's reference
list and their claims are not counted twice), and gives every work a
stable citation key.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Protocol, Sequence

from .csl import year_label
from .digest import value_digest
from .grouping import components, group_incremental, group_items
from .identity import fold
from .model import Extraction, Problem
from .resources import Resources

__all__ = ["Work", "Corpus", "MergeMemo", "build_corpus", "detect_excerpts", "group_incremental", "components", "SHINGLE", "EXCERPT_SHARE", "group_items"]

SHINGLE = 6  # words per shingle
SAMPLE = 4  # keep one shingle in SAMPLE (by hash): containment is estimated on the sample
COMMON = 50  # a shingle found in more documents than this is boilerplate, not evidence
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
    same_as: Mapping[str, str] = field(default_factory=dict)  # document id -> an earlier document describing the same work


def _shingles(text: str) -> set[int]:
    """Stable hashes of the document's word shingles, sampled (1 in :data:`SAMPLE`) to keep the index small."""
    words = fold(text).split()
    out: set[int] = set()
    for i in range(max(len(words) - SHINGLE + 1, 0)):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        if h % SAMPLE == 0:
            out.add(h)
    return out


def _all_shingles(docs: Sequence[Extraction], memo: "MergeMemo | None") -> dict[str, set[int]]:
    """Each document's shingles; with a ``memo``, those of texts seen in the last build are not recomputed."""
    if memo is None:
        return {x.document.id: _shingles(x.text) for x in docs}
    known = memo.get("shingles")
    known = known if isinstance(known, dict) else {}
    kept: dict[str, list[int]] = {}
    out: dict[str, set[int]] = {}
    for x in docs:
        digest = hashlib.blake2b(x.text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        value = known.get(digest)
        if not isinstance(value, list):
            value = sorted(_shingles(x.text))
        kept[digest] = value
        out[x.document.id] = set(value)
    if kept != known:
        memo.put("shingles", kept)
    return out


def detect_excerpts(extractions: Sequence[Extraction], memo: "MergeMemo | None" = None) -> dict[str, str]:
    """Map document id -> id of the document it is an excerpt (or near duplicate) of.

    A document is an excerpt of another when at least :data:`EXCERPT_SHARE`
    of its (sampled) word shingles occur in the other, larger one. An
    inverted index from shingle to documents finds the candidates; shingles
    shared by more than :data:`COMMON` documents (boilerplate) are ignored,
    so the work grows with the corpus, not with its square.
    """
    docs = [x for x in extractions if x.document and x.document.kind != "bib" and x.text]
    shingles = _all_shingles(docs, memo)
    index: dict[int, list[str]] = defaultdict(list)
    for d, sh in shingles.items():
        for h in sh:
            index[h].append(d)
    common = {h for h, ds in index.items() if len(ds) > COMMON}
    size = {d: len(s - common) for d, s in shingles.items()}
    result: dict[str, str] = {}
    for d, sh in shingles.items():
        own = sh - common
        if not own:
            continue
        shared: dict[str, int] = defaultdict(int)
        for h in own:
            postings = index[h]
            if len(postings) > 1:
                for other in postings:
                    if other != d:
                        shared[other] += 1
        best = max(shared.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best and best[1] >= EXCERPT_SHARE * len(own) and (size[best[0]], best[0]) > (size[d], d):
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


class MergeMemo(Protocol):
    """Where :func:`build_corpus` may keep the result of grouping and keying (e.g. the cache)."""

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...


def _merge_key(cands: Sequence[tuple[str, str | None, Mapping[str, Any]]], digests: Sequence[str | None]) -> str | None:
    """A digest of everything grouping and keying look at (None when the items are not plain data)."""
    if any(d is None for d in digests):
        return None
    ids = value_digest([(r, d) for r, d, _ in cands])
    if ids is None:
        return None
    return hashlib.blake2b("".join([ids, *digests]).encode(), digest_size=20).hexdigest()  # type: ignore[list-item]


def _remembered(memo: MergeMemo | None, key: str | None, n: int) -> tuple[list[list[int]], list[tuple[int, int]], list[str]] | None:
    """The grouping and keys kept under ``key``, if they are a valid result for ``n`` candidates."""
    if memo is None or key is None:
        return None
    hit = memo.get(key)
    try:
        groups, pairs, keys = hit
        groups = [list(g) for g in groups]
        if sorted(i for g in groups for i in g) != list(range(n)) or len(keys) != len(groups) or not all(isinstance(k, str) for k in keys):
            return None
        return groups, [(int(a), int(b)) for a, b in pairs], list(keys)
    except (TypeError, ValueError):
        return None


def _keys(works_csl: list[dict[str, Any]], memo: MergeMemo | None) -> list[str]:
    """The works' citation keys; with a ``memo``, base keys of works described as in the last build are not recomputed."""
    from .readwrite.keys import base_fields, base_key, citation_keys

    if memo is None:
        return citation_keys(works_csl)
    known = memo.get("merge-keys")
    known = known if isinstance(known, dict) else {}
    kept: dict[str, str] = {}
    bases: list[str] = []
    for csl in works_csl:
        fields = value_digest(base_fields(csl))
        base = known.get(fields) if fields is not None else None
        if not isinstance(base, str):
            base = base_key(csl)
        if fields is not None:
            kept[fields] = base
        bases.append(base)
    if kept != known:
        memo.put("merge-keys", kept)
    return citation_keys(works_csl, bases)


def build_corpus(extractions: Sequence[Extraction], memo: MergeMemo | None = None) -> Corpus:
    """Merge extractions into a :class:`Corpus` (pure: the extractions are not changed).

    ``memo`` keeps the grouping of works by a digest of every candidate
    description (corpus documents and references, in order), so a rebuild
    whose descriptions did not change skips the pairwise comparisons; the
    grouping of each independent part of the candidates (see
    :func:`group_incremental`), so a rebuild after a change re-groups only
    the parts the change touches; and the documents' shingles by a digest
    of their text. The result is the same with or without it.
    """
    excerpt_of = detect_excerpts(extractions, memo)
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
    digests = [value_digest((bool(d), dict(c))) for _, d, c in cands] if memo is not None else []
    memo_key = _merge_key(cands, digests) if memo is not None else None
    remembered = _remembered(memo, memo_key, len(cands))
    if remembered:
        groups, same_pairs = remembered[:2]
    else:
        groups, same_pairs = group_incremental([c[2] for c in cands], [bool(c[1]) for c in cands], memo, digests)
    same_as = {cands[b][1]: cands[a][1] for a, b in same_pairs if cands[a][1] not in excerpt_of and cands[b][1] not in excerpt_of}
    works_csl: list[dict[str, Any]] = []
    meta: list[tuple[tuple[str, ...], str | None]] = []
    for members in groups:
        docs = [cands[i][1] for i in members if cands[i][1]]
        refs = tuple(cands[i][0] for i in members if cands[i][0])
        ordered = sorted((cands[i][2] for i in members if not cands[i][1]), key=lambda c: -_richness(c))
        ordered = [cands[i][2] for i in members if cands[i][1]] + ordered  # the document's own header first
        csl = _merge_csl(ordered)
        csl.pop("citation-number", None)
        works_csl.append(csl)
        meta.append((refs, docs[0] if docs else None))
    keys = remembered[2] if remembered else _keys(works_csl, memo)
    if memo is not None and memo_key is not None and not remembered:
        memo.put(memo_key, (groups, same_pairs, keys))
    works: list[Work] = []
    ref_work: dict[str, str] = {}
    for key, csl, (refs, doc) in zip(keys, works_csl, meta):
        node = f"doc:{doc}" if doc else f"work:{key}"
        works.append(Work(node=node, key=key, csl={**csl, "id": key}, refs=refs, doc=doc))
        for r in refs:
            ref_work[r] = node
    problems = tuple(p for x in xs for p in x.problems)
    return Corpus(tuple(xs), tuple(works), ref_work, excerpt_of, problems, same_as)


def work_label(csl: Mapping[str, Any]) -> str:
    """A short label: "Curran 2007", "Su & Kaye 2023", "Gao et al. 2012a", or the title's start."""
    names = csl.get("author") or csl.get("editor") or []
    fam = [n.get("family") or n.get("literal") or "" for n in names]
    fam = [f for f in fam if f]
    year = year_label(csl)
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
