"""Views of the graph: by platform, by document, without claims, min cites, claims folded."""

from __future__ import annotations

import networkx as nx
import pytest

from citegraph import views


def graph() -> nx.DiGraph:
    """Two documents citing works, claims citing works and mentioning platforms, a speaker."""
    g = nx.DiGraph()
    g.add_node("doc:a", kind="document", label="A 2024", key="a", cited_by=0)
    g.add_node("doc:b", kind="document", label="B 2025", key="b", cited_by=0)
    for w, n in (("work:shared", 2), ("work:only-a", 1), ("work:only-b", 1)):
        g.add_node(w, kind="work", label=w.split(":")[1], key=w.split(":")[1], cited_by=n)
    g.add_node("platform:TikTok", kind="platform", label="TikTok", aliases=["Tik Tok", "Douyin intl"])
    g.add_node("platform:RedNote", kind="platform", label="RedNote", aliases=["Xiaohongshu"])
    g.add_node("person:Zhu Keli", kind="person", label="Zhu Keli")
    g.add_node("person:Author A", kind="person", label="Author A")
    g.add_edge("doc:a", "person:Author A", relation="authored-by", doc="a")
    g.add_edge("doc:a", "work:shared", relation="cites", doc="a", line=3, count=1, citations=[{"marker": "(S 2020)", "sentence": "Shared is cited (S 2020).", "line": 3}])
    g.add_edge("doc:a", "work:only-a", relation="cites", doc="a", line=5, count=1, citations=[{"marker": "[2]", "sentence": "Only A [2].", "line": 5}])
    g.add_edge("doc:b", "work:shared", relation="cites", doc="b", line=7, count=1, citations=[{"marker": "[1]", "sentence": "B cites shared [1].", "line": 7}])
    g.add_edge("doc:b", "work:only-b", relation="cites", doc="b", line=9, count=1, citations=[])
    g.add_edge("doc:b", "platform:RedNote", relation="mentions", doc="b", count=2)
    g.add_node("claim:a:c1", kind="claim", label="TikTok grew", text="TikTok grew fast (S 2020).", doc="doc:a", line=3)
    g.add_edge("doc:a", "claim:a:c1", relation="makes", doc="a", line=3)
    g.add_edge("claim:a:c1", "work:shared", relation="supports", doc="a", line=3)
    g.add_edge("claim:a:c1", "platform:TikTok", relation="mentions", doc="a", line=3)
    g.add_edge("claim:a:c1", "person:Zhu Keli", relation="said-by", doc="a", line=3)
    g.add_node("claim:b:c1", kind="claim", label="B claim", text="B cites shared [1].", doc="doc:b", line=7)
    g.add_edge("doc:b", "claim:b:c1", relation="makes", doc="b", line=7)
    g.add_edge("claim:b:c1", "work:shared", relation="supports", doc="b", line=7)
    g.add_edge("claim:b:c1", "work:only-b", relation="supports", doc="b", line=7)
    g.graph["documents"] = 2
    return g


def snapshot(g: nx.DiGraph):
    return sorted(map(str, g.nodes(data=True))), sorted(map(str, g.edges(data=True)))


@pytest.mark.parametrize(
    "name, kind, expected",
    [
        ("platform:TikTok", "platform", "platform:TikTok"),
        ("TikTok", "platform", "platform:TikTok"),
        ("tiktok", "platform", "platform:TikTok"),
        ("xiaohongshu", "platform", "platform:RedNote"),
        ("a", "document", "doc:a"),
        ("B 2025", "document", "doc:b"),
    ],
)
def test_find_node(name, kind, expected):
    assert views.find_node(graph(), name, kind) == expected


def test_find_node_misses_and_ambiguity():
    g = graph()
    with pytest.raises(KeyError):
        views.find_node(g, "MySpace", "platform")
    with pytest.raises(KeyError):
        views.find_node(g, "TikTok", "document")  # right name, wrong kind
    g.add_node("platform:Other", kind="platform", label="Other", aliases=["xiaohongshu"])
    with pytest.raises(ValueError):
        views.find_node(g, "xiaohongshu", "platform")


