"""The library API that the command line is a thin layer over.

``build`` turns paths into a graph and writes the page, the .bib and the
JSON; ``load_graph`` gives the (cached) graph of a corpus for queries;
``extract_file`` the extraction of one document.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from .batch import PARALLEL_MIN, collect_files, extract_all, extract_file, known_hashes, options_key
from .cache import Cache, default_dir
from .digest import text_digest
from .model import Extraction, Problem
from .outputs import bib_items, bib_text, page_text, start_page
from .resources import Resources

if TYPE_CHECKING:
    import networkx as nx

    from .corpusbuild import Built
    from .qindex import LiteGraph
    from .readwrite.html_edges import Prebuilt

__all__ = ["BuildResult", "collect_files", "extract_file", "extract_all", "corpus_graph", "load_graph", "build", "bib_items", "PARALLEL_MIN"]


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` produced: the graph, the files written and the summary.

    ``graph`` is a networkx ``DiGraph``; when the build reused a query index
    (nothing to merge) it is read from the index on first access only.
    """

    source: Any = field(repr=False)  # the graph, or a function (no arguments) that returns it
    outputs: dict[str, str] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def graph(self) -> "nx.DiGraph":
        """The corpus graph (a networkx ``DiGraph``)."""
        cached = self.__dict__.get("_graph")
        if cached is None:
            cached = self.source() if callable(self.source) else self.source
            object.__setattr__(self, "_graph", cached)
        return cached


