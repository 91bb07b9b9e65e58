"""The seed's indexes in the built book: every page number the PDF's index of names prints is a page
where the name stands in the PDF's text of the readings (their running text and notes), and every
such page is printed; the index of passages cited gives the pages of the citing notes; the EPUB's
indexes link to the paragraphs."""

import re
import tomllib
import zipfile

import pytest
from pypdf import PdfReader

NAME = "collectivization-reader"


@pytest.fixture(scope="module")
def reader(built):
    return PdfReader(built / "build" / f"{NAME}.pdf")


@pytest.fixture(params=["seed", "federalist"])
def book(request):
    """(project root, its PDF) of the seed and of the example that keeps a names list."""
    if request.param == "seed":
        root = request.getfixturevalue("built")
        return root, root / "build" / f"{NAME}.pdf"
    example = request.getfixturevalue("example_build")("federalist")
    assert example.build.exit_code == 0, example.build.output
    return example.root, example.output("pdf")


@pytest.fixture(scope="module")
def chapters(reader):
    return {item.title: reader.get_destination_page_number(item)
            for item in reader.outline if not isinstance(item, list)}


@pytest.fixture(scope="module")
def edition(built):
    return tomllib.loads((built / "edition.toml").read_text(encoding="utf-8"))


def flat(text: str) -> str:
    """A page's text on one line, words broken at a line end joined again."""
    return " ".join(re.sub(r"-\n(?=[a-z])", "", text).split())


def index_entries(reader, first: int, last: int, headings: list[str]) -> dict[str, str]:
    """heading → the folios printed after it, from the index's pages ``first``..``last - 1``."""
    text = flat(" ".join(reader.pages[i].extract_text() for i in range(first, last)))
    out = {}
    for heading in headings:
        found = re.search(re.escape(heading) + r", ((?:[0-9ivxlc]+(?:–[0-9ivxlc]+)?(?:, )?)+)", text)
        if found:
            out[heading] = found.group(1).rstrip(", ")
    return out


def expand(printed: str, labels: list[str]) -> set[str]:
    pages = set()
    for part in printed.split(", "):
        first, _, last = part.partition("–")
        start, end = labels.index(first), labels.index(last or first)
        pages.update(labels[start:end + 1])
    return pages


def reading_pages(reader, chapters, edition) -> dict[int, str]:
    """Page index → its text without the furniture (running head, folio, chapter heading), for the
    pages of the readings (from the first reading's chapter to "Readings compared")."""
    titles = [r["title"] for r in edition["readings"]]
    first = min(chapters[t] for title in titles for t in chapters if title in t)
    last = chapters["Readings compared"]
    out = {}
    for index in range(first, last):
        text = flat(reader.pages[index].extract_text())
        for title in titles + [edition["edition"]["title"], edition["edition"]["title"].upper()]:
            text = text.replace(title, " ")
        out[index] = text
    return out


def test_name_index_pages_are_where_the_names_stand(book):
    root, pdf = book
    reader = PdfReader(pdf)
    chapters = {item.title: reader.get_destination_page_number(item)
                for item in reader.outline if not isinstance(item, list)}
    edition = tomllib.loads((root / "edition.toml").read_text(encoding="utf-8"))
    listed = tomllib.loads((root / edition["index"]["names"]).read_text(encoding="utf-8"))["name"]
    labels = list(reader.page_labels)
    start = chapters["Index of names"]
    printed = index_entries(reader, start, chapters["Index of passages cited"], [n["name"] for n in listed])
    pages = reading_pages(reader, chapters, edition)
    assert len(printed) == len(listed) >= 4
    for name in listed:
        pattern = "|".join(rf"(?<!\w){re.escape(form)}(?!\w)" for form in name.get("forms", [name["name"]]))
        wanted = {labels[i] for i, text in pages.items() if re.search(pattern, text)}
        assert expand(printed[name["name"]], labels) == wanted, name["name"]


def test_passage_index_gives_the_pages_of_the_citing_notes(built, reader, chapters):
    labels = list(reader.page_labels)
    start = chapters["Index of passages cited"]
    text = flat(" ".join(reader.pages[i].extract_text() for i in range(start, len(reader.pages))))
    found = re.search(r"The Best Sons of the Fatherland.*?1987, ((?:\d+(?:–\d+)?(?:, )?)+)", text)
    assert found, text[:400]
    readings = range(chapters[next(t for t in chapters if t.startswith("M "))], chapters["Readings compared"])
    wanted = {labels[i] for i in readings if re.search(r"\[Probably (Lynne )?Viola", flat(reader.pages[i].extract_text()))}
    assert wanted and expand(found.group(1).rstrip(", "), labels) == wanted


def test_epub_index_links_to_paragraphs(built):
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as epub:
        files = {n: epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml")}
    [index] = [text for text in files.values() if 'id="index-names"' in text]
    assert 'epub:type="index"' in index
    links = re.findall(r'<a href="(ch\d+\.xhtml)#([MS]-\d+)">([MS] \d+)</a>', index)
    assert len(links) > 20
    for file, anchor, label in links:
        assert f'id="{anchor}"' in files[f"EPUB/text/{file}"] and anchor.replace("-", " ") == label
