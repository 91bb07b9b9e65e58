"""Stage 1: read and validate ``edition.toml``.

Like MkDocs, every option is declared once in a schema with its type and default;
validation reports the key path, the file and the line. Paths are resolved against
the project root and must stay inside it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lectio.errors import ConfigError, Location
from lectio.fsutil import display_path

CONFIG_NAME = "edition.toml"
DEFAULT_STYLE = "chicago-notes-bibliography-17th-edition"
TRIMS = ("6x9in", "a5", "royal", "letter", "a4")
LAYOUTS = ("book", "course-reader")
PDF_VARIANTS = ("", "pdf/a-3b", "pdf/a-2b", "pdf/ua-1", "pdf/x-4", "pdf/x-3")


@dataclass
class Option:
    kind: type | tuple
    default: Any = None
    required: bool = False
    pattern: str = ""
    choices: tuple = ()
    is_path: bool = False
    help: str = ""


@dataclass
class Table:
    options: dict[str, Any]
    many: bool = False  # an array of tables, like [[readings]]
    required: bool = False


SCHEMA = {
    "edition": Table({
        "name": Option(str, required=True, pattern=r"[a-z0-9][a-z0-9-]*", help="base name of the output files"),
        "title": Option(str, required=True),
        "subtitle": Option(str, ""),
        "editors": Option(list, required=True),
        "language": Option(str, "en", pattern=r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"),
        "identifier": Option(str, required=True, help="a stable URN or URL for the EPUB"),
        "isbn": Option(str, ""),
        "rights": Option(str, "All rights reserved."),
        "date": Option(str, required=True, pattern=r"\d{4}(-\d{2}(-\d{2})?)?"),
        "publisher": Option(str, ""),
        "edition_statement": Option(str, "First edition"),
    }, required=True),
    "readings": Table({
        "siglum": Option(str, required=True, pattern=r"[A-Z][A-Za-z]{0,2}"),
        "title": Option(str, required=True),
        "author": Option(str, ""),
        "source": Option(str, required=True, is_path=True),
        "notes": Option(str, "", is_path=True),
        "description": Option(str, ""),
    }, many=True, required=True),
    "introduction": Table({"file": Option(str, "", is_path=True)}),
    "apparatus": Table({"file": Option(str, "", is_path=True)}),
    "bibliography": Table({
        "files": Option(list, []),
        "style": Option(str, DEFAULT_STYLE),
    }),
    "output": Table({
        "directory": Option(str, "build"),
        "trim": Option(str, "6x9in", choices=TRIMS),
        "layout": Option(str, "book", choices=LAYOUTS, help="book, or course-reader (wide outer margin)"),
        "bleed": Option(bool, False),
        "marks": Option(bool, False, help="crop marks in the bleed (print-on-demand services want none)"),
        "pad_to": Option(int, 2, choices=(1, 2, 4), help="pad the page count to a multiple of this"),
        "pdf_variant": Option(str, "", choices=PDF_VARIANTS),
        "extra_variants": Option(list, []),
        "icc_profile": Option(str, "", is_path=True, help="a CMYK output profile, needed for PDF/X"),
        "font": Option(str, "Source Serif Pro"),
        "print_css": Option(str, "styles/print.css", is_path=True),
        "epub_css": Option(str, "styles/epub.css", is_path=True),
        "pandoc_timeout": Option(int, 60),
        "max_source_mb": Option(int, 20, help="the largest source file read, in MB"),
    }),
}


@dataclass
class Config:
    root: Path
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.data["output"]["directory"])

    def output_file(self, suffix: str) -> Path:
        return self.output_dir / f"{self.data['edition']['name']}.{suffix}"


def load(project: Path | str = ".") -> Config:
    """Find, parse and validate the project's edition.toml."""
    project = Path(project)
    path = project if project.is_file() else project / CONFIG_NAME
    if not path.exists():
        raise ConfigError(f"no {CONFIG_NAME} found", Location(str(path)),
                          fix="run lectio in the project folder or pass --project")
    raw = _read(path)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", Location(display_path(path), *_toml_position(str(exc))),
                          code="config.syntax") from None
    config = Config(path.parent.resolve(), path.resolve())
    config.data = _validate(config, raw, data)
    _check_readings(config, raw)
    _check_output(config, raw)
    return config


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte offset {exc.start})", Location(display_path(path)),
                          code="config.encoding") from None


