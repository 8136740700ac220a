"""The data model: frozen dataclasses passed between pipeline stages.

Every record keeps its provenance (file, line, character offset, raw text) so
that a user can always go back to the place in the document it came from.
Failures are data: a stage that cannot do its work appends a :class:`Problem`
and returns, it never prints or swallows an exception.

CSL-JSON items are plain ``dict`` objects (the format is JSON); stages never
mutate one they did not create.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, Mapping

__all__ = [
    "Span",
    "Line",
    "Problem",
    "Document",
    "Reference",
    "CiteKey",
    "Citation",
    "Claim",
    "Entity",
    "Extraction",
    "CitationStatus",
    "replace",
]

CitationStatus = Literal["resolved", "dangling", "ambiguous"]


@dataclass(frozen=True)
class Span:
    """Where something is: file, 1-based line in the *original* file, offsets in the cleaned text."""

    file: str
    line: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Line:
    """One line of the cleaned text with the original line number it starts on."""

    text: str
    number: int  # 1-based line number in the original file
    offset: int  # character offset of the line in the cleaned text


@dataclass(frozen=True)
class Problem:
    """Something the user should know about: a file that could not be read, a citation with no entry...

    ``code`` is a short stable identifier (``unreadable``, ``empty``, ``dangling``,
    ``ambiguous``, ``uncited``, ``no-references``...), ``message`` a sentence.
    """

    file: str
    code: str
    message: str
    line: int = 0
    suggestion: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text}; {self.suggestion}" if self.suggestion else text


@dataclass(frozen=True)
class Document:
    """A corpus document: its identifier, kind and header metadata as a CSL-JSON item."""

    id: str
    path: str
    kind: Literal["paper", "news", "bib", "excerpt"]
    csl: Mapping[str, Any]
    sha256: str = ""


@dataclass(frozen=True)
class Reference:
    """One entry of a reference list, as written and parsed.

    ``raw`` is the entry as written (label included, wrapped lines joined);
    ``label`` the citation number or label without brackets ("3", "Bais 2010"),
    ``csl`` the parsed CSL-JSON item whose ``id`` equals :attr:`id`.
    """

    id: str
    raw: str
    csl: Mapping[str, Any]
    source: Span
    label: str | None = None


@dataclass(frozen=True)
class CiteKey:
    """What an in-text citation names: author surnames + year (+ suffix), or a number, or a label."""

    authors: tuple[str, ...] = ()  # surnames as written, first author first
    et_al: bool = False
    year: str = ""  # "2012", or "n.d."
    suffix: str = ""  # "b" in 2012b
    number: int | None = None  # [3]
    locator: str = ""  # "p. 4"


@dataclass(frozen=True)
class Citation:
    """One cited item in the text: ``(A, 2001; B, 2002)`` yields two citations.

    ``marker`` is the cited item as written ("Gao et al., 2012b", "[3]"),
    ``sentence`` the sentence that carries it, ``references`` the ids of the
    entries it resolved to (one when resolved, several when ambiguous).
    """

    marker: str
    key: CiteKey
    sentence: str
    source: Span
    references: tuple[str, ...] = ()
    status: CitationStatus = "dangling"
    note: str = ""  # why it is dangling/ambiguous, or a suggestion


@dataclass(frozen=True)
class Claim:
    """A statement: a sentence carrying citations, or a statement attributed to a named speaker."""

    id: str
    text: str
    source: Span
    cites: tuple[str, ...] = ()  # reference ids
    entities: tuple[str, ...] = ()  # canonical entity names
    speaker: str | None = None
    speaker_role: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named thing mentioned in a document (a platform, a company...), by its canonical name."""

    name: str
    kind: str
    mentions: int
    aliases: tuple[str, ...] = ()  # the surface forms seen


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one file; each pipeline stage returns a new one.

    ``raw_lines`` are the file's lines as read (index i is original line i+1).
    ``ref_sections`` are the reference lists, as index ranges ``[start, end)``
    into ``raw_lines`` (:attr:`ref_section` is the main one).
    ``text`` is the cleaned prose of the body (the file minus its reference
    section, wrapped lines joined, hyphenation undone); ``lines`` its lines
    with original line numbers and offsets into ``text``; ``sections`` the
    headings found in it as ``(offset in text, heading)``.
    """

    path: str
    raw_lines: tuple[str, ...] = ()
    sha256: str = ""
    fmt: str = "txt"  # txt | md | pdf | bib
    text: str = ""
    lines: tuple[Line, ...] = ()
    sections: tuple[tuple[int, str], ...] = ()
    document: Document | None = None
    ref_sections: tuple[tuple[int, int], ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
    problems: tuple[Problem, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ref_section(self) -> tuple[int, int] | None:
        """The main reference list: the one with the most lines (the later one on a tie)."""
        return max(self.ref_sections, key=lambda s: (s[1] - s[0], s[0])) if self.ref_sections else None

    def line_at(self, offset: int) -> int:
        """Original 1-based line number of a character offset in :attr:`text`."""
        if not self.lines:
            return 0
        i = max(bisect.bisect_right(self._line_starts, offset) - 1, 0)
        return self.lines[i].number

    @cached_property
    def _line_starts(self) -> tuple[int, ...]:
        return tuple(ln.offset for ln in self.lines)

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``text[start:end]``."""
        return Span(self.path, self.line_at(start), start, end)

    def section_at(self, offset: int) -> str | None:
        """The heading of the section that contains ``offset`` in :attr:`text`, if any."""
        i = bisect.bisect_right([o for o, _ in self.sections], offset) - 1
        return self.sections[i][1] if i >= 0 else None

    def with_problem(self, code: str, message: str, line: int = 0, suggestion: str = "") -> "Extraction":
        """A copy with one more problem."""
        problem = Problem(self.path, code, message, line, suggestion)
        return replace(self, problems=self.problems + (problem,))
