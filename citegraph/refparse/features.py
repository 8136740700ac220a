"""Token features for the CRF: cheap, cached by word, plus position and neighbours.

Everything that depends only on the word (shape, lower form, affixes,
dictionaries, year/number/initials patterns, punctuation, quotes, brackets)
is computed once per distinct word and cached; position, "a year came
before", and the ±1/±2 neighbour features are added per sequence.
"""

from __future__ import annotations

import re
from typing import Sequence

from .lexicon import EDITOR, LEXICON

__all__ = ["word_features", "sequence_features", "clear_cache", "set_vocabulary"]

_PUNCT = "\"'“”‘’«»„()[]{}<>.,;:!?*_-–—/\\"
_QUOTE_OPEN = frozenset("\"'“‘«„")
_QUOTE_CLOSE = frozenset("\"'”’»")
_YEAR = re.compile(r"(?:1[5-9]|20)[0-9][0-9][a-z]?")
_YEAR_IN = re.compile(r"(?<![0-9])(?:1[5-9]|20)[0-9][0-9](?![0-9])")
_NUM = re.compile(r"[0-9]{1,12}")
_RANGE = re.compile(r"[0-9]{1,9}[a-zA-Z]?[-–—][0-9]{1,9}[a-zA-Z]?")
_ROMAN = re.compile(r"[ivxlcdm]{1,7}")
_INITIALS = re.compile(r"[A-Z](?:[.-]{0,2}[A-Z]){0,3}\.?")
_GB = re.compile(r"\[[A-Z/]{1,6}\]")
_VOLISS = re.compile(r"[0-9]{1,5}\([0-9/–-]{1,12}\)")

_Cached = tuple[list[str], tuple[list[str], list[str], list[str], list[str]], bool, int]
_CACHE: dict[str, _Cached] = {}
_CACHE_MAX = 200_000
_VOCAB: frozenset[str] | None = None
_POS = ["pos=%d" % k for k in range(8)]


def clear_cache() -> None:
    """Forget the cached per-word features."""
    _CACHE.clear()


def set_vocabulary(attributes: frozenset[str] | None) -> None:
    """Only emit these feature strings (the model's attributes); ``None`` emits all (training).

    Features a model does not know do not change its output, so filtering
    them once per distinct word makes tagging much cheaper.
    """
    global _VOCAB
    _VOCAB = attributes
    _CACHE.clear()


def _shape(s: str) -> str:
    out: list[str] = []
    prev = ""
    for ch in s[:24]:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != prev or c not in "Xxd":
            out.append(c)
        prev = c
    return "".join(out)


def word_features(word: str) -> _Cached:
    """Features of one word: its own, those it gives its neighbours at -2, -1, +1, +2, and flags.

    The flags are "has a year" and quote state (1 opens, 2 closes).
    """
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    t = word[:64]
    emph = "*" in t
    s = t.replace("*", "") if emph else t
    if not s:
        s = t
    core = s.strip(_PUNCT) or s
    low = core.lower()
    shp = _shape(s)
    fp = s[0] if not s[0].isalnum() else "a"
    lp = s[-1] if not s[-1].isalnum() else "a"
    f = ["w=" + low[:24], "sh=" + shp, "p3=" + low[:3], "s3=" + low[-3:], "s1=" + low[-1:], "fp=" + fp, "lp=" + lp]
    if len(s) > 1 and not s[-2].isalnum():
        f.append("lp2=" + s[-2:])
    if _YEAR.fullmatch(core):
        f.append("year")
        if core[-1].isalpha():
            f.append("yearsfx")
    elif _YEAR_IN.search(core):
        f.append("hasyear")
    if _NUM.fullmatch(core):
        f.append("num%d" % min(len(core), 5))
    elif _RANGE.fullmatch(core):
        f.append("range")
    elif _VOLISS.fullmatch(s.rstrip(".,;:")):
        f.append("voliss")
    elif core[:1].isdigit():
        f.append("digit0")
    if _ROMAN.fullmatch(low):
        f.append("roman")
    if _INITIALS.fullmatch(core) and ("." in s or len(core) <= 3):
        f.append("init")
    if len(core) == 1 and core.isalpha():
        f.append("single")
    if "http" in low or "www." in low:
        f.append("url")
    if "doi" in low or (low.startswith("10.") and "/" in low):
        f.append("doi")
    if "@" in s:
        f.append("at")
    for name, words in LEXICON.items():
        if low in words:
            f.append("d=" + name)
    if low in EDITOR or s.lower() in EDITOR:
        f.append("ed")
    if s[0] in _QUOTE_OPEN:
        f.append("qo")
    tail = s.rstrip(".,;:)]")
    if tail and tail[-1] in _QUOTE_CLOSE:
        f.append("qc")
    if "(" in s:
        f.append("po")
    if ")" in s:
        f.append("pc")
    if _GB.match(s):
        f.append("gb")
    elif "[" in s or "]" in s:
        f.append("sq")
    if emph:
        f.append("em")
        if t[0] == "*":
            f.append("emo")
        if t.rstrip(".,;:)")[-1:] == "*":
            f.append("emc")
    w = low[:24]
    neigh = (["-2w=" + w], ["-1w=" + w, "-1sh=" + shp, "-1lp=" + lp], ["+1w=" + w, "+1sh=" + shp, "+1fp=" + fp], ["+2w=" + w])
    has_year = "year" in f or "hasyear" in f
    quote = 2 if "qc" in f else (1 if "qo" in f else 0)
    if _VOCAB is not None:
        vocab = _VOCAB
        f = [x for x in f if x in vocab]
        neigh = tuple([x for x in n if x in vocab] for n in neigh)  # type: ignore[assignment]
    hit = (f, neigh, has_year, quote)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[word] = hit
    return hit


def sequence_features(words: Sequence[str]) -> list[list[str]]:
    """One feature list per word of a reference string."""
    n = len(words)
    base = [word_features(w) for w in words]
    out: list[list[str]] = []
    seen_year = False
    in_quote = False
    for i, (f, _, has_year, quote) in enumerate(base):
        g = f + [_POS[i * 8 // n]]
        if i == 0:
            g.append("first")
            g.append("BOS")
        else:
            g += base[i - 1][1][1]
            if i > 1:
                g += base[i - 2][1][0]
            if i == n - 1:
                g.append("last")
        if i < n - 1:
            g += base[i + 1][1][2]
            if i < n - 2:
                g += base[i + 2][1][3]
        else:
            g.append("EOS")
        if seen_year:
            g.append("yb")
        if in_quote:
            g.append("inq")
        if has_year:
            seen_year = True
        if quote == 2:
            in_quote = False
        elif quote == 1:
            in_quote = True
        out.append(g)
    return out
