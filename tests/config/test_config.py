from pathlib import Path

import pytest

from lectio import config
from lectio.errors import ConfigError


def rewrite(project: Path, old: str, new: str) -> None:
    path = project / "edition.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_seed_config_loads(project):
    loaded = config.load(project)
    assert [r.siglum for r in loaded.readings] == ["M", "S"]
    assert loaded.output.trim == "6x9in"
    assert loaded.output_file("pdf").name == "collectivization-reader.pdf"


def test_unknown_key_is_reported_with_line_and_suggestion(project):
    rewrite(project, 'trim = "6x9in"', 'trm = "6x9in"')
    with pytest.raises(ConfigError) as caught:
        config.load(project)
    error = caught.value
    assert "unknown key output.trm" in error.message
    assert error.location.file == "edition.toml"
    assert error.location.line == (project / "edition.toml").read_text().splitlines().index('trm = "6x9in"') + 1
    assert "trim" in error.fix


def test_wrong_type_names_the_key(project):
    rewrite(project, "bleed = false", 'bleed = "no"')
    with pytest.raises(ConfigError) as caught:
        config.load(project)
    assert caught.value.message == 'output.bleed must be true, false or "kdp", not a string'
    assert (caught.value.code, caught.value.fix) == ("config.type", 'for example: bleed = "kdp"')


def test_missing_file_names_the_key(project):
    rewrite(project, "manuscript/M.notes.toml", "manuscript/missing.toml")
    with pytest.raises(ConfigError, match=r"readings\[0\]\.notes: file not found"):
        config.load(project)


def test_path_outside_project_is_refused(project):
    rewrite(project, "bib/edition.bib", "../../etc/passwd")
    with pytest.raises(ConfigError, match="outside the project"):
        config.load(project)


def test_duplicate_siglum(project):
    rewrite(project, 'siglum = "S"', 'siglum = "M"')
    with pytest.raises(ConfigError, match="siglum 'M' is used by two readings"):
        config.load(project)


def test_toml_syntax_error_has_line(project):
    rewrite(project, 'name = "collectivization-reader"', 'name = "collectivization-reader')
    with pytest.raises(ConfigError) as caught:
        config.load(project)
    assert caught.value.location.line > 0


def test_invalid_isbn_check_digit(project):
    rewrite(project, 'publisher = "lectio"', 'publisher = "lectio"\nisbn = "978-0-306-40615-6"')
    with pytest.raises(ConfigError, match="not a valid ISBN-13"):
        config.load(project)


def test_isbn_checksum():
    assert config.valid_isbn13("978-0-306-40615-7")
    assert not config.valid_isbn13("978-0-306-40615-6")


def test_missing_project_stylesheet_is_named(project):
    assert config.load(project).output.print_css == ""  # lectio's default stylesheet alone
    rewrite(project, 'bleed = false\n', 'bleed = false\nprint_css = "styles/print.css"\n')
    with pytest.raises(ConfigError, match=r"output\.print_css.*styles/print\.css"):
        config.load(project)
