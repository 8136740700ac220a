"""Updating a query index (:mod:`citegraph.qindex`) from the previous one: only the rows that changed are replaced.

Rows are identified by a 63-bit digest of their id (or ends) and node-link
line (``ident``). An index keeps its rows' idents and ``seq`` numbers in a
table of their own (``idents``), so a build reads them in one go instead
of scanning every row; a missing or damaged record is rebuilt from the
rows. Rows kept keep their ``seq``; new rows are numbered between the kept
rows around them (whole indexes number rows :data:`STEP` apart), so the
order stays the graph's.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import operator
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Callable, Sequence

__all__ = ["STEP", "UPDATE_SHARE", "update", "save_idents"]

#: Rows of an index written whole are numbered (``seq``, their order) this far apart, leaving room for rows inserted later.
STEP = 1 << 20


#: An index is updated from the previous one only when at most this share of its rows changed (else it is written whole).
UPDATE_SHARE = 0.25


def _increasing(values: list[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of length k + 1
    at: list[int] = []  # at[k]: its position
    back = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            at.append(i)
        else:
            tails[k] = v
            at[k] = i
        back[i] = at[k - 1] if k else -1
    out: set[int] = set()
    i = at[-1] if at else -1
    while i >= 0:
        out.add(i)
        i = back[i]
    return out


def _changed(old: dict[int, int], keys: list[int], make: Callable[[int, int], tuple[Any, ...]]) -> tuple[set[int], list[tuple[Any, ...]], list[int]] | None:
    """(seqs to delete, rows to insert, every new row's seq) to turn a table whose rows are ``old`` (ident -> seq) into the rows whose identities are ``keys`` (in that order); None when too much changed.

    A row is identified by its ``ident`` (a digest of its id or ends and its
    line): old rows with the identity of a new one are kept where their
    order allows (a longest run in the same order); ``make(i, seq)`` makes
    the ``i``-th new row, with a ``seq`` number between those of the rows
    kept around it.
    """
    found: list[Any] = list(map(old.get, keys))
    pos = [i for i, s in enumerate(found) if s is not None]
    seqs = [found[i] for i in pos]
    if not all(map(operator.lt, seqs, seqs[1:])):  # rows moved (the usual case: rows added or removed, none moved)
        keep = _increasing(seqs)
        for k, i in enumerate(pos):
            if k not in keep:
                found[i] = None
        pos = [i for k, i in enumerate(pos) if k in keep]
    if len(keys) - len(pos) + len(old) - len(pos) > max(64, UPDATE_SHARE * len(keys)):
        return None
    kept_seqs = {found[i] for i in pos}
    fresh: list[tuple[Any, ...]] = []
    bounds = [-1, *pos, len(keys)]
    for a, b in zip(bounds, bounds[1:]):
        n = b - a - 1  # rows a+1..b-1 go between the kept rows a and b
        if n <= 0:
            continue
        prev = found[a] if a >= 0 else None
        nxt = found[b] if b < len(keys) else None
        lo = prev if prev is not None else (nxt - STEP * (n + 1) if nxt is not None else -STEP)
        hi = nxt if nxt is not None else lo + STEP * (n + 1)
        step = (hi - lo) // (n + 1)
        if step < 1 or not -(1 << 62) < lo < hi < 1 << 62:
            return None  # no room left between them: write the index whole
        for k in range(n):
            found[a + 1 + k] = lo + step * (k + 1)
            fresh.append(make(a + 1 + k, found[a + 1 + k]))
    return set(old.values()) - kept_seqs, fresh, found


def _idents_of(db: sqlite3.Connection, table: str) -> dict[int, int]:
    """The ``table``'s rows as ident -> seq: from the ``idents`` table when it is there and fits, else read from the rows."""
    try:
        row = db.execute("SELECT ids, seqs, digest FROM idents WHERE t = ?", (table,)).fetchone()
    except sqlite3.Error:
        row = None
    if row is not None and isinstance(row[0], bytes) and isinstance(row[1], bytes) and row[2] == hashlib.blake2b(row[0] + row[1], digest_size=16).hexdigest():
        ids, seqs = array.array("q"), array.array("q")
        ids.frombytes(row[0])
        seqs.frombytes(row[1])
        if len(ids) == len(seqs) and len(ids) == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            return dict(zip(ids, seqs))
    return dict(db.execute(f"SELECT ident, seq FROM {table}"))


def save_idents(db: sqlite3.Connection, table: str, idents: list[int], seqs: list[int]) -> None:
    """Keep the ``table``'s rows' idents and seqs in one row of ``idents`` (read back by :func:`_idents_of`)."""
    ids, ss = array.array("q", idents).tobytes(), array.array("q", seqs).tobytes()
    db.execute("INSERT OR REPLACE INTO idents VALUES (?, ?, ?, ?)", (table, ids, ss, hashlib.blake2b(ids + ss, digest_size=16).hexdigest()))


def _keys_of(rows: Sequence[tuple[Any, ...]]) -> list[int]:
    """The rows' idents (their last column): given by ``rows.idents`` where the rows are read lazily (see :class:`citegraph.built.Rows`)."""
    idents = getattr(rows, "idents", None)
    return list(idents) if idents is not None else [r[-1] for r in rows]


def update(previous: Path, tmp: str, node_rows: Sequence[tuple[Any, ...]], edge_rows: Sequence[tuple[Any, ...]], meta: dict[str, str]) -> bool:
    """Make ``tmp`` a copy of the index ``previous`` with only the rows that differ replaced; False (``tmp`` left to be overwritten) when that does not pay or cannot be done.

    Rows are matched by identity (see :func:`_changed`). The rows kept are
    the previous file's, CRCs included, so a damaged row there stays
    detectable when it is read.
    """
    try:
        shutil.copyfile(previous, tmp)
        db = sqlite3.connect(tmp, isolation_level=None)
    except (OSError, sqlite3.Error):
        return False
    ok = False
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        old_meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        if old_meta.get("schema") != meta.get("schema") or set(old_meta) != set(meta):
            return False
        node_keys = _keys_of(node_rows)
        new_nodes = _changed(_idents_of(db, "nodes"), node_keys, lambda i, seq: (seq, *node_rows[i]))
        if new_nodes is None:
            return False
        edge_keys = _keys_of(edge_rows)
        new_edges = _changed(_idents_of(db, "edges"), edge_keys, lambda i, seq: (seq, *edge_rows[i]))
        if new_edges is None:
            return False
        db.execute("BEGIN")
        db.executemany("DELETE FROM nodes WHERE seq = ?", [(s,) for s in new_nodes[0]])
        db.executemany("DELETE FROM edges WHERE seq = ?", [(s,) for s in new_edges[0]])
        db.executemany("INSERT INTO nodes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new_nodes[1])
        db.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?)", new_edges[1])
        save_idents(db, "nodes", node_keys, new_nodes[2])
        save_idents(db, "edges", edge_keys, new_edges[2])
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(meta.items()))
        db.execute("COMMIT")
        ok = True
    except sqlite3.Error:  # a damaged previous file (a unique id clash included): write the index whole
        return False
    finally:
        db.close()
    return ok
