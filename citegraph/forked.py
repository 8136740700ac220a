"""Run one computation in a forked child process while this one goes on.

A warm build has two long, independent tails once the graph is built: the
page on one side, the JSON, query index and .bib on the other. On a machine
with several cores and ``os.fork`` the page is computed in a child that
shares the graph copy-on-write (nothing is pickled) and sends back plain
data through a pipe. Where forking is not possible (Windows, one core, a
failure of any kind in the child), the computation runs here instead, so
the result, and any exception, is the same as without a child.
"""

from __future__ import annotations

import marshal
import os
from typing import Any, Callable

__all__ = ["Job", "start"]


class Job:
    """A computation started by :func:`start`; :meth:`result` waits for it."""

    def __init__(self, fn: Callable[[], Any], pid: int = 0, fd: int = -1) -> None:
        self._fn = fn
        self._pid = pid
        self._fd = fd

    def result(self) -> Any:
        """The value of the computation (run here when the child could not give it)."""
        if self._pid:
            pid, fd = self._pid, self._fd
            self._pid, self._fd = 0, -1
            chunks = []
            with os.fdopen(fd, "rb") as pipe:
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
            _, status = os.waitpid(pid, 0)
            if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
                try:
                    return marshal.loads(b"".join(chunks))
                except (EOFError, ValueError, TypeError):
                    pass
        return self._fn()

    def cancel(self) -> None:
        """Stop the child when its result will not be asked for (nothing to do otherwise)."""
        if self._pid:
            import signal

            pid, fd = self._pid, self._fd
            self._pid, self._fd = 0, -1
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            os.close(fd)
            os.waitpid(pid, 0)


def _usable() -> bool:
    """Whether forking is possible and safe: a fork, several cores, and no other thread (which might hold a lock the child needs)."""
    import threading

    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def start(fn: Callable[[], Any], fork: bool = True) -> Job:
    """Start ``fn`` (no arguments, returns plain data that :mod:`marshal` can write) in a child process.

    The child must not use resources that cannot cross a fork (an open
    database connection, threads); it only computes and returns. With
    ``fork=False``, or where forking is unavailable, ``fn`` runs when the
    result is asked for.
    """
    if not fork or not _usable():
        return Job(fn)
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return Job(fn)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return Job(fn)
    if pid == 0:  # the child: compute, write, leave without running any of the parent's cleanup
        code = 1
        try:
            os.close(read_fd)
            data = marshal.dumps(fn(), 4)
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
            code = 0
        except BaseException:  # noqa: BLE001 - the parent recomputes and sees the exception itself
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return Job(fn, pid, read_fd)
