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


# extend_clusters: an earlier clustering carried over to a graph that changed a little


def _planted(seed: int, n_docs: int = 60, schools: int = 4) -> nx.DiGraph:
    """Documents citing mostly within their school's pool of works (school = document number mod ``schools``)."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    for j in range(n_docs):
        s = j % schools
        g.add_node(f"doc:d{j}", kind="document", key=f"d{j}", title=f"Paper {j}")
        for i in rng.sample(range(12), 6) + [rng.randrange(12 * schools)]:
            w = f"work:s{s}w{i}" if i < 12 else f"work:s{i // 12}w{i % 12}"
            g.add_node(w, kind="work", key=w[5:], title=f"Topic{'abcdefgh'[int(w[6])]} theme{'abcdefgh'[int(w[6])]} work")
            g.add_edge(f"doc:d{j}", w, relation="cites")
    return g


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_extending_clusters_over_the_same_graph_gives_them_back(seed):
    from citegraph.clusters import extend_clusters

    g = _planted(seed)
    found = clusters(g)
    assert found
    assert extend_clusters(g, cluster_of(found, documents=False)) == found
    assert [c.links for c in extend_clusters(g, cluster_of(found, documents=False), count_links=False)] == [0] * len(found)


@pytest.mark.parametrize(
    "new_citers, joins",
    [
        (["g0", "g1"], 1),  # cited with the governance works by two documents: joins their cluster
        (["l0", "l1", "l2"], 2),  # with the labour works
        (["g0", "l0"], None),  # each pair only once: no link strong enough, in no cluster
        (["g0"], None),  # cited once
    ],
)
def test_a_new_work_joins_the_cluster_it_is_cited_with(new_citers, joins):
    from citegraph.clusters import extend_clusters

    g = citation_graph(TWO_SCHOOLS)
    found = clusters(g)
    works = cluster_of(found, documents=False)
    gov = works["work:a1"]
    h = g.copy()
    h.add_node("work:new", kind="work", key="new", title="Moderation news")
    for d in new_citers:
        h.add_edge(f"doc:{d}", "work:new", relation="cites")
    extended = cluster_of(extend_clusters(h, works), documents=False)
    expected = None if joins is None else (gov if joins == 1 else 3 - gov)
    assert extended.get("work:new") == expected
    assert {w: n for w, n in extended.items() if w != "work:new"} == works  # the others keep theirs
    assert cluster_of(extend_clusters(h, works), documents=False) == extended  # deterministic


def test_extended_clusters_drop_works_no_longer_cited_and_renumber():
    from citegraph.clusters import extend_clusters

    g = citation_graph(TWO_SCHOOLS)
    found = clusters(g)
    works = cluster_of(found, documents=False)
    h = g.copy()
    h.remove_nodes_from([f"work:{w}" for w in LABOUR if works[f"work:{w}"] == 1] + [f"work:{w}" for w in GOVERNANCE if works[f"work:{w}"] == 1])
    extended = extend_clusters(h, works)
    assert [c.number for c in extended] == [1]
    assert set(extended[0].works) == {w for w, n in works.items() if n == 2}
    assert extended[0].label == found[1].label and extended[0].documents == found[1].documents
