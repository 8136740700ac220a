"""Tokenising a reference string: whitespace-separated words, with offsets.

Words are split on whitespace (as AnyStyle does); punctuation stays attached
and is described by features. Two glued patterns are split further because a
field boundary often hides in them: ``8(2):1-10`` (volume/issue, then pages)
and ``Title[J].`` (a GB/T 7714 type marker). At most :data:`MAX_TOKENS` tokens
are produced and words are clipped to :data:`MAX_WORD` characters, so
hostile input costs bounded time.
"""

from __future__ import annotations

import re
from itertools import islice
__all__ = ["Token", "MAX_TOKENS", "MAX_WORD", "tokenize"]

#: Tokens labelled per reference; the rest of a longer string is kept as a note.
MAX_TOKENS = 300
#: Longer words are clipped to this many characters.
MAX_WORD = 200

_WORD = re.compile(r"\S+")
# a split point inside a word: after "digit:" / "):" before a digit, or before "[X]"
_SPLIT = re.compile(r"(?<=[0-9)\]][:;])(?=[0-9])|(?<=[^\s\[(])(?=\[[A-Z/]{1,6}\])")


#: A word of the reference string and its character offsets: ``(text, start, end)``.
Token = tuple[str, int, int]


def tokenize(text: str, limit: int = MAX_TOKENS) -> list[Token]:
    """The tokens ``(text, start, end)`` of ``text`` (at most ``limit``)."""
    out: list[Token] = []
    for m in islice(_WORD.finditer(text), limit):
        word = m.group()
        if (":" in word or ";" in word or "[" in word) and 2 < len(word) < 200:
            start = m.start()
            pos = 0
            for cut in _SPLIT.finditer(word):
                c = cut.start()
                if c > pos:
                    out.append((word[pos:c], start + pos, start + c))
                    pos = c
            out.append((word[pos:], start + pos, m.end()))
        elif len(word) > MAX_WORD:
            out.append((word[:MAX_WORD], m.start(), m.start() + MAX_WORD))
        else:
            out.append((word, m.start(), m.end()))
        if len(out) >= limit:
            return out[:limit]
    return out
