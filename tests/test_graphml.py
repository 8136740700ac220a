"""GraphML and GEXF: flat attributes a Gephi user can open, and the graph back unchanged."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from citegraph.readwrite.graphml import flatten, from_gexf, from_graphml, to_gexf, to_graphml


@pytest.fixture()
def g():
    g = nx.DiGraph()
    g.graph.update(documents=2, problems=["a.md: no title"])
    g.add_node("doc:a", kind="document", key="aKey2020", label="A 2020", authors=["A, B."], csl={"id": "aKey2020", "issued": {"date-parts": [[2020]]}})
    g.add_node("work:w", kind="work", key="wTitle2001", label="W & <co> 2001", authors=[], csl={"title": "Ünï"}, cited_by=1)
    g.add_node("platform:X", kind="platform", label="X", mentions=3, aliases=["X", "Ex"])
    g.add_edge("doc:a", "work:w", relation="cites", line=7, count=1, citations=[{"marker": "(W, 2001)", "sentence": "As W said.", "line": 7}])
    g.add_edge("doc:a", "platform:X", relation="mentions", line="", count=3)
    return g


@pytest.mark.parametrize("write, read", [(to_graphml, from_graphml), (to_gexf, from_gexf)], ids=["graphml", "gexf"])
def test_round_trip(g, write, read):
    h = read(write(g))
    assert sorted(h.nodes) == sorted(g.nodes) and sorted(h.edges) == sorted(g.edges)
    for n in g:
        assert h.nodes[n] == g.nodes[n]
    for e in g.edges:
        assert h.edges[e] == g.edges[e]
    if write is to_graphml:
        assert h.graph == g.graph


@pytest.mark.parametrize("write", [to_graphml, to_gexf], ids=["graphml", "gexf"])
def test_output_is_xml_with_scalar_attributes_only(g, write):
    text = write(g)
    ET.fromstring(text.encode("utf-8"))  # well-formed
    assert "Ünï" in text


def test_flatten_leaves_the_input_alone_and_is_scalar(g):
    flat = flatten(g)
    for _, d in list(flat.nodes(data=True)) + [(None, d) for _, _, d in flat.edges(data=True)]:
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    assert isinstance(g.nodes["doc:a"]["csl"], dict)
    assert flat.edges["doc:a", "platform:X"]["line"] == '""'  # a key with mixed types is JSON text throughout


def test_the_sample_corpus_graph_round_trips(tmp_path):
    from citegraph.api import load_graph

    from .conftest import CORPUS

    g = load_graph([str(CORPUS)], cache_dir=None)
    for write, read in ((to_graphml, from_graphml), (to_gexf, from_gexf)):
        h = read(write(g))
        assert all(h.nodes[n] == g.nodes[n] for n in g)
        assert all(h.edges[e] == g.edges[e] for e in g.edges)
