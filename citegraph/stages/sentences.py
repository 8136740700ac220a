"""Sentence segmentation for scholarly and news prose.

Survives "et al.", "e.g.", "i.e.", "U.S.", initials ("J. W. Rettberg"),
decimals, URLs, quotes ending with '."', numbered abbreviations ("No. 68",
"pp. 12", "Fig. 3") and CJK full stops. Blank lines always separate units, so
a heading without final punctuation is its own unit; a single line break
separates units only before a list item or markdown heading (or after a
markdown heading), because wrapped lines should already have been joined.

Rule of thumb for an abbreviation or initial followed by a capital letter:
it ends the sentence only when the next word is a common sentence starter
("The", "However", "This"...), so "in the U.S. The" splits and
"J. W. Rettberg" or "Wan et al. (2025)" do not.

Every step is linear: one scan for candidate ends, bounded look-back/-ahead.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["split_sentences", "sentence_at"]

# Never end a sentence (titles before names, Latin abbreviations).
_CONTINUE = frozenset(
    """e.g eg i.e ie cf vs viz dr mr mrs ms mssrs prof rev hon gen gov sen rep sgt capt col lt cmdr
    st mt ft approx ca esp incl excl resp""".split()
)
# Followed by a number (or a roman numeral / single letter): "No. 68", "pp. 12", "Fig. 3", "Vol. II".
_NUMERIC = frozenset(
    """no nos vol vols pp p fig figs eq eqs ch chap sec sect art tab para paras n nn ref refs ser suppl pt pts""".split()
)
# May end a sentence: end it only when a common sentence starter follows.
_MAY_END = frozenset(
    """al etc inc ltd co corp bros dept univ assn ed eds trans jr sr ph.d phd m.a b.a m.sc b.sc
    u.s u.k u.n e.u u.s.a p.r.c a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Words that often start a sentence and rarely follow an abbreviation inside one.
_STARTERS = frozenset(
    """The This These That Those There Their They Then Thus Therefore Hence However Moreover Furthermore
    Further Nevertheless Nonetheless Meanwhile Similarly Likewise Consequently Additionally Also Although
    Though While Whereas When Where Since Because After Before During Despite In On At For From By With
    Without To As It Its We Our Us He She His Her I In Such Some Many Most Several Both Each Every All
    Other Another One Two First Second Third Finally Overall Instead Yet But And Or So If Unlike Like
    According Among Between Here Today Now Still Even Only Not No Given Based Using Through Within""".split()
)
_OPENERS = "\"'“‘([«"
_CJK_ENDS = "。！？"

# A candidate end: . ! ? … (then up to 3 closing quotes/brackets) before whitespace; or a CJK full stop.
_END = re.compile(r"([.!?…][\"'”’)\]»]{0,3})\s+|[。！？][\"'”’）」』]{0,3}")
_WS = re.compile(r"\s*")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n")
_DOTTED = re.compile(r"(?:[A-Za-z]\.-?){1,5}[A-Za-z]{0,2}")
_ROMAN = re.compile(r"[IVXLCDM]{1,6}\b|[A-Z]\b")
_NEXT_WORD = re.compile(r"[A-Za-z]{1,20}")
# A citation bracket right after a period belongs to the sentence before it: "... text. [3, 4]".
_TRAILING_CITE = re.compile(r"\[\d{1,4}(?:[,;\s\u2013\u2014-]{1,3}\d{1,4}){0,12}\](?=\s|$)")
# A line that starts a new unit even after a single line break: list item, markdown heading, table row.
_LINE_START = re.compile(r"[ \t]{0,8}(?:#{1,6}\s|[-*•▪◦]\s|\d{1,3}(?:\.\d{1,3}){0,3}[.)]\s|\d{1,3}(?:\.\d{1,3}){1,3}\s|\|)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returned as ``(start, end)`` offsets (stripped of spaces).

    Offsets index into ``text``; spans are in order and do not overlap.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        _split_block(text, start, end, spans)
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence span containing ``offset`` (spans as returned by :func:`split_sentences`).

    An offset between two sentences gives the one before it; ``(0, 0)`` when there are none.
    """
    if not spans:
        return (0, 0)
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return spans[max(i, 0)]


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph-like units: split at blank lines, and at single line breaks before list items/headings."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        _split_lines(text, pos, m.start(), out)
        pos = m.end()
    _split_lines(text, pos, len(text), out)
    return out


def _split_lines(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    if start >= end:
        return
    unit = start
    heading = text.startswith("#", _WS.match(text, start, end).end())
    nl = text.find("\n", start, end)
    while nl != -1:
        nxt = nl + 1
        if heading or _LINE_START.match(text, nxt, end):
            out.append((unit, nl))
            unit = nxt
        heading = text.startswith("#", _WS.match(text, nxt, end).end())
        nl = text.find("\n", nxt, end)
    out.append((unit, end))


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sent = _WS.match(text, start, end).end()
    for m in _END.finditer(text, sent, end):
        if m.start() < sent:
            continue  # inside a trailing citation already consumed
        if m.group(1) is None:  # CJK full stop: no space needed after it
            after = m.end()
            nxt = _WS.match(text, after, end).end()
        else:
            after, nxt = m.end(1), m.end()
        if nxt >= end:
            break  # the rest of the block is the last sentence
        if not _is_boundary(text, m.start(), nxt, start):
            continue
        if text[m.start()] == ".":
            cite = _TRAILING_CITE.match(text, nxt, end)
            if cite:
                after = cite.end()
                nxt = _WS.match(text, after, end).end()
        if after > sent:
            spans.append((sent, after))
        sent = nxt
    _append(text, sent, end, spans)


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _is_boundary(text: str, dot: int, nxt: int, block_start: int) -> bool:
    """Whether the punctuation at ``dot`` ends a sentence; ``nxt`` is the next non-space character."""
    mark = text[dot]
    if mark in _CJK_ENDS:
        return True
    follower = text[nxt]
    if follower.islower() or follower in ",;:)]}":
        return False
    if mark != "." or (dot > 0 and text[dot - 1] == "."):  # ! ? … or an ellipsis
        return True
    lo = max(block_start, dot - 40)
    word_start = max(text.rfind(" ", lo, dot), text.rfind("\n", lo, dot), text.rfind("\t", lo, dot), lo - 1) + 1
    word = text[word_start:dot].lstrip(_OPENERS)
    low = word.lower()
    if low in _CONTINUE:
        return False
    if low in _NUMERIC:
        if follower.isdigit() or _ROMAN.match(text, nxt):
            return False
        return word == "no"  # "the answer was no. The"
    if word.isdigit() and len(word) <= 3 and not text[block_start:word_start].strip():
        return False  # "1. Introduction": a list or heading number
    if low in _MAY_END or (len(word) == 1 and word.isupper()) or _DOTTED.fullmatch(word):
        if low == "etc":
            return follower.isupper() or follower in _OPENERS
        return _starter_follows(text, nxt)
    return True


def _starter_follows(text: str, nxt: int) -> bool:
    m = _NEXT_WORD.match(text, nxt)
    if not m or m.group(0) not in _STARTERS:
        return False
    return not text.startswith(".", m.end())  # "A." is an initial, not the article
