"""Shared fixtures: the seed project, copied to a temporary folder so tests never
touch the repository's files, and one build of it shared by the slow tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = ("edition.toml", "manuscript", "bib", "styles")


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
