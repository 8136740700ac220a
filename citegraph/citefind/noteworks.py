"""What each note of a notes-bibliography document cites (Chicago notes style).

A note is split into its citations (at ";" and at sentence ends) and each is read as:

* "Ibid., 50." (or "Id."): the work the previous citing note cited last;
* a work of the bibliography: its first author's surname among the first
  words, and words of its title ("Curran, Media and Power, 47." or the full
  "James Curran, Media and Power (London: Routledge, 2002), 45.");
* a short note naming a work an earlier full note cited in full;
* a full note for a work the bibliography does not list ("Name, Title
  (Place: Publisher, 2002), 45.", with a year or a URL): the note itself
  becomes that work's reference, parsed with the reference parser;
* a short note naming nothing known ("Berry, "Part of the Establishment,"
  12."): a dangling citation;
* anything else is commentary and cites nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

from ..model import Reference
from .authoryear import fold_name

__all__ = ["NoteCite", "resolve_notes", "split_note"]

_WORD = re.compile(r"[^\W\d_][\w'’-]{0,40}")
_YEAR = re.compile(r"(?<![0-9])(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])")
_URL = re.compile(r"https?://|www\.|doi\.org|\bdoi:", re.I)
_LEADIN = re.compile(
    r"\b(?:see|cf\.|compare|quoted in|cited in)\b(?:\s{1,3}also)?(?:,?\s{0,3}(?:for example|for instance|e\.g\.|especially|esp\.),?)?\s{1,3}",
    re.I,
)
_IBID = re.compile(r"^(?:ibid|id)\b\.?", re.I)
_NAME_WORD = r"(?:[A-ZÀ-Þ][\w'’.-]{0,30}|de|van|von|der|den|da|di|du|la|le|and|&)"
_NAME_LEAD = re.compile(r"^(" + _NAME_WORD + r"(?:\s{1,3}" + _NAME_WORD + r"){0,7}),\s{0,3}")
_LOCATOR = re.compile(r"(?:,[\"”’*_]{0,2}|[\"”’*_]{1,2},?)\s{0,3}((?:pp?\.\s{0,2})?[0-9ivxlc]{1,6}(?:\s{0,2}[-–]\s{0,2}[0-9ivxlc]{1,6})?(?:,\s{0,2}[0-9]{1,5}){0,3}|n\.\s{0,2}[0-9]{1,4})\s{0,2}\.?$")
_BOUNDARY = re.compile(r"(?<=[\w)\]\"”’*_])\.\s{1,3}(?=[A-Z])")
_ABBREV = frozenset("ed eds trans repr comp vol vols esp univ inc ltd co dept st dr mr ms mrs no nos pp chap ch fig rev ser cf al".split())
_STOP = frozenset(
    "the a an of and in on for to with from at by as is its or into new press university journal how what why when "
    "ed eds trans vol no pp review".split()
)
_LOCATOR_ONLY = re.compile(r"^[\s,]{0,4}(?:pp?\.\s{0,2})?[0-9ivxlc]{0,6}(?:\s{0,2}[-–]\s{0,2}[0-9ivxlc]{1,6})?\s{0,2}\.?$")


#: A note cites at most this many works (the rest of a longer note is commentary); keeps hostile notes linear.
MAX_CITES_PER_NOTE = 40


@dataclass(frozen=True)
class NoteCite:
    """One work a note cites: the entry ids (one: resolved, several: ambiguous, none: dangling) and what it says."""

    label: str
    ids: tuple[str, ...]
    status: str  # resolved | ambiguous | dangling
    text: str  # the citation as written in the note
    author: str = ""  # the first author's surname as written
    year: str = ""
    locator: str = ""


@dataclass(frozen=True)
class _Work:
    ref: Reference
    surnames: frozenset[str]  # folded
    title: frozenset[str]  # folded significant words
    year: str


def _sig(text: str, limit: int) -> list[str]:
    out: list[str] = []
    for w in _WORD.findall(text):
        f = fold_name(w)
        if len(f) >= 3 and f not in _STOP and f not in out:
            out.append(f)
            if len(out) >= limit:
                break
    return out


def split_note(text: str) -> list[str]:
    """A note's citations: split at ";" (outside brackets) and at sentence ends ("Ibid., 112. For ..., see ...")."""
    parts: list[str] = []
    depth = 0
    cur = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append(text[cur:i])
            cur = i + 1
    parts.append(text[cur:])
    out: list[str] = []
    for part in parts:
        start = 0
        for m in _BOUNDARY.finditer(part):
            before = re.search(r"([\w]{1,30})[)\]\"”’*_]{0,3}$", part[max(0, m.start() - 34) : m.start()])
            word = before.group(1) if before else ""
            if (len(word) == 1 and word.isalpha()) or word.lower() in _ABBREV:
                continue
            out.append(part[start : m.start() + 1])
            start = m.end()
        out.append(part[start:])
    return [p.strip() for p in out if p.strip(" .,")]


