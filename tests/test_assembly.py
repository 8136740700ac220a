"""The corpus-wide nodes and edges (:mod:`citegraph.assembly`) from documents' facts and a hand-made merge."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citegraph.assembly import folded_edges, platform_names, shared_items, summary
from citegraph.corpus import Merged, Work
from citegraph.fragments import doc_facts, doc_items
from citegraph.model import Citation, CiteKey, Claim, Document, Entity, Extraction, Line, Problem, Reference, Span

TEXT = "TikTok grew fast abroad (Curran, 2007). Douyin is its Chinese version (Li, 2022). Zhu Keli said so."
LINES = (Line(TEXT, 5, 0),)


def ext(doc_id, kind="paper", refs=(), cited=(), claims=(), platforms=(), title=None, authors=("Author",), problems=(), header=2):
    """An extraction: ``refs`` CSL titles (ids ``<doc>:1``...), ``cited`` the reference ids its resolved citations name,
    ``platforms`` ``(name, mentions, aliases)``."""
    csl = {"id": doc_id, "title": title if title is not None else f"Title of {doc_id}", "author": [{"family": a, "given": "Ann"} for a in authors]}
    references = tuple(Reference(f"{doc_id}:{n}", "", {"id": f"{doc_id}:{n}", "title": t}, Span(f"{doc_id}.md", 10 + n)) for n, t in enumerate(refs, 1))
    citations = tuple(Citation(r, CiteKey(), f"A sentence citing {r}.", Span(f"{doc_id}.md", 5), (r,), "resolved") for r in cited)
    return Extraction(
        path=f"{doc_id}.md",
        raw_lines=("x",),
        text=TEXT,
        lines=LINES,
        document=Document(doc_id, f"{doc_id}.md", kind, csl),
        references=references,
        citations=citations,
        claims=tuple(claims),
        entities=tuple(Entity(n, "platform", c, tuple(a)) for n, c, a in platforms),
        problems=tuple(problems),
        meta={"header_lines": (header - 1,)},
    )


def work(node, title="", refs=(), doc=None):
    key = node.split(":", 1)[1]
    return Work(node, key, {"id": key, "title": title or f"Work {key}"}, tuple(refs), doc)


def build(xs, works, ref_work=None, same_as=None, excerpt_of=None, mentions=None, relations=(), targets=None, extra=()):
    """shared_items of the extractions, with the document targets a build gives (from doc_items) unless ``targets``."""
    ref_work = ref_work if ref_work is not None else {r: w.node for w in works for r in w.refs}
    excerpt_of = excerpt_of or {}
    merged = Merged(tuple(works), ref_work, same_as or {})
    facts = [doc_facts(x) for x in xs]
    platforms = platform_names(facts, merged.works, mentions)
    if targets is None:
        targets = {}
        for x, f in zip(xs, facts):
            if f["kind"] in ("paper", "news") and f["id"] not in excerpt_of:
                targets[f["id"]] = [v for u, v, _ in doc_items(x, ref_work, platforms)[1] if u == f"doc:{f['id']}"]
    shared = shared_items(facts, merged, excerpt_of, targets, mentions, relations, extra)
    return dict(shared.nodes), {(u, v): d for u, v, d in shared.edges}, shared


def doc_work(doc_id, title=None):
    return work(f"doc:{doc_id}", title or f"Title of {doc_id}", doc=doc_id)


# --- cited_by -----------------------------------------------------------------------------------------------------------


def _citing_corpus():
    a = ext("a", refs=("Curran", "Curran again", "Li"), cited=("a:1", "a:2", "a:3"))  # two references of one work
    b = ext("b", refs=("Curran",), cited=("b:1",))
    c = ext("c", refs=("Li", "Unused"), cited=())  # lists Li, cites nothing
    e = replace(ext("e", cited=("a:1",)), document=Document("e", "e.md", "excerpt", {"id": "e", "title": "Title of a"}))  # relinked excerpt of a
    lib = ext("lib", kind="bib", refs=("Curran", "Li", "Nobody"))
    works = [
        doc_work("a"), doc_work("b"), doc_work("c"),
        work("work:curran", refs=("a:1", "a:2", "b:1", "lib:1")),
        work("work:li", refs=("a:3", "c:1", "lib:2")),
        work("work:unused", refs=("c:2",)),
    ]
    return [a, b, c, e, lib], works


@pytest.mark.parametrize(
    "node, cited_by",
    [("work:curran", 2), ("work:li", 1), ("work:unused", 0), ("doc:a", 0), ("doc:e", 0)],
)
def test_cited_by_counts_citing_documents_not_citations_excerpts_or_lists(node, cited_by):
    xs, works = _citing_corpus()
    nodes, _, _ = build(xs, works, excerpt_of={"e": "a"})
    assert nodes[node]["cited_by"] == cited_by


def test_a_bib_lists_its_works_from_a_node_of_its_own():
    xs, works = _citing_corpus()
    nodes, edges, _ = build(xs, works, excerpt_of={"e": "a"})
    lists = {k: d for k, d in edges.items() if d["relation"] == "lists"}
    assert lists == {
        ("doc:lib", "work:curran"): {"relation": "lists", "doc": "lib", "line": 11},
        ("doc:lib", "work:li"): {"relation": "lists", "doc": "lib", "line": 12},
    }  # its third entry went to no work: no edge
    assert nodes["doc:lib"] == {}  # reachable, not a work
    assert nodes["doc:e"]["doc_kind"] == "excerpt" and nodes["doc:e"]["label"] == f"excerpt of {nodes['doc:a']['label']}"
    assert edges[("doc:e", "doc:a")] == {"relation": "excerpt-of", "doc": "e", "line": 1}
    assert ("doc:lib", "person:Author, A.") not in edges  # a .bib has no authors of its own


# --- people -------------------------------------------------------------------------------------------------------------


def speaker_claim(doc, n, name, role):
    return Claim(f"{doc}:c{n}", f"{name} said so.", Span(f"{doc}.md", 5), speaker=name, speaker_role=role)


@pytest.mark.parametrize(
    "xs, expected",
    [
        ([ext("a", authors=("Wang", "Chen"))], {"person:Wang, A.": {"kind": "person", "label": "Wang, A."}, "person:Chen, A.": {"kind": "person", "label": "Chen, A."}}),
        ([ext("n", kind="news", claims=[speaker_claim("n", 1, "Zhu Keli", "director")], authors=())], {"person:Zhu Keli": {"kind": "person", "label": "Zhu Keli", "role": "director"}}),
        (  # an author quoted elsewhere stays an author (no role)
            [ext("a", authors=("Wang",)), ext("n", kind="news", claims=[speaker_claim("n", 1, "Wang, A.", "analyst")], authors=())],
            {"person:Wang, A.": {"kind": "person", "label": "Wang, A."}},
        ),
        (  # the first document's role wins
            [ext("n", kind="news", claims=[speaker_claim("n", 1, "Zhu Keli", "director")], authors=()), ext("m", kind="news", claims=[speaker_claim("m", 1, "Zhu Keli", "founder")], authors=())],
            {"person:Zhu Keli": {"kind": "person", "label": "Zhu Keli", "role": "director"}},
        ),
        ([ext("lib", kind="bib", authors=("Wang",))], {}),
    ],
)
def test_people_are_authors_and_speakers(xs, expected):
    nodes, edges, _ = build(xs, [doc_work(x.document.id) for x in xs if x.document.kind != "bib"])
    assert {n: d for n, d in nodes.items() if n.startswith("person:")} == expected
    authored = {k: d for k, d in edges.items() if d["relation"] == "authored-by"}
    assert authored == {
        (f"doc:{x.document.id}", f"person:{a['family']}, A."): {"relation": "authored-by", "doc": x.document.id, "line": 2}
        for x in xs if x.document.kind != "bib" for a in x.document.csl["author"]
    }


def test_an_excerpts_speakers_and_platforms_are_its_parents():
    parent = ext("n", kind="news", claims=[speaker_claim("n", 1, "Zhu Keli", "director")], platforms=[("TikTok", 2, ("TikTok",))])
    child = replace(ext("e", claims=[speaker_claim("e", 1, "Jiang Han", "analyst")], platforms=[("TikTok", 1, ("Tik Tok",))]), document=Document("e", "e.md", "excerpt", {"id": "e", "title": "x"}))
    nodes, _, shared = build([parent, child], [doc_work("n")], excerpt_of={"e": "n"})
    assert "person:Jiang Han" not in nodes
    assert nodes["platform:TikTok"] == {"kind": "platform", "label": "TikTok", "mentions": 2, "aliases": ["TikTok"]}
    assert shared.facts["claims"] == 1


# --- platforms ----------------------------------------------------------------------------------------------------------


def test_platform_mentions_are_summed_and_aliases_united():
    a = ext("a", platforms=[("TikTok", 2, ("TikTok",)), ("Douyin", 1, ("Douyin",))])
    b = ext("b", platforms=[("TikTok", 3, ("Tik Tok", "TikTok"))])
    lib = ext("lib", kind="bib", platforms=[("WeChat", 9, ("WeChat",))])  # a .bib's text mentions nothing
    nodes, edges, shared = build([a, b, lib], [doc_work("a"), doc_work("b")])
    assert nodes["platform:TikTok"] == {"kind": "platform", "label": "TikTok", "mentions": 5, "aliases": ["Tik Tok", "TikTok"]}
    assert nodes["platform:Douyin"]["mentions"] == 1
    assert "platform:WeChat" not in nodes
    assert shared.platforms == {"TikTok", "Douyin"} and shared.facts["platforms"] == 2


def _titles(title):
    """A gazetteer's title search: platforms whose name or alias occurs in the title."""
    known = {"TikTok": ("TikTok", "Tik Tok"), "Douyin": ("Douyin",), "Xiaohongshu": ("Xiaohongshu", "RedNote")}
    return [(name, s) for name, surfaces in known.items() for s in surfaces if s in title]


