"""The memo behind :func:`citegraph.readwrite.html_layout.layout`: how a large component's
layout is kept from one build to the next, found again, and warm-started after a small change
(the nodes still there keep their positions, new ones are placed next to their neighbours)."""

from __future__ import annotations

import hashlib
import math
from typing import Any, Hashable, Protocol

__all__ = ["LayoutMemo", "WARM_MAX_CHANGE"]

#: A remembered component is warm-started when the nodes added, removed, or with other
#: neighbours or kind since its last fresh layout are at most this share of its nodes
#: (5%: a dozen edited documents of a 1,000-document corpus; beyond that a fresh layout
#: shows the new structure better than new nodes squeezed in between old ones).
WARM_MAX_CHANGE = 0.05
class LayoutMemo(Protocol):
    """Where :func:`layout` may keep the layouts of large components (e.g. the cache)."""

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...

def _jitter(node: Hashable, seed: int) -> tuple[float, float]:
    """A small deterministic offset in [-1, 1]^2 for a node (stable across runs and orders)."""
    h = hashlib.blake2b(f"{seed}:{node}".encode("utf-8", "replace"), digest_size=4).digest()
    return h[0] / 127.5 - 1 + h[1] / 32640, h[2] / 127.5 - 1 + h[3] / 32640


def _digests(component: list[Any], adj: dict[Any, set[Any]], kinds: dict[Any, str]) -> list[str]:
    """For each node of the component, a digest of its kind and its neighbours' names."""
    out = []
    for v in component:
        text = kinds.get(v, "") + "\x1e" + "\x1f".join(sorted([u if type(u) is str else str(u) for u in adj[v]]))
        out.append(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest())
    return out


def _component_key(names: list[str], digests: list[str], seed: int, side: float) -> str:
    """A digest of everything the component's layout depends on: node names, kinds, edges (through
    the nodes' digests), seed and side."""
    raw = repr((2, seed, side, names, digests)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _entry(value: Any) -> tuple[dict[str, tuple[float, float, str]], int] | None:
    """A memo entry read back: name -> (x, y, digest at the last fresh layout, or ""), and how many
    nodes of that fresh layout are gone since; None when it is not such an entry."""
    if not isinstance(value, dict):
        return None
    pos, base, gone = value.get("pos"), value.get("base"), value.get("gone")
    if not (isinstance(pos, list) and isinstance(base, list) and len(pos) == len(base) and type(gone) is int and gone >= 0):
        return None
    out = {}
    for row, b in zip(pos, base):
        if not (type(row) is list and len(row) == 3 and type(row[0]) is str and type(row[1]) is float and type(row[2]) is float and type(b) is str):
            return None
        out[row[0]] = (row[1], row[2], b)
    return (out, gone) if len(out) == len(pos) else None


def _value(names: list[str], local: dict[Any, tuple[float, float]], component: list[Any], base: list[str], gone: int) -> dict[str, Any]:
    """A component's layout as it is kept in the memo (plain data, see :func:`_entry`)."""
    return {"pos": [[name, float(local[v][0]), float(local[v][1])] for name, v in zip(names, component)], "base": base, "gone": gone}


def _offset(node: Hashable, seed: int, radius: float = 30.0) -> tuple[float, float]:
    """A deterministic offset of ``radius / 2`` to ``radius`` pixels in a direction of the node's own."""
    jx, jy = _jitter(node, seed)
    r = radius * (0.5 + 0.5 * abs(jy))
    return r * math.cos(math.pi * jx), r * math.sin(math.pi * jx)


def _place(new: list[Any], adj: dict[Any, set[Any]], pos: dict[Any, tuple[float, float]], seed: int) -> None:
    """Put the ``new`` nodes at the mean of their placed neighbours, plus a small offset of their
    own; nodes with no placed neighbour wait for the next round (two hops away, and so on)."""
    todo = sorted(new, key=str)
    while todo:
        now = {}
        for u in todo:
            ps = [pos[w] for w in sorted(adj[u], key=str) if w in pos]
            if ps:
                ox, oy = _offset(u, seed)
                now[u] = (sum(p[0] for p in ps) / len(ps) + ox, sum(p[1] for p in ps) / len(ps) + oy)
        if not now:  # none touches a placed node (not in a connected component that kept some): round the centre
            now = {u: _offset(u, seed, 60.0) for u in todo}
        pos.update(now)
        todo = [u for u in todo if u not in now]


class _Recent:
    """The large components' layouts the last build kept (listed under one memo key), for warm starts."""

    def __init__(self, memo: LayoutMemo, seed: int) -> None:
        self.memo = memo
        self.key = f"layout-recent:{seed}"
        raw = memo.get(self.key)
        self.known = [(k, n) for k, n in (r for r in raw if type(r) is list and len(r) == 2) if type(k) is str and type(n) is int] if isinstance(raw, list) else []
        self.taken: set[str] = set()
        self.now: list[list[Any]] = []

    def keep(self, key: str, n: int) -> None:
        self.taken.add(key)
        self.now.append([key, n])

    def warm(self, component: list[Any], names: list[str], digests: list[str], adj: dict[Any, set[Any]], seed: int) -> tuple[dict[Any, tuple[float, float]], dict[str, Any]] | None:
        """The component laid out from the remembered layout nearest to it, when it changed little enough."""
        n = len(component)
        limit = WARM_MAX_CHANGE * n
        best = None
        for key, m in self.known:
            if key in self.taken or abs(m - n) > limit:
                continue
            entry = _entry(self.memo.get(key))
            if entry is None:
                continue
            rows, gone = entry
            here = set(names)
            gone += sum(1 for name, row in rows.items() if row[2] and name not in here)  # nodes of the fresh layout lost since
            changed = gone + sum(1 for name, d in zip(names, digests) if name not in rows or rows[name][2] != d)
            if changed <= limit and (best is None or changed < best[0]):
                best = (changed, key, rows, gone)
        if best is None:
            return None
        _, key, rows, gone = best
        self.taken.add(key)
        local: dict[Any, tuple[float, float]] = {}
        base = []
        new = []
        for v, name in zip(component, names):
            row = rows.get(name)
            if row is None:
                new.append(v)
                base.append("")
            else:
                local[v] = (row[0], row[1])
                base.append(row[2])
        _place(new, adj, local, seed)
        return local, _value(names, local, component, base, gone)
