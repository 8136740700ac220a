"""Atomic writes: the new text lands whole; on failure the old file is intact and no temp file is left."""

from __future__ import annotations

import os

import pytest

from citegraph.readwrite import atomic
from citegraph.readwrite.atomic import write_text_atomic


@pytest.mark.parametrize(
    "old, new",
    [
        (None, "hello\n"),
        ("old text\n", "new text\n"),
        ("x" * 10000, "short"),
        ("", "ünïcödé 中文 \u2028\n"),
        ("a\r\nb\r\n", "c\r\nd\r\n"),  # newlines kept as given
    ],
)
def test_writes_new_text_and_leaves_no_temp_file(tmp_path, old, new):
    target = tmp_path / "out.txt"
    if old is not None:
        target.write_text(old, encoding="utf-8", newline="")
    write_text_atomic(target, new)
    assert target.read_bytes() == new.encode("utf-8")
    assert os.listdir(tmp_path) == ["out.txt"]


def test_accepts_str_path(tmp_path):
    write_text_atomic(str(tmp_path / "a.bib"), "@misc{x,}\n")
    assert (tmp_path / "a.bib").read_text() == "@misc{x,}\n"


def test_keeps_permissions_of_existing_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("failing", ["write", "replace", "fsync"])
def test_failure_keeps_old_file_and_removes_temp(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.txt"
    target.write_text("old content")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    if failing == "replace":
        monkeypatch.setattr(atomic.os, "replace", boom)
        text = "new"
    elif failing == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", boom)
        text = "new"
    else:
        text = "\udcff unencodable surrogate"  # UnicodeEncodeError while writing
    with pytest.raises((OSError, UnicodeError)):
        write_text_atomic(target, text)
    assert target.read_text() == "old content"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_missing_directory_raises_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_text_atomic(tmp_path / "nope" / "out.txt", "x")
    assert os.listdir(tmp_path) == []
