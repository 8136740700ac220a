"""A query index of a corpus graph (SQLite): the writer, and the opener of the light graph over it.

When a corpus graph is built, :func:`write_index` stores its nodes and edges
in a SQLite file next to the cache (``qindex-<corpus key>.sqlite3``, built in
a temporary file and moved into place, so it is complete or absent): table
``nodes`` (indexed on id, kind, lower-cased key, label and id suffix) and
table ``edges`` (indexed on source, target and relation), each row with the
attributes as JSON, a CRC of the whole row and an identity (``ident``, a
digest of its id and line). The file is named and stamped
with the corpus key (paths, sizes, modification times, code fingerprint), so
a stale index is never opened; a row whose CRC does not match, or a file
SQLite cannot read, makes the index count as corrupt: it is deleted and the
caller rebuilds.

A new index is normally made from the most recently used one: the file is
copied and only the rows whose node or edge changed are deleted and
inserted (:mod:`citegraph.qindex_update`); when too much changed, or no
room is left, it is written whole.

:class:`~citegraph.qgraph.LiteGraph` (in :mod:`citegraph.qgraph`) is the
read-only graph answering from the index without networkx.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from .qgraph import COLUMNS as _COLUMNS
from .qgraph import CorruptIndex, LiteGraph
from .qgraph import node_crc as _node_crc
from .qindex_update import STEP, save_idents, update

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CorruptIndex", "LiteGraph", "index_path", "write_index", "write_rows", "node_row", "edge_row", "open_index", "remove_index", "restamp_index", "KEEP", "SCHEMA"]

SCHEMA = 5
KEEP = 4  # index files kept in a cache folder (the most recent ones)
_PREFIX = "qindex-"
def index_path(directory: str | Path, key: str) -> Path:
    """The index file of the corpus with ``key`` in a cache folder."""
    return Path(directory) / f"{_PREFIX}{key[:32]}.sqlite3"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _col(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def write_index(directory: str | Path, key: str, graph: "nx.DiGraph", lines: tuple[list[str], list[str]] | None = None, digest: str = "") -> Path | None:
    """Write the index of ``graph`` for corpus ``key``; returns its path (None when the folder is not writable).

    ``lines`` are the graph's :func:`~citegraph.readwrite.nodelink.item_lines`
    (computed when not given): each row's ``data`` is its node-link line.
    String attributes among ``kind``, ``key``, ``label``, ``title``, ``year``
    and ``doc`` are also stored in columns. ``digest``, a digest of the
    graph's whole node-link text, is stored so that :func:`restamp_index`
    can reuse the file for another corpus key with the same graph.
    """
    if lines is None:
        from .readwrite.nodelink import item_lines

        lines = item_lines(graph)
    node_lines, edge_lines = lines
    node_rows = [node_row(n, d, data) for (n, d), data in zip(graph.nodes(data=True), node_lines)]
    edge_rows = [edge_row(u, v, d, data) for (u, v, d), data in zip(graph.edges(data=True), edge_lines)]
    return write_rows(directory, key, node_rows, edge_rows, graph.graph, digest)


def write_rows(directory: str | Path, key: str, node_rows: Sequence[tuple[Any, ...]], edge_rows: Sequence[tuple[Any, ...]], graph_facts: dict[str, Any], digest: str = "") -> Path | None:
    """Write the index of a graph given as rows (:func:`node_row`, :func:`edge_row`, in graph order) for corpus ``key`` (see :func:`write_index`).

    The rows may be a lazy sequence with their idents at hand (``.idents``):
    an update from the previous index reads only the rows it inserts.
    """
    directory = Path(directory)
    final = index_path(directory, key)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".qindex-", suffix=".tmp", dir=directory)
        os.close(fd)
    except OSError:
        return None
    gdata = _dumps(graph_facts)
    meta = {"schema": str(SCHEMA), "key": key, "graph": gdata, "graph_crc": str(zlib.crc32(gdata.encode())), "nodes": str(len(node_rows)), "edges": str(len(edge_rows)), "digest": digest}
    previous = _latest(directory, final)
    try:
        if previous is None or not update(previous, tmp, node_rows, edge_rows, meta):
            node_rows, edge_rows = list(node_rows), list(edge_rows)  # every row, read now if they were read lazily
            with open(tmp, "wb"):  # empty again (it may hold a copy of the previous index)
                pass
            _write_all(tmp, [(i * STEP, *r) for i, r in enumerate(node_rows)], [(i * STEP, *r) for i, r in enumerate(edge_rows)], meta)
        os.replace(tmp, final)
    except (sqlite3.Error, OSError, TypeError, ValueError):
        _discard(tmp)
        return None
    _prune(directory, final)
    return final


def node_row(n: Any, d: Mapping[str, Any], data: str) -> tuple[Any, ...]:
    """A ``nodes`` row of node ``n`` (attributes ``d``, node-link line ``data``), without its ``seq``, with its CRC."""
    cols = [_col(d.get(c)) for c in _COLUMNS]
    absent = sum(1 << i for i, c in enumerate(_COLUMNS) if c not in d)
    key_lc = cols[1].lower() if cols[1] else None
    label_lc = cols[2].lower() if cols[2] else None
    row = (str(n), *cols, absent, key_lc, label_lc, str(n).split(":", 1)[-1].lower(), data)
    return (*row, _node_crc((*row[:8], row[11])), _ident(row[0], data))


def edge_row(u: Any, v: Any, d: Mapping[str, Any], data: str) -> tuple[Any, ...]:
    """An ``edges`` row (without its ``seq``, with its CRC)."""
    rel = d.get("relation")
    row = (str(u), str(v), rel if isinstance(rel, str) else None, data)
    return (*row, _node_crc(row), _ident(f"{row[0]}\x1f{row[1]}", data))


def _ident(name: str, data: str) -> int:
    """A row's identity for updates: 63 bits of a digest of its id (or ends) and its node-link line (which the other columns derive from)."""
    raw = f"{name}\x1f{data}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big") >> 1


