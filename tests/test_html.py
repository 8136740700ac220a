"""The offline HTML page: data complete, hostile text inert, nothing fetched, reasonable size."""

from __future__ import annotations

import json
import math
from html.parser import HTMLParser
from importlib import resources

import networkx as nx
import pytest

from citegraph import views
from citegraph.readwrite import html as page
from citegraph.readwrite import html_data, html_layout
from citegraph.readwrite.html import layout, to_html

XSS = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</SCRIPT ><svg onload=alert(1)>",
    "<!-- <script>",
    "a\u2028b\u2029c & d",
]


class Tags(HTMLParser):
    """Collects start tags with their attributes and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    tags.close()
    return tags


def graph(n_works: int = 60, n_claims: int = 35, hostile: str = "") -> nx.DiGraph:
    g = nx.DiGraph()
    for d in range(4):
        g.add_node(f"doc:d{d}", kind="document", label=f"Doc {d}", title=f"Document {d} {hostile}", path=f"d{d}.md")
    for w in range(n_works):
        g.add_node(f"work:w{w}", kind="work", label=f"Author{w} 2001", title=f"Work {w} {hostile}",
                   authors=[f"Author{w}, A.", "Zhu, K."], year="2001", venue="J. Things", key=f"author{w}Work2001",
                   cited_by=w % 7, csl={"id": f"author{w}Work2001", "DOI": f"10.1/{w}"})
    for c in range(n_claims):
        doc = f"doc:d{c % 4}"
        cid = f"claim:d{c % 4}:c{c}"
        g.add_node(cid, kind="claim", label=f"c{c}", text=f"Claim {c} {hostile}", doc=doc, section="Intro")
        g.add_edge(doc, cid, relation="makes")
        g.add_edge(cid, f"work:w{(c * 7) % n_works}", relation="cites", doc=doc, line=c + 1)
    g.add_node("platform:TikTok", kind="platform", label="TikTok")
    g.add_node("person:Zhu Keli", kind="person", label="Zhu Keli")
    g.add_edge("claim:d0:c0", "platform:TikTok", relation="mentions")
    g.add_edge("claim:d1:c1", "person:Zhu Keli", relation="said-by")
    return g


def data_of(text: str) -> dict:
    blocks = [body for attrs, body in parse(text).scripts if attrs.get("type") == "application/json"]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_data_has_every_node_and_edge():
    g = graph()
    data = data_of(to_html(g))
    assert len(data["nodes"]) == g.number_of_nodes() == 101
    assert len(data["edges"]) == g.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    work = next(n for n in data["nodes"] if n["id"] == "work:w3")
    assert work["info"]["authors"] == ["Author3, A.", "Zhu, K."] and work["info"]["key"] == "author3Work2001"
    assert work["info"]["doi"] == "10.1/3"
    edge = next(e for e in data["edges"] if e["relation"] == "cites" and e["from"] == "claim:d2:c2")
    assert edge["doc"] == "doc:d2" and edge["line"] == 3


@pytest.mark.parametrize("hostile", XSS)
def test_hostile_text_is_inert_data(hostile):
    text = to_html(graph(6, 4, hostile), title=hostile)
    tags = parse(text)
    assert [t for t, _ in tags.tags].count("script") == 3  # data, vis-network, page code
    assert not any(t in ("img", "svg") for t, _ in tags.tags)
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert hostile not in text
    data = data_of(text)
    assert data["nodes"][0]["info"]["title"] == f"Document 0 {hostile}"  # shown as text, exactly
    json_block = text[text.index('id="citegraph-data">'):]
    json_block = json_block[: json_block.index("</script>")]
    for raw in ("<", "&", "\u2028", "\u2029"):
        assert raw not in json_block.split(">", 1)[1]


def test_title_is_escaped():
    text = to_html(graph(3, 2), title="My <b>corpus</b> & co")
    assert "<title>My &lt;b&gt;corpus&lt;/b&gt; &amp; co</title>" in text


def test_page_is_offline():
    text = to_html(graph())
    tags = parse(text)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, attrs)
        assert tag not in ("link", "iframe", "object", "embed")
    assert all("src" not in attrs for attrs, _ in tags.scripts)
    lowered = text.lower()
    for cdn in ("cdnjs", "unpkg", "jsdelivr", "cloudflare", "googleapis", "bootstrapcdn"):
        assert cdn not in lowered
    assert "new vis.Network" in text and "vis.DataSet" in text  # the library is inlined


def test_page_code_never_uses_inner_html():
    js = page.page_script()
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js and "document.write" not in js


def test_every_script_part_is_inlined_once_in_order():
    templates = resources.files("citegraph.readwrite").joinpath("templates")
    on_disk = sorted(p.name for p in templates.iterdir() if p.name.endswith(".js"))
    assert sorted(page.PAGE_SCRIPTS) == on_disk  # a new part cannot be left out of the page by mistake
    text = to_html(graph(3, 2))
    places = [text.index(f"/* {name} */") for name in page.PAGE_SCRIPTS]
    assert places == sorted(places) and all(text.count(f"/* {name} */") == 1 for name in page.PAGE_SCRIPTS)
    for name in page.PAGE_SCRIPTS:
        body = templates.joinpath(name).read_text(encoding="utf-8")
        assert body.strip().splitlines()[-1] in text


def test_size_for_a_hundred_nodes():
    assert len(to_html(graph()).encode("utf-8")) < 3 * 1024 * 1024


def test_styles_by_kind_and_relation():
    data = data_of(to_html(graph()))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["work:w6"]["size"] > nodes["work:w0"]["size"]  # cited 6 times vs 0
    kinds = data["kinds"]
    assert len({kinds[nodes[i]["kind"]]["shape"] for i in ("doc:d0", "work:w0", "claim:d0:c0", "platform:TikTok")}) == 4
    assert len({s["color"] for s in kinds.values()}) == len(kinds)
    assert nodes["claim:d0:c0"]["label"] == "" and nodes["claim:d0:c0"]["fullLabel"] == "c0"  # claims: text on hover only
    relations = data["relations"]
    assert relations["mentions"]["dashes"] and not relations["cites"]["dashes"]
    assert set(data["kinds"]) == {"document", "work", "claim", "platform", "person"}  # for the legend


def test_empty_graph_gives_a_page():
    data = data_of(to_html(nx.DiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


@pytest.mark.parametrize("numpy_layout", [True, False])
def test_layout_is_deterministic_and_spread(monkeypatch, numpy_layout):
    if not numpy_layout:
        def no_numpy(*args, **kwargs):
            raise ImportError("numpy")
        monkeypatch.setattr(page.nx, "spring_layout", no_numpy)
    else:
        pytest.importorskip("numpy")
    g = graph()
    first, second = layout(g), layout(g)
    assert first == second and set(first) == set(g.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())
    assert len(set(first.values())) == len(first)  # no two nodes on the same spot
    xs = [x for x, _ in first.values()]
    assert max(xs) - min(xs) > 300  # pixels, not unit coordinates


def test_layout_does_not_depend_on_insertion_order():
    g = graph(10, 6)
    h = nx.DiGraph()
    h.add_nodes_from(reversed(list(g.nodes(data=True))))
    h.add_edges_from(reversed(list(g.edges(data=True))))
    assert layout(g) == layout(h)


def test_edges_carry_citing_sentences_and_nodes_their_memberships():
    g = graph(8, 6)
    g.add_edge("doc:d1", "work:w3", relation="cites", doc="d1", line=4,
               citations=[{"marker": "[3]", "sentence": "As shown before [3].", "line": 4}, {"sentence": ""}, "junk"])
    g.add_edge("doc:d1", "platform:TikTok", relation="mentions", doc="d1")
    data = data_of(to_html(g))
    edge = next(e for e in data["edges"] if e["from"] == "doc:d1" and e["to"] == "work:w3")
    assert edge["cites"] == [{"s": "As shown before [3].", "m": "[3]", "l": 4}] and edge["doc"] == "doc:d1"
    nodes = {n["id"]: n for n in data["nodes"]}
    docs = [d["id"] for d in data["docs"]]
    platforms = [p["id"] for p in data["platforms"]]
    assert docs == ["doc:d0", "doc:d1", "doc:d2", "doc:d3"] and "platform:TikTok" in platforms
    assert docs.index("doc:d1") in nodes["work:w3"]["d"]  # cited by d1
    assert docs.index("doc:d1") in nodes["claim:d1:c1"]["d"]
    tiktok = platforms.index("platform:TikTok")
    assert tiktok in nodes["claim:d0:c0"]["p"] and tiktok in nodes["doc:d0"]["p"]  # claim mentions it; its document
    assert tiktok in nodes["doc:d1"]["p"] and "p" not in nodes["work:w5"]
    assert nodes["work:w3"]["yr"] == 2001 and "yr" not in nodes["claim:d1:c1"]


@pytest.mark.parametrize("fold, claims_drawn", [(None, 35), (True, 0), (False, 35)])
def test_claims_fold_when_asked(fold, claims_drawn):
    data = data_of(to_html(graph(), fold=fold))
    assert sum(1 for n in data["nodes"] if n["kind"] == "claim") == claims_drawn
    assert data["folded"] == (35 if claims_drawn == 0 else 0)


def test_big_graphs_fold_claims_and_label_less(monkeypatch):
    monkeypatch.setattr(views, "FOLD_ABOVE", 50)
    monkeypatch.setattr(html_data, "BIG", 50)
    monkeypatch.setattr(html_data, "_MAX_WORK_LABELS", 10)
    g = graph(60, 35)
    for w in range(60):
        g.nodes[f"work:w{w}"]["cited_by"] = w
    folded = data_of(to_html(g))
    assert folded["big"] and folded["folded"] == 35
    assert not [n for n in folded["nodes"] if n["kind"] == "claim"]
    data = data_of(to_html(g, fold=False))
    labelled = {n["id"] for n in data["nodes"] if n["kind"] == "work" and n["label"]}
    assert labelled == {f"work:w{w}" for w in range(50, 60)}  # the ten most cited
    assert all(n["label"] for n in data["nodes"] if n["kind"] == "document")
    assert all(n["fullLabel"] for n in data["nodes"])


def test_hub_layout_for_big_components(monkeypatch):
    monkeypatch.setattr(html_layout, "SPRING_LIMIT", 20)
    g = nx.DiGraph()
    for d in range(6):
        g.add_node(f"doc:{d}", kind="document")
        for w in range(12):
            g.add_edge(f"doc:{d}", f"work:{d}-{w}", relation="cites")  # cited by this document only
        g.add_edge(f"doc:{d}", "work:shared", relation="cites")
        g.add_edge(f"work:{d}-0", f"claim:{d}", relation="supports")  # two hops from a document
    first = layout(g)
    assert first == layout(g) and set(first) == set(g)
    assert len(set(first.values())) == len(first)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in first.values())

    def dist(a, b):
        return math.dist(first[a], first[b])

    for d in range(6):
        own = max(dist(f"doc:{d}", f"work:{d}-{w}") for w in range(12))
        others = min(dist(f"doc:{e}", f"work:{d}-{w}") for e in range(6) if e != d for w in range(12))
        assert own < others  # a document's own references circle it


def test_unknown_kinds_and_relations_get_the_fallback_style():
    g = nx.DiGraph()
    g.add_node("a", kind="gizmo", label="A", year=2001.5, cited_by="many", authors={"x"})
    g.add_node("b")
    g.add_edge("a", "b", relation="frobs", line=None)
    data = data_of(to_html(g))
    assert data["kinds"]["gizmo"]["name"] == "gizmo" and "other" in data["kinds"]
    assert data["relations"]["frobs"]["name"] == "frobs"
    assert {n["id"] for n in data["nodes"]} == {"a", "b"}


def test_cli_html_views(tmp_path):
    from click.testing import CliRunner

    from citegraph.cli import main
    from tests.conftest import CORPUS

    runner = CliRunner()
    full, tiktok = tmp_path / "full.html", tmp_path / "tiktok.html"
    assert runner.invoke(main, ["html", str(CORPUS), "-o", str(full)]).exit_code == 0
    result = runner.invoke(main, ["html", str(CORPUS), "-o", str(tiktok), "--platform", "TikTok", "--min-cites", "1", "--no-claims"])
    assert result.exit_code == 0, result.output
    everything, only = data_of(full.read_text()), data_of(tiktok.read_text())
    assert "platform:TikTok" in {n["id"] for n in only["nodes"]}
    assert 0 < len(only["nodes"]) < len(everything["nodes"])
    assert not [n for n in only["nodes"] if n["kind"] == "claim"]
    assert all((n["info"].get("cited_by") or 0) >= 1 for n in only["nodes"] if n["kind"] == "work")
    miss = runner.invoke(main, ["html", str(CORPUS), "-o", str(tmp_path / "x.html"), "--platform", "MySpace"])
    assert miss.exit_code == 2 and not (tmp_path / "x.html").exists()


class _DictMemo(dict):
    """A layout memo round-tripping its values through marshal, as the cache does."""

    def get(self, key, default=None):
        import marshal

        return marshal.loads(self[key]) if key in self else default

    def put(self, key, value):
        import marshal

        self[key] = marshal.dumps(value)


def _with_island(g: nx.DiGraph, name: str) -> nx.DiGraph:
    h = g.copy()
    h.add_node(f"work:{name}", kind="work", label=name)  # a new isolated work: the large component is unchanged
    return h


@pytest.mark.parametrize("change", ["none", "island", "edge"])
def test_layout_from_the_memo_equals_a_fresh_one(monkeypatch, change):
    g = graph(120, 200)
    memo = _DictMemo()
    assert layout(g, memo=memo) == layout(g)
    assert memo, "the large component is remembered"
    h = {"none": g, "island": _with_island(g, "anotherSentence")}.get(change)
    if h is None:
        h = g.copy()
        h.add_edge("claim:d0:c0", "work:w1", relation="cites")  # the large component changed: laid out anew
    expected = layout(h)
    if change != "edge":
        real = html_layout._component_layout
        monkeypatch.setattr(html_layout, "_component_layout", lambda c, *a: real(c, *a) if c.number_of_nodes() < html_layout.MEMO_MIN else pytest.fail("should come from the memo"))
    assert layout(h, memo=memo) == expected


def test_a_layout_memo_entry_that_does_not_fit_is_ignored():
    g = graph(120, 200)
    memo = _DictMemo()
    layout(g, memo=memo)
    for key in list(memo):
        memo.put(key, [["work:nowhere", 1.0, 2.0]])
    assert layout(g, memo=memo) == layout(g)


@pytest.mark.parametrize(
    "doc, expected",
    [("a", "doc:a"), ("doc:a", "doc:a"), (1, "doc:1"), (1.0, "doc:1.0"), (True, "doc:True"), ("nowhere", None), ("", None), (None, None)],
)
def test_the_doc_of_an_edge_or_node_is_resolved_to_its_document_node(doc, expected):
    from citegraph.readwrite.html_data import page_data

    g = nx.DiGraph()
    for d in ("doc:a", "doc:1", "doc:1.0", "doc:True"):
        g.add_node(d, kind="document", label=d)
    for k, value in enumerate((1, 1.0, True, doc)):  # equal values of other types first: each keeps its own document
        g.add_node(f"work:{k}", kind="work", doc=value)
        g.add_edge("doc:a", f"work:{k}", relation="cites", doc=value)
    data = page_data(g)
    node = next(n for n in data["nodes"] if n["id"] == "work:3")
    edge = next(e for e in data["edges"] if e["to"] == "work:3")
    assert node["info"].get("doc") == expected and edge.get("doc") == expected


def _schools(n_schools: int, hostile: str = "") -> nx.DiGraph:
    """``n_schools`` groups of three works, each group cited together by its own two documents."""
    g = nx.DiGraph()
    for s in range(n_schools):
        for w in range(3):
            g.add_node(f"work:s{s}w{w}", kind="work", label=f"S{s}W{w}", title=f"Topic{chr(97 + s % 26)}{chr(97 + s // 26)} study {w} {hostile}")
        for d in range(2):
            g.add_node(f"doc:s{s}d{d}", kind="document", label=f"S{s}D{d}", title=f"Paper {s} {d}")
            for w in range(3):
                g.add_edge(f"doc:s{s}d{d}", f"work:s{s}w{w}", relation="cites")
    g.add_node("work:lone", kind="work", label="Lone", title="Cited alone")
    g.add_edge("doc:s0d0", "work:lone", relation="cites")
    return g


@pytest.mark.parametrize("n_schools", [0, 2, 14])
def test_page_data_gives_each_work_its_cluster(n_schools):
    from citegraph.clusters import cluster_of, clusters

    g = _schools(n_schools)
    data = data_of(to_html(g))
    expected = cluster_of(clusters(g))
    assert {n["id"]: n["cl"] for n in data["nodes"] if "cl" in n} == expected
    assert "lone" not in str(sorted(expected))  # cited by one document only: in no cluster
    listed = data["clusters"]
    assert [c["n"] for c in listed] == list(range(1, n_schools + 1)) and all(c["size"] == 3 and c["label"] for c in listed)
    named = [c for c in listed if not c.get("minor")]
    assert [c["color"] for c in named] == list(html_data.CLUSTER_PALETTE[: len(named)])
    assert all(c["color"] == html_data.CLUSTER_MINOR for c in listed[len(html_data.CLUSTER_PALETTE):])
    assert len(named) == min(n_schools, len(html_data.CLUSTER_PALETTE))


@pytest.mark.parametrize("hostile", XSS[:3])
def test_cluster_labels_are_inert_words(hostile):
    text = to_html(_schools(2, hostile))
    labels = " ".join(c["label"] for c in data_of(text)["clusters"])
    assert labels and all(ch.isalpha() or ch in ", " for ch in labels)  # title words only, never markup
    assert "<script>alert" not in text


def test_page_code_has_the_colour_control_and_sets_text_safely():
    code = page.page_script()
    assert "colour-by" in code and "legend-clusters" in code and "nodeFill" in code
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code


@pytest.mark.parametrize("change", ["none", "title", "citation"])
def test_clusters_from_the_memo_equal_fresh_ones(monkeypatch, change):
    import citegraph.clusters as clusters_mod

    g = _schools(3)
    memo = _DictMemo()
    first = data_of(to_html(g, layout_memo=memo))
    h = g.copy()
    if change == "title":
        h.nodes["work:s0w0"]["title"] = "Another title altogether"
    elif change == "citation":
        h.add_edge("doc:s1d0", "work:s0w0", relation="cites")
    fresh = data_of(to_html(h))
    if change == "none":
        monkeypatch.setattr(clusters_mod, "clusters", lambda *a, **k: pytest.fail("the clusters should come from the memo"))
    again = data_of(to_html(h, layout_memo=memo))
    assert again["clusters"] == fresh["clusters"]
    assert [n.get("cl") for n in again["nodes"]] == [n.get("cl") for n in fresh["nodes"]]
    if change == "none":
        assert again == first


from tests.test_html_layout import Memo as _Builds  # noqa: E402 - the memo as citegraph.outputs keeps it


def _literature(n_docs: int = 400, seed: int = 5) -> nx.DiGraph:
    """Documents in four schools, each citing ten works mostly of its own school (400 x 45 co-citation pairs)."""
    import random

    rng = random.Random(seed)
    g = nx.DiGraph()
    for j in range(n_docs):
        s = j % 4
        g.add_node(f"doc:d{j}", kind="document", key=f"d{j}", title=f"Paper {j}")
        for i in rng.sample(range(30), 9) + [rng.randrange(120)]:
            w = f"work:s{s}w{i}" if i < 30 else f"work:s{i // 30}w{i % 30}"
            g.add_node(w, kind="work", key=w[5:], title=f"Topic{'abcd'[int(w[6])]} theme{'abcd'[int(w[6])]} {w[5:]}")
            g.add_edge(f"doc:d{j}", w, relation="cites")
    return g


def _gain(g: nx.DiGraph, j: int) -> None:
    """Document ``j`` cites one more work of its school (45 + 55 changed pairs)."""
    doc = f"doc:d{j}"
    g.add_edge(doc, next(w for w in sorted(n for n in g if n.startswith(f"work:s{j % 4}w")) if not g.has_edge(doc, w)), relation="cites")


def _new_work(g: nx.DiGraph, j: int) -> None:
    """A new work cited by documents ``j`` and ``j + 4`` (same school; 2 x 100 changed pairs)."""
    for citer in (f"doc:d{j}", f"doc:d{j + 4}"):
        g.add_node(f"work:new{j}", kind="work", key=f"new{j}", title="A new work")
        g.add_edge(citer, f"work:new{j}", relation="cites")


def _lose(g: nx.DiGraph, j: int) -> None:
    """Document ``j`` cites one work fewer (45 + 36 changed pairs)."""
    doc = f"doc:d{j}"
    g.remove_edge(doc, sorted(g[doc])[0])


def _louvain_calls(monkeypatch) -> list:
    import citegraph.clusters as clusters_mod

    calls = []
    real = clusters_mod.clusters
    monkeypatch.setattr(clusters_mod, "clusters", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


@pytest.mark.parametrize("edit", [_gain, _new_work, _lose])
def test_after_a_small_change_the_clusters_are_carried_over(monkeypatch, edit):
    g = _literature()
    memo = _Builds()
    member, listed = html_data._clusters(g, 42, memo)
    h = g.copy()
    edit(h, 0)
    calls = _louvain_calls(monkeypatch)
    after = _Builds(memo.used)
    member2, listed2 = html_data._clusters(h, 42, after)
    assert not calls, "a small change: carried over, no Louvain"
    works = {n for n in h if n.startswith("work:s")}
    assert {w: member2.get(w) for w in works} == {w: member.get(w) for w in works}
    assert [(c["n"], c["color"]) for c in listed2] == [(c["n"], c["color"]) for c in listed]
    assert [c["size"] for c in listed2] == [sum(1 for n, k in member2.items() if n.startswith("work:") and k == c["n"]) for c in listed2]
    if edit is _new_work:
        assert member2["work:new0"] == member["work:s0w0"] == member2["doc:d0"]  # cited within school 0
    assert html_data._clusters(h, 42, _Builds(memo.used)) == (member2, listed2)  # deterministic
    assert html_data._clusters(h, 42, after.next()) == (member2, listed2)  # and kept by the next build
    assert not calls


@pytest.mark.parametrize("edited", [range(0, 12), range(0, 60)])
def test_after_a_larger_change_the_clusters_are_computed_fresh(edited):
    g = _literature()
    memo = _Builds()
    html_data._clusters(g, 42, memo)
    h = g.copy()
    for j in edited:
        _new_work(h, j)
    assert html_data._clusters(h, 42, memo.next()) == html_data._clusters(h, 42)


def test_small_cluster_changes_add_up_to_a_fresh_clustering(monkeypatch):
    g = _literature()
    memo = _Builds()
    html_data._clusters(g, 42, memo)
    calls = _louvain_calls(monkeypatch)
    steps = 0
    while not calls and steps < 10:
        g = g.copy()
        _gain(g, 8 * steps)  # another document each time: 100 more pairs changed since the fresh clustering
        memo = memo.next()
        html_data._clusters(g, 42, memo)
        steps += 1
    limit = html_data.CLUSTER_MAX_CHANGE * 400 * 45
    assert 100 * (steps - 1) <= limit < 100 * steps
