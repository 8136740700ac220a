"""The page layout: a fresh layout is what it always was; with a memo, an unchanged component
comes back as it was and a slightly changed one is warm-started (old nodes stay put, new ones
are placed next to their neighbours); a larger change is laid out fresh."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from citegraph.readwrite import html_layout
from citegraph.readwrite.html_layout import layout


class Memo:
    """What citegraph.outputs gives the layout: the entries the last build put (``known``), those put now (``used``)."""

    def __init__(self, known=None):
        self.known, self.used = dict(known or {}), {}

    def get(self, key):
        return self.known.get(key)

    def put(self, key, value):
        import marshal

        self.used[key] = marshal.loads(marshal.dumps(value))  # what the cache gives back

    def next(self) -> "Memo":
        return Memo(self.used)


def _reference_layout(graph, seed=42):
    """The layout as it was before warm starts (a whole undirected copy, each component laid out alone)."""
    if graph.number_of_nodes() == 0:
        return {}
    kinds = {v: str(d.get("kind", "")) for v, d in graph.nodes(data=True)}
    undirected = nx.Graph()
    undirected.add_nodes_from(sorted(graph.nodes, key=str))
    undirected.add_edges_from(sorted(((u, v) for u, v in graph.edges if u != v), key=lambda e: (str(e[0]), str(e[1]))))
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), str(c[0])))
    total_area = sum(html_layout._side(len(c)) ** 2 for c in components)
    row_width = max(math.sqrt(total_area) * 1.3, html_layout._side(len(components[0])))
    positions = {}
    x = y = row_height = 0.0
    for component in components:
        side = html_layout._side(len(component))
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        sub = nx.Graph()  # the component alone, nodes and edges sorted (a subgraph view's order would follow the hash seed)
        sub.add_nodes_from(component)
        sub.add_edges_from(sorted(undirected.subgraph(component).edges, key=lambda e: (str(e[0]), str(e[1]))))
        for node, (px, py) in html_layout._component_layout(sub, kinds, seed, side).items():
            positions[node] = (x + side / 2 + px, y + side / 2 + py)
        x += side
        row_height = max(row_height, side)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {node: (round(px - cx, 1), round(py - cy, 1)) for node, (px, py) in positions.items()}


def corpus(n_docs: int = 14, refs: int = 12, pool: int = 70, seed: int = 1) -> nx.DiGraph:
    """Documents citing works from a shared pool (popular works cited more): one large component."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    works = [f"work:w{i:03d}" for i in range(pool)]
    weights = [1 / (i + 1) for i in range(pool)]
    for j in range(n_docs):
        doc = f"doc:d{j:02d}"
        g.add_node(doc, kind="document")
        cited = set()
        while len(cited) < refs:
            cited.add(rng.choices(works, weights)[0])
        for w in sorted(cited):
            g.add_node(w, kind="work")
            g.add_edge(doc, w, relation="cites")
    return g


def random_graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    g = nx.DiGraph() if seed % 3 else nx.Graph()
    n = rng.choice([4, 30, 90, 250])
    names = [f"n{rng.randrange(10**6)}" if rng.random() < 0.8 else rng.randrange(10**6) for _ in range(n)]
    for v in names:
        g.add_node(v, kind=rng.choice(["document", "work", "claim", ""]))
    for _ in range(int(n * rng.uniform(0.5, 2.5))):
        g.add_edge(rng.choice(names), rng.choice(names))
    return g


def _gain_cite(g):
    g.add_edge("doc:d03", next(w for w in sorted(n for n in g if n.startswith("work:")) if not g.has_edge("doc:d03", w)), relation="cites")


def _new_work(g):
    g.add_node("work:new", kind="work")
    g.add_edge("doc:d05", "work:new", relation="cites")


def _lose_cite(g):
    doc = "doc:d07"
    w = next(w for w in sorted(g[doc]) if g.in_degree(w) > 1)  # cited elsewhere too: the component stays whole
    g.remove_edge(doc, w)


def _new_two_hops(g):
    _new_work(g)
    g.add_edge("work:new", "work:newer", relation="cites")
    g.nodes["work:newer"]["kind"] = "work"


EDITS = {"gain a cite": _gain_cite, "new work": _new_work, "lose a cite": _lose_cite, "new work, and one two hops away": _new_two_hops}


@pytest.mark.parametrize("seed", range(12))
def test_a_fresh_layout_is_the_layout_it_always_was(seed):
    g = random_graph(seed)
    assert layout(g) == _reference_layout(g)
    assert layout(g, memo=Memo()) == layout(g)  # an empty memo: laid out fresh


