"""Augmented training strings: each style's labels cover the whole string and come from the entry's own fields."""

from __future__ import annotations

import random

import pytest

from citegraph.refparse import augment_styles as st
from citegraph.refparse.augment import augment

NAMES = [{"family": "Doe", "given": "Jane Ann"}, {"family": "Roe", "given": "Rick"}]
EDITORS = [{"family": "Editor", "given": "Eve"}]
CHAPTER = {
    "names": NAMES, "editors": EDITORS, "year": "2001", "title": "A chapter", "container": "The Big Book",
    "chapter": True, "journal": False, "volume": "", "issue": "", "pages": "1–20", "publisher": "Springer", "place": "Berlin",
}
CONF = dict(CHAPTER, container="Proceedings of the 5th Workshop on Things", pages="", publisher="", place="Oslo, Norway")


def _labels(segs):
    return {label for label, _ in segs}


@pytest.mark.parametrize("seed", range(14))
def test_chapter_styles_label_book_editor_and_publisher(seed):
    segs = st.chapter_styles(CHAPTER, EDITORS, random.Random(seed), 3)
    got = dict((label, text) for label, text in segs)
    assert {"author", "title", "container-title", "editor", "publisher", "pages"} <= _labels(segs)
    assert "The Big Book" in got["container-title"] and "Springer" in got["publisher"] and "Editor" in got["editor"].upper().title()


@pytest.mark.parametrize("seed", range(6))
def test_presented_names_the_conference_not_the_proceedings(seed):
    segs = st.presented(CONF, random.Random(seed))
    cont = dict(segs)["container-title"]
    assert ("presented at" in cont or "presentation at" in cont) and "Workshop on Things" in cont and "Proceedings" not in cont


def test_presented_needs_a_conference():
    assert st.presented(CHAPTER, random.Random(0)) is None


@pytest.mark.parametrize("seed", range(6))
def test_thesis_and_report_put_the_institution_in_publisher(seed):
    t = dict(st.thesis(CHAPTER, "University of Oslo", "Oslo", random.Random(seed)))
    assert "University of Oslo" in t["publisher"] and ("thesis" in t["genre"] or "diss" in t["genre"])
    r = dict(st.report(CHAPTER, "World Bank", random.Random(seed)))
    assert "World Bank" in r["publisher"] and "A chapter" in r["title"]


def test_augment_is_deterministic_and_uses_only_its_input():
    train = [[("author", "Doe, J."), ("date", "(2001)."), ("title", "A chapter."), ("editor", "In E. Editor (Ed.),"),
              ("container-title", "The Big Book"), ("pages", "(pp. 1–20)."), ("location", "Berlin:"), ("publisher", "Springer.")]] * 30
    a, b = augment(train), augment(train)
    assert a == b and len(a) > 10
    for segs in a:
        got = dict(segs)
        assert "A chapter" in got["title"].replace("*", "")
        assert "Big Book" in got.get("container-title", got.get("journal", "The Big Book"))
