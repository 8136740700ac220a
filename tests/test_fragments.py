"""One document's share of the graph (:mod:`citegraph.fragments`) on hand-made extractions."""

from __future__ import annotations

import marshal

import pytest

from citegraph.cache import Cache
from citegraph.fragments import SAMPLE, doc_facts, doc_items, items_key, shingles, tokens_of, used_refs
from citegraph.model import Citation, CiteKey, Claim, Document, Entity, Extraction, Line, Problem, Reference, Span

LINE1 = "TikTok grew fast abroad (Curran, 2007)."
LINE2 = "Its owner localised content for each market (Curran, 2007b). Douyin is its Chinese version (Li, 2022)."
LINE3 = '"We adapt to each market," Zhu Keli said. A dangling one (Nobody, 1999).'
TEXT = "\n".join([LINE1, LINE2, LINE3])
O2, O3 = len(LINE1) + 1, len(LINE1) + len(LINE2) + 2  # offsets of lines 2 and 3 in TEXT
LINES = (Line(LINE1, 7, 0), Line(LINE2, 8, O2), Line(LINE3, 10, O3))  # original lines 7, 8 and 10 (line 9 was blank)

CURRAN_A = {"author": [{"family": "Curran", "given": "J."}], "issued": {"date-parts": [[2007]]}, "title": "Media and cultural theory"}
CURRAN_B = {**CURRAN_A, "title": "Media and Cultural Theory", "publisher": "Routledge"}
LI = {"author": [{"family": "Li", "given": "Z."}], "issued": {"date-parts": [[2022]]}, "title": "Strategies behind Tik Tok's global rise"}


def ref(n: int, csl: dict, doc: str = "p") -> Reference:
    return Reference(id=f"{doc}:{n}", raw="", csl={**csl, "id": f"{doc}:{n}"}, source=Span("p.md", 20 + n))


def cite(marker: str, refs: tuple[str, ...] = (), status: str = "resolved") -> Citation:
    start = TEXT.index(marker)
    line = next(ln.number for ln in reversed(LINES) if ln.offset <= start)
    sentence = next(s for s in TEXT.replace("\n", " ").split(". ") if marker in s)
    return Citation(marker, CiteKey(), sentence, Span("p.md", line, start, start + len(marker)), refs, status)  # type: ignore[arg-type]


def claim(n: int, text: str, cites=(), entities=(), speaker=None, role=None, section=None) -> Claim:
    start = TEXT.find(text[:20])
    line = next(ln.number for ln in reversed(LINES) if ln.offset <= max(start, 0))
    return Claim(f"p:c{n}", text, Span("p.md", line, start, start + len(text)), tuple(cites), tuple(entities), speaker, role, section)


CITATIONS = (
    cite("Curran, 2007)", ("p:1",)),
    cite("Curran, 2007b", ("p:2",)),
    cite("Li, 2022", ("p:3",)),
    cite("Nobody, 1999", status="dangling"),
)
CLAIMS = (
    claim(1, LINE1, cites=("p:1",), entities=("TikTok",), section="Introduction"),
    claim(2, "Douyin is its Chinese version (Li, 2022).", cites=("p:3", "p:3"), entities=("Douyin", "TikTok")),
    claim(3, '"We adapt to each market," Zhu Keli said.', entities=("Xiaohongshu",), speaker="Zhu Keli", role="founding director"),
    claim(4, "Zhu Keli also said that platforms must follow local laws in every market they enter abroad.", speaker="Zhu Keli", role="director"),
)
ENTITIES = (
    Entity("TikTok", "platform", 2, ("TikTok",)),
    Entity("Douyin", "platform", 1, ("Douyin",)),
    Entity("ByteDance", "company", 1, ("ByteDance",)),
)


def paper(**changes) -> Extraction:
    x = Extraction(
        path="p.md",
        raw_lines=("x",) * 30,
        text=TEXT,
        lines=LINES,
        document=Document("p", "p.md", "paper", {"id": "p", "title": "Short video platforms abroad", "author": [{"family": "Author", "given": "Ann"}]}),
        references=(ref(1, CURRAN_A), ref(2, CURRAN_B), ref(3, LI)),
        citations=CITATIONS,
        claims=CLAIMS,
        entities=ENTITIES,
        problems=(Problem("p.md", "dangling", "Nobody, 1999: no entry", 10),),
        meta={"header_lines": (0, 1, 2)},
    )
    from dataclasses import replace

    return replace(x, **changes)