@pytest.mark.parametrize(
    "fn, args, present, absent",
    [
        (views.by_platform, ("TikTok",), {"platform:TikTok", "claim:a:c1", "doc:a", "work:shared", "person:Zhu Keli"}, {"doc:b", "work:only-a", "platform:RedNote", "claim:b:c1"}),
        (views.by_platform, ("RedNote",), {"platform:RedNote", "doc:b"}, {"doc:a", "claim:a:c1", "work:only-b"}),
        (views.by_document, ("doc:a",), {"doc:a", "work:shared", "work:only-a", "claim:a:c1", "platform:TikTok", "person:Zhu Keli", "person:Author A"}, {"doc:b", "work:only-b", "claim:b:c1"}),
        (views.by_document, ("b",), {"doc:b", "work:shared", "work:only-b", "claim:b:c1", "platform:RedNote"}, {"doc:a", "work:only-a", "claim:a:c1"}),
        (views.without_claims, (), {"doc:a", "doc:b", "work:shared", "platform:TikTok", "person:Author A"}, {"claim:a:c1", "claim:b:c1", "person:Zhu Keli"}),
        (views.min_cites, (2,), {"doc:a", "doc:b", "work:shared", "claim:a:c1", "claim:b:c1"}, {"work:only-a", "work:only-b"}),
        (views.min_cites, (3,), {"doc:a", "doc:b", "platform:RedNote"}, {"work:shared", "claim:a:c1", "claim:b:c1", "platform:TikTok", "person:Zhu Keli"}),
        (views.min_cites, (0,), {"work:only-a", "claim:a:c1"}, set()),
    ],
)
def test_filter_views(fn, args, present, absent):
    g = graph()
    before = snapshot(g)
    out = fn(g, *args)
    assert present <= set(out) and not (absent & set(out)), sorted(out)
    assert snapshot(g) == before  # the input is never changed
    assert out.graph["documents"] == 2
    for u, v in out.edges:
        assert g.has_edge(u, v) and out.edges[u, v] == g.edges[u, v]


def test_fold_claims_moves_sentences_onto_cites_edges():
    g = graph()
    before = snapshot(g)
    out = views.fold_claims(g)
    assert snapshot(g) == before
    assert not [n for n, d in out.nodes(data=True) if d["kind"] == "claim"]
    assert out.graph["folded_claims"] == 2
    shared_a = out.edges["doc:a", "work:shared"]
    sentences = [c["sentence"] for c in shared_a["citations"]]
    assert sentences == ["Shared is cited (S 2020).", "TikTok grew fast (S 2020)."]
    assert shared_a["count"] == 2
    shared_b = out.edges["doc:b", "work:shared"]
    assert [c["sentence"] for c in shared_b["citations"]] == ["B cites shared [1]."]  # same sentence not repeated
    assert [c["sentence"] for c in out.edges["doc:b", "work:only-b"]["citations"]] == ["B cites shared [1]."]
    assert out.edges["doc:a", "platform:TikTok"]["relation"] == "mentions"
    assert out.edges["doc:a", "person:Zhu Keli"]["relation"] == "quotes"
    assert out.nodes["work:shared"]["cited_by"] == 2 and out.nodes["work:only-b"]["cited_by"] == 1
    assert g.edges["doc:a", "work:shared"]["count"] == 1 and len(g.edges["doc:a", "work:shared"]["citations"]) == 1


def test_fold_claim_citing_a_work_its_document_does_not_cite():
    g = graph()
    g.add_edge("claim:a:c1", "work:only-b", relation="supports", doc="a", line=3)
    out = views.fold_claims(g)
    assert out.edges["doc:a", "work:only-b"]["relation"] == "cites"
    assert out.nodes["work:only-b"]["cited_by"] == 2


@pytest.mark.parametrize(
    "kwargs, claims_left, folded",
    [
        ({}, 2, False),  # small graph: claims kept
        ({"fold_above": 5}, 0, True),  # "big" graph: folded by default
        ({"fold": True}, 0, True),
        ({"fold": False, "fold_above": 5}, 2, False),
        ({"claims": False}, 0, False),
    ],
)
def test_view_folds_above_the_threshold(kwargs, claims_left, folded):
    out = views.view(graph(), **kwargs)
    assert sum(1 for _, d in out.nodes(data=True) if d["kind"] == "claim") == claims_left
    assert ("folded_claims" in out.graph) is folded


def test_view_composes_platform_and_min_cites():
    out = views.view(graph(), platform="TikTok", min_cited=2)
    assert set(out) == {"platform:TikTok", "claim:a:c1", "doc:a", "work:shared", "person:Zhu Keli"}


def test_views_tolerate_missing_attributes():
    g = nx.DiGraph()
    g.add_node("x")  # no kind at all
    g.add_node("claim:1", kind="claim")  # no text, no doc
    g.add_node("work:1", kind="work")  # no cited_by
    g.add_edge("claim:1", "work:1")  # no relation
    g.add_edge("x", "work:1", relation="cites")
    assert set(views.fold_claims(g)) == {"x", "work:1"}
    assert set(views.min_cites(g, 1)) == {"x", "work:1", "claim:1"}
    assert set(views.without_claims(g)) == {"x", "work:1"}


@pytest.mark.parametrize("doc, folded_onto", [("doc:b", "doc:b"), ("doc:nowhere", None)])
def test_fold_claim_without_a_makes_edge_uses_its_doc(doc, folded_onto):
    g = graph()
    g.add_node("claim:loose", kind="claim", text="A loose claim (S 2020).", doc=doc, line=9)
    g.add_edge("claim:loose", "work:only-a", relation="supports")
    out = views.fold_claims(g)
    assert out.graph["folded_claims"] == 3
    citing = sorted(u for u, _, d in out.in_edges("work:only-a", data=True) if "A loose claim (S 2020)." in [c["sentence"] for c in d.get("citations") or []])
    assert citing == ([folded_onto] if folded_onto else [])
