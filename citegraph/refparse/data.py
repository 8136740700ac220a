"""Reading the AnyStyle parser training data and splitting it deterministically.

Each ``<sequence>`` of ``parser/*.xml`` is one reference string whose fields
are child elements (``<author>``, ``<title>``...). A sequence becomes a list
of ``(label, text)`` segments; the reference string is the segments joined by
single spaces. The train/test split is a hash of that string, so it is stable
across runs and machines and the test part is never seen by training.
"""

from __future__ import annotations

import hashlib
import os
import xml.etree.ElementTree as ET
from typing import Iterable, Iterator

from ..datasets import anystyle_dir

__all__ = [
    "DATA_DIR",
    "LABELS",
    "Segments",
    "read_xml",
    "load_sequences",
    "is_test",
    "split",
    "joined",
]

#: Where the AnyStyle parser data lives (``$CITEGRAPH_ANYSTYLE_DIR/parser``, default ``../shared/data/anystyle/parser``).
DATA_DIR = anystyle_dir("parser")

#: The labels the model predicts; rare AnyStyle tags are folded into these.
LABELS = (
    "citation-number", "author", "editor", "translator", "date", "title", "journal",
    "container-title", "collection-title", "volume", "pages", "publisher", "location",
    "edition", "genre", "note", "url", "doi",
)

_FOLD = {
    "director": "author",
    "producer": "note",
    "medium": "note",
    "source": "note",
    "isbn": "note",
}

Segments = list[tuple[str, str]]


def _clean(text: str) -> str:
    return " ".join(text.split())


def read_xml(path: str) -> Iterator[Segments]:
    """Yield each sequence of one AnyStyle XML file as ``(label, text)`` segments."""
    root = ET.parse(path).getroot()
    for seq in root.iter("sequence"):
        segs: Segments = []
        for el in seq:
            text = _clean("".join(el.itertext()))
            if not text:
                continue
            label = _FOLD.get(el.tag, el.tag)
            if label not in LABELS:
                label = "note"
            segs.append((label, text))
        if segs:
            yield segs


def load_sequences(files: Iterable[str] = ("core.xml", "good.xml", "bad.xml"), data_dir: str | None = None) -> list[Segments]:
    """All sequences of the given files (deduplicated on their text, first kept)."""
    seen: set[str] = set()
    out: list[Segments] = []
    for name in files:
        for segs in read_xml(os.path.join(data_dir or DATA_DIR, name)):
            key = joined(segs)
            if key in seen:
                continue
            seen.add(key)
            out.append(segs)
    return out


def joined(segs: Segments) -> str:
    """The reference string of a sequence."""
    return " ".join(text for _, text in segs)


def is_test(text: str, percent: int = 15) -> bool:
    """Whether a reference string belongs to the held-out test split (stable hash)."""
    digest = hashlib.sha1(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def split(seqs: list[Segments]) -> tuple[list[Segments], list[Segments]]:
    """``(train, test)`` by :func:`is_test` on each sequence's text."""
    train: list[Segments] = []
    test: list[Segments] = []
    for segs in seqs:
        (test if is_test(joined(segs)) else train).append(segs)
    return train, test
