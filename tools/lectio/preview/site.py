"""One build of the preview: the EPUB's members in memory, and what ``check`` found.

The pages are the EPUB's own: ``pipeline.check`` then ``render.epub.render_epub`` (the
writer of ``lectio build``, with pandoc in a temporary folder of the system), unzipped
into a dict. No PDF is laid out, so the EPUB has no page-list; nothing is written into
the project. When the edition has errors, the site keeps the pages of the last good
build (``stale``) with the new findings.
"""

from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from lectio.errors import ERROR, Finding, LectioError, Location
from lectio.preview import inputs as inputs_stage
from lectio.preview.inputs import Inputs

EMPTY: Mapping[str, bytes] = MappingProxyType({})


@dataclass(frozen=True)
class Site:
    """What the server serves; a new value per rebuild (the server swaps it whole)."""

    version: int
    title: str
    inputs: Inputs
    findings: tuple[Finding, ...] = ()
    members: Mapping[str, bytes] = field(default_factory=lambda: EMPTY)  # EPUB/text/ch001.xhtml → bytes
    spine: tuple[str, ...] = ()  # the member names of the pages, in reading order
    seconds: float = 0.0  # how long this build took
    stale: bool = False  # the pages are an earlier build's: this one failed
    digests: frozenset = frozenset()  # the inputs as they were when this build began (inputs.digests)
    book: object = field(default=None, compare=False)  # the checked Book of the pages (for the print view)
    book_version: int = 0  # the version that made ``book`` and ``members``

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    def shown(self) -> list[Finding]:
        """The findings the page lists: errors first, then warnings (never the resolved ones)."""
        return sorted((f for f in self.findings if f.severity != "info"), key=lambda f: f.severity != ERROR)


def build(project: Path, previous: Site | None = None) -> Site:
    """Check the edition and write its EPUB in memory; a failure is a Site with its findings."""
    from lectio import config as config_stage

    started = time.perf_counter()
    version = previous.version + 1 if previous else 1
    try:
        config = config_stage.load(project)
    except LectioError as error:
        watched = inputs_stage.of_project_file(_config_path(project), previous.inputs if previous else None)
        return _failed(previous, Site(version, "", watched, digests=inputs_stage.digests(watched.files)),
                       _findings(error), started)
    watched = inputs_stage.of_config(config)
    site = Site(version, config.edition.title, watched, digests=inputs_stage.digests(watched.files))
    try:
        return _rendered(project, site, previous, started)
    except LectioError as error:
        return _failed(previous, site, _findings(error), started)
    except Exception as error:  # a bug in a writer must not stop the preview: shown like a finding
        traceback.print_exc(file=sys.stderr)
        found = Finding("preview.internal-error", f"{type(error).__name__}: {error}", Location(str(config.path)),
                        ERROR, fix="report it with the output of `lectio --debug build`")
        return _failed(previous, site, [found], started)


def _rendered(project: Path, site: Site, previous: Site | None, started: float) -> Site:
    from lectio import pipeline
    from lectio.render import epub, epub_package

    checked = pipeline.check(project)
    if checked.errors:
        return _failed(previous, site, checked.findings, started)
    members = epub_package.read_members(epub.render_epub(checked.book))
    return replace(site, findings=tuple(checked.findings), members=MappingProxyType(members), spine=spine(members),
                   seconds=time.perf_counter() - started, book=checked.book, book_version=site.version)


def _failed(previous: Site | None, site: Site, findings, started: float) -> Site:
    """``site`` (its version, inputs and digests) with the pages of ``previous``, if any, and ``findings``."""
    kept = previous or Site(0, "", site.inputs)
    return replace(site, title=site.title or kept.title, findings=tuple(findings), members=kept.members,
                   spine=kept.spine, stale=bool(kept.members), seconds=time.perf_counter() - started,
                   book=kept.book, book_version=kept.book_version)


def _findings(error: LectioError) -> list[Finding]:
    return list(error.findings) or [error.as_finding()]


def _config_path(project: Path) -> Path:
    project = Path(project)
    return project / "edition.toml" if project.is_dir() else project


OPF_NS = {"opf": "http://www.idpf.org/2007/opf"}


def spine(members: Mapping[str, bytes], opf: str = "EPUB/content.opf") -> tuple[str, ...]:
    """The member names of the package's spine, in reading order."""
    from lxml import etree

    root = etree.fromstring(members[opf])
    hrefs = {item.get("id"): item.get("href") for item in root.iterfind("opf:manifest/opf:item", OPF_NS)}
    folder = opf.rsplit("/", 1)[0] + "/"
    refs = root.iterfind("opf:spine/opf:itemref", OPF_NS)
    return tuple(folder + hrefs[ref.get("idref")] for ref in refs if ref.get("idref") in hrefs)
