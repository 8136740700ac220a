"""Line-end hyphenation, shared by body text and reference entries."""

from __future__ import annotations

import pytest

from citegraph.finder.split import join_lines
from citegraph.hyphenation import keep_hyphen, vocabulary

DOC = vocabulary(["a two-sided market", "co-creation of value", "information flows"])


@pytest.mark.parametrize(
    "head, tail, vocab, keep",
    [
        ("commu", "nication in a", DOC, False),
        ("two", "sided markets", DOC, True),  # the document writes "two-sided"
        ("two", "sided markets", frozenset(), False),  # nothing says otherwise: a soft hyphen
        ("co", "creation", DOC, True),
        ("informa", "tion flows", DOC, False),
        ("Li, T.J.", "J., Wu", DOC, True),  # initials
        ("1009", "1025", DOC, True),  # a page range
        ("system", "on-a-chip design", DOC, True),  # the next word has hyphens of its own
        ("Sino", "American", DOC, True),  # a capital after the break
    ],
)
def test_keep_hyphen(head, tail, vocab, keep):
    assert keep_hyphen(head, tail, vocab) is keep


def test_reference_entries_use_the_document_words():
    parts = ["Rochet, J.-C. (2003). Platform competition in two-", "sided markets. Journal 1(4): 990–1029."]
    assert "two-sided markets" in join_lines(parts, DOC)
    assert "twosided markets" in join_lines(parts)
