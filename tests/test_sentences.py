"""Sentence segmentation: abbreviations, initials, decimals, URLs, quotes, headings, hostile input."""

import pytest

from citegraph.stages.sentences import sentence_at, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One sentence. Another one.", ["One sentence.", "Another one."]),
        ("Wan et al. (2025) found this. Next one.", ["Wan et al. (2025) found this.", "Next one."]),
        ("As shown by Wan et al. 2025, it grew. Next.", ["As shown by Wan et al. 2025, it grew.", "Next."]),
        ("Smith et al. The study shows.", ["Smith et al.", "The study shows."]),
        ("Apps, e.g. TikTok, grew. Others, i.e. Vine, died.", ["Apps, e.g. TikTok, grew.", "Others, i.e. Vine, died."]),
        ("The U.S. government acted. Then it stopped.", ["The U.S. government acted.", "Then it stopped."]),
        ("It was banned in the U.S. The ban came later.", ["It was banned in the U.S.", "The ban came later."]),
        ("As J. W. Rettberg argued, selfies matter. Yes.", ["As J. W. Rettberg argued, selfies matter.", "Yes."]),
        ("Dr. Li and Prof. Wang agree. Fine.", ["Dr. Li and Prof. Wang agree.", "Fine."]),
        ("The value rose to 3.14 percent. Next.", ["The value rose to 3.14 percent.", "Next."]),
        ("See https://example.com/a.b?c=1 for data. Then go.", ["See https://example.com/a.b?c=1 for data.", "Then go."]),
        ("Visit www.example.org. Then leave.", ["Visit www.example.org.", "Then leave."]),
        (
            '"These companies should adopt strategies," Zhu said. "They must innovate." He left.',
            ['"These companies should adopt strategies," Zhu said.', '"They must innovate."', "He left."],
        ),
        ('He called it "a precious opportunity." Then he left.', ['He called it "a precious opportunity."', "Then he left."]),
        ("Music Academy, No. 68, Yunjing South Street. Next.", ["Music Academy, No. 68, Yunjing South Street.", "Next."]),
        ("See Fig. 3 and pp. 12-14 of Vol. II. Done.", ["See Fig. 3 and pp. 12-14 of Vol. II.", "Done."]),
        ("The answer was no. The end.", ["The answer was no.", "The end."]),
        ("Apples, pears, etc. The end.", ["Apples, pears, etc.", "The end."]),
        ("Apples, pears, etc. are fruit.", ["Apples, pears, etc. are fruit."]),
        ("Really? Yes! Good.", ["Really?", "Yes!", "Good."]),
        ("Wait... what? Fine.", ["Wait... what?", "Fine."]),
        ("It grew (see above). Next.", ["It grew (see above).", "Next."]),
        ("This is the text. [3] The next one.", ["This is the text. [3]", "The next one."]),
        ("This is cited [3, 4]. The next one.", ["This is cited [3, 4].", "The next one."]),
        ("微博很好。抖音也好！", ["微博很好。", "抖音也好！"]),
        # blank lines always separate units, punctuation or not
        ("Abstract\n\nThis paper studies. It finds things.", ["Abstract", "This paper studies.", "It finds things."]),
        ("1. Introduction\n\nIn the era of globalization.", ["1. Introduction", "In the era of globalization."]),
        ("2.1 The rise of platforms\n\nText here.", ["2.1 The rise of platforms", "Text here."]),
        ("# Title\nBody text here.", ["# Title", "Body text here."]),
        ("- item one\n- item two", ["- item one", "- item two"]),
        # a single line break inside a paragraph does not split
        ("A wrapped line\ncontinues here. Yes.", ["A wrapped line\ncontinues here.", "Yes."]),
        ("", []),
        ("   \n\n  ", []),
        ("No final punctuation", ["No final punctuation"]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["One. Two three. Four!", "  Lead space. x\n\nPara two. End", "A. B. C. The end."])
def test_spans_are_ordered_stripped_and_disjoint(text):
    spans = split_sentences(text)
    assert all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert all(text[s] != " " and text[e - 1] != " " for s, e in spans)


@pytest.mark.parametrize(
    "offset, expected",
    [(0, "First one."), (5, "First one."), (10, "First one."), (11, "Second one here."), (20, "Second one here."), (99, "Third.")],
)
def test_sentence_at(offset, expected):
    text = "First one. Second one here. Third."
    s, e = sentence_at(split_sentences(text), offset)
    assert text[s:e] == expected


def test_sentence_at_no_spans():
    assert sentence_at([], 5) == (0, 0)


@pytest.mark.parametrize(
    "line",
    ["a" * 1_000_000, "Yes. " * 200_000, "A. " * 300_000, "e.g. " * 200_000, "\n" * 1_000_000, "x [1, " * 150_000],
)
def test_hostile_line_terminates(line):
    spans = split_sentences(line)
    assert all(0 <= s < e <= len(line) for s, e in spans)
