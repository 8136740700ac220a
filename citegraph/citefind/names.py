"""Author phrases of in-text citations: tokenising and validating "Smith, Jones & Lee", "van Dijck et al.".

Two readers share one vocabulary: :func:`parse_authors` reads a phrase left to
right (the author part of a parenthetical item, prefix such as "e.g.," or
"see also" dropped) and :func:`authors_before` reads backwards from an offset
(the author of a narrative citation "Su and Kaye (2023)"). Both return ``None``
when the phrase is not a plausible author list, which is how most false
positives ("(launched in China in 2016)", "(March 8, 2025)") are rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Authors", "parse_authors", "authors_before", "is_capword", "PARTICLES"]

#: Lower-case name particles: "van Dijck", "de la Cruz", "von Neumann".
PARTICLES = frozenset("van von de der den del della di da das do dos du la le les ten ter bin ibn al el d' mac st".split())
# Lower-case words allowed inside an organisation name ("Department of Health").
_JOINERS = frozenset("of for the on and".split())
# Capitalised words that never start or make up an author: dates, document parts, function words.
_NOT_AUTHOR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter
    table tables figure figures fig figs chapter section appendix eq equation study experiment wave phase
    year years version vol volume no issue part step stage model case sample
    since until in on at from by before after during between through to circa ca approximately about around
    early late mid end launched founded released updated accessed retrieved published copyright est
    the a an this that these those and or but if when while as also see cf eg ie
    author authors self own unknown anonymous internet web online ibid idem op cit""".split()
)
# Capitalised words that open a sentence or an aside and are dropped from the front of a narrative author.
_LEADING_STOP = frozenset(
    """in on at as by for from with to into the a an this that these those according following unlike like
    recently similarly however moreover also and but thus hence while whereas although both furthermore
    notably here later earlier then since when after before our we see cf e.g. i.e. indeed finally first
    second third lastly yet so still even only especially particularly instead besides meanwhile though
    because therefore consequently additionally likewise subsequently accordingly nevertheless""".split()
)
# Words (any case) that may precede the author inside a bracket: "(e.g., see also Smith, 2001)".
_PREFIX = frozenset(
    """e.g. e.g i.e. i.e eg ie cf. cf see also for example instance a an the review reviews as cited quoted in
    discussed reviewed by but compare with especially notably more recently details further similar similarly
    findings results work studies earlier previous other viz adapted from following after based on summarised
    summarized data source sources reported described reproduced taken modified after original""".split()
)

_TOKEN = re.compile(r"&|,|;|:|[()\[\]\"“”]|(?:[A-Z]\.){1,3}(?=[A-Z][a-z])|[^\s,&;:()\[\]\"“”]{1,80}")
_NAME_CHARS = re.compile(r"(?:[^\W\d_]|['’\u0300-\u036f-]){1,80}")
_DOTTED_INITIALS = re.compile(r"(?:[A-Z]\.-?){1,4}")


@dataclass(frozen=True)
class Authors:
    """An author phrase: names as written (first author first) and whether "et al." closed it."""

    names: tuple[str, ...]
    et_al: bool = False


def tokens(text: str) -> list[str]:
    """Split an author phrase into words and the separators ``, & ; :``."""
    return _TOKEN.findall(text)


def is_capword(tok: str) -> bool:
    """A capitalised name word: "Smith", "O'Neil", "McDonald", "RMMD", "Jean-Paul", "Müller"."""
    return bool(tok) and tok[0].isupper() and _NAME_CHARS.fullmatch(tok) is not None and tok[-1] != "-"


def _is_particle(tok: str) -> bool:
    return tok in PARTICLES or tok.lower() in ("d'", "d’")


def _is_et_al(toks: list[str], i: int) -> int:
    """Length in tokens of an "et al." at ``toks[i]`` (0 if none)."""
    t = toks[i].lower()
    if t in ("et.al.", "et.al", "etal."):
        return 1
    if t == "et" and i + 1 < len(toks) and toks[i + 1].lower() in ("al.", "al"):
        return 2
    return 0


def _valid_name(words: list[str]) -> bool:
    if not words or len(words) > 8:
        return False
    caps = [w for w in words if is_capword(w)]
    if not caps:
        return False
    if len(words) == 1 and words[0].lower().strip("'’") in _NOT_AUTHOR:
        return False
    if words[0].lower() in ("in", "on", "at", "from", "since", "until", "by", "before", "after", "during", "to"):
        return False
    if all(w.lower() in _NOT_AUTHOR for w in caps):
        return False
    return len(" ".join(words)) <= 80


def _strip_prefix(toks: list[str]) -> list[str]:
    """Drop "e.g.,", "see also", "for a review see" and the like from the front of ``toks``."""
    i = 0
    while i < len(toks) and i < 10:
        t = toks[i]
        if t in (",", ":", ";"):
            i += 1
            continue
        low = t.lower()
        if _is_particle(t) and i + 1 < len(toks) and (is_capword(toks[i + 1]) or _is_particle(toks[i + 1])):
            break
        if low in _PREFIX or (t.islower() and t.isalpha()):
            i += 1
            continue
        break
    return toks[i:]


