"""The one place that lists the extraction stages and their order.

Each stage is a pure function ``(Extraction, Resources) -> Extraction``: it
takes what earlier stages produced and returns a new :class:`Extraction`
with its own fields filled in. :func:`extract` runs them over one file.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .model import Extraction, Problem
from .resources import Resources
from .stages import citations, claims, clean, entities, header, linking, read, refparse, refsection

__all__ = ["STAGES", "Stage", "extract"]

Stage = Callable[[Extraction, Resources], Extraction]

#: The extraction stages, in order (``read.read`` comes first and takes a path).
STAGES: tuple[tuple[str, Stage], ...] = (
    ("header", header.run),  # title, authors, date, venue; news byline
    ("refsection", refsection.run),  # find the reference list, split it into entries
    ("clean", clean.run),  # body prose: wrapped lines joined, hyphenation undone, headings
    ("refparse", refparse.run),  # each entry -> CSL-JSON (trained CRF)
    ("citations", citations.run),  # in-text citation markers
    ("linking", linking.run),  # markers -> entries: resolved | dangling | ambiguous
    ("entities", entities.run),  # platforms and other named entities (gazetteer)
    ("claims", claims.run),  # citing sentences and attributed statements
)


def extract(path: str, resources: Resources | None = None, stages: tuple[tuple[str, Stage], ...] = STAGES) -> Extraction:
    """Run the whole pipeline on one file and return its :class:`Extraction`.

    A file that cannot be read comes back with a problem and no content; a
    stage that fails records a problem and the remaining stages still run.
    """
    res = resources or Resources()
    x = read.read(path)
    if not x.raw_lines or x.fmt == "bib":  # nothing to read, or entries that are already structured
        return x
    for name, stage in stages:
        try:
            x = stage(x, res)
        except Exception as exc:  # a bug in one stage must not lose the corpus
            problem = Problem(x.path, "internal", f"stage {name} failed: {type(exc).__name__}: {exc}")
            x = replace(x, problems=x.problems + (problem,))
    return x
