"""Graph queries on a small hand-made graph."""

from __future__ import annotations

import networkx as nx
import pytest

from citegraph.queries import Ambiguous, NotFound, cited_by, cites, claims, platforms, resolve


@pytest.fixture()
def g():
    g = nx.DiGraph()
    g.add_node("doc:miao", kind="document", label="Miao 2025", key="miaoGlobal2025", title="Global Promotion Strategy", authors=["Miao, Q."], year="2025")
    g.add_node("work:curranMedia2007", kind="work", label="Curran 2007", key="curranMedia2007", title="Media and cultural theory", authors=["Curran, J."], year="2007")
    g.add_node("work:suBorderline2023", kind="work", label="Su & Kaye 2023", key="suBorderline2023", title="Borderline practices on Douyin/ TikTok", authors=["Su, C.", "Kaye, B. V."], year="2023")
    g.add_node("work:gaoComparative2012", kind="work", label="Gao et al. 2012a", key="gaoComparative2012", title="A comparative study of microblogging", authors=["Gao, Q.", "Abel, F."], year="2012a")
    g.add_node("work:liStrategies2022", kind="work", label="Li 2022", key="liStrategies2022", title="Strategies behind Tik Tok's global rise", authors=["Li, Z."], year="2022")
    g.add_node("work:liCharacteristics2022", kind="work", label="Li 2022", key="liCharacteristics2022", title="Characteristics and strategies", authors=["Li, Y."], year="2022")
    g.add_node("platform:TikTok", kind="platform", label="TikTok", mentions=5)
    g.add_node("claim:miao:c1", kind="claim", label="...", text="It may occur (Curran, 2007).", doc="doc:miao", line=12, speaker="")
    g.add_edge("doc:miao", "work:curranMedia2007", relation="cites", citations=[{"marker": "Curran, 2007", "sentence": "It may occur (Curran, 2007).", "line": 12}])
    g.add_edge("doc:miao", "work:suBorderline2023", relation="cites", citations=[{"marker": "Su & Kaye, 2023", "sentence": "TikTok operated borderline practices (Su & Kaye, 2023).", "line": 30}])
    g.add_edge("doc:miao", "claim:miao:c1", relation="makes")
    g.add_edge("claim:miao:c1", "work:curranMedia2007", relation="supports")
    g.add_edge("claim:miao:c1", "platform:TikTok", relation="mentions")
    g.add_edge("doc:miao", "platform:TikTok", relation="mentions", count=5)
    return g


@pytest.mark.parametrize(
    "query, node",
    [
        ("curranMedia2007", "work:curranMedia2007"),
        ("Curran 2007", "work:curranMedia2007"),
        ("Su & Kaye 2023", "work:suBorderline2023"),
        ("Su and Kaye 2023", "work:suBorderline2023"),
        ("Gao et al. 2012a", "work:gaoComparative2012"),
        ("borderline practices", "work:suBorderline2023"),
        ("Miao 2025", "doc:miao"),
    ],
)
def test_resolve(g, query, node):
    assert resolve(g, query) == node


def test_resolve_ambiguous_lists_candidates(g):
    with pytest.raises(Ambiguous) as e:
        resolve(g, "Li 2022")
    assert e.value.candidates == ["work:liCharacteristics2022", "work:liStrategies2022"]


@pytest.mark.parametrize("query", ["Gao 2012b", "Nobody 1999", "no such title words"])
def test_resolve_not_found(g, query):
    with pytest.raises(NotFound):
        resolve(g, query)


def test_cites_and_cited_by(g):
    rows = cites(g, "doc:miao")
    assert [r["work"] for r in rows] == ["curranMedia2007", "suBorderline2023"]
    assert rows[0]["sentence"] == "It may occur (Curran, 2007)."
    by = cited_by(g, "work:suBorderline2023")
    assert [(r["doc"], r["line"]) for r in by] == [("miaoGlobal2025", 30)]


def test_claims_filters(g):
    assert [r["text"] for r in claims(g, platform="platform:TikTok")] == ["It may occur (Curran, 2007)."]
    assert claims(g, cites="work:suBorderline2023") == []
    assert claims(g, doc="doc:miao")[0]["cites"] == ["Curran 2007"]


def test_platforms(g):
    rows = platforms(g)
    assert rows[0]["platform"] == "TikTok" and rows[0]["documents"] == ["miaoGlobal2025"] and rows[0]["claims"] == 1
