"""Work that runs beside the build's main thread, and the subprocesses it starts.

``lectio build`` lays the book out in its main thread (WeasyPrint) while other steps run in
threads: pandoc's part of the EPUB, the TEI export, then EPUBCheck while the PDF is written and
checked (docs/performance.md, "Concurrency in the build"). Threads are enough: the work beside
the layout is mostly a subprocess (pandoc, Java), and a thread waiting on one releases the GIL.

:class:`Tasks` is the group of those threads. Its results are taken where the build needs them
(``Future.result()``), always in the same order, so that what the build writes and says never
depends on which thread finished first. When the block around it fails (an error, Ctrl-C,
SIGTERM), every subprocess a task started through :func:`run` is killed and every thread is
waited for before the error goes on: no orphan process, no file written after the build ended.
"""

from __future__ import annotations

import contextvars
import shutil
import subprocess
import threading
from concurrent.futures import Future, ThreadPoolExecutor

_group: contextvars.ContextVar["Tasks | None"] = contextvars.ContextVar("lectio_tasks", default=None)


class Cancelled(Exception):
    """A task's subprocess was stopped because the build failed elsewhere."""


class Tasks:
    """Threads started with :meth:`start`; the ``with`` block waits for them all on exit."""

    def __init__(self, workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lectio-task")
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen] = set()
        self._stopped = False

    def __enter__(self) -> "Tasks":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is not None:
            self.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            left, self._processes = list(self._processes), set()
        for process in left:  # a long-lived process (:func:`popen`) never outlives its group
            process.kill()
            process.wait()

    def start(self, function, *args, **kwargs) -> Future:
        """``function(*args, **kwargs)`` in a thread; the subprocesses it runs belong to this group."""
        context = contextvars.copy_context()
        context.run(_group.set, self)
        return self._pool.submit(context.run, function, *args, **kwargs)

    def stop(self) -> None:
        """Kill the running subprocesses; the threads waiting on them then end (with :class:`Cancelled`)."""
        with self._lock:
            self._stopped = True
            for process in self._processes:
                process.kill()

    def _add(self, process: subprocess.Popen) -> None:
        with self._lock:
            if self._stopped:
                process.kill()
            self._processes.add(process)

    def _remove(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.discard(process)


def stopped() -> bool:
    """Whether the task group of the calling thread was stopped (the build failed elsewhere)."""
    group = _group.get()
    return group is not None and group._stopped


def popen(command: list[str], cwd=None, idle: bool = False) -> subprocess.Popen:
    """A long-lived process talked to through its stdin and stdout (stderr is dropped); started by a
    task, it is killed when the task's group ends, if it has not ended by then. ``idle``: it runs at
    the lowest CPU priority (``nice -n 19``, where there is a ``nice``; every thread it starts too), so
    it takes only what the build's other processes leave idle."""
    nice = shutil.which("nice") if idle else None
    process = subprocess.Popen([nice, "-n", "19", *command] if nice else command, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
    group = _group.get()
    if group is not None:
        group._add(process)
    return process


def run(command: list[str], input_data: bytes | None = None, timeout: float | None = None,
        cwd=None) -> subprocess.CompletedProcess:
    """``subprocess.run(command, capture_output=True)``, which the task group it runs in can stop.

    On the timeout the process is killed and ``subprocess.TimeoutExpired`` raised, as
    ``subprocess.run`` does; stopped by its group, it raises :class:`Cancelled`.
    """
    group = _group.get()
    with subprocess.Popen(command, stdin=subprocess.PIPE if input_data is not None else subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd) as process:
        if group is not None:
            group._add(process)
        try:
            out, err = process.communicate(input_data, timeout=timeout)
        except BaseException:  # the timeout, Ctrl-C, SIGTERM: the process never outlives the call
            process.kill()
            process.wait()
            raise
        finally:
            if group is not None:
                group._remove(process)
        if group is not None and group._stopped:
            raise Cancelled(command[0])
    return subprocess.CompletedProcess(command, process.returncode, out, err)


class Inline(Tasks):
    """A group that runs each task at once, in the calling thread: the build done one step after the
    other, which the concurrent build must equal byte for byte (tests/build/test_concurrent.py)."""

    def start(self, function, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(function(*args, **kwargs))
        except Exception as error:  # noqa: BLE001 - kept for result(), as a thread's would be
            future.set_exception(error)
        return future
