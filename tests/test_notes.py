"""Notes-bibliography style (Chicago notes): notes sections, note markers, what each note cites, the whole pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.citefind.notelist import find_notes, is_notes_heading
from citegraph.citefind.notes import find_note_markers
from citegraph.citefind.noteworks import resolve_notes, split_note
from citegraph.model import Reference, Span
from citegraph.pipeline import extract
from citegraph.resources import Resources

LABELS = {str(i) for i in range(1, 8)}


@pytest.mark.parametrize(
    "line,expected",
    [("Notes", True), ("## Endnotes", True), ("FOOTNOTES", True), ("Notes to Chapter 2", True), ("3. Notes", True),
     ("Notes on method are below.", False), ("Bibliography", False), ("Field notes were taken daily", False)],
)
def test_notes_heading(line: str, expected: bool) -> None:
    assert is_notes_heading(line) is expected


NOTE_LISTS = [
    # numbered notes, wrapped; a wrapped line starting with a number is not a note; the bibliography ends the section
    (["Body.", "", "Notes", "", "1. James Curran, Media and Power (London:", "Routledge, 2002), 45.",
      "2. Ibid., 47.", "22, no. 6 (2019): 1-3.", "", "Bibliography", "", "Curran, James. Media and Power. 2002."],
     [("1", 4, "James Curran, Media and Power (London: Routledge, 2002), 45."), ("2", 6, "Ibid., 47. 22, no. 6 (2019): 1-3.")]),
    # numbers without a period, and Unicode superscript labels
    (["NOTES", "1 Curran, Media and Power, 45.", "2 Ibid."], [("1", 1, "Curran, Media and Power, 45."), ("2", 2, "Ibid.")]),
    (["Notes", "¹ Curran, Media and Power, 45.", "² Ibid."], [("1", 1, "Curran, Media and Power, 45."), ("2", 2, "Ibid.")]),
    # Markdown definitions with a lazy and an indented continuation
    (["Text.[^1]", "", "[^1]: First note", "continued here.", "", "    Second paragraph.", "[^two]: Ibid."],
     [("1", 2, "First note continued here. Second paragraph."), ("two", 6, "Ibid.")]),
    # a "Notes" heading over prose is no notes section
    (["Notes", "", "The interviews were recorded in 2021 and transcribed by hand."], []),
]


@pytest.mark.parametrize("lines,expected", NOTE_LISTS)
def test_find_notes(lines: list[str], expected: list[tuple]) -> None:
    got = [(n.label, n.line, n.text) for sec in find_notes(lines) for n in sec.notes]
    assert got == expected


MARKERS = [
    ("Platforms govern.¹ They moderate,² and rank.³", ["¹", "²", "³"]),
    ("Platforms govern.[^1] They moderate[^2] and [^x]: no.", ["[^1]", "[^2]"]),
    ("Platforms govern.<sup>1</sup> They moderate.^2^", ["^1", "^2"]),
    # trailing numbers: in sequence, after a word and punctuation, never a page, decimal or count
    ('In the 2010s.1 It was "necessity,"2 see p.3 and version 2.5 and 4.4 and A.3 here,3 then 1941.5 and done.4',
     ["1", "2", "3", "4"]),
    ("The count was 12. Then 660 stations, 341 networks.", []),
]


@pytest.mark.parametrize("text,expected", MARKERS)
def test_note_markers(text: str, expected: list[str]) -> None:
    assert [f.marker for f in find_note_markers(text, LABELS)] == expected


@pytest.mark.parametrize(
    "note,expected",
    [
        ("Ibid., 112. For the scarcity rationale, see Thomas Streeter, Selling the Air (Chicago: UCP, 1996), 219.",
         ["Ibid., 112.", "For the scarcity rationale, see Thomas Streeter, Selling the Air (Chicago: UCP, 1996), 219."]),
        ("Gillespie, Custodians, 45; Kate Klonick, \"The New Governors,\" HLR 131 (2018).",
         ["Gillespie, Custodians, 45", "Kate Klonick, \"The New Governors,\" HLR 131 (2018)."]),
        ("Robert W. McChesney, Telecommunications (New York: Oxford; U.S. ed., 1993), 18.",
         ["Robert W. McChesney, Telecommunications (New York: Oxford; U.S. ed., 1993), 18."]),
    ],
)
def test_split_note(note: str, expected: list[str]) -> None:
    assert split_note(note) == expected


def _ref(rid: str, raw: str, label: str | None = None, title: str = "") -> Reference:
    return Reference(rid, raw, {"id": rid, "title": title} if title else {"id": rid}, Span("d.txt", int(rid.split(":")[1])), label)


BIB = [
    _ref("d:20", "Curran, James. Media and Power. London: Routledge, 2002.", title="Media and Power"),
    _ref("d:21", "Curran, James. Power without Responsibility. London: Routledge, 2010.", title="Power without Responsibility"),
    _ref("d:22", "Baym, Nancy K. Personal Connections in the Digital Age. Cambridge: Polity, 2010.",
         title="Personal Connections in the Digital Age"),
]

RESOLVE = [
    ("James Curran, Media and Power (London: Routledge, 2002), 45.", [("resolved", ("d:20",), "45")]),
    ("Curran, Power without Responsibility, 12.", [("resolved", ("d:21",), "12")]),
    ("Ibid., 50.", [("resolved", ("d:21",), "50")]),
    ("Ibid.", [("resolved", ("d:21",), "")]),
    ("Baym, 12.", [("resolved", ("d:22",), "12")]),  # the author alone: one work by her
    ("Curran, 12.", [("ambiguous", ("d:20", "d:21"), "12")]),  # two works by him
    ("See, for example, Susan Smulyan, Selling Radio (Washington, DC: Smithsonian, 1994), 125.", [("resolved", ("d:7",), "125")]),
    ("Smulyan, Selling Radio, 130.", [("resolved", ("d:7",), "130")]),
    ("This is a point about emphasis, not a charge of neglect; several authors note it in passing.", []),
    ("Berry, \"Part of the Establishment,\" 12.", [("dangling", (), "12")]),
    ("Gillespie makes the same point about YouTube in 2018.", []),
]


def test_resolve_notes_sequence() -> None:
    notes = [_ref(f"d:{i}", text, str(i)) for i, (text, _) in enumerate(RESOLVE, 1)]
    by_label, works = resolve_notes(notes, BIB)
    for i, (_, expected) in enumerate(RESOLVE, 1):
        assert [(c.status, c.ids, c.locator) for c in by_label[str(i)]] == expected, RESOLVE[i - 1][0]
    assert [w.id for w in works] == ["d:7"]
    assert works[0].raw.startswith("Susan Smulyan, Selling Radio")


def test_ibid_after_commentary_goes_back_to_the_last_citing_note() -> None:
    notes = [_ref("d:1", "Baym, Personal Connections, 3.", "1"), _ref("d:2", "A comment with no source at all.", "2"),
             _ref("d:3", "Ibid.", "3")]
    by_label, _ = resolve_notes(notes, BIB)
    assert by_label["2"] == [] and by_label["3"][0].ids == ("d:22",)


DOC = """Platform Governance

