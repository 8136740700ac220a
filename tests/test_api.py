"""The library API: collecting files, serial and parallel extraction, a bad file among good ones."""

from __future__ import annotations

import os

import pytest

import citegraph.api as api
import citegraph.outputs as outputs
from citegraph.api import collect_files, corpus_graph, extract_all, load_graph
from citegraph.readwrite.nodelink import to_json
from citegraph.qindex import LiteGraph

SURNAMES = ["Curran", "Li", "Chen", "Flew", "Tone", "Boffone", "Kaye", "Abidin", "Burgess", "Poell"]


def _doc(n: int) -> str:
    refs = [SURNAMES[(n + k) % len(SURNAMES)] for k in range(3)]
    body = " ".join(f"Platform work number {n} builds on earlier research ({s}, {2000 + SURNAMES.index(s)})." for s in refs)
    entries = "\n".join(f"{s}, A. ({2000 + SURNAMES.index(s)}). On platforms and media {s.lower()}. Journal of Communication, 4(2), 1-9." for s in refs)
    return f"# Document {n} about platforms\n\nAuthor Number{n}\n\n## Introduction\n\n{body}\n\n## References\n\n{entries}\n"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for n in range(18):
        (folder / ("sub" if n % 3 == 0 else "") / f"doc{n:02d}.md").write_text(_doc(n), encoding="utf-8")
    return folder


