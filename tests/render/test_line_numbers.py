"""Line numbers in the print margin and the apparatus criticus at the foot of the page, checked
against the PDF: its text page by page (pdftotext -layout), as a reader finds them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from lectio import build, pipeline
from lectio.errors import RenderError
from lectio.model import Span, Variant, WitnessReading
from lectio.render import lines, pdf
from tests.conftest import make_tiny_project
from tests.render.linefixture import add_variants, notes_toml, source_text


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def text_rows(path: Path, page: int, words: set[str]) -> list[str]:
    """The page's rows that hold text of the reading (a word of it; not the apparatus's "]"), top to bottom."""
    rows = [row for row in page_text(path, page).splitlines() if row.strip() and "]" not in row]
    glued = " ".join(words)
    return [row for row in rows if not re.match(r"\s*\d+\. ", row)
            and any(w in glued for w in re.findall(r"[a-z]{3,}", row))]


@pytest.fixture(scope="module")
def laid(tmp_path_factory):
    """The small edition with hand-made variants, laid out and written once."""
    root = make_tiny_project(tmp_path_factory.mktemp("lines") / "ed", source_text(), notes_toml())
    book = pipeline.check(root).book
    add_variants(book)
    document = build.layout_pdf(book)
    path = root / "out.pdf"
    path.write_bytes(pdf.pdf_bytes(document, book.config))
    return book, document, path


def words_of(book) -> set[str]:
    return {w for b in book.readings[0].text.blocks if b.number for w in re.findall(r"[a-z]+", b.text.lower())}


def test_every_fifth_line_is_numbered_in_the_margin(laid):
    book, document, path = laid
    words = words_of(book)
    printed = lines.print_lines(document, "page")
    for page in sorted({line.page for line in printed}):
        rows = text_rows(path, page, words)
        assert len(rows) == sum(1 for line in printed if line.page == page)
        for number, row in enumerate(rows, start=1):
            trailing = re.search(r"[^A-Z\s]\s{2,}(\d+)\s*$", row) if page % 2 else re.match(r"\s*(\d+)\s{2}", row)
            marked = trailing.group(1) if trailing else None
            assert marked == (str(number) if number % 5 == 0 else None), (page, number, row)


def test_every_line_locator_holds_the_words_it_names(laid):
    """Each line of the map: line K of page N (counted on the PDF's page) shows the block's words."""
    book, document, path = laid
    words = words_of(book)
    found = lines.line_map(book, document)
    blocks = book.readings[0].text.blocks
    labels = {line.page: line.folio for line in found.lines}
    assert found.lines
    for page in sorted(labels):
        rows = text_rows(path, page, words)
        for line in (l for l in found.lines if l.page == page):
            shown = re.findall(r"[a-z]+", blocks[line.block].text[line.start:line.end].lower())
            row = re.findall(r"[a-z]+", rows[line.number - 1].lower())
            whole = " ".join(shown[1:-1])  # the first and last may be parts of hyphenated words
            assert not whole or f" {whole} " in f" {' '.join(row)} ", (page, line.number, whole, row)
            assert all(any(w.startswith(r) or w.endswith(r) for r in row) for w in shown), (page, line.number)
    first = found.lines[0]
    assert found.locator("A", first.block, first.start) == f"p. {first.folio}, l. 1"


def test_the_apparatus_of_a_page_is_on_the_page_of_its_lemmata(laid):
    book, document, path = laid
    found = lines.line_map(book, document)
    blocks = book.readings[0].text.blocks
    assert document.lectio_stable and document.lectio_passes == 3  # none, the blocks placed, confirmed
    for variant in book.variants:
        index, block = next((i, b) for i, b in enumerate(blocks)
                            if any(s.kind == "lemma" and s.target == variant.id for s in b.spans))
        span = next(s for s in block.spans if s.target == variant.id)
        line = found.locate("A", index, span.start)
        text = " ".join(page_text(path, line.page).split())
        entry = re.search(rf"\b{line.number} (?:[^\]]+\] [^|]+ \| )*{variant.lemma} \]", text)
        assert entry, (variant.id, line, text)
        notes = re.search(r"\d+\. A note on paragraph", text)  # the explanatory notes come after it
        assert notes is None or entry.start() < notes.start()
        rows = text_rows(path, line.page, words_of(book))
        assert variant.lemma.split()[0] in rows[line.number - 1]


def test_restart_per_reading_counts_on_over_pages(tmp_path):
    root = make_tiny_project(tmp_path / "ed", source_text(8), notes_toml(8))
    toml = root / "edition.toml"
    toml.write_text(toml.read_text() + '\n[lines]\nevery = 10\nrestart = "reading"\n')
    book = pipeline.check(root).book
    document = build.layout_pdf(book)
    printed = lines.print_lines(document, "reading")
    assert [line.number for line in printed] == list(range(1, len(printed) + 1))
    assert len({line.page for line in printed}) > 1
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf.pdf_bytes(document, book.config))
    later = [line for line in printed if line.number % 10 == 0 and line.page != printed[0].page]
    assert later and str(later[0].number) in page_text(path, later[0].page).split()


@pytest.fixture(scope="module")
def seed(built):
    """The seed's book and line map, from a layout of it (the build's layout: the build is reproducible)."""
    book = pipeline.check(built).book
    return book, lines.line_map(book, build.layout_pdf(book)), next((built / "build").glob("*.pdf"))


def in_order(words: list[str], tokens: list[str]) -> bool:
    """``words`` among ``tokens`` in their order (the row also has note calls and apparatus markers)."""
    rest = iter(tokens)
    return all(any(word == token for token in rest) for word in words)


def margin_number(row: str, recto: bool) -> int | None:
    """The line number in the margin of a PDF row: the last thing on a recto, the first on a verso (before
    the paragraph number "M 7" if the line has one)."""
    found = re.search(r"[^A-Z\s]\s{2,}(\d+)\s*$", row) if recto else re.match(r"\s*(\d+)(?:\s{2,}|\s+[A-Z] ?\d+\s)", row)
    return int(found.group(1)) if found else None


def test_seed_line_numbers_stand_on_the_lines_of_the_map(seed):
    """Every number printed in the seed's margin is on the PDF row of the map's line of that number."""
    book, found, path = seed
    blocks = {r.siglum: r.text.blocks for r in book.readings}
    checked = []
    for page in sorted({line.page for line in found.lines}):
        numbered = {line.number: line for line in found.lines if line.page == page}
        for row in [row for row in page_text(path, page).splitlines() if row.strip()][1:]:  # not the head
            number = margin_number(row, page % 2 == 1)
            if number is None or number % 5 or number not in numbered:
                continue
            line = numbered[number]
            shown = re.findall(r"\w+", blocks[line.siglum][line.block].text[line.start:line.end])
            assert in_order(shown[1:-1], re.findall(r"\w+", row)), (page, number, row)
            checked.append((page, number))
    assert checked == [(line.page, line.number) for line in found.lines if line.number % 5 == 0]


def test_seed_passage_locators_name_the_lines_of_their_passages(seed):
    """Readings compared: "M 7, p. 12, ll. 3–5" is where the passage's first and last words are."""
    book, found, path = seed
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\u00a0", " ")
    printed = re.findall(r"^([A-Z]) (\d+), (pp?\. [^\n]+)$", text, re.M)
    expected = []
    for entry in book.apparatus:
        for passage in entry.passages:
            index = book_readings(book)[passage.siglum].index(passage.block)
            expected.append((passage.siglum, str(passage.block.number),
                             found.locator(passage.siglum, index, passage.start, passage.end)))
    assert sorted(printed) == sorted(expected)
    assert sum(", l" in locator for _, _, locator in printed) >= len(printed) - 3


