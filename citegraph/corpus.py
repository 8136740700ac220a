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
from itertools import chain
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from collections.abc import Sequence as SequenceABC
from typing import Any, Callable, Mapping, Protocol, Sequence

from .csl import year_label
from .digest import value_digest
from .grouping import components, group_incremental, group_items
from .identity import Features, features
from .fragments import SHINGLE, doc_facts, duplicate_ids, duplicate_message, shingles, tokens_of
from .model import Extraction, Problem
from .resources import Resources

__all__ = ["Work", "Corpus", "Merged", "MergeMemo", "build_corpus", "merge", "excerpts", "excerpts_of_facts", "detect_excerpts", "group_incremental", "components", "SHINGLE", "EXCERPT_SHARE", "group_items"]

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
    return set(shingles(text))


def detect_excerpts(extractions: Sequence[Extraction]) -> dict[str, str]:
    """Map document id -> id of the document it is an excerpt (or near duplicate) of (see :func:`excerpts`)."""
    docs = [x for x in extractions if x.document and x.document.kind != "bib" and x.text]
    return excerpts({x.document.id: _shingles(x.text) for x in docs})


def excerpts_of_facts(facts: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """:func:`excerpts` of documents given by their :func:`~citegraph.fragments.doc_facts` (their shingles are there)."""
    return excerpts({f["id"]: f["shingles"] for f in facts if f["id"] and f["kind"] != "bib" and f["shingles"]})


def excerpts(shingles_of: Mapping[str, Any]) -> dict[str, str]:
    """Map document id -> id of the document it is an excerpt (or near duplicate) of, from each document's shingles.

    A document is an excerpt of another when at least :data:`EXCERPT_SHARE`
    of its (sampled) word shingles (:func:`citegraph.fragments.shingles`)
    occur in the other, larger one. An inverted index from shingle to
    documents finds the candidates; shingles shared by more than
    :data:`COMMON` documents (boilerplate) are ignored, so the work grows
    with the corpus, not with its square.
    """
    shingle_sets = {d: set(sh) for d, sh in shingles_of.items() if sh}
    seen: set[int] = set()
    repeated: set[int] = set()
    for sh in shingle_sets.values():  # set operations, not a count of every shingle: most occur once
        repeated |= seen & sh
        seen |= sh
    counts = Counter(chain.from_iterable(sh & repeated for sh in shingle_sets.values()))
    common = {h for h, c in counts.items() if c > COMMON}
    shared_ones = repeated - common  # the only shingles that relate two documents
    postings: dict[int, list[str]] = defaultdict(list)
    for d, sh in shingle_sets.items():
        for h in sh & shared_ones:
            postings[h].append(d)
    size = {d: len(s - common) for d, s in shingle_sets.items()}
    result: dict[str, str] = {}
    for d, sh in shingle_sets.items():
        if not size[d]:
            continue
        shared: dict[str, int] = defaultdict(int)
        for h in sh & shared_ones:
            for other in postings[h]:
                if other != d:
                    shared[other] += 1
        best = max(shared.items(), key=lambda kv: (kv[1], kv[0]), default=None)
        if best and best[1] >= EXCERPT_SHARE * size[d] and (size[best[0]], best[0]) > (size[d], d):
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


def _merge_key(ids: Sequence[tuple[str, str | None]], digests: Sequence[str]) -> str | None:
    """A digest of everything grouping and keying look at: the candidates' ids and descriptions' digests."""
    head = value_digest([list(i) for i in ids])
    if head is None:
        return None
    return hashlib.blake2b("".join([head, *digests]).encode(), digest_size=20).hexdigest()


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


class _Descriptions(SequenceABC):
    """The candidates' CSL items, read when first needed: documents' from their facts, references' by digest from ``fetch``."""

    def __init__(
        self,
        digests: list[str],
        known: dict[int, Mapping[str, Any]],
        fetch: Callable[[Sequence[str]], Mapping[str, Mapping[str, Any]]],
        fetch_features: Callable[[Sequence[str]], Mapping[str, Any]] | None = None,
    ) -> None:
        self.digests = digests
        self.known = known
        self.fetch = fetch
        self.fetch_features = fetch_features
        self.docs = len(known)  # the documents come first

    def features_of(self, indices: Sequence[int]) -> list[Features]:
        """The :class:`~citegraph.identity.Features` of the items at ``indices``: references' from ``fetch_features`` where it has them, else from their items."""
        from .grouping import features_from

        found = self.fetch_features(sorted({self.digests[i] for i in indices if i not in self.known})) if self.fetch_features is not None else {}
        out: list[Features | None] = [features_from(found.get(self.digests[i])) if i not in self.known else None for i in indices]
        missing = [i for i, f in zip(indices, out) if f is None]
        self.prefetch(missing)
        made = {i: features(self.known[i]) for i in missing}
        keep = getattr(self.fetch_features, "keep", None)
        if callable(keep):  # read from the items this time: kept for the next
            keep({self.digests[i]: f for i, f in made.items() if not self.is_doc(i)})
        return [f if f is not None else made[i] for i, f in zip(indices, out)]

    def is_doc(self, i: int) -> bool:
        """Whether item ``i`` is a corpus document (known from its facts from the start)."""
        return i < self.docs

    def __len__(self) -> int:
        return len(self.digests)

    def prefetch(self, indices: Sequence[int]) -> None:
        """Read the items at ``indices`` not read yet, all at once."""
        missing = [i for i in indices if i not in self.known]
        if missing:
            found = self.fetch(sorted({self.digests[i] for i in missing}))
            for i in missing:
                if self.digests[i] not in found:
                    raise KeyError(f"no description with digest {self.digests[i]}")
                self.known[i] = found[self.digests[i]]

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i not in self.known:
            self.prefetch([i])
        return self.known[i]


@dataclass(frozen=True)
class Merged:
    """What merging gives: the works, where each reference went, and documents of one work."""

    works: tuple[Work, ...]
    ref_work: Mapping[str, str]
    same_as: Mapping[str, str]


def merge(
    facts: Sequence[Mapping[str, Any]],
    fetch: Callable[[Sequence[str]], Mapping[str, Mapping[str, Any]]],
    memo: MergeMemo | None = None,
    excerpt_of: Mapping[str, str] | None = None,
    fetch_features: Callable[[Sequence[str]], Mapping[str, Any]] | None = None,
) -> Merged:
    """Merge the documents (their :func:`~citegraph.fragments.doc_facts`) and their references into works.

    Candidates are the corpus documents first (so a document represents its
    group), then every reference of every document that is not an excerpt.
    ``fetch(digests)`` gives references' CSL items by digest; it is called
    only for what must be merged anew (``fetch_features(digests)``: their
    identity features as tuples, when known, for what must be grouped anew;
    if it has a ``keep(mapping)`` method, features computed instead are
    given to it, digest -> :class:`~citegraph.identity.Features`). ``memo`` keeps the
    grouping and keys by a digest of all candidates, each independent part's
    grouping (:func:`~citegraph.grouping.group_incremental`), each work's
    merged item by its members' digests, and base keys: the result is the
    same with or without it.
    """
    excerpt_of = excerpt_of or {}
    ids: list[tuple[str, str | None]] = []
    digests: list[str] = []
    known: dict[int, Mapping[str, Any]] = {}
    docs = [f for f in facts if f["kind"] in ("paper", "news") and f["id"] not in excerpt_of]
    for f in docs:
        known[len(ids)] = f["csl"]
        ids.append(("", f["id"]))
        digests.append(f["digest"])
    listed = [f for f in facts if f["kind"] != "excerpt" and f["id"] not in excerpt_of]
    for f in listed:
        for ref_id, digest, _ in f["refs"]:
            ids.append((ref_id, None))
            digests.append(digest)

    def tokens() -> list[Sequence[str]]:  # only when grouping anew
        own = {id(f): tokens_of(f) for f in listed}
        return [own[id(f)][0] for f in docs] + [t for f in listed for t in own[id(f)][1:]]

    items = _Descriptions(digests, known, fetch, fetch_features)
    flags = [bool(d) for _, d in ids]
    memo_key = _merge_key(ids, digests) if memo is not None and all(digests) else None
    remembered = _remembered(memo, memo_key, len(ids))
    if remembered:
        groups, same_pairs = remembered[:2]
    elif memo is not None and memo_key is not None:
        groups, same_pairs = group_incremental(items, flags, memo, digests, tokens())
    else:
        items.prefetch(range(len(ids)))
        groups, same_pairs = group_items([items[i] for i in range(len(ids))], flags)
    same_as = {ids[b][1]: ids[a][1] for a, b in same_pairs}
    works_csl = _works_csl(groups, items, flags, memo)
    keys = remembered[2] if remembered else _keys(works_csl, memo)
    if memo is not None and memo_key is not None and not remembered:
        memo.put(memo_key, (groups, same_pairs, keys))
    works: list[Work] = []
    ref_work: dict[str, str] = {}
    for key, csl, members in zip(keys, works_csl, groups):
        doc = next((ids[i][1] for i in members if ids[i][1]), None)
        refs = tuple(ids[i][0] for i in members if ids[i][0])
        node = f"doc:{doc}" if doc else f"work:{key}"
        works.append(Work(node=node, key=key, csl={**csl, "id": key}, refs=refs, doc=doc))
        for r in refs:
            ref_work[r] = node
    return Merged(tuple(works), ref_work, same_as)  # type: ignore[arg-type]


def _works_csl(groups: list[list[int]], items: _Descriptions, flags: list[bool], memo: MergeMemo | None) -> list[dict[str, Any]]:
    """Each group's merged CSL item; with a ``memo``, those of groups whose members are described as in the last build are not recomputed."""
    known = memo.get("merge-works") if memo is not None else None
    known = known if isinstance(known, dict) else {}
    gkeys = [hashlib.blake2b("".join(("d" if flags[i] else "r") + items.digests[i] for i in g).encode(), digest_size=20).hexdigest() for g in groups]
    missing = [i for g, k in zip(groups, gkeys) if not isinstance(known.get(k), dict) for i in g]
    items.prefetch(missing)  # (the memo is written again when anything was missing or keys changed)
    out: list[dict[str, Any]] = []
    kept: dict[str, Any] = {}
    for members, k in zip(groups, gkeys):
        csl = known.get(k)
        if not isinstance(csl, dict):
            ordered = sorted((items[i] for i in members if not flags[i]), key=lambda c: -_richness(c))
            csl = _merge_csl([items[i] for i in members if flags[i]] + ordered)  # the document's own header first
            csl.pop("citation-number", None)
        kept[k] = csl
        out.append(dict(csl))
    if memo is not None and (missing or kept.keys() != known.keys()):  # keyed by content: the same keys, the same values
        memo.put("merge-works", kept)
    return out


def build_corpus(extractions: Sequence[Extraction], memo: MergeMemo | None = None) -> Corpus:
    """Merge extractions into a :class:`Corpus` (pure: the extractions are not changed).

    Documents that are excerpts of others (:func:`excerpts`) have their
    citations linked against their parent's reference list; then
    :func:`merge` groups the documents and references into works. ``memo``:
    see :func:`merge`; the result is the same with or without it.
    """
    clashes = duplicate_ids((x.path, x.document.id if x.document else "") for x in extractions)
    skipped = tuple(Problem(extractions[i].path, "duplicate-id", duplicate_message(first)) for i, first in clashes.items())
    extractions = [x for i, x in enumerate(extractions) if i not in clashes]
    facts = [doc_facts(x) for x in extractions]
    excerpt_of = excerpts_of_facts(facts)
    by_id = {x.document.id: x for x in extractions if x.document}
    xs = [
        _relink_excerpt(x, by_id[excerpt_of[x.document.id]]) if x.document and x.document.id in excerpt_of else x
        for x in extractions
    ]
    facts = [doc_facts(x) if x is not x0 else f for x, x0, f in zip(xs, extractions, facts)]  # the excerpts' facts as relinked
    described: dict[str, Mapping[str, Any]] = {}
    for x, f in zip(xs, facts):
        for ref, (_, digest, _) in zip(x.references, f["refs"]):
            described.setdefault(digest, ref.csl)
    merged = merge(facts, lambda ds: {d: described[d] for d in ds if d in described}, memo, excerpt_of)
    problems = skipped + tuple(p for x in xs for p in x.problems)  # the corpus's own problems first
    same_as = {a: b for a, b in merged.same_as.items() if a not in excerpt_of and b not in excerpt_of}
    return Corpus(tuple(xs), merged.works, merged.ref_work, excerpt_of, problems, same_as)


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
