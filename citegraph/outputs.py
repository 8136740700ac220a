"""The build's outputs that are made from a graph: the .bib text and the page.

``bib_text`` keeps each entry's text by a digest of its CSL item, so a
rebuild re-renders only the entries that changed; the page of a large graph
is made in a child process (:mod:`citegraph.forked`) while the caller
writes the other outputs, with the layouts of unchanged components reused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cache import Cache
from .digest import value_digest

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["bib_items", "bib_text", "start_page", "page_text", "FORK_PAGE_MIN"]


_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:./+")


def bib_text(items: "list[dict[str, Any]]", cache: Cache | None = None) -> str:
    """The .bib of CSL items (:func:`bib_items`); entries whose CSL item did not change since the last build come from the cache.

    A BibTeX database is its entries one after the other, so when every key
    is already a valid, unique BibTeX key the text is the entries' texts
    joined (checked by the tests); otherwise it is written in one go.
    """
    from .readwrite.bibtex_write import to_bibtex

    ids = [item.get("id") for item in items]
    if cache is None or cache.dir is None or len(set(ids)) != len(ids) or not all(isinstance(i, str) and i and set(i) <= _KEY_CHARS for i in ids):
        return to_bibtex(items)
    digests = [value_digest(item) for item in items]
    if None in digests:
        return to_bibtex(items)
    known = cache.get("bib-entries", "bibtex")
    known = known if isinstance(known, dict) else {}
    entries = {}
    for item, d in zip(items, digests):
        text = known.get(d)
        entries[d] = text if isinstance(text, str) else to_bibtex([item])
    if entries != known:
        cache.put("bib-entries", "bibtex", entries)
    return "\n".join(entries[d] for d in digests)


class _LayoutMemo:
    """The page layout's memo: the layouts kept by the last build, and those used by this one."""

    def __init__(self, known: Any) -> None:
        self.known = known if isinstance(known, dict) else {}
        self.used: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.known.get(key)

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value


#: From this many nodes on, a build computes the page in a child process (:mod:`citegraph.forked`).
FORK_PAGE_MIN = 3000


class _Page:
    """The page of a graph, computed in a child process when the graph is large; calling it gives the text."""

    def __init__(self, graph: Any, title: str, cache: Cache | None, fork: bool, size: int | None, fresh: bool = False) -> None:
        from . import forked

        self.cache = cache if cache is not None and cache.dir is not None else None
        known = self.cache.get("layout", "components") if self.cache is not None and not fresh else None
        self.known: dict[str, Any] = known if isinstance(known, dict) else {}

        def compute() -> tuple[str, Any]:
            from .readwrite.html import to_html

            memo = _LayoutMemo(self.known) if self.cache is not None else None
            made = graph() if callable(graph) else graph
            g, ready = made if isinstance(made, tuple) else (made, None)
            text = to_html(g, title=title, layout_memo=memo, prebuilt=ready)
            return text, (memo.used if memo is not None else None)

        n = size if size is not None else (0 if callable(graph) else (graph[0] if isinstance(graph, tuple) else graph).number_of_nodes())
        self.job = forked.start(compute, fork=fork and n >= FORK_PAGE_MIN)

    def __call__(self) -> str:
        text, used = self.job.result()
        if self.cache is not None and used != self.known:
            self.cache.put("layout", "components", used)
        return text

    def cancel(self) -> None:
        """Stop the child if the page is not needed after all."""
        self.job.cancel()


def start_page(graph: "Any", title: str, cache: Cache | None = None, fork: bool = True, size: int | None = None, fresh: bool = False) -> _Page:
    """Start computing the page (in a child process for a large graph); call the result for its text.

    ``graph`` may be a function that makes the graph, or the graph and its
    prebuilt edge items (:func:`citegraph.corpusbuild.page_parts`), then
    called in the child; ``size``: its number of nodes, which decides
    whether to fork. ``fresh``: lay the page out and cluster it afresh
    instead of keeping the last build's map (what is made is remembered).
    """
    return _Page(graph, title, cache, fork, size, fresh)


def page_text(graph: "Any", title: str, cache: Cache | None = None, fresh: bool = False) -> str:
    """The page of a graph (or of a graph and its prebuilt edge items); with a cache, the layouts of large components unchanged since the last build are re-used."""
    return start_page(graph, title, cache, fork=False, fresh=fresh)()


def bib_items(graph: "nx.DiGraph", doc: str | None = None) -> list[dict[str, Any]]:
    """CSL items of the works (and documents) in the graph, or only those cited by ``doc`` (a node id)."""
    from .queries import nodes_of

    if doc is not None:
        nodes = [v for _, v, d in graph.out_edges(doc, data=True) if d.get("relation") == "cites"]
    else:
        nodes = [n for n, d in nodes_of(graph, ("work", "document")) if d.get("csl") and d.get("doc_kind") not in ("excerpt", "bib")]
    items = []
    for n in sorted(nodes, key=lambda n: graph.nodes[n].get("key", n)):
        csl = dict(graph.nodes[n].get("csl") or {})
        if csl:
            csl["id"] = graph.nodes[n]["key"]
            items.append(csl)
    return items
