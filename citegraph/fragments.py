"""One document's share of the corpus graph, computed from its extraction alone.

A rebuild after one file changed should not touch the other 999. So what the
graph needs of a document is split in two plain-data values, each a function
of that document's extraction only (plus, for the second, which works its
references were merged into):

- :func:`doc_facts`: what the corpus merge and the corpus-wide nodes need
  (the document's header, its references' CSL digests and linking tokens,
  its authors, platforms, speakers, which references it cites, counts and
  problems). Small; cached by extraction key.
- :func:`doc_items`: the document's own nodes and edges (its claims, its
  ``cites``, ``makes``, ``supports``, ``mentions`` and ``said-by`` edges),
  given the reference -> work map and the platforms the graph has. Cached by
  the extraction key and a digest of exactly those inputs
  (:func:`items_key`), so a document is rendered again only when it or the
  works it cites changed.

Shared nodes (works, documents, people, platforms) and the edges between
them are made once for the corpus in :mod:`citegraph.assembly`.
"""

from __future__ import annotations

import marshal
import zlib
from collections import defaultdict
from typing import Any, Iterable, Mapping

from .digest import value_digest
from .identity import fold
from .model import Extraction
from .names import display_name

__all__ = ["doc_facts", "doc_items", "items_key", "used_refs", "tokens_of", "skipped_facts", "duplicate_ids", "duplicate_message", "shingles", "SHINGLE", "SAMPLE", "FACTS_VERSION"]

SHINGLE = 6  # words per shingle
SAMPLE = 4  # keep one shingle in SAMPLE (by hash): containment is estimated on the sample
FACTS_VERSION = 3
ITEMS_VERSION = 4  # the shape of the cached items (index rows, folded edges)


def shingles(text: str) -> list[int]:
    """Stable hashes of the text's word shingles, sampled (1 in :data:`SAMPLE`), sorted."""
    words = fold(text).split()
    out: set[int] = set()
    for i in range(max(len(words) - SHINGLE + 1, 0)):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        if h % SAMPLE == 0:
            out.add(h)
    return sorted(out)


def _first_line(x: Extraction, surfaces: Iterable[str]) -> int:
    """The original line of the first occurrence of any of ``surfaces`` in the document's text (1 if none)."""
    found = [i for i in (x.text.find(s) for s in surfaces if s) if i >= 0]
    return x.line_at(min(found)) if found else 1


def doc_facts(x: Extraction) -> dict[str, Any]:
    """What the merge and the corpus-wide nodes need of one extraction, as plain data.

    Keys: ``id``, ``kind`` (paper, news, bib; "" without a document),
    ``path``, ``csl`` and ``digest`` (the header's CSL item and its digest),
    ``refs`` (``[ref id, CSL digest, line]`` each), ``tokens`` (the
    header's and then each reference's linking tokens, see
    :func:`citegraph.grouping.item_tokens`, packed: read them with
    :func:`tokens_of`), ``authors`` (display names),
    ``header_line``, ``platforms`` (``[name, mentions, aliases, first line]``),
    ``speakers`` (``[name, role]`` in claim order), ``cited`` (reference ids
    with a resolved citation), ``used`` (:func:`used_refs`), ``claims``
    (how many), ``claim_platforms`` (entity names claims
    mention), ``status`` (citation status counts), ``problems``
    (``[file, code, message, line, suggestion]``), ``unread``, ``shingles``.
    """
    from .grouping import item_tokens

    doc = x.document
    csl = dict(doc.csl) if doc else {}
    kind = doc.kind if doc else ""
    refs = [[r.id, value_digest((False, dict(r.csl))) or "", r.source.line] for r in x.references]
    tokens = [item_tokens(csl, True)] if kind in ("paper", "news") else [[]]
    tokens += [item_tokens(r.csl, False) for r in x.references]
    header = x.meta.get("header_lines") or ()
    status: dict[str, int] = defaultdict(int)
    cited: dict[str, None] = {}
    for c in x.citations:
        status[c.status] += 1
        if c.status == "resolved":
            cited.update(dict.fromkeys(c.references))
    speakers: dict[str, str] = {}
    claim_platforms: dict[str, None] = {}
    for claim in x.claims:
        if claim.speaker and claim.speaker not in speakers:
            speakers[claim.speaker] = claim.speaker_role or ""
        claim_platforms.update(dict.fromkeys(claim.entities))
    return {
        "v": FACTS_VERSION,
        "id": doc.id if doc else "",
        "kind": kind,
        "path": x.path,
        "csl": csl,
        "digest": value_digest((True, csl)) or "" if doc else "",
        "refs": refs,
        "tokens": marshal.dumps(tokens),  # read only when the merge groups anew: kept packed (see :func:`tokens_of`)
        "authors": [display_name(n) for n in csl.get("author", [])] if doc else [],
        "header_line": int(header[0]) + 1 if header else 1,
        "platforms": [[e.name, e.mentions, list(e.aliases), _first_line(x, e.aliases or (e.name,))] for e in x.entities if e.kind == "platform"],
        "speakers": [[n, r] for n, r in speakers.items()],
        "cited": list(cited),
        "used": used_refs(x),
        "claims": len(x.claims),
        "claim_platforms": list(claim_platforms),
        "status": dict(status),
        "problems": [[p.file, p.code, p.message, p.line, p.suggestion] for p in x.problems],
        "unread": not x.raw_lines,
        "shingles": shingles(x.text) if doc and kind != "bib" and x.text else [],
    }