def book_readings(book) -> dict[str, list]:
    return {r.siglum: r.text.blocks for r in book.readings}


def test_locator_forms():
    a = lines.Line("A", 0, 0, 10, 20, "14", 12)
    b = lines.Line("A", 0, 10, 20, 20, "14", 14)
    c = lines.Line("A", 0, 20, 30, 21, "15", 1)
    assert lines.locator(a, a) == "p. 14, l. 12"
    assert lines.locator(a, b) == "p. 14, ll. 12–14"
    assert lines.locator(a, c) == "pp. 14–15"
    assert lines.LineMap((a, b, c)).locator("A", 0, 12, 25) == "pp. 14–15"
    assert lines.LineMap((a, b, c)).locate("A", 0, 15) == b


def test_the_epub_has_an_anchor_before_every_print_line(laid, tmp_path):
    """Anchor ``A-p<folio>-l<K>`` stands before the word that begins line K of that page in the PDF."""
    import zipfile

    book, document, path = laid
    found = lines.line_map(book, document)
    epub = build.make_epub(book, document, tmp_path)
    with zipfile.ZipFile(epub) as package:
        xhtml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xhtml"))
    placed = re.findall(r'<span id="(A-p(\d+)-l(\d+))"\s*/>\s*((?:<[^>]+>\s*)*)([A-Za-z]+)', xhtml)
    assert len(placed) == len(found.lines)
    pages = {line.folio: line.page for line in found.lines}
    for _, folio, number, _, word in placed:
        row = text_rows(path, pages[folio], words_of(book))[int(number) - 1]
        first = re.findall(r"[a-z]+", re.sub(r"^\s*(\d+\s+)?([A-Z] ?\d+\s+)?", "", row).lower())[0]
        assert word.lower().endswith(first), (folio, number, word, row)


