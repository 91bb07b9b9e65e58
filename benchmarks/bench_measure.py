"""One timed run of a command: wall seconds, CPU seconds and peak memory, with public tools only.

The command runs as a child of this process; ``os.wait4`` returns its resource usage, which
covers the child and every descendant it waited for (pandoc, EPUBCheck's JVM, WeasyPrint):

* ``cpu``: user + system seconds of that whole tree (the figure ``/usr/bin/time -f '%U+%S'``
  gives);
* ``rss_mb``: the largest resident set of any *single* process of the tree (``ru_maxrss``,
  what ``/usr/bin/time -f %M`` gives); a child counts the pages of the process that forked
  it until it execs, so measure from a small process (bench.py is one), not from a large one;
* ``tree_mb``: the largest *sum* of the resident sets of the tree's processes alive at the
  same moment, sampled from ``/proc`` every :data:`SAMPLE_S` seconds (Linux only, else 0):
  this is the one that counts when lectio runs EPUBCheck beside its own work. A peak shorter
  than the sampling period can be missed, so it is a lower bound.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SAMPLE_S = 0.2
PROC = Path("/proc")


@dataclass(frozen=True)
class Run:
    """What one run cost; ``code`` is its exit status."""

    wall: float
    cpu: float
    rss_mb: float
    tree_mb: float
    code: int

    def as_dict(self) -> dict:
        return asdict(self)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, log: Path | None = None) -> Run:
    """Run ``command`` in ``cwd`` (its output to ``log`` or nowhere) and measure it."""
    sink = open(log, "ab") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        sampler.stop()
    finally:
        if log:
            sink.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, sampler.peak_kb / 1024,
               child.returncode)


class TreeSampler(threading.Thread):
    """The largest sum of VmRSS over a process and its descendants, sampled."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_S):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))

    def stop(self) -> None:
        self.done.set()
        self.join()


def tree_rss_kb(root: int) -> int:
    """VmRSS (KB) of ``root`` and its descendants now; 0 where /proc cannot be read."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        entries = [e for e in os.listdir(PROC) if e.isdigit()]
    except OSError:
        return 0
    for entry in entries:
        fields = _status(PROC / entry / "status")
        if fields:
            parents[int(entry)], rss[int(entry)] = fields
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(rss.get(pid, 0) for pid in tree)


def _status(path: Path) -> tuple[int, int] | None:
    """(parent pid, VmRSS in KB) from a /proc/<pid>/status file; None if it is gone."""
    try:
        text = path.read_text()
    except OSError:
        return None
    parent = rss = 0
    for line in text.splitlines():
        if line.startswith("PPid:"):
            parent = int(line.split()[1])
        elif line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return parent, rss
