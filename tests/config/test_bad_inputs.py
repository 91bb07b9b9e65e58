"""Hostile or broken edition.toml files: a clear error with file:line, exit 1, never a traceback,
and nothing read or written outside the project."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_cli
from tests.config.test_errors import at, edit


def check_fails(project, *args: str) -> str:
    result = run_cli("check", *args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    return result.output


def test_edition_toml_that_is_a_folder(tmp_path, monkeypatch):
    (tmp_path / "edition.toml").mkdir()
    monkeypatch.chdir(tmp_path)
    output = check_fails(tmp_path)
    assert "edition.toml: error: a folder, not a TOML file [config.not-a-file]" in output


def test_deeply_nested_toml(tmp_path, monkeypatch):
    (tmp_path / "edition.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    output = check_fails(tmp_path)
    assert "edition.toml: error: tables or arrays are nested too deeply to be read [config.too-deep]" in output


def test_toml_file_too_large(tmp_path, monkeypatch):
    (tmp_path / "edition.toml").write_text("# " + "x" * 9_000_000 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    output = check_fails(tmp_path)
    assert "edition.toml: error: the file is 9.0 MB, more than the limit of 8 MB [config.too-large]" in output
    assert "fix: an editor's TOML file is far smaller" in output


def test_not_utf8(project):
    (project / "edition.toml").write_bytes(b'[edition]\nname = "caf\xe9"\n')
    output = check_fails(project)
    assert "edition.toml:2:12: error: not valid UTF-8: byte 0xe9" in output and "[config.encoding]" in output


def test_syntax_error_has_line_and_column(project):
    text = edit(project, ('name = "collectivization-reader"', 'name = "collectivization-reader'))
    output = check_fails(project)
    line, _ = at(text, "name = ")
    assert f"edition.toml:{line}:" in output and "[config.syntax]" in output


def test_negative_pandoc_timeout_is_blamed_on_the_key(project):
    text = edit(project, ("bleed = false", "bleed = false\npandoc_timeout = -1"))
    line, column = at(text, "pandoc_timeout")
    assert (f"edition.toml:{line}:{column}: error: output.pandoc_timeout must be a whole number of seconds, "
            "at least 1, e.g. 60; found -1 [config.form]") in check_fails(project)


@pytest.mark.parametrize("directory", ["/tmp/lectio-out", "../..", "manuscript/../../elsewhere"])
def test_output_directory_outside_the_project(project, directory):
    text = edit(project, ('directory = "build"', f'directory = "{directory}"'))
    line, column = at(text, "directory = ")
    output = check_fails(project)
    assert (f"edition.toml:{line}:{column}: error: output.directory: '{directory}' points outside the project "
            "folder [config.path-outside]") in output
    assert 'fix: the outputs go in a folder of the project: directory = "build"' in output


def test_output_directory_is_not_the_project_itself(project):
    edit(project, ('directory = "build"', 'directory = "."'))
    assert "output.directory: '.' is the project folder itself" in check_fails(project)


def test_a_link_out_of_the_project_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("not the editor's\n", encoding="utf-8")
    os.symlink(outside, project / "manuscript" / "link.txt")
    text = edit(project, ("manuscript/000_60675b7950f4f9e5.txt", "manuscript/link.txt"))
    line, column = at(text, "source = ")
    assert (f"edition.toml:{line}:{column}: error: readings[0].source: 'manuscript/link.txt' points outside the "
            "project folder [config.path-outside]") in check_fails(project)


@pytest.mark.parametrize("date, detail", [
    ("2026-02-30", "found \"2026-02-30\" (no such date: day is out of range for month)"),
    ("2026-13", "found \"2026-13\" (no such date: month must be in 1..12)"),
    ("26-01-01", "found \"26-01-01\" (not of the form YYYY, YYYY-MM or YYYY-MM-DD)"),
])
def test_dates_are_checked_fully(project, date, detail):
    text = edit(project, ('date = "2026-11-22"', f'date = "{date}"'))
    line, column = at(text, "date = ")
    assert (f"edition.toml:{line}:{column}: error: edition.date must be a real date written YYYY, YYYY-MM or "
            f"YYYY-MM-DD, e.g. \"2026-11-22\"; {detail} [config.form]") in check_fails(project)


def test_whole_years_and_months_are_dates(project):
    edit(project, ('date = "2026-11-22"', 'date = "2026-02"'))
    from lectio import config

    assert config.load(project).edition.date == "2026-02"


@pytest.mark.parametrize("style, message", [
    ("../../styles/x.csl", "bibliography.style: '../../styles/x.csl' points outside the project folder"),
    ("/etc/x.csl", "bibliography.style: '/etc/x.csl' points outside the project folder"),
    ("styles/none.csl", "bibliography.style: file not found: styles/none.csl"),
])
def test_a_csl_path_must_be_in_the_project(project, style, message):
    edit(project, ('style = "chicago-notes-bibliography-17th-edition"', f'style = "{style}"'))
    assert message in check_fails(project)


def test_nothing_is_written_outside(project, tmp_path_factory):
    target = tmp_path_factory.mktemp("target")
    edit(project, ('directory = "build"', f'directory = "{target}"'))
    result = run_cli("build", "--no-verify")
    assert result.exit_code == 1 and "[config.path-outside]" in result.output
    assert list(target.iterdir()) == []


def test_an_unknown_style_name_suggests_the_nearest(project):
    text = edit(project, ('style = "chicago-notes-bibliography-17th-edition"',
                          'style = "chicago-note-bibliography-17th-edition"'))
    line, column = at(text, "style = ")
    output = check_fails(project)
    assert (f"edition.toml:{line}:{column}: error: bibliography.style: unknown CSL style "
            "'chicago-note-bibliography-17th-edition' [config.unknown-style]\n"
            "    fix: did you mean 'chicago-notes-bibliography-17th-edition'?") in output
