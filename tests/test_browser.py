"""The page in a real browser: headless Chromium (Debian's package) driven by Playwright, network blocked.

Checks what a reader would: every node drawn, search and filters work, clicking a node fills
the side panel with who cites it, hovering shows the full text, nothing is fetched, no console
errors, and hostile document text is shown as text and never run.
"""

from __future__ import annotations

import os

import networkx as nx
import pytest

from citegraph.readwrite.html import to_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install 'citegraph[test]')")

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "\" onmouseover=\"alert(3)", "<svg onload=alert(4)>"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file with the network blocked, recording what happened."""

    def __init__(self, browser, text: str, path) -> None:
        path.write_text(text, encoding="utf-8")
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.citegraph && window.citegraph.ready", timeout=20_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.url:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible(self) -> set[str]:
        return set(self.js("() => window.citegraph.visible()"))

    def point(self, node: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.js("""(id) => {
            const net = window.citegraph.network, p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node))

    def close(self) -> None:
        assert self.errors == [], self.errors  # no console errors, no CSP violations
        assert self.requests == [], self.requests  # nothing fetched
        self.page.close()


@pytest.fixture(scope="module")
def sample_graph():
    from citegraph.api import load_graph
    from tests.conftest import CORPUS

    return load_graph([str(CORPUS)], cache_dir=None)


@pytest.fixture(scope="module")
def sample_html(sample_graph):
    return to_html(sample_graph, title="sample")


@pytest.fixture
def sample(browser, sample_html, tmp_path):
    opened = Opened(browser, sample_html, tmp_path / "sample.html")
    yield opened
    opened.close()


def test_draws_every_node_and_clicking_lists_who_cites(sample, sample_graph):
    assert sample.js("() => window.citegraph.nodes.length") == sample_graph.number_of_nodes()
    assert sample.js("() => window.citegraph.edges.length") == sample_graph.number_of_edges()
    assert len(sample.visible()) == sample_graph.number_of_nodes()
    assert sample.js("() => window.citegraph.network.body.data.nodes.length") == sample_graph.number_of_nodes()
    # the work cited with the most sentences: click it where it is drawn
    work = max((v for v, d in sample_graph.nodes(data=True) if d["kind"] == "work"),
               key=lambda v: sum(len(e.get("citations", [])) for _, _, e in sample_graph.in_edges(v, data=True)))
    x, y = sample.point(work)
    sample.page.mouse.move(x, y)
    sample.page.wait_for_selector("#tip:not([hidden])")
    assert sample_graph.nodes[work]["title"] in sample.page.inner_text("#tip")  # full reference on hover
    sample.page.mouse.click(x, y)
    details = sample.page.inner_text("#details")
    assert sample_graph.nodes[work]["label"] in details and "Cited by" in details
    citing = next(e for _, _, e in sample_graph.in_edges(work, data=True) if e.get("citations"))
    assert citing["citations"][0]["sentence"] in details
    assert sample.js("() => window.citegraph.network.getSelectedNodes()") == [work]


def test_search_and_filters(sample, sample_graph):
    kinds = {v: d["kind"] for v, d in sample_graph.nodes(data=True)}
    sample.page.fill("#search", "tiktok")
    sample.page.wait_for_function("() => document.getElementById('search-count').textContent.includes('found')")
    found = int(sample.page.inner_text("#search-count").split()[0])
    assert 0 < found < len(kinds) and "platform:TikTok" in sample.js("() => window.citegraph.search('tiktok')")
    assert "match" in sample.page.inner_text("#details")  # the matches are listed in the side panel

    sample.page.uncheck("#filters input[value=claim]")
    assert sample.visible() == {v for v, k in kinds.items() if k != "claim"}
    sample.page.check("#filters input[value=claim]")
    assert len(sample.visible()) == len(kinds)

    sample.page.select_option("#filter-platform", label="RedNote")
    shown = sample.visible()
    assert "platform:RedNote" in shown and "platform:Facebook" not in shown and len(shown) < len(kinds) / 2
    assert any(kinds[v] == "claim" for v in shown)

    sample.page.click("#reset")
    doc = next(v for v, k in kinds.items() if k == "document" and sample_graph.out_degree(v) > 10)
    sample.page.select_option("#filter-doc", label=sample_graph.nodes[doc]["label"])
    shown = sample.visible()
    assert doc in shown and all(v in shown for v in sample_graph.successors(doc)) and len(shown) < len(kinds)

    sample.page.click("#reset")
    sample.page.fill("#year-from", "2020")
    shown = sample.visible()
    years = {v: str(d.get("year") or "")[:4] for v, d in sample_graph.nodes(data=True)}
    old = {v for v, y in years.items() if y.isdigit() and int(y) < 2020}
    assert old and not (old & shown) and any(y.isdigit() and int(y) >= 2020 for v, y in years.items() if v in shown)
    sample.page.click("#reset")
    assert len(sample.visible()) == len(kinds)