def _toml_position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _validate(config: Config, raw: str, data: dict) -> dict:
    result = {}
    for name in data:
        if name not in SCHEMA:
            _fail(config, raw, name, f"unknown table [{name}]", f"known tables: {', '.join(SCHEMA)}")
    for name, table in SCHEMA.items():
        value = data.get(name)
        if value is None:
            if table.required:
                _fail(config, raw, name, f"missing required table [{name}]")
            value = [] if table.many else {}
        if table.many:
            if not isinstance(value, list):
                _fail(config, raw, name, f"[{name}] must be an array of tables: write [[{name}]]")
            result[name] = [_validate_table(config, raw, f"{name}[{i}]", table, v) for i, v in enumerate(value)]
            if table.required and not value:
                _fail(config, raw, name, f"at least one [[{name}]] is required")
        else:
            if not isinstance(value, dict):
                _fail(config, raw, name, f"[{name}] must be a table")
            result[name] = _validate_table(config, raw, name, table, value)
    return result


def _validate_table(config: Config, raw: str, where: str, table: Table, values: dict) -> dict:
    out = {}
    for key in values:
        if key not in table.options:
            near = _suggest(key, table.options)
            _fail(config, raw, key, f"unknown key {where}.{key}", f"did you mean '{near}'?" if near else
                  f"known keys: {', '.join(table.options)}")
    for key, option in table.options.items():
        out[key] = _validate_option(config, raw, f"{where}.{key}", key, option, values.get(key))
    return out


def _validate_option(config: Config, raw: str, dotted: str, key: str, option: Option, value: Any) -> Any:
    if value is None:
        if option.required:
            _fail(config, raw, key, f"missing required key {dotted}")
        if option.is_path and option.default:  # a default file must exist too (e.g. styles/print.css)
            _check_path(config, raw, dotted, key, option.default)
        return list(option.default) if isinstance(option.default, list) else option.default
    if not isinstance(value, option.kind) or (option.kind is int and isinstance(value, bool)):
        _fail(config, raw, key, f"{dotted} must be {option.kind.__name__}, not {type(value).__name__}")
    if option.kind is list and not all(isinstance(item, str) for item in value):
        _fail(config, raw, key, f"{dotted} must be a list of strings")
    if option.pattern and not re.fullmatch(option.pattern, value):
        _fail(config, raw, key, f"{dotted} = {value!r} does not have the expected form", option.help)
    if option.choices and value not in option.choices:
        _fail(config, raw, key, f"{dotted} = {value!r} is not one of {', '.join(option.choices)}")
    if option.is_path and value:
        _check_path(config, raw, dotted, key, value)
    if dotted.endswith("bibliography.files"):
        for item in value:
            _check_path(config, raw, dotted, key, item)
    return value


def _check_path(config: Config, raw: str, dotted: str, key: str, value: str) -> None:
    path = config.resolve(value)
    if config.root not in path.parents:
        _fail(config, raw, key, f"{dotted} = {value!r} points outside the project folder")
    if not path.is_file():
        _fail(config, raw, key, f"{dotted}: file not found: {value}", "check the path; it is relative to edition.toml")


def _check_readings(config: Config, raw: str) -> None:
    seen = set()
    for reading in config["readings"]:
        if reading["siglum"] in seen:
            _fail(config, raw, "siglum", f"siglum {reading['siglum']!r} is used by two readings")
        seen.add(reading["siglum"])
    isbn = config["edition"]["isbn"]
    if isbn and not valid_isbn13(isbn):
        _fail(config, raw, "isbn", f"edition.isbn = {isbn!r} is not a valid ISBN-13 (check digit)")


def _check_output(config: Config, raw: str) -> None:
    output = config["output"]
    for variant in output["extra_variants"]:
        if variant not in PDF_VARIANTS[1:]:
            _fail(config, raw, "extra_variants", f"output.extra_variants: {variant!r} is not one of "
                  f"{', '.join(PDF_VARIANTS[1:])}")
    wanted = [output["pdf_variant"], *output["extra_variants"]]
    if any(v.startswith("pdf/x") for v in wanted) and not output["icc_profile"]:
        _fail(config, raw, "pdf_variant", "PDF/X needs the printer's CMYK output profile (output.icc_profile)",
              "ask the printer for its ICC profile (e.g. a FOGRA or GRACoL .icc) and set output.icc_profile")


def valid_isbn13(isbn: str) -> bool:
    digits = re.sub(r"[- ]", "", isbn)
    if not re.fullmatch(r"97[89]\d{10}", digits):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _suggest(key: str, known) -> str:
    import difflib

    match = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return match[0] if match else ""


def _fail(config: Config, raw: str, key: str, message: str, fix: str = ""):
    raise ConfigError(message, Location(display_path(config.path), _line_of(raw, key)), fix=fix)


def _line_of(raw: str, key: str) -> int:
    """The first line that sets ``key`` or opens table ``key``; 0 when absent."""
    pattern = re.compile(rf"^[ \t]*(\[\[?\s*{re.escape(key)}\s*\]\]?|{re.escape(key)}\s*=)", re.M)
    match = pattern.search(raw)
    return raw.count("\n", 0, match.start()) + 1 if match else 0
