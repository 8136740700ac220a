"""Where the annotated training data lives (used by training scripts and benchmarks, never at run time).

The AnyStyle data sits in ``../shared/data/anystyle`` beside the repository;
``$CITEGRAPH_ANYSTYLE_DIR`` (the folder holding ``parser/`` and ``finder/``)
overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["anystyle_dir"]

_REPO = Path(__file__).resolve().parent.parent


def anystyle_dir(part: str = "") -> str:
    """The AnyStyle data folder (or its ``parser``/``finder`` part)."""
    env = os.environ.get("CITEGRAPH_ANYSTYLE_DIR")
    candidates = [Path(env)] if env else [_REPO.parent / "shared" / "data" / "anystyle", Path.cwd().parent / "shared" / "data" / "anystyle"]
    root = next((c for c in candidates if c.is_dir()), candidates[0])
    return str(root / part) if part else str(root)
