"""The building blocks of the schemas: documented keys, and the value types that check
themselves (paths confined to the project, calendar dates, ISBN-13 check digits).

A key's ``description`` is its help text; ``json_schema_extra`` holds its expected
``form`` (read as "must be …"), an ``example`` and the ``fix``. Errors and the
generated reference (``lectio.config.reference``) are written from these.
"""

from __future__ import annotations

import datetime
import re
import typing
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError


class Table(BaseModel):
    """A TOML table: frozen, strict (TOML gives typed values; nothing is coerced), no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


def key(default: Any = ..., help: str = "", form: str = "", example: Any = None, fix: str = "", expected: str = "",
        missing: tuple[str, str] | None = None, **kwargs) -> Any:
    """A documented key of a table (pydantic ``Field``); ``missing`` is the code and message of its absence."""
    extra = {name: value for name, value in (("form", form), ("example", example), ("fix", fix),
                                                    ("expected", expected), ("missing", missing))
             if value not in ("", None)}
    return Field(default, description=help, json_schema_extra=extra or None, **kwargs)


def _root(info: ValidationInfo) -> Path | None:
    return (info.context or {}).get("root")


def inside(root: Path, value: str) -> Path:
    """``value`` resolved against the project root (links followed); outside the root is an error."""
    path = (root / value).resolve()
    if not path.is_relative_to(root):
        raise PydanticCustomError("path-outside", "'{value}' points outside the project folder",
                                  {"value": value})
    return path


def _project_file(value: str, info: ValidationInfo) -> str:
    root = _root(info)
    if root is None or value == "":
        return value
    path = inside(root, value)
    if path.is_dir():
        raise PydanticCustomError("not-a-file", "'{value}' is a folder, not a file", {"value": value})
    if not path.is_file():
        raise PydanticCustomError("file-not-found", "file not found: {value}", {"value": value})
    return value


def _output_folder(value: str, info: ValidationInfo) -> str:
    root = _root(info)
    if root is None:
        return value
    path = inside(root, value)
    if path == root:
        raise PydanticCustomError("path-outside", "'{value}' is the project folder itself; outputs need a "
                                  "folder of their own", {"value": value})
    if path.exists() and not path.is_dir():
        raise PydanticCustomError("not-a-folder", "'{value}' is a file, not a folder", {"value": value})
    return value


PATH_FORMS = {_project_file: "a path to a file in the project", _output_folder: "a path to a folder in the project"}


def path_form(annotation: Any, metadata: list) -> str:
    """How the reference names a path type ("" for other types)."""
    items = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple and items and typing.get_origin(items[0]) is Annotated:
        return path_form(str, list(items[0].__metadata__)).replace("a path", "a list of paths").replace(
            "a file", "files")
    return next((PATH_FORMS[m.func] for m in metadata if getattr(m, "func", None) in PATH_FORMS), "")


ProjectFile = Annotated[str, AfterValidator(_project_file)]
"""A file inside the project, relative to edition.toml; "" means none."""

OutputFolder = Annotated[str, AfterValidator(_output_folder)]
"""A folder inside the project (it need not exist yet)."""


def _calendar_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise PydanticCustomError("form", "not of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise PydanticCustomError("form", "no such date: {reason}", {"reason": str(exc)}) from None
    return value


Date = Annotated[str, AfterValidator(_calendar_date)]


def valid_isbn13(isbn: str) -> bool:
    digits = re.sub(r"[- ]", "", isbn)
    if not re.fullmatch(r"97[89]\d{10}", digits):
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _isbn(value: str) -> str:
    if value and not valid_isbn13(value):
        digits = re.sub(r"[- ]", "", value)
        why = "the check digit does not match" if re.fullmatch(r"97[89]\d{10}", digits) else \
            "not 13 digits starting 978 or 979"
        raise PydanticCustomError("form", "not a valid ISBN-13: {why}", {"why": why})
    return value


ISBN = Annotated[str, AfterValidator(_isbn)]


def one_of(*choices: int):
    """An integer among ``choices`` (a Literal would take ``true`` for 1)."""
    def check(value: int) -> int:
        if value not in choices:
            raise PydanticCustomError("form", "")
        return value
    return AfterValidator(check)


def _number_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


NumberOrText = Annotated[str, BeforeValidator(_number_as_text)]
"""A note marker: ``12`` or ``"a"``, kept as text."""