def hostile_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node("doc:evil", kind="document", label=HOSTILE[0], title=" ".join(HOSTILE), authors=[HOSTILE[3]], year="2020")
    for i, text in enumerate(HOSTILE):
        g.add_node(f"work:{i}", kind="work", label=text, title=f"Title {text}", authors=[text], venue=text, key=f"k{i}", cited_by=1)
        g.add_edge("doc:evil", f"work:{i}", relation="cites", doc="evil", line=i + 1, citations=[{"marker": "[1]", "sentence": f"Sentence {text}", "line": i + 1}])
        g.add_node(f"claim:{i}", kind="claim", label=text, text=f"Claim {text}", speaker=text, doc="doc:evil", line=i + 1)
        g.add_edge("doc:evil", f"claim:{i}", relation="makes", doc="evil")
        g.add_edge(f"claim:{i}", f"work:{i}", relation="supports", doc="evil")
    g.add_node(f"platform:{HOSTILE[1]}", kind="platform", label=HOSTILE[1], aliases=[HOSTILE[2]])
    g.add_edge("claim:0", f"platform:{HOSTILE[1]}", relation="mentions", doc="evil")
    return g


def test_hostile_text_is_shown_never_run(browser, tmp_path):
    g = hostile_graph()
    opened = Opened(browser, to_html(g, title=HOSTILE[1]), tmp_path / "evil.html")
    page = opened.page
    assert opened.js("() => window.citegraph.nodes.length") == g.number_of_nodes()
    assert page.title() == HOSTILE[1]
    for node in ("doc:evil", "work:0", "claim:1", f"platform:{HOSTILE[1]}"):
        x, y = opened.point(node)
        page.mouse.move(x, y)
        page.wait_for_selector("#tip:not([hidden])")
        page.mouse.click(x, y)
        page.wait_for_timeout(50)
    opened.js("(id) => window.citegraph.focus(id)", "doc:evil")
    details = page.inner_text("#details")
    for text in HOSTILE:
        assert f"Sentence {text}" in details  # the citing sentences, as text
    opened.js("(id) => window.citegraph.focus(id)", "claim:0")
    assert f"Claim {HOSTILE[0]}" in page.inner_text("#details")
    page.fill("#search", "onerror")
    page.wait_for_function("() => document.getElementById('search-count').textContent.includes('found')")
    assert HOSTILE[0] in page.inner_text("#details")
    assert page.inner_text("#filter-platform").count(HOSTILE[1]) == 1
    assert opened.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img, svg script, [onerror], [onload], [onmouseover]').length") == 0
    assert page.evaluate("() => document.scripts.length") == 3  # data, vis-network, page code: nothing injected
    opened.close()


def test_big_graph_page_folds_and_says_so(browser, tmp_path, monkeypatch):
    from citegraph import views

    monkeypatch.setattr(views, "FOLD_ABOVE", 5)
    g = hostile_graph()
    opened = Opened(browser, to_html(g), tmp_path / "big.html")
    claims = [v for v, d in g.nodes(data=True) if d["kind"] == "claim"]
    assert opened.js("() => window.citegraph.nodes.length") == g.number_of_nodes() - len(claims)
    assert f"{len(claims)} claims are folded" in opened.page.inner_text("#notice")
    opened.js("(id) => window.citegraph.focus(id)", "work:2")
    assert f"Claim {HOSTILE[2]}" in opened.page.inner_text("#details")  # the claim's sentence moved onto the citation
    opened.page.click("#physics")
    assert opened.page.get_attribute("#physics", "aria-pressed") == "true"
    opened.close()


def test_keyboard_enter_opens_the_first_match_and_escape_steps_back(sample):
    page = sample.page
    page.click("#search")
    page.keyboard.type("tiktok")
    page.wait_for_function("() => document.getElementById('search-count').textContent.includes('found')")
    first = page.inner_text("#details li button.link")  # the first match listed
    page.keyboard.press("Enter")
    page.wait_for_selector("#details .close")
    assert page.inner_text("#details h2").endswith(first)
    assert sample.js("() => window.citegraph.network.getSelectedNodes().length") == 1
    assert page.input_value("#search") == "tiktok"  # the search box keeps the text, and the keyboard
    page.keyboard.press("Escape")  # first Escape: back to the list of matches
    assert "matches for" in page.inner_text("#details") and page.input_value("#search") == "tiktok"
    assert sample.js("() => window.citegraph.network.getSelectedNodes().length") == 0
    page.keyboard.press("ArrowDown")  # into the list, then Enter on a match
    assert sample.js("() => document.activeElement.textContent") == first
    page.keyboard.press("Enter")
    assert page.inner_text("#details h2").endswith(first)
    page.click("#details .close")  # the close button does what Escape does
    assert "matches for" in page.inner_text("#details")
    page.keyboard.press("Escape")  # second Escape: the search is cleared
    assert page.input_value("#search") == "" and page.inner_text("#search-count") == ""
    assert "Click a node" in page.inner_text("#details")