@pytest.mark.parametrize("spring_limit", [html_layout.SPRING_LIMIT, 40])  # spring layout, hub layout
def test_a_fresh_layout_of_a_corpus_is_the_layout_it_always_was(monkeypatch, spring_limit):
    monkeypatch.setattr(html_layout, "SPRING_LIMIT", spring_limit)
    g = corpus()
    assert layout(g) == _reference_layout(g) == layout(g, memo=Memo())


def _shift(before: dict, after: dict, kept) -> float:
    """How far the kept nodes moved relative to each other (the page is re-centred as a whole)."""
    anchor = min(kept)
    ax, ay = after[anchor][0] - before[anchor][0], after[anchor][1] - before[anchor][1]
    return max(math.hypot(after[v][0] - before[v][0] - ax, after[v][1] - before[v][1] - ay) for v in kept)


@pytest.mark.parametrize("spring_limit", [html_layout.SPRING_LIMIT, 40])
@pytest.mark.parametrize("edit", EDITS)
def test_after_a_small_edit_old_nodes_stay_and_new_ones_sit_by_their_neighbours(monkeypatch, spring_limit, edit):
    monkeypatch.setattr(html_layout, "SPRING_LIMIT", spring_limit)
    g = corpus()
    memo = Memo()
    before = layout(g, memo=memo)
    h = g.copy()
    EDITS[edit](h)
    warm_memo = memo.next()
    after = layout(h, memo=warm_memo)
    kept = set(g) & set(h)
    assert _shift(before, after, kept) <= 0.15  # the same positions, up to the 0.1 px rounding
    assert after != layout(h), "a fresh layout would have moved them"
    placed = {v: before[v] for v in kept}
    for v in sorted(set(h) - set(g)):  # in the order they were placed: one hop, then two hops from old nodes
        ps = [after[u] for u in nx.all_neighbors(h, v) if u in placed]
        mx, my = sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps)
        assert math.dist(after[v], (mx, my)) <= 31.0
        placed[v] = after[v]
    assert layout(h, memo=Memo(warm_memo.known)) == after, "the same graph and memo: the same page"
    assert layout(h, memo=warm_memo.next()) == after, "and the next build of the same graph keeps it"


def _grow(g, k, tag):
    """``k`` new works each cited by two documents."""
    for i in range(k):
        g.add_node(f"work:{tag}{i}", kind="work")
        g.add_edge(f"doc:d{i % 10:02d}", f"work:{tag}{i}", relation="cites")
        g.add_edge(f"doc:d{(i + 3) % 10:02d}", f"work:{tag}{i}", relation="cites")


@pytest.mark.parametrize("k", [8, 20])  # about 10% and 25% new nodes
def test_a_larger_change_is_laid_out_fresh(k):
    g = corpus()
    memo = Memo()
    layout(g, memo=memo)
    h = g.copy()
    _grow(h, k, "x")
    assert layout(h, memo=memo.next()) == layout(h)


def test_small_changes_add_up_to_a_fresh_layout():
    g = corpus()  # 14 documents and their works: a few nodes are 5%
    memo = Memo()
    layout(g, memo=memo)
    limit = html_layout.WARM_MAX_CHANGE * g.number_of_nodes()
    fresh_at = None
    for step in range(1, 8):
        g = g.copy()
        _grow(g, 1, f"s{step}-")  # one new work, two documents with one more neighbour each: 3 changed nodes
        memo = memo.next()
        if layout(g, memo=memo) == layout(g):
            fresh_at = step
            break
    assert fresh_at is not None and 3 * (fresh_at - 1) <= limit < 3 * fresh_at + 1


def test_a_memo_from_another_graph_is_not_used():
    memo = Memo()
    layout(corpus(seed=1), memo=memo)
    other = corpus(seed=2)
    assert layout(other, memo=memo.next()) == layout(other)


@pytest.mark.parametrize("junk", [None, [["work:w000", 1.0, 2.0]], {"pos": [["work:w000", 1.0]], "base": [""], "gone": 0}, {"pos": [], "base": [], "gone": -1}, "text"])
def test_memo_entries_that_do_not_fit_are_ignored(junk):
    g = corpus()
    memo = Memo()
    layout(g, memo=memo)
    known = {key: junk for key in memo.used}
    h = g.copy()
    _new_work(h)
    assert layout(g, memo=Memo(known)) == layout(g)
    assert layout(h, memo=Memo(known)) == layout(h)


def test_a_layout_does_not_depend_on_the_hash_seed():
    import subprocess
    import sys

    code = (
        "import random, networkx as nx\n"
        "from citegraph.readwrite.html_layout import layout\n"
        "rng = random.Random(5)\n"
        "g = nx.Graph()\n"
        "g.add_edges_from((f'n{rng.randrange(60)}', f'n{rng.randrange(60)}') for _ in range(70))\n"
        "g.add_edges_from((f'm{i}', f'm{i + 1}') for i in range(12))\n"
        "print(sorted(layout(g).items()))\n"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