def _body(segment: str) -> str:
    """The citation without its lead-in ("See also", "On platform distribution see", "and")."""
    m = _LEADIN.search(segment[:160])
    body = segment[m.end() :] if m else segment
    body = re.sub(r"^(?:and|also|but)\s{1,3}", "", body.strip())
    return body.strip(" *_")


def _people(lead: str) -> list[str]:
    persons = re.split(r",\s{0,3}(?:and\s{1,3})?|\s{1,3}(?:and|&)\s{1,3}", lead)
    return [p.strip() for p in persons if p.strip()]


def _surname_keys(lead: str) -> frozenset[str]:
    people = _people(lead)
    first = people[0] if people else lead
    words = [w for w in first.split() if w.rstrip(".").lower() not in ("jr", "sr", "ii", "iii", "ed", "eds")]
    keys = {fold_name(words[-1])} if words else set()
    if len(words) >= 2 and words[-2].lower() in ("van", "von", "de", "der", "den", "da", "di", "du", "la", "le"):
        keys.add(fold_name(" ".join(words[-2:])))
    if len(words) >= 3 or not any(ch == "." for ch in first):
        keys.add(fold_name(first))  # "Federal Communications Commission"
    keys.discard("")
    return frozenset(keys)


def _bib_work(ref: Reference) -> _Work:
    csl = ref.csl
    people = csl.get("author") or csl.get("editor") or []
    surnames: set[str] = set()
    head = re.match(r"\s{0,4}([^,.(]{1,60})", ref.raw)
    if head:
        surnames.add(fold_name(head.group(1)))
        words = head.group(1).split()
        if words:
            surnames.add(fold_name(words[-1]))
    if people and isinstance(people[0], Mapping):
        fam = str(people[0].get("family") or people[0].get("literal") or "")
        if fam:
            surnames.add(fold_name(fam))
    surnames.discard("")
    title = set(_sig(str(csl.get("title") or ""), 8)) | set(_sig(ref.raw[:200], 12))
    title -= surnames
    m = _YEAR.search(ref.raw)
    return _Work(ref, frozenset(surnames), frozenset(title), m.group(1) if m else "")


def _score(work: _Work, words: list[str], short: bool) -> int:
    """How well a citation's folded words name a work: 0 when they do not."""
    head = words[:6]
    at = next((i for i, w in enumerate(head) if w in work.surnames), -1)
    if at < 0:
        pairs = [head[i] + head[i + 1] for i in range(len(head) - 1)]
        at = next((i + 1 for i, w in enumerate(pairs) if w in work.surnames), -1)
    if at < 0:
        return 0
    rest = set(words[at + 1 :])
    hits = len(work.title & rest)
    if hits >= 2 or (hits == 1 and short):
        return 1 + hits
    return 0


def _locator(body: str) -> str:
    m = _LOCATOR.search(body[-60:])
    return m.group(1) if m else ""


