"""Reading an editor's TOML file and validating it against a schema, every error at once.

A file that is a folder, unreadable, too large, not UTF-8, not TOML, or nested too
deeply to be read is one clear error. A file that parses is validated whole: every
error becomes a finding at the line and column of its key (``report``).
"""

from __future__ import annotations

import re
from dataclasses import replace
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from lectio.config.locate import Locator
from lectio.config.report import Source, findings

__all__ = ["Locator", "Source", "check", "frozen", "load", "read", "source"]
from lectio.errors import ERROR, Finding, LectioError, Location
from lectio.fsutil import display_path, read_utf8

MAX_MB = 8  # far more than any editor's TOML file; size and readability are checked by read_utf8
Model = TypeVar("Model", bound=BaseModel)


def read(path: Path, kind: str, error: type[LectioError]) -> tuple[dict, str]:
    """The parsed table (lists made tuples), and what its findings need."""
    shown = display_path(path)
    if path.is_dir():
        raise error("a folder, not a TOML file", Location(shown), code=f"{kind}.not-a-file",
                    fix="name the file itself")
    if not path.is_file():
        raise error("file not found", Location(shown), code=f"{kind}.file-not-found",
                    fix="check the path; it is relative to the project folder")
    raw = read_utf8(path, error, code=f"{kind}.encoding", fix="save the file as UTF-8", max_mb=MAX_MB,
                     too_large_fix="an editor's TOML file is far smaller: check that this is the right file")
    return parse(raw, shown, kind, error), raw


def parse(raw: str, shown: str, kind: str, error: type[LectioError]) -> dict:
    try:
        return frozen(tomllib.loads(raw))
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        raise error(f"not valid TOML: {exc}", Location(shown, line, column), code=f"{kind}.syntax",
                    fix="see https://toml.io for the syntax") from None
    except (RecursionError, MemoryError):
        raise error("tables or arrays are nested too deeply to be read", Location(shown),
                    code=f"{kind}.too-deep", fix="an editor's file needs at most a few levels") from None


def frozen(value: Any) -> Any:
    """TOML arrays as tuples, so that they validate as the frozen models' tuples."""
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: frozen(item) for key, item in value.items()}
    return value


def source(path: Path, raw: str, kind: str, model: type[BaseModel]) -> Source:
    return Source(display_path(path), kind, model, Locator(raw))


def check(model: type[Model], data: Any, where: Source, context: dict | None = None,
          prefix: tuple = ()) -> tuple[Model | None, list[Finding]]:
    """The validated value, or None and a finding for every error."""
    try:
        return model.model_validate(data, context=context or {}), []
    except ValidationError as exc:
        return None, sorted(findings(exc, replace(where, model=model), prefix), key=lambda f: (f.location.line, f.location.column))
    except RecursionError:
        return None, [Finding(f"{where.kind}.too-deep", "tables or arrays are nested too deeply to be checked",
                              Location(where.file), ERROR)]


def load(path: Path, model: type[Model], kind: str, error: type[LectioError],
         context: dict | None = None) -> tuple[Model, Source]:
    """Read and validate a whole file; all its errors are raised together as one ``error``."""
    data, raw = read(path, kind, error)
    where = source(path, raw, kind, model)
    value, found = check(model, data, where, context)
    if found:
        raise error.of(found)
    return value, where
