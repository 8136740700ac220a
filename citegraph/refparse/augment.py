"""Extra training strings re-rendered from the training split's gold fields.

The AnyStyle data has few entries in some styles met in practice: a bare
year after the authors ("Surname, I., & Other, J. 2017. Title. Journal
3(1): 1-10."), GB/T 7714 with type markers and markdown emphasis ("[1] Xu,
X.D., & Lin, Q.T. (2023). *Title* [J]. *Journal*, 2023:4."), organisation
authors and title-first entries; book chapters ("In E. Editor (Ed.), Book
(pp. 1-10). Place: Publisher.", "In Book, ed. E. Editor, pp. 1-10.") are
re-rendered from the training chapters, with editors borrowed from earlier
training entries when the entry has none. Each rendering is made from one training
sequence's own fields, with a fixed seed, so the output is deterministic
and never touches the test split.
"""

from __future__ import annotations

import random
import re

from .data import Segments
from .augment_styles import book_styles, chapter_styles, presented, report, thesis
from .names import parse_names
from .normalize import clean, parse_date, parse_pages, parse_volume

__all__ = ["augment"]

#: share of the training chapters (container-title, no journal) also re-rendered in a chapter style
_CHAPTER_SHARE = 0.6

_ORGS = (
    "Statista", "Pew Research Center", "World Health Organization", "OECD", "UNESCO", "European Commission",
    "Reuters", "BBC News", "National Bureau of Statistics of China", "World Bank", "Backlinko",
    "U.S. Census Bureau", "Ministry of Education", "American Psychological Association", "Xinhua",
)


_RNG = random.Random(11)
_NICKS = ("Kenneth", "Bob", "Jim", "Kate", "Bill", "Alex", "Max", "Sam", "Liz", "Tom", "Jenny", "Mike")


def _initials(given: str, dotted: bool = True, sep: str = "") -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    out = []
    for p in parts:
        if "-" in p:
            out.append("-".join(q[:1] + ("." if dotted else "") for q in p.split("-") if q))
        else:
            out.append(p[:1] + ("." if dotted else ""))
    return sep.join(out)


def _paren_acronym(title: str, rng: random.Random) -> str:
    """Sometimes insert "(ABC)" after a run of words, as titles with acronyms have."""
    words = title.split()
    if len(words) < 4 or rng.random() > 0.12:
        return title
    i = rng.randint(2, len(words))
    acro = "".join(w[:1].upper() for w in words[max(0, i - 3) : i] if w[:1].isalpha())
    if len(acro) < 2:
        return title
    if rng.random() < 0.5:
        acro = acro[0] + acro[1:].lower() + "Note"[: rng.randint(0, 4)]
    return " ".join(words[:i] + [f"({acro})"] + words[i:])


def _fields(segs: Segments) -> dict | None:
    got: dict[str, str] = {}
    for label, text in segs:
        got.setdefault(label, text)
    if "title" not in got or "date" not in got:
        return None
    parts, _ = parse_date(got["date"])
    if not parts:
        return None
    f = {"year": str(parts[0]), "title": _paren_acronym(clean(got["title"]), _RNG)}
    names = [n for n in parse_names(got.get("author", "")) if n.get("family") and n.get("given")]
    f["names"] = names[:8]
    f["editors"] = [n for n in parse_names(re.sub(r"^[Ii]n:? ", "", got.get("editor", ""))) if n.get("family") and n.get("given")][:4]
    f["chapter"] = "container-title" in got and "journal" not in got
    cont = got.get("journal") or got.get("container-title")
    f["container"] = clean(re.sub(r"^[Ii]n:? ", "", cont)) if cont else ""
    f["journal"] = "journal" in got
    vol, issue = parse_volume(got["volume"]) if "volume" in got else ("", "")
    f["volume"], f["issue"] = vol, issue
    f["pages"] = parse_pages(got["pages"]).replace("-", "–") if "pages" in got else ""
    f["publisher"] = clean(got.get("publisher", ""))
    f["place"] = clean(got.get("location", ""))
    return f if f["title"] else None


def _apa_names(names: list[dict], rng: random.Random) -> str:
    rendered = [f"{n['family']}, {_initials(n['given'])}" for n in names]
    if len(rendered) > 1 and rng.random() < 0.08:
        k = rng.randrange(len(rendered))
        nick = rng.choice(_NICKS)
        rendered[k] += rng.choice([f' "{nick},"', f' "{nick}"', f" ({nick})", f" “{nick}”"])
    if len(rendered) == 1:
        return rendered[0]
    amp = rng.choice(["&", "&", "and"])
    return ", ".join(rendered[:-1]) + f", {amp} " + rendered[-1]


