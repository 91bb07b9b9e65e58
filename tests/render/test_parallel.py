"""The print book laid out in parts on every core (render/parallel.py, docs/parallel.md) against the
same book laid out in one piece: a generated edition of about 70 pages, built once each way."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from lectio import pipeline
from lectio.render import html, parallel, pdf
from lectio.verify import pdfstructure

from tests.conftest import ROOT, run_cli

NAME = "scaled-60"


def _pages(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


@pytest.fixture(scope="session")
def laid_out(tmp_path_factory):
    """The edition built with the parts (verified) and, in a copy, laid out in one piece."""
    folder = tmp_path_factory.mktemp("parallel")
    edition = folder / "parts"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_edition.py"), "--pages", "60", "--out",
                    str(edition)], check=True, capture_output=True)
    whole = folder / "whole"
    subprocess.run(["cp", "-r", str(edition), str(whole)], check=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setenv(parallel.ENV, "parallel")
        split = run_cli("build", "--project", str(edition))
        patch.setenv(parallel.ENV, "single")
        one = run_cli("build", "--project", str(whole), "--no-verify", "--to", "pdf")
    assert one.exit_code == 0, one.output
    return edition, whole, split


def test_the_parts_build_and_verify_like_one_layout(laid_out):
    edition, whole, split = laid_out
    assert split.exit_code == 0, split.output
    assert "EPUBCheck: 0 errors, 0 warnings" in split.output
    assert "0 problem(s)" in split.output
    for line in (line for line in split.output.splitlines() if line.startswith("fidelity ")):
        words = line.split(": ")[1].split()[0]
        found, total = words.split("/")
        assert found == total, line


def test_same_pages_same_text(laid_out):
    edition, whole, _ = laid_out
    merged, single = _pages(edition / "build" / f"{NAME}.pdf"), _pages(whole / "build" / f"{NAME}.pdf")
    assert len(merged) == len(single) > 50
    assert [i + 1 for i, (a, b) in enumerate(zip(merged, single)) if a != b] == []


def test_same_structure_labels_and_bookmarks(laid_out):
    edition, whole, _ = laid_out
    files = [edition / "build" / f"{NAME}.pdf", whole / "build" / f"{NAME}.pdf"]
    figures = [pdfstructure.check(path)[1] for path in files]
    assert figures[0]["problems"] == 0
    assert figures[0]["elements"] == figures[1]["elements"] and figures[0]["links"] == figures[1]["links"]
    opened = [pikepdf.open(path) for path in files]
    try:
        labels = [[page.label for page in pdf_.pages] for pdf_ in opened]
        assert labels[0] == labels[1] and "1" in labels[0] and "i" in labels[0]
        outlines = []
        for pdf_ in opened:
            with pdf_.open_outline() as outline:
                outlines.append([(item.title, pdf_.pages.index(item.destination[0]) if isinstance(
                    item.destination, pikepdf.Array) else None) for item in outline.root])
        assert outlines[0] == outlines[1] and len(outlines[0]) > 5
        dests = [sorted(str(k) for k in pikepdf.NameTree(pdf_.Root.Names.Dests).keys()) for pdf_ in opened]
        assert dests[0] == dests[1]
    finally:
        for pdf_ in opened:
            pdf_.close()


def _layout(project: Path):
    book = pipeline.check(project).book
    return book, parallel.layout(book, html.write_html(book, pdf.print_css(book.config)))


def test_a_rebuild_takes_the_parts_from_the_cache_and_gives_the_same_bytes(laid_out, monkeypatch):
    edition, _, _ = laid_out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, again = _layout(edition)
    assert again.layouts == (0,) * len(again.layouts)
    assert again.pdfs[0] == (edition / "build" / f"{NAME}.pdf").read_bytes()


def _cold_store(monkeypatch, folder: Path) -> None:
    """The parts laid out as in a first build: an empty cache, no page count remembered."""
    from lectio import cache
    from lectio.render import partwork

    monkeypatch.setattr(partwork, "store_for", lambda config: cache.Store(folder, partwork.KIND))


def test_a_wrong_first_guess_lays_each_part_out_once_with_the_folios_of_one_layout(laid_out, monkeypatch,
                                                                                 tmp_path):
    """(Before the edit below: the edition is still the one laid out in one piece.)"""
    edition, whole, _ = laid_out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _cold_store(monkeypatch, tmp_path)
    monkeypatch.setattr(parallel, "CHARS_PER_PAGE", parallel.CHARS_PER_PAGE // 3)  # pages guessed 3x too many
    book, again = _layout(edition)
    texts = parallel.split(html.write_html(book, pdf.print_css(book.config)))
    assert any(parallel._guess(text) != count for text, count in zip(texts[1:-1], again.counts[1:-1]))
    # the front matter prints the others' pages (twice); every other part once, at the place it was guessed
    assert again.layouts[0] <= 2 and again.layouts[1:] == (1,) * (len(texts) - 1), again.layouts
    assert again.passes[-1] == 1  # the back matter laid out with the readings' pages it prints already in
    # the back matter follows the readings in the first round (laid out once they tell their facts), the
    # front matter is laid out again in the second with the others' real pages: no third round
    assert again.rounds == 2
    assert again.pdfs[0] == (edition / "build" / f"{NAME}.pdf").read_bytes()  # whatever the guesses were
    merged = tmp_path / "merged.pdf"
    merged.write_bytes(again.pdfs[0])
    single, pages = _pages(whole / "build" / f"{NAME}.pdf"), _pages(merged)
    assert [(i + 1, a, b) for i, (a, b) in enumerate(zip(pages, single)) if a != b] == []
    assert len(pages) == len(single)
    with pikepdf.open(merged) as one, pikepdf.open(whole / "build" / f"{NAME}.pdf") as other:
        assert [page.label for page in one.pages] == [page.label for page in other.pages]


def test_a_failed_part_aborts_the_parts_waiting_for_it(laid_out, monkeypatch, tmp_path):
    """The front matter fails while the next part waits for its real first page: the waiting part is
    told to stop at once, and the book falls back to one layout."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from lectio.errors import RenderError
    from lectio.render import partwork, rendezvous

    edition, _, _ = laid_out
    _cold_store(monkeypatch, tmp_path)
    monkeypatch.setattr(rendezvous, "TIMEOUT", 60.0)
    stopped = []

    def lay_out(config, text, part, planned, early=None):
        if part.meeting is None:
            time.sleep(0.5)
            raise RenderError("a part failed")
        try:
            rendezvous.wait(part.meeting)
        except rendezvous.Aborted:
            stopped.append(threading.current_thread().name)
            raise

    monkeypatch.setattr(partwork, "lay_out", lay_out)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", lambda workers, mp_context: ThreadPoolExecutor(4))
    started = time.monotonic()
    book = pipeline.check(edition).book
    assert parallel.layout(book, html.write_html(book, pdf.print_css(book.config))) is None
    assert stopped and time.monotonic() - started < 30


