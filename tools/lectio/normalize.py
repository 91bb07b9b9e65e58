"""``lectio normalize``: what normalization does to each reading's source, and the canonical Markdown
written over it with ``--write`` (a ``.orig`` backup kept)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from lectio import config as config_stage, sources
from lectio.errors import SourceError, Location
from lectio.fsutil import atomic_write, display_path


@dataclass
class Summary:
    line: str
    diff: str


def normalize_readings(project, sigla=(), write: bool = False):
    config = config_stage.load(project)
    known = {r.siglum: r for r in config.readings}
    for siglum in sigla:
        if siglum not in known:
            raise SourceError(f"no reading with siglum {siglum!r}", Location(display_path(config.path)),
                              fix=f"sigla: {', '.join(known)}")
    for siglum, item in known.items():
        if sigla and siglum not in sigla:
            continue
        path = config.resolve(item.source)
        text, _ = sources.read_text(siglum, path)
        counts = ", ".join(f"{rule} {n}" for rule, n in sorted(text.changes.items()))
        line = f"{siglum} {display_path(path)}: {counts}"
        if write:
            line += "; " + _write_canonical(path, text)
        yield text, Summary(line, sources.unified_diff(text))


def _write_canonical(path: Path, text) -> str:
    if path.suffix.lower() in sources.OFFICE:
        raise SourceError(f"{display_path(path)} is a Word or HTML file: lectio writes only text sources",
                          Location(display_path(path)), fix="leave out --write; to edit it as Markdown, convert it "
                          "with pandoc -t markdown and point the reading's source at the new file")
    backup = path.with_name(path.name + ".orig")
    if backup.exists():
        raise SourceError(f"backup {display_path(backup)} already exists; not overwriting it",
                          Location(display_path(path)), fix="move the old backup away first")
    shutil.copy2(path, backup)
    atomic_write(path, sources.canonical_markdown(text))
    return f"written (backup: {display_path(backup)})"
