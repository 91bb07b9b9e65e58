"""Markdown, Word and HTML sources read by pandoc: every construct printed in the PDF and the
EPUB, notes attached, file:line kept. One project (three readings) is built once for the module."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from lectio import pandoc, pipeline
from tests.conftest import TINY_BIB, TINY_EDITION, run_cli

MARKDOWN = """# Every construct

A paragraph with **bold words**, _emphasis_, `it's code`, a [link](https://example.org/a'b),
H~2~O and x^2^, [small capitals]{.smallcaps} and ~~struck words~~.[^1] See also
[@viola1987, p. 7]. An inline note.^[Inline *note* text.]

- first bullet
- second bullet
    1. nested ordered one
    2. nested ordered two

> Quoted once.
>
> > Quoted twice.

| Name | Year |
|------|------|
| Tabled | 1929 |

```
verbatim 'code' **kept**
```

---

| Verse line one
| verse line two

Term word
: Its definition.

[^1]: Footnote *with* [@viola1987].
"""

DOCX_MARKDOWN = """---
title: Word reading
author: An Author
---

Word paragraph one.[^1]

Word paragraph **two** cites [@viola1987].

[^1]: A Word footnote *with emphasis*.
"""

HTML = """<html><head><style>p { color: red }</style><script>alert(1)</script></head><body>
<h2>Html heading</h2>
<p onclick="steal()">Html paragraph <b>strong</b>.<sup><a href="#fn1" id="fnref1">1</a></sup></p>
<section class="footnotes"><ol><li id="fn1"><p>Html footnote text. <a href="#fnref1">\u21a9</a></p></li></ol></section>
</body></html>
"""

EDITION = TINY_EDITION.split("[[readings]]")[0] + """[[readings]]
siglum = "A"
title = "Markdown reading"
source = "a.md"

[[readings]]
siglum = "B"
title = "Word reading"
source = "b.docx"

[[readings]]
siglum = "C"
title = "Html reading"
source = "c.html"

[bibliography]
files = ["t.bib"]
"""


def make_docx(markdown: str, target: Path) -> None:
    subprocess.run([pandoc.executable(), "-f", "markdown", "-t", "docx", "-o", str(target)],
                   input=markdown.encode(), check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readers")
    (root / "edition.toml").write_text(EDITION, encoding="utf-8")
    (root / "a.md").write_text(MARKDOWN, encoding="utf-8")
    make_docx(DOCX_MARKDOWN, root / "b.docx")
    (root / "c.html").write_text(HTML, encoding="utf-8")
    (root / "t.bib").write_text(TINY_BIB, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(project: Path):
    result = run_cli("build", "--project", str(project))
    assert result.exit_code == 0, result.output
    return project, result.output


@pytest.fixture(scope="module")
def checked(project: Path):
    return pipeline.check(project)


def _xhtml(root: Path) -> str:
    with zipfile.ZipFile(root / "build" / "tiny.epub") as epub:
        return "".join(epub.read(n).decode() for n in sorted(epub.namelist()) if n.endswith(".xhtml"))


def _pdf_text(root: Path) -> str:
    return subprocess.run(["pdftotext", str(root / "build" / "tiny.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_every_markdown_construct_is_in_the_epub(built):
    xhtml = _xhtml(built[0])
    for needle in ("<strong>bold words</strong>", "<em>emphasis</em>", "<code>it's code</code>",
                   "<a href=\"https://example.org/a'b\">link</a>", "<sub>2</sub>", "<sup>2</sup>",
                   '<span class="smallcaps">small capitals</span>', "<del>struck words</del>", "<ul>", "<ol",
                   "nested ordered two", "<table", "<th>Name</th>", "<td>Tabled</td>", "verbatim 'code' **kept**",
                   "<hr", "Verse line one<br/>", "<dt>Term word</dt>", "Its definition."):
        assert needle in xhtml, needle
    assert re.search(r"<blockquote>\s*<div id=\"A-7\" class=\"para\">\s*<blockquote>\s*<p>.*?</span> "
                     r"(?:<span id=\"A-p\d+-l\d+\"/>)?Quoted twice", xhtml)  # a quotation in a quotation, A 7
    # (with the anchor of its first print line, docs/lines.md)
    assert "Footnote <em>with</em>" in xhtml and "Inline <em>note</em> text." in xhtml
    body = re.sub(r"<pre.*?</pre>", "", xhtml, flags=re.S)
    assert "**" not in body and "_emphasis_" not in body and "~~" not in body and "^[" not in body


def test_every_markdown_construct_is_in_the_pdf(built):
    text = _pdf_text(built[0])
    flat = " ".join(text.split())
    for needle in ("bold words", "emphasis", "it's code", "nested ordered two", "Quoted twice", "Tabled 1929",
                   "verbatim 'code' **kept**", "Term word", "Its definition.", "Footnote with",
                   "Inline note text.", "Word paragraph two", "A Word footnote with emphasis.",
                   "Html paragraph strong.", "Html footnote text."):
        assert needle in flat, needle
    assert "Verse line one\nverse line two" in text  # the verse keeps its line break
    assert "_emphasis_" not in flat and "~~" not in flat and "^[" not in flat and "**bold" not in flat
    import pypdf

    uris = [a.get_object()["/A"].get("/URI") for page in pypdf.PdfReader(built[0] / "build" / "tiny.pdf").pages
            for a in page.get("/Annots") or [] if "/A" in a.get_object()]
    assert "https://example.org/a'b" in uris  # the link is live, its address untouched by the quote rules


def test_fidelity_is_complete_for_every_reader(built):
    lines = [line for line in built[1].splitlines() if line.startswith("fidelity")]
    assert len(lines) == 3
    for line in lines:
        words = re.search(r"(\d+)/(\d+) words in PDF, (\d+)/(\d+) in EPUB", line)
        assert words and words[1] == words[2] == words[3] == words[4], line


def test_word_footnotes_are_the_readings_notes(checked):
    reading = next(r for r in checked.book.readings if r.siglum == "B")
    notes = [n.markdown for n in reading.text.notes]
    assert notes == ["A Word footnote *with emphasis*.", "[@viola1987]"]
    # Word's Title paragraph is the chapter title (not printed twice); its Author paragraph is kept, as a
    # byline without a number
    assert [(b.text, b.number) for b in reading.text.blocks] == [
        ("An Author", None), ("Word paragraph one.", 1), ("Word paragraph two cites.", 2)]
    assert reading.text.notes[0].location.file.endswith("b.docx") and reading.text.notes[0].location.line == 3


def test_html_footnote_and_script(checked):
    reading = next(r for r in checked.book.readings if r.siglum == "C")
    assert [n.markdown for n in reading.text.notes] == ["Html footnote text."]
    assert [b.text for b in reading.text.blocks] == ["Html heading", "Html paragraph strong."]
    dropped = [f for f in checked.findings if f.code == "sources.html-dropped"]
    assert {f.message.split(" in ")[0] for f in dropped} == {"1 × script", "1 × style sheet", "1 × event handler"}
    assert not [f for f in checked.findings if f.code == "sources.raw-html"]


def test_markdown_notes_citations_and_numbers(checked):
    text = next(r for r in checked.book.readings if r.siglum == "A").text
    assert [n.markdown for n in text.notes] == ["Footnote *with* [@viola1987].", "[See also @viola1987, p. 7]",
                                                 "Inline *note* text."]
    definition = MARKDOWN.splitlines().index("[^1]: Footnote *with* [@viola1987].") + 1
    assert (text.notes[0].location.line, text.notes[0].text_location.line) == (4, definition)
    assert [n.location.line for n in text.notes[1:]] == [5, 5]
    kinds = [(b.kind, b.number) for b in text.blocks]
    assert kinds[:5] == [("heading", None), ("para", 1), ("item", 2), ("item", 3), ("item", 4)]
    assert ("code", None) in kinds and ("rule", None) in kinds and ("verse", 8) in kinds and kinds[-2:] == [("term", None), ("para", 9)]


def test_a_finding_in_markdown_keeps_file_line_and_column(tmp_path):
    from lectio import sources

    path = tmp_path / "q.md"
    path.write_text("# Title\n\nFirst **bold** paragraph.\n\nA `code \"span\"` then \"an open quotation\nthat "
                    "never closes.\n", encoding="utf-8")
    text, findings = sources.read_text("Q", path)
    unclosed = [f for f in findings if f.code == "sources.unclosed-quote"]
    assert [(f.location.line, f.location.column) for f in unclosed] == [(5, 22)]
    assert text.blocks[2].text.startswith('A code "span" then \u201can open')
    assert text.location(text.blocks[1], text.blocks[1].text.index("paragraph")) .line == 3


def test_word_source_is_never_written_and_has_a_size_limit(project: Path):
    before = (project / "b.docx").read_bytes()
    result = run_cli("normalize", "B", "--write", "--project", str(project))
    assert result.exit_code == 1 and "is a Word or HTML file" in result.output
    assert (project / "b.docx").read_bytes() == before and not (project / "b.docx.orig").exists()
    from lectio import sources
    from lectio.errors import SourceError

    with pytest.raises(SourceError) as refused:
        sources.read_text("B", project / "b.docx", max_mb=len(before) / 2_000_000)
    assert refused.value.code == "sources.too-large"


WORD_HTML = """<html><body><p class=MsoNormal>Word text<a style='mso-footnote-id:ftn1' href="#_ftn1"
name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a> more.</p>
<div style='mso-element:footnote-list'><br clear=all><hr align=left size=1 width="33%">
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"><span
class=MsoFootnoteReference>[1]</span></a> Word's footnote [@viola1987].</p></div></div></body></html>
"""


@pytest.mark.parametrize("made_by", ["word", "pandoc"])
def test_html_footnotes_as_word_and_pandoc_write_them(tmp_path, made_by):
    from lectio import sources

    path = tmp_path / "n.html"
    if made_by == "word":
        path.write_text(WORD_HTML, encoding="utf-8")
    else:
        subprocess.run([pandoc.executable(), "-f", "markdown", "-t", "html", "-o", str(path)], check=True,
                       input=b"Word text[^1] more.\n\n[^1]: Word's footnote [@viola1987].\n")
    text, _ = sources.read_text("N", path)
    assert [b.text for b in text.blocks] == ["Word text more."]
    assert [n.markdown for n in text.notes] == ["Word\u2019s footnote [@viola1987]."]
    assert [r.position for r in text.blocks[0].notes] == [len("Word text")]


def test_commentaries_read_together_are_read_as_alone():
    from lectio.sources import markdown

    bodies = ["First *one* [@viola1987, p. 2].\n\n- a list", "> A quotation\n\nthen prose.^[An *inline* note.]",
              "A footnote[^1] reads alone.\n\n[^1]: Its text.", "```\nan unclosed fence", "Plain\nlast one."]
    together, alone = markdown.parse_many(bodies), [markdown.parse(body) for body in bodies]

    def shape(parsed):
        return [(b.kind, b.text, b.origin, b.line, [(r.position, r.note.markdown) for r in b.notes])
                for b in parsed.blocks], [offset for _, offset in parsed.notes]

    assert [shape(p) for p in together] == [shape(p) for p in alone]
    assert together[0].blocks[0].notes[0].note.markdown == "[@viola1987, p. 2]"
