"""The clean stage: PDF-wrapped lines read as sentences, headings become sections."""

from __future__ import annotations

import pytest

from citegraph.stages.clean import clean_lines, is_heading

from .conftest import EXCERPT


def _clean(text: str, markdown: bool = False):
    return clean_lines(list(enumerate(text.splitlines(), 1)), markdown)


def test_pdf_excerpt_reads_as_clean_sentences():
    text, lines, sections = _clean(EXCERPT.read_text(encoding="utf-8"))
    assert "the failure to address \"glocalization\" strategies by media producers" in text
    assert "may occur (Curran, 2007). When the purpose" in text
    assert "(Chen, 2012)" in text  # "(Chen,\n2012)" joined
    assert [h for _, h in sections] == ["3.2 Suggestions for Globalized Strategies"]
    # every piece keeps its original line number
    assert lines[0].number == 1
    i = text.index("(Curran, 2007)")
    piece = max((ln for ln in lines if ln.offset <= i), key=lambda ln: ln.offset)
    assert EXCERPT.read_text(encoding="utf-8").splitlines()[piece.number - 1].strip() in piece.text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("This is commu-\nnication across lines that wrap at a fixed\nwidth in the extracted text of a PDF file\n" * 3, "communication across"),
        ("We study co-\ncreation. Also co-creation again here in a\nline of a PDF that wraps at a fixed width\n" * 3, "co-creation. Also"),
    ],
)
def test_hyphenation(raw, expected):
    text, _, _ = _clean(raw)
    assert expected in text


def test_paragraph_broken_mid_sentence_is_rejoined():
    text, _, _ = _clean("It relied on its\n\nshaping algorithm technology.\n\nNext paragraph.")
    assert "It relied on its shaping algorithm technology." in text
    assert "\n\nNext paragraph." in text


def test_markdown_emphasis_dropped_and_headings_found():
    text, _, sections = _clean("## 2.1 The Reasons\n\nAbstract: *Using TikTok as a focal point*, this.\n", markdown=True)
    assert "Using TikTok as a focal point, this." in text
    assert sections == ((0, "2.1 The Reasons"),)


@pytest.mark.parametrize(
    "line, heading",
    [
        ("#### 1 INTRODUCTION", True),
        ("2.1 The Reasons for TikTok's Popularity", True),
        ("1. Introduction", True),
        ("REFERENCES", True),
        ("1) Mobile evolution: The widespread adoption of smartphones has inclined users.", False),
        ("Data Source: Statista.", False),
        ("In 2017, TikTok started to enter the international market.", False),
        ("the nation's unique cultural output. At the same time,", False),
        ("Works Cited", True),
        ("Literature cited:", True),
        ("Works", False),  # a word of a section name is not one
        ("cited", False),
    ],
)
def test_is_heading(line, heading):
    assert is_heading(line) is heading


WRAP = "a line of wrapped text that is long enough to count as one of many in a column"


@pytest.mark.parametrize(
    "raw, notes, inside, apart",
    [
        # a table that a page break put in the middle of a sentence: the sentence is whole again, the table after it
        (
            [WRAP + ".", WRAP + ".", "These patterns are", "Table 1: Requests by type of official body.", "National ministries 214 41%", "Police and courts 88 22%", "consistent with the findings of [8] and with what we saw in every", WRAP + "."],
            (),
            "These patterns are consistent with the findings of [8]",
            ["Table 1: Requests by type of official body.", "National ministries 214 41% Police and courts 88 22%"],
        ),
        # a footnote (lines given by the PDF reader) is a paragraph of its own
        (
            [WRAP + ",", WRAP + ".", "1 We use the term platform for a company that intermediates", "between producers and viewers.", WRAP + ",", WRAP + "."],
            ((3, 5),),
            "count as one of many in a column. a line",
            ["1 We use the term platform for a company that intermediates between producers and viewers."],
        ),
        # a heading hyphenated over two lines, and "References" on its own
        (
            [WRAP + ".", "2 Infrastructural Per-", "spectives", WRAP + ",", WRAP + ".", "References"],
            (),
            "",
            ["2 Infrastructural Perspectives", "References"],
        ),
    ],
)
def test_pdf_blocks_kept_out_of_sentences(raw, notes, inside, apart):
    text, _, sections = clean_lines(list(enumerate(raw * 1 + [WRAP + "."] * 6, 1)), notes=notes)
    paras = text.split("\n\n")
    assert inside in text
    for block in apart:
        assert block in paras
