"""Claims from citing sentences: grouping, cited ids, entities, sections, ids and spans."""

import json

import pytest

from citegraph.model import CiteKey, Citation, Document, Extraction, Line, Span
from citegraph.resources import Resources
from citegraph.stages import claims

TEXT = (
    "Introduction\n\n"
    "TikTok was launched in 2016 in China, called Douyin (Tone, 2018). "
    "It then spread abroad. "
    "Users moved to Xiaohongshu (Pandith & Dixon, 2025; Liu et al., 2025; Pandith & Dixon, 2025).\n\n"
    "Method\n\n"
    "Sina Weibo and Twitter differ (Gao et al., 2012a). "
    "Some claims are uncited. "
    "One citation dangles (Nobody, 1999)."
)


def cite(marker, status="resolved", refs=()):
    start = TEXT.index(marker)
    return Citation(
        marker=marker,
        key=CiteKey(),
        sentence="",
        source=Span("p.md", 1, start, start + len(marker)),
        references=tuple(refs),
        status=status,
    )


def extraction(citations, document=Document(id="miao-2025", path="p.md", kind="paper", csl={})):
    sections = ((0, "Introduction"), (TEXT.index("Method"), "Method"))
    lines = (Line(TEXT[:12], 3, 0), Line("...", 7, 14), Line("...", 11, TEXT.index("Method")))
    return Extraction(path="p.md", text=TEXT, lines=lines, sections=sections, citations=tuple(citations), document=document)


@pytest.fixture(scope="module")
def result():
    citations = [
        cite("Tone, 2018", refs=("tone2018",)),
        cite("Pandith & Dixon, 2025", refs=("pandith2025",)),
        cite("Liu et al., 2025", status="ambiguous", refs=("liu2025a", "liu2025b")),
        cite("Gao et al., 2012a", refs=("gao2012a",)),
        cite("Nobody, 1999", status="dangling"),
    ]
    return claims.run(extraction(citations), Resources())


def test_one_claim_per_citing_sentence(result):
    assert [c.text for c in result.claims] == [
        "TikTok was launched in 2016 in China, called Douyin (Tone, 2018).",
        "Users moved to Xiaohongshu (Pandith & Dixon, 2025; Liu et al., 2025; Pandith & Dixon, 2025).",
        "Sina Weibo and Twitter differ (Gao et al., 2012a).",
        "One citation dangles (Nobody, 1999).",
    ]
    assert [c.id for c in result.claims] == ["miao-2025:c1", "miao-2025:c2", "miao-2025:c3", "miao-2025:c4"]


@pytest.mark.parametrize(
    "index, cites, entities, section",
    [
        (0, ("tone2018",), ("TikTok", "Douyin"), "Introduction"),
        (1, ("pandith2025",), ("RedNote",), "Introduction"),  # deduplicated; ambiguous candidates left out
        (2, ("gao2012a",), ("Weibo", "Twitter"), "Method"),
        (3, (), (), "Method"),  # a dangling citation still makes a claim
    ],
)
def test_claim_fields(result, index, cites, entities, section):
    claim = result.claims[index]
    assert claim.cites == cites
    assert claim.entities == entities
    assert claim.section == section
    assert claim.speaker is None


def test_claim_source_points_back_to_text(result):
    for claim in result.claims:
        assert TEXT[claim.source.start : claim.source.end] == claim.text
        assert claim.source.file == "p.md"
    assert result.claims[2].source.line == 11


def test_input_not_mutated_and_no_problems(result):
    assert not result.problems
    x = extraction([cite("Tone, 2018", refs=("tone2018",))])
    before = x.claims
    claims.run(x, Resources())
    assert x.claims == before == ()


def test_citation_order_kept_within_sentence():
    x = extraction([cite("Liu et al., 2025", refs=("liu",)), cite("Pandith & Dixon, 2025", refs=("pan",))])
    (claim,) = claims.run(x, Resources()).claims
    assert claim.cites == ("liu", "pan")


def test_doc_id_from_path_without_document():
    x = extraction([cite("Gao et al., 2012a", refs=("gao",))], document=None)
    assert [c.id for c in claims.run(x, Resources()).claims] == ["p:c1"]


def test_citation_outside_text_is_placed_by_sentence_or_reported():
    inside = Citation("(Tone, 2018)", CiteKey(), "It then spread abroad.", Span("p.md", 0, 10**6, 10**6 + 4), ("t",), "resolved")
    lost = Citation("(X, 1)", CiteKey(), "Not in the text.", Span("p.md", 0, 10**6, 10**6 + 4), ("x",), "resolved")
    x = claims.run(extraction([inside, lost]), Resources())
    assert [c.text for c in x.claims] == ["It then spread abroad."]
    assert [p.code for p in x.problems] == ["claim-span"]


def test_empty_text():
    assert claims.run(Extraction(path="e.txt"), Resources()).claims == ()


def test_bad_gazetteer_is_a_problem_not_a_crash(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entities": [{"name": "A"}]}), encoding="utf-8")
    x = claims.run(extraction([cite("Tone, 2018", refs=("t",))]), Resources(entity_files=(str(bad),)))
    assert [c.cites for c in x.claims] == [("t",)]
    assert x.claims[0].entities == ()
    assert [p.code for p in x.problems] == ["gazetteer"] and "bad.json" in x.problems[0].message


def test_news_sentence_both_cited_and_attributed_is_one_claim():
    text = "Zhu Keli, an analyst at Pangoal, said TikTok grew [1]. Growth will last, Zhu added."
    start = text.index("[1]")
    c = Citation("[1]", CiteKey(number=1), "", Span("n.txt", 1, start, start + 3), ("ref1",), "resolved")
    doc = Document(id="news-1", path="n.txt", kind="news", csl={})
    x = claims.run(Extraction(path="n.txt", text=text, document=doc, citations=(c,)), Resources())
    assert [(cl.id, cl.cites, cl.speaker, cl.speaker_role, cl.entities) for cl in x.claims] == [
        ("news-1:c1", ("ref1",), "Zhu Keli", "analyst at Pangoal", ("TikTok",)),
        ("news-1:c2", (), "Zhu Keli", "analyst at Pangoal", ()),
    ]
