"""Line-end hyphenation: is "commu-" + "nication" one word, or "co-" + "creation" a compound?

Used for body text (``stages/clean.py``) and for wrapped reference entries
(``finder/split.py``). The document's own words decide when they can: a
hyphenated form seen elsewhere in the document ("co-creation") keeps its
hyphen unless the joined form is seen too.
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["vocabulary", "keep_hyphen"]

_WORD = re.compile(r"[A-Za-z][A-Za-z-]{1,40}")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The lower-cased words (hyphenated ones included) of some lines of text."""
    words: set[str] = set()
    for t in texts:
        words.update(w.lower() for w in _WORD.findall(t))
    return frozenset(words)


def keep_hyphen(head: str, tail: str, vocab: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a line ending in ``head`` + "-" and the next line starting with ``tail`` keep the hyphen.

    ``head`` is the line's last word without the hyphen, ``tail`` the next
    line's first word. The hyphen stays unless the break is inside a
    lower-case word: after a capital or a digit ("T.J.-J.", "1009-"), before
    a word with hyphens of its own ("system-on-a-chip"), or when the
    document writes the word hyphenated and never joined.
    """
    if not head[-1:].isalpha() or not head[-1:].islower() or not tail[:1].islower():
        return True
    first = tail.split(" ", 1)[0]
    if "-" in first:
        return True
    word = re.match(r"[a-z]{1,40}", first)
    if not word or not vocab:
        return False
    h = re.search(r"[A-Za-z]{1,40}$", head)
    joined, hyphened = (h.group(0) + word.group(0)).lower() if h else "", f"{h.group(0) if h else ''}-{word.group(0)}".lower()
    return hyphened in vocab and joined not in vocab
