"""The baselines' inputs and commands: the book's Markdown holds every note and citation of the
edition, and the commands name the files, the bibliography and the style that exist."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

import bench_baselines as baselines


def test_markdown_has_every_reading_note_and_entry(editions):
    project, figures = editions[50]
    text = baselines.book_markdown(project)
    calls = re.findall(r"\[\^([A-Z]\d+)\](?!:)", text)
    defined = re.findall(r"^\[\^([A-Z]\d+)\]: ", text, re.M)
    assert len(calls) == len(set(calls)) == figures["notes"]
    assert sorted(calls) == sorted(defined)
    config = tomllib.loads((project / "edition.toml").read_text(encoding="utf-8"))
    for reading in config["readings"]:
        assert f"\n# {reading['title']}\n" in text
    assert text.count("\n## ") >= figures["apparatus"] + 1  # the entries' themes, the introduction's and parts' heads
    assert "\n# Readings compared\n" in text and not re.search(r"\(\d+\)", text)  # no marker left in the text


def test_commands_are_well_formed(editions, tmp_path):
    project = editions[50][0]
    commands = baselines.commands(project, tmp_path, python="py")
    assert set(commands) == {"weasyprint", "pandoc-epub", "pandoc-typst", "typst"}
    epub, typst = commands["pandoc-epub"], commands["pandoc-typst"]
    assert Path(epub[0]).is_file() and epub[0] == typst[0]  # the pandoc lectio runs
    for command in (epub, typst):
        assert "--citeproc" in command and str(tmp_path / baselines.MARKDOWN) in command
        options = dict(arg[2:].split("=", 1) for arg in command if arg.startswith(("--bibliography=", "--csl=")))
        assert Path(options["bibliography"]) == project / "bib" / "scaled.bib"
        assert Path(options["csl"]).name == "chicago-notes-bibliography-17th-edition.csl" and Path(options["csl"]).is_file()
    assert epub[-2:] == ["-o", str(tmp_path / baselines.EPUB)]
    assert typst[typst.index("-t") + 1] == "typst" and "-s" in typst
    assert commands["weasyprint"][:3] == ["py", "-m", "weasyprint"]
    assert commands["weasyprint"][-2:] == [str(tmp_path / baselines.HTML), str(tmp_path / baselines.PDF)]
    assert commands["typst"][-2:] == [str(tmp_path / baselines.TYPST), str(tmp_path / "book-typst.pdf")]


def test_pandoc_typsets_the_notes_with_their_citations(editions, tmp_path):
    project, figures = editions[50]
    markdown = baselines.book_markdown(project)
    (tmp_path / baselines.MARKDOWN).write_text(markdown, encoding="utf-8")
    subprocess.run(baselines.commands(project, tmp_path)["pandoc-typst"], check=True, capture_output=True)
    typst = (tmp_path / baselines.TYPST).read_text(encoding="utf-8")
    # the notes, and a note for each citation of the text (the introduction, the commentaries): a notes style
    in_text = sum(line.count("[@") for line in markdown.splitlines() if not line.startswith("[^"))
    assert in_text >= figures["apparatus"]
    assert typst.count("#footnote[") == figures["notes"] + in_text
    assert "@" not in re.sub(r"#set|#show|#let|//.*", "", typst).split("#footnote[", 1)[1][:2000]  # cited, not raw keys
    assert 'paper: "us-trade"' in typst


def test_prepare_writes_lectios_print_html_with_the_page_geometry(editions, tmp_path):
    project = editions[50][0]
    subprocess.run([baselines.sys.executable, baselines.__file__, str(project), str(tmp_path), "64"], check=True)
    html = (tmp_path / baselines.HTML).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@page { size: 6.000in 9.000in;" in html
    assert "@font-face" in html and 'class="csl-entry"' in html
    assert (tmp_path / baselines.MARKDOWN).read_text(encoding="utf-8") == baselines.book_markdown(project)


def test_typst_compiles_the_converted_book(editions, tmp_path):
    typst = pytest.importorskip("typst", reason="the [bench] extra is not installed")
    source = tmp_path / baselines.TYPST
    source.write_text('#set page(paper: "us-trade")\nOne page.#footnote[A note.]\n', encoding="utf-8")
    command = baselines.commands(editions[50][0], tmp_path)["typst"]
    subprocess.run(command, check=True)
    assert (tmp_path / "book-typst.pdf").read_bytes().startswith(b"%PDF") and typst is not None
