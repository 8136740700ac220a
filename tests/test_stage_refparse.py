"""The refparse stage: references get CSL-JSON items; failures become problems, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from citegraph.model import Extraction, Reference, Span
from citegraph.resources import Resources
from citegraph.stages import refparse


def _ref(rid: str, raw: str, label: str | None = None, line: int = 1) -> Reference:
    return Reference(id=rid, raw=raw, csl={}, source=Span("doc.md", line), label=label)


def _x(*refs: Reference) -> Extraction:
    return Extraction(path="doc.md", raw_lines=("x",), references=tuple(refs))


@dataclass(frozen=True)
class _Broken:
    """A resources stand-in whose parser fails on every entry."""

    @property
    def ref_parser(self):
        class P:
            def parse(self, text):
                raise ValueError("boom")

        return P()


@dataclass(frozen=True)
class _NoModel:
    @property
    def ref_parser(self):
        raise FileNotFoundError("no model")


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def test_each_reference_gets_its_item_with_id(res):
    x = _x(_ref("r1", "Chen, G. 2012. The Impact of New Media. China Media Research 8(2): 1–10."), _ref("r2", "[2] Jin, X.P. (2020). *Analysis* [J]. *Audio-visual*, 2020:210-211."))
    out = refparse.run(x, res)
    a, b = out.references
    assert a.csl["id"] == "r1" and a.csl["author"][0]["family"] == "Chen" and a.csl["volume"] == "8"
    assert b.csl["id"] == "r2" and b.csl["citation-number"] == "2" and b.csl["type"] == "article-journal"
    assert a.raw == x.references[0].raw and a.source == x.references[0].source
    assert not out.problems
    assert x.references[0].csl == {}  # input untouched


@pytest.mark.parametrize("label, expected", [("7", "7"), ("12a", "12a"), ("Bais 2010", None), (None, None)])
def test_citation_number_from_label(res, label, expected):
    out = refparse.run(_x(_ref("r", "Smith, J. 2001. A title of a paper. Journal of Things 3: 4-5.", label)), res)
    assert out.references[0].csl.get("citation-number") == expected


@pytest.mark.parametrize("raw", ["", "   "])
def test_empty_entry_is_a_problem(res, raw):
    out = refparse.run(_x(_ref("r", raw, line=9)), res)
    assert [p.code for p in out.problems] == ["empty-reference"]
    assert out.problems[0].line == 9
    assert len(out.references) == 1


@pytest.mark.parametrize("resources, code", [(_Broken(), "unparsed-reference"), (_NoModel(), "refparse-unavailable")])
def test_parser_failures_are_problems(resources, code):
    x = _x(_ref("r", "Smith, J. 2001. A title."))
    out = refparse.run(x, resources)
    assert [p.code for p in out.problems] == [code]
    assert out.references[0].csl == {}


def test_no_references_is_a_no_op(res):
    x = _x()
    assert refparse.run(x, res) is x


def test_textual_label_is_not_parsed_as_a_field_and_names_the_author():
    from citegraph.model import Extraction, Reference, Span
    from citegraph.resources import Resources
    from citegraph.stages.refparse import run

    raw = "[Bar-Yam 2004b] “About Engineering Complex Systems: Multiscale Analysis and Evolutionary Engineering”, Yaneer Bar-Yam; ESOA 2004, LNCS 3464, pp. 16-31."
    x = Extraction(path="d.txt", references=(Reference("d:1", raw, {}, Span("d.txt", 1), "Bar-Yam 2004b"),))
    csl = run(x, Resources()).references[0].csl
    assert csl["citation-label"] == "Bar-Yam 2004b"
    assert "Bar-Yam 2004b" not in csl.get("title", "") and csl["title"].startswith("About Engineering Complex Systems")
    assert csl["author"][0].get("family") == "Bar-Yam" or "Bar-Yam" in str(csl["author"])
    assert csl["issued"]["date-parts"][0][0] == 2004 and csl.get("year-suffix") == "b"
