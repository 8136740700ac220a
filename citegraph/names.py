"""Personal names: split a name as written into CSL ``family``/``given`` parts.

"Qiyue Miao" -> family Miao; "Fan Feifei" (a Chinese byline, family name
first) -> family Fan; "Hu, J." -> family Hu. The Chinese family-name list is
data (``data/chinese_surnames.txt``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["split_name", "chinese_surnames", "display_name"]


@lru_cache(maxsize=1)
def chinese_surnames() -> frozenset[str]:
    """The set of common Chinese family names (pinyin, capitalised)."""
    text = resources.files("citegraph").joinpath("data/chinese_surnames.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def split_name(name: str) -> dict[str, str]:
    """A CSL name object for a personal name as written ("Given Family", "Family, Given" or Chinese order)."""
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split(" ")
    if len(words) == 1:
        return {"family": words[0]}
    surnames = chinese_surnames()
    if len(words) == 2 and words[0] in surnames and words[1] not in surnames:
        return {"family": words[0], "given": words[1]}
    particles = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "ten", "ter"}
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in particles:
        i -= 1
    return {"family": " ".join(words[i:]), "given": " ".join(words[:i])}


def display_name(csl_name: dict) -> str:
    """"Family, G." for a CSL name object (or its literal)."""
    if "literal" in csl_name:
        return str(csl_name["literal"])
    family = csl_name.get("family", "")
    given = csl_name.get("given", "")
    initials = " ".join(p[0] + "." for p in given.replace("-", " ").split() if p[:1].isalpha())
    return f"{family}, {initials}" if initials else family
