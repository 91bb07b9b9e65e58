"""The seed's print book, for the render tests that read it (built once by ``built``)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

SEED_NAME = "collectivization-reader"


@pytest.fixture(scope="session")
def seed_pdf(built):
    return built / "build" / f"{SEED_NAME}.pdf"


@pytest.fixture(scope="session")
def seed_pages(seed_pdf) -> list[str]:
    """The text of every page, as pypdf extracts it."""
    return [page.extract_text() for page in PdfReader(seed_pdf).pages]
