"""The ``edition.toml`` reference, and a commented ``edition.toml``, written from the schema.

``docs/edition-toml.md`` is ``markdown()``; a test keeps it equal to it. Regenerate it with

    python -m lectio.config.reference > docs/edition-toml.md
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lectio.config.fields import path_form
from lectio.config.report import extra_of, is_tables, toml_value, unwrap, describe
from lectio.config.schema import EditionFile

PREAMBLE = """\
# `edition.toml` reference

<!-- Generated from tools/lectio/config/schema.py by `python -m lectio.config.reference`; do not edit. -->

`edition.toml`, at the root of the project, describes the edition: its metadata, its
readings, its introduction, apparatus and bibliography, and its outputs. Paths are relative
to `edition.toml` and must resolve inside the project folder (a link pointing out of it is
refused). `lectio check` reports every mistake of the file in one run, each with its line
and column, the form expected and the fix; an unknown key comes with the known key it is
closest to.
"""

CODES = """\
## Errors

| code | meaning |
| --- | --- |
| `config.syntax` | not valid TOML (the line and column are given) |
| `config.unknown-key` | a key or table the schema does not have (with "did you mean") |
| `config.missing-key` | a required key or table is missing (at the table's header) |
| `config.type` | a value of the wrong type (a string where a number is expected, …) |
| `config.shape` | a table where an array of tables is expected (`[readings]` for `[[readings]]`), a value where a table is |
| `config.form` | the right type in the wrong form (a siglum, a date, a trim size, a timeout) |
| `config.path-outside` | a path that resolves outside the project |
| `config.file-not-found`, `config.not-a-file`, `config.not-a-folder` | a path to nothing, or to the wrong kind of thing |
| `config.duplicate` | two readings with one siglum |
| `config.duplicate-witness`, `config.no-base-witness`, `config.needs-witnesses` | two witnesses with one siglum; witnesses none of which (or more than one) has the reading's source; a variants file without witnesses (docs/variants.md) |
| `config.needs-icc` | a PDF/X variant without `output.icc_profile` |
| `config.encoding`, `config.not-a-file`, `config.too-large`, `config.too-deep` | a file that cannot be read as TOML |
"""


def tables() -> list[tuple[str, FieldInfo, type[BaseModel], bool]]:
    """Each table of edition.toml: name, field, model, whether it is an array of tables."""
    found = []
    for name, info in EditionFile.model_fields.items():
        annotation = unwrap(info.annotation)
        many = is_tables(annotation)
        found.append((name, info, typing.get_args(annotation)[0] if many else annotation, many))
    return found


def markdown() -> str:
    parts = [PREAMBLE]
    for name, info, model, many in tables():
        header = f"[[{name}]]" if many else f"[{name}]"
        needed = "required" if info.is_required() else "optional"
        parts.append(_section(header, needed, model))
        parts += [_section(f"[[{name}.{key}]]", "optional", typing.get_args(unwrap(field.annotation))[0])
                  for key, field in model.model_fields.items() if is_tables(unwrap(field.annotation))]
    parts.append(CODES)
    return "\n".join(parts)


def _section(header: str, needed: str, model: type[BaseModel]) -> str:
    return (f"## `{header}` ({needed})\n\n{model.__doc__.strip()}\n\n"
            "| key | value | default | meaning |\n| --- | --- | --- | --- |\n" +
            "".join(_row(key, field) for key, field in model.model_fields.items()))


def _row(name: str, info: FieldInfo) -> str:
    extra = extra_of(info)
    value = extra.get("form") or path_form(info.annotation, info.metadata) or describe(unwrap(info.annotation))
    default = "required" if info.is_required() else f"`{toml_value(info.default)}`"
    meaning = info.description or ""
    if "example" in extra:
        meaning += f" Example: `{name} = {toml_value(extra['example'])}`."
    return f"| `{name}` | {value} | {default} | {meaning} |\n"


def commented_toml(values: dict[str, Any] | None = None) -> str:
    """An edition.toml showing every key: ``values`` (``{"edition": {"title": …}, "readings": [{…}]}``)
    and the required keys set, every other key commented out at its default, each with its help."""
    values = values or {}
    parts = ["# The edition's configuration: every key with its help; a commented key shows its default.\n# Paths are relative to this file and stay inside the project. Check it with `lectio check`.\n"]
    for name, info, model, many in tables():
        given = values.get(name)
        rows = list(given) if many and given else [given or {}]
        for row in rows:
            parts.append(_table(name, model, row, many))
    return "\n".join(parts)


def _table(name: str, model: type[BaseModel], given: dict, many: bool) -> str:
    lines = [f"# {model.__doc__.strip()}", f"[[{name}]]" if many else f"[{name}]"]
    for key, info in model.model_fields.items():
        lines.append(f"# {info.description}")
        if key in given:
            lines.append(f"{key} = {toml_value(given[key])}")
        elif info.is_required():
            lines.append(f"{key} = {toml_value(extra_of(info).get('example', ''))}")
        else:
            lines.append(f"# {key} = {toml_value(info.default)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