def resolve_notes(
    notes: Sequence[Reference], bib: Sequence[Reference], parse: Callable[[str], Mapping[str, Any]] | None = None
) -> tuple[dict[str, list[NoteCite]], list[Reference]]:
    """What each note cites, by note label, and the references of works only the notes cite.

    ``notes`` are the notes as references (``label`` the note label, ``raw``
    the note text), in order; ``bib`` the bibliography entries; ``parse``
    turns a citation into CSL-JSON (the reference parser) for the works the
    bibliography lacks (without it the note's own ``csl`` is kept).
    """
    bib_works = [_bib_work(r) for r in bib]
    note_works: list[_Work] = []
    by_surname: dict[str, list[_Work]] = {}  # folded surname -> works, in order (bibliography first, then notes)
    for work in bib_works:
        for key in work.surnames:
            by_surname.setdefault(key, []).append(work)

    def candidates(keys: Sequence[str]) -> list[_Work]:
        found = {id(w): w for k in keys for w in by_surname.get(k, ())}
        order = {id(w): i for i, w in enumerate(bib_works + note_works)} if len(found) > 1 else {}
        return sorted(found.values(), key=lambda w: order.get(id(w), 0))

    out: dict[str, list[NoteCite]] = {}
    previous: list[NoteCite] = []
    for note in notes:
        label = note.label or ""
        cites: list[NoteCite] = []
        segments = split_note(note.raw[:20000])
        for k, segment in enumerate(segments):
            if len(cites) >= MAX_CITES_PER_NOTE:
                break
            body = _body(segment)
            loc = _locator(body)
            if _IBID.match(body):
                prior = previous[-1] if previous else None
                if prior is None:
                    cites.append(NoteCite(label, (), "dangling", segment, locator=loc))
                else:
                    cites.append(replace(prior, label=label, text=segment, locator=loc))
                continue
            words = [fold_name(w) for w in _WORD.findall(body[:400])]
            lead = _NAME_LEAD.match(body)
            short = len(words) <= 8 and not _YEAR.search(body)
            best: list[tuple[int, _Work]] = []
            head = words[:6]
            for work in candidates(head + [head[i] + head[i + 1] for i in range(len(head) - 1)]):  # _score needs a surname there
                s = _score(work, words, short)
                if s:
                    best.append((s, work))
            if not best and lead and short and len(words) <= 4:
                # "Curran, 47.": the author alone, when the list has one work by them
                keys = _surname_keys(lead.group(1))
                only = candidates(sorted(keys))
                if only and _LOCATOR_ONLY.match(body[lead.end() :]):
                    best = [(1, w) for w in only]  # several works by the author: ambiguous
            if best:
                top = max(s for s, _ in best)
                hits = [w for s, w in best if s == top]
                ids = tuple(dict.fromkeys(w.ref.id for w in hits))
                status = "resolved" if len(ids) == 1 else "ambiguous"
                author = lead.group(1).split(",")[0].split()[-1] if lead else ""
                cites.append(NoteCite(label, ids, status, segment, author, hits[0].year, loc))
                continue
            if (lead or body[:1] in "\"“‘") and (_YEAR.search(body) or _URL.search(body)) and not short:
                rid = note.id if len(segments) == 1 else f"{note.id}.{k + 1}"
                raw = body.rstrip()
                csl = dict(parse(raw[:2000])) if parse is not None else dict(note.csl)
                csl["id"] = rid
                ref = Reference(rid, raw, csl, note.source, None)
                keys = _surname_keys(lead.group(1)) if lead else frozenset()
                title_text = body[lead.end() :] if lead else body
                ym = _YEAR.search(body)
                work = _Work(ref, keys, frozenset(_sig(title_text, 8)) - keys, ym.group(1) if ym else "")
                note_works.append(work)
                for key in work.surnames:
                    by_surname.setdefault(key, []).append(work)
                author = _people(lead.group(1))[0].split()[-1] if lead else ""
                cites.append(NoteCite(label, (rid,), "resolved", segment, author, work.year, loc))
                continue
            if lead and len(lead.group(1).split()) <= 4 and (loc or body[lead.end() : lead.end() + 1] in "\"“‘*_"):
                author = lead.group(1).split(",")[0].split()[-1]
                cites.append(NoteCite(label, (), "dangling", segment, author, "", loc))
        unique: dict[tuple[str, ...], NoteCite] = {}
        for c in cites:  # "Curran, 45. ... Curran, 47.": one work cited once by the note (the first citation's locator)
            key = c.ids or ("", c.author, c.text.replace(c.locator, "") if c.locator else c.text)
            unique.setdefault(key, c)
        cites = list(unique.values())
        out[label] = cites
        found = [c for c in cites if c.ids]
        if found:
            previous = found
    return out, [w.ref for w in note_works]
