"""What a reader must find of an example edition's sources, read here without lectio's readers.

The tests compare the built PDF and EPUB with the files the editor gave, not with lectio's
document model (which a reader bug could have already emptied):

- plain text: the file's lines, cut before a ``Notes`` heading, without the note markers
  ``(N)`` and ``[N]``; its notes from that Notes section, from a notes list (``N. text``,
  continuation lines indented) or from a TOML notes file;
- Markdown and Word: pandoc's own syntax tree (JSON), the notes set apart from the text.

A note's expected words are its prose without its citations (``[see @key, 12]``, ``@key``),
which the bibliography style formats. Words are folded as the fidelity check folds them.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lectio.verify.words import words

MARKER = re.compile(r"\((\d{1,3})\)|\[(\d{1,3})\]")
CITATION = re.compile(r"\\?\[[^\[\]]*@[^\[\]]*\\?\]|@[\w:.#$%&+?<>~/-]+(?:\s*\[[^\]]*\])?")
NOTE_LINE = re.compile(r"^(?:(\d{1,3})[.)]?|\((\d{1,3})\)|\[(\d{1,3})\])\s+(.*)$")


@dataclass(frozen=True)
class Reading:
    siglum: str
    title: str
    source: Path
    notes_file: Path | None

    def words(self) -> tuple[str, ...]:
        """The words of the text; a first line that repeats the reading's title is its chapter
        heading, printed once (so it is not looked for twice)."""
        found, title = folded(self.body()), folded(self.title)
        return found[len(title):] if found[:len(title)] == title else found

    def body(self) -> str:
        if self.source.suffix in (".md", ".docx"):
            return _pandoc(self.source)[0]
        text = self.source.read_text(encoding="utf-8")
        return MARKER.sub(" ", _before_notes_section(text))

    def notes(self) -> list[str]:
        """Each note's text as written, citations included, in marker order."""
        if self.notes_file and self.notes_file.suffix == ".toml":
            data = tomllib.loads(self.notes_file.read_text(encoding="utf-8"))
            return [note["text"] for note in sorted(data.get("note", []), key=lambda n: n["marker"])]
        if self.notes_file:
            return _numbered(self.notes_file.read_text(encoding="utf-8").splitlines())
        if self.source.suffix in (".md", ".docx"):
            return _pandoc(self.source)[1]
        text = self.source.read_text(encoding="utf-8")
        return _numbered(text[len(_before_notes_section(text)):].splitlines()[1:])


def readings(root: Path) -> list[Reading]:
    config = tomllib.loads((root / "edition.toml").read_text(encoding="utf-8"))
    return [Reading(r["siglum"], r["title"], root / r["source"], root / r["notes"] if r.get("notes") else None)
            for r in config["readings"]]


def folded(text: str) -> tuple[str, ...]:
    return words(text).words


def prose(note: str) -> str:
    """A note's text without its citations."""
    return CITATION.sub(" ", note)


def cited_keys(text: str) -> set[str]:
    return set(re.findall(r"@([\w:.#$%&+?<>~/-]*\w)", text))


def _before_notes_section(text: str) -> str:
    match = re.search(r"^(Notes|Endnotes)\s*$", text, flags=re.MULTILINE)
    return text[:match.start()] if match else text


def _numbered(lines: list[str]) -> list[str]:
    notes: list[str] = []
    for line in lines:
        match = NOTE_LINE.match(line)
        if match:
            notes.append(match.group(4))
        elif line.strip() and notes:
            notes[-1] += " " + line.strip()
    return notes


def _pandoc(path: Path) -> tuple[str, list[str]]:
    import pypandoc

    tree = json.loads(pypandoc.convert_file(str(path), "json", format=path.suffix.lstrip(".")
                                            .replace("md", "markdown")))
    notes: list[str] = []
    body = _plain(tree["blocks"], notes)
    return body, notes


def _plain(node, notes: list[str]) -> str:
    """The text of a pandoc JSON node; a note's text goes to ``notes``, not into the text."""
    if isinstance(node, list):
        return "".join(_plain(child, notes) for child in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Note":
        notes.append(" ".join(_plain(content, []).split()))
        return " "
    if kind == "Cite":
        return _plain(content[1], notes)
    if kind in ("Para", "Plain", "Header", "BlockQuote", "BulletList", "OrderedList", "Div"):
        return " " + _plain(content, notes) + " "
    return _plain(content, notes)
