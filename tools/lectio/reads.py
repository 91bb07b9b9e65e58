"""Which files of the project a build read: recorded as it runs, not guessed from the configuration.

A build reads the files ``edition.toml`` names (sources, notes, the bibliography, the apparatus,
stylesheets, a cover image, an ICC profile…) and whatever those name in turn (a font or an image a
stylesheet loads through WeasyPrint's fetcher). Rather than list every way a file can be reached,
:func:`recording` watches the process with an audit hook (:func:`sys.addaudithook`): every ``open``
(Python's ``open``, ``Path.read_bytes``, ``io.open_code``), every folder listed (``os.listdir``,
``os.scandir``, so ``glob``) and every file named on a subprocess's command line (pandoc) that lies
inside the project folder, except the excluded folders (the output folder, lectio's own package,
the Python installation). The file's ``(size, mtime_ns)`` is taken when it is first opened, so that a
file edited while the build ran can be told apart (:meth:`Reads.changed`).

What a child process opens is not seen (a layout done in another process reads what its parent
passes it); a file a child reads on its own must be named with :func:`note` by its parent.
An audit hook cannot be removed: it is installed once and does nothing while no recording runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

EVENTS = frozenset({"open", "os.listdir", "os.scandir", "subprocess.Popen"})
_active: list["Reads"] = []
_lock = threading.RLock()
_installed = False


class Reads:
    """The files (path → ``(size, mtime_ns)`` when first opened, None if absent) and folders read."""

    def __init__(self, root: str, excluded: list[str]):
        self.root = os.path.join(os.path.abspath(root), "")
        self.excluded = [os.path.join(os.path.abspath(p), "") for p in excluded]
        self.files: dict[str, tuple[int, int] | None] = {}
        self.folders: set[str] = set()

    def inside(self, path: str) -> bool:
        return path.startswith(self.root) and not any(path.startswith(e) or path + os.sep == e
                                                      for e in self.excluded) \
            and "__pycache__" not in path and f"{os.sep}.git{os.sep}" not in path

    def file(self, path: str) -> None:
        if path in self.files or not self.inside(path):
            return
        try:
            stat = os.stat(path)
            self.files[path] = (stat.st_size, stat.st_mtime_ns) if os.path.isfile(path) else None
        except OSError:
            self.files[path] = None
        if self.files[path] is None and os.path.isdir(path):
            del self.files[path]

    def folder(self, path: str) -> None:
        if self.inside(path):
            self.folders.add(path.rstrip(os.sep))

    def changed(self) -> list[str]:
        """The files whose size or time changed since they were first opened."""
        return [path for path, seen in self.files.items() if seen != _stat(path)]


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns) if os.path.isfile(path) else None


def _path(value) -> str | None:
    if isinstance(value, (str, bytes, os.PathLike)):
        try:
            return os.path.abspath(os.fsdecode(value))
        except (TypeError, ValueError):
            return None
    return None


def _hook(event: str, args: tuple) -> None:
    if event not in EVENTS or not _active:
        return
    with _lock:
        for reads in _active:
            _record(reads, event, args)


def _record(reads: Reads, event: str, args: tuple) -> None:
    if event == "subprocess.Popen":
        for arg in args[1] if isinstance(args[1], (list, tuple)) else ():
            path = _path(arg)
            if path and os.path.isfile(path):
                reads.file(path)
        return
    if event == "open" and _relative_os_open(args):
        return  # its folder may be a dir_fd that the event does not carry (shutil.rmtree of the staging folder)
    path = _path(args[0] if args else None)
    if path is None:
        return
    if event == "open":
        reads.file(path)
    else:
        reads.folder(path)


def _relative_os_open(args: tuple) -> bool:
    """An ``os.open`` (no mode) of a relative name."""
    name = args[0] if args else None
    return len(args) > 1 and args[1] is None and isinstance(name, (str, bytes)) and not os.path.isabs(name)


def note(path) -> None:
    """Record ``path`` as read by the running build (a file a child process reads)."""
    _hook("open", (path,))


@contextlib.contextmanager
def recording(root, excluded):
    """Record what is read inside ``root`` (but not in ``excluded``) until the block ends."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    reads = Reads(root, [str(p) for p in excluded])
    with _lock:
        _active.append(reads)
    try:
        yield reads
    finally:
        with _lock:
            _active.remove(reads)


def active() -> Reads | None:
    """The innermost recording running, if any."""
    return _active[-1] if _active else None
