"""Work identity: when two CSL items (references or documents) describe the same work.

Candidates are compared only within blocks (:func:`block_keys`: first-author
surname + year, and a title key + year to survive a typo in the surname;
:func:`undated_keys` for an item without a year; surnames one letter
deletion apart, :func:`surname_variants`, for a typo in the surname and
another in the title).
A pair is then scored (:func:`score`): title similarity (rapidfuzz), adjusted
by the container (abbreviations understood), the other authors, volume and
pages, and the first initial; a title without its subtitle is compared
with the other's main title, typos allowed. Hard rules come first and never merge:
different years, different year suffixes ("2012a" vs "2012b"), different
DOIs, incompatible first-author surnames, and different first initials with
different titles ("Li, Z. 2022" vs "Li, Y. 2022"). Equal DOIs merge.
:data:`THRESHOLD` was calibrated with ``benchmarks/dedup_bench.py``.
"""

from __future__ import annotations

from functools import lru_cache
from dataclasses import dataclass
from typing import Any, Mapping

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .csl import issued_year
from .textfold import fold

__all__ = [
    "fold",
    "first_author_key",
    "first_initial",
    "year_of",
    "title_key",
    "block_key",
    "block_keys",
    "undated_keys",
    "surname_variants",
    "item_keys",
    "end_words",
    "container_match",
    "Features",
    "features",
    "score",
    "conflict",
    "same_work",
    "THRESHOLD",
]

#: Score (0-100) at or above which two items are the same work (calibrated on a generated corpus).
THRESHOLD = 88.0
#: Title score under which two descriptions in the groups about to be joined are incompatible.
CONFLICT = 80.0
_STOP = frozenset("a an and the of for in on to at by with from de la le der die das und".split())


def _family(name: Mapping[str, Any]) -> str:
    return "".join(fold(str(name.get("family") or "")).split())


def first_author_key(csl: Mapping[str, Any]) -> str:
    """The folded family name of the first author (or the first word of an organisation or the title)."""
    for role in ("author", "editor"):
        names = csl.get(role) or []
        if names:
            first = names[0]
            name = first.get("family") or first.get("literal") or ""
            words = fold(str(name)).split()
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
    """The issued year as a string, or "" (:func:`citegraph.csl.issued_year`)."""
    issued = csl.get("issued")
    if type(issued) is dict:  # the common case, checked without the slower Mapping test
        parts = issued.get("date-parts")
        if type(parts) is list and parts and type(parts[0]) is list and parts[0]:
            first = parts[0][0]
            if type(first) is int and 1500 <= first <= 2099:
                return str(first)
    elif issued is None:
        return ""
    return issued_year(csl)


def title_key(csl: Mapping[str, Any]) -> str:
    """The folded title ("&" read as "and")."""
    return fold(str(csl.get("title", "")).replace("&", " and "))


def _main_title(csl: Mapping[str, Any]) -> str:
    """The folded title before its first colon (the title without its subtitle), or ""."""
    title = str(csl.get("title", ""))
    return fold(title.split(":", 1)[0].replace("&", " and ")) if ":" in title else ""


def block_key(csl: Mapping[str, Any]) -> str:
    """The main blocking key: first-author key and year (``"curran|2007"``), or "" when there is no author key."""
    first = first_author_key(csl)
    return f"{first}|{year_of(csl)}" if first else ""


def block_keys(csl: Mapping[str, Any]) -> tuple[str, ...]:
    """All the blocks an item is compared in: surname + year, title words + year, DOI.

    Surnames one typo apart meet too (:func:`surname_variants`, used by
    :func:`citegraph.grouping.group_items` on the distinct surnames).
    """
    return tuple(_block_keys(features(csl)))


