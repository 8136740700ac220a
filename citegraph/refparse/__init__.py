"""Trained reference-string parser: one reference string in, one CSL-JSON item out.

A linear-chain CRF (python-crfsuite) labels each word of the string with a
field (author, date, title, journal, volume, pages, publisher...), as
AnyStyle, GROBID and ParsCit do; :mod:`.normalize` turns the labelled
segments into CSL-JSON. The model is trained by
``python -m citegraph.refparse.train`` on the AnyStyle data.

Long input is bounded: only the first :data:`~.tokens.MAX_TOKENS` words of
the first :data:`MAX_CHARS` characters are labelled (words clipped to
:data:`~.tokens.MAX_WORD` characters); the rest is kept, shortened to
500 characters, in ``note``.
"""

from __future__ import annotations

import gc
import os
import threading
from typing import Sequence

import pycrfsuite

from . import features
from .features import sequence_features, set_vocabulary
from .normalize import to_csl
from .tokens import MAX_TOKENS, Token, tokenize

__all__ = ["ReferenceParser", "load_parser", "MODEL_PATH"]

MODEL_PATH = os.path.join(os.path.dirname(__file__), "model.crfsuite")
_NOTE_MAX = 500
#: Characters of a reference string that are labelled; the rest goes (shortened) to ``note``.
MAX_CHARS = 5000


def _read_vocabulary(model_path: str) -> frozenset[str] | None:
    """The model's attributes written by training (``None`` if absent: no filtering)."""
    if os.path.abspath(model_path) == os.path.abspath(MODEL_PATH):
        path = os.path.join(os.path.dirname(__file__), "lists", "model-attributes.txt")
    else:
        path = model_path + ".attributes.txt"
    try:
        with open(path, encoding="utf-8") as fh:
            return frozenset(fh.read().split("\n"))
    except OSError:
        return None


class ReferenceParser:
    """Labels reference strings with a trained CRF and builds CSL-JSON items."""

    def __init__(self, model_path: str = MODEL_PATH) -> None:
        if not os.path.isfile(model_path):
            raise FileNotFoundError(f"no reference-parser model at {model_path}; run python -m citegraph.refparse.train")
        self.model_path = model_path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(model_path)
        self._vocabulary = _read_vocabulary(model_path)
        set_vocabulary(self._vocabulary)
        self._lock = threading.Lock()

    def _tag(self, tokens: list[Token]) -> list[str]:
        if not tokens:
            return []
        with self._lock:
            if features._VOCAB is not self._vocabulary:  # another model was loaded since
                set_vocabulary(self._vocabulary)
            feats = sequence_features([t[0] for t in tokens])
            return self._tagger.tag(feats)  # lists of bytes: crfsuite takes them without re-encoding

    def label(self, text: str) -> list[tuple[str, str]]:
        """``(word, label)`` pairs for one reference string (for debugging)."""
        tokens = tokenize(text or "")
        return list(zip((t[0] for t in tokens), self._tag(tokens)))

    def parse(self, text: str) -> dict:
        """One CSL-JSON item (no ``id``) for one reference string; ``{}`` for an empty one."""
        text = text or ""
        head = text[:MAX_CHARS]
        tokens = tokenize(head)
        if not tokens:
            return {}
        labels = self._tag(tokens)
        # one segment per run of equal labels: its text is the source span, whitespace made single spaces
        segs: list[tuple[str, str]] = []
        label = labels[0]
        first = tokens[0][1]
        for i in range(1, len(tokens)):
            if labels[i] != label:
                segs.append((label, " ".join(head[first : tokens[i - 1][2]].split())))
                label = labels[i]
                first = tokens[i][1]
        end = tokens[-1][2]
        segs.append((label, " ".join(head[first:end].split())))
        item = to_csl(segs, head[:end])
        if len(tokens) >= MAX_TOKENS or len(text) > MAX_CHARS:
            rest = " ".join(text[end : end + 20000].split()[:200])
            if rest:
                rest = rest[:_NOTE_MAX] + ("…" if len(rest) > _NOTE_MAX else "")
                item["note"] = (item["note"] + "; " + rest) if item.get("note") else rest
        return item

    def parse_many(self, texts: Sequence[str]) -> list[dict]:
        """:meth:`parse` for each string, in order.

        The cyclic garbage collector is paused meanwhile (parsing makes no
        cycles, and its many small cached lists would make it run often).
        """
        enabled = gc.isenabled()
        gc.disable()
        try:
            return [self.parse(t) for t in texts]
        finally:
            if enabled:
                gc.enable()


_CACHE: dict[str, ReferenceParser] = {}
_CACHE_LOCK = threading.Lock()


def load_parser(path: str | None = None) -> ReferenceParser:
    """The parser for the model at ``path`` (default: ``$CITEGRAPH_REFPARSE_MODEL`` or the committed model), loaded once."""
    key = os.path.abspath(path or os.environ.get("CITEGRAPH_REFPARSE_MODEL") or MODEL_PATH)
    with _CACHE_LOCK:
        parser = _CACHE.get(key)
        if parser is None:
            parser = _CACHE[key] = ReferenceParser(key)
        return parser
