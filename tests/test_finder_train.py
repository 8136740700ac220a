"""Tests of the finder's training data reader and training on a small labelled document."""

from __future__ import annotations

from pathlib import Path

import pytest

from citegraph.finder import Finder
from citegraph.finder.data import read_ttx_text
from citegraph.finder.train import train_model, variants

TTX = """title         | A Study of Things
blank         |
text          | This is the body of the document, which talks about things at
              | length and cites others (Smith, 2019) as it goes along.
              | More body text follows here, and it ends with a period.
title         | References
ref           | Smith, J. (2019). Things and their uses. Journal of Things,
              |   3(2), 1-10.
ref           | Doe, K., and Roe, P. (2020). More things. Press.
meta          |                                   12
"""


def test_read_ttx_propagates_labels() -> None:
    lines = read_ttx_text(TTX)
    assert [ln.label for ln in lines] == ["title", "blank", "text", "text", "text", "title", "ref", "ref", "ref", "meta"]
    assert [ln.starts for ln in lines][6:9] == [True, False, True]
    assert lines[7].text == "  3(2), 1-10."


def test_variants_include_reflowed_document() -> None:
    reflowed = variants(read_ttx_text(TTX))[2]
    refs = [ln.text for ln in reflowed if ln.label == "ref"]
    assert refs == ["- Smith, J. (2019). Things and their uses. Journal of Things, 3(2), 1-10.", "- Doe, K., and Roe, P. (2020). More things. Press."]
    assert not any(ln.label == "meta" for ln in reflowed)


@pytest.mark.parametrize("copies", [3])
def test_train_and_tag(tmp_path: Path, copies: int) -> None:
    path = tmp_path / "m.crfsuite"
    train_model([read_ttx_text(TTX)] * copies, str(path))
    doc = read_ttx_text(TTX)
    labels = Finder(str(path)).labels([ln.text for ln in doc])
    assert labels[6:9] == ["ref", "ref", "ref"]
    assert labels[2] == "text"


def test_missing_model_falls_back_on_heading_rules(tmp_path: Path) -> None:
    finder = Finder(str(tmp_path / "absent.crfsuite"))
    lines = ["Body text (Smith, 2019).", "", "References", "", "Smith, J. (2019). Things. Press.", "Doe, K. (2020). More. Press."]
    assert finder.sections(lines) == [(4, 6)]