def undated_keys(csl: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys (``"u:"``) on which an undated item meets the items of other years (:func:`_undated_keys`)."""
    return tuple(_undated_keys(features(csl)))


def item_keys(f: Features) -> tuple[str, ...]:
    """:func:`block_key` (or ""), then :func:`block_keys`, then :func:`undated_keys`, from an item's :class:`Features`."""
    words = _ordered_words(f.title)
    return (f"{f.first}|{f.year}" if f.first else "", *_block_keys(f, words), *_undated_keys(f, words))


def _ordered_words(title: str) -> list[str]:
    return [w for w in title.split() if w not in _STOP]


def end_words(title: str) -> frozenset[str]:
    """The first and the last content word of a folded title (:func:`title_key`): a typo in a title leaves one of them."""
    words = _ordered_words(title)
    return frozenset((words[0], words[-1])) if words else frozenset()


def _block_keys(f: Features, words: list[str] | None = None) -> list[str]:
    words = _ordered_words(f.title) if words is None else words
    keys = []
    year = f.year
    if f.first:
        keys.append(f"{f.first}|{year}")  # block_key(csl)
    if len(words) >= 3:  # two keys on disjoint words: one typo cannot break both
        keys.append(f"t:{' '.join(words[:3])}|{year}")
        if len(words) >= 6:
            keys.append(f"t:{' '.join(words[-3:])}|{year}")
    if f.doi:
        keys.append(f"doi:{f.doi}")
    return keys


@lru_cache(maxsize=65536)
def surname_variants(first: str) -> tuple[str, ...]:
    """A surname key and its one-letter deletions: two surnames one edit apart share one of them.

    Only surnames a typo can reach (:func:`_surnames_compatible`): none for
    one or two letters, the surname alone for three, deletions from four.
    """
    if len(first) < 3:
        return ()
    if len(first) == 3:
        return (first,)
    return tuple(dict.fromkeys([first] + [first[:i] + first[i + 1 :] for i in range(len(first))]))


def _undated_keys(f: Features, words: list[str] | None = None) -> list[str]:
    """The ``"u:"`` keys: where an undated item meets the items of other years.

    The first author with the title, with its main title (the subtitle
    dropped) and with a few groups of its words (:func:`_typo_proof_words`:
    a typo in one word leaves one group whole); and the whole title (three content
    words or more) with the first, or the last, letter of the surname (a
    typo in the surname leaves one of them). An undated item is compared
    only with the items sharing one of them, never with every year of its
    author: :func:`citegraph.grouping.group_items` uses a ``"u:"`` key only
    when an undated item has it, and compares only the pairs with an
    undated item in its block.
    """
    words = _ordered_words(f.title) if words is None else words
    first = f.first
    if not first or not words:
        return []
    groups = dict.fromkeys([*_typo_proof_words(words), " ".join(words)])
    if f.main:
        main = _ordered_words(f.main)
        groups.update(dict.fromkeys([*_typo_proof_words(main), " ".join(main)]))
    keys = [f"u:{first}|t:{g}" for g in groups if g]
    if len(words) >= 3:
        whole = " ".join(words)
        keys.extend(f"u:{letter}|T:{whole}" for letter in dict.fromkeys((first[0], first[-1])))
    return keys


def _typo_proof_words(words: list[str]) -> list[str]:
    """Groups of title words, as specific as can be, one of which a typo in one word leaves whole (titles of three words or more).

    Four words or more: the first three, the last three, the first with
    the last; three: each pair. None for shorter titles (one word alone
    would meet too many of the author's works).
    """
    if len(words) >= 4:
        return [" ".join(words[:3]), " ".join(words[-3:]), f"{words[0]} {words[-1]}"]
    if len(words) == 3:
        a, b, c = words
        return [f"{a} {b}", f"{a} {c}", f"{b} {c}"]
    return []


def _doi(csl: Mapping[str, Any]) -> str:
    doi = str(csl.get("DOI") or "").strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix) :]
    return doi.rstrip(".")


def _content_words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in _STOP]


@lru_cache(maxsize=4096)
def container_match(a: str, b: str) -> bool | None:
    """Whether two container titles name the same journal/book (None when one is missing).

    Abbreviations count ("J. Commun." = "Journal of Communication": each word
    a prefix of the other's word in the same place); so do small typos.
    """
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return None
    if wa == wb:
        return True
    if len(wa) == len(wb) and all(x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb)):
        return True
    return fuzz.ratio(" ".join(wa), " ".join(wb)) >= 90


def _surnames_compatible(a: str, b: str) -> tuple[bool, bool]:
    """(compatible, exact): equal surnames, or one typo apart (two for long names; never for short ones)."""
    if a == b:
        return True, True
    if not a or not b or min(len(a), len(b)) < 3 or max(len(a), len(b)) < 4:
        return False, False
    return _typo_apart(a, b), False


def _typo_apart(a: str, b: str) -> bool:
    """Whether two words are one edit apart (an insertion, deletion, substitution or swap; two for long words)."""
    if abs(len(a) - len(b)) > 2:
        return False
    allowed = 1 if max(len(a), len(b)) < 8 else 2
    return OSA.distance(a, b, score_cutoff=allowed) <= allowed


def _unmatched_words(wa: frozenset[str], wb: frozenset[str]) -> int:
    """Content words of one title that are neither in the other nor a typo of one of its words."""
    only_a, only_b = sorted(wa - wb), sorted(wb - wa)
    if not only_a or not only_b:
        return max(len(only_a), len(only_b))
    for w in list(only_a):
        partner = next((v for v in only_b if len(w) >= 4 and _typo_apart(w, v)), None)
        if partner is not None:
            only_a.remove(w)
            only_b.remove(partner)
    return max(len(only_a), len(only_b))