class _CacheMemo:
    """The corpus merge's memo (:class:`citegraph.corpus.MergeMemo`) kept in the cache."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    _OWN_KIND = frozenset({"merge-groups", "merge-keys", "merge-works"})  # one value each, kept in a kind of its own

    def _kind(self, key: str) -> str:
        return key if key in self._OWN_KIND else "merge"

    def get(self, key: str) -> Any:
        return self.cache.get(self._kind(key), key)

    def put(self, key: str, value: Any) -> None:
        self.cache.put(self._kind(key), key, value)


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while building: the build makes millions of objects and no cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def corpus_graph(
    extractions: Sequence[Extraction], resources: Resources | None = None, extra_problems: Sequence[Problem] = (), cache: Cache | None = None
) -> "nx.DiGraph":
    """Merge extractions into a corpus and build its graph (``cache``: where the merge may remember its grouping)."""
    from .corpus import build_corpus
    from .graph import build_graph
    from dataclasses import replace

    res = resources or Resources()
    with _no_gc():
        corpus = build_corpus(extractions, _CacheMemo(cache) if cache is not None and cache.dir is not None else None)
        if extra_problems:
            corpus = replace(corpus, problems=tuple(extra_problems) + corpus.problems)
        return build_graph(corpus, res.gazetteer)


def load_graph(
    paths: Sequence[str], resources: Resources | None = None, cache_dir: str | Path | None = "default", workers: int | None = None, lite: bool = False
) -> "nx.DiGraph | LiteGraph":
    """The graph of the documents under ``paths``, from the cache when nothing changed.

    ``cache_dir=None`` caches nothing; ``workers`` is passed to :func:`extract_all`.
    A built graph is stored as a query index (:mod:`citegraph.qindex`) keyed
    by the corpus key (paths, sizes, modification times, code fingerprint,
    options). With ``lite=True`` and a valid index, the result is a
    :class:`~citegraph.qindex.LiteGraph` answering from the index (no
    networkx); otherwise a networkx ``DiGraph``. A stale index is not used,
    a damaged one is deleted and rebuilt.
    """
    loaded = _load(paths, resources, cache_dir, workers, lite)
    if loaded.built is None:
        return loaded.indexed
    from .corpusbuild import graph_of

    return graph_of(loaded.built)


@dataclass(frozen=True)
class _Loaded:
    """What :func:`_load` found or made."""

    indexed: Any  # the graph from the index (a LiteGraph, or networkx), or None when it was just built
    built: "Built | None"  # what was built, or None
    text: str  # its node-link text, or ""
    cache: Cache
    digest: str  # the graph's digest, or "" when not known
    remake: "Callable[[], Built]"  # the graph made again from the cache (when it came from the index and an output must be made)


def _load(
    paths: Sequence[str],
    resources: Resources | None,
    cache_dir: str | Path | None,
    workers: int | None,
    lite: bool,
    on_built: "Callable[[Built, Cache], None] | None" = None,
) -> _Loaded:
    """The corpus graph from the query index when nothing changed, else built (see :class:`_Loaded`).

    ``on_built`` is called as soon as a graph is built (not when it comes
    from the index), before its node-link text and index are made.

    The index is looked up by the corpus key (paths, sizes, times); when that
    misses, by the corpus's content key (:meth:`Cache.content_key`): a
    corpus whose files were touched but not changed reuses the index of the
    build that had the same content, re-stamped, without merging anything.
    """
    from .qindex import open_index, restamp_index

    res = resources or Resources()
    cache = Cache(default_dir() if cache_dir == "default" else cache_dir)
    files, problems = collect_files(paths)
    if cache.dir is None:
        built = _uncached(files, res, problems, workers)
        if on_built is not None:
            on_built(built, cache)
        return _Loaded(None, built, "", cache, "", lambda: built)
    extra = options_key(res) + "\0" + "\0".join(f"{p.file}:{p.code}" for p in problems)
    key = cache.corpus_key(files, extra)
    made: list[tuple[Built, str, str]] = []

    def remake() -> "Built":
        from .corpusbuild import assemble_corpus

        return assemble_corpus(files, res, cache, problems, workers, _CacheMemo(cache))

    def rebuild() -> "Built":
        from .qindex import write_rows

        built = remake()
        if on_built is not None:
            on_built(built, cache)
        known = cache.get("rows", "shared")
        kept: dict[str, Any] = {}
        node_rows, edge_rows, text = built.rows(built.shared_node_rows(known if isinstance(known, dict) else {}, kept))
        if not isinstance(known, dict) or kept.keys() != known.keys():  # keyed by content: the same keys, the same rows
            cache.put("rows", "shared", kept)
        digest = text_digest(text)
        if restamp_index(cache.dir, key, digest) is None:  # the same graph as a recent build: its index is reused
            write_rows(cache.dir, key, node_rows, edge_rows, built.graph_facts, digest)
        content = cache.content_key(known_hashes(files, cache), extra)
        if content is not None:
            cache.put("content", content, digest)
        made.append((built, text, digest))
        return built

    def full() -> "nx.DiGraph":
        from .corpusbuild import graph_of

        return graph_of(rebuild())

    indexed = open_index(cache.dir, key, full)
    if indexed is None:
        content = cache.content_key(known_hashes(files, cache), extra)
        known = cache.get("content", content) if content is not None else None
        if isinstance(known, str) and known and restamp_index(cache.dir, key, known) is not None:
            indexed = open_index(cache.dir, key, full)  # the same content as a recent build: its graph, no merge
    if indexed is not None:
        return _Loaded(indexed if lite else indexed.full(), None, "", cache, indexed.digest, remake)
    rebuild()
    built, text, digest = made[0]
    return _Loaded(None, built, text, cache, digest, remake)


def _uncached(files: Sequence[str], res: Resources, problems: Sequence[Problem], workers: int | None) -> "Built":
    """What a build makes of ``files`` when nothing may be cached."""
    from .corpus import Merged, build_corpus
    from .corpusbuild import from_extractions

    with _no_gc():
        corpus = build_corpus(extract_all(files, res, None, workers))
        merged = Merged(corpus.works, corpus.ref_work, corpus.same_as)
        own = sum(len(x.problems) for x in corpus.extractions)
        extra = [*problems, *corpus.problems[: len(corpus.problems) - own]]  # files left out of the corpus
        return from_extractions(corpus.extractions, merged, corpus.excerpt_of, res.gazetteer, extra)


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def build(
    paths: Sequence[str],
    out_dir: str | Path,
    resources: Resources | None = None,
    cache_dir: str | Path | None = "default",
    title: str = "citegraph",
    workers: int | None = None,
    fresh_layout: bool = False,
) -> BuildResult:
    """Build the corpus under ``paths`` and write ``graph.html``, ``references.bib`` and ``graph.json`` into ``out_dir``.

    An output is rewritten only when its content changed; when the graph is
    the one the previous build into ``out_dir`` wrote and the page and .bib
    written then are still there untouched, they are not even recomputed.
    When a large graph is new, its page is computed in a child process
    (:mod:`citegraph.forked`) while this one writes the JSON, the query index
    and the .bib. After a small change the page keeps the last build's map
    (positions and clusters, see :mod:`citegraph.readwrite.html_layout`);
    ``fresh_layout`` lays it out and clusters it afresh.
    """
    from .readwrite.atomic import write_text_atomic

    pages: list[Any] = []  # the page, started in a child process as soon as a new graph exists

    def on_built(built: "Built", cache: Cache) -> None:
        from .built import page_clashes

        for i in page_clashes(built):  # rows the page reads, read here: the cache's database must not be used across the fork
            built.rows_of(i)  # type: ignore[misc]
        pages.append(start_page(lambda: _page_graph(built), title, cache, size=built.node_count(), fresh=fresh_layout))

    try:
        with _no_gc():
            loaded = _load(paths, resources, cache_dir, workers, True, on_built)
            cache, digest = loaded.cache, loaded.digest
            builts: list["Built"] = [loaded.built] if loaded.built is not None else []

            def built_now() -> "Built":  # from the index: made again from the cache when an output is to be made
                if not builts:
                    builts.append(loaded.remake())
                    on_built(builts[0], cache)
                return builts[0]

            def graph_now() -> "nx.DiGraph":
                from .corpusbuild import graph_of

                return graph_of(builts[0]) if builts else loaded.indexed.full()

            out = Path(out_dir)
            out.mkdir(parents=True, exist_ok=True)
            outputs = {"html": str(out / "graph.html"), "bib": str(out / "references.bib"), "json": str(out / "graph.json")}

            def text() -> str:
                return loaded.text or built_now().text()

            def bib() -> str:
                return bib_text([dict(w.csl) for w in sorted(built_now().merged.works, key=lambda w: w.key)], cache)

            if not digest:
                digest = text_digest(text())
            state_key = f"{os.path.abspath(out)}\0{title}"
            state = cache.get("outputs", state_key) if cache.dir is not None else None
            state = state if isinstance(state, dict) else {}
            same_graph = state.get("graph") == digest
            new_state: dict[str, Any] = {"graph": digest}

            def unchanged(name: str) -> bool:  # same graph, file untouched since we wrote it: same content
                before = state.get(name)
                fresh = name == "html" and fresh_layout
                return same_graph and not fresh and isinstance(before, list) and len(before) == 3 and _stat(outputs[name]) == before[:2]

            if not all(unchanged(name) for name in outputs):
                built_now()  # (the page starts now, in a child, while the rest is written)
            makers = {"json": text, "bib": bib, "html": lambda: pages[0]() if pages else page_text(graph_now(), title, cache, fresh_layout)}
            for name in ("json", "bib", "html"):
                path = outputs[name]
                before = state.get(name)
                on_disk = _stat(path)
                if unchanged(name):
                    new_state[name] = before
                    if name == "bib" and isinstance(state.get("bib_note"), str):
                        new_state["bib_note"] = state["bib_note"]
                    continue
                content = makers[name]()
                if name == "bib":
                    from .readwrite.bibtex_write import engine_hint  # only when the .bib was made: a rebuild that changed nothing does not import it

                    new_state["bib_note"] = engine_hint(content)
                h = digest if name == "json" else text_digest(content)  # the graph's digest is that of its JSON text
                if not (isinstance(before, list) and len(before) == 3 and on_disk == before[:2] and before[2] == h):
                    write_text_atomic(path, content)
                new_state[name] = [*(_stat(path) or [0, 0]), h]
            if cache.dir is not None and new_state != state:
                cache.put("outputs", state_key, new_state)
        summary = dict(builts[0].graph_facts if builts else loaded.indexed.graph)
        summary["bib_note"] = new_state.get("bib_note", "")  # e.g. "2 entries have Chinese ... characters: compile with xelatex"
        return BuildResult(graph_now, outputs, summary)
    finally:
        for page in pages:
            page.cancel()  # not asked for (the outputs were up to date): its child is stopped


def _page_graph(built: "Built") -> "nx.DiGraph | tuple[nx.DiGraph, Prebuilt]":
    """What the page of ``built`` is drawn from: above :data:`~citegraph.views.FOLD_ABOVE` nodes, the graph with claims
    folded in and the documents' own edges' page items made ahead (see :func:`~citegraph.readwrite.html.to_html`), else the graph."""
    from .corpusbuild import graph_of, page_parts
    from .views import FOLD_ABOVE

    return page_parts(built) if built.node_count() > FOLD_ABOVE and any(f["nn"] for f in built.frags) else graph_of(built)
