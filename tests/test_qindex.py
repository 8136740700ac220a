"""The query index: a light graph answers like the networkx graph; stale or damaged indexes are never trusted."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from citegraph import analytics, queries
from citegraph.api import bib_items, load_graph
from citegraph.qindex import LiteGraph, index_path, open_index, write_index
from citegraph.readwrite.nodelink import to_json

from .conftest import CORPUS, ROOT


@pytest.fixture(scope="module")
def full():
    return load_graph([str(CORPUS)], cache_dir=None)


@pytest.fixture
def lite(full, tmp_path):
    assert write_index(tmp_path, "k" * 64, full) is not None
    g = open_index(tmp_path, "k" * 64)
    assert isinstance(g, LiteGraph)
    yield g
    g.close()


def _plain(value):
    return json.loads(json.dumps(value, default=dict))


QUERIES = [
    ("cites", lambda g: queries.cites(g, queries.resolve(g, "Miao 2025", ["document"]))),
    ("cited-by", lambda g: queries.cited_by(g, queries.resolve(g, "Curran 2007"))),
    ("cited-by two authors", lambda g: queries.cited_by(g, queries.resolve(g, "Su & Kaye 2023"))),
    ("cited-by key", lambda g: queries.cited_by(g, queries.resolve(g, g.nodes[queries.resolve(g, "Curran 2007")]["key"].upper()))),
    ("claims", lambda g: queries.claims(g)),
    ("claims platform", lambda g: queries.claims(g, platform=queries.resolve(g, "RedNote", ["platform"]))),
    ("claims doc", lambda g: queries.claims(g, doc=queries.resolve(g, "Miao 2025", ["document"]))),
    ("claims cites", lambda g: queries.claims(g, cites=queries.resolve(g, "Curran 2007"))),
    ("platforms", lambda g: queries.platforms(g)),
    ("title fragment", lambda g: queries.resolve(g, "cultural theory")),
    ("bib", lambda g: bib_items(g)),
    ("bib doc", lambda g: bib_items(g, queries.resolve(g, "Miao 2025", ["document"]))),
    ("node row", lambda g: queries.node_row(g, queries.resolve(g, "Curran 2007"))),
    ("most cited", lambda g: analytics.most_cited(g, 5)),
    ("coupling", lambda g: analytics.coupling(g, queries.resolve(g, "Miao 2025", ["document"]))),
    ("show", lambda g: analytics.show(g, queries.resolve(g, "Curran 2007"))),
    ("path", lambda g: analytics.shortest_path(g, queries.resolve(g, "Miao 2025", ["document"]), queries.resolve(g, "Curran 2007"))),
]


@pytest.mark.parametrize("name, query", QUERIES, ids=[q[0] for q in QUERIES])
def test_light_graph_answers_like_the_full_graph(full, lite, name, query):
    assert _plain(query(lite)) == _plain(query(full))


@pytest.mark.parametrize("query, kinds", [("Nobody 1999", ("work", "document")), ("Li 2022", ("work", "document")), ("TikTok", ("platform",))])
def test_not_found_and_ambiguous_are_the_same(full, lite, query, kinds):
    def outcome(g):
        try:
            return queries.resolve(g, query, kinds)
        except queries.Ambiguous as exc:
            return ("ambiguous", exc.candidates)
        except queries.NotFound:
            return "not found"

    assert outcome(lite) == outcome(full)


def test_full_graph_from_the_index_is_equal(full, lite):
    assert to_json(lite.full()) == to_json(full)


def test_a_stale_index_is_not_used(full, tmp_path):
    write_index(tmp_path, "a" * 64, full)
    index_path(tmp_path, "a" * 64).rename(index_path(tmp_path, "b" * 64))  # a file under another corpus key
    assert open_index(tmp_path, "b" * 64) is None


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b"SQLite format 3\x00" + b"\xff" * 2000])
def test_a_file_that_is_not_an_index_is_deleted(full, tmp_path, content):
    index_path(tmp_path, "c" * 64).write_bytes(content)
    assert open_index(tmp_path, "c" * 64) is None
    assert not index_path(tmp_path, "c" * 64).exists()


@pytest.mark.parametrize("table, column", [("nodes", "data"), ("nodes", "key"), ("edges", "data")])
def test_a_damaged_row_is_never_trusted(full, tmp_path, table, column):
    key = "d" * 64
    write_index(tmp_path, key, full)
    db = sqlite3.connect(index_path(tmp_path, key))
    target = queries.resolve(full, "Curran 2007")
    if table == "nodes":
        db.execute(f"UPDATE nodes SET {column} = replace({column}, 'urran', 'urrax') WHERE id = ?", (target,))
    else:
        db.execute("UPDATE edges SET data = replace(data, 'urran', 'urrax') WHERE dst = ?", (target,))
    db.commit()
    db.close()
    rebuilt = []
    g = open_index(tmp_path, key, rebuild=lambda: rebuilt.append(1) or full)
    assert queries.cited_by(g, target) == queries.cited_by(full, target)
    assert g.nodes[target]["label"] == full.nodes[target]["label"]
    assert rebuilt == [1] and not index_path(tmp_path, key).exists()


def test_load_graph_gives_a_light_graph_once_cached(tmp_path):
    first = load_graph([str(CORPUS)], cache_dir=tmp_path, lite=True)
    second = load_graph([str(CORPUS)], cache_dir=tmp_path, lite=True)
    assert not isinstance(first, LiteGraph) and isinstance(second, LiteGraph)
    assert second.graph == first.graph
    assert to_json(load_graph([str(CORPUS)], cache_dir=tmp_path)) == to_json(first)


def test_a_query_does_not_import_networkx(tmp_path):
    code = (
        "import sys\n"
        "from citegraph.cli import main\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        main(['cited-by', 'Curran 2007', '--json', '-C', sys.argv[1]], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    heavy = [m for m in ('networkx', 'rapidfuzz', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {"CITEGRAPH_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code.replace("for _ in range(2):", "for _ in range(1):"), str(CORPUS)], env=env, cwd=ROOT, check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-c", code, str(CORPUS)], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    assert "HEAVY []" in proc.stdout, proc.stdout[-500:]


def test_an_index_with_the_same_graph_is_restamped_for_a_new_key(full, tmp_path):
    from citegraph.qindex import restamp_index

    old = write_index(tmp_path, "a" * 64, full, digest="d1")
    assert old is not None
    assert restamp_index(tmp_path, "b" * 64, "other digest") is None  # another graph: nothing to reuse
    assert restamp_index(tmp_path, "b" * 64, "") is None
    new = restamp_index(tmp_path, "b" * 64, "d1")
    assert new == index_path(tmp_path, "b" * 64) and new.is_file()
    for key in ("a" * 64, "b" * 64):  # both answer, each under its own key
        g = open_index(tmp_path, key)
        assert isinstance(g, LiteGraph)
        assert _plain(queries.cited_by(g, queries.resolve(g, "Curran 2007"))) == _plain(queries.cited_by(full, queries.resolve(full, "Curran 2007")))
        g.close()


def test_an_index_without_a_digest_is_never_restamped(full, tmp_path):
    from citegraph.qindex import restamp_index

    assert write_index(tmp_path, "a" * 64, full) is not None
    assert restamp_index(tmp_path, "b" * 64, "") is None
    assert not index_path(tmp_path, "b" * 64).exists()


def _dump(path):
    db = sqlite3.connect(path)
    try:
        meta = sorted(db.execute("SELECT * FROM meta").fetchall())
        return meta, *([r[1:] for r in db.execute(f"SELECT * FROM {t} ORDER BY seq")] for t in ("nodes", "edges"))  # the order, not the numbers
    finally:
        db.close()


def _changed_graph(full, change):
    g = full.copy()
    nodes = list(g.nodes)
    if change == "node attribute":
        g.nodes[nodes[3]]["label"] = "Changed label"
    elif change == "node removed":
        g.remove_node(nodes[-1])
    elif change == "node added":
        g.add_node("work:new-one", kind="work", key="newOne2024", label="New one", year="2024")
        g.add_edge(nodes[0], "work:new-one", relation="cites")
    elif change == "node added first":
        g = g.__class__()
        g.graph.update(full.graph)
        g.add_node("work:first", kind="work", label="First")
        g.add_nodes_from(full.nodes(data=True))
        g.add_edges_from(full.edges(data=True))
    elif change == "two nodes swapped":
        order = list(full.nodes(data=True))
        a, b = [i for i, (n, _) in enumerate(order) if full.out_degree(n) == 0][1:3]  # (their edges stay in place)
        order[a], order[b] = order[b], order[a]
        g = g.__class__()
        g.graph.update(full.graph)
        g.add_nodes_from(order)
        g.add_edges_from(full.edges(data=True))
    elif change == "edge attribute":
        u, v = next(iter(g.edges))
        g.edges[u, v]["line"] = 12345
    elif change == "graph facts":
        g.graph["documents"] = 999
    elif change == "everything reordered":
        g = g.__class__()
        g.graph.update(full.graph)
        g.add_nodes_from(reversed(list(full.nodes(data=True))))
        g.add_edges_from(reversed(list(full.edges(data=True))))
    return g


@pytest.mark.parametrize("change", ["node attribute", "node removed", "node added", "node added first", "two nodes swapped", "edge attribute", "graph facts", "everything reordered", "nothing"])
def test_an_index_updated_from_the_previous_one_equals_one_written_whole(full, tmp_path, change, monkeypatch):
    from citegraph import qindex

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    changed = _changed_graph(full, change)
    assert write_index(tmp_path / "a", "a" * 64, full, digest="d1") is not None
    whole_writes = []
    write_all = qindex._write_all
    monkeypatch.setattr(qindex, "_write_all", lambda *a: whole_writes.append(1) or write_all(*a))
    updated = write_index(tmp_path / "a", "b" * 64, changed, digest="d2")  # from the previous index
    assert whole_writes == ([1] if change == "everything reordered" else [])  # a small change only replaces rows
    whole = write_index(tmp_path / "b", "b" * 64, changed, digest="d2")  # nothing to start from
    assert _dump(updated) == _dump(whole)
    g = open_index(tmp_path / "a", "b" * 64)
    assert to_json(g.full()) == to_json(changed)
    g.close()
    assert to_json(open_index(tmp_path / "a", "a" * 64).full()) == to_json(full)  # the previous index is left as it was


@pytest.mark.parametrize("damage", ["garbled", "missing", "stale"])
def test_an_update_does_not_trust_a_damaged_record_of_row_identities(full, tmp_path, damage):
    import sqlite3

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    previous = write_index(tmp_path / "a", "a" * 64, full, digest="d1")
    db = sqlite3.connect(previous)
    if damage == "garbled":
        db.execute("UPDATE idents SET ids = zeroblob(length(ids))")
    elif damage == "missing":
        db.execute("DROP TABLE idents")
    else:  # rows changed behind its back: its counts no longer match
        db.execute("DELETE FROM edges WHERE seq = (SELECT min(seq) FROM edges)")
    db.commit()
    db.close()
    changed = _changed_graph(full, "node attribute")
    updated = write_index(tmp_path / "a", "b" * 64, changed, digest="d2")
    whole = write_index(tmp_path / "b", "b" * 64, changed, digest="d2")
    assert _dump(updated) == _dump(whole)


def test_a_damaged_previous_index_is_not_built_upon(full, tmp_path):
    index_path(tmp_path, "a" * 64).write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    assert write_index(tmp_path, "b" * 64, full) is not None
    g = open_index(tmp_path, "b" * 64)
    assert to_json(g.full()) == to_json(full)
    g.close()


def test_rows_inserted_again_and_again_at_one_place_stay_in_order(full, tmp_path):
    g = full.copy()
    nodes = list(full.nodes(data=True))
    for round_ in range(24):  # more than the room between two rows allows: then the index is written whole
        h = g.__class__()
        h.graph.update(g.graph)
        h.add_nodes_from(nodes[:5])
        h.add_nodes_from((f"work:inserted-{k}", {"kind": "work", "label": f"Inserted {k}"}) for k in range(round_ + 1))
        h.add_nodes_from(nodes[5:])
        h.add_edges_from(full.edges(data=True))
        write_index(tmp_path, f"{round_:064d}", h)
        lite = open_index(tmp_path, f"{round_:064d}")
        assert to_json(lite.full()) == to_json(h)
        lite.close()


def test_a_damaged_row_carried_into_an_updated_index_is_not_carried_further(full, tmp_path):
    write_index(tmp_path, "a" * 64, full)
    target = queries.resolve(full, "Curran 2007")
    db = sqlite3.connect(index_path(tmp_path, "a" * 64))
    db.execute("UPDATE nodes SET label = 'Curran, damaged' WHERE id = ?", (target,))  # (a damaged line would differ from the new one: replaced)
    db.commit()
    db.close()
    write_index(tmp_path, "b" * 64, full)  # updated from the damaged index: the damaged row is kept as it was
    g = open_index(tmp_path, "b" * 64, rebuild=lambda: full)
    assert g.nodes[target]["label"] == full.nodes[target]["label"]  # found damaged, answered from the rebuilt graph
    assert not list(tmp_path.glob("qindex-*.sqlite3"))  # every index that may share the row is gone
    write_index(tmp_path, "c" * 64, full)
    fresh = open_index(tmp_path, "c" * 64)
    assert to_json(fresh.full()) == to_json(full)
    fresh.close()
