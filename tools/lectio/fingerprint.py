"""Hashes of files, read again only when their ``(size, mtime_ns)`` changed; and what else a build
depends on besides the project's files (lectio's own files, the installed packages, the environment).

A file's entry is ``[size, mtime_ns, sha256]`` (None: the file is absent). :class:`Hasher` is given
the entries of the last manifest: a file whose size and time are the same is not read again, unless
its time is within :data:`RACY_NS` of when that manifest was written (a file saved in the same
instant as it was hashed could have changed without its time moving; as in git, such an entry is
"racily clean" and read again). Whether something changed is always decided by the hash.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

RACY_NS = 2_000_000_000
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # the variables that change an output
PACKAGE = Path(__file__).resolve().parent  # lectio's own files: code, stylesheets, fonts, schemas


def file_hash(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Hasher:
    """Entries of files, reusing ``known`` (path → entry, from the last manifest) where the stat agrees."""

    def __init__(self, known: dict | None = None, written_ns: int = 0):
        self.known = known or {}
        self.written_ns = written_ns
        self.read_again = 0  # files hashed again (their stat changed, or it could not be trusted)
        self.seen: dict[str, list | None] = {}

    def entry(self, path: str) -> list | None:
        if path not in self.seen:
            self.seen[path] = self._entry(path)
        return self.seen[path]

    def _entry(self, path: str) -> list | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        if not os.path.isfile(path):
            return None
        old = self.known.get(path)
        trusted = stat.st_mtime_ns < self.written_ns - RACY_NS
        if trusted and old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
            return old
        self.read_again += 1
        try:
            return [stat.st_size, stat.st_mtime_ns, file_hash(path)]
        except OSError:
            return None


def same(old: list | None, new: list | None) -> bool:
    """Whether two entries name the same content (or both an absent file)."""
    return (old is None) == (new is None) and (old is None or old[2] == new[2])


def package_files() -> list[str]:
    """lectio's own files (not its bytecode), sorted."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        found += [os.path.join(folder, n) for n in sorted(names) if not n.endswith((".pyc", ".pyo"))]
    return found


def installed() -> list[str]:
    """The installed distributions with their versions (``weasyprint-70.0.dist-info`` …), the
    Python version and the pandoc found on PATH, if any: a change to one can change an output."""
    names = [sys.version]
    for folder in sys.path:
        if folder.endswith(("site-packages", "dist-packages")) and os.path.isdir(folder):
            names += sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(folder, "pandoc")
        if os.path.isfile(candidate):
            stat = os.stat(candidate)
            names.append(f"{candidate} {stat.st_size} {stat.st_mtime_ns}")
            break
    return names


def environment() -> dict[str, str]:
    return {name: os.environ.get(name, "") for name in ENVIRONMENT}


def digest(*parts) -> str:
    """The SHA-256 of ``parts`` (text, each length-prefixed)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = str(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()