def _edit_a_word(source: Path, apparatus: str) -> None:
    """One word of ``source`` that no apparatus entry quotes, set in capitals."""
    text = source.read_text(encoding="utf-8")
    word = next(w for w in text.split() if w.isalpha() and len(w) > 6 and w.lower() not in apparatus)
    source.write_text(text.replace(word, word.upper(), 1), encoding="utf-8")


def test_an_edit_lays_out_its_part_again_not_the_front_matter(laid_out, monkeypatch):
    edition, _, _ = laid_out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    book = pipeline.check(edition).book
    before = parallel.split(html.write_html(book, pdf.print_css(book.config)))
    _edit_a_word(edition / "texts" / "B.txt", (edition / "apparatus.toml").read_text(encoding="utf-8").lower())
    book, again = _layout(edition)
    after = parallel.split(html.write_html(book, pdf.print_css(book.config)))
    changed = [k for k, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed and 0 not in changed
    assert again.layouts[0] == 0 and all(again.layouts[k] == 1 for k in changed)
    assert all(n == 0 for k, n in enumerate(again.layouts) if k < changed[0])
    with pikepdf.open(io.BytesIO(again.pdfs[0])) as merged:
        assert len(merged.pages) == again.facts.count


def test_the_single_process_path_is_kept_below_the_threshold(monkeypatch):
    monkeypatch.delenv(parallel.ENV, raising=False)
    small = "<html><head></head><body>" + "x" * 1000 + "</body></html>"
    assert not parallel.wanted(small)
    monkeypatch.setenv(parallel.ENV, "parallel")
    assert parallel.wanted(small)
    monkeypatch.setenv(parallel.ENV, "single")
    assert not parallel.wanted("<p>" + "x" * (parallel.THRESHOLD + 1) + "</p>")



def _page_list(epub: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
    items = nav[nav.index('epub:type="page-list"'):].split("</ol>")[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in items.split("<a ")[1:]]


def test_the_facts_told_before_the_merge_give_the_epub_of_the_merged_book(laid_out, monkeypatch, tmp_path):
    """The parts tell the book's facts once, before their PDFs are merged (and before the front matter
    is laid out again with the others' pages); the EPUB the build made from them is the EPUB of the
    merged layout, byte for byte."""
    from lectio import build

    edition, _, _ = laid_out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _cold_store(monkeypatch, tmp_path / "cache")
    book = pipeline.check(edition).book
    told = []
    merged = parallel.layout(book, html.write_html(book, pdf.print_css(book.config)), told.append)
    assert len(told) == 1 and merged.rounds == 2  # told in the first round, the front matter laid out again after
    assert build.epub_inputs(book, told[0]) == build.epub_inputs(book, merged)
    (tmp_path / "early").mkdir()
    (tmp_path / "merged").mkdir()
    early = build.make_epub(book, told[0], tmp_path / "early")
    made = build.make_epub(book, merged, tmp_path / "merged")
    assert early.read_bytes() == made.read_bytes()
    assert _page_list(made) == list(merged.facts.labels())


def test_an_epub_made_from_facts_that_changed_is_made_again(laid_out, monkeypatch, tmp_path):
    """When the merged layout's facts differ from those told (here: told one page short), the EPUB is
    made again from the merged layout, and that one is checked and kept."""
    from lectio import build

    edition, _, _ = laid_out
    copy = tmp_path / "edition"
    subprocess.run(["cp", "-r", str(edition), str(copy)], check=True)
    subprocess.run(["rm", "-rf", str(copy / "build" / ".cache")], check=True)
    real = parallel.layout
    short = []

    def layout(book, text, told=None):
        def tell(facts):
            short.append(facts)
            told(type(facts)(facts.pages[:-1], facts.lines, facts.starts[:-1]))
        return real(book, text, tell)

    monkeypatch.setenv(parallel.ENV, "parallel")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(parallel, "layout", layout)
    lines = []
    result = build.build(copy, echo=lines.append)
    assert short and not result.errors, lines
    assert "EPUBCheck: 0 errors, 0 warnings" in lines
    epub = copy / "build" / f"{NAME}.epub"
    assert _page_list(epub) == list(short[0].labels())  # every page, not the one short told
