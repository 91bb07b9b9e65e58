"""What a long command says while it runs: the stage it is in, the pages laid out, the time.

The stages call :func:`stage` (a context manager around a step) and :func:`pages` (pages laid out
so far); they never print. What is shown is the installed reporter's business: the default one is
silent, and the command line installs one (``lectio.cli``) that follows ``-q``/``-v``, ``NO_COLOR``
and whether the output is a terminal. Calls may come from several threads at once.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator, Protocol


class Reporter(Protocol):
    def started(self, name: str) -> None: ...

    def finished(self, name: str, seconds: float) -> None: ...

    def pages(self, count: int) -> None: ...


class Silent:
    """Shows nothing: the reporter of a library call and of the tests."""

    def started(self, name: str) -> None:
        pass

    def finished(self, name: str, seconds: float) -> None:
        pass

    def pages(self, count: int) -> None:
        pass


_lock = threading.Lock()
_reporter: Reporter = Silent()


def install(reporter: Reporter) -> Reporter:
    """Make ``reporter`` the one stages report to; returns the one it replaces."""
    global _reporter
    with _lock:
        previous, _reporter = _reporter, reporter
    return previous


def current() -> Reporter:
    return _reporter


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Report ``name`` as started, then as finished with its wall time (also when it fails)."""
    reporter = _reporter
    reporter.started(name)
    began = time.monotonic()
    try:
        yield
    finally:
        reporter.finished(name, time.monotonic() - began)


def pages(count: int) -> None:
    """``count`` pages laid out so far in the current layout."""
    _reporter.pages(count)