def test_collect_files_is_sorted_recursive_and_reports_problems(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["z.md", "a.txt", "b/c.pdf", ".hidden/x.md", ".dot.md", "notes.docx"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, problems = collect_files([str(tmp_path), str(tmp_path / "missing.md")])
    assert [f.removeprefix(str(tmp_path) + "/") for f in files] == ["a.txt", "z.md", "b/c.pdf"]
    assert {(p.code, p.file.rsplit("/", 1)[-1]) for p in problems} == {("skipped", "notes.docx"), ("missing", "missing.md")}


def test_named_files_keep_the_given_order(tmp_path):
    for name in ["b.md", "a.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, problems = collect_files([str(tmp_path / "b.md"), str(tmp_path / "a.md")])
    assert files == [str(tmp_path / "b.md"), str(tmp_path / "a.md")] and problems == []


def test_parallel_and_serial_extraction_give_identical_graphs(corpus):
    files, _ = collect_files([str(corpus)])
    assert len(files) >= api.PARALLEL_MIN
    serial = extract_all(files, workers=1)
    parallel = extract_all(files, workers=2)
    assert [x.path for x in parallel] == files
    assert parallel == serial
    assert to_json(corpus_graph(parallel)) == to_json(corpus_graph(serial))


@pytest.mark.parametrize(
    "name, content, code",
    [("empty.md", b"", "empty"), ("binary.txt", b"\x00\x01\x02" * 50, "not-text"), ("broken.pdf", b"%PDF-1.4 not really", None)],
)
def test_a_bad_file_among_good_ones(corpus, name, content, code):
    (corpus / name).write_bytes(content)
    good = load_graph([str(corpus)], cache_dir=None)
    assert good.graph["documents"] >= 18
    assert any(name in p for p in good.graph["problems"]) or any(name in u for u in good.graph["unread"])
    if code:
        x = extract_all([str(corpus / name)])[0]
        assert [p.code for p in x.problems] == [code]
    cited = [d for _, d in good.nodes(data=True) if d.get("kind") == "work" and d.get("cited_by")]
    assert len(cited) == len(SURNAMES)


def test_load_graph_is_cached_and_sees_a_change(corpus, tmp_path):
    cache_dir = tmp_path / "cache"
    first = load_graph([str(corpus)], cache_dir=cache_dir)
    assert sorted(load_graph([str(corpus)], cache_dir=cache_dir).edges) == sorted(first.edges)
    (corpus / "doc01.md").write_text(_doc(1).replace("(Li, 2001)", "(Li, 2001; Chen, 2002)"), encoding="utf-8")
    changed = load_graph([str(corpus)], cache_dir=cache_dir)
    assert changed.graph["citations"] == first.graph["citations"] + 1


def _unplaced(page):
    """The page's data without node positions."""
    import json
    import re

    data = json.loads(re.search(r'<script type="application/json"[^>]{0,200}>(.{0,100000000}?)</script>', page, re.S).group(1))
    for node in data["nodes"]:
        node.pop("x"), node.pop("y")
    return data


def _build_outputs(paths, out, cache_dir):
    result = api.build(paths, out, cache_dir=cache_dir)
    return {name: open(path, encoding="utf-8").read() for name, path in result.outputs.items()}


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "\nA sentence added to change this file.\n",  # after the reference list
        lambda text: text.replace("## References", "A new sentence (Chen, 2002).\n\n## References"),  # a new citation
        lambda text: text.replace("On platforms and media", "On platform and the media"),  # a reference changed
        lambda text: text.replace("(2001). On", "(n.d.). On"),  # a reference made undated: compared with every year of its author
        lambda text: text.replace("## References", "## Notes"),  # the reference list gone
    ],
)
def test_warm_rebuild_after_a_change_equals_a_cold_build(corpus, tmp_path, change):
    files, _ = collect_files([str(corpus)])
    warm_cache = tmp_path / "warm-cache"
    _build_outputs([str(corpus)], tmp_path / "warm", warm_cache)
    target = corpus / "doc01.md"
    target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
    warm = _build_outputs([str(corpus)], tmp_path / "warm", warm_cache)
    cold = _build_outputs([str(corpus)], tmp_path / "cold", tmp_path / "cold-cache")
    assert warm["json"] == cold["json"] and warm["bib"] == cold["bib"]
    assert _unplaced(warm["html"]) == _unplaced(cold["html"])  # a warm page keeps the places nodes had (a stable map); all else equal
    for cache_dir in (warm_cache, tmp_path / "cold-cache"):  # the query index (updated from the last one when warm) holds the same graph
        lite = load_graph([str(corpus)], cache_dir=cache_dir, lite=True)
        assert isinstance(lite, LiteGraph)
        assert to_json(lite.full()) == cold["json"]
        lite.close()


def test_a_change_that_keeps_the_graph_reuses_the_query_index(corpus, tmp_path, monkeypatch):
    import citegraph.qindex as qindex
    from citegraph import queries

    cache_dir = tmp_path / "cache"
    api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    import os

    target = corpus / "doc04.md"
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # a new corpus key, the same graph
    monkeypatch.setattr(qindex, "write_index", lambda *a, **k: pytest.fail("the index of the same graph should be re-stamped"))
    api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    lite = load_graph([str(corpus)], cache_dir=cache_dir, lite=True)
    cold = load_graph([str(corpus)], cache_dir=None)
    assert isinstance(lite, qindex.LiteGraph)
    work = queries.resolve(cold, "Curran 2000")
    assert queries.cited_by(lite, work) == queries.cited_by(cold, work)
    assert to_json(lite.full()) == to_json(cold)


def test_unchanged_outputs_are_not_rewritten(corpus, tmp_path):
    cache_dir = tmp_path / "cache"
    first = api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    stamps = {name: (tmp_path / "out" / p.rsplit("/", 1)[-1]).stat().st_mtime_ns for name, p in first.outputs.items()}
    (corpus / "doc05.md").touch()  # a newer modification time, the same content: the corpus is rebuilt, the outputs stay
    again = api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    assert {name: (tmp_path / "out" / p.rsplit("/", 1)[-1]).stat().st_mtime_ns for name, p in again.outputs.items()} == stamps
    (tmp_path / "out" / "references.bib").write_text("damaged", encoding="utf-8")  # an output changed by hand is written again
    api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    assert (tmp_path / "out" / "references.bib").read_text(encoding="utf-8").startswith("@")


def test_bib_from_cached_entries_equals_one_pass(corpus, tmp_path):
    from citegraph.cache import Cache
    from citegraph.readwrite.bibtex_write import to_bibtex

    graph = load_graph([str(corpus)], cache_dir=None)
    cache = Cache(tmp_path / "cache")
    expected = to_bibtex(api.bib_items(graph))
    assert outputs.bib_text(outputs.bib_items(graph), cache) == expected  # entries written one by one and stored
    assert outputs.bib_text(outputs.bib_items(graph), cache) == expected  # entries from the cache


@pytest.mark.parametrize("how", ["touch", "rewrite-same"])
def test_touched_unchanged_file_reuses_the_build_without_merging(corpus, tmp_path, monkeypatch, how):
    cache_dir = tmp_path / "cache"
    first = api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    files = {name: (tmp_path / "out" / p.rsplit("/", 1)[-1]) for name, p in first.outputs.items()}
    before = {name: (f.read_bytes(), f.stat().st_mtime_ns) for name, f in files.items()}
    target = corpus / "doc07.md"
    st = target.stat()
    if how == "rewrite-same":
        target.write_bytes(target.read_bytes())
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # a new corpus key, the same content
    expected = to_json(load_graph([str(corpus)], cache_dir=None))
    monkeypatch.setattr(api, "corpus_graph", lambda *a, **k: pytest.fail("an unchanged corpus should not be merged again"))
    again = api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    assert {name: (f.read_bytes(), f.stat().st_mtime_ns) for name, f in files.items()} == before
    assert to_json(again.graph) == expected
    assert again.summary == first.summary


def test_a_changed_file_after_a_touch_is_merged_again(corpus, tmp_path):
    cache_dir = tmp_path / "cache"
    api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    target = corpus / "doc07.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Document 7", "Document seven"), encoding="utf-8")
    warm = api.build([str(corpus)], tmp_path / "out", cache_dir=cache_dir)
    assert "Document seven" in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")
    assert to_json(warm.graph) == to_json(load_graph([str(corpus)], cache_dir=None))


