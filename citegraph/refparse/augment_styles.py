"""More re-rendered training strings: chapters, books, conference papers, theses and reports in common styles.

The AnyStyle data is thin on some entry kinds met in practice: APA 7
chapters and books (no place), Chicago (notes-bibliography and
author-date), MLA 9, Harvard, IEEE and GB/T 7714 chapters; "Paper presented
at the ... Conference"; theses "(Doctoral dissertation, University X)";
reports "(Report No. 12). Institution.". Each rendering uses one training
sequence's own fields (see :func:`.augment._fields`), universities and
institutions named by other training entries, and a seeded generator, so
the output is deterministic and never touches the test split.
"""

from __future__ import annotations

import random
import re

from .data import Segments

__all__ = ["chapter_styles", "book_styles", "presented", "thesis", "report"]

_CONF = re.compile(r"\b(?:proceedings|conference|symposium|workshop|congress|meeting|colloquium)\b", re.I)
_PROC = re.compile(r"^(?:[Ii]n:?\s{1,3})?(?:(?:Pre-)?Proceedings|Proc\.)\s{1,3}(?:of\s{1,3})?(?:the\s{1,3})?")


def _ini(given: str, dotted: bool = True, sep: str = " ") -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    return sep.join(p[:1] + ("." if dotted else "") for p in parts)


def _end(text: str, mark: str = ".") -> str:
    return text if text[-1:] in "?!." else text + mark


def _and(items: list[str], rng: random.Random, amp: str = "and", oxford: bool = True) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {amp} {items[1]}"
    return ", ".join(items[:-1]) + ("," if oxford else "") + f" {amp} " + items[-1]


def _inverted_first(names: list[dict], rng: random.Random) -> str:
    """Chicago/MLA: "Family, Given, Given Family, and Given Family"."""
    out = [f"{names[0]['family']}, {names[0]['given']}"] + [f"{n['given']} {n['family']}" for n in names[1:3]]
    if len(names) > 3 and rng.random() < 0.5:
        return out[0] + ", et al"
    return _and(out, rng)


def _apa(names: list[dict], rng: random.Random) -> str:
    out = [f"{n['family']}, {_ini(n['given'])}" for n in names[:7]]
    return out[0] if len(out) == 1 else ", ".join(out[:-1]) + ", & " + out[-1]


def _harvard(names: list[dict], rng: random.Random) -> str:
    out = [f"{n['family']}, {_ini(n['given'], sep='')}" for n in names[:3]]
    return _and(out, rng, "and", oxford=False) + (" et al." if len(names) > 3 else "")


def _ieee(names: list[dict], rng: random.Random) -> str:
    out = [f"{_ini(n['given'])} {n['family']}" for n in names[:6]]
    return _and(out, rng, "and") if len(out) < 3 else ", ".join(out[:-1]) + ", and " + out[-1]


def _plain(names: list[dict], rng: random.Random) -> str:
    return _and([f"{_ini(n['given']) if rng.random() < 0.5 else n['given']} {n['family']}" for n in names[:3]], rng, rng.choice(["and", "&"]))


def _place_pub(f: dict, rng: random.Random, sep: str = ":", end: str = ",") -> Segments:
    segs: Segments = []
    if f["place"]:
        segs.append(("location", f["place"] + sep))
    segs.append(("publisher", f["publisher"] + end))
    return segs


