"""Work identity: when two CSL items (references or documents) describe the same work.

Candidates are compared only within blocks (:func:`block_keys`: first-author
surname + year, and a title key + year to survive a typo in the surname).
A pair is then scored (:func:`score`): title similarity (rapidfuzz), adjusted
by the container (abbreviations understood), the other authors, volume and
pages, and the first initial. Hard rules come first and never merge:
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
    """All the blocks an item is compared in: surname + year, title words + year, DOI."""
    keys = []
    year = year_of(csl)
    first = first_author_key(csl)
    if first:
        keys.append(f"{first}|{year}")  # block_key(csl)
    words = [w for w in title_key(csl).split() if w not in _STOP]
    if len(words) >= 3:  # two keys on disjoint words: one typo cannot break both
        keys.append(f"t:{' '.join(words[:3])}|{year}")
        if len(words) >= 6:
            keys.append(f"t:{' '.join(words[-3:])}|{year}")
    doi = _doi(csl)
    if doi:
        keys.append(f"doi:{doi}")
    return tuple(keys)


def undated_keys(csl: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys (``"u:"``) on which an undated item meets the items of its first author, whatever their year.

    First author with the first three (and the last three) title words, and
    with the initials of the container's words ("J. Commun." and "Journal of
    Communication" alike): an undated item is compared only with that
    author's items sharing one of them, not with every year of the author.
    """
    first = first_author_key(csl)
    if not first:
        return ()
    keys = []
    words = [w for w in title_key(csl).split() if w not in _STOP]
    if words:
        keys.append(f"u:{first}|t:{' '.join(words[:3])}")
        if len(words) >= 4:
            keys.append(f"u:{first}|t:{' '.join(words[-3:])}")
    initials = "".join(w[0] for w in _content_words(str(csl.get("container-title") or "")) if w)
    if initials:
        keys.append(f"u:{first}|c:{initials}")
    return tuple(keys)


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
    container: str
    others: tuple[str, ...]
    volume: str
    page: str


def features(csl: Mapping[str, Any] | Features) -> Features:
    """The :class:`Features` of a CSL item."""
    if isinstance(csl, Features):
        return csl
    title = title_key(csl)
    return Features(
        first=first_author_key(csl),
        initial=first_initial(csl),
        year=year_of(csl),
        suffix=str(csl.get("year-suffix") or ""),
        doi=_doi(csl),
        title=title,
        main=_main_title(csl),
        words=frozenset(w for w in title.split() if w not in _STOP),
        container=str(csl.get("container-title") or ""),
        others=tuple(_others(csl)),
        volume=fold(str(csl.get("volume") or "")),
        page=fold(str(csl.get("page") or "")),
    )


def _title_score(a: Features, b: Features) -> float:
    ta, tb = a.title, b.title
    if ta == tb or ta.replace(" ", "") == tb.replace(" ", ""):
        return 100.0
    if (a.main and a.main == tb) or (b.main and b.main == ta):
        return 95.0  # one is the other's main title, without its subtitle
    s = max(fuzz.ratio(ta, tb), fuzz.token_sort_ratio(ta, tb))
    if s < 70:
        return s
    return s - 8 * _unmatched_words(a.words, b.words)  # a different word is a different title; a typo is not


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