Moderation is old.1 Its scale is new.2 The point is contested.3 Ibid notes follow.4 See the last one.5

Notes

1. Tarleton Gillespie, Custodians of the Internet (New Haven: Yale University Press, 2018), 5.
2. Federal Communications Commission, Report on Chain Broadcasting (Washington, DC: GPO, 1941), 91.
3. This is commentary only.
4. Ibid., 92.
5. Douglas, Inventing American Broadcasting, 301.

Bibliography

Gillespie, Tarleton. Custodians of the Internet. New Haven: Yale University Press, 2018.
Gorwa, Robert. "What Is Platform Governance?" Information, Communication & Society 22 (2019): 854-71.
"""

MD_DOC = """# Intimacy

Jane Doe, University of Somewhere, 2024

## Introduction

This article compares two media across a century of listening and asks what their intimacy is made of.

It draws on archives, interviews and the trade press of both periods, read side by side.

## Radio and podcasting

Radio was intimate.[^1] So is podcasting, and listeners say so in interviews.[^2]

The data say so too: res[3] is high in every sample we drew.[^3]

[^1]: Jason Loviglio, *Radio's Intimate Public* (Minneapolis: University of Minnesota Press, 2005), xv.
[^2]: Loviglio, *Radio's Intimate Public*, 3.
[^3]: Ibid., 4.

## Bibliography

