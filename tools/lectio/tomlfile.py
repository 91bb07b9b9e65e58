"""Editor's TOML files (notes sidecars, the apparatus): parsing with file:line errors.

tomllib gives no positions for values, so entries are located by their ``[[table]]``
header lines, in order, and keys by searching the entry's lines.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from lectio.errors import LectioError, Location
from lectio.fsutil import display_path, read_utf8


def load(path: Path, error: type[LectioError]) -> tuple[dict, str]:
    shown = display_path(path)
    raw = read_utf8(path, error, fix="save the file as UTF-8")
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        raise error(f"not valid TOML: {exc}", Location(shown, line, column), code="toml.syntax") from None


def entry_lines(raw: str, table: str) -> list[int]:
    """Line numbers of each ``[[table]]`` header, in file order."""
    pattern = re.compile(rf"^[ \t]*\[\[\s*{re.escape(table)}\s*\]\]", re.M)
    return [raw.count("\n", 0, m.start()) + 1 for m in pattern.finditer(raw)]


def line_of_value(raw: str, value: str, default: int = 0) -> int:
    """The line where a string value (its first 40 characters) is written."""
    probe = value.strip().splitlines()[0][:40] if value.strip() else ""
    index = raw.find(probe) if probe else -1
    return raw.count("\n", 0, index) + 1 if index >= 0 else default


def check_keys(entry: dict, allowed: dict[str, type], required: set[str], where: Location,
               table: str, error: type[LectioError]) -> None:
    """Every key known and of the right type; every required key present."""
    for key, value in entry.items():
        if key not in allowed:
            near = difflib.get_close_matches(key, list(allowed), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(allowed)}"
            raise error(f"unknown key '{key}' in [[{table}]]", where, fix=hint)
        if not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
            expected = getattr(allowed[key], "__name__", str(allowed[key]))
            raise error(f"'{key}' in [[{table}]] must be {expected}", where)
    for key in sorted(required - set(entry)):
        raise error(f"[[{table}]] needs '{key}'", where)
