"""Named entities (platforms, companies, outlets) found with a gazetteer.

The gazetteer is data: ``citegraph/data/entities.json`` plus any user JSON
files of the same schema (see :func:`load_gazetteer`). Matching is linear:
the aliases are compiled into a few trie-shaped regexes (no alternation
backtracking), searched once; at each hit the longest alias wins, so
"Sina Weibo" is one mention of Weibo, not a mention of Sina and one of Weibo.

Matching rules: aliases never match inside a word (a CJK alias may touch
CJK text, which has no spaces); case-sensitively unless the alias or its
entity sets ``ignore_case``; a space inside an alias matches 1-7 spaces or
one line break ("Tik  Tok"), never a blank line. An alias marked
``"match": false`` (Twitter's bare "X") is known to :meth:`Gazetteer.info`
but never matched; ``"standalone": true`` rejects hyphen-joined uses
("Meta-analysis").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from importlib import resources as _pkg_resources
from typing import Any, Iterable, Sequence

from ..model import Entity, Extraction
from ..resources import Resources

__all__ = ["EntityMatch", "Gazetteer", "load_gazetteer", "run"]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = rf"[^\W{_CJK}]"  # a word character that is not CJK
_ENTITY_KEYS = frozenset({"name", "kind", "aliases", "relations", "description", "ignore_case", "standalone", "url", "wikidata", "country"})
_ALIAS_KEYS = frozenset({"text", "ignore_case", "standalone", "match"})


@dataclass(frozen=True)
class EntityMatch:
    """One mention: canonical ``name``, its ``kind``, offsets in the searched text, the text as written."""

    name: str
    kind: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Alias:
    entity: str
    standalone: bool


_GAP_KEY = "\x00"  # stands for the whitespace inside an alias
_GAP = r"(?=[ \t\u00a0\n])[ \t\u00a0]{0,3}\n?[ \t\u00a0]{0,3}"
_IS_WORD = re.compile(_WORD)


def _key(text: str) -> str:
    return _GAP_KEY.join(text.split())


def _trie_regex(words: Iterable[str]) -> str:
    """A regex for the longest of ``words`` at a place, without alternation backtracking.

    Shared prefixes are factored into a trie; a gap key matches 1-7 spaces/one line break.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(_GAP if ch == _GAP_KEY else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Gazetteer:
    """Canonical entities with aliases and relations; :meth:`find` locates them in text."""

    def __init__(self, entries: dict[str, dict[str, Any]]):
        """Build from validated entries keyed by canonical name (see :func:`load_gazetteer`)."""
        self._entries = entries
        self._lookup: dict[str, str] = {}
        self._exact: dict[str, _Alias] = {}  # case-sensitive aliases by key
        self._folded: dict[str, _Alias] = {}  # case-insensitive aliases by lower-case key
        groups: dict[tuple[bool, bool, bool], set[str]] = {}
        for name, entry in entries.items():
            for alias in entry["aliases"]:
                self._lookup[alias["text"].lower()] = name
                key = _key(alias["text"])
                if not alias["match"] or not key:
                    continue
                record = _Alias(name, alias["standalone"])
                if alias["ignore_case"]:
                    key = key.lower()
                    self._folded[key] = record
                else:
                    self._exact[key] = record
                shape = (alias["ignore_case"], bool(_IS_WORD.match(key)), bool(_IS_WORD.match(key[-1])))
                groups.setdefault(shape, set()).add(key)
        self._lookup.update((name.lower(), name) for name in entries)  # a canonical name beats an alias
        self._patterns: list[re.Pattern[str]] = []
        self._by_first: dict[str, list[re.Pattern[str]]] = {}  # lower-case first character -> patterns
        for (folded, word_start, word_end), keys in sorted(groups.items()):
            # an alias starting (ending) with a word character must not touch another one there
            body = _trie_regex(keys)
            body = f"(?i:{body})" if folded else body
            body = f"(?<!{_WORD}){body}" if word_start else body
            pattern = re.compile(f"{body}(?!{_WORD})" if word_end else body)
            self._patterns.append(pattern)
            for first in {k[0].lower() for k in keys}:
                self._by_first.setdefault(first, []).append(pattern)
        combined = "|".join(p.pattern for p in self._patterns)
        self._start = re.compile(combined or r"(?!x)x")

    def find(self, text: str) -> list[EntityMatch]:
        """All mentions in ``text``, in order, not overlapping; the longest alias wins at each place."""
        out: list[EntityMatch] = []
        pos = 0
        while True:
            m = self._start.search(text, pos)
            if not m:
                return out
            start = m.start()
            end = m.end()
            for pattern in self._by_first.get(text[start].lower(), ()):
                mm = pattern.match(text, start)
                if mm and mm.end() > end:
                    end = mm.end()
            surface = text[start:end]
            key = _key(surface)
            alias = self._exact.get(key) or self._folded.get(key.lower())
            if alias is None or not self._fits(text, start, end, alias):
                pos = start + 1
                continue
            out.append(EntityMatch(alias.entity, self._entries[alias.entity]["kind"], start, end, surface))
            pos = end

    @staticmethod
    def _fits(text: str, start: int, end: int, alias: _Alias) -> bool:
        if not alias.standalone:
            return True
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            return False
        return not (end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha())

    def relations(self) -> list[tuple[str, str, str]]:
        """``(subject, relation, object)`` triples, e.g. ``("Douyin", "version-of", "TikTok")``."""
        return [
            (name, rel, obj)
            for name, entry in self._entries.items()
            for rel, objs in entry["relations"].items()
            for obj in objs
        ]

    def canonical(self, name: str) -> str | None:
        """The canonical name for a name or alias (any case), or None if unknown."""
        return self._lookup.get(name.lower())

    def info(self, name: str) -> dict[str, Any]:
        """The entry of an entity (by canonical name or alias): name, kind, aliases, relations, description...

        Raises :class:`KeyError` for an unknown name.
        """
        canon = self.canonical(name)
        if canon is None:
            raise KeyError(name)
        entry = self._entries[canon]
        out = {k: v for k, v in entry.items() if k not in ("aliases", "relations")}
        out["aliases"] = [a["text"] for a in entry["aliases"]]
        out["relations"] = {rel: list(objs) for rel, objs in entry["relations"].items()}
        return out

    def names(self) -> list[str]:
        """All canonical names."""
        return list(self._entries)


def _fail(path: str, where: str, problem: str) -> ValueError:
    return ValueError(f"{path}: {where}: {problem}" if where else f"{path}: {problem}")


def _read_entries(path: str, data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        if "entities" not in data:
            raise _fail(path, "", 'expected an object with an "entities" list (or a list of entities)')
        data = data["entities"]
    if not isinstance(data, list):
        raise _fail(path, "entities", f"expected a list, got {type(data).__name__}")
    return data


def _check_entity(path: str, i: int, raw: Any, known: dict[str, str]) -> dict[str, Any]:
    """Validate one raw entry (``known``: lower-case canonical names defined so far)."""
    where = f"entity #{i + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, f"expected an object, got {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, where, 'missing "name" (a non-empty string)')
    where = f"entity #{i + 1} ({name!r})"
    unknown = sorted(set(raw) - _ENTITY_KEYS)
    if unknown:
        raise _fail(path, where, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_ENTITY_KEYS))}")
    if "kind" not in raw and name.strip().lower() not in known:
        raise _fail(path, where, 'missing "kind" (e.g. "platform", "company")')
    for key in ("kind", "description", "url", "wikidata", "country"):
        if key in raw and not isinstance(raw[key], str):
            raise _fail(path, where, f'"{key}" must be a string')
    for key in ("ignore_case", "standalone"):
        if key in raw and not isinstance(raw[key], bool):
            raise _fail(path, where, f'"{key}" must be true or false')
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list):
        raise _fail(path, where, '"aliases" must be a list')
    for alias in aliases:
        if isinstance(alias, dict):
            if not isinstance(alias.get("text"), str) or not alias["text"].strip():
                raise _fail(path, where, f'alias {alias!r} needs a non-empty "text"')
            bad = sorted(set(alias) - _ALIAS_KEYS)
            if bad or any(not isinstance(alias[k], bool) for k in alias if k != "text"):
                raise _fail(path, where, f"alias {alias!r}: allowed keys {', '.join(sorted(_ALIAS_KEYS))} (flags true/false)")
        elif not isinstance(alias, str) or not alias.strip():
            raise _fail(path, where, f"alias {alias!r} must be a non-empty string or an object")
    relations = raw.get("relations", {})
    if not isinstance(relations, dict):
        raise _fail(path, where, '"relations" must be an object like {"owned-by": "ByteDance"}')
    for rel, obj in relations.items():
        objs = [obj] if isinstance(obj, str) else obj
        if not isinstance(objs, list) or not all(isinstance(o, str) and o.strip() for o in objs):
            raise _fail(path, where, f'relation "{rel}" must name an entity or a list of entities')
    return raw


