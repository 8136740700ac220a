"""Grouping CSL items that describe the same work, from scratch or incrementally.

:func:`group_items` is union-find over pairs compared within blocks
(:func:`~citegraph.identity.block_keys`). Its unions only ever join items
that share a block, an identical description, an undated key of an undated
item (:func:`~citegraph.identity.undated_keys`: title words with the first
author, or the whole title), or surnames one typo apart in one year
(:func:`surname_neighbours`), so the items fall into independent parts
(:func:`components`): grouping each part on its own gives the same result
as grouping them all. :func:`group_incremental` keeps each part's grouping
in a memo under a digest of the part's descriptions, so after a change only
the parts whose descriptions changed are grouped again. Undated items are
never compared with every year of their author: that would chain all of an
author's years into one part and make every part large.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any, Iterator, Mapping, Protocol, Sequence

from .digest import value_digest
from .identity import THRESHOLD, Features, conflict, end_words, features, fold, item_keys, score, surname_variants, year_of

__all__ = ["group_items", "components", "group_incremental", "surname_neighbours", "item_tokens", "feature_values", "features_from", "EXEMPLARS", "TYPO_BLOCK"]

EXEMPLARS = 6  # descriptions per group checked for a conflict before two groups are joined
TYPO_BLOCK = 1  # a surname seen in at most this many descriptions in a year may be a typo of a neighbouring one


class _Memo(Protocol):
    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...


def _signature(csl: Mapping[str, Any], year: str | None = None) -> str:
    """What :func:`~citegraph.identity.score` looks at: items with equal signatures score alike (``year``: when known)."""
    names = tuple((n.get("family") or n.get("literal") or "", (fold(str(n.get("given") or "")) or " ")[0]) for n in (csl.get("author") or csl.get("editor") or []))
    fields = ("title", "container-title", "volume", "page", "DOI", "year-suffix")
    return repr((names, year_of(csl) if year is None else year, tuple(fold(str(csl.get(f) or "")) for f in fields)))


def group_items(
    items: Sequence[Mapping[str, Any]], is_doc: Sequence[bool] | None = None, prepared: Sequence[tuple[Features, Sequence[str]]] | None = None
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Group CSL items that describe the same work: ``(groups, same_as)``.

    Union-find over pairs compared within blocks only (:func:`~citegraph.identity.block_keys`);
    identical descriptions are compared once. Two items flagged in ``is_doc``
    (corpus documents) never join one group: when they match, the pair of
    their indices is listed in ``same_as`` instead. Groups are lists of
    indices in increasing order, sorted by their first index.
    ``prepared``: each item's features and :func:`_tokens`, when already known (then ``items`` are not read).
    """
    n = len(items)
    flags = list(is_doc) if is_doc is not None else [False] * n
    feats = [p[0] for p in prepared] if prepared is not None else [features(c) for c in items]
    toks = [p[1] for p in prepared] if prepared is not None else [_tokens(c, f, ft) for c, f, ft in zip(items, flags, feats)]
    parent = list(range(n))
    doc_of: dict[int, int] = {i: i for i in range(n) if flags[i]}  # root -> the document in its group

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same_as: set[tuple[int, int]] = set()
    exemplars: dict[int, list[int]] = {}  # root -> a few members with distinct titles, checked before a join
    joined = [False] * n  # root -> whether its group holds two different descriptions

    def union(a: int, b: int, checked: bool = True) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        da, db = doc_of.get(ra), doc_of.get(rb)
        if da is not None and db is not None:
            same_as.add((min(da, db), max(da, db)))
            return
        ea, eb = exemplars.get(ra, [ra]), exemplars.get(rb, [rb])
        if checked and any(conflict(feats[x], feats[y]) for x in ea for y in eb):
            return  # a chain through an ambiguous description ("Beyond media" vs two "Beyond media: ..." works)
        root, child = min(ra, rb), max(ra, rb)
        parent[child] = root
        joined[root] = joined[root] or joined[child] or checked
        merged = ea + [y for y in eb if feats[y].title not in {feats[x].title for x in ea}]
        exemplars.pop(child, None)
        exemplars[root] = merged[:EXEMPLARS]
        doc = da if da is not None else db
        doc_of.pop(child, None)
        if doc is not None:
            doc_of[root] = doc

    # identical descriptions: one representative each (documents stay their own representatives)
    reps: dict[str, int] = {}
    rep_of = list(range(n))
    for i, csl in enumerate(items):
        if flags[i]:
            continue
        sig = toks[i][-1]
        if sig in reps:
            rep_of[i] = reps[sig]
        else:
            reps[sig] = i
    self_ok: dict[int, bool] = {}
    for i in range(n):
        r = rep_of[i]
        if r != i:
            if r not in self_ok:
                self_ok[r] = score(feats[r], feats[r]) >= THRESHOLD
            if self_ok[r]:
                union(r, i, checked=False)
    blocks: dict[str, list[int]] = defaultdict(list)
    meets = _undated_meets(toks)
    for i in range(n):
        if rep_of[i] != i:
            continue
        for key in (toks[i][1:] if flags[i] else toks[i][1:-1]):
            if not key.startswith("u:") or key in meets:
                blocks[key].append(i)  # an undated item is compared with the items sharing one of its undated keys
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        for a, b in _block_pairs(key, members, feats):
            if find(a) == find(b) or (flags[a] and flags[b] and (min(a, b), max(a, b)) in same_as):
                continue
            if score(feats[a], feats[b]) >= THRESHOLD:
                union(a, b)
    by_main: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        if rep_of[i] == i and toks[i] and toks[i][0]:
            by_main[toks[i][0]].append(i)
    lonely = {k: len(v) for k, v in by_main.items() if len(v) > TYPO_BLOCK or not any(joined[find(a)] for a in v)}
    for ka, kb in surname_neighbours(lonely):  # a typo in the surname and another in the title (rare surnames not met yet)
        rare, other = (by_main[ka], by_main[kb]) if len(by_main[ka]) <= len(by_main[kb]) else (by_main[kb], by_main[ka])
        for a in rare:
            ends = end_words(feats[a].title)  # a typo in the title leaves its first or its last content word
            for b in other:
                x, y = min(a, b), max(a, b)
                if not ends & feats[b].words or find(x) == find(y) or (flags[x] and flags[y] and (x, y) in same_as):
                    continue
                if score(feats[x], feats[y]) >= THRESHOLD:
                    union(x, y)
    grouped: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        grouped[find(i)].append(i)
    return [m for _, m in sorted(grouped.items())], sorted(same_as)


