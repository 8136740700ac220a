"""Shared, lazily loaded resources for pipeline stages (trained models, gazetteer).

A :class:`Resources` object is created once per run and handed to every stage;
each model is loaded the first time a stage asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

__all__ = ["Resources"]


@dataclass(frozen=True)
class Resources:
    """What stages need beyond the document: models and user-supplied data files."""

    entity_files: tuple[str, ...] = ()

    @cached_property
    def ref_parser(self) -> Any:
        """The trained reference-string parser (:class:`citegraph.refparse.ReferenceParser`)."""
        from .refparse import load_parser

        return load_parser()

    @cached_property
    def gazetteer(self) -> Any:
        """The entity gazetteer (:class:`citegraph.stages.entities.Gazetteer`), user files included."""
        from .stages.entities import load_gazetteer

        return load_gazetteer(self.entity_files)
