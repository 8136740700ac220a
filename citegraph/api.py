"""The library API that the command line is a thin layer over.

``build`` turns paths into a graph and writes the page, the .bib and the
JSON; ``load_graph`` gives the (cached) graph of a corpus for queries;
``extract_file`` the extraction of one document.
"""

from __future__ import annotations

import gc
import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .cache import Cache, default_dir
from .digest import text_digest, value_digest
from .model import Extraction, Problem
from .resources import Resources
from .stages.read import SUPPORTED

if TYPE_CHECKING:
    import networkx as nx

    from .qindex import LiteGraph

__all__ = ["BuildResult", "collect_files", "extract_file", "extract_all", "corpus_graph", "load_graph", "build", "bib_items"]


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


def collect_files(paths: Iterable[str]) -> tuple[list[str], list[Problem]]:
    """Expand directories (recursively) into document files, in a stable order.

    Hidden files are skipped; a named path that does not exist, or a file in
    a folder whose type is not supported, becomes a problem.
    """
    files: list[str] = []
    problems: list[Problem] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    full = os.path.join(root, name)
                    if Path(name).suffix.lower() in SUPPORTED:
                        files.append(full)
                    else:
                        problems.append(Problem(full, "skipped", f"skipped: not a supported document type ({', '.join(SUPPORTED)})"))
        elif os.path.isfile(p):
            files.append(p)
        else:
            problems.append(Problem(p, "missing", "no such file or directory"))
    return files, problems


def _options(resources: Resources) -> str:
    parts = []
    for f in resources.entity_files:
        try:
            st = os.stat(f)
            parts.append(f"{os.path.abspath(f)}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{f}:missing")
    return "|".join(parts)


def _key(cache: Cache, probe: Extraction, res: Resources) -> str:
    return cache.extraction_key(probe.sha256, _options(res) + probe.path)


def extract_file(path: str, resources: Resources | None = None, cache: Cache | None = None) -> Extraction:
    """The extraction of one file (from the cache when its content and the code are unchanged)."""
    return extract_all([path], resources, cache)[0]


#: With at least this many files to extract, extraction runs in worker processes.
PARALLEL_MIN = 16

_WORKER_RES: Resources | None = None


def _init_worker(entity_files: tuple[str, ...]) -> None:
    global _WORKER_RES
    _WORKER_RES = Resources(entity_files=entity_files)


def _extract_in_worker(path: str) -> Extraction:
    from .pipeline import extract

    return extract(path, _WORKER_RES or Resources())