class _Store:
    """Entries being loaded, with indexes so that merging stays linear in the number of entries."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.names: dict[str, str] = {}  # lower-case canonical name -> canonical name
        self.owner: dict[str, str] = {}  # alias text -> canonical name of the entity that has it

    def merge(self, raw: dict[str, Any]) -> None:
        """Add or update one checked entry; a later alias claims its text from any earlier entity."""
        name = raw["name"].strip()
        canon = self.names.get(name.lower())
        entry = self.entries.pop(canon) if canon else {"name": name, "aliases": [], "relations": {}}
        canon = canon or name
        ignore_case = raw.get("ignore_case", entry.get("ignore_case", False))
        standalone = raw.get("standalone", entry.get("standalone", False))
        for key, value in raw.items():
            if key not in ("name", "aliases", "relations"):
                entry[key] = value
        merged = {a["text"]: a for a in entry["aliases"]}
        for alias in [{"text": name}] + [a if isinstance(a, dict) else {"text": a} for a in raw.get("aliases", [])]:
            text = alias["text"].strip()
            previous = self.owner.get(text)
            if previous not in (None, canon) and text != previous:  # the new definition wins the alias
                other = self.entries[previous]
                other["aliases"] = [a for a in other["aliases"] if a["text"] != text]
            self.owner[text] = canon
            merged[text] = {
                "text": text,
                "ignore_case": alias.get("ignore_case", ignore_case),
                "standalone": alias.get("standalone", standalone),
                "match": alias.get("match", True),
            }
        entry["aliases"] = list(merged.values())
        for rel, obj in raw.get("relations", {}).items():
            entry["relations"][rel] = [obj] if isinstance(obj, str) else list(obj)
        self.entries[canon] = entry  # (re)inserted last: its aliases win over earlier ones when matching
        self.names[canon.lower()] = canon

    def load(self, path: str, text: str) -> None:
        """Check every entry of one JSON file, then merge them (nothing is merged from a bad file)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(path, f"line {exc.lineno} column {exc.colno}", f"invalid JSON ({exc.msg})") from None
        checked = [_check_entity(path, i, raw, self.names) for i, raw in enumerate(_read_entries(path, data))]
        for raw in checked:
            self.merge(raw)


