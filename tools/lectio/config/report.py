"""Every validation error of a file as a finding: a stable code, the dotted key, the
file, the line and column of the key, what form was expected, and the fix.

Codes end in ``unknown-key``, ``missing-key``, ``type`` (a value of the wrong type),
``shape`` (a table where a list of tables is expected, a value where a table is), ``form``
(the right type, the wrong form), or the code a check raised (``path-outside``,
``file-not-found``, ``duplicate`` …); they start with the file's kind (``config``,
``notes``, ``apparatus``).
"""

from __future__ import annotations

import difflib
import json
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from lectio.config.locate import Locator
from lectio.errors import ERROR, Finding, Location

SCALARS = {str: "a string (in quotes)", int: "a whole number", bool: "true or false", float: "a number"}
TYPE_ERRORS = {"string_type": "a string", "int_type": "a whole number", "bool_type": "true or false",
               "float_type": "a number", "tuple_type": "a list", "model_type": "a table", "dict_type": "a table",
               "int_from_float": "a whole number", "model_attributes_type": "a table"}
FIXES = {"path-outside": "paths are relative to edition.toml and must stay inside the project folder: "
                         "copy the file into the project",
         "file-not-found": "check the path; it is relative to edition.toml",
         "not-a-file": "name a file, not a folder", "not-a-folder": "name a folder, not a file"}
FORM_ERRORS = {"string_pattern_mismatch", "literal_error", "greater_than", "greater_than_equal", "less_than",
               "less_than_equal", "too_short", "too_long", "form", "value_error", "enum"}


@dataclass(frozen=True)
class Source:
    """What the findings of one file need: its name, kind, schema and positions."""

    file: str
    kind: str  # the code prefix: config, notes, apparatus
    model: type[BaseModel]
    locator: Locator


def findings(error: ValidationError, source: Source, prefix: tuple = ()) -> list[Finding]:
    """One finding per error of ``error``; ``prefix`` is the key path the validated value sits at."""
    items = error.errors(include_url=False)
    return [finding(item, source, prefix) for item in items if not _superseded(item, items)]


def _superseded(item: dict, items: list[dict]) -> bool:
    """An "at least one" error of a list whose items have errors of their own says nothing more."""
    loc = tuple(item["loc"])
    return item["type"] == "too_short" and any(tuple(o["loc"])[:len(loc)] == loc and o is not item for o in items)


def finding(item: dict, source: Source, prefix: tuple = ()) -> Finding:
    ctx = item.get("ctx") or {}
    more = ctx.get("key", ())
    relative = tuple(item["loc"]) + (more if isinstance(more, tuple) else (more,))
    loc = prefix + relative
    code, message, fix = explain(item, loc, source.model, relative)
    line, column = source.locator.find(loc)
    return Finding(f"{source.kind}.{code}", message, Location(source.file, line, column), ERROR, fix)


def explain(item: dict, loc: tuple, model: type[BaseModel], relative: tuple) -> tuple[str, str, str]:
    """The code suffix, the message and the fix of one pydantic error at ``loc`` in the file
    (``relative`` to the value ``model`` validated)."""
    kind, value = item["type"], item.get("input")
    info, annotation, parent = field_at(model, relative)
    dotted = dotted_key(loc)
    if kind == "extra_forbidden":
        return unknown_key(loc, parent, value)
    if kind == "missing":
        return missing_key(loc, info, annotation)
    if kind in TYPE_ERRORS:
        return wrong_type(loc, info, annotation, value, kind)
    if kind == "too_short" and is_tables(annotation):
        return "missing-key", f"at least one [[{header(loc)}]] is required", \
            f"add a [[{header(loc)}]] table for each {loc[-1]} entry"
    extra = extra_of(info)
    fix = item.get("ctx", {}).get("fix") or extra.get("fix", "")
    if kind == "literal_error":
        fix = fix or _nearest_choice(loc, annotation, value)
    if kind in FORM_ERRORS:
        return "form", form_message(dotted, item, info, value), fix or _example_fix(loc, info)
    return kind, f"{dotted}: {item['msg']}", fix or FIXES.get(kind, "")


def field_at(model: type[BaseModel], loc: tuple) -> tuple[FieldInfo | None, Any, type[BaseModel] | None]:
    """The field a key path names, its type, and the model (table) it belongs to."""
    current: Any = model
    info, parent = None, None
    for part in loc:
        current = unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else Any
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None, Any, None
        parent = current
        info = next((f for name, f in current.model_fields.items() if part in (name, f.alias)), None)
        if info is None:
            return None, Any, parent
        current = info.annotation
    return info, unwrap(current), parent


def unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def extra_of(info: FieldInfo | None) -> dict:
    extra = info.json_schema_extra if info is not None else None
    return extra if isinstance(extra, dict) else {}


def is_tables(annotation: Any) -> bool:
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is tuple and bool(args) and is_table(args[0])


def is_table(annotation: Any) -> bool:
    return typing.get_origin(annotation) is dict or isinstance(annotation, type) and issubclass(annotation, BaseModel)


