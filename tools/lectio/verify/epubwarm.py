"""EPUBCheck in a JVM started before the EPUB exists, so that its start is off the build's critical path.

Most of an EPUBCheck run is the JVM compiling EPUBCheck's code and Saxon compiling its rules
(docs/performance.md, "EPUBCheck's JVM"); a second check in the same JVM costs a fraction of
the first. ``lectio build`` therefore starts EPUBCheck (``data/java/EpubCheckLoop.java``: one
check per line of its stdin) while the PDF is laid out, on the EPUB as pandoc made it, and asks
it for the finished EPUB once the layout is known: the first check warms the JVM on the core
the layout leaves idle, the second is the verdict. A book laid out on every core
(``render.parallel``) leaves no core idle: there the JVM runs at the lowest CPU priority
(``idle``, ``tasks.popen(idle=True)``; at the layout's priority it took a third of both cores, the
500-page benchmark book's first round 46 s → 38 s), and when its warm-up is not done by the time the
EPUB is, an ordinary run gives the verdict instead. Only the second report is read. When that
JVM cannot run (a Java runtime without the source launcher's compiler) or dies, the check is
run the ordinary way (``epubcheck.run_epubcheck``): the verdict never depends on the warm JVM.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from pathlib import Path

from lectio import tasks
from lectio.verify.epubcheck import epubcheck_jar, java, jvm_options, run_epubcheck

LOOP = Path(__file__).resolve().parent.parent / "data" / "java" / "EpubCheckLoop.java"
DONE = b"lectio-epubcheck-done "


class Prewarmed:
    """A running EPUBCheck loop in ``folder`` (a private folder of the caller, removed by it)."""

    def __init__(self, process: subprocess.Popen, folder: Path, idle: bool = False):
        self.process, self.folder, self.idle = process, folder, idle
        self.line = b""  # what was read of the JVM's next line so far
        self.first_done = False

    @classmethod
    def start(cls, first: bytes, folder: Path, idle: bool = False) -> "Prewarmed":
        """Start the JVM and its first check, on the EPUB ``first`` (its report is not read); ``idle``: at the
        lowest CPU priority, for a layout that leaves no core idle."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "first.epub").write_bytes(first)
        process = tasks.popen([java(), *jvm_options(first), "-cp", str(epubcheck_jar()), str(LOOP)], cwd=folder,
                               idle=idle)
        checker = cls(process, folder, idle)
        checker._ask(folder / "first.epub", folder / "first.json")
        return checker

    def check(self, epub: Path, timeout: float = 300) -> dict:
        """EPUBCheck's JSON report for ``epub``: from the warm JVM, else (dead, or started ``idle`` and still
        warming up) from an ordinary run at the build's priority: a warm-up that got no idle core would
        make the verdict wait for two checks instead of one."""
        report, epub = self.folder / "report.json", Path(epub).resolve()  # the JVM runs in a folder of its own
        deadline = time.monotonic() + timeout
        try:
            if self.idle and not self.warmed():
                raise EOFError("EPUBCheck's warm-up is not done")
            self._ask(epub, report)
            self.first_done = self.first_done or self._answer(deadline)
            self._answer(deadline)
            return json.loads(report.read_text(encoding="utf-8"))
        except (OSError, EOFError, ValueError):
            if tasks.stopped():  # killed with the build: no second JVM
                raise tasks.Cancelled("EPUBCheck") from None
            return run_epubcheck(epub, timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()

    def _ask(self, epub: Path, report: Path) -> None:
        self.process.stdin.write(f"{epub}\t--json\t{report}\n".encode("utf-8"))
        self.process.stdin.flush()

    def warmed(self, wait: float = 0) -> bool:
        """Whether the first check (the warm-up) is done, waiting up to ``wait`` seconds for it."""
        self.first_done = self.first_done or self._answer(time.monotonic() + wait, kill=False)
        return self.first_done

    def _answer(self, deadline: float, kill: bool = True) -> bool:
        """Wait for the end of one check (its "done" line); EOFError when the JVM has ended. At the
        ``deadline``: the JVM killed and ``TimeoutExpired``, or without ``kill`` False."""
        while True:
            left = deadline - time.monotonic()
            if not select.select([self.process.stdout], [], [], max(left, 0))[0]:
                if not kill:
                    return False
                self.process.kill()
                raise subprocess.TimeoutExpired("EPUBCheck", 0)
            byte = os.read(self.process.stdout.fileno(), 1)
            if not byte:
                raise EOFError("EPUBCheck ended")
            self.line += byte
            if byte == b"\n":
                line, self.line = self.line, b""
                if line.startswith(DONE):
                    return True
