"""``lectio check``: every stage short of rendering; exit 1 on errors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lectio.cli.options import FORMAT, print_findings, say, with_project


def summary(findings) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return (f"{counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} resolved by the editor")


@click.command("check")
@with_project
@FORMAT
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--all", "show_all", is_flag=True,
              help="Also list resolved findings with the editor's decisions (the whole report on stdout).")
def command(project: Path, output_format: str, strict: bool, show_all: bool) -> None:
    """Run every stage short of rendering and report what needs the editor."""
    from lectio import pipeline
    from lectio.errors import LectioError

    try:
        checked = pipeline.check(project, strict=strict)
    except LectioError as error:  # a file that stops the run (edition.toml): its errors as findings
        if output_format != "json":
            raise
        print_findings(list(error.findings) or [error.as_finding()], "json")
        sys.exit(1)
    print_findings(checked.findings, output_format, quiet_info=not show_all, one_stream=show_all)
    if output_format == "text":
        say(summary(checked.findings), err=not show_all)
    if checked.errors:
        sys.exit(1)
