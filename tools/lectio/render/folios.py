"""The printed page numbers (folios) of the laid-out book, and the PDF's page labels.

The print stylesheet numbers the front matter (everything before the first reading:
half-title, title, imprint, contents, Note on the text, Introduction) in lower-case roman
and the main matter in arabic from 1: the first reading opens a page group named
``main`` whose first page resets the page counter. The unnumbered pages of the front
matter (half-title, title, imprint, contents, blank versos) count: the Note on the text
opening on the seventh page is vii, as in most printed books.

``page_labels`` gives every physical page its printed number, from the laid-out
Document; ``add_page_labels`` writes the same as the PDF's ``/PageLabels``, so a viewer's
page box shows "vii" and "12" where the book prints them. A page-list that names pages
(the EPUB's) should use these labels, not the physical page numbers.
"""

from __future__ import annotations

from lectio.render import laidout

MAIN = "main"  # the page name print.css gives the main matter's first page group
NUMERALS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
            (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(number: int) -> str:
    """``roman(7)`` → ``vii``."""
    out = []
    for value, letters in NUMERALS:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def main_matter_start(document) -> int:
    """The index (0-based) of the first page of the main matter; 0 when the book has no front matter."""
    for index, page in enumerate(document.pages):
        page_type = getattr(laidout.page_box(page), "page_type", None)
        if getattr(page_type, "name", None) == MAIN and not getattr(page_type, "blank", False):
            return index
    return 0


def page_labels(document) -> tuple[str, ...]:
    """Every page's printed number, in order: ``("i", "ii", …, "1", "2", …)``."""
    start = main_matter_start(document)
    return tuple(roman(index + 1) if index < start else str(index - start + 1)
                 for index in range(len(document.pages)))


def label_ranges(document) -> list[tuple[int, str, int]]:
    """The /PageLabels number tree as (first page index, style, first number): roman, then decimal."""
    start = main_matter_start(document)
    return ([(0, "r", 1)] if start else []) + [(start, "D", 1)]


def labelled(then=None):
    """A WeasyPrint ``finisher`` that adds the page labels (``add_page_labels``), then runs ``then``."""
    def finish(document, pdf) -> None:
        add_page_labels(document, pdf)
        if then is not None:
            then(document, pdf)
    return finish


def add_page_labels(document, pdf) -> None:
    """The catalog's /PageLabels from ``label_ranges``."""
    import pydyf

    numbers = []
    for index, style, first in label_ranges(document):
        numbers += [index, pydyf.Dictionary({"S": f"/{style}", "St": first})]
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(numbers)})
