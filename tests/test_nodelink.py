"""Node-link JSON: the graph round-trips with all its attributes, and bad input is a ValueError."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from citegraph.readwrite.nodelink import from_json, to_json


def sample_graph() -> nx.DiGraph:
    g = nx.DiGraph(corpus="references")
    g.add_node("doc:miao-2025", kind="document", label="Miao 2025", title="Global promotion", path="references/m.md")
    g.add_node("work:curranMedia2007", kind="work", label="Curran 2007", title="Media & démocratie </script>",
               authors=["Curran, J."], year="2007", venue="J. Comm.", key="curranMedia2007", cited_by=2,
               csl={"id": "curranMedia2007", "author": [{"family": "Curran", "given": "James"}],
                    "issued": {"date-parts": [[2007]]}})
    g.add_node("claim:miao-2025:c3", kind="claim", label="c3", text="Media matter (Curran, 2007).", speaker=None,
               section="Intro", doc="doc:miao-2025")
    g.add_node("platform:TikTok", kind="platform", label="TikTok")
    g.add_node("person:Zhu Keli", kind="person", label="Zhu Keli")
    g.add_edge("doc:miao-2025", "claim:miao-2025:c3", relation="makes")
    g.add_edge("claim:miao-2025:c3", "work:curranMedia2007", relation="cites", doc="doc:miao-2025", line=12)
    g.add_edge("claim:miao-2025:c3", "platform:TikTok", relation="mentions")
    g.add_edge("person:Zhu Keli", "claim:miao-2025:c3", relation="said-by")
    return g


def test_round_trip_keeps_nodes_edges_and_attributes():
    g = sample_graph()
    h = from_json(to_json(g))
    assert isinstance(h, nx.DiGraph) and h.is_directed()
    assert list(h.nodes) == list(g.nodes)
    assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
    assert list(h.edges(data=True)) == list(g.edges(data=True))
    assert h.graph == g.graph


def test_json_is_networkx_node_link():
    data = json.loads(to_json(sample_graph()))
    assert data["directed"] is True and data["multigraph"] is False
    assert {n["id"] for n in data["nodes"]} == set(sample_graph().nodes)
    assert {"source": "claim:miao-2025:c3", "target": "work:curranMedia2007", "relation": "cites",
            "doc": "doc:miao-2025", "line": 12} in data["edges"]


def test_output_is_deterministic_and_utf8():
    assert to_json(sample_graph()) == to_json(sample_graph())
    assert "démocratie" in to_json(sample_graph())


def test_reads_legacy_links_key():
    text = json.dumps({"directed": True, "multigraph": False, "graph": {}, "nodes": [{"id": "a"}, {"id": "b"}],
                       "links": [{"source": "a", "target": "b", "relation": "cites"}]})
    assert list(from_json(text).edges(data=True)) == [("a", "b", {"relation": "cites"})]


def test_empty_graph():
    assert from_json(to_json(nx.DiGraph())).number_of_nodes() == 0


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"edges": []}', '{"nodes": [{"id": "a"}], "edges": [{"source": "a"}]}'])
def test_bad_input_is_value_error(text):
    with pytest.raises(ValueError):
        from_json(text)
