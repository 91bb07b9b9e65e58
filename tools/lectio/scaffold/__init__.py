"""``lectio new``: a project that builds at once, from lectio's sample or from received files.

Every file is created with exclusive creation after checking that none exists, so
nothing is ever overwritten; the received files are copied unchanged. Templates are
package data (``lectio/data/new``).
"""

from __future__ import annotations

import datetime
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from string import Template

from lectio.errors import Location, LectioError
from lectio.render.styles import data_dir
from lectio.scaffold.detect import Proposal, pair_lists, propose

MANUSCRIPT = "manuscript"


class ScaffoldError(LectioError):
    code = "new.exists"


@dataclass(frozen=True)
class Scaffold:
    """What ``new`` wrote: the project folder, its files (relative), the readings proposed."""

    root: Path
    files: tuple[str, ...]
    proposals: tuple[Proposal, ...] = ()


def template(filename: str, **values: str) -> str:
    return Template((data_dir() / "new" / filename).read_text(encoding="utf-8")).substitute(values)


def new_project(root: Path, received: tuple[Path, ...] = ()) -> Scaffold:
    """Write a new project in ``root``: the sample reading, or one reading per received file."""
    proposals = _proposals(received)
    files = _sample_files() if not received else _received_files(proposals)
    files["edition.toml"] = _edition(root, proposals)
    files["README.md"] = template("README.md", title=_title(root), name=_name(root), extra=_extra(proposals))
    _write_all(root, files)
    return Scaffold(root, tuple(files), proposals)


def _proposals(received: tuple[Path, ...]) -> tuple[Proposal, ...]:
    taken: set[str] = set()
    result = []
    for path in received:
        if not path.is_file():
            raise LectioError(f"no such file: {path}", Location(str(path)), code="new.no-file")
    for path, notes_list in pair_lists(received):
        proposal = propose(path, taken, notes_list)
        taken.add(proposal.siglum)
        result.append(proposal)
    names = [p.name for r in result for p in (r.path, r.notes_list) if p]
    for name in {n for n in names if names.count(n) > 1}:
        raise LectioError(f"two received files are named {name}", code="new.same-name",
                          fix="rename one of them: both would be copied to manuscript/" + name)
    return tuple(result)


def _sample_files() -> dict[str, str | Path]:
    return {
        f"{MANUSCRIPT}/sample.txt": template("sample.txt"),
        f"{MANUSCRIPT}/sample.notes.toml": template("sample.notes.toml"),
        f"{MANUSCRIPT}/apparatus.toml": template("apparatus.toml", siglum="A"),
        "bib/edition.bib": template("edition.bib"),
    }


def _received_files(proposals: tuple[Proposal, ...]) -> dict[str, str | Path]:
    files: dict[str, str | Path] = {"bib/edition.bib": template("empty.bib")}
    for proposal in proposals:
        files[f"{MANUSCRIPT}/{proposal.path.name}"] = proposal.path
        if proposal.notes_list:
            files[f"{MANUSCRIPT}/{proposal.notes_list.name}"] = proposal.notes_list
        if proposal.missing:
            files[_stubs_name(proposal)] = stubs(proposal)
    return files


def _notes_name(proposal: Proposal) -> str:
    if proposal.notes_list:
        return f"{MANUSCRIPT}/{proposal.notes_list.name}"
    return _stubs_name(proposal)


def _stubs_name(proposal: Proposal) -> str:
    """The TOML notes file; for a reading whose notes are a list, the one beside the list."""
    if proposal.notes_list:
        return f"{MANUSCRIPT}/{proposal.notes_list.with_suffix('.toml').name}"
    return f"{MANUSCRIPT}/{proposal.siglum}.notes.toml"


def stubs(proposal: Proposal) -> str:
    """A notes file with one commented [[note]] per marker whose text the file does not give."""
    lines = [f"# The texts of the notes of {MANUSCRIPT}/{proposal.path.name} ({proposal.describe()}).",
             "# Uncomment each [[note]] and write its text (Markdown; [@key] cites bib/edition.bib).", ""]
    for marker in proposal.missing:
        value = marker.marker if marker.marker.isdigit() else f'"{marker.marker}"'
        lines += [f"# [[note]]                # line {marker.line}", f"# marker = {value}"]
        lines += [f"# occurrence = {marker.occurrence}"] if marker.occurrence > 1 else []
        lines += ['# text = ""', ""]
    return "\n".join(lines)


def _edition(root: Path, proposals: tuple[Proposal, ...]) -> str:
    """The commented edition.toml, written from the schema (every key, its help and its default)."""
    from lectio.config.reference import commented_toml

    if proposals:
        readings = [_reading(p.siglum, p.title, p.path.name, _notes_name(p) if p.missing or p.notes_list else "")
                    for p in proposals]
        apparatus = {}
    else:
        readings = [_reading("A", "On Keeping a Commonplace Book", "sample.txt", f"{MANUSCRIPT}/sample.notes.toml")]
        apparatus = {"file": f"{MANUSCRIPT}/apparatus.toml"}
    edition = {"name": _name(root), "title": _title(root), "editors": ["Your Name"],
               "identifier": f"urn:uuid:{uuid.uuid4()}", "date": datetime.date.today().isoformat()}
    return commented_toml({"edition": edition, "readings": readings, "apparatus": apparatus,
                           "bibliography": {"files": ["bib/edition.bib"]}})


def _reading(siglum: str, title: str, source: str, notes: str) -> dict[str, str]:
    reading = {"siglum": siglum, "title": title, "source": f"{MANUSCRIPT}/{source}"}
    return reading | ({"notes": notes} if notes else {})


def _name(root: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", root.resolve().name.lower()).strip("-") or "edition"


def _title(root: Path) -> str:
    return (" ".join(w.capitalize() for w in re.split(r"[\s_\-.]+", root.resolve().name) if w))


def _extra(proposals: tuple[Proposal, ...]) -> str:
    lines = [f"- `{p.siglum}`: {MANUSCRIPT}/{p.path.name}, \"{p.title}\" ({p.describe()})" for p in proposals]
    return "\n## The readings proposed from the received files\n\n" + "\n".join(lines) + "\n" if lines else ""


def _write_all(root: Path, files: dict[str, str | Path]) -> None:
    """Refuse when any file exists; then create each one exclusively."""
    for relative in files:
        if (root / relative).exists():
            raise ScaffoldError(f"{root / relative} exists; lectio new never overwrites a file",
                                Location(str(root / relative)), fix="choose a new folder, or move the file away")
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            with content.open("rb") as source, path.open("xb") as target:
                shutil.copyfileobj(source, target)
        else:
            with path.open("x", encoding="utf-8") as target:
                target.write(content)
