"""Shared fixtures: the seed project, copied to a temporary folder so tests never
touch the repository's files, and one build of it shared by the slow tests."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# The fuzz tests draw the same examples on every run, so a result can be reproduced;
# HYPOTHESIS_PROFILE=explore draws new ones (run it by hand to look for new failures).
settings.register_profile("reproducible", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = ("edition.toml", "manuscript", "bib")


def copy_project(target: Path) -> Path:
    for name in SEED_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    for path in (target / "manuscript").iterdir():
        path.chmod(0o644)
    return target


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A private copy of the seed project; the working directory is set to it."""
    copy_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The seed edition built once (PDF and EPUB) for all end-to-end tests."""
    from click.testing import CliRunner

    from lectio.cli import main

    root = copy_project(tmp_path_factory.mktemp("seed"))
    result = CliRunner().invoke(main, ["build", "--project", str(root), "--no-verify"])
    assert result.exit_code == 0, result.output
    return root


def run_cli(*args: str):
    from click.testing import CliRunner

    from lectio.cli import main

    return CliRunner().invoke(main, list(args))


TINY_EDITION = """[edition]
name = "tiny"
title = "A Tiny Edition"
editors = ["A. Editor"]
identifier = "urn:uuid:00000000-0000-4000-8000-000000000001"
date = "2026-01-01"

[[readings]]
siglum = "A"
title = "First text"
source = "a.txt"
notes = "a.notes.toml"

[bibliography]
files = ["t.bib"]

[output]
print_css = "print.css"
epub_css = "epub.css"
"""

TINY_BIB = """@book{viola1987, author = {Viola, Lynne}, title = {The Best Sons of the Fatherland},
  publisher = {Oxford University Press}, address = {New York}, year = {1987}}
"""


def make_tiny_project(root: Path, text: str = "", notes: str = "", edition: str = TINY_EDITION) -> Path:
    """A small project (one short reading) for tests that must render quickly.

    Its print.css and epub.css are empty project stylesheets (loaded after lectio's
    defaults), for tests to add rules to; ``text`` and ``notes`` replace the defaults.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "edition.toml").write_text(edition, encoding="utf-8")
    (root / "a.txt").write_text(text or "OPENING\nA first paragraph that makes a claim.(1)\n"
                                "A second paragraph, with ``TeX quotes'' and 1929--1933.\n", encoding="utf-8")
    (root / "a.notes.toml").write_text(notes or '[[note]]\nmarker = 1\ntext = "[@viola1987]"\n', encoding="utf-8")
    (root / "t.bib").write_text(TINY_BIB, encoding="utf-8")
    (root / "print.css").write_text("/* project rules, after lectio's print.css */\n", encoding="utf-8")
    (root / "epub.css").write_text("/* project rules, after lectio's epub.css */\n", encoding="utf-8")
    return root


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return make_tiny_project(tmp_path / "tiny")


EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class ExampleBuild:
    """One example edition, copied to a temporary folder, checked, built and verified.

    ``check``, ``build`` and ``verify`` are the CLI results (``exit_code``, ``output``) of
    ``lectio check``, ``lectio build --no-verify`` and ``lectio verify``.
    """

    name: str
    root: Path
    check: object
    build: object
    verify: object

    def output(self, suffix: str) -> Path:
        """The built ``.pdf`` or ``.epub`` (its name is the edition's ``name``)."""
        return next((self.root / "build").glob(f"*.{suffix}"))


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """``example_build("federalist")``: that example edition built once per test session."""
    builds: dict[str, ExampleBuild] = {}

    def build(name: str) -> ExampleBuild:
        if name not in builds:
            root = tmp_path_factory.mktemp("examples") / name
            shutil.copytree(EXAMPLES / name, root, ignore=shutil.ignore_patterns("build"))
            builds[name] = ExampleBuild(name, root, run_cli("check", "--project", str(root)),
                                        run_cli("build", "--project", str(root), "--no-verify"),
                                        run_cli("verify", "--project", str(root)))
        return builds[name]

    return build


@pytest.fixture(scope="session")
def a4_course_reader(tmp_path_factory):
    """The seed as an A4 course reader with a PDF/UA-1 file beside the print PDF, built and verified
    once per session: (project root, the CLI result). The issue's second geometry."""
    import re

    root = copy_project(tmp_path_factory.mktemp("a4"))
    toml = root / "edition.toml"
    text = re.sub(r'(?m)^trim = ".*"$', 'trim = "a4"\nlayout = "course-reader"\nextra_variants = ["pdf/ua-1"]',
                  toml.read_text(encoding="utf-8"), count=1)
    assert 'trim = "a4"' in text
    toml.write_text(text, encoding="utf-8")
    return root, run_cli("build", "--project", str(root))