@pytest.mark.parametrize(
    "doc_platforms, expected",
    [
        ([], {("doc:a", "platform:Xiaohongshu"): {"relation": "mentions", "doc": "a", "line": 1}, ("work:li", "platform:TikTok"): {"relation": "mentions", "doc": "a", "line": 12}}),
        ([("Xiaohongshu", 1, ("RedNote",))], {("work:li", "platform:TikTok"): {"relation": "mentions", "doc": "a", "line": 12}}),  # the text already mentions it
    ],
)
def test_titles_that_name_a_platform_mention_it(doc_platforms, expected):
    a = ext("a", refs=("Curran", "Strategies behind Tik Tok's global rise"), cited=("a:2",), platforms=doc_platforms, title="Moving to Xiaohongshu")
    works = [doc_work("a", "Moving to Xiaohongshu"), work("work:curran", refs=("a:1",)), work("work:li", "Strategies behind Tik Tok's global rise", refs=("a:2",))]
    nodes, edges, shared = build([a], works, mentions=_titles)
    assert {k: d for k, d in edges.items() if d["relation"] == "mentions"} == expected  # the corpus-wide ones: titles' (the text's are the document's own)
    assert nodes["platform:TikTok"] == {"kind": "platform", "label": "TikTok", "mentions": 0, "aliases": ["Tik Tok"]}  # named by a title: no mention counted
    assert nodes["platform:Xiaohongshu"]["mentions"] == sum(c for _, c, _ in doc_platforms)
    assert nodes["platform:Xiaohongshu"]["aliases"] == sorted({"Xiaohongshu", *(a for _, _, al in doc_platforms for a in al)})
    assert shared.platforms == {"TikTok", "Xiaohongshu"}