def edges_of(items, relation: str) -> dict[tuple[str, str], dict]:
    return {(u, v): d for u, v, d in items[1] if d["relation"] == relation}


# --- doc_items ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref_work, expected",  # expected: work -> (count, markers in order)
    [
        ({"p:1": "work:curran", "p:2": "work:curran", "p:3": "work:li"}, {"work:curran": (2, ["Curran, 2007)", "Curran, 2007b"]), "work:li": (1, ["Li, 2022"])}),
        ({"p:1": "work:curran-a", "p:2": "work:curran-b", "p:3": "work:li"}, {"work:curran-a": (1, ["Curran, 2007)"]), "work:curran-b": (1, ["Curran, 2007b"]), "work:li": (1, ["Li, 2022"])}),
        ({"p:2": "work:curran", "p:3": "work:li"}, {"work:curran": (1, ["Curran, 2007b"]), "work:li": (1, ["Li, 2022"])}),  # a reference with no work: no edge
        ({}, {}),
    ],
)
def test_one_cites_edge_per_work_with_every_citing_sentence(ref_work, expected):
    items = doc_items(paper(), ref_work, ())
    cites = edges_of(items, "cites")
    assert {v: (d["count"], [c["marker"] for c in d["citations"]]) for (_, v), d in cites.items()} == expected
    for (u, v), d in cites.items():
        assert u == "doc:p" and d["doc"] == "p"
        first = d["citations"][0]
        assert (d["line"], d["offset"]) == (first["line"], first["offset"])  # the edge points at its first citation
        assert all(TEXT[c["offset"] :].startswith(c["marker"]) for c in d["citations"])
    merged = cites.get(("doc:p", "work:curran"))
    if merged and merged["count"] == 2:
        assert [c["sentence"] for c in merged["citations"]] == [CITATIONS[0].sentence, CITATIONS[1].sentence]
        assert [c["line"] for c in merged["citations"]] == [7, 8]


@pytest.mark.parametrize(
    "platforms, claim_mentions",
    [
        ((), set()),
        (("TikTok",), {("claim:p:c1", "platform:TikTok"), ("claim:p:c2", "platform:TikTok")}),
        (("Douyin", "Instagram"), {("claim:p:c2", "platform:Douyin")}),
        (("TikTok", "Douyin", "Xiaohongshu"), {("claim:p:c1", "platform:TikTok"), ("claim:p:c2", "platform:TikTok"), ("claim:p:c2", "platform:Douyin"), ("claim:p:c3", "platform:Xiaohongshu")}),
    ],
)
def test_a_claim_mentions_only_platforms_the_graph_has(platforms, claim_mentions):
    items = doc_items(paper(), {}, platforms)
    mentions = edges_of(items, "mentions")
    assert {k for k in mentions if k[0].startswith("claim:")} == claim_mentions
    own = {v: d for (u, v), d in mentions.items() if u == "doc:p"}  # the document's own platform mentions do not depend on it
    assert sorted(own) == ["platform:Douyin", "platform:TikTok"]  # not the company
    assert (own["platform:TikTok"]["count"], own["platform:TikTok"]["line"]) == (2, 7)
    assert (own["platform:Douyin"]["count"], own["platform:Douyin"]["line"]) == (1, 8)


def test_claims_their_nodes_and_edges():
    nodes, edges = doc_items(paper(), {"p:1": "work:curran", "p:3": "work:li"}, ("TikTok",))
    assert [n for n, _ in nodes] == ["claim:p:c1", "claim:p:c2", "claim:p:c3", "claim:p:c4"]
    attrs = dict(nodes)
    assert attrs["claim:p:c1"] == {"kind": "claim", "label": LINE1, "text": LINE1, "speaker": "", "speaker_role": "", "section": "Introduction", "doc": "doc:p", "line": 7}
    assert attrs["claim:p:c4"]["label"].endswith("…") and len(attrs["claim:p:c4"]["label"]) <= 40
    makes = {v: d for u, v, d in edges if d["relation"] == "makes"}
    assert list(makes) == ["claim:p:c1", "claim:p:c2", "claim:p:c3", "claim:p:c4"] and all(u == "doc:p" for u, _, d in edges if d["relation"] == "makes")
    assert makes["claim:p:c2"]["offset"] == TEXT.index("Douyin is")
    supports = [(u, v) for u, v, d in edges if d["relation"] == "supports"]
    assert supports == [("claim:p:c1", "work:curran"), ("claim:p:c2", "work:li")]  # the claim citing p:3 twice: one edge
    assert len({(u, v) for u, v, _ in edges}) == len(edges)


