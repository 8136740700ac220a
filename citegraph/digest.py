"""Digests that decide whether something remembered still applies (merge memo, .bib entries, outputs)."""

from __future__ import annotations

import hashlib
import marshal
from typing import Any

__all__ = ["value_digest", "text_digest"]


def value_digest(value: Any) -> str | None:
    """A digest of a plain value (dicts, lists, str, numbers...), or None when it is not plain data."""
    try:
        raw = marshal.dumps(value, 2)  # version 2: no references, so the same value always gives the same bytes
    except ValueError:
        return None
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def text_digest(text: str) -> str:
    """A digest of a text (an output file's content)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
