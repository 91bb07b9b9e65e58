"""examples/gettysburg: one reading (the Bliss copy) with four witnesses collated against it.
The conspectus siglorum in the front matter of the PDF and the EPUB; the EPUB's variants after
each paragraph, linked back to their lemmata; the known variants of the five copies there."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from lectio import pipeline
from lectio.render.html import write_html
from tests.examples.outputs import epub_document, flat
from tests.render.test_epub_book import _ace_ready

pytestmark = pytest.mark.slow

# Entries a reader of the five copies expects (lemma ] readings), as the EPUB prints them (flat).
KNOWN = ["forth on ] forth, upon n h e; forth, on ba",  # "upon" in the three earlier copies
         "nation, under god, ] nation, n; nation h",  # "under God" absent from Nicolay and Hay
         "it is altogether fitting and proper that ] this n",  # "This we may, in all propriety do"
         "advanced ] carried on h",
         "met ] met here h"]


@pytest.fixture(scope="module")
def gettysburg(example_build):
    return example_build("gettysburg")


def witnesses(root) -> list[dict]:
    return tomllib.loads((root / "edition.toml").read_text(encoding="utf-8"))["readings"][0]["witnesses"]


def test_checks_builds_and_verifies(gettysburg):
    assert gettysburg.check.exit_code == 0, gettysburg.check.output
    assert "0 errors, 0 warnings" in gettysburg.check.output, gettysburg.check.output
    assert gettysburg.build.exit_code == 0, gettysburg.build.output
    assert gettysburg.verify.exit_code == 0, gettysburg.verify.output
    assert "EPUBCheck: 0 errors, 0 warnings" in gettysburg.verify.output
    assert re.search(r"fidelity G: (\d+)/\1 words in PDF, \1/\1 in EPUB", gettysburg.verify.output)


def test_the_pdf_has_the_conspectus_in_its_front_matter(gettysburg):
    reader = PdfReader(gettysburg.output("pdf"))
    pages = [page.extract_text() for page in reader.pages]
    first_reading = next(i for i, text in enumerate(pages) if "Four score and seven" in text)
    (index,) = [i for i, text in enumerate(pages) if "Conspectus siglorum" in text and i < first_reading][-1:]
    page = " ".join(pages[index].split())
    for witness in witnesses(gettysburg.root):
        assert f"{witness['siglum']} {witness['label']}" in page, witness
    assert "(base text)" in page
    assert "Conspectus siglorum" in pages[next(i for i, t in enumerate(pages) if "Contents" in t)]


def test_the_epub_has_the_conspectus_and_each_paragraphs_variants(gettysburg):
    epub = gettysburg.output("epub")
    conspectus = epub_document(epub, "conspectus")
    for witness in witnesses(gettysburg.root):
        assert f'<dt><span class="siglum">{witness["siglum"]}</span></dt><dd>{witness["label"]}' in conspectus
    reading = epub_document(epub, "reading-G")
    notes = re.findall(r'<div class="variants"[^>]*aria-label="Variants, (G \d)">(.*?)</div>', reading, re.DOTALL)
    assert [label for label, _ in notes] == ["G 1", "G 2", "G 3", "G 4"]
    printed = [flat(line) for _, block in notes for line in re.findall(r"<p class=\"variant\".*?</p>", block)]
    for known in KNOWN:
        assert any(line.startswith(known) for line in printed), known
    assert "the three earlier copies read “upon”" in flat(notes[0][1]).replace('"', "“", 1).replace('"', "”", 1)


def test_the_note_on_the_text_describes_the_collation(gettysburg):
    note = flat(epub_document(gettysburg.output("epub"), "note-on-text"))
    reading = epub_document(gettysburg.output("epub"), "reading-G")
    entries = len(re.findall(r'<p class="variant"', reading))
    assert "g is collated word by word with n, h, e and ba against its base text, bl" in note
    assert f"{entries} entries in the apparatus criticus" in note
    assert "battle-field = battlefield" in note


def test_every_variant_note_links_back_to_its_lemma_and_every_lemma_has_a_note(gettysburg):
    reading = epub_document(gettysburg.output("epub"), "reading-G")
    lemmata = re.findall(r'<span id="(var-G-v\d+)" class="lemma">', reading)
    backlinks = re.findall(r'<a class="lemma-ref" href="#(var-G-v\d+)">', reading)
    assert len(lemmata) > 30 and sorted(lemmata) == sorted(backlinks) and len(set(lemmata)) == len(lemmata)


def test_print_html_marks_each_lemma_once_without_changing_the_text(gettysburg):
    book = pipeline.check(gettysburg.root).book
    html = write_html(book)
    for variant in book.variants:
        assert html.count(f'id="{variant.anchor}"') == 1, variant.id
    assert '<span class="lemma" id="var-G-v1">forth on</span>' in html
    source = (gettysburg.root / "texts" / "bliss.txt").read_text(encoding="utf-8")
    text = flat(re.sub(r'<span class="pn">.*?</span></span>', "", html.split('id="reading-G"')[1]))
    assert flat(source.split("\n")[0]) in text


@pytest.mark.skipif(not _ace_ready(), reason="Ace by DAISY or Chromium is not installed (bash .ci/ace-setup)")
def test_ace_finds_no_violation_in_the_variants_and_the_conspectus(gettysburg, tmp_path):
    done = subprocess.run(["bash", "benchmarks/ace.sh", str(gettysburg.output("epub")), str(tmp_path / "ace")],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[2])
    assert done.returncode == 0 and "0 violations" in done.stdout, done.stdout + done.stderr
