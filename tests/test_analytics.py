"""Analytics on a small hand-made citation graph: ranking, co-citation, coupling, paths, show."""

from __future__ import annotations

import networkx as nx
import pytest

from citegraph import analytics as an


@pytest.fixture()
def g():
    """Documents A, B, C cite works; A and B share W1 and W2; C cites W1 and W3; W4 is uncited."""
    g = nx.DiGraph()
    for d in "ABC":
        g.add_node(f"doc:{d}", kind="document", key=f"doc{d}", label=f"Doc {d}", title=f"Paper {d}", year="2020")
    for w in ("W1", "W2", "W3", "W4"):
        g.add_node(f"work:{w}", kind="work", key=w.lower(), label=w, title=f"Work {w}", year="2010")
    cites = {"A": {"W1": 3, "W2": 1}, "B": {"W1": 1, "W2": 2}, "C": {"W1": 1, "W3": 1}}
    for d, ws in cites.items():
        for w, n in ws.items():
            g.add_edge(f"doc:{d}", f"work:{w}", relation="cites", count=n, line=n, citations=[{"marker": w, "sentence": "s", "line": n}] * n)
    g.add_node("platform:X", kind="platform", label="X")
    g.add_edge("doc:C", "platform:X", relation="mentions")
    g.add_node("person:P", kind="person", label="P")
    g.add_edge("doc:A", "person:P", relation="authored-by")
    return g


def test_most_cited_ranks_by_citing_documents_then_citations(g):
    rows = an.most_cited(g, 10)
    assert [(r["key"], r["cited_by"], r["citations"]) for r in rows] == [("w1", 3, 5), ("w2", 2, 3), ("w3", 1, 1)]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert [r["key"] for r in an.most_cited(g, 1)] == ["w1"]


def test_pagerank_sums_to_one_and_favours_the_most_cited(g):
    scores = an.pagerank_scores(g)
    assert set(scores) == {"doc:A", "doc:B", "doc:C", "work:W1", "work:W2", "work:W3", "work:W4"}
    assert sum(scores.values()) == pytest.approx(1.0)
    rows = an.pagerank(g, 3)
    assert [r["key"] for r in rows] == ["w1", "w2", "w3"]
    assert rows[0]["score"] > rows[1]["score"] > rows[2]["score"] > scores["work:W4"]


@pytest.mark.parametrize(
    "work, expected",
    [
        ("work:W1", [("w2", 2, ["docA", "docB"]), ("w3", 1, ["docC"])]),
        ("work:W3", [("w1", 1, ["docC"])]),
        ("work:W4", []),
    ],
)
def test_cocited(g, work, expected):
    assert [(r["key"], r["count"], r["documents"]) for r in an.cocited(g, work)] == expected


@pytest.mark.parametrize(
    "doc, expected",
    [
        ("doc:A", [("docB", 2, 1.0, ["W1", "W2"]), ("docC", 1, 0.333, ["W1"])]),
        ("doc:C", [("docA", 1, 0.333, ["W1"]), ("docB", 1, 0.333, ["W1"])]),
    ],
)
def test_coupling(g, doc, expected):
    assert [(r["key"], r["count"], r["jaccard"], r["shared"]) for r in an.coupling(g, doc)] == expected


@pytest.mark.parametrize(
    "a, b, nodes, relations",
    [
        ("doc:A", "work:W3", ["doc:A", "work:W1", "doc:C", "work:W3"], ["", "cites →", "← cites", "cites →"]),
        ("platform:X", "person:P", ["platform:X", "doc:C", "work:W1", "doc:A", "person:P"], ["", "← mentions", "cites →", "← cites", "authored-by →"]),
        ("doc:B", "doc:B", ["doc:B"], [""]),
    ],
)
def test_shortest_path(g, a, b, nodes, relations):
    rows = an.shortest_path(g, a, b)
    assert [r["node"] for r in rows] == nodes
    assert [r["relation"] for r in rows] == relations
    assert [r["step"] for r in rows] == list(range(len(nodes)))


def test_shortest_path_none_and_unknown(g):
    assert an.shortest_path(g, "doc:A", "work:W4") == []
    with pytest.raises(nx.NodeNotFound):
        an.shortest_path(g, "doc:A", "work:nope")


def test_show_lists_attributes_then_neighbours(g):
    rows = an.show(g, "work:W1")
    attrs = {r["name"]: r["value"] for r in rows if r["section"] == "attribute"}
    assert attrs["id"] == "work:W1" and attrs["title"] == "Work W1" and attrs["kind"] == "work"
    links = [(r["section"], r["name"], r["node"]) for r in rows if r["section"] != "attribute"]
    assert links == [("in", "cites", "doc:A"), ("in", "cites", "doc:B"), ("in", "cites", "doc:C")]
    with pytest.raises(nx.NodeNotFound):
        an.show(g, "work:nope")