def chapter_styles(f: dict, editors: list[dict], rng: random.Random, number: int) -> Segments:
    """A chapter in one of APA 7, Chicago (both), MLA 9, Harvard, IEEE, GB/T 7714."""
    names, book, pages, year = f["names"], f["container"], f["pages"], f["year"]
    ed = _plain(editors, rng)
    pub = bool(f["publisher"])
    style = rng.randrange(7)
    segs: Segments = []
    if style == 0:  # APA 7: no place
        segs += [("author", _apa(names, rng)), ("date", f"({year})."), ("title", _end(f["title"]))]
        segs.append(("editor", f"In {ed} ({'Eds.' if len(editors) > 1 else 'Ed.'}),"))
        segs.append(("container-title", book if pages else _end(book)))
        if pages:
            segs.append(("pages", f"(pp. {pages})."))
        if pub:
            segs.append(("publisher", f["publisher"] + "."))
    elif style in (1, 2):  # Chicago notes-bibliography / author-date
        segs.append(("author", _end(_inverted_first(names, rng))))
        if style == 2:
            segs.append(("date", year + "."))
        segs.append(("title", "“" + _end(f["title"]) + "”"))
        segs.append(("container-title", f"In {book},"))
        segs.append(("editor", f"{rng.choice(['edited by', 'ed.'])} {ed},"))
        if pages:
            segs.append(("pages", pages + "."))
        if pub:
            segs += _place_pub(f, rng, ":", "," if style == 1 else ".")
        if style == 1:
            segs.append(("date", year + "."))
    elif style == 3:  # MLA 9
        segs.append(("author", _end(_inverted_first(names, rng))))
        segs.append(("title", "“" + _end(f["title"]) + "”"))
        segs.append(("container-title", book + ","))
        segs.append(("editor", f"edited by {ed},"))
        if pub:
            segs.append(("publisher", f["publisher"] + ","))
        segs.append(("date", year + ("," if pages else ".")))
        if pages:
            segs.append(("pages", f"pp. {pages}."))
    elif style == 4:  # Harvard
        segs += [("author", _harvard(names, rng)), ("date", f"({year})"), ("title", f"‘{f['title']}’,")]
        eds = ", ".join(f"{e['family']}, {_ini(e['given'], sep='')}" for e in editors[:2])
        segs.append(("editor", f"in {eds} ({'eds.' if len(editors) > 1 else 'ed.'})"))
        segs.append(("container-title", _end(book)))
        if pub:
            segs += _place_pub(f, rng, ":", "," if pages else ".")
        if pages:
            segs.append(("pages", f"pp. {pages}."))
    elif style == 5:  # IEEE
        segs += [("citation-number", f"[{number}]"), ("author", _ieee(names, rng) + ","), ("title", f"“{f['title']},”")]
        segs.append(("container-title", f"in {book},"))
        segs.append(("editor", f"{ed}, {'Eds.' if len(editors) > 1 else 'Ed.'}"))
        if pub:
            segs += _place_pub(f, rng, ":", ",")
        segs.append(("date", year + ("," if pages else ".")))
        if pages:
            segs.append(("pages", f"pp. {pages}."))
    else:  # GB/T 7714
        up = [f"{n['family'].upper()} {_ini(n['given'], False, '')}" for n in names[:3]]
        segs += [("citation-number", f"[{number}]"), ("author", ", ".join(up) + (", et al." if len(names) > 3 else ".")), ("title", f["title"])]
        segs.append(("genre", "[M]//"))
        eds = ", ".join(f"{e['family'].upper()} {_ini(e['given'], False, '')}" for e in editors[:2])
        segs += [("editor", eds + "."), ("container-title", book + ".")]
        if pub:
            segs += _place_pub(f, rng, ":", ",")
        segs.append(("date", year + (":" if pages else ".")))
        if pages:
            segs.append(("pages", pages.replace("–", "-") + "."))
    return segs


def book_styles(f: dict, rng: random.Random, number: int) -> Segments:
    """A book in APA 7 (no place), MLA 9, Chicago, Harvard or IEEE."""
    names, year = f["names"], f["year"]
    style = rng.randrange(5)
    if style == 0:
        return [("author", _apa(names, rng)), ("date", f"({year})."), ("title", _end(f["title"])), ("publisher", f["publisher"] + ".")]
    if style == 1:
        return [("author", _end(_inverted_first(names, rng))), ("title", _end(f["title"])), ("publisher", f["publisher"] + ","), ("date", year + ".")]
    if style == 2:
        return [("author", _end(_inverted_first(names, rng))), ("title", _end(f["title"])), *_place_pub(f, rng, ":", ","), ("date", year + ".")]
    if style == 3:
        return [("author", _harvard(names, rng)), ("date", f"({year})"), ("title", _end(f["title"])), *_place_pub(f, rng, ":", ".")]
    return [("citation-number", f"[{number}]"), ("author", _ieee(names, rng) + ","), ("title", _end(f["title"])), *_place_pub(f, rng, ":", ","), ("date", year + ".")]


