"""The graph of a small corpus: every edge kind, and the provenance each edge keeps."""

from __future__ import annotations

import pytest

from citegraph.api import load_graph

from .conftest import CORPUS

PAPER = """# Short video platforms abroad

Ann Author

## Introduction

TikTok grew fast abroad (Curran, 2007). Its owner localised content for each market (Li, 2022).

## References

Curran, J. (2007). Media and cultural theory. Routledge.
Li, Z. (2022). Strategies behind Tik Tok's global rise. Journal of Communication, 3(1), 1-10.
"""
PREPRINT = PAPER.replace("## Introduction", "## Preprint version\n\nThis is the version before review, worded differently throughout.").replace(
    "TikTok grew fast abroad", "The app spread quickly outside China"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    (folder / "paper.md").write_text(PAPER, encoding="utf-8")
    (folder / "preprint.md").write_text(PREPRINT, encoding="utf-8")
    (folder / "refs.bib").write_text("@book{curran2007, author = {Curran, James}, title = {Media and Cultural Theory}, year = {2007}, publisher = {Routledge}}\n", encoding="utf-8")
    return load_graph([str(folder), str(CORPUS)], cache_dir=None)


def _edges(g, relation):
    return [(u, v, d) for u, v, d in g.edges(data=True) if d.get("relation") == relation]


@pytest.mark.parametrize("relation", ["cites", "makes", "supports", "mentions", "authored-by", "said-by", "excerpt-of", "same-as", "lists"])
def test_edge_kind_present_with_provenance(graph, relation):
    edges = _edges(graph, relation)
    assert edges, relation
    for u, v, d in edges:
        assert d.get("doc"), (u, v, d)
        assert isinstance(d.get("line"), int) and d["line"] >= (0 if relation == "lists" else 1), (u, v, d)  # .bib entries: line not known yet


def test_every_edge_has_provenance(graph):
    for u, v, d in graph.edges(data=True):
        assert "doc" in d and "line" in d, (u, v, d)
        if d["doc"] == "gazetteer":
            assert d["relation"] in ("version-of", "owned-by")
        else:
            assert f"doc:{d['doc']}" in graph, (u, v, d)


def test_cites_edge_points_at_the_citing_line(graph):
    u, v, d = next(e for e in _edges(graph, "cites") if e[0] == "doc:paper" and graph.nodes[e[1]]["label"] == "Curran 2007")
    assert d["line"] == 7 and d["doc"] == "paper"
    assert PAPER.splitlines()[d["line"] - 1].find("(Curran, 2007)") >= 0
    assert d["citations"][0]["marker"] == "Curran, 2007"


def test_one_work_node_for_the_same_work_everywhere(graph):
    curran = [n for n, d in graph.nodes(data=True) if d.get("kind") == "work" and d.get("label") == "Curran 2007"]
    assert len(curran) == 1
    citing = sorted(u for u, _, d in graph.in_edges(curran[0], data=True) if d["relation"] in ("cites", "lists"))
    assert citing == ["doc:miao-2025-global-promotion", "doc:paper", "doc:preprint", "doc:refs-bib"]
    assert graph.nodes[curran[0]]["cited_by"] == 3


def test_preprint_and_paper_are_the_same_work_not_one_excerpt(graph):
    (u, v, d), = _edges(graph, "same-as")
    assert {u, v} == {"doc:paper", "doc:preprint"}
    assert not any(u in ("doc:paper", "doc:preprint") for u, _, _ in _edges(graph, "excerpt-of"))