def skipped_facts(path: str, code: str, message: str) -> dict[str, Any]:
    """The facts of a file left out of the corpus (no document), with the problem that says why."""
    return {
        "v": FACTS_VERSION, "id": "", "kind": "", "path": path, "csl": {}, "digest": "", "refs": [], "tokens": marshal.dumps([[]]), "authors": [],
        "header_line": 1, "platforms": [], "speakers": [], "cited": [], "used": [], "claims": 0, "claim_platforms": [], "status": {},
        "problems": [[path, code, message, 0, ""]], "unread": False, "shingles": [],
    }


def duplicate_ids(paths_and_ids: Iterable[tuple[str, str]]) -> dict[int, str]:
    """Position -> the file it clashes with, for every file whose document id an earlier file already has (two files of one name)."""
    first: dict[str, str] = {}
    out: dict[int, str] = {}
    for i, (path, doc_id) in enumerate(paths_and_ids):
        if doc_id:
            if doc_id in first:
                out[i] = first[doc_id]
            else:
                first[doc_id] = path
    return out


def duplicate_message(first: str) -> str:
    """What a file skipped for :func:`duplicate_ids` is told."""
    return f"has the same document name as {first}: left out of the corpus (rename one of the two files)"


def tokens_of(facts: Mapping[str, Any]) -> list[list[str]]:
    """The linking tokens of a document's facts: the header's, then each reference's."""
    value = marshal.loads(facts["tokens"])
    if not isinstance(value, list) or len(value) != len(facts["refs"]) + 1:
        raise ValueError("tokens do not fit the references")
    return value


def used_refs(x: Extraction) -> list[str]:
    """The reference ids the document's items depend on (resolved citations and claims), first use first."""
    seen: dict[str, None] = {}
    for c in x.citations:
        if c.status == "resolved":
            seen.update(dict.fromkeys(c.references))
    for claim in x.claims:
        seen.update(dict.fromkeys(claim.cites))
    return list(seen)


def items_key(extraction_key: str, x_or_facts: Any, ref_work: Mapping[str, str], platforms: Iterable[str]) -> str | None:
    """The cache key of a document's items: its extraction key, where its cited references went, which of its claims' platforms exist."""
    refs = used_refs(x_or_facts) if isinstance(x_or_facts, Extraction) else x_or_facts
    return value_digest(["items", ITEMS_VERSION, extraction_key, [ref_work.get(r, "") for r in refs], sorted(set(platforms))])


def doc_items(x: Extraction, ref_work: Mapping[str, str], platforms: Iterable[str] = ()) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]]:
    """The document's own nodes and edges: ``([(node, attrs)], [(source, target, attrs)])``.

    ``ref_work``: reference id -> work node; ``platforms``: the platform
    names that have a node in the graph (a claim mentions only those). An
    edge listed twice is listed once (its first place, its last attributes),
    as a graph would keep it.
    """
    doc = x.document
    assert doc is not None
    doc_node = f"doc:{doc.id}"
    present = set(platforms)
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    cites: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in x.citations:
        if c.status != "resolved":
            continue
        for ref_id in c.references:
            work = ref_work.get(ref_id)
            if work:
                cites[work].append({"marker": c.marker, "sentence": c.sentence, "line": c.source.line, "offset": c.source.start})
    for work, items in cites.items():
        edges[(doc_node, work)] = {"relation": "cites", "doc": doc.id, "line": items[0]["line"], "offset": items[0]["offset"], "count": len(items), "citations": items}
    for e in x.entities:
        if e.kind == "platform":
            edges[(doc_node, f"platform:{e.name}")] = {"relation": "mentions", "doc": doc.id, "line": _first_line(x, e.aliases or (e.name,)), "count": e.mentions}
    for claim in x.claims:
        node = f"claim:{claim.id}"
        label = claim.text if len(claim.text) <= 40 else claim.text[:38].rstrip() + "…"
        line = claim.source.line
        nodes.append((node, {"kind": "claim", "label": label, "text": claim.text, "speaker": claim.speaker or "", "speaker_role": claim.speaker_role or "",
                             "section": claim.section or "", "doc": doc_node, "line": line}))
        edges[(doc_node, node)] = {"relation": "makes", "doc": doc.id, "line": line, "offset": claim.source.start}
        for ref_id in claim.cites:
            work = ref_work.get(ref_id)
            if work:
                edges[(node, work)] = {"relation": "supports", "doc": doc.id, "line": line}
        for name in claim.entities:
            if name in present:
                edges[(node, f"platform:{name}")] = {"relation": "mentions", "doc": doc.id, "line": line}
        if claim.speaker:
            edges[(node, f"person:{claim.speaker}")] = {"relation": "said-by", "doc": doc.id, "line": line}
    return nodes, [(u, v, d) for (u, v), d in edges.items()]