def test_gazetteer_relations_link_only_platforms_present():
    a = ext("a", platforms=[("TikTok", 1, ("TikTok",)), ("Douyin", 1, ("Douyin",))])
    relations = [("Douyin", "version-of", "TikTok"), ("Lemon8", "owned-by", "ByteDance"), ("TikTok", "owned-by", "Instagram")]
    _, edges, _ = build([a], [doc_work("a")], relations=relations)
    assert {k: d for k, d in edges.items() if d["doc"] == "gazetteer"} == {("platform:Douyin", "platform:TikTok"): {"relation": "version-of", "doc": "gazetteer", "line": 0}}


# --- same-as ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "b_cites_a, edge",
    [(False, {"relation": "same-as", "doc": "b", "line": 1}), (True, None)],  # b's text already cites a: its cites edge says more
)
def test_same_as_unless_the_document_cites_the_other(b_cites_a, edge):
    a = ext("a")
    b = ext("b", refs=("Title of a",), cited=("b:1",) if b_cites_a else ())
    _, edges, _ = build([a, b], [work("doc:a", "Title of a", refs=("b:1",), doc="a"), doc_work("b")], same_as={"b": "a"})
    assert edges.get(("doc:b", "doc:a")) == edge


# --- summary ------------------------------------------------------------------------------------------------------------


