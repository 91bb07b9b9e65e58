"""Default stylesheets are package data; a project stylesheet overrides them, or replaces them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from lectio import config as configuration
from lectio.render import epub, pdf, styles

CALL = '.footnote::footnote-call { content: "‹" counter(footnote) "›"; }\n'


def with_stylesheet(new_built: Path, tmp_path: Path, css: str, key: str = "print_css") -> Path:
    root = tmp_path / "ed"
    shutil.copytree(new_built, root, ignore=shutil.ignore_patterns("build"))
    (root / "styles").mkdir()
    (root / "styles" / "own.css").write_text(css, encoding="utf-8")
    toml = root / "edition.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(f'# {key} = ""', f'{key} = "styles/own.css"'),
                    encoding="utf-8")
    return root


def test_defaults_come_from_the_package(new_built: Path):
    sheet = styles.stylesheet(configuration.load(new_built), "print")
    assert sheet.sources == ("lectio/data/print.css",)
    assert Path(styles.data_dir(), "print.css").read_text(encoding="utf-8") in sheet.css
    assert not (new_built / "styles").exists()


def test_project_stylesheet_overrides_one_rule(new_built: Path, tmp_path: Path):
    from lectio import pipeline
    from lectio.render import html

    root = with_stylesheet(new_built, tmp_path, CALL)
    book = pipeline.check(root).book
    css = pdf.print_css(book.config)
    assert css.index("@footnote") < css.index(CALL)  # the default first, the project's rule after it
    target = tmp_path / "out.pdf"
    target.write_bytes(pdf.pdf_bytes(pdf.layout(html.write_html(book, css), book.config), book.config))
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "‹1›" in text and "‹2›" in text
    assert "Source Serif Pro" in css and "@page" in css  # the rest of the default still applies


def test_replace_marker_drops_the_default(new_built: Path, tmp_path: Path):
    own = "/* lectio: replace */\nbody { font-family: \"Source Serif Pro\"; }\n"
    root = with_stylesheet(new_built, tmp_path, own, key="epub_css")
    config = configuration.load(root)
    sheet = styles.stylesheet(config, "epub")
    assert sheet.css == own and sheet.sources == ("styles/own.css",)
    made = epub.epub_css(config)
    assert made.endswith(own) and ".siglum" not in made
    assert re.search(r"@footnote", pdf.print_css(config))  # the print default is untouched
