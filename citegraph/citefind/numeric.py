"""Numeric citations: "[1]", "abilities[1]", "[1], [7]", "[2]–[4]", "[2-4]", "[5, 6]", "[3, p. 5]", "<sup>1,2</sup>",
"^1,2^", Unicode superscripts "²⁻⁴".

Never taken: a year "[2020]", an array index "x[2] = 1", "a[i][2]", "res[3] for", "arr[3]", a link
"[1](url)" or definition "[1]: url", "[citation needed]". Parenthesised
numbers "(1)" (Vancouver) are only read on request, because "(3)" is far more
often an equation number or an enumeration.
"""

from __future__ import annotations

import re

from ..model import CiteKey
from .found import Found

__all__ = ["find_numeric"]

_LIST = r"\s{0,2}(\d{1,3}(?:\s{0,2}[-–—,]\s{0,2}\d{1,3}){0,30})\s{0,2}"
_LOC = r"(?:,\s{0,2}((?:pp?|ch|chap|sec|fig|figs|eq|table|para)\.?\s{0,2}[\w.–-]{1,15}))?"
_SQUARE = re.compile(r"\[" + _LIST + _LOC + r"\]")
_PAREN = re.compile(r"\(" + _LIST + r"\)")
_SUP = re.compile(r"<sup>" + _LIST + r"</sup>|\^" + _LIST + r"\^")
_SUPDIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(_SUPDIGITS + "⁻", "0123456789-")
# Unicode superscript markers "¹", "²⁻⁴", "⁵,⁶", "³,¹²" (a comma between superscript numbers is plain).
_USUP = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?:(?:[,⁻–-]|, )[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}){0,30}")
_UNITS = frozenset("m km cm mm nm µm um ft in mi yd s ms kg g l ml cc px pt em sq cu".split())
_DASH = re.compile(r"\s{0,2}[-–—]\s{0,2}")
_CROSS = re.compile(r"\s{0,2}[-–—]\s{0,2}\[(\d{1,3})\]")
_IDENT_BEFORE = re.compile(r"[\w.]{1,40}$")
# Variable names that index rather than cite when glued to "[3]" ("arr[3]", "scores[2]").
_CODE_NAMES = frozenset(
    "res arr array arrs idx buf tmp vec val vals lst list args argv data dict map row rows col cols mat matrix "
    "result results scores score items keys values out ret obj elem elems nums xs ys df grid table tab board".split()
)
_NOT_CITING_WORDS = frozenset("equation eq eqs step steps table figure fig section chapter formula model hypothesis and or item".split())


def _numbers(spec: str) -> list[int]:
    out: list[int] = []
    for piece in spec.split(","):
        piece = piece.strip()
        if piece.isdigit():
            out.append(int(piece))
            continue
        ends = [int(p) for p in _DASH.split(piece) if p.strip().isdigit()]
        if len(ends) == 2 and 0 < ends[1] - ends[0] <= 50:
            out.extend(range(ends[0], ends[1] + 1))
        else:
            out.extend(ends)
    return [n for n in out if n > 0]


def _code_like(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ("[2]") is an array index or a link rather than a citation."""
    after = text[end : end + 3]
    nxt = after.lstrip(" ")[:1]
    if after[:1] in ("(", ":") or nxt == "=":
        return True
    prev = text[start - 1] if start > 0 else ""
    if not (prev.isalnum() or prev in "_])"):
        return False
    if prev in "])":
        return True
    m = _IDENT_BEFORE.search(text, max(0, start - 40), start)
    word = m.group(0) if m else ""
    if nxt in ("[",) or (after[:1] == "." and after[1:2].isalnum()):
        return True
    if "_" in word or "." in word or len(word) <= 2 or any(c.isdigit() for c in word) or word.lower() in _CODE_NAMES:
        return True
    # "res[3] for the fourth": a short word glued to an index and read on, not a citation ending a phrase
    return len(word) <= 4 and word.islower() and nxt.isalpha()


def _enumeration(text: str, start: int, end: int) -> bool:
    """Whether a parenthesised number is an enumerator "(1) first, (2) second" or an equation number."""
    lo = max(0, start - 200)
    line_start = max(lo, text.rfind("\n", lo, start) + 1)
    before = text[line_start:start].rstrip()
    if not before or before[-1] in ":;,(" or "=" in text[max(line_start, start - 80) : start]:
        return True
    last = re.search(r"(\w{1,30})\W{0,2}$", before[-40:])
    if last and last.group(1).lower() in _NOT_CITING_WORDS:
        return True
    return False


def _unicode_sup_ok(text: str, start: int) -> bool:
    """Whether a Unicode superscript run at ``start`` is a citation, not a power ("r²", "km²", "10⁶")."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isdigit() or prev in "+-=*/^(_":
        return False
    if prev in ".,;:)\"'’”!?]":
        return True
    if not prev.isalpha():
        return False
    m = _IDENT_BEFORE.search(text, max(0, start - 40), start)
    word = m.group(0) if m else ""
    word = word.lstrip(_SUPDIGITS)
    if len(word) <= 1 or word.lower() in _UNITS or any(c in "0123456789" for c in word):
        return False
    return True


def find_numeric(text: str, numbered: bool | None = None, paren: bool = False) -> list[Found]:
    """Numeric citation markers in ``text``, one :class:`Found` per number ("[2-4]" gives 2, 3, 4).

    ``numbered``: True when the document has a numbered reference list, False
    when it has an author-year one (then nothing is taken), None to decide from
    the text (markers are taken when at least two distinct numbers occur).
    ``paren`` also reads "(1)", "(2, 3)" (Vancouver), enumerations and
    equation numbers excluded.
    """
    if numbered is False:
        return []
    found: list[Found] = []
    for m in _SQUARE.finditer(text):
        if _code_like(text, m.start(), m.end()):
            continue
        nums = _numbers(m.group(1))
        end = m.end()
        cross = _CROSS.match(text, end)
        if cross and len(nums) == 1 and 0 < int(cross.group(1)) - nums[0] <= 50:
            nums = list(range(nums[0], int(cross.group(1)) + 1))
            end = cross.end()
        loc = m.group(2) or ""
        for n in nums:
            found.append(Found(f"[{n}]", CiteKey(number=n, locator=loc), m.start(), end))
    for m in _SUP.finditer(text):
        for n in _numbers(m.group(1) or m.group(2)):
            found.append(Found(f"^{n}", CiteKey(number=n), m.start(), m.end()))
    for m in _USUP.finditer(text):
        if not _unicode_sup_ok(text, m.start()):
            continue
        spec = m.group(0).translate(_SUP_TO_ASCII)
        for n in _numbers(spec):
            found.append(Found(m.group(0), CiteKey(number=n), m.start(), m.end()))
    if paren:
        for m in _PAREN.finditer(text):
            if _enumeration(text, m.start(), m.end()):
                continue
            for n in _numbers(m.group(1)):
                found.append(Found(f"({n})", CiteKey(number=n), m.start(), m.end()))
    if numbered is None and len({f.key.number for f in found}) < 2:
        return []
    found.sort(key=lambda f: f.start)
    # "[2]–[4]" : the "[4]" group was already expanded with "[2]"
    out: list[Found] = []
    covered_end = -1
    for f in found:
        if f.start < covered_end and f.start != out[-1].start:
            continue
        out.append(f)
        covered_end = max(covered_end, f.end)
    return out