def dotted_key(loc: tuple) -> str:
    """``("readings", 1, "siglum")`` → ``readings[1].siglum``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def header(loc: tuple) -> str:
    """The TOML header of a table: ``("entry", 2, "A")`` → ``entry.A``."""
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def shown(value: Any) -> str:
    """A value as the editor wrote it in TOML (shortened)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def describe(annotation: Any) -> str:
    """What a value of this type is called in TOML terms."""
    if is_table(annotation):
        return "a table"
    if is_tables(annotation):
        return "an array of tables"
    if typing.get_origin(annotation) is tuple:
        item = unwrap(typing.get_args(annotation)[0])
        return "a list of strings" if item is str or typing.get_origin(item) is typing.Literal else "a list"
    if typing.get_origin(annotation) is typing.Literal:
        return "one of " + ", ".join(json.dumps(c) for c in typing.get_args(annotation))
    return SCALARS.get(annotation, "a value")


def _what(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "a list"
    return {str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(type(value), "a value")


def unknown_key(loc: tuple, parent: type[BaseModel] | None, value: Any) -> tuple[str, str, str]:
    known = [f.alias or name for name, f in parent.model_fields.items()] if parent else []
    near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(known)}"
    if isinstance(value, dict) and len(loc) > 1:
        return "unknown-key", f"unknown table [{header(loc)}]", hint
    if len(loc) == 1 and isinstance(value, (dict, tuple)):
        brackets = ("[[", "]]") if isinstance(value, tuple) else ("[", "]")
        return "unknown-key", f"unknown table {brackets[0]}{loc[0]}{brackets[1]}", \
            hint.replace("known keys", "known tables")
    return "unknown-key", f"unknown key {dotted_key(loc)}", hint


def missing_key(loc: tuple, info: FieldInfo | None, annotation: Any) -> tuple[str, str, str]:
    name, where = loc[-1], header(loc[:-1])
    if "missing" in extra_of(info):
        code, text = extra_of(info)["missing"]
        return code, f"{dotted_key(loc[:-1])} {text}", extra_of(info).get("fix", "")
    if len(loc) == 1 and is_tables(annotation):
        return "missing-key", f"missing required tables [[{name}]]", f"add a [[{name}]] table for each entry"
    if len(loc) == 1:
        return "missing-key", f"missing required table [{name}]", f"add a [{name}] table with its keys"
    example = extra_of(info).get("example")
    written = f"{name} = {toml_value(example)}" if example is not None else f"{name} = …"
    more = f"; {extra_of(info)['fix']}" if "fix" in extra_of(info) else ""
    brackets = ("[[", "]]") if loc[:-1] and isinstance(loc[-2], int) else ("[", "]")
    place = f"under {brackets[0]}{where}{brackets[1]}" if where else "at the top of the file"
    return "missing-key", f"missing required key {dotted_key(loc)}", f"add {written} {place}{more}"


def wrong_type(loc: tuple, info: FieldInfo | None, annotation: Any, value: Any, kind: str) -> tuple[str, str, str]:
    dotted, name = dotted_key(loc), header(loc)
    expected = extra_of(info).get("expected") or (describe(annotation) if annotation is not Any else
                                                 TYPE_ERRORS[kind])
    message = f"{dotted} must be {expected}, not {_what(value)}"
    if is_tables(annotation):
        return "shape", message, f"write [[{name}]] (two brackets) over each of its tables, not [{name}]" \
            if isinstance(value, dict) else f"write each entry as a table under its own [[{name}]] line"
    if is_table(annotation) and isinstance(loc[-1], int):
        return "shape", message, f"write each one as a table under its own [[{name}]] line"
    if is_table(annotation):
        return "shape", message, f"write [{name}] on a line of its own, and its keys under it"
    return "type", message, _example_fix(loc, info)


def form_message(dotted: str, item: dict, info: FieldInfo | None, value: Any) -> str:
    extra = extra_of(info)
    form = extra.get("form")
    if item["type"] == "literal_error":
        form = "one of " + item["ctx"]["expected"].replace("'", '"')
    if form is None:
        return f"{dotted} = {shown(value)}: {item['msg']}"
    example = f", e.g. {toml_value(extra['example'])}" if "example" in extra and not dotted.endswith("]") else ""
    detail = f" ({item['msg']})" if item["type"] == "form" and item["msg"] else ""
    return f"{dotted} must be {form}{example}; found {shown(value)}{detail}"


def _example_fix(loc: tuple, info: FieldInfo | None) -> str:
    """``for example: key = value``, from the key's example or default."""
    extra, name = extra_of(info), next(part for part in reversed(loc) if isinstance(part, str))
    if "example" in extra:
        return f"for example: {name} = {toml_value(extra['example'])}"
    if info is not None and not info.is_required():
        return f"for example: {name} = {toml_value(info.default)}"
    return ""


def _nearest_choice(loc: tuple, annotation: Any, value: Any) -> str:
    choices = [str(c) for c in typing.get_args(annotation)]
    near = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
    return f"did you mean {loc[-1]} = {toml_value(near[0])}?" if near else ""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
