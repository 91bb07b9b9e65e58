"""The ``lectio`` command: one subcommand per job, a thin layer over the pipeline.

Exit status: 0 done, 1 bad input or failed check, 2 bad usage.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from lectio import __version__
from lectio.errors import ERROR, LectioError, StageFailed

PROJECT = click.option("--project", "-p", default=".", show_default=True,
                       type=click.Path(file_okay=True, dir_okay=True, path_type=Path),
                       help="Project folder (or its edition.toml).")


class Context:
    debug = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lectio")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def main(debug: bool) -> None:
    """Critical editions from plain texts: PDF and EPUB 3 from one source."""
    Context.debug = debug


def guarded(function):
    """Run a command; a LectioError becomes a message and exit status 1."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except LectioError as error:
            if Context.debug:
                raise
            click.echo(str(error), err=True)
            sys.exit(1)
    return wrapper


def _print_findings(findings, output_format: str, quiet_info: bool = True) -> None:
    if output_format == "json":
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    for finding in findings:
        if finding.severity == "info" and quiet_info:
            continue
        click.echo(str(finding), err=finding.severity != "info")


@main.command()
@PROJECT
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--all", "show_all", is_flag=True, help="Also list resolved findings with the editor's decisions.")
@guarded
def check(project: Path, output_format: str, strict: bool, show_all: bool) -> None:
    """Run every stage short of rendering and report what needs the editor."""
    from lectio import pipeline

    checked = pipeline.check(project, strict=strict)
    _print_findings(checked.findings, output_format, quiet_info=not show_all)
    if output_format == "text":
        counts = {s: sum(1 for f in checked.findings if f.severity == s) for s in ("error", "warning", "info")}
        click.echo(f"{counts['error']} errors, {counts['warning']} warnings, "
                   f"{counts['info']} resolved by the editor", err=True)
    if checked.errors:
        sys.exit(1)


@main.command()
@PROJECT
@click.option("--to", "targets", multiple=True, type=click.Choice(["pdf", "epub"]),
              help="Formats to make (default: both).")
@click.option("--verify/--no-verify", default=True, show_default=True, help="Run the checks on the outputs.")
@guarded
def build(project: Path, targets: tuple[str, ...], verify: bool) -> None:
    """Build the edition to build/<name>.pdf and build/<name>.epub."""
    from lectio import build as builder

    started = time.monotonic()
    result = builder.build(project, targets or ("pdf", "epub"), check_outputs=verify, echo=click.echo)
    for path in result.outputs:
        click.echo(f"wrote {path}")
    click.echo(f"done in {time.monotonic() - started:.1f} s", err=True)
    if result.errors:
        sys.exit(1)


@main.command()
@PROJECT
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@guarded
def verify(project: Path, output_format: str) -> None:
    """Check the built PDF and EPUB: EPUBCheck, fonts, page boxes."""
    from lectio import build as builder

    findings, report = builder.verify_outputs(project)
    if output_format == "json":
        click.echo(json.dumps({"report": report, "findings": [f.to_dict() for f in findings]}, indent=2))
    else:
        for line in builder.report_lines(report):
            click.echo(line)
        _print_findings(findings, "text")
    if any(f.severity == ERROR for f in findings):
        sys.exit(1)


@main.command()
@PROJECT
@click.argument("sigla", nargs=-1)
@click.option("--diff", "show_diff", is_flag=True, help="Show the changes as a unified diff.")
@click.option("--write", is_flag=True, help="Write canonical Markdown over the source, keeping a .orig backup.")
@guarded
def normalize(project: Path, sigla: tuple[str, ...], show_diff: bool, write: bool) -> None:
    """Show (or write) what normalization does to each reading's source."""
    from lectio import build as builder

    for text, summary in builder.normalize_readings(project, sigla, write=write):
        if show_diff:
            click.echo(summary.diff, nl=False)
        click.echo(summary.line, err=show_diff)


@main.command()
@guarded
def rules() -> None:
    """List the normalization rules."""
    from lectio.sources import describe_rules

    for name, summary in describe_rules():
        click.echo(f"{name:24} {summary}")


from lectio.cli_apparatus import apparatus as _apparatus  # noqa: E402  (uses guarded, PROJECT above)

main.add_command(_apparatus)


def _run() -> None:  # pragma: no cover - console entry for python -m
    main()


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["main", "StageFailed"]
