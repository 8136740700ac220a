"""Token features for the CRF: computed once per distinct word, assembled per sequence.

Everything that depends only on the word (shape, lower form, affixes,
dictionaries, year/number/initials patterns, punctuation, quotes, brackets)
is computed once per distinct word and cached, as the UTF-8 ``bytes``
crfsuite takes without converting. When tagging, only the attributes the
model knows are produced: :func:`set_vocabulary` splits them by prefix
("w", "sh", "-1w"...) into tables from value to attribute, so a word costs a
few dictionary look-ups and no string building. Position, "a year came
before", "inside quotes", BOS/EOS and the ±1/±2 neighbour features are added
per sequence by concatenating the cached lists, as are three chapter cues:
"edb" (an editor word such as "(Eds.)" came before), "inb" (an "In"/"in:"
opening a field came before) and "ppa" (a "pp."/"pages" word comes later),
and the features of the word's punctuation-delimited segment
(:mod:`.segments`: dictionaries met in it and in the next one, its cue
first word, length and ending punctuation).

:data:`GROUPS` names the feature groups emitted when training (no
vocabulary); when tagging, the model's attributes decide.
"""

from __future__ import annotations

import atexit
import re
from typing import Any, Sequence

from .lexicon import EDITOR, LEXICON
from .segments import _CUE, _CUES, _SEG_BITS, _SEG_CACHE, _SEG_END, _SEG_NAMES, _SEG_YEAR, _TAIL, segment_features

__all__ = ["GROUPS", "ALL_GROUPS", "word_features", "sequence_features", "clear_cache", "set_vocabulary"]

#: Every feature group that exists; prefixed groups are named by their prefixes, "flags" covers the rest.
ALL_GROUPS = frozenset("w sh p3 s3 s1 fp lp lp2 -2w +2w -1w +1w -1sh +1sh -1lp +1fp pos flags seg".split())
#: Groups emitted when training (the committed model was trained with these; "seg" = :mod:`.segments`,
#: +0.02 whole-entry accuracy in cross-validation inside the training split). Measured on the
#: held-out split, each change retrained: dropping s1, p3 and the ±2 words loses nothing and saves
#: ~15% of the features per word; dropping the ±1 shapes (-0.012 micro-F1) or the first/last
#: punctuation (-0.004, title -0.012) does not pay.
GROUPS: frozenset[str] = ALL_GROUPS - {"s1", "p3", "-2w", "+2w"}

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

#: lower-cased word -> its dictionary flags ("d=month"...) and "ed", one look-up instead of one per list
_DICT: dict[str, tuple[str, ...]] = {}
for _name, _words in LEXICON.items():
    for _w in _words:
        _DICT[_w] = _DICT.get(_w, ()) + ("d=" + _name,)
for _w in EDITOR:
    _DICT[_w] = _DICT.get(_w, ()) + ("ed",)

_HAS_YEAR, _OPENS, _CLOSES, _EDW, _INW, _PPW, _ENDP = 1, 2, 4, 8, 16, 32, 64
# the segment features read the editor and pages bits too; the other bits above 64 are theirs
assert _SEG_BITS["ed"] == _EDW and _SEG_BITS["pp"] == _PPW
#: words that announce pages ("pp.", "pages"; a lower-case "p." too)
_PP_WORDS = frozenset("pp pages pag págs pg pgs".split())
#: value kinds whose features go to the word itself (slot 0) and to neighbours: slot 1 = the word 2
#: before gets it, 2 = the word 1 before, 3 = the word 1 after, 4 = the word 2 after
_FAMILIES: dict[str, tuple[tuple[str, int], ...]] = {
    "w": (("w", 0), ("+2w", 1), ("+1w", 2), ("-1w", 3), ("-2w", 4)),
    "sh": (("sh", 0), ("+1sh", 2), ("-1sh", 3)),
    "fp": (("fp", 0), ("+1fp", 2)),
    "lp": (("lp", 0), ("-1lp", 3)),
}
#: prefixes of features a word gives only itself
_OWN = ("p3", "s3", "s1", "lp2", "pos")
_Slots = tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]
_NO_SLOTS: _Slots = ((), (), (), (), ())