def _bare_year(f: dict, rng: random.Random) -> Segments:
    segs: Segments = []
    if f["names"]:
        segs.append(("author", _apa_names(f["names"], rng)))
    year = f["year"] + (rng.choice("ab") if rng.random() < 0.15 else "")
    segs.append(("date", year + "."))
    segs.append(("title", f["title"] + ("" if f["title"][-1:] in "?!" else ".")))
    if f["container"] and f["journal"]:
        if f["volume"] and f["pages"]:
            vi = f["volume"] + (f"({f['issue']})" if f["issue"] else "")
            segs += [("journal", f["container"]), ("volume", vi + ":"), ("pages", f["pages"] + ".")]
        elif f["volume"]:
            vi = f["volume"] + (f"({f['issue']})" if f["issue"] else "")
            segs += [("journal", f["container"]), ("volume", vi + ".")]
        else:
            segs.append(("journal", f["container"] + "."))
    elif f["container"]:
        segs.append(("container-title", "In " + f["container"] + ("" if f["pages"] else ".")))
        if f["pages"]:
            segs.append(("pages", f["pages"] + "."))
    elif f["publisher"]:
        if f["place"] and rng.random() < 0.6:
            segs.append(("location", f["place"] + ":"))
        segs.append(("publisher", f["publisher"] + "."))
    return segs


def _gbt_emph(f: dict, rng: random.Random, number: int) -> Segments:
    segs: Segments = []
    if rng.random() < 0.7:
        segs.append(("citation-number", f"[{number}]"))
    if f["names"]:
        segs.append(("author", _apa_names(f["names"], rng)))
    segs.append(("date", f"({f['year']})."))
    star = "*" if rng.random() < 0.7 else ""
    if f["journal"] and f["container"]:
        segs += [("title", f"{star}{f['title']}{star}"), ("genre", "[J]."), ("journal", f"{star}{f['container']}{star},")]
        tail = f["issue"] or f["pages"] or f["volume"]
        if tail:
            segs += [("date", f["year"] + ":"), ("volume" if f["issue"] or not f["pages"] else "pages", tail + ".")]
        else:
            segs.append(("date", f["year"] + "."))
    else:
        segs += [("title", f"{star}{f['title']}{star}"), ("genre", "[M].")]
        if f["publisher"]:
            segs.append(("publisher", f["publisher"] + "."))
    return segs


def _gbt_classic(f: dict, rng: random.Random, number: int) -> Segments:
    segs: Segments = [("citation-number", f"[{number}]")] if rng.random() < 0.8 else []
    if f["names"]:
        upper = rng.random() < 0.5
        names = [(n["family"].upper() if upper else n["family"]) + " " + _initials(n["given"], False, " ") for n in f["names"][:3]]
        text = ", ".join(names) + (", et al." if len(f["names"]) > 3 else ".")
        segs.append(("author", text))
    if f["journal"] and f["container"]:
        segs += [("title", f["title"]), ("genre", "[J]."), ("journal", f["container"] + ","), ("date", f["year"] + ",")]
        if f["volume"]:
            vi = f["volume"] + (f"({f['issue']})" if f["issue"] else "")
            segs.append(("volume", vi + (":" if f["pages"] else ".")))
        if f["pages"]:
            segs.append(("pages", f["pages"].replace("–", "-") + "."))
    else:
        segs += [("title", f["title"]), ("genre", "[M].")]
        if f["place"]:
            segs.append(("location", f["place"] + ":"))
        if f["publisher"]:
            segs.append(("publisher", f["publisher"] + ","))
        segs.append(("date", f["year"] + "."))
    return segs


def _org_or_titlefirst(f: dict, rng: random.Random) -> Segments:
    if rng.random() < 0.45:
        org = rng.choice(_ORGS)
        segs: Segments = [("author", org + "."), ("date", f["year"] + "."), ("title", f["title"] + ".")]
        if f["container"] and rng.random() < 0.5:
            segs.append(("journal" if f["journal"] else "container-title", f["container"] + "."))
        return segs
    segs = [("title", f["title"] + ("," if rng.random() < 0.3 else "."))]
    if f["container"]:
        segs.append(("journal" if f["journal"] else "container-title", f["container"] + "."))
    elif f["publisher"]:
        segs.append(("publisher", f["publisher"] + "."))
    segs.append(("date", f["year"] + "."))
    return segs


def _editor_names(names: list[dict], rng: random.Random) -> str:
    """Editors as chapter styles give them: "E. Editor & F. Other" or "Editor, E., Other, F."."""
    if rng.random() < 0.7:
        rendered = [f"{_initials(n['given'])} {n['family']}" for n in names]
    else:
        rendered = [f"{n['family']}, {_initials(n['given'])}" for n in names]
    if len(rendered) == 1:
        return rendered[0]
    amp = rng.choice(["&", "and"])
    return ", ".join(rendered[:-1]) + (" " if len(rendered) == 2 and rendered[0][-1] != "." else ", " if len(rendered) > 2 else " ") + f"{amp} " + rendered[-1]


