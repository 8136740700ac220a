"""join_edge: one claim edge folded into its document's edge."""

from __future__ import annotations

import pytest

from citegraph.folding import join_edge

SOURCE = {"doc": "d1", "line": 7, "relation": "supports"}
SENTENCE = {"marker": "", "sentence": "Platforms travel (Li, 2001).", "line": 7}


@pytest.mark.parametrize(
    "existing, relation, citation, expected",
    [
        (None, "cites", SENTENCE, {"relation": "cites", "doc": "d1", "line": 7, "count": 1, "citations": [SENTENCE]}),  # a new edge
        ({"relation": "cites", "count": 1, "citations": [SENTENCE]}, "cites", SENTENCE, {"relation": "cites", "count": 1, "citations": [SENTENCE]}),  # a sentence once
        ({"relation": "cites", "count": 2, "citations": [{"sentence": "Other."}]}, "cites", SENTENCE,
         {"relation": "cites", "count": 3, "citations": [{"sentence": "Other."}, SENTENCE]}),
        ({"relation": "mentions", "count": 1}, "cites", SENTENCE, {"relation": "cites", "count": 2, "citations": [SENTENCE]}),  # cites wins
        ({"relation": "authored-by"}, "quotes", {"sentence": "He said so."}, None),  # another relation: left alone
        ({"relation": "mentions", "count": 4}, "mentions", None, {"relation": "mentions", "count": 5}),  # counted, no sentence
        (None, "mentions", None, {"relation": "mentions", "doc": "d1", "line": 7, "count": 1}),
    ],
)
def test_a_claim_edge_joins_its_documents_edge(existing, relation, citation, expected):
    before = None if existing is None else dict(existing)
    joined = join_edge(existing, relation, SOURCE, citation)
    assert joined == expected
    if existing is not None and expected is not None:
        assert joined is existing  # updated in place, as the graph holds it
    if expected is None:
        assert existing == before  # left alone
