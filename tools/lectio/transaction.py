"""The build as a transaction: outputs are made in a staging folder, then replaced together.

``lectio build`` holds a lock on the output folder (``.lectio-build.lock``, an
``fcntl.flock`` taken without waiting: a second build on the same project stops at
once with a clear message). Every output is written and verified in a staging folder
inside the output folder (``.lectio-build-XXXX/``, on the same file system, so that
moving a file is a rename). Only when all of them are made and verified are they moved
into place: each previous file is first renamed to ``<name>.previous``; when every new
file is in place the ``.previous`` files are deleted. If a rename fails halfway, the new
files already moved are removed and every ``.previous`` file is renamed back, so the
previous set is back as it was. SIGINT and SIGTERM raise :class:`Interrupted` inside
the build, so the same clean-up runs; the staging folder is always removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from lectio.errors import LectioError, Location
from lectio.fsutil import display_path, fsync_dir

LOCK_NAME = ".lectio-build.lock"
STAGING_PREFIX = ".lectio-build-"
PREVIOUS = ".previous"


class BuildError(LectioError):
    code = "build.failed"


class Interrupted(BuildError):
    code = "build.interrupted"


@contextlib.contextmanager
def transaction(output_dir: Path):
    """Lock ``output_dir``, yield a fresh staging folder inside it, always remove it."""
    with os_errors(output_dir):
        output_dir.mkdir(parents=True, exist_ok=True)
        with _locked(output_dir), _signals_raise():
            _remove_stale(output_dir)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir))
            try:
                yield staging
            finally:
                shutil.rmtree(staging, ignore_errors=True)


def commit(staged: list[Path], output_dir: Path) -> list[Path]:
    """Move every staged file into ``output_dir``, all or none (see the module docstring)."""
    moved, kept = [], []
    try:
        for path in staged:
            final = output_dir / path.name
            if final.exists():
                os.replace(final, final.with_name(final.name + PREVIOUS))
                kept.append(final)
            os.replace(path, final)
            moved.append(final)
    except BaseException:
        for final in moved:
            final.unlink(missing_ok=True)
        for final in kept:
            os.replace(final.with_name(final.name + PREVIOUS), final)
        raise
    for final in kept:
        final.with_name(final.name + PREVIOUS).unlink(missing_ok=True)
    fsync_dir(output_dir)
    return moved


@contextlib.contextmanager
def os_errors(output_dir: Path):
    """A failing file system becomes one clear message (exit 1), not a traceback."""
    try:
        yield
    except OSError as exc:
        raise _os_error(exc, output_dir) from None


def _os_error(exc: OSError, output_dir: Path) -> BuildError:
    shown = display_path(output_dir)
    where = Location(display_path(exc.filename) if exc.filename else shown)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return BuildError(f"{shown}/ is not writable ({exc.strerror}); the previous outputs are kept", where,
                          fix=f"make {shown}/ writable, or set output.directory to a writable folder",
                          code="build.not-writable")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return BuildError("disk full while writing the outputs; the previous outputs are kept", where,
                          fix="free some space on the disk and build again", code="build.disk-full")
    return BuildError(f"cannot write the outputs: {exc.strerror or exc}; the previous outputs are kept", where,
                      code="build.io-error")


@contextlib.contextmanager
def _locked(output_dir: Path):
    import fcntl

    with open(output_dir / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError("another lectio build is running on this project", Location(display_path(output_dir)),
                             fix="wait for it to finish, then build again", code="build.locked") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_stale(output_dir: Path) -> None:
    """Staging folders and ``.previous`` files left by a build that was killed (SIGKILL, power cut)."""
    for path in output_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(path, ignore_errors=True)
    for previous in output_dir.glob("*" + PREVIOUS):  # killed during a commit: the previous set goes back
        os.replace(previous, previous.with_name(previous.name[:-len(PREVIOUS)]))


@contextlib.contextmanager
def _signals_raise():
    """SIGINT and SIGTERM raise :class:`Interrupted` while the build runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(number, frame):
        raise Interrupted(f"build interrupted ({signal.Signals(number).name}); the previous outputs are kept")

    saved = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, previous in saved.items():
            signal.signal(number, previous)
