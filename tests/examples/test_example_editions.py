"""Every example edition under examples/, built once, read as a reader reads it.

Each example is checked, built and verified once per session (``example_build`` in
tests/conftest.py). The expectations come from the example's own files, read here
without lectio's readers (``source_text.py``): every word of each source in the PDF and
the EPUB in order, every note's prose in the EPUB's notes, every work of the .bib in the
bibliography, and nothing of the citation syntax left in either output.
"""

from __future__ import annotations

import re
import tomllib
import zipfile

import pytest

from lectio.verify import extract
from lectio.verify.align import LOST, align
from tests.examples.outputs import epub_document, epub_text, flat
from tests.examples.source_text import cited_keys, folded, prose, readings

pytestmark = pytest.mark.slow

EXAMPLES = ["contract", "federalist"]
# Warnings an example is expected to give: the excerpts make books shorter than the
# 24 pages print-on-demand services ask for.
DELIBERATE = {"contract": {"pdf.too-short"}, "federalist": set()}


def lost_words(expected: tuple[str, ...], found: tuple[str, ...]) -> list[str]:
    return [word for word, place in zip(expected, align(expected, found)) if place == LOST]


@pytest.mark.parametrize("name", EXAMPLES)
def test_check_is_clean(example_build, name):
    built = example_build(name)
    assert built.check.exit_code == 0, built.check.output
    assert "0 errors, 0 warnings" in built.check.output, built.check.output


@pytest.mark.parametrize("name", EXAMPLES)
def test_build_and_verify_pass_with_every_word_note_and_citation(example_build, name):
    built = example_build(name)
    assert built.build.exit_code == 0, built.build.output
    assert built.verify.exit_code == 0, built.verify.output
    codes = set(re.findall(r"warning: .*\[([\w.-]+)\]", built.verify.output))
    assert codes <= DELIBERATE[name], built.verify.output
    lines = re.findall(r"^fidelity (\w+): (.*)$", built.verify.output, flags=re.MULTILINE)
    assert [siglum for siglum, _ in lines] == [r.siglum for r in readings(built.root)]
    for siglum, line in lines:
        for found, total in re.findall(r"(\d+)/(\d+)", line):
            assert found == total and int(total) >= 0, f"{siglum}: {line}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_word_of_each_source_is_in_the_pdf_and_the_epub_in_order(example_build, name):
    built = example_build(name)
    pdf = extract.pdf_stream(built.output("pdf")).found.words
    epub = extract.epub_streams(built.output("epub"))[0].found.words
    for reading in readings(built.root):
        expected = reading.words()
        assert len(expected) > 300, reading.siglum
        for output, found in (("PDF", pdf), ("EPUB", epub)):
            lost = lost_words(expected, found)
            assert not lost, f"{reading.siglum}: {len(lost)} words not in the {output}: {lost[:12]}"


@pytest.mark.parametrize("name", ["contract", "federalist"])
def test_every_note_of_each_reading_is_in_the_epub_notes(example_build, name):
    built = example_build(name)
    notes = extract.epub_streams(built.output("epub"))[1].found.words
    for reading in readings(built.root):
        texts = reading.notes()
        assert len(texts) >= 3, reading.siglum
        for number, text in enumerate(texts, start=1):
            lost = lost_words(folded(prose(text)), notes)
            assert not lost, f"{reading.siglum} note {number}: not in the EPUB: {lost}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_work_of_the_bibliography_is_cited_and_listed(example_build, name):
    built = example_build(name)
    entries = bib_entries(built.root)
    cited = set()
    for reading in readings(built.root):
        for note in reading.notes():
            cited |= cited_keys(note)
    for path in ("introduction.md", "apparatus.toml"):
        cited |= cited_keys((built.root / path).read_text(encoding="utf-8"))
    assert cited == set(entries)
    pdf = extract.pdf_stream(built.output("pdf")).text
    listings = {"PDF": pdf[pdf.rindex("Bibliography"):], "EPUB": epub_document(built.output("epub"), "bibliography")}
    for output, listing in listings.items():
        listing = flat(listing)
        for key, (surname, title) in entries.items():  # an author's later entries print a dash for the name
            assert flat(title) in listing, f"{key}: {title!r} not in the {output} bibliography"
            assert flat(surname) in listing, f"{key}: {surname!r} not in the {output} bibliography"


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_citation_syntax_is_left_in_the_outputs(example_build, name):
    built = example_build(name)
    remnants = ("[@", "\\[", "\\]", *(f"@{key}" for key in bib_entries(built.root)))
    assert_absent(built, remnants)


@pytest.mark.parametrize("name", ["contract", "federalist"])
def test_no_markdown_syntax_is_left_in_the_outputs(example_build, name):
    assert_absent(example_build(name), ("[^", "**", "__"))


def assert_absent(built, remnants) -> None:
    pdf = extract.pdf_stream(built.output("pdf")).text
    for output, text in (("PDF", pdf), ("EPUB", epub_text(built.output("epub")))):
        for remnant in remnants:
            assert remnant not in text, f"{remnant!r} left in the {output}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_readings_compared_sets_the_passages_of_every_reading_side_by_side(example_build, name):
    built = example_build(name)
    entries = tomllib.loads((built.root / "apparatus.toml").read_text(encoding="utf-8"))["entry"]
    sections = re.split(r'<section id="app-', epub_document(built.output("epub"), "readings-compared"))[1:]
    assert [section.split('"')[0] for section in sections] == [entry["id"] for entry in entries]
    for entry, section in zip(entries, sections):
        for reading in readings(built.root):
            side = section.split(f'class="side side-{reading.siglum}"')[1].split('class="side ')[0]
            assert flat(entry[reading.siglum]["exact"]) in flat(side), (entry["id"], reading.siglum)


@pytest.mark.parametrize("name", EXAMPLES)
def test_generated_text_names_only_this_editions_readings(example_build, name):
    built = example_build(name)
    sigla = {reading.siglum for reading in readings(built.root)}
    with zipfile.ZipFile(built.output("epub")) as archive:
        package = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".opf"))
    summary = re.findall(r'accessibilitySummary">([^<]*)<', package)
    generated = flat(epub_document(built.output("epub"), "note-on-text")) + " " + " ".join(summary)
    references = set(re.findall(r"\b([A-Z][A-Za-z]{0,2}) \d+\b", re.sub(r"<[^>]+>", " ", generated.upper())))
    assert references and {r for r in references if r in sigla} == references, references


def bib_entries(root) -> dict[str, tuple[str, str]]:
    """Each entry's key, first author's (or editor's) surname and the first words of its title."""
    entries = {}
    for bib in (root / "bib").glob("*.bib"):
        for block in re.split(r"\n(?=@)", bib.read_text(encoding="utf-8")):
            key = re.match(r"@\w+\{([^,]+),", block)
            if not key:
                continue
            fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", block, flags=re.MULTILINE))
            name = fields.get("author") or fields["editor"]
            title = re.sub(r"``|''|\\&", " ", fields["title"]).replace("{", "").replace("}", "")
            entries[key.group(1)] = (name.split(",")[0].split(" and ")[0], " ".join(title.split()[:4]))
    return entries
