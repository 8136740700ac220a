"""A content-hashed cache of extractions and built graphs.

Extractions are keyed by the file's SHA-256 and the code fingerprint (a
hash of the package's own files, models included), so a change to either
re-extracts. Corpus graphs are keyed by the files' paths, sizes and
modification times. A corrupt or unreadable entry is ignored and rebuilt,
never trusted. The cache lives in ``$CITEGRAPH_CACHE`` or
``$XDG_CACHE_HOME/citegraph`` (``~/.cache/citegraph``).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from .model import Extraction
from .readwrite.atomic import write_text_atomic

__all__ = ["Cache", "fingerprint", "default_dir"]


def default_dir() -> Path:
    """Where the cache lives unless told otherwise."""
    env = os.environ.get("CITEGRAPH_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citegraph"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of citegraph's code and data files: any change invalidates cached results."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".py", ".json", ".txt", ".crfsuite", ".html", ".js", ".css"} and "__pycache__" not in p.parts:
            st = p.stat()
            h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


class Cache:
    """Extraction and graph cache in a directory; ``Cache(None)`` is a cache that keeps nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.dir = Path(directory) if directory else None

    def _path(self, kind: str, key: str) -> Path | None:
        return self.dir / kind / key[:2] / f"{key}.json" if self.dir else None

    def _load(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        if path is None or not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # corrupt: rebuilt by the caller

    def _save(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps(value, ensure_ascii=False))
        except OSError:
            pass  # a read-only cache only costs speed

    def extraction_key(self, sha256: str, extra: str = "") -> str:
        """The key of a file's extraction: its content hash, the code fingerprint and the options."""
        return hashlib.sha256(f"{sha256}:{fingerprint()}:{extra}".encode()).hexdigest()

    def get_extraction(self, key: str) -> Extraction | None:
        """A cached extraction, or None (missing or corrupt)."""
        from .readwrite.extraction_json import from_dict

        data = self._load("extract", key)
        if data is None:
            return None
        try:
            return from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None

    def put_extraction(self, key: str, x: Extraction) -> None:
        """Store an extraction."""
        from .readwrite.extraction_json import to_dict

        self._save("extract", key, to_dict(x))

    def corpus_key(self, files: Sequence[str], extra: str = "") -> str:
        """The key of a corpus graph: each file's path, size and modification time, and the options."""
        h = hashlib.sha256(f"{fingerprint()}:{extra}".encode())
        for f in sorted(files):
            try:
                st = os.stat(f)
                h.update(f"{os.path.abspath(f)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{f}:missing\n".encode())
        return h.hexdigest()

    def get_graph(self, key: str) -> Any:
        """A cached node-link graph document, or None."""
        return self._load("graph", key)

    def put_graph(self, key: str, data: Any) -> None:
        """Store a node-link graph document."""
        self._save("graph", key, data)
