"""What a long command says while it runs: the stage it is in, the pages laid out, the time.

The stages call :func:`stage` (a context manager around a step) and :func:`pages` (pages laid out
so far); they never print. What is shown is the installed reporter's business: the default one is
silent, and the command line installs one (``lectio.cli``) that follows ``-q``/``-v``, ``NO_COLOR``
and whether the output is a terminal. Calls may come from several threads at once.

While a reporter other than :class:`Silent` is installed, the pages WeasyPrint lays out reach it too:
a handler on WeasyPrint's ``weasyprint.progress`` logger turns its "Step 5 - Creating layout - Page N"
messages into :func:`pages` calls (WeasyPrint 70 logs one per page, also for a page it keeps from the
previous round of a repagination: "Page N (up-to-date)"). :func:`stage` also decorates a function.
"""

from __future__ import annotations

import logging
import re
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
    """Make ``reporter`` the one stages report to; returns the one it replaces. WeasyPrint's pages
    are listened to while it is not :class:`Silent`."""
    global _reporter
    with _lock:
        previous, _reporter = _reporter, reporter
        _listen(type(reporter) is not Silent)
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


WEASYPRINT_LOGGER = "weasyprint.progress"
_PAGE = re.compile(r"Creating layout - Page (\d+)")


class _LaidOut(logging.Handler):
    """WeasyPrint's "Creating layout - Page N" log messages as :func:`pages` calls."""

    previous_level = logging.NOTSET

    def emit(self, record: logging.LogRecord) -> None:
        found = _PAGE.search(record.getMessage())
        if found:
            pages(int(found.group(1)))


_handler = _LaidOut(logging.INFO)


def _listen(on: bool) -> None:
    """Attach the handler to WeasyPrint's progress logger (and let its info messages through), or
    detach it and put the logger's level back."""
    logger = logging.getLogger(WEASYPRINT_LOGGER)
    if on and _handler not in logger.handlers:
        _handler.previous_level = logger.level
        logger.addHandler(_handler)
        logger.setLevel(logging.INFO)
    elif not on and _handler in logger.handlers:
        logger.removeHandler(_handler)
        logger.setLevel(_handler.previous_level)
