"""The benchmark scripts are not a package: their folder goes on ``sys.path`` for these tests,
and the generated editions they share are made once per test run (50 and 150 pages)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import make_edition  # noqa: E402


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> dict[int, tuple[Path, dict[str, int]]]:
    """Edition folders by pages requested, with the generator's figures."""
    made = {}
    for pages in (50, 150):
        folder = tmp_path_factory.mktemp(f"edition{pages}")
        made[pages] = folder, make_edition.generate(pages, folder)
    return made