def load_gazetteer(extra_files: Sequence[str] = ()) -> Gazetteer:
    """The package gazetteer extended by user JSON files (same schema), later files overriding earlier ones.

    A user entry whose name is an existing canonical name (any case) updates it: given fields replace
    the old ones, aliases and relations are added. Raises :class:`ValueError` naming the file and the
    problem for an unreadable or malformed file.
    """
    store = _Store()
    builtin = _pkg_resources.files("citegraph").joinpath("data/entities.json").read_text(encoding="utf-8")
    store.load("citegraph/data/entities.json", builtin)
    for path in extra_files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: cannot read entities file ({exc})") from None
        store.load(str(path), text)
    return Gazetteer(store.entries)


def run(x: Extraction, res: Resources) -> Extraction:
    """Fill ``x.entities``: one :class:`Entity` per canonical name mentioned in the body text, by first mention."""
    try:
        gazetteer = res.gazetteer
    except ValueError as exc:
        return x.with_problem("gazetteer", str(exc), suggestion="fix the entities file or leave it out")
    found: dict[str, tuple[str, int, list[str]]] = {}
    for m in gazetteer.find(x.text):
        kind, count, surfaces = found.get(m.name, (m.kind, 0, []))
        if m.surface not in surfaces:
            surfaces.append(m.surface)
        found[m.name] = (kind, count + 1, surfaces)
    entities = tuple(Entity(name, kind, count, tuple(surfaces)) for name, (kind, count, surfaces) in found.items())
    return replace(x, entities=entities)
