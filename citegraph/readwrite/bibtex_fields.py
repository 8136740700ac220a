"""Field text for BibTeX/BibLaTeX: LaTeX escaping, non-ASCII encoding, title protection, names.

BibTeX output (``ascii_only=True``) must typeset in any pdflatex document
(``T1`` fonts, no language packages), so every non-ASCII character becomes
ASCII LaTeX: letters with accents become accent macros (``é`` -> ``{\\'e}``,
``ạ`` -> ``{\\d{a}}``, stacked accents nested, a stray combining accent put
on the letter before it); Cyrillic is romanised (BGN/PCGN without diacritics:
``Жуков`` -> ``Zhukov``), since ``\\cyr...`` needs T2A fonts; compatibility
forms are folded (``ﬁ`` -> ``fi``). Only characters with no Latin form (CJK,
Hangul, Arabic...) are kept as UTF-8. BibLaTeX output keeps UTF-8 but drops
combining marks that do not compose with the letter before them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Mapping

from pylatexenc.latexencode import UnicodeToLatexEncoder

__all__ = ["clean", "latex_escape", "protect_title", "names", "name", "CYRILLIC"]

_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"{\textbraceleft}",
    "}": r"{\textbraceright}",
    "~": r"{\textasciitilde}",
    "^": r"{\textasciicircum}",
    "\\": r"{\textbackslash}",
}
_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
#: Combining marks -> the T1 accent macro that draws them ("" for marks with none: dropped).
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0306": "u", "\u0307": ".",
    "\u0308": '"', "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0323": "d", "\u0327": "c", "\u0328": "k",
    "\u0331": "b", "\u0326": "c",
}
#: Cyrillic -> Latin (BGN/PCGN romanisation, ASCII only).
CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "''", "ы": "y",
    "ь": "'", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
    "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѕ": "dz", "ѓ": "gj", "ќ": "kj",
}
CYRILLIC.update({k.upper(): (v[:1].upper() + v[1:]) if v[:1].isalpha() else v for k, v in list(CYRILLIC.items())})
#: Letters and marks pylatexenc leaves alone that have a plain-ASCII reading.
_EXTRA = {
    "ʻ": "`", "ʼ": "'", "ʹ": "'", "ʺ": "''", "ʾ": "'", "ʿ": "`", "ẞ": "SS", "\u2011": "-", "\u2212": "-",
    "《": "{\\guillemotleft}", "》": "{\\guillemotright}", "〈": "<", "〉": ">", "「": "`", "」": "'", "『": "``", "』": "''",
    "、": ",", "。": ".", "・": "{\\textperiodcentered}", "♥": "{\\ensuremath{\\heartsuit}}",
}
#: Hangul syllables -> Revised Romanisation (initial, vowel, final jamo; no sound-change rules).
_HANGUL_INITIAL = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_HANGUL_VOWEL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_HANGUL_FINAL = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()
_LOW_COMMA = re.compile("\u201a(?=\\s|$)")


def _hangul(ch: str) -> str:
    index = ord(ch) - 0xAC00
    parts = (_HANGUL_INITIAL[index // 588], _HANGUL_VOWEL[index % 588 // 28], _HANGUL_FINAL[index % 28])
    return "".join(p for p in parts if p != "-")


def clean(text: Any) -> str:
    """Text as one line: NFC-normalised, control characters dropped, whitespace collapsed.

    A low single quote before a space (``Bond‚ V.``) is an OCR'd comma and becomes one.
    """
    text = _LOW_COMMA.sub(",", unicodedata.normalize("NFC", str(text)))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "" if unicodedata.category(ch) == "Cf" else " " for ch in text)
    return " ".join(text.split())


def _t1_safe(tex: str) -> bool:
    """Whether pylatexenc's encoding typesets with T1 fonts (no Cyrillic/other-encoding macros)."""
    return not re.search(r"\\(?:cyr|CYR|textcyr|textarab|texthebrew)", tex)


@lru_cache(maxsize=8192)
def _encode_char(ch: str) -> str:
    """One non-ASCII character as ASCII LaTeX, or the character itself when it has no Latin form."""
    if ch in CYRILLIC:
        return CYRILLIC[ch]
    if ch in _EXTRA:
        return _EXTRA[ch]
    if "\uac00" <= ch <= "\ud7a3":
        return _hangul(ch)
    tex = _ENCODER.unicode_to_latex(ch)
    if tex != ch and _t1_safe(tex):
        return tex
    decomposed = unicodedata.normalize("NFD", ch)
    if len(decomposed) > 1 and not unicodedata.combining(decomposed[0]) and all(unicodedata.combining(c) for c in decomposed[1:]):
        return _with_marks(decomposed[0], decomposed[1:])
    folded = unicodedata.normalize("NFKD", ch)
    if folded != ch and all(c.isascii() or unicodedata.combining(c) for c in folded):
        return "".join(c for c in folded if c.isascii())
    return ch


