"""Statements attributed to named people or outlets in news prose ("Zhu Keli, director of X, said ...").

Patterns, tried on each sentence (the earliest named match wins):

* forward: ``NAME [, ROLE,] [has|also...] VERB`` anywhere in the sentence
  ("Zhu Keli, founding director of ..., said that", "..., Zhu added.",
  "Noting that ..., Jiang said", "..., The Washington Post reported on Wednesday.");
* inverted: ``..., said NAME[, ROLE].`` at the end of the sentence, or followed by a
  comma and more ("..., said Greg Peters, the chief executive, on a call with analysts.");
* ``according to NAME[, ROLE]``.

VERB is a speech verb (said, told, noted, added, underscored, reported...).
A short name ("Zhu") is resolved to the full name introduced earlier in the
document ("Zhu Keli"), whose role it inherits. A title inside the name
("US President-elect Donald Trump") becomes the role.

Unnamed sources ("industry experts said", "they said", "officials noted")
are not named speakers: those sentences are not returned (design choice;
the statements stay in the text but carry no speaker). Two kinds of
reference back are resolved, as a reader would: "he said" / "she added" to
the person last named as a speaker within :data:`PRONOUN_REACH` sentences,
and "the company said" / "the firm added" to the organisation the sentence
opens with ("Netflix will raise prices, the company said") or else the
organisation last named as a speaker or (through ``organisations``, e.g. the
gazetteer) mentioned in the text before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

__all__ = ["Attribution", "find_attributions", "attribute"]

_MAX_SENTENCE = 2000  # longer "sentences" are not prose: skip (keeps hostile input linear)

_CAP = r"[A-Z](?:\.|[\w'’\-]{0,30}\.?)"
_CONNECT = r"(?:of|de|van|von|der|den|da|bin|al|la|le|du|del|dos|di)"
_NAME = rf"(?:(?:The|the)\s)?{_CAP}(?:\s(?:{_CONNECT}\s)?{_CAP}){{0,5}}"
_ROLE = r"[^,;\"“”]{2,160}"
_VERBS = (
    "said|says|say|told|tells|noted|notes|added|adds|underscored|underscores|stressed|stresses|emphasized|"
    "emphasised|emphasizes|explained|explains|argued|argues|warned|warns|pointed\\sout|points\\sout|reported|"
    "reports|wrote|writes|stated|states|commented|remarked|observed|suggested|suggests|insisted|acknowledged|"
    "announced|confirmed|highlighted|predicted|cautioned|believes|concluded|asserted|maintained|revealed|"
    "disclosed|claimed|claims|estimated|urged|recalled"
)
_AUX = r"(?:(?:has|had|have|also|further|previously|earlier|once|then)\s){0,2}"
_BEFORE = r"(?<![\w'’.\-])"

_FORWARD = re.compile(rf"{_BEFORE}(?P<name>{_NAME})(?:,\s(?P<role>{_ROLE}),)?\s{_AUX}(?:{_VERBS})\b")
_INVERTED = re.compile(
    rf"[,\"“”]\s{{0,2}}(?:said|says|added|noted|wrote|explained|asked|continued|argued|stressed)\s"
    rf"(?P<name>{_NAME})(?:,\s(?P<role>[^,;\"“”]{{2,160}}))?(?:[.!?]?[\"”]?\s*$|,\s(?!said\b))"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\sto\s(?P<name>{_NAME})(?:,\s(?P<role>[^,;\"“”]{{2,160}})(?:,|$))?")
_HINT = re.compile(rf"\b(?:{_VERBS}|according\sto|According\sto)\b")
_BACK_VERBS = r"(?:said|says|added|adds|noted|notes|told|tells|explained|stressed|wrote|argued|warned|insisted|confirmed|announced|claimed)"
_PRONOUN = re.compile(rf"(?:^|[,\"“”]\s{{0,2}})(?:[Hh]e|[Ss]he)\s(?:also\s|later\s|then\s)?{_BACK_VERBS}\b")
_ORG_NOUNS = r"(?:company|firm|platform|app|group|startup|start-up|giant|ministry|agency|regulator|commission|organi[sz]ation|operator|service|retailer|broadcaster|developer)"
_NOMINAL = re.compile(rf"(?:^|[,\"“”;—–]\s{{0,2}}|\s)[Tt]he\s{_ORG_NOUNS}(?:[’']s\s[a-z]{{2,20}})?\s(?:also\s|later\s)?{_BACK_VERBS}\b")
_OPENING = re.compile(rf"^(?:[A-Z][A-Z .,'’\-]{{1,40}}\s[—–-]{{1,2}}\s)?(?P<name>{_CAP}(?:\s{_CAP}){{0,2}})\s[a-z]")  # "LOS ANGELES — Netflix will"

#: A pronoun ("he said") refers back to a person named as a speaker at most this many sentences before.
PRONOUN_REACH = 3

# First words that make a capitalised subject unnamed (pronouns, determiners, generic groups).
_NOT_NAMES = frozenset(
    """He She It They We I You His Her Its Their Our This These That Those Such Some Many Most Several Both All
    Each Every Other Others Another One Two Few Any No None Experts Expert Analysts Analyst Officials Official
    Sources Source Critics Observers Researchers Scholars Scholar Studies Study Insiders Industry
    People Users Residents Reports Report Data Statistics Survey Surveys Figure Figures Fig Table Tables
    Section Chapter Appendix Equation Authors Author Participants Respondents Media Authorities Police
    Government Company Companies Platform Platforms Observers Commentators Economists Economist Market""".split()
)
_LEADING_ADVERBS = frozenset(
    """However Meanwhile Also But And Still Yet Separately Earlier Later Previously Then So Thus Instead
    Moreover Furthermore Additionally Nonetheless Nevertheless Indeed Besides Finally Last Now Today""".split()
)
_TITLES = frozenset(
    """President President-elect Vice Premier Minister Chairman Chairwoman Chair CEO CFO CTO COO Dr Dr.
    Professor Prof Prof. Mr Mr. Ms Ms. Mrs Mrs. Senator Sen. Rep. Representative Secretary Spokesman
    Spokeswoman Spokesperson Director Governor Gov. Mayor Judge Justice Ambassador General Gen.
    Chancellor Commissioner Founder Analyst Researcher Editor Lawmaker Deputy Chief Head""".split()
)


@dataclass(frozen=True)
class Attribution:
    """A sentence ``[start, end)`` of the text attributed to ``speaker`` (a person or an outlet)."""

    start: int
    end: int
    speaker: str
    role: str | None = None


class _People:
    """Full names introduced so far, so that "Zhu" resolves to "Zhu Keli"."""

    def __init__(self) -> None:
        self.roles: dict[str, str | None] = {}
        self.by_token: dict[str, str] = {}

    def add(self, name: str, role: str | None) -> None:
        tokens = name.split()
        if len(tokens) < 2 or tokens[0] == "The":
            return
        if role or name not in self.roles:
            self.roles[name] = role
        self.by_token[tokens[0]] = name
        self.by_token[tokens[-1]] = name

    def resolve(self, name: str, role: str | None) -> tuple[str, str | None]:
        full = name if name in self.roles else self.by_token.get(name) if " " not in name else None
        if full is None:
            return name, role
        return full, role or self.roles.get(full)


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = " ".join(role.split()).rstrip(".!?\"” ")
    for article in ("a ", "an ", "A ", "An "):
        if role.startswith(article):
            role = role[len(article) :]
    return role or None


def _normalize(name: str, role: str | None) -> tuple[str, str | None] | None:
    """The named speaker (and role) in a matched subject, or None when it is not a name."""
    tokens = name.split()
    if tokens and tokens[-1].endswith(".") and len(tokens[-1]) > 2 and tokens[-1] not in _TITLES:
        tokens[-1] = tokens[-1][:-1]
    outlet = bool(tokens) and tokens[0].lower() == "the"
    if outlet:
        tokens = tokens[1:]
    while tokens and tokens[0] in _LEADING_ADVERBS:
        tokens = tokens[1:]
    if not tokens or tokens[0] in _NOT_NAMES:
        return None
    title_at = max((i for i, t in enumerate(tokens[:-1]) if t in _TITLES), default=-1)
    if title_at >= 0 and not outlet:
        title = " ".join(tokens[: title_at + 1])
        tokens = tokens[title_at + 1 :]
        role = f"{title}, {role}" if role else title
    speaker = " ".join(tokens)
    return ("The " + speaker if outlet else speaker), _clean_role(role)


def _appositive(role: str, m: re.Match[str], sentence: str) -> bool:
    """Whether the text after "according to NAME," describes NAME rather than being the main clause."""
    if role.startswith(("a ", "an ")):
        return True
    return sentence[m.start()] == "a" and not sentence[m.end() :].strip(" .!?\"”")


def attribute(sentence: str) -> tuple[int, str, str | None] | None:
    """``(position, speaker, role)`` of the earliest named attribution in one sentence, or None."""
    if len(sentence) > _MAX_SENTENCE or not _HINT.search(sentence):
        return None
    best: tuple[int, str, str | None] | None = None
    for pattern in (_FORWARD, _INVERTED, _ACCORDING):
        for m in pattern.finditer(sentence):
            if best is not None and m.start("name") >= best[0]:
                break
            role = m.group("role")
            if pattern is _ACCORDING and role and not _appositive(role, m, sentence):
                role = None
            found = _normalize(m.group("name"), role)
            if found:
                best = (m.start("name"), found[0], found[1])
                break
    return best


def _mid_sentence(text: str, word: str) -> bool:
    """Whether ``word`` occurs capitalised inside a sentence of ``text`` (a name, not just a sentence's first word)."""
    at = text.find(word)
    for _ in range(50):
        if at < 0:
            return False
        before = text[max(at - 2, 0) : at]
        after = text[at + len(word) : at + len(word) + 1]
        if at >= 2 and before[-1:] == " " and before[:1] not in ".!?\"“”\n" and not after.isalnum():
            return True
        at = text.find(word, at + 1)
    return False


def _opening_organisation(sentence: str, text: str, people: "_People") -> str | None:
    """The one-word name a sentence opens with ("Netflix will ...", or after a dateline), when it is a name and not a person's."""
    m = _OPENING.match(sentence)
    if m is None:
        return None
    found = _normalize(m.group("name"), None)
    if found is None or " " in found[0] or found[0] in people.by_token or found[0] in _TITLES:
        return None
    if m.start("name") == 0 and not _mid_sentence(text, found[0]):
        return None  # "Prices will rise, the company said": a sentence's first word, not a name
    return found[0]


def _referred(sentence: str, text: str, index: int, people: "_People", last_person: tuple[int, str, str | None] | None, last_org: str | None) -> tuple[str, str | None] | None:
    """The speaker a sentence refers back to ("he said", "the company said"), or None."""
    if len(sentence) > _MAX_SENTENCE:
        return None
    if _PRONOUN.search(sentence):
        if last_person is not None and index - last_person[0] <= PRONOUN_REACH:
            return last_person[1], last_person[2]
        return None
    if _NOMINAL.search(sentence):
        org = _opening_organisation(sentence, text, people) or last_org
        return (org, None) if org else None
    return None


def find_attributions(text: str, spans: Sequence[tuple[int, int]], organisations: Callable[[str], Sequence[str]] | None = None) -> list[Attribution]:
    """Attributed sentences among ``spans`` of ``text``, short names resolved to earlier full names.

    ``organisations`` gives the organisations a sentence names (e.g. from the
    gazetteer); they are what "the company said" may refer back to.
    """
    people = _People()
    out: list[Attribution] = []
    last_person: tuple[int, str, str | None] | None = None  # (sentence index, name, role)
    last_org: str | None = None
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        found = attribute(sentence)
        if found is not None:
            _, speaker, role = found
            speaker, role = people.resolve(speaker, role)
            people.add(speaker, role)
            out.append(Attribution(start, end, speaker, role))
            if speaker in people.roles:
                last_person = (index, speaker, people.roles.get(speaker))
            elif not speaker.startswith("The "):
                last_org = speaker
        else:
            back = _referred(sentence, text, index, people, last_person, last_org)
            if back is not None:
                out.append(Attribution(start, end, back[0], back[1]))
                if last_person is not None and back[0] == last_person[1]:
                    last_person = (index, back[0], last_person[2])
        if organisations is not None and found is None and len(sentence) <= _MAX_SENTENCE:
            named = list(organisations(sentence))
            if named:
                last_org = named[-1]
    return out
