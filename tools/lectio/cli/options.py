"""What every ``lectio`` command shares: ``-p/--project``, ``-q/--quiet``, ``-v/--verbose`` and
``--debug`` (accepted before or after the subcommand), finding the project, printing findings.

``-q``: errors and warnings only (on stderr); no report lines, no "wrote" or "done" lines. What a
command was asked to print (``--format json``, ``--diff``, a listing) is still printed. ``-v``: also
each stage with its time as it finishes, and the findings the editor has resolved (info). The last
of ``-q`` and ``-v`` given wins. The progress display is :mod:`lectio.cli.display`'s (docs/cli.md).

A command that works on a project gets the folder (or ``edition.toml``) from
``-p`` given after the subcommand, else from ``-p`` given before it, else by
walking up from the working directory to the nearest folder holding ``edition.toml``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from lectio.cli import display
from lectio.errors import ConfigError, Location

CONFIG_NAME = "edition.toml"
PATH = click.Path(file_okay=True, dir_okay=True, path_type=Path)
FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                      show_default=True, help="Report as text or as JSON.")


class Settings:
    """The group's and the subcommand's shared options, as parsed so far (the later wins)."""

    project: Path | None = None
    debug: bool = False
    verbosity: int = display.NORMAL


def settings() -> Settings:
    return click.get_current_context().find_root().ensure_object(Settings)


def _set_project(ctx: click.Context, _param, value: Path | None) -> None:
    if value is not None:
        ctx.find_root().ensure_object(Settings).project = value


def _set_debug(ctx: click.Context, _param, value: bool) -> None:
    if value:
        ctx.find_root().ensure_object(Settings).debug = True


def _set_verbosity(level: int):
    def callback(ctx: click.Context, _param, value: bool) -> None:
        if value:
            ctx.find_root().ensure_object(Settings).verbosity = level
    return callback


def shared(function):
    """Add ``-p/--project``, ``-q``, ``-v`` and ``--debug`` to a group or a command, and report its
    stages (:func:`display.reporting`) while it runs."""
    command = function

    @functools.wraps(command)
    def reporting(*args, **kwargs):
        with display.reporting(settings().verbosity):
            return command(*args, **kwargs)

    function = click.option("--debug", is_flag=True, expose_value=False, callback=_set_debug,
                            help="Show tracebacks.")(reporting)
    function = click.option("--verbose", "-v", is_flag=True, expose_value=False,
                            callback=_set_verbosity(display.VERBOSE),
                            help="Also show each stage with its time, and the resolved findings.")(function)
    function = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_set_verbosity(display.QUIET),
                            help="Only errors and warnings (on stderr).")(function)
    return click.option("--project", "-p", type=PATH, expose_value=False, callback=_set_project,
                        help="Project folder or its edition.toml (default: found from the working "
                             "directory upwards).")(function)


def with_project(function):
    """The command's first argument becomes the project (``find_project``)."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return function(find_project(settings().project), *args, **kwargs)
    return shared(wrapper)


def quiet() -> bool:
    return settings().verbosity <= display.QUIET


def say(text: str, err: bool = False) -> None:
    """A report line ("wrote …", a summary, the verification's figures): not with ``-q``."""
    if not quiet():
        display.echo(text, err=err)


def echo_line(text: str) -> None:
    """A line the build says (``build.build``'s ``echo``): a finding on stderr (its info only with
    ``-v``), told from a report line by its form (``display.severity_of``); a report line as :func:`say`."""
    severity = display.severity_of(text)
    if severity is None:
        say(text)
    elif severity != "info" or settings().verbosity >= display.VERBOSE:
        display.echo(text, err=severity != "info")


def find_project(given: Path | None, start: Path | None = None) -> Path:
    """The project's edition.toml: the one given, or the nearest from ``start`` (the cwd) up."""
    if given is not None:
        path = given / CONFIG_NAME if given.is_dir() and given.name != CONFIG_NAME else given
        if not path.exists():  # a folder named edition.toml is reported by config.load
            raise ConfigError(f"no {CONFIG_NAME} at {given}", Location(str(path)), code="config.not-found",
                              fix="pass the project folder or its edition.toml to -p/--project")
        return path
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).exists():
            return folder / CONFIG_NAME
    raise ConfigError(f"no {CONFIG_NAME} in {start} or any folder above it", code="config.not-found",
                      fix="run lectio inside a project, pass -p/--project, or start one with: lectio new DIR")


def print_findings(findings, output_format: str, quiet_info: bool = True, one_stream: bool = False) -> None:
    """Findings as text (errors and warnings on stderr unless ``one_stream``; info with ``-v`` or
    without ``quiet_info``) or as JSON."""
    if output_format == "json":
        display.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    quiet_info = quiet_info and settings().verbosity < display.VERBOSE
    for finding in findings:
        if finding.severity == "info" and (quiet_info or quiet()):
            continue
        display.echo(str(finding), err=finding.severity != "info" and not one_stream)
