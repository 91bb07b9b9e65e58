"""A project made by ``lectio new`` and built once, shared by the tests of ``new``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="session")
def new_built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("new") / "sample-edition"
    made = run_cli("new", str(root))
    assert made.exit_code == 0, made.output
    built = run_cli("build", "-p", str(root), "--no-verify")
    assert built.exit_code == 0, built.output
    return root
