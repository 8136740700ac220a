"""Segment features of the reference-string CRF: what a word's punctuation-delimited segment holds.

A segment is a run of words ended by a word whose last character (closing
quotes and asterisks looked through) is one of ``.,:;)``; a dotted initial
("J.") ends none. Every word of a segment gets the same features: the
dictionaries its words are in ("S:pub", "S:place"...), those of the next
segment ("N:pub"), whether it has a year ("S:year"), its first word when
that announces a field ("Sf=in", "Sf=presented", "Sf=retrieved"...), its
length ("Sl=1".."Sl=5"), and the punctuation ending it and the previous one
("Se=:", "Sp=:"). "Place: Publisher", "In Book," and "(Doctoral
dissertation, University)" are told apart by these more than by any word.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["segment_features"]

_PUNCT = "\"'“”‘’«»„()[]{}<>.,;:!?*_-–—/\\"
#: dictionary bits (a word of the segment is in that list) and "this word ends a segment"
_SEG_BITS = {"pub": 128, "place": 256, "jour": 512, "org": 1024, "genre": 2048, "web": 1 << 14, "ed": 8, "pp": 32}
_SEG_YEAR = 4096
_SEG_END = 8192
#: closing quotes and emphasis looked through for the punctuation ending a segment ("title,”")
_TAIL = "\"'”’»*"
_CUE = 1 << 15
#: first words of a segment that announce its field ("In", "Paper presented at", "Retrieved from"...)
_CUES = frozenset("in paper presented retrieved available accessed doctoral phd ph.d thesis dissertation report technical proceedings vol volume pp edited ed eds unpublished master's masters".split())
#: segment features: the dictionaries met in the word's segment ("S:pub"), in the next one ("N:pub"),
#: the punctuation ending the segment ("Se=:") and the previous one ("Sp=:"), the segment's length ("Sl=3")
_SEG_NAMES = (
    [f"S:{k}" for k in (*_SEG_BITS, "year")] + [f"N:{k}" for k in _SEG_BITS]
    + [f"Sf={w}" for w in _CUES] + [f"Se={c}" for c in ".,:;)"] + [f"Sp={c}" for c in ".,:;)"] + [f"Sl={k}" for k in range(1, 6)]
)
_SEG_MASK = sum(_SEG_BITS.values()) | _SEG_YEAR
_SEG_CACHE: dict[tuple, tuple[bytes, ...]] = {}


def _segment_tuple(const: dict[str, bytes | None], bits: int, next_bits: int, first: str, length: int, prev_ch: str, ch: str) -> tuple[bytes, ...]:
    """The segment features for one combination of segment facts (cached)."""
    key = (bits, next_bits, first, length, prev_ch, ch)
    hit = _SEG_CACHE.get(key)
    if hit is not None:
        return hit
    names = [f"S:{k}" for k, v in _SEG_BITS.items() if bits & v] + [f"N:{k}" for k, v in _SEG_BITS.items() if next_bits & v]
    if bits & _SEG_YEAR:
        names.append("S:year")
    if first:
        names.append("Sf=" + first)
    names.append("Sl=%d" % length)
    if prev_ch:
        names.append("Sp=" + prev_ch)
    if ch:
        names.append("Se=" + ch)
    hit = tuple(x for x in (const.get(k) for k in names) if x)
    if len(_SEG_CACHE) < 50_000:
        _SEG_CACHE[key] = hit
    return hit


def segment_features(const: dict[str, bytes | None], bits: list[int], words: Sequence[str]) -> list[tuple[bytes, ...]]:
    """The segment features of each word; segments end at words ending in ``.,:;)`` (initials aside).

    A word gets: the dictionaries its segment's words are in ("S:pub"), those
    of the next segment ("N:place"), whether the segment has a year, its first
    word if a cue ("Sf=in"), its length (1-5), and the punctuation ending it
    ("Se=:") and the previous one ("Sp=:").
    """
    n = len(words)
    if const.get("Sl=1") is None and const.get("S:pub") is None:
        return [()] * n
    spans: list[tuple[int, int, int]] = []
    start = acc = 0
    for i in range(n):
        b = bits[i]
        acc |= b
        if b & _SEG_END or i == n - 1:
            spans.append((start, i + 1, acc & _SEG_MASK))
            start, acc = i + 1, 0
    out: list[tuple[bytes, ...]] = []
    prev_ch = ""
    last = len(spans) - 1
    get = _SEG_CACHE.get
    for k, (a, b, seg) in enumerate(spans):
        first = words[a].strip(_PUNCT).lower() if bits[a] & _CUE else ""
        ch = words[b - 1].rstrip(_TAIL)[-1:] if bits[b - 1] & _SEG_END else ""
        key = (seg, spans[k + 1][2] & ~_SEG_YEAR if k < last else 0, first, min(b - a, 5), prev_ch, ch)
        t = get(key) or _segment_tuple(const, *key)
        out.extend([t] * (b - a))
        prev_ch = ch
    return out