@pytest.mark.parametrize(
    "claims, said_by, speakers",
    [
        (CLAIMS, {("claim:p:c3", "person:Zhu Keli"), ("claim:p:c4", "person:Zhu Keli")}, [["Zhu Keli", "founding director"]]),  # the first role given
        (CLAIMS[:2], set(), []),
        (CLAIMS[3:] + CLAIMS[:3], {("claim:p:c3", "person:Zhu Keli"), ("claim:p:c4", "person:Zhu Keli")}, [["Zhu Keli", "director"]]),
        ((claim(5, LINE3, speaker="Jiang Han"), CLAIMS[2]), {("claim:p:c5", "person:Jiang Han"), ("claim:p:c3", "person:Zhu Keli")}, [["Jiang Han", ""], ["Zhu Keli", "founding director"]]),
    ],
)
def test_speakers(claims, said_by, speakers):
    x = paper(claims=claims)
    items = doc_items(x, {}, ())
    assert set(edges_of(items, "said-by")) == said_by
    assert all(d["doc"] == "p" for d in edges_of(items, "said-by").values())
    assert doc_facts(x)["speakers"] == speakers


# --- doc_facts ----------------------------------------------------------------------------------------------------------


def test_facts_of_a_paper():
    f = doc_facts(paper())
    assert (f["id"], f["kind"], f["path"], f["header_line"]) == ("p", "paper", "p.md", 1)
    assert f["authors"] == ["Author, A."]
    assert [r[0] for r in f["refs"]] == ["p:1", "p:2", "p:3"] and [r[2] for r in f["refs"]] == [21, 22, 23]
    assert f["refs"][0][1] != f["refs"][1][1]  # two descriptions, two digests
    assert len(tokens_of(f)) == 1 + len(f["refs"]) and all(isinstance(t, str) for ts in tokens_of(f) for t in ts)
    assert tokens_of(f)[0] and tokens_of(doc_facts(paper(document=Document("r", "r.bib", "bib", {"id": "r"}))))[0] == []  # a header is linked only for papers and news
    assert f["cited"] == ["p:1", "p:2", "p:3"]
    assert f["used"] == used_refs(paper()) == ["p:1", "p:2", "p:3"]
    assert f["status"] == {"resolved": 3, "dangling": 1}
    assert (f["claims"], f["claim_platforms"]) == (4, ["TikTok", "Douyin", "Xiaohongshu"])
    assert f["platforms"] == [["TikTok", 2, ["TikTok"], 7], ["Douyin", 1, ["Douyin"], 8]]  # platforms only, with the line of the first mention
    assert f["problems"] == [["p.md", "dangling", "Nobody, 1999: no entry", 10, ""]]
    assert f["unread"] is False and f["shingles"] == shingles(TEXT)


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"citations": (cite("Li, 2022", ("p:3",), "ambiguous"),), "claims": ()}, {"cited": [], "used": [], "status": {"ambiguous": 1}}),
        ({"citations": (), "claims": (claim(1, LINE1, cites=("p:2", "p:1")),)}, {"cited": [], "used": ["p:2", "p:1"]}),  # a claim's references are used, not cited
        ({"citations": CITATIONS[2:3] + CITATIONS[:1], "claims": (claim(1, LINE1, cites=("p:2", "p:3")),)}, {"cited": ["p:3", "p:1"], "used": ["p:3", "p:1", "p:2"]}),
        ({"meta": {"header_lines": (4, 5)}}, {"header_line": 5}),
        ({"meta": {}}, {"header_line": 1}),
        ({"raw_lines": ()}, {"unread": True}),
    ],
)
def test_facts_follow_the_extraction(changes, expected):
    f = doc_facts(paper(**changes))
    assert {k: f[k] for k in expected} == expected