Loviglio, Jason. *Radio's Intimate Public*. Minneapolis: University of Minnesota Press, 2005.
"""


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def _run(tmp_path: Path, name: str, text: str, res: Resources):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return extract(str(p), res)


def test_plain_text_notes_document(tmp_path: Path, res: Resources) -> None:
    x = _run(tmp_path, "notes.txt", DOC, res)
    got = [(c.key.number, c.status, [x.references[[r.id for r in x.references].index(i)].raw[:12] for i in c.references]) for c in x.citations]
    assert got == [
        (1, "resolved", ["Gillespie, T"]),
        (2, "resolved", ["Federal Comm"]),  # the note itself is the reference
        (4, "resolved", ["Federal Comm"]),
        (5, "dangling", []),
    ]
    assert len(x.references) == 3  # two bibliography entries + one work only a note cites; no note duplicates
    assert "Federal Communications Commission, Report" not in x.text and "commentary only" not in x.text
    codes = sorted((p.code, p.line) for p in x.problems if p.code in ("dangling", "uncited", "ambiguous"))
    assert codes == [("dangling", 3), ("uncited", 16)]


def test_markdown_footnotes_document(tmp_path: Path, res: Resources) -> None:
    x = _run(tmp_path, "notes.md", MD_DOC, res)
    assert [(c.marker, c.status) for c in x.citations] == [("[^1]", "resolved"), ("[^2]", "resolved"), ("[^3]", "resolved")]
    assert {rid for c in x.citations for rid in c.references} == {x.references[0].id}
    assert len(x.references) == 1 and not [p for p in x.problems if p.code in ("dangling", "uncited")]
    assert "[^1]:" not in x.text


@pytest.mark.parametrize("text", ["word.1 " * 150000, "a,\"" * 300000, "[^" * 400000, "Ibid., " * 150000])
def test_hostile_lines_stay_linear(text: str) -> None:
    find_note_markers(text, LABELS)
    resolve_notes([_ref("d:1", text, "1")], BIB)
    find_notes([text, "Notes", "1. " + text])


# --- PDF footnotes (meta["notes"] from the PDF reader) as the document's notes -------------------------------

from citegraph.citefind.notelist import footnote_sections  # noqa: E402
from citegraph.citefind.notes import find_footnote_marks  # noqa: E402
from citegraph.model import Extraction  # noqa: E402
from citegraph.pipeline import STAGES  # noqa: E402


def _marks(text: str, labels: list[str], notes_at: str = "\n\nNOTES") -> list[tuple[str, str]]:
    """Marks found for ``labels`` whose footnotes all begin where ``notes_at`` begins; (label, 12 chars before)."""
    end = text.find(notes_at) if notes_at in text else len(text)
    found = find_footnote_marks(text, [(lab, end) for lab in labels], [(end, len(text))])
    return [(f.marker, text[max(0, f.start - 12) : f.start]) for f in found]


FOOTNOTE_MARKS = [
    # marks right after punctuation, in sequence; "10" after a comma
    ("Platforms rank it.1 Researchers agree,2 and so do editors.3", ["1", "2", "3"],
     [("1", "rank it."), ("2", "agree,"), ("3", "editors.")]),
    ("It sells,10 and more.11", ["10", "11"], [("10", "It sells,"), ("11", "and more.")]),
    # a page number, a count, a year, a decimal, "p.2", "Table 2" are no marks; the real one is
    ("In 2019 2 people left, p.2 and Table 2 say 2.5 rose.2 Then", ["2"], [("2", "ay 2.5 rose.")]),
    ("Sales rose in 2019.2 And", ["2"], []),
    # a number after the footnotes began is no mark of theirs
    ("Nothing here.\n\nNOTES 1 A note.1 Text", ["1"], []),
    # glued to a word (no punctuation), once in the text; "mp3" written twice is a name, not a mark
    ("As Curran argues1 the press is power.", ["1"], [("1", "urran argues")]),
    ("Files in mp3 and mp3 form.", ["3"], []),
    # a missing mark does not stop the next one
    ("First point.1 Second point without a mark. Third point.3", ["1", "2", "3"], [("1", "First point."), ("3", "Third point.")]),
]


@pytest.mark.parametrize("text,labels,expected", FOOTNOTE_MARKS)
def test_footnote_marks(text: str, labels: list[str], expected: list) -> None:
    got = _marks(text, labels)
    assert [(m, before[-len(b):]) for (m, before), (_, b) in zip(got, expected)] == expected
    assert len(got) == len(expected)


def test_footnote_sections_from_reader_ranges() -> None:
    lines = ["Body text.1", "* Corresponding author.", "1 James Curran, Media and", "Power (London: Routledge, 2002), 45.", "More text."]
    secs = footnote_sections(lines, ((1, 2), (2, 4), (9, 12)))  # a symbol footnote and a range out of bounds are skipped
    assert [(s.start, s.end, [(n.label, n.line, n.text) for n in s.notes]) for s in secs] == [
        (2, 4, [("1", 2, "James Curran, Media and Power (London: Routledge, 2002), 45.")])
    ]


def _pdf(lines: list[str], notes: tuple[tuple[int, int], ...]) -> Extraction:
    """A synthetic PDF extraction as the reader leaves it: footnotes moved after their sentence, ranges in meta."""
    x = Extraction(path="paper.pdf", raw_lines=tuple(lines), fmt="pdf", meta={"pages": 2, "page_starts": (0, 12), "notes": notes})
    for _, stage in STAGES:
        x = stage(x, Resources())
    return x


CHICAGO_PDF = [
    "Platform Power and the Press",  # 0
    "Ingrid Lindahl",
    "1 Introduction",
    "The distribution of news has moved from channels that publishers owned to",
    "channels that platforms rank.1 This shift matters because ranking is never",
    "neutral, and those who produce content learn to anticipate it.2 Editors in 12",
    "newsrooms described this learning as gradual and largely informal.3",
    "1 James Curran, Media and Power (London: Routledge, 2002), 45.",  # 7: footnote 1
    "2 Ibid., 50.",  # 8: footnote 2
    "3 Interviews lasted between forty and ninety minutes and were recorded with",  # 9: footnote 3 (an aside)
    "the consent of the participants.",
    "Newsrooms have long negotiated between the news citizens need and the news",
    "that sells,4 and ranking adds a new and more impatient voice to that debate.",
    "4 Petre, All the News, 60.",  # 13: footnote 4
    "Bibliography",
    "Curran, James. Media and Power. London: Routledge, 2002.",
    "Petre, Caitlin. All the News That's Fit to Click: How Metrics Are Transforming the",
    "Work of Journalists. Princeton: Princeton University Press, 2021.",
]
CHICAGO_NOTES = ((7, 8), (8, 9), (9, 11), (13, 14))


def test_pdf_footnotes_are_the_notes_of_a_chicago_document() -> None:
    x = _pdf(CHICAGO_PDF, CHICAGO_NOTES)
    ids = {r.id: r.raw[:6] for r in x.references}
    got = [(c.marker, c.status, [ids[i] for i in c.references], c.key.locator) for c in x.citations]
    assert got == [("1", "resolved", ["Curran"], "45"), ("2", "resolved", ["Curran"], "50"), ("4", "resolved", ["Petre,"], "60")]
    assert sorted(ids.values()) == ["Curran", "Petre,"]  # the footnotes are no references
    assert "The distribution of news" in x.citations[0].sentence
    assert "Interviews lasted" in x.text  # footnotes stay readable text
    assert not [p for p in x.problems if p.code in ("dangling", "uncited", "no-references")]


AUTHOR_YEAR_PDF = [
    "Museums Online",
    "Ana Castellanos",
    "1 Introduction",
    "Museums select what they show (Bennett, 1995). Social media add a layer to this",
    "process of selection.1 Posts compete for attention (Kidd, 2014) with everything",
    "else, and rankings were not made for museums.2",
    "1 We use the term social media for services on which users publish content.",
    "2 Most institutions are publicly funded; see Kidd (2014) for a comparison.",
    "References",
    "Bennett, T. (1995). The birth of the museum. Routledge.",
    "Kidd, J. (2014). Museums in the new mediascape. Ashgate.",
]


def test_pdf_footnotes_that_are_asides_leave_an_author_year_document_as_it_was() -> None:
    x = _pdf(AUTHOR_YEAR_PDF, ((6, 7), (7, 8)))
    assert [(c.marker, c.status) for c in x.citations] == [
        ("Bennett, 1995", "resolved"), ("Kidd, 2014", "resolved"), ("Kidd (2014)", "resolved")]
    assert [r.raw[:5] for r in x.references] == ["Benne", "Kidd,"]  # no footnote became a reference
    assert not [p for p in x.problems if p.code in ("dangling", "uncited")]
    plain = _pdf(AUTHOR_YEAR_PDF, ())  # the same document read without its footnotes finds the same
    assert [c.marker for c in plain.citations] == [c.marker for c in x.citations]


def test_hostile_footnote_marks_stay_linear() -> None:
    text = "word.1 " * 150000
    find_footnote_marks(text, [(str(i), len(text)) for i in range(1, 400)], [(i * 10, i * 10 + 5) for i in range(1000)])
    find_footnote_marks("argues1 " * 150000, [("1", 10**7)])
