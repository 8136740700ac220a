"""The extraction and graph cache: hits, misses, and damaged entries that are rebuilt, never trusted."""

from __future__ import annotations

import sqlite3

import pytest

import citegraph.cache as cache_mod
import citegraph.pipeline as pipeline
from citegraph.api import extract_all, load_graph
from citegraph.cache import DB_NAME, Cache

DOC = """# Platforms abroad

Ann Author

## Introduction

Short video travels across borders (Curran, 2007). Platforms localise their content (Li, 2022).

## References

Curran, J. (2007). Media and cultural theory. Routledge.
Li, Z. (2022). Strategies behind Tik Tok's global rise. Journal of Communication, 3(1), 1-10.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(DOC, encoding="utf-8")
    (folder / "b.txt").write_text(DOC.replace("Ann Author", "Bo Writer").replace("Platforms abroad", "Platforms at home"), encoding="utf-8")
    return folder


@pytest.fixture
def calls(monkeypatch):
    """The paths the pipeline really extracted (cache misses)."""
    seen: list[str] = []
    real = pipeline.extract

    def counting(path, *args, **kwargs):
        seen.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", counting)
    return seen


def _files(folder):
    return sorted(str(p) for p in folder.iterdir())


def test_hit_returns_the_same_extraction_without_extracting(corpus, calls, tmp_path):
    cache = Cache(tmp_path / "cache")
    first = extract_all(_files(corpus), cache=cache, workers=1)
    assert len(calls) == 2
    second = extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1)
    assert len(calls) == 2
    assert second == first


def test_changed_content_is_extracted_again(corpus, calls, tmp_path):
    cache = Cache(tmp_path / "cache")
    extract_all(_files(corpus), cache=cache, workers=1)
    (corpus / "a.md").write_text(DOC.replace("(Li, 2022)", "(Li, 2022; Curran, 2007)"), encoding="utf-8")
    again = extract_all(_files(corpus), cache=cache, workers=1)
    assert calls[2:] == [str(corpus / "a.md")]
    assert len(again[0].citations) == 3


def test_code_fingerprint_change_is_a_miss(corpus, calls, tmp_path, monkeypatch):
    extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1)
    monkeypatch.setattr(cache_mod, "fingerprint", lambda: "another-version")
    extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1)
    assert len(calls) == 4


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x00" * 40])
def test_corrupt_entry_is_rebuilt(corpus, calls, tmp_path, damage):
    cache = Cache(tmp_path / "cache")
    good = extract_all(_files(corpus), cache=cache, workers=1)
    cache.close()
    db = sqlite3.connect(tmp_path / "cache" / DB_NAME)
    db.execute("UPDATE entries SET data = ? WHERE kind = 'extract'", (damage,))
    db.commit()
    db.close()
    again = extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1)
    assert again == good and len(calls) == 4
    assert extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1) == good and len(calls) == 4  # stored again


def test_tampered_entry_fails_its_checksum(corpus, calls, tmp_path):
    cache = Cache(tmp_path / "cache")
    good = extract_all(_files(corpus), cache=cache, workers=1)
    cache.close()
    db = sqlite3.connect(tmp_path / "cache" / DB_NAME)
    rows = db.execute("SELECT key, data FROM entries WHERE kind = 'extract'").fetchall()
    for key, data in rows:  # same length, one byte of the compressed payload flipped
        data = bytearray(data)
        data[-5] ^= 0xFF
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (bytes(data), key))
    db.commit()
    db.close()
    assert extract_all(_files(corpus), cache=Cache(tmp_path / "cache"), workers=1) == good
    assert len(calls) == 4


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_database_file_is_replaced(corpus, tmp_path, content):
    cache_dir = tmp_path / "cache"
    good = load_graph([str(corpus)], cache_dir=cache_dir)
    Cache(cache_dir).close()
    for suffix in ("-wal", "-shm"):
        (cache_dir / (DB_NAME + suffix)).unlink(missing_ok=True)
    (cache_dir / DB_NAME).write_bytes(content)
    again = load_graph([str(corpus)], cache_dir=cache_dir)
    assert sorted(again.edges) == sorted(good.edges)
    assert load_graph([str(corpus)], cache_dir=cache_dir).graph["resolved"] == good.graph["resolved"]


@pytest.mark.parametrize("damage", ["UPDATE edges SET data = substr(data, 2)", "UPDATE nodes SET label = 'x' WHERE kind = 'work'", "DELETE FROM edges WHERE seq = 0"])
def test_corrupt_graph_index_is_rebuilt(corpus, tmp_path, damage):
    cache_dir = tmp_path / "cache"
    good = load_graph([str(corpus)], cache_dir=cache_dir)
    [index] = cache_dir.glob("qindex-*.sqlite3")
    db = sqlite3.connect(index)
    db.execute(damage)
    db.commit()
    db.close()
    again = load_graph([str(corpus)], cache_dir=cache_dir)
    assert sorted(again.edges(data="relation")) == sorted(good.edges(data="relation"))
    assert dict(again.nodes(data="label")) == dict(good.nodes(data="label"))


@pytest.mark.parametrize("value", [{"a": [1, 2.5, None, True]}, ["x", ("y", b"z")], "text"])
def test_plain_values_round_trip(value):
    assert cache_mod._unpack(cache_mod._pack(value)) == value


def test_a_code_object_is_never_loaded():
    import hashlib
    import marshal
    import zlib

    raw = marshal.dumps(compile("print('hi')", "x", "exec"))
    blob = hashlib.blake2b(raw, digest_size=16).digest() + zlib.compress(raw)
    with pytest.raises(ValueError):
        cache_mod._unpack(blob)


def test_no_cache_dir_keeps_nothing(corpus, calls):
    extract_all(_files(corpus), cache=Cache(None), workers=1)
    extract_all(_files(corpus), cache=Cache(None), workers=1)
    assert len(calls) == 4
