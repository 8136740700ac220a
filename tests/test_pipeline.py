"""The whole pipeline on one file: stage order, failures as data, hostile input."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from citegraph.model import Extraction
from citegraph.pipeline import STAGES, extract


def test_stage_order_is_listed_once():
    names = [n for n, _ in STAGES]
    assert names == ["header", "refsection", "clean", "refparse", "citations", "linking", "entities", "claims"]


def test_a_failing_stage_is_a_problem_and_the_rest_still_runs(tmp_path):
    p = tmp_path / "doc.md"
    p.write_text("# A Title Of Some Length\n\nText citing (Curran, 2007).\n\n## References\n\n- Curran, J. 2007. Media and cultural theory. Routledge.\n")

    def broken(x: Extraction, res) -> Extraction:
        raise RuntimeError("boom")

    stages = tuple((n, broken if n == "entities" else s) for n, s in STAGES)
    x = extract(str(p), stages=stages)
    assert [pr.message for pr in x.problems if pr.code == "internal"] == ["stage entities failed: RuntimeError: boom"]
    assert x.citations[0].status == "resolved" and x.claims  # stages after the broken one ran


def _hostile(kind: str) -> bytes:
    rnd = random.Random(7)
    return {
        "long-line": ("Smith (2020) said that (Lee, 2019; " * 30000).encode(),
        "brackets": ("(" * 10000 + "\n" + "[" * 10000 + "\n" + "(Smith, " * 5000).encode(),
        "garbage": bytes(rnd.randrange(32, 256) for _ in range(200000)),
        "names": ("Smith, J., " * 60000 + "\n\nReferences\n\n" + "Smith, J. (2020). T. J 1(2): 3.\n" * 200).encode(),
        # one footnote citing 300 works, referenced by every one of 20,000 markers
        "footnote-fan": ("Text[^1] " * 20000 + "\n\n[^1]: " + " ".join(f"Author{i}, Title {i}, {i}." for i in range(300))).encode(),
        # 30,000 superscript markers in one run-on sentence, and 500 notes
        "superscripts": ("Word.¹ " * 30000 + "\n\nNotes\n" + "\n".join(f"{i}. Ibid., {i}." for i in range(1, 500))).encode(),
    }[kind]


@pytest.mark.parametrize("kind", ["footnote-fan", "superscripts"])
def test_note_citations_stay_proportional_to_the_text(tmp_path, kind):
    from citegraph.citefind.noteworks import MAX_CITES_PER_NOTE
    from citegraph.stages.citations import MAX_SENTENCE

    p = tmp_path / f"{kind}.md"
    p.write_bytes(_hostile(kind))
    x = extract(str(p))
    assert len(x.citations) <= max(1000, len(x.text) // 8) + MAX_CITES_PER_NOTE
    assert max(len(c.sentence) for c in x.citations) <= MAX_SENTENCE + 2  # not a copy of the whole run-on text each


@pytest.mark.parametrize("kind", ["long-line", "brackets", "garbage", "names", "footnote-fan", "superscripts"])
def test_hostile_input_finishes_cleanly(tmp_path, kind):
    p = tmp_path / f"{kind}.txt"
    p.write_bytes(_hostile(kind))
    x = extract(str(p))
    assert not [pr for pr in x.problems if pr.code == "internal"]
    assert all(c.status in {"resolved", "dangling", "ambiguous"} for c in x.citations)
    assert p.read_bytes() == _hostile(kind)  # the input is never modified
