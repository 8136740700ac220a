"""The sample corpus, end to end: the facts anyone can check by reading the four documents."""

from __future__ import annotations

import json

import pytest

from citegraph.api import build, extract_file
from citegraph.identity import year_of

from .conftest import CORPUS, EXCERPT, HU, MIAO, NEWS


@pytest.fixture(scope="module")
def miao():
    return extract_file(str(MIAO))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    return build([str(CORPUS)], out, cache_dir=None)


def _by_marker(x):
    return {c.marker: c for c in x.citations}


def test_miao_has_20_entries_each_with_author_or_title_year_and_title(miao):
    assert len(miao.references) == 20
    for r in miao.references:
        assert r.csl.get("title"), r.raw
        assert year_of(r.csl), r.raw
    no_author = [r for r in miao.references if not r.csl.get("author")]
    assert [r.raw[:6] for r in no_author] == ["Tik To"]  # the title-first PR Newswire entry


def test_hu_liang_entries_are_journal_articles():
    x = extract_file(str(HU))
    assert len(x.references) == 5
    assert {r.csl["type"] for r in x.references} == {"article-journal"}
    assert [r.label for r in x.references] == ["1", "2", "3", "4", "5"]
    assert all(c.status == "resolved" for c in x.citations) and len(x.citations) == 5


@pytest.mark.parametrize(
    "marker",
    ["Li,2022", "Wan et al. 2025", "Alhabash Ma,2017", "Statista", "Tone, 2018", "Su & Kaye, 2023", "Chen, 2012", "RMMD,2019", "Hu & Liang, 2023"],
)
def test_miao_citations_resolved(miao, marker):
    c = _by_marker(miao)[marker]
    assert c.status == "resolved" and len(c.references) == 1


def test_figure_source_citation_is_linked(miao):
    c = next(c for c in miao.citations if c.marker.startswith("Team"))
    ref = next(r for r in miao.references if r.id == c.references[0])
    assert ref.raw.startswith("Team, B. 2025")


@pytest.mark.parametrize("marker", ["Aldama (2022)", "Yang,2025", "Gao et al., 2012b"])
def test_dangling_never_bound_to_a_near_miss(miao, marker):
    c = _by_marker(miao)[marker]
    assert c.status == "dangling" and c.references == ()


def test_pr_newswire_is_the_only_uncited_entry(miao):
    uncited = [p for p in miao.problems if p.code == "uncited"]
    assert len(uncited) == 1 and "PR Newswire" in next(r.raw for r in miao.references if r.source.line == uncited[0].line)


def test_graph_merges_hu_liang_and_keeps_li_apart(built):
    g = built.graph
    hu_doc = "doc:hu-liang-2023-tiktok-international-communication"
    assert g.has_edge("doc:miao-2025-global-promotion", hu_doc)
    assert g.edges["doc:miao-2025-global-promotion", hu_doc]["relation"] == "cites"
    li = [n for n, d in g.nodes(data=True) if d.get("kind") == "work" and d.get("label") == "Li 2022"]
    assert len(li) == 2


def test_excerpt_recognised_and_not_counted_twice(built):
    g = built.graph
    ex = "doc:miao-2025-global-promotion-pdf-excerpt"
    assert g.edges[ex, "doc:miao-2025-global-promotion"]["relation"] == "excerpt-of"
    assert not any(d.get("doc") == ex for _, d in g.nodes(data=True) if d.get("kind") == "claim")
    assert not [v for _, v, d in g.out_edges(ex, data=True) if d["relation"] == "cites"]


def test_platform_nodes(built):
    g = built.graph
    platforms = {d["label"]: d for _, d in g.nodes(data=True) if d.get("kind") == "platform"}
    for name in ["TikTok", "RedNote", "Douyin", "Lemon8", "Instagram", "Twitter", "Facebook", "Snapchat", "YouTube", "Weibo", "Pinterest"]:
        assert name in platforms, name
    assert {"Tik Tok", "TikTok"} <= set(platforms["TikTok"]["aliases"])
    assert {"Xiaohongshu", "XiaoHongshu", "RedNote", "Rednote"} <= set(platforms["RedNote"]["aliases"])
    assert not any("Tik Tok" == k or "Xiaohongshu" == k for k in platforms)


def test_news_metadata_and_speakers(built):
    x = extract_file(str(NEWS))
    assert x.document.csl["container-title"] == "China Daily"
    speakers = {c.speaker for c in x.claims}
    assert {"Zhu Keli", "Jiang Han", "Zhou Mi"} <= speakers
    quote = next(c for c in x.claims if c.text.startswith('"These companies'))
    assert quote.speaker == "Zhu Keli"


def test_outputs_written(built):
    data = json.loads(open(built.outputs["json"], encoding="utf-8").read())
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"document", "work", "claim", "platform", "person"}
    assert all(n.get("label") for n in data["nodes"])
    html = open(built.outputs["html"], encoding="utf-8").read()
    assert "<script src=" not in html.replace("<script src=\"data:", "")
    assert built.summary["dangling"] == 3 and built.summary["documents"] == 4


def test_excerpt_text_reads_cleanly():
    x = extract_file(str(EXCERPT))
    assert "\n" not in x.text.split("\n\n")[0]
    assert "may occur (Curran, 2007). When the purpose" in x.text


def test_bib_reads_cleanly_with_stable_unique_keys(built, tmp_path):
    import bibtexparser
    from pybtex.database import parse_string

    text = open(built.outputs["bib"], encoding="utf-8").read()
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    keys = [e.key for e in lib.entries]
    assert len(keys) == len(set(keys)) == len(parse_string(text, "bibtex").entries)
    assert "{TikTok}" in text and "{RedNote}" in text and "{China}" in text
    assert "Media, Culture \\& Society" in text
    again = build([str(CORPUS)], tmp_path, cache_dir=None)
    assert open(again.outputs["bib"], encoding="utf-8").read() == text
