"""Line features for the reference-section CRF (after AnyStyle's finder).

:func:`document_features` turns a document's lines into one feature list per
line: the line's own shape (length, indentation, first character, label,
author pattern, years, punctuation, page number...), its relative position in
the document, its distance from a reference heading, and the shapes of the
previous and next non-blank lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import Sequence

from .cues import MAX_CHARS, YEAR, author_start, is_page_number, is_ref_heading, is_running_header, split_label, strip_bullet

__all__ = ["line_shape", "document_features"]

_INITIALS = re.compile(r"(?<![A-Za-z])[A-Z]\.")
_PAGES = re.compile(r"[0-9]{1,5}\s{0,2}[-–—]{1,3}\s{0,2}[0-9]{1,5}")
_VENUE_WORDS = ("journal", "proc.", "proceedings", "conference", "press", "universit", "review", "transactions", "symposium", "workshop", "publish")
_PUB_WORDS = (" pp.", " p.", "vol.", "no.", " ed.", "eds.", "in:", "doi", "http", "www.", "isbn", "retrieved", "available")
_CITES = re.compile(r"\([A-Z][^()]{0,60}(?:1[5-9]|20)[0-9]{2}[a-z]?\)|\[[0-9]{1,3}(?:[,–\-][0-9]{1,3}){0,6}\]")
_TOC = re.compile(r"(?:\.\s?){4}|\.\s{0,3}[0-9]{1,4}\s{0,3}$")
_NUM_HEAD = re.compile(r"^(?:(?:chapter|part|appendix|section)\s{1,3}[0-9IVXA-H]{1,4}\b|(?:[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}\.?|[IVX]{1,5}\.)\s{1,4}[A-Z])", re.I)
_FUNC = re.compile(r"\b(?:the|of|and|to|in|is|that|for|with|as|this|are|be|we|it|by)\b")


def _bucket(n: float, edges: Sequence[float]) -> int:
    return bisect_right(edges, n)


def line_shape(line: str, median_len: float = 60.0, mode_indent: int = 0) -> list[str]:
    """The features of one line by itself ("blank" alone for an empty line)."""
    full_len = len(line)
    t = line[:MAX_CHARS].rstrip()
    s = t.strip()
    if not s:
        return ["blank"]
    n = len(line.strip()) if full_len > MAX_CHARS else len(s)
    indent = len(t) - len(t.lstrip())
    body, bullet = strip_bullet(t)
    label, kind, rest = split_label(body)
    rest = rest.lstrip()
    words = s.split()
    nw = len(words)
    caps = sum(map(str.isupper, (w[0] for w in words)))
    sample = s[:160]
    n_letters = sum(map(str.isalpha, sample))
    upper = sum(map(str.isupper, sample))
    first = s[0]
    if first.isupper():
        fc = "U"
    elif first.islower():
        fc = "l"
    elif first.isdigit():
        fc = "d"
    elif first.isalpha():
        fc = "a"  # letters without case (CJK...)
    else:
        fc = first if first in "[(-*•#\"“'" else "p"
    last = s[-1]
    if last in ".,;:-)]":
        lc = last
    elif last.isdigit():
        lc = "d"
    elif last.islower():
        lc = "l"
    elif last.isupper():
        lc = "U"
    else:
        lc = "o"
    years = YEAR.findall(s)
    head = rest[:60]
    f = [
        f"len={_bucket(n, (3, 10, 25, 45, 70, 90, 120, 200, 400))}",
        f"rlen={_bucket(n / max(median_len, 1.0), (0.3, 0.6, 0.85, 1.1, 1.6, 3.0))}",
        f"ind={_bucket(indent, (1, 3, 7, 16, 40))}",
        f"rind={'lt' if indent < mode_indent else 'eq' if indent == mode_indent else 'gt'}",
        f"first={fc}",
        f"last={lc}",
        f"lab={kind}",
        f"auth={author_start(rest)}",
        f"words={_bucket(nw, (2, 4, 8, 15, 25))}",
        f"commas={_bucket(s.count(','), (1, 2, 4, 7))}",
        f"periods={_bucket(s.count('.'), (1, 2, 4, 7))}",
        f"years={min(len(years), 3)}",
        f"initials={_bucket(len(_INITIALS.findall(s)), (1, 2, 4))}",
        f"capw={_bucket(caps / nw, (0.2, 0.4, 0.6, 0.85))}",
        f"func={_bucket(len(_FUNC.findall(s)), (1, 2, 4, 7))}",
    ]
    if bullet:
        f.append("bullet")
    if years and YEAR.search(head):
        f.append("year_early")
    if "(" in s and any(f"({y}" in s for y in years):
        f.append("year_paren")
    low = s.lower()
    if "et al" in low or "et. al" in low:
        f.append("etal")
    if ("-" in s or "–" in s or "—" in s) and _PAGES.search(s):
        f.append("pages")
    if any(w in low for w in _VENUE_WORDS):
        f.append("venue")
    if any(w in low for w in _PUB_WORDS):
        f.append("pub")
    if "“" in s or '"' in s or "”" in s:
        f.append("quote")
    if _CITES.search(s):
        f.append("cites")
    if ". . ." in s or "...." in s or ("." in s[-8:] and last.isdigit() and _TOC.search(s[-12:])):
        f.append("toc")
    if n_letters >= 3 and upper / n_letters > 0.8:
        f.append("allcaps")
    if is_page_number(t):
        f.append("pagenum")
    if is_ref_heading(t):
        f.append("refhead")
    elif is_running_header(t):
        f.append("runhead")
    if s.startswith("#"):
        f.append("md_head")
    elif n < 90 and _NUM_HEAD.match(s) and last not in ".,;":
        f.append("num_head")
    return f


_CTX_KEYS = ("len=", "first=", "last=", "lab=", "auth=", "ind=", "years=", "blank", "pagenum", "refhead", "bullet", "rind=", "cites")


def _ctx(feats: list[str], prefix: str) -> list[str]:
    return [prefix + x for x in feats if x.startswith(_CTX_KEYS)]


_WINDOW = 12


_START = frozenset(
    ("lab=brk_num", "lab=brk_text", "lab=num_dot", "lab=num_par", "bullet")
    + tuple(f"auth={a}" for a in ("sur_init", "caps_init", "sur_caps", "init_sur", "name_year"))
)


def _window_counts(shapes: list[list[str]]) -> list[list[str]]:
    """For each line, how many lines within +-12 look like entry starts, carry citations, years, prose."""
    n = len(shapes)
    sets = [frozenset(f) for f in shapes]
    keys = (
        ("w_start", [bool(fs & _START) for fs in sets]),
        ("w_cite", ["cites" in fs for fs in sets]),
        ("w_year", ["years=0" not in fs and "blank" not in fs for fs in sets]),
        ("w_text", ["func=4" in fs or "func=5" in fs for fs in sets]),
    )
    feats: list[list[str]] = [[] for _ in range(n)]
    for name, flags in keys:
        pre = [0] * (n + 1)
        for i, flag in enumerate(flags):
            pre[i + 1] = pre[i] + flag
        names = [f"{name}={k}" for k in range(6)]
        for i in range(n):
            c = pre[min(n, i + _WINDOW + 1)] - pre[max(0, i - _WINDOW)]
            feats[i].append(names[_bucket(c, (1, 2, 4, 7, 11))])
    return feats


def document_features(lines: Sequence[str]) -> list[list[str]]:
    """One feature list per line of a whole document."""
    n = len(lines)
    lens = sorted(len(ln.strip()) for ln in lines if ln.strip())
    median = float(lens[len(lens) // 2]) if lens else 60.0
    indents = Counter(len(ln) - len(ln.lstrip()) for ln in lines[: 5000] if ln.strip())
    mode_indent = indents.most_common(1)[0][0] if indents else 0
    cache: dict[str, list[str]] = {}  # identical lines (blanks, repeated headers) are shaped once
    shapes = []
    for ln in lines:
        shape = cache.get(ln)
        if shape is None:
            shape = line_shape(ln, median, mode_indent)
            if len(ln) < MAX_CHARS:
                cache[ln] = shape
        shapes.append(shape)
    # previous/next non-blank line of every line
    prev_nb = [-1] * n
    last = -1
    for i in range(n):
        prev_nb[i] = last
        if shapes[i] != ["blank"]:
            last = i
    next_nb = [-1] * n
    last = -1
    for i in range(n - 1, -1, -1):
        next_nb[i] = last
        if shapes[i] != ["blank"]:
            last = i
    win = _window_counts(shapes)
    ctx_p: dict[int, list[str]] = {}
    ctx_n: dict[int, list[str]] = {}
    for i in set(prev_nb) | set(next_nb):
        if i >= 0:
            ctx_p[i] = _ctx(shapes[i], "p:")
            ctx_n[i] = _ctx(shapes[i], "n:")
    out: list[list[str]] = []
    since_head = -1
    heads_after = 0  # non-reference headings since the last reference heading
    for i in range(n):
        f = list(shapes[i])
        f.append(f"pos={min(int(10 * i / max(n, 1)), 9)}")
        f.extend(win[i])
        if since_head >= 0:
            f.append(f"since_rh={_bucket(i - since_head, (2, 6, 30, 100, 300))}")
            f.append(f"heads_after_rh={min(heads_after, 2)}")
        else:
            f.append("no_rh")
        if i > 0 and shapes[i - 1] == ["blank"]:
            f.append("blank_before")
        if i + 1 < n and shapes[i + 1] == ["blank"]:
            f.append("blank_after")
        f.extend(ctx_p[prev_nb[i]] if prev_nb[i] >= 0 else ("p:none",))
        f.extend(ctx_n[next_nb[i]] if next_nb[i] >= 0 else ("n:none",))
        out.append(f)
        if "refhead" in shapes[i]:
            since_head, heads_after = i, 0
        elif since_head >= 0 and ("md_head" in shapes[i] or "num_head" in shapes[i]):
            heads_after += 1
    return out
