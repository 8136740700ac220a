"""Matching one in-text citation key against reference entries: exact first, then disciplined fuzzy.

Author tiers (first author only, never across first authors):

* 3 exact: folded surname equal ("Müller" = "Muller", "D'Arcy" = "Darcy", "van Dijck" = "Dijck");
* 2 token: "Alhabash Ma" = Alhabash & Ma, "John Smith" = Smith, an organisation
  matching the start of a literal name, or the start of the title of an entry with no author;
* 1 spelling: one edit apart (two for long names, never for names under 5 letters).

Years must agree; a year suffix never matches a different suffix ("2012b" is
not "2012a"), nor an entry without one (the list has no "2018a" to name); a
citation without a suffix matches either. An author-page key (MLA, no year)
may carry a short title in its locator (``"Internet Celebrity" 89``) that
picks among the author's entries. Entries whose text is identical (a list
read twice) count as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Sequence

from rapidfuzz.distance import Levenshtein

from .citefind import fold_name
from .citefind.names import PARTICLES
from .csl import author_year_label
from .model import CiteKey, Reference

__all__ = ["RefKey", "ref_key", "describe", "author_tier", "year_match", "Match", "match"]

_YEAR_RAW = re.compile(r"(?<![\w/.-])(1[5-9]\d\d|20\d\d)([a-z])?(?!\w)")


@dataclass(frozen=True)
class RefKey:
    """What a reference entry offers for matching, folded once."""

    ref: Reference
    firsts: frozenset[str]  # folded keys of the first author (with and without particles)
    second: str  # folded surname of the second author
    n_authors: int
    year: str  # "2012", "n.d." or ""
    suffix: str
    title: str  # folded title (used when the entry has no author)
    number: int | None
    acronym: str = ""  # "who" for "World Health Organization"


def _people(csl: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    people = csl.get("author") or csl.get("editor") or []
    return [p for p in people if isinstance(p, Mapping)]


def _family(person: Mapping[str, Any]) -> str:
    fam = str(person.get("family") or "").split(",")[0].strip()
    return fam or str(person.get("literal") or "").strip()


def _drop_particles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words.pop(0)
    return " ".join(words)


def _keys(person: Mapping[str, Any]) -> set[str]:
    fam = _family(person)
    out = {fold_name(fam), fold_name(_drop_particles(fam))}
    particle = str(person.get("non-dropping-particle") or person.get("dropping-particle") or "")
    if particle:
        out.add(fold_name(particle + fam))
    if person.get("literal"):
        out.add(fold_name(str(person["literal"])))
    out.discard("")
    return out


def _year(ref: Reference) -> tuple[str, str]:
    csl = ref.csl
    issued = csl.get("issued") or {}
    year = ""
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0]:
            year = str(parts[0][0])
        elif issued.get("literal") or issued.get("raw"):
            m = _YEAR_RAW.search(str(issued.get("literal") or issued.get("raw")))
            year = m.group(1) if m else ("n.d." if "n.d" in str(issued.get("literal")) else "")
    suffix = str(csl.get("year-suffix") or "")
    raw_m = None
    if not year or not suffix:
        for m in _YEAR_RAW.finditer(ref.raw):
            if not year or m.group(1) == year:
                raw_m = m
                break
    if raw_m:
        year = year or raw_m.group(1)
        suffix = suffix or (raw_m.group(2) or "")
    return year, suffix


def _number(ref: Reference) -> int | None:
    for v in (ref.label, ref.csl.get("citation-number")):
        s = str(v or "").strip().strip("[]().")
        if s.isdigit():
            return int(s)
    return None


def ref_key(ref: Reference) -> RefKey:
    """The :class:`RefKey` of a reference entry (year and title fall back to the raw text)."""
    people = _people(ref.csl)
    firsts = frozenset(_keys(people[0])) if people else frozenset()
    second = fold_name(_family(people[1])) if len(people) > 1 else ""
    year, suffix = _year(ref)
    labelled = author_year_label(ref.label)
    if labelled:  # the list's own label is how the text cites it: trust its name and year over the parse
        firsts = firsts | {fold_name(labelled[0])}
        year, suffix = labelled[1], labelled[2]
    title = fold_name(str(ref.csl.get("title") or "")) or fold_name(ref.raw[:80])
    acronym = ""
    if people and not people[0].get("given"):
        words = [w for w in re.split(r"[\s\-]+", _family(people[0])) if w and w.lower() not in ("of", "the", "and", "for", "on", "&")]
        acronym = "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""
    return RefKey(ref, firsts, second, len(people), year, suffix, title, _number(ref), acronym)


def _initials(given: str) -> str:
    parts = [p for p in re.split(r"[\s.\-]+", given) if p]
    return "".join(p[0].upper() + "." for p in parts if p[0].isalpha())


def _person(person: Mapping[str, Any]) -> str:
    if person.get("literal"):
        return str(person["literal"])
    fam = str(person.get("family") or "")
    ini = _initials(str(person.get("given") or ""))
    return f"{fam}, {ini}" if ini else fam


def describe(ref: Reference) -> str:
    """A short human description of an entry: "Gao, Q. et al. 2012a", "Hu, J. & Liang, R. 2023"."""
    if author_year_label(ref.label):
        return f"[{ref.label}]"  # the list's own author-year label says it best
    rk = ref_key(ref)
    people = _people(ref.csl)
    if not people:
        title = str(ref.csl.get("title") or ref.raw).strip()
        who = title if len(title) <= 60 else title[:57].rstrip() + "…"
    elif len(people) == 1:
        who = _person(people[0])
    elif len(people) == 2:
        who = f"{_person(people[0])} & {_person(people[1])}"
    else:
        who = f"{_person(people[0])} et al."
    when = f"{rk.year}{rk.suffix}" if rk.year else "n.d."
    return f"{who} {when}"


@lru_cache(maxsize=8192)
def _forms(written: str) -> tuple[str, str, tuple[str, ...]]:
    """Folded forms of a cited first author: whole, without particles, and its words."""
    bare = _drop_particles(written)
    return fold_name(written), fold_name(bare), tuple(fold_name(w) for w in bare.split())


def author_tier(key: CiteKey, rk: RefKey) -> int:
    """How well the citation's first author names the entry's first author: 3 exact ... 0 not at all."""
    if not key.authors:
        return 0
    fa, fa_np, words = _forms(key.authors[0])
    if fa in rk.firsts or fa_np in rk.firsts:
        return 3
    if rk.acronym and fa == rk.acronym and key.authors[0].isupper():
        return 2  # "WHO" for "World Health Organization"
    if not rk.firsts:  # title-first entry: "Tik Tok, a global music video platform ... 2017"
        return 2 if len(fa) >= 4 and rk.title.startswith(fa) else 0
    if len(words) > 1:
        if words[0] in rk.firsts and (len(words) == 2 or words[1] == rk.second):
            return 2  # "Alhabash Ma" = Alhabash & Ma
        if words[-1] in rk.firsts and len(words) <= 3:
            return 2  # "John Smith"
        if len(fa) >= 4 and any(len(f) > len(fa) and f.startswith(fa) for f in rk.firsts):
            return 2  # "Pew Research" for "Pew Research Center"
    if len(fa) >= 5:
        limit = 1 if len(fa) < 8 else 2
        for f in rk.firsts:
            if abs(len(f) - len(fa)) <= limit and len(f) >= 5 and Levenshtein.distance(fa, f, score_cutoff=limit) <= limit:
                return 1
    return 0


def year_match(key: CiteKey, rk: RefKey) -> bool:
    """Whether the citation's year (and suffix) can name the entry's; "2012b" never names "2012a"."""
    if not key.year:
        return True
    if key.year == "n.d.":
        ok = rk.year in ("", "n.d.")
    elif key.year in ("in press", "forthcoming", "in preparation"):
        ok = rk.year == "" or key.year in rk.ref.raw.lower()
    else:
        ok = key.year == rk.year
    return ok and (not key.suffix or key.suffix == rk.suffix)


@dataclass(frozen=True)
class Match:
    """The outcome for one citation: status, the matching entry ids, a note and a suggestion."""

    status: str
    ids: tuple[str, ...]
    note: str = ""
    suggestion: str = ""


def _prefer(key: CiteKey, cands: list[tuple[int, RefKey]]) -> list[RefKey]:
    """Among equally named candidates keep those that agree best on suffix and co-authors."""

    def score(rk: RefKey) -> int:
        s = 0
        if key.suffix and rk.suffix == key.suffix:
            s += 4
        if key.year and rk.year == key.year:
            s += 2
        if len(key.authors) >= 2 and not key.et_al:
            s += 2 if fold_name(key.authors[1]) == rk.second else 0
            s += 1 if rk.n_authors == len(key.authors) else 0
        elif key.et_al:
            s += 1 if rk.n_authors >= 3 else 0
        elif len(key.authors) == 1 and len(key.authors[0].split()) == 1:
            s += 1 if rk.n_authors <= 1 else 0
        return s

    best_tier = max(t for t, _ in cands)
    top = [rk for t, rk in cands if t == best_tier]
    best = max(score(rk) for rk in top)
    return [rk for rk in top if score(rk) == best]


def _suggest(key: CiteKey, keys: Sequence[RefKey]) -> str:
    near = [(rk, author_tier(key, rk)) for rk in keys]
    named = [(rk, t) for rk, t in near if t > 0]
    if named and key.year:

        def distance(rk: RefKey) -> tuple[int, int]:
            same = rk.year == key.year
            y = int(rk.year) if rk.year.isdigit() else 0
            k = int(key.year) if key.year.isdigit() else 0
            return (0 if same else 1, abs(y - k))

        rk = min((rk for rk, _ in named), key=distance)
        return f"did you mean {describe(rk.ref)}?"
    if key.authors and key.year:
        from rapidfuzz import fuzz

        fa = fold_name(key.authors[0])
        scored = [
            (max((fuzz.ratio(fa, f) for f in rk.firsts), default=0), rk) for rk in keys if rk.year == key.year
        ]
        scored = [(s, rk) for s, rk in scored if s >= 70]
        if scored:
            return f"did you mean {describe(max(scored, key=lambda p: p[0])[1].ref)}?"
    return ""


def _distinct(hits: list[RefKey]) -> list[RefKey]:
    """``hits`` without entries whose text repeats an earlier one (a list read twice is not an ambiguity)."""
    seen: set[str] = set()
    out = []
    for rk in hits:
        norm = " ".join(rk.ref.raw.split()).casefold()
        if norm not in seen:
            seen.add(norm)
            out.append(rk)
    return out


def _by_title(key: CiteKey, top: list[RefKey]) -> list[RefKey]:
    """Among an author's entries, those whose title starts with the short title the citation gives."""
    from .citefind import title_hint

    hint = fold_name(title_hint(key.locator))
    if not hint:
        return top
    picked = [rk for rk in top if rk.title.startswith(hint) or hint in fold_name(rk.ref.raw[:200])]
    return picked or top


