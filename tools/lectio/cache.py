"""A content-addressed store under ``build/.cache``: what a build made, kept by the hash of what it
was made from (inputs, options, lectio's version), so that the same inputs are not worked on twice.

``key(*parts)`` hashes its parts (bytes or text) in order; ``Store(folder)`` keeps blobs by key. A
blob is written atomically and read back only whole; a missing or unreadable one is a miss, never
an error: the cache is only ever a shortcut, and deleting ``build/.cache`` is always safe.

``forcing(True)`` (``lectio build --force``) makes every ``Store.get`` and every :func:`verified`
miss for as long as the block runs, in every thread: what is made is still stored, so the next
build finds it. :func:`verified` memoizes a check of output files by their hashes (docs/rebuilds.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from lectio import __version__

FOLDER = ".cache"
_forced = [False]


@contextlib.contextmanager
def forcing(on: bool = True):
    """While the block runs, nothing is taken from the cache (``--force``)."""
    saved, _forced[0] = _forced[0], bool(on) or _forced[0]
    try:
        yield
    finally:
        _forced[0] = saved


def forced() -> bool:
    return _forced[0]


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
        if forced():
            return None
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


def inputs_key(project) -> str | None:
    """The key of the inputs the outputs of ``project`` were made from (:func:`lectio.manifest.inputs_key`)."""
    from lectio import manifest

    return manifest.inputs_key(project)


def verified(output_dir: Path, kind: str, paths, inputs: str | None, run):
    """``run()`` (a check: its findings and its report) on the files ``paths``, or, when the same check
    already passed on the same bytes (and ``inputs``, the key of the inputs it compares them with; ""
    for a check of the bytes alone), its findings and report again. A check with an error is not kept;
    ``inputs`` None (not known) runs it. The messages kept name the files as the working directory
    sees them, so the key holds the output folder as shown from there too."""
    from lectio import manifest
    from lectio.fingerprint import file_hash
    from lectio.fsutil import display_path

    paths = [Path(p) for p in paths]
    if inputs is None or not paths:
        return run()
    try:
        name = key(kind, inputs, display_path(output_dir), *[file_hash(p) for p in paths])
    except OSError:
        return run()
    store = Store(output_dir, "verified")
    kept = _replayed(store.get(name))
    if kept is not None:
        return kept
    findings, report = run()
    kept = None if any(f.severity == "error" for f in findings) else _kept(findings, report, paths[0].parent,
                                                                           Path(output_dir))
    if kept is not None:
        manifest.after_success(lambda: store.put(name, kept))  # a failed build writes nothing
    return findings, report


def _kept(findings, report, folder: Path, output_dir: Path) -> bytes | None:
    """The check's result as JSON, naming the output folder where it names a staging folder; None when
    the report is not plain JSON (it would not be replayed as it was)."""
    from lectio.fsutil import as_final

    try:
        text = json.dumps({"findings": [f.to_dict() for f in findings], "report": report}, ensure_ascii=False)
        if json.loads(text)["report"] != report:
            return None
    except (TypeError, ValueError):
        return None
    if folder.resolve() != output_dir.resolve():
        rename = as_final(folder)
        text = json.dumps(json.loads(text, object_hook=lambda d: {k: _shown(v, rename) for k, v in d.items()}),
                          ensure_ascii=False)
    return text.encode("utf-8")


def _shown(value, rename):
    return rename(value) if isinstance(value, str) else [_shown(v, rename) for v in value] \
        if isinstance(value, list) else value


def _replayed(data: bytes | None):
    from lectio.errors import Finding, Location

    if data is None:
        return None
    try:
        kept = json.loads(data)
        findings = [Finding(d["code"], d["message"], Location(d["file"], d["line"], d["column"]), d["severity"],
                            d["fix"], d["decision"]) for d in kept["findings"]]
        return findings, kept["report"]
    except (ValueError, KeyError, TypeError):
        return None
