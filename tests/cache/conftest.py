"""The tiny project built and verified once (its only build of the session), and copies of it.

The build runs with the project as the working directory, like the copies the tests work on, so
that the messages replayed from the verification memo name the files as they did."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import make_tiny_project, run_cli


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory):
    """(the built project, the output of its ``lectio build``)."""
    root = make_tiny_project(tmp_path_factory.mktemp("cache") / "tiny")
    with contextlib.chdir(root):
        result = run_cli("build")
    assert result.exit_code == 0, result.output
    return root, result.output


@pytest.fixture
def copy(tiny_built, tmp_path, monkeypatch) -> Path:
    """A copy of the built tiny project (times kept), the working directory set to it."""
    root = Path(shutil.copytree(tiny_built[0], tmp_path / "tiny"))
    monkeypatch.chdir(root)
    return root


class Spy:
    """Stands in for ``lectio.build.build``: records its calls and whether the cache was forced."""

    def __init__(self):
        self.calls: list[tuple] = []

    def __call__(self, project, targets, check_outputs=True, echo=print):
        from lectio import build, cache

        self.calls.append((tuple(targets), check_outputs, cache.forced()))
        return build.BuildResult()


@pytest.fixture
def spy(monkeypatch) -> Spy:
    from lectio import build

    made = Spy()
    monkeypatch.setattr(build, "build", made)
    return made
