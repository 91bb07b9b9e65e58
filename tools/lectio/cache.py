"""A content-addressed store under ``build/.cache``: what a build made, kept by the hash of what it
was made from (inputs, options, lectio's version), so that the same inputs are not worked on twice.

``key(*parts)`` hashes its parts (bytes or text) in order; ``Store(folder)`` keeps blobs by key. A
blob is written atomically and read back only whole; a missing or unreadable one is a miss, never
an error: the cache is only ever a shortcut, and deleting ``build/.cache`` is always safe.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lectio import __version__

FOLDER = ".cache"


def key(*parts: bytes | str) -> str:
    """The SHA-256 of ``parts`` (each length-prefixed, so that parts cannot run into each other)
    and of lectio's version."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Store:
    """Blobs by key in ``<output folder>/.cache/<kind>/``."""

    def __init__(self, output_dir: Path, kind: str):
        self.folder = Path(output_dir) / FOLDER / kind

    def path(self, name: str) -> Path:
        return self.folder / name[:2] / name

    def get(self, name: str) -> bytes | None:
        try:
            return self.path(name).read_bytes()
        except OSError:
            return None

    def put(self, name: str, data: bytes) -> None:
        from lectio.fsutil import atomic_write

        path = self.path(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data)
        except OSError:
            pass  # a cache that cannot be written is no cache, not a failed build