def _block_pairs(key: str, members: Sequence[int], feats: Sequence[Features]) -> Iterator[tuple[int, int]]:
    """The pairs of a block worth scoring, in order: in an undated block (``"u:"``) only those with an undated item (two dated items meet in their year's blocks), elsewhere all."""
    if not key.startswith("u:"):
        for pos, a in enumerate(members):
            for b in members[pos + 1 :]:
                yield a, b
        return
    undated = [m for m in members if not feats[m].year]
    for a in undated:
        for b in members:
            if b != a and (feats[b].year or b > a):
                yield (a, b) if a < b else (b, a)


def surname_neighbours(descriptions: Mapping[str, int]) -> list[tuple[str, str]]:
    """Pairs of main block keys (``"surname|year"``) of one year whose surnames may be one typo apart, sorted.

    ``descriptions``: how many distinct descriptions each main key has. Two
    surnames one edit apart share a one-letter deletion (or one is a
    deletion of the other: :func:`~citegraph.identity.surname_variants`);
    the pair counts only when one of the two is rare (at most
    :data:`TYPO_BLOCK` descriptions that year): a typo makes a rare
    surname, while two common ones ("Wang", "Yang") are two families.
    Computed on the distinct keys, not on the items; the pairs scored are
    only those of the two blocks that share a title word (see
    :func:`group_items`), and the parts (:func:`components`) stay apart.
    """
    rare: dict[str, list[str]] = defaultdict(list)  # "variant|year" -> the rare keys that have it
    for key, count in descriptions.items():
        if count <= TYPO_BLOCK:
            first, _, year = key.rpartition("|")
            for v in surname_variants(first):
                rare[f"{v}|{year}"].append(key)
    pairs: set[tuple[str, str]] = set()
    if rare:
        for key in descriptions:
            first, _, year = key.rpartition("|")
            for v in surname_variants(first):
                for other in rare.get(f"{v}|{year}", ()):
                    if other != key:
                        pairs.add((other, key) if other < key else (key, other))
    return sorted(pairs)