def _write_all(tmp: str, node_rows: list[tuple[Any, ...]], edge_rows: list[tuple[Any, ...]], meta: dict[str, str]) -> None:
    """Write a whole index into the (empty) file ``tmp``."""
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
        db.execute(
            "CREATE TABLE nodes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT, key TEXT, label TEXT, title TEXT, year TEXT, doc TEXT,"
            " absent INTEGER, key_lc TEXT, label_lc TEXT, tail_lc TEXT, data TEXT, crc INTEGER, ident INTEGER)"
        )
        db.execute("CREATE TABLE edges (seq INTEGER PRIMARY KEY, src TEXT, dst TEXT, relation TEXT, data TEXT, crc INTEGER, ident INTEGER)")
        db.executemany("INSERT INTO nodes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", node_rows)
        db.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?)", edge_rows)
        db.execute("CREATE UNIQUE INDEX nodes_id ON nodes (id)")
        for col in ("kind", "key_lc", "label_lc", "tail_lc"):
            db.execute(f"CREATE INDEX nodes_{col} ON nodes ({col})")
        for col in ("src", "dst", "relation"):
            db.execute(f"CREATE INDEX edges_{col} ON edges ({col}, seq)")
        db.execute("CREATE INDEX nodes_ident ON nodes (ident)")  # rows' identities read without their data (see _changed)
        db.execute("CREATE INDEX edges_ident ON edges (ident)")
        db.execute("CREATE TABLE idents (t TEXT PRIMARY KEY, ids BLOB, seqs BLOB, digest TEXT)")
        save_idents(db, "nodes", [r[-1] for r in node_rows], [r[0] for r in node_rows])
        save_idents(db, "edges", [r[-1] for r in edge_rows], [r[0] for r in edge_rows])
        db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        db.execute("COMMIT")
    finally:
        db.close()


