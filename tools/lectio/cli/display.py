"""What ``lectio`` shows while a command runs, and how much it says (docs/cli.md).

Three levels (``-q``, none, ``-v``). The reporter installed in :mod:`lectio.progress` for a
command is one of:

- none (``progress.Silent``): ``-q``, or no terminal without ``-v``: plain lines only;
- :class:`Lines`: ``-v`` without a live display: each stage on its own line as it finishes,
  indented under the stage it belongs to, with its time (and the most pages one of its layouts
  reached: the book's, not those of a small render after it);
- :class:`Live`: stdout and stderr both terminals (and ``TERM`` not ``dumb``): one line on stderr,
  redrawn a few times a second, with the stages running, the pages laid out so far and the time
  since the command started, erased when the last stage ends; with ``-v`` also the lines of
  :class:`Lines`, printed above it. No colour when ``NO_COLOR`` is set (to anything but "") or
  ``TERM=dumb``.

Stages and pages may be reported from several threads: each thread has its own stack of stages,
and the live line shows them side by side. Every line a command prints goes through :func:`echo`,
so that it lands above the live line instead of through it.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import click

from lectio import progress

QUIET, NORMAL, VERBOSE = -1, 0, 1
_FINDING = re.compile(r"^[^\n]*?: (error|warning|info): .*? \[[\w.-]+\]$", re.S | re.M)


def severity_of(text: str) -> str | None:
    """The severity of a finding printed as text (``errors.Finding.__str__``: ``where: severity:
    message [code]``, the message possibly on several lines), None for any other line."""
    found = _FINDING.match(text)
    return found.group(1) if found else None


class Lines:
    """Stages as lines as they finish (``-v``); the reporter of a command without a live display."""

    def __init__(self, verbosity: int):
        self.verbosity = verbosity
        self.began = time.monotonic()
        self._lock = threading.Lock()  # the stacks and the pages
        self._stacks: dict[int, list[str]] = {}
        self._pages: dict[int, int] = {}  # the page being laid out, per thread
        self._most: dict[int, int] = {}  # the most pages one layout of the running stage reached

    def started(self, name: str) -> None:
        with self._lock:
            self._stacks.setdefault(threading.get_ident(), []).append(name)

    def finished(self, name: str, seconds: float) -> None:
        with self._lock:
            stack = self._stacks.get(threading.get_ident(), [])
            depth = len(stack) - 1
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name)]
            self._pages.pop(threading.get_ident(), None)
            laid_out = self._most.pop(threading.get_ident(), 0)
        if self.verbosity >= VERBOSE:
            pages = f" ({laid_out} page{'s' if laid_out != 1 else ''})" if laid_out else ""
            self.echo(f"{'  ' * max(depth, 0)}{name} {seconds:.2f} s{pages}", err=True)

    def pages(self, count: int) -> None:
        with self._lock:
            ident = threading.get_ident()
            self._pages[ident] = count
            self._most[ident] = max(count, self._most.get(ident, 0))

    def running(self) -> str:
        """The stages running in each thread, innermost last, with the pages laid out there."""
        with self._lock:
            shown = []
            for ident, stack in self._stacks.items():
                laid_out = self._pages.get(ident)
                if stack or laid_out:
                    shown.append(" › ".join(stack) + (f" (page {laid_out})" if laid_out else ""))
            return "  ·  ".join(shown)

    def idle(self) -> bool:
        with self._lock:
            return not any(self._stacks.values())

    def echo(self, text: str, err: bool = False) -> None:
        click.echo(text, err=err)

    def stop(self) -> None:
        pass


class Live(Lines):
    """A live line on a terminal (rich), shown while a stage runs; lines printed above it."""

    def __init__(self, verbosity: int, color: bool):
        super().__init__(verbosity)
        self.color = color
        self._life = threading.RLock()  # starting, stopping and printing; never taken by __rich__
        self._live = None

    def started(self, name: str) -> None:
        with self._life:
            super().started(name)
            if self._live is None:  # rich is imported here: a command with no stage never loads it
                from rich.console import Console
                from rich.live import Live as RichLive

                console = Console(stderr=True, no_color=not self.color, highlight=False, emoji=False)
                self._live = RichLive(self, console=console, transient=True, refresh_per_second=4)
                self._live.start()

    def finished(self, name: str, seconds: float) -> None:
        with self._life:
            super().finished(name, seconds)
            if self.idle():
                self.stop()

    def stop(self) -> None:
        with self._life:
            if self._live is not None:
                self._live.stop()
                self._live = None

    def echo(self, text: str, err: bool = False) -> None:
        with self._life:
            if self._live is None:
                click.echo(text, err=err)
            else:
                self._live.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def __rich__(self):
        from rich.text import Text

        line = Text()
        line.append(self.running() or "…", style="bold cyan" if self.color else "")
        line.append(f"  {time.monotonic() - self.began:.0f} s", style="dim" if self.color else "")
        return line


_shown: Lines | None = None


def echo(text: str, err: bool = False) -> None:
    """Print a line of the command's output (above the live line while one is shown)."""
    if _shown is not None:
        _shown.echo(text, err=err)
    else:
        click.echo(text, err=err)


def is_terminal() -> bool:
    """Both stdout and stderr are terminals that can redraw a line (``TERM`` is not ``dumb``)."""
    ttys = all(getattr(s, "isatty", lambda: False)() for s in (sys.stdout, sys.stderr))
    return ttys and os.environ.get("TERM", "") != "dumb"


def colour() -> bool:
    """``NO_COLOR`` (https://no-color.org: set and not empty) and ``TERM=dumb`` switch colour off."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM", "") != "dumb"


def reporter_for(verbosity: int) -> Lines | None:
    if verbosity <= QUIET:
        return None
    if is_terminal():
        return Live(verbosity, colour())
    return Lines(verbosity) if verbosity >= VERBOSE else None


@contextmanager
def reporting(verbosity: int) -> Iterator[None]:
    """Install the reporter for ``verbosity`` (and this terminal) around a command."""
    global _shown
    reporter = reporter_for(verbosity)
    previous_shown = _shown
    previous = progress.install(reporter) if reporter is not None else None
    _shown = reporter
    try:
        yield
    finally:
        if reporter is not None:
            reporter.stop()
            progress.install(previous)
        _shown = previous_shown
