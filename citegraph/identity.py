"""Work identity: when two CSL items (references or documents) describe the same work.

Blocking on the first author's normalised family name, then scoring title
(rapidfuzz), year and first initial. Two works with different first
initials and different titles are never the same ("Li, Z. 2022" vs
"Li, Y. 2022"); a different year suffix ("2012a" vs "2012b") never merges.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from rapidfuzz import fuzz

__all__ = ["fold", "first_author_key", "first_initial", "year_of", "title_key", "same_work", "block_key"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
TITLE_THRESHOLD = 88.0  # token_sort_ratio above which two titles are the same title


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, words separated by one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def first_author_key(csl: Mapping[str, Any]) -> str:
    """The folded family name of the first author (or the first word of an organisation or the title)."""
    for role in ("author", "editor"):
        names = csl.get(role) or []
        if names:
            first = names[0]
            name = first.get("family") or first.get("literal") or ""
            words = fold(name).split()
            if words:
                return "".join(words) if first.get("family") else words[0]
    words = fold(str(csl.get("title", ""))).split()
    return words[0] if words else ""


def first_initial(csl: Mapping[str, Any]) -> str:
    """The first author's first given initial (folded), or ""."""
    names = csl.get("author") or []
    given = fold(str(names[0].get("given", ""))) if names else ""
    return given[:1]


def year_of(csl: Mapping[str, Any]) -> str:
    """The issued year as a string, or ""."""
    parts = (csl.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts and parts[0] else ""


def title_key(csl: Mapping[str, Any]) -> str:
    """The folded title."""
    return fold(str(csl.get("title", "")))


def block_key(csl: Mapping[str, Any]) -> str:
    """The blocking key: first author key (works are only compared within a block)."""
    return first_author_key(csl)


def same_work(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two CSL items describe the same work."""
    if block_key(a) != block_key(b) or not block_key(a):
        return False
    ya, yb = year_of(a), year_of(b)
    if ya and yb and ya != yb:
        return False
    sa, sb = a.get("year-suffix", ""), b.get("year-suffix", "")
    if sa and sb and sa != sb:
        return False
    ta, tb = title_key(a), title_key(b)
    if a.get("DOI") and b.get("DOI"):
        return fold(a["DOI"]) == fold(b["DOI"])
    if not ta or not tb:
        return False
    score = fuzz.token_sort_ratio(ta, tb)
    if score < TITLE_THRESHOLD:
        # one title may be the other's main title ("Media and cultural theory" vs "... theory: an introduction")
        short, long_ = sorted((ta, tb), key=len)
        if not (len(short) >= 20 and long_.startswith(short)):
            return False
    ia, ib = first_initial(a), first_initial(b)
    return not (ia and ib and ia != ib and score < 97)
