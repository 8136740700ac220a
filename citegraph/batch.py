"""Many files to extractions: collecting a corpus's files, the cache, worker processes.

``collect_files`` expands folders into document files; ``extract_all``
gives each file's extraction, from the cache when its content, the code
and the options are unchanged, else from the pipeline (in worker processes
when there are many).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Sequence

from .cache import Cache
from .model import Extraction, Problem
from .resources import Resources
from .stages.read import SUPPORTED

__all__ = ["collect_files", "extract_file", "extract_all", "extraction_keys", "Extractions", "file_hashes", "known_hashes", "options_key", "PARALLEL_MIN"]


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


def options_key(resources: Resources) -> str:
    """What of the options changes extractions (the entity files, by path, size and time)."""
    parts = []
    for f in resources.entity_files:
        try:
            st = os.stat(f)
            parts.append(f"{os.path.abspath(f)}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{f}:missing")
    return "|".join(parts)


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
    res = resources or Resources()
    if cache is None or cache.dir is None:
        return _extract_many(list(files), res, workers)
    xs = Extractions(files, extraction_keys(files, res, cache), res, cache, workers)
    xs.load(range(len(files)))
    return [xs[i] for i in range(len(files))]


def extraction_keys(files: Sequence[str], res: Resources, cache: Cache) -> list[str]:
    """Each file's extraction key: its content hash, the code and the options ("" for a file that cannot be read: extracted every time, never cached)."""
    shas = dict(known_hashes(files, cache))
    options = options_key(res)
    return [cache.extraction_key(shas[f], options + f) if shas.get(f) else "" for f in files]


class Extractions:
    """Extractions of a corpus's files by position, read from the cache or extracted only when asked for (``keys``: :func:`extraction_keys`)."""

    def __init__(self, files: Sequence[str], keys: Sequence[str], res: Resources, cache: Cache, workers: int | None) -> None:
        self.files, self.keys, self.res, self.cache, self.workers = list(files), list(keys), res, cache, workers
        self.known: dict[int, Extraction] = {}

    def load(self, indices: Iterable[int]) -> None:
        """Have the extractions at ``indices`` at hand: cached ones read, the others extracted (in worker processes when many) and cached."""
        from .pipeline import extract

        todo = [i for i in indices if i not in self.known]
        if not todo:
            return
        hits = self.cache.get_extractions([self.keys[i] for i in todo if self.keys[i]])
        fresh: list[int] = []
        for i in todo:
            x = hits.get(self.keys[i]) if self.keys[i] else None
            if x is not None and x.path == self.files[i]:
                self.known[i] = x
            elif not self.keys[i]:
                self.known[i] = extract(self.files[i], self.res)  # unreadable: cheap, never cached
            else:
                fresh.append(i)
        self.cache.close()  # an SQLite connection must not be carried into forked workers
        for i, x in zip(fresh, _extract_many([self.files[i] for i in fresh], self.res, self.workers)):
            self.known[i] = x
        self.cache.put_extractions([(self.keys[i], self.known[i]) for i in fresh if self.known[i].raw_lines])  # an empty file: never cached

    def __getitem__(self, i: int) -> Extraction:
        self.load([i])
        return self.known[i]


def file_hashes(files: Sequence[str]) -> list[tuple[str, str]]:
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


def known_hashes(files: Sequence[str], cache: Cache) -> list[tuple[str, str]]:
    """:func:`file_hashes`, from the cache's record of files seen with the same size and time (read again otherwise)."""
    known = cache.get("file-sha", "files")
    known = known if isinstance(known, dict) else {}
    out: dict[str, str] = {}
    todo: list[str] = []
    stats: dict[str, list[int]] = {}
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            out[f] = ""
            continue
        stats[f] = [st.st_size, st.st_mtime_ns]
        hit = known.get(os.path.abspath(f))
        if isinstance(hit, list) and len(hit) == 3 and hit[:2] == stats[f] and isinstance(hit[2], str):
            out[f] = hit[2]
        else:
            todo.append(f)
    out.update(file_hashes(todo))
    kept = {os.path.abspath(f): [*stats[f], out[f]] for f in files if f in stats and out.get(f)}
    if kept != known:
        cache.put("file-sha", "files", kept)
    return [(str(f), out.get(f, "")) for f in files]
