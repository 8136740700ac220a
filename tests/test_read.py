"""The read stage: documents in, clear problems for anything that is not one."""

from __future__ import annotations

import pytest

from citegraph.stages.read import doc_id_for, read, read_bytes

from .conftest import MIAO


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n \t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "not-text"),
        ("nul.md", b"hello\x00world" * 100, "not-text"),
        ("fake.pdf", b"%PDF-1.4 this is not really a pdf", "unreadable"),
    ],
)
def test_not_a_document_is_one_problem_naming_the_file(name, data, code):
    x = read_bytes(name, data)
    assert x.raw_lines == ()
    assert [p.code for p in x.problems] == [code]
    assert str(x.problems[0]).startswith(name)


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Caf\u00e9 culture\nline two".encode("utf-8"), ("Caf\u00e9 culture", "line two")),
        ("\ufeffBOM first\r\nsecond".encode("utf-8"), ("BOM first", "second")),
        ("UTF-16 text\nok".encode("utf-16"), ("UTF-16 text", "ok")),
        ("na\u00efve quote \u2019".encode("cp1252"), ("na\u00efve quote \u2019",)),
    ],
)
def test_text_encodings(data, expected):
    x = read_bytes("doc.txt", data)
    assert x.raw_lines == expected
    assert not x.problems


def test_missing_file_is_a_problem(tmp_path):
    x = read(str(tmp_path / "nope.txt"))
    assert x.problems[0].code == "unreadable"


def test_reading_never_modifies_the_input(tmp_path):
    p = tmp_path / "paper.md"
    p.write_bytes(MIAO.read_bytes())
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    x = read(str(p))
    assert len(x.raw_lines) == len(MIAO.read_text(encoding="utf-8").splitlines())
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_pdf_text_layer(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 250 Td (Media studies since Curran, 2007.) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    path = tmp_path / "doc.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    x = read(str(path))
    assert x.fmt == "pdf" and not x.problems
    assert "Curran, 2007" in " ".join(x.raw_lines)


@pytest.mark.parametrize("path, expected", [("Miao 2025 Global.PDF", "miao-2025-global"), ("/a/b/x_y.md", "x-y"), ("!!.txt", "document")])
def test_doc_id(path, expected):
    assert doc_id_for(path) == expected


# --- typeset PDFs: running heads, page numbers, footnotes, ligatures ---------------------------------

from pathlib import Path  # noqa: E402

from citegraph.stages.read import PdfLine, pdf_lines  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "pdf_heads_notes.pdf"  # source: benchmarks/data/pdf/fixtures/heads_notes.tex


@pytest.fixture(scope="module")
def typeset():
    from citegraph.pipeline import extract

    return extract(str(FIXTURE))


@pytest.mark.parametrize(
    "check",
    [
        "title",
        "references",
        "citation linked",
        "no running head",
        "no page number",
        "footnote apart",
        "hyphenation across lines",
    ],
)
def test_typeset_pdf_reads_as_the_paper(typeset, check):
    x = typeset
    if check == "title":
        assert x.document.csl["title"] == "Platform Governance and the Decline of Local News"
    elif check == "references":
        assert len(x.references) == 8
    elif check == "citation linked":
        c = next(c for c in x.citations if c.marker.startswith("Rashidian"))
        ref = next(r for r in x.references if r.id == c.references[0])
        assert c.status == "resolved" and ref.raw.startswith("Rashidian, N.")
    elif check == "no running head":
        assert "NEWSROOMS AND PLATFORMS" not in x.text and not any("NEWSROOMS" in ln for ln in x.raw_lines)
    elif check == "no page number":
        assert "asymmetric dependence. Rashidian et al. (2018) interviewed" in x.text
    elif check == "footnote apart":
        assert "\n\n1 We call ranking criteria the signals and weights that decide the order of a feed.\n\n" in x.text
        assert "rank it.1 Researchers have therefore" in x.text  # the sentence after the mark is not interrupted
    elif check == "hyphenation across lines":
        assert "the governance of platforms" in x.text and "gov- ernance" not in x.text


def _page(*rows: str, size: float = 10.0) -> list[PdfLine]:
    """Lines of one page; a row "small:text" is footnote-sized, with a small mark."""
    out = []
    for r in rows:
        if r.startswith("small:"):
            out.append(PdfLine(r[6:], 8.0, 6.0 if r[6:7].isdigit() else 8.0))
        else:
            out.append(PdfLine(r, size, size))
    return out


BODY = ["The first line of the body text on this page runs on and", "on until it stops in the middle of a sentence that goes"]


def _body(n: int) -> list[str]:
    return [f"{s} (page {'abc'[n]})" for s in BODY]


@pytest.mark.parametrize(
    "pages, absent, present",
    [
        # the same head on every page, with the page number glued on either side
        ([_page("JOURNAL OF THINGS 1", *_body(0)), _page("2 JOURNAL OF THINGS", *_body(1)), _page("JOURNAL OF THINGS 3", *_body(2))], ["JOURNAL"], _body(1)),
        # bare page numbers and "Page n of m" feet
        ([_page(*_body(0), "1"), _page(*_body(1), "2"), _page(*_body(2), "Page 3 of 3")], ["1", "2", "Page 3 of 3"], _body(2)),
        # a page that ends on a numeric citation keeps it
        ([_page(*_body(0), "the policies of platforms [7, 3]."), _page(*_body(1), "2"), _page(*_body(2), "3")], ["2", "3"], ["the policies of platforms [7, 3]."]),
        # a one-page document keeps everything
        ([_page("A Title", *BODY, "1")], [], ["A Title", "1"]),
    ],
)
def test_pdf_furniture_removed(pages, absent, present):
    lines, meta = pdf_lines(pages)
    for s in absent:
        assert not any(s in ln for ln in lines) if s.isalpha() else s not in lines
    for s in present:
        assert s in lines
    assert meta["pages"] == len(pages)


def test_footnote_moved_after_the_sentence_it_interrupts():
    pages = [
        _page("Body text of the first page that mentions a point.1 And then", "the sentence runs on to the next page", "small:1Footnote text that explains", "small:the point in some detail."),
        _page("where it ends. A new sentence follows here on the page", "and this is its end."),
    ]
    lines, meta = pdf_lines(pages)
    assert lines == (
        "Body text of the first page that mentions a point.1 And then",
        "the sentence runs on to the next page",
        "where it ends. A new sentence follows here on the page",
        "and this is its end.",
        "1 Footnote text that explains",
        "the point in some detail.",
    )
    assert meta["notes"] == ((4, 6),)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("the \ufb01rst \ufb02ow of e\ufb00ort", "the first flow of effort"),
        ("Luc\u00b4\u0131a M\u00a8oller", "Luc\u00eda M\u00f6ller"),
        ("com\u00admunication", "communication"),
        ("commu\u00ad", "commu-"),
    ],
)
def test_pdf_glyphs_fixed(raw, expected):
    lines, _ = pdf_lines([[PdfLine(raw, 10.0, 10.0)]])
    assert lines == (expected,)


