"""Fixtures of the preview's tests: a copy of the contract example, a running preview on a free
port, a client of it, Chromium tabs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.preview.browser import EXAMPLE, Client, Tab


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "contract"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("build"))  # not a local build of the example
    return target


@pytest.fixture
def live(example: Path):
    from lectio.preview import Preview

    with Preview(example) as preview:
        yield preview


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview for a module's tests that only read (a copy of its own, never edited)."""
    from lectio.preview import Preview

    target = tmp_path_factory.mktemp("served") / "contract"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("build"))  # not a local build of the example
    with Preview(target) as preview:
        yield preview


@pytest.fixture
def client(live, tmp_path: Path) -> Client:
    return Client(live, tmp_path)


@pytest.fixture
def tab(tmp_path: Path):
    """Open a Chromium tab on a URL: ``tab(url)``; closed after the test."""
    opened = []

    def open_tab(url: str) -> Tab:
        opened.append(Tab(url, tmp_path / f"profile-{len(opened)}"))
        return opened[-1]
    yield open_tab
    for each in opened:
        each.close()
