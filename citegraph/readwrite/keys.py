"""Citation keys in the Better BibTeX style: ``curranMedia2007``.

A key is the lowercased, ASCII-folded surname of the first author (the first
word of an organisation's name; the first significant word of the title when
there is no author or editor), the first significant word of the title with
its first letter upper-cased, and the year. Generated keys contain only ``[A-Za-z0-9]``;
an item with a usable ``citation-key`` (an entry read from a .bib file) keeps it.
Items whose keys clash all get a suffix ``a``, ``b``... in an order fixed by
their title, container and full JSON, so a key never depends on input order.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from typing import Any, Mapping, Sequence

from ..csl import issued_year

__all__ = ["citation_keys", "base_key", "base_fields", "fold_ascii", "pinned_key"]

#: Function words skipped when picking the title word (after Better BibTeX's skip list).
SKIP_WORDS = frozenset(
    """a ab aboard about above across after against al along amid among an and anti around as at
    before behind below beneath beside besides between beyond but by d da das de del dell della
    delle dem den der des despite die do down du during ein eine einem einen einer eines el en et
    except for from gli i il in inside into is l la las le les like lo los near nor of off on onto
    or over past per plus round save since so some sur than the through to toward towards un una
    unas uno unos under underneath une unlike until up upon versus via von while with within
    without yet zu zum""".split()
)

# Letters that do not decompose under NFKD.
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng",
    }
)
_NON_KEY = re.compile(r"[^A-Za-z0-9]+")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def fold_ascii(text: str) -> str:
    """``text`` with accents stripped and special letters spelled in ASCII; other characters dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    """The words of ``text`` (runs of letters/digits), each folded to ASCII; words that fold to nothing dropped."""
    words: list[str] = []
    current: list[str] = []
    for ch in text + " ":
        if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"):
            current.append(ch)
        elif current:
            folded = _NON_KEY.sub("", fold_ascii("".join(current)))
            if folded:
                words.append(folded)
            current = []
    return words


def _significant(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in SKIP_WORDS]


def _year(item: Mapping[str, Any]) -> str:
    """The issued year, or a year in a non-CSL ``year`` field; "" if none."""
    year = issued_year(item)
    if year:
        return year
    match = _YEAR.search(str(item.get("year", ""))[:200])
    return match.group(1) if match else ""


def _creator_word(item: Mapping[str, Any]) -> str:
    """The lowercased surname (or organisation's first word) of the first author or editor, or ""."""
    for role in ("author", "editor"):
        names = item.get(role)
        if not isinstance(names, list) or not names:
            continue
        first = names[0]
        if not isinstance(first, Mapping):
            continue
        family = str(first.get("family") or "")
        if family:
            particle = str(first.get("non-dropping-particle") or "")
            return _NON_KEY.sub("", fold_ascii(particle + family)).lower()
        literal = str(first.get("literal") or first.get("given") or "")
        words = _significant(_words(literal)) or _words(literal)
        return words[0].lower() if words else ""
    return ""


def base_fields(item: Mapping[str, Any]) -> tuple[Any, ...]:
    """Everything :func:`base_key` looks at: items with equal fields have equal base keys."""
    firsts = tuple(names[:1] if isinstance(names, list) else None for names in (item.get("author"), item.get("editor")))
    return (item.get("title"), *firsts, item.get("issued"), item.get("year"))


def base_key(item: Mapping[str, Any]) -> str:
    """The key of ``item`` before clashes are settled: ``curranMedia2007``."""
    title_words = _significant(_words(str(item.get("title") or "")))
    creator = _creator_word(item)
    if not creator and title_words:  # no author, or a name with no ASCII letters
        creator = title_words.pop(0).lower()
    word = title_words[0] if title_words else ""
    return (creator or "anon") + word[:1].upper() + word[1:] + _year(item)


def _suffix(n: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa"..."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def _order(item: Mapping[str, Any]) -> tuple[str, str, str]:
    return (
        str(item.get("title") or ""),
        str(item.get("container-title") or ""),
        json.dumps(item, sort_keys=True, ensure_ascii=False, default=str),
    )


_PINNABLE = re.compile(r"[A-Za-z][A-Za-z0-9_:.+-]{0,99}")


def pinned_key(item: Mapping[str, Any]) -> str:
    """The key an item asks to keep (its ``citation-key``, e.g. from a .bib file), or "" when it is not a usable key."""
    key = str(item.get("citation-key") or "").strip()
    return key if _PINNABLE.fullmatch(key) else ""


def citation_keys(items: Sequence[Mapping[str, Any]], bases: Sequence[str] | None = None) -> list[str]:
    """One unique Better-BibTeX-style key per item, in the order of ``items``.

    Example: an article by James Curran titled "Media and democracy", 2007,
    gets ``curranMedia2007``. When several items share a base key, each gets
    a letter (``gaoSocial2012a``, ``gaoSocial2012b``) assigned by sorting them
    on title, container title and JSON, so the result does not depend on the
    order of ``items``. An item with a ``citation-key`` (an entry read from a
    .bib file) keeps it, as Better BibTeX keeps a pinned key, unless another
    item pins the same key (then all of them get generated keys).
    ``bases``: the items' :func:`base_key` values when already known.
    """
    pins = [pinned_key(item) for item in items]
    pin_count: dict[str, int] = defaultdict(int)
    for pin in pins:
        if pin:
            pin_count[pin] += 1
    pinned = {pin for pin, count in pin_count.items() if count == 1}
    keys = [pin if pin in pinned else "" for pin in pins]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if not keys[index]:
            groups[bases[index] if bases is not None else base_key(item)].append(index)
    taken = set(pinned) | {base for base, members in groups.items() if len(members) == 1 and base not in pinned}
    for base in sorted(groups):
        members = groups[base]
        if len(members) == 1 and base not in pinned:
            keys[members[0]] = base
            continue
        members = sorted(members, key=lambda i: _order(items[i]))
        n = 0
        for index in members:
            while base + _suffix(n) in taken or base + _suffix(n) in groups:
                n += 1
            keys[index] = base + _suffix(n)
            taken.add(keys[index])
            n += 1
    return keys
