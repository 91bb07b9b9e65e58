"""The files an edition reads, and the folders ``lectio preview`` watches for them.

Every string of the validated ``edition.toml`` that names a file of the project
(sources, notes, variants and witnesses, the introduction, the apparatus file, the
bibliographies, a ``.csl`` style, the stylesheets, the names list, …) is an input,
with ``edition.toml`` itself: a key added to the schema later is watched without a
change here. Nothing in the output folder is ever an input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel


@dataclass(frozen=True)
class Inputs:
    """What to watch: the files, and the folders that hold them (watched one level deep,
    so that an editor's save by rename is seen)."""

    files: frozenset[Path]
    output_dir: Path | None = None
    whole_folders: bool = False  # edition.toml unreadable: any file beside the last known inputs

    @property
    def folders(self) -> tuple[Path, ...]:
        return tuple(sorted({path.parent for path in self.files if path.parent.is_dir()}))

    def wants(self, path: Path | str) -> bool:
        """Whether a change to ``path`` concerns the edition."""
        path = Path(path).resolve()
        if self.output_dir is not None and path.is_relative_to(self.output_dir):
            return False
        if self.whole_folders:
            return path.parent in self.folders and not path.name.startswith(".")
        return path in self.files


def digests(files) -> frozenset[tuple[Path, str]]:
    """Each file's SHA-256 ("" when it cannot be read): a save that changes no byte rebuilds nothing,
    and a change that no event reported (one made before the watch began) is still seen."""
    found = set()
    for path in files:
        try:
            found.add((path, hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError:
            found.add((path, ""))
    return frozenset(found)


def of_config(config) -> Inputs:
    """The files ``config`` names that lie in the project (and out of its output folder); one not made
    yet is watched too, so that creating it rebuilds."""
    root = config.root.resolve()
    output = config.output_dir
    files = {config.path.resolve()}
    for value in _strings(config):
        path = config.resolve(value)
        if path.is_relative_to(root) and not path.is_relative_to(output) and path.parent.is_dir():
            files.add(path)
    return Inputs(frozenset(files), output)


def of_project_file(config_path: Path, previous: Inputs | None = None) -> Inputs:
    """What to watch when ``edition.toml`` cannot be read: it, and what was watched before."""
    files = set(previous.files) if previous else set()
    files.add(config_path.resolve())
    return Inputs(frozenset(files), previous.output_dir if previous else None, whole_folders=True)


def _strings(model: BaseModel):
    for name in type(model).model_fields:
        yield from _values(getattr(model, name))


def _values(value):
    if isinstance(value, BaseModel):
        yield from _strings(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _values(item)
    elif isinstance(value, str) and value and "\n" not in value and len(value) < 4096:
        yield value
