"""The EPUB's page-list against the PDF, word by word: for every PDF page, the first word of its text
block (pdftotext, running heads, folios and margin numbers cropped away) and the first word after the
EPUB's marker for that page.

Used by the tests and runnable by hand: ``python -m tests.render.pagecheck book.pdf book.epub [trim layout]``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html import unescape

from lxml import etree

from lectio.render.pagesetup import PageSetup

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
SKIPPED_CLASSES = {"pn"}  # paragraph numbers: in the margin in print


@dataclass(frozen=True)
class PageCheck:
    page: int
    label: str
    pdf_words: tuple[str, ...]  # the first words of the page's text block; empty for a blank page
    epub_word: str  # the first word after the page's marker ("" when none before the next marker)
    following: str  # the first word after the marker and the markers at the same place
    document: str  # the EPUB file the marker is in
    broken: str  # the start of the word hyphenated across the break into this page ("" if none)

    @property
    def exact(self) -> bool:
        """A blank page has no word before the next marker; a page that begins inside a word hyphenated
        across the break has its marker before that word (never inside it); any other, before its first word."""
        if not self.pdf_words:
            return self.epub_word == ""
        return letters(self.broken.rstrip("-\u00ad\u2010") + self.pdf_words[0]) == letters(self.following) != ""


def letters(word: str) -> str:
    alpha = "".join(c for c in word if c.isalpha()).casefold()
    return alpha or "".join(c for c in word if c.isdigit())


def pdf_pages(pdf: str, setup: PageSetup) -> list[list[tuple[str, float]]]:
    """The words of each page's text block (with their heights), in pdftotext's reading order."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    width, height = (v * 72 for v in setup.size)
    m = setup.margins
    pages = []
    for (dx, dy), (number, chunk) in zip(_trim_offsets(pdf), enumerate(out.split("<page ")[1:], start=1)):
        left = (setup.inner if number % 2 else m.outer) * 72 + dx
        right = width - (m.outer if number % 2 else setup.inner) * 72 + dx
        top, bottom = m.top * 72 + dy, height - m.bottom * 72 + dy
        pages.append([(unescape(w), float(y1) - float(y0)) for x0, y0, x1, y1, w in WORD.findall(chunk)
                      if float(y0) >= top - 2 and float(y1) <= bottom + 2
                      and float(x0) >= left - 2 and float(x1) <= right + 2])
    return pages


def _trim_offsets(pdf: str) -> list[tuple[float, float]]:
    """Where each page's trim box starts in pdftotext's coordinates (from the top left of the media box):
    a page with bleed has its text block moved by the bleed."""
    import pikepdf

    with pikepdf.open(pdf) as opened:
        offsets = []
        for page in opened.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.obj.get("/TrimBox", page.MediaBox)]
            offsets.append((trim[0] - media[0], media[3] - trim[3]))
        return offsets


def epub_markers(epub: str) -> dict[int, tuple[str, str, str, str]]:
    """page → (label, document, first word before the next marker, first word past markers at its place)."""
    found: dict[int, tuple[str, str, str, str]] = {}
    with zipfile.ZipFile(epub) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        manifest = {i.get("id"): i.get("href") for i in opf.iter("{http://www.idpf.org/2007/opf}item")}
        for ref in opf.iter("{http://www.idpf.org/2007/opf}itemref"):
            name = "EPUB/" + manifest[ref.get("idref")]
            _scan(etree.fromstring(archive.read(name)), name, found)
    return found


def _scan(root, name: str, found: dict) -> None:
    """Record for each marker its label, its file, the first word before the next marker (own) and the
    first word after it, past markers that stand at the same place (following)."""
    waiting: list[int] = []  # markers with no word after them yet
    current: list[int | None] = [None]

    def text(value: str | None) -> None:
        if not (value and value.split()):
            return
        word = value.split()[0]
        for page in waiting:
            label, document, own, _ = found[page]
            found[page] = (label, document, word if page == current[0] else own, word)
        waiting.clear()

    def walk(element) -> None:
        kinds = (element.get(EPUB_TYPE) or "").split()
        if "pagebreak" in kinds:
            current[0] = int(element.get("id").removeprefix("page-"))
            found[current[0]] = (element.get("aria-label"), name, "", "")
            waiting.append(current[0])
        elif not ({"noteref", "footnote"} & set(kinds) or element.tag == f"{XHTML}aside"
                  or SKIPPED_CLASSES & set((element.get("class") or "").split())
                  or element.tag in (f"{XHTML}head", f"{XHTML}title")):
            text(element.text)
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                text(child.tail)

    walk(root)


def check(pdf: str, epub: str, setup: PageSetup) -> list[PageCheck]:
    pages, markers = pdf_pages(pdf, setup), epub_markers(epub)
    results = []
    for number, words in enumerate(pages, start=1):
        label, document, word, following = markers.get(number, ("", "", "", ""))
        results.append(PageCheck(number, label, tuple(w for w, _ in words[:3]), word, following, document,
                                 _broken(pages[number - 2] if number > 1 else [], words)))
    return results


def _broken(before: list[tuple[str, float]], words: list[tuple[str, float]]) -> str:
    """The previous page's last word in the size of this page's first word, when it ends with a hyphen
    (the page begins inside that word; footnotes, smaller, come after it on the page)."""
    if not words:
        return ""
    same = [w for w, height in before if abs(height - words[0][1]) < 0.3]
    return same[-1] if same and same[-1].endswith(("-", "\u00ad", "\u2010")) else ""


if __name__ == "__main__":
    trim, layout = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("6x9in", "book")
    checks = check(sys.argv[1], sys.argv[2], PageSetup(trim, layout, pages=len(pdf_pages(sys.argv[1], PageSetup(trim, layout)))))
    for c in checks:
        print(f"{c.page:3} {c.label:>5} {'ok ' if c.exact else 'BAD'} pdf={' '.join(c.pdf_words)!r:40} "
              f"epub={c.following!r:20} {c.document.rsplit('/', 1)[-1]}")
    print(f"exact: {sum(c.exact for c in checks)}/{len(checks)}")
