"""The record of the last successful build, ``<output folder>/.cache/manifest.json``, and the check
that finds a build with nothing to do (docs/rebuilds.md).

A manifest holds the build's *state* (lectio's version and the hash of its own files, the installed
packages, ``SOURCE_DATE_EPOCH``), the *inputs*: every file of the project the build read
(:mod:`lectio.reads`) with its hash, the folders it listed, and the *outputs*: per target, its files'
hashes and whether they were verified. :func:`status` runs before anything heavy is imported: it
parses ``edition.toml`` only to find the output folder, and reads a file again only when its size
or time changed (:mod:`lectio.fingerprint`). A build that fails writes nothing; a manifest that
cannot be read is no manifest (a full build), never an error.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lectio import __version__, reads, targets as outputs
from lectio.fingerprint import Hasher, PACKAGE, digest, environment, installed, package_files, same

FORMAT = 1
FOLDER, NAME = ".cache", "manifest.json"
_recordings: list["Recording"] = []


@dataclass(frozen=True)
class Where:
    root: Path  # the project folder
    config: Path  # its edition.toml
    output: Path  # the output folder

    def manifest(self) -> Path:
        return self.output / FOLDER / NAME


def locate(project) -> Where | None:
    """Where a project's outputs go, from ``edition.toml``'s ``output.directory`` (None: unreadable)."""
    import tomllib

    path = Path(project)
    path = path / "edition.toml" if path.is_dir() else path
    try:
        directory = tomllib.loads(path.read_text(encoding="utf-8")).get("output", {}).get("directory", "build")
        root = path.parent.resolve()
        return Where(root, path.resolve(), (root / str(directory)).resolve())
    except (OSError, ValueError, AttributeError):
        return None


def load(where: Where) -> dict | None:
    """The manifest, or None when there is none or it cannot be read."""
    try:
        data = json.loads(where.manifest().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT and _valid(data) else None


def _valid(data: dict) -> bool:
    """Whether every part has the shape this module writes (so that nothing after fails on it)."""
    def entries(value) -> bool:
        return isinstance(value, dict) and all(
            e is None or (isinstance(e, list) and len(e) == 3 and isinstance(e[0], int) and isinstance(e[1], int)
                          and isinstance(e[2], str)) for e in value.values())

    outputs = data.get("outputs")
    return isinstance(data.get("state"), str) and isinstance(data.get("written_ns"), int) \
        and entries(data.get("inputs")) and entries(data.get("code")) and isinstance(outputs, dict) \
        and all(isinstance(t, dict) and entries(t.get("files")) for t in outputs.values()) \
        and isinstance(data.get("folders"), dict)


def save(where: Where, data: dict) -> None:
    from lectio.fsutil import atomic_write

    try:
        atomic_write(where.manifest(), json.dumps(data, indent=1, sort_keys=True))
    except OSError:
        pass  # no record: the next build is a full one


def forget(where: Where) -> None:
    where.manifest().unlink(missing_ok=True)


def state(hasher: Hasher) -> tuple[str, dict]:
    """The digest of what a build depends on besides the project, and the entries of lectio's files."""
    code = {path: hasher.entry(path) for path in package_files()}
    shas = [(os.path.relpath(p, PACKAGE), e and e[2]) for p, e in code.items()]
    return digest(__version__, shas, installed(), sorted(environment().items())), code


def _hasher(where: Where, data: dict | None) -> Hasher:
    if not data:
        return Hasher()
    known = {str(where.root / rel): entry for rel, entry in data["inputs"].items()}
    known.update(data.get("code", {}))
    for target in data["outputs"].values():
        known.update({str(where.output / name): entry for name, entry in target.get("files", {}).items()})
    return Hasher(known, data.get("written_ns", 0))


def _listing(folder: Path) -> str:
    try:
        return digest(sorted(os.listdir(folder)))
    except OSError:
        return ""


@dataclass(frozen=True)
class Status:
    fresh: bool = False  # nothing to do
    unverified: bool = False  # the outputs are as built, but not all were verified
    files: tuple[Path, ...] = ()

    def line(self) -> str:
        from lectio.fsutil import display_path

        shown = ", ".join(display_path(p) for p in self.files)
        return f"up to date: {shown} (lectio build --force rebuilds)"


def status(project, wanted, verify: bool) -> Status:
    """Whether the outputs of ``wanted`` targets are those of the inputs as they are now."""
    where = locate(project)
    data = load(where) if where else None
    if data is None:
        return Status()
    hasher = _hasher(where, data)
    try:
        unchanged = _inputs_unchanged(where, data, hasher) and state(hasher)[0] == data["state"]
        made = [data["outputs"].get(t) for t in wanted]
        files = [where.output / name for target in made if target for name in target["files"]]
        intact = all(made) and all(same(hasher.known.get(str(p)), hasher.entry(str(p))) for p in files)
    except (KeyError, TypeError, IndexError, AttributeError):
        return Status()
    if not (unchanged and intact):
        return Status()
    if hasher.read_again:
        _refresh(where, data, hasher)
    return Status(fresh=not verify or all(t.get("verified") for t in made),
                  unverified=verify and not all(t.get("verified") for t in made), files=tuple(files))


