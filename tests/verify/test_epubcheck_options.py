"""EPUBCheck's JVM: the quick compiler alone for a short book, both compilers for a long one, by the
bytes of its content documents (``epubcheck.jvm_options``; docs/performance.md gives the figures)."""

from __future__ import annotations

import io
import zipfile

from lectio.verify import epubcheck


def epub(xhtml: int, other: int = 0) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/epub+zip")
        package.writestr("EPUB/text/ch001.xhtml", "x" * xhtml)
        package.writestr("EPUB/fonts/face.otf", b"\0" * other)  # fonts and images do not count
    return data.getvalue()


def test_a_short_book_gets_the_quick_compiler_alone(tmp_path):
    assert epubcheck.jvm_options(epub(1000, other=5_000_000)) == (*epubcheck.QUICK, *epubcheck.JVM_OPTIONS)
    path = tmp_path / "short.epub"
    path.write_bytes(epub(epubcheck.LONG_RUN - 1))
    assert epubcheck.text_bytes(path) == epubcheck.LONG_RUN - 1
    assert epubcheck.QUICK[0] in epubcheck.jvm_options(path)


def test_a_long_book_gets_both_compilers():
    assert epubcheck.jvm_options(epub(epubcheck.LONG_RUN)) == epubcheck.JVM_OPTIONS


def test_a_file_that_is_no_epub_counts_as_short(tmp_path):
    path = tmp_path / "broken.epub"
    path.write_bytes(b"not a zip")
    assert epubcheck.text_bytes(path) == 0 and epubcheck.text_bytes(tmp_path / "missing.epub") == 0