def parse_authors(text: str) -> Authors | None:
    """Read the author part of a citation item, e.g. "see also van Dijck et al.," -> (van Dijck,), et al.

    Returns ``None`` when ``text`` is not an author list (a stray lower-case
    word, digits, a month name...).
    """
    text = re.sub(r"\[[^\]]{1,30}\]", " ", text)  # "World Health Organization [WHO]"
    toks = _strip_prefix(tokens(text))
    while toks and toks[-1] in (",", ";", ":", "&"):
        toks.pop()
    names: list[str] = []
    cur: list[str] = []
    et_al = False
    i = 0
    n = len(toks)

    def close() -> bool:
        if cur:
            if not _valid_name(cur):
                return False
            names.append(" ".join(cur))
            cur.clear()
        return True

    while i < n:
        t = toks[i]
        if et_al:
            if t in (",", ":"):
                i += 1
                continue
            return None  # nothing may follow "et al."
        k = _is_et_al(toks, i)
        if k:
            if not cur and not names:
                return None
            if not close():
                return None
            et_al = True
            i += k
            continue
        if t in (",", "&", ";") or t.lower() == "and":
            if not close():
                return None
            i += 1
            continue
        if _DOTTED_INITIALS.fullmatch(t) and (names or cur):
            i += 1  # "Smith, J." / "Rettberg, J.W." / "J. Smith"
            continue
        if is_capword(t):
            if cur and len(t) <= 2 and t.isupper() and i == n - 1:
                i += 1  # Vancouver "Smith JW"
                continue
            cur.append(t)
        elif _is_particle(t) and i + 1 < n and (is_capword(toks[i + 1]) or _is_particle(toks[i + 1])):
            cur.append(t)
        elif t.lower() in _JOINERS and cur and i + 1 < n and is_capword(toks[i + 1]):
            cur.append(t)
        elif t.endswith(("'s", "’s")) and is_capword(t[:-2]):
            cur.append(t[:-2])
        elif _DOTTED_INITIALS.fullmatch(t):
            pass  # leading initials "J. Smith"
        else:
            return None
        i += 1
    if not close() or not names or len(names) > 12:
        return None
    return Authors(tuple(names), et_al)


def authors_before(text: str, pos: int, window: int = 160) -> tuple[Authors, int, str] | None:
    """The author phrase that ends at ``pos`` (narrative citation), reading backwards.

    Returns ``(authors, start offset, word before the phrase)`` or ``None``.
    Handles "Gao et al.", "Su and Kaye", "Smith, Jones, and Lee", a possessive
    "Schellewald's", APA initials "Team, B." and multi-word organisations
    ("According to Pew Research Center" -> "Pew Research Center").
    """
    got, exhausted = _authors_before(text, pos, min(window, 48))
    if exhausted and window > 48 and pos > 48:
        got, _ = _authors_before(text, pos, window)
    return got


def _authors_before(text: str, pos: int, window: int) -> tuple[tuple[Authors, int, str] | None, bool]:
    """Backward reader; the flag says the window ran out before the phrase did."""
    lo = max(0, pos - window)
    chunk = text[lo:pos]
    found = [(m.group(0), lo + m.start()) for m in _TOKEN.finditer(chunk)]
    if lo > 0 and found:
        found = found[1:]  # the first token may be cut
    toks = [t for t, _ in reversed(found)]
    starts = [s for _, s in reversed(found)]
    if not toks:
        return None, False
    i = 0
    if toks[0] == ",":  # "Fong et al., (2013)"
        if len(toks) < 3 or toks[1].lower() not in ("al.", "al"):
            return None, False
        toks, starts = toks[1:], starts[1:]
    n = len(toks)
    # possessive and initials
    possessive = False
    t0 = toks[0]
    if t0.endswith(("'s", "’s")) and len(t0) > 2:
        toks[0] = t0[:-2]
        possessive = True
    elif t0.endswith(("s'", "s’")) and len(t0) > 2:
        toks[0] = t0[:-1]
        possessive = True
    if not possessive and _DOTTED_INITIALS.fullmatch(toks[0].replace(" ", "")):
        j = 0
        while j < n and _DOTTED_INITIALS.fullmatch(toks[j]):
            j += 1
        if j < n and toks[j] == ",":
            i = j + 1
        else:
            return None, False
    et_al = False
    if i + 1 < n and toks[i].lower() in ("al.", "al") and toks[i + 1].lower() == "et":
        et_al = True
        i += 2
        if i < n and toks[i] == ",":
            i += 1
    elif i < n and toks[i].lower() in ("et.al.", "et.al"):
        et_al = True
        i += 1
    names: list[list[tuple[str, int]]] = []
    cur: list[tuple[str, int]] = []
    conj = False  # an "and"/"&" joined the last two names: "A, B, and C"
    while i < n:
        t = toks[i]
        low = t.lower()
        if is_capword(t):
            cur.insert(0, (t, starts[i]))
        elif cur and _is_particle(t):
            cur.insert(0, (t, starts[i]))
        elif cur and low in ("of", "for", "the", "on") and i + 1 < n and is_capword(toks[i + 1]):
            cur.insert(0, (t, starts[i]))
        elif low in ("and", "&") and cur:
            names.insert(0, cur)
            cur = []
            conj = True
        elif t == "," and conj and (cur or names):
            if cur:
                names.insert(0, cur)
                cur = []
        else:
            break
        i += 1
    if cur:
        names.insert(0, cur)
    # drop sentence-opening words from the front of the first name
    while names and (names[0][0][0].lower() in _LEADING_STOP or names[0][0][0].lower().endswith("ly") or not is_capword(names[0][0][0])):
        names[0].pop(0)
        if not names[0]:
            names.pop(0)
    words = [[w for w, _ in nm] for nm in names]
    if not words or not all(_valid_name(nm) for nm in words):
        return None, i >= n and lo > 0
    start = names[0][0][1]
    before_m = re.search(r"(\S{1,40})\s{0,3}$", text[max(0, start - 45) : start]) if start > 0 else None
    before = before_m.group(1) if before_m else ""
    return (Authors(tuple(" ".join(nm) for nm in words), et_al), start, before), i >= n and lo > 0
