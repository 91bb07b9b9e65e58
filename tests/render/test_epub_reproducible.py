"""Two builds of a small project with SOURCE_DATE_EPOCH give the same bytes; --to epub still paginates."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.slow

EDITION = """[edition]
name = "small"
title = "A Small Edition"
subtitle = "For testing"
editors = ["A. Editor"]
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000001"
date = "2026-01-01"
rights = "CC0"
publisher = "Test Press"

[[readings]]
siglum = "A"
title = "The first text"
author = "Someone"
source = "manuscript/a.txt"
"""


def small_project(root: Path) -> Path:
    (root / "manuscript").mkdir(parents=True)
    (root / "edition.toml").write_text(EDITION, encoding="utf-8")
    paragraphs = [" ".join(f"Sentence {p * 10 + s} says that the grain plan changed again and again."
                           for s in range(8)) for p in range(12)]
    (root / "manuscript" / "a.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


def build(root: Path, *args: str) -> None:
    result = run_cli("build", "--project", str(root), "--no-verify", *args)
    assert result.exit_code == 0, result.output


def test_two_builds_give_identical_epub_and_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = small_project(tmp_path / "one"), small_project(tmp_path / "two")
    build(first)
    build(second)
    for suffix in ("epub", "pdf"):
        assert (first / "build" / f"small.{suffix}").read_bytes() == (second / "build" / f"small.{suffix}").read_bytes()
    with zipfile.ZipFile(first / "build" / "small.epub") as epub:
        assert epub.namelist()[0] == "mimetype" and epub.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert b"2023-11-14T22:13:20Z" in epub.read("EPUB/content.opf")


def test_epub_alone_is_paginated_without_writing_the_pdf(tmp_path):
    root = small_project(tmp_path)
    build(root, "--to", "epub")
    assert not (root / "build" / "small.pdf").exists()
    with zipfile.ZipFile(root / "build" / "small.epub") as epub:
        nav = epub.read("EPUB/nav.xhtml").decode()
    assert 'epub:type="page-list"' in nav and "#page-1" in nav
