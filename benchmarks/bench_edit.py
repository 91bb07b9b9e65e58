"""The one-edit rebuild's edit: one word of one reading's source changed, and put back.

The word is taken from the middle paragraph of the edition's first reading, and must be
one whose sentence the apparatus does not quote (an apparatus passage that no longer
matches would make the build fail, not rebuild): a word of four letters or more whose
surrounding 40 characters occur in no string of the apparatus file. It is replaced by the same
word reversed (``argument`` → ``tnemugra``), which keeps the note markers, the headings
and the paragraph's shape.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"\b[a-z]{4,}\b")
CONTEXT = 20


@dataclass(frozen=True)
class Edit:
    """One word at ``offset`` of ``path`` changed from ``old`` to ``new``."""

    path: Path
    offset: int
    old: str
    new: str

    def apply(self) -> None:
        self._swap(self.old, self.new)

    def undo(self) -> None:
        self._swap(self.new, self.old)

    def _swap(self, before: str, after: str) -> None:
        text = self.path.read_text(encoding="utf-8")
        if text[self.offset:self.offset + len(before)] != before:
            raise ValueError(f"{self.path}: {before!r} is not at offset {self.offset}")
        self.path.write_text(text[:self.offset] + after + text[self.offset + len(before):], encoding="utf-8")


def choose(project: Path) -> Edit:
    """The edit for ``project`` (always the same one for the same files)."""
    config = tomllib.loads((project / "edition.toml").read_text(encoding="utf-8"))
    source = project / config["readings"][0]["source"]
    apparatus_file = config.get("apparatus", {}).get("file")
    quoted = "\n".join(strings(tomllib.loads((project / apparatus_file).read_text(encoding="utf-8")))) \
        if apparatus_file else ""
    text = source.read_text(encoding="utf-8")
    middle = text.find("\n\n", len(text) // 2)
    for match in WORD.finditer(text, max(middle, 0)):
        around = text[max(match.start() - CONTEXT, 0):match.end() + CONTEXT]
        if around not in quoted and match.group(0) != match.group(0)[::-1]:
            return Edit(source, match.start(), match.group(0), match.group(0)[::-1])
    raise ValueError(f"{source}: no word to change outside the apparatus's passages")


def strings(value) -> list[str]:
    """Every string in a parsed TOML value, at any depth."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in strings(item)]
