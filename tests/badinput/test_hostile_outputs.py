"""Defence in depth: hostile HTML that reached a note's formatted HTML (past ``check``)
never reaches the PDF or the EPUB; stylesheets cannot fetch files from outside the
project; pandoc's failures read as one line."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pikepdf

from lectio import pandoc, pipeline
from lectio.render import epub, html, sanitize
from lectio.render.fetcher import ConfinedFetcher
from tests.conftest import make_tiny_project, run_cli

HOSTILE = ('See <script>alert(1)</script><img src="x.svg" onerror="alert(2)"><svg><script>3</script></svg>'
           '<iframe src="file:///etc/passwd"></iframe><object data="/etc/passwd"></object><embed src="a.svg">'
           '<a href="javascript:alert(4)">js</a> <a href="file:///etc/passwd">file</a> '
           '<a href="data:text/html,x">data</a> <a href="https://example.org/">web</a> '
           '<a href="#fn1">here</a> <em onclick="x()">Viola</em>.')
GONE = ("script", "<img", "<svg", "<iframe", "<object", "<embed", "onerror", "onclick", "javascript:", "file:",
        "data:", "x.svg", "a.svg", "/etc/passwd")


def test_clean_keeps_lectio_markup_and_safe_links_only():
    cleaned = sanitize.clean(HOSTILE)
    for bad in GONE:
        assert bad not in cleaned, bad
    assert '<a href="https://example.org/">web</a>' in cleaned and '<a href="#fn1">here</a>' in cleaned
    assert "<em>Viola</em>" in cleaned and "<a>js</a>" in cleaned  # the text stays, the link goes
    assert sanitize.clean("a\u00a0b") == "a\u00a0b"  # no &nbsp;, which XHTML does not know


def test_hostile_note_html_reaches_neither_the_print_html_nor_the_epub(tmp_path: Path):
    root = make_tiny_project(tmp_path / "tiny")
    book = pipeline.check(root).book
    book.readings[0].text.notes[0].html = HOSTILE
    book.bibliography_html[0] = HOSTILE
    printed = html.write_html(book)
    for bad in GONE:
        assert bad not in printed.split("</style>")[-1], bad
    made = epub.render_epub(book)
    (tmp_path / "t.epub").write_bytes(made)
    with zipfile.ZipFile(tmp_path / "t.epub") as package:
        names = package.namelist()
        xhtml = "".join(package.read(n).decode("utf-8") for n in names if n.endswith(".xhtml") and "cover" not in n)
    assert not [n for n in names if n.endswith((".svg", ".png", ".jpg", ".gif")) and "cover" not in n]
    for bad in GONE:
        assert bad not in xhtml, bad
    assert 'href="https://example.org/"' in xhtml


def test_stylesheet_fetches_out_of_the_project_are_refused_and_reported(tmp_path: Path):
    root = make_tiny_project(tmp_path / "tiny")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG not really")
    os.symlink(tmp_path / "outside.png", root / "inside.png")
    css = root / "print.css"
    css.write_text("@import url(file:///etc/passwd);\n" + css.read_text(encoding="utf-8") +
                   "\nbody { background: url(../outside.png); }\nh1 { background: url(inside.png); }\n",
                   encoding="utf-8")
    result = run_cli("build", "--project", str(root), "--no-verify", "--to", "pdf")
    assert result.exit_code == 0, result.output
    lines = css.read_text(encoding="utf-8").count("\n")
    for where, url in ((f"{css}:1:9", "file:///etc/passwd"),  # an @import WeasyPrint ignores is named too
                       (f"{css}:{lines - 1}:20", (tmp_path / "outside.png").as_uri()),
                       (f"{css}:{lines}:18", (root / "inside.png").as_uri())):  # a link pointing out
        assert f"{where}: warning: not loaded: {url} (asked for by the stylesheet {css}); only files inside the " \
               "project are loaded [render.fetch-refused]" in result.output, url
    with pikepdf.open(root / "build" / "tiny.pdf") as pdf:
        assert [name for page in pdf.pages for name in page.get_images()] == []


def test_a_sibling_folder_named_like_the_project_is_outside(tmp_path: Path):
    project, sibling = tmp_path / "book", tmp_path / "book-private"
    project.mkdir()
    sibling.mkdir()
    (sibling / "secret.css").write_text("x")
    fetcher = ConfinedFetcher([project])
    try:
        fetcher.fetch((sibling / "secret.css").as_uri())
    except ValueError:
        pass
    assert fetcher.refused == [(sibling / "secret.css").as_uri()]


def test_pandoc_failures_lose_the_haskell_call_stack():
    stderr = ("pandoc: Could not find data file templates/x\nCallStack (from HasCallStack):\n"
              "  error, called at src/Text/Pandoc/Class.hs:345:5 in pandoc-3.1:Text.Pandoc.Class\n")
    assert pandoc.clean_message(stderr) == "Could not find data file templates/x"
    try:
        pandoc.run(["-f", "nosuchformat"], "x", what="notes")
    except Exception as error:  # noqa: BLE001 - the message is what is tested
        assert str(error).startswith("error: notes: pandoc failed: Unknown input format nosuchformat")
        assert "CallStack" not in str(error) and "\n" not in str(error).split("[")[0]


def test_check_warns_of_stylesheet_urls_out_of_the_project(tmp_path: Path, monkeypatch):
    root = make_tiny_project(tmp_path / "tiny")
    (root / "print.css").write_text("body { background: url(../../outside.png); }\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = run_cli("check")
    assert result.exit_code == 0
    assert f"print.css:1:20: warning: not loaded: {(tmp_path.parent / 'outside.png').as_uri()} (asked for by the " \
           "stylesheet print.css)" in result.output
