"""Extractions round-trip through their JSON form (the cache depends on it)."""

from __future__ import annotations

import json

import pytest

from citegraph.api import extract_file
from citegraph.readwrite.extraction_json import from_dict, to_dict, to_report

from .conftest import EXCERPT, HU, MIAO, NEWS


@pytest.mark.parametrize("path", [MIAO, HU, EXCERPT, NEWS])
def test_round_trip(path):
    x = extract_file(str(path))
    back = from_dict(json.loads(json.dumps(to_dict(x))))
    assert back == x


def test_report_shape():
    r = to_report(extract_file(str(HU)))
    assert r["document"]["title"].startswith("The Overseas Social Media Platform")
    assert r["references"][0]["raw"].startswith("[1] Xu, X.D.")
    assert r["citations"][0] == {**r["citations"][0], "marker": "[1]", "status": "resolved"}