def _chapter(f: dict, editors: list[dict], rng: random.Random) -> Segments:
    """A book chapter: "Author (Year). Title. In E. Editor (Ed.), Book (pp. 1-10). Place: Publisher."."""
    segs: Segments = []
    if f["names"]:
        segs.append(("author", _apa_names(f["names"], rng)))
    segs.append(("date", rng.choice([f"({f['year']}).", f"{f['year']}."])))
    segs.append(("title", f["title"] + ("" if f["title"][-1:] in "?!" else ".")))
    ed = "(Eds.)," if len(editors) > 1 else "(Ed.),"
    intro = rng.choice(["In", "In", "In:", "in"])
    book = f["container"]
    pages = f["pages"]
    style = rng.random()
    if style < 0.6:
        segs.append(("editor", f"{intro} {_editor_names(editors, rng)} {ed}"))
        segs.append(("container-title", book if pages else book + "."))
        if pages:
            segs.append(("pages", f"(pp. {pages})." if rng.random() < 0.8 else f"({pages})."))
    else:
        segs.append(("container-title", f"{intro} {book},"))
        segs.append(("editor", f"ed. {_editor_names(editors, rng)}," if rng.random() < 0.5 else f"{_editor_names(editors, rng)} {ed.strip('(),').lower()},"))
        if pages:
            segs.append(("pages", f"pp. {pages}."))
    if f["publisher"]:
        if f["place"] and rng.random() < 0.7:
            segs.append(("location", f["place"] + ":"))
        segs.append(("publisher", f["publisher"] + "."))
    return segs


#: shares of the training entries also re-rendered by :mod:`.augment_styles` (scaled by ``share`` / 0.45)
_STYLE_SHARES = {"chapter": 0.5, "book": 0.3, "presented": 0.4, "thesis": 0.03, "report": 0.03}


def _institutions(train: list[Segments]) -> tuple[list[str], list[str], list[str]]:
    """Universities, other institutions and places named by the training entries."""
    unis: list[str] = []
    insts: list[str] = list(_ORGS)
    places: list[str] = []
    for segs in train:
        for label, text in segs:
            t = clean(text)
            if not 3 <= len(t) <= 80:
                continue
            if label == "publisher" and re.search(r"Univ|Institut|College|School", t):
                unis.append(t)
            elif label == "publisher" and re.search(r"Cent(?:er|re)|Institute|Bureau|Agency|Office|Department|Council|Foundation|Association|Commission|Ministry|Organi[sz]ation|Bank", t):
                insts.append(t)
            elif label == "location" and "," not in t[:-1]:
                places.append(t)
    return unis or ["University of Chicago"], insts, places or ["London"]


def _styles(train: list[Segments], share: float, seed: int) -> list[Segments]:
    """The renderings of :mod:`.augment_styles` (their own generator: the others stay as they were)."""
    rng = random.Random(seed + 101)
    scale = share / 0.45
    unis, insts, places = _institutions(train)
    out: list[Segments] = []
    pool: list[dict] = []
    for segs in train:
        f = _fields(segs)
        if f is None:
            continue
        if f["editors"]:
            pool = (pool + f["editors"])[-40:]
        if not f["names"]:
            continue
        number = rng.randint(1, 150)
        if f["container"] and f["chapter"]:
            if rng.random() < _STYLE_SHARES["presented"] * scale:
                made = presented(f, rng)
                if made:
                    out.append(made)
            if pool and rng.random() < _STYLE_SHARES["chapter"] * scale:
                editors = f["editors"] or [pool[(len(out) + j * 5) % len(pool)] for j in range(rng.randint(1, min(3, len(pool))))]
                out.append(chapter_styles(f, editors, rng, number))
        elif f["publisher"] and not f["container"] and rng.random() < _STYLE_SHARES["book"] * scale:
            out.append(book_styles(f, rng, number))
        r = rng.random()
        if r < _STYLE_SHARES["thesis"] * scale:
            out.append(thesis(f, rng.choice(unis), rng.choice(places), rng))
        elif r < (_STYLE_SHARES["thesis"] + _STYLE_SHARES["report"]) * scale:
            out.append(report(f, rng.choice(insts + unis[:20]), rng))
    return out


def augment(train: list[Segments], share: float = 0.45, seed: int = 7) -> list[Segments]:
    """Re-rendered sequences made from about ``share`` of the training sequences."""
    rng = random.Random(seed)
    _RNG.seed(seed + 4)
    out: list[Segments] = []
    pool: list[dict] = []
    for segs in train:
        f = _fields(segs) if share > 0 else None
        if f is not None and f["editors"]:
            pool = (pool + f["editors"])[-40:]
        if f is not None and f["container"] and f["chapter"] and rng.random() < _CHAPTER_SHARE:
            if pool:
                k = rng.randint(1, min(3, len(pool)))
                editors = f["editors"] or [pool[(len(out) + j * 7) % len(pool)] for j in range(k)]
                out.append(_chapter(f, editors, rng))
        if rng.random() >= share:
            continue
        f = _fields(segs)
        if f is None:
            continue
        r = rng.random()
        number = rng.randint(1, 120)
        if r < 0.4:
            out.append(_bare_year(f, rng))
        elif r < 0.65:
            out.append(_gbt_emph(f, rng, number))
        elif r < 0.82:
            out.append(_gbt_classic(f, rng, number))
        else:
            out.append(_org_or_titlefirst(f, rng))
    if share > 0:
        out += _styles(train, share, seed)
    return [[(label, text) for label, text in s if text.strip()] for s in out]
