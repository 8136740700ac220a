"""The library API that the command line is a thin layer over.

``build`` turns paths into a graph and writes the page, the .bib and the
JSON; ``load_graph`` gives the (cached) graph of a corpus for queries;
``extract_file`` the extraction of one document.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import networkx as nx

from .cache import Cache, default_dir
from .model import Extraction, Problem
from .resources import Resources
from .stages.read import SUPPORTED

__all__ = ["BuildResult", "collect_files", "extract_file", "extract_all", "corpus_graph", "load_graph", "build", "bib_items"]


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` produced: the graph, the files written and the summary."""

    graph: nx.DiGraph
    outputs: dict[str, str] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)


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


def corpus_graph(extractions: Sequence[Extraction], resources: Resources | None = None, extra_problems: Sequence[Problem] = ()) -> nx.DiGraph:
    """Merge extractions into a corpus and build its graph."""
    from .corpus import build_corpus
    from .graph import build_graph
    from dataclasses import replace

    res = resources or Resources()
    corpus = build_corpus(extractions)
    if extra_problems:
        corpus = replace(corpus, problems=tuple(extra_problems) + corpus.problems)
    return build_graph(corpus, res.gazetteer)


def load_graph(paths: Sequence[str], resources: Resources | None = None, cache_dir: str | Path | None = "default", workers: int | None = None) -> nx.DiGraph:
    """The graph of the documents under ``paths``, from the cache when nothing changed.

    ``cache_dir=None`` caches nothing; ``workers`` is passed to :func:`extract_all`.
    """
    from .readwrite.nodelink import from_json, to_json

    res = resources or Resources()
    cache = Cache(default_dir() if cache_dir == "default" else cache_dir)
    files, problems = collect_files(paths)
    key = cache.corpus_key(files, _options(res))
    data = cache.get_graph(key)
    if data is not None:
        try:
            return from_json(data)
        except (KeyError, TypeError, ValueError, nx.NetworkXError):
            pass
    graph = corpus_graph(extract_all(files, res, cache, workers), res, problems)
    cache.put_graph(key, to_json(graph))
    return graph


def build(
    paths: Sequence[str], out_dir: str | Path, resources: Resources | None = None, cache_dir: str | Path | None = "default", title: str = "citegraph", workers: int | None = None
) -> BuildResult:
    """Build the corpus under ``paths`` and write ``graph.html``, ``references.bib`` and ``graph.json`` into ``out_dir``."""
    from .readwrite.atomic import write_text_atomic
    from .readwrite.bibtex_write import to_bibtex
    from .readwrite.html import to_html
    from .readwrite.nodelink import to_json

    graph = load_graph(paths, resources, cache_dir, workers)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs = {"html": str(out / "graph.html"), "bib": str(out / "references.bib"), "json": str(out / "graph.json")}
    write_text_atomic(outputs["json"], to_json(graph))
    write_text_atomic(outputs["bib"], to_bibtex(bib_items(graph)))
    write_text_atomic(outputs["html"], to_html(graph, title=title))
    summary = {k: v for k, v in graph.graph.items()}
    return BuildResult(graph, outputs, summary)


def bib_items(graph: nx.DiGraph, doc: str | None = None) -> list[dict[str, Any]]:
    """CSL items of the works (and documents) in the graph, or only those cited by ``doc`` (a node id)."""
    if doc is not None:
        nodes = [v for _, v, d in graph.out_edges(doc, data=True) if d.get("relation") == "cites"]
    else:
        nodes = [n for n, d in graph.nodes(data=True) if d.get("kind") in ("work", "document") and d.get("csl") and d.get("doc_kind") not in ("excerpt", "bib")]
    items = []
    for n in sorted(nodes, key=lambda n: graph.nodes[n].get("key", n)):
        csl = dict(graph.nodes[n].get("csl") or {})
        if csl:
            csl["id"] = graph.nodes[n]["key"]
            items.append(csl)
    return items