def match(key: CiteKey, keys: Sequence[RefKey]) -> Match:
    """Match one citation key against the entries' keys."""
    if not keys:
        return Match("dangling", (), "no reference list")
    if key.number is not None:
        hits = _distinct([rk for rk in keys if rk.number == key.number])
        if len(hits) == 1:
            return Match("resolved", (hits[0].ref.id,))
        if hits:
            return Match("ambiguous", tuple(rk.ref.id for rk in hits), f"{len(hits)} entries numbered {key.number}")
        return Match("dangling", (), f"no entry numbered {key.number}")
    cands = [(t, rk) for rk in keys if (t := author_tier(key, rk)) and year_match(key, rk)]
    if not key.year:
        cands = [(t, rk) for t, rk in cands if t >= 2]  # author alone: no spelling guesses
    if cands:
        top = _distinct(_prefer(key, cands))
        if len(top) > 1 and not key.year:
            top = _by_title(key, top)
        if len(top) == 1:
            tier = max(t for t, rk in cands if rk is top[0])
            how = {3: "", 2: "author name matched loosely", 1: "author name matched despite spelling"}[tier]
            note = f"{how}: '{key.authors[0]}' as {describe(top[0].ref)}" if how else ""
            if not key.year:
                note = "no year in the citation; matched by author alone"
            return Match("resolved", (top[0].ref.id,), note)
        ids = tuple(rk.ref.id for rk in top)
        descs = "; ".join(describe(rk.ref) for rk in top)
        return Match("ambiguous", ids, f"{len(top)} entries match: {descs}")
    suggestion = _suggest(key, keys)
    return Match("dangling", (), "no entry" + (f"; {suggestion}" if suggestion else ""), suggestion)