def test_a_bad_lines_table_is_refused_with_its_key(tmp_path):
    from tests.conftest import run_cli

    root = make_tiny_project(tmp_path / "ed")
    toml = root / "edition.toml"
    toml.write_text(toml.read_text() + '\n[lines]\nevery = -1\nrestart = "chapter"\n')
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    assert "edition.toml:" in result.output and "restart" in result.output and "every" in result.output
    assert "reading" in result.output and "page" in result.output


def test_seed_epub_has_an_anchor_for_every_print_line(seed, built):
    import zipfile

    from lectio.render import epublines

    book, found, _ = seed
    with zipfile.ZipFile(next((built / "build").glob("*.epub"))) as package:
        xhtml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xhtml"))
    placed = re.findall(r'<span id="([A-Z]+-p\d+-l\d+)"\s*/>', xhtml)
    assert placed and sorted(placed) == sorted(a.id for a in epublines.anchors(book, found))


def test_the_witnesses_example_prints_each_entry_at_the_foot_of_its_lemmas_page(example_build):
    """The Gettysburg example: the layouts settle, and every entry is on its lemma's page, after the
    number of its lemma's line, and the lemma's first word is on that line of the PDF's page."""
    example = example_build("gettysburg")
    assert example.build.exit_code == 0, example.build.output
    book = pipeline.check(example.root).book
    document = build.layout_pdf(book)
    assert document.lectio_stable and document.lectio_passes <= 4
    found = lines.line_map(book, document)
    path = example.output("pdf")
    blocks = book.readings[0].text.blocks
    for variant in book.variants:
        index, block = next((i, b) for i, b in enumerate(blocks)
                            if any(s.kind == "lemma" and s.target == variant.id for s in b.spans))
        span = next(s for s in block.spans if s.target == variant.id)
        line = found.locate(variant.reading, index, span.start)
        text = " ".join(page_text(path, line.page).split())
        lemma = re.escape(variant.lemma.split()[0])
        assert re.search(rf"\b{line.number}(?:–\d+)? (?:[^\]]+\] [^|]+ \| )*{lemma}", text), (variant.id, line)
        rows = [row for row in page_text(path, line.page).splitlines() if row.strip()][1:]
        shown = re.findall(r"\w+", block.text[line.start:line.end])
        assert any(in_order(shown[1:-1], re.findall(r"\w+", row)) and variant.lemma.split()[0] in row
                   for row in rows), (variant.id, line)


def test_a_variant_whose_lemma_is_on_no_line_is_refused_not_dropped(tmp_path):
    root = make_tiny_project(tmp_path / "ed", source_text(4), notes_toml(4))
    book = pipeline.check(root).book
    add_variants(book)
    reading = book.readings[0]
    block = next(b for b in reading.text.blocks if b.number)
    vid = f"{reading.siglum}-v99"
    block.spans.append(Span(5, 5, "lemma", vid))  # an empty lemma: nothing of it is set on a line
    book.variants += (Variant(vid, reading.siglum, "", ("A",), (WitnessReading("added", ("B",)),)),)
    with pytest.raises(RenderError) as caught:
        build.layout_pdf(book)
    assert caught.value.code == "render.variant-lost" and vid in str(caught.value)
    assert [v.id for v in book.variants[:-1]] and not any(v.id in str(caught.value) for v in book.variants[:-1])
