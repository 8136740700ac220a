"""A corpus's graph from per-document values, so that a rebuild after one file changed redoes one file's share.

:func:`assemble_corpus` gives a :class:`Built`: the corpus-wide items
(:mod:`citegraph.assembly`) and each document's own items
(:mod:`citegraph.fragments`), ready to be written as node-link JSON, a query
index, a page and a .bib without building a networkx graph. With a cache,
each document's facts and items are kept by its extraction key (and, for
the items, by where its cited references went), so after an edit only the
edited document is extracted and rendered again, and the merge regroups only
the part of the references the edit touched.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping, Sequence

from .assembly import has_items, platform_names, shared_items
from .batch import Extractions, extraction_keys, options_key
from .built import Built, fits, fits_rows, fragment, graph_of, page_graph, page_parts
from .cache import Cache
from .corpus import Merged, _relink_excerpt, excerpts_of_facts, merge
from .grouping import feature_values
from .digest import value_digest
from .fragments import FACTS_VERSION, doc_facts, duplicate_ids, duplicate_message, items_key, skipped_facts
from .model import Extraction, Problem
from .resources import Resources

__all__ = ["Built", "assemble_corpus", "graph_of", "from_extractions", "page_graph", "page_parts"]


def from_extractions(
    xs: Sequence[Extraction], merged: Merged, excerpt_of: Mapping[str, str], gazetteer: Any = None, extra_problems: Sequence[Problem] = ()
) -> Built:
    """The :class:`Built` of extractions already merged (the excerpts' already relinked), nothing cached.

    ``gazetteer``: platforms named by titles and facts between platforms (none without).
    """
    facts = [doc_facts(x) for x in xs]
    mentions = _mentions(gazetteer)
    platforms = platform_names(facts, merged.works, mentions)
    made, docs = [], []
    for x, f in zip(xs, facts):
        if has_items(f, excerpt_of):
            made.append(fragment(x, merged.ref_work, platforms))
            docs.append(f"doc:{f['id']}")
    targets = {d.removeprefix("doc:"): light["t"] for d, (light, _) in zip(docs, made)}
    shared = shared_items(facts, merged, excerpt_of, targets, mentions, _relations(gazetteer), extra_problems)
    return Built(shared, tuple(light for light, _ in made), merged, tuple(docs), lambda i: made[i][1])


def _mentions(gazetteer: Any, memo: dict[str, Any] | None = None) -> Callable[[str], list[tuple[str, str]]] | None:
    """The platforms a title names, by the gazetteer (``memo``: title -> result, read and filled)."""
    if gazetteer is None:
        return None
    known = memo if memo is not None else {}

    def find(title: str) -> list[tuple[str, str]]:
        hit = known.get(title)
        if not isinstance(hit, list):
            hit = known[title] = [[m.name, m.surface] for m in gazetteer.find(title) if m.kind == "platform"]
        return [(a, b) for a, b in hit]

    return find


def _relations(gazetteer: Any) -> list[tuple[str, str, str]]:
    return list(gazetteer.relations()) if gazetteer is not None else []


def assemble_corpus(files: Sequence[str], res: Resources, cache: Cache, extra_problems: Sequence[Problem] = (), workers: int | None = None, memo: Any = None) -> Built:
    """The :class:`Built` of ``files`` using the cache (see the module docstring); ``memo``: the merge's memo (:func:`citegraph.corpus.merge`)."""
    options = options_key(res)
    keys = extraction_keys(files, res, cache)
    xs = Extractions(files, keys, res, cache, workers)
    facts = _facts(xs, cache)
    for i, first in duplicate_ids((f["path"], f["id"]) for f in facts).items():
        facts[i] = skipped_facts(facts[i]["path"], "duplicate-id", duplicate_message(first))
    excerpt_of = excerpts_of_facts(facts)
    if excerpt_of:
        facts = _relinked(facts, xs, excerpt_of, cache)
    merged = _merge(facts, xs, cache, memo, excerpt_of)
    title_memo = cache.get("titles", options)
    title_memo = dict(title_memo) if isinstance(title_memo, dict) else {}
    before = len(title_memo)
    mentions = _mentions(res.gazetteer, title_memo)
    platforms = platform_names(facts, merged.works, mentions)
    wanted = [i for i, f in enumerate(facts) if has_items(f, excerpt_of)]
    fkeys = {i: items_key(keys[i], facts[i]["used"], merged.ref_work, platforms & set(facts[i]["claim_platforms"])) if keys[i] else None for i in wanted}
    found = cache.get_many("frag", [k for k in fkeys.values() if k])
    missing = [i for i in wanted if not fits(found.get(fkeys[i] or ""))]
    xs.load(missing)
    made = {i: fragment(xs[i], merged.ref_work, platforms) for i in missing}
    cache.put_many("frag", [(fkeys[i], light) for i, (light, _) in made.items() if fkeys[i]])
    cache.put_many("frag-rows", [(fkeys[i], rows) for i, (_, rows) in made.items() if fkeys[i]])
    frags = [made[i][0] if i in made else found[fkeys[i]] for i in wanted]  # type: ignore[index]
    docs = [f"doc:{facts[i]['id']}" for i in wanted]
    targets = {d.removeprefix("doc:"): fr["t"] for d, fr in zip(docs, frags)}
    rows_of = _RowsOf(wanted, frags, {k: made[i][1] for k, i in enumerate(wanted) if i in made}, [fkeys[i] for i in wanted], cache, xs, merged.ref_work, platforms)
    known = cache.get("work-attrs", "works")
    kept: dict[str, Any] = {}
    shared = shared_items(facts, merged, excerpt_of, targets, mentions, _relations(res.gazetteer), extra_problems, (known if isinstance(known, dict) else {}, kept))
    if not isinstance(known, dict) or kept.keys() != known.keys():  # keyed by content: the same keys, the same attributes
        cache.put("work-attrs", "works", kept)
    if len(title_memo) != before:
        cache.put("titles", options, title_memo)
    relinked = [f["relinked"] for f in facts if isinstance(f.get("relinked"), str)]
    _note_use(cache, files, {"extract": [k for k in keys if k], "facts": [k for k in keys if k] + relinked, "frag": [k for k in fkeys.values() if k]})
    return Built(shared, tuple(frags), merged, tuple(docs), rows_of)


#: Per-document kinds of the cache pruned to what recent builds used, once they hold more than PRUNE_SLACK times that (and then some).
PRUNED = {"extract": ("extract",), "facts": ("facts",), "frag": ("frag", "frag-rows")}
PRUNE_SLACK = 3


def _note_use(cache: Cache, files: Sequence[str], used: dict[str, list[str]]) -> None:
    """Remember which per-document entries this build used (the cache keeps the last few builds' records), and prune entries no recent build used.

    An edit leaves the old entries of the edited document behind; without
    pruning they would pile up. Entries are content-keyed and checked when
    read, so pruning too much only costs time (they are made again).
    """
    from .digest import text_digest

    corpus = text_digest("\n".join(sorted(os.path.abspath(f) for f in files)))
    cache.put("used", corpus, used)
    for name, kinds in PRUNED.items():
        for kind in kinds:
            if cache.count(kind) > PRUNE_SLACK * len(used.get(name, ())) + 200:
                keep: set[str] = set(used.get(name, ()))
                for record in cache.values("used"):  # the last few builds', of any corpus
                    if isinstance(record, dict):
                        keep.update(record.get(name, ()))
                cache.prune(kind, keep)


class _RowsOf:
    """The full rows of each fragment: those made in this build, else from the cache, else made again from the extraction."""

    def __init__(self, wanted: list[int], frags: list[Mapping[str, Any]], made: dict[int, Mapping[str, Any]], keys: list[str | None], cache: Cache, xs: "Extractions",
                 ref_work: Mapping[str, str], platforms: frozenset[str]) -> None:
        self.wanted, self.frags, self.known, self.keys, self.cache, self.xs = wanted, frags, dict(made), keys, cache, xs
        self.ref_work, self.platforms = ref_work, platforms

    misses = 0

    def __call__(self, k: int) -> Mapping[str, Any]:
        if k not in self.known:
            self.misses += 1  # read one by one a few times, then all at once (an index written whole reads them all in order)
            self._read([k] if self.misses <= 8 else [j for j in range(len(self.wanted)) if j not in self.known])
            if k not in self.known:  # lost from the cache: made again
                self.known[k] = fragment(self.xs[self.wanted[k]], self.ref_work, self.platforms)[1]
        return self.known[k]

    def _read(self, todo: list[int]) -> None:
        todo = [j for j in todo if self.keys[j]]
        found = self.cache.get_many("frag-rows", [self.keys[j] for j in todo])  # type: ignore[misc]
        for j in todo:
            rows = found.get(self.keys[j])  # type: ignore[arg-type]
            if fits_rows(rows, self.frags[j]):
                self.known[j] = rows


def _facts(xs: Extractions, cache: Cache) -> list[dict[str, Any]]:
    """Each file's :func:`doc_facts`, from the cache or from its extraction (then cached, with its references' CSL items by digest)."""
    keys = xs.keys
    found = cache.get_many("facts", [k for k in keys if k])
    missing = [i for i, k in enumerate(keys) if not (isinstance(found.get(k), dict) and found[k].get("v") == FACTS_VERSION)]
    xs.load(missing)
    made = {i: doc_facts(xs[i]) for i in missing}
    cache.put_many("facts", [(keys[i], f) for i, f in made.items() if keys[i]])
    described = [(digest, ref.csl) for i in missing for ref, (_, digest, _) in zip(xs[i].references, made[i]["refs"]) if digest]
    cache.put_many("desc", [(digest, dict(csl)) for digest, csl in described])
    cache.put_many("feat", [(_feat_key(digest), feature_values(csl)) for digest, csl in described])
    return [made[i] if i in made else found[k] for i, k in enumerate(keys)]


def _relinked(facts: list[dict[str, Any]], xs: Extractions, excerpt_of: Mapping[str, str], cache: Cache) -> list[dict[str, Any]]:
    """The facts with each excerpt's replaced by those of the excerpt linked against its parent's reference list (cached by both extraction keys)."""
    index = {f["id"]: i for i, f in enumerate(facts) if f["id"]}
    pairs = {child: (index[child], index[parent]) for child, parent in excerpt_of.items()}
    keys = {child: value_digest(["relinked", FACTS_VERSION, xs.keys[i], xs.keys[j]]) if xs.keys[i] and xs.keys[j] else None for child, (i, j) in pairs.items()}
    found = cache.get_many("facts", [k for k in keys.values() if k])
    out = list(facts)
    made = []
    for child, (i, j) in pairs.items():
        hit = found.get(keys[child] or "")
        if isinstance(hit, dict) and hit.get("v") == FACTS_VERSION:
            out[i] = {**hit, "relinked": keys[child]}
        else:
            out[i] = {**doc_facts(_relink_excerpt(xs[i], xs[j])), "relinked": keys[child]}
            if keys[child]:
                made.append((keys[child], out[i]))
    cache.put_many("facts", made)
    return out


def _feat_key(digest: str) -> str:
    """The cache key of a description's features: they depend on the code, the description on nothing else."""
    from .cache import fingerprint

    return f"{fingerprint()}:{digest}"


class _Features:
    """References' identity features by digest, in the cache (see :func:`citegraph.corpus.merge`)."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def __call__(self, digests: Sequence[str]) -> dict[str, Any]:
        found = self.cache.get_many("feat", [_feat_key(d) for d in digests])
        return {d: found[k] for d, k in ((d, _feat_key(d)) for d in digests) if k in found}

    def keep(self, made: Mapping[str, Any]) -> None:
        self.cache.put_many("feat", [(_feat_key(d), feature_values(f)) for d, f in made.items()])


def _merge(facts: list[dict[str, Any]], xs: Extractions, cache: Cache, memo: Any, excerpt_of: Mapping[str, str]) -> Merged:
    """:func:`merge` with references' CSL items read from the cache by digest (from the extractions when the cache lacks one)."""
    try:
        return merge(facts, lambda ds: cache.get_many("desc", ds), memo, excerpt_of, _Features(cache))
    except (KeyError, ValueError):  # a description the cache lost, tokens that do not fit: all from the extractions
        xs.load(range(len(facts)))
        fresh = [doc_facts(xs[i]) if f["kind"] in ("paper", "news", "bib") else f for i, f in enumerate(facts)]  # excerpts relinked, left-out files as they are
        described = {digest: ref.csl for i, f in enumerate(fresh) for ref, (_, digest, _) in zip(xs[i].references, f["refs"])}
        return merge(fresh, lambda ds: {d: described[d] for d in ds if d in described}, memo, excerpt_of)
