"""``lectio build``: the PDF and the EPUB, verified; nothing done when nothing changed (docs/rebuilds.md)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from lectio.cli.options import echo_line, print_findings, say, with_project


@click.command("build")
@with_project
@click.option("--to", "targets", multiple=True, type=click.Choice(["pdf", "epub", "tei", "cover"]),
              help="Outputs to make (default: pdf, epub and tei); tei is the TEI P5 export, "
                   "build/<name>.tei.xml; cover is the full-wrap print cover, build/<name>.cover.pdf.")
@click.option("--verify/--no-verify", default=True, show_default=True, help="Run the checks on the outputs.")
@click.option("--force", is_flag=True, help="Rebuild and check everything, even what build/.cache says is "
              "up to date.")
def command(project: Path, targets: tuple[str, ...], verify: bool, force: bool) -> None:
    """Build the edition to build/<name>.pdf, build/<name>.epub and build/<name>.tei.xml
    (and build/<name>.cover.pdf)."""
    from lectio import cache, manifest
    from lectio.targets import TARGETS

    started = time.monotonic()
    targets = targets or TARGETS
    status = manifest.Status() if force else manifest.status(project, targets, verify)
    if status.fresh:
        say(status.line())
        return
    with cache.forcing(force):
        errors = _verify_only(project, targets, status) if status.unverified else _build(project, targets, verify)
    say(f"done in {time.monotonic() - started:.1f} s", err=True)
    if errors:
        sys.exit(1)


def _build(project: Path, targets: tuple[str, ...], verify: bool) -> list:
    from lectio import build as builder

    result = builder.build(project, targets, check_outputs=verify, echo=echo_line)
    for path in result.outputs:
        say(f"wrote {path}")
    return result.errors


def _verify_only(project: Path, targets: tuple[str, ...], status) -> list:
    """The outputs are those of the inputs, but were built with --no-verify: check them as they are."""
    from lectio import build as builder, manifest
    from lectio.errors import ERROR

    findings, report = builder.verify_outputs(project, targets)
    for line in builder.report_lines(report):
        say(line)
    print_findings(findings, "text", one_stream=True)
    errors = [f for f in findings if f.severity == ERROR]
    if not errors:
        manifest.mark_verified(project, targets)
        say(status.line().replace("up to date:", "up to date, verified now:", 1))
    return errors