def presented(f: dict, rng: random.Random) -> Segments | None:
    """"Paper presented at the X Conference, Place." from a conference container (APA 6/7)."""
    conf = _PROC.sub("", f["container"]).strip(" ,.")
    if not conf or not _CONF.search(f["container"]):
        return None
    if rng.random() < 0.6 and not conf.lower().startswith("the "):
        conf = "the " + conf
    what = rng.choice(["Paper presented at", "Paper presented at", "Poster presented at", "Poster session presented at", "Conference presentation at", "Paper presented at"])
    month = rng.choice(["", ", June", ", May", ", October", ", March 12–14", ", November"])
    segs: Segments = [("author", _apa(f["names"], rng)), ("date", f"({f['year']}{month})."), ("title", _end(f["title"]))]
    if f["place"]:
        segs += [("container-title", f"{what} {conf},"), ("location", f["place"] + ".")]
    else:
        segs.append(("container-title", f"{what} {conf}."))
    return segs


def thesis(f: dict, university: str, place: str, rng: random.Random) -> Segments:
    """A thesis: APA 6 "(Doctoral dissertation, University)", APA 7 "[Doctoral dissertation, University]", "PhD thesis, University"."""
    kind = rng.choice(["Doctoral dissertation", "Doctoral dissertation", "Master's thesis", "Unpublished doctoral dissertation", "PhD thesis"])
    style = rng.randrange(3)
    if style == 0:
        return [("author", _apa(f["names"], rng)), ("date", f"({f['year']})."), ("title", f["title"]), ("genre", f"({kind},"), ("publisher", university + ")."), *([("note", rng.choice(["ProQuest Dissertations and Theses.", "Retrieved from ProQuest."]))] if rng.random() < 0.3 else [])]
    if style == 1:
        return [("author", _apa(f["names"], rng)), ("date", f"({f['year']})."), ("title", f["title"]), ("genre", f"[{kind},"), ("publisher", university + "]."), *([("note", "ProQuest Dissertations and Theses Global.")] if rng.random() < 0.3 else [])]
    segs: Segments = [("author", _end(_inverted_first(f["names"], rng))), ("title", _end(f["title"])), ("genre", kind.replace("Doctoral dissertation", "PhD diss.") + ","), ("publisher", university + ",")]
    if place and rng.random() < 0.5:
        segs.append(("location", place + ","))
    segs.append(("date", f["year"] + "."))
    return segs


def report(f: dict, institution: str, rng: random.Random) -> Segments:
    """A report: APA "(Report No. 12). Institution." or "Technical Report TR-12, Institution, Year."."""
    num = rng.choice([str(rng.randint(1, 400)), f"{rng.randint(90, 120)}-{rng.randint(1, 40)}", f"TR-{rng.randint(1, 99)}"])
    if rng.random() < 0.6:
        kind = rng.choice(["Report No.", "Technical Report No.", "Working Paper No.", "Research Report", "NCES", "Policy Brief No."])
        return [("author", _apa(f["names"], rng)), ("date", f"({f['year']})."), ("title", f["title"]), ("genre", f"({kind} {num})."), ("publisher", institution + ".")]
    kind = rng.choice(["Technical Report", "Tech. Rep.", "Research Report", "Technical report"])
    return [("author", _ieee(f["names"], rng) + "."), ("title", _end(f["title"])), ("genre", f"{kind} {num},"), ("publisher", institution + ","), ("date", f["year"] + ".")]
