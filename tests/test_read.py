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
