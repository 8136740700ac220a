"""How fast the page is usable in headless Chromium, and how big it is.

Time to usable = from navigation start until the network's first
``afterDrawing`` (the graph is drawn and answers clicks; physics is off, so
nothing has to settle), read as ``window.citegraph.readyAt`` in the page.
Measured for the sample corpus, a 300-paper corpus of about 7,000 references
(written by ``gen_corpus.py`` and run through the pipeline, and a synthetic graph
of the same size with more distinct works; claims folded by default, as the page
does above a few thousand nodes) and a 5,000-node graph drawn as is. Each page is loaded three times
and the median printed; the Python side (view + layout + page) is timed too.

    .venv/bin/python benchmarks/page_bench.py

Targets: sample < 1 s, 300 papers < 3 s, 5,000 nodes < 5 s, sample page < 3 MB.
Needs Chromium at /usr/bin/chromium and the ``playwright`` package (no browser download).

Then the page after a one-document edit (Python side only): the folded graph of a
1,000-document corpus (``--graph graph.json`` written by ``citegraph build``, else
:func:`synthetic_graph` with 1,000 documents citing 30 works), built cold, again
unchanged, and after each of four edits (a document gains a cites edge to a work
already there; gains a new work; loses a cites edge; a new document citing 30 works),
each time with a memo holding what the previous build put (as ``citegraph.outputs``
keeps it). Prints ``to_html`` seconds and its parts (page_data: the rest of it, clusters from the memo
except with no memo). Target: after an edit <= 0.8 s.

    .venv/bin/python benchmarks/page_bench.py [--graph graph.json] [--edits-only]
"""

from __future__ import annotations

import bisect
import gc
import random
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from citegraph.readwrite.html import to_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SURNAMES = "Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Smith Jones Brown Garcia Miller Davis Kaye Curran Flew Boffone Tanaka Kim Park Nguyen Rossi Müller".split()
WORDS = ("platform media social global short video algorithm culture audience communication strategy china tiktok "
         "rednote creators labour attention regulation youth identity commerce influence network study").split()
PLATFORMS = ["TikTok", "Douyin", "RedNote", "WeChat", "Weibo", "YouTube", "Instagram", "Facebook", "Twitter", "Snapchat", "Bilibili", "Kuaishou"]


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()


def _sentence(rng: random.Random, marker: str) -> str:
    return f"{_title(rng)} {' '.join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))} {marker}."


