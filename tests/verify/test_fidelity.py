"""Fidelity on the seed: 100 % as built, and each kind of loss found and placed when the
built EPUB is altered (a paragraph removed, a paragraph hidden by its stylesheet, a note
removed, a bibliography entry removed)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from lectio import pipeline
from lectio.verify import fidelity
from tests.conftest import run_cli

NAME = "collectivization-reader"
LINE = re.compile(r"fidelity (\w+): (\d+)/(\d+) words in PDF, (\d+)/(\d+) in EPUB; notes (\d+)/(\d+); "
                  r"citations (\d+)/(\d+); apparatus (\d+)/(\d+)$")


@pytest.fixture(scope="module")
def book(built):
    return pipeline.check(built).book


def test_verify_prints_one_fidelity_line_per_reading_at_100_percent(built, book):
    result = run_cli("verify", "--project", str(built))
    assert result.exit_code == 0, result.output
    lines = [LINE.match(line) for line in result.output.splitlines() if line.startswith("fidelity ")]
    assert [m.group(1) for m in lines] == [r.siglum for r in book.readings]
    for match, reading in zip(lines, book.readings):
        found, total, epub_found, epub_total, notes, notes_total = (int(g) for g in match.groups()[1:7])
        assert found == total == epub_found == epub_total > 500
        assert notes == notes_total == len(reading.text.notes)
        passages = sum(p.siglum == reading.siglum for e in book.apparatus for p in e.passages)
        assert match.group(10) == match.group(11) == str(passages)
        assert int(match.group(8)) == int(match.group(9)) > 0


def test_verify_json_has_the_fidelity_figures_per_reading(built, book, monkeypatch):
    # EPUBCheck (a Java run of half a minute) is the previous test's; here only the report's shape
    monkeypatch.setattr("lectio.verify.verify_epub", lambda path: ([], {"errors": 0, "warnings": 0}))
    result = run_cli("verify", "--project", str(built), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)["report"]["fidelity"]
    assert list(report) == [r.siglum for r in book.readings]
    for figures in report.values():
        assert figures["words"]["pdf"] == figures["words"]["epub"] == figures["words"]["total"] > 500
        for part in ("notes", "citations", "apparatus"):
            assert figures[part]["matched"] == figures[part]["total"]


def altered_epub(built: Path, target: Path, change) -> Path:
    """A copy of the built EPUB with ``change(name, tree)`` applied to each XHTML and CSS member."""
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xhtml"):
                tree = etree.fromstring(data)
                change(info.filename, tree)
                data = etree.tostring(tree, xml_declaration=True, encoding="utf-8")
            elif info.filename.endswith(".css"):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    return target


def remove_id(identifier: str):
    def change(name, tree):
        if isinstance(tree, str):
            return tree
        for element in tree.iter():
            if element.get("id") == identifier:
                parent = element.getparent()
                if element.tail:
                    previous = element.getprevious()
                    if previous is not None:
                        previous.tail = (previous.tail or "") + element.tail
                    else:
                        parent.text = (parent.text or "") + element.tail
                parent.remove(element)
                return
    return change


def words_of(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def test_a_paragraph_removed_from_the_epub_is_named_with_its_file_and_line(built, book, tmp_path):
    reading = book.readings[-1]
    block = next(b for b in reading.text.blocks if b.number == 7)
    after = next(b for b in reading.text.blocks if b.number == 8)
    epub = altered_epub(built, tmp_path / "lost.epub", remove_id(f"{reading.siglum}-7"))
    result = fidelity.check(book, None, epub)
    [lost] = [f for f in result.findings if f.code == "verify.fidelity-lost"]
    assert lost.severity == "error"
    assert lost.location == reading.text.location(block, 0)
    assert str(lost.location).startswith(f"{reading.text.display_path}:{lost.location.line}")
    assert words_of(block.text) in lost.message
    assert words_of(after.text, 3) in lost.message  # what the EPUB has in its place
    line = next(r for r in result.readings if r.siglum == reading.siglum).line()
    total = len(reading.text.paragraphs())
    assert f"in EPUB" in line and not re.search(r"(\d+)/\1 words", line) and total > 7


def test_a_paragraph_hidden_by_the_epub_stylesheet_is_lost(built, book, tmp_path):
    reading = book.readings[0]
    block = next(b for b in reading.text.blocks if b.number == 3)

    def hide(name, tree):
        return tree + f"\n#{reading.siglum}-3 {{ display: none }}\n" if isinstance(tree, str) else None

    result = fidelity.check(book, None, altered_epub(built, tmp_path / "hidden.epub", hide))
    [lost] = [f for f in result.findings if f.code == "verify.fidelity-lost"]
    assert lost.location == reading.text.location(block, 0)
    assert "EPUB" in lost.message


def test_a_note_removed_from_the_epub_is_counted_and_named(built, book, tmp_path):
    reading = book.readings[-1]
    chapter = 2 + book.readings.index(reading) + (1 if book.introduction else 0)

    def drop_note(name, tree):
        if isinstance(tree, str):
            return tree
        if name.endswith(f"ch{chapter:03}.xhtml"):
            remove_id("fn5")(name, tree)

    result = fidelity.check(book, None, altered_epub(built, tmp_path / "note.epub", drop_note))
    figures = result.report()[reading.siglum]["notes"]
    assert figures == {"total": len(reading.text.notes), "matched": len(reading.text.notes) - 1}
    [lost] = [f for f in result.findings if f.code == "verify.fidelity-note"]
    note = reading.text.notes[4]
    assert lost.location == (note.text_location or note.location) and "note 5" in lost.message


def test_a_bibliography_entry_removed_from_the_epub_loses_its_citations(built, book, tmp_path):
    from lectio.citations import cited_keys

    cited = {r.siglum: {k for n in r.text.notes for k in cited_keys(n.markdown)} for r in book.readings}
    key = next(k for k in book.bibliography_keys if any(k in keys for keys in cited.values()))
    index = book.bibliography_keys.index(key)

    def drop_entry(name, tree):
        if isinstance(tree, str):
            return tree
        entries = [e for e in tree.iter() if "csl-entry" in (e.get("class") or "").split()]
        if entries:
            entries[index].getparent().remove(entries[index])

    result = fidelity.check(book, None, altered_epub(built, tmp_path / "bib.epub", drop_entry))
    citing = [siglum for siglum, keys in cited.items() if key in keys]
    found = [f for f in result.findings if f.code == "verify.fidelity-citation"]
    assert [f.message.split(",")[0] for f in found] == [key] * len(citing)
    for siglum in cited:
        figures = result.report()[siglum]["citations"]
        assert figures["total"] == len(cited[siglum])
        assert figures["matched"] == figures["total"] - (siglum in citing)


def test_an_unreadable_epub_is_a_finding_not_a_crash(built, book, tmp_path):
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as epub:
        epub.writestr("mimetype", "application/epub+zip")
    result = fidelity.check(book, built / "build" / f"{NAME}.pdf", broken)
    assert [f.code for f in result.findings] == ["verify.fidelity-unreadable"]
    assert "EPUB" in result.findings[0].message and result.findings[0].location.file.endswith("broken.epub")
    assert all(r.words_found == (("PDF", r.words),) for r in result.readings)
