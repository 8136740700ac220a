"""The trained reference parser on the sample corpus' reference lists and on hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.refparse import ReferenceParser, load_parser

REFS = Path(__file__).resolve().parent.parent / "references"


def _miao_entries() -> list[str]:
    text = (REFS / "miao-2025-global-promotion.md").read_text(encoding="utf-8")
    after = text.split("#### REFERENCES", 1)[1]
    return [ln[2:].strip() for ln in after.splitlines() if ln.startswith("- ")]


def _hu_liang_entries() -> list[str]:
    lines = (REFS / "hu-liang-2023-tiktok-international-communication.md").read_text(encoding="utf-8").splitlines()
    return [ln[2:].strip() for ln in lines if ln.startswith("- [")]


MIAO = _miao_entries()
HU_LIANG = _hu_liang_entries()


@pytest.fixture(scope="module")
def parser() -> ReferenceParser:
    return load_parser()


def _year(item: dict) -> int | None:
    parts = item.get("issued", {}).get("date-parts", [[None]])
    return parts[0][0]


def test_sample_lists_have_the_expected_sizes():
    assert len(MIAO) == 20
    assert len(HU_LIANG) == 5


@pytest.mark.parametrize("entry", MIAO, ids=[e[:25] for e in MIAO])
def test_miao_entries_get_author_year_title(parser, entry):
    item = parser.parse(entry)
    assert item.get("title")
    if entry.startswith("Tik Tok"):
        assert "author" not in item
        assert _year(item) == 2017
        assert item["title"].startswith("Tik Tok, a global music video platform")
        return
    year = int(entry.split(". ", 2)[1][:4]) if not entry.startswith("Wan") else 2025
    assert _year(item) == year
    assert item.get("author"), item
    # the title is the text after the year, not the authors
    assert item["title"].split()[0] in entry.split(str(year), 1)[1]


@pytest.mark.parametrize(
    "prefix, check",
    [
        ("Statista.", lambda it: it["author"] == [{"literal": "Statista"}]),
        ("Wan, R.", lambda it: len(it["author"]) == 6 and it["author"][-1]["family"] == "Wu"),
        ("Gao, Q.", lambda it: _year(it) == 2012 and it.get("year-suffix") == "a" and len(it["author"]) == 4),
        ("Chen, G.", lambda it: (it.get("volume"), it.get("issue"), it.get("page")) == ("8", "2", "1-10")),
        ("Flew, T.", lambda it: (it.get("volume"), it.get("issue"), it.get("page")) == ("82", "1", "7-25")),
        ("Alhabash", lambda it: it.get("container-title") == "Social Media + Society" and it.get("volume") == "3"),
    ],
)
def test_miao_specific_fields(parser, prefix, check):
    entry = next(e for e in MIAO if e.startswith(prefix))
    assert check(parser.parse(entry))


@pytest.mark.parametrize("entry", HU_LIANG, ids=[e[:12] for e in HU_LIANG])
def test_gbt_entries(parser, entry):
    item = parser.parse(entry)
    assert item["type"] == "article-journal"
    assert item["citation-number"] == entry[1]
    assert item["author"] and all("family" in a for a in item["author"])
    assert _year(item) == int(entry.split("(", 1)[1][:4])
    title = item["title"]
    assert "[J]" not in title and "*" not in title
    assert title == entry.split("*")[1]
    assert item["container-title"] == entry.split("*")[3]


@pytest.mark.parametrize(
    "text, key, value",
    [
        ("Smith, J. (2019). A study of things. Journal of Stuff, 12(3), 45–67. https://doi.org/10.1000/xyz123", "DOI", "10.1000/xyz123"),
        ("Smith, J. (2019). A study of things. Journal of Stuff, 12(3), 45–67.", "page", "45-67"),
        ("[7] A. Author, B. Writer, Deep things, in: Proc. of the Conference on Stuff, 2020, pp. 1-10.", "citation-number", "7"),
        ("Doe, J. 2021. Big models. arXiv:2101.00001.", "number", "2101.00001"),
        ("王明. 社交媒体研究[M]. 北京: 人民出版社, 2020.", "type", "book"),
    ],
)
def test_general_fields(parser, text, key, value):
    assert parser.parse(text).get(key) == value


def test_no_raw_and_no_id(parser):
    item = parser.parse(MIAO[0])
    assert "raw" not in item and "id" not in item


def test_label_and_parse_many(parser):
    pairs = parser.label("Chen, G. 2012. Title here. Journal 8(2): 1–10.")
    assert pairs[0] == ("Chen,", "author")
    assert ("2012.", "date") in pairs
    assert parser.parse_many([MIAO[0], ""]) == [parser.parse(MIAO[0]), {}]


def test_load_parser_is_cached():
    assert load_parser() is load_parser()


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,  # 1 MB line
        "(" * 10_000,
        bytes(range(256)).decode("latin-1") * 400,
        "x" * 1_000_000,
        "",
        "   ",
    ],
    ids=["1MB-words", "parens", "binary", "1MB-token", "empty", "spaces"],
)
def test_hostile_input_parses_cleanly(parser, text):
    item = parser.parse(text)
    assert isinstance(item, dict)
    assert len(str(item)) < 20_000