def _extract_many(paths: Sequence[str], res: Resources, workers: int | None) -> list[Extraction]:
    """Extractions of ``paths`` in order: in worker processes when there are many, else here."""
    from .pipeline import extract

    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(paths) < PARALLEL_MIN:
        return [extract(p, res) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max_workers=min(n, len(paths)), initializer=_init_worker, initargs=(res.entity_files,)) as pool:
            return list(pool.map(_extract_in_worker, paths, chunksize=max(1, min(16, len(paths) // (4 * n)))))
    except (OSError, RuntimeError):  # no processes here (sandbox, frozen app): do it serially
        return [extract(p, res) for p in paths]


def extract_all(files: Sequence[str], resources: Resources | None = None, cache: Cache | None = None, workers: int | None = None) -> list[Extraction]:
    """Extractions of several files, in the order of ``files``.

    Files whose content (and the code and options) are unchanged come from
    the cache; the others are extracted — in ``workers`` processes (default:
    one per CPU) when there are at least :data:`PARALLEL_MIN` of them, else
    serially. The result does not depend on the number of workers.
    """
    from .pipeline import extract
    from .stages.read import read

    res = resources or Resources()
    if cache is None or cache.dir is None:
        return _extract_many(list(files), res, workers)
    probes = [read(f) for f in files]
    keys = [_key(cache, p, res) if p.sha256 else "" for p in probes]
    hits = cache.get_extractions([k for k in keys if k])
    out: list[Extraction | None] = [None] * len(files)
    todo: list[int] = []
    for i, (probe, key) in enumerate(zip(probes, keys)):
        if not probe.sha256 or not probe.raw_lines and probe.problems:
            out[i] = extract(files[i], res) if probe.sha256 else probe  # unreadable or empty: cheap, never cached
        elif key in hits and hits[key].path == probe.path:
            out[i] = hits[key]
        else:
            todo.append(i)
    cache.close()  # an SQLite connection must not be carried into forked workers
    fresh = _extract_many([files[i] for i in todo], res, workers)
    for i, x in zip(todo, fresh):
        out[i] = x
    cache.put_extractions([(keys[i], x) for i, x in zip(todo, fresh) if x.raw_lines])
    return [x for x in out if x is not None]


class _CacheMemo:
    """The corpus merge's memo (:class:`citegraph.corpus.MergeMemo`) kept in the cache."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    _OWN_KIND = frozenset({"shingles", "merge-items", "merge-groups", "merge-keys"})  # one value each, kept in a kind of its own

    def get(self, key: str) -> Any:
        return self.cache.get(key if key in self._OWN_KIND else "merge", key)

    def put(self, key: str, value: Any) -> None:
        self.cache.put(key if key in self._OWN_KIND else "merge", key, value)


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
    return _load(paths, resources, cache_dir, workers, lite)[0]


def _file_hashes(files: Sequence[str]) -> list[tuple[str, str]]:
    """``(path, sha256 of its bytes)`` of each file, as :func:`~citegraph.stages.read.read` computes it ("" when it has none)."""
    from .stages.read import MAX_BYTES

    out = []
    for f in files:
        sha = ""
        try:
            if os.path.getsize(f) <= MAX_BYTES:
                with open(f, "rb") as fh:
                    sha = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            pass
        out.append((str(f), sha))
    return out


def _load(
    paths: Sequence[str],
    resources: Resources | None,
    cache_dir: str | Path | None,
    workers: int | None,
    lite: bool,
    on_graph: "Callable[[nx.DiGraph, Cache], None] | None" = None,
) -> "tuple[Any, tuple[list[str], list[str], str] | None, Cache, str]":
    """(graph, its node-link lines and text when it was just built, the cache, the digest of that text or "" when not known).

    ``on_graph`` is called with a graph as soon as it is built (not when it
    comes from the index), before its node-link lines and index are made.

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
        graph = corpus_graph(extract_all(files, res, cache, workers), res, problems)
        if on_graph is not None:
            on_graph(graph, cache)
        return graph, None, cache, ""
    extra = _options(res) + "\0" + "\0".join(f"{p.file}:{p.code}" for p in problems)
    key = cache.corpus_key(files, extra)
    built: list[tuple[list[str], list[str], str]] = []
    digests: list[str] = []

    def rebuild() -> "nx.DiGraph":
        from .qindex import write_index
        from .readwrite.nodelink import assemble, item_lines

        xs = extract_all(files, res, cache, workers)
        graph = corpus_graph(xs, res, problems, cache)
        if on_graph is not None:
            on_graph(graph, cache)
        with _no_gc():
            lines = item_lines(graph)
            text = assemble(graph.graph, *lines)
            digest = text_digest(text)
            if restamp_index(cache.dir, key, digest) is None:  # the same graph as a recent build: its index is reused
                write_index(cache.dir, key, graph, lines, digest)
        content = cache.content_key([(x.path, x.sha256) for x in xs], extra) if len(xs) == len(files) else None
        if content is not None:
            cache.put("content", content, digest)
        built.append((*lines, text))
        digests.append(digest)
        return graph

    indexed = open_index(cache.dir, key, rebuild)
    if indexed is None:
        content = cache.content_key(_file_hashes(files), extra)
        known = cache.get("content", content) if content is not None else None
        if isinstance(known, str) and known and restamp_index(cache.dir, key, known) is not None:
            indexed = open_index(cache.dir, key, rebuild)  # the same content as a recent build: its graph, no merge
    if indexed is not None:
        return (indexed if lite else indexed.full()), (built[0] if built else None), cache, indexed.digest
    graph = rebuild()
    return graph, built[0], cache, digests[0]


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def build(
    paths: Sequence[str], out_dir: str | Path, resources: Resources | None = None, cache_dir: str | Path | None = "default", title: str = "citegraph", workers: int | None = None
) -> BuildResult:
    """Build the corpus under ``paths`` and write ``graph.html``, ``references.bib`` and ``graph.json`` into ``out_dir``.

    An output is rewritten only when its content changed; when the graph is
    the one the previous build into ``out_dir`` wrote and the page and .bib
    written then are still there untouched, they are not even recomputed.
    When a large graph is new, its page is computed in a child process
    (:mod:`citegraph.forked`) while this one writes the JSON, the query index
    and the .bib.
    """
    pages: list[Callable[[], str]] = []  # the page, started in a child process as soon as a new graph exists

    def start_page(graph: "nx.DiGraph", cache: Cache) -> None:
        pages.append(_start_html(graph, title, cache))

    try:
        return _build(paths, out_dir, resources, cache_dir, title, workers, start_page, pages)
    finally:
        for page in pages:
            getattr(page, "cancel", lambda: None)()


def _build(
    paths: Sequence[str],
    out_dir: str | Path,
    resources: Resources | None,
    cache_dir: str | Path | None,
    title: str,
    workers: int | None,
    start_page: "Callable[[nx.DiGraph, Cache], None]",
    pages: "list[Callable[[], str]]",
) -> BuildResult:
    from .readwrite.atomic import write_text_atomic
    from .readwrite.nodelink import assemble, item_lines

    with _no_gc():
        loaded, lines, cache, digest = _load(paths, resources, cache_dir, workers, True, start_page)
        full = getattr(loaded, "full", None)
        graph_of = full if callable(full) else (lambda: loaded)  # a LiteGraph becomes a networkx graph only when needed
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        outputs = {"html": str(out / "graph.html"), "bib": str(out / "references.bib"), "json": str(out / "graph.json")}
        texts: list[str] = [lines[2]] if lines else []

        def text() -> str:
            if not texts:
                g = graph_of()
                texts.append(assemble(g.graph, *item_lines(g)))
            return texts[0]

        if not digest:
            digest = text_digest(text())
        state_key = f"{os.path.abspath(out)}\0{title}"
        state = cache.get("outputs", state_key) if cache.dir is not None else None
        state = state if isinstance(state, dict) else {}
        same_graph = state.get("graph") == digest
        new_state: dict[str, Any] = {"graph": digest}
        makers = {"json": text, "bib": lambda: _bib_text(graph_of(), cache), "html": lambda: pages[0]() if pages else _html_text(graph_of(), title, cache)}
        for name in ("json", "bib", "html"):
            path = outputs[name]
            before = state.get(name)
            on_disk = _stat(path)
            if same_graph and isinstance(before, list) and len(before) == 3 and on_disk == before[:2]:
                new_state[name] = before  # same graph, file untouched since we wrote it: same content
                continue
            content = makers[name]()
            h = text_digest(content)
            if not (isinstance(before, list) and len(before) == 3 and on_disk == before[:2] and before[2] == h):
                write_text_atomic(path, content)
            new_state[name] = [*(_stat(path) or [0, 0]), h]
        if cache.dir is not None and new_state != state:
            cache.put("outputs", state_key, new_state)
    summary = {k: v for k, v in loaded.graph.items()}
    return BuildResult(graph_of if callable(full) else loaded, outputs, summary)


_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:./+")


def _bib_text(graph: "nx.DiGraph", cache: Cache | None = None) -> str:
    """The .bib of the graph; entries whose CSL item did not change since the last build come from the cache.

    A BibTeX database is its entries one after the other, so when every key
    is already a valid, unique BibTeX key the text is the entries' texts
    joined (checked by the tests); otherwise it is written in one go.
    """
    items = bib_items(graph)
    ids = [item.get("id") for item in items]
    if cache is None or cache.dir is None or len(set(ids)) != len(ids) or not all(isinstance(i, str) and i and set(i) <= _KEY_CHARS for i in ids):
        from .readwrite.bibtex_write import to_bibtex

        return to_bibtex(items)
    digests = [value_digest(item) for item in items]
    if None in digests:
        from .readwrite.bibtex_write import to_bibtex

        return to_bibtex(items)
    known = cache.get("bib-entries", "bibtex")
    known = known if isinstance(known, dict) else {}
    entries = {}
    for item, d in zip(items, digests):
        text = known.get(d)
        if not isinstance(text, str):
            from .readwrite.bibtex_write import to_bibtex

            text = to_bibtex([item])
        entries[d] = text
    if entries != known:
        cache.put("bib-entries", "bibtex", entries)
    return "\n".join(entries[d] for d in digests)


class _LayoutMemo:
    """The page layout's memo: the layouts kept by the last build, and those used by this one."""

    def __init__(self, known: Any) -> None:
        self.known = known if isinstance(known, dict) else {}
        self.used: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.known.get(key)

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value


#: From this many nodes on, a build computes the page in a child process (:mod:`citegraph.forked`).
FORK_PAGE_MIN = 3000


class _Page:
    """The page of a graph, computed in a child process when the graph is large; calling it gives the text."""

    def __init__(self, graph: "nx.DiGraph", title: str, cache: Cache | None, fork: bool) -> None:
        from . import forked

        self.cache = cache if cache is not None and cache.dir is not None else None
        self.known = self.cache.get("layout", "components") if self.cache is not None else None

        def compute() -> tuple[str, Any]:
            from .readwrite.html import to_html

            memo = _LayoutMemo(self.known) if self.cache is not None else None
            text = to_html(graph, title=title, layout_memo=memo)
            return text, (memo.used if memo is not None else None)

        self.job = forked.start(compute, fork=fork and graph.number_of_nodes() >= FORK_PAGE_MIN)

    def __call__(self) -> str:
        text, used = self.job.result()
        if self.cache is not None and used != _LayoutMemo(self.known).known:
            self.cache.put("layout", "components", used)
        return text

    def cancel(self) -> None:
        """Stop the child if the page is not needed after all."""
        self.job.cancel()


def _start_html(graph: "nx.DiGraph", title: str, cache: Cache | None = None, fork: bool = True) -> _Page:
    """Start computing the page (in a child process for a large graph); call the result for its text."""
    return _Page(graph, title, cache, fork)


def _html_text(graph: "nx.DiGraph", title: str, cache: Cache | None = None) -> str:
    """The page; with a cache, the layouts of large components unchanged since the last build are re-used."""
    return _start_html(graph, title, cache, fork=False)()


def bib_items(graph: "nx.DiGraph", doc: str | None = None) -> list[dict[str, Any]]:
    """CSL items of the works (and documents) in the graph, or only those cited by ``doc`` (a node id)."""
    from .queries import nodes_of

    if doc is not None:
        nodes = [v for _, v, d in graph.out_edges(doc, data=True) if d.get("relation") == "cites"]
    else:
        nodes = [n for n, d in nodes_of(graph, ("work", "document")) if d.get("csl") and d.get("doc_kind") not in ("excerpt", "bib")]
    items = []
    for n in sorted(nodes, key=lambda n: graph.nodes[n].get("key", n)):
        csl = dict(graph.nodes[n].get("csl") or {})
        if csl:
            csl["id"] = graph.nodes[n]["key"]
            items.append(csl)
    return items