def test_a_page_made_in_a_child_process_is_the_page_made_here(corpus, tmp_path, monkeypatch):
    import os

    from citegraph import forked

    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork")
    here = _build_outputs([str(corpus)], tmp_path / "here", tmp_path / "cache-here")
    monkeypatch.setattr(outputs, "FORK_PAGE_MIN", 0)
    monkeypatch.setattr(forked, "_usable", lambda: True)
    children: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting_fork)
    child = _build_outputs([str(corpus)], tmp_path / "child", tmp_path / "cache-child")
    assert children, "the page should have been made in a child process"
    assert child == here


def test_the_bib_note_survives_a_rebuild_that_writes_nothing(tmp_path):
    corpus = tmp_path / "papers"
    corpus.mkdir()
    (corpus / "p.md").write_text("# A paper\n\nText (Wang, 2021).\n\n## References\n\nWang, L. (2021). 小红书的全球化传播. 新闻大学, 3, 1-10.\n", encoding="utf-8")
    first = api.build([str(corpus)], tmp_path / "out", cache_dir=tmp_path / "cache")
    again = api.build([str(corpus)], tmp_path / "out", cache_dir=tmp_path / "cache")
    assert "xelatex" in first.summary["bib_note"] and again.summary["bib_note"] == first.summary["bib_note"]


def test_a_build_into_a_new_folder_of_an_unchanged_corpus_makes_its_outputs_from_the_cache(corpus, tmp_path, monkeypatch):
    from citegraph import qgraph

    cache_dir = tmp_path / "cache"
    first = _build_outputs([str(corpus)], tmp_path / "one", cache_dir)
    monkeypatch.setattr(qgraph.LiteGraph, "full", lambda self: pytest.fail("the whole graph need not be read from the index"))
    second = _build_outputs([str(corpus)], tmp_path / "two", cache_dir)
    assert second == first


def test_a_fresh_layout_is_the_layout_of_a_cold_build(corpus, tmp_path):
    warm_cache = tmp_path / "warm-cache"
    _build_outputs([str(corpus)], tmp_path / "warm", warm_cache)
    target = corpus / "doc01.md"
    target.write_text(target.read_text(encoding="utf-8").replace("## References", "A new sentence (Chen, 2002).\n\n## References"), encoding="utf-8")
    kept = _build_outputs([str(corpus)], tmp_path / "warm", warm_cache)  # the last map kept, what changed placed in it
    cold = _build_outputs([str(corpus)], tmp_path / "cold", tmp_path / "cold-cache")
    assert kept["html"] != cold["html"] and _unplaced(kept["html"]) == _unplaced(cold["html"])
    result = api.build([str(corpus)], tmp_path / "warm", cache_dir=warm_cache, fresh_layout=True)
    assert open(result.outputs["html"], encoding="utf-8").read() == cold["html"]
