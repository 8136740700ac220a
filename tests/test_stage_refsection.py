"""Tests of the ``refsection`` stage: reference list -> Reference records with ids, spans and labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.model import Document, Extraction
from citegraph.resources import Resources
from citegraph.stages import refsection

CORPUS = Path(__file__).resolve().parents[1] / "references"


def _run(name: str, document: Document | None = None) -> tuple[Extraction, Extraction]:
    path = CORPUS / name
    x = Extraction(path=str(path), raw_lines=tuple(path.read_text(encoding="utf-8").splitlines()), document=document)
    return x, refsection.run(x, Resources())


@pytest.mark.parametrize(
    ("name", "count", "first_line", "first_raw", "labels", "problems"),
    [
        ("miao-2025-global-promotion.md", 20, 114, "Alhabash, S., & Ma, M. 2017.", None, []),
        ("hu-liang-2023-tiktok-international-communication.md", 5, 103, "[1] Xu, X.D.", ["1", "2", "3", "4", "5"], []),
        ("fan-2025-china-daily-apps-urged.txt", 0, 0, "", None, []),
        ("miao-2025-global-promotion-pdf-excerpt.txt", 0, 0, "", None, ["no-references"]),
    ],
)
def test_sample_corpus(name: str, count: int, first_line: int, first_raw: str, labels: list | None, problems: list) -> None:
    x, out = _run(name)
    assert len(out.references) == count
    assert [p.code for p in out.problems] == problems
    assert x.references == () and x.problems == ()  # the input is not changed
    if not count:
        assert out.ref_section is None
        return
    stem = Path(name).stem
    assert [r.id for r in out.references] == [f"{stem}:{n}" for n in range(1, count + 1)]
    first = out.references[0]
    assert first.source.line == first_line and first.source.file == x.path
    assert first.raw.startswith(first_raw)
    assert x.raw_lines[first.source.line - 1].lstrip("- ").startswith(first_raw[:10])
    start, end = out.ref_section
    assert start == first_line - 1 and end == len(x.raw_lines)
    assert not any("REFERENCES" in r.raw or r.raw == "References" for r in out.references)
    if labels is not None:
        assert [r.label for r in out.references] == labels


def test_document_id_is_used() -> None:
    doc = Document(id="miao2025", path="p", kind="paper", csl={})
    _, out = _run("miao-2025-global-promotion.md", doc)
    assert out.references[0].id == "miao2025:1" and out.references[-1].id == "miao2025:20"


def _chapter_doc() -> list[str]:
    prose = "This chapter discusses platform adoption in several markets and compares the results (Smith, 2019)."
    lines: list[str] = []
    for chapter, n in ((1, 3), (2, 6)):
        lines += [f"Chapter {chapter}", ""] + [prose] * 8 + ["", "References", ""]
        lines += [f"Author{k}, A. ({2000 + k}). Title number {k}. Journal of Things, {k}, 1-9." for k in range(n)]
        lines += [""]
    return lines


def test_several_lists_all_entries_main_section() -> None:
    lines = tuple(_chapter_doc())
    out = refsection.run(Extraction(path="/tmp/thesis.txt", raw_lines=lines), Resources())
    assert len(out.references) == 9
    assert [r.id for r in out.references][:2] == ["thesis:1", "thesis:2"]
    start, end = out.ref_section  # the longer, second list
    assert lines[start].startswith("Author0") and start > 20 and end - start == 6


@pytest.mark.parametrize(
    ("lines", "codes"),
    [
        (("A news story about apps.", "Nobody is cited here."), []),
        (("A paper that cites [1] and more.", "No list follows."), ["no-references"]),
        (("As Smith (2020) argued, platforms grow.",), ["no-references"]),
    ],
)
def test_no_references_problem(lines: tuple, codes: list) -> None:
    out = refsection.run(Extraction(path="/tmp/a.txt", raw_lines=lines), Resources())
    assert [p.code for p in out.problems] == codes and out.references == ()
