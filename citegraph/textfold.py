"""Folding text for comparison: lower-case ASCII letters and digits, words separated by one space.

Kept apart from :mod:`citegraph.identity` (which needs rapidfuzz) so the
query path can fold what a user typed without importing it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, words separated by one space."""
    if not text.isascii():  # ASCII needs no decomposition (the common case, and the long texts)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text.lower()).strip()
