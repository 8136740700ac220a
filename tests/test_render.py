"""The shared renderer: JSON for scripts, plain text when piped, nothing lost or interpreted."""

from __future__ import annotations

import json

import pytest

from citegraph.render import plain_table, render

ROWS = [
    {"doc": "miaoGlobal2025", "line": 94, "sentence": "TikTok [bold]operated[/bold] borderline practices (Su & Kaye, 2023)."},
    {"doc": "huOverseas2023", "line": 15, "sentence": "Its objective is to explore\nthe trajectory[1]."},
]


def test_json_round_trips(capsys):
    render(ROWS, True)
    assert json.loads(capsys.readouterr().out) == ROWS


def test_piped_output_is_plain_text_with_markup_kept_verbatim(capsys):
    render(ROWS, False, ["doc", "line", "sentence"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["doc", "line", "sentence"]
    assert "[bold]operated[/bold]" in out[1] and out[2].endswith("the trajectory[1].")
    assert out[1].index("94") == out[2].index("15")  # columns line up


@pytest.mark.parametrize("value, width", [("x" * 100, 41), (["a", "b"], 4)])
def test_cells_are_bounded(value, width):
    text = plain_table([{"c": value, "s": "end"}], ["c", "s"], ())
    assert len(text.splitlines()[1].split("  ")[0]) <= width


def test_nothing(capsys):
    render([], False)
    assert capsys.readouterr().out.strip() == "(nothing)"