#: (own, given to the word 2 before, 1 before, 1 after, 2 after, flag bits)
_Cached = tuple[list[bytes], list[bytes], list[bytes], list[bytes], list[bytes], int]
_CACHE: dict[str, _Cached] = {}
_CACHE_MAX = 200_000
# emptied before the interpreter's own teardown, which frees a big cache far more slowly
atexit.register(_CACHE.clear)


class _Encoder:
    """Training stand-in for an own-feature table: every value of a group in :data:`GROUPS` is an attribute."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix + "=" if prefix else ""
        self.on = (prefix or "flags") in GROUPS

    def get(self, value: str, default: object = None) -> object:
        return (self.prefix + value).encode() if self.on else default


class _FamilyEncoder:
    """Training stand-in for a family table: builds the slots of a value from :data:`GROUPS`."""

    def __init__(self, family: str) -> None:
        self.parts = [(p + "=", k) for p, k in _FAMILIES[family] if p in GROUPS]

    def get(self, value: str, default: object = None) -> _Slots:
        slots: list[list[bytes]] = [[], [], [], [], []]
        for prefix, k in self.parts:
            slots[k].append((prefix + value).encode())
        return tuple(tuple(x) for x in slots)  # type: ignore[return-value]


_TABLES: dict[str, object] = {}
#: the tables' ``get`` methods (own-feature groups the model lacks are left out)
_G: dict[str, Any] = {}
_VOCAB: frozenset[str] | None = None
_POS: list[bytes | None] = []
_POS_BY_LEN: dict[int, list[tuple[bytes, ...]]] = {}
_CONST: dict[str, bytes | None] = {}


def _build_tables() -> None:
    """Fill the look-up tables from :data:`_VOCAB` (or from :data:`GROUPS` when training)."""
    _TABLES.clear()
    if _VOCAB is None:
        for f in _FAMILIES:
            _TABLES[f] = _FamilyEncoder(f)
        for p in (*_OWN, ""):
            _TABLES[p] = _Encoder(p)
    else:
        where = {p: (f, k) for f, parts in _FAMILIES.items() for p, k in parts}
        fam: dict[str, dict[str, list[list[bytes]]]] = {f: {} for f in _FAMILIES}
        own: dict[str, dict[str, bytes]] = {p: {} for p in (*_OWN, "")}
        for attr in _VOCAB:
            prefix, eq, value = attr.partition("=")
            if eq and prefix in where:
                f, k = where[prefix]
                fam[f].setdefault(value, [[], [], [], [], []])[k].append(attr.encode())
            elif eq and prefix in own:
                own[prefix][value] = attr.encode()
            elif attr:
                own[""][attr] = attr.encode()
        for f, table in fam.items():
            _TABLES[f] = {v: tuple(tuple(x) for x in slots) for v, slots in table.items()}
        _TABLES.update(own)
    _G.clear()
    for key, table in _TABLES.items():
        if key in _FAMILIES or key in ("", "lp2") or (table if isinstance(table, dict) else table.on):  # type: ignore[attr-defined]
            _G[key] = table.get  # type: ignore[attr-defined]
    pos = _TABLES["pos"]
    _POS[:] = [pos.get(str(k)) for k in range(8)]  # type: ignore[attr-defined]
    _POS_BY_LEN.clear()
    flags = _TABLES[""]
    _CONST.clear()
    _CONST.update({k: flags.get(k) for k in ("BOS", "EOS", "yb", "inq", "edb", "inb", "ppa")})  # type: ignore[attr-defined]
    seg_on = _VOCAB is not None or "seg" in GROUPS
    _CONST.update({k: (flags.get(k) if _VOCAB is not None else k.encode()) if seg_on else None for k in _SEG_NAMES})  # type: ignore[attr-defined]
    _CACHE.clear()
    _SEG_CACHE.clear()


def clear_cache() -> None:
    """Forget the cached per-word features (call after changing :data:`GROUPS`)."""
    _build_tables()


def set_vocabulary(attributes: frozenset[str] | None) -> None:
    """Only emit these feature strings (the model's attributes); ``None`` emits all of :data:`GROUPS` (training).

    Features a model does not know do not change its output, so skipping
    them makes tagging much cheaper.
    """
    global _VOCAB
    _VOCAB = attributes
    _build_tables()


def _shape_char(ch: str) -> str:
    return "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch


class _ShapeMap(dict):
    """``str.translate`` table: X for upper case, x for other letters, d for digits (filled as met)."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _shape_char(chr(code))
        return out


_SHAPE_MAP = _ShapeMap((c, _shape_char(chr(c))) for c in range(128))


def _shape(s: str) -> str:
    """"Smith," -> "Xx,"; "1999a" -> "dx": character classes with runs of X, x, d collapsed."""
    t = s[:24].translate(_SHAPE_MAP)
    for run in ("xx", "XX", "dd"):
        while run in t:
            t = t.replace(run, run[0])
    return t


def _flags(t: str, s: str, core: str, low: str, shp: str, emph: bool) -> tuple[list[str], int]:
    """The flag features of a word (no prefix) and the flag bits."""
    f: list[str] = []
    bits = 0
    if "d" in shp:
        if _YEAR.fullmatch(core):
            f.append("year")
            bits = _HAS_YEAR
            if core[-1].isalpha():
                f.append("yearsfx")
        elif _YEAR_IN.search(core):
            f.append("hasyear")
            bits = _HAS_YEAR
        if _NUM.fullmatch(core):
            f.append("num%d" % min(len(core), 5))
        elif _RANGE.fullmatch(core):
            f.append("range")
        elif _VOLISS.fullmatch(s.rstrip(".,;:")):
            f.append("voliss")
        elif core[:1].isdigit():
            f.append("digit0")
    if len(low) <= 7 and _ROMAN.fullmatch(low):
        f.append("roman")
    if core[:1].isupper() and len(core) <= 12 and _INITIALS.fullmatch(core) and ("." in s or len(core) <= 3):
        f.append("init")
    if len(core) == 1 and core.isalpha():
        f.append("single")
    if "http" in low or "www." in low:
        f.append("url")
    if "doi" in low or (low.startswith("10.") and "/" in low):
        f.append("doi")
    if "@" in s:
        f.append("at")
    d = _DICT.get(low)
    if d:
        f += d
        for name in d:
            bits |= _SEG_BITS.get(name[2:], 0)
    elif low != s.lower() and s.lower() in EDITOR:
        f.append("ed")
    if s[0] in _QUOTE_OPEN:
        f.append("qo")
        bits |= _OPENS
    tail = s.rstrip(".,;:)]")
    if tail and tail[-1] in _QUOTE_CLOSE:
        f.append("qc")
        bits |= _CLOSES
    if "(" in s:
        f.append("po")
    if ")" in s:
        f.append("pc")
    if "[" in s or "]" in s:
        f.append("gb" if _GB.match(s) else "sq")
    if "ed" in f:
        bits |= _EDW
    if low == "in" and (s[0] == "I" or s.endswith(":")):
        bits |= _INW
    if low in _PP_WORDS or (core == "p" and s.endswith(".")) or (low.startswith("pp") and low[2:3].isdigit()):
        bits |= _PPW
    if s[-1] in ".,":
        bits |= _ENDP
    end = s.rstrip(_TAIL)[-1:]
    if end and end in ".,:;)" and not ("init" in f and end == "."):
        bits |= _SEG_END
    if bits & _HAS_YEAR:
        bits |= _SEG_YEAR
    if low in _CUES:
        bits |= _CUE
    if emph:
        f.append("em")
        if t[0] == "*":
            f.append("emo")
        if t.rstrip(".,;:)")[-1:] == "*":
            f.append("emc")
    return f, bits


def word_features(word: str) -> _Cached:
    """Features of one word (as bytes): its own, those it gives the words 2 before, 1 before, 1 after, 2 after, and flag bits.

    The flag bits: 1 has a year, 2 opens a quote, 4 closes one.
    """
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    if not _TABLES:
        _build_tables()
    t = word[:64]
    emph = "*" in t
    s = (t.replace("*", "") or t) if emph else t
    core = s.strip(_PUNCT) or s
    low = core.lower()
    shp = _shape(s)
    fp = s[0] if not s[0].isalnum() else "a"
    lp = s[-1] if not s[-1].isalnum() else "a"
    w = _G["w"](low[:24], _NO_SLOTS)
    h = _G["sh"](shp, _NO_SLOTS)
    f = _G["fp"](fp, _NO_SLOTS)
    la = _G["lp"](lp, _NO_SLOTS)
    own = [*w[0], *h[0], *f[0], *la[0]]
    for prefix, value in (("p3", low[:3]), ("s3", low[-3:]), ("s1", low[-1:])):
        get = _G.get(prefix)
        if get is not None:
            x = get(value)
            if x:
                own.append(x)
    if len(s) > 1 and not s[-2].isalnum():
        x = _G["lp2"](s[-2:])
        if x:
            own.append(x)
    flags, bits = _flags(t, s, core, low, shp, emph)
    get = _G[""]
    for name in flags:
        x = get(name)
        if x:
            own.append(x)
    hit = (own, [*w[1]], [*w[2], *h[2], *f[2]], [*w[3], *h[3], *la[3]], [*w[4]], bits)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[word] = hit
    return hit


def _positions(n: int) -> list[tuple[bytes, ...]]:
    """The position feature of each of ``n`` words (eighths of the sequence), cached per ``n``."""
    hit = _POS_BY_LEN.get(n)
    if hit is None:
        hit = _POS_BY_LEN[n] = [(p,) if p else () for p in (_POS[i * 8 // n] for i in range(n))]
    return hit


def sequence_features(words: Sequence[str]) -> list[list[bytes]]:
    """One feature list (UTF-8 ``bytes``) per word of a reference string."""
    n = len(words)
    if not n:
        return []
    if not _TABLES:
        _build_tables()
    get = _CACHE.get
    base = [get(w) or word_features(w) for w in words]
    const = _CONST
    e: list[bytes] = []
    bos, eos = const["BOS"], const["EOS"]
    before = (e, e, e, e, e, 0)
    # padded so that pad[i + k] is the word k - 2 places from word i
    pad = [before, (e, e, e, [bos] if bos else e, e, 0), *base, (e, e, [eos] if eos else e, e, e, 0), before]
    yb, inq, edb, inb, ppa = const["yb"], const["inq"], const["edb"], const["inb"], const["ppa"]
    # index of the last "pp."-like word: the words before it have pages ahead
    last_pp = -1
    if ppa:
        for i in range(n - 1, 0, -1):
            if base[i][5] & _PPW:
                last_pp = i
                break
    segf = segment_features(_CONST, [x[5] for x in base], words)
    out: list[list[bytes]] = []
    seen_year = in_quote = seen_ed = seen_in = False
    prev_bits = _ENDP
    for i, ((own, _, _, _, _, bits), m2, m1, p1, p2, pos) in enumerate(zip(base, pad, pad[1:], pad[3:], pad[4:], _positions(n))):
        g = [*own, *m2[4], *m1[3], *p1[2], *p2[1], *pos, *segf[i]]
        if seen_year and yb:
            g.append(yb)
        if in_quote and inq:
            g.append(inq)
        if seen_ed and edb:
            g.append(edb)
        if seen_in and inb:
            g.append(inb)
        if i < last_pp:
            g.append(ppa)  # type: ignore[arg-type]
        if bits & _INW and i and prev_bits & _ENDP:
            seen_in = True
        if bits & _EDW:
            seen_ed = True
        prev_bits = bits
        if bits:
            if bits & _HAS_YEAR:
                seen_year = True
            if bits & _CLOSES:
                in_quote = False
            elif bits & _OPENS:
                in_quote = True
        out.append(g)
    return out
