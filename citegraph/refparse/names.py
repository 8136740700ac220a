"""Splitting an author/editor field into CSL-JSON names.

Handles "Family, I., & Other, J.", "I. Family and J. Other", Vancouver
"Family IJ, Other K", particles ("de la Macorra"), nicknames in quotes,
"et al." and organisations ("Pew Research Center", "Statista"), which
become ``{"literal": ...}``.
"""

from __future__ import annotations

import html
import re

from .lexicon import ORG, PARTICLES

__all__ = ["parse_names", "strip_role"]

_ROLE = re.compile(
    r"^\s{0,5}(?:in:?|edited\s{1,3}by|ed\.\s{1,3}by|hrsg\.\s{1,3}v\.|translated\s{1,3}by|trans\.\s{1,3}by|transl?\.|by)\s{1,5}"
    r"|\(?\b(?:eds?|editors?|hrsg|hg|dir|trans|transl|trad|coords?|comps?)\b\.?\)?[.,:;]?"
    r"|\((?:ed|eds|hrsg|dir|trad|trans)\.?\)",
    re.I,
)
_ETAL = re.compile(r"\bet\.?\s{0,3}al\b\.?|\band\s{1,3}others\b|\bu\.\s{0,2}a\.|…|\.\.\.", re.I)
_SPLIT = re.compile(r"\s{0,5}(?:;|,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s{0,5}")
_INITIAL_WORD = re.compile(r"(?:[A-Z\u00c0-\u00de][a-z]?[.-]{1,2}){1,4}|[A-Z\u00c0-\u00de]{1,3}|[A-Z]\.?(?:-?[A-Z]\.?){0,3}[a-z]?\.?")
_BARE = re.compile(r"[A-Z\u00c0-\u00de]{1,3}\.?|(?:[A-Z\u00c0-\u00de]\.-?){1,3}")
_QUOTES = str.maketrans("", "", "\"“”«»*")


def strip_role(text: str) -> str:
    """The field without "In", "(Eds.)", "edited by", "et al." and similar."""
    text = _ETAL.sub(" ", text)
    text = _ROLE.sub(" ", text)
    return " ".join(text.split())


def _is_initials(part: str) -> bool:
    words = part.split()
    return bool(words) and len(words) <= 4 and all(_INITIAL_WORD.fullmatch(w) for w in words)


def _caps_word(w: str) -> bool:
    return w[:1].isupper() or w.lower() in PARTICLES


def _looks_given(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 3:
        return False
    if _is_initials(part):
        return True
    return all(w[:1].isupper() for w in words) and any(_INITIAL_WORD.fullmatch(w) for w in words)


def _is_org(words: list[str]) -> bool:
    low = [w.lower().strip(".,") for w in words]
    if any(w in ORG for w in low):
        return True
    return len(words) > 4


def _split_given_first(words: list[str]) -> dict:
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i == len(words) - 1 and len(words) > 1 and words[-2].lower() in PARTICLES:
        i -= 1
    family = _fam(" ".join(words[i:]))
    given = " ".join(words[:i])
    return {"family": family, "given": given} if given else {"family": family}


def _one(part: str) -> dict:
    words = part.split()
    if len(words) == 1:
        return {"literal": _fam(words[0])} if words[0][:1].isalpha() and not _is_initials(part) else {"family": words[0]}
    if _is_org(words):
        return {"literal": _fam(part)}
    k = _trailing_initials(words)
    if k:
        return {"family": _fam(" ".join(words[:-k])), "given": " ".join(words[-k:])}  # Vancouver "Peters OA"
    return _split_given_first(words)


def _trailing_initials(words: list[str]) -> int:
    """How many final words are bare capitals ("Peters OA", "XU X D"), 0 if not that pattern."""
    k = 0
    while k < 3 and k < len(words) - 1 and _BARE.fullmatch(words[-1 - k]):
        k += 1
    if k and len(words[0].rstrip(".")) == 1:
        return 0
    return k


def _fam(s: str) -> str:
    return s[:-1] if s.endswith(".") and len(s.rsplit(None, 1)[-1]) > 3 else s


def parse_names(text: str) -> list[dict]:
    """CSL-JSON names of an author or editor field (empty list when nothing is left)."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    text = strip_role(text.translate(_QUOTES))
    if not text:
        return []
    words = text.split()
    if "," not in text and ";" not in text and "&" not in text and " and " not in text and len(words) > 1 and _is_org(words):
        return [{"literal": text.strip(" .,;:")}]
    parts = [p.strip(" ,;:'()[]") for p in _SPLIT.split(text)]
    parts = [p for p in parts if p and any(ch.isalpha() for ch in p)]
    names: list[dict] = []
    i = 0
    while i < len(parts):
        p = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        pw = p.split()
        if (
            nxt is not None
            and len(pw) <= 3
            and not _is_initials(p)
            and not (len(pw) > 1 and _INITIAL_WORD.fullmatch(pw[0]))
            and not _trailing_initials(pw)
            and _looks_given(nxt)
            and all(_caps_word(w) for w in pw)
        ):
            names.append({"family": _fam(p), "given": nxt})
            i += 2
            continue
        if _is_initials(p) and names and "given" not in names[-1] and "family" in names[-1]:
            names[-1]["given"] = p
            i += 1
            continue
        names.append(_one(p))
        i += 1
    return names
