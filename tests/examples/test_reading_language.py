"""A reading's own ``language`` (the French reading of examples/contract): marked in the
print HTML (hyphenation) and the EPUB, and a bad tag reported at its line."""

from __future__ import annotations

from lectio import pipeline
from lectio.render import epub, html
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

FRENCH = TINY_EDITION.replace('notes = "a.notes.toml"\n', 'notes = "a.notes.toml"\nlanguage = "fr"\n')


def test_a_readings_language_marks_its_chapter_in_print_and_epub(tmp_path):
    book = pipeline.check(make_tiny_project(tmp_path / "fr", edition=FRENCH)).book
    reading = book.readings[0]
    assert reading.language == "fr"
    assert '<section class="chapter reading" id="reading-A" lang="fr"' in html.reading_chapter(reading, [])
    heading = next(b for b in epub.pandoc_document(book)["blocks"] if b["t"] == "Header" and b["c"][1][0] == "reading-A")
    assert ["lang", "fr"] in heading["c"][1][2]


def test_a_reading_without_a_language_is_in_the_editions(tmp_path):
    book = pipeline.check(make_tiny_project(tmp_path / "en")).book
    assert book.readings[0].language == ""
    assert "lang=" not in html.reading_chapter(book.readings[0], []).split(">")[0]


def test_a_bad_language_tag_is_reported_at_its_line(tmp_path):
    root = make_tiny_project(tmp_path / "bad", edition=FRENCH.replace('language = "fr"', 'language = "French"'))
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    line = FRENCH.splitlines().index('language = "fr"') + 1
    assert f"edition.toml:{line}:" in result.output and "language" in result.output, result.output
