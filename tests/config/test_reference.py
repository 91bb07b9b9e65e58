"""docs/edition-toml.md is generated from the schema; a commented edition.toml too."""

from __future__ import annotations

import tomllib
from pathlib import Path

from lectio.config import reference, tomlfile
from lectio.config.schema import EditionFile

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_reference_is_the_generated_one():
    committed = (ROOT / "docs" / "edition-toml.md").read_text(encoding="utf-8")
    assert committed == reference.markdown(), "run: python -m lectio.config.reference > docs/edition-toml.md"


def test_the_reference_documents_every_key():
    text = reference.markdown()
    for name, _, model, many in reference.tables():
        assert (f"## `[[{name}]]`" if many else f"## `[{name}]`") in text
        for key in model.model_fields:
            assert f"| `{key}` |" in text
    assert '| `siglum` | 1–3 letters, capital first | required |' in text
    assert '| `print_css` | a path to a file in the project | `""` |' in text


def test_commented_toml_parses_and_validates():
    text = reference.commented_toml({"edition": {"title": "A Book", "name": "a-book"},
                                     "readings": [{"siglum": "A", "title": "One"}, {"siglum": "B", "title": "Two"}]})
    data = tomllib.loads(text)
    edition = EditionFile.model_validate(tomlfile.frozen(data))
    assert (edition.edition.title, [r.siglum for r in edition.readings]) == ("A Book", ["A", "B"])
    assert edition.output.trim == "6x9in" and "# trim = \"6x9in\"" in text
    assert "# Trim size of the print book" in text


def test_every_commented_default_is_valid_too():
    text = reference.commented_toml()
    uncommented = "\n".join(line[2:] if " = " in line and line.startswith("# ") else line for line in text.split("\n"))
    edition = EditionFile.model_validate(tomlfile.frozen(tomllib.loads(uncommented)))
    assert edition.output.pad_to == 2 and edition.bibliography.style == "chicago-notes-bibliography-17th-edition"
