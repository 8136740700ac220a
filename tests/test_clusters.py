"""Co-citation clusters on small hand-made citation graphs, and `citegraph clusters`."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest
from click.testing import CliRunner

from citegraph.cli import main
from citegraph.clusters import STOP_WORDS, cluster_of, cluster_rows, clusters, cocitation_weights, title_words

from .conftest import CORPUS

GOVERNANCE = {
    "a1": "Platform governance and content moderation",
    "a2": "The governance of platforms: regulation in practice",
    "a3": "Content moderation at scale: governance by design",
    "a4": "Regulation of social media platforms",
    "a5": "Moderation policy and platform governance",
}
LABOUR = {
    "b1": "Creator labour in the influencer economy",
    "b2": "Influencer labour and visibility",
    "b3": "The creator economy: labour and precarity",
    "b4": "Influencers, creators and platform labour",
    "b5": "Precarity of creator labour",
}
TITLES = {**GOVERNANCE, **LABOUR, "x": "Attention on platforms", "z1": "A lone work", "z2": "Another lone work"}


def citation_graph(cites: dict[str, list[str]], order_seed: int | None = None) -> nx.DiGraph:
    """Documents (``doc:NAME``) citing works (``work:NAME``, titled from TITLES); ``order_seed``
    shuffles the order nodes and edges are added in."""
    edges = [(d, w) for d, ws in cites.items() for w in ws]
    works = sorted({w for _, w in edges})
    docs = list(cites)
    if order_seed is not None:
        rng = random.Random(order_seed)
        for seq in (edges, works, docs):
            rng.shuffle(seq)
    g = nx.DiGraph()
    for d in docs:
        g.add_node(f"doc:{d}", kind="document", key=d, label=d.upper(), title=f"Document {d}")
    for w in works:
        g.add_node(f"work:{w}", kind="work", key=w, label=w.upper(), title=TITLES.get(w, ""))
    for d, w in edges:
        g.add_edge(f"doc:{d}", f"work:{w}", relation="cites", count=1)
    return g


def _school(works: list[str], docs: str) -> dict[str, list[str]]:
    """Four documents each citing four of the five works (a different one left out each time)."""
    return {f"{docs}{i}": [w for j, w in enumerate(works) if j != i] for i in range(4)}


TWO_SCHOOLS = {**_school(list(GOVERNANCE), "g"), **_school(list(LABOUR), "l")}
WITH_BRIDGE = {**TWO_SCHOOLS, "g0": TWO_SCHOOLS["g0"] + ["x"], "g1": TWO_SCHOOLS["g1"] + ["x"], "g2": TWO_SCHOOLS["g2"] + ["x"], "l0": TWO_SCHOOLS["l0"] + ["x"]}


def two_schools() -> nx.DiGraph:
    """The graph the browser test draws too: two schools and a bridge work."""
    return citation_graph(WITH_BRIDGE)


def partition(found) -> set[frozenset[str]]:
    return {frozenset(w.split(":", 1)[1] for w in c.works) for c in found}


GOV, LAB = frozenset(GOVERNANCE), frozenset(LABOUR)


@pytest.mark.parametrize(
    "cites, least, expected",
    [
        pytest.param(TWO_SCHOOLS, 2, {GOV, LAB}, id="two schools are separated"),
        pytest.param(WITH_BRIDGE, 2, {GOV | {"x"}, LAB}, id="a bridge joins the school that cites it most"),
        pytest.param({"d1": ["a1"], "d2": ["a2"], "d3": ["b1"]}, 1, set(), id="one reference each: no co-citation"),
        pytest.param({"d1": ["a1", "a2"], "d2": ["b1", "b2"]}, 2, set(), id="cited together once, two needed"),
        pytest.param({"d1": ["a1", "a2"], "d2": ["b1", "b2"]}, 1, {frozenset({"a1", "a2"}), frozenset({"b1", "b2"})}, id="cited together once, once is enough"),
        pytest.param({"d1": ["a1", "a2", "z1"], "d2": ["a1", "a2", "z2"]}, 2, {frozenset({"a1", "a2"})}, id="works never co-cited twice stay out"),
        pytest.param({}, 2, set(), id="empty graph"),
    ],
)
def test_clusters_of_hand_made_graphs(cites, least, expected):
    assert partition(clusters(citation_graph(cites), min_cocitations=least)) == expected


@pytest.mark.parametrize("order_seed", [1, 2, 3])
def test_same_clusters_whatever_the_run_or_insertion_order(order_seed):
    first = clusters(two_schools())
    assert clusters(two_schools()) == first
    assert clusters(citation_graph(WITH_BRIDGE, order_seed)) == first


@pytest.mark.parametrize("school, words", [(GOV | {"x"}, {"governance", "moderation", "regulation"}), (LAB, {"labour", "creator", "precarity"})])
def test_labels_are_distinctive_title_words(school, words):
    found = {frozenset(w.split(":", 1)[1] for w in c.works): c for c in clusters(two_schools())}
    c = found[school]
    assert set(c.words) & words and not set(c.words) & STOP_WORDS
    assert c.label == ", ".join(c.words) and "platform" not in c.words[:1]  # in both schools: not what sets one apart


def test_cluster_facts_documents_and_top_works():
    g = two_schools()
    found = clusters(g)
    assert [c.number for c in found] == [1, 2] and found[0].size == 6 and found[1].size == 5  # largest first
    gov = found[0]
    assert gov.top[0] == "work:x" or g.in_degree(gov.top[0]) >= g.in_degree("work:x")  # most cited first
    assert [g.in_degree(w) for w in gov.works] == sorted((g.in_degree(w) for w in gov.works), reverse=True)
    assert set(gov.documents) == {"doc:g0", "doc:g1", "doc:g2", "doc:g3"}
    assert set(found[1].documents) == {"doc:l0", "doc:l1", "doc:l2", "doc:l3"}  # l0 cites x too, but mostly labour
    member = cluster_of(found)
    assert member["work:a1"] == member["doc:g0"] == 1 and member["work:b1"] == 2 and "doc:g0" not in cluster_of(found, documents=False)
    assert gov.links == sum(1 for (a, b) in cocitation_weights(g, 2) if a in gov.works and b in gov.works)


def test_rows_for_the_command_line():
    g = two_schools()
    rows = cluster_rows(g, clusters(g), n=1, top=2)
    assert len(rows) == 1 and rows[0]["cluster"] == 1 and rows[0]["size"] == 6 and len(rows[0]["top"]) == 2
    assert set(rows[0]["works"]) == set(GOVERNANCE) | {"x"} and rows[0]["documents"] == 4


@pytest.mark.parametrize(
    "title, words",
    [("The Governance of Platforms: Regulation in practice", ["governance", "platforms", "regulation", "practice"]),
     ("TikTok 2020 and the 3 R's", ["tiktok"]),
     ("", [])],
)
def test_title_words(title, words):
    assert title_words(title) == words


def test_clusters_on_the_light_graph_match_the_full_graph(tmp_path):
    from citegraph.api import load_graph

    from citegraph.qgraph import LiteGraph

    full = load_graph([str(CORPUS)], cache_dir=None)
    load_graph([str(CORPUS)], lite=True)  # builds the cache and its query index
    light = load_graph([str(CORPUS)], lite=True)
    assert isinstance(light, LiteGraph)
    assert clusters(light, 1) == clusters(full, 1) and len(clusters(full, 1)) >= 2


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setattr("citegraph.cli.clusters.graph", lambda corpus: two_schools())

    def run(*args):
        return CliRunner().invoke(main, ["clusters", *map(str, args)])

    return run


def test_cli_table(cli):
    r = cli()
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split()[:4] == ["cluster", "size", "documents", "label"]
    assert lines[1].split()[:3] == ["1", "6", "4"] and "governance" in lines[1] and "labour" in lines[2]


@pytest.mark.parametrize("args, n", [((), 2), (("-n", 1), 1), (("--min-cocitations", 9), 0)])
def test_cli_json(cli, args, n):
    r = cli("--json", *args)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert len(rows) == n and all({"cluster", "label", "size", "top", "works", "documents"} <= set(x) for x in rows)


def test_cli_says_when_there_are_no_clusters(cli):
    r = cli("--min-cocitations", 9)
    assert r.exit_code == 0 and "no clusters" in r.output


def test_cli_help_has_an_example():
    r = CliRunner().invoke(main, ["clusters", "--help"])
    assert r.exit_code == 0 and "Example:" in r.output and "citegraph clusters" in r.output and "--json" in r.output


def test_cli_on_the_sample_corpus():
    r = CliRunner().invoke(main, ["clusters", "--min-cocitations", "1", "--json", "-C", str(CORPUS)])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert len(rows) >= 2 and "curranMedia2007" in rows[0]["works"]


def test_any_hashable_node_ids_work():
    g = nx.DiGraph()
    for d in (100, 101):
        g.add_node(d, kind="document", title="Doc")
        for w in (1, 2, "w3"):
            g.add_node(w, kind="work", title=f"Memes and virality {w}")
            g.add_edge(d, w, relation="cites")
    found = clusters(g)
    assert partition_ids(found) == [{1, 2, "w3"}] and set(found[0].documents) == {100, 101} and "virality" in found[0].words
    from citegraph.readwrite.html_data import page_data

    assert {n["id"]: n.get("cl") for n in page_data(g)["nodes"]} == {"100": 1, "101": 1, "1": 1, "2": 1, "w3": 1}


def partition_ids(found) -> list[set]:
    return [set(c.works) for c in found]