def synthetic_graph(n_docs: int = 300, refs_per_doc: int = 23, claims_per_doc: int = 5, seed: int = 1) -> nx.DiGraph:
    """A citation graph with the schema of :func:`citegraph.graph.build_graph`: ``n_docs`` documents
    citing ``refs_per_doc`` works each (drawn with a long-tailed popularity, so popular works are
    shared), claims citing one or two of those works and mentioning platforms, authors and speakers."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    pool = max(10, int(n_docs * refs_per_doc * 1.5))
    cum = list(accumulate(1.0 / (i + 1) ** 0.85 for i in range(pool)))
    for i in range(pool):
        s = rng.choice(SURNAMES)
        year = str(rng.randint(1985, 2025))
        g.add_node(f"work:w{i}", kind="work", label=f"{s} {year}", title=_title(rng), authors=[f"{s}, {chr(65 + i % 26)}."],
                   year=year, venue=rng.choice(["New Media & Society", "Social Media + Society", "Routledge", "J. Communication"]),
                   key=f"{s.lower()}W{i}{year}", csl={"title": "t", "DOI": f"10.1234/w{i}"}, cited_by=0)
    for p in PLATFORMS:
        g.add_node(f"platform:{p}", kind="platform", label=p, mentions=0, aliases=[p])
    g.add_edge("platform:Douyin", "platform:TikTok", relation="version-of")
    for j in range(n_docs):
        doc = f"doc:p{j}"
        year = str(rng.randint(2015, 2025))
        g.add_node(doc, kind="document", label=f"{rng.choice(SURNAMES)} {year}", title=_title(rng), year=year, key=f"p{j}", path=f"corpus/p{j}.md", doc_kind="md", cited_by=0)
        for _ in range(rng.randint(1, 3)):
            person = f"person:{rng.choice(SURNAMES)}, {chr(65 + rng.randrange(26))}."
            g.add_node(person, kind="person", label=person.split(":", 1)[1])
            g.add_edge(doc, person, relation="authored-by", doc=f"p{j}")
        cited: list[str] = []
        while len(cited) < refs_per_doc:
            w = f"work:w{bisect.bisect_left(cum, rng.random() * cum[-1])}"
            if w not in cited:
                cited.append(w)
        if j > 5 and rng.random() < 0.2:
            cited[-1] = f"doc:p{rng.randrange(j)}"
        for n, w in enumerate(cited, 1):
            line = 10 + 3 * n
            citations = [{"marker": f"[{n}]", "sentence": _sentence(rng, f"[{n}]"), "line": line} for _ in range(rng.choice((1, 1, 2)))]
            g.add_edge(doc, w, relation="cites", doc=f"p{j}", line=line, count=len(citations), citations=citations)
        for p in rng.sample(PLATFORMS, rng.randint(0, 3)):
            g.add_edge(doc, f"platform:{p}", relation="mentions", doc=f"p{j}", count=rng.randint(1, 9))
        for k in range(1, claims_per_doc + 1):
            claim = f"claim:p{j}:c{k}"
            line = 20 + 5 * k
            n = rng.randrange(len(cited))
            text = _sentence(rng, f"[{n + 1}]")
            g.add_node(claim, kind="claim", label=text[:38] + "…", text=text, speaker="", section="Results", doc=doc, line=line)
            g.add_edge(doc, claim, relation="makes", doc=f"p{j}", line=line)
            for w in {cited[n], cited[rng.randrange(len(cited))]}:
                g.add_edge(claim, w, relation="supports", doc=f"p{j}", line=line)
            if rng.random() < 0.4:
                g.add_edge(claim, f"platform:{rng.choice(PLATFORMS)}", relation="mentions", doc=f"p{j}", line=line)
            if rng.random() < 0.1:
                speaker = f"person:{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
                g.add_node(speaker, kind="person", label=speaker.split(":", 1)[1])
                g.add_edge(claim, speaker, relation="said-by", doc=f"p{j}", line=line)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    for n, d in g.nodes(data=True):
        if d["kind"] in ("work", "document"):
            d["cited_by"] = sum(1 for _, _, e in g.in_edges(n, data=True) if e["relation"] == "cites")
    g.graph["references"] = n_docs * refs_per_doc
    return g


def sample_graph() -> nx.DiGraph:
    """The graph of the sample corpus in references/."""
    from citegraph.api import load_graph

    return load_graph([str(ROOT / "references")], cache_dir=None)


def generated_corpus_graph(n_docs: int = 300, refs_per_doc: int = 23) -> nx.DiGraph:
    """The graph of a generated corpus run through the whole pipeline (``benchmarks/gen_corpus.py``),
    or :func:`synthetic_graph` when that generator is not there."""
    try:
        from gen_corpus import write_corpus
    except ImportError:
        return synthetic_graph(n_docs, refs_per_doc, 5)
    from citegraph.api import load_graph

    folder = Path(tempfile.mkdtemp(prefix="citegraph-corpus-"))
    write_corpus(folder, n_docs, refs_per_doc, 1)
    return load_graph([str(folder)], cache_dir=None)


def time_to_usable(browser, path: Path, runs: int = 3) -> tuple[float, int, list[str]]:
    """Median seconds from navigation start to the first drawing; nodes drawn; console errors."""
    times, errors, drawn = [], [], 0
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.citegraph && window.citegraph.readyAt", timeout=60_000)
        times.append(page.evaluate("window.citegraph.readyAt") / 1000)
        drawn = page.evaluate("window.citegraph.network.body.data.nodes.length")
        page.close()
    return statistics.median(times), drawn, errors


class Memo:
    """What ``citegraph.outputs`` gives the page: the entries the last build put, and those put now."""

    def __init__(self, known: dict | None = None) -> None:
        self.known = dict(known or {})
        self.used: dict = {}

    def get(self, key: str):
        return self.known.get(key)

    def put(self, key: str, value) -> None:
        self.used[key] = value


def _docs_and_works(g: nx.DiGraph) -> tuple[list, list]:
    docs = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "document"), key=str)
    works = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "work"), key=lambda n: (-(g.nodes[n].get("cited_by") or 0), str(n)))
    return docs, works


def _cite(g: nx.DiGraph, doc, work, n: int) -> None:
    sentence = f"As shown by earlier work [{n}], this matters."
    g.add_edge(doc, work, relation="cites", doc=str(doc).removeprefix("doc:"), line=n, citations=[{"marker": f"[{n}]", "sentence": sentence, "line": n}])
    g.nodes[work]["cited_by"] = (g.nodes[work].get("cited_by") or 0) + 1


def edit_gain_cite(g: nx.DiGraph) -> nx.DiGraph:
    """A document gains a cites edge to a work already in the graph."""
    g = g.copy()
    docs, works = _docs_and_works(g)
    doc = docs[len(docs) // 3]
    work = next(w for w in works[40:] if not g.has_edge(doc, w))
    _cite(g, doc, work, 99)
    return g


def edit_new_work(g: nx.DiGraph) -> nx.DiGraph:
    """A document gains a reference to a work not in the graph yet."""
    g = g.copy()
    docs, _ = _docs_and_works(g)
    doc = docs[len(docs) // 2]
    g.add_node("work:editNewWork2024", kind="work", label="Newman 2024", title="A brand new study of platform edits", key="editNewWork2024",
               year="2024", authors=["Newman, A."], csl={"title": "A brand new study of platform edits", "DOI": "10.9/new"}, cited_by=0)
    _cite(g, doc, "work:editNewWork2024", 98)
    return g


def edit_lose_cite(g: nx.DiGraph) -> nx.DiGraph:
    """A document loses one of its cites edges (a work cited only there leaves the graph)."""
    g = g.copy()
    docs, _ = _docs_and_works(g)
    doc = docs[2 * len(docs) // 3]
    work = sorted((v for v, d in g[doc].items() if d.get("relation") == "cites"), key=str)[0]
    g.remove_edge(doc, work)
    g.nodes[work]["cited_by"] = max(0, (g.nodes[work].get("cited_by") or 0) - 1)
    if g.degree(work) == 0:
        g.remove_node(work)
    return g


def edit_new_document(g: nx.DiGraph, refs: int = 30) -> nx.DiGraph:
    """A new document (with one author) citing ``refs`` works already in the graph, popular and rare."""
    g = g.copy()
    _, works = _docs_and_works(g)
    rng = random.Random(7)
    doc = "doc:editNewDoc"
    g.add_node(doc, kind="document", label="Newdoc 2025", title="Platforms, edits and stable maps", key="newdocPlatforms", year="2025", path="corpus/new.md", doc_kind="paper", cited_by=0)
    g.add_node("person:Newdoc, A.", kind="person", label="Newdoc, A.")
    g.add_edge(doc, "person:Newdoc, A.", relation="authored-by", doc="editNewDoc")
    for n, w in enumerate(sorted(rng.sample(works[:200], refs // 2) + rng.sample(works[200:], refs - refs // 2), key=str), 1):
        _cite(g, doc, w, n)
    return g


EDITS = (("gains a cites edge", edit_gain_cite), ("gains a new work", edit_new_work), ("loses a cites edge", edit_lose_cite), ("new doc, 30 refs", edit_new_document))


def _timed_page(g: nx.DiGraph, memo: Memo | None) -> dict[str, float]:
    """Seconds of ``to_html`` and of its parts (layout, clusters, the rest of page_data, script_json),
    the parts measured apart with the same memo contents (garbage collection off, as in to_html)."""
    from citegraph.readwrite import html_data, html_layout
    from citegraph.readwrite.html import script_json

    out = {}
    t0 = time.perf_counter()
    to_html(g, layout_memo=memo)
    out["to_html"] = time.perf_counter() - t0
    parts = Memo(memo.known) if memo is not None else None
    enabled = gc.isenabled()
    gc.disable()
    try:
        t0 = time.perf_counter()
        positions = html_layout.layout(g, 42, parts)
        out["layout"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        html_data._clusters(g, 42, parts)
        out["clusters"] = time.perf_counter() - t0
        if parts is not None:
            parts = Memo({**parts.known, **parts.used})  # the clusters just put: page_data's own call finds them
        t0 = time.perf_counter()
        data = html_data._page_data(g, 42, positions, parts)
        out["page_data"] = time.perf_counter() - t0 - (out["clusters"] if parts is None else 0.0)
        t0 = time.perf_counter()
        script_json(data)
        out["script_json"] = time.perf_counter() - t0
    finally:
        if enabled:
            gc.enable()
    return out


def edit_figures(graph_json: str | None = None) -> None:
    """Print the page's Python time cold, unchanged and after each of :data:`EDITS` (see the module docstring)."""
    from citegraph.views import fold_claims

    if graph_json:
        from citegraph.readwrite.nodelink import from_json

        g = fold_claims(from_json(Path(graph_json).read_text(encoding="utf-8")))
        source = graph_json
    else:
        g = synthetic_graph(1000, 30, 5, seed=3)
        g = fold_claims(g)
        source = "synthetic_graph(1000, 30)"
    print(f"\npage after a one-document edit: {source}, folded: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    print(f"{'build':24} {'to_html s':>9} {'layout':>7} {'clusters':>8} {'page_data':>9} {'json':>6}")

    def row(name: str, t: dict[str, float], target: float | None = None) -> None:
        ok = "" if target is None else (" ok" if t["to_html"] <= target else " MISSED")
        print(f"{name:24} {t['to_html']:9.2f} {t['layout']:7.2f} {t['clusters']:8.2f} {t['page_data']:9.2f} {t['script_json']:6.2f}{ok}")

    row("no memo", _timed_page(g, None))
    first = Memo()
    row("cold (empty memo)", _timed_page(g, first))
    again = Memo(first.used)
    row("unchanged", _timed_page(g, again))
    for name, edit in EDITS:
        row(name, _timed_page(edit(g), Memo(first.used)), 0.8)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", help="graph.json of a 1,000-document corpus for the edit figures (default: a synthetic graph)")
    parser.add_argument("--edits-only", action="store_true", help="only the edit figures (no browser)")
    options = parser.parse_args()
    if not options.edits_only:
        browser_figures()
    edit_figures(options.graph)


def browser_figures() -> None:
    """Time to usable in Chromium for the cases in the module docstring."""
    from playwright.sync_api import sync_playwright

    cases = [
        ("sample corpus (references/)", sample_graph, 1.0, {}),
        ("300 papers, ~7,000 refs (pipeline)", generated_corpus_graph, 3.0, {}),
        ("300 papers, ~7,000 refs (synthetic)", lambda: synthetic_graph(300, 23, 5), 3.0, {}),
        ("5,000-node graph, drawn as is", lambda: synthetic_graph(233, 23, 8, seed=2), 5.0, {"fold": False}),
    ]
    out = Path(tempfile.mkdtemp(prefix="citegraph-bench-"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(f"{'case':34} {'nodes':>6} {'edges':>6} {'drawn':>6} {'python s':>9} {'page MB':>8} {'usable s':>9} {'target':>7}")
        for name, make, target, options in cases:
            g = make()
            t0 = time.perf_counter()
            text = to_html(g, title=name, **options)
            python_s = time.perf_counter() - t0
            path = out / f"{len(g)}.html"
            path.write_text(text, encoding="utf-8")
            usable, drawn, errors = time_to_usable(browser, path)
            size = len(text.encode("utf-8")) / 1024 / 1024
            ok = "ok" if usable < target else "MISSED"
            print(f"{name:34} {len(g):6} {g.number_of_edges():6} {drawn:6} {python_s:9.2f} {size:8.2f} {usable:9.2f} {'<' + str(target):>5} {ok}")
            if errors:
                print("  console errors:", errors[:3])
        browser.close()
    print("sample page size target < 3 MB")


if __name__ == "__main__":
    main()