def test_enter_skips_matches_the_filters_hide(sample, sample_graph):
    sample.page.uncheck("#filters input[value=document]")
    sample.page.fill("#search", "tiktok")
    sample.page.press("#search", "Enter")
    selected = sample.js("() => window.citegraph.network.getSelectedNodes()")
    assert len(selected) == 1 and sample_graph.nodes[selected[0]]["kind"] != "document"
    sample.page.keyboard.press("Escape")
    assert "hidden by the filters" in sample.page.inner_text("#details")


@pytest.mark.parametrize("kind", ["claim", "work"])
def test_the_count_says_how_many_nodes_are_shown(sample, sample_graph, kind):
    total = sample_graph.number_of_nodes()
    assert sample.page.inner_text("#shown") == f"{total} nodes"
    sample.page.uncheck(f"#filters input[value={kind}]")
    shown = sum(1 for _, d in sample_graph.nodes(data=True) if d["kind"] != kind)
    assert sample.page.inner_text("#shown") == f"{shown} of {total} nodes shown" and len(sample.visible()) == shown
    sample.page.click("#reset")
    assert sample.page.inner_text("#shown") == f"{total} nodes"


def much_cited_graph(citing: int = 400, sentences: int = 10) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node("work:hub", kind="work", label="Hub 2001", title="The much cited work", year="2001", cited_by=citing)
    for i in range(citing):
        g.add_node(f"doc:{i}", kind="document", label=f"Doc {i}", title=f"Document {i}")
        said = [{"marker": "[1]", "sentence": f"Doc {i} sentence {k}.", "line": k + 1} for k in range(sentences if i == 0 else 1)]
        g.add_edge(f"doc:{i}", "work:hub", relation="cites", doc=f"doc:{i}", line=1, citations=said)
    return g


def test_a_work_cited_400_times_lists_a_few_citers_and_shows_all_on_demand(browser, tmp_path):
    opened = Opened(browser, to_html(much_cited_graph()), tmp_path / "hub.html")
    page = opened.page
    opened.js("(id) => window.citegraph.focus(id)", "work:hub")
    section = page.locator("#details section.edges", has_text="Cited by (400)")
    items = section.locator(":scope > ul > li")
    assert 5 <= items.count() <= 20  # readable: a screenful, not 400 entries
    assert "Doc 0 sentence 0." in page.inner_text("#details")
    assert "Doc 0 sentence 9." not in page.inner_text("#details")  # one citer's 10 sentences are cut too
    page.click("#details button.more:has-text('Show all 10 sentences')")
    assert "Doc 0 sentence 9." in page.inner_text("#details")
    more = section.locator(":scope > button.more")
    assert more.inner_text() == "Show all 400" and more.get_attribute("aria-expanded") == "false"
    more.click()
    assert items.count() == 400 and "Doc 399 sentence 0." in page.inner_text("#details")
    assert more.inner_text() == "Show fewer"
    more.click()
    assert items.count() < 20
    opened.close()


@pytest.mark.parametrize("mode", ["cluster", "kind"])
def test_colour_by_cluster_and_back_lists_clusters_in_the_legend(browser, tmp_path, mode):
    from citegraph.clusters import clusters
    from citegraph.readwrite.html_data import CLUSTER_PALETTE, KIND_STYLES
    from tests.test_clusters import two_schools

    g = two_schools()
    found = clusters(g)
    opened = Opened(browser, to_html(g, title="schools"), tmp_path / "schools.html")
    page = opened.page
    colour = "() => window.citegraph.nodes.get('work:a1').color"
    assert page.is_visible("#colour-by") and page.input_value("#colour-by") == "kind"
    assert page.is_hidden("#legend-clusters") and page.is_visible("#legend-kinds")
    page.select_option("#colour-by", "cluster")
    legend = page.inner_text("#legend-clusters")
    assert page.is_visible("#legend-clusters") and page.is_hidden("#legend-kinds")
    for c in found:
        assert f"{c.number} \u00b7 {c.label} ({c.size} works)" in legend
    assert "in no cluster" in legend
    gov = next(c for c in found if "work:a1" in c.works)
    assert opened.js(colour)["background"] == CLUSTER_PALETTE[gov.number - 1]
    assert opened.js("() => window.citegraph.nodes.get('doc:g0').color.background") == CLUSTER_PALETTE[gov.number - 1]  # its documents too
    if mode == "kind":
        page.select_option("#colour-by", "kind")
        assert page.is_hidden("#legend-clusters") and page.is_visible("#legend-kinds")
        assert opened.js(colour)["background"] == KIND_STYLES["work"]["color"]
    opened.js("(id) => window.citegraph.focus(id)", "work:a1")  # still usable after recolouring
    assert "A1" in page.inner_text("#details")
    opened.close()


def test_sample_page_offers_the_colour_control(sample):
    sample.page.select_option("#colour-by", "cluster")
    assert sample.page.is_visible("#legend-clusters") and sample.js("() => window.citegraph.colourBy()") == "cluster"
