"""Shared fixtures: the sample corpus and an isolated cache directory."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "references"
MIAO = CORPUS / "miao-2025-global-promotion.md"
HU = CORPUS / "hu-liang-2023-tiktok-international-communication.md"
EXCERPT = CORPUS / "miao-2025-global-promotion-pdf-excerpt.txt"
NEWS = CORPUS / "fan-2025-china-daily-apps-urged.txt"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache folder: nothing leaks between tests or into the user's cache."""
    monkeypatch.setenv("CITEGRAPH_CACHE", str(tmp_path_factory.mktemp("cache")))