@pytest.mark.parametrize(
    "x, id_, kind, has_shingles",
    [
        (paper(), "p", "paper", True),
        (paper(document=Document("n", "n.txt", "news", {"id": "n", "title": "Apps urged"})), "n", "news", True),
        (paper(document=Document("refs", "refs.bib", "bib", {"id": "refs"}), citations=(), claims=()), "refs", "bib", False),
        (paper(document=Document("e", "e.txt", "excerpt", {"id": "e"})), "e", "excerpt", True),
        (Extraction(path="broken.pdf", problems=(Problem("broken.pdf", "unreadable", "cannot read"),)), "", "", False),
        (paper(text=""), "p", "paper", False),
    ],
)
def test_facts_are_plain_data_that_survive_marshal_and_the_cache(tmp_path, x, id_, kind, has_shingles):
    f = doc_facts(x)
    assert (f["id"], f["kind"], bool(f["shingles"])) == (id_, kind, has_shingles)
    assert marshal.loads(marshal.dumps(f)) == f
    cache = Cache(tmp_path)
    cache.put_many("facts", [("k", f)])
    assert cache.get_many("facts", ["k"]) == {"k": f}
    nodes, edges = doc_items(x, {"p:1": "work:a"}, ("TikTok",)) if x.document else ([], [])
    assert marshal.loads(marshal.dumps([nodes, edges])) == [nodes, edges]


@pytest.mark.parametrize(
    "damage",
    [
        lambda f: {**f, "tokens": marshal.dumps(marshal.loads(f["tokens"])[:-1])},  # one list short
        lambda f: {**f, "refs": f["refs"] + [["p:9", "", 1]]},  # a reference without tokens
        lambda f: {**f, "tokens": marshal.dumps("not a list")},
    ],
)
def test_tokens_that_do_not_fit_the_references_are_refused(damage):
    f = doc_facts(paper())
    with pytest.raises(ValueError):
        tokens_of(damage(f))


# --- items_key and shingles --------------------------------------------------------------------------------------------

BASE = {"p:1": "work:curran", "p:2": "work:curran", "p:3": "work:li", "q:1": "work:other"}


@pytest.mark.parametrize(
    "key, ref_work, platforms, same",
    [
        ("x1", BASE, ("TikTok",), True),
        ("x1", {**BASE, "q:1": "work:moved"}, ("TikTok",), True),  # a reference the document does not use
        ("x1", {**BASE, "p:2": "work:moved"}, ("TikTok",), False),
        ("x1", {k: v for k, v in BASE.items() if k != "p:3"}, ("TikTok",), False),
        ("x1", BASE, ("TikTok", "TikTok"), True),
        ("x1", BASE, ("TikTok", "Douyin"), False),
        ("x1", BASE, (), False),
        ("x2", BASE, ("TikTok",), False),
    ],
)
def test_items_key_changes_exactly_with_what_the_items_depend_on(key, ref_work, platforms, same):
    x = paper()
    before = items_key("x1", x, BASE, ["TikTok"])
    after = items_key(key, x, ref_work, platforms)
    assert (after == before) is same
    assert items_key(key, used_refs(x), ref_work, platforms) == after  # the used references stand for the extraction
    assert items_key(key, x, ref_work, list(reversed(platforms))) == after
    if same:
        assert doc_items(x, ref_work, set(platforms) & {"TikTok", "Douyin", "Xiaohongshu"}) == doc_items(x, BASE, ["TikTok"])


WORDS = "platforms grow by localisation and by content that travels across borders and languages while scholars argue media flows run many ways".split()


@pytest.mark.parametrize(
    "small, large, contained",
    [
        (" ".join(WORDS[:12]), " ".join(WORDS), True),
        (" ".join(WORDS[5:]), "Intro. " + " ".join(WORDS) + " And more words at the end of it.", True),
        (" ".join(WORDS).upper().replace(" ", ",  "), " ".join(WORDS), True),  # case and punctuation do not count
        (" ".join(reversed(WORDS)), " ".join(WORDS), False),
    ],
)
def test_shingles(small, large, contained):
    a, b = shingles(small), shingles(large)
    assert a == sorted(set(a)) and all(h % SAMPLE == 0 for h in a + b)
    assert shingles(large) == b  # stable
    if contained:
        assert set(a) <= set(b)
    else:
        assert not set(a) <= set(b) or not a


@pytest.mark.parametrize("text", ["", "five words only right here", "   "])
def test_no_shingles_below_six_words(text):
    assert shingles(text) == []


def test_many_shingles_are_sampled_about_one_in_sample():
    words = [f"w{i}" for i in range(2000)]
    n = len(shingles(" ".join(words)))
    assert (len(words) - 5) / SAMPLE / 2 < n < (len(words) - 5) / SAMPLE * 2