@dataclass(frozen=True, slots=True)
class Features:
    """What identity looks at in a CSL item, computed once (:func:`features`)."""

    first: str
    initial: str
    year: str
    suffix: str
    doi: str
    title: str
    main: str
    words: frozenset[str]
    main_words: frozenset[str]
    container: str
    others: tuple[str, ...]
    volume: str
    page: str


def features(csl: Mapping[str, Any] | Features) -> Features:
    """The :class:`Features` of a CSL item."""
    if isinstance(csl, Features):
        return csl
    title = title_key(csl)
    main = _main_title(csl)
    return Features(
        first=first_author_key(csl),
        initial=first_initial(csl),
        year=year_of(csl),
        suffix=str(csl.get("year-suffix") or ""),
        doi=_doi(csl),
        title=title,
        main=main,
        words=frozenset(w for w in title.split() if w not in _STOP),
        main_words=frozenset(w for w in main.split() if w not in _STOP),
        container=str(csl.get("container-title") or ""),
        others=tuple(_others(csl)),
        volume=fold(str(csl.get("volume") or "")),
        page=fold(str(csl.get("page") or "")),
    )


def _text_score(ta: str, tb: str, wa: frozenset[str], wb: frozenset[str]) -> float:
    s = max(fuzz.ratio(ta, tb), fuzz.token_sort_ratio(ta, tb))
    if s < 70:
        return s
    return s - 8 * _unmatched_words(wa, wb)  # a different word is a different title; a typo is not


def _title_score(a: Features, b: Features) -> float:
    ta, tb = a.title, b.title
    if ta == tb or (len(ta) - ta.count(" ") == len(tb) - tb.count(" ") and ta.replace(" ", "") == tb.replace(" ", "")):
        return 100.0
    if (a.main and a.main == tb) or (b.main and b.main == ta):
        return 95.0  # one is the other's main title, without its subtitle
    s = _text_score(ta, tb, a.words, b.words)
    if bool(a.main) != bool(b.main):  # only one has a subtitle: the other may be its main title with a typo
        full, short = (a, b) if a.main else (b, a)
        s = max(s, _text_score(full.main, short.title, full.main_words, short.words) - 5)
    return s


def _others(csl: Mapping[str, Any]) -> list[str]:
    return [f for f in (_family(n) for n in (csl.get("author") or [])[1:]) if f]


def score(a: Mapping[str, Any] | Features, b: Mapping[str, Any] | Features) -> float:
    """How sure we are that ``a`` and ``b`` (CSL items or their :class:`Features`) are the same work, 0-100.

    Hard rules give 0 (different years, suffixes, DOIs, surnames; other
    initials with other titles) or 100 (equal DOIs).
    """
    a, b = features(a), features(b)
    if a.year and b.year and a.year != b.year:
        return 0.0
    if a.suffix and b.suffix and a.suffix != b.suffix:
        return 0.0
    if a.doi and b.doi:
        return 100.0 if a.doi == b.doi else 0.0
    ok, exact = _surnames_compatible(a.first, b.first)
    if not ok or not a.title or not b.title:
        return 0.0
    s = _title_score(a, b)
    if s < 60:
        return 0.0
    if a.initial and b.initial and a.initial != b.initial:
        if s < 97:
            return 0.0  # "Li, Z. 2022" vs "Li, Y. 2022": different people
        s -= 3
    if not exact and s < 95:
        return 0.0  # a surname typo merges only with the same title
    same_container = container_match(a.container, b.container)
    if same_container is not None:
        s += 3 if same_container else -8
    if a.others and b.others:
        s += 2 if a.others[0] == b.others[0] or set(a.others) & set(b.others) else -6
    for va, vb, bonus, malus in ((a.volume, b.volume, 1, -6), (a.page, b.page, 2, -8)):
        if va and vb:
            s += bonus if va == vb else malus
    return max(0.0, min(100.0, s))


def conflict(a: Mapping[str, Any] | Features, b: Mapping[str, Any] | Features) -> bool:
    """Whether two descriptions cannot be of one work (used before joining two groups).

    True for different DOIs, year suffixes or first initials with other
    titles, and for two full titles that differ beyond typos (a title and
    its own main title never conflict).
    """
    a, b = features(a), features(b)
    if (a.suffix and b.suffix and a.suffix != b.suffix) or (a.doi and b.doi and a.doi != b.doi):
        return True
    if not a.title or not b.title:
        return False
    t = _title_score(a, b)
    return t < CONFLICT or bool(a.initial and b.initial and a.initial != b.initial and t < 97)


def same_work(a: Mapping[str, Any], b: Mapping[str, Any], threshold: float = THRESHOLD) -> bool:
    """Whether two CSL items describe the same work (:func:`score` at or above ``threshold``)."""
    return score(a, b) >= threshold
