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
    ],
)
def test_is_heading(line, heading):
    assert is_heading(line) is heading
