"""A content-hashed cache of extractions and built graphs, in one SQLite database.

Extractions are keyed by the file's SHA-256, the code fingerprint (a hash
of the package's own files, models included) and the options, so a change
to any of them re-extracts. Corpus graphs are keyed by the files' paths,
sizes and modification times, and also by content (:meth:`Cache.content_key`)
so that a touched but unchanged file reuses the previous build. Values are plain data (dicts, lists,
strings, numbers) serialised with :mod:`marshal` (which only ever builds
such values: it cannot run code) and compressed; every value is stored
with a checksum; an
entry that does not decode or whose checksum does not match is deleted and
rebuilt, never trusted, and a database file that SQLite cannot open is
replaced by a new one. The cache lives in ``$CITEGRAPH_CACHE`` or
``$XDG_CACHE_HOME/citegraph`` (``~/.cache/citegraph``), in ``cache.sqlite3``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from .model import Extraction

__all__ = ["Cache", "fingerprint", "default_dir", "DB_NAME"]

DB_NAME = "cache.sqlite3"
_SCHEMA = 2
KEEP_GRAPHS = 4
#: How many entries of each kind of whole-corpus value are kept (the most recent ones).
KEEP = {"graph": KEEP_GRAPHS, "merge": 4, "outputs": 16, "bib-entries": 2, "merge-groups": 2, "merge-keys": 2, "layout": 2, "content": 8, "rows": 2, "titles": 2, "file-sha": 2, "merge-works": 2, "work-attrs": 2, "used": 8}


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


_PLAIN = (dict, list, tuple, str, int, float, bool, type(None), bytes)


#: Kinds stored without compression: read on every rebuild, where decompressing would cost more than the disk saved.
RAW_KINDS = frozenset({"facts", "frag", "frag-rows", "rows", "work-attrs", "feat", "merge", "merge-groups", "merge-keys", "merge-works"})
_RAW = b"R"  # marks an entry stored uncompressed (a zlib stream starts with 0x78)


def _pack(value: Any, compress: bool = True) -> bytes:
    raw = marshal.dumps(value, 4)
    if not compress:  # read on every build: a CRC (enough to notice a damaged entry) is cheaper than a digest
        return bytes(12) + zlib.crc32(raw).to_bytes(4, "big") + _RAW + raw
    return hashlib.blake2b(raw, digest_size=16).digest() + zlib.compress(raw, 1)


def _unpack(blob: bytes) -> Any:
    """The value stored by :func:`_pack`; raises ValueError when the blob is damaged."""
    if not isinstance(blob, (bytes, bytearray)) or len(blob) < 17:
        raise ValueError("short entry")
    if blob[16:17] == _RAW:
        raw = blob[17:]
        if blob[:12] != bytes(12) or zlib.crc32(raw) != int.from_bytes(blob[12:16], "big"):
            raise ValueError("checksum mismatch")
    else:
        try:
            raw = zlib.decompress(blob[16:])
        except zlib.error as exc:
            raise ValueError(str(exc)) from exc
        if hashlib.blake2b(raw, digest_size=16).digest() != bytes(blob[:16]):
            raise ValueError("checksum mismatch")
    try:
        value = marshal.loads(raw)
    except (EOFError, TypeError) as exc:
        raise ValueError(str(exc)) from exc
    if not isinstance(value, _PLAIN):  # marshal also knows code objects: never accepted
        raise ValueError("not plain data")
    return value


class Cache:
    """Extraction and graph cache in a directory; ``Cache(None)`` is a cache that keeps nothing."""

    def __init__(self, directory: str | Path | None) -> None:
        self.dir = Path(directory) if directory else None
        self._db: sqlite3.Connection | None = None
        self._broken = False

    @property
    def path(self) -> Path | None:
        """The database file, or None."""
        return self.dir / DB_NAME if self.dir else None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.dir is None or self._broken:
            return self._db
        for attempt in range(2):
            try:
                self.dir.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT, key TEXT, data BLOB, PRIMARY KEY (kind, key))")
                row = db.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
                if row is None:
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
                elif row[0] != str(_SCHEMA):
                    raise sqlite3.DatabaseError("other schema")
                db.execute("SELECT count(*) FROM entries WHERE kind = 'none'").fetchone()
                self._db = db
                return db
            except sqlite3.DatabaseError:
                self._reset()  # not a database, or damaged: start again
            except OSError:
                break
        self._broken = True  # an unwritable cache only costs speed
        return None

    def _reset(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(str(self.path) + suffix)
            except OSError:
                pass

    def close(self) -> None:
        """Close the database (it is reopened when needed)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _load(self, kind: str, key: str) -> Any:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM entries WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.OperationalError:
            return None  # locked by another process: a miss
        except sqlite3.DatabaseError:
            self._reset()
            return None
        if row is None:
            return None
        try:
            return _unpack(row[0])
        except (ValueError, UnicodeDecodeError):
            self._delete(kind, key)  # corrupt: rebuilt by the caller
            return None

    def _load_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        db = self._connect()
        if db is None or not keys:
            return {}
        out: dict[str, Any] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in db.execute(f"SELECT key, data FROM entries WHERE kind = ? AND key IN ({marks})", [kind, *chunk]):
                    try:
                        out[key] = _unpack(blob)
                    except (ValueError, UnicodeDecodeError):
                        self._delete(kind, key)
        except sqlite3.OperationalError:
            return out
        except sqlite3.DatabaseError:
            self._reset()
            return {}
        return out

    def _delete(self, kind: str, key: str) -> None:
        try:
            if self._db is not None:
                self._db.execute("DELETE FROM entries WHERE kind = ? AND key = ?", (kind, key))
        except sqlite3.OperationalError:
            pass
        except sqlite3.DatabaseError:
            self._reset()

    def _save_many(self, kind: str, items: Sequence[tuple[str, Any]]) -> None:
        db = self._connect()
        if db is None or not items:
            return
        compress = kind not in RAW_KINDS
        rows = [(kind, k, _pack(v, compress)) for k, v in items]  # before the transaction: a value marshal refuses raises here
        try:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
            if kind in KEEP:  # keep the last few whole-corpus values only
                db.execute(
                    "DELETE FROM entries WHERE kind = ? AND rowid NOT IN "
                    "(SELECT rowid FROM entries WHERE kind = ? ORDER BY rowid DESC LIMIT ?)",
                    (kind, kind, KEEP[kind]),
                )
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            pass  # locked or full: the values are simply not stored
        except sqlite3.DatabaseError:
            self._reset()  # a damaged file: start again
        except OSError:
            pass

    def extraction_key(self, sha256: str, extra: str = "") -> str:
        """The key of a file's extraction: its content hash, the code fingerprint and the options."""
        return hashlib.sha256(f"{sha256}:{fingerprint()}:{extra}".encode()).hexdigest()

    @staticmethod
    def _extraction(data: Any) -> Extraction | None:
        from .readwrite.extraction_json import from_dict

        try:
            return from_dict(data) if isinstance(data, dict) else None
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def get_extraction(self, key: str) -> Extraction | None:
        """A cached extraction, or None (missing or corrupt)."""
        data = self._load("extract", key)
        return None if data is None else self._extraction(data)

    def get_extractions(self, keys: Sequence[str]) -> dict[str, Extraction]:
        """The cached extractions among ``keys`` (missing and corrupt ones left out)."""
        out = {}
        for key, data in self._load_many("extract", keys).items():
            x = self._extraction(data)
            if x is not None:
                out[key] = x
        return out

    def put_extraction(self, key: str, x: Extraction) -> None:
        """Store an extraction."""
        self.put_extractions([(key, x)])

    def put_extractions(self, items: Sequence[tuple[str, Extraction]]) -> None:
        """Store several extractions in one transaction."""
        from .readwrite.extraction_json import to_dict

        self._save_many("extract", [(k, to_dict(x)) for k, x in items])

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

    def content_key(self, entries: Sequence[tuple[str, str]], extra: str = "") -> str | None:
        """The key of a corpus by content: the code fingerprint, the options and each file's path and SHA-256.

        ``entries`` are ``(path, sha256)`` pairs in the corpus's order; None
        when a file has no content hash (unreadable, too large).
        """
        if any(not sha for _, sha in entries):
            return None
        h = hashlib.sha256(f"content:{fingerprint()}:{extra}".encode())
        for path, sha in entries:
            h.update(f"{path}\0{sha}\n".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, kind: str, key: str) -> Any:
        """A plain value stored with :meth:`put` (None when missing or corrupt); the code fingerprint is part of the key."""
        return self._load(kind, f"{fingerprint()}:{key}")

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a plain value (dicts, lists, tuples, strings, numbers); kinds in :data:`KEEP` keep only their last few entries."""
        try:
            self._save_many(kind, [(f"{fingerprint()}:{key}", value)])
        except ValueError:
            pass  # not plain data: not stored

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        """Content-addressed values stored with :meth:`put_many` (missing and corrupt ones left out); keys are used as given."""
        return self._load_many(kind, list(keys))

    def put_many(self, kind: str, items: Sequence[tuple[str, Any]]) -> None:
        """Store content-addressed values (keys that already say what the value depends on, code included) in one transaction."""
        try:
            self._save_many(kind, items)
        except ValueError:
            pass  # not plain data: not stored

    def values(self, kind: str) -> list[Any]:
        """Every readable value of ``kind`` (for the small kinds :data:`KEEP` bounds; damaged ones left out)."""
        db = self._connect()
        if db is None:
            return []
        out = []
        try:
            for (blob,) in db.execute("SELECT data FROM entries WHERE kind = ?", (kind,)):
                try:
                    out.append(_unpack(blob))
                except (ValueError, UnicodeDecodeError):
                    continue
        except sqlite3.Error:
            return out
        return out

    def count(self, kind: str) -> int:
        """How many entries of ``kind`` the cache holds (0 when it cannot tell)."""
        db = self._connect()
        if db is None:
            return 0
        try:
            return int(db.execute("SELECT count(*) FROM entries WHERE kind = ?", (kind,)).fetchone()[0])
        except sqlite3.Error:
            return 0

    def prune(self, kind: str, keep: set[str]) -> int:
        """Delete the entries of ``kind`` whose keys are not in ``keep``; how many were deleted (0 when it cannot)."""
        db = self._connect()
        if db is None:
            return 0
        try:
            db.execute("BEGIN")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_keys (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep_keys")
            db.executemany("INSERT OR IGNORE INTO keep_keys VALUES (?)", [(k,) for k in keep])
            gone = db.execute("DELETE FROM entries WHERE kind = ? AND key NOT IN (SELECT key FROM keep_keys)", (kind,)).rowcount
            db.execute("COMMIT")
            return max(gone, 0)
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            return 0

    def get_graph(self, key: str) -> Any:
        """A cached node-link graph document (text), or None."""
        data = self._load("graph", key)
        return data if isinstance(data, str) else None

    def put_graph(self, key: str, data: Any) -> None:
        """Store a node-link graph document (text)."""
        self._save_many("graph", [(key, data)])