def _inputs_unchanged(where: Where, data: dict, hasher: Hasher) -> bool:
    return all(same(entry, hasher.entry(str(where.root / rel))) for rel, entry in data["inputs"].items()) \
        and all(_listing(where.root / rel) == listed for rel, listed in data.get("folders", {}).items())


def mark_verified(project, wanted) -> None:
    """The outputs of ``wanted`` passed their checks as they are (``lectio build`` after ``--no-verify``)."""
    where = locate(project)
    data = load(where) if where else None
    if data:
        for target in wanted:
            data["outputs"].get(target, {})["verified"] = True
        save(where, data)


def _refresh(where: Where, data: dict, hasher: Hasher) -> None:
    """Files read again with the same content (touched, or written just before the manifest) get
    their new size and time, so that the next check trusts them."""
    data["inputs"] = {rel: hasher.entry(str(where.root / rel)) for rel in data["inputs"]}
    data["code"] = state(hasher)[1]
    for target in data["outputs"].values():
        target["files"] = {name: hasher.entry(str(where.output / name)) for name in target["files"]}
    data["written_ns"] = time.time_ns()
    save(where, data)


class Recording:
    """One build being recorded: its state when it started, what it read, the inputs' key."""

    def __init__(self, where: Where, hasher: Hasher):
        self.where, self.hasher = where, hasher
        self.state, self.code = state(hasher)
        self.key: str | None = None
        self.reads: reads.Reads | None = None
        self.later: list = []  # what is written into the cache only if the build succeeds

    def inputs(self) -> dict:
        rel = {os.path.relpath(p, self.where.root): p for p in self.reads.files}
        rel.setdefault("edition.toml", str(self.where.config))
        return {name: self.hasher.entry(path) for name, path in sorted(rel.items())}

    def inputs_key(self) -> str:
        """The key of every input read so far and of the state (for the verification memo)."""
        if self.key is None:
            self.key = digest(self.state, [(n, e and e[2]) for n, e in self.inputs().items()])
        return self.key

    def manifest(self, wanted, verified: bool, written: list[Path]) -> dict | None:
        """The new manifest, merged with the last one when its inputs are unchanged; None when an
        input or lectio changed while the build ran."""
        if self.reads.changed() or state(Hasher(self.code, time.time_ns()))[0] != self.state:
            return None
        old = load(self.where)
        keep = old if old and old.get("state") == self.state and _inputs_unchanged(
            self.where, old, _hasher(self.where, old)) else {"inputs": {}, "outputs": {}, "folders": {}}
        made = {t: {"verified": verified, "files": {}} for t in wanted}
        for path in written:
            made.setdefault(outputs.target_of(path.name), {"verified": verified, "files": {}})["files"][path.name] = \
                self.hasher.entry(str(path))
        folders = {os.path.relpath(f, self.where.root): _listing(Path(f)) for f in sorted(self.reads.folders)}
        return {"format": FORMAT, "state": self.state, "code": self.code, "inputs_key": self.inputs_key(),
                "inputs": {**keep["inputs"], **self.inputs()}, "folders": {**keep.get("folders", {}), **folders},
                "outputs": {**{t: v for t, v in keep["outputs"].items() if t not in made}, **made},
                "written_ns": time.time_ns()}


def recorded(build):
    """Decorate ``build(project, targets, check_outputs, …)``: record what it read and wrote, and save
    the manifest when it succeeded (its result has no errors)."""
    @functools.wraps(build)
    def wrapper(project, targets=outputs.TARGETS, check_outputs: bool = True, *args, **kwargs):
        where = locate(project)
        if where is None:
            return build(project, targets, check_outputs, *args, **kwargs)
        recording = Recording(where, _hasher(where, load(where)))
        excluded = [where.output, PACKAGE, sys.prefix, sys.base_prefix, sys.exec_prefix]
        with reads.recording(where.root, excluded) as recording.reads:
            _recordings.append(recording)
            try:
                result = build(project, targets, check_outputs, *args, **kwargs)
            finally:
                _recordings.remove(recording)
        if not result.errors:
            for write in recording.later:
                write()
            data = recording.manifest(tuple(targets), check_outputs, list(result.outputs))
            save(where, data) if data else forget(where)
        return result
    return wrapper


def inputs_key(project) -> str | None:
    """The key of the inputs of the outputs being checked: those the running build read, else those of
    the manifest when none of them changed; None when not known (the checks that need it run)."""
    where = locate(project)
    running = next((r for r in reversed(_recordings) if where and r.where == where), None)
    if running is not None:
        return running.inputs_key()
    data = load(where) if where else None
    if data is None or not _inputs_unchanged(where, data, _hasher(where, data)):
        return None
    return data.get("inputs_key") if state(_hasher(where, data))[0] == data.get("state") else None


def after_success(write) -> None:
    """Call ``write`` when the running build succeeds (never, if it fails); at once outside a build."""
    if _recordings:
        _recordings[-1].later.append(write)
    else:
        write()