def _latest(directory: Path, final: Path) -> Path | None:
    """The most recently used index file in ``directory`` other than ``final`` (None when there is none)."""
    try:
        files = sorted(directory.glob(f"{_PREFIX}*.sqlite3"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return None
    return next((f for f in files if f != final), None)


def restamp_index(directory: str | Path, key: str, digest: str) -> Path | None:
    """Make the index of corpus ``key`` from a recent index whose graph has ``digest``; its path, or None when there is none.

    After a change that leaves the graph as it was (an edited sentence, a
    touched file), the corpus key changes but the index content would not:
    the most recently used index files are searched for one written with
    the same graph digest, which is copied under the new key (meta ``key``
    rewritten) instead of writing every row again.
    """
    if not digest:
        return None
    directory = Path(directory)
    final = index_path(directory, key)
    try:
        files = sorted(directory.glob(f"{_PREFIX}*.sqlite3"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    except OSError:
        return None
    for old in files[:KEEP]:
        if old == final:
            continue
        try:
            db = sqlite3.connect(f"file:{old}?mode=ro", uri=True, isolation_level=None)
            try:
                meta = dict(db.execute("SELECT k, v FROM meta WHERE k IN ('schema', 'digest')").fetchall())
            finally:
                db.close()
        except sqlite3.Error:
            continue
        if meta.get("schema") != str(SCHEMA) or meta.get("digest") != digest:
            continue
        tmp = ""
        try:
            fd, tmp = tempfile.mkstemp(prefix=".qindex-", suffix=".tmp", dir=directory)
            os.close(fd)
            shutil.copyfile(old, tmp)
            db = sqlite3.connect(tmp, isolation_level=None)
            try:
                db.execute("UPDATE meta SET v = ? WHERE k = 'key'", (key,))
            finally:
                db.close()
            os.replace(tmp, final)
        except (sqlite3.Error, OSError):
            _discard(tmp)
            return None
        _prune(directory, final)
        return final
    return None


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP` most recently used index files (and leftovers of failed writes)."""
    try:
        files = sorted(directory.glob(f"{_PREFIX}*.sqlite3"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for p in [f for f in files if f != keep][KEEP - 1 :]:
            p.unlink(missing_ok=True)
    except OSError:
        pass


def _discard(path: str | Path) -> None:
    """Delete a file if it is there (a temporary file of a failed write, a corrupt index)."""
    if path:
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:
            pass


def remove_index(directory: str | Path, key: str) -> None:
    """Delete the index of corpus ``key`` (a corrupt one)."""
    _discard(index_path(directory, key))


def open_index(directory: str | Path, key: str, rebuild: Callable[[], Any] | None = None) -> "LiteGraph | None":
    """The :class:`LiteGraph` of corpus ``key``, or None when there is no valid index (a corrupt one is deleted).

    ``rebuild`` (no arguments, returns the full graph) is what the light
    graph falls back to when it finds a damaged row later on.
    """
    path = index_path(directory, key)
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        remove_index(directory, key)
        return None
    try:
        meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        if meta.get("schema") != str(SCHEMA) or meta.get("key") != key:
            db.close()
            return None  # another corpus's (or an older) index: not ours to delete, simply not used
        gdata = meta["graph"]
        if str(zlib.crc32(gdata.encode())) != meta.get("graph_crc"):
            raise CorruptIndex("graph facts")
        counts = db.execute("SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM edges)").fetchone()
        if (str(counts[0]), str(counts[1])) != (meta.get("nodes"), meta.get("edges")):
            raise CorruptIndex("row counts")
        graph = json.loads(gdata)
        if not isinstance(graph, dict):
            raise CorruptIndex("graph facts")
    except (sqlite3.Error, KeyError, ValueError):
        db.close()
        remove_index(directory, key)
        return None
    try:
        os.utime(path)  # most recently used: kept by the pruning
    except OSError:
        pass
    digest = meta.get("digest")
    return LiteGraph(db, graph, path, rebuild, digest if isinstance(digest, str) else "")