def test_summary_counts():
    xs, works = _citing_corpus()
    xs[1] = replace(xs[1], citations=xs[1].citations + (Citation("Nobody, 1999", CiteKey(), "x", Span("b.md", 5)),), problems=(Problem("b.md", "dangling", "Nobody, 1999: no entry", 5),))
    unread = Extraction(path="broken.pdf", problems=(Problem("broken.pdf", "unreadable", "cannot read"),))
    _, _, shared = build(xs + [unread], works, excerpt_of={"e": "a"}, extra=[Problem("gone.md", "missing", "no such file")])
    assert shared.facts == {
        "documents": 5,  # a, b, c, the excerpt and the .bib
        "references": 3 + 1 + 2 + 0 + 3,
        "works": 6,
        "citations": 5,  # the excerpt's not counted twice
        "resolved": 4,
        "dangling": 1,
        "ambiguous": 0,
        "claims": 0,
        "platforms": 0,
        "problems": ["gone.md: no such file", "b.md:5: Nobody, 1999: no entry", "broken.pdf: cannot read"],  # the run's first
        "unread": ["broken.pdf"],
    }
    assert summary([doc_facts(x) for x in xs], Merged(tuple(works), {}, {}), {"e": "a"}, 0) == {**shared.facts, "problems": ["b.md:5: Nobody, 1999: no entry"], "unread": []}


@pytest.mark.parametrize(
    "xs, mentions, expected",
    [
        ([ext("a", platforms=[("TikTok", 1, ())])], None, {"TikTok"}),
        ([ext("lib", kind="bib", platforms=[("TikTok", 1, ())])], None, set()),
        ([ext("a", title="Leaving Douyin")], _titles, {"Douyin"}),
        ([ext("a", title="Leaving Douyin")], None, set()),
    ],
)
def test_platform_names(xs, mentions, expected):
    facts = [doc_facts(x) for x in xs]
    assert platform_names(facts, [], mentions) == expected


# --- folded edges -------------------------------------------------------------------------------------------------------


def test_folded_edges_are_fold_claims_of_the_document():
    import networkx as nx

    from citegraph.views import fold_claims

    claims = [
        Claim("a:c1", "TikTok grew fast abroad (Curran, 2007).", Span("a.md", 5), cites=("a:1",), entities=("TikTok",)),
        Claim("a:c2", "Douyin is its Chinese version (Li, 2022).", Span("a.md", 6), cites=("a:2", "a:3"), entities=("Douyin",)),
        Claim("a:c3", "Zhu Keli said so.", Span("a.md", 7), speaker="Zhu Keli", speaker_role="director"),
    ]
    x = ext("a", refs=("Curran", "Li", "Other"), cited=("a:1",), claims=claims, platforms=[("TikTok", 2, ("TikTok",))])
    ref_work = {"a:1": "work:curran", "a:2": "work:li", "a:3": "work:other"}
    nodes, edges = doc_items(x, ref_work, {"TikTok", "Douyin"})
    g = nx.DiGraph()
    g.add_node("doc:a", kind="document")
    g.add_nodes_from((n, dict(d)) for n, d in nodes)
    for u, v, d in edges:
        for end in (u, v):
            if end not in g:
                g.add_node(end, kind=end.split(":", 1)[0])
        g.add_edge(u, v, **d)
    expected = {(u, v): d for u, v, d in fold_claims(g).out_edges("doc:a", data=True)}
    got = {(u, v): d for u, v, d in folded_edges("doc:a", nodes, edges)}
    assert got == expected
    assert got[("doc:a", "work:curran")]["count"] == 2  # the citation and the claim's sentence
    assert [c["sentence"] for c in got[("doc:a", "work:li")]["citations"]] == ["Douyin is its Chinese version (Li, 2022)."]
    assert got[("doc:a", "person:Zhu Keli")]["relation"] == "quotes"
    assert got[("doc:a", "platform:TikTok")]["count"] == 3 and got[("doc:a", "platform:Douyin")]["count"] == 1
    assert not any(v.startswith("claim:") for _, v in got)