def _with_marks(base: str, marks: str) -> str:
    """``base`` with combining ``marks`` as nested accent macros; marks T1 cannot draw are dropped."""
    tex = base if base.isascii() else _encode_char(base)
    if tex == "i" or tex == "j":
        tex = "\\" + tex  # dotless under an accent
    for mark in marks:
        macro = _ACCENTS.get(mark, "")
        if macro.isalpha():
            tex = "{\\" + macro + "{" + tex + "}}"
        elif macro:
            tex = "{\\" + macro + (tex if len(tex) == 1 or tex.startswith("{") else "{" + tex + "}") + "}"
    return tex


def _clusters(text: str) -> list[str]:
    """``text`` as base characters each with the combining marks that follow it."""
    out: list[str] = []
    for ch in text:
        if unicodedata.combining(ch) and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def latex_escape(text: str, ascii_only: bool = True) -> str:
    """``text`` with LaTeX specials escaped and, when ``ascii_only``, non-ASCII letters written in ASCII LaTeX.

    Braces are written as ``{\\textbraceleft}`` so that the field's braces stay balanced.
    """
    out: list[str] = []
    for cluster in _clusters(text):
        ch = cluster[0]
        if len(cluster) > 1:
            composed = unicodedata.normalize("NFC", cluster)
            if len(composed) == 1:
                cluster = ch = composed
        if unicodedata.combining(ch):  # a mark with no letter before it
            continue
        if ch in _SPECIALS:
            out.append(_SPECIALS[ch])
        elif not ascii_only:
            out.append(ch)
        elif len(cluster) > 1:
            out.append(_with_marks(ch, cluster[1:]))
        elif ord(ch) > 127:
            out.append(_encode_char(ch))
        else:
            out.append(ch)
    return "".join(out)


def _split_token(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation); a final period stays in an abbreviation."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    core = token[start:end]
    if "." in core and end < len(token) and token[end] == ".":
        end += 1
        core = token[start:end]
    return token[:start], core, token[end:]


def _needs_protection(core: str, first: bool) -> bool:
    letters = [c for c in core if c.isalpha()]
    if not letters:
        return False
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    if any(c.isupper() for c in core[1:]):
        return True
    return not first and core[0].isupper()


def protect_title(title: str, ascii_only: bool = True) -> str:
    """A title escaped for BibTeX with capitalised words (but not the first word as such) in braces."""
    out: list[str] = []
    first = True
    for token in re.split(r"(\s)", title):
        if not token or token.isspace():
            out.append(token)
            continue
        lead, core, trail = _split_token(token)
        if core and _needs_protection(core, first):
            core_tex = "{" + latex_escape(core, ascii_only) + "}"
        else:
            core_tex = latex_escape(core, ascii_only)
        out.append(latex_escape(lead, ascii_only) + core_tex + latex_escape(trail, ascii_only))
        if core:
            first = False
    return "".join(out)


#: Characters that are never part of a name: LaTeX markup or OCR debris (``{\sc Arrow}``, ``Uzawa}``).
_NOT_IN_NAMES = str.maketrans("", "", "{}\\$^_~#%")
_NAME_AND = re.compile(r"(?i)(?:^|\s)and(?:\s|$)")


def _name_text(value: Any) -> str:
    return " ".join(clean(value or "").translate(_NOT_IN_NAMES).split())


def name(person: Mapping[str, Any], ascii_only: bool) -> str:
    """One CSL name as "von Family, Jr., Given", or "{Literal}" for organisations ("" when nothing is left).

    A part holding a comma or the word "and" is braced so that BibTeX reads it as one part.
    """
    family = _name_text(person.get("family"))
    given = _name_text(person.get("given"))
    literal = _name_text(person.get("literal"))
    if not family:
        whole = literal or given
        return "{" + latex_escape(whole, ascii_only) + "}" if whole.strip(" .,;:") else ""

    def part(text: str) -> str:
        tex = latex_escape(text, ascii_only)
        return "{" + tex + "}" if "," in text or _NAME_AND.search(text) else tex

    particle = _name_text(person.get("non-dropping-particle"))
    dropping = _name_text(person.get("dropping-particle"))
    suffix = _name_text(person.get("suffix"))
    last = " ".join(p for p in (latex_escape(particle, ascii_only), part(family)) if p)
    first_names = " ".join(p for p in (part(given) if given else "", latex_escape(dropping, ascii_only)) if p)
    pieces = [last] + ([part(suffix)] if suffix else []) + ([first_names] if first_names else [])
    return ", ".join(pieces)


def names(people: Any, ascii_only: bool) -> str:
    """CSL names joined with " and " (BibTeX's separator); "" when there are none."""
    if not isinstance(people, list):
        return ""
    return " and ".join(n for n in (name(p, ascii_only) for p in people if isinstance(p, Mapping)) if n)


def plain_names(people: Any, ascii_only: bool) -> str:
    """CSL names as running text, "Given Family" joined with commas and "and" (for a note)."""
    if not isinstance(people, list):
        return ""
    out = []
    for p in people:
        if not isinstance(p, Mapping):
            continue
        words = [_name_text(p.get(k)) for k in ("given", "dropping-particle", "non-dropping-particle", "family", "literal")]
        text = " ".join(w for w in words if w)
        if text:
            out.append(latex_escape(text, ascii_only))
    return ", ".join(out[:-1]) + " and " + out[-1] if len(out) > 1 else "".join(out)
