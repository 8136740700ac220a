"""Folding a claim's edge into its document's edge: one rule, for the views and for the build.

:func:`citegraph.views.fold_claims` folds the claims of a whole graph,
:func:`citegraph.assembly.folded_edges` those of one document; both join
each claim edge into the document's edge with :func:`join_edge`.
"""

from __future__ import annotations

from typing import Any, Mapping

__all__ = ["join_edge"]


def join_edge(existing: dict[str, Any] | None, relation: str, source: Mapping[str, Any], citation: dict[str, Any] | None) -> dict[str, Any] | None:
    """The document's ``relation`` edge with one claim's edge folded in.

    ``existing``: the document's edge to the same node, if any; it is
    updated in place and returned, unless it is of another relation and
    ``relation`` is not ``cites`` (then None: it is left alone). Without
    one, a new edge's attributes are returned (``doc`` and ``line`` from
    ``source``). ``citation`` (a claim's sentence) is added unless its
    sentence is there; the edge's ``count`` counts what was folded in.
    """
    d = existing
    if d is not None:
        if str(d.get("relation") or "other") != relation and relation != "cites":
            return None
        if relation == "cites":
            d["relation"] = "cites"
    else:
        d = {"relation": relation, **{k: source[k] for k in ("doc", "line") if k in source}, "count": 0}
    if citation is None:
        d["count"] = int(d.get("count") or 0) + 1
        return d
    cites = list(d.get("citations") or [])
    if not any(isinstance(x, dict) and x.get("sentence") == citation["sentence"] for x in cites):
        cites.append(citation)
        d["count"] = int(d.get("count") or 0) + 1
    d["citations"] = cites
    return d
