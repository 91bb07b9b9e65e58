"""Stage 8: check what was made, each check one module with one entry function.

- ``epubcheck.verify_epub(epub)``: EPUBCheck's messages (an EPUB passes with no error and no warning);
- ``preflight.check(pdf, expected)``: page boxes, fonts, page count, variant, metadata;
- ``pdfstructure.check(pdf, notes)``: the tagged PDF's structure (artifacts, links, notes, headings);
- ``fidelity.check(book, pdf, epub)``: every word, note, citation and apparatus passage of the
  document model found in the PDF's and the EPUB's text.

Each returns findings (values with a code and a fix, like a lint) and figures for the report;
``lectio verify`` fails on any error.
"""

from __future__ import annotations

from lectio.verify.epubcheck import check_epub, epubcheck_jar, java, run_epubcheck, verify_epub


def check_pdf(pdf, expected=None):
    """The PDF preflight (``lectio.verify.preflight``): boxes, fonts, page count, variant, metadata."""
    from lectio.verify import preflight

    return preflight.check(pdf, expected)


def check_pdf_structure(pdf, expected_notes=None):
    """The PDF structure check (``lectio.verify.pdfstructure``): tags, artifacts, links, notes, headings."""
    from lectio.verify import pdfstructure

    return pdfstructure.check(pdf, expected_notes)


__all__ = ["check_epub", "check_pdf", "check_pdf_structure", "epubcheck_jar", "java", "run_epubcheck", "verify_epub"]