def _notes_page(body_end: str) -> list[list[PdfLine]]:
    """A footnote at the foot of page 1; page 2 goes on with a line that ends with ``body_end``, then a sentence."""
    return [
        _page("The body text of the first page says something about the", "engagement figures that arrive within", "small:5Footnote text that explains it."),
        _page(f"some minutes of {body_end}", "The next page goes on with a sentence that stops at its end."),
    ]


@pytest.mark.parametrize(
    "body_end, note_at",
    [
        ("publication.", 3),
        ("publication.5", 3),  # a note mark after the full stop
        ("publication.\u201d5", 3),
        ("publication (Gans, 1979).12", 3),
        ("publication in 2021.6", 3),
        ("publication.\u2020", 3),
        ("an effect of 0.35", 4),  # a decimal number ends no sentence
        ("publication", 4),
    ],
)
def test_footnote_flushed_at_the_first_sentence_end(body_end, note_at):
    lines, meta = pdf_lines(_notes_page(body_end))
    assert lines[note_at] == "5 Footnote text that explains it."
    assert meta["notes"] == ((note_at, note_at + 1),)
    assert meta["note_pages"] == (0,)


def _foot_page(foot: PdfLine, note_ys=(84.1, 71.8, 62.4)) -> list[PdfLine]:
    notes = ["3Proposals of this kind have been discussed in several Eu-", "ropean parliaments but none had been adopted at the time of", "writing."]
    return [
        *(PdfLine(f"A body line of the page, number {k}, in the size of the body text and long", 10.0, 10.0, 700.0 - 12 * k) for k in range(4)),
        PdfLine("A body line that stops at the end of the sentence.3", 10.0, 10.0, 640.0),
        *(PdfLine(t, 8.0, 6.0 if k == 0 else 8.0, y) for k, (t, y) in enumerate(zip(notes, note_ys))),
        foot,
    ]


NAN = float("nan")


@pytest.mark.parametrize(
    "foot, note_ys, dropped",
    [
        (PdfLine("Media and Society Review", 8.0, 8.0, 32.5), (84.1, 71.8, 62.4), True),  # far below the note
        (PdfLine("Media and Society Review", 8.0, 8.0, 52.9), (84.1, 71.8, 62.4), False),  # the next line of the note
        (PdfLine("Media and Society Review", 8.0, 8.0), (NAN, NAN, NAN), True),  # no baselines: a short line after a sentence
        (PdfLine("and this goes on to the end.", 8.0, 8.0), (NAN, NAN, NAN), False),
    ],
)
def test_running_foot_below_a_footnote_is_dropped(foot, note_ys, dropped):
    lines, meta = pdf_lines([_foot_page(foot, note_ys)])
    (a, b), = meta["notes"]
    assert ("Media and Society Review" in lines) is (not dropped and "Media" in foot.text)
    assert lines[b - 1] == (foot.text if not dropped else "writing.")
    assert not any(foot.text in ln for ln in lines[:a])  # never glued to the body either


def test_note_pages_and_line_sizes():
    pages = [
        _page("The first page has one sentence that ends here.1", "small:1A note on the first page."),
        _page("The second page has its own sentence that ends.2", "small:2A note on the second page.", size=12.0),
        _page("A third page of body text that goes on and on.", "More body text in the body's size, to be the most.", "And more of it."),
    ]
    lines, meta = pdf_lines(pages)
    assert meta["note_pages"] == (0, 1)
    assert [lines[a] for a, _ in meta["notes"]] == ["1 A note on the first page.", "2 A note on the second page."]
    assert meta["line_sizes"] == (10.0, 12.0, 8.0, 10.0, 8.0, 10.0, 10.0)  # each note after the next sentence end
    assert len(meta["line_sizes"]) == len(lines)
    assert meta["body_size"] == 10.0


def test_typeset_pdf_meta_sizes(typeset):
    m = typeset.meta
    assert len(m["line_sizes"]) == len(typeset.raw_lines)
    assert m["body_size"] == 10.0 and m["line_sizes"][0] == 10.0  # the title is in the body's size here
    assert len(m["note_pages"]) == len(m["notes"]) and all(0 <= p < m["pages"] for p in m["note_pages"])
