"""The EPUB of each example edition, from the session's one build of it (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.examples.outputs import built_epub


@pytest.fixture(scope="session")
def contract_epub(example_build):
    return built_epub(example_build, "contract")


@pytest.fixture(scope="session")
def federalist_epub(example_build):
    return built_epub(example_build, "federalist")
