"""The child-process runner used for the page: same result, same errors, no stray children."""

from __future__ import annotations

import os

import pytest

from citegraph import forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.mark.parametrize("fork", [True, False])
@pytest.mark.parametrize("value", [("text", {"a": [1.5, 2.0]}), "x" * 3_000_000, None])
def test_result_is_the_value_of_the_function(fork: bool, value: object) -> None:
    assert forked.start(lambda: value, fork=fork).result() == value


def test_the_child_really_computes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_usable", lambda: True)
    parent = os.getpid()
    assert forked.start(os.getpid).result() != parent


def test_a_failing_child_is_recomputed_here_with_its_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_usable", lambda: True)

    def boom() -> str:
        raise RuntimeError("the page could not be made")

    with pytest.raises(RuntimeError, match="could not be made"):
        forked.start(boom).result()


def test_a_value_marshal_cannot_write_is_computed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_usable", lambda: True)
    marker = object()
    assert forked.start(lambda: marker).result() is marker


def test_cancel_leaves_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(forked, "_usable", lambda: True)
    job = forked.start(lambda: time.sleep(30))
    pid = job._pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped
    job.cancel()  # twice is harmless


def test_no_fork_while_other_threads_run():
    import threading

    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not forked._usable()
        assert forked.start(os.getpid).result() == os.getpid()  # computed here
    finally:
        stop.set()
        worker.join()
