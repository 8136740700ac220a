"""The header stage: title, authors, affiliation, date; a news byline."""

from __future__ import annotations

import pytest

from citegraph.resources import Resources
from citegraph.stages import header
from citegraph.stages.header import parse_header
from citegraph.stages.read import read

from .conftest import EXCERPT, HU, MIAO, NEWS


def _doc(path):
    return header.run(read(str(path)), Resources()).document


def test_miao_paper_header():
    d = _doc(MIAO)
    assert d.kind == "paper"
    assert d.csl["title"] == "Global Promotion Strategy of Social Media Platforms: Take Tik Tok and RedNote as Examples"
    assert d.csl["author"] == [{"family": "Miao", "given": "Qiyue"}]
    assert "University of Warwick" in d.csl["custom"]["affiliation"]
    assert d.csl["keyword"].startswith("Social Media, Digital Platforms")


def test_hu_liang_header():
    d = _doc(HU)
    assert d.csl["title"].startswith("The Overseas Social Media Platform and the Improvement of China's International Communication Ability")
    assert [a["family"] for a in d.csl["author"]] == ["Hu", "Liang"]
    assert d.csl["abstract"].startswith("Using TikTok as a focal point")


def test_news_byline_is_metadata():
    d = _doc(NEWS)
    assert d.kind == "news"
    assert d.csl["type"] == "article-newspaper"
    assert d.csl["title"] == "As demand grows, apps urged to improve content, services"
    assert d.csl["issued"] == {"date-parts": [[2025, 1, 17]]}
    assert d.csl["container-title"] == "China Daily"
    assert d.csl["author"] == [{"family": "Fan", "given": "Feifei"}]


def test_excerpt_starting_mid_sentence_has_no_title():
    x = header.run(read(str(EXCERPT)), Resources())
    assert "title" not in x.document.csl
    assert [p.code for p in x.problems] == ["no-title"]


@pytest.mark.parametrize(
    "lines, title, authors, date",
    [
        (["Deep Learning for Citation Parsing", "Ada Lovelace, Alan Turing", "University of London", "", "Abstract: We parse."], "Deep Learning for Citation Parsing", ["Lovelace", "Turing"], None),
        (["Home > World > Asia", "Floods hit the coast again this week", "By Jane Doe | Updated: March 3, 2024", "", "Text."], "Floods hit the coast again this week", ["Doe"], [2024, 3, 3]),
    ],
)
def test_parse_header_table(lines, title, authors, date):
    csl, kind, used = parse_header(lines)
    assert csl["title"] == title
    assert [a["family"] for a in csl["author"]] == authors
    assert (csl.get("issued") or {}).get("date-parts", [None])[0] == date
