"""CRF token features: what each word gives itself and its neighbours, and the vocabulary filter."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citegraph.refparse import features, load_parser

REF = "Smith, J. (2001). “The title”. In Journal of X, 3(1), 1–10."


@pytest.fixture()
def training_mode():
    """Features as emitted for training (no model vocabulary); the model's vocabulary is restored after."""
    parser = load_parser()
    features.set_vocabulary(None)
    yield
    features.set_vocabulary(parser._vocabulary)


def _strs(seq: list[list[bytes]]) -> list[set[str]]:
    return [{b.decode() for b in g} for g in seq]


@pytest.mark.parametrize(
    "i, expected, absent",
    [
        (0, {"w=smith", "sh=Xx,", "lp=,", "BOS", "+1w=j", "+1sh=X.", "pos=0"}, {"yb", "-1w=smith"}),
        (1, {"w=j", "init", "single", "-1w=smith", "-1sh=Xx,", "-1lp=,", "+1w=2001", "+1fp=("}, {"BOS", "EOS"}),
        (2, {"w=2001", "year", "num4", "po", "pc", "-1w=j", "+1w=the"}, {"yb"}),
        (3, {"qo", "yb", "fp=“"}, {"inq"}),
        (4, {"qc", "yb", "inq"}, set()),
        (9, {"voliss", "-1w=x", "+1w=1–10"}, set()),
        (10, {"range", "EOS", "pos=7", "-1w=3(1"}, {"BOS"}),
    ],
)
def test_training_features_of_each_word(training_mode, i, expected, absent):
    feats = _strs(features.sequence_features(REF.split()))
    assert len(feats) == len(REF.split())
    assert expected <= feats[i], sorted(feats[i])
    assert not (absent & feats[i])


def test_tagging_features_are_the_training_features_the_model_knows():
    parser = load_parser()
    vocab = parser._vocabulary
    words = REF.split() + "Proceedings of the 3rd Workshop, pp. 12-19. Springer, Berlin.".split()
    features.set_vocabulary(None)
    try:
        full = _strs(features.sequence_features(words))
    finally:
        features.set_vocabulary(vocab)
    tagged = features.sequence_features(words)
    assert all(isinstance(b, bytes) for g in tagged for b in g)
    assert _strs(tagged) == [{f for f in g if f in vocab} for g in full]


@pytest.mark.parametrize("word, has", [("Xu,", "sh=Xx,"), ("1999a.", "yearsfx"), ("(Eds.)", "ed"), ("https://x.org/a", "url")])
def test_single_word_features(training_mode, word, has):
    own = {b.decode() for b in features.word_features(word)[0]}
    assert has in own


def test_empty_sequence():
    assert features.sequence_features([]) == []


@pytest.mark.parametrize(
    "text, n",
    [
        ("Curran, J. 2007. Media and cultural theory. Routledge.\nFlew, T. 2019. Populism. Gazette 82(1): 7–25.\n", 2),
        ("\n  \n", 0),
    ],
)
def test_parse_ref_cli_writes_a_json_array_one_item_per_line(text, n):
    from citegraph.cli import main

    out = CliRunner().invoke(main, ["parse-ref", "-"], input=text).output
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == n
    if n:
        assert out.splitlines()[1].startswith('{"author"')
        assert len(out.splitlines()) == n + 2


CHAPTER = "Doe, J. (2001). A chapter. In E. Editor (Ed.), The book (pp. 1-10). Springer."


@pytest.mark.parametrize(
    "i, expected, absent",
    [
        (3, {"ppa"}, {"inb", "edb"}),  # "A": pages are announced later, no "In" yet
        (6, {"inb", "ppa"}, {"edb"}),  # "E.": after "In", before the editor mark
        (9, {"inb", "edb", "ppa"}, set()),  # "The": the book title, after "In E. Editor (Ed.),"
        (12, {"inb", "edb"}, {"ppa"}),  # "1-10).": after the last "pp."
    ],
)
def test_chapter_context_features(training_mode, i, expected, absent):
    feats = _strs(features.sequence_features(CHAPTER.split()))
    assert expected <= feats[i], sorted(feats[i])
    assert not (absent & feats[i])


@pytest.mark.parametrize("text", ["Within the title, in Paris.", "A study in depth. In"])
def test_in_marks_only_a_field_start(training_mode, text):
    """"in" inside a sentence, or "In" as the last word, marks no container ahead."""
    assert not any("inb" in g for g in _strs(features.sequence_features(text.split())))


BOOKCH = "Doe, J. (2001). “A chapter,” In E. Editor (Ed.), The book. London: Oxford University Press."


@pytest.mark.parametrize(
    "i, expected, absent",
    [
        (0, {"Se=,", "Sl=1", "N:jour"}, {"Sp=,"}),  # "Doe,": a one-word segment ended by a comma
        (3, {"Se=,", "Sp=."}, {"S:pub"}),  # "“A": the quoted title's segment ends at "chapter,”"
        (5, {"Sf=in", "Se=,", "Sp=,", "S:ed", "Sl=4"}, set()),  # "In": the editor segment opens with a cue
        (11, {"S:place", "N:pub", "N:place", "Se=:", "Sp=."}, {"S:pub"}),  # "London:": a place, a publisher next
        (13, {"S:pub", "S:org", "Sp=:", "Se=.", "Sl=3"}, {"N:pub"}),  # "University": the publisher's segment
    ],
)
def test_segment_features(training_mode, i, expected, absent):
    feats = _strs(features.sequence_features(BOOKCH.split()))
    assert expected <= feats[i], sorted(feats[i])
    assert not (absent & feats[i])


@pytest.mark.parametrize("text", ["J. R. R. Tolkien", "A. B."])
def test_initials_do_not_end_segments(training_mode, text):
    feats = _strs(features.sequence_features(text.split()))
    n = len(text.split())
    assert all(f"Sl={min(n, 5)}" in g for g in feats)