def _descriptions(toks: Sequence[Sequence[str]], flags: Sequence[bool]) -> dict[str, int]:
    """How many distinct descriptions (signatures; each document counts) each main block key has."""
    seen: dict[str, set[str]] = defaultdict(set)
    for i, ts in enumerate(toks):
        if ts and ts[0]:
            seen[ts[0]].add(f"doc:{i}" if flags[i] else ts[-1])
    return {k: len(v) for k, v in seen.items()}


def _undated_meets(toks: Sequence[Sequence[str]]) -> set[str]:
    """The ``u:`` keys of undated items (main key ending in ``|``): the only ``u:`` keys that link items."""
    return {k for ts in toks if ts and ts[0].endswith("|") for k in ts[1:] if k.startswith("u:")}


def _tokens(csl: Mapping[str, Any], is_doc: bool, feats: Features | None = None) -> list[str]:
    """What links an item to others in :func:`group_items`: its main block key first, then its blocks, its undated keys and signature.

    ``feats``: the item's features, when already known (:func:`~citegraph.identity.item_keys`).
    """
    f = features(csl) if feats is None else feats
    keys = list(item_keys(f))
    if not is_doc:  # identical descriptions join their representative (only equality counts: a digest of the signature will do)
        keys.append("s:" + hashlib.blake2b(_signature(csl, f.year).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest())
    return keys


def item_tokens(csl: Mapping[str, Any], is_doc: bool) -> list[str]:
    """What links a CSL item to others when grouping (its block keys, undated keys and signature); see :func:`components`."""
    return _tokens(csl, is_doc)


def components(items: Sequence[Mapping[str, Any]], is_doc: Sequence[bool] | None = None, tokens: Sequence[Sequence[str]] | None = None) -> list[list[int]]:
    """Independent parts of ``items`` for :func:`group_items`: index lists, increasing, sorted by first index.

    Two items are in one part when they share a block key or a signature,
    or an undated key (:func:`~citegraph.identity.undated_keys`) of an
    undated item, or when their surnames are one typo apart in one year
    (:func:`surname_neighbours`), transitively: :func:`group_items` never
    relates items of different parts. ``tokens``: each item's
    :func:`_tokens` (computed when not given).
    """
    n = len(items)
    flags = list(is_doc) if is_doc is not None else [False] * n
    toks = tokens if tokens is not None else [_tokens(c, f) for c, f in zip(items, flags)]
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    meets = _undated_meets(toks)
    first: dict[str, int] = {}
    setdefault = first.setdefault
    for i, ts in enumerate(toks):
        for t in ts[1:]:
            if t[:2] == "u:" and t not in meets:
                continue  # an undated item meets its author's items on a title or container key; two dated items never do
            j = setdefault(t, i)
            if j != i:
                ri, rj = find(i), find(j)
                if ri != rj:
                    if ri < rj:
                        parent[rj] = ri
                    else:
                        parent[ri] = rj
    mains: dict[str, int] = {}
    for i, ts in enumerate(toks):
        if ts and ts[0]:
            mains.setdefault(ts[0], i)
    for ka, kb in surname_neighbours(_descriptions(toks, flags)):
        ra, rb = find(mains[ka]), find(mains[kb])  # surnames one typo apart, same year: compared in group_items
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    parts: dict[int, list[int]] = {}
    for i in range(n):
        r = find(i)
        if r in parts:
            parts[r].append(i)
        else:
            parts[r] = [i]
    return list(parts.values())  # roots are each part's first index, met in increasing order


_FEATURE_FIELDS = Features.__slots__  # type: ignore[attr-defined]


def features_from(values: Any) -> Features | None:
    """:class:`Features` from the tuple :func:`feature_values` gives (None when it does not fit)."""
    return _features(values) if type(values) is tuple and len(values) == len(_FEATURE_FIELDS) else None


def feature_values(csl: Mapping[str, Any]) -> tuple[Any, ...]:
    """An item's :class:`Features` as a plain tuple (for a cache)."""
    f = features(csl)
    return tuple(getattr(f, name) for name in _FEATURE_FIELDS)


def _features(values: tuple[Any, ...]) -> Features | None:
    try:
        return Features(*values)
    except TypeError:
        return None


def _valid_part(hit: Any, size: int) -> tuple[list[list[int]], list[tuple[int, int]]] | None:
    try:
        groups, pairs = hit
        groups = [[int(i) for i in g] for g in groups]
        pairs = [(int(a), int(b)) for a, b in pairs]
    except (TypeError, ValueError):
        return None
    if sorted(i for g in groups for i in g) != list(range(size)) or not all(0 <= a < b < size for a, b in pairs):
        return None
    return groups, pairs


def group_incremental(
    items: Sequence[Mapping[str, Any]],
    is_doc: Sequence[bool] | None = None,
    memo: _Memo | None = None,
    digests: Sequence[str | None] | None = None,
    tokens: Sequence[Sequence[str]] | None = None,
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """The result of :func:`group_items`, grouping only the parts (:func:`components`) the memo does not know.

    ``memo`` keeps, under ``"merge-groups"``, each part's grouping by the
    digest of its items' digests (``digests``: of ``(is_doc, dict(csl))``,
    computed when not given). Entries that do not fit are ignored; only the
    entries of this call are kept. ``tokens``: each item's
    :func:`item_tokens`, when the caller has them (computed when not given);
    then ``items`` are read only for the parts grouped anew: it may be a
    lazy sequence with a ``prefetch(indices)`` method, called with a part's
    indices before they are read, or a ``features_of(indices)`` method that
    gives their :class:`Features` without reading them.
    """
    n = len(items)
    flags = [bool(f) for f in is_doc] if is_doc is not None else [False] * n
    if memo is None:
        return group_items(items, flags)
    ds = list(digests) if digests is not None else [value_digest((f, dict(c))) for c, f in zip(items, flags)]
    if any(d is None for d in ds):
        return group_items(items, flags)
    toks = [list(t) for t in tokens] if tokens is not None else [_tokens(c, f) for c, f in zip(items, flags)]
    return _group_parts(items, flags, memo, ds, toks)  # type: ignore[arg-type]


def _group_parts(items: Sequence[Mapping[str, Any]], flags: list[bool], memo: _Memo, ds: list[str], tokens: list[list[str]]) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Group each part (:func:`components`) from the memo's ``merge-groups`` or anew."""
    prefetch = getattr(items, "prefetch", None)
    known_parts = memo.get("merge-groups")
    known_parts = known_parts if isinstance(known_parts, dict) else {}
    kept_parts: dict[str, Any] = {}
    groups: list[list[int]] = []
    same_as: list[tuple[int, int]] = []
    regrouped = False
    parts = components(items, flags, tokens)
    keys = [hashlib.blake2b("".join(ds[i] for i in part).encode(), digest_size=20).hexdigest() for part in parts]  # type: ignore[misc]
    features_of = getattr(items, "features_of", None)
    known = [_valid_part(known_parts.get(key), len(part)) for part, key in zip(parts, keys)]
    anew = [i for part, local in zip(parts, known) if local is None for i in part]
    feats = dict(zip(anew, features_of(anew))) if anew and callable(features_of) else {}  # all at once
    for part, key, local in zip(parts, keys, known):
        if local is None:
            regrouped = True
            if feats:  # the items themselves are not needed, only their features
                made = [feats[i] for i in part]
                part_items: list[Any] = [None] * len(part)
            else:
                if callable(prefetch):
                    prefetch(part)
                part_items = [items[i] for i in part]
                made = [features(c) for c in part_items]
            local = group_items(part_items, [flags[i] for i in part], [(ft, tokens[i]) for ft, i in zip(made, part)])
        kept_parts[key] = (local[0], local[1])
        groups.extend([part[i] for i in g] for g in local[0])
        same_as.extend((part[a], part[b]) for a, b in local[1])
    if regrouped or kept_parts.keys() != known_parts.keys():  # keyed by content: the same keys, the same values
        memo.put("merge-groups", kept_parts)
    groups.sort(key=lambda g: g[0])
    return groups, sorted(same_as)
